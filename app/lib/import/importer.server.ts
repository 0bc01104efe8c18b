/**
 * Loads the shipped data (seed/) into the database.
 *
 * - Idempotent: every row has a natural key (venue + source id, OpenReview id or normalised name,
 *   paper + author position, ...) and is upserted only when a value differs, so a second run
 *   changes nothing and duplicates nothing.
 * - Batched: rows go in as one `jsonb_to_recordset` statement per batch, the same SQL on a
 *   Postgres server and on PGlite.
 * - Resumable: each finished batch is recorded in import_state with the data's hash; after a
 *   crash, a new run skips what was already written for the same data.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { advisorInstitutionId } from "../advisor-institution";
import { bumpDataVersion } from "../data-version.server";
import { analyzeDatabase, databaseKind, type Db, query } from "../db.server";
import { isCountryCode } from "../geo.server";
import { allocateSlug, slugFromOpenReviewId, slugify } from "../names";
import { VENUES } from "../venues";
import { buildImportPlan, IMPORT_PLAN_VERSION, type ImportPlan, type SourcePaper } from "./import-plan";
import {
  type Company,
  correctUniversityList,
  InstitutionResolver,
  type ReferenceLists,
  type ResearchOrganisation,
  type RorOrganisation,
  type University,
  type UniversityCorrection,
  type UniversityName,
} from "./institution-resolver";
import { applyPaperSources, readPaperSources } from "./paper-sources.server";
import { studentLoadMissing, writeStudentLoad } from "./student-load.server";

export type ImportProgress = (stage: string, done: number, total: number) => void;

export type ImportOptions = {
  seedDir: string;
  /** Only these paper files (names in seed/papers); all by default. */
  files?: string[];
  batchSize?: number;
  /** Batches written at once on a Postgres server (PGlite has one connection). */
  concurrency?: number;
  /** Run every upsert even when this exact data was imported already. */
  force?: boolean;
  onProgress?: ImportProgress;
  /** For the crash drill: throw after this many batches. */
  failAfterBatches?: number;
};

export type ImportReport = {
  skippedAsUnchanged: boolean;
  resumed: boolean;
  seconds: number;
  files: number;
  records: number;
  counts: { papers: number; authorships: number; people: number; advisors: number; institutions: number };
  advisorsWithCountry: number;
  shareAdvisorsWithCountry: number;
  /** Advisors by how they are known, and the records set aside as suspected swaps (advisor-facts.ts). */
  advisorFacts: { declared: number; inferred: number; ignoredRecords: number; suspectedSwaps: number | null };
  rowsWritten: number;
  skipped: { reason: string; count: number }[];
};

const STATE_KEY = "import";

export function listPaperFiles(seedDir: string): string[] {
  return readdirSync(path.join(seedDir, "papers"))
    .filter((f) => f.endsWith(".jsonl.gz"))
    .sort();
}

export function readPaperFiles(seedDir: string, files: string[]): { records: SourcePaper[]; hash: string } {
  const hash = createHash("sha256");
  const records: SourcePaper[] = [];
  for (const file of files) {
    const buf = readFileSync(path.join(seedDir, "papers", file));
    hash.update(file).update(buf);
    const text = gunzipSync(buf).toString("utf8");
    for (const line of text.split("\n")) if (line.trim()) records.push(JSON.parse(line) as SourcePaper);
  }
  return { records, hash: hash.digest("hex") };
}

