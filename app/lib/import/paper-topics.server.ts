/**
 * Import stage: research topics. Loads seed/topics.json (zod-validated), gives every paper its
 * topics with the one matcher (app/lib/topics.ts: Postgres full-text search on titles, English
 * stemming), and precomputes advisor_topic_venue_years, i.e. advisor_venue_years over one topic's papers,
 * so that a curated topic re-ranks from memory like the default ranking.
 *
 * Runs after the paper import; skipped when neither the topics, the imported data nor this stage
 * changed (its own hash in import_state), so a second run changes nothing.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, query } from "../db.server";
import { parseTopicsFile, titleMatches, type Topic } from "../topics";
import { isHighlighted } from "../venues";
import { bumpDataVersion } from "./importer.server";

/** Bump when the stage's rules change, so an unchanged database is recomputed. */
const STAGE_VERSION = 1;
const STATE_KEY = "paper_topics";

export type TopicCoverage = {
  skippedAsUnchanged: boolean;
  papers: number;
  papersWithTopic: number;
  /** Share of papers with at least one topic. */
  share: number;
  perTopic: { id: string; label: string; papers: number }[];
};

export function loadTopics(seedDir: string): { topics: Topic[]; hash: string } {
  const text = readFileSync(path.join(seedDir, "topics.json"), "utf8");
  return { topics: parseTopicsFile(JSON.parse(text)), hash: createHash("sha256").update(text).digest("hex") };
}

export async function importPaperTopics(db: Db, seedDir: string): Promise<TopicCoverage> {
  const { topics, hash: topicsHash } = loadTopics(seedDir);
  const [importState] = await query<{ h: string | null }>(
    sql`select value->>'hash' as h from import_state where key = 'import'`,
    db,
  );
  const hash = createHash("sha256")
    .update(topicsHash)
    .update(importState?.h ?? "")
    .update(`stage:${STAGE_VERSION}`)
    .digest("hex");
  const [previous] = await query<{ h: string | null }>(
    sql`select value->>'hash' as h from import_state where key = ${STATE_KEY}`,
    db,
  );
  if (previous?.h === hash) return { ...(await coverage(db)), skippedAsUnchanged: true };

  // The highlighted rule is venues.isHighlighted, applied to the statuses the data has.
  const statuses = await query<{ status: string }>(
    sql`select distinct status from papers where status is not null`,
    db,
  );
  const highlighted = JSON.stringify(statuses.map((s) => s.status).filter(isHighlighted));

  await db.transaction(async (tx) => {
    const json = JSON.stringify(topics.map((t, i) => ({ ...t, sortOrder: i + 1 })));
    await tx.execute(sql`
      insert into topics (id, label, description, query, orientation, sort_order)
      select x.id, x.label, x.description, x.query, x.orientation, x."sortOrder"
      from jsonb_to_recordset(${json}::jsonb) as x(id text, label text, description text, query text, orientation text, "sortOrder" int)
      on conflict (id) do update set label = excluded.label, description = excluded.description, query = excluded.query,
        orientation = excluded.orientation, sort_order = excluded.sort_order`);
    await tx.execute(sql`delete from topics where id <> all(${`{${topics.map((t) => t.id).join(",")}}`}::text[])`);
    // One statement per topic: each uses the GIN index on title_search (a join of all topics at
    // once is planned as a scan that re-evaluates every query on every title, ~10x slower).
    for (const t of topics) {
      await tx.execute(sql`delete from paper_topics where topic_id = ${t.id}`);
      await tx.execute(sql`insert into paper_topics (paper_id, topic_id)
        select p.id, ${t.id} from papers p where ${titleMatches(sql`p.title_search`, t.query)}`);
    }
    await tx.execute(sql`update topics t set papers = (select count(*) from paper_topics pt where pt.topic_id = t.id)`);
    // The importer's per-advisor rule (import-plan.ts, step 6) over each topic's papers:
    // conference papers, 1/N credit, last-author papers, highlighted papers.
    await tx.execute(sql`delete from advisor_topic_venue_years`);
    await tx.execute(sql`
      insert into advisor_topic_venue_years (topic_id, person_id, venue_id, year, papers, credit, last_author, highlighted)
      select pt.topic_id, au.person_id, p.venue_id, p.year, count(*)::int,
        round(sum(1.0 / p.author_count), 9)::float8,
        (count(*) filter (where au.position = p.author_count))::int,
        (count(*) filter (where p.status in (select jsonb_array_elements_text(${highlighted}::jsonb))))::int
      from paper_topics pt
      join papers p on p.id = pt.paper_id and p.is_conference
      join authorships au on au.paper_id = p.id
      join advisors a on a.person_id = au.person_id
      group by pt.topic_id, au.person_id, p.venue_id, p.year`);
    await tx.execute(sql`
      insert into import_state (key, value, updated_at) values (${STATE_KEY}, ${JSON.stringify({ hash })}::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
    await bumpDataVersion(tx);
  });
  return { ...(await coverage(db)), skippedAsUnchanged: false };
}

async function coverage(db: Db): Promise<Omit<TopicCoverage, "skippedAsUnchanged">> {
  const [totals] = await query<{ papers: number; with_topic: number }>(
    sql`select (select count(*)::int from papers) as papers, (select count(distinct paper_id)::int from paper_topics) as with_topic`,
    db,
  );
  const perTopic = await query<{ id: string; label: string; papers: number }>(
    sql`select id, label, papers from topics order by papers desc, sort_order`,
    db,
  );
  return {
    papers: totals.papers,
    papersWithTopic: totals.with_topic,
    share: totals.papers ? totals.with_topic / totals.papers : 0,
    perTopic,
  };
}

export function formatTopicCoverage(c: TopicCoverage): string {
  const head = `  topics: ${c.perTopic.length}; ${c.papersWithTopic} of ${c.papers} papers (${(c.share * 100).toFixed(1)}%) have at least one${c.skippedAsUnchanged ? " (unchanged)" : ""}`;
  return [head, ...c.perTopic.map((t) => `    ${t.label}: ${t.papers}`)].join("\n");
}
