/**
 * The `headers` export of the routes that take POSTs. Remix keeps only the cookies of an action's
 * or a thrown response's headers unless the route says which others to pass on; without this, a
 * 429 lost the Retry-After that rate-limit.server.ts sets. Passes Retry-After and Cache-Control.
 */
import type { HeadersFunction } from "@remix-run/node";

const PASSED_ON = ["Retry-After", "Cache-Control"] as const;

export const headers: HeadersFunction = ({ errorHeaders, actionHeaders, loaderHeaders, parentHeaders }) => {
  const out = new Headers(parentHeaders);
  for (const name of PASSED_ON) {
    const value = errorHeaders?.get(name) ?? actionHeaders.get(name) ?? loaderHeaders.get(name);
    if (value) out.set(name, value);
  }
  return out;
};
