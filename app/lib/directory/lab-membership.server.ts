/**
 * Who is in a lab now: contributed memberships (lab_members, reviewed) and data links (an advisor
 * printed the lab on their latest papers, lab_advisor_links). A contributed row for the same lab
 * and person overrides the data link: "current" adds or confirms, "not current" removes it.
 * The one definition every list, page and the advisor index use.
 */
import { sql } from "drizzle-orm";
import type { CifreStatus, LabLinkEvidence } from "../../../db/schema";
import { getDb, query } from "../db.server";
import { institutionCifre, labCifre } from "./cifre";

/** (lab_id, person_id, basis, source_url, papers, latest_year, evidence) of every current membership. */
export const CURRENT_LAB_ADVISORS = sql`(
  select m.lab_id, m.person_id, 'contributed'::text as basis, m.source_url, k.papers, k.latest_year, k.evidence
  from lab_members m left join lab_advisor_links k on k.lab_id = m.lab_id and k.person_id = m.person_id
  where m.current
  union all
  select k.lab_id, k.person_id, 'printed'::text as basis, null::text as source_url, k.papers, k.latest_year, k.evidence
  from lab_advisor_links k
  where not exists (select 1 from lab_members m where m.lab_id = k.lab_id and m.person_id = k.person_id))`;

export type Membership = {
  labId: number;
  personId: number;
  basis: "contributed" | "printed";
  sourceUrl: string | null;
  papers: number | null;
  latestYear: number | null;
  evidence: LabLinkEvidence[];
};

type MembershipRow = {
  lab_id: number;
  person_id: number;
  basis: Membership["basis"];
  source_url: string | null;
  papers: number | null;
  latest_year: number | null;
  evidence: LabLinkEvidence[] | string | null;
};

const toMembership = (r: MembershipRow): Membership => ({
  labId: r.lab_id,
  personId: r.person_id,
  basis: r.basis,
  sourceUrl: r.source_url,
  papers: r.papers,
  latestYear: r.latest_year,
  evidence: typeof r.evidence === "string" ? JSON.parse(r.evidence) : (r.evidence ?? []),
});

export async function currentMemberships(labId?: number): Promise<Membership[]> {
  const rows = await query<MembershipRow>(
    labId === undefined
      ? sql`select * from ${CURRENT_LAB_ADVISORS} c`
      : sql`select * from ${CURRENT_LAB_ADVISORS} c where c.lab_id = ${labId}`,
    getDb(),
  );
  return rows.map(toMembership);
}

/** Each advisor's current labs with the labs' CIFRE status (by rule where it applies). */
export async function labsOfAdvisors(): Promise<
  { person_id: number; slug: string; name: string; cifre: CifreStatus; recruiting: boolean | null }[]
> {
  const rows = await query<{
    person_id: number;
    slug: string;
    name: string;
    cifre: CifreStatus;
    cifre_evidence_url: string | null;
    kind: string;
    country: string | null;
    recruiting: boolean | null;
  }>(
    sql`select c.person_id, l.slug, l.name, l.cifre, l.cifre_evidence_url, l.kind, coalesce(l.country, i.country) as country, l.recruiting
        from ${CURRENT_LAB_ADVISORS} c join labs l on l.id = c.lab_id left join institutions i on i.id = l.institution_id
        order by c.person_id, l.name`,
    getDb(),
  );
  return rows.map((r) => ({
    person_id: r.person_id,
    slug: r.slug,
    name: r.name,
    cifre: labCifre({ cifre: r.cifre, cifreEvidenceUrl: r.cifre_evidence_url, kind: r.kind, country: r.country })
      .status,
    recruiting: r.recruiting,
  }));
}

export type InstitutionLabRow = {
  institution_id: number;
  slug: string;
  name: string;
  cifre: CifreStatus;
  cifre_evidence_url: string | null;
  kind: string;
  country: string | null;
};

/**
 * The named labs of every institution (labs.institution_id), with what the CIFRE rule needs. A lab
 * of a company's branch ("Criteo AI Lab" at "Criteo (France)") is also the company's own
 * ("Criteo", the company without a country): a company with a research site in France.
 */
export async function labsByInstitution(): Promise<Map<number, InstitutionLabRow[]>> {
  const rows = await query<InstitutionLabRow>(
    sql`select l.institution_id, l.slug, l.name, l.cifre, l.cifre_evidence_url, l.kind, coalesce(l.country, i.country) as country
        from labs l join institutions i on i.id = l.institution_id
        union all
        select root.id, l.slug, l.name, l.cifre, l.cifre_evidence_url, l.kind, coalesce(l.country, i.country)
        from labs l join institutions i on i.id = l.institution_id
        join institutions root on i.key ~ '^co:[^:]+:[^:]+$' and root.key = regexp_replace(i.key, ':[^:]+$', '')
        order by name`,
    getDb(),
  );
  const out = new Map<number, InstitutionLabRow[]>();
  for (const r of rows) out.set(r.institution_id, [...(out.get(r.institution_id) ?? []), r]);
  return out;
}

/** Every institution's CIFRE status by slug, for the advisors placed at it. */
export async function institutionCifreBySlug(): Promise<Map<string, CifreStatus>> {
  const [institutions, labs] = await Promise.all([
    query<{ id: number; slug: string; kind: string; country: string | null }>(
      sql`select id, slug, kind, country from institutions`,
      getDb(),
    ),
    labsByInstitution(),
  ]);
  const out = new Map<string, CifreStatus>();
  for (const i of institutions) {
    const own = (labs.get(i.id) ?? []).map((l) => ({
      name: l.name,
      cifre: l.cifre,
      cifreEvidenceUrl: l.cifre_evidence_url,
      kind: l.kind,
      country: l.country,
    }));
    out.set(i.slug, institutionCifre(i, own).status);
  }
  return out;
}
