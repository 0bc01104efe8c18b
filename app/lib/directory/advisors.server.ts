/**
 * Advisors: the ranked, filtered list and one advisor's record.
 *
 * Ranking any venue set and year window happens in memory on the full data: the per-advisor,
 * per-venue, per-year counts (a few hundred thousand numbers) are loaded once and kept until the
 * data version changes (an import or an approved submission bumps it).
 */
import { sql } from "drizzle-orm";
import type { CifreStatus } from "../../../db/schema";
import { advisorInstitutionId } from "../advisor-institution";
import { dataVersion, forgetDataVersion, readImportGeneration } from "../data-version.server";
import { getDb, indexLoadQuery, preparedQuery, query } from "../db.server";
import type { PositionSource } from "../import/import-plan";
import { exactNameMatchesFirst, nameKeysMatch, nameMatchKey, nameQueryWords } from "../names";
import { remember } from "../remember.server";
import {
  type Encoded,
  type RankTable,
  type ScoreBreakdown,
  type ScoreColumns,
  type ScoreParams,
  type ScoreTable,
  type VenueYearCount,
  defaultWindow,
  encodeValues,
  rankTable,
  scoreAdvisor,
  scoreColumns,
  topPercent,
  toScoreColumns,
} from "../scoring";
import { advisorFactsDetail, type AdvisorFactsDetail } from "./advisor-facts.server";
import { type AdvisorFilters } from "./advisor-filters";
import { type PaperYears } from "./advisor-papers";
import { advisorCifre } from "./cifre";
import { institutionCifreBySlug, labsOfAdvisors } from "./lab-membership.server";
import { PerIndexMemo } from "./list-memo";
import { positionLabel } from "./position-label";
import {
  type AdvisorStudentLoad,
  getAdvisorStudentLoad,
  loadStudentLoadColumns,
  type NotOverrun,
} from "./student-load.server";
import {
  advisorOrientations,
  carryTopicIndex,
  loadedOrientations,
  readyTopicIndex,
  topicFacetCounts,
  topicIndex,
  topicRanking,
  type TopicRanking,
} from "./topics.server";

export type AdvisorEntry = {
  id: number;
  slug: string;
  name: string;
  nameKey: string;
  /** Position in alphabetical order of names (computed once: collation is slow). */
  nameOrder: number;
  openreviewId: string | null;
  position: string;
  /** declared: a supervising title they declared; inferred: their authorship (app/lib/import/advisor-facts.ts). */
  positionSource: PositionSource;
  /** The names printed on their papers (nameMatchKey of each), for `q=`. */
  nameKeys: string[];
  institution: string | null;
  institutionSlug: string | null;
  institutionKind: "academic" | "institute" | "industry" | "other" | null;
  country: string | null;
  continent: string | null;
  /** The best CIFRE status of the advisor's institution and labs (cifre.ts); French institutions are at least eligible. */
  cifre: CifreStatus;
  recruiting: boolean;
  labs: { slug: string; name: string }[];
  studentCount: number | null;
  /** PhD students seen as last author in the year the list counts (null: not visible); see student-load.server.ts. */
  students: number | null;
  /** When `students` is null: the most recent earlier year whose count stands (the list shows it apart). */
  earlierStudents: { year: number; students: number } | null;
  /** Former students now advising. */
  alumni: number;
  rows: VenueYearCount[];
};

type AdvisorIndex = {
  version: string;
  /** The import generation the track records were loaded at (data-version.server.ts); null: unknown. */
  importGeneration: string | null;
  advisors: AdvisorEntry[];
  bySlug: Map<string, AdvisorEntry>;
  /** Latest year with data, per venue. */
  latestYear: Map<string, number>;
  firstYear: number;
  /** The advisors' rows as typed arrays, for re-ranking everyone at once. */
  columns: ScoreColumns;
  nameOrder: Int32Array;
  ids: Int32Array;
  /** Each advisor's facet values as small integer codes (0: none), for filtering and counting. */
  codes: Record<"continent" | "country" | "cifre" | "kind", Encoded>;
  recruiting: Uint8Array;
  /** Student load per advisor (-1: not visible) and alumni, for filtering and sorting. */
  students: Int32Array;
  alumni: Int32Array;
  studentLoad: { year: number | null; firstVisibleYear: number | null; notOverrun: NotOverrun | null };
  /**
   * The curated topics for the list's form, loaded with the index: the topic index that counts them
   * loads in the background after a start, and a form without its topics could not choose one.
   */
  curatedTopics: { id: string; label: string; description: string }[];
  rankings: Map<string, Ranking>;
};

