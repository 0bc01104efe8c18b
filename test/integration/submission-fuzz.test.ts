/**
 * Thousands of malformed submissions through the real actions: missing fields, wrong types,
 * 1 MB strings, control characters, SQL and script payloads, bad URLs and dates, unreadable bodies.
 * Every one must get a 4xx with an error on the field at fault, store nothing and never 5xx;
 * then a valid control submission per form must be stored intact.
 */
import { desc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, query } from "~/lib/db.server";
import * as affiliation from "~/routes/submit.affiliation";
import * as editLab from "~/routes/submit.lab.$slug";
import * as member from "~/routes/submit.member";
import * as newLab from "~/routes/submit.new-lab";
import { submissions } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call } from "../support/remix";

useTestDatabase("shipped");

const CASES = 5200;
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MEGABYTE = "A".repeat(1024 * 1024);
const SQL = [
  "'; drop table labs; --",
  "1 OR 1=1",
  '" union select password_hash from users --',
  "$$; delete from submissions; $$",
];
const SCRIPT = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
];
const CONTROL = ["a\u0000b", "\u0007bell", "esc\u001b[31m", "line\u2028sep", "del\u007f"];
const BAD_URLS = [
  "javascript:alert(1)",
  "ftp://example.org/x",
  "http://",
  "not a url",
  "https://exa mple.org",
  "data:text/html,<script>alert(1)</script>",
  "//evil.example/x",
  "http://localhost/x",
  "https://user:pass@example.org/",
  "file:///etc/passwd",
  "mailto:a@b.org",
  "https://\u0000.org",
];
const BAD_NUMBERS = ["abc", "1.5", "-3", "1e400", "NaN", "0x10", "99999999999", "", " "];
const BAD_DATES = ["2024-02-30", "yesterday", "9999-01-01", "2024/01/01", "1999-12-31", "2024-1-1"];
const BAD_ENUMS = [...SQL, ...SCRIPT, "ACADEMIC", "maybe", "yes please"];

type FormSpec = {
  name: string;
  handler: Parameters<typeof call>[0];
  path: string;
  params?: Record<string, string>;
  valid: () => Record<string, string>;
  required: string[];
  lines: string[]; // single-line text fields
  paragraphs: string[]; // multi-line text fields
  urls: string[];
  enums: string[];
  numbers: string[];
  dates: string[];
  /** Fields checked against the database once the form is well-formed. */
  lookups: { field: string; values: string[] }[];
};

let memberSlug = "";
let editBase: Record<string, string> = {};

const FORMS: FormSpec[] = [
  {
    name: "new lab",
    handler: newLab.action,
    path: "/submit/new-lab",
    valid: () => ({
      name: "Fuzz Control Lab",
      kind: "industry",
      company: "Fuzz Corp",
      city: "Nantes",
      country: "FR",
      description: "Plain text.",
      sourceUrl: "https://fuzz.example.org/about",
      confirmDuplicate: "yes",
    }),
    required: ["name", "kind", "sourceUrl"],
    lines: ["name", "company", "city"],
    paragraphs: ["description", "note"],
    urls: ["sourceUrl", "website", "cifreEvidenceUrl", "recruitingSourceUrl"],
    enums: ["kind", "focus", "cifre", "residencies", "internships", "recruiting", "country"],
    numbers: [],
    dates: ["recruitingVerifiedAt"],
    lookups: [{ field: "institution", values: [...SQL, ...SCRIPT, "Nowhere University of Nothing"] }],
  },
  {
    name: "lab edit",
    handler: editLab.action,
    path: "/submit/lab/mit",
    params: { slug: "mit" },
    valid: () => ({ ...editBase }),
    required: ["name", "kind", "sourceUrl", "baseVersion"],
    lines: ["name", "company", "city", "institution"],
    paragraphs: ["description", "note"],
    urls: ["sourceUrl", "website", "cifreEvidenceUrl", "recruitingSourceUrl", "students[0].sourceUrl"],
    enums: ["kind", "focus", "cifre", "residencies", "internships", "recruiting", "country"],
    numbers: ["baseVersion", "students[0].count", "students[0].personId", "students[0].version"],
    dates: ["recruitingVerifiedAt", "students[0].asOf"],
    lookups: [{ field: "institution", values: [...SQL, ...SCRIPT, "Nowhere University of Nothing"] }],
  },
  {
    name: "member",
    handler: member.action,
    path: "/submit/member",
    valid: () => ({ lab: "mit", advisor: memberSlug, op: "remove", sourceUrl: "https://fuzz.example.org/team" }),
    required: ["lab", "advisor", "op", "sourceUrl"],
    lines: ["lab", "advisor", "role"],
    paragraphs: ["note"],
    urls: ["sourceUrl"],
    enums: ["op"],
    numbers: [],
    dates: [],
    lookups: [
      { field: "lab", values: [...SQL, ...SCRIPT, "no-such-lab"] },
      { field: "advisor", values: [...SQL, ...SCRIPT, "no-such-person", "/advisors/nobody-at-all"] },
    ],
  },
  {
    name: "affiliation",
    handler: affiliation.action,
    path: "/submit/affiliation",
    valid: () => ({
      advisor: memberSlug,
      institution: "University of Toronto",
      sourceUrl: "https://fuzz.example.org/staff",
    }),
    required: ["advisor", "institution", "sourceUrl"],
    lines: ["advisor", "institution"],
    paragraphs: ["note"],
    urls: ["sourceUrl"],
    enums: [],
    numbers: [],
    dates: [],
    lookups: [
      { field: "advisor", values: [...SQL, ...SCRIPT, "no-such-person"] },
      { field: "institution", values: [...SQL, ...SCRIPT, "Nowhere University of Nothing"] },
    ],
  },
];

