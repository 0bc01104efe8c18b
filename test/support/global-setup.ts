/**
 * Builds the test database templates once (cached under .data/test-templates or as databases on
 * the TEST_DATABASE_URL server), by running the real migrations and the real importer.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import {
  dataHash,
  ROOT,
  pgliteTemplatePath,
  postgresTemplateName,
  type TemplateName,
  TEMPLATE_DIR,
  withDatabase,
} from "./templates";

/** Builds a template with the real scripts, in a child process pointed at the template's database. */
function build(name: TemplateName, env: Record<string, string>) {
  const script = name === "shipped" ? "scripts/import.ts" : "scripts/migrate.ts";
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "test" },
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`building the ${name} test template failed:\n${result.stdout}\n${result.stderr}`);
  if (name === "shipped")
    console.log(`[test templates] shipped data imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Templates of other data versions take ~0.5 GB each: drop those built over an hour ago. */
function pruneStalePgliteTemplates(hash: string) {
  const hourAgo = Date.now() - 3600_000;
  for (const entry of readdirSync(TEMPLATE_DIR)) {
    const full = path.join(TEMPLATE_DIR, entry);
    if (entry.endsWith(`-${hash}`) || statSync(full).mtimeMs > hourAgo) continue;
    rmSync(full, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  const hash = dataHash();
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      for (const name of ["empty", "shipped"] as const) {
        const db = postgresTemplateName(name, hash);
        const exists = await admin`select 1 from pg_database where datname = ${db}`;
        if (exists.length > 0) continue;
        const building = `${db}_b${process.pid}`;
        await admin.unsafe(`drop database if exists ${building}`);
        await admin.unsafe(`create database ${building}`);
        await build(name, { DATABASE_URL: withDatabase(adminUrl, building) });
        const done = await admin`select 1 from pg_database where datname = ${db}`;
        if (done.length > 0) await admin.unsafe(`drop database ${building} with (force)`);
        else await admin.unsafe(`alter database ${building} rename to ${db}`);
      }
    } finally {
      await admin.end();
    }
    project.provide("databaseKind", "postgres");
  } else {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    for (const name of ["empty", "shipped"] as const) {
      const dir = pgliteTemplatePath(name, hash);
      if (existsSync(dir)) continue;
      // Several test runs may build at once: each builds apart, the first to finish wins.
      const building = `${dir}.building-${process.pid}`;
      rmSync(building, { recursive: true, force: true });
      await build(name, { PGLITE_DATA_DIR: building });
      if (existsSync(dir)) rmSync(building, { recursive: true, force: true });
      else renameSync(building, dir);
    }
    pruneStalePgliteTemplates(hash);
    project.provide("databaseKind", "pglite");
  }
  project.provide("templateHash", hash);
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "postgres" | "pglite";
    templateHash: string;
  }
}
