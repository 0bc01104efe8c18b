/**
 * Sign-up with a registered email (issue 10): the page answers exactly as for a new email, and
 * the account's owner is told by a message queued in the outbox, at most once an hour.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, findUserByEmail, signIn } from "~/lib/auth/accounts.server";
import { SIGNUP_EXISTING_KIND } from "~/lib/auth/signup-notice.server";
import { getDb } from "~/lib/db.server";
import * as signup from "~/routes/signup";
import { outbox } from "../../db/schema";
import { useTestDatabase } from "../support/database";
import { call } from "../support/remix";

useTestDatabase("shipped");

const OWNER = { email: "owner-notice@example.org", password: "the owner's own passphrase 1" };
let ownerId: number;
let ipCounter = 0;
const ip = () => `198.18.0.${++ipCounter}`;

beforeAll(async () => {
  ownerId = (await createUser(OWNER)).id;
});

function notices() {
  return getDb()
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, ownerId), eq(outbox.kind, SIGNUP_EXISTING_KIND)));
}

function signUp(email: string, password = "a stranger's passphrase 22") {
  return call(signup.action, { path: "/signup", form: { email, password }, ip: ip() });
}

describe("sign-up with an email that already has an account", () => {
  it("answers byte for byte as for a new email, and queues one message to the owner", async () => {
    const fresh = await signUp("brand-new-notice@example.org");
    const taken = await signUp(OWNER.email);
    expect(taken).toEqual(fresh);
    expect(taken.status).toBe(302);
    expect(taken.location).toBe("/signin?registered=1&redirectTo=%2Fsubmit");
    expect(taken.setCookie).toBeNull();

    const rows = await notices();
    expect(rows).toHaveLength(1);
    expect(rows[0].toAddress).toBe(OWNER.email);
    expect(rows[0].sentAt).toBeNull();
    expect(rows[0].subject).toMatch(/tried to create an Advisor Atlas account/);
    expect(rows[0].body).toContain("http://localhost/signin");
    expect(rows[0].body).toContain(OWNER.email);
    expect(rows[0].body).toMatch(/password are unchanged/);
    // A new email queues nothing (no welcome mail exists).
    const newUser = await findUserByEmail("brand-new-notice@example.org");
    expect(await getDb().select().from(outbox).where(eq(outbox.userId, newUser!.id))).toHaveLength(0);
  });

  it("leaves the account as it was: the owner's password still signs in", async () => {
    const outcome = await signIn({ email: OWNER.email, password: OWNER.password, ip: ip() });
    expect(outcome.ok).toBe(true);
  });

  it("queues at most one message an hour, even for attempts sent at once, and always answers the same", async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => signUp(OWNER.email.toUpperCase(), "yet another passphrase 33")),
    );
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0].location).toBe("/signin?registered=1&redirectTo=%2Fsubmit");
    expect(await notices()).toHaveLength(1);
  });

  it("queues another once the last one is over an hour old", async () => {
    await getDb()
      .update(outbox)
      .set({ createdAt: sql`now() - interval '61 minutes'` })
      .where(eq(outbox.userId, ownerId));
    await signUp(OWNER.email);
    await signUp(OWNER.email);
    expect(await notices()).toHaveLength(2);
  });
});
