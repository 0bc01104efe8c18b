/**
 * Where each venue-year's papers came from and when: for the /about/data page. Every paper carries
 * its source (seed file, paper list, dblp), the file, and its import date (paper-sources.server.ts).
 */
import { sql } from "drizzle-orm";
import { type Executor, getDb, query } from "../db.server";
import { venueName } from "../venues";

export type VenueYearProvenance = {
  venue: string;
  venueName: string;
  year: number;
  papers: number;
  sources: { source: string; file: string | null; papers: number; lastImported: string | null }[];
};

export async function venueYearProvenance(db: Executor = getDb()): Promise<VenueYearProvenance[]> {
  const rows = await query<{
    venue_id: string;
    year: number;
    source: string | null;
    source_file: string | null;
    papers: number;
    last: string | Date | null;
  }>(
    sql`select venue_id, year, source, source_file, count(*)::int as papers, max(imported_at) as last
      from papers group by venue_id, year, source, source_file order by venue_id, year desc, source, source_file`,
    db,
  );
  const out = new Map<string, VenueYearProvenance>();
  for (const r of rows) {
    const key = `${r.venue_id}|${r.year}`;
    let vy = out.get(key);
    if (!vy)
      out.set(
        key,
        (vy = { venue: r.venue_id, venueName: venueName(r.venue_id), year: r.year, papers: 0, sources: [] }),
      );
    vy.papers += r.papers;
    vy.sources.push({
      source: r.source ?? "unknown",
      file: r.source_file,
      papers: r.papers,
      lastImported: r.last ? new Date(r.last).toISOString() : null,
    });
  }
  return [...out.values()];
}
