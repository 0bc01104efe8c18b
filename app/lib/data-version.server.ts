/**
 * The data version: one counter in import_state ('data_version') that every write of public data
 * bumps (an import that changed rows, an applied or reverted curated change), and that every
 * in-memory copy of the data compares against (the advisor ranking, the search index, the HTTP
 * response cache and its ETags). This module is its one owner: nothing else reads or writes the row.
 *
 * Reading is cached for a quarter of a second per process, so a busy server asks the database at
 * most four times a second (a primary-key read) and a change made by another process (behind a load
 * balancer) is seen within 250 ms, then its indexes refresh: within the 2 s of issue 13 with room to
 * spare on a loaded machine (a 1 s cache left 0.2 s of it in the two-apps drill). When the database cannot be asked, the last version seen is kept: what is served from
 * memory keeps answering during an outage.
 */
import { type SQL, sql } from "drizzle-orm";
import { isDatabaseDown } from "./db-health.server";
import { type Executor, getDb, query } from "./db.server";
import { remember } from "./remember.server";

/** How long a version read is trusted before the database is asked again. */
export const DATA_VERSION_TTL_MS = 250;

/** The version as an SQL expression (text, null before the first import), for statements that read it with other values. */
export const DATA_VERSION_SQL: SQL = sql`(select value #>> '{}' from import_state where key = 'data_version')`;

const state = () =>
  remember("dataVersion", () => ({
    version: undefined as string | undefined,
    at: 0,
    reading: undefined as Promise<string> | undefined,
  }));

/**
 * The import generation: a second counter in import_state ('import_generation') that moves with the
 * data version on every write except a curated one (an approval or a revert, which only touches labs,
 * memberships and advisors' curated fields). An in-memory index that sees the data version move but
 * not the generation reloads only what curation writes (advisors.server.ts), in a fraction of the
 * time of a full reload: another app process shows an approval within the 2 s of issue 13.
 */
export const IMPORT_GENERATION_KEY = "import_generation";

/**
 * Moves the data version on (inside the caller's transaction when given one); the import generation
 * too, unless `curated` says the write only touched curated data (one statement: both or neither).
 */
export async function bumpDataVersion(
  executor: Pick<Executor, "execute"> = getDb(),
  options: { curated?: boolean } = {},
): Promise<void> {
  const keys = options.curated ? sql`('data_version')` : sql`('data_version'), (${IMPORT_GENERATION_KEY})`;
  const rows = await query<{ key: string; v: string }>(
    sql`insert into import_state (key, value, updated_at) select k, '1'::jsonb, now() from (values ${keys}) as t(k)
        on conflict (key) do update set value = to_jsonb((import_state.value #>> '{}')::int + 1), updated_at = now()
        returning key, value #>> '{}' as v`,
    executor as Executor,
  );
  // This process knows the new version at once (its caches and ETags move on with the next request).
  const s = state();
  s.version = rows.find((r) => r.key === "data_version")?.v;
  s.at = Date.now();
}

/**
 * The import generation now; "0" when none was recorded yet (a database imported before it existed:
 * every bump since, but a curated one, records it).
 */
export async function readImportGeneration(executor: Executor = getDb()): Promise<string> {
  const rows = await query<{ v: string | null }>(
    sql`select value #>> '{}' as v from import_state where key = ${IMPORT_GENERATION_KEY}`,
    executor,
  );
  return rows[0]?.v ?? "0";
}

/** The version in the database now ("0" before the first import), uncached. */
export async function readDataVersion(executor: Executor = getDb()): Promise<string> {
  const rows = await query<{ v: string | null }>(sql`select ${DATA_VERSION_SQL} as v`, executor);
  const version = rows[0]?.v ?? "0";
  const s = state();
  s.version = version;
  s.at = Date.now();
  return version;
}

/**
 * The current version, read at most once per DATA_VERSION_TTL_MS (concurrent callers share one read). If the
 * database fails and a version was seen before, that version is returned (and asked again after
 * the next DATA_VERSION_TTL_MS); with none seen yet, the error is thrown.
 */
export function dataVersion(): Promise<string> {
  const s = state();
  if (s.version !== undefined && Date.now() - s.at < DATA_VERSION_TTL_MS) return Promise.resolve(s.version);
  // While the database is down, what is in memory keeps answering at the version it has.
  if (s.version !== undefined && isDatabaseDown()) return Promise.resolve(s.version);
  s.reading ??= withDeadline(readDataVersion(), s.version === undefined ? 0 : READ_DEADLINE_MS)
    .catch((error) => {
      if (s.version === undefined) throw error;
      s.at = Date.now();
      return s.version;
    })
    .finally(() => {
      s.reading = undefined;
    });
  return s.reading;
}

/** A version read that takes longer than this (a database going away) is answered with the last version seen. */
const READ_DEADLINE_MS = 1000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return work;
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error("data version read timed out")), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The last version seen by this process, without asking (undefined before the first read). */
export function knownDataVersion(): string | undefined {
  return state().version;
}

/** The next dataVersion() asks the database (after a write in this process). */
export function forgetDataVersion(): void {
  state().at = 0;
}
