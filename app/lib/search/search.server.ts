/**
 * Search: the one entry point for the API, the header box and the /search page.
 * Meilisearch answers when MEILI_URL is set; Postgres otherwise, and whenever Meilisearch is
 * unreachable or answers an error (one log line, and the user still gets results).
 */
import { remember } from "../remember.server";
import {
  nameVariantQuery,
  type SearchFacets,
  type SearchHit,
  type SearchParams,
  type SearchRow,
  toSearchHit,
  variantApplies,
  withVariantHits,
} from "./documents";
import { applyMeiliSettings, describeMeiliError, documentCount, meiliTarget, searchMeili } from "./meili.server";
import { buildSearchIndex, isSearchable, normalizeWithExceptions, type SearchIndex, searchIndex } from "./memory-index";
import {
  ensureSearchTermsFresh,
  loadSearchRows,
  normalizationExceptions,
  normalizeInDatabase,
  searchDataVersion,
  searchPostgres,
  searchTermRows,
  searchTermsKnownFresh,
} from "./postgres.server";
import { syncSearchIndexSafely } from "./sync.server";

export type SearchBackend = "postgres" | "meilisearch";
export type SearchResponse = { backend: SearchBackend; hits: SearchHit[]; facets: SearchFacets };

/** The search, with the name's other spelling (nameVariantQuery, withVariantHits). */
export async function search(params: SearchParams): Promise<SearchResponse> {
  const main = await searchOnce(params);
  const v = nameVariantQuery(params.q);
  if (!v || !variantApplies(v, main, params.offset)) return main;
  return withVariantHits(main, v, await searchOnce({ ...params, q: v.q }), params.limit);
}

async function searchOnce(params: SearchParams): Promise<SearchResponse> {
  const now = searchOnceNow(params);
  if (now) return now;
  const target = meiliTarget();
  if (target) {
    try {
      const found = await searchMeili(target, params);
      const rows = await loadSearchRows(found.keys);
      return { backend: "meilisearch", hits: rows.map(hitOf), facets: found.facets };
    } catch (error) {
      console.warn(`search: Meilisearch failed (${describeMeiliError(error)}); answered from Postgres`);
    }
  }
  return searchPostgresCached(params);
}

// Typeahead traffic repeats itself (everyone types "ma" before "martin"): the Postgres answers are
// kept for the data version they were computed at, so a change of data is seen at once.
const CACHE_SIZE = 2000;
type SearchState = {
  cache?: Map<string, SearchResponse>;
  index?: SearchIndex;
  indexBuild?: Promise<void>;
  normalized?: Map<string, string>;
  normalization?: Map<string, string>;
  indexFailedAt?: number;
};
/** This process's search caches and in-memory index (tests read `searchState().index`). */
export const searchState = () => remember("search", (): SearchState => ({}));

/** After a failed build, the next attempt waits this long (the SQL statement answers meanwhile). */
const RETRY_BUILD_AFTER_MS = 30_000;

/**
 * The in-memory copy of the search view for this data version (app/lib/search/memory-index.ts), or null
 * while it is being built, in the background: until then the SQL statement answers.
 */
function readyIndex(version: string | undefined): SearchIndex | null {
  if (version === undefined) return null;
  const index = searchState().index;
  if (index?.version === version) return index;
  const failedAt = searchState().indexFailedAt;
  if (failedAt === undefined || Date.now() - failedAt > RETRY_BUILD_AFTER_MS)
    searchState().indexBuild ??= buildIndex(version);
  return null;
}

async function buildIndex(version: string): Promise<void> {
  try {
    // How Postgres normalises each character does not depend on the data: asked once per process.
    searchState().normalization ??= await normalizationExceptions();
    searchState().index = buildSearchIndex(await searchTermRows(), version);
    searchState().indexFailedAt = undefined;
  } catch (error) {
    searchState().indexFailedAt = Date.now();
    console.warn(
      `search: the in-memory index could not be built (${(error as Error).message}); the SQL statement answers (next try in ${RETRY_BUILD_AFTER_MS / 1000} s).`,
    );
  } finally {
    searchState().indexBuild = undefined;
  }
}

