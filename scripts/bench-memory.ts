/**
 * npm run bench:memory [-- --seconds 10] [--db postgres|pglite] [--entry compiled|source]
 *                      [--node-flags "--max-semi-space-size=4"] [--label "what changed"] [--no-write]
 *
 * The server's resident memory (issue 13: < 300 MB under load on Postgres, PGlite reported apart):
 * the production server started as `npm run serve` starts it, then sampled every 250 ms through the
 * load rows of `npm run bench` that hold the most memory (the list with distinct filters, a different
 * advisor page per request, the search page, the APIs), 32 connections, `--seconds` per row.
 * RSS is the server process and its descendants (/proc; as scripts/loopback.ts counts it for the benches).
 *
 * Phases: when it listens; idle once the ranking and topic indexes are loaded; the peak and the end of
 * each row; 15 s idle after the last row. `--entry source` runs the TypeScript sources through tsx
 * (the old `npm run serve`), for a before/after in the same conditions; `--node-flags` passes V8
 * flags to the server's node (on its command line: NODE_OPTIONS refuses most V8 flags). Each run appends one line to the history in docs/benchmarks.md
 * (section memory) unless `--no-write`.
 *
 * Postgres: BENCH_DATABASE_URL (an imported database), else a throwaway cluster imported here.
 * PGlite: a copy of the test template (.data/test-templates) when built, else a fresh import.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchPglite, benchPostgres, cannon, CONNECTIONS } from "./bench-load";
import { distinctListPaths, prefixPaths } from "./bench-paths";
import { machineLine, writeBenchmarkSection } from "./bench-report";
import { type App, type Cluster, ROOT, sleep, startApp, type StartEntry } from "./loopback";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg("seconds") ?? 10);
const DB = (arg("db") ?? "postgres") as "postgres" | "pglite";
const ENTRY = (arg("entry") ?? "compiled") as StartEntry;
const NODE_FLAGS = arg("node-flags") ?? "";
const LABEL = arg("label") ?? "";
const WRITE = !args.includes("--no-write");
const SAMPLE_MS = 250;

type Phase = {
  what: string;
  reqs?: number;
  p99?: number;
  errors?: number;
  /** The server's CPU time per request (ms, user + system, its GC threads included). */
  cpuMs?: number;
  peakMb: number;
  endMb: number;
};

/** Samples the server's RSS while `work` runs: the peak and the value at the end. */
async function sampled<T>(app: App, work: () => Promise<T>): Promise<{ result: T; peakMb: number; endMb: number }> {
  let peakMb = app.rssMb();
  const timer = setInterval(() => (peakMb = Math.max(peakMb, app.rssMb())), SAMPLE_MS);
  try {
    const result = await work();
    const endMb = app.rssMb();
    return { result, peakMb: Math.max(peakMb, endMb), endMb };
  } finally {
    clearInterval(timer);
  }
}

async function json<T>(app: App, p: string): Promise<T> {
  const res = await fetch(app.url + p);
  if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
  return (await res.json()) as T;
}

async function measure(app: App): Promise<Phase[]> {
  const phases: Phase[] = [];
  const listening = app.rssMb();
  phases.push({ what: "listening", peakMb: listening, endMb: listening });
  // The indexes load in the background after the server listens; a list page waits for them.
  const warm = await sampled(app, async () => {
    for (const p of ["/advisors", "/advisors?topics=reinforcement-learning", "/search?q=learning"])
      await fetch(app.url + p);
    await sleep(5000);
  });
  phases.push({ what: "idle, indexes loaded", ...warm });

  const ranked: string[] = [];
  for (let offset = 0; offset < 1000; offset += 200)
    ranked.push(
      ...(await json<{ advisors: { slug: string }[] }>(app, `/api/advisors?limit=200&offset=${offset}`)).advisors.map(
        (a) => a.slug,
      ),
    );
  const names =
    ranked.length > 0
      ? (await json<{ advisors: { name: string }[] }>(app, "/api/advisors?limit=200")).advisors.map((a) => a.name)
      : [];
  let next = 0;
  const search = prefixPaths(names);
  const rows: [string, () => string][] = [
    ["advisor list, distinct filters per request", distinctListPaths()],
    ["advisor list, one URL repeated", () => "/advisors?continent=EU&venues=neurips,icml,iclr&from=2021&to=2025"],
    ["advisor pages, a different one per request", () => `/advisors/${ranked[next++ % ranked.length]}?visit=${next}`],
    ["search page /search?q=…", () => search().replace("/api/search", "/search")],
    ["/api/search, distinct prefixes", prefixPaths(names)],
    ["/api/advisors?limit=50", () => "/api/advisors?limit=50"],
  ];
  for (const [what, paths] of rows) {
    let cpuMs = 0;
    const { result, peakMb, endMb } = await sampled(app, async () => {
      await cannon(app.url, paths, 1);
      const cpuBefore = app.cpuMs();
      const r = await cannon(app.url, paths, SECONDS);
      cpuMs = (app.cpuMs() - cpuBefore) / Math.max(1, r.requests);
      return r;
    });
    phases.push({ what, reqs: result.reqs, p99: result.p99, errors: result.errors, cpuMs, peakMb, endMb });
    console.log(
      `${what}: ${result.reqs} req/s, p99 ${result.p99} ms, ${result.errors} errors, server CPU ${cpuMs.toFixed(2)} ms/request, RSS peak ${peakMb} MB, end ${endMb} MB`,
    );
  }
  const after = await sampled(app, () => sleep(15_000));
  phases.push({ what: "idle 15 s after the load", ...after });
  return phases;
}

