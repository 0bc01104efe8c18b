/**
 * Institutions (universities, research institutes, companies) ranked by the same rule as advisors
 * (scoring.ts), summed over their current advisors for the chosen venues and years. Built on the
 * advisor ranking (advisors.server.ts), so every number here is a sum of numbers shown on advisor pages.
 */
import { sql } from "drizzle-orm";
import type { CifreStatus } from "../../../db/schema";
import { query } from "../db.server";
import { normalizeName } from "../names";
import type { ScoreParams } from "../scoring";
import type { AdvisorFilters } from "./advisor-filters";
import { advisorIndex, type RankedAdvisor, rankingFor, scoreParams } from "./advisors.server";
import { type CifreBasis, institutionCifre } from "./cifre";
import { groupTopic, groupTopicCounts, topicKey } from "./group-topics.server";
import { PerIndexCache } from "./index-cache";
import { labsByInstitution } from "./lab-membership.server";
import { labCoAffiliations } from "./labs.server";
import { latestStudents, sumStudentLoad } from "./student-load.server";
import { groupTopicProfile, type TopicRanking } from "./topics.server";

export type InstitutionItem = {
  slug: string;
  name: string;
  kind: string | null;
  country: string | null;
  continent: string | null;
  advisors: number;
  papers: number;
  /** With a topic: all their advisors' papers in the window, topic or not ("12 of their 40 papers"). */
  windowPapers: number;
  score: number;
  consistency: number;
  rank: number;
  regionRank: number | null;
  regionSize: number;
  cifre: CifreStatus;
  coAffiliated: boolean;
  members: RankedAdvisor[];
};

export type InstitutionFacets = {
  continent: Record<string, number>;
  country: Record<string, number>;
  cifre: Record<string, number>;
  kind: Record<string, number>;
  /** Per curated topic id: institutions with an advisor's paper on it in the window (other filters applied). */
  topic: Record<string, number>;
};

type Grouped = { items: InstitutionItem[]; bySlug: Map<string, InstitutionItem>; params: ScoreParams; total: number };

// Per advisor index (one per data version) and venue set/window: the grouping is computed once.
const cache = new PerIndexCache<Grouped>(32);
const pageCache = new PerIndexCache<Awaited<ReturnType<typeof loadInstitution>>>(256);
const paramsKey = (p: ScoreParams) => `${[...p.venues].sort().join(",")}|${p.window.from}-${p.window.to}`;

/**
 * Every institution with at least one advisor, ranked worldwide and within its continent. With a
 * topic, ranked over its advisors' papers on the topic (those without such a paper rank last).
 */
async function groupedInstitutions(
  filters: Pick<AdvisorFilters, "venues" | "from" | "to">,
  topic?: TopicRanking,
): Promise<Grouped> {
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  return cache.get(index, paramsKey(params) + topicKey(topic), () => groupInstitutions(index, params, topic));
}

async function groupInstitutions(
  index: Awaited<ReturnType<typeof advisorIndex>>,
  params: ScoreParams,
  topic?: TopicRanking,
): Promise<Grouped> {
  const [institutions, labs, coRows] = await Promise.all([
    query<{ id: number; slug: string; kind: string; country: string | null }>(
      sql`select id, slug, kind, country from institutions`,
    ),
    labsByInstitution(),
    query<{ id: number }>(
      sql`select distinct unnest(academic_institution_ids || company_institution_ids) as id from co_affiliations
          union select l.institution_id from labs l
            where l.institution_id is not null and exists (select 1 from co_affiliations c where l.id = any(c.academic_lab_ids || c.company_lab_ids))`,
    ),
  ]);
  const coIds = new Set(coRows.map((r) => r.id));
  const instBySlug = new Map(institutions.map((i) => [i.slug, i]));
  const bySlug = new Map<string, InstitutionItem & { years: Set<number> }>();
  // All papers in the window per advisor (the topic's share is "N of their M papers").
  const allPapers = topic ? new Map(rankingFor(index, params).map((r) => [r.id, r.papers])) : null;
  for (const r of rankingFor(index, params, topic)) {
    const slug = r.entry.institutionSlug;
    if (!slug || !r.entry.institution) continue;
    let item = bySlug.get(slug);
    if (!item) {
      const inst = instBySlug.get(slug);
      const own = (inst ? (labs.get(inst.id) ?? []) : []).map((l) => ({
        name: l.name,
        cifre: l.cifre,
        cifreEvidenceUrl: l.cifre_evidence_url,
        kind: l.kind,
        country: l.country,
      }));
      bySlug.set(
        slug,
        (item = {
          slug,
          name: r.entry.institution,
          kind: r.entry.institutionKind,
          country: r.entry.country,
          continent: r.entry.continent,
          advisors: 0,
          papers: 0,
          windowPapers: 0,
          score: 0,
          consistency: 0,
          rank: 0,
          regionRank: null,
          regionSize: 0,
          cifre: institutionCifre(
            { kind: inst?.kind ?? r.entry.institutionKind ?? "other", country: inst?.country ?? r.entry.country },
            own,
          ).status,
          coAffiliated: inst ? coIds.has(inst.id) : false,
          members: [],
          years: new Set(),
        }),
      );
    }
    item.advisors++;
    item.papers += r.papers;
    item.windowPapers += allPapers ? (allPapers.get(r.id) ?? 0) : r.papers;
    item.score += r.score;
    item.members.push(r);
    if (r.papers > 0) for (const y of r.breakdown.activeYears) item.years.add(y);
  }
  const items = [...bySlug.values()];
  for (const i of items) {
    i.score = Math.round(i.score * 100) / 100;
    i.consistency = i.years.size;
  }
  const collator = new Intl.Collator("en");
  items.sort((a, b) => b.score - a.score || b.papers - a.papers || collator.compare(a.name, b.name));
  const regionCounts = new Map<string, number>();
  items.forEach((i, n) => {
    i.rank = n + 1;
    if (i.continent) {
      const c = (regionCounts.get(i.continent) ?? 0) + 1;
      regionCounts.set(i.continent, c);
      i.regionRank = c;
    }
  });
  for (const i of items) i.regionSize = i.continent ? (regionCounts.get(i.continent) ?? 0) : 0;
  return { items, bySlug, params, total: items.length };
}

