/**
 * Test databases are copies of templates built once per data version: "empty" (migrated only)
 * and "shipped" (migrated and the full shipped data imported). On a Postgres server a template is
 * a database (CREATE DATABASE ... TEMPLATE); on PGlite it is a data directory that each test file copies.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type TemplateName = "empty" | "shipped";

// import.meta.url, not __dirname: scripts (npm run bench) load this module as plain ES modules too.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEMPLATE_DIR = path.join(ROOT, ".data", "test-templates");

/** Changes whenever the migrations, the importer's inputs or its code change. */
export function dataHash(): string {
  const h = createHash("sha256");
  const add = (dir: string) => {
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
      .sort()) {
      h.update(path.relative(ROOT, f)).update(readFileSync(f));
    }
  };
  add(path.join(ROOT, "db", "migrations"));
  add(path.join(ROOT, "seed"));
  // Everything the import reads: the import folder and the shared basics it uses.
  add(path.join(ROOT, "app", "lib", "import"));
  for (const f of ["names.ts", "venues.ts", "geo.server.ts", "topics.ts"])
    h.update(readFileSync(path.join(ROOT, "app", "lib", f)));
  return h.digest("hex").slice(0, 12);
}

export function pgliteTemplatePath(name: TemplateName, hash: string): string {
  return path.join(TEMPLATE_DIR, `pglite-${name}-${hash}`);
}

export function postgresTemplateName(name: TemplateName, hash: string): string {
  return `atlas_tpl_${name}_${hash}`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
