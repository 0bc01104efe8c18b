/**
 * The HTTP server around the Remix build: security headers (CSP with a per-request nonce,
 * frame-ancestors, Referrer-Policy, X-Content-Type-Options; a fixed set for the search API's fast
 * path) set here and only here, compression,
 * static assets, a body-size limit, and refusal of POSTs from a foreign Origin.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { env } from "../app/lib/env.server";
import { searchApi, searchApiNow } from "../app/lib/search/api.server";
import { createPageCache } from "./http-cache";
import { withOutageAnswers } from "./outage";

export const MAX_BODY_BYTES = 64 * 1024;

export function securityHeaders() {
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          ...(env().NODE_ENV === "production" && env().ATLAS_HTTPS ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: env().ATLAS_HTTPS,
    }),
  ];
}

/** The same protections for a JSON answer, which runs no script and loads nothing (no nonce needed). */
export const JSON_SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/**
 * The origin a request claims, from Origin or else Referer: "missing" when neither is sent,
 * "invalid" for `Origin: null` (sent from pages with a no-referrer policy or sandboxed frames)
 * or a header that is not a URL.
 */
export function claimedOrigin(
  originHeader: string | undefined,
  refererHeader: string | undefined,
): string | "missing" | "invalid" {
  const raw = originHeader ?? refererHeader;
  if (raw === undefined || raw === "") return "missing";
  if (raw === "null") return "invalid";
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") return "invalid";
    return u.origin;
  } catch {
    return "invalid";
  }
}

/**
 * Refuses state-changing requests that do not come from this site's own pages: the claimed origin
 * (Origin, else Referer) must match this server's scheme, host and port exactly. A POST with
 * neither header is refused too: every browser sends Origin on a form POST, so only a script or a
 * stripped request lacks both. Never throws: a malformed header is a 403, not a 500.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const refuse = (why: string) => {
    res
      .status(403)
      .type("text/plain")
      .set("Cache-Control", "no-store")
      .send(`Cross-site form submissions are refused (${why}).`);
  };
  const claimed = claimedOrigin(req.get("origin"), req.get("referer"));
  if (claimed === "missing") return refuse("no Origin or Referer header");
  if (claimed === "invalid") return refuse("unreadable Origin or Referer header");
  let own: string;
  try {
    // Behind a TLS proxy the public scheme is https (ATLAS_HTTPS=1, or X-Forwarded-Proto with TRUST_PROXY=1).
    const scheme = env().ATLAS_HTTPS ? "https" : req.protocol;
    own = new URL(`${scheme}://${req.get("host") ?? ""}`).origin;
  } catch {
    return refuse("unreadable Host header");
  }
  if (claimed !== own) return refuse("another origin");
  next();
}

/**
 * Refuses a URL that no page can answer: a NUL byte anywhere (Postgres text cannot hold one, so a
 * slug or parameter with it used to fail the query with a 500) or a path that is not valid
 * percent-encoding. Runs before everything else, the search fast path included.
 */
