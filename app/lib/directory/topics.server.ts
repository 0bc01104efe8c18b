/**
 * Advisors by research topic: the same rule (app/lib/scoring.ts) over only the papers that match a
 * topic. A curated topic ranks from advisor_topic_venue_years, loaded once per data version like the
 * default ranking; free text ranks from the papers the full-text index finds for it, counted in
 * memory by the importer's per-advisor rule (conference papers, 1/N credit, last author, highlighted).
 *
 * Also: each advisor's top topics, the fundamental vs applied indicator of every advisor, and the
 * per-topic counts of the list's filter options.
 */
import { sql } from "drizzle-orm";
import { getDb, indexLoadQuery, query } from "../db.server";
import { researchOrientation, type Orientation } from "../research-orientation";
import {
  type ScoreColumns,
  type ScoreParams,
  type VenueYearCount,
  encodeValues,
  type Encoded,
  rowsFromColumns,
  toScoreColumns,
} from "../scoring";
import { chooseTopic, titleMatches, type TopicChoice, type TopicOrientation } from "../topics";
import { isHighlighted } from "../venues";
import { topicPapersOf, topicsByAdvisor, type TopicsByAdvisor } from "./topics-by-advisor";

export type TopicInfo = {
  id: string;
  label: string;
  description: string;
  query: string;
  orientation: TopicOrientation;
  papers: number;
};

/** One topic's rows for every advisor (aligned with the advisor index), ready to rank. */
export type TopicRanking = {
  /** Cache key of the ranking ("t:<id>" or "q:<text>"). */
  key: string;
  choice: TopicChoice;
  columns: ScoreColumns;
  rowsOf: (i: number) => readonly VenueYearCount[];
};

/** The advisor index (advisors.server.ts), as far as topics need it: ids and rows, in index order. */
type AdvisorsLike = { version: string; advisors: readonly { id: number; rows: readonly VenueYearCount[] }[] };

type TopicIndex = {
  forIndex: AdvisorsLike;
  topics: TopicInfo[];
  byId: Map<string, TopicInfo>;
  /** Every advisor_topic_venue_years row, sorted by (topic, advisor index). */
  rowTopic: Uint16Array;
  rowAdvisor: Int32Array;
  /** Venue of each row as a code (index in venueIds). */
  rowVenue: Uint8Array;
  venueIds: string[];
  rowYear: Int16Array;
  rowPapers: Int32Array;
  rowCredit: Float64Array;
  rowLastAuthor: Int32Array;
  rowHighlighted: Int32Array;
  /** Per topic code (index in topics), its rows' range. */
  topicStart: Int32Array;
  rankings: Map<string, TopicRanking>;
  /** The fundamental vs applied indicator of every advisor: loaded on first need (one aggregate over all authorships). */
  orientations?: Promise<OrientationIndex>;
  orientationsLoaded?: OrientationIndex;
  papersById?: Promise<PaperAuthors>;
  /** The rows summed per advisor and topic, indexed by advisor: built on first need (topTopicsOf). */
  byAdvisor?: TopicsByAdvisor;
};

/** The advisors' conference authorships by paper, for counting free-text topics in memory. */
type PaperAuthors = {
  slot: Map<number, number>;
  venue: string[];
  /** The venue as a small code, for numeric cell keys. */
  venueCode: Uint8Array;
  year: Int16Array;
  credit: Float64Array;
  highlighted: Uint8Array;
  start: Int32Array;
  advisor: Int32Array;
  last: Uint8Array;
};

const holder = globalThis as unknown as {
  __atlasTopicIndex?: { forIndex: AdvisorsLike; promise: Promise<TopicIndex>; ready?: TopicIndex };
};
const MAX_CACHED_RANKINGS = 48;

