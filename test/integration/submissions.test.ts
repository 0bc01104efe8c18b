import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { LIMITS } from "~/lib/auth/rate-limit.server";
import { BACKOFF } from "~/lib/auth/signin-throttle.server";
import { HONEYPOT } from "~/lib/curation/forms/fields";
import { getDb, query } from "~/lib/db.server";
import * as mine from "~/routes/account.submissions";
import * as signin from "~/routes/signin";
import * as signup from "~/routes/signup";
import * as affiliation from "~/routes/submit.affiliation";
import * as editLab from "~/routes/submit.lab.$slug";
import * as member from "~/routes/submit.member";
import * as newLab from "~/routes/submit.new-lab";
import { labs, submissions, users } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, fieldErrors, initialValue, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

let cookie: string;
let userId: number;
let ipCounter = 0;
const ip = () => `198.51.100.${++ipCounter % 250}-${ipCounter}`;

let memberSlug: string;

beforeAll(async () => {
  // The shipped labs may list no advisors yet: give Mila one, as an approved addition would.
  const [adv] = await query<{ id: number; slug: string }>(
    sql`select p.id, p.slug from advisors a join people p on p.id = a.person_id order by p.id limit 1`,
  );
  await getDb().execute(
    sql`insert into lab_members (lab_id, person_id, role, source_url) select id, ${adv.id}, 'advisor', 'https://mila.quebec' from labs where slug = 'mila'`,
  );
  memberSlug = adv.slug;
  const u = await createUser({ email: "contrib@example.org", password: "correct horse battery" });
  userId = u.id;
  cookie = await sessionCookie(u.id);
});

const validLab = {
  name: "Laboratoire d'Apprentissage Statistique",
  kind: "industry",
  company: "Example Robotics",
  city: "Lyon",
  country: "FR",
  description: "Probabilistic machine learning.\nTwo lines.",
  website: "https://example.org/lab",
  cifre: "offers",
  cifreEvidenceUrl: "https://example.org/cifre",
  recruiting: "yes",
  recruitingVerifiedAt: "2024-05-01",
  recruitingSourceUrl: "https://example.org/jobs",
  sourceUrl: "https://example.org/about",
};

async function countSubmissions() {
  const [r] = await query<{ n: number }>(sql`select count(*)::int as n from submissions`);
  return r.n;
}