/** One venue set and window: everyone's numbers and places, as typed arrays (objects on demand). */
type Ranking = {
  params: ScoreParams;
  table: ScoreTable;
  ranks: RankTable;
  all?: RankedAdvisor[];
  topic?: TopicRanking;
};

/**
 * One advisor's place under one venue set and window. The headline numbers come from the
 * ranking's typed arrays; the full breakdown (credit, last-author papers, active years…) is the
 * same rule applied to this advisor alone, computed when first asked for.
 */
export class RankedAdvisor {
  #breakdown: ScoreBreakdown | undefined;
  constructor(
    readonly entry: AdvisorEntry,
    private readonly i: number,
    private readonly table: ScoreTable,
    private readonly ranks: RankTable,
    private readonly params: ScoreParams,
    private readonly total: number,
    /** With a topic: the advisor's rows over that topic's papers (the rule sees only those). */
    private readonly topic?: TopicRanking,
  ) {}
  get id() {
    return this.entry.id;
  }
  get name() {
    return this.entry.name;
  }
  get region() {
    return this.entry.continent;
  }
  get score() {
    return this.table.score[this.i];
  }
  get papers() {
    return this.table.papers[this.i];
  }
  get consistency() {
    return this.table.consistency[this.i];
  }
  get rank() {
    return this.ranks.rank[this.i];
  }
  get topPercent() {
    return topPercent(this.ranks.rank[this.i], this.total);
  }
  get regionRank() {
    return this.entry.continent ? this.ranks.regionRank[this.i] : null;
  }
  get regionSize() {
    return this.ranks.regionSize[this.i];
  }
  get regionTopPercent() {
    return this.entry.continent ? topPercent(this.ranks.regionRank[this.i], this.ranks.regionSize[this.i]) : null;
  }
  get breakdown(): ScoreBreakdown {
    return (this.#breakdown ??= scoreAdvisor(this.topic ? this.topic.rowsOf(this.i) : this.entry.rows, this.params));
  }
  /** All their papers at the chosen venues in the window, topic or not ("12 of their 40 papers"). */
  get windowPapers(): number {
    return this.topic ? scoreAdvisor(this.entry.rows, this.params).papers : this.papers;
  }
}

const holder = () =>
  remember("advisorIndex", () => ({
    index: undefined as Promise<AdvisorIndex> | undefined,
    /** The last index loaded: a curated change refreshes it in part instead of loading anew. */
    last: undefined as AdvisorIndex | undefined,
  }));

/** Forget the cached index at once (after a write in this process). */
export function invalidateAdvisorIndex(): void {
  holder().index = undefined;
  forgetDataVersion();
}

async function loadIndex(version: string, previous?: AdvisorIndex): Promise<AdvisorIndex> {
  const db = getDb();
  const generation = await readImportGeneration(db);
  // A curated change since the last load (no import in between): only what curation writes is read again.
  if (previous && generation !== null && previous.importGeneration === generation) {
    const refreshed = await refreshCurated(previous, version);
    if (refreshed) return refreshed;
  }
  const [meta, rows, labRows, years, institutionCifre, curatedTopics] = await Promise.all([
    query<
      CuratedRow & {
        id: number;
        slug: string;
        name: string;
        name_key: string;
        openreview_id: string | null;
        position: string;
        position_source: PositionSource;
        name_variants: string[] | string;
      }
    >(
      sql`select p.id, p.slug, p.name, p.name_key, p.openreview_id, a.position, a.position_source, to_json(a.name_variants) as name_variants, i.name as institution, i.slug as institution_slug,
            i.kind as institution_kind, i.country, i.continent, a.student_count
          from advisors a join people p on p.id = a.person_id
          left join institutions i on i.id = ${advisorInstitutionId()}`,
      db,
    ),
    indexLoadQuery<{
      person_id: number;
      venue_id: string;
      year: number;
      papers: number;
      credit: number;
      last_author: number;
      highlighted: number;
    }>(
      // An index load (once per data version, 700k rows at 10× the shipped data): not bound by the page limit.
      sql`select person_id, venue_id, year, papers, credit, last_author, highlighted from advisor_venue_years order by person_id, year, venue_id`,
    ),
    // Contributed memberships and the labs advisors print (lab-membership.server.ts).
    labsOfAdvisors(),
    query<{ venue_id: string; first: number; last: number }>(
      sql`select venue_id, min(year)::int as first, max(year)::int as last from papers where is_conference group by venue_id`,
      db,
    ),
    institutionCifreBySlug(),
    query<{ id: string; label: string; description: string }>(
      sql`select id, label, description from topics order by sort_order`,
      db,
    ),
  ]);
  const studentLoad = await loadStudentLoadColumns(new Map(years.map((y) => [y.venue_id, y.last])), db);
  const rowsByPerson = new Map<number, VenueYearCount[]>();
  for (const r of rows) {
    let list = rowsByPerson.get(r.person_id);
    if (!list) rowsByPerson.set(r.person_id, (list = []));
    list.push({
      venueId: r.venue_id,
      year: r.year,
      papers: r.papers,
      credit: Number(r.credit),
      lastAuthor: r.last_author,
      highlighted: r.highlighted,
    });
  }
  const labsByPerson = groupLabs(labRows);
  const advisors: AdvisorEntry[] = meta.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: m.name,
    nameKey: m.name_key,
    nameOrder: 0,
    openreviewId: m.openreview_id,
    position: positionLabel(m.position),
    positionSource: m.position_source,
    nameKeys: [
      ...new Set(
        [
          m.name,
          ...(typeof m.name_variants === "string" ? (JSON.parse(m.name_variants) as string[]) : m.name_variants),
        ].map(nameMatchKey),
      ),
    ],
    ...curatedFields(m, labsByPerson.get(m.id) ?? [], institutionCifre),
    students: studentLoad.year === null ? null : (studentLoad.students.get(m.id) ?? null),
    earlierStudents: studentLoad.earlier.get(m.id) ?? null,
    alumni: studentLoad.alumni.get(m.id) ?? 0,
    rows: rowsByPerson.get(m.id) ?? [],
  }));
  const collator = new Intl.Collator("en");
  [...advisors].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id).forEach((a, i) => (a.nameOrder = i));
  return assembleIndex(version, generation, advisors, {
    latestYear: new Map(years.map((y) => [y.venue_id, y.last])),
    firstYear: Math.min(...years.map((y) => y.first), new Date().getFullYear()),
    columns: toScoreColumns(advisors.map((a) => a.rows)),
    nameOrder: Int32Array.from(advisors, (a) => a.nameOrder),
    ids: Int32Array.from(advisors, (a) => a.id),
    students: Int32Array.from(advisors, (a) => a.students ?? -1),
    alumni: Int32Array.from(advisors, (a) => a.alumni),
    studentLoad: {
      year: studentLoad.year,
      firstVisibleYear: studentLoad.firstVisibleYear,
      notOverrun: studentLoad.notOverrun,
    },
    curatedTopics,
  });
}