export async function topicIndex(index: AdvisorsLike): Promise<TopicIndex> {
  const current = holder.__atlasTopicIndex;
  if (current && current.forIndex === index) return current.promise;
  const promise = loadTopicIndex(index);
  const entry: NonNullable<typeof holder.__atlasTopicIndex> = { forIndex: index, promise };
  holder.__atlasTopicIndex = entry;
  promise
    .then((t) => (entry.ready = t))
    .catch(() => {
      if (holder.__atlasTopicIndex?.promise === promise) holder.__atlasTopicIndex = undefined;
    });
  return promise;
}

/**
 * The topic index of `from` serves `to` too: an advisor index refreshed after a curated change
 * (advisors.server.ts) has the same advisors, in the same order, with the same rows.
 */
export function carryTopicIndex(from: AdvisorsLike, to: AdvisorsLike): void {
  const current = holder.__atlasTopicIndex;
  if (!current || current.forIndex !== from) return;
  const entry: NonNullable<typeof holder.__atlasTopicIndex> = { ...current, forIndex: to };
  holder.__atlasTopicIndex = entry;
  if (!entry.ready) current.promise.then((t) => (entry.ready = t)).catch(() => {});
}

/**
 * The topic index if it is loaded; otherwise starts loading it and answers null, so a page that only
 * wants the topic counts for its form does not wait for it (start.ts loads it before serving).
 */
export function readyTopicIndex(index: AdvisorsLike): TopicIndex | null {
  const current = holder.__atlasTopicIndex;
  if (current && current.forIndex === index) return current.ready ?? null;
  topicIndex(index).catch(() => {}); // a failure is retried on the next request
  return null;
}

async function loadTopicIndex(index: AdvisorsLike): Promise<TopicIndex> {
  const db = getDb();
  const [topics, rows] = await Promise.all([
    query<TopicInfo>(
      sql`select id, label, description, query, orientation, papers from topics order by sort_order`,
      db,
    ),
    indexLoadQuery<{
      topic_id: string;
      person_id: number;
      venue_id: string;
      year: number;
      papers: number;
      credit: number;
      last_author: number;
      highlighted: number;
    }>(
      sql`select topic_id, person_id, venue_id, year, papers, credit, last_author, highlighted from advisor_topic_venue_years`,
    ),
  ]);
  const topicCode = new Map(topics.map((t, i) => [t.id, i]));
  const advisorAt = new Map(index.advisors.map((a, i) => [a.id, i]));
  const kept = rows
    .map((r) => ({ t: topicCode.get(r.topic_id) ?? -1, a: advisorAt.get(r.person_id) ?? -1, r }))
    .filter((x) => x.t >= 0 && x.a >= 0)
    // Within an advisor, the same order as the default ranking's rows (year, then venue).
    .sort(
      (x, y) =>
        x.t - y.t ||
        x.a - y.a ||
        x.r.year - y.r.year ||
        (x.r.venue_id < y.r.venue_id ? -1 : x.r.venue_id > y.r.venue_id ? 1 : 0),
    );
  const venueIds = [...new Set(kept.map((x) => x.r.venue_id))];
  const rowPapers = Int32Array.from(kept, (x) => x.r.papers);
  const topicStart = new Int32Array(topics.length + 1);
  for (const x of kept) topicStart[x.t + 1]++;
  for (let t = 0; t < topics.length; t++) topicStart[t + 1] += topicStart[t];
  return {
    forIndex: index,
    topics,
    byId: new Map(topics.map((t) => [t.id, t])),
    rowTopic: Uint16Array.from(kept, (x) => x.t),
    rowAdvisor: Int32Array.from(kept, (x) => x.a),
    rowVenue: Uint8Array.from(kept, (x) => venueIds.indexOf(x.r.venue_id)),
    venueIds,
    rowYear: Int16Array.from(kept, (x) => x.r.year),
    rowPapers,
    rowCredit: Float64Array.from(kept, (x) => Number(x.r.credit)),
    rowLastAuthor: Int32Array.from(kept, (x) => x.r.last_author),
    rowHighlighted: Int32Array.from(kept, (x) => x.r.highlighted),
    topicStart,
    rankings: new Map(),
  };
}

/** The fundamental vs applied indicator per advisor index, with the leans as codes (for filtering). */
export type OrientationIndex = { orientation: Orientation[]; codes: Encoded };

