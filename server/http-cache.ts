/**
 * HTTP caching of public pages, kept apart from the rest of server/http.ts.
 *
 * - Validator: public pages and the JSON/CSV API carry `ETag: W/"<build>.<data version>"` (the data
 *   version, app/lib/data-version.server.ts, moves with every import and applied change), with
 *   `Cache-Control: public, max-age=0, must-revalidate` and `Vary: Cookie, Accept-Encoding`: a
 *   browser or a CDN may keep the page and asks each time, and a revalidation with the current
 *   ETag is a 304 answered without rendering anything.
 * - A repeated URL is answered from memory: the rendered bytes are kept per URL for the data
 *   version they were rendered at (bounded, least recently used first), gzipped once when asked.
 *   Kept from its second request on: a URL asked once (a crawler's, a one-off filter combination)
 *   would only push repeated pages out and hold memory (docs/benchmarks.md, "Memory").
 *   A kept page cannot reuse the per-request CSP nonce, so its Content-Security-Policy lists the
 *   SHA-256 hashes of its inline scripts instead (the same protection, and the bytes can be shared,
 *   as a CDN shares them).
 * - Private and form pages (anything not in PUBLIC_PATH, any request with a session cookie, any
 *   response setting a cookie) are `Cache-Control: private, no-store` and never kept.
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import { gzipSync } from "node:zlib";
import { dataVersion, knownDataVersion } from "../app/lib/data-version.server";

/** Pages and API answers that are the same for every anonymous visitor (single-fetch `.data` included). */
export const PUBLIC_PATH =
  /^\/(?:_index\.data)?$|^\/(?:advisors|labs|institutions|compare|about|search|api\/advisors|api\/labs|api\/institutions)(?:[/.?]|$)/;

const SESSION_COOKIE = /(?:^|;\s*)__session=/;
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate";
export const PRIVATE_CACHE_CONTROL = "private, no-store";
const CACHEABLE_TYPE = /^(?:text\/html|application\/json|text\/csv)/;
// Headers that belong to one response, not to the kept copy.
const NOT_KEPT = new Set([
  "content-length",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  "etag",
  "cache-control",
  "vary",
  "content-encoding",
  "set-cookie",
]);

type Entry = {
  version: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  gzip?: Buffer;
};

export type PageCacheOptions = {
  /** Identifies the deployed code (the Remix build's assets version): a new build never matches old ETags. */
  buildVersion: string;
  /** Upper bound on the bytes kept (bodies, identity and gzip). */
  maxBytes?: number;
  /** A single page larger than this is served but not kept. */
  maxEntryBytes?: number;
  /** How many URLs asked once (not kept yet) are remembered, to keep them when asked again. */
  maxSeenOnce?: number;
};

export type PageCache = {
  (req: http.IncomingMessage, res: http.ServerResponse, next: () => void): void;
  stats: () => { entries: number; bytes: number; hits: number; misses: number; notModified: number };
  clear: () => void;
};

function isPublicRequest(req: http.IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (SESSION_COOKIE.test(req.headers.cookie ?? "")) return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return PUBLIC_PATH.test(q === -1 ? url : url.slice(0, q));
}

/** The Content-Security-Policy of a kept page: its nonce replaced by the hashes of its inline scripts. */
export function hashedPolicy(policy: string, html: string): string {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return policy.replace(/'nonce-[^']*'/g, [...hashes].join(" ") || "");
}