/** What an import derives (kept by a curated refresh); the rest of the index follows from the entries. */
type ImportedParts = Pick<
  AdvisorIndex,
  "latestYear" | "firstYear" | "columns" | "nameOrder" | "ids" | "students" | "alumni" | "studentLoad" | "curatedTopics"
>;

function assembleIndex(
  version: string,
  importGeneration: string | null,
  advisors: AdvisorEntry[],
  parts: ImportedParts,
): AdvisorIndex {
  return {
    version,
    importGeneration,
    advisors,
    bySlug: new Map(advisors.map((a) => [a.slug, a])),
    latestYear: parts.latestYear,
    firstYear: parts.firstYear,
    columns: parts.columns,
    nameOrder: parts.nameOrder,
    ids: parts.ids,
    students: parts.students,
    alumni: parts.alumni,
    studentLoad: parts.studentLoad,
    curatedTopics: parts.curatedTopics,
    codes: {
      continent: encodeValues(advisors.map((a) => a.continent)),
      country: encodeValues(advisors.map((a) => a.country)),
      cifre: encodeValues(advisors.map((a) => a.cifre)),
      // A public research institute counts as academic in the academic/industry filter.
      kind: encodeValues(advisors.map((a) => (a.institutionKind === "institute" ? "academic" : a.institutionKind))),
    },
    recruiting: Uint8Array.from(advisors, (a) => (a.recruiting ? 1 : 0)),
    rankings: new Map(),
  };
}

type LabOfAdvisor = Awaited<ReturnType<typeof labsOfAdvisors>>[number];

function groupLabs(labRows: LabOfAdvisor[]): Map<number, LabOfAdvisor[]> {
  const labsByPerson = new Map<number, LabOfAdvisor[]>();
  for (const l of labRows) {
    let list = labsByPerson.get(l.person_id);
    if (!list) labsByPerson.set(l.person_id, (list = []));
    list.push(l);
  }
  return labsByPerson;
}

/** The row of what curation can change about an advisor (app/lib/curation: the institution, the student count). */
type CuratedRow = {
  institution: string | null;
  institution_slug: string | null;
  institution_kind: AdvisorEntry["institutionKind"];
  country: string | null;
  continent: string | null;
  student_count: number | null;
};

