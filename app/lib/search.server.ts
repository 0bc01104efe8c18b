/**
 * Search: the one entry point for the API, the header box and the /search page.
 * Meilisearch answers when MEILI_URL is set; Postgres otherwise, and whenever Meilisearch is
 * unreachable or answers an error (one log line, and the user still gets results).
 */
import { type SearchFacets, type SearchHit, type SearchParams, toSearchHit } from "./search-documents";
import { applyMeiliSettings, describeMeiliError, documentCount, meiliTarget, searchMeili } from "./search-meili.server";
import { buildSearchIndex, isSearchable, normalizeAsciiQuery, normalizeWithExceptions, type SearchIndex, searchIndex } from "./search-index";
import {
  ensureSearchTermsFresh,
  loadSearchRows,
  normalizationExceptions,
  normalizeInDatabase,
  searchDataVersion,
  searchPostgres,
  searchTermRows,
} from "./search-postgres.server";
import { syncSearchIndexSafely } from "./search-sync.server";

export type SearchBackend = "postgres" | "meilisearch";
export type SearchResponse = { backend: SearchBackend; hits: SearchHit[]; facets: SearchFacets };

export async function search(params: SearchParams): Promise<SearchResponse> {
  const target = meiliTarget();
  if (target) {
    try {
      const found = await searchMeili(target, params);
      const rows = await loadSearchRows(found.keys);
      return { backend: "meilisearch", hits: rows.map(toSearchHit), facets: found.facets };
    } catch (error) {
      console.warn(`search: Meilisearch failed (${describeMeiliError(error)}); answered from Postgres`);
    }
  }
  return searchPostgresCached(params);
}

// Typeahead traffic repeats itself (everyone types "ma" before "martin"): the Postgres answers are
// kept for the data version they were computed at, so a change of data is seen at once.
const CACHE_SIZE = 2000;
const cacheHolder = globalThis as unknown as {
  __atlasSearchCache?: Map<string, SearchResponse>;
  __atlasSearchIndex?: SearchIndex;
  __atlasSearchIndexBuild?: Promise<void>;
  __atlasSearchNormalized?: Map<string, string>;
  __atlasSearchNormalization?: Map<string, string>;
};

/**
 * The in-memory copy of the search view for this data version (app/lib/search-index.ts), or null
 * while it is being built, in the background: until then the SQL statement answers.
 */
function readyIndex(version: string | undefined): SearchIndex | null {
  if (version === undefined) return null;
  const index = cacheHolder.__atlasSearchIndex;
  if (index?.version === version) return index;
  cacheHolder.__atlasSearchIndexBuild ??= buildIndex(version);
  return null;
}

async function buildIndex(version: string): Promise<void> {
  try {
    // How Postgres normalises each character does not depend on the data: asked once per process.
    cacheHolder.__atlasSearchNormalization ??= await normalizationExceptions();
    cacheHolder.__atlasSearchIndex = buildSearchIndex(await searchTermRows(), version);
  } catch (error) {
    console.warn(`search: the in-memory index could not be built (${(error as Error).message}); the SQL statement answers.`);
  } finally {
    cacheHolder.__atlasSearchIndexBuild = undefined;
  }
}

/** search_normalize(q): in JavaScript with Postgres's own character map, by Postgres beyond it (remembered). */
async function normalizeQuery(q: string): Promise<string> {
  const ascii = normalizeAsciiQuery(q);
  if (ascii !== null) return ascii;
  const exceptions = cacheHolder.__atlasSearchNormalization;
  const mapped = exceptions ? normalizeWithExceptions(q, exceptions) : null;
  if (mapped !== null) return mapped;
  const known = (cacheHolder.__atlasSearchNormalized ??= new Map());
  let t = known.get(q);
  if (t === undefined) {
    t = await normalizeInDatabase(q);
    known.set(q, t);
    if (known.size > CACHE_SIZE) known.delete(known.keys().next().value!);
  }
  return t;
}

async function searchPostgresCached(params: SearchParams): Promise<SearchResponse> {
  await ensureSearchTermsFresh();
  const cache = (cacheHolder.__atlasSearchCache ??= new Map());
  const version = searchDataVersion();
  const key = `${version}|${JSON.stringify(params)}`;
  const hit = version !== undefined ? cache.get(key) : undefined;
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const index = readyIndex(version);
  const { rows, facets } = index
    ? searchIndex(index, params, isSearchable(params.q) ? await normalizeQuery(params.q) : "")
    : await searchPostgres(params);
  const answer: SearchResponse = { backend: "postgres", hits: rows.map(toSearchHit), facets };
  if (version !== undefined) {
    cache.set(key, answer);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return answer;
}

/**
 * At start: with Meilisearch configured, creates the index and applies the settings where they
 * differ, then sends the rows marked for indexing in the background. Never stops the app.
 */
export async function prepareSearch(): Promise<void> {
  // The Postgres search view and its in-memory index are brought up to date now rather than on the first search.
  await ensureSearchTermsFresh();
  readyIndex(searchDataVersion());
  await cacheHolder.__atlasSearchIndexBuild;
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
    console.warn(`Search: Meilisearch not ready at start (${describeMeiliError(error)}); searches use Postgres until it answers.`);
  }
}
