/**
 * Labs: groups (academic teams, institutes, industry research labs) with one or more advisors.
 * A lab's record is the sum of its current advisors' records under the chosen venues and years.
 * Also the thread's wished-for "list of real AI companies": companies whose researchers publish at
 * the chosen venues, from the imported affiliations.
 */
import { sql } from "drizzle-orm";
import type { CifreStatus, LabClaim } from "../../../db/schema";
import type { AdvisorFilters } from "./advisor-filters";
import { advisorIndex, rankingFor, scoreParams } from "./advisors.server";
import { sumStudentLoad } from "./student-load.server";
import { getDb, query } from "../db.server";
import { normalizeName } from "../names";
import type { ScoreParams } from "../scoring";

export type LabRow = {
  id: number;
  slug: string;
  name: string;
  institution: string | null;
  institutionSlug: string | null;
  company: string | null;
  city: string | null;
  country: string | null;
  continent: string | null;
  kind: "academic" | "industry";
  focus: "fundamental" | "applied" | "unknown";
  description: string | null;
  website: string | null;
  cifre: CifreStatus;
  cifreEvidenceUrl: string | null;
  residencies: boolean | null;
  internships: boolean | null;
  recruiting: boolean | null;
  recruitingVerifiedAt: string | null;
  recruitingSourceUrl: string | null;
  sourceUrl: string | null;
  claims: LabClaim[];
  version: number;
  updatedAt: string;
};

type DbLab = {
  id: number; slug: string; name: string; institution: string | null; institution_slug: string | null; company: string | null;
  city: string | null; country: string | null; continent: string | null; kind: LabRow["kind"]; focus: LabRow["focus"];
  description: string | null; website: string | null; cifre: CifreStatus; cifre_evidence_url: string | null;
  residencies: boolean | null; internships: boolean | null; recruiting: boolean | null; recruiting_verified_at: string | null;
  recruiting_source_url: string | null; source_url: string | null; claims: LabClaim[] | string; version: number; updated_at: string;
};

const LAB_SELECT = sql`select l.id, l.slug, l.name, i.name as institution, i.slug as institution_slug, l.company, l.city,
  coalesce(l.country, i.country) as country, coalesce(l.continent, i.continent) as continent, l.kind, l.focus, l.description,
  l.website, l.cifre, l.cifre_evidence_url, l.residencies, l.internships, l.recruiting, l.recruiting_verified_at::text as recruiting_verified_at,
  l.recruiting_source_url, l.source_url, l.claims, l.version, l.updated_at::text as updated_at
  from labs l left join institutions i on i.id = l.institution_id`;

function toLab(r: DbLab): LabRow {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    institution: r.institution,
    institutionSlug: r.institution_slug,
    company: r.company,
    city: r.city,
    country: r.country,
    continent: r.continent,
    kind: r.kind,
    focus: r.focus,
    description: r.description,
    website: r.website,
    cifre: r.cifre,
    cifreEvidenceUrl: r.cifre_evidence_url,
    residencies: r.residencies,
    internships: r.internships,
    recruiting: r.recruiting,
    recruitingVerifiedAt: r.recruiting_verified_at,
    recruitingSourceUrl: r.recruiting_source_url,
    sourceUrl: r.source_url,
    claims: typeof r.claims === "string" ? (JSON.parse(r.claims) as LabClaim[]) : r.claims,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export type LabRecord = { papers: number; credit: number; lastAuthor: number; highlighted: number; consistency: number; score: number; advisors: number };

export type LabListItem = LabRow & { record: LabRecord };

export type LabListResult = {
  total: number;
  labs: LabListItem[];
  params: ScoreParams;
  facets: { continent: Record<string, number>; country: Record<string, number>; cifre: Record<string, number>; kind: Record<string, number> };
};

/** Each lab's current advisors (person ids), keyed by lab id. */
async function membersByLab(): Promise<Map<number, number[]>> {
  const rows = await query<{ lab_id: number; person_id: number }>(sql`select lab_id, person_id from lab_members where current`);
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.lab_id, [...(out.get(r.lab_id) ?? []), r.person_id]);
  return out;
}

