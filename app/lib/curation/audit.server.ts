/**
 * Applying changes to curated entries, and their append-only history.
 *
 * Two kinds of entry change through reviews: a lab (its fields and its advisors, as one snapshot
 * with one version) and an advisor's curated facts (corrected institution, student count). Every
 * write checks the version it expects (optimistic locking), bumps it, marks the touched rows
 * needs_index in the same transaction, and leaves one audit row with the snapshot before and after.
 * A revert writes the "before" snapshot back through the same path, and is audited too.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { advisors, auditLog, institutions, labMembers, labs, people, submissions, users } from "../../../db/schema";
import { bumpDataVersion } from "../data-version.server";
import { getDb, type Tx } from "../db.server";
import { invalidateAdvisorIndex } from "../directory/advisors.server";
import { continentOf } from "../geo.server";
import { allocateSlug, slugify } from "../names";
import { syncSearchIndexSafely } from "../search/sync.server";

export type MemberSnapshot = Pick<typeof labMembers.$inferSelect, "personId" | "role" | "current" | "sourceUrl">;

/** The columns of a lab that a submission can change. */
export const LAB_FIELD_NAMES = [
  "name",
  "institutionId",
  "company",
  "city",
  "country",
  "kind",
  "focus",
  "description",
  "website",
  "cifre",
  "cifreEvidenceUrl",
  "residencies",
  "internships",
  "recruiting",
  "recruitingVerifiedAt",
  "recruitingSourceUrl",
  "sourceUrl",
] as const satisfies readonly (keyof typeof labs.$inferSelect)[];

/** A lab's editable columns, as the schema types them; a submission proposes an academic or industry lab (institutes are curated). */
export type LabFields = Omit<Pick<typeof labs.$inferSelect, (typeof LAB_FIELD_NAMES)[number]>, "kind"> & {
  kind: "academic" | "industry";
};

export type LabSnapshot = LabFields & {
  id: number;
  slug: string;
  continent: string | null;
  version: number;
  members: MemberSnapshot[];
};
export type LabNext = LabFields & { slug?: string; members: MemberSnapshot[] };

export const ADVISOR_FIELD_NAMES = [
  "correctedInstitutionId",
  "correctionSourceUrl",
  "studentCount",
  "studentCountSourceUrl",
  "studentCountAsOf",
] as const satisfies readonly (keyof typeof advisors.$inferSelect)[];
/** An advisor's curated facts, as the schema types them. */
export type AdvisorFields = Pick<typeof advisors.$inferSelect, (typeof ADVISOR_FIELD_NAMES)[number]>;
export type AdvisorSnapshot = AdvisorFields & { personId: number; version: number };

export type EntityType = "lab" | "advisor";

/** The entry changed since the version the change was based on: show it, do not overwrite. */
export class ConflictError extends Error {}

type Reader = Pick<Tx, "select">;

const MEMBER_COLUMNS = {
  personId: labMembers.personId,
  role: labMembers.role,
  current: labMembers.current,
  sourceUrl: labMembers.sourceUrl,
};

function labSnapshot(row: typeof labs.$inferSelect, members: MemberSnapshot[]): LabSnapshot {
  const snapshot = {
    id: row.id,
    slug: row.slug,
    continent: row.continent,
    version: row.version,
    members,
  } as LabSnapshot;
  for (const f of LAB_FIELD_NAMES) (snapshot as Record<string, unknown>)[f] = row[f];
  return snapshot;
}

export async function readLab(ex: Reader, id: number, lock = false): Promise<LabSnapshot | null> {
  const q = ex.select().from(labs).where(eq(labs.id, id));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) return null;
  const members = await ex
    .select(MEMBER_COLUMNS)
    .from(labMembers)
    .where(eq(labMembers.labId, id))
    .orderBy(labMembers.personId);
  return labSnapshot(row, members);
}

