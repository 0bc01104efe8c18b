/**
 * An advisor's papers as (id, venue, year) only: enough for the advisor page's year links (papers
 * per year) and for labelling the papers its student-load section cites, which are the advisor's
 * own papers (app/lib/import/student-load.ts). One query answers both, instead of one per use.
 * Pure; advisor-paper-index.server.ts reads the rows.
 */

export type OwnPaper = { id: number; venue: string; year: number };

/** Papers per year, latest first (the same as counting the advisor's authorships per year in SQL). */
export function papersPerYear(papers: readonly OwnPaper[]): { year: number; papers: number }[] {
  const count = new Map<number, number>();
  for (const p of papers) count.set(p.year, (count.get(p.year) ?? 0) + 1);
  return [...count].map(([year, n]) => ({ year, papers: n })).sort((a, b) => b.year - a.year);
}

/** The student-load section's paper ids, as far as it needs them (students per year and alumni). */
export type CitedPapers = {
  years: readonly { students: readonly { lastAuthorPapers: readonly number[]; otherPapers: readonly number[] }[] }[];
  alumni: readonly { papers: readonly number[] }[];
};

export function citedPaperIds(load: CitedPapers): Set<number> {
  const ids = new Set<number>();
  for (const y of load.years)
    for (const s of y.students) {
      for (const id of s.lastAuthorPapers) ids.add(id);
      for (const id of s.otherPapers) ids.add(id);
    }
  for (const a of load.alumni) for (const id of a.papers) ids.add(id);
  return ids;
}

/** Venue and year of each cited paper found among `own`, and the ids that are not (to read apart). */
export function labelCitedPapers(
  ids: ReadonlySet<number>,
  own: readonly OwnPaper[],
): { labels: Map<number, { venue: string; year: number }>; missing: number[] } {
  const labels = new Map<number, { venue: string; year: number }>();
  if (ids.size === 0) return { labels, missing: [] };
  for (const p of own) if (ids.has(p.id)) labels.set(p.id, { venue: p.venue, year: p.year });
  return { labels, missing: [...ids].filter((id) => !labels.has(id)) };
}

/** How many of the advisor's papers fall in the years (the window's count, when only its first papers are read). */
export function papersInYears(papers: readonly OwnPaper[], years: { from: number; to: number }): number {
  let n = 0;
  for (const p of papers) if (p.year >= years.from && p.year <= years.to) n++;
  return n;
}