export function loadResolver(seedDir: string): { resolver: InstitutionResolver; hash: string } {
  const uniText = readFileSync(path.join(seedDir, "university-domains", "world_universities_and_domains.json"), "utf8");
  const coText = readFileSync(path.join(seedDir, "company-domains.json"), "utf8");
  const corrText = existsSync(path.join(seedDir, "university-list-corrections.json"))
    ? readFileSync(path.join(seedDir, "university-list-corrections.json"), "utf8")
    : '{"corrections":[]}';
  const { corrections, names, sameDomains, sameNames } = parseUniversityCorrections(JSON.parse(corrText));
  const universities = correctUniversityList(JSON.parse(uniText) as University[], corrections, names);
  const companies = (JSON.parse(coText) as { companies: Company[] }).companies;
  const hash = createHash("sha256").update(uniText).update(coText).update(corrText);
  // ROR and the public research organisations drawn from it (optional: a fixture seed may omit them).
  const lists = loadOrganisationLists(seedDir, hash);
  const resolver = new InstitutionResolver(universities, companies, { ...lists, sameDomains, sameNames });
  // A domain or a name read as a place's must lead to a place a list holds.
  for (const [field, printed, sameAs, r] of [
    ...sameDomains.map((d) => ["sameDomains", d.domain, d.sameAs, resolver.resolve({ domain: d.domain })] as const),
    ...sameNames.map((d) => ["sameNames", d.name, d.sameAs, resolver.resolve({ aff: d.name })] as const),
  ])
    if (!r || r.source === "affiliation")
      throw new Error(
        `university-list-corrections.json: ${field}: ${printed}: no list holds ${sameAs}, the domain it is read as`,
      );
  return { resolver, hash: hash.digest("hex") };
}

const domainField = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "a domain such as cuhk.edu.cn");
const universityCorrections = z.object({
  corrections: z.array(
    z.object({
      domain: domainField,
      name: z.string().min(1),
      country: z.string().refine(isCountryCode, "an ISO 3166 country code"),
      source: z.string().url(),
    }),
  ),
  names: z
    .array(
      z.object({
        domain: domainField,
        name: z.string().min(1),
        source: z.string().url(),
      }),
    )
    .default([]),
  sameDomains: z
    .array(
      z.object({
        // As printed: a domain without its last label ("mpi-inf.mpg") or a bare name ("uci") too.
        domain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i, "a domain as printed, such as chicagobooth.edu"),
        sameAs: domainField,
        source: z.string().url(),
        note: z.string().min(1),
      }),
    )
    .default([]),
  sameNames: z
    .array(
      z.object({
        name: z.string().min(2),
        sameAs: domainField,
        source: z.string().url(),
        note: z.string().min(1),
      }),
    )
    .default([]),
});

/** seed/university-list-corrections.json, validated: the import stops on a bad entry and names it. */
export function parseUniversityCorrections(json: unknown): {
  corrections: UniversityCorrection[];
  names: UniversityName[];
  sameDomains: { domain: string; sameAs: string }[];
  sameNames: { name: string; sameAs: string }[];
} {
  const parsed = universityCorrections.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`university-list-corrections.json: ${issue.path.join(".")}: ${issue.message}`);
  }
  const { corrections, names, sameDomains, sameNames } = parsed.data;
  return { corrections, names, sameDomains, sameNames };
}

function loadOrganisationLists(seedDir: string, hash: ReturnType<typeof createHash>): ReferenceLists {
  const rorPath = path.join(seedDir, "ror", "organizations.jsonl.gz");
  const orgPath = path.join(seedDir, "research-organisations.json");
  const lists: ReferenceLists = {};
  if (existsSync(rorPath)) {
    const buf = readFileSync(rorPath);
    hash.update(buf);
    lists.ror = gunzipSync(buf)
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as RorOrganisation);
  }
  if (existsSync(orgPath)) {
    const text = readFileSync(orgPath, "utf8");
    hash.update(text);
    lists.researchOrganisations = (JSON.parse(text) as { organisations: ResearchOrganisation[] }).organisations;
  }
  return lists;
}

/** hash: of the data, the reference lists and the plan version; done: finished batches (named by batch size). */
type State = { hash: string; batchSize?: number; done: string[]; complete: boolean };

async function readState(db: Db): Promise<State | null> {
  const rows = await query<{ value: State }>(sql`select value from import_state where key = ${STATE_KEY}`, db);
  return rows[0]?.value ?? null;
}