export function advisorOrientations(t: TopicIndex): Promise<OrientationIndex> {
  if (!t.orientations) {
    const promise = loadOrientations(t).then((o) => (t.orientationsLoaded = o));
    promise.catch(() => {
      if (t.orientations === promise) t.orientations = undefined; // retried on the next request
    });
    t.orientations = promise;
  }
  return t.orientations;
}

/** The indicator if already loaded (the list's counts show once it is; the filter itself loads it). */
export function loadedOrientations(t: TopicIndex): OrientationIndex | null {
  return t.orientationsLoaded ?? null;
}

async function loadOrientations(t: TopicIndex): Promise<OrientationIndex> {
  // An index load (once per data version): not bound by the page statement limit (db.server.ts).
  const rows = await indexLoadQuery<{ person_id: number; papers: number; fundamental: number; applied: number }>(
    // Per advisor: conference papers, those at COLT or on a fundamental topic, those on an applied one.
    sql`with flags as (
            select pt.paper_id, bool_or(t.orientation = 'fundamental') as f, bool_or(t.orientation = 'applied') as a
            from paper_topics pt join topics t on t.id = pt.topic_id group by pt.paper_id)
          select au.person_id, count(*)::int as papers,
            (count(*) filter (where p.venue_id = 'colt' or flags.f))::int as fundamental,
            (count(*) filter (where flags.a))::int as applied
          from authorships au join advisors ad on ad.person_id = au.person_id
          join papers p on p.id = au.paper_id and p.is_conference
          left join flags on flags.paper_id = p.id
          group by au.person_id`,
  );
  const byPerson = new Map(rows.map((o) => [o.person_id, o]));
  const orientation = t.forIndex.advisors.map((a) => {
    const o = byPerson.get(a.id);
    return researchOrientation({ papers: o?.papers ?? 0, fundamental: o?.fundamental ?? 0, applied: o?.applied ?? 0 });
  });
  return { orientation, codes: encodeValues(orientation.map((o) => o.lean)) };
}

function remember(t: TopicIndex, ranking: TopicRanking): TopicRanking {
  if (t.rankings.size >= MAX_CACHED_RANKINGS) t.rankings.delete(t.rankings.keys().next().value!);
  t.rankings.set(ranking.key, ranking);
  return ranking;
}

/** A ranking keeps its columns only; an advisor's rows are read back from them when a page needs them. */
function rankingFromColumns(key: string, choice: TopicChoice, columns: ScoreColumns): TopicRanking {
  return { key, choice, columns, rowsOf: (i) => rowsFromColumns(columns, i) };
}

/**
 * A curated topic's rows for every advisor of the index, as score columns: the topic index's rows
 * are sorted by (topic, advisor, year, venue), so the topic's slice is already in column order.
 */
function curatedTopicColumns(t: TopicIndex, code: number): ScoreColumns {
  const advisors = t.forIndex.advisors.length;
  const from = t.topicStart[code];
  const to = t.topicStart[code + 1];
  const start = new Int32Array(advisors + 1);
  for (let k = from; k < to; k++) start[t.rowAdvisor[k] + 1]++;
  for (let a = 0; a < advisors; a++) start[a + 1] += start[a];
  return {
    count: advisors,
    venueIds: t.venueIds,
    start,
    venue: t.rowVenue.slice(from, to),
    year: t.rowYear.slice(from, to),
    papers: t.rowPapers.slice(from, to),
    credit: t.rowCredit.slice(from, to),
    lastAuthor: t.rowLastAuthor.slice(from, to),
    highlighted: t.rowHighlighted.slice(from, to),
  };
}

