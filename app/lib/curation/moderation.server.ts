/**
 * The moderation queue: pending submissions oldest first, each with a field-by-field diff of the
 * entry as it is now against what the submission proposes; approval and rejection.
 *
 * Approval is one transaction: claim the submission (only one moderator can), re-read the entry,
 * check its version against the one the proposal was based on, write it, audit it. A version
 * mismatch rolls everything back and puts the submission in "conflict", where a moderator sees the
 * new diff and can approve against the version they compared (or reject).
 */
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import { advisors, auditLog, institutions, type Submission, submissions, users } from "../../../db/schema";
import { type Executor, getDb, type Tx } from "../db.server";
import {
  type AdvisorFields,
  type AdvisorSnapshot,
  afterWrite,
  ConflictError,
  describeChanges,
  type EntityType,
  LAB_FIELD_NAMES,
  type LabFields,
  type LabNext,
  type LabSnapshot,
  nameLookup,
  readAdvisors,
  readLabs,
  recordAudit,
  writeAdvisor,
  writeLab,
} from "./audit.server";
import { KIND_LABELS } from "./forms/moderation";

export { KIND_LABELS };

// ---- What submissions carry (submissions.payload) --------------------------------------------

export type StudentProposal = {
  personId: number;
  version: number;
  studentCount: number | null;
  studentCountSourceUrl: string | null;
  studentCountAsOf: string | null;
};
export type LabProposal = { lab: LabFields; students?: StudentProposal[]; note?: string | null };
export type MemberProposal = { personId: number; role: string; sourceUrl: string; note?: string | null };
export type AffiliationProposal = { institutionId: number; sourceUrl: string; note?: string | null };

export type PlannedChange =
  | {
      entity: "lab";
      id: number | null;
      expectedVersion: number | null;
      current: LabSnapshot | null;
      next: LabNext;
      base?: LabSnapshot | null;
    }
  | { entity: "advisor"; id: number; expectedVersion: number; current: AdvisorSnapshot | null; next: AdvisorFields };

type Seen = Map<string, number>;

/** "lab:12:5,advisor:33:2": the versions a moderator compared against. */
export function seenToken(changes: PlannedChange[]): string {
  return changes.map((c) => `${c.entity}:${c.id ?? 0}:${c.current?.version ?? 0}`).join(",");
}

export function parseSeen(token: string | undefined | null): Seen | null {
  if (!token || !/^(lab|advisor):\d+:\d+(,(lab|advisor):\d+:\d+)*$/.test(token)) return null;
  return new Map(
    token.split(",").map((part) => {
      const [entity, id, version] = part.split(":");
      return [`${entity}:${id}`, Number(version)] as const;
    }),
  );
}

function advisorFields(a: AdvisorSnapshot): AdvisorFields {
  return {
    correctedInstitutionId: a.correctedInstitutionId,
    correctionSourceUrl: a.correctionSourceUrl,
    studentCount: a.studentCount,
    studentCountSourceUrl: a.studentCountSourceUrl,
    studentCountAsOf: a.studentCountAsOf,
  };
}

/**
 * The labs as they were at the given versions (what contributors' forms started from), keyed
 * `${id}:${version}`: the current lab when nothing changed since, else the audit snapshot of that
 * version (one query for all of them); null when no record has it.
 */
async function labsAtVersions(
  ex: Executor,
  wanted: { current: LabSnapshot; version: number | null }[],
): Promise<Map<string, LabSnapshot | null>> {
  const found = new Map<string, LabSnapshot | null>();
  const older = wanted.filter((w) => w.version !== null && w.version !== w.current.version);
  for (const w of wanted)
    if (w.version === null || w.version === w.current.version)
      found.set(`${w.current.id}:${w.version}`, w.version === null ? null : w.current);
  if (!older.length) return found;
  const versions = [...new Set(older.map((w) => w.version!))];
  const rows = await ex
    .select({ entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "lab"),
        inArray(
          auditLog.entityId,
          older.map((w) => w.current.id),
        ),
        or(
          inArray(sql`(${auditLog.after}->>'version')::int`, versions),
          inArray(sql`(${auditLog.before}->>'version')::int`, versions),
        ),
      ),
    )
    .orderBy(desc(auditLog.id));
  for (const { current, version } of older) {
    // The latest audit row that has this version on either side.
    const row = rows.find(
      (r) =>
        r.entityId === current.id &&
        ((r.after as LabSnapshot | null)?.version === version || (r.before as LabSnapshot | null)?.version === version),
    );
    const after = row?.after as LabSnapshot | null | undefined;
    found.set(
      `${current.id}:${version}`,
      !row ? null : after?.version === version ? after : (row.before as LabSnapshot | null),
    );
  }
  return found;
}

