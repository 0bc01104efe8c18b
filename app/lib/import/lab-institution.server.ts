/**
 * The institution a seeded lab belongs to (labs.institution_id), for the registry's labs and the
 * thread's alike: the parent the entry names, else the organisation the lab itself is (Mila, the
 * Vector Institute, CNRS), found by its website's domain and its name. A company without a country
 * ("Criteo") is taken at its branch in the lab's country ("Criteo (France)"), where the company's
 * advisors of that country are placed. A place found only from the lab's own name must be in the
 * lab's country (ROR files "Cohere" in the United States; the registry's lab is in Canada).
 */
import { sql } from "drizzle-orm";
import { type Db, query } from "../db.server";
import { allocateSlug } from "../names";
import type { InstitutionResolver, ResolvedInstitution } from "./institution-resolver";

export type LabPlace = {
  name: string;
  country: string | null;
  website?: string | null;
  /** The parent the entry names (the registry's `parent`, the thread lab's `institution`). */
  parent?: { name: string; domain?: string | null } | null;
};

const COMPANY_WITHOUT_COUNTRY = /^co:[^:]+$/;

function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    return new URL(website).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

export function labInstitution(resolver: InstitutionResolver, lab: LabPlace): ResolvedInstitution | null {
  const named = lab.parent
    ? resolver.resolve({ domain: lab.parent.domain ?? null, institution: lab.parent.name })
    : resolver.resolve({ domain: websiteDomain(lab.website), institution: lab.name });
  // An organisation no list knows is not a place to hang a lab on.
  if (!named || named.source === "affiliation") return null;
  if (COMPANY_WITHOUT_COUNTRY.test(named.key) && lab.country)
    return resolver.companyBranch(named.key, lab.country) ?? named;
  if (!lab.parent && lab.country && named.country !== lab.country) return null;
  return named;
}

/** The institution's row id, inserting it when the import has not (a parent no advisor prints). */
export async function upsertInstitution(db: Db, inst: ResolvedInstitution): Promise<number> {
  const [row] = await query<{ id: number }>(
    sql`insert into institutions (key, slug, name, country, continent, kind, domains, website, source)
        values (${inst.key}, ${await freeInstitutionSlug(db, inst.slug, inst.key)}, ${inst.name}, ${inst.country}, ${inst.continent}, ${inst.kind},
                ${`{${inst.domains.map((d) => `"${d}"`).join(",")}}`}::text[], ${inst.website}, ${inst.source})
        on conflict (key) do update set key = excluded.key
        returning id`,
    db,
  );
  return row.id;
}

async function freeInstitutionSlug(db: Db, base: string, key: string): Promise<string> {
  const rows = await query<{ slug: string; key: string }>(
    sql`select slug, key from institutions where slug = ${base} or slug like ${`${base}-%`}`,
    db,
  );
  const mine = rows.find((r) => r.key === key);
  if (mine) return mine.slug;
  return allocateSlug(base, new Set(rows.map((r) => r.slug)), "institution");
}

/** A lab seeded before its institution was known gets it (a link, never a change of one). */
export async function fillLabInstitution(db: Db, slug: string, institutionId: number): Promise<void> {
  await db.execute(
    sql`update labs set institution_id = ${institutionId} where slug = ${slug} and institution_id is null`,
  );
}