/** The fields of an entry that curation can change: its institution, labs (and what follows: CIFRE, recruiting), student count. */
function curatedFields(m: CuratedRow, labs: LabOfAdvisor[], institutionCifre: Map<string, CifreStatus>) {
  return {
    institution: m.institution,
    institutionSlug: m.institution_slug,
    institutionKind: m.institution_kind,
    country: m.country,
    continent: m.continent,
    cifre: advisorCifre(
      m.country,
      m.institution_slug ? institutionCifre.get(m.institution_slug) : undefined,
      labs.map((l) => l.cifre),
    ),
    recruiting: labs.some((l) => l.recruiting === true),
    labs: labs.map((l) => ({ slug: l.slug, name: l.name })),
    studentCount: m.student_count,
  } satisfies Partial<AdvisorEntry>;
}

/**
 * The index after a curated change (an approval or a revert; no import since `previous` was loaded):
 * only what curation writes (labs, memberships, advisors' corrected institution and student count) is
 * read again; the track records, the typed columns and the topic index are kept. A full reload took
 * 1–4 s on the shared 2-core machine, which held a change made on another app process back for
 * that long (scripts/drills.ts, two-apps); this takes a small fraction of it. Null when the advisors
 * are not the same people any more (then the full load runs).
 */
async function refreshCurated(previous: AdvisorIndex, version: string): Promise<AdvisorIndex | null> {
  const [rows, labRows, institutionCifre] = await Promise.all([
    query<CuratedRow & { person_id: number }>(
      sql`select a.person_id, i.name as institution, i.slug as institution_slug, i.kind as institution_kind,
            i.country, i.continent, a.student_count
          from advisors a left join institutions i on i.id = ${advisorInstitutionId()}`,
    ),
    labsOfAdvisors(),
    institutionCifreBySlug(),
  ]);
  if (rows.length !== previous.advisors.length) return null;
  const byPerson = new Map(rows.map((r) => [r.person_id, r]));
  const labsByPerson = groupLabs(labRows);
  const advisors: AdvisorEntry[] = [];
  for (const entry of previous.advisors) {
    const row = byPerson.get(entry.id);
    if (!row) return null;
    advisors.push({ ...entry, ...curatedFields(row, labsByPerson.get(entry.id) ?? [], institutionCifre) });
  }
  const next = assembleIndex(version, previous.importGeneration, advisors, previous);
  // The same people in the same order with the same rows: the topic index still lines up.
  carryTopicIndex(previous, next);
  return next;
}

export async function advisorIndex(): Promise<AdvisorIndex> {
  const version = await dataVersion();
  const h = holder();
  const current = h.index;
  if (current) {
    const index = await current.catch(() => undefined);
    if (index && index.version === version) return index;
  }
  const next = loadIndex(version, h.last);
  h.index = next;
  next.then(
    (index) => {
      if (h.index === next) h.last = index;
    },
    () => {
      if (h.index === next) h.index = undefined;
    },
  );
  return next;
}

/** The venue set and window a filter state means, with the default window filled in. */
export function scoreParams(index: AdvisorIndex, filters: Pick<AdvisorFilters, "venues" | "from" | "to">): ScoreParams {
  const latest = Math.max(...filters.venues.map((v) => index.latestYear.get(v) ?? 0));
  const fallback = defaultWindow(latest > 0 ? latest : new Date().getFullYear());
  const from = filters.from ?? (filters.to !== null ? filters.to - 4 : fallback.from);
  const to = filters.to ?? (filters.from !== null ? Math.max(filters.from, fallback.to) : fallback.to);
  return { venues: filters.venues, window: { from, to } };
}

const rankingKey = (params: ScoreParams) =>
  `${[...params.venues].sort().join(",")}|${params.window.from}-${params.window.to}`;

/** The topic counts of the filter form, per topic index (list-memo.ts). */
const topicCountsMemo = new PerIndexMemo<Record<string, number>>(256);

function rankingTables(index: AdvisorIndex, params: ScoreParams, topic?: TopicRanking): Ranking {
  const key = `${rankingKey(params)}${topic ? `|${topic.key}` : ""}`;
  let ranking = index.rankings.get(key);
  if (!ranking) {
    const table = scoreColumns(topic ? topic.columns : index.columns, params);
    const ranks = rankTable({
      score: table.score,
      papers: table.papers,
      nameOrder: index.nameOrder,
      id: index.ids,
      region: index.codes.continent.code,
    });
    ranking = { params, table, ranks, topic };
    if (index.rankings.size > 64) index.rankings.delete(index.rankings.keys().next().value!);
    index.rankings.set(key, ranking);
  }
  return ranking;
}