/** Whether the client takes gzip: named (or "*") without q=0 ("gzip;q=0" refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const offers = String(header ?? "")
    .split(",")
    .map((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { coding: coding.trim(), q: q ? Number(q.slice(2)) : 1 };
    });
  const named = offers.find((o) => o.coding === "gzip") ?? offers.find((o) => o.coding === "*");
  return named !== undefined && named.q > 0;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  // Weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

export function createPageCache({
  buildVersion,
  // 24 MB: about 500 list pages; repeated URLs only (see seenOnce), more held memory for rare hits.
  maxBytes = 24 * 1024 * 1024,
  maxEntryBytes = 2 * 1024 * 1024,
  maxSeenOnce = 10_000,
}: PageCacheOptions): PageCache {
  const entries = new Map<string, Entry>();
  // URLs asked once since they were last kept, oldest first: a URL is kept when asked a second time.
  const seenOnce = new Set<string>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let notModified = 0;

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.body.length + (e.gzip?.length ?? 0);
    entries.delete(key);
  };
  const keep = (key: string, entry: Entry) => {
    drop(key);
    if (entry.body.length > maxEntryBytes) return;
    entries.set(key, entry);
    bytes += entry.body.length;
    while (bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
  };

  const send = (req: http.IncomingMessage, res: http.ServerResponse, key: string, entry: Entry, etag: string) => {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, entry);
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    let body = entry.body;
    const headers: Record<string, string | string[] | number> = {
      ...entry.headers,
      ETag: etag,
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      Vary: "Cookie, Accept-Encoding",
    };
    if (gzip && entry.body.length > 1024) {
      if (!entry.gzip) {
        entry.gzip = gzipSync(entry.body);
        bytes += entry.gzip.length;
      }
      body = entry.gzip;
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = body.length;
    hits++;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const cache = ((req, res, next) => {
    if (!isPublicRequest(req)) {
      privateByDefault(res);
      next();
      return;
    }
    const version = knownDataVersion();
    // Refreshed in the background (at most every DATA_VERSION_TTL_MS, 250 ms): a kept page never waits
    // for the database, and another process's change is seen within that.
    const refresh = dataVersion();
    if (version === undefined) {
      refresh.then(
        () => cache(req, res, next),
        () => {
          privateByDefault(res);
          next();
        },
      );
      return;
    }
    refresh.catch(() => {});
    const etag = `W/"${buildVersion}.${version}"`;
    const key = req.url ?? "/";
    const entry = entries.get(key);
    // A kept page is a 200 of this version: revalidated without rendering. Any other URL is rendered
    // first (capture answers 304 only if it turns out a cacheable 200: never for a 404 or a 400).
    if (entry && entry.version === version && matchesEtag(req.headers["if-none-match"], etag)) {
      notModified++;
      res.writeHead(304, { ETag: etag, "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Cookie, Accept-Encoding" });
      res.end();
      return;
    }
    if (entry && entry.version === version) {
      send(req, res, key, entry, etag);
      return;
    }
    misses++;
    // Kept before (an older data version) or asked once already: worth keeping. Otherwise only remembered.
    const worthKeeping = entry !== undefined || seenOnce.delete(key);
    if (!worthKeeping) {
      seenOnce.add(key);
      if (seenOnce.size > maxSeenOnce) seenOnce.delete(seenOnce.values().next().value!);
    }
    capture(req, res, etag, worthKeeping ? (captured) => keep(key, { ...captured, version }) : undefined);
    next();
  }) as PageCache;

  cache.stats = () => ({ entries: entries.size, bytes, hits, misses, notModified });
  cache.clear = () => {
    entries.clear();
    seenOnce.clear();
    bytes = 0;
  };
  return cache;
}

/** Responses that did not say otherwise are not to be stored by anyone (private and form pages). */
function privateByDefault(res: http.ServerResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!this.hasHeader("cache-control")) this.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/** The response's headers as a kept copy stores them (NOT_KEPT left out). */
function keptHeadersOf(res: http.ServerResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(res.getHeaders()))
    if (v !== undefined && !NOT_KEPT.has(k)) headers[k] = typeof v === "number" ? String(v) : v;
  return headers;
}

/**
 * Lets the response through uncompressed while keeping a copy of its bytes; when it ends as a
 * cacheable 200 (no cookie set, an HTML/JSON/CSV body), hands the copy to `done`. Without `done`
 * (a page not to be kept) it only sets the caching headers: no copy is made.
 */
function capture(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  etag: string,
  done?: (e: Omit<Entry, "version">) => void,
) {
  // A copy to keep is rendered without compression (the kept copy is compressed on demand); a page
  // not kept is compressed as usual.
  if (done) delete req.headers["accept-encoding"];
  let cacheable = false;
  // The headers of a page answered 304 after rendering, as a 200 would carry them, for the kept copy.
  let keptHeaders: Record<string, string | string[]> | null = null;
  const chunks: Buffer[] = [];
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === "number" ? args[0] : this.statusCode;
    // Headers given to writeHead directly are merged in before deciding.
    const given = args.find((a, i) => i > 0 && a && typeof a === "object" && !Array.isArray(a)) as
      Record<string, string> | undefined;
    if (given) for (const [k, v] of Object.entries(given)) this.setHeader(k, v);
    // A copy to keep must be plain; a page not kept may be compressed on its way out (the compression
    // middleware sets Content-Encoding before this runs) and is public all the same.
    cacheable =
      status === 200 &&
      !this.hasHeader("set-cookie") &&
      (!done || !this.hasHeader("content-encoding")) &&
      CACHEABLE_TYPE.test(String(this.getHeader("content-type") ?? ""));
    if (cacheable) {
      this.setHeader("ETag", etag);
      this.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
      this.setHeader("Vary", "Cookie, Accept-Encoding");
    } else if (!this.hasHeader("cache-control")) this.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
    // The client holds this version of a page that exists: 304 (Node then drops the body's writes).
    // The body's writes still reach the copy: a URL only ever revalidated (behind a CDN) is kept too.
    const revalidated = cacheable && matchesEtag(req.headers["if-none-match"], etag);
    if (revalidated) {
      if (done) keptHeaders = keptHeadersOf(this);
      for (const h of ["content-type", "content-length", "content-encoding"]) this.removeHeader(h);
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(
      this,
      revalidated ? 304 : status,
      typeof args[1] === "string" ? args[1] : undefined,
    );
  } as typeof res.writeHead;
  if (!done) return;
  const write = res.write;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (chunk != null)
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8"),
      );
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  const end = res.end;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (chunk != null && typeof chunk !== "function")
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8"),
      );
    const result = (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
    if (cacheable && req.method === "GET") {
      const body = Buffer.concat(chunks);
      const headers = keptHeaders ?? keptHeadersOf(this);
      const policy = headers["content-security-policy"];
      if (typeof policy === "string" && /'nonce-/.test(policy))
        headers["content-security-policy"] = hashedPolicy(policy, body.toString("utf8"));
      done({ headers, body });
    }
    return result;
  } as typeof res.end;
}