/** Several labs in two queries (a page of the moderation queue); ids with no lab are absent. */
export async function readLabs(ex: Reader, ids: number[]): Promise<Map<number, LabSnapshot>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await ex.select().from(labs).where(inArray(labs.id, wanted));
  if (!rows.length) return new Map();
  const members = await ex
    .select({ labId: labMembers.labId, ...MEMBER_COLUMNS })
    .from(labMembers)
    .where(
      inArray(
        labMembers.labId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(labMembers.labId, labMembers.personId);
  return new Map(
    rows.map((row) => [
      row.id,
      labSnapshot(
        row,
        members.filter((m) => m.labId === row.id).map(({ labId: _, ...m }) => m),
      ),
    ]),
  );
}

const ADVISOR_COLUMNS = {
  personId: advisors.personId,
  version: advisors.version,
  correctedInstitutionId: advisors.correctedInstitutionId,
  correctionSourceUrl: advisors.correctionSourceUrl,
  studentCount: advisors.studentCount,
  studentCountSourceUrl: advisors.studentCountSourceUrl,
  studentCountAsOf: advisors.studentCountAsOf,
};

export async function readAdvisor(ex: Reader, personId: number, lock = false): Promise<AdvisorSnapshot | null> {
  const q = ex.select(ADVISOR_COLUMNS).from(advisors).where(eq(advisors.personId, personId));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** Several advisors' curated facts in one query; ids with no advisor are absent. */
export async function readAdvisors(ex: Reader, personIds: number[]): Promise<Map<number, AdvisorSnapshot>> {
  const wanted = [...new Set(personIds)];
  if (!wanted.length) return new Map();
  const rows = await ex.select(ADVISOR_COLUMNS).from(advisors).where(inArray(advisors.personId, wanted));
  return new Map(rows.map((r) => [r.personId, r]));
}

async function markInstitutions(tx: Tx, ids: (number | null | undefined)[]) {
  const list = [...new Set(ids.filter((x): x is number => typeof x === "number"))];
  if (list.length) await tx.update(institutions).set({ needsIndex: true }).where(inArray(institutions.id, list));
}

async function markAdvisors(tx: Tx, ids: number[]) {
  const list = [...new Set(ids)];
  if (list.length) await tx.update(advisors).set({ needsIndex: true }).where(inArray(advisors.personId, list));
}

async function freeSlug(tx: Tx, wanted: string): Promise<string> {
  const root = slugify(wanted) || "lab";
  const taken = new Set(
    (
      await tx
        .select({ slug: labs.slug })
        .from(labs)
        .where(sql`${labs.slug} = ${root} or ${labs.slug} like ${`${root}-%`}`)
    ).map((r) => r.slug),
  );
  return allocateSlug(root, taken);
}

function sameMembers(a: MemberSnapshot[], b: MemberSnapshot[]): boolean {
  const key = (m: MemberSnapshot[]) =>
    JSON.stringify(
      [...m].sort((x, y) => x.personId - y.personId).map((x) => [x.personId, x.role, x.current, x.sourceUrl]),
    );
  return key(a) === key(b);
}

/**
 * Writes a lab: creates it (id null, or a deleted lab's id when reverting its removal), updates it,
 * or deletes it (next null). `expectedVersion` null means "the lab must not exist".
 */
export async function writeLab(
  tx: Tx,
  change: { id: number | null; expectedVersion: number | null; next: LabNext | null },
): Promise<{ id: number; before: LabSnapshot | null; after: LabSnapshot | null }> {
  const current = change.id !== null ? await readLab(tx, change.id, true) : null;
  if (change.expectedVersion === null) {
    if (current)
      throw new ConflictError(
        `The lab “${current.name}” exists (version ${current.version}); it cannot be created again.`,
      );
  } else if (!current) {
    throw new ConflictError("The lab no longer exists.");
  } else if (current.version !== change.expectedVersion) {
    throw new ConflictError(
      `The lab changed since this was proposed (version ${change.expectedVersion}, now ${current.version}).`,
    );
  }
  const next = change.next;
  let id = change.id;
  if (!next) {
    // Removing a lab (reverting its creation): submissions keep their payload, the audit its snapshot.
    await tx.update(submissions).set({ labId: null }).where(eq(submissions.labId, current!.id));
    await tx.delete(labMembers).where(eq(labMembers.labId, current!.id));
    await tx.delete(labs).where(eq(labs.id, current!.id));
  } else {
    const values = {
      ...Object.fromEntries(LAB_FIELD_NAMES.map((f) => [f, next[f]])),
      continent: continentOf(next.country),
      needsIndex: true,
      updatedAt: new Date(),
    } as Partial<typeof labs.$inferInsert> & LabFields;
    if (!current) {
      // Two approvals of labs with one name at once: the second waits here for the first to
      // commit, then sees its slug and takes the next one (instead of a unique-index 500).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('labs.slug'))`);
      const slug =
        next.slug && (await freeSlug(tx, next.slug)) === next.slug ? next.slug : await freeSlug(tx, next.name);
      const [row] = await tx
        .insert(labs)
        .values({ ...values, ...(id !== null ? { id } : {}), slug, version: 1 })
        .returning({ id: labs.id });
      id = row.id;
    } else {
      await tx
        .update(labs)
        .set({ ...values, version: current.version + 1 })
        .where(and(eq(labs.id, current.id), eq(labs.version, current.version)));
    }
    if (!current || !sameMembers(current.members, next.members)) {
      await tx.delete(labMembers).where(eq(labMembers.labId, id!));
      if (next.members.length) await tx.insert(labMembers).values(next.members.map((m) => ({ ...m, labId: id! })));
    }
  }
  await markInstitutions(tx, [current?.institutionId, next?.institutionId]);
  await markAdvisors(
    tx,
    [...(current?.members ?? []), ...(next?.members ?? [])].map((m) => m.personId),
  );
  return { id: id ?? current!.id, before: current, after: next ? await readLab(tx, id!) : null };
}

export async function writeAdvisor(
  tx: Tx,
  change: { personId: number; expectedVersion: number; next: AdvisorFields },
): Promise<{ before: AdvisorSnapshot; after: AdvisorSnapshot }> {
  const current = await readAdvisor(tx, change.personId, true);
  if (!current) throw new ConflictError("The advisor no longer exists.");
  if (current.version !== change.expectedVersion) {
    throw new ConflictError(
      `The advisor changed since this was proposed (version ${change.expectedVersion}, now ${current.version}).`,
    );
  }
  const values = Object.fromEntries(ADVISOR_FIELD_NAMES.map((f) => [f, change.next[f]])) as AdvisorFields;
  await tx
    .update(advisors)
    .set({ ...values, version: current.version + 1, needsIndex: true })
    .where(and(eq(advisors.personId, current.personId), eq(advisors.version, current.version)));
  await markInstitutions(tx, [current.correctedInstitutionId, values.correctedInstitutionId]);
  return { before: current, after: (await readAdvisor(tx, change.personId))! };
}

export async function recordAudit(
  tx: Tx,
  entry: {
    actorId: number | null;
    entityType: EntityType;
    entityId: number;
    action: string;
    before: unknown;
    after: unknown;
    submissionId?: number | null;
    revertsAuditId?: number | null;
  },
): Promise<number> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
      submissionId: entry.submissionId ?? null,
      revertsAuditId: entry.revertsAuditId ?? null,
    })
    .returning({ id: auditLog.id });
  return row.id;
}