type Case = {
  form: FormSpec;
  fields: Record<string, string | Blob>;
  expectKeys: string[];
  raw?: { body: string; type: string };
};

function makeCase(r: () => number): Case {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const form = pick(FORMS);
  const fields: Record<string, string | Blob> = form.valid();
  const schemaFaults = new Set<string>();
  // Harmless but hostile text in valid places, to check it never breaks anything.
  if (r() < 0.5 && form.paragraphs.length) fields[pick(form.paragraphs)] = pick([...SQL, ...SCRIPT]);
  if (r() < 0.03) {
    // An unreadable body: no CSRF token can be read from it, so it is refused (403) before any
    // field is looked at (checked below).
    const raw = pick([
      { body: '{"name":"x"}', type: "application/json" },
      {
        body: '--broken\r\nContent-Disposition: form-data; name="name"\r\n\r\nx',
        type: "multipart/form-data; boundary=broken",
      },
      { body: "%zz=%", type: "application/x-www-form-urlencoded" },
    ]);
    return {
      form,
      fields: {},
      expectKeys: [],
      raw,
    };
  }
  const faults = 1 + Math.floor(r() * 3);
  for (let i = 0; i < faults; i++) {
    const kind = Math.floor(r() * 8);
    if (kind === 0) {
      const f = pick(form.required);
      delete fields[f];
      schemaFaults.add(f);
    } else if (kind === 1) {
      const f = pick([...form.lines, ...form.paragraphs, ...form.urls]);
      fields[f] = MEGABYTE;
      schemaFaults.add(f);
    } else if (kind === 2) {
      const f = pick([...form.lines, ...form.urls]);
      fields[f] = pick([...CONTROL, "two\nlines"]);
      schemaFaults.add(f);
    } else if (kind === 3) {
      const f = pick(form.urls);
      fields[f] = pick(BAD_URLS);
      schemaFaults.add(f);
    } else if (kind === 4 && form.enums.length) {
      const f = pick(form.enums);
      fields[f] = pick(BAD_ENUMS);
      schemaFaults.add(f);
    } else if (kind === 5 && form.numbers.length) {
      const f = pick(form.numbers);
      const v = pick(BAD_NUMBERS);
      fields[f] = v;
      // An empty optional count is valid; an empty required number is missing.
      if (!(f === "students[0].count" && v.trim() === "")) schemaFaults.add(f);
      else {
        schemaFaults.delete(f);
        i--;
      }
    } else if (kind === 6 && form.dates.length) {
      const f = pick(form.dates);
      fields[f] = pick(BAD_DATES);
      schemaFaults.add(f);
    } else {
      // Wrong type: a file where text belongs.
      const f = pick(form.required.filter((x) => x !== "kind" && x !== "op"));
      fields[f] = new Blob([pick([...SQL, ...SCRIPT])], { type: "text/plain" });
      schemaFaults.add(f);
    }
  }
  // A student's count with no source or date is a fault of that row's fields (only checked once the rest parses).
  if (schemaFaults.size === 0) {
    const lookup = pick(form.lookups);
    fields[lookup.field] = pick(lookup.values);
    return { form, fields, expectKeys: [lookup.field] };
  }
  return { form, fields, expectKeys: [...schemaFaults] };
}

