/**
 * The facts behind an advisor page's header: the names printed on their papers, the records set
 * aside as suspected swaps (with the paper that shows each), and which venue-years the counts
 * cover. Derivation itself lives in app/lib/import/advisor-facts.ts.
 */
import { sql } from "drizzle-orm";
import { type Db, preparedQuery } from "../db.server";
import { coverageSpans, type CoverageSpan } from "./coverage.server";
import { PerIndexCache } from "./index-cache";

export type IgnoredRecord = {
  paperTitle: string;
  paperUrl: string | null;
  venue: string;
  year: number;
  affiliation: string | null;
  positionTitle: string | null;
  conflicts: number;
  reason: string;
};

export type AdvisorFactsDetail = {
  /** Every name printed for them, most frequent first. */
  nameVariants: string[];
  ignored: IgnoredRecord[];
  /** Per venue: the years in the data (and the years missing inside that span). */
  countsCover: CoverageSpan[];
};

/** The coverage spans are the same on every advisor page: read once per advisor index (data version). */
const spansPerIndex = new PerIndexCache<CoverageSpan[]>(1);

/** `index`: the advisor index the page is built from; the coverage spans are kept with it. */
export async function advisorFactsDetail(entry: { id: number }, db: Db, index?: object): Promise<AdvisorFactsDetail> {
  const [names, ignored, spans] = await Promise.all([
    preparedQuery<{ names: string[] | string }>(
      sql`select to_json(name_variants) as names from advisors where person_id = ${entry.id}`,
      db,
    ),
    preparedQuery<{
      title: string;
      url: string | null;
      venue_id: string;
      year: number;
      affiliation: string | null;
      position_title: string | null;
      conflicts: number;
      reason: string;
    }>(
      sql`select p.title, p.url, p.venue_id, r.year, r.affiliation, r.position_title, r.conflicts, r.reason
          from advisor_ignored_records r join papers p on p.id = r.paper_id
          where r.person_id = ${entry.id} order by r.year desc, p.title`,
      db,
    ),
    index ? spansPerIndex.get(index, "spans", () => coverageSpans(db)) : coverageSpans(db),
  ]);
  return {
    nameVariants: names[0]
      ? typeof names[0].names === "string"
        ? (JSON.parse(names[0].names) as string[])
        : names[0].names
      : [],
    ignored: ignored.map((r) => ({
      paperTitle: r.title,
      paperUrl: r.url,
      venue: r.venue_id,
      year: r.year,
      affiliation: r.affiliation,
      positionTitle: r.position_title,
      conflicts: r.conflicts,
      reason: r.reason,
    })),
    countsCover: spans,
  };
}