export async function listLabs(filters: AdvisorFilters): Promise<LabListResult> {
  const [labs, members, index] = await Promise.all([query<DbLab>(sql`${LAB_SELECT} order by l.name`), membersByLab(), advisorIndex()]);
  const params = scoreParams(index, filters);
  const ranked = new Map(rankingFor(index, params).map((r) => [r.id, r]));
  const q = normalizeName(filters.q);
  const items: LabListItem[] = labs.map((raw) => {
    const lab = toLab(raw);
    const record: LabRecord = { papers: 0, credit: 0, lastAuthor: 0, highlighted: 0, consistency: 0, score: 0, advisors: 0 };
    const years = new Set<number>();
    for (const id of members.get(lab.id) ?? []) {
      const r = ranked.get(id);
      if (!r) continue;
      record.advisors++;
      record.papers += r.breakdown.papers;
      record.credit += r.breakdown.credit;
      record.lastAuthor += r.breakdown.lastAuthor;
      record.highlighted += r.breakdown.highlighted;
      record.score += r.breakdown.score;
      for (const y of r.breakdown.activeYears) years.add(y);
    }
    record.consistency = years.size;
    record.credit = Math.round(record.credit * 1000) / 1000;
    record.score = Math.round(record.score * 100) / 100;
    return { ...lab, record };
  });

  const checks = {
    continent: (l: LabListItem) => !filters.continent || l.continent === filters.continent,
    country: (l: LabListItem) => !filters.country || l.country === filters.country,
    cifre: (l: LabListItem) => !filters.cifre || l.cifre === filters.cifre,
    kind: (l: LabListItem) => !filters.kind || l.kind === filters.kind,
  };
  const rest = (l: LabListItem) =>
    l.record.papers >= filters.minPapers &&
    l.record.consistency >= filters.minYears &&
    (!filters.recruiting || l.recruiting === true) &&
    (!q || normalizeName(`${l.name} ${l.institution ?? ""} ${l.company ?? ""}`).includes(q));
  const facetNames = Object.keys(checks) as (keyof typeof checks)[];
  const facets: LabListResult["facets"] = { continent: {}, country: {}, cifre: {}, kind: {} };
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
    switch (filters.sort) {
      case "papers":
        return b.record.papers - a.record.papers || a.name.localeCompare(b.name);
      case "consistency":
        return b.record.consistency - a.record.consistency || a.name.localeCompare(b.name);
      case "name":
        return a.name.localeCompare(b.name);
      default:
        return b.record.score - a.record.score || a.name.localeCompare(b.name);
    }
  });
  return { total: sorted.length, labs: sorted.slice(filters.offset, filters.offset + filters.limit), params, facets };
}

/** The JSON shape of GET /api/labs items (a stable contract). */
export function labJson(l: LabRow) {
  return {
    slug: l.slug,
    name: l.name,
    institution: l.institution ?? l.company,
    city: l.city,
    country: l.country,
    continent: l.continent,
    kind: l.kind,
    cifre: l.cifre,
    cifreEvidence: l.cifreEvidenceUrl,
    website: l.website,
  };
}

export async function getLab(slug: string, filters: Pick<AdvisorFilters, "venues" | "from" | "to">) {
  const rows = await query<DbLab>(sql`${LAB_SELECT} where l.slug = ${slug}`);
  if (rows.length === 0) return null;
  const lab = toLab(rows[0]);
  const index = await advisorIndex();
  const params = scoreParams(index, filters);
  const ranked = new Map(rankingFor(index, params).map((r) => [r.id, r]));
  const memberRows = await query<{ person_id: number; current: boolean; source_url: string | null; slug: string; name: string }>(
    sql`select m.person_id, m.current, m.source_url, p.slug, p.name from lab_members m join people p on p.id = m.person_id
        where m.lab_id = ${lab.id} order by m.current desc, p.name`,
  );
  const advisors = memberRows.map((m) => {
    const r = ranked.get(m.person_id);
    return {
      slug: m.slug,
      name: m.name,
      current: m.current,
      sourceUrl: m.source_url,
      isAdvisor: !!r,
      position: r?.entry.position ?? null,
      studentCount: r?.entry.studentCount ?? null,
      score: r?.breakdown.score ?? 0,
      papers: r?.breakdown.papers ?? 0,
      consistency: r?.breakdown.consistency ?? 0,
      rank: r?.rank ?? null,
    };
  });
  // The lab's track record: its current advisors' papers per venue and year (a paper co-written
  // by two members counts once per member, as on their own pages).
  const counts = new Map<string, number>();
  for (const m of memberRows) {
    if (!m.current) continue;
    const entry = ranked.get(m.person_id)?.entry;
    for (const r of entry?.rows ?? []) counts.set(`${r.venueId}|${r.year}`, (counts.get(`${r.venueId}|${r.year}`) ?? 0) + r.papers);
  }
  const trackRecord = [...counts]
    .map(([k, papers]) => ({ venue: k.split("|")[0], year: Number(k.split("|")[1]), papers }))
    .sort((a, b) => b.year - a.year || a.venue.localeCompare(b.venue));
  // Students and alumni of the current advisors, each counted once (student-load.server.ts).
  const studentLoad = await sumStudentLoad(memberRows.filter((m) => m.current).map((m) => m.person_id));
  return { lab, advisors, trackRecord, params, studentLoad };
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
    const c = byCompany.get(r.entry.institution) ?? { name: r.entry.institution, slug: r.entry.institutionSlug ?? "", advisors: 0, papers: 0, score: 0 };
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

export async function labOptions(): Promise<{ slug: string; name: string }[]> {
  return query<{ slug: string; name: string }>(sql`select slug, name from labs order by name`, getDb());
}
