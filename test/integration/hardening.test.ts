/**
 * Issue 10 through the route actions on the shipped data: sessions that end on the server, the
 * revert chain, sign-in throttling that strangers cannot turn into a lock-out, weak passwords,
 * identical proposals, concurrent new labs with one name, the contributor seeing a revert.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureUser } from "~/lib/auth/accounts.server";
import { emailKey } from "~/lib/auth/rate-limit.server";
import { BACKOFF } from "~/lib/auth/signin-throttle.server";
import { getDb, query } from "~/lib/db.server";
import * as mine from "~/routes/account.submissions";
import * as audit from "~/routes/audit";
import * as moderate from "~/routes/moderate";
import * as signin from "~/routes/signin";
import * as signout from "~/routes/signout";
import * as signup from "~/routes/signup";
import * as affiliation from "~/routes/submit.affiliation";
import * as newLab from "~/routes/submit.new-lab";
import { auditLog, labs, signinThrottle, submissions } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, fieldErrors, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

let n = 0;
const ip = () => `10.9.${Math.floor(++n / 200)}.${n % 200}`;
let moderator: string;
let contributor: string;

beforeAll(async () => {
  moderator = await sessionCookie(
    (await createUser({ email: "mod@example.org", password: "moderator passphrase 1", role: "moderator" })).id,
  );
  contributor = await sessionCookie(
    (await createUser({ email: "con@example.org", password: "contributor passphrase 1" })).id,
  );
});

/** The cookies a response sets, as a Cookie header (the browser's jar, for one response). */
function jar(setCookie: string | null): string {
  return (setCookie ?? "")
    .split(/,(?=\s*__)/)
    .map((c) => c.split(";")[0].trim())
    .filter(Boolean)
    .join("; ");
}

async function signInAs(email: string, password: string, options: { cookie?: string; ipAddress?: string } = {}) {
  return call(signin.action, {
    path: "/signin",
    form: { email, password },
    ip: options.ipAddress ?? ip(),
    cookie: options.cookie,
  });
}

describe("sessions end on the server", () => {
  it("a replayed cookie opens nothing after sign-out", async () => {
    await createUser({ email: "leaver@example.org", password: "leaver passphrase 9" });
    const res = await signInAs("leaver@example.org", "leaver passphrase 9");
    expect(res.status).toBe(302);
    const cookie = jar(res.setCookie);
    expect((await call(mine.loader, { path: "/account/submissions", cookie })).status).toBe(200);
    const out = await call(signout.action, { path: "/signout", form: {}, cookie, ip: ip() });
    expect(out.status).toBe(302);
    const replay = await call(mine.loader, { path: "/account/submissions", cookie });
    expect(replay.status).toBe(302);
    expect(replay.location).toMatch(/^\/signin/);
  });

  it("a moderator's replayed cookie no longer opens /moderate or /audit", async () => {
    const cookie = await sessionCookie(
      (await createUser({ email: "mod2@example.org", password: "moderator passphrase 2", role: "moderator" })).id,
    );
    expect((await call(moderate.loader, { path: "/moderate", cookie })).status).toBe(200);
    await call(signout.action, { path: "/signout", form: {}, cookie, ip: ip() });
    for (const [handler, path] of [
      [moderate.loader, "/moderate"],
      [audit.loader, "/audit"],
    ] as const) {
      const r = await call(handler, { path, cookie });
      expect(r.status, path).toBe(302);
      expect(r.location).toMatch(/^\/signin/);
    }
  });

  it("a password change ends every session of the account", async () => {
    const u = await createUser({ email: "changer@example.org", password: "first passphrase 77" });
    const a = await sessionCookie(u.id);
    const b = await sessionCookie(u.id);
    await ensureUser({ email: "changer@example.org", password: "second passphrase 77", role: "contributor" });
    for (const cookie of [a, b])
      expect((await call(mine.loader, { path: "/account/submissions", cookie })).status).toBe(302);
  });
});

