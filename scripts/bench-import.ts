/**
 * npm run bench:import — full import time and rows/s into a real Postgres server and into PGlite,
 * a re-import of unchanged data (skipped by the data hash), and a forced re-import (every upsert
 * runs and changes nothing). Baseline beside them: the same importer untuned (batches of 500,
 * one at a time). Writes its section of docs/benchmarks.md.
 *
 * Needs a Postgres server: BENCH_DATABASE_URL (or DATABASE_URL) pointing at any database the
 * user may CREATE DATABASE from; throwaway databases atlas_bench_* are created and dropped.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { parseEnv } from "../app/lib/env.server";
import type { ImportReport } from "../app/lib/import/importer.server";
import { machineLine, writeBenchmarkSection } from "./bench-report";
import { runCli } from "./cli";

function runImport(env: Record<string, string>, args: string[] = []): ImportReport & { wall: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--json", ...args], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr || r.stdout}`);
  const last = r.stdout.trim().split("\n").pop()!;
  return { ...(JSON.parse(last) as ImportReport), wall: (performance.now() - started) / 1000 };
}

const rows = (r: ImportReport) => r.counts.papers + r.counts.authorships + r.counts.people;

await runCli(async () => {
  // parseEnv, not env(): this script points the app's database module elsewhere later.
  const { BENCH_DATABASE_URL, DATABASE_URL } = parseEnv();
  const admin = BENCH_DATABASE_URL ?? DATABASE_URL;
  if (!admin) throw new Error("set BENCH_DATABASE_URL (or DATABASE_URL) to a Postgres server to benchmark against");
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  const dbUrl = (name: string) => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const fresh = async (name: string) => {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
    return dbUrl(name);
  };
  const version = (await sql`show server_version`)[0].server_version as string;

  console.log("Postgres: tuned import…");
  const pgUrl = await fresh("atlas_bench_tuned");
  const pg = runImport({ DATABASE_URL: pgUrl });
  const pgAgain = runImport({ DATABASE_URL: pgUrl });
  const pgForced = runImport({ DATABASE_URL: pgUrl }, ["--force"]);

  console.log("Postgres: baseline import (batches of 500, one at a time)…");
  const baseUrl = await fresh("atlas_bench_baseline");
  const base = runImport({ DATABASE_URL: baseUrl }, ["--batch-size", "500", "--concurrency", "1"]);

  console.log("PGlite: import…");
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-bench-"));
  const lite = runImport({ PGLITE_DATA_DIR: path.join(dir, "pglite") });
  const liteAgain = runImport({ PGLITE_DATA_DIR: path.join(dir, "pglite") });
  const liteForced = runImport({ PGLITE_DATA_DIR: path.join(dir, "pglite") }, ["--force"]);
  rmSync(dir, { recursive: true, force: true });

  for (const name of ["atlas_bench_tuned", "atlas_bench_baseline"])
    await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.end();

  const line = (label: string, r: ImportReport & { wall: number }, target: string) =>
    `| ${label} | ${r.seconds.toFixed(1)} s | ${r.wall.toFixed(1)} s | ${Math.round(rows(r) / r.seconds).toLocaleString("en")} | ${r.rowsWritten.toLocaleString("en")} | ${target} |`;
  const md = `## Import (\`npm run bench:import\`)

${new Date().toISOString().slice(0, 10)} · ${machineLine()} · Postgres ${version} (local, same machine) · PGlite (embedded, WASM).
All shipped data: ${pg.records.toLocaleString("en")} records in ${pg.files} files → ${pg.counts.papers.toLocaleString("en")} papers,
${pg.counts.authorships.toLocaleString("en")} authorships, ${pg.counts.people.toLocaleString("en")} people, ${pg.counts.advisors.toLocaleString("en")} advisors
(${(pg.shareAdvisorsWithCountry * 100).toFixed(1)}% with a country), ${pg.counts.institutions.toLocaleString("en")} institutions.
"Import" is measured inside the importer (read, plan, write); "process" adds Node start-up and migrations.
Rows/s counts papers + authorships + people.

| run | import | process | rows/s | rows written | target |
|---|---|---|---|---|---|
${line("Postgres, tuned (batches of 5,000, 3 at a time)", pg, "< 30 s")}
${line("Postgres, re-import, unchanged data (hash matches: skipped)", pgAgain, "")}
${line("Postgres, forced re-import (every upsert runs)", pgForced, "0 rows changed")}
${line("**baseline** Postgres, untuned (batches of 500, one at a time)", base, "")}
${line("PGlite (batches of 5,000)", lite, "< 90 s")}
${line("PGlite, re-import, unchanged data (skipped)", liteAgain, "")}
${line("PGlite, forced re-import (every upsert runs)", liteForced, "0 rows changed")}
`;
  writeBenchmarkSection("import", md);
  console.log(md);
});
