/**
 * The thread's rule, in one place: judge an advisor by where they publish.
 *
 * "People who consistently publish at NeurIPS and ICML are the ones to look for", and pick one who
 * "isn't overrun with students". For one advisor, a venue set and a year window this module counts
 * - papers: conference papers at the chosen venues (workshop papers never count);
 * - credit: the author-adjusted count, 1/N for a paper with N authors (as CSRankings does);
 * - last-author papers, shown apart: the usual advisor position, which 1/N credit punishes;
 * - orals and spotlights (and the venues' other distinctions);
 * - consistency: the years of the window with at least one paper.
 * and combines them into one score:
 *
 *     score = (credit + ½ × last-author papers + ½ × orals/spotlights) × (consistent years ÷ years in window)
 *
 * so steady output beats one lucky year, and supervising students (last author) is not punished.
 * Pure: no I/O. Everything the UI says about a score comes from here.
 */
import { CORE_VENUES, type VenueId } from "./venues";

export type VenueYearCount = {
  venueId: string;
  year: number;
  papers: number;
  credit: number;
  lastAuthor: number;
  highlighted: number;
};

export type YearWindow = { from: number; to: number };

export type ScoreParams = { venues: readonly string[]; window: YearWindow };

export type ScoreBreakdown = {
  papers: number;
  credit: number;
  lastAuthor: number;
  highlighted: number;
  /** Years of the window with at least one paper at the chosen venues. */
  consistency: number;
  windowYears: number;
  /** The years that counted, ascending. */
  activeYears: number[];
  score: number;
};

export const DEFAULT_VENUES: readonly VenueId[] = CORE_VENUES;
export const DEFAULT_WINDOW_YEARS = 5;
export const LAST_AUTHOR_WEIGHT = 0.5;
export const HIGHLIGHT_WEIGHT = 0.5;

export const SCORE_FORMULA =
  "score = (author-adjusted credit + ½ × last-author papers + ½ × orals/spotlights) × (years with a paper ÷ years in the window)";

/** The five most recent years with data (the default window). */
export function defaultWindow(latestYear: number, years = DEFAULT_WINDOW_YEARS): YearWindow {
  return { from: latestYear - years + 1, to: latestYear };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function scoreAdvisor(rows: readonly VenueYearCount[], params: ScoreParams): ScoreBreakdown {
  const { from, to } = params.window;
  const venues = params.venues;
  let papers = 0;
  let credit = 0;
  let lastAuthor = 0;
  let highlighted = 0;
  const years: number[] = []; // at most the window's length: a plain array beats a Set here
  for (const r of rows) {
    if (r.year < from || r.year > to || r.papers <= 0 || !venues.includes(r.venueId)) continue;
    papers += r.papers;
    credit += r.credit;
    lastAuthor += r.lastAuthor;
    highlighted += r.highlighted;
    if (!years.includes(r.year)) years.push(r.year);
  }
  const windowYears = Math.max(1, to - from + 1);
  const output = credit + LAST_AUTHOR_WEIGHT * lastAuthor + HIGHLIGHT_WEIGHT * highlighted;
  return {
    papers,
    credit: round(credit, 3),
    lastAuthor,
    highlighted,
    consistency: years.length,
    windowYears,
    activeYears: years.sort((a, b) => a - b),
    score: round((output * years.length) / windowYears),
  };
}

export type Ranked<T> = T & {
  /** 1-based; equal scores share a rank ("1, 2, 2, 4"). */
  rank: number;
  /** Share of advisors ranked at or above this one, in percent: "top 3.2%". */
  topPercent: number;
  regionRank: number | null;
  regionTopPercent: number | null;
  regionSize: number;
};

export type Rankable = {
  id: number;
  name: string;
  region: string | null;
  breakdown: ScoreBreakdown;
  /** Position in alphabetical order, when the caller has sorted names once (collation is slow). */
  nameOrder?: number;
};

/** Orders by score (ties: more papers, then name) and ranks worldwide and within each region. */
export function rankAdvisors<T extends Rankable>(items: readonly T[]): Ranked<T>[] {
  const sorted = [...items].sort(compareByScore);
  const total = sorted.length;
  const regionCounts = new Map<string, number>();
  for (const it of sorted) if (it.region) regionCounts.set(it.region, (regionCounts.get(it.region) ?? 0) + 1);
  const regionSeen = new Map<string, { seen: number; lastScore: number; lastRank: number }>();
  let lastScore = Number.NaN;
  let lastRank = 0;
  return sorted.map((it, i) => {
    const s = it.breakdown.score;
    const rank = s === lastScore ? lastRank : i + 1;
    lastScore = s;
    lastRank = rank;
    let regionRank: number | null = null;
    let regionTopPercent: number | null = null;
    let regionSize = 0;
    if (it.region) {
      regionSize = regionCounts.get(it.region)!;
      const r = regionSeen.get(it.region) ?? { seen: 0, lastScore: Number.NaN, lastRank: 0 };
      r.seen++;
      const rr = s === r.lastScore ? r.lastRank : r.seen;
      r.lastScore = s;
      r.lastRank = rr;
      regionSeen.set(it.region, r);
      regionRank = rr;
      regionTopPercent = topPercent(rr, regionSize);
    }
    return Object.assign({}, it, { rank, topPercent: topPercent(rank, total), regionRank, regionTopPercent, regionSize });
  });
}

export function topPercent(rank: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.ceil((rank / total) * 1000) / 10);
}

export function compareByScore(a: Rankable, b: Rankable): number {
  return (
    b.breakdown.score - a.breakdown.score ||
    b.breakdown.papers - a.breakdown.papers ||
    (a.nameOrder !== undefined && b.nameOrder !== undefined ? a.nameOrder - b.nameOrder : a.name.localeCompare(b.name)) ||
    a.id - b.id
  );
}

/** The score in words, line by line, as the advisor page shows it. */
export function explainScore(b: ScoreBreakdown, params: ScoreParams): string[] {
  const { from, to } = params.window;
  const output = b.credit + LAST_AUTHOR_WEIGHT * b.lastAuthor + HIGHLIGHT_WEIGHT * b.highlighted;
  return [
    `Window ${from}–${to} (${b.windowYears} years), venues: ${params.venues.join(", ")}.`,
    `${b.papers} conference papers; author-adjusted credit ${b.credit} (each paper counts 1/number of authors).`,
    `${b.lastAuthor} as last author, ${b.highlighted} orals or spotlights.`,
    `Published in ${b.consistency} of ${b.windowYears} years${b.activeYears.length ? ` (${b.activeYears.join(", ")})` : ""}.`,
    `(${b.credit} + ½ × ${b.lastAuthor} + ½ × ${b.highlighted}) × ${b.consistency}/${b.windowYears} = ${round((output * b.consistency) / b.windowYears)}.`,
  ];
}

/** The student-load signal: a sourced count, or unknown. Never guessed. */
export type StudentLoad = { count: number; sourceUrl: string; asOf: string | null } | { count: null };

export function studentLoad(count: number | null, sourceUrl: string | null, asOf: string | null): StudentLoad {
  return count !== null && sourceUrl ? { count, sourceUrl, asOf } : { count: null };
}
