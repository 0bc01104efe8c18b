/**
 * Database outages answered as such: a loader or action that fails because the database cannot be
 * reached (refused, timed out, shut down; app/lib/db.server.ts isDatabaseUnavailable) answers 503
 * with a short message and Retry-After, as JSON for the API and as the error page for pages, instead
 * of a 500 or a hang. Connect and statement time-outs (db.server.ts) bound the wait to about 2 s.
 * What is served from memory (cached pages, the in-memory ranking and search) keeps answering.
 *
 * Done by wrapping every route module's loader and action in the server build, once at start: one
 * place for every route, and the routes stay as they are.
 */
import type { ServerBuild } from "@remix-run/node";
import { isDatabaseDown, noteDatabaseError, probeDatabase } from "../app/lib/db-health.server";
import { isDatabaseUnavailable, poolGeneration } from "../app/lib/db.server";

export const OUTAGE_MESSAGE = "The database is unavailable right now; please try again in a few seconds.";
export const RETRY_AFTER_S = 5;

let lastLogged = 0;
function logOutage(error: unknown) {
  // One line per 10 s at most: an outage under load would otherwise flood the log.
  const now = Date.now();
  if (now - lastLogged < 10_000) return;
  lastLogged = now;
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  console.error(
    `database unavailable (${e.cause?.code ?? e.code ?? "?"}: ${e.cause?.message ?? e.message}); answering 503`,
  );
}

export function outageResponse(kind: "json" | "page"): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_S), "Cache-Control": "no-store" };
  return kind === "json"
    ? Response.json({ error: OUTAGE_MESSAGE }, { status: 503, headers })
    : new Response(OUTAGE_MESSAGE, {
        status: 503,
        statusText: "Service Unavailable",
        headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      });
}

type Handler = (args: unknown) => unknown;

/**
 * How long a request may wait before the database's health is asked: while the database is down,
 * the pool keeps queries waiting for a reconnection, so a request still pending after this long
 * answers 503 if a probe (refused at once when the server is down; at most 900 ms when it hangs) says the
 * database is unreachable: under 2 s in all, with room for a busy event loop. Asking early costs little (one
 * probe shared by every request, cached 250 ms; a slow probe to a server that accepts TCP counts as up).
 */
export const OUTAGE_DEADLINE_MS = 500;

class DatabaseDown extends Error {
  code = "CONNECT_TIMEOUT";
}

/** Rejects once the handler has waited OUTAGE_DEADLINE_MS and the database is down; never while it is up. */
function downDeadline(settled: () => boolean): Promise<never> {
  return new Promise((_, reject) => {
    const check = async () => {
      if (settled()) return;
      if (isDatabaseDown() || !(await probeDatabase()))
        reject(new DatabaseDown("the database did not answer (probe failed)"));
      else setTimeout(check, 250).unref();
    };
    setTimeout(check, OUTAGE_DEADLINE_MS).unref();
  });
}

function guard(handler: Handler, kind: "json" | "page"): Handler {
  return async (args) => {
    const pool = poolGeneration();
    try {
      return await raceDown(handler, args);
    } catch (error) {
      // Its queries were queued on the pool that recovery from an outage replaced (and destroyed): the
      // database is back, so a read is run again on the new pool rather than answered 503. Reads only:
      // a write is never repeated behind its sender's back.
      if (isDatabaseUnavailable(error) && isRead(args) && poolGeneration() !== pool && !isDatabaseDown())
        return await raceDown(handler, args).catch((again: unknown) => outage(again, kind));
      return outage(error, kind);
    }
  };
}

/** The handler, or a rejection once it has waited OUTAGE_DEADLINE_MS while the database is down. */
async function raceDown(handler: Handler, args: unknown): Promise<unknown> {
  let settled = false;
  try {
    const work = Promise.resolve(handler(args));
    // A request abandoned at the deadline may still finish later; its result is dropped.
    work.catch(() => {});
    return await Promise.race([work, downDeadline(() => settled)]);
  } finally {
    settled = true;
  }
}

function isRead(args: unknown): boolean {
  const method = (args as { request?: Request }).request?.method ?? "GET";
  return method === "GET" || method === "HEAD";
}

function outage(error: unknown, kind: "json" | "page"): never {
  noteDatabaseError(error);
  if (!isDatabaseUnavailable(error)) throw error;
  logOutage(error);
  // A thrown Response: the API gets it as is, a page renders its error boundary with status 503.
  throw outageResponse(kind);
}

/** The same build, with every loader and action answering 503 when the database is unavailable. */
export function withOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const mod = route.module as unknown as Record<string, unknown>;
    // Resource routes (no component) are the JSON and CSV API; the rest are pages.
    const kind = mod.default ? "page" : "json";
    const wrapped: Record<string, unknown> = { ...mod };
    if (typeof mod.loader === "function") wrapped.loader = guard(mod.loader as Handler, kind);
    if (typeof mod.action === "function") wrapped.action = guard(mod.action as Handler, kind);
    routes[id] = { ...route, module: wrapped as unknown as typeof route.module };
  }
  return { ...build, routes };
}

/**
 * A database connection error that nobody awaited no longer ends the process. postgres.js rejects
 * the queries still queued on a pool that is closed (the pool replaced when the database comes back,
 * or closed at shutdown) with CONNECTION_DESTROYED, and one of them, not the request's own (those are
 * handled), went unhandled: Node's default ended the server mid-drill (scripts/drills.ts, outage and
 * mixed-load drills). Any other unhandled rejection still ends it, as before.
 */
/**
 * postgres.js (3.4) may flush a buffered write on the next tick after its socket was closed by an
 * outage, and throws from there ("Cannot read properties of null (reading 'write')" in
 * connection.js's nextWrite): the connection is gone either way and the pool reconnects, so this one
 * error must not stop the server (seen once in the outage drill: the second app process exited).
 */
export function isClosedSocketWrite(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const [, top] = (error.stack ?? "").split("\n");
  return /reading 'write'/.test(error.message) && /[/\\]postgres[/\\]src[/\\]connection\.js/.test(top ?? "");
}

export function surviveDatabaseRejections(): void {
  process.on("uncaughtException", (error) => {
    if (isClosedSocketWrite(error)) return logOutage(error);
    console.error(error);
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      noteDatabaseError(reason);
      logOutage(reason);
      return;
    }
    console.error("unhandled rejection:", reason);
    process.exit(1);
  });
}
