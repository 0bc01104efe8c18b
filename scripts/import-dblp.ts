/**
 * npm run import:dblp -- <dblp.xml.gz> [--dtd dblp.dtd] [--dry-run] [--on-error=skip|stop] [--force] [--json]
 * Streams a dblp dump (progress by bytes read, with an ETA), stores the selected venues' papers and
 * their people, then runs the main import (scripts/import.ts) in a child process. --dry-run parses only and prints one JSON line
 * {"papers","authorships","people","skipped"}.
 */
import { spawnSync } from "node:child_process";
import { Presets, SingleBar } from "cli-progress";
import { closeDb, getDb } from "../app/lib/db.server";
import { importDblp, parseDblpDump } from "../app/lib/import/dblp/import.server";
import { formatProblem, type OnError } from "../app/lib/import/paper-list.server";
import { prepareDatabase } from "../app/lib/setup.server";
import { argValue, hasFlag, positionalArgs, runCli } from "./cli";

await runCli(async () => {
  const [dump, ...extra] = positionalArgs(["dtd", "on-error", "batch-size"]);
  if (!dump || extra.length > 0)
    throw new Error("usage: npm run import:dblp -- <dblp.xml.gz> [--dtd dblp.dtd] [--dry-run] [--on-error=skip|stop]");
  const onError = (argValue("on-error") ?? "stop") as OnError;
  if (onError !== "skip" && onError !== "stop") throw new Error(`--on-error must be skip or stop, not "${onError}"`);
  const json = hasFlag("json");
  const quiet = json || hasFlag("dry-run") || !process.stderr.isTTY;
  const bar = new SingleBar(
    {
      format: " dblp [{bar}] {percentage}% | {mb}/{totalMb} MB | ETA {eta_formatted}",
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  const onProgress = (read: number, total: number) => {
    if (quiet) return;
    if (!started) {
      bar.start(total, 0, { mb: 0, totalMb: (total / 1e6).toFixed(0) });
      started = true;
    }
    bar.update(read, { mb: (read / 1e6).toFixed(0) });
  };
  const options = { dtdPath: argValue("dtd"), onError, onProgress };

  if (hasFlag("dry-run")) {
    const t0 = performance.now();
    const parsed = await parseDblpDump(dump, options);
    for (const p of parsed.problems) console.error(`skipped: ${formatProblem(p)}`);
    console.log(JSON.stringify(parsed.counts));
    // --stats (benchmarks): time, CPU and peak memory on stderr, so stdout stays one JSON line.
    if (hasFlag("stats")) {
      const usage = process.resourceUsage();
      console.error(
        JSON.stringify({
          seconds: (performance.now() - t0) / 1000,
          cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
          maxRssMb: usage.maxRSS / 1024,
          bytes: parsed.bytes,
          uncompressedBytes: parsed.uncompressedBytes,
        }),
      );
    }
    return;
  }
  await prepareDatabase();
  try {
    const report = await importDblp(getDb(), dump, {
      ...options,
      force: hasFlag("force"),
      batchSize: argValue("batch-size") ? Number(argValue("batch-size")) : undefined,
    });
    if (started) bar.stop();
    if (json) {
      console.log(JSON.stringify(report));
      return;
    }
    if (report.skippedAsUnchanged)
      console.log(`${report.file} was imported completely already; nothing to do (--force to re-read it).`);
    else {
      const w = report.written;
      console.log(
        `${report.file}: ${report.counts.papers} papers, ${report.counts.authorships} authorships, ${report.counts.people} people read in ${report.seconds.toFixed(1)} s${report.resumed ? " (resumed)" : ""}${report.complete ? "" : " (the dump ended early: nothing removed)"}`,
      );
      console.log(
        `  written: ${w.papersAdded} papers added, ${w.papersChanged} changed, ${w.papersRemoved} removed; ${w.peopleWritten} people written, ${w.peopleRemoved} removed`,
      );
      for (const s of report.skippedReasons) console.log(`  skipped ${s.count}: ${s.reason}`);
      for (const p of report.problems) console.log(`  problem: ${formatProblem(p)}`);
      if (report.problemCount > report.problems.length)
        console.log(`  … ${report.problemCount - report.problems.length} more problems`);
    }
  } finally {
    if (started) bar.stop();
    await closeDb();
  }
  // The derivation (people, advisors, counts) is the main import, in its own process: this one
  // stays within the dblp reader's memory bound (the npm script caps its heap).
  const derive = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...(json ? ["--json"] : [])], {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (derive.status !== 0)
    throw new Error("the main import after the dblp import failed (see above); run npm run db:import to retry");
});
