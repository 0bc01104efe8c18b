/**
 * Fixed-window rate limits, counted in Postgres (rate_limits) so that they hold across app
 * processes and restarts. Every POST goes through `limitPost` (per IP and per account); sign-in
 * also backs off per account (signin-throttle.server.ts), so guessing one account's password from
 * many addresses is slow too, without letting strangers lock its owner out.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Executor, getDb, query } from "../db.server";

export type Limit = { max: number; windowSeconds: number };

export const LIMITS = {
  /** Any POST: forms, moderation, sign-out. */
  post: { ip: { max: 120, windowSeconds: 600 }, account: { max: 120, windowSeconds: 600 } },
  /** Proposals: a person rarely has more than a few dozen corrections an hour. */
  submit: { ip: { max: 30, windowSeconds: 3600 }, account: { max: 60, windowSeconds: 3600 } },
  /** Per address only: per account, signin-throttle.server.ts backs off instead of locking out. */
  signin: { ip: { max: 20, windowSeconds: 900 } },
  signup: { ip: { max: 10, windowSeconds: 3600 } },
} as const;

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

function windowStart(windowSeconds: number, now: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now / ms) * ms);
}

/** Counts one hit on `key` and says whether it is within `limit`. */
export async function hit(key: string, limit: Limit, executor: Executor = getDb()): Promise<RateLimitResult> {
  const now = Date.now();
  const start = windowStart(limit.windowSeconds, now);
  const [row] = await query<{ count: number }>(
    sql`insert into rate_limits (key, window_start, count) values (${key}, ${start.toISOString()}, 1)
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning count`,
    executor,
  );
  if (Math.random() < 0.01) await prune(executor);
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + limit.windowSeconds * 1000 - now) / 1000));
  return { allowed: row.count <= limit.max, count: row.count, retryAfterSeconds };
}

/** Old windows are useless; dropping them now and then keeps the table small. */
export async function prune(executor: Executor = getDb()): Promise<void> {
  await executor.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}

export function emailKey(email: string): string {
  // The table never holds an address in clear.
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

export function tooManyRequests(retryAfterSeconds: number): Response {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new Response(`Too many requests. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Throws a 429 response when this IP or this account has posted too much in `scope`. */
export async function limitPost(scope: "post" | "submit", who: { ip: string; userId: number | null }): Promise<void> {
  const limits = LIMITS[scope];
  const results = [await hit(`ip:${who.ip}:${scope}`, limits.ip)];
  if (who.userId !== null) results.push(await hit(`user:${who.userId}:${scope}`, limits.account));
  const refused = results.find((r) => !r.allowed);
  if (refused) throw tooManyRequests(refused.retryAfterSeconds);
}
