/**
 * npm run bench [-- --seconds 10] [--only postgres|pglite] [--rows list-distinct,search-page]
 *
 * --rows runs a subset of the page rows (keys: home, list-distinct, list-repeated, advisor, advisor-distinct, lab, labs,
 * institutions, search-page, api-search, api-advisors, api-advisor, api-labs) and prints them without
 * touching docs/benchmarks.md (the history compares whole runs only).
 *
 * Every page kind, side by side, at 32 connections (autocannon, closed loop, keep-alive), on the
 * production build with the full shipped data, on Postgres and on PGlite, against a static
 * baseline: a bare Node `http` server answering the same bytes as the advisor list, in the same run.
 * Per row: req/s, p50, p99, errors (non-2xx, time-outs, socket errors), and the server's RSS.
 * Results and their history: docs/benchmarks.md (section "pages"). Not run in CI.
 *
 * Postgres: BENCH_DATABASE_URL (an imported database), else a throwaway cluster imported here.
 * PGlite: a copy of the test template (.data/test-templates) when built, else a fresh import.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { benchPglite, benchPostgres, cannon, CONNECTIONS } from "./bench-load";
import { distinctListPaths, prefixPaths } from "./bench-paths";
import { machineLine, writeBenchmarkSection } from "./bench-report";
import { freePort } from "./free-port";
import { type App, type Cluster, ROOT, startApp } from "./loopback";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg("seconds") ?? 10);
const ONLY = arg("only");
const ROWS = arg("rows")
  ?.split(",")
  .map((r) => r.trim());

type Row = {
  what: string;
  reqs: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
  bytes: number;
  /** The server's CPU time per request (ms): its own work, whatever else runs on the machine. */
  cpuMsPerReq?: number;
  requests?: number;
};

async function staticBaseline(bytes: Buffer): Promise<Row> {
  const port = await freePort();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  try {
    const r = await cannon(`http://127.0.0.1:${port}`, () => "/", SECONDS);
    return {
      what: `static baseline (bare Node http, the list page's ${(bytes.length / 1024).toFixed(0)} kB)`,
      ...r,
      rssMb: 0,
    };
  } finally {
    server.close();
  }
}

async function pageRows(app: App, label: string): Promise<Row[]> {
  const get = async (p: string) => {
    const res = await fetch(app.url + p);
    return { status: res.status, text: await res.text() };
  };
  const heaviest = JSON.parse((await get("/api/advisors?sort=papers&limit=1")).text).advisors[0].slug as string;
  const labs = JSON.parse((await get("/api/labs")).text).labs as { slug: string }[];
  const names = (JSON.parse((await get("/api/advisors?limit=200")).text).advisors as { name: string }[]).map(
    (a) => a.name,
  );
  const institution = (await get("/institutions")).status === 200 ? "/institutions" : null;
  // The 1,000 best-ranked advisors (those students open first), one after another: no page is kept
  // between two visits (the first row of a cold cache, what a crawler or many different students see).
  const ranked: string[] = [];
  for (let offset = 0; offset < 1000; offset += 200)
    ranked.push(
      ...(JSON.parse((await get(`/api/advisors?limit=200&offset=${offset}`)).text).advisors as { slug: string }[]).map(
        (a) => a.slug,
      ),
    );
  let next = 0;
  const distinctAdvisor = () => `/advisors/${ranked[next++ % ranked.length]}?visit=${next}`;
  const listUrl = "/advisors?continent=EU&venues=neurips,icml,iclr&from=2021&to=2025";
  const kinds: [string, string, () => string][] = [
    ["home", "home /", () => "/"],
    ["list-distinct", "advisor list, distinct filters per request", distinctListPaths()],
    ["list-repeated", `advisor list, one URL repeated (${listUrl})`, () => listUrl],
    ["advisor", `heaviest advisor page (/advisors/${heaviest})`, () => `/advisors/${heaviest}`],
    ["advisor-distinct", "advisor pages, a different one per request (top 1,000, never kept)", distinctAdvisor],
    ["lab", `a lab (/labs/${labs[0].slug})`, () => `/labs/${labs[0].slug}`],
    ["labs", "labs /labs", () => "/labs"],
    ...(institution
      ? ([["institutions", "institutions /institutions", () => institution]] as [string, string, () => string][])
      : []),
    [
      "search-page",
      "search page /search?q=…",
      (
        (p) => () =>
          p().replace("/api/search", "/search")
      )(prefixPaths(names)),
    ],
    ["api-search", "/api/search, distinct prefixes", prefixPaths(names)],
    ["api-advisors", "/api/advisors?limit=50", () => "/api/advisors?limit=50"],
    ["api-advisor", `/api/advisors/${heaviest} (every paper)`, () => `/api/advisors/${heaviest}`],
    ["api-labs", "/api/labs", () => "/api/labs"],
  ];
  const unknown = ROWS?.filter((r) => !kinds.some(([key]) => key === r)) ?? [];
  if (unknown.length > 0)
    throw new Error(`--rows: unknown row ${unknown.join(", ")} (one of ${kinds.map(([k]) => k).join(", ")})`);
  const rows: Row[] = [];
  for (const [key, what, paths] of kinds) {
    if (ROWS && !ROWS.includes(key)) continue;
    await cannon(app.url, paths, 1); // warm-up (first renders, index builds)
    const cpuBefore = app.cpuMs();
    const r = await cannon(app.url, paths, SECONDS);
    const cpuMsPerReq = (app.cpuMs() - cpuBefore) / Math.max(1, r.requests);
    const row = { what: `${what}, ${label}`, ...r, rssMb: app.rssMb(), cpuMsPerReq };
    console.log(
      `${row.what}: ${row.reqs} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors, ${(row.bytes / 1024).toFixed(0)} kB, RSS ${row.rssMb} MB, server CPU ${cpuMsPerReq.toFixed(2)} ms/request`,
    );
    rows.push(row);
  }
  return rows;
}

