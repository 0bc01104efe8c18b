/**
 * One query for an advisor page's light paper facts (advisor-paper-index.ts): the year links and
 * the labels of the papers its student-load section cites. Replaces a papers-per-year aggregate and
 * a second, dependent query for the labels, which made the page wait for two round trips in a row.
 */
import { sql } from "drizzle-orm";
import { preparedQuery, query } from "../db.server";
import { citedPaperIds, labelCitedPapers, type CitedPapers, type OwnPaper } from "./advisor-paper-index";

export async function ownPapers(personId: number): Promise<OwnPaper[]> {
  return preparedQuery<OwnPaper>(
    sql`select pa.id, pa.venue_id as venue, pa.year from authorships mine join papers pa on pa.id = mine.paper_id
        where mine.person_id = ${personId}`,
  );
}

/** Venue and year of every paper the student-load section cites (read from the database only if not the advisor's own). */
export async function citedPaperLabels(
  load: CitedPapers,
  own: readonly OwnPaper[],
): Promise<Map<number, { venue: string; year: number }>> {
  const { labels, missing } = labelCitedPapers(citedPaperIds(load), own);
  if (missing.length === 0) return labels;
  const rows = await query<{ id: number; venue_id: string; year: number }>(
    sql`select id, venue_id, year from papers where id in (select jsonb_array_elements_text(${JSON.stringify(missing)}::jsonb)::int)`,
  );
  for (const r of rows) labels.set(r.id, { venue: r.venue_id, year: r.year });
  return labels;
}
