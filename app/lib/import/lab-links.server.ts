/**
 * Import stage: labs from the data, with evidence.
 *
 * 1. Lab links. An advisor belongs to a registry lab when the affiliation printed with their own
 *    name, on their papers of their latest year with an affiliation and the year before, names it
 *    (lab-matcher.ts); or, on their papers of up to LINK_HISTORY_YEARS before, names a lab of the
 *    institution they are at now (Francis Bach printed "SIERRA project-team" until 2017 and "Inria"
 *    since: Inria's team SIERRA is his). Each link keeps how many papers print it, the latest year and the papers
 *    themselves. The e-mail domain counts only when the printed text names no lab.
 * 2. Co-affiliations. Authorships (anyone's, not only advisors') that print a French academic
 *    affiliation and a company affiliation together: the usual CIFRE pattern, never proof of one.
 *
 * Both tables are rebuilt when the data, the registry or this rule changes (import_state 'lab_links').
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { LabLinkEvidence } from "../../../db/schema";
import { type Db, query } from "../db.server";
import { bumpDataVersion, loadResolver } from "./importer.server";
import { LabMatcher, splitJointAffiliation } from "./lab-matcher";
import { matchRules, readLabRegistry } from "./lab-registry.server";

/** Bump when the linking rule changes, so that an unchanged database is relinked. */
const LINK_RULE_VERSION = 3;
/** The advisor's latest year with a printed affiliation, and this many years before it. */
export const LINK_WINDOW_YEARS_BEFORE = 1;
/** Before that window, back to this many years before the latest: a lab of the institution they are at now. */
export const LINK_HISTORY_YEARS = 8;
const MAX_EVIDENCE = 5;

export type LabLinkReport = {
  skippedAsUnchanged: boolean;
  links: number;
  labsLinked: number;
  coAffiliations: number;
  deadAliases: Map<string, string[]>;
};

type AuthorshipRow = {
  paper_id: number;
  position: number;
  person_id: number;
  year: number;
  url: string | null;
  title: string;
  affiliation: string | null;
  institution_text: string | null;
  domain: string | null;
  country_text: string | null;
  is_advisor: boolean;
  /** The advisor's institution and the place beside it (advisors), if any. */
  places: (number | null)[] | null;
  /** A suspected swap (advisor_ignored_records): a coauthor's affiliation printed with this name. */
  set_aside: boolean;
};

/** The domain's labs: an exact or parent-domain match (cs.mila.quebec -> mila.quebec). */
function domainLabs(byDomain: Map<string, string[]>, domain: string | null): string[] {
  if (!domain) return [];
  const out: string[] = [];
  for (const d of splitJointAffiliation(domain.toLowerCase())) {
    const parts = d.split(".");
    for (let i = 0; i < parts.length - 1; i++) {
      const hit = byDomain.get(parts.slice(i).join("."));
      if (hit) {
        for (const s of hit) if (!out.includes(s)) out.push(s);
        break;
      }
    }
  }
  return out;
}