async function main() {
  if (!existsSync(path.join(ROOT, "build", "server", "index.js"))) throw new Error("run `npm run build` first");
  const rows: Row[] = [];
  let cluster: Cluster | null = null;
  let pgliteDir: string | null = null;
  let baselineBytes: Buffer | null = null;
  try {
    if (ONLY !== "pglite") {
      const db = await benchPostgres();
      cluster = db.cluster;
      const app = await startApp({ DATABASE_URL: db.url });
      try {
        baselineBytes = Buffer.from(
          await (
            await fetch(`${app.url}/advisors?continent=EU&venues=neurips,icml,iclr&from=2021&to=2025`)
          ).arrayBuffer(),
        );
        rows.push(await staticBaseline(baselineBytes));
        console.log(`${rows[0].what}: ${rows[0].reqs} req/s, p50 ${rows[0].p50} ms, p99 ${rows[0].p99} ms`);
        rows.push(...(await pageRows(app, "Postgres")));
      } finally {
        await app.stop();
      }
    }
    if (ONLY !== "postgres") {
      const { dir, data } = await benchPglite("atlas-bench-pglite-");
      pgliteDir = dir;
      const app = await startApp({ DATABASE_URL: "", PGLITE_DATA_DIR: data });
      try {
        if (!baselineBytes) {
          baselineBytes = Buffer.from(
            await (
              await fetch(`${app.url}/advisors?continent=EU&venues=neurips,icml,iclr&from=2021&to=2025`)
            ).arrayBuffer(),
          );
          rows.push(await staticBaseline(baselineBytes));
        }
        rows.push(...(await pageRows(app, "PGlite")));
      } finally {
        await app.stop();
      }
    }
  } finally {
    cluster?.destroy();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
  if (ROWS) console.log("--rows: a subset of the rows; docs/benchmarks.md left as it was.");
  else report(rows);
}

function report(rows: Row[]) {
  const base = rows[0].reqs;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const table = [
    "| what | req/s | % of baseline | p50 ms | p99 ms | errors | HTML/JSON kB | server RSS MB | server CPU ms/request |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r, i) =>
        `| ${r.what} | ${r.reqs.toLocaleString("en")} | ${i === 0 ? "100%" : `${((100 * r.reqs) / base).toFixed(1)}%`} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.bytes / 1024).toFixed(0)} | ${r.rssMb || ""} | ${r.cpuMsPerReq?.toFixed(2) ?? ""} |`,
    ),
  ];
  const pick = (re: RegExp) => rows.find((r) => re.test(r.what) && /Postgres/.test(r.what));
  const summary = [
    date,
    `${base.toLocaleString("en")}`,
    `${pick(/distinct filters/)?.reqs ?? "–"} / p99 ${pick(/distinct filters/)?.p99 ?? "–"}`,
    `${pick(/one URL repeated/)?.reqs ?? "–"}`,
    `${pick(/heaviest/)?.reqs ?? "–"} / p99 ${pick(/heaviest/)?.p99 ?? "–"}`,
    `${Math.max(...rows.filter((r) => /Postgres/.test(r.what)).map((r) => r.p99), 0)}`,
    `${Math.max(...rows.filter((r) => /Postgres/.test(r.what)).map((r) => r.rssMb), 0)}`,
    load,
  ];
  const FILE = path.join(ROOT, "docs", "benchmarks.md");
  const old = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
  const section = /<!-- bench:pages -->([\s\S]*?)<!-- \/bench:pages -->/.exec(old)?.[1] ?? "";
  const history = section.split("\n").filter((l) => /^\| (20\d\d-|before)/.test(l));
  if (history.length === 0)
    history.push(
      "| before (issue 13, same machine kind) | 12,116 | 199 / p99 258 | – (no cache) | 3.2 / p99 8,700 (41 / 1,500 after a manual ANALYZE) | 8,700 | 583 | – |",
    );
  history.push(`| ${summary.join(" | ")} |`);
  writeBenchmarkSection(
    "pages",
    [
      "## Pages side by side (`npm run bench`)",
      "",
      `${date} UTC · ${machineLine()} · load average at the end: ${load} (the app, the database and autocannon share the machine).`,
      `Production build, full shipped data, autocannon with ${CONNECTIONS} keep-alive connections, ${SECONDS} s per row after a 1 s warm-up, no Accept-Encoding.`,
      "The baseline is a bare Node `http` server answering the same bytes as the advisor list, in the same run. Errors: non-2xx + socket errors + time-outs.",
      "RSS: the server process at the end of the row. Targets (issue 13): every page p99 < 100 ms on Postgres; distinct-filter list ≥ 500 req/s;",
      "a repeated URL ≥ 60% of the baseline; no page over 150 kB; RSS < 300 MB on Postgres.",
      "Server CPU ms/request: the server process's CPU time (/proc, user + system) over the row divided by its requests: its own cost, which a busy shared machine disturbs far less than req/s.",
      "",
      ...table,
      "",
      "### History (Postgres)",
      "",
      "| run | baseline req/s | list, distinct filters req/s | list, repeated URL req/s | heaviest advisor page req/s | worst page p99 ms | max RSS MB | load average |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      ...history,
    ].join("\n"),
  );
  console.log("Written to docs/benchmarks.md (section pages).");
}

await main();
