/**
 * Labs: groups (academic teams, institutes, industry research labs) with one or more advisors.
 * A lab's record is the sum of its current advisors' records under the chosen venues and years.
 * Also the thread's wished-for "list of real AI companies": companies whose researchers publish at
 * the chosen venues, from the imported affiliations.
 */
import { eq, sql } from "drizzle-orm";
import { institutions, labs } from "../../../db/schema";
import { getDb, query } from "../db.server";
import { normalizeName } from "../names";
import type { ScoreParams } from "../scoring";
import type { AdvisorFilters } from "./advisor-filters";
import { advisorIndex, type RankedAdvisor, rankingFor, scoreParams } from "./advisors.server";
import { type CifreBasis, labCifre } from "./cifre";
import { groupTopic, groupTopicCounts, topicKey } from "./group-topics.server";
import { PerIndexCache } from "./index-cache";
import { CURRENT_LAB_ADVISORS, currentMemberships } from "./lab-membership.server";
import { latestStudents, sumStudentLoad } from "./student-load.server";
import { groupTopicProfile, type TopicRanking } from "./topics.server";

/**
 * A lab as its pages show it: its own columns, its institution's name and slug, and the country
 * and continent of the institution when the lab has none of its own.
 */
function selectLabs() {
  return getDb()
    .select({
      id: labs.id,
      slug: labs.slug,
      name: labs.name,
      institution: institutions.name,
      institutionSlug: institutions.slug,
      company: labs.company,
      city: labs.city,
      country: sql<string | null>`coalesce(${labs.country}, ${institutions.country})`,
      continent: sql<string | null>`coalesce(${labs.continent}, ${institutions.continent})`,
      kind: labs.kind,
      focus: labs.focus,
      description: labs.description,
      website: labs.website,
      cifre: labs.cifre,
      cifreEvidenceUrl: labs.cifreEvidenceUrl,
      residencies: labs.residencies,
      internships: labs.internships,
      recruiting: labs.recruiting,
      recruitingVerifiedAt: labs.recruitingVerifiedAt,
      recruitingSourceUrl: labs.recruitingSourceUrl,
      sourceUrl: labs.sourceUrl,
      claims: labs.claims,
      version: labs.version,
      // As Postgres prints it (the API has always answered this text).
      updatedAt: sql<string>`${labs.updatedAt}::text`,
    })
    .from(labs)
    .leftJoin(institutions, eq(institutions.id, labs.institutionId));
}

export type LabRow = Awaited<ReturnType<typeof selectLabs>>[number];

export type LabRecord = {
  papers: number;
  /** With a topic: all their advisors' papers in the window, topic or not ("12 of their 40 papers"). */
  windowPapers: number;
  credit: number;
  lastAuthor: number;
  highlighted: number;
  consistency: number;
  score: number;
  advisors: number;
};

/** cifreBasis: the status shown, by evidence or by rule (cifre.ts); rank: null when no advisor is linked. */
export type LabListItem = LabRow & {
  record: LabRecord;
  cifreBasis: CifreBasis;
  rank: number | null;
  coAffiliated: boolean;
};

export type LabListResult = {
  total: number;
  labs: LabListItem[];
  params: ScoreParams;
  /** The topic the list is ranked over, if any. */
  topic: TopicRanking["choice"] | null;
  /** The curated topics (for the filter form). */
  topicOptions: { id: string; label: string; description: string }[];
  facets: {
    continent: Record<string, number>;
    country: Record<string, number>;
    cifre: Record<string, number>;
    kind: Record<string, number>;
    /** Per curated topic id: labs with an advisor's paper on it in the window (other filters applied). */
    topic: Record<string, number>;
  };
};

