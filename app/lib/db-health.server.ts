/**
 * Is the database reachable right now? postgres.js keeps a query waiting while its pool reconnects
 * (measured: queries issued while Postgres was stopped waited 6–17 s, until it came back or the
 * connection gave up), so "fail fast when the database is down" needs its own signal:
 *
 * - a probe: one fresh connection, `select 1`, with a deadline of 900 ms (never the pool's queue; a stopped server refuses at once);
 *   a probe that times out while the server's port accepts TCP counts as up (a busy machine), so only
 *   a refusal, a reset or a silent port marks the database down (a server that accepts and then hangs
 *   is not detected here: the statement time-out bounds those requests);
 * - a flag, set when a probe fails (a request's connection error asks for one), and cleared by the
 *   probe that succeeds again (probing every 500 ms meanwhile); on recovery the pool is replaced,
 *   so no request waits behind a connection left over from before the outage.
 *
 * server/outage.ts uses it: a request still waiting after OUTAGE_DEADLINE_MS while the database is
 * down answers 503. On PGlite (in process) the database is always reachable.
 */
import net from "node:net";
import postgres from "postgres";
import { closeDb, databaseKind, isDatabaseUnavailable } from "./db.server";
import { env } from "./env.server";
import { remember } from "./remember.server";

const PROBE_TIMEOUT_MS = 900;
const PROBE_EVERY_MS = 500;

const state = () =>
  remember("dbHealth", () => ({
    down: false,
    probing: undefined as Promise<boolean> | undefined,
    lastProbeAt: 0,
    lastProbeOk: true,
    lastError: "",
    timeouts: 0,
    recovering: undefined as NodeJS.Timeout | undefined,
  }));

/**
 * Resolves "timeout" after `ms` of event-loop time. A busy loop (a page rendering, the ranking index
 * loading) runs timers before the socket reads that were ready meanwhile, so a plain timer declared a
 * healthy database silent (the SIGTERM drill saw 503s from a database that was up): a timer that
 * fires late waits one more turn of the loop (setImmediate runs after pending I/O) and then, if it
 * was late by more than its own length, starts again once.
 */
function deadline(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => {
    let rearmed = false;
    const arm = () => {
      const armedAt = Date.now();
      setTimeout(() => {
        const late = Date.now() - armedAt - ms;
        setImmediate(() => {
          if (late > ms && !rearmed) {
            rearmed = true;
            arm();
          } else resolve("timeout");
        });
      }, ms).unref();
    };
    arm();
  });
}

/** Whether the database's address accepts a TCP connection within `ms` (true for a socket path: not checked). */
function tcpReachable(url: string, ms: number): Promise<boolean | "timeout"> {
  let host = "";
  let port = 5432;
  try {
    const u = new URL(url);
    host = u.hostname;
    port = Number(u.port || 5432);
  } catch {
    /* not a URL: not checked */
  }
  if (!host) return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean | "timeout") => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    void deadline(ms).then(() => done("timeout"));
  });
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return `${e.cause?.code ?? e.code ?? "?"}: ${e.cause?.message ?? e.message ?? String(error)}`;
}

/** True while the database is known to be unreachable. */
export function isDatabaseDown(): boolean {
  return state().down;
}

/** One fresh connection, `select 1`, within PROBE_TIMEOUT_MS (shared by concurrent callers; cached for 250 ms). */
export function probeDatabase(): Promise<boolean> {
  const s = state();
  const url = env().DATABASE_URL;
  if (!url || databaseKind() === "pglite") return Promise.resolve(true);
  if (Date.now() - s.lastProbeAt < 250) return Promise.resolve(s.lastProbeOk);
  s.probing ??= (async () => {
    const sql = postgres(url, {
      max: 1,
      // The deadline below decides a silent database (postgres.js's own timer is not lag-aware);
      // this only bounds a connection left behind.
      connect_timeout: 5,
      idle_timeout: 1,
      onnotice: () => {},
      connection: { application_name: "advisor-atlas-probe" },
    });
    try {
      // Its own catch: when the deadline wins, the query's later failure must not go unhandled.
      const answer = sql`select 1`.then(
        () => true as const,
        (error: unknown) => {
          s.lastError = describe(error);
          return false as const;
        },
      );
      const tcp = tcpReachable(url, PROBE_TIMEOUT_MS);
      const result = await Promise.race([answer, deadline(PROBE_TIMEOUT_MS)]);
      // Slow to answer on a connection the server accepted: a busy machine (a Postgres starved of
      // CPU, measured in the drills at load average 15), not an outage; such a probe counts as up.
      if (result === "timeout" && (await tcp) === true) return true;
      return result;
    } finally {
      void sql.end({ timeout: 0 }).catch(() => {});
    }
  })().then((result) => {
    // Refused or reset: down now. No answer in time: down at the second time-out in a row (a busy
    // machine can be slow to open a connection to a healthy database).
    s.timeouts = result === "timeout" ? s.timeouts + 1 : 0;
    const ok = result === true || (result === "timeout" && s.timeouts < 2);
    s.lastProbeAt = Date.now();
    s.lastProbeOk = ok;
    s.probing = undefined;
    if (!ok) markDown(result === "timeout" ? `no answer within ${PROBE_TIMEOUT_MS} ms, twice` : s.lastError);
    return ok;
  });
  return s.probing;
}

function markDown(why: string): void {
  const s = state();
  if (s.down) return;
  s.down = true;
  console.error(`database unreachable (${why}); probing every ${PROBE_EVERY_MS} ms.`);
  // Probe until the database answers again, then start a fresh pool.
  s.recovering = setInterval(() => {
    void probeDatabase().then((ok) => {
      if (!ok || !s.down) return;
      s.down = false;
      clearInterval(s.recovering);
      s.recovering = undefined;
      void closeDb({ now: true }).catch(() => {});
      console.log("database reachable again; new connection pool.");
    });
  }, PROBE_EVERY_MS);
  s.recovering.unref();
}

/**
 * Called with any error a request met: a connection error has a probe ask whether the database is
 * down (the probe marks it). Not marked down at once: a connect time-out on a busy machine, or a
 * query of the pool replaced at recovery ending with CONNECTION_ENDED, came from a database that was
 * up, and marking it down kept healthy requests answering 503 for seconds after an outage.
 */
export function noteDatabaseError(error: unknown): void {
  if (isDatabaseUnavailable(error) && databaseKind() === "postgres") void probeDatabase();
}
