/**
 * The Meilisearch backend, through the official client, used when MEILI_URL is set.
 * Postgres stays the source of truth: Meilisearch holds documents built by toSearchDocument() from
 * search_documents rows, answers with ids and facet counts, and the rows are then loaded from
 * Postgres (so a stale document is harmless). Index settings live in MEILI_SETTINGS and are applied
 * at start, only when they differ from the server's.
 */
import { type IndexSwap, Meilisearch, MeilisearchApiError, type MultiSearchQuery, type Task } from "meilisearch";
import { env } from "../env.server";
import { remember } from "../remember.server";
import {
  buildMeiliFilter,
  cleanFacets,
  FACETS,
  parseDocumentId,
  SEARCH_TYPES,
  type SearchDocument,
  type SearchFacets,
  type SearchParams,
  type SearchType,
  settingsUpdate,
} from "./documents";

export const DEFAULT_INDEX_UID = "atlas";
/** A search must answer fast or fall back to Postgres; indexing may take longer. */
const SEARCH_TIMEOUT_MS = 1500;
const TASK_TIMEOUT_MS = 120_000;
export const BATCH_SIZE = 1000;

export type MeiliTarget = { client: Meilisearch; indexUid: string };

export function createMeiliTarget(url: string, apiKey: string | undefined, indexUid = DEFAULT_INDEX_UID): MeiliTarget {
  return { client: new Meilisearch({ host: url, apiKey, timeout: SEARCH_TIMEOUT_MS }), indexUid };
}

/** The configured server, or null when MEILI_URL is unset. */
export function meiliTarget(): MeiliTarget | null {
  const { MEILI_URL, MEILI_MASTER_KEY } = env();
  if (!MEILI_URL) return null;
  return remember("meili", () => createMeiliTarget(MEILI_URL, MEILI_MASTER_KEY));
}

async function waitOk(task: Promise<Task>): Promise<Task> {
  const t = await task;
  if (t.status !== "succeeded")
    throw new Error(`Meilisearch task ${t.uid} (${t.type}) ${t.status}: ${t.error?.message ?? "no reason given"}`);
  return t;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof MeilisearchApiError && (error.cause?.code === "index_not_found" || error.response.status === 404)
  );
}

async function ensureIndex({ client, indexUid }: MeiliTarget): Promise<boolean> {
  try {
    await client.getRawIndex(indexUid);
    return false;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await waitOk(client.createIndex(indexUid, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
    return true;
  }
}

/**
 * Creates the index if needed and applies MEILI_SETTINGS where the server's differ.
 * Returns the names of the settings that were changed (empty: already up to date).
 */
export async function applyMeiliSettings(target: MeiliTarget): Promise<string[]> {
  await ensureIndex(target);
  const index = target.client.index(target.indexUid);
  const current = (await index.getSettings()) as Record<string, unknown>;
  const update = settingsUpdate(current);
  if (!update) return [];
  await waitOk(index.updateSettings(update).waitTask({ timeout: TASK_TIMEOUT_MS }));
  return Object.keys(update);
}

export type MeiliSearchResult = { keys: { type: SearchType; id: number }[]; facets: SearchFacets };

/**
 * One multi-search: a page of ids per type asked for, and the facet counts over all matches.
 * Only ids come back; the caller loads the rows from Postgres.
 */
export async function searchMeili(target: MeiliTarget, p: SearchParams): Promise<MeiliSearchResult> {
  const types: SearchType[] = p.type ? [p.type] : [...SEARCH_TYPES];
  const sort = p.q.trim() === "" ? ["weight:desc", "name:asc"] : undefined;
  const queries: MultiSearchQuery[] = [
    { indexUid: target.indexUid, q: p.q, filter: buildMeiliFilter(p, p.type), facets: [...FACETS], limit: 0 },
    ...types.map((type) => ({
      indexUid: target.indexUid,
      q: p.q,
      filter: buildMeiliFilter(p, type),
      limit: p.limit,
      offset: p.offset,
      attributesToRetrieve: ["id"],
      ...(sort ? { sort } : {}),
    })),
  ];
  const { results } = await target.client.multiSearch({ queries });
  const keys = results
    .slice(1)
    .flatMap((r) => r.hits.map((h) => parseDocumentId(String((h as { id: unknown }).id))))
    .filter((k): k is { type: SearchType; id: number } => k !== null);
  return { keys, facets: cleanFacets(results[0].facetDistribution) };
}

/** Adds or replaces documents, in batches, waiting for each batch to be indexed. */
export async function putDocuments(target: MeiliTarget, docs: SearchDocument[]): Promise<void> {
  const index = target.client.index<SearchDocument>(target.indexUid);
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    await waitOk(
      index.addDocuments(docs.slice(i, i + BATCH_SIZE), { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }),
    );
  }
}

export async function deleteDocuments(target: MeiliTarget, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const index = target.client.index(target.indexUid);
  for (let i = 0; i < ids.length; i += BATCH_SIZE) {
    await waitOk(index.deleteDocuments(ids.slice(i, i + BATCH_SIZE)).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }
}

/**
 * Builds a complete new index beside the live one, then swaps them: searches keep working on the
 * old index until the new one is whole.
 */
export async function rebuildIndex(target: MeiliTarget, docs: SearchDocument[]): Promise<void> {
  const next: MeiliTarget = { client: target.client, indexUid: `${target.indexUid}_rebuild` };
  await target.client.deleteIndexIfExists(next.indexUid);
  await applyMeiliSettings(next);
  await putDocuments(next, docs);
  await ensureIndex(target);
  // `rename` is left out on purpose: servers before v1.18 reject the field, and false is its default.
  await waitOk(
    target.client
      .swapIndexes([{ indexes: [target.indexUid, next.indexUid] } as IndexSwap])
      .waitTask({ timeout: TASK_TIMEOUT_MS }),
  );
  await waitOk(target.client.deleteIndex(next.indexUid).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

export async function documentCount(target: MeiliTarget): Promise<number> {
  const stats = await target.client.index(target.indexUid).getStats();
  return stats.numberOfDocuments;
}

/** One line that says what went wrong with Meilisearch, for the log. */
export function describeMeiliError(error: unknown): string {
  if (error instanceof MeilisearchApiError) return `${error.cause?.code ?? error.response.status}: ${error.message}`;
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.name ?? "Error"}: ${e.message ?? String(error)}${cause ? ` (${cause})` : ""}`;
}
