/**
 * Search: the one entry point for the API, the header box and the /search page.
 * Meilisearch answers when MEILI_URL is set; Postgres otherwise, and whenever Meilisearch is
 * unreachable or answers an error (one log line, and the user still gets results).
 */
import { type SearchFacets, type SearchHit, type SearchParams, toSearchHit } from "./search-documents";
import { applyMeiliSettings, describeMeiliError, documentCount, meiliTarget, searchMeili } from "./search-meili.server";
import { ensureSearchTermsFresh, loadSearchRows, searchDataVersion, searchPostgres } from "./search-postgres.server";
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
const cacheHolder = globalThis as unknown as { __atlasSearchCache?: Map<string, SearchResponse> };

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
  const { rows, facets } = await searchPostgres(params);
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
  // The Postgres search view is brought up to date now rather than on the first search.
  await ensureSearchTermsFresh();
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
