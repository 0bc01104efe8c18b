/** A URL from the data or a contributor, kept only if it is http(s): never a javascript: or data: link. */
export const httpOnly = (url: string | null | undefined): string | null =>
  url && /^https?:\/\//i.test(url) ? url : null;

/** The host and path of an http(s) URL, shortly ("people.csail.mit.edu/mirrokni"), or the URL as given. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, "").replace(/\/(index|welcome)\.html?$/i, "");
    return u.host + path;
  } catch {
    return url;
  }
}