function rankedAdvisor(index: AdvisorIndex, ranking: Ranking, i: number): RankedAdvisor {
  return new RankedAdvisor(
    index.advisors[i],
    i,
    ranking.table,
    ranking.ranks,
    ranking.params,
    index.advisors.length,
    ranking.topic,
  );
}

/** Every advisor ranked under one venue set and window (and topic), best first (cached per data version). */
export function rankingFor(index: AdvisorIndex, params: ScoreParams, topic?: TopicRanking): RankedAdvisor[] {
  const ranking = rankingTables(index, params, topic);
  return (ranking.all ??= Array.from(ranking.ranks.order, (i) => rankedAdvisor(index, ranking, i)));
}

export type FacetCounts = {
  continent: Record<string, number>;
  country: Record<string, number>;
  cifre: Record<string, number>;
  kind: Record<string, number>;
  /** Per curated topic id: advisors with a paper on it in the window (other filters applied). */
  topic: Record<string, number>;
  orientation: Record<string, number>;
};

export type AdvisorListResult = {
  total: number;
  params: ScoreParams;
  /** The topic the list is ranked over, if any. */
  topic: TopicRanking["choice"] | null;
  /** The curated topics (for the filter form). */
  topicOptions: { id: string; label: string; description: string }[];
  items: RankedAdvisor[];
  facets: FacetCounts;
  firstYear: number;
  lastYear: number;
  /** The year the students column counts and the "not overrun" cut. */
  studentLoad: AdvisorIndex["studentLoad"];
};

/** topicFacets: also count the topic and orientation options (the page's form; the API has no facets). */
export async function listAdvisors(
  filters: AdvisorFilters,
  { topicFacets = false }: { topicFacets?: boolean } = {},
): Promise<AdvisorListResult> {
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  // The topic index (topic rows, the indicator) loads on first need: a topic, the indicator, or the form.
  // The form's counts alone do not wait for it (readyTopicIndex starts loading it).
  const needTopics = filters.topic !== null || filters.orientation !== null;
  const [topics, topic] = await Promise.all([
    needTopics ? topicIndex(index) : topicFacets ? readyTopicIndex(index) : null,
    filters.topic ? topicRanking(index, filters.topic) : undefined,
  ]);
  const ranking = rankingTables(index, params, topic);
  const { table, ranks } = ranking;
  const { codes } = index;
  const orient = topics ? (filters.orientation ? await advisorOrientations(topics) : loadedOrientations(topics)) : null;
  const wantOrientation =
    filters.orientation && orient ? orient.codes.values.indexOf(filters.orientation) + 1 || -1 : 0;
  const orientationCounts = new Int32Array((orient?.codes.values.length ?? 0) + 1);
  // Advisors kept by every filter but the topic and the paper thresholds: the base of the topic counts.
  const topicMask = new Uint8Array(index.advisors.length);

  // Names match across middle names, initials, hyphens and accents (names.ts, nameKeysMatch).
  const terms = nameQueryWords(filters.q);
  // The code a filter asks for: 0 when the filter is off, -1 when no advisor has that value.
  const wanted = (enc: Encoded, value: string | null) => (value ? enc.values.indexOf(value) + 1 || -1 : 0);
  const want = {
    continent: wanted(codes.continent, filters.continent),
    country: wanted(codes.country, filters.country),
    cifre: wanted(codes.cifre, filters.cifre),
    kind: wanted(codes.kind, filters.kind),
  };
  const counts = {
    continent: new Int32Array(codes.continent.values.length + 1),
    country: new Int32Array(codes.country.values.length + 1),
    cifre: new Int32Array(codes.cifre.values.length + 1),
    kind: new Int32Array(codes.kind.values.length + 1),
  };
  const { minPapers, minYears, recruiting } = filters;
  const studentRange = studentBounds(index, filters);
  const matched: number[] = [];
  for (let pos = 0; pos < ranks.order.length; pos++) {
    const i = ranks.order[pos];
    if (recruiting && !index.recruiting[i]) continue;
    if (studentRange && (index.students[i] < studentRange.min || index.students[i] > studentRange.max)) continue;
    if (terms.length > 0 && !nameKeysMatch(terms, index.advisors[i].nameKeys)) continue;
    const continent = codes.continent.code[i];
    const country = codes.country.code[i];
    const cifre = codes.cifre.code[i];
    const kind = codes.kind.code[i];
    const orientation = orient ? orient.codes.code[i] : 0;
    const okContinent = want.continent === 0 || continent === want.continent;
    const okCountry = want.country === 0 || country === want.country;
    const okCifre = want.cifre === 0 || cifre === want.cifre;
    const okKind = want.kind === 0 || kind === want.kind;
    const okOrientation = wantOrientation === 0 || orientation === wantOrientation;
    const okPlace = okContinent && okCountry && okCifre && okKind;
    if (okPlace && okOrientation) topicMask[i] = 1;
    // With a topic, only advisors with a paper on it in the window are listed.
    if (table.papers[i] < minPapers || table.consistency[i] < minYears || (topic && table.papers[i] === 0)) continue;
    if (okPlace) {
      orientationCounts[orientation]++;
      if (okOrientation) matched.push(i);
    }
    if (!okOrientation) continue;
    // A facet's counts apply every other filter, so each option says how many it would show.
    if (okCountry && okCifre && okKind) counts.continent[continent]++;
    if (okContinent && okCifre && okKind) counts.country[country]++;
    if (okContinent && okCountry && okKind) counts.cifre[cifre]++;
    if (okContinent && okCountry && okCifre) counts.kind[kind]++;
  }
  const facet = (enc: Encoded, n: Int32Array, keep: (v: string) => boolean = () => true) =>
    Object.fromEntries(enc.values.flatMap((v, c) => (n[c + 1] > 0 && keep(v) ? [[v, n[c + 1]]] : [])));
  const facets: FacetCounts = {
    continent: facet(codes.continent, counts.continent),
    country: facet(codes.country, counts.country),
    cifre: facet(codes.cifre, counts.cifre),
    kind: facet(codes.kind, counts.kind, (v) => v === "academic" || v === "industry"),
    topic:
      topics && topicFacets
        ? topicCountsMemo.get(
            topics,
            // Everything topicMask depends on, and the venues and window.
            [
              rankingKey(params),
              want.continent,
              want.country,
              want.cifre,
              want.kind,
              wantOrientation,
              recruiting,
              studentRange ? `${studentRange.min}-${studentRange.max}` : "",
              terms.join(" "),
            ].join("|"),
            () => topicFacetCounts(topics, params, topicMask),
          )
        : {},
    orientation: orient ? facet(orient.codes, orientationCounts, (v) => v !== "unknown") : {},
  };
  const ordered = sortIndices(index, ranking, matched, filters.sort);
  // In the default order, a name query lists the exact name first (then the other matches, by rank).
  const sorted =
    // Without a name query there is nothing to move: no copy of the (at 10×, 114k-long) list per request.
    filters.sort === "score" && terms.length > 0
      ? exactNameMatchesFirst(ordered, terms, (i) => index.advisors[i].nameKeys)
      : ordered;
  return {
    total: sorted.length,
    params,
    topic: topic?.choice ?? null,
    topicOptions: index.curatedTopics,
    items: sorted.slice(filters.offset, filters.offset + filters.limit).map((i) => rankedAdvisor(index, ranking, i)),
    facets,
    firstYear: index.firstYear,
    lastYear: Math.max(...index.latestYear.values()),
    studentLoad: index.studentLoad,
  };
}

