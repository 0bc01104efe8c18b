/**
 * The lab registry (seed/lab-registry.json): the named AI labs and institutes a student looks for,
 * each with the forms it takes in printed affiliations and a source URL for its facts.
 *
 * Validated with zod at import: an unknown country code, a missing source URL or a duplicate slug
 * stops the import and names the entry; an alias that no printed affiliation contains is a warning
 * (see lab-links.server.ts). Registry labs are inserted once; afterwards they change only through
 * reviewed submissions, like the thread's labs (seed/labs.json), which this file only teaches how
 * they are printed.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, query } from "../db.server";
import { continentOf, isCountryCode } from "../geo.server";
import { loadResolver } from "./importer.server";
import { fillLabInstitution, labInstitution, upsertInstitution } from "./lab-institution.server";
import type { LabMatchRule } from "./lab-matcher";

export const LAB_REGISTRY_FILE = "lab-registry.json";

const url = z
  .string({ required_error: "a source URL is required" })
  .url("must be a URL")
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");
const country = z.string().refine(
  (c) => /^[A-Z]{2}$/.test(c) && isCountryCode(c),
  (c) => ({ message: `unknown country code "${c}" (use ISO 3166-1 alpha-2, e.g. FR)` }),
);
const pattern = z.string().refine(
  (p) => {
    try {
      new RegExp(p, "i");
      return true;
    } catch {
      return false;
    }
  },
  (p) => ({ message: `invalid pattern /${p}/` }),
);
const matching = {
  aliases: z.array(z.string().trim().min(1)).default([]),
  patterns: z.array(pattern).optional(),
  /** E-mail domains: used only when the printed text names no lab. */
  domains: z
    .array(
      z
        .string()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain such as inria.fr"),
    )
    .optional(),
};

export const RegistryLabSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug such as mila or inria-paris"),
    name: z.string().trim().min(2),
    kind: z.enum(["academic", "institute", "industry"]),
    city: z.string().trim().min(1).nullable(),
    country,
    website: url.nullable(),
    parent: z.object({ name: z.string().trim().min(2), domain: z.string().toLowerCase() }).nullable(),
    source: url,
    ...matching,
  })
  .strict();

export const ThreadLabSchema = z
  .object({
    slug: z.string(),
    ...matching,
    /** Facts the thread leaves unknown, with their own source; filled only where still empty. */
    facts: z
      .object({ country: country.optional(), city: z.string().optional(), website: url.optional(), source: url })
      .strict()
      .optional(),
  })
  .strict();

export const LabRegistrySchema = z.object({
  about: z.string(),
  sources: z.record(z.object({ title: z.string(), url })),
  labs: z.array(RegistryLabSchema),
  threadLabs: z.array(ThreadLabSchema).default([]),
});

export type RegistryLab = z.infer<typeof RegistryLabSchema>;
export type LabRegistry = z.infer<typeof LabRegistrySchema>;

export class LabRegistryError extends Error {}

/** Validates a registry; throws one error that names every bad entry and its problem. */
export function parseLabRegistry(raw: unknown): LabRegistry {
  const parsed = LabRegistrySchema.safeParse(raw);
  const problems: string[] = [];
  const entryName = (p: (string | number)[]) => {
    if ((p[0] === "labs" || p[0] === "threadLabs") && typeof p[1] === "number") {
      const list = (raw as Record<string, { slug?: string }[]>)?.[p[0]];
      const slug = list?.[p[1]]?.slug;
      return `${p[0]}[${p[1]}]${slug ? ` (${slug})` : ""}${p.length > 2 ? `.${p.slice(2).join(".")}` : ""}`;
    }
    return p.join(".") || "registry";
  };
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push(`${entryName(issue.path)}: ${issue.message}`);
  else {
    const seen = new Map<string, number>();
    parsed.data.labs.forEach((l, i) => {
      if (seen.has(l.slug)) problems.push(`labs[${i}] (${l.slug}): duplicate slug, also labs[${seen.get(l.slug)}]`);
      else seen.set(l.slug, i);
    });
    parsed.data.threadLabs.forEach((l, i) => {
      if (seen.has(l.slug)) problems.push(`threadLabs[${i}] (${l.slug}): duplicate slug, also a registry lab`);
    });
  }
  if (problems.length > 0)
    throw new LabRegistryError(`seed/${LAB_REGISTRY_FILE} is invalid:\n  ${problems.join("\n  ")}`);
  return parsed.data as LabRegistry;
}

