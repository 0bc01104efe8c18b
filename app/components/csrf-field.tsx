import { useMatches } from "@remix-run/react";

/** The hidden field's name; the server side is app/lib/auth/csrf.server.ts (CSRF_FIELD). */
const CSRF_FIELD = "csrf";

/**
 * The hidden CSRF token every POST form carries (plain HTML, so it works with JavaScript off).
 * The token comes from the loader data of the page (`withCsrf`) or, for signed-in visitors, of
 * the root; the deepest one wins. guardPost refuses a POST without it (403).
 */
export function CsrfField() {
  const matches = useMatches();
  let token = "";
  for (const match of matches) {
    const value = (match.data as { csrf?: unknown } | null | undefined)?.csrf;
    if (typeof value === "string") token = value;
  }
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
