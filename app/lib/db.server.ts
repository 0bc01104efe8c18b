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
import { type SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { env } from "./env.server";
import { yieldingPglite } from "./pglite-yield.server";
import { remember } from "./remember.server";

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
const holder = () =>
  remember("db", () => ({ client: undefined as Client | undefined, statementTimeoutMs: 0, generation: 0 }));

/**
 * Which connection pool is current: moves on each time a pool is closed (replaced at recovery from an
 * outage). A request whose query failed because its pool was closed under it can tell (server/outage.ts).
 */
export function poolGeneration(): number {
  return holder().generation;
}

/**
 * How long a connection attempt may take before the request fails (seconds). Short: when the
 * database is down, a page should say so within 2 s (a 503, server/outage.ts) rather than hang.
 */
export const CONNECT_TIMEOUT_S = 2;

/**
 * The web server's limit on one statement (ms), applied to connections opened after this call
 * (start.ts calls it once the import is done: an import's statements may run long, a page's may not;
 * on PGlite, one process and no network, it has no use).
 * 0: no limit.
 */
export async function useStatementTimeout(ms: number): Promise<void> {
  const h = holder();
  if (h.statementTimeoutMs === ms) return;
  h.statementTimeoutMs = ms;
  // postgres.js sets it when a connection opens: the pool opened by the import is replaced.
  if (h.client?.kind === "postgres") await closeDb();
}

function open(): Client {
  const { DATABASE_URL, PGLITE_DATA_DIR, DATABASE_POOL_SIZE } = env();
  if (DATABASE_URL) {
    const statementTimeout = holder().statementTimeoutMs;
    const sql = postgres(DATABASE_URL, {
      max: DATABASE_POOL_SIZE,
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_S,
      // A connection left idle (or cut by a database restart) is closed and reopened on demand.
      idle_timeout: 30,
      connection: {
        // The app's statements are short: JIT compilation cost 425 ms per advisor page for nothing
        // (docs/benchmarks.md). Sent as a startup parameter, so every pooled connection has it.
        jit: "off",
        ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
        application_name: "advisor-atlas",
      },
    });
    const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return { kind: "postgres", db, sql, close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = PGLITE_DATA_DIR === "memory://" ? undefined : path.resolve(PGLITE_DATA_DIR);
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = yieldingPglite(new PGlite({ dataDir, extensions: { pg_trgm, unaccent } }));
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" }) as unknown as Db;
  return { kind: "pglite", db, pglite, close: () => pglite.close() };
}

function current(): Client {
  const h = holder();
  h.client ??= open();
  return h.client;
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

/**
 * `query` as a named prepared statement on Postgres: parsed and planned once per pooled connection,
 * not on every call (drizzle's `execute` sends unnamed statements, planned each time). For a page's
 * per-item reads whose text never varies, only their parameters: an advisor page runs nine, and
 * their planning was a large part of the database's time per page (docs/benchmarks.md, "Uncached
 * pages"). Not for SQL whose text varies with the input (lists of values, optional fragments): each
 * distinct text would stay prepared on every connection. PGlite and transactions run it as `query`.
 */
export async function preparedQuery<T = Record<string, unknown>>(q: SQL, executor: Executor = getDb()): Promise<T[]> {
  const c = current();
  if (c.kind !== "postgres" || executor !== c.db) return query<T>(q, executor);
  const { sql: text, params } = pgDialect.sqlToQuery(q);
  return (await c.sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
}

const pgDialect = new PgDialect({ casing: "snake_case" });

/**
 * The limit on one statement of an in-memory index load (the ranking, topic and orientation indexes:
 * once per data version, shared by every request that waits for it). The page limit (15 s) does not
 * fit them: at 10× the shipped data the orientation aggregate alone took 7 s on an idle 2-core
 * machine and over 15 s under load, so it failed, was retried by the next request, failed again,
 * and every advisor page answered 503 (docs/benchmarks.md, "Why 10× failed").
 */
export const INDEX_LOAD_STATEMENT_TIMEOUT_MS = 300_000;

/**
 * `query` for an index load: on Postgres in its own transaction with the longer limit (SET LOCAL:
 * the pooled connection keeps the page limit afterwards); on PGlite as is (no limit there).
 */
export async function indexLoadQuery<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  const c = current();
  if (c.kind !== "postgres") return query<T>(q, c.db);
  // The rows leave through a variable, not the transaction's promise: postgres.js keeps the last
  // transaction's promise chain reachable from its pooled connection until that connection runs
  // another one, which held a whole index load's rows (141k objects, 16 MB) for the server's life.
  let rows: T[] | undefined;
  await c.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${INDEX_LOAD_STATEMENT_TIMEOUT_MS}`));
    rows = await query<T>(q, tx);
  });
  const out = rows!;
  rows = undefined;
  return out;
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

/**
 * `now`: the queries still queued on the pool fail at once (CONNECTION_DESTROYED) instead of waiting
 * up to 5 s: at recovery from an outage (db-health.server.ts) they were queued while the database was
 * down, and their requests are retried on the new pool or were already answered 503.
 */
export async function closeDb(options: { now?: boolean } = {}): Promise<void> {
  const h = holder();
  const c = h.client;
  h.client = undefined;
  if (c) h.generation++;
  if (options.now && c?.kind === "postgres") await c.sql.end({ timeout: 0 });
  else await c?.close();
}

/**
 * Fresh planner statistics. At the end of every import, and once after the first start's import:
 * a Postgres that never ANALYZEd its tables estimated 41k people for 108k, hashed them all and
 * JIT-compiled, 7.9 s per advisor page (docs/benchmarks.md). `onlyNeverAnalyzed`: only the tables
 * with rows and no statistics yet (cheap enough to check at every start).
 */
export async function analyzeDatabase(
  executor: Pick<Executor, "execute"> = getDb(),
  options: { onlyNeverAnalyzed?: boolean } = {},
): Promise<string[]> {
  if (!options.onlyNeverAnalyzed) {
    await executor.execute(sql`analyze`);
    return ["*"];
  }
  const tables = await query<{ name: string }>(
    sql`select quote_ident(relname) as name from pg_stat_user_tables
        where last_analyze is null and last_autoanalyze is null and n_live_tup > 0 order by relname`,
    executor as Executor,
  );
  for (const t of tables) await executor.execute(sql.raw(`analyze ${t.name}`));
  return tables.map((t) => t.name);
}

// Errors that mean "the database cannot be reached or is going away", not "this query is wrong".
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03", // admin shutdown, crash shutdown, cannot connect now (starting or stopping)
  "57014", // statement timeout (or cancelled)
  "53300", // too many connections
]);

/** True when an error (or its cause: drizzle wraps driver errors) says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e !== "object") return false;
    const code = typeof e.code === "string" ? e.code : "";
    if (UNAVAILABLE_CODES.has(code) || code.startsWith("08")) return true;
  }
  return false;
}
