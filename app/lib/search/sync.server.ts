/**
 * Keeping Meilisearch in step with Postgres (the linkwarden/karakeep pattern): every write marks
 * its row needs_index in its own transaction; a sync takes the marks, sends those documents in
 * batches and deletes the ones that no longer exist. `npm run search:sync` runs it, an approval in
 * the moderation queue calls syncSearchIndexSafely(), and `npm run search:reindex` rebuilds all.
 *
 * The marks are cleared *before* the documents are read, so a write that lands during a sync marks
 * its row again for the next one; if sending fails, the marks are put back.
 */
import { eq, sql } from "drizzle-orm";
import { advisors, institutions, labs } from "../../../db/schema";
import { advisorInstitutionId } from "../advisor-institution";
import { type Executor, getDb, query } from "../db.server";
import { remember } from "../remember.server";
import { anyOfIds } from "../sql-ids";
import { documentId, SEARCH_TYPES, type SearchType, toSearchDocument } from "./documents";
import {
  deleteDocuments,
  describeMeiliError,
  type MeiliTarget,
  meiliTarget,
  putDocuments,
  rebuildIndex,
} from "./meili.server";
import { refreshSearchTerms, searchRowsFor } from "./postgres.server";

export type SyncReport = { sent: number; deleted: number };
type Ids = Record<SearchType, number[]>;

async function takeMarks(executor: Executor): Promise<Ids> {
  return executor.transaction(async (tx) => {
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    const advisor = ids(
      await tx
        .update(advisors)
        .set({ needsIndex: false })
        .where(eq(advisors.needsIndex, true))
        .returning({ id: advisors.personId }),
    );
    const lab = ids(
      await tx.update(labs).set({ needsIndex: false }).where(eq(labs.needsIndex, true)).returning({ id: labs.id }),
    );
    const institution = ids(
      await tx
        .update(institutions)
        .set({ needsIndex: false })
        .where(eq(institutions.needsIndex, true))
        .returning({ id: institutions.id }),
    );
    return { advisor, lab, institution };
  });
}

async function restoreMarks(ids: Ids, executor: Executor): Promise<void> {
  await executor
    .update(advisors)
    .set({ needsIndex: true })
    .where(sql`${advisors.personId} = ${anyOfIds(ids.advisor)}`);
  await executor
    .update(labs)
    .set({ needsIndex: true })
    .where(sql`${labs.id} = ${anyOfIds(ids.lab)}`);
  await executor
    .update(institutions)
    .set({ needsIndex: true })
    .where(sql`${institutions.id} = ${anyOfIds(ids.institution)}`);
}

/**
 * A document shows facts of its neighbours: an advisor their institution's country and their labs'
 * CIFRE status, an institution its advisors' count and venues. So the neighbours of a marked row
 * are sent too.
 */
async function withNeighbours(ids: Ids, executor: Executor): Promise<Ids> {
  const [row] = await query<{ advisor: number[] | null; lab: number[] | null; institution: number[] | null }>(
    sql`select
      (select array_agg(distinct x) from (
         select a.person_id as x from advisors a
           where ${advisorInstitutionId()} = ${anyOfIds(ids.institution)}
         union select m.person_id from lab_members m where m.lab_id = ${anyOfIds(ids.lab)}) s) as advisor,
      (select array_agg(distinct m.lab_id) from lab_members m where m.person_id = ${anyOfIds(ids.advisor)}) as lab,
      (select array_agg(distinct x) from (
         select ${advisorInstitutionId()} as x from advisors a
           where a.person_id = ${anyOfIds(ids.advisor)}
         union select a.institution_id from advisors a where a.person_id = ${anyOfIds(ids.advisor)}
         union select l.institution_id from labs l where l.id = ${anyOfIds(ids.lab)}) s where x is not null) as institution`,
    executor,
  );
  const merge = (a: number[], b: unknown) =>
    [...new Set([...a, ...((Array.isArray(b) ? b : []) as number[]).map(Number)])].sort((x, y) => x - y);
  return {
    advisor: merge(ids.advisor, row?.advisor),
    lab: merge(ids.lab, row?.lab),
    institution: merge(ids.institution, row?.institution),
  };
}

/** Sends the marked rows (and their neighbours) to Meilisearch and clears the marks. */
export async function syncSearchIndex(target: MeiliTarget, executor: Executor = getDb()): Promise<SyncReport> {
  const marked = await takeMarks(executor);
  if (SEARCH_TYPES.every((t) => marked[t].length === 0)) return { sent: 0, deleted: 0 };
  try {
    const ids = await withNeighbours(marked, executor);
    await refreshSearchTerms(executor);
    const docs = (await searchRowsFor(ids, executor)).map(toSearchDocument);
    await putDocuments(target, docs);
    const present = new Set(docs.map((d) => d.id));
    const gone = SEARCH_TYPES.flatMap((t) => ids[t].map((id) => documentId(t, id))).filter((id) => !present.has(id));
    await deleteDocuments(target, gone);
    return { sent: docs.length, deleted: gone.length };
  } catch (error) {
    await restoreMarks(marked, executor);
    throw error;
  }
}

/** Rebuilds the whole index from Postgres (into a new index, swapped in when complete). */
export async function reindexSearch(target: MeiliTarget, executor: Executor = getDb()): Promise<SyncReport> {
  const marked = await takeMarks(executor);
  try {
    await refreshSearchTerms(executor);
    const docs = (await searchRowsFor(null, executor)).map(toSearchDocument);
    await rebuildIndex(target, docs);
    return { sent: docs.length, deleted: 0 };
  } catch (error) {
    await restoreMarks(marked, executor);
    throw error;
  }
}

const logged = () => remember("searchSyncSkipLogged", () => ({ once: false }));

/**
 * For callers that must not fail because of search (an approval in the moderation queue): brings
 * the Postgres search view up to date and, when Meilisearch is configured, syncs the marked rows.
 * Never throws; a failure is one log line and the marks stay for the next sync.
 */
export async function syncSearchIndexSafely(): Promise<void> {
  try {
    const target = meiliTarget();
    if (!target) {
      await refreshSearchTerms();
      if (!logged().once) {
        logged().once = true;
        console.log("search sync: MEILI_URL is not set, nothing to send (Postgres search reads the database itself).");
      }
      return;
    }
    await syncSearchIndex(target);
  } catch (error) {
    console.warn(
      `search sync failed (${describeMeiliError(error)}); the rows stay marked for the next \`npm run search:sync\`.`,
    );
  }
}