describe("proposing a new lab", () => {
  it("stores a valid proposal as pending, changes no public entry, and lists it under My submissions", async () => {
    const labsBefore = await getDb().select({ id: labs.id }).from(labs);
    const res = await call(newLab.action, { path: "/submit/new-lab", form: validLab, cookie, ip: ip() });
    expect(res.status).toBe(302);
    const id = Number(/sent=(\d+)/.exec(res.location!)![1]);
    const [row] = await getDb().select().from(submissions).where(eq(submissions.id, id));
    expect(row).toMatchObject({ kind: "lab_new", state: "pending", submittedBy: userId });
    expect(row.payload).toMatchObject({
      lab: {
        name: validLab.name,
        company: "Example Robotics",
        country: "FR",
        kind: "industry",
        cifre: "offers",
        cifreEvidenceUrl: "https://example.org/cifre",
        recruiting: true,
        recruitingVerifiedAt: "2024-05-01",
        description: "Probabilistic machine learning.\nTwo lines.",
      },
    });
    expect(await getDb().select({ id: labs.id }).from(labs)).toHaveLength(labsBefore.length);
    const page = await call(mine.loader, { path: "/account/submissions", cookie });
    const list = (page.body as { submissions: { id: number; state: string }[] }).submissions;
    expect(list.find((s) => s.id === id)?.state).toBe("pending");
  });

  it("accepts an anonymous proposal, always pending, with no account attached", async () => {
    const res = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...validLab, name: "Anonymous Vision Group", company: "Other Corp" },
      ip: ip(),
    });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/submit\?sent=\d+$/);
    const id = Number(/sent=(\d+)/.exec(res.location!)![1]);
    const [row] = await getDb().select().from(submissions).where(eq(submissions.id, id));
    expect(row.state).toBe("pending");
    expect(row.submittedBy).toBeNull();
  });

  it("answers bad input with 400, a message next to each field, every typed value kept, nothing stored", async () => {
    const before = await countSubmissions();
    const bad = {
      ...validLab,
      name: "x",
      website: "javascript:alert(1)",
      recruitingVerifiedAt: "2024-13-45",
      country: "France",
      city: "a\u0000b",
    };
    const res = await call(newLab.action, { path: "/submit/new-lab", form: bad, cookie, ip: ip() });
    expect(res.status).toBe(400);
    const errors = fieldErrors(res.body);
    expect(Object.keys(errors).sort()).toEqual(["city", "country", "name", "recruitingVerifiedAt", "website"]);
    expect(errors.website[0]).toMatch(/http:\/\/ or https:\/\//);
    expect(errors.name[0]).toMatch(/at least 2/);
    const kept = initialValue(res.body);
    // (multipart bodies carry line breaks as CRLF)
    for (const [k, v] of Object.entries(bad)) expect(String(kept[k]).replace(/\r\n/g, "\n"), k).toBe(v);
    expect(await countSubmissions()).toBe(before);
  });

  it("asks for the evidence when a lab is said to offer CIFRE, and for the date a recruiting answer was checked", async () => {
    const res = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...validLab, cifreEvidenceUrl: "", recruitingVerifiedAt: "" },
      cookie,
      ip: ip(),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(fieldErrors(res.body)).sort()).toEqual(["cifreEvidenceUrl", "recruitingVerifiedAt"]);
  });

  it("warns about a similar lab at the same place before saving, and saves when told it is different", async () => {
    const [mila] = await getDb().select().from(labs).where(eq(labs.slug, "google-brain"));
    expect(mila.company).toBe("Google");
    const form = { ...validLab, name: "Google Brain Team", company: "Google", cifre: "unknown", cifreEvidenceUrl: "" };
    const before = await countSubmissions();
    const first = await call(newLab.action, { path: "/submit/new-lab", form, cookie, ip: ip() });
    expect(first.status).toBe(200);
    const dups = (first.body as { duplicates: { slug: string }[] }).duplicates;
    expect(dups.map((d) => d.slug)).toContain("google-brain");
    expect(initialValue(first.body).name).toBe("Google Brain Team");
    expect(await countSubmissions()).toBe(before);
    const second = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...form, confirmDuplicate: "yes" },
      cookie,
      ip: ip(),
    });
    expect(second.status).toBe(302);
    expect(await countSubmissions()).toBe(before + 1);
  });

  it("refuses a filled honeypot without storing anything", async () => {
    const before = await countSubmissions();
    const res = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...validLab, [HONEYPOT]: "555-1234" },
      ip: ip(),
    });
    expect(res.status).toBe(400);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error[""]).toBeTruthy();
    expect(await countSubmissions()).toBe(before);
  });

  it("needs an existing institution for an academic lab, and suggests near names", async () => {
    const res = await call(newLab.action, {
      path: "/submit/new-lab",
      form: { ...validLab, kind: "academic", company: "", institution: "Universite de Montral" },
      cookie,
      ip: ip(),
    });
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body).institution[0]).toMatch(/Université de Montréal/);
  });
});

