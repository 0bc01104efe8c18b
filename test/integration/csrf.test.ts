/**
 * CSRF tokens (app/lib/auth/csrf.server.ts, checked by guardPost in every action): refused with
 * a 403 and nothing stored when missing, wrong, from another session or another anonymous
 * visitor, or replayed after sign-out; accepted when the page's own token comes back.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { CSRF_REFUSED, issueCsrf } from "~/lib/auth/csrf.server";
import { query } from "~/lib/db.server";
import * as root from "~/root";
import * as audit from "~/routes/audit";
import * as moderate from "~/routes/moderate";
import * as signin from "~/routes/signin";
import * as signout from "~/routes/signout";
import * as signup from "~/routes/signup";
import * as affiliation from "~/routes/submit.affiliation";
import * as editLab from "~/routes/submit.lab.$slug";
import * as member from "~/routes/submit.member";
import * as newLab from "~/routes/submit.new-lab";
import { useTestDatabase } from "../support/database";
import { call, csrfFor, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

const PASSWORD = "correct horse battery staple";
let alice: { id: number; cookie: string };
let bob: { id: number; cookie: string };
let moderator: { id: number; cookie: string };
let ipCounter = 0;
const ip = () => `192.0.2.${++ipCounter}`;

beforeAll(async () => {
  const a = await createUser({ email: "alice-csrf@example.org", password: PASSWORD });
  const b = await createUser({ email: "bob-csrf@example.org", password: PASSWORD });
  const m = await createUser({ email: "mod-csrf@example.org", password: PASSWORD, role: "moderator" });
  alice = { id: a.id, cookie: await sessionCookie(a.id) };
  bob = { id: b.id, cookie: await sessionCookie(b.id) };
  moderator = { id: m.id, cookie: await sessionCookie(m.id) };
});

async function counts() {
  const [r] = await query<{ submissions: number; users: number; audit: number; sessions: number }>(
    sql`select (select count(*)::int from submissions) as submissions, (select count(*)::int from users) as users,
               (select count(*)::int from audit_log) as audit, (select count(*)::int from sessions) as sessions`,
  );
  return r;
}

const newLabForm = {
  name: "CSRF Test Lab",
  kind: "industry",
  company: "Example Robotics",
  country: "FR",
  city: "Paris",
  sourceUrl: "https://example.org/csrf-lab",
};

// Every action, with a form it would otherwise read (validation 400s are fine: the point is the 403 comes first).
const ACTIONS = [
  {
    name: "sign in",
    handler: signin.action,
    path: "/signin",
    form: { email: "alice-csrf@example.org", password: PASSWORD },
  },
  {
    name: "sign up",
    handler: signup.action,
    path: "/signup",
    form: { email: "new-csrf@example.org", password: PASSWORD },
  },
  { name: "sign out", handler: signout.action, path: "/signout", form: {} },
  { name: "new lab", handler: newLab.action, path: "/submit/new-lab", form: newLabForm },
  {
    name: "lab edit",
    handler: editLab.action,
    path: "/submit/lab/mila",
    params: { slug: "mila" },
    form: { ...newLabForm, name: "Mila", kind: "academic", baseVersion: "1" },
  },
  {
    name: "member",
    handler: member.action,
    path: "/submit/member",
    form: { lab: "mila", op: "add", advisor: "/advisors/x", sourceUrl: "https://example.org/m" },
  },
  {
    name: "affiliation",
    handler: affiliation.action,
    path: "/submit/affiliation",
    form: { advisor: "/advisors/x", institution: "Somewhere", sourceUrl: "https://example.org/a" },
  },
  { name: "moderate", handler: moderate.action, path: "/moderate", form: { submissionId: "1", decision: "approve" } },
  { name: "audit revert", handler: audit.action, path: "/audit", form: { auditId: "1", confirm: "yes" } },
] as const;

describe("every action refuses a POST without this visitor's token", () => {
  for (const a of ACTIONS) {
    it(`${a.name}: no token, a wrong one, another session's: 403 and nothing stored`, async () => {
      const before = await counts();
      const cookie = a.name === "moderate" || a.name === "audit revert" ? moderator.cookie : alice.cookie;
      const params = "params" in a ? a.params : undefined;
      const missing = await call(a.handler, { path: a.path, params, form: a.form, cookie, ip: ip(), csrf: false });
      expect(missing.status).toBe(403);
      expect(missing.body).toBe(CSRF_REFUSED);
      const wrong = await call(a.handler, {
        path: a.path,
        params,
        form: { ...a.form, csrf: "x".repeat(43) },
        cookie,
        ip: ip(),
      });
      expect(wrong.status).toBe(403);
      const bobs = (await csrfFor(bob.cookie)).token;
      const foreign = await call(a.handler, {
        path: a.path,
        params,
        form: { ...a.form, csrf: bobs },
        cookie,
        ip: ip(),
      });
      expect(foreign.status).toBe(403);
      // Anonymous: no __csrf cookie at all.
      const anonymous = await call(a.handler, { path: a.path, params, form: a.form, ip: ip(), csrf: false });
      expect(anonymous.status).toBe(403);
      expect(await counts()).toEqual(before);
    });
  }
});

describe("anonymous visitors", () => {
  it("a form page's loader hands out a token and the __csrf cookie, and keeps them for the same visitor", async () => {
    const first = await call(signin.loader, { path: "/signin" });
    expect(first.status).toBe(200);
    const token = (first.body as { csrf: string }).csrf;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // `call` reads a data() answer without its headers: ask the module as the loader does.
    const issued = await issueCsrf(new Request("http://localhost/signin"));
    expect(issued.setCookie).toMatch(/^__csrf=.*HttpOnly.*SameSite=Lax/i);
    const cookie = issued.setCookie!.split(";")[0];
    const again = await issueCsrf(new Request("http://localhost/submit/new-lab", { headers: { Cookie: cookie } }));
    expect(again).toEqual({ token: issued.token, setCookie: null });
  });

  it("another anonymous visitor's token is refused; the visitor's own is accepted", async () => {
    const mine = await csrfFor(null);
    const theirs = await csrfFor(null);
    expect(mine.token).not.toBe(theirs.token);
    const form = { email: "nobody-csrf@example.org", password: "wrong password here" };
    const foreign = await call(signin.action, {
      path: "/signin",
      form: { ...form, csrf: theirs.token },
      cookie: mine.cookie,
      ip: ip(),
    });
    expect(foreign.status).toBe(403);
    const own = await call(signin.action, {
      path: "/signin",
      form: { ...form, csrf: mine.token },
      cookie: mine.cookie,
      ip: ip(),
    });
    expect(own.status).toBe(400); // read, then refused as a wrong password
  });

  it("a tampered __csrf cookie (signature broken) gives no valid token", async () => {
    const mine = await csrfFor(null);
    const tampered = mine.cookie!.replace(/^__csrf=(.)/, (_, c: string) => `__csrf=${c === "A" ? "B" : "A"}`);
    const r = await call(signin.action, {
      path: "/signin",
      form: { email: "a@example.org", password: "whatever it is", csrf: mine.token },
      cookie: tampered,
      ip: ip(),
    });
    expect(r.status).toBe(403);
  });

  it("two csrf fields are refused even if one is right", async () => {
    const mine = await csrfFor(null);
    const fd = new FormData();
    fd.append("email", "a@example.org");
    fd.append("password", "whatever it is");
    fd.append("csrf", mine.token);
    fd.append("csrf", "guess");
    const r = await call(signin.action, { path: "/signin", form: fd, cookie: mine.cookie, ip: ip() });
    expect(r.status).toBe(403);
  });
});

describe("signed-in visitors", () => {
  it("the root loader gives a signed-in visitor the session's token, and an anonymous one none", async () => {
    const signedIn = await call(root.loader, { path: "/labs", cookie: alice.cookie });
    expect((signedIn.body as { csrf?: string }).csrf).toBe((await csrfFor(alice.cookie)).token);
    const anonymous = await call(root.loader, { path: "/labs" });
    expect((anonymous.body as { csrf?: string }).csrf).toBeUndefined();
  });

  it("a valid token is accepted: a new-lab proposal is stored", async () => {
    const before = await counts();
    const { token } = await csrfFor(alice.cookie);
    const r = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...newLabForm, name: "CSRF Accepted Lab", csrf: token },
      cookie: alice.cookie,
      ip: ip(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(302);
    expect((await counts()).submissions).toBe(before.submissions + 1);
  });

  it("after sign-out, the old token is refused, with the old cookie replayed and in a new session", async () => {
    const cookie = await sessionCookie(alice.id);
    const { token } = await csrfFor(cookie);
    const out = await call(signout.action, { path: "/signout", form: { csrf: token }, cookie, ip: ip() });
    expect(out.status).toBe(302);
    const before = await counts();
    const replayed = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...newLabForm, name: "Replayed Lab", csrf: token },
      cookie,
      ip: ip(),
    });
    expect(replayed.status).toBe(403);
    const fresh = await sessionCookie(alice.id);
    const inNewSession = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...newLabForm, name: "Replayed Lab", csrf: token },
      cookie: fresh,
      ip: ip(),
    });
    expect(inNewSession.status).toBe(403);
    expect((await counts()).submissions).toBe(before.submissions);
  });

  it("the anonymous token of the sign-in page no longer works once signed in (bound to the session)", async () => {
    const anonymous = await csrfFor(null);
    const signedIn = await call(signin.action, {
      path: "/signin",
      form: { email: "bob-csrf@example.org", password: PASSWORD, csrf: anonymous.token },
      cookie: anonymous.cookie,
      ip: ip(),
    });
    expect(signedIn.status).toBe(302);
    const session = signedIn.setCookie!.split(";")[0];
    const cookie = `${anonymous.cookie}; ${session}`;
    const r = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...newLabForm, name: "Stale Token Lab", csrf: anonymous.token },
      cookie,
      ip: ip(),
    });
    expect(r.status).toBe(403);
    const ok = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...newLabForm, name: "Fresh Token Lab" },
      cookie,
      ip: ip(),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(302);
  });
});