/** Each lab's current advisors (person ids), keyed by lab id: contributed and printed (lab-membership.server.ts). */
async function membersByLab(): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const m of await query<{ lab_id: number; person_id: number }>(
    sql`select c.lab_id, c.person_id from ${CURRENT_LAB_ADVISORS} c`,
  ))
    out.set(m.lab_id, [...(out.get(m.lab_id) ?? []), m.person_id]);
  return out;
}

// Advisors by person id under one ranking (the array is cached per data version, venue set and window).
const byIdCache = new WeakMap<RankedAdvisor[], Map<number, RankedAdvisor>>();
function rankedById(ranking: RankedAdvisor[]): Map<number, RankedAdvisor> {
  let map = byIdCache.get(ranking);
  if (!map) byIdCache.set(ranking, (map = new Map(ranking.map((r) => [r.id, r]))));
  return map;
}

// Every lab with its record, per advisor index (one per data version: an approval bumps it) and
// venue set/window; the filters of a request only pick from it.
const labItemsCache = new PerIndexCache<{ items: LabListItem[]; members: Map<number, number[]> }>(32);
const labPageCache = new PerIndexCache<Awaited<ReturnType<typeof loadLab>>>(256);

/** Lab ids with an industry co-affiliation seen on papers (either side). */
async function coAffiliatedLabIds(): Promise<Set<number>> {
  const rows = await query<{ id: number }>(
    sql`select distinct unnest(academic_lab_ids || company_lab_ids) as id from co_affiliations`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * topicFacets: also count the topic options (the page's form; the API has no facets). With a topic
 * (filters.topic), labs rank over their advisors' papers on it, and only labs with such a paper are listed.
 */
export async function listLabs(
  filters: AdvisorFilters,
  { topicFacets = false }: { topicFacets?: boolean } = {},
): Promise<LabListResult> {
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  const topic = await groupTopic(index, filters, topicFacets);
  const { items, members } = await labItemsCache.get(index, paramsKey(params) + topicKey(topic.ranking), () =>
    labItems(index, params, topic.ranking),
  );
  const result = filterLabs(items, filters, params, !!topic.ranking);
  if (topicFacets) {
    const base = filterLabs(items, { ...filters, minPapers: 0, minYears: 0 }, params, false, true);
    result.facets.topic = await groupTopicCounts(
      index,
      params,
      base.labs.map((l) => members.get(l.id) ?? []),
    );
  }
  return { ...result, topic: topic.ranking?.choice ?? null, topicOptions: topic.options };
}

async function labItems(
  index: Awaited<ReturnType<typeof advisorIndex>>,
  params: ScoreParams,
  topic?: TopicRanking,
): Promise<{ items: LabListItem[]; members: Map<number, number[]> }> {
  const [rows, members, coLabs] = await Promise.all([
    selectLabs().orderBy(labs.name),
    membersByLab(),
    coAffiliatedLabIds(),
  ]);
  const ranked = rankedById(rankingFor(index, params, topic));
  const all = topic ? rankedById(rankingFor(index, params)) : ranked;
  const items: LabListItem[] = rows.map((lab) => {
    const record: LabRecord = {
      papers: 0,
      windowPapers: 0,
      credit: 0,
      lastAuthor: 0,
      highlighted: 0,
      consistency: 0,
      score: 0,
      advisors: 0,
    };
    const years = new Set<number>();
    for (const id of members.get(lab.id) ?? []) {
      const r = ranked.get(id);
      if (!r) continue;
      record.advisors++;
      record.papers += r.breakdown.papers;
      record.windowPapers += all.get(id)?.papers ?? 0;
      record.credit += r.breakdown.credit;
      record.lastAuthor += r.breakdown.lastAuthor;
      record.highlighted += r.breakdown.highlighted;
      record.score += r.breakdown.score;
      for (const y of r.breakdown.activeYears) years.add(y);
    }
    record.consistency = years.size;
    record.credit = Math.round(record.credit * 1000) / 1000;
    record.score = Math.round(record.score * 100) / 100;
    const cifreBasis = labCifre(lab);
    return { ...lab, cifre: cifreBasis.status, record, cifreBasis, rank: null, coAffiliated: coLabs.has(lab.id) };
  });
  // Rank among the labs with a linked advisor (and, with a topic, a paper on it); a lab without one
  // is never a row of zeros.
  [...items]
    .filter((l) => l.record.advisors > 0 && (!topic || l.record.papers > 0))
    .sort(
      (a, b) => b.record.score - a.record.score || b.record.papers - a.record.papers || a.name.localeCompare(b.name),
    )
    .forEach((l, i) => (l.rank = i + 1));
  return { items, members };
}

/** all: every match, unpaged (the base of the topic counts). */
function filterLabs(
  items: LabListItem[],
  filters: AdvisorFilters,
  params: ScoreParams,
  withTopic: boolean,
  all = false,
): Omit<LabListResult, "topic" | "topicOptions"> {
  const q = normalizeName(filters.q);

  const checks = {
    continent: (l: LabListItem) => !filters.continent || l.continent === filters.continent,
    country: (l: LabListItem) => !filters.country || l.country === filters.country,
    cifre: (l: LabListItem) => !filters.cifre || l.cifre === filters.cifre,
    kind: (l: LabListItem) => !filters.kind || l.kind === filters.kind,
  };
  const rest = (l: LabListItem) =>
    (!withTopic || l.record.papers > 0) &&
    l.record.papers >= filters.minPapers &&
    l.record.consistency >= filters.minYears &&
    (!filters.recruiting || l.recruiting === true) &&
    (!filters.coAffiliated || l.coAffiliated) &&
    (!q || normalizeName(`${l.name} ${l.institution ?? ""} ${l.company ?? ""}`).includes(q));
  const facetNames = Object.keys(checks) as (keyof typeof checks)[];
  const facets: LabListResult["facets"] = { continent: {}, country: {}, cifre: {}, kind: {}, topic: {} };
  const matched: LabListItem[] = [];
  for (const l of items) {
    if (!rest(l)) continue;
    const pass = facetNames.map((n) => checks[n](l));
    if (pass.every(Boolean)) matched.push(l);
    facetNames.forEach((n, i) => {
      if (!pass.every((p, j) => j === i || p)) return;
      const v = l[n];
      if (v) facets[n][v] = (facets[n][v] ?? 0) + 1;
    });
  }
  const sorted = [...matched].sort((a, b) => {
    // Labs with a linked advisor first, whatever the sort.
    if (a.record.advisors > 0 !== b.record.advisors > 0) return a.record.advisors > 0 ? -1 : 1;
    switch (filters.sort) {
      case "papers":
        return b.record.papers - a.record.papers || a.name.localeCompare(b.name);
      case "consistency":
        return b.record.consistency - a.record.consistency || a.name.localeCompare(b.name);
      case "name":
        return a.name.localeCompare(b.name);
      default:
        return (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name);
    }
  });
  return {
    total: sorted.length,
    labs: all ? matched : sorted.slice(filters.offset, filters.offset + filters.limit),
    params,
    facets,
  };
}

/** The JSON shape of GET /api/labs items (a stable contract). */
export function labJson(l: LabListItem) {
  return {
    slug: l.slug,
    name: l.name,
    institution: l.institution ?? l.company,
    city: l.city,
    country: l.country,
    continent: l.continent,
    kind: l.kind,
    cifre: l.cifre,
    // The basis's link, as the lab's own page gives it: the evidence, or the scheme's page for a rule.
    cifreEvidence: l.cifreBasis.url,
    website: l.website,
    advisors: l.record.advisors,
    papers: l.record.papers,
    score: l.record.score,
    rank: l.rank,
  };
}

/** GET /api/labs with a topic: papers and score count its papers only; windowPapers counts all of them. */
export function labTopicJson(l: LabListItem) {
  return { ...labJson(l), windowPapers: l.record.windowPapers };
}

const paramsKey = (p: ScoreParams) => `${[...p.venues].sort().join(",")}|${p.window.from}-${p.window.to}`;

export async function getLab(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  return labPageCache.get(index, `${slug}|${paramsKey(params)}`, () => loadLab(slug, index, params));
}

async function loadLab(slug: string, index: Awaited<ReturnType<typeof advisorIndex>>, params: ScoreParams) {
  const [lab] = await selectLabs().where(eq(labs.slug, slug));
  if (!lab) return null;
  const ranked = rankedById(rankingFor(index, params));
  const [memberships, contributed, coRows] = await Promise.all([
    currentMemberships(lab.id),
    // Former members (a contributor's "not a member" or an ended membership) stay visible as former.
    query<{ person_id: number; source_url: string | null }>(
      sql`select person_id, source_url from lab_members where lab_id = ${lab.id} and not current`,
    ),
    labCoAffiliations(sql`${lab.id} = any(c.academic_lab_ids) or ${lab.id} = any(c.company_lab_ids)`),
  ]);
  const people = await query<{ id: number; slug: string; name: string }>(
    sql`select id, slug, name from people where id in (select (jsonb_array_elements_text(${JSON.stringify([...memberships.map((m) => m.personId), ...contributed.map((c) => c.person_id)])}::jsonb))::int)`,
  );
  const person = new Map(people.map((p) => [p.id, p]));
  const row = (
    personId: number,
    current: boolean,
    m: (typeof memberships)[number] | null,
    sourceUrl: string | null,
  ) => {
    const r = ranked.get(personId);
    const p = person.get(personId)!;
    return {
      slug: p.slug,
      name: p.name,
      current,
      basis: m?.basis ?? "contributed",
      sourceUrl,
      printedPapers: m?.papers ?? null,
      printedLatestYear: m?.latestYear ?? null,
      evidence: (m?.evidence ?? []).map((e) => ({
        url: e.url,
        year: e.year,
        title: e.title,
        affiliation: e.affiliation,
      })),
      isAdvisor: !!r,
      position: r?.entry.position ?? null,
      studentCount: r?.entry.studentCount ?? null,
      students: r?.entry.students ?? null,
      earlierStudents: r?.entry.earlierStudents ?? null,
      score: r?.breakdown.score ?? 0,
      papers: r?.breakdown.papers ?? 0,
      consistency: r?.breakdown.consistency ?? 0,
      rank: r?.rank ?? null,
    };
  };
  const advisors = [
    ...memberships
      .map((m) => row(m.personId, true, m, m.sourceUrl))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)),
    ...contributed.map((c) => row(c.person_id, false, null, c.source_url)).sort((a, b) => a.name.localeCompare(b.name)),
  ];
  // The lab's track record: its current advisors' papers per venue and year (a paper co-written
  // by two members counts once per member, as on their own pages).
  const counts = new Map<string, number>();
  for (const m of memberships) {
    const entry = ranked.get(m.personId)?.entry;
    for (const r of entry?.rows ?? [])
      counts.set(`${r.venueId}|${r.year}`, (counts.get(`${r.venueId}|${r.year}`) ?? 0) + r.papers);
  }
  const trackRecord = [...counts]
    .map(([k, papers]) => ({ venue: k.split("|")[0], year: Number(k.split("|")[1]), papers }))
    .sort((a, b) => b.year - a.year || a.venue.localeCompare(b.venue));
  // Students and alumni of the current advisors, each counted once (student-load.server.ts).
  const studentLoad = await sumStudentLoad(memberships.map((m) => m.personId));
  return {
    lab,
    cifre: labCifre(lab),
    advisors,
    trackRecord,
    coAffiliations: coRows,
    params,
    studentLoad,
    studentLoadYear: index.studentLoad.year,
    memberIds: memberships.map((m) => m.personId),
  };
}

export type CoAffiliationPaper = {
  url: string | null;
  title: string;
  year: number;
  authors: { name: string; slug: string; affiliation: string }[];
};

/** Papers with authors who print a French academic and a company affiliation together, latest first. */
export async function labCoAffiliations(
  where: ReturnType<typeof sql>,
  limit = 200,
): Promise<{ total: number; papers: CoAffiliationPaper[] }> {
  const rows = await query<{
    paper_id: number;
    url: string | null;
    title: string;
    year: number;
    name: string;
    slug: string;
    affiliation: string;
  }>(
    sql`select c.paper_id, p.url, p.title, c.year, pe.name, pe.slug, c.affiliation
        from co_affiliations c join papers p on p.id = c.paper_id join people pe on pe.id = c.person_id
        where ${where} order by c.year desc, c.paper_id, c.position`,
  );
  const byPaper = new Map<number, CoAffiliationPaper>();
  for (const r of rows) {
    let paper = byPaper.get(r.paper_id);
    if (!paper) byPaper.set(r.paper_id, (paper = { url: r.url, title: r.title, year: r.year, authors: [] }));
    paper.authors.push({ name: r.name, slug: r.slug, affiliation: r.affiliation });
  }
  return { total: byPaper.size, papers: [...byPaper.values()].slice(0, limit) };
}

export type LabDetail = NonNullable<Awaited<ReturnType<typeof getLab>>>;

/**
 * The lab page: the detail and its top research topics, over its current advisors' papers (the
 * topic index is loaded for pages only; the JSON detail does not wait for it).
 */
export async function getLabPage(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const found = await getLab(slug, filters);
  if (!found) return null;
  return { ...found, topics: await groupTopicProfile(await advisorIndex(), found.memberIds) };
}

/** The JSON shape of GET /api/labs/:slug (a stable contract). */
export function labDetailJson(d: LabDetail) {
  return {
    slug: d.lab.slug,
    name: d.lab.name,
    kind: d.lab.kind,
    institution: d.lab.institution ?? d.lab.company,
    city: d.lab.city,
    country: d.lab.country,
    continent: d.lab.continent,
    cifre: d.cifre.status,
    cifreEvidence: d.cifre.url,
    website: d.lab.website,
    advisors: d.advisors
      .filter((a) => a.current)
      .map((a) => ({
        slug: a.slug,
        name: a.name,
        score: a.score,
        evidence: a.evidence.map((e) => ({ url: e.url, year: e.year })),
      })),
    trackRecord: d.trackRecord,
    coAffiliations: d.coAffiliations.papers.map((p) => ({
      url: p.url,
      year: p.year,
      authors: p.authors.map((a) => a.name),
    })),
    // Distinct PhD students seen in the year the list counts (null: not visible) and alumni now advising.
    students: latestStudents(d.studentLoad, d.studentLoadYear),
    alumni: d.studentLoad.alumni,
  };
}

/**
 * Industry research labs ranked by the top-venue record of the advisors placed at them: the
 * thread's "list of real AI companies".
 */
export async function companiesByRecord(filters: Pick<AdvisorFilters, "venues" | "from" | "to">, limit = 25) {
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  const byCompany = new Map<string, { name: string; slug: string; advisors: number; papers: number; score: number }>();
  for (const r of rankingFor(index, params)) {
    if (r.entry.institutionKind !== "industry" || !r.entry.institution || r.papers === 0) continue;
    const c = byCompany.get(r.entry.institution) ?? {
      name: r.entry.institution,
      slug: r.entry.institutionSlug ?? "",
      advisors: 0,
      papers: 0,
      score: 0,
    };
    c.advisors++;
    c.papers += r.papers;
    c.score += r.score;
    byCompany.set(c.name, c);
  }
  return {
    params,
    companies: [...byCompany.values()]
      .map((c) => ({ ...c, score: Math.round(c.score * 100) / 100 }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, limit),
  };
}