async function main() {
  const env: Record<string, string> = {};
  let cluster: Cluster | null = null;
  let dir: string | null = null;
  try {
    if (DB === "postgres") {
      const db = await benchPostgres();
      cluster = db.cluster;
      env.DATABASE_URL = db.url;
    } else {
      const pglite = await benchPglite("atlas-bench-memory-");
      dir = pglite.dir;
      const { data } = pglite;
      Object.assign(env, { DATABASE_URL: "", PGLITE_DATA_DIR: data });
    }
    const app = await startApp(env, { entry: ENTRY, nodeFlags: NODE_FLAGS.split(/\s+/).filter(Boolean) });
    let phases: Phase[];
    try {
      phases = await measure(app);
    } finally {
      await app.stop();
    }
    report(phases);
  } finally {
    cluster?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function report(phases: Phase[]) {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const how = `${DB === "postgres" ? "Postgres" : "PGlite"}, ${ENTRY === "compiled" ? "compiled entry" : "tsx (sources)"}${NODE_FLAGS ? `, ${NODE_FLAGS}` : ""}`;
  console.log(`\n${date} UTC · ${how} · load average ${load}`);
  console.log("| phase | req/s | p99 ms | errors | server CPU ms/request | RSS peak MB | RSS end MB |");
  for (const p of phases)
    console.log(
      `| ${p.what} | ${p.reqs ?? ""} | ${p.p99 ?? ""} | ${p.errors ?? ""} | ${p.cpuMs?.toFixed(2) ?? ""} | ${p.peakMb} | ${p.endMb} |`,
    );
  if (!WRITE) return;
  const loaded = phases.filter((p) => p.reqs !== undefined);
  const at = (what: string) => phases.find((p) => p.what === what)!;
  const line = [
    date,
    LABEL || "–",
    how,
    at("listening").endMb,
    at("idle, indexes loaded").endMb,
    Math.max(...loaded.map((p) => p.peakMb)),
    loaded[loaded.length - 1].endMb,
    at("idle 15 s after the load").endMb,
    loaded.map((p) => `${p.reqs}`).join(" · "),
    loaded.map((p) => p.cpuMs!.toFixed(2)).join(" · "),
    loaded.reduce((n, p) => n + (p.errors ?? 0), 0),
    load,
  ];
  const FILE = path.join(ROOT, "docs", "benchmarks.md");
  const old = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
  const section = /<!-- bench:memory -->([\s\S]*?)<!-- \/bench:memory -->/.exec(old)?.[1] ?? "";
  const history = section.split("\n").filter((l) => /^\| 20\d\d-/.test(l));
  history.push(`| ${line.join(" | ")} |`);
  writeBenchmarkSection(
    "memory",
    [
      "### Server memory under load (`npm run bench:memory`)",
      "",
      `${machineLine()}. The server as \`npm run serve\` starts it (production build, full shipped data), then the rows`,
      `of \`npm run bench\` that hold the most memory, ${CONNECTIONS} connections, ${SECONDS} s each after a 1 s warm-up: list with distinct filters,`,
      "list with one URL repeated, a different advisor page per request, the search page, /api/search with distinct prefixes, /api/advisors?limit=50.",
      "RSS (MB) of the server process and its descendants (/proc), sampled every 250 ms. req/s and server CPU ms/request (user + system,",
      "GC threads included: what a setting costs, much less disturbed by the shared machine than req/s) per row in that order.",
      "The machine is shared: compare lines run one after the other (same load average), not across days.",
      "",
      "| run (UTC) | change | server | RSS listening | RSS idle, indexes loaded | RSS peak under load | RSS end of load | RSS 15 s idle after | req/s per row | server CPU ms/request per row | errors | load average |",
      "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |",
      ...history,
    ].join("\n"),
  );
  console.log("Written to docs/benchmarks.md (section memory).");
}

await main();