async function writeState(db: Db, state: State): Promise<void> {
  await db.execute(sql`
    insert into import_state (key, value, updated_at) values (${STATE_KEY}, ${JSON.stringify(state)}::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

// The data version has one owner (app/lib/data-version.server.ts); re-exported for existing callers.
export { bumpDataVersion };

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Assigns slugs to keys not yet in the table, never reusing a taken slug. */
function assignSlugs(keys: { key: string; base: string }[], taken: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, base } of keys) {
    const slug = allocateSlug(base, taken);
    taken.add(slug);
    out.set(key, slug);
  }
  return out;
}

export async function importSeed(db: Db, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5000;
  const concurrency = databaseKind() === "postgres" ? (options.concurrency ?? 3) : 1;
  const progress = options.onProgress ?? (() => {});
  const files = options.files ?? listPaperFiles(options.seedDir);
  // Seed files, paper lists and dblp records, with each paper's provenance (paper-sources.server.ts).
  const sources = await readPaperSources(db, options.seedDir, files);
  const { records, hash: dataHash } = sources;
  const { resolver, hash: refHash } = loadResolver(options.seedDir);
  const hash = createHash("sha256")
    .update(dataHash)
    .update(refHash)
    .update(`plan:${IMPORT_PLAN_VERSION}`)
    .digest("hex");

  const previous = await readState(db);
  if (previous?.hash === hash && previous.complete && !options.force) {
    // A database imported before the student-load stage existed gets it once.
    if ((await studentLoadMissing(db)) && (await writeStudentLoad(db)) > 0) await bumpDataVersion(db);
    return { ...(await report(db, started, files.length, records.length, 0, [], null)), skippedAsUnchanged: true };
  }
  // Resume only the same data cut into the same batches.
  const state: State =
    previous?.hash === hash && previous.batchSize === batchSize && !options.force
      ? previous
      : { hash, batchSize, done: [], complete: false };
  const resumed = state.done.length > 0;
  const done = new Set(state.done);
  let batchesRun = 0;
  let stateWrites: Promise<void> = Promise.resolve();
  let rowsWritten = 0;

  // Approved affiliation corrections outrank imported evidence (advisor-facts.ts, rule 3).
  const corrections = new Map(
    (
      await query<{ person_key: string; institution_key: string }>(
        sql`select p.key as person_key, i.key as institution_key from advisors a join people p on p.id = a.person_id
            join institutions i on i.id = a.corrected_institution_id`,
        db,
      )
    ).map((r) => [r.person_key, r.institution_key]),
  );
  const plan = buildImportPlan(records, resolver, { corrections });

  /** Runs one batch unless an earlier run already finished it; records it as done. */
  async function batch(name: string, run: () => Promise<number>) {
    if (done.has(name)) return;
    if (options.failAfterBatches !== undefined && batchesRun >= options.failAfterBatches)
      throw new Error(`import stopped on purpose after ${batchesRun} batches`);
    const written = await run(); // not `rowsWritten += await run()`: batches run concurrently
    rowsWritten += written;
    batchesRun++;
    done.add(name);
    state.done = [...done];
    stateWrites = stateWrites.then(() => writeState(db, state));
    await stateWrites;
  }

  /** Writes a stage's batches, a few at a time on a server (PGlite has a single connection). */
  async function stage<T>(name: string, rows: T[], write: (rows: T[]) => Promise<number>) {
    const parts = [...chunks(rows, batchSize).entries()];
    progress(name, 0, rows.length);
    let n = 0;
    const worker = async () => {
      for (let next = parts.shift(); next; next = parts.shift()) {
        const [i, part] = next;
        await batch(`${name}:${i}`, () => write(part));
        n += part.length;
        progress(name, n, rows.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Upserts rows given as JSON through jsonb_to_recordset; returns how many rows changed. */
  async function upsert(statement: (json: string) => ReturnType<typeof sql>, rows: unknown[]): Promise<number> {
    const result = await query<{ n: number }>(statement(JSON.stringify(rows)), db);
    return Number(result[0]?.n ?? 0);
  }

  await stage(
    "venues",
    VENUES.map((v, i) => ({ ...v, ord: i + 1 })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
        insert into venues (id, name, full_name, tier, sort_order)
        select x.id, x.name, x."fullName", x.tier, x.ord from jsonb_to_recordset(${json}::jsonb)
          as x(id text, name text, "fullName" text, tier text, ord int)
        on conflict (id) do update set name = excluded.name, full_name = excluded.full_name, tier = excluded.tier, sort_order = excluded.sort_order
        where (venues.name, venues.full_name, venues.tier, venues.sort_order) is distinct from (excluded.name, excluded.full_name, excluded.tier, excluded.sort_order)
        returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  await stage("papers", plan.papers, (rows) =>
    upsert(
      (json) => sql`with i as (
        insert into papers (venue_id, year, source_id, title, status, track, url, is_conference, author_count)
        select x."venueId", x.year, x."sourceId", x.title, x.status, x.track, x.url, x."isConference", x."authorCount"
        from jsonb_to_recordset(${json}::jsonb) as x("venueId" text, year int, "sourceId" text, title text, status text, track text, url text, "isConference" boolean, "authorCount" int)
        on conflict (venue_id, source_id) do update set year = excluded.year, title = excluded.title, status = excluded.status,
          track = excluded.track, url = excluded.url, is_conference = excluded.is_conference, author_count = excluded.author_count
        where (papers.year, papers.title, papers.status, papers.track, papers.url, papers.is_conference, papers.author_count)
          is distinct from (excluded.year, excluded.title, excluded.status, excluded.track, excluded.url, excluded.is_conference, excluded.author_count)
        returning 1) select count(*)::int as n from i`,
      rows,
    ),
  );

  await stage("coverage", plan.coverage, (rows) =>
    upsert(
      (json) => sql`with i as (
        insert into venue_year_coverage (venue_id, year, papers, authorships, with_openreview, with_affiliation, with_position)
        select x."venueId", x.year, x.papers, x.authorships, x."withOpenreview", x."withAffiliation", x."withPosition"
        from jsonb_to_recordset(${json}::jsonb) as x("venueId" text, year int, papers int, authorships int, "withOpenreview" int, "withAffiliation" int, "withPosition" int)
        on conflict (venue_id, year) do update set papers = excluded.papers, authorships = excluded.authorships,
          with_openreview = excluded.with_openreview, with_affiliation = excluded.with_affiliation, with_position = excluded.with_position
        where (venue_year_coverage.papers, venue_year_coverage.authorships, venue_year_coverage.with_openreview, venue_year_coverage.with_affiliation, venue_year_coverage.with_position)
          is distinct from (excluded.papers, excluded.authorships, excluded.with_openreview, excluded.with_affiliation, excluded.with_position)
        returning 1) select count(*)::int as n from i`,
      rows,
    ),
  );

  // People: slugs are given once, on first insert, and never change afterwards.
  const existingPeople = await query<{ key: string; slug: string }>(sql`select key, slug from people`, db);
  const personSlugs = new Map(existingPeople.map((r) => [r.key, r.slug]));
  const newPeople = plan.people
    .filter((p) => !personSlugs.has(p.key))
    .sort((a, b) => Number(b.key.startsWith("or:")) - Number(a.key.startsWith("or:")) || (a.key < b.key ? -1 : 1))
    .map((p) => ({ key: p.key, base: p.openreviewId ? slugFromOpenReviewId(p.openreviewId) : slugify(p.name) }));
  for (const [k, s] of assignSlugs(newPeople, new Set(personSlugs.values()))) personSlugs.set(k, s);
  await stage(
    "people",
    plan.people.map((p) => ({ ...p, slug: personSlugs.get(p.key)! })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into people (key, slug, name, name_key, openreview_id, dblp, homepage, scholar, orcid)
          select x.key, x.slug, x.name, x."nameKey", x."openreviewId", x.dblp, x.homepage, x.scholar, x.orcid
          from jsonb_to_recordset(${json}::jsonb) as x(key text, slug text, name text, "nameKey" text, "openreviewId" text, dblp text, homepage text, scholar text, orcid text)
          on conflict (key) do update set name = excluded.name, name_key = excluded.name_key, openreview_id = excluded.openreview_id,
            dblp = excluded.dblp, homepage = excluded.homepage, scholar = excluded.scholar, orcid = excluded.orcid
          where (people.name, people.name_key, people.openreview_id, people.dblp, people.homepage, people.scholar, people.orcid)
            is distinct from (excluded.name, excluded.name_key, excluded.openreview_id, excluded.dblp, excluded.homepage, excluded.scholar, excluded.orcid)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  // Ids of what was just written, to link the rows below.
  const paperIds = new Map(
    (await query<{ id: number; k: string }>(sql`select id, venue_id || '/' || source_id as k from papers`, db)).map(
      (r) => [r.k, r.id],
    ),
  );
  const personIds = new Map(
    (await query<{ id: number; key: string }>(sql`select id, key from people`, db)).map((r) => [r.key, r.id]),
  );

  await stage(
    "authorships",
    plan.authorships.map((a) => ({
      paperId: paperIds.get(a.paperKey),
      position: a.position,
      personId: personIds.get(a.personKey),
      name: a.name,
      affiliation: a.affiliation,
      institutionText: a.institutionText,
      domain: a.domain,
      positionTitle: a.positionTitle,
      countryText: a.countryText,
    })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into authorships (paper_id, position, person_id, name, affiliation, institution_text, domain, position_title, country_text)
          select x."paperId", x.position, x."personId", x.name, x.affiliation, x."institutionText", x.domain, x."positionTitle", x."countryText"
          from jsonb_to_recordset(${json}::jsonb) as x("paperId" int, position int, "personId" int, name text, affiliation text, "institutionText" text, domain text, "positionTitle" text, "countryText" text)
          on conflict (paper_id, position) do update set person_id = excluded.person_id, name = excluded.name, affiliation = excluded.affiliation,
            institution_text = excluded.institution_text, domain = excluded.domain, position_title = excluded.position_title, country_text = excluded.country_text
          where (authorships.person_id, authorships.name, authorships.affiliation, authorships.institution_text, authorships.domain, authorships.position_title, authorships.country_text)
            is distinct from (excluded.person_id, excluded.name, excluded.affiliation, excluded.institution_text, excluded.domain, excluded.position_title, excluded.country_text)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  rowsWritten += await applyPaperSources(db, sources, { allFiles: !options.files });

  // Institutions: slugs given once, like people's.
  const existingInst = await query<{ key: string; slug: string }>(sql`select key, slug from institutions`, db);
  const instSlugs = new Map(existingInst.map((r) => [r.key, r.slug]));
  const newInst = plan.institutions
    .filter((i) => !instSlugs.has(i.key))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((i) => ({ key: i.key, base: i.slug }));
  for (const [k, s] of assignSlugs(newInst, new Set(instSlugs.values()))) instSlugs.set(k, s);
  await stage(
    "institutions",
    plan.institutions.map((i) => ({ ...i, slug: instSlugs.get(i.key)! })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into institutions (key, slug, name, country, continent, kind, domains, website, source)
          select x.key, x.slug, x.name, x.country, x.continent, x.kind, array(select jsonb_array_elements_text(x.domains)), x.website, x.source
          from jsonb_to_recordset(${json}::jsonb) as x(key text, slug text, name text, country text, continent text, kind text, domains jsonb, website text, source text)
          on conflict (key) do update set name = excluded.name, country = excluded.country, continent = excluded.continent, kind = excluded.kind,
            domains = excluded.domains, website = excluded.website, source = excluded.source, needs_index = true
          where (institutions.name, institutions.country, institutions.continent, institutions.kind, institutions.domains, institutions.website, institutions.source)
            is distinct from (excluded.name, excluded.country, excluded.continent, excluded.kind, excluded.domains, excluded.website, excluded.source)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );
  const institutionIds = new Map(
    (await query<{ id: number; key: string }>(sql`select id, key from institutions`, db)).map((r) => [r.key, r.id]),
  );

  await stage(
    "advisors",
    plan.advisors.map((a) => ({
      personId: personIds.get(a.personKey),
      position: a.position,
      positionYear: a.positionYear,
      positionSource: a.positionSource,
      nameVariants: a.nameVariants,
      institutionId: a.institutionKey ? institutionIds.get(a.institutionKey) : null,
      alsoAtInstitutionId: a.alsoAtKey ? institutionIds.get(a.alsoAtKey) : null,
      institutionBasis: a.institutionBasis,
    })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into advisors (person_id, position, position_year, position_source, name_variants, institution_id, also_at_institution_id, institution_basis)
          select x."personId", x.position, x."positionYear", x."positionSource", array(select jsonb_array_elements_text(x."nameVariants")), x."institutionId", x."alsoAtInstitutionId", x."institutionBasis"
          from jsonb_to_recordset(${json}::jsonb) as x("personId" int, position text, "positionYear" int, "positionSource" text, "nameVariants" jsonb, "institutionId" int, "alsoAtInstitutionId" int, "institutionBasis" text)
          on conflict (person_id) do update set position = excluded.position, position_year = excluded.position_year,
            position_source = excluded.position_source, name_variants = excluded.name_variants, institution_id = excluded.institution_id,
            also_at_institution_id = excluded.also_at_institution_id, institution_basis = excluded.institution_basis, needs_index = true
          where (advisors.position, advisors.position_year, advisors.position_source, advisors.name_variants, advisors.institution_id, advisors.also_at_institution_id, advisors.institution_basis)
            is distinct from (excluded.position, excluded.position_year, excluded.position_source, excluded.name_variants, excluded.institution_id, excluded.also_at_institution_id, excluded.institution_basis)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  await stage(
    "ignored-records",
    plan.ignoredRecords.map((r) => ({ ...r, personId: personIds.get(r.personKey), paperId: paperIds.get(r.paperKey) })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into advisor_ignored_records (person_id, paper_id, author_position, year, affiliation, position_title, conflicts, reason)
          select x."personId", x."paperId", x."authorPosition", x.year, x.affiliation, x."positionTitle", x.conflicts, x.reason
          from jsonb_to_recordset(${json}::jsonb) as x("personId" int, "paperId" int, "authorPosition" int, year int, affiliation text, "positionTitle" text, conflicts int, reason text)
          on conflict (person_id, paper_id, author_position) do update set year = excluded.year, affiliation = excluded.affiliation,
            position_title = excluded.position_title, conflicts = excluded.conflicts, reason = excluded.reason
          where (advisor_ignored_records.year, advisor_ignored_records.affiliation, advisor_ignored_records.position_title, advisor_ignored_records.conflicts, advisor_ignored_records.reason)
            is distinct from (excluded.year, excluded.affiliation, excluded.position_title, excluded.conflicts, excluded.reason)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  await stage(
    "affiliations",
    plan.affiliations.map((a) => ({
      personId: personIds.get(a.personKey),
      institutionId: institutionIds.get(a.institutionKey),
      firstYear: a.firstYear,
      lastYear: a.lastYear,
      papers: a.papers,
    })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into advisor_affiliations (person_id, institution_id, first_year, last_year, papers)
          select x."personId", x."institutionId", x."firstYear", x."lastYear", x.papers
          from jsonb_to_recordset(${json}::jsonb) as x("personId" int, "institutionId" int, "firstYear" int, "lastYear" int, papers int)
          on conflict (person_id, institution_id) do update set first_year = excluded.first_year, last_year = excluded.last_year, papers = excluded.papers
          where (advisor_affiliations.first_year, advisor_affiliations.last_year, advisor_affiliations.papers)
            is distinct from (excluded.first_year, excluded.last_year, excluded.papers)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  await stage(
    "venue-years",
    plan.venueYears.map((v) => ({
      ...v,
      personId: personIds.get(v.personKey),
      credit: Math.round(v.credit * 1e9) / 1e9,
    })),
    (rows) =>
      upsert(
        (json) => sql`with i as (
          insert into advisor_venue_years (person_id, venue_id, year, papers, credit, last_author, highlighted)
          select x."personId", x."venueId", x.year, x.papers, x.credit, x."lastAuthor", x.highlighted
          from jsonb_to_recordset(${json}::jsonb) as x("personId" int, "venueId" text, year int, papers int, credit float8, "lastAuthor" int, highlighted int)
          on conflict (person_id, venue_id, year) do update set papers = excluded.papers, credit = excluded.credit,
            last_author = excluded.last_author, highlighted = excluded.highlighted
          where (advisor_venue_years.papers, advisor_venue_years.credit, advisor_venue_years.last_author, advisor_venue_years.highlighted)
            is distinct from (excluded.papers, excluded.credit, excluded.last_author, excluded.highlighted)
          returning 1) select count(*)::int as n from i`,
        rows,
      ),
  );

  // What an earlier import derived and this plan no longer does (a person who stopped declaring
  // a supervising title, a rule that changed): remove it. An advisor that carries curated facts
  // (an approved affiliation correction, a sourced student count, a lab membership) is kept.
  const keepYears = JSON.stringify(plan.venueYears.map((v) => [personIds.get(v.personKey), v.venueId, v.year]));
  const keepAffiliations = JSON.stringify(
    plan.affiliations.map((a) => [personIds.get(a.personKey), institutionIds.get(a.institutionKey)]),
  );
  const keepAdvisors = JSON.stringify(plan.advisors.map((a) => personIds.get(a.personKey)));
  const keepCoverage = JSON.stringify(plan.coverage.map((c) => [c.venueId, c.year]));
  const keepIgnored = JSON.stringify(
    plan.ignoredRecords.map((r) => [personIds.get(r.personKey), paperIds.get(r.paperKey), r.authorPosition]),
  );
  const [pruned] = await query<{ n: number }>(
    sql`with
      gone_advisors as (
        delete from advisors a
        where a.person_id not in (select value::int from jsonb_array_elements_text(${keepAdvisors}::jsonb))
          and a.corrected_institution_id is null and a.student_count is null
          and not exists (select 1 from lab_members m where m.person_id = a.person_id)
        returning 1),
      gone_years as (
        delete from advisor_venue_years v
        where (v.person_id, v.venue_id, v.year) not in (
          select (x->>0)::int, x->>1, (x->>2)::int from jsonb_array_elements(${keepYears}::jsonb) x)
        returning 1),
      gone_affiliations as (
        delete from advisor_affiliations f
        where (f.person_id, f.institution_id) not in (
          select (x->>0)::int, (x->>1)::int from jsonb_array_elements(${keepAffiliations}::jsonb) x)
        returning 1),
      gone_ignored as (
        delete from advisor_ignored_records r
        where (r.person_id, r.paper_id, r.author_position) not in (
          select (x->>0)::int, (x->>1)::int, (x->>2)::int from jsonb_array_elements(${keepIgnored}::jsonb) x)
        returning 1),
      gone_coverage as (
        delete from venue_year_coverage c
        where (c.venue_id, c.year) not in (select x->>0, (x->>1)::int from jsonb_array_elements(${keepCoverage}::jsonb) x)
        returning 1)
    select (select count(*) from gone_advisors)::int + (select count(*) from gone_years)::int
      + (select count(*) from gone_affiliations)::int + (select count(*) from gone_ignored)::int
      + (select count(*) from gone_coverage)::int as n`,
    db,
  );
  rowsWritten += Number(pruned?.n ?? 0);
  progress("student-load", 0, 1);
  rowsWritten += await writeStudentLoad(db);

  if (rowsWritten > 0 || !previous?.complete) await bumpDataVersion(db);
  state.complete = true;
  await writeState(db, state);
  await analyzeDatabase(db); // fresh statistics, or the planner guesses badly on every page (docs/reliability.md)
  return {
    ...(await report(
      db,
      started,
      files.length,
      records.length,
      rowsWritten,
      [...plan.skipped, ...sources.skipped],
      plan.stats.suspectedSwaps,
    )),
    resumed,
  };
}

async function report(
  db: Db,
  started: number,
  files: number,
  records: number,
  rowsWritten: number,
  skipped: ImportPlan["skipped"],
  suspectedSwaps: number | null,
): Promise<ImportReport> {
  const [c] = await query<{
    papers: number;
    authorships: number;
    people: number;
    advisors: number;
    institutions: number;
    with_country: number;
    declared: number;
    inferred: number;
    ignored: number;
  }>(
    sql`select
      (select count(*)::int from papers) as papers,
      (select count(*)::int from authorships) as authorships,
      (select count(*)::int from people) as people,
      (select count(*)::int from advisors) as advisors,
      (select count(*)::int from institutions) as institutions,
      (select count(*)::int from advisors a join institutions i on i.id = ${advisorInstitutionId()} where i.country is not null) as with_country,
      (select count(*)::int from advisors where position_source = 'declared') as declared,
      (select count(*)::int from advisors where position_source = 'inferred') as inferred,
      (select count(*)::int from advisor_ignored_records) as ignored`,
    db,
  );
  return {
    skippedAsUnchanged: false,
    resumed: false,
    seconds: (performance.now() - started) / 1000,
    files,
    records,
    counts: {
      papers: c.papers,
      authorships: c.authorships,
      people: c.people,
      advisors: c.advisors,
      institutions: c.institutions,
    },
    advisorsWithCountry: c.with_country,
    shareAdvisorsWithCountry: c.advisors ? c.with_country / c.advisors : 0,
    advisorFacts: { declared: c.declared, inferred: c.inferred, ignoredRecords: c.ignored, suspectedSwaps },
    rowsWritten,
    skipped,
  };
}