async function countSubmissions() {
  const [r] = await query<{ n: number }>(sql`select count(*)::int as n from submissions`);
  return r.n;
}

beforeAll(async () => {
  const [adv] = await query<{ id: number; slug: string }>(
    sql`select p.id, p.slug from advisors a join people p on p.id = a.person_id order by p.id limit 1 offset 11`,
  );
  await getDb().execute(
    sql`insert into lab_members (lab_id, person_id, role) select id, ${adv.id}, 'advisor' from labs where slug = 'mit'`,
  );
  memberSlug = adv.slug;
  const res = await call(editLab.loader, { path: "/submit/lab/mit", params: { slug: "mit" } });
  const dv = (res.body as { lab: { defaultValue: Record<string, unknown> & { students: Record<string, string>[] } } })
    .lab.defaultValue;
  editBase = Object.fromEntries(
    Object.entries(dv)
      .filter(([k, v]) => k !== "students" && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  editBase.sourceUrl = "https://fuzz.example.org/mit";
  editBase["students[0].personId"] = dv.students[0].personId;
  editBase["students[0].version"] = dv.students[0].version;
});

describe("fuzzing the submission forms", () => {
  it(
    `answers ${CASES} malformed submissions with 4xx and field errors, storing none (seed ${SEED})`,
    { timeout: 600_000 },
    async () => {
      const r = rng(SEED);
      const before = await countSubmissions();
      const statuses = new Map<number, number>();
      const started = Date.now();
      for (let i = 0; i < CASES; i++) {
        const c = makeCase(r);
        const res = c.raw
          ? await call(c.form.handler, {
              path: c.form.path,
              params: c.form.params,
              body: c.raw.body,
              headers: { "Content-Type": c.raw.type },
              ip: `fuzz-${i}`,
            })
          : await call(c.form.handler, { path: c.form.path, params: c.form.params, form: c.fields, ip: `fuzz-${i}` });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (c.raw) expect(res.status, `case ${i}: raw ${c.raw.type}`).toBe(403);
        const label = `case ${i} (${c.form.name}): ${JSON.stringify(Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 60) : "[file]"])))}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        const errors = (res.body as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {};
        const withMessages = Object.entries(errors)
          .filter(([, m]) => Array.isArray(m) && m.length > 0 && m.every((x) => typeof x === "string" && x.length > 0))
          .map(([k]) => k);
        for (const key of c.expectKeys) expect(withMessages, label).toContain(key);
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz: ${CASES} malformed submissions in ${seconds.toFixed(1)} s (${((seconds * 1000) / CASES).toFixed(2)} ms each); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(await countSubmissions()).toBe(before);
    },
  );

  it("stores a valid control submission of each form intact", async () => {
    for (const form of FORMS) {
      const fields: Record<string, string> = {
        ...form.valid(),
        ...(form.paragraphs.includes("description")
          ? { description: "Keeps <script>alert(1)</script> and '; drop table labs; -- as plain text." }
          : {}),
      };
      const res = await call(form.handler, {
        path: form.path,
        params: form.params,
        form: fields,
        ip: `control-${form.name}`,
      });
      expect(res.status, `${form.name}: ${JSON.stringify(res.body)}`).toBe(302);
      const [row] = await getDb().select().from(submissions).orderBy(desc(submissions.id)).limit(1);
      expect(row.state).toBe("pending");
      const payload = row.payload as Record<string, unknown> & { lab?: Record<string, unknown> };
      if (form.name === "new lab" || form.name === "lab edit") {
        expect(payload.lab).toMatchObject({
          name: fields.name,
          sourceUrl: fields.sourceUrl,
          description: fields.description,
        });
      } else {
        expect(payload.sourceUrl).toBe(fields.sourceUrl);
      }
    }
  });
});
