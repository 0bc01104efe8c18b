/**
 * Sessions live in a signed cookie: HttpOnly, SameSite=Lax, Secure in production. The secret
 * comes from SESSION_SECRET; when it is unset, a random one is generated once and kept in
 * .data/session-secret, so `npm start` works on a fresh clone and sessions survive restarts.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "../env.server";
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
  if (!created) throw new Error(`could not read the session secret in ${SESSION_SECRET_FILE}; set SESSION_SECRET instead`);
  return created;
}

type SessionData = { userId: number };
type SessionFlash = { flash: string };

function create() {
  return createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().NODE_ENV === "production",
      secrets: [sessionSecret()],
      maxAge: 60 * 60 * 24 * 30,
    },
  });
}

export function sessionStorage() {
  return remember("sessionStorage", create);
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}
