/**
 * Who may do what: every route's page (GET) and form (POST), for an anonymous visitor, a
 * contributor and a moderator. Also: no GET changes anything, and every POST is rate-limited.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { LIMITS } from "~/lib/auth/rate-limit.server";
import { getDb, query } from "~/lib/db.server";
import * as root from "~/root";
import * as mine from "~/routes/account.submissions";
import * as audit from "~/routes/audit";
import * as moderate from "~/routes/moderate";
import * as signin from "~/routes/signin";
import * as signout from "~/routes/signout";
import * as signup from "~/routes/signup";
import * as submitIndex from "~/routes/submit._index";
import * as affiliation from "~/routes/submit.affiliation";
import * as editLab from "~/routes/submit.lab.$slug";
import * as chooseLab from "~/routes/submit.lab._index";
import * as member from "~/routes/submit.member";
import * as newLab from "~/routes/submit.new-lab";
import { submissions } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, type Outcome, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

type Role = "anonymous" | "contributor" | "moderator";
const ROLES: Role[] = ["anonymous", "contributor", "moderator"];
const cookies: Record<Role, string | null> = { anonymous: null, contributor: null, moderator: null };
const userIds: Record<Role, number | null> = { anonymous: null, contributor: null, moderator: null };
// Signing out ends the session on the server: the sign-out rows get a session of their own.
const cookieFor = async (role: Role, row: { path: string }) =>
  row.path === "/signout" && userIds[role] !== null ? sessionCookie(userIds[role]!) : cookies[role];
let pendingId: number;

beforeAll(async () => {
  userIds.contributor = (await createUser({ email: "contrib@example.org", password: "contributor password" })).id;
  userIds.moderator = (
    await createUser({ email: "mod@example.org", password: "moderator password", role: "moderator" })
  ).id;
  cookies.contributor = await sessionCookie(userIds.contributor);
  cookies.moderator = await sessionCookie(userIds.moderator);
  const [row] = await getDb()
    .insert(submissions)
    .values({ kind: "lab_new", payload: { lab: { name: "Pending Lab" } }, submitterIp: "x" })
    .returning({ id: submissions.id });
  pendingId = row.id;
});

// An expectation: a status, and for redirects where they lead.
type Expect = number | { status: 302; to: RegExp };
const SIGNIN: Expect = { status: 302, to: /^\/signin\?redirectTo=/ };
const HOME: Expect = { status: 302, to: /^\/$/ };
type Handler = Parameters<typeof call>[0];
type Row = {
  name: string;
  handler: Handler;
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  expect: Record<Role, Expect>;
};
const all = (e: Expect): Record<Role, Expect> => ({ anonymous: e, contributor: e, moderator: e });

const PAGES: Row[] = [
  { name: "root (nav)", handler: root.loader as Handler, path: "/", expect: all(200) },
  {
    name: "GET /signup",
    handler: signup.loader,
    path: "/signup",
    expect: { anonymous: 200, contributor: HOME, moderator: HOME },
  },
  {
    name: "GET /signin",
    handler: signin.loader,
    path: "/signin",
    expect: { anonymous: 200, contributor: HOME, moderator: HOME },
  },
  {
    name: "GET /signout",
    handler: signout.loader,
    path: "/signout",
    expect: { anonymous: HOME, contributor: 200, moderator: 200 },
  },
  { name: "GET /submit", handler: submitIndex.loader, path: "/submit?lab=mit", expect: all(200) },
  { name: "GET /submit/new-lab", handler: newLab.loader, path: "/submit/new-lab", expect: all(200) },
  { name: "GET /submit/lab", handler: chooseLab.loader as Handler, path: "/submit/lab", expect: all(200) },
  {
    name: "GET /submit/lab/:slug",
    handler: editLab.loader,
    path: "/submit/lab/mit",
    params: { slug: "mit" },
    expect: all(200),
  },
  {
    name: "GET /submit/lab/:unknown",
    handler: editLab.loader,
    path: "/submit/lab/nope",
    params: { slug: "nope" },
    expect: all(404),
  },
  { name: "GET /submit/member", handler: member.loader, path: "/submit/member", expect: all(200) },
  { name: "GET /submit/affiliation", handler: affiliation.loader, path: "/submit/affiliation", expect: all(200) },
  {
    name: "GET /account/submissions",
    handler: mine.loader,
    path: "/account/submissions",
    expect: { anonymous: SIGNIN, contributor: 200, moderator: 200 },
  },
  {
    name: "GET /moderate",
    handler: moderate.loader,
    path: "/moderate",
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 200 },
  },
  {
    name: "GET /audit",
    handler: audit.loader,
    path: "/audit",
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 200 },
  },
];

// Forms posted empty: 400 means "allowed, and the input was checked"; nothing is written.
const ACTIONS: Row[] = [
  { name: "POST /signup", handler: signup.action, path: "/signup", form: {}, expect: all(400) },
  { name: "POST /signin", handler: signin.action, path: "/signin", form: {}, expect: all(400) },
  { name: "POST /signout", handler: signout.action, path: "/signout", form: {}, expect: all(HOME) },
  { name: "POST /submit/new-lab", handler: newLab.action, path: "/submit/new-lab", form: {}, expect: all(400) },
  {
    name: "POST /submit/lab/:slug",
    handler: editLab.action,
    path: "/submit/lab/mit",
    params: { slug: "mit" },
    form: {},
    expect: all(400),
  },
  { name: "POST /submit/member", handler: member.action, path: "/submit/member", form: {}, expect: all(400) },
  {
    name: "POST /submit/affiliation",
    handler: affiliation.action,
    path: "/submit/affiliation",
    form: {},
    expect: all(400),
  },
  {
    name: "POST /moderate",
    handler: moderate.action,
    path: "/moderate",
    form: {},
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 400 },
  },
  {
    name: "POST /moderate approve",
    handler: moderate.action,
    path: "/moderate",
    form: { intent: "approve" },
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 400 },
  },
  {
    name: "POST /audit",
    handler: audit.action,
    path: "/audit",
    form: {},
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 400 },
  },
  {
    name: "POST /audit revert #999999",
    handler: audit.action,
    path: "/audit",
    form: { auditId: "999999" },
    expect: { anonymous: SIGNIN, contributor: 403, moderator: 404 },
  },
];

let ipSeq = 0;
function check(res: Outcome, expected: Expect, label: string) {
  if (typeof expected === "number") {
    expect(res.status, label).toBe(expected);
  } else {
    expect(res.status, label).toBe(expected.status);
    expect(res.location, label).toMatch(expected.to);
  }
}

async function tableCounts() {
  const [r] = await query<Record<string, number>>(
    sql`select (select count(*)::int from submissions) as submissions, (select count(*)::int from labs) as labs,
               (select count(*)::int from lab_members) as members, (select count(*)::int from audit_log) as audit,
               (select count(*)::int from users) as users, (select coalesce(sum(version), 0)::int from labs) as lab_versions,
               (select coalesce(sum(version), 0)::int from advisors) as advisor_versions`,
  );
  return r;
}

describe("access matrix", () => {
  for (const row of [...PAGES, ...ACTIONS]) {
    for (const role of ROLES) {
      it(`${row.name} as ${role}`, async () => {
        const res = await call(row.handler, {
          path: row.path,
          params: row.params,
          form: row.form,
          cookie: await cookieFor(role, row),
          ip: `172.16.0.${++ipSeq}`,
        });
        check(res, row.expect[role], `${row.name} as ${role}`);
      });
    }
  }

  it("a contributor cannot approve or reject a real submission", async () => {
    for (const intent of ["approve", "reject"]) {
      const res = await call(moderate.action, {
        path: "/moderate",
        form: { submissionId: String(pendingId), intent },
        cookie: cookies.contributor,
        ip: "172.16.1.1",
      });
      expect(res.status).toBe(403);
    }
    const [s] = await getDb().select().from(submissions).where(eq(submissions.id, pendingId));
    expect(s.state).toBe("pending");
  });

  it("no GET changes anything", async () => {
    const before = await tableCounts();
    for (const row of PAGES)
      for (const role of ROLES) await call(row.handler, { path: row.path, params: row.params, cookie: cookies[role] });
    expect(await tableCounts()).toEqual(before);
  });

  it("every POST is rate-limited per IP and per account", async () => {
    for (const row of ACTIONS) {
      // Per IP: fill this IP's windows, then post.
      const ip = `172.31.${++ipSeq}.1`;
      for (const scope of ["post", "submit"] as const) {
        const windowMs = LIMITS[scope].ip.windowSeconds * 1000;
        const start = new Date(Math.floor(Date.now() / windowMs) * windowMs).toISOString();
        await getDb().execute(
          sql`insert into rate_limits (key, window_start, count) values (${`ip:${ip}:${scope}`}, ${start}, ${LIMITS[scope].ip.max})`,
        );
      }
      const res = await call(row.handler, {
        path: row.path,
        params: row.params,
        form: row.form,
        cookie: await cookieFor("moderator", row),
        ip,
      });
      expect(res.status, `${row.name} per IP`).toBe(429);
    }
    // Per account: a fresh IP, but the moderator's account is over its limit.
    const [{ id }] = await query<{ id: number }>(sql`select id from users where email = 'mod@example.org'`);
    for (const scope of ["post", "submit"] as const) {
      const windowMs = LIMITS[scope].account.windowSeconds * 1000;
      const start = new Date(Math.floor(Date.now() / windowMs) * windowMs).toISOString();
      await getDb()
        .execute(sql`insert into rate_limits (key, window_start, count) values (${`user:${id}:${scope}`}, ${start}, ${LIMITS[scope].account.max})
        on conflict (key, window_start) do update set count = excluded.count`);
    }
    for (const row of ACTIONS) {
      const res = await call(row.handler, {
        path: row.path,
        params: row.params,
        form: row.form,
        cookie: await cookieFor("moderator", row),
        ip: `172.30.${++ipSeq}.1`,
      });
      expect(res.status, `${row.name} per account`).toBe(429);
    }
  });
});