/**
 * A three-way merge of a lab edit: a field the contributor left as it was in their starting
 * version keeps its current value (a later edit may have set it); a field they changed takes
 * their value. Without the starting version, the proposal is taken as a whole.
 */
export function mergeLabEdit(proposed: LabFields, base: LabSnapshot | null, current: LabSnapshot | null): LabFields {
  if (!base || !current) return proposed;
  const merged = { ...proposed } as Record<string, unknown>;
  for (const f of LAB_FIELD_NAMES) {
    if (JSON.stringify(proposed[f] ?? null) === JSON.stringify(base[f] ?? null)) merged[f] = current[f];
  }
  return merged as LabFields;
}

/** The entries that submissions touch, as they are now: labs, advisors and the labs' starting versions. */
type Entries = {
  labs: Map<number, LabSnapshot>;
  advisors: Map<number, AdvisorSnapshot>;
  bases: Map<string, LabSnapshot | null>;
};

/**
 * Reads every entry a list of submissions touches in a few queries, however long the list (the
 * queue shows a page at once). No lock: writeLab/writeAdvisor re-read under a row lock and check the version.
 */
async function readEntries(ex: Executor, subs: Submission[]): Promise<Entries> {
  const reader = ex as Tx;
  const labIds = subs.filter((s) => s.kind !== "lab_new" && s.kind !== "advisor_affiliation").map((s) => s.labId ?? 0);
  const advisorIds = subs.flatMap((s) =>
    s.kind === "lab_edit"
      ? ((s.payload as LabProposal).students ?? []).map((st) => st.personId)
      : s.kind === "advisor_affiliation"
        ? [s.personId ?? 0]
        : [],
  );
  const labsById = await readLabs(reader, labIds);
  const advisorsById = await readAdvisors(reader, advisorIds);
  const bases = await labsAtVersions(
    ex,
    subs.flatMap((s) => {
      const current = s.kind === "lab_edit" ? labsById.get(s.labId ?? 0) : undefined;
      return current ? [{ current, version: s.baseVersion }] : [];
    }),
  );
  return { labs: labsById, advisors: advisorsById, bases };
}

/** What approving `s` would write, computed against the entries as they are now. */
export async function planChanges(ex: Executor, s: Submission, seen: Seen | null): Promise<PlannedChange[]> {
  return planFrom(s, seen, await readEntries(ex, [s]));
}

function planFrom(s: Submission, seen: Seen | null, entries: Entries): PlannedChange[] {
  const expected = (key: string, fallback: number | null) => seen?.get(key) ?? fallback;
  switch (s.kind) {
    case "lab_new": {
      const p = s.payload as LabProposal;
      return [{ entity: "lab", id: null, expectedVersion: null, current: null, next: { ...p.lab, members: [] } }];
    }
    case "lab_edit": {
      const p = s.payload as LabProposal;
      const current = entries.labs.get(s.labId ?? 0) ?? null;
      const base = current ? (entries.bases.get(`${current.id}:${s.baseVersion}`) ?? null) : null;
      const changes: PlannedChange[] = [
        {
          entity: "lab",
          id: s.labId ?? 0,
          expectedVersion: expected(`lab:${s.labId}`, s.baseVersion ?? 0),
          current,
          base,
          next: { ...mergeLabEdit(p.lab, base, current), slug: current?.slug, members: current?.members ?? [] },
        },
      ];
      for (const st of p.students ?? []) {
        const adv = entries.advisors.get(st.personId) ?? null;
        const next: AdvisorFields = {
          ...(adv ? advisorFields(adv) : { correctedInstitutionId: null, correctionSourceUrl: null }),
          studentCount: st.studentCount,
          studentCountSourceUrl: st.studentCountSourceUrl,
          studentCountAsOf: st.studentCountAsOf,
        } as AdvisorFields;
        const same =
          adv &&
          adv.studentCount === next.studentCount &&
          adv.studentCountSourceUrl === next.studentCountSourceUrl &&
          adv.studentCountAsOf === next.studentCountAsOf;
        if (!same)
          changes.push({
            entity: "advisor",
            id: st.personId,
            expectedVersion: expected(`advisor:${st.personId}`, st.version)!,
            current: adv,
            next,
          });
      }
      return changes;
    }
    case "lab_member_add":
    case "lab_member_remove": {
      const p = s.payload as MemberProposal;
      const current = entries.labs.get(s.labId ?? 0) ?? null;
      const others = (current?.members ?? []).filter((m) => m.personId !== p.personId);
      const members =
        s.kind === "lab_member_add"
          ? [...others, { personId: p.personId, role: p.role, current: true, sourceUrl: p.sourceUrl }].sort(
              (a, b) => a.personId - b.personId,
            )
          : // Kept as "not a member" with its source: it also overrides a data link (printed on papers).
            [...others, { personId: p.personId, role: p.role, current: false, sourceUrl: p.sourceUrl }].sort(
              (a, b) => a.personId - b.personId,
            );
      const fields = current
        ? (Object.fromEntries(
            Object.entries(current).filter(([k]) => !["id", "version", "continent"].includes(k)),
          ) as LabFields)
        : null;
      return [
        {
          entity: "lab",
          id: s.labId ?? 0,
          expectedVersion: expected(`lab:${s.labId}`, s.baseVersion ?? 0),
          current,
          next: { ...(fields ?? ({} as LabFields)), slug: current?.slug, members },
        },
      ];
    }
    case "advisor_affiliation": {
      const p = s.payload as AffiliationProposal;
      const current = entries.advisors.get(s.personId ?? 0) ?? null;
      const next: AdvisorFields = {
        ...(current
          ? advisorFields(current)
          : { studentCount: null, studentCountSourceUrl: null, studentCountAsOf: null }),
        correctedInstitutionId: p.institutionId,
        correctionSourceUrl: p.sourceUrl,
      } as AdvisorFields;
      return [
        {
          entity: "advisor",
          id: s.personId ?? 0,
          expectedVersion: expected(`advisor:${s.personId}`, s.baseVersion ?? 0)!,
          current,
          next,
        },
      ];
    }
  }
}

