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

/**
 * Every advisor's rows in one set of typed arrays, for scoring everyone at once (re-ranking the
 * whole directory for any venue set and window). Advisor i owns rows start[i] to start[i + 1];
 * within an advisor, rows keep the order they were given in, so sums match scoreAdvisor exactly.
 */
export type ScoreColumns = {
  count: number;
  venueIds: readonly string[];
  start: Int32Array;
  venue: Uint8Array;
  year: Int16Array;
  papers: Int32Array;
  credit: Float64Array;
  lastAuthor: Int32Array;
  highlighted: Int32Array;
};

export function toScoreColumns(perAdvisor: readonly (readonly VenueYearCount[])[]): ScoreColumns {
  const venueIds: string[] = [];
  const venueCode = new Map<string, number>();
  let total = 0;
  for (const rows of perAdvisor) total += rows.length;
  const c: ScoreColumns = {
    count: perAdvisor.length,
    venueIds,
    start: new Int32Array(perAdvisor.length + 1),
    venue: new Uint8Array(total),
    year: new Int16Array(total),
    papers: new Int32Array(total),
    credit: new Float64Array(total),
    lastAuthor: new Int32Array(total),
    highlighted: new Int32Array(total),
  };
  let k = 0;
  perAdvisor.forEach((rows, i) => {
    c.start[i] = k;
    for (const r of rows) {
      let code = venueCode.get(r.venueId);
      if (code === undefined) {
        if (venueIds.length >= 255) throw new Error("at most 255 venues");
        venueCode.set(r.venueId, (code = venueIds.length));
        venueIds.push(r.venueId);
      }
      c.venue[k] = code;
      c.year[k] = r.year;
      c.papers[k] = r.papers;
      c.credit[k] = r.credit;
      c.lastAuthor[k] = r.lastAuthor;
      c.highlighted[k] = r.highlighted;
      k++;
    }
  });
  c.start[perAdvisor.length] = k;
  return c;
}

/** One advisor's rows back from the columns (as toScoreColumns took them, in the same order). */
export function rowsFromColumns(c: ScoreColumns, i: number): VenueYearCount[] {
  const out: VenueYearCount[] = [];
  if (i < 0 || i >= c.count) return out;
  for (let k = c.start[i]; k < c.start[i + 1]; k++)
    out.push({
      venueId: c.venueIds[c.venue[k]],
      year: c.year[k],
      papers: c.papers[k],
      credit: c.credit[k],
      lastAuthor: c.lastAuthor[k],
      highlighted: c.highlighted[k],
    });
  return out;
}

/** The headline numbers of scoreAdvisor for every advisor at once (same rule, same rounding). */
export type ScoreTable = {
  papers: Int32Array;
  consistency: Int32Array;
  score: Float64Array;
};

export function scoreColumns(c: ScoreColumns, params: ScoreParams): ScoreTable {
  const { from, to } = params.window;
  const chosen = new Uint8Array(Math.max(1, c.venueIds.length));
  c.venueIds.forEach((v, code) => (chosen[code] = params.venues.includes(v) ? 1 : 0));
  const windowYears = Math.max(1, to - from + 1);
  const span = Math.max(0, to - from + 1);
  const seen = new Int32Array(span); // the last advisor (index + 1) seen publishing in each year
  const out: ScoreTable = {
    papers: new Int32Array(c.count),
    consistency: new Int32Array(c.count),
    score: new Float64Array(c.count),
  };
  for (let i = 0; i < c.count; i++) {
    let papers = 0;
    let credit = 0;
    let lastAuthor = 0;
    let highlighted = 0;
    let years = 0;
    for (let k = c.start[i], end = c.start[i + 1]; k < end; k++) {
      const y = c.year[k];
      if (y < from || y > to || c.papers[k] <= 0 || chosen[c.venue[k]] === 0) continue;
      papers += c.papers[k];
      credit += c.credit[k];
      lastAuthor += c.lastAuthor[k];
      highlighted += c.highlighted[k];
      if (seen[y - from] !== i + 1) {
        seen[y - from] = i + 1;
        years++;
      }
    }
    const output = credit + LAST_AUTHOR_WEIGHT * lastAuthor + HIGHLIGHT_WEIGHT * highlighted;
    out.papers[i] = papers;
    out.consistency[i] = years;
    out.score[i] = round((output * years) / windowYears);
  }
  return out;
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

/** Where each advisor stands: rank order and ranks worldwide and within its region. */
export type RankTable = {
  /** Advisor indices, best first. */
  order: Int32Array;
  rank: Int32Array;
  /** 0 when the advisor has no region. */
  regionRank: Int32Array;
  regionSize: Int32Array;
};

/**
 * Orders by score (ties: more papers, then name order, then id) and ranks worldwide and within
 * each region; equal scores share a rank ("1, 2, 2, 4"). nameOrder: each advisor's place in
 * alphabetical order of names (sorted once by the caller: collation is slow).
 */
export function rankTable(input: {
  score: ArrayLike<number>;
  papers: ArrayLike<number>;
  nameOrder: ArrayLike<number>;
  id: ArrayLike<number>;
  /** Each advisor's region as a small integer code; 0 for none. */
  region: ArrayLike<number>;
}): RankTable {
  const { score, papers, nameOrder, id, region } = input;
  const n = score.length;
  const order =
    packedOrder(score, papers, nameOrder) ??
    Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => score[b] - score[a] || papers[b] - papers[a] || nameOrder[a] - nameOrder[b] || id[a] - id[b],
      ),
    );
  const rank = new Int32Array(n);
  const regionRank = new Int32Array(n);
  const regionSize = new Int32Array(n);
  let regions = 0;
  for (let i = 0; i < n; i++) if (region[i] > regions) regions = region[i];
  const size = new Int32Array(regions + 1);
  for (let i = 0; i < n; i++) size[region[i]]++;
  const seen = new Int32Array(regions + 1);
  const lastScore = new Float64Array(regions + 1).fill(Number.NaN);
  const lastRank = new Int32Array(regions + 1);
  let prevScore = Number.NaN;
  let prevRank = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos];
    const s = score[i];
    rank[i] = s === prevScore ? prevRank : pos + 1;
    prevScore = s;
    prevRank = rank[i];
    const r = region[i];
    if (r === 0) continue;
    seen[r]++;
    regionRank[i] = s === lastScore[r] ? lastRank[r] : seen[r];
    lastScore[r] = s;
    lastRank[r] = regionRank[i];
    regionSize[i] = size[r];
  }
  return { order, rank, regionRank, regionSize };
}

