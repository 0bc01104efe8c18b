/**
 * What the shipped data covers (the /about/data page and the "counts cover" line of advisor
 * pages): per venue and year, papers, authorships, and the share of authorships with an OpenReview
 * id, an affiliation and a position, as the importer recorded them (venue_year_coverage).
 * A venue-year absent from the data is listed as missing, never shown as zero.
 */
import { sql } from "drizzle-orm";
import { type Db, getDb, query } from "../db.server";
import { VENUES } from "../venues";

export type CoverageRow = {
  venue: string;
  year: number;
  papers: number;
  authorships: number;
  withOpenreview: number;
  withAffiliation: number;
  withPosition: number;
};

export type CoverageSpan = { venue: string; from: number; to: number; missing: number[] };

export type DataCoverage = {
  rows: CoverageRow[];
  /** Venue-years the data lacks: from each venue's first year in the data to the last year of any venue. */
  missing: { venue: string; year: number; note: string | null }[];
  spans: CoverageSpan[];
  lastYear: number;
};

/**
 * Years a venue was not held, so their absence is not a gap: AISTATS was biennial (odd years)
 * until 2007 and annual from 2009 (https://aistats.org/, "Past conferences").
 */
export const NOT_HELD: Record<string, number[]> = {
  aistats: [1996, 1998, 2000, 2002, 2004, 2006, 2008],
};

async function coverageRows(db: Db): Promise<CoverageRow[]> {
  const rows = await query<{
    venue_id: string;
    year: number;
    papers: number;
    authorships: number;
    with_openreview: number;
    with_affiliation: number;
    with_position: number;
  }>(
    sql`select c.venue_id, c.year, c.papers, c.authorships, c.with_openreview, c.with_affiliation, c.with_position
        from venue_year_coverage c join venues v on v.id = c.venue_id order by v.sort_order, c.year`,
    db,
  );
  return rows.map((r) => ({
    venue: r.venue_id,
    year: r.year,
    papers: r.papers,
    authorships: r.authorships,
    withOpenreview: r.with_openreview,
    withAffiliation: r.with_affiliation,
    withPosition: r.with_position,
  }));
}

/** Pure: the missing venue-years and per-venue spans of a set of coverage rows. */
export function coverageGaps(
  rows: Pick<CoverageRow, "venue" | "year">[],
): Pick<DataCoverage, "missing" | "spans" | "lastYear"> {
  const lastYear = rows.length ? Math.max(...rows.map((r) => r.year)) : new Date().getFullYear();
  const missing: DataCoverage["missing"] = [];
  const spans: CoverageSpan[] = [];
  for (const v of VENUES) {
    const years = new Set(rows.filter((r) => r.venue === v.id).map((r) => r.year));
    if (years.size === 0) continue;
    const first = Math.min(...years);
    const gaps: number[] = [];
    for (let y = first; y <= lastYear; y++) {
      if (years.has(y) || NOT_HELD[v.id]?.includes(y)) continue;
      gaps.push(y);
      missing.push({ venue: v.id, year: y, note: y > Math.max(...years) ? "not in the shipped data yet" : null });
    }
    spans.push({
      venue: v.id,
      from: first,
      to: Math.max(...years),
      missing: gaps.filter((y) => y < Math.max(...years)),
    });
  }
  return { missing, spans, lastYear };
}

export async function coverageSpans(db: Db = getDb()): Promise<CoverageSpan[]> {
  return coverageGaps(await coverageRows(db)).spans;
}

export async function dataCoverage(db: Db = getDb()): Promise<DataCoverage> {
  const rows = await coverageRows(db);
  return { rows, ...coverageGaps(rows) };
}
