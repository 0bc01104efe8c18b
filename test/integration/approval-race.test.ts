/**
 * Two moderators approving at once. On PGlite (one connection) the transactions queue; on a
 * Postgres server (TEST_DATABASE_URL) they really race and the submission's row lock decides.
 */
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/lib/auth/accounts.server";
import { getDb } from "~/lib/db.server";
import * as moderate from "~/routes/moderate";
import * as editLab from "~/routes/submit.lab.$slug";
import * as newLab from "~/routes/submit.new-lab";
import { auditLog, labs, submissions } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call, sessionCookie } from "../support/remix";

useTestDatabase("shipped");

const moderators: string[] = [];
let n = 0;
const ip = () => `10.9.${Math.floor(++n / 200)}.${n % 200}`;

beforeAll(async () => {
  for (const email of ["m1@example.org", "m2@example.org"]) {
    moderators.push(
      await sessionCookie((await createUser({ email, password: "moderator password", role: "moderator" })).id),
    );
  }
});

async function propose(
  form: Record<string, string> | FormData,
  handler: Parameters<typeof call>[0] = newLab.action,
  path = "/submit/new-lab",
  params = {},
) {
  const res = await call(handler, { path, form, ip: ip(), params });
  expect(res.status, JSON.stringify(res.body)).toBe(302);
  return Number(/sent=(\d+)/.exec(res.location!)![1]);
}

const approve = (id: number, cookie: string) =>
  call(moderate.action, { path: "/moderate", form: { submissionId: String(id), intent: "approve" }, cookie, ip: ip() });

describe("two approvals racing", () => {
  // Five rounds of a proposal and two racing approvals: ~30 s on a busy 2-core machine.
  it("applies the same submission exactly once; the other moderator is told", { timeout: 120_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const name = `Race Lab ${round}`;
      const id = await propose({
        name,
        kind: "industry",
        company: `Race ${round} Inc`,
        sourceUrl: "https://race.example.org",
      });
      const results = await Promise.all([approve(id, moderators[0]), approve(id, moderators[1])]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect((loser.body as { message: string }).message).toMatch(/already decided/);
      expect(await getDb().select().from(labs).where(eq(labs.name, name))).toHaveLength(1);
      expect(await getDb().select().from(auditLog).where(eq(auditLog.submissionId, id))).toHaveLength(1);
    }
  });

  it("of two edits based on the same version, applies one and puts the other in conflict", async () => {
    const res = await call(editLab.loader, { path: "/submit/lab/mit", params: { slug: "mit" } });
    const dv = (res.body as { lab: { defaultValue: Record<string, unknown> } }).lab.defaultValue;
    const fields = Object.fromEntries(
      Object.entries(dv)
        .filter(([k]) => k !== "students")
        .map(([k, v]) => [k, String(v)]),
    );
    const a = await propose({ ...fields, city: "Cambridge, MA" }, editLab.action, "/submit/lab/mit", { slug: "mit" });
    const b = await propose({ ...fields, city: "Boston" }, editLab.action, "/submit/lab/mit", { slug: "mit" });
    const [before] = await getDb().select().from(labs).where(eq(labs.slug, "mit"));
    const results = await Promise.all([approve(a, moderators[0]), approve(b, moderators[1])]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [after] = await getDb().select().from(labs).where(eq(labs.slug, "mit"));
    expect(after.version).toBe(before.version + 1);
    const states = await getDb()
      .select({ id: submissions.id, state: submissions.state })
      .from(submissions)
      .where(inArray(submissions.id, [a, b]));
    expect(states.map((s) => s.state).sort()).toEqual(["approved", "conflict"]);
    const winner = states.find((s) => s.state === "approved")!.id;
    expect(after.city).toBe(winner === a ? "Cambridge, MA" : "Boston");
    expect(
      await getDb()
        .select()
        .from(auditLog)
        .where(inArray(auditLog.submissionId, [a, b])),
    ).toHaveLength(1);
  });
});