describe("the bootstrap moderator", () => {
  it("two processes ensuring the same account at once both succeed (one creates it)", async () => {
    const input = { email: "bootstrap@example.org", password: "bootstrap passphrase 5", role: "moderator" } as const;
    const results = await Promise.all([ensureUser(input), ensureUser(input)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results.every((r) => r.user.role === "moderator")).toBe(true);
  });
});

describe("sign-in throttling without lock-out", () => {
  const OWNER = { email: "owner@example.org", password: "owner passphrase 31" };
  let known = "";

  it("8 wrong passwords from 8 addresses do not lock the owner out of a browser they used before", async () => {
    await createUser(OWNER);
    const first = await signInAs(OWNER.email, OWNER.password);
    expect(first.status).toBe(302);
    known = jar(first.setCookie)
      .split("; ")
      .filter((c) => c.startsWith("__known="))
      .join("; ");
    expect(known).toMatch(/^__known=/);
    for (let i = 0; i < 8; i++) await signInAs(OWNER.email, `wrong guess ${i}`, { ipAddress: `203.0.113.${i + 10}` });
    // A stranger's browser is now held back, with the wait in Retry-After terms…
    const stranger = await signInAs(OWNER.email, "another guess");
    expect(stranger.status).toBe(429);
    expect(JSON.stringify(stranger.body)).toMatch(/Too many sign-in attempts\. Please wait \d+ seconds/);
    // …the owner's browser is not.
    const owner = await signInAs(OWNER.email, OWNER.password, { cookie: known });
    expect(owner.status).toBe(302);
  });

  it("from a new browser the owner waits at most the back-off cap, then gets in", async () => {
    for (let i = 0; i < 12; i++) await signInAs(OWNER.email, `wrong again ${i}`, { ipAddress: `203.0.113.${i + 30}` });
    const [row] = await getDb()
      .select()
      .from(signinThrottle)
      .where(eq(signinThrottle.key, emailKey(OWNER.email)));
    expect(row.failures).toBeGreaterThanOrEqual(BACKOFF.freeFailures);
    const refused = await signInAs(OWNER.email, OWNER.password);
    expect(refused.status).toBe(429);
    // The cap has passed since the last failure:
    await getDb()
      .update(signinThrottle)
      .set({ lastFailureAt: new Date(Date.now() - (BACKOFF.maxSeconds + 1) * 1000) })
      .where(eq(signinThrottle.key, emailKey(OWNER.email)));
    expect((await signInAs(OWNER.email, OWNER.password)).status).toBe(302);
  });

  it("a forged known-device cookie does not skip the back-off", async () => {
    for (let i = 0; i < 8; i++)
      await signInAs(OWNER.email, `wrong once more ${i}`, { ipAddress: `203.0.113.${i + 60}` });
    const forged = `__known=${Buffer.from(JSON.stringify([emailKey(OWNER.email)])).toString("base64")}`;
    expect((await signInAs(OWNER.email, OWNER.password, { cookie: forged })).status).toBe(429);
  });
});

describe("sign-up refuses weak passwords", () => {
  it.each([
    ["aaaaaaaaaa"],
    ["1234567890"],
    ["          "],
    ["weak.person@example.org"],
    ["password123"],
    ["qwertyuiop"],
    ["abcdefghijk"],
  ])("refuses %j", async (password) => {
    const res = await call(signup.action, {
      path: "/signup",
      form: { email: "weak.person@example.org", password },
      ip: ip(),
    });
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body).password?.[0]).toBeTruthy();
  });

  it("accepts a long uncommon one", async () => {
    const res = await call(signup.action, {
      path: "/signup",
      form: { email: "weak.person@example.org", password: "violet trombone under 9 bridges" },
      ip: ip(),
    });
    expect(res.status).toBe(302);
  });
});

