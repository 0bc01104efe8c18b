/**
 * What the page benches share (scripts/bench.ts, scripts/bench-memory.ts): one autocannon row at
 * 32 connections, and the databases they run on (an imported Postgres, a PGlite copy of the test
 * template), so their rows measure the same thing.
 */
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { parseEnv } from "../app/lib/env.server";
import { dataHash, pgliteTemplatePath } from "../test/support/templates";
import { type Cluster, importInto, runScript, startCluster } from "./loopback";

export const CONNECTIONS = 32;

/** One row: `paths` gives each request's path; errors are non-2xx, socket errors and time-outs. */
export async function cannon(url: string, paths: () => string, seconds: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  return {
    reqs: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    requests: result.requests.total,
  };
}

/** BENCH_DATABASE_URL (an imported database), else a throwaway cluster imported here (destroy it after). */
export async function benchPostgres(): Promise<{ url: string; cluster: Cluster | null }> {
  const url = parseEnv().BENCH_DATABASE_URL;
  if (url) return { url, cluster: null };
  const cluster = await startCluster();
  console.log("Importing the shipped data into a throwaway Postgres cluster…");
  await importInto(cluster, "bench");
  return { url: cluster.url("bench"), cluster };
}

/** A PGlite data directory in a new temporary directory (remove `dir` after): the test template's copy, else a fresh import. */
export async function benchPglite(prefix: string): Promise<{ dir: string; data: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = path.join(dir, "pglite");
  const template = pgliteTemplatePath("shipped", dataHash());
  if (existsSync(template)) cpSync(template, data, { recursive: true });
  else {
    console.log("Importing the shipped data into PGlite…");
    const r = await runScript("scripts/import.ts", { DATABASE_URL: "", PGLITE_DATA_DIR: data }, ["--json"]);
    if (r.code !== 0) throw new Error(r.out);
  }
  return { dir, data };
}
