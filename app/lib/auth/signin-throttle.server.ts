/**
 * Sign-in throttling per account that a stranger cannot turn into a lock-out of the owner.
 *
 * A fixed "8 failures per 15 minutes per e-mail" window let anyone lock an owner out for 15
 * minutes from a handful of addresses. Instead:
 * - per address: the fixed window of rate-limit.server.ts (LIMITS.signin.ip), which only slows
 *   the guesser's own address;
 * - per account: an exponential back-off after a few failures (2 s, 4 s, … capped at 60 s since
 *   the last failure), during which attempts are refused without checking the password. Guessing
 *   is held to about one try a minute, and the owner waits at most a minute;
 * - a browser that has signed in to the account before carries a signed "known device" cookie
 *   and skips the per-account back-off (never the per-address limit), so the owner on their usual
 *   browser is never locked out at all.
 */
import { createCookie } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { signinThrottle } from "../../../db/schema";
import { type Executor, getDb } from "../db.server";
import { secureCookies } from "../env.server";
import { emailKey } from "./rate-limit.server";
import { sessionSecret } from "./session.server";

export const BACKOFF = { freeFailures: 5, baseSeconds: 2, maxSeconds: 60 } as const;

/** Seconds an account waits after its last failure, given its failures since the last success. */
export function backoffSeconds(failures: number): number {
  if (failures < BACKOFF.freeFailures) return 0;
  return Math.min(BACKOFF.maxSeconds, BACKOFF.baseSeconds * 2 ** (failures - BACKOFF.freeFailures));
}

/** How long this account must still wait before a password is checked (0: go ahead). */
export async function accountWaitSeconds(
  email: string,
  executor: Executor = getDb(),
  now = Date.now(),
): Promise<number> {
  const [row] = await executor
    .select()
    .from(signinThrottle)
    .where(eq(signinThrottle.key, emailKey(email)));
  if (!row) return 0;
  const until = row.lastFailureAt.getTime() + backoffSeconds(row.failures) * 1000;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordSigninFailure(email: string, executor: Executor = getDb()): Promise<void> {
  await executor
    .insert(signinThrottle)
    .values({ key: emailKey(email), failures: 1, lastFailureAt: new Date() })
    .onConflictDoUpdate({
      target: signinThrottle.key,
      set: { failures: sql`${signinThrottle.failures} + 1`, lastFailureAt: new Date() },
    });
}

export async function recordSigninSuccess(email: string, executor: Executor = getDb()): Promise<void> {
  await executor.delete(signinThrottle).where(eq(signinThrottle.key, emailKey(email)));
}

// ---- Known devices ------------------------------------------------------------------------

const KNOWN_MAX = 10;
const holder = globalThis as unknown as { __atlasKnownDeviceCookie?: ReturnType<typeof createCookie> };

function knownDeviceCookie() {
  holder.__atlasKnownDeviceCookie ??= createCookie("__known", {
    httpOnly: true,
    sameSite: "lax",
    path: "/signin",
    secure: secureCookies(),
    secrets: [sessionSecret()],
    maxAge: 60 * 60 * 24 * 365,
  });
  return holder.__atlasKnownDeviceCookie;
}

async function knownKeys(cookieHeader: string | null): Promise<string[]> {
  const value: unknown = await knownDeviceCookie().parse(cookieHeader);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string").slice(0, KNOWN_MAX) : [];
}

/** Has this browser signed in to this account before? (The cookie is signed: it cannot be made up.) */
export async function isKnownDevice(cookieHeader: string | null, email: string): Promise<boolean> {
  return (await knownKeys(cookieHeader)).includes(emailKey(email));
}

/** The Set-Cookie value that remembers this browser for this account (the newest ten accounts). */
export async function rememberDevice(cookieHeader: string | null, email: string): Promise<string> {
  const key = emailKey(email);
  const keys = [key, ...(await knownKeys(cookieHeader)).filter((k) => k !== key)].slice(0, KNOWN_MAX);
  return knownDeviceCookie().serialize(keys);
}