describe("other proposals", () => {
  it("proposes an edit of a lab with student counts per advisor, based on the version shown", async () => {
    const form = await call(editLab.loader, { path: "/submit/lab/mila", params: { slug: "mila" } });
    const lab = (
      form.body as { lab: { defaultValue: Record<string, unknown> & { students: Record<string, string>[] } } }
    ).lab;
    expect(lab.defaultValue.students.length).toBeGreaterThan(0);
    const fd = new FormData();
    for (const [k, v] of Object.entries(lab.defaultValue)) if (k !== "students") fd.append(k, String(v));
    fd.set("description", "Quebec's AI institute.");
    lab.defaultValue.students.forEach((s, i) => {
      fd.append(`students[${i}].personId`, s.personId);
      fd.append(`students[${i}].version`, s.version);
    });
    fd.append("students[0].count", "12");
    fd.append("students[0].sourceUrl", "https://mila.quebec/en/person/yoshua-bengio");
    fd.append("students[0].asOf", "2024-09-01");
    const res = await call(editLab.action, {
      path: "/submit/lab/mila",
      params: { slug: "mila" },
      form: fd,
      cookie,
      ip: ip(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(302);
    const [row] = await getDb()
      .select()
      .from(submissions)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(row.kind).toBe("lab_edit");
    expect(row.baseVersion).toBe(Number(lab.defaultValue.baseVersion));
    expect((row.payload as { students: { studentCount: number | null }[] }).students[0].studentCount).toBe(12);
  });

  it("refuses an edit based on an outdated version, keeping what was typed", async () => {
    const form = await call(editLab.loader, { path: "/submit/lab/mit", params: { slug: "mit" } });
    const dv = (form.body as { lab: { defaultValue: Record<string, unknown> } }).lab.defaultValue;
    const fields = Object.fromEntries(
      Object.entries(dv)
        .filter(([k]) => k !== "students")
        .map(([k, v]) => [k, String(v)]),
    );
    const res = await call(editLab.action, {
      path: "/submit/lab/mit",
      params: { slug: "mit" },
      form: { ...fields, baseVersion: "999", description: "typed text" },
      cookie,
      ip: ip(),
    });
    expect(res.status).toBe(400);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error[""][0]).toMatch(
      /changed while you were editing/,
    );
    expect(initialValue(res.body).description).toBe("typed text");
  });

  it("proposes adding and removing an advisor, checking membership", async () => {
    const bengio = { slug: memberSlug };
    const dup = await call(member.action, {
      path: "/submit/member",
      form: { lab: "mila", advisor: `/advisors/${bengio.slug}`, op: "add", sourceUrl: "https://mila.quebec" },
      cookie,
      ip: ip(),
    });
    expect(dup.status).toBe(400);
    expect(fieldErrors(dup.body).advisor[0]).toMatch(/already in/);
    const remove = await call(member.action, {
      path: "/submit/member",
      form: { lab: "mila", advisor: bengio.slug, op: "remove", sourceUrl: "https://mila.quebec" },
      cookie,
      ip: ip(),
    });
    expect(remove.status).toBe(302);
    const unknown = await call(member.action, {
      path: "/submit/member",
      form: { lab: "nope", advisor: "no-such-person", op: "add", sourceUrl: "https://x.org" },
      cookie,
      ip: ip(),
    });
    expect(Object.keys(fieldErrors(unknown.body)).sort()).toEqual(["advisor", "lab"]);
  });

  it("proposes an affiliation correction to an existing institution", async () => {
    const [adv] = await query<{ slug: string }>(
      sql`select p.slug from advisors a join people p on p.id = a.person_id order by p.id limit 1`,
    );
    const res = await call(affiliation.action, {
      path: "/submit/affiliation",
      form: {
        advisor: `https://atlas.example/advisors/${adv.slug}`,
        institution: "University of Toronto",
        sourceUrl: "https://www.cs.toronto.edu/people",
      },
      ip: ip(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(302);
    const bad = await call(affiliation.action, {
      path: "/submit/affiliation",
      form: { advisor: adv.slug, institution: "Nowhere Institute of Nothing", sourceUrl: "ftp://x.org" },
      ip: ip(),
    });
    expect(Object.keys(fieldErrors(bad.body))).toEqual(["sourceUrl"]);
    const bad2 = await call(affiliation.action, {
      path: "/submit/affiliation",
      form: { advisor: adv.slug, institution: "Nowhere Institute of Nothing", sourceUrl: "https://x.org" },
      ip: ip(),
    });
    expect(Object.keys(fieldErrors(bad2.body))).toEqual(["institution"]);
  });
});

describe("accounts", () => {
  it("hashes passwords (never stored in clear) and answers a taken email exactly like a new one", async () => {
    const res = await call(signup.action, {
      path: "/signup",
      form: { email: "New.Person@Example.org", password: "a long enough password" },
      ip: ip(),
    });
    expect(res.status).toBe(302);
    const [u] = await getDb().select().from(users).where(eq(users.email, "new.person@example.org"));
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect(u.passwordHash).not.toContain("a long enough password");
    const again = await call(signup.action, {
      path: "/signup",
      form: { email: "new.person@example.org", password: "another password!" },
      ip: ip(),
    });
    // No "already exists": the same redirect, no cookie, and the owner's password is unchanged.
    expect({ status: again.status, location: again.location, setCookie: again.setCookie }).toEqual({
      status: res.status,
      location: res.location,
      setCookie: res.setCookie,
    });
    expect(res.location).toBe("/signin?registered=1&redirectTo=%2Fsubmit");
    const [still] = await getDb().select().from(users).where(eq(users.email, "new.person@example.org"));
    expect(still.passwordHash).toBe(u.passwordHash);
  });

  it("signs in with a cookie that is HttpOnly and SameSite=Lax", async () => {
    const res = await call(signin.action, {
      path: "/signin",
      form: { email: "Contrib@Example.org", password: "correct horse battery", redirectTo: "/account/submissions" },
      ip: ip(),
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account/submissions");
    expect(res.setCookie).toMatch(/^__session=[^;]+;/);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Lax/i);
    expect(res.setCookie).not.toMatch(/Secure/i); // plain http; ATLAS_HTTPS=1 adds Secure
    // A crafted redirect to another site is ignored.
    const away = await call(signin.action, {
      path: "/signin",
      form: { email: "contrib@example.org", password: "correct horse battery", redirectTo: "//evil.example/x" },
      ip: ip(),
    });
    expect(away.location).toBe("/");
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const a = await call(signin.action, {
      path: "/signin",
      form: { email: "contrib@example.org", password: "wrong password" },
      ip: ip(),
    });
    const b = await call(signin.action, {
      path: "/signin",
      form: { email: "nobody@example.org", password: "wrong password" },
      ip: ip(),
    });
    expect(a.status).toBe(400);
    expect(b.status).toBe(400);
    expect(a.body).toEqual({ result: { ...(a.body as { result: object }).result, initialValue: expect.anything() } });
    expect((a.body as { result: { error: unknown } }).result.error).toEqual(
      (b.body as { result: { error: unknown } }).result.error,
    );
    expect(JSON.stringify((a.body as { result: unknown }).result)).not.toContain("wrong password");
  });

  it("backs off sign-in per email, from any address, with the same message for unknown emails", async () => {
    for (const email of ["contrib@example.org", "ghost@example.org"]) {
      let last = { status: 0, body: null as unknown };
      for (let i = 0; i <= BACKOFF.freeFailures; i++) {
        last = await call(signin.action, { path: "/signin", form: { email, password: "guess number " + i }, ip: ip() });
      }
      expect(last.status, email).toBe(429);
      expect(JSON.stringify(last.body)).toMatch(/Too many sign-in attempts/);
    }
    // A browser that never signed in to the account waits out the back-off, even with the right
    // password (hardening.test.ts shows the owner's own browser is not held back). The last failure
    // is set to now, so a slow machine cannot let the short first back-off run out before the check.
    await getDb().execute(sql`update signin_throttle set last_failure_at = now()`);
    const right = await call(signin.action, {
      path: "/signin",
      form: { email: "contrib@example.org", password: "correct horse battery" },
      ip: ip(),
    });
    expect(right.status).toBe(429);
  });

  it("rate-limits every POST per IP, stored in Postgres", async () => {
    const fixed = "192.0.2.77";
    let status = 0;
    for (let i = 0; i <= LIMITS.submit.ip.max; i++) {
      status = (await call(member.action, { path: "/submit/member", form: { lab: "" }, ip: fixed })).status;
    }
    expect(status).toBe(429);
    const [row] = await query<{ count: number }>(
      sql`select count from rate_limits where key = ${`ip:${fixed}:submit`}`,
    );
    expect(row.count).toBe(LIMITS.submit.ip.max + 1);
  });
});
