/**
 * npm run bench:uncached -- --database postgres://…/atlas_x [--app-dir DIR]… [--rows advisor,list,search] [--amount 300]
 *
 * The cost of pages nobody asked for before (issue 13): the same fixed set of distinct URLs, in the
 * same order, against each app directory given (default: this one; give an older checkout, built,
 * to compare before and after back to back), 32 connections. Per request it reports the server's
 * CPU and the CPU of the app's Postgres backends (from /proc: the Postgres server must run on this
 * machine), which a busy shared machine disturbs far less than req/s. Each app runs its own
 * production build (`npm run build` there first) against an imported database (`--database`).
 * Prints a Markdown table; docs/benchmarks.md ("Uncached pages") keeps the results by hand.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { machineLine } from "./bench-report";
import { freePort } from "./free-port";
import { ROOT, serverCpuMs, sleep } from "./loopback";

const argv = process.argv.slice(2);
const many = (name: string) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
const one = (name: string) => many(name)[0];
const database = one("--database") ?? process.env.BENCH_DATABASE_URL;
if (!database) throw new Error("give --database postgres://… (an imported database) or BENCH_DATABASE_URL");
const appDirs = many("--app-dir").map((d) => path.resolve(d));
if (appDirs.length === 0) appDirs.push(ROOT);
const rows = (one("--rows") ?? "advisor,list,search").split(",");
const amount = Number(one("--amount") ?? 300);

/** CPU ms of the app's Postgres backends (their pids from pg_stat_activity, their time from /proc). */
function backendPids(): number[] {
  const dbName = new URL(database!).pathname.slice(1);
  const out = execFileSync("psql", [
    "-X",
    "-At",
    database!,
    "-c",
    `select pid from pg_stat_activity where datname = '${dbName.replace(/'/g, "''")}' and pid <> pg_backend_pid()`,
  ]);
  return out.toString().split("\n").filter(Boolean).map(Number);
}
const backendCpuMs = (pids: number[]) => pids.reduce((s, p) => s + serverCpuMs(p), 0);

type Paths = () => string;

function pathsFor(row: string, advisors: string[]): { warm: Paths; measured: Paths } {
  // Warm-up and measured requests never share a URL; the measured ones are the same for every app.
  const make = (start: number): Paths => {
    let i = start;
    if (row === "advisor") return () => `/advisors/${advisors[i++ % advisors.length]}?visit=${i}`;
    if (row === "search") {
      const words = ["learn", "graph", "bayes", "reinfor", "diffus", "optim", "kernel", "bandit", "causal", "robust"];
      return () => (i++, `/search?q=${words[i % words.length]}${"abcdefghij"[Math.floor(i / 10) % 10]}&n=${i}`);
    }
    const continents = ["", "EU", "NA", "AS", "OC"];
    const venueSets = ["neurips,icml,iclr", "neurips,icml", "icml,iclr", "neurips,icml,iclr,colt,aistats,uai"];
    return () => {
      i++;
      const from = 2012 + (i % 10);
      const c = continents[i % 5];
      return `/advisors?${c ? `continent=${c}&` : ""}venues=${venueSets[(i >> 2) % 4]}&from=${from}&to=${from + 4}&minPapers=${i % 7}&n=${i}`;
    };
  };
  return { warm: make(500), measured: make(0) };
}

async function run(url: string, paths: Paths, opts: { amount?: number; duration?: number }) {
  return autocannon({
    url,
    connections: 32,
    ...opts,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
}

async function measure(appDir: string) {
  const port = await freePort();
  // The compiled entry where the build has one (npm run serve), else the source through tsx (older builds).
  const compiled = path.join(appDir, "build", "server", "start.js");
  const entry = existsSync(compiled) ? [compiled] : ["--import", "tsx", "scripts/start.ts"];
  const child = spawn(process.execPath, entry, {
    cwd: appDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: database },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error(`${appDir}: the app did not answer within 5 minutes`);
      if (
        await fetch(`${url}/advisors`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(500);
    }
    const advisors: string[] = [];
    for (let offset = 0; offset < 1000; offset += 200) {
      const body = (await (await fetch(`${url}/api/advisors?limit=200&offset=${offset}`)).json()) as {
        advisors: { slug: string }[];
      };
      advisors.push(...body.advisors.map((a) => a.slug));
    }
    const results = [];
    for (const row of rows) {
      const { warm, measured } = pathsFor(row, advisors);
      await run(url, warm, { duration: 3 }); // fills the pool to 32 connections, warms code and caches
      const pids = backendPids();
      const [server0, pg0] = [serverCpuMs(child.pid!), backendCpuMs(pids)];
      const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
      const r = await run(url, measured, { amount });
      const n = r.requests.total;
      results.push({
        row,
        load,
        reqps: Math.round(r.requests.average * 10) / 10,
        p99: r.latency.p99,
        non2xx: r.non2xx + r.errors,
        serverMs: (serverCpuMs(child.pid!) - server0) / n,
        postgresMs: (backendCpuMs(pids) - pg0) / n,
        kB: r.throughput.total / n / 1000,
      });
    }
    return results;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

console.log(`${machineLine()}; ${os.cpus().length} cores; ${amount} requests per row, 32 connections\n`);
console.log("| app | row | load avg | req/s | p99 | non-2xx | server CPU/req | Postgres CPU/req | kB/page |");
console.log("|---|---|---|---:|---:|---:|---:|---:|---:|");
for (const dir of appDirs)
  for (const r of await measure(dir))
    console.log(
      `| ${path.basename(dir)} | ${r.row} | ${r.load} | ${r.reqps} | ${r.p99} ms | ${r.non2xx} | ${r.serverMs.toFixed(1)} ms | ${r.postgresMs.toFixed(1)} ms | ${r.kB.toFixed(0)} |`,
    );
