import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { approveSubmission, moderationQueue } from "~/lib/curation/moderation.server";
import { readDataVersion } from "~/lib/data-version.server";
import { getDb, query } from "~/lib/db.server";
import { getAdvisor } from "~/lib/directory/advisors.server";
import * as mine from "~/routes/account.submissions";
import * as audit from "~/routes/audit";
import * as moderate from "~/routes/moderate";
import * as affiliation from "~/routes/submit.affiliation";
import * as editLab from "~/routes/submit.lab.$slug";
import * as member from "~/routes/submit.member";
import * as newLab from "~/routes/submit.new-lab";
import { advisors, auditLog, labMembers, labs, submissions } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

let contributor: string;
let moderator: string;
let moderatorId: number;
let n = 0;
const ip = () => `10.1.${Math.floor(++n / 200)}.${n % 200}`;

beforeAll(async () => {
  contributor = await sessionCookie(
    (await createUser({ email: "c@example.org", password: "contributor password" })).id,
  );
  const m = await createUser({ email: "m@example.org", password: "moderator password", role: "moderator" });
  moderatorId = m.id;
  moderator = await sessionCookie(m.id);
});

async function submit(
  handler: Parameters<typeof call>[0],
  path: string,
  form: Record<string, string> | FormData,
  params: Record<string, string> = {},
) {
  const res = await call(handler, { path, form, cookie: contributor, ip: ip(), params });
  expect(res.status, JSON.stringify(res.body)).toBe(302);
  return Number(/sent=(\d+)/.exec(res.location!)![1]);
}

async function decide(submissionId: number, intent: "approve" | "reject", extra: Record<string, string> = {}) {
  return call(moderate.action, {
    path: "/moderate",
    form: { submissionId: String(submissionId), intent, ...extra },
    cookie: moderator,
    ip: ip(),
  });
}

async function editForm(slug: string) {
  const res = await call(editLab.loader, { path: `/submit/lab/${slug}`, params: { slug } });
  const dv = (res.body as { lab: { defaultValue: Record<string, unknown> & { students: Record<string, string>[] } } })
    .lab.defaultValue;
  const fd = new FormData();
  for (const [k, v] of Object.entries(dv)) if (k !== "students") fd.append(k, String(v));
  dv.students.forEach((s, i) => {
    fd.append(`students[${i}].personId`, s.personId);
    fd.append(`students[${i}].version`, s.version);
    if (s.count) {
      fd.append(`students[${i}].count`, s.count);
      fd.append(`students[${i}].sourceUrl`, s.sourceUrl);
      fd.append(`students[${i}].asOf`, s.asOf);
    }
  });
  return fd;
}

async function dataVersion() {
  return Number(await readDataVersion());
}

const base = {
  name: "Tiny Probabilistic Group",
  kind: "industry",
  company: "Tiny Corp",
  country: "FR",
  description: "First description",
  sourceUrl: "https://tiny.example.org/about",
};

