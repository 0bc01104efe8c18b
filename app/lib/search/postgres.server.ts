/**
 * The Postgres search backend (the default, and the fallback when Meilisearch fails).
 *
 * It reads the search_terms materialized view (db/migrations/0002_search_documents.sql): one row
 * per document and word, names normalised by search_normalize() (unaccent, lower case, no
 * punctuation). A search is one SQL statement that matches, ranks and counts the facets:
 *   - a prefix of the name or of any word in it: one B-tree range scan on the terms;
 *   - typos: pg_trgm's strict word similarity on the whole name, when the query has 4 characters
 *     or more and prefixes found fewer than FUZZY_BELOW documents (none);
 *   - ranking: the exact name, whole words at its start, whole words later in it, a prefix of its
 *     first word, a prefix of a later word (matchTier in memory-index.ts), then similarity; ties by
 *     weight (papers, members, advisors), name and id.
 * The view is refreshed when the data version (bumped by an import or an approved submission)
 * differs from the one it was built at. Searches are usually answered by the app's in-memory copy
 * of the view (app/lib/search/memory-index.ts), which gives the same answers; this statement answers while
 * that copy is being built, and is the reference it is tested against.
 */
import { inArray, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { CIFRE_STATUSES } from "../../../db/schema";
import { DATA_VERSION_SQL } from "../data-version.server";
import { isDatabaseDown } from "../db-health.server";
import { databaseKind, type Executor, getDb, isDatabaseUnavailable, query } from "../db.server";
import { CONTINENT_CODES } from "../geo.server";
import { remember } from "../remember.server";
import { anyOfIds } from "../sql-ids";
import { VENUE_IDS } from "../venues";
import {
  cleanFacets,
  SEARCH_KINDS,
  SEARCH_TYPES,
  type SearchFacets,
  type SearchParams,
  type SearchRow,
  type SearchType,
} from "./documents";
import {
  FUZZY_BELOW,
  FUZZY_MIN_LENGTH,
  isSearchable,
  NORMALIZATION_TABLE_END,
  TYPO_TIER,
  type SearchTermRow,
} from "./memory-index";

const FRESHNESS_TTL_MS = 1000;
const VERSION_KEY = "search_terms_version";

export type PostgresSearchResult = { rows: SearchRow[]; facets: SearchFacets };

type DbRow = {
  type: SearchType;
  id: number;
  slug: string;
  name: string;
  position: string | null;
  institution_name: string | null;
  institution: string | null;
  city: string | null;
  country: string | null;
  continent: string | null;
  cifre: SearchRow["cifre"];
  kind: SearchRow["kind"];
  venues: string[] | string;
  weight: number;
};

function toRow(r: DbRow): SearchRow {
  return {
    type: r.type,
    id: Number(r.id),
    slug: r.slug,
    name: r.name,
    position: r.position,
    institutionName: r.institution_name,
    institution: r.institution,
    city: r.city,
    country: r.country,
    continent: r.continent,
    cifre: r.cifre,
    kind: r.kind,
    venues: Array.isArray(r.venues) ? r.venues : parsePgArray(r.venues),
    weight: Number(r.weight),
  };
}

// Arrays inside json come back as arrays; a bare text[] column may come back as "{a,b}".
function parsePgArray(v: string | null): string[] {
  if (!v || v === "{}") return [];
  return v
    .replace(/^\{|\}$/g, "")
    .split(",")
    .map((s) => s.replace(/^"|"$/g, ""));
}

const COLUMNS = sql.raw(
  "s.type, s.id, s.slug, s.name, s.position, s.institution_name, s.institution, s.city, s.country, s.continent, s.cifre, s.kind, s.venues, s.weight",
);
// What ranking and facets need: the matched set stays narrow, and only the hits' rows are read whole.
const MATCH_COLUMNS = sql.raw("s.type, s.id, s.name, s.weight, s.country, s.continent, s.cifre, s.kind, s.venues");

/** The filter conditions on alias `s`; every value is a bound parameter, validated before. */
function filterSql(p: SearchParams): SQL {
  const c: SQL[] = [sql`true`];
  if (p.type) c.push(sql`s.type = ${p.type}`);
  if (p.continent) c.push(sql`s.continent = ${p.continent}`);
  if (p.country) c.push(sql`s.country = ${p.country}`);
  if (p.cifre) c.push(sql`s.cifre = ${p.cifre}`);
  if (p.kind) c.push(sql`s.kind = ${p.kind}`);
  if (p.venues.length > 0)
    c.push(
      sql`s.venues && array[${sql.join(
        p.venues.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`,
    );
  if (p.institution) c.push(sql`s.institution = ${p.institution}`);
  return sql.join(c, sql` and `);
}

/** One aggregate row of facet counts over the matches `m`: fixed value lists counted in one pass. */
function facetSql(): SQL {
  const counts = (column: string, values: readonly string[]) =>
    sql`json_build_object(${sql.join(
      values.map((v) => sql`${v}::text, count(*) filter (where ${sql.raw(column)} = ${v})`),
      sql`, `,
    )})`;
  return sql`json_build_object(
      'type', ${counts("m.type", SEARCH_TYPES)},
      'continent', ${counts("m.continent", CONTINENT_CODES)},
      'cifre', ${counts("m.cifre", CIFRE_STATUSES)},
      'kind', ${counts("m.kind", SEARCH_KINDS)},
      'venues', json_build_object(${sql.join(
        VENUE_IDS.map((v) => sql`${v}::text, count(*) filter (where ${v} = any(m.venues))`),
        sql`, `,
      )}),
      'country', (select coalesce(json_object_agg(x.country, x.n), '{}'::json)
                  from (select m.country, count(*) as n from m where m.country is not null group by m.country) x)
    )`;
}

const dialect = new PgDialect();

/**
 * The search statement runs as a named prepared statement on a Postgres server: planning this
 * statement costs about as much as running it, and db.execute() (postgres.js `unsafe`) re-plans
 * every time. PGlite runs it through the usual helper.
 */
async function hotQuery<T>(q: SQL, executor: Executor): Promise<T[]> {
  if (databaseKind() !== "postgres" || executor !== getDb()) return query<T>(q, executor);
  const client = (executor as unknown as { $client: postgres.Sql }).$client;
  const { sql: text, params } = dialect.sqlToQuery(q);
  return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
}

/** Matches, ranked hits (per type: offset..offset+limit) and facet counts, in one statement. */
export async function searchPostgres(p: SearchParams, executor: Executor = getDb()): Promise<PostgresSearchResult> {
  await ensureSearchTermsFresh(executor);
  const filters = filterSql(p);
  // A query of only punctuation and symbols normalises to nothing: it asks for everything, like an empty one.
  const matches = !isSearchable(p.q)
    ? sql`m as (select ${MATCH_COLUMNS}, 0 as tier, 1::real as sim from search_documents s where ${filters})`
    : sql`q as (select search_normalize(${p.q}) as t),
        prefix as (
          select distinct on (s.type collate "C", s.id) ${MATCH_COLUMNS},
            case
              when s.term_position = 1 and s.term = q.t then 0
              when s.term_position = 1 and starts_with(s.term, q.t || ' ') then 1
              when s.term = q.t or starts_with(s.term, q.t || ' ') then 2
              when s.term_position = 1 then 3
              else 4
            end as tier, 1::real as sim
          from search_terms s, q
          where s.term >= q.t collate "C" and s.term < (q.t || chr(1114111)) collate "C" and ${filters}
          order by s.type collate "C", s.id, tier
        ),
        fuzzy as (
          select ${MATCH_COLUMNS}, ${sql.raw(String(TYPO_TIER))} as tier, strict_word_similarity(q.t, s.term) as sim
          from search_terms s, q
          where (select length(t) from q) >= ${FUZZY_MIN_LENGTH} and (select count(*) from prefix) < ${FUZZY_BELOW}
            and s.term_position = 1 and q.t <<% s.term and ${filters}
            and not exists (select 1 from prefix p where p.type = s.type and p.id = s.id)
        ),
        m as (select * from prefix union all select * from fuzzy)`;
  const rows = await hotQuery<{
    hits: DbRow[] | string | null;
    facets: Record<string, Record<string, number>> | string;
  }>(
    sql`with ${matches},
      ranked as (
        select m.type, m.id, row_number() over (partition by m.type collate "C" order by m.tier, m.sim desc, m.weight desc, m.name collate "C", m.id) as n from m
      )
      select
        (select json_agg(h order by h.type collate "C", h.n) from (
           select s.*, r.n from (select * from ranked where n > ${p.offset} and n <= ${p.offset + p.limit}) r
           cross join lateral (
             select ${COLUMNS} from search_terms s where s.type = r.type and s.id = r.id and s.term_position = 1 offset 0
           ) s) h) as hits,
        (select ${facetSql()} from m) as facets`,
    executor,
  );
  const out = rows[0];
  const hits = (typeof out.hits === "string" ? JSON.parse(out.hits) : (out.hits ?? [])) as DbRow[];
  const facets = typeof out.facets === "string" ? JSON.parse(out.facets) : out.facets;
  // Hits come grouped in SEARCH_TYPES order (advisor, institution, lab sorts alphabetically: reorder).
  const order = (t: SearchType) => SEARCH_TYPES.indexOf(t);
  const sorted = hits.map(toRow).sort((a, b) => order(a.type) - order(b.type));
  return { rows: sorted, facets: cleanFacets(facets) };
}

/** The rows of these documents (for hits that Meilisearch found), in the order asked. */
export async function loadSearchRows(
  keys: { type: SearchType; id: number }[],
  executor: Executor = getDb(),
): Promise<SearchRow[]> {
  if (keys.length === 0) return [];
  await ensureSearchTermsFresh(executor);
  const wanted = keys.map((k) => `${k.type}-${k.id}`);
  const rows = await query<DbRow>(
    sql`select ${COLUMNS} from search_documents s where ${inArray(sql`(s.type || '-' || s.id)`, wanted)}`,
    executor,
  );
  const byKey = new Map(rows.map((r) => [`${r.type}-${r.id}`, toRow(r)]));
  return wanted.map((k) => byKey.get(k)).filter((r): r is SearchRow => r !== undefined);
}

/** Every row of the search view, for the in-memory index (app/lib/search/memory-index.ts). */
export async function searchTermRows(executor: Executor = getDb()): Promise<SearchTermRow[]> {
  const rows = await query<DbRow & { term_position: number; term: string }>(
    sql`select ${COLUMNS}, s.term_position, s.term from search_terms s`,
    executor,
  );
  return rows.map((r) => ({ ...toRow(r), termPosition: Number(r.term_position), term: r.term }));
}

/**
 * How search_normalize() treats each character below NORMALIZATION_TABLE_END (Latin, Greek,
 * Cyrillic…, punctuation and symbols) where that is not the character itself ("É" → "e",
 * "’" → " ", "ß" → "ss"): asked of Postgres once (each character between two letters, so that
 * separators show as a space), so that JavaScript normalises a query exactly as this database
 * would, without a round trip.
 */
export async function normalizationExceptions(executor: Executor = getDb()): Promise<Map<string, string>> {
  const rows = await query<{ c: string; x: string }>(
    sql`select c, x from (
          select chr(i) as c, substr(t, 2, length(t) - 2) as x
          from (select i, search_normalize('a' || chr(i) || 'a') as t from generate_series(1, ${NORMALIZATION_TABLE_END - 1}) i) s
        ) m where x <> c`,
    executor,
  );
  return new Map(rows.map((r) => [r.c, r.x]));
}

/** search_normalize(q), by Postgres (unaccent's rules). */
export async function normalizeInDatabase(q: string, executor: Executor = getDb()): Promise<string> {
  const [row] = await query<{ t: string | null }>(sql`select search_normalize(${q}) as t`, executor);
  return row?.t ?? "";
}

/** An institution's name by slug, for headings ("Advisors at ..."); null when unknown. */
export async function institutionNameBySlug(slug: string, executor: Executor = getDb()): Promise<string | null> {
  const rows = await query<{ name: string }>(sql`select name from institutions where slug = ${slug}`, executor);
  return rows[0]?.name ?? null;
}

/** Every document of these types and ids (sync), or every document (reindex) when `ids` is null. */
export async function searchRowsFor(
  ids: Record<SearchType, number[]> | null,
  executor: Executor = getDb(),
): Promise<SearchRow[]> {
  const where = ids
    ? sql.join(
        SEARCH_TYPES.map((t) => sql`(s.type = ${t} and s.id = ${anyOfIds(ids[t])})`),
        sql` or `,
      )
    : sql`true`;
  const rows = await query<DbRow>(
    sql`select ${COLUMNS} from search_documents s where ${where} order by s.type, s.id`,
    executor,
  );
  return rows.map(toRow);
}

// Freshness: at most one version check a second, at most one refresh at a time per process.
const holder = () =>
  remember("searchTerms", () => ({
    checked: undefined as number | undefined,
    refresh: undefined as Promise<void> | undefined,
    version: undefined as string | undefined,
  }));

/** The data version the search view was last seen to match, with the view's build time (a cache key for results). */
export function searchDataVersion(): string | undefined {
  return holder().version;
}

/** True when the data version was checked within the last second and no refresh is running. */
export function searchTermsKnownFresh(): boolean {
  const checked = holder().checked;
  return checked !== undefined && Date.now() - checked < FRESHNESS_TTL_MS && !holder().refresh;
}

/** Refreshes the search view if the data changed since it was built. */
export async function ensureSearchTermsFresh(executor: Executor = getDb()): Promise<void> {
  const now = Date.now();
  const h = holder();
  if (h.checked && now - h.checked < FRESHNESS_TTL_MS) return;
  if (h.refresh) return h.refresh;
  // Database down: the in-memory index answers with the version it has (app/lib/db-health.server.ts).
  if (h.version !== undefined && isDatabaseDown()) {
    h.checked = now;
    return;
  }
  let v: { data: string | null; built: string | null; built_at: string | null } | undefined;
  try {
    [v] = await query<{ data: string | null; built: string | null; built_at: string | null }>(
      sql`select ${DATA_VERSION_SQL} as data,
                 (select value #>> '{}' from import_state where key = ${VERSION_KEY}) as built,
                 (select updated_at::text from import_state where key = ${VERSION_KEY}) as built_at`,
      executor,
    );
  } catch (error) {
    // Database unavailable: the in-memory index keeps answering with the version it has (asked again in a second).
    if (h.version === undefined || !isDatabaseUnavailable(error)) throw error;
    h.checked = now;
    return;
  }
  if (v && v.data === v.built) {
    h.checked = now;
    // The view's build time is part of the version: a rebuild by any process is seen by all.
    h.version = `${v.data ?? "0"}@${v.built_at}`;
    return;
  }
  await refreshSearchTerms(executor, v?.data ?? null);
}

/** Rebuilds the search view now (also after writes that did not bump the data version). */
export function refreshSearchTerms(executor: Executor = getDb(), version?: string | null): Promise<void> {
  const h = holder();
  h.refresh ??= (async () => {
    try {
      const data =
        version !== undefined
          ? version
          : ((await query<{ v: string | null }>(sql`select ${DATA_VERSION_SQL} as v`, executor))[0]?.v ?? null);
      // CONCURRENTLY keeps the view readable on a server during the rebuild; PGlite has one connection anyway.
      if (databaseKind() === "postgres")
        await executor.execute(sql`refresh materialized view concurrently search_terms`);
      else await executor.execute(sql`refresh materialized view search_terms`);
      await executor.execute(sql`analyze search_terms`);
      const [built] = await query<{ at: string }>(
        sql`insert into import_state (key, value, updated_at) values (${VERSION_KEY}, to_jsonb(${data ?? "0"}::text), clock_timestamp())
            on conflict (key) do update set value = excluded.value, updated_at = clock_timestamp()
            returning updated_at::text as at`,
        executor,
      );
      h.checked = Date.now();
      h.version = `${data ?? "0"}@${built.at}`;
    } finally {
      h.refresh = undefined;
    }
  })();
  return h.refresh;
}