describe("the revert chain", () => {
  const base = {
    name: "Revert Chain Lab",
    kind: "industry",
    company: "Chain SA",
    country: "FR",
    description: "v1",
    sourceUrl: "https://chain.example.org/about",
  };
  let labId: number;
  let slug: string;

  async function approve(id: number) {
    const r = await call(moderate.action, {
      path: "/moderate",
      form: { submissionId: String(id), intent: "approve" },
      cookie: moderator,
      ip: ip(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  async function propose(
    handler: Parameters<typeof call>[0],
    path: string,
    form: Record<string, string>,
    params: Record<string, string> = {},
  ) {
    const r = await call(handler, { path, form, cookie: contributor, ip: ip(), params });
    expect(r.status, JSON.stringify(r.body)).toBe(302);
    return Number(/sent=(\d+)/.exec(r.location!)![1]);
  }
  async function revert(auditId: number, confirm = true) {
    return call(audit.action, {
      path: "/audit",
      form: { auditId: String(auditId), ...(confirm ? { confirm: "yes" } : {}) },
      cookie: moderator,
      ip: ip(),
    });
  }
  async function editDescription(description: string) {
    const editLab = await import("~/routes/submit.lab.$slug");
    const form = await call(editLab.loader, { path: `/submit/lab/${slug}`, params: { slug } });
    const dv = (form.body as { lab: { defaultValue: Record<string, unknown> } }).lab.defaultValue;
    const fields = Object.fromEntries(
      Object.entries(dv)
        .filter(([k, v]) => k !== "students" && v !== undefined && v !== null)
        .map(([k, v]) => [k, String(v)]),
    );
    await approve(await propose(editLab.action, `/submit/lab/${slug}`, { ...fields, description }, { slug }));
  }
  const description = async () => (await getDb().select().from(labs).where(eq(labs.id, labId)))[0]?.description;
  const labAudit = async () => getDb().select().from(auditLog).where(eq(auditLog.entityId, labId)).orderBy(auditLog.id);

  // A new lab, three edits and three reverts, each approval a transaction: slow on a busy machine.
  it("reverts newest first, as far back as wanted, each revert raising the version", { timeout: 120_000 }, async () => {
    const id = await propose(newLab.action, "/submit/new-lab", base);
    await approve(id);
    [{ id: labId, slug }] = await getDb()
      .select({ id: labs.id, slug: labs.slug })
      .from(labs)
      .where(eq(labs.name, base.name));
    for (const d of ["v2", "v3", "v4"]) await editDescription(d);
    expect(await description()).toBe("v4");
    const edits = (await labAudit()).filter((r) => r.action === "lab_edit");
    expect(edits).toHaveLength(3);
    // Asking first: nothing changes without the confirmation.
    const ask = await revert(edits[2].id, false);
    expect(ask.status).toBe(200);
    expect(ask.body).toMatchObject({ confirm: edits[2].id });
    expect(await description()).toBe("v4");
    // The oldest cannot go before the newer ones.
    expect((await revert(edits[0].id)).status).toBe(409);
    for (const [edit, expected] of [
      [edits[2], "v3"],
      [edits[1], "v2"],
      [edits[0], "v1"],
    ] as const) {
      const r = await revert(edit.id);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(await description()).toBe(expected);
    }
    // Each reverted entry says so and offers no second revert.
    const view = await call(audit.loader, { path: `/audit?entity=lab&id=${labId}`, cookie: moderator });
    const entries = (view.body as { entries: { id: number; undoneBy: number | null }[] }).entries;
    for (const e of edits) expect(entries.find((x) => x.id === e.id)!.undoneBy).not.toBeNull();
    const again = await revert(edits[1].id);
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toMatch(/already reverted/);
  });

  it("reverts a revert, which puts the change back and makes it revertible again", async () => {
    const rows = await labAudit();
    const lastRevert = rows[rows.length - 1]; // undid the first edit (v2 -> v1)
    expect(lastRevert.action).toBe("revert");
    expect((await revert(lastRevert.id)).status).toBe(200);
    expect(await description()).toBe("v2");
    const firstEdit = rows.find((r) => r.action === "lab_edit")!;
    const view = await call(audit.loader, { path: `/audit?entity=lab&id=${labId}`, cookie: moderator });
    const entries = (view.body as { entries: { id: number; undoneBy: number | null }[] }).entries;
    expect(entries.find((x) => x.id === firstEdit.id)!.undoneBy).toBeNull();
    expect((await revert(firstEdit.id)).status).toBe(200);
    expect(await description()).toBe("v1");
  });

  it("reverts a chain of affiliation corrections, newest first", { timeout: 120_000 }, async () => {
    const [adv] = await query<{ id: number; slug: string }>(
      sql`select p.id, p.slug from advisors a join people p on p.id = a.person_id where a.corrected_institution_id is null order by p.id limit 1 offset 11`,
    );
    for (const institution of ["University of Toronto", "Stanford University"]) {
      await approve(
        await propose(affiliation.action, "/submit/affiliation", {
          advisor: adv.slug,
          institution,
          sourceUrl: "https://example.org/staff",
        }),
      );
    }
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityType} = 'advisor' and ${auditLog.entityId} = ${adv.id}`)
      .orderBy(auditLog.id);
    expect(rows).toHaveLength(2);
    expect((await revert(rows[1].id)).status).toBe(200);
    const second = await revert(rows[0].id);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const [after] = await query<{ c: number | null }>(
      sql`select corrected_institution_id as c from advisors where person_id = ${adv.id}`,
    );
    expect(after.c).toBeNull();
  });

  it("shows the contributor a reverted submission as reverted", async () => {
    const page = await call(mine.loader, { path: "/account/submissions", cookie: contributor });
    const list = (page.body as { submissions: { id: number; state: string }[] }).submissions;
    const [s] = await getDb()
      .select()
      .from(submissions)
      .where(eq(submissions.labId, labId))
      .orderBy(submissions.id)
      .limit(2)
      .offset(1);
    // The first edit (v2): reverted, put back, reverted again.
    expect(list.find((x) => x.id === s.id)!.state).toBe("reverted");
  });
});

describe("proposals and approvals under pressure", () => {
  it("refuses an identical pending proposal", async () => {
    const form = {
      name: "Twin Proposal Lab",
      kind: "industry",
      company: "Twin SA",
      sourceUrl: "https://twin.example.org",
    };
    const first = await call(newLab.action, { path: "/submit/new-lab", form, ip: ip() });
    expect(first.status).toBe(302);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(newLab.action, { path: "/submit/new-lab", form, ip: ip() })),
    );
    for (const r of results) {
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toMatch(/identical proposal is already waiting/);
    }
    const [row] = await query<{ n: number }>(
      sql`select count(*)::int as n from submissions where payload->'lab'->>'name' = 'Twin Proposal Lab'`,
    );
    expect(row.n).toBe(1);
  });

  it("two moderators approving two new labs with one name at once both succeed, with distinct slugs", async () => {
    const form = (company: string) => ({
      name: "Same Name Lab",
      kind: "industry",
      company,
      sourceUrl: `https://${company.toLowerCase()}.example.org`,
    });
    const ids: number[] = [];
    for (const c of ["Alpha", "Beta"]) {
      const r = await call(newLab.action, {
        path: "/submit/new-lab",
        form: { ...form(c), confirmDuplicate: "yes" },
        ip: ip(),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(302);
      ids.push(Number(/sent=(\d+)/.exec(r.location!)![1]));
    }
    const decisions = await Promise.all(
      ids.map((id) =>
        call(moderate.action, {
          path: "/moderate",
          form: { submissionId: String(id), intent: "approve" },
          cookie: moderator,
          ip: ip(),
        }),
      ),
    );
    expect(decisions.map((d) => d.status)).toEqual([200, 200]);
    const rows = await getDb().select({ slug: labs.slug }).from(labs).where(eq(labs.name, "Same Name Lab"));
    expect(rows.map((r) => r.slug).sort()).toEqual(["same-name-lab", "same-name-lab-2"]);
  });

  it("pages the moderation queue", async () => {
    for (let i = 0; i < 3; i++) {
      await call(newLab.action, {
        path: "/submit/new-lab",
        form: {
          name: `Paged Lab ${i}`,
          kind: "industry",
          company: `Paged ${i}`,
          sourceUrl: "https://paged.example.org",
        },
        ip: ip(),
      });
    }
    const [{ pending }] = await query<{ pending: number }>(
      sql`select count(*)::int as pending from submissions where state in ('pending', 'conflict')`,
    );
    const first = await call(moderate.loader, { path: "/moderate?per=2", cookie: moderator });
    const body = first.body as { queue: { id: number }[]; total: number; page: number; pages: number };
    expect(body.total).toBe(pending);
    expect(body.queue).toHaveLength(2);
    const second = await call(moderate.loader, { path: "/moderate?per=2&page=2", cookie: moderator });
    const ids2 = (second.body as { queue: { id: number }[] }).queue.map((q) => q.id);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids2).not.toContain(body.queue[0].id);
    expect((await call(moderate.loader, { path: "/moderate?page=abc", cookie: moderator })).status).toBe(400);
  });
});

describe("moderation shows and merges what it should", () => {
  it("an affiliation correction's diff shows the advisor's current derived institution as Now", async () => {
    const [adv] = await query<{ slug: string; inst: string }>(
      sql`select p.slug, i.name as inst from advisors a join people p on p.id = a.person_id join institutions i on i.id = a.institution_id where a.corrected_institution_id is null order by p.id limit 1 offset 21`,
    );
    const r = await call(affiliation.action, {
      path: "/submit/affiliation",
      form: { advisor: adv.slug, institution: "Stanford University", sourceUrl: "https://example.org/moved" },
      cookie: contributor,
      ip: ip(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(302);
    const id = Number(/sent=(\d+)/.exec(r.location!)![1]);
    const { moderationQueue } = await import("~/lib/curation/moderation.server");
    const item = (await moderationQueue(1000)).find((q) => q.id === id)!;
    const row = item.changes[0].fields.find((f) => f.field === "Corrected institution")!;
    expect(row.before).toBe(`${adv.inst} (derived from papers)`);
    expect(row.after).toBe("Stanford University");
  });

  it(
    "approving a stale edit against the current version keeps what a later edit set (three-way merge)",
    { timeout: 120_000 },
    async () => {
      const editLab = await import("~/routes/submit.lab.$slug");
      const base = {
        name: "Merge Lab",
        kind: "industry",
        company: "Merge SA",
        country: "FR",
        description: "start",
        city: "Paris",
        sourceUrl: "https://merge.example.org",
      };
      const created = await call(newLab.action, { path: "/submit/new-lab", form: base, cookie: contributor, ip: ip() });
      const createdId = Number(/sent=(\d+)/.exec(created.location!)![1]);
      await call(moderate.action, {
        path: "/moderate",
        form: { submissionId: String(createdId), intent: "approve" },
        cookie: moderator,
        ip: ip(),
      });
      const [{ slug }] = await getDb().select({ slug: labs.slug }).from(labs).where(eq(labs.name, "Merge Lab"));
      const loaded = await call(editLab.loader, { path: `/submit/lab/${slug}`, params: { slug } });
      const dv = (loaded.body as { lab: { defaultValue: Record<string, unknown> } }).lab.defaultValue;
      const fields = Object.fromEntries(
        Object.entries(dv)
          .filter(([k, v]) => k !== "students" && v !== undefined && v !== null)
          .map(([k, v]) => [k, String(v)]),
      );
      const send = async (change: Record<string, string>) => {
        const r = await call(editLab.action, {
          path: `/submit/lab/${slug}`,
          params: { slug },
          form: { ...fields, ...change },
          cookie: contributor,
          ip: ip(),
        });
        expect(r.status, JSON.stringify(r.body)).toBe(302);
        return Number(/sent=(\d+)/.exec(r.location!)![1]);
      };
      const first = await send({ description: "set by the first edit" });
      const second = await send({ city: "Lyon" });
      const decide = (id: number, extra: Record<string, string> = {}) =>
        call(moderate.action, {
          path: "/moderate",
          form: { submissionId: String(id), intent: "approve", ...extra },
          cookie: moderator,
          ip: ip(),
        });
      expect((await decide(first)).status).toBe(200);
      expect((await decide(second)).status).toBe(409);
      const { moderationQueue } = await import("~/lib/curation/moderation.server");
      const item = (await moderationQueue(1000)).find((q) => q.id === second)!;
      expect(item.changes[0].stale).toBe(true);
      const description = item.changes[0].fields.find((f) => f.field === "Description")!;
      expect(description).toMatchObject({
        base: "start",
        before: "set by the first edit",
        after: "set by the first edit",
        changed: false,
      });
      expect(item.changes[0].fields.find((f) => f.field === "City")).toMatchObject({
        base: "Paris",
        before: "Paris",
        after: "Lyon",
        changed: true,
      });
      expect((await decide(second, { seen: item.seen })).status).toBe(200);
      const [lab] = await getDb().select().from(labs).where(eq(labs.slug, slug));
      expect(lab).toMatchObject({ description: "set by the first edit", city: "Lyon" });
    },
  );
});
