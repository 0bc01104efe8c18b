/**
 * Accounts and access: who is signed in, sign-up and sign-in, and the guards every route uses.
 * The session cookie holds only the id of a server-side session (session.server.ts); the user and
 * their role are read from the database on each request, so a demoted moderator loses access at
 * once and a signed-out cookie opens nothing.
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { HONEYPOT } from "../curation/forms/fields";
import { boundedForm } from "../curation/forms/form-bounds";
import { type Executor, getDb } from "../db.server";
import { badForm } from "../http.server";
import { CSRF_FIELD, requireCsrf } from "./csrf.server";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password.server";
import { hit, LIMITS, limitPost } from "./rate-limit.server";
import {
  closeSession,
  getSession,
  revokeUserSessions,
  sessionCookieFor,
  sessionStorage,
  sessionUserId,
} from "./session.server";
import {
  accountWaitSeconds,
  isKnownDevice,
  recordSigninFailure,
  recordSigninSuccess,
  rememberDevice,
} from "./signin-throttle.server";

export type Role = (typeof users.$inferSelect)["role"];
export type SessionUser = { id: number; email: string; role: Role };
export type RequestArgs = { request: Request; context?: unknown };

export function clientIp(context: unknown): string {
  const ip = (context as { ip?: unknown } | undefined)?.ip;
  return typeof ip === "string" && ip !== "" ? ip : "unknown";
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const id = await sessionUserId(request);
  if (id === null) return null;
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

function signinUrl(request: Request): string {
  const url = new URL(request.url);
  return `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/** Anonymous visitors go to the sign-in page and come back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw redirect(signinUrl(request));
  return user;
}

/** Anonymous: redirect to sign-in; contributor: 403. */
export async function requireModerator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "moderator") {
    throw new Response("This page is for moderators.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return user;
}

export type GuardedPost = {
  user: SessionUser | null;
  ip: string;
  formData: FormData;
  /** The honeypot field was filled: a bot. The action refuses without saying more. */
  trapped: boolean;
};

/**
 * The start of every action: counts the POST against the per-IP and per-account limits (429 past
 * them), reads the form (an unreadable body reads as an empty form, so it fails validation like
 * one instead of erring), checks its CSRF token (csrf.server.ts: 403 without this visitor's
 * token), bounds it (form-bounds.ts: a 400 before any schema expands a huge index)
 * and says who is posting.
 */
export async function guardPost(args: RequestArgs, scope: "post" | "submit" = "post"): Promise<GuardedPost> {
  const user = await getUser(args.request);
  const ip = clientIp(args.context);
  await limitPost(scope, { ip, userId: user?.id ?? null });
  let formData: FormData;
  try {
    formData = await args.request.formData();
  } catch {
    formData = new FormData();
  }
  // First: a form without this visitor's CSRF token is refused (403) before anything reads it.
  await requireCsrf(args.request, formData);
  formData.delete(CSRF_FIELD);
  // Before any schema sees the names: a tiny body can name a huge array index.
  const bounded = boundedForm(formData);
  if (!bounded.ok) throw badForm(bounded.message);
  formData = bounded.formData;
  const bait = formData.get(HONEYPOT);
  return { user, ip, formData, trapped: bait !== null && bait !== "" };
}

export async function findUserByEmail(email: string, executor: Executor = getDb()) {
  const [row] = await executor.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export class EmailTakenError extends Error {}

export async function createUser(
  input: { email: string; password: string; role?: Role },
  executor: Executor = getDb(),
): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  const rows = await executor
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), passwordHash, role: input.role ?? "contributor" })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, role: users.role });
  if (!rows[0]) throw new EmailTakenError(`An account with ${input.email} already exists.`);
  return rows[0];
}

/** Creates the account, or gives an existing one this role (and this password, when one is given). */
export async function ensureUser(input: {
  email: string;
  password?: string;
  role: Role;
}): Promise<{ user: SessionUser; created: boolean }> {
  let existing = await findUserByEmail(input.email);
  if (!existing) {
    if (!input.password) throw new Error("a password is needed to create an account");
    try {
      return {
        user: await createUser({ email: input.email, password: input.password, role: input.role }),
        created: true,
      };
    } catch (error) {
      // Created meanwhile by another process (two app processes starting together with
      // ATLAS_BOOTSTRAP_MODERATOR: one of them failed its start); it is then updated as below.
      if (!(error instanceof EmailTakenError)) throw error;
      existing = await findUserByEmail(input.email);
      if (!existing) throw error;
    }
  }
  const passwordHash = input.password ? await hashPassword(input.password) : existing.passwordHash;
  const [user] = await getDb()
    .update(users)
    .set({ role: input.role, passwordHash })
    .where(eq(users.id, existing.id))
    .returning({ id: users.id, email: users.email, role: users.role });
  // A new password ends every session opened with the old one.
  if (input.password) await revokeUserSessions(existing.id);
  return { user, created: false };
}

export type SigninResult =
  | { ok: true; user: SessionUser; knownDeviceCookie: string }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/**
 * Checks a password: per address, a fixed window; per account, a back-off that a browser which
 * signed in before skips (signin-throttle.server.ts), so strangers cannot lock the owner out.
 * The failure never says whether the email exists: unknown emails cost the same hash and are
 * throttled the same way as wrong passwords.
 */
export async function signIn(input: {
  email: string;
  password: string;
  ip: string;
  cookieHeader?: string | null;
}): Promise<SigninResult> {
  const byIp = await hit(`ip:${input.ip}:signin`, LIMITS.signin.ip);
  if (!byIp.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const known = await isKnownDevice(input.cookieHeader ?? null, input.email);
  if (!known) {
    const wait = await accountWaitSeconds(input.email);
    if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  }
  const user = await findUserByEmail(input.email);
  const ok = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstNothing(input.password);
  if (!user || !ok) {
    await recordSigninFailure(input.email);
    return { ok: false, reason: "invalid" };
  }
  await recordSigninSuccess(input.email);
  return {
    ok: true,
    user: { id: user.id, email: user.email, role: user.role },
    knownDeviceCookie: await rememberDevice(input.cookieHeader ?? null, input.email),
  };
}

export async function signupAllowed(ip: string) {
  return hit(`ip:${ip}:signup`, LIMITS.signup.ip);
}

export async function startSession(
  request: Request,
  userId: number,
  redirectTo = "/",
  extraCookies: string[] = [],
): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieFor(userId, request));
  for (const c of extraCookies) headers.append("Set-Cookie", c);
  return redirect(redirectTo, { headers });
}

/** Signing out deletes the session on the server, so the old cookie, replayed, opens nothing. */
export async function endSession(request: Request): Promise<Response> {
  await closeSession(request);
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}
