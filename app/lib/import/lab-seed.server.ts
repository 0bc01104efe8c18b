/**
 * Seeds the labs the source thread names (seed/labs.json), each claim with its source.
 * Only inserts what is missing: once a lab exists, it changes through reviewed submissions alone.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { CifreStatus } from "../../../db/schema";
import { type Db, query } from "../db.server";
import { continentOf } from "../geo.server";
import { normalizeName } from "../names";
import { loadResolver } from "./importer.server";
import { fillLabInstitution, labInstitution, upsertInstitution } from "./lab-institution.server";

type SeedClaim = {
  field: string;
  value: unknown;
  source: string;
  url: string;
  quote?: string | null;
  line?: number | null;
};
type SeedLab = {
  slug: string;
  name: string;
  institution: string | null;
  company: string | null;
  city: string | null;
  country: string | null;
  kind: "academic" | "industry";
  focus: "fundamental" | "applied" | "unknown";
  website: string | null;
  cifre: CifreStatus;
  cifreEvidence: string | null;
  residencies: boolean | null;
  internships: boolean | null;
  recruiting: boolean | null;
  recruitingVerifiedAt: string | null;
  note?: string | null;
  advisors?: { name: string; claim: string; source: string; current?: boolean }[];
  claims: SeedClaim[];
};
type SeedFile = { sources: Record<string, { url: string }>; labs: SeedLab[] };

export function readSeedLabs(seedDir: string): SeedFile | null {
  const file = path.join(seedDir, "labs.json");
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as SeedFile;
}

export async function seedLabs(db: Db, seedDir: string): Promise<number> {
  const seed = readSeedLabs(seedDir);
  if (!seed) return 0;
  const { resolver } = loadResolver(seedDir);
  let inserted = 0;
  for (const lab of seed.labs) {
    const inst = labInstitution(resolver, {
      name: lab.name,
      country: lab.country,
      website: lab.website,
      parent: lab.institution ? { name: lab.institution } : null,
    });
    const institutionId = inst ? await upsertInstitution(db, inst) : null;
    const threadUrl = seed.sources.thread?.url ?? null;
    const claims = lab.claims.map((c) => ({ field: c.field, value: c.value, url: c.url, quote: c.quote ?? null }));
    const rows = await query<{ id: number }>(
      sql`insert into labs (slug, name, institution_id, company, city, country, continent, kind, focus, description, website,
            cifre, cifre_evidence_url, residencies, internships, recruiting, recruiting_verified_at, source_url, claims)
          values (${lab.slug}, ${lab.name}, ${institutionId}, ${lab.company}, ${lab.city}, ${lab.country}, ${continentOf(lab.country)},
            ${lab.kind}, ${lab.focus}, ${lab.note ?? null}, ${lab.website}, ${lab.cifre}, ${lab.cifreEvidence}, ${lab.residencies},
            ${lab.internships}, ${lab.recruiting}, ${lab.recruitingVerifiedAt}, ${threadUrl}, ${JSON.stringify(claims)}::jsonb)
          on conflict (slug) do nothing
          returning id`,
      db,
    );
    if (rows.length === 0) {
      if (institutionId !== null) await fillLabInstitution(db, lab.slug, institutionId);
      continue;
    }
    inserted++;
    for (const a of lab.advisors ?? []) {
      if (a.current === false) continue;
      // Linked only when exactly one advisor carries that name: never a guess.
      const matches = await query<{ id: number }>(
        sql`select p.id from people p join advisors a on a.person_id = p.id where p.name_key = ${normalizeName(a.name)}`,
        db,
      );
      if (matches.length !== 1) continue;
      await db.execute(
        sql`insert into lab_members (lab_id, person_id, role, current, source_url)
            values (${rows[0].id}, ${matches[0].id}, 'advisor', true, ${threadUrl}) on conflict do nothing`,
      );
    }
  }
  return inserted;
}