/**
 * After a committed write: the ranking cache and the data version move on, and search picks up
 * the marked rows (search failing never undoes the write).
 */
export async function afterWrite(): Promise<void> {
  // Curated: the in-memory indexes of every app process refresh only the curated fields (data-version.server.ts).
  await bumpDataVersion(getDb(), { curated: true });
  invalidateAdvisorIndex();
  await syncSearchIndexSafely();
}

export type RevertResult =
  | { status: "reverted"; auditId: number }
  | { status: "conflict"; message: string }
  | { status: "already"; revertedBy: number }
  | { status: "not_found" };

type RevertLink = { id: number; revertsAuditId: number | null };

/**
 * Which audit entries are undone: reverted by a revert that is not itself undone. A revert of a
 * revert puts the change back, so "undone" alternates along the chain.
 */
export function undoneEntries(rows: RevertLink[]): Map<number, number> {
  const revertsOf = new Map<number, number[]>();
  for (const r of rows)
    if (r.revertsAuditId !== null) revertsOf.set(r.revertsAuditId, [...(revertsOf.get(r.revertsAuditId) ?? []), r.id]);
  const memo = new Map<number, number | null>();
  // The newest live revert of `id`, or null when none (ids only grow, so the recursion ends).
  const liveRevert = (id: number): number | null => {
    if (memo.has(id)) return memo.get(id)!;
    let live: number | null = null;
    for (const r of revertsOf.get(id) ?? []) if (liveRevert(r) === null) live = Math.max(live ?? 0, r);
    memo.set(id, live);
    return live;
  };
  const undone = new Map<number, number>();
  for (const r of rows) {
    const by = liveRevert(r.id);
    if (by !== null) undone.set(r.id, by);
  }
  return undone;
}

/** The part of a lab snapshot that a change can alter: its fields and its advisors. */
function labContent(s: LabSnapshot | LabNext): string {
  const fields = LAB_FIELD_NAMES.map((f) => s[f] ?? null);
  const members = [...s.members]
    .sort((a, b) => a.personId - b.personId)
    .map((m) => [m.personId, m.role, m.current, m.sourceUrl ?? null]);
  return JSON.stringify([fields, members]);
}

function advisorContent(s: AdvisorFields): string {
  return JSON.stringify(ADVISOR_FIELD_NAMES.map((f) => s[f] ?? null));
}