/** The students-per-year range a filter state asks for (null: no filter); advisors whose load is not visible never match. */
function studentBounds(
  index: AdvisorIndex,
  f: Pick<AdvisorFilters, "minStudents" | "maxStudents" | "notOverrun">,
): { min: number; max: number } | null {
  const max = f.maxStudents ?? (f.notOverrun ? (index.studentLoad.notOverrun?.max ?? null) : null);
  if (f.minStudents === null && max === null) return null;
  return { min: f.minStudents ?? 0, max: max ?? Number.MAX_SAFE_INTEGER };
}

/** Advisor indices (in rank order) in the order a list asks for. */
function sortIndices(
  index: AdvisorIndex,
  { table, ranks }: Ranking,
  indices: number[],
  sort: AdvisorFilters["sort"],
): number[] {
  switch (sort) {
    case "score":
      return indices; // already in rank order
    case "papers":
      return indices.sort(
        (a, b) =>
          table.papers[b] - table.papers[a] || ranks.rank[a] - ranks.rank[b] || index.nameOrder[a] - index.nameOrder[b],
      );
    case "consistency":
      return indices.sort(
        (a, b) =>
          table.consistency[b] - table.consistency[a] ||
          ranks.rank[a] - ranks.rank[b] ||
          index.nameOrder[a] - index.nameOrder[b],
      );
    case "name":
      return indices.sort((a, b) => index.nameOrder[a] - index.nameOrder[b]);
    case "students": {
      // Fewest students seen first (the thread's "not overrun"); not visible last.
      const load = (i: number) => (index.students[i] < 0 ? Number.MAX_SAFE_INTEGER : index.students[i]);
      return indices.sort((a, b) => load(a) - load(b) || ranks.rank[a] - ranks.rank[b]);
    }
    case "alumni":
      return indices.sort((a, b) => index.alumni[b] - index.alumni[a] || ranks.rank[a] - ranks.rank[b]);
  }
}