/**
 * The same order as the comparator in rankTable, by one native numeric sort: each advisor becomes
 * one number, (best score first, then most papers, then name order), exact in a double. Used when
 * scores have two decimals, counts are non-negative and name order is a permutation (so the key
 * tells the advisor back); null otherwise, and the caller sorts with the comparator.
 */
function packedOrder(
  score: ArrayLike<number>,
  papers: ArrayLike<number>,
  nameOrder: ArrayLike<number>,
): Int32Array | null {
  const n = score.length;
  if (n === 0) return new Int32Array(0);
  let maxScore = 0;
  let maxPapers = 0;
  const byName = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = Math.round(score[i] * 100);
    if (s < 0 || Math.abs(score[i] * 100 - s) > 1e-6 || papers[i] < 0 || !Number.isInteger(papers[i])) return null;
    const o = nameOrder[i];
    if (!Number.isInteger(o) || o < 0 || o >= n || byName[o] !== -1) return null;
    byName[o] = i;
    if (s > maxScore) maxScore = s;
    if (papers[i] > maxPapers) maxPapers = papers[i];
  }
  const nameSpan = n;
  const paperSpan = maxPapers + 1;
  if ((maxScore + 1) * paperSpan * nameSpan > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = maxScore - Math.round(score[i] * 100);
    keys[i] = (s * paperSpan + (maxPapers - papers[i])) * nameSpan + nameOrder[i];
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = byName[keys[k] % nameSpan];
  return order;
}

/** Values as small integer codes (for rankTable's regions, and filters): code[i] is 1 + the index of value i in values, or 0 for none. */
export type Encoded = { code: Uint16Array; values: string[] };

export function encodeValues(values: readonly (string | null)[]): Encoded {
  const lookup = new Map<string, number>();
  const code = new Uint16Array(values.length);
  values.forEach((v, i) => {
    if (v === null) return;
    let c = lookup.get(v);
    if (c === undefined) lookup.set(v, (c = lookup.size + 1));
    code[i] = c;
  });
  return { code, values: [...lookup.keys()] };
}

/** rankTable for a list of scored items, as objects (tests, small lists). */
export function rankAdvisors<T extends Rankable>(items: readonly T[]): Ranked<T>[] {
  let nameOrder: ArrayLike<number>;
  if (items.every((it) => it.nameOrder !== undefined)) nameOrder = items.map((it) => it.nameOrder!);
  else {
    const byName = items
      .map((_, i) => i)
      .sort((a, b) => items[a].name.localeCompare(items[b].name) || items[a].id - items[b].id);
    const o = new Int32Array(items.length);
    byName.forEach((i, pos) => (o[i] = pos));
    nameOrder = o;
  }
  const t = rankTable({
    score: items.map((it) => it.breakdown.score),
    papers: items.map((it) => it.breakdown.papers),
    nameOrder,
    id: items.map((it) => it.id),
    region: encodeValues(items.map((it) => it.region)).code,
  });
  return Array.from(t.order, (i) => ({
    ...items[i],
    rank: t.rank[i],
    topPercent: topPercent(t.rank[i], items.length),
    regionRank: items[i].region ? t.regionRank[i] : null,
    regionTopPercent: items[i].region ? topPercent(t.regionRank[i], t.regionSize[i]) : null,
    regionSize: t.regionSize[i],
  }));
}

export function topPercent(rank: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.ceil((rank / total) * 1000) / 10);
}

/** The score in words, line by line, as the advisor page shows it. */
/** The score explained line by line; the last line ends with the score itself, never a recomputation
 * from the rounded credit (which could differ from it by 0.01). */
export function explainScore(b: ScoreBreakdown, params: ScoreParams): string[] {
  const { from, to } = params.window;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    `Window ${from}–${to} (${count(b.windowYears, "year", "years")}), venues: ${params.venues.join(", ")}.`,
    `${count(b.papers, "conference paper", "conference papers")}; author-adjusted credit ${b.credit} (each paper counts 1/number of authors).`,
    `${b.lastAuthor} as last author, ${count(b.highlighted, "oral or spotlight", "orals or spotlights")}.`,
    `Published in ${b.consistency} of ${b.windowYears} years${b.activeYears.length ? ` (${b.activeYears.join(", ")})` : ""}.`,
    `(${b.credit} + ½ × ${b.lastAuthor} + ½ × ${b.highlighted}) × ${b.consistency}/${b.windowYears} = ${b.score}.`,
  ];
}