// ---- The queue ----------------------------------------------------------------------------

export type QueueItem = {
  id: number;
  kind: Submission["kind"];
  state: Submission["state"];
  createdAt: string;
  submitter: string | null;
  contributorNote: string | null;
  moderatorNote: string | null;
  seen: string;
  changes: {
    entity: EntityType;
    title: string;
    href: string | null;
    missing: boolean;
    /** A stale edit: the values the contributor started from, per field (a third column). */
    stale: boolean;
    fields: { field: string; before: string; after: string; changed: boolean; base?: string }[];
  }[];
};

/** How many submissions wait (pending or in conflict): the queue's page count comes from it. */
export async function moderationQueueSize(): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(submissions)
    .where(inArray(submissions.state, ["pending", "conflict"]));
  return row?.n ?? 0;
}

export async function moderationQueue(limit = 100, offset = 0): Promise<QueueItem[]> {
  const db = getDb();
  const rows = await db
    .select({ s: submissions, submitter: users.email })
    .from(submissions)
    .leftJoin(users, eq(users.id, submissions.submittedBy))
    .where(inArray(submissions.state, ["pending", "conflict"]))
    .orderBy(asc(submissions.createdAt), asc(submissions.id))
    .limit(limit)
    .offset(offset);
  const items: QueueItem[] = [];
  // The entries, names and derived institutions of the whole page in a few queries, not a few per submission.
  const entries = await readEntries(
    db,
    rows.map((r) => r.s),
  );
  const plans = rows.map(({ s }) => planFrom(s, null, entries));
  const all = plans.flat();
  const names = await nameLookup(all.flatMap((c) => [c.current, c.next, c.entity === "lab" ? c.base : null]));
  const derived = await derivedInstitutions(all.filter((c) => c.entity === "advisor").map((c) => c.id as number));
  for (const [n, { s, submitter }] of rows.entries()) {
    const planned = plans[n];
    items.push({
      id: s.id,
      kind: s.kind,
      state: s.state,
      createdAt: s.createdAt.toISOString(),
      submitter,
      contributorNote: (s.payload as { note?: string | null }).note ?? null,
      moderatorNote: s.moderatorNote,
      seen: seenToken(planned),
      changes: planned.map((c) => {
        const missing = c.id !== null && !c.current;
        const person = c.entity === "advisor" ? names.people.get(c.id) : undefined;
        return {
          entity: c.entity,
          title: c.entity === "lab" ? (c.current?.name ?? c.next.name ?? "lab") : (person?.name ?? `advisor #${c.id}`),
          href:
            c.entity === "lab"
              ? c.current
                ? `/labs/${c.current.slug}`
                : null
              : person
                ? `/advisors/${person.slug}`
                : null,
          missing,
          stale: c.entity === "lab" && !!c.base && !!c.current && c.base.version !== c.current.version,
          fields: describeChanges(c.entity, c.current, c.next, names).map((f, i) => {
            const base =
              c.entity === "lab" && c.base && c.current && c.base.version !== c.current.version
                ? describeChanges("lab", c.base, c.base, names)[i].before
                : undefined;
            if (base !== undefined) return { ...f, base, changed: f.before !== f.after };
            const changed = f.before !== f.after;
            // With no correction yet, "Now" is where the papers place the advisor, not "—".
            const now = derived.get(c.id as number);
            if (
              c.entity === "advisor" &&
              f.field === "Corrected institution" &&
              c.current &&
              c.current.correctedInstitutionId === null &&
              now
            ) {
              return { ...f, before: `${now} (derived from papers)`, changed };
            }
            return { ...f, changed };
          }),
        };
      }),
    });
  }
  return items;
}