/**
 * Puts an entry back as it was before one audited change, if the entry is still as that change
 * left it. The check compares content, not version numbers: a revert is a write and raises the
 * version, so after reverting the newest change the previous one is again "the last thing that
 * shaped the entry" and can be reverted in turn (newest first, as far back as wanted); a revert
 * can be reverted too. An entry already undone by a live revert cannot be reverted twice.
 */
export async function revertChange(input: { auditId: number; actorId: number }): Promise<RevertResult> {
  let result: RevertResult;
  try {
    result = await getDb().transaction(async (tx) => {
      const [entry] = await tx.select().from(auditLog).where(eq(auditLog.id, input.auditId));
      if (!entry || (entry.entityType !== "lab" && entry.entityType !== "advisor"))
        return { status: "not_found" } as const;
      // Lock the entry first, so two moderators reverting at once queue here.
      if (entry.entityType === "lab") await readLab(tx, entry.entityId, true);
      else await readAdvisor(tx, entry.entityId, true);
      const history = await tx
        .select({ id: auditLog.id, revertsAuditId: auditLog.revertsAuditId })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, entry.entityType), eq(auditLog.entityId, entry.entityId)));
      const undoneBy = undoneEntries(history).get(entry.id);
      if (undoneBy !== undefined) return { status: "already", revertedBy: undoneBy } as const;
      let written: { before: unknown; after: unknown };
      if (entry.entityType === "lab") {
        const after = entry.after as LabSnapshot | null;
        const before = entry.before as LabSnapshot | null;
        const current = await readLab(tx, entry.entityId, true);
        const unchanged =
          after === null ? current === null : current !== null && labContent(current) === labContent(after);
        if (!unchanged) throw new ConflictError("The lab changed after this change.");
        written = await writeLab(tx, {
          id: entry.entityId,
          expectedVersion: current ? current.version : null,
          next: before,
        });
      } else {
        const after = entry.after as AdvisorSnapshot;
        const before = entry.before as AdvisorSnapshot;
        const current = await readAdvisor(tx, entry.entityId, true);
        if (!current) throw new ConflictError("The advisor no longer exists.");
        if (advisorContent(current) !== advisorContent(after))
          throw new ConflictError("The advisor's curated facts changed after this change.");
        written = await writeAdvisor(tx, { personId: entry.entityId, expectedVersion: current.version, next: before });
      }
      const auditId = await recordAudit(tx, {
        actorId: input.actorId,
        entityType: entry.entityType as EntityType,
        entityId: entry.entityId,
        action: "revert",
        before: written.before,
        after: written.after,
        submissionId: entry.submissionId,
        revertsAuditId: entry.id,
      });
      return { status: "reverted", auditId } as const;
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      return { status: "conflict", message: `${error.message} Revert the later changes first, newest first.` };
    }
    throw error;
  }
  if (result.status === "reverted") await afterWrite();
  return result;
}

/** Whether an audit entry exists (the revert confirmation asks before anything is written). */
export async function auditEntryExists(auditId: number): Promise<boolean> {
  const [row] = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.id, auditId));
  return row !== undefined;
}

export type AuditView = {
  id: number;
  at: string;
  actor: string | null;
  entityType: string;
  entityId: number;
  entityName: string | null;
  entityHref: string | null;
  action: string;
  submissionId: number | null;
  revertsAuditId: number | null;
  revertedBy: number[];
  /** Undone by a live revert (number: that revert's id): no revert button. */
  undoneBy: number | null;
  changes: { field: string; before: string; after: string }[];
};