/** search_normalize(q) in JavaScript, with Postgres's own character map; null when only Postgres can tell. */
function normalizeQueryNow(q: string): string | null {
  if (!isSearchable(q)) return "";
  const exceptions = searchState().normalization;
  const mapped = exceptions ? normalizeWithExceptions(q, exceptions) : null;
  return mapped ?? searchState().normalized?.get(q) ?? null;
}

/** search_normalize(q): in JavaScript when it can, by Postgres otherwise (remembered). */
async function normalizeQuery(q: string): Promise<string> {
  const now = normalizeQueryNow(q);
  if (now !== null) return now;
  return keepBounded((searchState().normalized ??= new Map()), q, await normalizeInDatabase(q));
}

function cacheKey(version: string, p: SearchParams): string {
  // Parsed queries hold no control characters: \u0001 cannot occur inside a value.
  return [
    version,
    p.q,
    p.type,
    p.continent,
    p.country,
    p.cifre,
    p.kind,
    p.venues.join(","),
    p.institution,
    p.limit,
    p.offset,
  ].join("\u0001");
}

/** Keeps a value in a bounded cache (a Map in insertion order: the oldest entry goes first). */
function keepBounded<T>(cache: Map<string, T>, key: string, value: T): T {
  cache.set(key, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

// A hit per row, made once (the index's rows are the same objects from one search to the next).
const hits = new WeakMap<SearchRow, SearchHit>();
function hitOf(row: SearchRow): SearchHit {
  let hit = hits.get(row);
  if (!hit) hits.set(row, (hit = toSearchHit(row)));
  return hit;
}

/**
 * The answer at once, without waiting for anything, when it can be had (the usual case): the
 * Postgres backend, its freshness checked within the last second, and the answer cached or
 * computed by the in-memory index. Null otherwise: search() then does what it takes.
 */
export function searchNow(params: SearchParams): SearchResponse | null {
  const main = searchOnceNow(params);
  const v = main && nameVariantQuery(params.q);
  if (!main || !v || !variantApplies(v, main, params.offset)) return main;
  const other = searchOnceNow({ ...params, q: v.q });
  return other ? withVariantHits(main, v, other, params.limit) : null;
}

function searchOnceNow(params: SearchParams): SearchResponse | null {
  if (meiliTarget() || !searchTermsKnownFresh()) return null;
  const version = searchDataVersion();
  if (version === undefined) return null;
  const cache = (searchState().cache ??= new Map());
  const key = cacheKey(version, params);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key); // most recently used last
    return keepBounded(cache, key, cached);
  }
  const index = readyIndex(version);
  const t = index ? normalizeQueryNow(params.q) : null;
  if (!index || t === null) return null;
  const found = searchIndex(index, params, t);
  if (!found) return null;
  return keepBounded(cache, key, { backend: "postgres", hits: found.rows.map(hitOf), facets: found.facets });
}

async function searchPostgresCached(params: SearchParams): Promise<SearchResponse> {
  await ensureSearchTermsFresh();
  const version = searchDataVersion();
  const index = readyIndex(version);
  const { rows, facets } =
    (index && searchIndex(index, params, await normalizeQuery(params.q))) || (await searchPostgres(params));
  const answer: SearchResponse = { backend: "postgres", hits: rows.map(hitOf), facets };
  return version === undefined
    ? answer
    : keepBounded((searchState().cache ??= new Map()), cacheKey(version, params), answer);
}

/**
 * At start: with Meilisearch configured, creates the index and applies the settings where they
 * differ, then sends the rows marked for indexing in the background. Never stops the app.
 */
export async function prepareSearch(): Promise<void> {
  // The Postgres search view and its in-memory index are brought up to date now rather than on the first search.
  await ensureSearchTermsFresh();
  readyIndex(searchDataVersion());
  await searchState().indexBuild;
  const target = meiliTarget();
  if (!target) {
    console.log("Search: Postgres (set MEILI_URL and MEILI_MASTER_KEY to use Meilisearch).");
    return;
  }
  try {
    const changed = await applyMeiliSettings(target);
    const count = await documentCount(target);
    console.log(
      `Search: Meilisearch, index "${target.indexUid}" with ${count} documents; settings ${changed.length > 0 ? `updated (${changed.join(", ")})` : "up to date"}.`,
    );
    void syncSearchIndexSafely();
  } catch (error) {
    console.warn(
      `Search: Meilisearch not ready at start (${describeMeiliError(error)}); searches use Postgres until it answers.`,
    );
  }
}
