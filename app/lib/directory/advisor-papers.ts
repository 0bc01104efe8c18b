/**
 * Which of an advisor's papers the advisor page lists. A prolific advisor has hundreds of papers
 * with all their authors (Yoshua Bengio: 299, a 342 kB page when all were listed, twice: markup and
 * loader data); the page lists those of the chosen window (the years the score is computed over),
 * and any other year on demand (`?papers=2019`). The full list stays in GET /api/advisors/:slug.
 */
export type PaperYears = { from: number; to: number };

export type PaperSelection = PaperYears & { window: boolean };

/** The years to list: `papers=YYYY` for one year, else the score window. An error message for a bad value. */
export function paperSelection(search: URLSearchParams, window: PaperYears): PaperSelection | { error: string } {
  const raw = search.get("papers");
  if (raw === null || raw === "" || raw === "window") return { ...window, window: true };
  if (!/^\d{4}$/.test(raw)) return { error: `papers must be a year such as ${window.to} (got "${raw.slice(0, 40)}").` };
  const year = Number(raw);
  return { from: year, to: year, window: false };
}

/** The link to another year's papers, keeping the rest of the page's query (venue set, window). */
export function paperYearHref(search: URLSearchParams, year: number | null): string {
  const next = new URLSearchParams(search);
  if (year === null) next.delete("papers");
  else next.set("papers", String(year));
  const qs = next.toString();
  return qs ? `?${qs}` : "?";
}

/** How many leading authors the advisor page names before "and N more" (the API keeps them all). */
export const AUTHORS_SHOWN = 5;

export type ShortAuthorList = {
  /** Names shown, in paper order. */
  names: string[];
  /** 1-based index in `names` of the advisor, or 0 when not among them. */
  advisorAt: number;
  /** True when names were left out between the leading ones and the advisor. */
  gap: boolean;
  /** How many authors are not named. */
  more: number;
};

/**
 * A paper's author list as the advisor page prints it: the first AUTHORS_SHOWN names, the advisor
 * always (after a gap when further down), "and N more" for the rest. Long lists (papers with 20+
 * authors) made the heaviest advisor pages 180 kB, twice over (markup and loader data).
 * `position` is the advisor's 1-based place in `authors`.
 */
export function shortAuthorList(authors: string[], position: number, keep = AUTHORS_SHOWN): ShortAuthorList {
  // One more name costs less than the "and 1 more" line it replaces.
  if (authors.length <= keep + 1) return { names: authors, advisorAt: position, gap: false, more: 0 };
  const names = authors.slice(0, keep);
  let advisorAt = position >= 1 && position <= keep ? position : 0;
  const gap = position > keep + 1 && position <= authors.length;
  if (position === keep + 1 || gap) {
    names.push(authors[position - 1]);
    advisorAt = names.length;
  }
  return { names, advisorAt, gap, more: authors.length - names.length };
}

/** At most this many papers on an advisor page (its window's most recent); the others by year and in the API. */
export const PAPERS_LISTED = 60;

/**
 * The papers the advisor page lists: the window's, newest first, at most PAPERS_LISTED of them
 * (Junchi Yan has 161 in 2022–2026, a 182 kB page even with short author lists; Yoshua Bengio 107, whose track record and student load take 42 kB more: 166 kB with 100 listed). One year asked
 * for (`?papers=2019`) is listed whole: no advisor has near that many in a year.
 */
export function listedPapers<T>(
  papers: T[],
  shown: PaperSelection,
  cap = PAPERS_LISTED,
): { papers: T[]; notListed: number } {
  if (!shown.window || papers.length <= cap) return { papers, notListed: 0 };
  return { papers: papers.slice(0, cap), notListed: papers.length - cap };
}