/** Each advisor's institution as derived from their papers, by name. */
async function derivedInstitutions(personIds: number[]): Promise<Map<number, string>> {
  if (!personIds.length) return new Map();
  const rows = await getDb()
    .select({ personId: advisors.personId, name: institutions.name })
    .from(advisors)
    .innerJoin(institutions, eq(institutions.id, advisors.institutionId))
    .where(inArray(advisors.personId, personIds));
  return new Map(rows.map((r) => [r.personId, r.name]));
}

// ---- Decisions ----------------------------------------------------------------------------

export type ApproveResult =
  | { status: "approved"; auditIds: number[]; labId: number | null }
  | { status: "conflict"; message: string }
  | { status: "already"; state: string }
  | { status: "not_found" };

export async function approveSubmission(input: {
  submissionId: number;
  moderatorId: number;
  note?: string | null;
  seen?: string | null;
}): Promise<ApproveResult> {
  const db = getDb();
  let result: ApproveResult;
  try {
    result = await db.transaction(async (tx) => {
      // The row lock makes a second approver wait here, then see the first one's decision.
      const [s] = await tx.select().from(submissions).where(eq(submissions.id, input.submissionId)).for("update");
      if (!s) return { status: "not_found" } as const;
      if (s.state !== "pending" && s.state !== "conflict") return { status: "already", state: s.state } as const;
      const seen = s.state === "conflict" ? parseSeen(input.seen) : null;
      if (s.state === "conflict" && !seen) {
        throw new ConflictError(
          "This submission is in conflict: compare it with the current entry, then approve again.",
        );
      }
      const claimed = await tx
        .update(submissions)
        .set({
          state: "approved",
          moderatorId: input.moderatorId,
          moderatorNote: input.note ?? null,
          decidedAt: new Date(),
        })
        .where(and(eq(submissions.id, s.id), eq(submissions.state, s.state)))
        .returning({ id: submissions.id });
      if (!claimed.length) return { status: "already", state: "decided" } as const;
      const auditIds: number[] = [];
      let labId: number | null = s.labId;
      for (const c of await planChanges(tx, s, seen)) {
        if (c.entity === "lab") {
          const w = await writeLab(tx, { id: c.id, expectedVersion: c.expectedVersion, next: c.next });
          if (s.kind === "lab_new") {
            labId = w.id;
            await tx.update(submissions).set({ labId: w.id }).where(eq(submissions.id, s.id));
          }
          auditIds.push(
            await recordAudit(tx, {
              actorId: input.moderatorId,
              entityType: "lab",
              entityId: w.id,
              action: s.kind,
              before: w.before,
              after: w.after,
              submissionId: s.id,
            }),
          );
        } else {
          const w = await writeAdvisor(tx, { personId: c.id, expectedVersion: c.expectedVersion, next: c.next });
          auditIds.push(
            await recordAudit(tx, {
              actorId: input.moderatorId,
              entityType: "advisor",
              entityId: c.id,
              action: s.kind,
              before: w.before,
              after: w.after,
              submissionId: s.id,
            }),
          );
        }
      }
      return { status: "approved", auditIds, labId } as const;
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await db
      .update(submissions)
      .set({ state: "conflict", moderatorNote: error.message })
      .where(and(eq(submissions.id, input.submissionId), inArray(submissions.state, ["pending", "conflict"])));
    return { status: "conflict", message: error.message };
  }
  if (result.status === "approved") await afterWrite();
  return result;
}

export type RejectResult = { status: "rejected" } | { status: "already"; state: string } | { status: "not_found" };

export async function rejectSubmission(input: {
  submissionId: number;
  moderatorId: number;
  note?: string | null;
}): Promise<RejectResult> {
  const db = getDb();
  const rows = await db
    .update(submissions)
    .set({
      state: "rejected",
      moderatorId: input.moderatorId,
      moderatorNote: input.note ?? null,
      decidedAt: new Date(),
    })
    .where(and(eq(submissions.id, input.submissionId), inArray(submissions.state, ["pending", "conflict"])))
    .returning({ id: submissions.id });
  if (rows.length) return { status: "rejected" };
  const [s] = await db
    .select({ state: submissions.state })
    .from(submissions)
    .where(eq(submissions.id, input.submissionId));
  return s ? { status: "already", state: s.state } : { status: "not_found" };
}
