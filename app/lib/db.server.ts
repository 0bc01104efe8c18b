/**
 * The one database client. DATABASE_URL set: postgres.js against that server.
 * Unset: PGlite, the embedded Postgres, persisted under .data/ with pg_trgm and unaccent loaded.
 * The same drizzle schema and migrations run on both.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

type Client =
  | { kind: "postgres"; db: Db; sql: postgres.Sql; close: () => Promise<void> }
  | { kind: "pglite"; db: Db; pglite: PGlite; close: () => Promise<void> };

// Two levels up from app/lib/ (sources) and from build/server/ (the bundle) is the project root.
const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");
function migrationsFolder(): string {
  return MIGRATIONS;
}

// One client per process, even when both the scripts and the server bundle import this module:
// two PGlite instances on one data directory would corrupt it.
const holder = globalThis as unknown as { __atlasDb?: Client };

function open(): Client {
  const { DATABASE_URL, PGLITE_DATA_DIR } = env();
  if (DATABASE_URL) {
    const sql = postgres(DATABASE_URL, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      connect_timeout: 10,
    });
    const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return { kind: "postgres", db, sql, close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = PGLITE_DATA_DIR === "memory://" ? undefined : path.resolve(PGLITE_DATA_DIR);
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = new PGlite({ dataDir, extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" }) as unknown as Db;
  return { kind: "pglite", db, pglite, close: () => pglite.close() };
}

function current(): Client {
  holder.__atlasDb ??= open();
  return holder.__atlasDb;
}

export function getDb(): Db {
  return current().db;
}

export function databaseKind(): "postgres" | "pglite" {
  return current().kind;
}

/** Rows of a raw SQL query, whichever driver runs it (postgres.js returns an array, PGlite `{ rows }`). */
export async function query<T = Record<string, unknown>>(q: SQL, executor: Executor = getDb()): Promise<T[]> {
  const result = (await executor.execute(q)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function migrate(): Promise<void> {
  const c = current();
  const migrationsFolderPath = migrationsFolder();
  if (c.kind === "postgres") await migratePostgres(c.db as never, { migrationsFolder: migrationsFolderPath });
  else await migratePglite(c.db as never, { migrationsFolder: migrationsFolderPath });
}

/** Fails with one line that names the problem when the database cannot be reached. */
export async function checkConnection(): Promise<void> {
  const c = current();
  try {
    if (c.kind === "postgres") await c.sql`select 1`;
    else await c.pglite.query("select 1");
  } catch (error) {
    throw new Error(describeConnectionError(error));
  }
}

export function describeConnectionError(error: unknown): string {
  const e = error as { code?: string; message?: string; address?: string; port?: number; hostname?: string };
  let where = "";
  try {
    const u = new URL(env().DATABASE_URL ?? "");
    where = ` at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    where = "";
  }
  switch (e.code) {
    case "ECONNREFUSED":
      return `Cannot connect to the database${where}: connection refused (is the server running? check DATABASE_URL).`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot connect to the database${where}: host not found (check DATABASE_URL).`;
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
      return `Cannot connect to the database${where}: timed out (check DATABASE_URL and the network).`;
    case "28P01":
    case "28000":
      return `Cannot connect to the database${where}: authentication failed (check the user and password in DATABASE_URL).`;
    case "3D000":
      return `Cannot connect to the database${where}: the database does not exist (create it or fix DATABASE_URL).`;
    default:
      return `Cannot connect to the database${where}: ${e.message ?? String(error)}`;
  }
}

export async function closeDb(): Promise<void> {
  const c = holder.__atlasDb;
  holder.__atlasDb = undefined;
  await c?.close();
}