/** The rows of a topic (curated id or label, or free text) for every advisor of the index. */
export async function topicRanking(index: AdvisorsLike, text: string): Promise<TopicRanking> {
  const t = await topicIndex(index);
  const choice = chooseTopic(text, t.topics);
  if (choice.kind === "curated") {
    const key = `t:${choice.id}`;
    const cached = t.rankings.get(key);
    if (cached) return cached;
    const code = t.topics.findIndex((x) => x.id === choice.id);
    return remember(t, rankingFromColumns(key, choice, curatedTopicColumns(t, code)));
  }
  const key = `q:${choice.query.toLowerCase()}`;
  const cached = t.rankings.get(key);
  if (cached) return cached;
  const [papers, matches] = await Promise.all([
    (t.papersById ??= loadPaperAuthors(index)),
    query<{ id: number }>(
      sql`select p.id from papers p where p.is_conference and ${titleMatches(sql`p.title_search`, choice.query)}`,
    ),
  ]);
  return remember(
    t,
    rankingFromColumns(key, choice, toScoreColumns(countFreeText(papers, index.advisors.length, matches))),
  );
}

async function loadPaperAuthors(index: AdvisorsLike): Promise<PaperAuthors> {
  const rows = await indexLoadQuery<{
    paper_id: number;
    person_id: number;
    position: number;
    author_count: number;
    venue_id: string;
    year: number;
    status: string | null;
  }>(
    sql`select au.paper_id, au.person_id, au.position, p.author_count, p.venue_id, p.year, p.status
        from authorships au join advisors a on a.person_id = au.person_id join papers p on p.id = au.paper_id
        where p.is_conference order by au.paper_id, au.position`,
  );
  const advisorAt = new Map(index.advisors.map((a, i) => [a.id, i]));
  const slot = new Map<number, number>();
  const venueIds: string[] = [];
  for (const r of rows) if (!slot.has(r.paper_id)) slot.set(r.paper_id, slot.size);
  const n = slot.size;
  const out: PaperAuthors = {
    slot,
    venue: new Array<string>(n),
    venueCode: new Uint8Array(n),
    year: new Int16Array(n),
    credit: new Float64Array(n),
    highlighted: new Uint8Array(n),
    start: new Int32Array(n + 1),
    advisor: new Int32Array(rows.length),
    last: new Uint8Array(rows.length),
  };
  rows.forEach((r, k) => {
    const s = slot.get(r.paper_id)!;
    if (out.venue[s] === undefined) {
      out.venue[s] = r.venue_id;
      let v = venueIds.indexOf(r.venue_id);
      if (v < 0) v = venueIds.push(r.venue_id) - 1;
      out.venueCode[s] = v;
      out.year[s] = r.year;
      out.credit[s] = 1 / r.author_count;
      out.highlighted[s] = isHighlighted(r.status) ? 1 : 0;
      out.start[s] = k;
    }
    out.advisor[k] = advisorAt.get(r.person_id) ?? -1;
    out.last[k] = r.position === r.author_count ? 1 : 0;
  });
  out.start[n] = rows.length;
  return out;
}

/** The importer's per-advisor, per-venue, per-year counts (import-plan.ts, step 6), over the given papers. */
function countFreeText(p: PaperAuthors, advisors: number, matches: { id: number }[]): VenueYearCount[][] {
  const perAdvisor: VenueYearCount[][] = Array.from({ length: advisors }, () => []);
  const cell = new Map<number, VenueYearCount>();
  for (const { id } of matches) {
    const s = p.slot.get(id);
    if (s === undefined) continue; // no advisor among its authors
    for (let k = p.start[s]; k < p.start[s + 1]; k++) {
      const a = p.advisor[k];
      if (a < 0) continue;
      const key = (a * 16 + p.venueCode[s]) * 256 + (p.year[s] - 1900);
      let c = cell.get(key);
      if (!c) {
        cell.set(
          key,
          (c = { venueId: p.venue[s], year: p.year[s], papers: 0, credit: 0, lastAuthor: 0, highlighted: 0 }),
        );
        perAdvisor[a].push(c);
      }
      c.papers++;
      c.credit += p.credit[s];
      c.lastAuthor += p.last[k];
      c.highlighted += p.highlighted[s];
    }
  }
  for (const rows of perAdvisor) {
    if (rows.length > 1)
      rows.sort((x, y) => x.year - y.year || (x.venueId < y.venueId ? -1 : x.venueId > y.venueId ? 1 : 0));
    // Stored credit is rounded to 1e-9 by the importer: the same here, so both paths score alike.
    for (const r of rows) r.credit = Math.round(r.credit * 1e9) / 1e9;
  }
  return perAdvisor;
}

