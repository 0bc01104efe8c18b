/**
 * Proposals from contributors (and anonymous visitors): checked against the database (the lab,
 * advisor and institution they name must exist; a new lab may duplicate one), then stored as
 * pending submissions. Nothing here changes a public entry: only an approval does.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { advisors, auditLog, institutions, labs, people, type SubmissionKind, submissions } from "../../../db/schema";
import { getDb, query } from "../db.server";
import { CURRENT_LAB_ADVISORS } from "../directory/lab-membership.server";
import { isCountryCode } from "../geo.server";
import { type LabFields, readLab, undoneEntries } from "./audit.server";
import type { AffiliationInput } from "./forms/affiliation";
import type { TriState } from "./forms/fields";
import type { LabEditInput, LabNewInput } from "./forms/lab";
import { advisorSlugFrom, type MemberInput } from "./forms/member";
import {
  KIND_LABELS,
  type AffiliationProposal,
  type LabProposal,
  type MemberProposal,
  type StudentProposal,
} from "./moderation.server";

export type Who = { userId: number | null; ip: string };
export type FieldErrors = Record<string, string[]>;
export type Duplicate = { slug: string; name: string; similarity: number };

export type ProposalOutcome =
  | { status: "saved"; id: number }
  | { status: "invalid"; fieldErrors: FieldErrors }
  | { status: "duplicates"; duplicates: Duplicate[] };

export function toBool(v: TriState): boolean | null {
  return v === "yes" ? true : v === "no" ? false : null;
}
export function toTriState(v: boolean | null): TriState {
  return v === true ? "yes" : v === false ? "no" : "unknown";
}

type InstitutionMatch = { id: number; name: string };

/** An institution by its slug or its exact name (any case or accents). */
export async function findInstitution(text: string): Promise<InstitutionMatch | null> {
  const rows = await query<InstitutionMatch>(
    sql`select id, name from institutions
        where slug = ${text.toLowerCase()} or lower(immutable_unaccent(name)) = lower(immutable_unaccent(${text}))
        order by (slug = ${text.toLowerCase()}) desc, id limit 1`,
  );
  return rows[0] ?? null;
}

async function institutionSuggestions(text: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    sql`select name from institutions
        where lower(immutable_unaccent(name)) % lower(immutable_unaccent(${text}))
        order by similarity(lower(immutable_unaccent(name)), lower(immutable_unaccent(${text}))) desc limit 3`,
  );
  return rows.map((r) => r.name);
}

async function institutionError(label: string, text: string): Promise<string> {
  const near = await institutionSuggestions(text);
  return near.length
    ? `${label}: no institution is called “${text}”. Did you mean ${near.map((n) => `“${n}”`).join(", ")}?`
    : `${label}: no institution is called “${text}”. Type its name as the site shows it.`;
}

export async function findPersonBySlug(input: string) {
  const slug = advisorSlugFrom(input);
  const [row] = await getDb()
    .select({ id: people.id, name: people.name, slug: people.slug, advisorVersion: advisors.version })
    .from(people)
    .leftJoin(advisors, eq(advisors.personId, people.id))
    .where(eq(people.slug, slug));
  return row ?? null;
}

export async function findLabBySlug(slug: string) {
  const [row] = await getDb()
    .select({ id: labs.id, name: labs.name, slug: labs.slug, version: labs.version })
    .from(labs)
    .where(eq(labs.slug, slug));
  return row ?? null;
}

/** Labs at the same institution (or company) whose names look alike, by trigram similarity. */
export async function likelyDuplicates(lab: {
  name: string;
  institutionId: number | null;
  company: string | null;
}): Promise<Duplicate[]> {
  const rows = await query<Duplicate>(
    sql`select slug, name, similarity(lower(immutable_unaccent(name)), lower(immutable_unaccent(${lab.name})))::float8 as similarity
        from labs
        where (${lab.institutionId}::int is not null and institution_id = ${lab.institutionId}::int
               or ${lab.company}::text is not null and lower(company) = lower(${lab.company}::text))
          and similarity(lower(immutable_unaccent(name)), lower(immutable_unaccent(${lab.name}))) >= 0.3
        order by similarity desc limit 5`,
  );
  return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
}

type LabInput = LabNewInput | LabEditInput;