/** The newest audit rows, optionally for one entry, each with its field-by-field change. */
export async function listAudit(
  filter: { entityType?: EntityType; entityId?: number; limit?: number } = {},
): Promise<AuditView[]> {
  const db = getDb();
  const where =
    filter.entityType && filter.entityId
      ? and(eq(auditLog.entityType, filter.entityType), eq(auditLog.entityId, filter.entityId))
      : undefined;
  const rows = await db
    .select({ entry: auditLog, actor: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100);
  const reverts = await db
    .select({ id: auditLog.id, reverts: auditLog.revertsAuditId })
    .from(auditLog)
    .where(sql`${auditLog.revertsAuditId} is not null`);
  const names = await nameLookup(rows.flatMap((r) => [r.entry.before, r.entry.after]));
  const undone = undoneEntries(
    reverts
      .map((r) => ({ id: r.id, revertsAuditId: r.reverts }))
      .concat(rows.map((r) => ({ id: r.entry.id, revertsAuditId: r.entry.revertsAuditId }))),
  );
  return rows.map(({ entry, actor }) => {
    const snap = (entry.after ?? entry.before) as Record<string, unknown> | null;
    let entityName: string | null = null;
    let entityHref: string | null = null;
    if (entry.entityType === "lab" && snap) {
      entityName = String(snap.name);
      entityHref = entry.after ? `/labs/${String((entry.after as LabSnapshot).slug)}` : null;
    } else if (entry.entityType === "advisor") {
      const p = names.people.get(entry.entityId);
      entityName = p?.name ?? `#${entry.entityId}`;
      entityHref = p ? `/advisors/${p.slug}` : null;
    }
    return {
      id: entry.id,
      at: entry.createdAt.toISOString(),
      actor,
      entityType: entry.entityType,
      entityId: entry.entityId,
      entityName,
      entityHref,
      action: entry.action,
      submissionId: entry.submissionId,
      revertsAuditId: entry.revertsAuditId,
      revertedBy: reverts.filter((r) => r.reverts === entry.id).map((r) => r.id),
      undoneBy: undone.get(entry.id) ?? null,
      changes: describeChanges(entry.entityType as EntityType, entry.before, entry.after, names).filter(
        (c) => c.before !== c.after,
      ),
    };
  });
}

// ---- Showing snapshots to people ----------------------------------------------------------

export type Names = { institutions: Map<number, string>; people: Map<number, { name: string; slug: string }> };

/** Looks up the institution and person names that snapshots refer to by id. */
export async function nameLookup(values: unknown[]): Promise<Names> {
  const instIds = new Set<number>();
  const personIds = new Set<number>();
  const visit = (v: unknown) => {
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    for (const k of ["institutionId", "correctedInstitutionId"])
      if (typeof o[k] === "number") instIds.add(o[k] as number);
    if (typeof o.personId === "number") personIds.add(o.personId);
    if (Array.isArray(o.members)) for (const m of o.members) visit(m);
    if (Array.isArray(o.students)) for (const m of o.students) visit(m);
    if (o.lab) visit(o.lab);
  };
  values.forEach(visit);
  const db = getDb();
  const inst = instIds.size
    ? await db
        .select({ id: institutions.id, name: institutions.name })
        .from(institutions)
        .where(inArray(institutions.id, [...instIds]))
    : [];
  const ppl = personIds.size
    ? await db
        .select({ id: people.id, name: people.name, slug: people.slug })
        .from(people)
        .where(inArray(people.id, [...personIds]))
    : [];
  return {
    institutions: new Map(inst.map((i) => [i.id, i.name])),
    people: new Map(ppl.map((p) => [p.id, { name: p.name, slug: p.slug }])),
  };
}

const LAB_LABELS: Record<(typeof LAB_FIELD_NAMES)[number] | "members", string> = {
  name: "Name",
  institutionId: "Institution",
  company: "Company",
  city: "City",
  country: "Country",
  kind: "Kind",
  focus: "Focus",
  description: "Description",
  website: "Website",
  cifre: "CIFRE",
  cifreEvidenceUrl: "CIFRE evidence",
  residencies: "Residencies",
  internships: "Internships",
  recruiting: "Recruiting",
  recruitingVerifiedAt: "Recruiting checked on",
  recruitingSourceUrl: "Recruiting source",
  sourceUrl: "Source",
  members: "Advisors",
};
const ADVISOR_LABELS: Record<(typeof ADVISOR_FIELD_NAMES)[number], string> = {
  correctedInstitutionId: "Corrected institution",
  correctionSourceUrl: "Correction source",
  studentCount: "PhD students",
  studentCountSourceUrl: "Students source",
  studentCountAsOf: "Students as of",
};

function show(field: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "institutionId" || field === "correctedInstitutionId")
    return names.institutions.get(value as number) ?? `#${String(value)}`;
  if (field === "members") {
    const list = (value as MemberSnapshot[]).map(
      (m) => `${names.people.get(m.personId)?.name ?? `#${m.personId}`} (${m.role})`,
    );
    return list.length ? list.join(", ") : "—";
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Field by field, what a change does: every field of the entry, before and after. */
export function describeChanges(
  type: EntityType,
  before: unknown,
  after: unknown,
  names: Names,
): { field: string; before: string; after: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const labels: Record<string, string> = type === "lab" ? LAB_LABELS : ADVISOR_LABELS;
  return Object.entries(labels).map(([field, label]) => ({
    field: label,
    before: before ? show(field, b[field], names) : "—",
    after: after ? show(field, a[field], names) : "—",
  }));
}