export type InstitutionListResult = {
  total: number;
  params: ScoreParams;
  /** The topic the list is ranked over, if any. */
  topic: TopicRanking["choice"] | null;
  /** The curated topics (for the filter form). */
  topicOptions: { id: string; label: string; description: string }[];
  institutions: InstitutionItem[];
  facets: InstitutionFacets;
};

/** topicFacets: also count the topic options (the page's form; the API has no facets). */
export async function listInstitutions(
  filters: AdvisorFilters,
  { topicFacets = false }: { topicFacets?: boolean } = {},
): Promise<InstitutionListResult> {
  const { coAffiliated } = filters;
  const index = await advisorIndex();
  const topic = await groupTopic(index, filters, topicFacets);
  const { items, params } = await groupedInstitutions(filters, topic.ranking);
  const q = normalizeName(filters.q);
  const checks = {
    continent: (i: InstitutionItem) => !filters.continent || i.continent === filters.continent,
    country: (i: InstitutionItem) => !filters.country || i.country === filters.country,
    cifre: (i: InstitutionItem) => !filters.cifre || i.cifre === filters.cifre,
    kind: (i: InstitutionItem) => !filters.kind || i.kind === filters.kind,
  };
  const rest = (i: InstitutionItem) =>
    // With a topic, only institutions with a paper on it in the window are listed.
    (!topic.ranking || i.papers > 0) &&
    i.papers >= filters.minPapers &&
    i.consistency >= filters.minYears &&
    (!coAffiliated || i.coAffiliated) &&
    (!q || normalizeName(i.name).includes(q));
  const names = Object.keys(checks) as (keyof typeof checks)[];
  const facets: InstitutionFacets = { continent: {}, country: {}, cifre: {}, kind: {}, topic: {} };
  const matched: InstitutionItem[] = [];
  // The base of the topic counts: every filter but the topic and the paper thresholds.
  const topicBase: number[][] = [];
  for (const i of items) {
    const pass = names.map((n) => checks[n](i));
    if (
      topicFacets &&
      pass.every(Boolean) &&
      (!coAffiliated || i.coAffiliated) &&
      (!q || normalizeName(i.name).includes(q))
    )
      topicBase.push(i.members.map((m) => m.id));
    if (!rest(i)) continue;
    if (pass.every(Boolean)) matched.push(i);
    names.forEach((n, k) => {
      if (!pass.every((p, j) => j === k || p)) return;
      const v = i[n];
      if (v) facets[n][v] = (facets[n][v] ?? 0) + 1;
    });
  }
  const collator = new Intl.Collator("en");
  const sorted = [...matched].sort((a, b) => {
    switch (filters.sort) {
      case "papers":
        return b.papers - a.papers || a.rank - b.rank;
      case "consistency":
        return b.consistency - a.consistency || a.rank - b.rank;
      case "name":
        return collator.compare(a.name, b.name);
      default:
        return a.rank - b.rank;
    }
  });
  if (topicFacets) facets.topic = await groupTopicCounts(index, params, topicBase);
  return {
    total: sorted.length,
    params,
    topic: topic.ranking?.choice ?? null,
    topicOptions: topic.options,
    institutions: sorted.slice(filters.offset, filters.offset + filters.limit),
    facets,
  };
}

/** The JSON shape of GET /api/institutions items (a stable contract). */
export function institutionJson(i: InstitutionItem) {
  return {
    slug: i.slug,
    name: i.name,
    kind: i.kind,
    country: i.country,
    continent: i.continent,
    advisors: i.advisors,
    papers: i.papers,
    score: i.score,
    rank: i.rank,
    cifre: i.cifre,
  };
}

/** GET /api/institutions with a topic: papers and score count its papers only; windowPapers counts all of them. */
export function institutionTopicJson(i: InstitutionItem) {
  return { ...institutionJson(i), windowPapers: i.windowPapers };
}

export async function getInstitution(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const index = await advisorIndex();
  return pageCache.get(index, `${slug}|${paramsKey(scoreParams(index, filters))}`, () =>
    loadInstitution(slug, filters),
  );
}

