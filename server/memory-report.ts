/**
 * The server's memory. `limitHeapGrowth`: after each full collection V8 lets the old generation grow
 * to a multiple of what was live before collecting again, a multiple it raises up to 4 when
 * collections look cheap compared with the program's work: under load the heap held 3–5× the live
 * data (RSS 600 MB for about 110 MB live). A fixed factor keeps RSS near the live data and follows it
 * when the data grows, unlike a fixed cap (--max-old-space-size), which halved throughput and would
 * crash a 10× data set.
 *
 * `kill -USR2 <pid>`: the server prints one line on stdout saying where its memory is (RSS, V8's heap
 * used and reserved per space, memory outside the heap), without stopping or slowing it (no heap
 * snapshot, which pauses the process for seconds). For an operator wondering why RSS grew, and for
 * scripts/bench-memory.ts, which reads the line at the end of each phase.
 */
import v8 from "node:v8";

const MB = 1024 * 1024;

/** The line printed: `memory: rss=… heapUsed=… heapTotal=… external=… arrayBuffers=… | new=used/size …`. */
export function memoryLine(): string {
  const m = process.memoryUsage();
  const spaces = v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_size > 0)
    .map((s) => `${s.space_name.replace(/_space$/, "")}=${mb(s.space_used_size)}/${mb(s.space_size)}`)
    .join(" ");
  return `memory: rss=${mb(m.rss)} heapUsed=${mb(m.heapUsed)} heapTotal=${mb(m.heapTotal)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} MB | ${spaces}`;
}

function mb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/**
 * Started with `--expose-gc` (NODE_OPTIONS), the report also runs a full collection and prints what is
 * live: the difference to heapUsed is garbage not collected yet. Not by default: it pauses the server.
 */
/** Sets V8's heap growing factor to 1 + percent/100 (0 leaves V8's own, dynamic choice). */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

export function reportMemoryOnSignal(signal: NodeJS.Signals = "SIGUSR2"): void {
  process.on(signal, () => {
    console.log(memoryLine());
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      console.log(`after a full GC: ${memoryLine()}`);
    }
  });
}
