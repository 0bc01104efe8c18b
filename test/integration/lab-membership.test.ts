import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { getDb, query } from "~/lib/db.server";
import { invalidateAdvisorIndex } from "~/lib/directory/advisors.server";
import { loader as labLoader } from "~/routes/api.labs.$slug";
import * as moderate from "~/routes/moderate";
import * as member from "~/routes/submit.member";
import { auditLog } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

let contributor: string;
let moderator: string;
let n = 0;
const ip = () => `10.2.${Math.floor(++n / 200)}.${n % 200}`;

beforeAll(async () => {
  contributor = await sessionCookie(
    (await createUser({ email: "c@example.org", password: "contributor password" })).id,
  );
  moderator = await sessionCookie(
    (await createUser({ email: "m@example.org", password: "moderator password", role: "moderator" })).id,
  );
});

async function mila() {
  const res = (await labLoader({
    request: new Request("http://test/api/labs/mila"),
    params: { slug: "mila" },
    context: {},
  })) as Response;
  return (await res.json()) as { advisors: { slug: string; name: string }[] };
}

async function propose(form: Record<string, string>) {
  const res = await call(member.action, { path: "/submit/member", form, cookie: contributor, ip: ip() });
  expect(res.status, JSON.stringify(res.body)).toBe(302);
  const id = Number(/sent=(\d+)/.exec(res.location!)![1]);
  const decided = await call(moderate.action, {
    path: "/moderate",
    form: { submissionId: String(id), intent: "approve" },
    cookie: moderator,
    ip: ip(),
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  invalidateAdvisorIndex();
  return id;
}

describe("contributed memberships and data links", () => {
  it("a contributor's 'not a member' removes a data link, audited; adding back restores it", async () => {
    const before = await mila();
    const bengio = before.advisors.find((a) => a.name === "Yoshua Bengio")!;
    expect(bengio).toBeTruthy();
    // The link comes from the data (printed on papers), not from a contributed row.
    const [link] = await query<{ n: number }>(
      sql`select count(*)::int as n from lab_advisor_links k join labs l on l.id = k.lab_id join people p on p.id = k.person_id where l.slug = 'mila' and p.slug = ${bengio.slug}`,
    );
    expect(link.n).toBe(1);

    const removal = await propose({
      lab: "mila",
      advisor: bengio.slug,
      op: "remove",
      sourceUrl: "https://example.org/bengio-left",
    });
    expect((await mila()).advisors.map((a) => a.slug)).not.toContain(bengio.slug);
    const audited = await getDb().select().from(auditLog).where(eq(auditLog.submissionId, removal));
    expect(audited).toHaveLength(1);

    const again = await call(member.action, {
      path: "/submit/member",
      form: { lab: "mila", advisor: bengio.slug, op: "remove", sourceUrl: "https://example.org/x" },
      cookie: contributor,
      ip: ip(),
    });
    expect(again.status).toBe(400);

    await propose({ lab: "mila", advisor: bengio.slug, op: "add", sourceUrl: "https://mila.quebec/en/directory" });
    expect((await mila()).advisors.map((a) => a.slug)).toContain(bengio.slug);
  }, 240_000); // three reloads of the ranking on the full data
});
