import { sql } from "drizzle-orm";
import { query } from "../db.server";

/** How many papers (conference and workshop) an advisor has per year, latest first: the page's year links. */
export async function paperCountsByYear(personId: number): Promise<{ year: number; papers: number }[]> {
  return query<{ year: number; papers: number }>(
    sql`select pa.year, count(*)::int as papers from authorships mine join papers pa on pa.id = mine.paper_id
        where mine.person_id = ${personId} group by pa.year order by pa.year desc`,
  );
}