export function refuseMalformedUrl(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  // The absolute form a client may send ("GET http://host/advisors HTTP/1.1", RFC 9112 3.2.2) is
  // the same request as its path; "*" (OPTIONS *) and anything else not a path name no page here.
  if (req.url && /^https?:\/\//i.test(req.url)) {
    try {
      const absolute = new URL(req.url);
      req.url = `${absolute.pathname}${absolute.search}`;
    } catch {
      req.url = "";
    }
  }
  const url = req.url ?? "/";
  let bad = !url.startsWith("/") || /%00|\0/i.test(url);
  if (!bad) {
    try {
      decodeURIComponent(url.split("?")[0]);
    } catch {
      bad = true;
    }
  }
  if (!bad) return false;
  const message = "Malformed address: not a path, or it contains a NUL byte or an invalid %-escape.";
  // The JSON API answers its errors as JSON, as it does every other 400.
  const api = url.startsWith("/api/");
  res.writeHead(400, {
    ...JSON_SECURITY_HEADERS,
    "Content-Type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(api ? JSON.stringify({ message }) : message);
  return true;
}

/**
 * The site reads with GET and HEAD and writes with POST (plain HTML forms): any other method
 * (PUT, DELETE, OPTIONS, ...) is a 405 naming the allowed ones, before a loader or action runs.
 */
export function onlyKnownMethods(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "POST") return next();
  res.set("Allow", "GET, HEAD, POST");
  res.set("Cache-Control", "no-store");
  if (req.path.startsWith("/api/")) res.status(405).json({ message: `${req.method} is not allowed here.` });
  else res.status(405).type("text/plain").send(`${req.method} is not allowed here.`);
}

/** Rejects bodies over the limit before Remix reads them. */
export function bodySizeLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res
      .status(413)
      .type("text/plain")
      .send(`Request body too large (limit ${MAX_BODY_BYTES / 1024} kB).`);
    return;
  }
  let seen = 0;
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_BODY_BYTES && !res.headersSent) {
      res
        .status(413)
        .type("text/plain")
        .send(`Request body too large (limit ${MAX_BODY_BYTES / 1024} kB).`);
      req.destroy();
    }
  });
  next();
}

const SEARCH_API_HEADERS = {
  ...JSON_SECURITY_HEADERS,
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
};
// Answers served from the search cache are the same objects: their JSON is kept with them.
const serialized = new WeakMap<object, string>();

/**
 * GET /api/search answered by the HTTP server itself, before Express and Remix (the typeahead's
 * hottest path: a small JSON answer, usually computed in microseconds, where the frameworks'
 * per-request work cost more than the search). Same function and contract as the Remix route
 * (app/routes/api.search.ts); the JSON security headers above. Returns false for other requests.
 */
export function searchApiFastPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? "";
  if (req.method !== "GET" || !url.startsWith("/api/search") || (url.length > 11 && url[11] !== "?")) return false;
  const failed = (error: Error) => {
    console.error(`GET /api/search failed: ${error.stack ?? error.message}`);
    if (res.headersSent) res.destroy();
    else sendJson(res, { status: 500, body: { error: "Search is unavailable right now; try again in a moment." } });
  };
  try {
    const query = new URLSearchParams(url.slice(12));
    const now = searchApiNow(query);
    if (now) sendJson(res, now);
    else
      searchApi(query)
        .then((answer) => sendJson(res, answer))
        .catch(failed);
  } catch (error) {
    failed(error as Error);
  }
  return true;
}

function sendJson(res: http.ServerResponse, { status, body }: { status: number; body: unknown }) {
  let json = typeof body === "object" && body !== null ? serialized.get(body) : undefined;
  if (json === undefined) {
    json = JSON.stringify(body);
    if (status === 200) serialized.set(body as object, json);
  }
  res.writeHead(status, { ...SEARCH_API_HEADERS, "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

/** The HTTP server: the search API's fast path, the page cache (server/http-cache.ts), then the Express app (everything else). */
export async function createHttpServer(buildDir = path.resolve("build")): Promise<http.Server> {
  const app = await createAppServer(buildDir);
  const pageCache = createPageCache({ buildVersion: (await loadBuild(buildDir)).assets.version });
  return http.createServer((req, res) => {
    if (refuseMalformedUrl(req, res)) return;
    if (!searchApiFastPath(req, res)) pageCache(req, res, () => app(req, res));
  });
}

async function loadBuild(buildDir: string): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href)) as ServerBuild;
}

export async function createAppServer(buildDir = path.resolve("build")) {
  // Loaders and actions answer 503 when the database is unavailable (server/outage.ts).
  const build = withOutageAnswers(await loadBuild(buildDir));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env().TRUST_PROXY);
  app.use(compression());
  app.use(securityHeaders());
  app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
  const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
  // Only a name with an extension can be a file there (favicon.svg): pages skip the lookup, a failed stat per request.
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(onlyKnownMethods);
  app.use(sameOriginOnly);
  app.use(bodySizeLimit);
  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        ip: req.ip ?? req.socket.remoteAddress ?? "",
      }),
    }),
  );
  return app;
}
