/**
 * CSRF tokens in forms, beside SameSite=Lax cookies and the strict Origin check of server/http.ts
 * (the Epic Stack carries one too; it used remix-utils' signed `csrf` cookie and a hidden field).
 * Written with node:crypto rather than remix-utils: a dozen lines, and the token can be bound to
 * the server-side session, which remix-utils' double-submit cookie is not.
 *
 * Design: a synchronizer token derived, not stored. The hidden `csrf` field holds
 * HMAC-SHA256(session secret, binding), where the binding is
 * - for a signed-in visitor, the id of their live server-side session (session.server.ts): a
 *   token works only in that session, and after sign-out or a password change (the row is gone)
 *   a replayed token is refused, even with the old cookie replayed beside it;
 * - for an anonymous visitor (sign-in, sign-up, anonymous proposals), a random nonce kept in the
 *   signed, HttpOnly `__csrf` cookie, set by the loader of a page with such a form.
 * Nothing is stored server-side, so any app process checks any token. Public pages carry no token
 * (they are kept in the shared page cache, server/http-cache.ts, and served to every anonymous
 * visitor); the root loader hands one out to signed-in visitors only (their pages are never kept).
 *
 * `guardPost` checks the token before anything else reads the form, so no action can forget it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, data } from "@remix-run/node";
import { secureCookies } from "../env.server";
import { remember } from "../remember.server";
import { liveSession, SESSION_SECONDS, sessionSecret } from "./session.server";

/** The hidden field's name (app/components/csrf-field.tsx). */
export const CSRF_FIELD = "csrf";

export const CSRF_REFUSED =
  "This form has expired or did not come from this site (you may have signed in or out in another tab). Go back, reload the page and send it again.";

const NONCE = /^[A-Za-z0-9_-]{43}$/;

function nonceCookie() {
  return remember("csrfCookie", () =>
    createCookie("__csrf", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: secureCookies(),
      secrets: [sessionSecret()],
      maxAge: SESSION_SECONDS,
    }),
  );
}

async function readNonce(request: Request): Promise<string | null> {
  const value: unknown = await nonceCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && NONCE.test(value) ? value : null;
}

function sign(binding: string): string {
  // A label in the message keeps these MACs apart from anything else signed with the secret.
  return createHmac("sha256", sessionSecret()).update(`atlas-csrf\0${binding}`).digest("base64url");
}

export type CsrfIssue = { token: string; setCookie: string | null };

/**
 * The token for this request's forms, and the `__csrf` cookie to set when an anonymous visitor
 * has none yet. Signed-in visitors need no cookie: their session id is the binding.
 */
export async function issueCsrf(request: Request): Promise<CsrfIssue> {
  const session = await liveSession(request);
  if (session) return { token: sign(`session:${session.sid}`), setCookie: null };
  const existing = await readNonce(request);
  if (existing) return { token: sign(`anonymous:${existing}`), setCookie: null };
  const nonce = randomBytes(32).toString("base64url");
  return { token: sign(`anonymous:${nonce}`), setCookie: await nonceCookie().serialize(nonce) };
}

/** A loader's answer with the page's CSRF token added (and the `__csrf` cookie when new). */
export async function withCsrf<T extends Record<string, unknown>>(request: Request, value: T) {
  const { token, setCookie } = await issueCsrf(request);
  return data({ ...value, csrf: token }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

function csrfRefused(): Response {
  return new Response(CSRF_REFUSED, {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** True when the form's token is the one this request's session (or anonymous nonce) gives. */
export async function csrfValid(request: Request, formData: FormData): Promise<boolean> {
  const sent = formData.getAll(CSRF_FIELD);
  // One token, as a form sends it; two fields could otherwise smuggle a guess past a UI check.
  if (sent.length !== 1 || typeof sent[0] !== "string" || sent[0].length > 100) return false;
  const session = await liveSession(request);
  let binding: string;
  if (session) binding = `session:${session.sid}`;
  else {
    const nonce = await readNonce(request);
    if (!nonce) return false;
    binding = `anonymous:${nonce}`;
  }
  const expected = Buffer.from(sign(binding));
  const given = Buffer.from(sent[0]);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws a 403 (plain text, nothing stored) unless the form carries this visitor's token. */
export async function requireCsrf(request: Request, formData: FormData): Promise<void> {
  if (!(await csrfValid(request, formData))) throw csrfRefused();
}