/**
 * Per curated topic, how many advisors among those a mask keeps have at least one paper on it at
 * the chosen venues in the window: the counts beside the list's topic options.
 */
export function topicFacetCounts(t: TopicIndex, params: ScoreParams, mask: Uint8Array): Record<string, number> {
  const { from, to } = params.window;
  const out: Record<string, number> = {};
  const chosen = Uint8Array.from(t.venueIds, (v) => (params.venues.includes(v) ? 1 : 0));
  for (let code = 0; code < t.topics.length; code++) {
    let n = 0;
    let prev = -1;
    for (let k = t.topicStart[code]; k < t.topicStart[code + 1]; k++) {
      const a = t.rowAdvisor[k];
      if (a === prev || !mask[a]) continue;
      const y = t.rowYear[k];
      if (y < from || y > to || t.rowPapers[k] <= 0 || chosen[t.rowVenue[k]] === 0) continue;
      n++;
      prev = a;
    }
    out[t.topics[code].id] = n;
  }
  return out;
}

export type AdvisorTopicShare = { id: string; label: string; papers: number; share: number };

/**
 * An advisor's (or a group's) top topics: papers on each topic over all their conference papers at
 * the six venues, all years (a paper on two topics counts for both).
 */
export function topTopicsOf(
  t: TopicIndex,
  advisorIndices: readonly number[],
  totalPapers: number,
  limit = 6,
): AdvisorTopicShare[] {
  t.byAdvisor ??= topicsByAdvisor(t, t.forIndex.advisors.length);
  const out: AdvisorTopicShare[] = [];
  // In topic order, as the ranking's tie-break (label) then keeps the file's order for equal labels.
  for (const [code, papers] of [...topicPapersOf(t.byAdvisor, advisorIndices)].sort((a, b) => a[0] - b[0]))
    out.push({
      id: t.topics[code].id,
      label: t.topics[code].label,
      papers,
      share: totalPapers > 0 ? papers / totalPapers : 0,
    });
  return out.sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label)).slice(0, limit);
}

/** Top topics and the fundamental vs applied indicator of one advisor of the index. */
export async function advisorTopicProfile(
  index: AdvisorsLike,
  personId: number,
): Promise<{ topics: AdvisorTopicShare[]; orientation: Orientation } | null> {
  const i = index.advisors.findIndex((a) => a.id === personId);
  if (i < 0) return null;
  const t = await topicIndex(index);
  const total = index.advisors[i].rows.reduce((s, r) => s + r.papers, 0);
  return { topics: topTopicsOf(t, [i], total), orientation: (await advisorOrientations(t)).orientation[i] };
}

/** Top topics of a group of advisors (a lab, an institution), by person id. */
export async function groupTopicProfile(
  index: AdvisorsLike,
  personIds: readonly number[],
  limit = 6,
): Promise<AdvisorTopicShare[]> {
  const ids = new Set(personIds);
  const indices: number[] = [];
  let total = 0;
  index.advisors.forEach((a, i) => {
    if (!ids.has(a.id)) return;
    indices.push(i);
    total += a.rows.reduce((s, r) => s + r.papers, 0);
  });
  return topTopicsOf(await topicIndex(index), indices, total, limit);
}

/** Loads what the first topic or /advisors request would (scripts/start.ts calls it before serving). */
export async function warmTopicIndex(index: AdvisorsLike): Promise<void> {
  await advisorOrientations(await topicIndex(index));
}

/** The curated topics with their paper counts (coverage), in the file's order. */
export async function listTopics(index: AdvisorsLike): Promise<TopicInfo[]> {
  return (await topicIndex(index)).topics;
}