describe("approving", () => {
  let labId: number;

  it("applies a new lab in one step: the lab, the audit row, needs_index, the data version", async () => {
    const id = await submit(newLab.action, "/submit/new-lab", base);
    const queue = await moderationQueue();
    const item = queue.find((q) => q.id === id)!;
    expect(item.changes[0].fields.find((f) => f.field === "Name")).toMatchObject({
      before: "—",
      after: base.name,
      changed: true,
    });
    const versionBefore = await dataVersion();
    const res = await decide(id, "approve", { note: "Thanks!" });
    expect(res.status).toBe(200);
    const [s] = await getDb().select().from(submissions).where(eq(submissions.id, id));
    expect(s).toMatchObject({ state: "approved", moderatorId, moderatorNote: "Thanks!" });
    const [lab] = await getDb().select().from(labs).where(eq(labs.id, s.labId!));
    labId = lab.id;
    expect(lab).toMatchObject({
      name: base.name,
      company: "Tiny Corp",
      country: "FR",
      continent: "EU",
      version: 1,
      slug: "tiny-probabilistic-group",
    });
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.submissionId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: moderatorId,
      entityType: "lab",
      entityId: lab.id,
      action: "lab_new",
      before: null,
    });
    expect((rows[0].after as { description: string }).description).toBe("First description");
    expect(await dataVersion()).toBe(versionBefore + 1);
    // The contributor sees the decision and the note.
    const page = await call(mine.loader, { path: "/account/submissions", cookie: contributor });
    expect(
      (page.body as { submissions: { id: number; state: string; moderatorNote: string }[] }).submissions.find(
        (x) => x.id === id,
      ),
    ).toMatchObject({ state: "approved", moderatorNote: "Thanks!" });
  });

  it("applies an edit with student counts to the lab and the advisor, each audited, and reverts it", async () => {
    const [adv] = await query<{ id: number; slug: string }>(
      sql`select p.id, p.slug from advisors a join people p on p.id = a.person_id order by p.id limit 1 offset 3`,
    );
    const add = await submit(member.action, "/submit/member", {
      lab: "tiny-probabilistic-group",
      advisor: adv.slug,
      op: "add",
      role: "head",
      sourceUrl: "https://tiny.example.org/team",
    });
    expect((await decide(add, "approve")).status).toBe(200);
    const members = await getDb().select().from(labMembers).where(eq(labMembers.labId, labId));
    expect(members).toEqual([
      { labId, personId: adv.id, role: "head", current: true, sourceUrl: "https://tiny.example.org/team" },
    ]);

    const fd = await editForm("tiny-probabilistic-group");
    fd.set("description", "Second description");
    fd.set("students[0].count", "7");
    fd.set("students[0].sourceUrl", "https://tiny.example.org/students");
    fd.set("students[0].asOf", "2024-10-01");
    const edit = await submit(editLab.action, "/submit/lab/tiny-probabilistic-group", fd, {
      slug: "tiny-probabilistic-group",
    });
    const item = (await moderationQueue()).find((q) => q.id === edit)!;
    const changed = item.changes.flatMap((c) =>
      c.fields.filter((f) => f.changed).map((f) => `${f.field}: ${f.before} -> ${f.after}`),
    );
    expect(changed).toEqual([
      "Description: First description -> Second description",
      "PhD students: — -> 7",
      "Students source: — -> https://tiny.example.org/students",
      "Students as of: — -> 2024-10-01",
    ]);
    expect((await decide(edit, "approve")).status).toBe(200);
    const [lab] = await getDb().select().from(labs).where(eq(labs.id, labId));
    expect(lab).toMatchObject({ description: "Second description", version: 3, needsIndex: true });
    const [a] = await getDb().select().from(advisors).where(eq(advisors.personId, adv.id));
    expect(a).toMatchObject({
      studentCount: 7,
      studentCountSourceUrl: "https://tiny.example.org/students",
      studentCountAsOf: "2024-10-01",
      needsIndex: true,
    });
    expect((await getAdvisor(adv.slug))!.entry.studentCount).toBe(7);
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.submissionId, edit)).orderBy(auditLog.id);
    expect(rows.map((r) => r.entityType)).toEqual(["lab", "advisor"]);

    // Revert the lab half from the audit view: the description comes back, the revert is audited.
    const revert = await call(audit.action, {
      path: "/audit",
      form: { auditId: String(rows[0].id), confirm: "yes" },
      cookie: moderator,
      ip: ip(),
    });
    expect(revert.status, JSON.stringify(revert.body)).toBe(200);
    const [after] = await getDb().select().from(labs).where(eq(labs.id, labId));
    expect(after).toMatchObject({ description: "First description", version: 4 });
    const [last] = await getDb()
      .select()
      .from(auditLog)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(last).toMatchObject({ action: "revert", revertsAuditId: rows[0].id, actorId: moderatorId, entityId: labId });
    expect((last.before as { description: string }).description).toBe("Second description");
    const view = await call(audit.loader, { path: `/audit?entity=lab&id=${labId}`, cookie: moderator });
    const entries = (view.body as { entries: { id: number; revertedBy: number[]; changes: { field: string }[] }[] })
      .entries;
    expect(entries.find((e) => e.id === rows[0].id)!.revertedBy).toEqual([last.id]);
    expect(entries.find((e) => e.id === last.id)!.changes.map((c) => c.field)).toEqual(["Description"]);
  });

  it("shows a conflict instead of overwriting when the entry changed since the proposal", async () => {
    const fd1 = await editForm("tiny-probabilistic-group");
    const fd2 = await editForm("tiny-probabilistic-group");
    fd1.set("city", "Paris");
    fd2.set("city", "Lyon");
    const first = await submit(editLab.action, "/submit/lab/tiny-probabilistic-group", fd1, {
      slug: "tiny-probabilistic-group",
    });
    const second = await submit(editLab.action, "/submit/lab/tiny-probabilistic-group", fd2, {
      slug: "tiny-probabilistic-group",
    });
    expect((await decide(first, "approve")).status).toBe(200);
    const auditCount = (await getDb().select().from(auditLog)).length;
    const res = await decide(second, "approve");
    expect(res.status).toBe(409);
    expect((res.body as { message: string }).message).toMatch(/changed since/);
    const [lab] = await getDb().select().from(labs).where(eq(labs.id, labId));
    expect(lab.city).toBe("Paris");
    expect((await getDb().select().from(auditLog)).length).toBe(auditCount);
    const [s] = await getDb().select().from(submissions).where(eq(submissions.id, second));
    expect(s.state).toBe("conflict");
    // The queue shows it against the current values; approving what was compared applies it.
    const item = (await moderationQueue()).find((q) => q.id === second)!;
    expect(item.state).toBe("conflict");
    expect(item.changes[0].fields.find((f) => f.field === "City")).toMatchObject({
      before: "Paris",
      after: "Lyon",
      changed: true,
    });
    expect((await decide(second, "approve")).status).toBe(409); // without the compared versions: still refused
    const ok = await decide(second, "approve", { seen: item.seen });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await getDb().select().from(labs).where(eq(labs.id, labId)))[0].city).toBe("Lyon");
    // A stale comparison is a conflict again.
    expect((await approveSubmission({ submissionId: second, moderatorId, seen: item.seen })).status).toBe("already");
  });

  it("refuses to revert a change that later changes built on", async () => {
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.entityId, labId)).orderBy(auditLog.id);
    // The first lab edit is already reverted; the second (city: Paris) was overwritten by Lyon since.
    const oldest = rows.filter((r) => r.entityType === "lab" && r.action === "lab_edit")[1];
    const res = await call(audit.action, {
      path: "/audit",
      form: { auditId: String(oldest.id), confirm: "yes" },
      cookie: moderator,
      ip: ip(),
    });
    expect(res.status).toBe(409);
    expect((res.body as { message: string }).message).toMatch(/Revert the later changes first/);
  });

  it("applies an affiliation correction, which wins over the derived institution", async () => {
    const [adv] = await query<{ slug: string }>(
      sql`select p.slug from advisors a join people p on p.id = a.person_id order by p.id limit 1 offset 5`,
    );
    const id = await submit(affiliation.action, "/submit/affiliation", {
      advisor: adv.slug,
      institution: "University of Toronto",
      sourceUrl: "https://www.cs.toronto.edu/people",
    });
    expect((await decide(id, "approve")).status).toBe(200);
    const d = await getAdvisor(adv.slug);
    expect(d!.entry.institution).toBe("University of Toronto");
    expect(d!.correctionSourceUrl).toBe("https://www.cs.toronto.edu/people");
  });

  it("rejects with a note, changes nothing, and a decided submission cannot be decided again", async () => {
    const id = await submit(newLab.action, "/submit/new-lab", {
      ...base,
      name: "Rejected Robotics Lab",
      company: "Nope Inc",
    });
    const labCount = (await getDb().select().from(labs)).length;
    expect((await decide(id, "reject", { note: "No source shows this lab." })).status).toBe(200);
    expect((await getDb().select().from(labs)).length).toBe(labCount);
    const [s] = await getDb().select().from(submissions).where(eq(submissions.id, id));
    expect(s).toMatchObject({ state: "rejected", moderatorNote: "No source shows this lab." });
    expect((await decide(id, "approve")).status).toBe(409);
    expect((await moderationQueue()).some((q) => q.id === id)).toBe(false);
  });

  it("reverts a new lab by removing it, and that revert can itself be reverted", async () => {
    const id = await submit(newLab.action, "/submit/new-lab", {
      ...base,
      name: "Short Lived Lab",
      company: "Ephemeral SA",
    });
    await decide(id, "approve");
    const [s] = await getDb().select().from(submissions).where(eq(submissions.id, id));
    const [created] = await getDb().select().from(auditLog).where(eq(auditLog.submissionId, id));
    expect(
      (
        await call(audit.action, {
          path: "/audit",
          form: { auditId: String(created.id), confirm: "yes" },
          cookie: moderator,
          ip: ip(),
        })
      ).status,
    ).toBe(200);
    expect(await getDb().select().from(labs).where(eq(labs.id, s.labId!))).toEqual([]);
    const [removal] = await getDb()
      .select()
      .from(auditLog)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(removal).toMatchObject({ action: "revert", after: null });
    expect(
      (
        await call(audit.action, {
          path: "/audit",
          form: { auditId: String(removal.id), confirm: "yes" },
          cookie: moderator,
          ip: ip(),
        })
      ).status,
    ).toBe(200);
    const [back] = await getDb().select().from(labs).where(eq(labs.id, s.labId!));
    expect(back).toMatchObject({ name: "Short Lived Lab", slug: "short-lived-lab" });
  });

  it("keeps the audit log append-only, even for direct SQL", async () => {
    await expect(getDb().execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it("lists pending submissions oldest first", async () => {
    const a = await submit(newLab.action, "/submit/new-lab", { ...base, name: "Queue Alpha Lab", company: "Alpha" });
    const b = await submit(newLab.action, "/submit/new-lab", { ...base, name: "Queue Beta Lab", company: "Beta" });
    const ids = (await moderationQueue()).map((q) => q.id);
    expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));
    const times = (await moderationQueue()).map((q) => q.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it("reads a page of the queue in a fixed number of queries, not a few per submission", async () => {
    const shipped = await query<{ slug: string }>(sql`select slug from labs order by id limit 6`);
    expect(shipped).toHaveLength(6);
    const edits: number[] = [];
    for (const { slug } of shipped) {
      const fd = await editForm(slug);
      fd.set("description", `Queue batching check for ${slug}`);
      edits.push(await submit(editLab.action, `/submit/lab/${slug}`, fd, { slug }));
    }
    const db = getDb();
    const selects = vi.spyOn(db, "select");
    try {
      const queue = await moderationQueue(1000);
      const page = queue.filter((q) => edits.includes(q.id));
      expect(page).toHaveLength(6);
      for (const item of page)
        expect(item.changes[0].fields.find((f) => f.field === "Description")?.changed).toBe(true);
      // The submissions, labs, lab members, advisors, audit versions, institution and people names.
      expect(selects.mock.calls.length).toBeLessThanOrEqual(7);
    } finally {
      selects.mockRestore();
    }
  });
});
