/**
 * Sessions: a signed cookie (HttpOnly, SameSite=Lax, Secure in production) that carries only the
 * random id of a row in `sessions`; the row says whose session it is and until when. Signing out
 * deletes the row, a password change deletes all of the user's rows, so a copied or replayed
 * cookie opens nothing afterwards (a cookie that held the user id itself stayed valid for its
 * 30 days whatever the server did). The secret
 * comes from SESSION_SECRET; when it is unset, a random one is generated once and kept in
 * .data/session-secret, so `npm start` works on a fresh clone and sessions survive restarts.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions } from "../../../db/schema";
import { type Executor, getDb } from "../db.server";
import { env, secureCookies } from "../env.server";
import { remember } from "../remember.server";

export const SESSION_SECRET_FILE = path.resolve(".data", "session-secret");

function readSecretFile(): string | null {
  try {
    const s = readFileSync(SESSION_SECRET_FILE, "utf8").trim();
    return s.length >= 32 ? s : null;
  } catch {
    return null;
  }
}

export function sessionSecret(): string {
  const fromEnv = env().SESSION_SECRET;
  if (fromEnv) return fromEnv;
  const existing = readSecretFile();
  if (existing) return existing;
  mkdirSync(path.dirname(SESSION_SECRET_FILE), { recursive: true });
  try {
    // "wx": when two processes start at once, the first one's secret wins and the other reads it.
    writeFileSync(SESSION_SECRET_FILE, randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const created = readSecretFile();
  if (!created)
    throw new Error(`could not read the session secret in ${SESSION_SECRET_FILE}; set SESSION_SECRET instead`);
  return created;
}

type SessionData = { sid: string };
type SessionFlash = { flash: string };

export const SESSION_SECONDS = 60 * 60 * 24 * 30;

function create() {
  return createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: secureCookies(),
      secrets: [sessionSecret()],
      maxAge: SESSION_SECONDS,
    },
  });
}

export function sessionStorage() {
  return remember("sessionStorage", create);
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

/** Opens a server-side session for the user; returns the row id the cookie will carry. */
export async function openSession(userId: number, executor: Executor = getDb()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await executor.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000) });
  // Expired rows are useless; dropping some now and then keeps the table small.
  if (Math.random() < 0.01) await executor.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return id;
}

export type LiveSession = { sid: string; userId: number };

// One look-up per request: an action reads the session for its user and again for its CSRF token.
const liveByRequest = new WeakMap<Request, Promise<LiveSession | null>>();

async function readLiveSession(request: Request): Promise<LiveSession | null> {
  const sid = (await getSession(request)).get("sid");
  if (typeof sid !== "string" || sid.length < 16 || sid.length > 100) return null;
  const [row] = await getDb()
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, sid), gt(sessions.expiresAt, new Date())));
  return row ? { sid, userId: row.userId } : null;
}

/** The live server-side session this request's cookie names (its id and user), or null. */
export function liveSession(request: Request): Promise<LiveSession | null> {
  let found = liveByRequest.get(request);
  if (!found) {
    found = readLiveSession(request);
    liveByRequest.set(request, found);
  }
  return found;
}

/** The user whose live session this request's cookie names, or null. */
export async function sessionUserId(request: Request): Promise<number | null> {
  return (await liveSession(request))?.userId ?? null;
}

/** Ends this request's session on the server (the cookie is cleared by the caller). */
export async function closeSession(request: Request): Promise<void> {
  const sid = (await getSession(request)).get("sid");
  if (typeof sid === "string") await getDb().delete(sessions).where(eq(sessions.id, sid));
}

/** Ends every session of a user: after a password change, or when an account is taken back. */
export async function revokeUserSessions(userId: number, executor: Executor = getDb()): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.userId, userId));
}

/** A Set-Cookie header value for a new session of this user (sign-in, sign-up, tests). */
export async function sessionCookieFor(userId: number, request?: Request): Promise<string> {
  const session = request ? await getSession(request) : await sessionStorage().getSession();
  session.set("sid", await openSession(userId));
  return sessionStorage().commitSession(session);
}
