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