export async function linkLabs(
  db: Db,
  seedDir: string,
  options: { force?: boolean; onWarning?: (message: string) => void } = {},
): Promise<LabLinkReport> {
  const read = readLabRegistry(seedDir);
  const empty = {
    skippedAsUnchanged: false,
    links: 0,
    labsLinked: 0,
    coAffiliations: 0,
    deadAliases: new Map<string, string[]>(),
  };
  if (!read) return empty;
  const [importState] = await query<{ hash: string | null }>(
    sql`select value->>'hash' as hash from import_state where key = 'import'`,
    db,
  );
  const [labsState] = await query<{ n: number; max: number | null }>(
    sql`select count(*)::int as n, max(id) as max from labs`,
    db,
  );
  const hash = createHash("sha256")
    .update(read.hash)
    .update(importState?.hash ?? "")
    .update(`${labsState.n}/${labsState.max}/v${LINK_RULE_VERSION}`)
    .digest("hex");
  const [previous] = await query<{ hash: string | null }>(
    sql`select value->>'hash' as hash from import_state where key = 'lab_links'`,
    db,
  );
  if (previous?.hash === hash && !options.force) {
    const [c] = await query<{ links: number; labs: number; co: number }>(
      sql`select (select count(*)::int from lab_advisor_links) as links, (select count(distinct lab_id)::int from lab_advisor_links) as labs,
            (select count(*)::int from co_affiliations) as co`,
      db,
    );
    return { ...empty, skippedAsUnchanged: true, links: c.links, labsLinked: c.labs, coAffiliations: c.co };
  }

  const rules = matchRules(read.registry);
  const matcher = new LabMatcher(rules);
  const byDomain = new Map<string, string[]>();
  for (const r of rules) for (const d of r.domains) byDomain.set(d, [...(byDomain.get(d) ?? []), r.slug]);
  const labRows = await query<{
    id: number;
    slug: string;
    kind: string;
    country: string | null;
    institution_id: number | null;
  }>(
    sql`select l.id, l.slug, l.kind, coalesce(l.country, i.country) as country, l.institution_id from labs l left join institutions i on i.id = l.institution_id`,
    db,
  );
  const labBySlug = new Map(labRows.map((l) => [l.slug, l]));

  const rows = await query<AuthorshipRow>(
    sql`select au.paper_id, au.position, au.person_id, p.year, p.url, p.title, au.affiliation, au.institution_text, au.domain, au.country_text,
          a.person_id is not null as is_advisor,
          case when a.person_id is not null
            then array[coalesce(a.corrected_institution_id, a.institution_id), a.also_at_institution_id] end as places,
          exists (select 1 from advisor_ignored_records x where x.paper_id = au.paper_id and x.author_position = au.position) as set_aside
        from authorships au join papers p on p.id = au.paper_id
          left join advisors a on a.person_id = au.person_id
        where au.affiliation is not null or au.institution_text is not null or au.domain is not null`,
    db,
  );

  // Which labs each authorship prints.
  const printed = (r: AuthorshipRow): string[] => {
    const text = [...matcher.match(r.affiliation), ...matcher.match(r.institution_text)];
    const labs = [...new Set(text)];
    return labs.length > 0 ? labs : domainLabs(byDomain, r.domain);
  };

  // 1. Lab links of advisors, in their latest years. A record set aside as a suspected swap prints a
  // coauthor's affiliation: it links nobody (it put Volkan Cevher in Dan Alistarh's ISTA).
  const latest = new Map<number, number>();
  for (const r of rows)
    if (r.is_advisor && !r.set_aside && (r.affiliation || r.institution_text))
      latest.set(r.person_id, Math.max(latest.get(r.person_id) ?? 0, r.year));
  type Link = { labId: number; personId: number; papers: Set<number>; latestYear: number; evidence: LabLinkEvidence[] };
  const links = new Map<string, Link>();
  for (const r of rows) {
    const last = latest.get(r.person_id);
    if (last === undefined || r.set_aside || r.year < last - LINK_HISTORY_YEARS) continue;
    const earlier = r.year < last - LINK_WINDOW_YEARS_BEFORE;
    for (const slug of printed(r)) {
      const lab = labBySlug.get(slug);
      if (!lab) continue;
      if (earlier && !(lab.institution_id !== null && (r.places ?? []).includes(lab.institution_id))) continue;
      const key = `${lab.id}:${r.person_id}`;
      let link = links.get(key);
      if (!link)
        links.set(
          key,
          (link = { labId: lab.id, personId: r.person_id, papers: new Set(), latestYear: r.year, evidence: [] }),
        );
      if (link.papers.has(r.paper_id)) continue;
      link.papers.add(r.paper_id);
      link.latestYear = Math.max(link.latestYear, r.year);
      link.evidence.push({
        paperId: r.paper_id,
        year: r.year,
        url: r.url,
        title: r.title,
        affiliation: [r.affiliation, r.institution_text].filter(Boolean).join(" | ") || (r.domain ?? ""),
      });
    }
  }
  const linkRows = [...links.values()].map((l) => ({
    labId: l.labId,
    personId: l.personId,
    papers: l.papers.size,
    latestYear: l.latestYear,
    evidence: l.evidence.sort((a, b) => b.year - a.year || a.paperId - b.paperId).slice(0, MAX_EVIDENCE),
  }));

  // 2. Co-affiliations: a French academic side and a company side on one authorship.
  const { resolver } = loadResolver(seedDir);
  const institutionIds = new Map(
    (await query<{ id: number; key: string }>(sql`select id, key from institutions`, db)).map((r) => [r.key, r.id]),
  );
  const coRows: {
    paperId: number;
    position: number;
    personId: number;
    year: number;
    affiliation: string;
    academicLabIds: number[];
    companyLabIds: number[];
    academicInstitutionIds: number[];
    companyInstitutionIds: number[];
  }[] = [];
  for (const r of rows) {
    const text = [r.affiliation, r.institution_text].filter(Boolean).join(" + ");
    // Cheap pre-check: a co-affiliation needs at least two names.
    if (!/[+,&;/]| and /i.test(text) && !(r.domain ?? "").includes("+")) continue;
    const academicLabs = new Set<number>();
    const companyLabs = new Set<number>();
    for (const slug of [...matcher.match(r.affiliation), ...matcher.match(r.institution_text)]) {
      const lab = labBySlug.get(slug);
      if (!lab) continue;
      if (lab.kind === "industry") companyLabs.add(lab.id);
      else if (lab.country === "FR") academicLabs.add(lab.id);
    }
    const academicInst = new Set<number>();
    const companyInst = new Set<number>();
    const doms = splitJointAffiliation(r.domain ?? "");
    const affs = splitJointAffiliation(r.affiliation ?? "");
    const insts = splitJointAffiliation(r.institution_text ?? "");
    const n = Math.max(doms.length, affs.length, insts.length);
    if (n > 1) {
      for (let i = 0; i < n; i++) {
        const inst = resolver.resolve({
          domain: doms[i] ?? null,
          aff: affs[i] ?? null,
          institution: insts[i] ?? null,
          country: r.country_text,
        });
        const id = inst ? institutionIds.get(inst.key) : undefined;
        if (!inst || id === undefined) continue;
        if (inst.kind === "industry") companyInst.add(id);
        else if (inst.kind === "academic" && inst.country === "FR") academicInst.add(id);
      }
    }
    if ((academicLabs.size === 0 && academicInst.size === 0) || (companyLabs.size === 0 && companyInst.size === 0))
      continue;
    coRows.push({
      paperId: r.paper_id,
      position: r.position,
      personId: r.person_id,
      year: r.year,
      affiliation: text || (r.domain ?? ""),
      academicLabIds: [...academicLabs],
      companyLabIds: [...companyLabs],
      academicInstitutionIds: [...academicInst],
      companyInstitutionIds: [...companyInst],
    });
  }

  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from lab_advisor_links`);
    await tx.execute(sql`delete from co_affiliations`);
    for (let i = 0; i < linkRows.length; i += 2000) {
      await tx.execute(sql`
        insert into lab_advisor_links (lab_id, person_id, papers, latest_year, evidence)
        select x."labId", x."personId", x.papers, x."latestYear", x.evidence
        from jsonb_to_recordset(${JSON.stringify(linkRows.slice(i, i + 2000))}::jsonb)
          as x("labId" int, "personId" int, papers int, "latestYear" int, evidence jsonb)`);
    }
    for (let i = 0; i < coRows.length; i += 2000) {
      await tx.execute(sql`
        insert into co_affiliations (paper_id, position, person_id, year, affiliation, academic_lab_ids, company_lab_ids,
          academic_institution_ids, company_institution_ids)
        select x."paperId", x.position, x."personId", x.year, x.affiliation,
          array(select jsonb_array_elements_text(x."academicLabIds")::int), array(select jsonb_array_elements_text(x."companyLabIds")::int),
          array(select jsonb_array_elements_text(x."academicInstitutionIds")::int), array(select jsonb_array_elements_text(x."companyInstitutionIds")::int)
        from jsonb_to_recordset(${JSON.stringify(coRows.slice(i, i + 2000))}::jsonb)
          as x("paperId" int, position int, "personId" int, year int, affiliation text, "academicLabIds" jsonb, "companyLabIds" jsonb,
               "academicInstitutionIds" jsonb, "companyInstitutionIds" jsonb)`);
    }
    await tx.execute(sql`
      insert into import_state (key, value, updated_at) values ('lab_links', ${JSON.stringify({ hash })}::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
    await bumpDataVersion(tx);
  });

  // An alias that no printed affiliation contains is a typo or a form nobody prints: say so.
  const texts = new Set<string>();
  for (const r of rows) {
    if (r.affiliation) texts.add(r.affiliation);
    if (r.institution_text) texts.add(r.institution_text);
  }
  const deadAliases = LabMatcher.deadAliases(rules, texts);
  for (const [slug, aliases] of deadAliases)
    options.onWarning?.(
      `lab registry: ${slug}: ${aliases.map((a) => `"${a}"`).join(", ")} matches no printed affiliation`,
    );

  return {
    skippedAsUnchanged: false,
    links: linkRows.length,
    labsLinked: new Set(linkRows.map((l) => l.labId)).size,
    coAffiliations: coRows.length,
    deadAliases,
  };
}