async function labFields(input: LabInput): Promise<{ fields: LabFields } | { fieldErrors: FieldErrors }> {
  const fieldErrors: FieldErrors = {};
  let institutionId: number | null = null;
  if (input.institution) {
    const inst = await findInstitution(input.institution);
    if (inst) institutionId = inst.id;
    else fieldErrors.institution = [await institutionError("Institution", input.institution)];
  }
  if (input.country && !isCountryCode(input.country))
    fieldErrors.country = [`Country: “${input.country}” is not a country code.`];
  if (Object.keys(fieldErrors).length) return { fieldErrors };
  return {
    fields: {
      name: input.name,
      institutionId,
      company: input.company ?? null,
      city: input.city ?? null,
      country: input.country ?? null,
      kind: input.kind,
      focus: input.focus,
      description: input.description ? input.description : null,
      website: input.website ?? null,
      cifre: input.cifre,
      cifreEvidenceUrl: input.cifreEvidenceUrl ?? null,
      residencies: toBool(input.residencies),
      internships: toBool(input.internships),
      recruiting: toBool(input.recruiting),
      recruitingVerifiedAt: input.recruitingVerifiedAt ?? null,
      recruitingSourceUrl: input.recruitingSourceUrl ?? null,
      sourceUrl: input.sourceUrl,
    },
  };
}

/** The same proposal (kind, target and every proposed value) already waits for review. */
export class IdenticalPendingError extends Error {
  constructor(readonly existingId: number) {
    super(`An identical proposal is already waiting for review (#${existingId}).`);
  }
}

/**
 * Stores a pending submission, unless an identical one is already pending: 30 copies of one
 * anonymous proposal would only fill the queue. The check and the insert hold a transaction-scoped
 * advisory lock on the target, so copies sent at the same instant are refused too.
 */