export function readLabRegistry(seedDir: string): { registry: LabRegistry; hash: string } | null {
  const file = path.join(seedDir, LAB_REGISTRY_FILE);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new LabRegistryError(`seed/${LAB_REGISTRY_FILE} is not valid JSON: ${(e as Error).message}`);
  }
  return { registry: parseLabRegistry(raw), hash: createHash("sha256").update(text).digest("hex") };
}

/** What the matcher needs from every entry, registry and thread labs alike. */
export function matchRules(registry: LabRegistry): (LabMatchRule & { domains: string[] })[] {
  return [...registry.labs, ...registry.threadLabs].map((l) => ({
    slug: l.slug,
    aliases: l.aliases,
    patterns: l.patterns,
    domains: l.domains ?? [],
  }));
}

/**
 * Inserts the registry's labs that are not in the database yet (a lab, once there, changes only
 * through reviewed submissions) and fills the thread labs' unknown facts from their own sources.
 */
export async function seedLabRegistry(db: Db, seedDir: string): Promise<{ inserted: number }> {
  const read = readLabRegistry(seedDir);
  if (!read) return { inserted: 0 };
  const { registry } = read;
  const { resolver } = loadResolver(seedDir);
  let inserted = 0;
  for (const lab of registry.labs) {
    const inst = labInstitution(resolver, lab);
    const institutionId = inst ? await upsertInstitution(db, inst) : null;
    const company = lab.kind === "industry" && lab.parent ? lab.parent.name : null;
    const claims = (["name", "kind", "city", "country", "website", "parent"] as const)
      .filter((f) => lab[f] !== null)
      .map((f) => ({ field: f, value: f === "parent" ? lab.parent!.name : lab[f], url: lab.source, quote: null }));
    const rows = await query<{ id: number }>(
      sql`insert into labs (slug, name, institution_id, company, city, country, continent, kind, focus, website, cifre, source_url, claims)
          values (${lab.slug}, ${lab.name}, ${institutionId}, ${company}, ${lab.city}, ${lab.country}, ${continentOf(lab.country)},
            ${lab.kind}, 'unknown', ${lab.website}, 'unknown', ${lab.source}, ${JSON.stringify(claims)}::jsonb)
          on conflict (slug) do nothing
          returning id`,
      db,
    );
    inserted += rows.length;
    if (rows.length === 0 && institutionId !== null) await fillLabInstitution(db, lab.slug, institutionId);
  }
  for (const t of registry.threadLabs) {
    const f = t.facts;
    if (!f) continue;
    const added = (["country", "city", "website"] as const)
      .filter((k) => f[k] !== undefined)
      .map((k) => ({ field: k, value: f[k], url: f.source, quote: null }));
    // Only where the thread left the fact unknown; the claim is added once, with the fact.
    await db.execute(sql`
      update labs set
        country = coalesce(country, ${f.country ?? null}),
        continent = coalesce(continent, ${continentOf(f.country ?? null)}),
        city = coalesce(city, ${f.city ?? null}),
        website = coalesce(website, ${f.website ?? null}),
        claims = claims || ${JSON.stringify(added)}::jsonb
      where slug = ${t.slug}
        and ((country is null and ${f.country ?? null}::text is not null) or (city is null and ${f.city ?? null}::text is not null)
          or (website is null and ${f.website ?? null}::text is not null))`);
  }
  return { inserted };
}