/** Where an institution's web page comes from, by the list that resolved it (institution-resolver.ts). */
export function websiteSource(source: string): string | undefined {
  if (source === "university-domains") return "university list";
  if (source === "ror" || source === "research-organisations") return "ROR";
  return undefined;
}

/**
 * How an institution's country is known, by the list that resolved it (institution-resolver.ts) and
 * the import plan's rules for places no list holds (import-plan.ts, countryOfUnlistedOrganisation).
 */
export function placeSource(source: string, country: string | null): string | undefined {
  if (!country) return undefined;
  if (source === "university-domains") return "from the university list";
  if (source === "ror" || source === "research-organisations") return "from ROR";
  if (source === "company-domains")
    return "the company's site in that country, as printed on its people's papers (an address, a country field or a branch's name, else where their coworkers and coauthors are)";
  return "no list holds it: the country printed with it on papers, else where the people printing it are placed the same year, else where its coauthors are printed";
}

async function loadInstitution(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const [row] = await query<{
    id: number;
    slug: string;
    name: string;
    kind: string;
    country: string | null;
    continent: string | null;
    website: string | null;
    source: string;
    domains: string[];
  }>(
    sql`select id, slug, name, kind, country, continent, website, source, domains from institutions where slug = ${slug}`,
  );
  if (!row) return null;
  const grouped = await groupedInstitutions(filters);
  const item = grouped.bySlug.get(slug) ?? null;
  const labs = (await labsByInstitution()).get(row.id) ?? [];
  const cifre: CifreBasis = institutionCifre(
    row,
    labs.map((l) => ({
      name: l.name,
      cifre: l.cifre,
      cifreEvidenceUrl: l.cifre_evidence_url,
      kind: l.kind,
      country: l.country,
    })),
  );
  const counts = new Map<string, number>();
  for (const m of item?.members ?? [])
    for (const r of m.entry.rows)
      counts.set(`${r.venueId}|${r.year}`, (counts.get(`${r.venueId}|${r.year}`) ?? 0) + r.papers);
  const trackRecord = [...counts]
    .map(([k, papers]) => ({ venue: k.split("|")[0], year: Number(k.split("|")[1]), papers }))
    .sort((a, b) => b.year - a.year || a.venue.localeCompare(b.venue));
  const labIds = await query<{ id: number }>(sql`select id from labs where institution_id = ${row.id}`);
  const labIdList = `{${labIds.map((l) => l.id).join(",")}}`;
  const memberIds = (item?.members ?? []).map((m) => m.id);
  const [coAffiliations, studentLoad] = await Promise.all([
    labCoAffiliations(
      sql`${row.id} = any(c.academic_institution_ids) or ${row.id} = any(c.company_institution_ids)
        or c.academic_lab_ids && ${labIdList}::int[] or c.company_lab_ids && ${labIdList}::int[]`,
    ),
    // Students and alumni of its current advisors, each counted once (student-load.server.ts).
    sumStudentLoad(memberIds),
  ]);
  return {
    institution: {
      ...row,
      domains: row.domains ?? [],
      websiteSource: websiteSource(row.source),
      placeSource: placeSource(row.source, row.country),
    },
    item,
    total: grouped.total,
    cifre,
    labs: labs.map((l) => ({ slug: l.slug, name: l.name })),
    advisors: (item?.members ?? []).map((m) => ({
      slug: m.entry.slug,
      name: m.entry.name,
      position: m.entry.position,
      score: m.score,
      papers: m.papers,
      consistency: m.consistency,
      rank: m.rank,
    })),
    trackRecord,
    coAffiliations,
    studentLoad,
    studentLoadYear: (await advisorIndex()).studentLoad.year,
    memberIds,
    params: grouped.params,
  };
}

export type InstitutionDetail = NonNullable<Awaited<ReturnType<typeof getInstitution>>>;

/**
 * The institution page: the detail and its top research topics, over its current advisors' papers
 * (the topic index is loaded for pages only; the JSON detail does not wait for it).
 */
export async function getInstitutionPage(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const found = await getInstitution(slug, filters);
  if (!found) return null;
  return { ...found, topics: await groupTopicProfile(await advisorIndex(), found.memberIds) };
}

/** The JSON shape of GET /api/institutions/:slug (a stable contract). */
export function institutionDetailJson(d: InstitutionDetail) {
  return {
    slug: d.institution.slug,
    name: d.institution.name,
    kind: d.institution.kind,
    country: d.institution.country,
    continent: d.institution.continent,
    advisors: d.advisors.map((a) => ({ slug: a.slug, name: a.name, score: a.score })),
    papers: d.item?.papers ?? 0,
    score: d.item?.score ?? 0,
    rank: d.item?.rank ?? null,
    cifre: d.cifre.status,
    labs: d.labs,
    trackRecord: d.trackRecord,
    // Distinct PhD students seen in the year the list counts (null: not visible) and alumni now advising.
    students: latestStudents(d.studentLoad, d.studentLoadYear),
    alumni: d.studentLoad.alumni,
  };
}