/** The JSON shape of a list item: the foundation contract plus the ranking fields. */
export function advisorListItemJson(r: RankedAdvisor) {
  return {
    slug: r.entry.slug,
    name: r.entry.name,
    openreviewId: r.entry.openreviewId,
    position: r.entry.position,
    positionSource: r.entry.positionSource,
    institution: r.entry.institution,
    country: r.entry.country,
    continent: r.entry.continent,
    score: r.breakdown.score,
    rank: r.rank,
    papers: r.breakdown.papers,
    consistency: r.breakdown.consistency,
    students: r.entry.students,
    alumni: r.entry.alumni,
  };
}

export type AdvisorPaper = {
  id: number;
  title: string;
  venue: string;
  year: number;
  status: string | null;
  url: string | null;
  isConference: boolean;
  position: number;
  authors: { name: string; slug: string }[];
};

/** Where an advisor's institution comes from (the import's basis, or a reviewed correction). */
export type InstitutionBasisShown = "records" | "homepage" | "coauthors" | "correction";

export type AdvisorDetail = {
  entry: AdvisorEntry;
  person: { dblp: string | null; homepage: string | null; scholar: string | null; orcid: string | null };
  positionYear: number;
  correctionSourceUrl: string | null;
  studentCountSourceUrl: string | null;
  studentCountAsOf: string | null;
  version: number;
  institution: {
    name: string;
    slug: string;
    country: string | null;
    continent: string | null;
    website: string | null;
    /** Where it comes from: their papers, their homepage's university, their coauthors' places (rule 5), or a reviewed correction. */
    basis: InstitutionBasisShown;
  } | null;
  /** A company (or an institute that hires no one itself) beside the institution (advisor-facts.ts, rule 3). */
  alsoAt: { name: string; slug: string; country: string | null } | null;
  trackRecord: { venue: string; year: number; papers: number }[];
  papers: AdvisorPaper[];
  affiliations: {
    institution: string;
    slug: string;
    country: string | null;
    firstYear: number;
    lastYear: number;
    papers: number;
  }[];
  studentLoad: AdvisorStudentLoad;
  /** Name variants, records set aside as suspected swaps, the years the counts cover. */
  facts: AdvisorFactsDetail;
};

