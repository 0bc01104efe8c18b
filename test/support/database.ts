/**
 * Gives the calling test file its own fresh database, copied from a template:
 *   useTestDatabase("shipped")  // the full shipped data, imported by the real importer
 *   useTestDatabase("empty")    // migrated, no rows
 * On TEST_DATABASE_URL's server it is a new database; otherwise a new PGlite data directory.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { pgliteTemplatePath, postgresTemplateName, type TemplateName, withDatabase } from "./templates";

function resetProcessSingletons() {
  const holder = globalThis as Record<string, unknown>;
  for (const k of Object.keys(holder)) if (k.startsWith("__atlas")) delete holder[k];
}

export function useTestDatabase(template: TemplateName) {
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    resetProcessSingletons();
    const hash = inject("templateHash");
    if (inject("databaseKind") === "postgres") {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `atlas_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name} template ${postgresTemplateName(template, hash)}`);
      await admin.end();
      process.env.DATABASE_URL = withDatabase(adminUrl, name);
      cleanup = async () => {
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      };
    } else {
      delete process.env.DATABASE_URL;
      const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-test-"));
      const data = path.join(dir, "pglite");
      cpSync(pgliteTemplatePath(template, hash), data, { recursive: true });
      process.env.PGLITE_DATA_DIR = data;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    const { closeDb } = await import("../../app/lib/db.server");
    await closeDb();
    resetProcessSingletons();
    await cleanup();
  });
}