async function store(
  kind: SubmissionKind,
  who: Who,
  target: { labId?: number | null; personId?: number | null; baseVersion?: number | null },
  payload: LabProposal | MemberProposal | AffiliationProposal,
): Promise<number> {
  const labId = target.labId ?? null;
  const personId = target.personId ?? null;
  return getDb().transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`submission:${kind}:${labId ?? ""}:${personId ?? ""}`}))`,
    );
    const [same] = await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(
        and(
          eq(submissions.kind, kind),
          eq(submissions.state, "pending"),
          labId === null ? isNull(submissions.labId) : eq(submissions.labId, labId),
          personId === null ? isNull(submissions.personId) : eq(submissions.personId, personId),
          sql`${submissions.payload} = ${JSON.stringify(payload)}::jsonb`,
        ),
      )
      .limit(1);
    if (same) throw new IdenticalPendingError(same.id);
    const [row] = await tx
      .insert(submissions)
      .values({
        kind,
        state: "pending",
        labId,
        personId,
        baseVersion: target.baseVersion ?? null,
        payload: payload as Record<string, unknown>,
        submittedBy: who.userId,
        submitterIp: who.ip.slice(0, 100),
      })
      .returning({ id: submissions.id });
    return row.id;
  });
}

/** `store`, with an identical pending proposal answered as a form error instead of a second copy. */
async function saved(storing: Promise<number>): Promise<ProposalOutcome> {
  try {
    return { status: "saved", id: await storing };
  } catch (error) {
    if (error instanceof IdenticalPendingError) return { status: "invalid", fieldErrors: { "": [error.message] } };
    throw error;
  }
}

export async function proposeNewLab(input: LabNewInput, who: Who): Promise<ProposalOutcome> {
  const checked = await labFields(input);
  if ("fieldErrors" in checked) return { status: "invalid", fieldErrors: checked.fieldErrors };
  if (input.confirmDuplicate !== "yes") {
    const duplicates = await likelyDuplicates(checked.fields);
    if (duplicates.length) return { status: "duplicates", duplicates };
  }
  return saved(store("lab_new", who, {}, { lab: checked.fields, note: input.note ?? null }));
}

export async function proposeLabEdit(slug: string, input: LabEditInput, who: Who): Promise<ProposalOutcome> {
  const lab = await findLabBySlug(slug);
  if (!lab) return { status: "invalid", fieldErrors: { "": [`There is no lab at /labs/${slug.slice(0, 80)}.`] } };
  const checked = await labFields(input);
  if ("fieldErrors" in checked) return { status: "invalid", fieldErrors: checked.fieldErrors };
  if (input.baseVersion !== lab.version) {
    return {
      status: "invalid",
      fieldErrors: {
        "": ["This lab changed while you were editing it. Reload the page to start from its current version."],
      },
    };
  }
  const current = await readLab(getDb(), lab.id);
  const memberIds = new Set((current?.members ?? []).map((m) => m.personId));
  const students: StudentProposal[] = [];
  const fieldErrors: FieldErrors = {};
  input.students.forEach((st, i) => {
    if (!memberIds.has(st.personId)) {
      fieldErrors[`students[${i}].count`] = ["This advisor is not in the lab any more; reload the page."];
      return;
    }
    students.push({
      personId: st.personId,
      version: st.version,
      studentCount: st.count ?? null,
      studentCountSourceUrl: st.count === undefined ? null : (st.sourceUrl ?? null),
      studentCountAsOf: st.count === undefined ? null : (st.asOf ?? null),
    });
  });
  if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors };
  return saved(
    store(
      "lab_edit",
      who,
      { labId: lab.id, baseVersion: lab.version },
      { lab: checked.fields, students, note: input.note ?? null },
    ),
  );
}

export async function proposeMemberChange(input: MemberInput, who: Who): Promise<ProposalOutcome> {
  const [lab, person] = await Promise.all([findLabBySlug(input.lab), findPersonBySlug(input.advisor)]);
  const fieldErrors: FieldErrors = {};
  if (!lab) fieldErrors.lab = ["Lab: choose a lab from the list."];
  if (!person)
    fieldErrors.advisor = [
      `Advisor: no advisor at /advisors/${advisorSlugFrom(input.advisor).slice(0, 80)}. Paste the address of their page.`,
    ];
  if (lab && person) {
    // A member: a current contributed membership, or a data link (printed on papers) that no
    // contributed row overrides (lab-membership.server.ts).
    const [member] = await query<{ person_id: number }>(
      sql`select c.person_id from ${CURRENT_LAB_ADVISORS} c where c.lab_id = ${lab.id} and c.person_id = ${person.id}`,
    );
    if (input.op === "add" && member) fieldErrors.advisor = [`Advisor: ${person.name} is already in ${lab.name}.`];
    if (input.op === "remove" && !member) fieldErrors.advisor = [`Advisor: ${person.name} is not in ${lab.name}.`];
  }
  if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors };
  const kind = input.op === "add" ? "lab_member_add" : "lab_member_remove";
  return saved(
    store(
      kind,
      who,
      { labId: lab!.id, personId: person!.id, baseVersion: lab!.version },
      { personId: person!.id, role: input.role ?? "advisor", sourceUrl: input.sourceUrl, note: input.note ?? null },
    ),
  );
}

export async function proposeAffiliation(input: AffiliationInput, who: Who): Promise<ProposalOutcome> {
  const [person, inst] = await Promise.all([findPersonBySlug(input.advisor), findInstitution(input.institution)]);
  const fieldErrors: FieldErrors = {};
  if (!person || person.advisorVersion === null) {
    fieldErrors.advisor = [
      `Advisor: no advisor at /advisors/${advisorSlugFrom(input.advisor).slice(0, 80)}. Paste the address of their page.`,
    ];
  }
  if (!inst) fieldErrors.institution = [await institutionError("Institution", input.institution)];
  if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors };
  return saved(
    store(
      "advisor_affiliation",
      who,
      { personId: person!.id, baseVersion: person!.advisorVersion },
      { institutionId: inst!.id, sourceUrl: input.sourceUrl, note: input.note ?? null },
    ),
  );
}

// ---- Forms and lists ----------------------------------------------------------------------

/** The current lab, as the edit form's starting values, with its advisors' student counts. */
export async function labEditForm(slug: string) {
  const lab = await findLabBySlug(slug);
  if (!lab) return null;
  const current = (await readLab(getDb(), lab.id))!;
  const inst = current.institutionId
    ? (
        await getDb()
          .select({ name: institutions.name })
          .from(institutions)
          .where(eq(institutions.id, current.institutionId))
      )[0]
    : undefined;
  const members = await query<{
    person_id: number;
    name: string;
    slug: string;
    version: number | null;
    student_count: number | null;
    student_count_source_url: string | null;
    student_count_as_of: string | null;
  }>(
    sql`select p.id as person_id, p.name, p.slug, a.version, a.student_count, a.student_count_source_url, a.student_count_as_of::text as student_count_as_of
        from lab_members m join people p on p.id = m.person_id join advisors a on a.person_id = m.person_id
        where m.lab_id = ${lab.id} order by p.name`,
  );
  return {
    slug: current.slug,
    name: current.name,
    version: current.version,
    advisors: members.map((m) => ({ name: m.name, slug: m.slug })),
    defaultValue: {
      name: current.name,
      kind: current.kind,
      institution: inst?.name ?? "",
      company: current.company ?? "",
      city: current.city ?? "",
      country: current.country ?? "",
      focus: current.focus,
      description: current.description ?? "",
      website: current.website ?? "",
      cifre: current.cifre,
      cifreEvidenceUrl: current.cifreEvidenceUrl ?? "",
      residencies: toTriState(current.residencies),
      internships: toTriState(current.internships),
      recruiting: toTriState(current.recruiting),
      recruitingVerifiedAt: current.recruitingVerifiedAt ?? "",
      recruitingSourceUrl: current.recruitingSourceUrl ?? "",
      sourceUrl: current.sourceUrl ?? "",
      baseVersion: String(current.version),
      students: members.map((m) => ({
        personId: String(m.person_id),
        version: String(m.version ?? 1),
        count: m.student_count === null ? "" : String(m.student_count),
        sourceUrl: m.student_count_source_url ?? "",
        asOf: m.student_count_as_of ?? "",
      })),
    },
  };
}

export async function labChoices(): Promise<{ slug: string; name: string }[]> {
  return getDb().select({ slug: labs.slug, name: labs.name }).from(labs).orderBy(labs.name);
}

export type MySubmission = {
  id: number;
  kind: string;
  state: string;
  createdAt: string;
  decidedAt: string | null;
  moderatorNote: string | null;
  target: string;
  href: string | null;
};

export async function submissionsBy(userId: number): Promise<MySubmission[]> {
  const rows = await getDb()
    .select({
      s: submissions,
      labName: labs.name,
      labSlug: labs.slug,
      personName: people.name,
      personSlug: people.slug,
    })
    .from(submissions)
    .leftJoin(labs, eq(labs.id, submissions.labId))
    .leftJoin(people, eq(people.id, submissions.personId))
    .where(eq(submissions.submittedBy, userId))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(500);
  const reverted = await revertedSubmissions(rows.filter((r) => r.s.state === "approved").map((r) => r.s.id));
  return rows.map(({ s, labName, labSlug, personName, personSlug }) => {
    const payloadLab = (s.payload as Partial<LabProposal>).lab;
    const lab = labName ?? payloadLab?.name ?? null;
    const target = [lab, personName].filter(Boolean).join(" — ") || "—";
    return {
      id: s.id,
      kind: KIND_LABELS[s.kind],
      state: reverted.has(s.id) ? "reverted" : s.state,
      createdAt: s.createdAt.toISOString(),
      decidedAt: s.decidedAt?.toISOString() ?? null,
      moderatorNote: s.moderatorNote,
      target,
      href: labSlug && s.state === "approved" ? `/labs/${labSlug}` : personSlug ? `/advisors/${personSlug}` : null,
    };
  });
}

/**
 * Approved submissions whose every applied change has since been undone by a live revert: the
 * contributor sees "Reverted", not "Approved". (Reverts carry the submission id of what they undo.)
 */
async function revertedSubmissions(ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await getDb()
    .select({ id: auditLog.id, revertsAuditId: auditLog.revertsAuditId, submissionId: auditLog.submissionId })
    .from(auditLog)
    .where(inArray(auditLog.submissionId, ids));
  const undone = undoneEntries(rows);
  const result = new Set<number>();
  for (const id of ids) {
    const applied = rows.filter((r) => r.submissionId === id && r.revertsAuditId === null);
    if (applied.length && applied.every((r) => undone.has(r.id))) result.add(id);
  }
  return result;
}