/** `paperYears`: only the papers of those years (the advisor page's budget, app/lib/directory/advisor-papers.ts); all by default. */
export async function getAdvisor(
  slug: string,
  options: { paperYears?: PaperYears; paperLimit?: number } = {},
): Promise<AdvisorDetail | null> {
  const index = await advisorIndex();
  const entry = index.bySlug.get(slug);
  if (!entry) return null;
  const db = getDb();
  const [detailRows, paperRows, affiliations, studentLoad, facts] = await Promise.all([
    preparedQuery<{
      dblp: string | null;
      homepage: string | null;
      scholar: string | null;
      orcid: string | null;
      position_year: number;
      correction_source_url: string | null;
      student_count_source_url: string | null;
      student_count_as_of: string | null;
      version: number;
      inst_name: string | null;
      inst_slug: string | null;
      inst_country: string | null;
      inst_continent: string | null;
      inst_website: string | null;
      inst_basis: InstitutionBasisShown;
      also_name: string | null;
      also_slug: string | null;
      also_country: string | null;
    }>(
      sql`select p.dblp, p.homepage, p.scholar, p.orcid, a.position_year, a.correction_source_url, a.student_count_source_url,
            a.student_count_as_of::text as student_count_as_of, a.version,
            i.name as inst_name, i.slug as inst_slug, i.country as inst_country, i.continent as inst_continent, i.website as inst_website,
            case when a.corrected_institution_id is not null then 'correction' else a.institution_basis end as inst_basis,
            also.name as also_name, also.slug as also_slug, also.country as also_country
          from advisors a join people p on p.id = a.person_id
          left join institutions i on i.id = ${advisorInstitutionId()}
          left join institutions also on also.id = a.also_at_institution_id and also.id <> i.id
          where a.person_id = ${entry.id}`,
      db,
    ),
    preparedQuery<{
      id: number;
      title: string;
      venue_id: string;
      year: number;
      status: string | null;
      url: string | null;
      is_conference: boolean;
      position: number;
      authors: { name: string; slug: string }[];
    }>(
      sql`select pa.id, pa.title, pa.venue_id, pa.year, pa.status, pa.url, pa.is_conference, mine.position,
            (select json_agg(json_build_object('name', au.name, 'slug', pe.slug) order by au.position)
               from authorships au join people pe on pe.id = au.person_id where au.paper_id = pa.id) as authors
          from authorships mine join papers pa on pa.id = mine.paper_id
          join venues v on v.id = pa.venue_id
          where mine.person_id = ${entry.id}
            ${options.paperYears ? sql`and pa.year between ${options.paperYears.from} and ${options.paperYears.to}` : sql``}
          order by pa.year desc, v.sort_order, pa.title
          ${options.paperLimit !== undefined ? sql`limit ${options.paperLimit}` : sql``}`,
      db,
    ),
    preparedQuery<{
      institution: string;
      slug: string;
      country: string | null;
      first_year: number;
      last_year: number;
      papers: number;
    }>(
      sql`select i.name as institution, i.slug, i.country, f.first_year, f.last_year, f.papers
          from advisor_affiliations f join institutions i on i.id = f.institution_id
          where f.person_id = ${entry.id} order by f.last_year desc, f.first_year desc, f.papers desc`,
      db,
    ),
    getAdvisorStudentLoad(
      entry.id,
      {
        latestYear: Math.max(...index.latestYear.values()),
        fullYear: index.studentLoad.year,
        firstVisibleYear: index.studentLoad.firstVisibleYear,
      },
      db,
    ),
    advisorFactsDetail(entry, db, index),
  ]);
  const d = detailRows[0];
  if (!d) return null;
  const trackRecord = [...entry.rows]
    .sort((a, b) => b.year - a.year || a.venueId.localeCompare(b.venueId))
    .map((r) => ({ venue: r.venueId, year: r.year, papers: r.papers }));
  return {
    entry,
    person: { dblp: d.dblp, homepage: d.homepage, scholar: d.scholar, orcid: d.orcid },
    positionYear: d.position_year,
    correctionSourceUrl: d.correction_source_url,
    studentCountSourceUrl: d.student_count_source_url,
    studentCountAsOf: d.student_count_as_of,
    version: d.version,
    institution: d.inst_name
      ? {
          name: d.inst_name,
          slug: d.inst_slug!,
          country: d.inst_country,
          continent: d.inst_continent,
          website: d.inst_website,
          basis: d.inst_basis,
        }
      : null,
    alsoAt: d.also_name ? { name: d.also_name, slug: d.also_slug!, country: d.also_country } : null,
    trackRecord,
    papers: paperRows.map((p) => ({
      id: p.id,
      title: p.title,
      venue: p.venue_id,
      year: p.year,
      status: p.status,
      url: p.url,
      isConference: p.is_conference,
      position: p.position,
      authors: typeof p.authors === "string" ? JSON.parse(p.authors) : (p.authors ?? []),
    })),
    affiliations: affiliations.map((a) => ({
      institution: a.institution,
      slug: a.slug,
      country: a.country,
      firstYear: a.first_year,
      lastYear: a.last_year,
      papers: a.papers,
    })),
    studentLoad,
    facts,
  };
}

/** The JSON shape of GET /api/advisors/:slug (a stable contract). */
export function advisorDetailJson(d: AdvisorDetail) {
  return {
    slug: d.entry.slug,
    name: d.entry.name,
    openreviewId: d.entry.openreviewId,
    position: d.entry.position,
    positionSource: d.entry.positionSource,
    nameVariants: d.facts.nameVariants,
    countsCover: d.facts.countsCover,
    institution: d.institution
      ? {
          name: d.institution.name,
          country: d.institution.country,
          continent: d.institution.continent,
          basis: d.institution.basis,
        }
      : null,
    alsoAt: d.alsoAt ? { name: d.alsoAt.name, country: d.alsoAt.country } : null,
    trackRecord: d.trackRecord,
    papers: d.papers.map((p) => ({
      title: p.title,
      venue: p.venue,
      year: p.year,
      status: p.status,
      url: p.url,
      authors: p.authors.map((a) => a.name),
    })),
    students: d.studentLoad.students,
    alumni: d.studentLoad.alumni.length,
    studentLoad: {
      year: d.studentLoad.year,
      years: d.studentLoad.years.map((y) => ({
        year: y.year,
        visible: y.visible,
        lastAuthorStudents: y.lastAuthorStudents,
        otherStudents: y.otherStudents,
        // How many last-author papers the count saw, of all that year's: below half it is partial.
        lastAuthorPapers: y.lastAuthorPapers,
        lastAuthorPapersAll: y.lastAuthorPapersAll,
        partial: y.visible && y.lastAuthorCount === null,
      })),
    },
  };
}
