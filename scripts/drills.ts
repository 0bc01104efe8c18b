/**
 * npm run drills [-- --short] [--only outage,mixed,...]
 *
 * Fault drills, each on loopback with what it needs (a throwaway Postgres cluster, app processes on
 * the production build), each asserting its outcome; a failed assertion fails the run (exit 1).
 * Results go to docs/reliability.md ("Drills"). `--short` (.ci/run) runs shorter loads on two app
 * processes shared by the drills (see `Shared`) and skips the import-kill drill (two more imports).
 * Hard time limits (LIMITS) per drill, for the set-up and for the whole run; whatever the outcome, every
 * process started and the cluster are stopped. DRILL_FROM_URL=<postgres url of an imported database>: with
 * `--short`, the drill database is a copy of it (pg_dump | pg_restore, ~40 s) instead of an import.
 * The drills' own requests that are not measured (finding slugs, signing in, polling) retry with
 * time-outs; a submission fetches its form page first and sends back every hidden input and cookie
 * (a CSRF token included). When a drill fails, the output of its app processes is printed.
 *
 *   outage     Postgres stopped mid-load: DB requests answer 503 within 2 s, pages served from memory
 *              keep answering; after the restart the app serves normally within 5 s, not restarted.
 *   mixed      64 connections, 90% reads and 10% valid submissions: 0 5xx; every accepted
 *              submission is in the database.
 *   two-apps   two app processes on one database: an approval on one is visible on the other within 2 s.
 *   import-kill  the import SIGKILLed halfway, then rerun: the row counts equal a clean import.
 *   meili      MEILI_URL on a closed port: search answers from Postgres.
 *   sigterm    in-flight requests finish, the process exits 0 within 10 s; `npm run serve` leaves no orphan.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { env } from "../app/lib/env.server";
import { freePort } from "./free-port";
import {
  type App,
  type Cluster,
  copyInto,
  importInto,
  killChildren,
  own,
  processesMatching,
  ROOT,
  runScript,
  sleep,
  startApp,
  startCluster,
} from "./loopback";
import { SERVER_ENTRY } from "./server-entry";

const args = process.argv.slice(2);
const SHORT = args.includes("--short");
const ONLY = (() => {
  const i = args.indexOf("--only");
  return i >= 0 ? new Set(args[i + 1].split(",")) : null;
})();
const MODERATOR = { email: "drill-moderator@example.org", password: "drill-password-123" };

type Outcome = { name: string; ok: boolean; lines: string[] };
const outcomes: Outcome[] = [];

function check(lines: string[], ok: boolean, what: string): boolean {
  lines.push(`${ok ? "PASS" : "FAIL"} ${what}`);
  return ok;
}

type Sample = { url: string; status: number; ms: number; error?: string };

/** A measured request: its status (0 when unanswered within `timeoutMs`) and how long it took. */
async function timedFetch(
  url: string,
  init: RequestInit = {},
  timeoutMs = 10_000,
  keepBody = false,
): Promise<Sample & { body?: string; setCookie?: string }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    const ms = performance.now() - t;
    return { url, status: res.status, ms, ...(keepBody ? { body, setCookie: cookiesOf(res) } : {}) };
  } catch (error) {
    return {
      url,
      status: 0,
      ms: performance.now() - t,
      error: `${(error as Error).name}: ${(error as Error).message}`,
    };
  }
}

/**
 * A request the drill needs but does not measure (finding slugs, signing in, polling a page): each
 * try bounded by a time-out, retried on a network error or a 5xx, since a busy machine can be slow to
 * answer right after a start. Throws with what the last try met.
 */
async function ask(url: string, init: RequestInit = {}, tries = 6): Promise<Response> {
  let last = "";
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(15_000) });
      if (res.status < 500 || attempt >= tries) return res;
      last = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = `${(error as Error).name}: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ""}`;
      if (attempt >= tries) throw new Error(`${url}: ${last} after ${tries} tries`);
    }
    await sleep(500 * attempt);
  }
}

/** The hidden inputs of a page's POST forms (a CSRF token, say): a submission sends them back as a browser would. */
export function hiddenInputs(html: string, only?: (form: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const forms = html.match(/<form\b[^>]*method="post"[^>]*>[\s\S]*?<\/form>/gi) ?? [];
  for (const form of forms.some((f) => only?.(f)) ? forms.filter((f) => only?.(f)) : forms)
    for (const tag of form.match(/<input\b[^>]*>/gi) ?? []) {
      if (!/\btype="hidden"/i.test(tag)) continue;
      const name = /\bname="([^"]*)"/i.exec(tag)?.[1];
      if (!name) continue;
      out[unescapeHtml(name)] = unescapeHtml(/\bvalue="([^"]*)"/i.exec(tag)?.[1] ?? "");
    }
  return out;
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** `name=value` pairs of a response's Set-Cookie headers, merged into a Cookie header. */
function cookiesOf(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf("=")), c] as const),
  );
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0];
    jar.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  return [...jar.values()].join("; ");
}

/** `concurrency` loops, each running `next()` until `until()` says stop. */
async function load(concurrency: number, until: () => boolean, next: (worker: number, i: number) => Promise<void>) {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; !until(); i++) await next(w, i);
    }),
  );
}

async function topAdvisors(app: App, n: number): Promise<string[]> {
  // The first answer after a start waits for the ranking index; on a busy machine, ask again.
  for (let attempt = 0; ; attempt++) {
    const r = await ask(`${app.url}/api/advisors?limit=${n}`);
    const body = r.ok ? ((await r.json()) as { advisors?: { slug: string }[] }) : undefined;
    if (body?.advisors?.length) return body.advisors.map((a) => a.slug);
    if (attempt > 30) throw new Error(`/api/advisors answered ${r.status}: ${JSON.stringify(body)?.slice(0, 200)}`);
    await sleep(2000);
  }
}

/** The app processes a drill started (their output is shown when the drill fails; all are stopped at the end). */
const running = new Set<App>();
const launched: App[] = [];
async function launch(env: Record<string, string>, options: { command?: "node" | "npm" } = {}): Promise<App> {
  const app = await startApp(env, options);
  running.add(app);
  launched.push(app);
  const stop = app.stop;
  app.stop = async (signal) => {
    const result = await stop(signal);
    running.delete(app);
    return result;
  };
  return app;
}

/**
 * `--short`: two app processes shared by every drill, started together once (each start spends 10–30 s
 * checking that the data is imported, seven starts were most of a short run): A by `node
 * build/server/start.js`, B by `npm run serve` with MEILI_URL on a closed port. The outage and mixed drills
 * load A, two-apps approves on A and reads B, meili asks B, and sigterm stops both. Without it each
 * drill starts its own.
 */
type Shared = { a: App; b: App; closedMeiliPort: number };

function sharedEnv(cluster: Cluster, db: string): Record<string, string> {
  return {
    DATABASE_URL: cluster.url(db),
    TRUST_PROXY: "1",
    ATLAS_BOOTSTRAP_MODERATOR: `${MODERATOR.email}:${MODERATOR.password}`,
  };
}

async function startShared(cluster: Cluster, db: string): Promise<Shared> {
  const closedMeiliPort = await freePort();
  const [a, b] = await Promise.all([
    launch(sharedEnv(cluster, db)),
    launch(
      {
        ...sharedEnv(cluster, db),
        MEILI_URL: `http://127.0.0.1:${closedMeiliPort}`,
        MEILI_MASTER_KEY: "drill-master-key",
      },
      { command: "npm" },
    ),
  ]);
  return { a, b, closedMeiliPort };
}

/** The shared app, or a fresh one that `done` stops. */
async function appFor(shared: App | undefined, env: Record<string, string>) {
  const app = shared ?? (await launch(env));
  return { app, done: () => (shared ? Promise.resolve() : app.stop().then(() => {})) };
}

// ---------------------------------------------------------------------------------------------------

async function outageDrill(cluster: Cluster, db: string, shared?: Shared) {
  const lines: string[] = [];
  const { app, done } = await appFor(shared?.a, { DATABASE_URL: cluster.url(db) });
  try {
    const slugs = await topAdvisors(app, 40);
    // Pages visited before the outage are kept in memory (the page cache); the rest need the database.
    const warm = ["/", "/advisors", "/labs", `/advisors/${slugs[0]}`, "/api/advisors?limit=20"];
    for (const u of warm) await timedFetch(app.url + u);
    const cold = (i: number) =>
      i % 3 === 0
        ? `/advisors/${slugs[i % slugs.length]}?papers=${2015 + (i % 8)}`
        : i % 3 === 1
          ? `/api/advisors/${slugs[(i * 7) % slugs.length]}?v=${i}`
          : `/labs?country=FR&i=${i}`;
    const samples: (Sample & { phase: string; warm: boolean })[] = [];
    let phase = "before";
    let stop = false;
    const loop = load(
      16,
      () => stop,
      async (w, i) => {
        const isWarm = (w + i) % 2 === 0;
        const url = isWarm ? warm[(w + i) % warm.length] : cold(w * 1000 + i);
        const p = phase;
        samples.push({ ...(await timedFetch(app.url + url)), phase: p, warm: isWarm });
      },
    );
    await sleep(3000);
    phase = "outage";
    const stoppedAt = Date.now();
    await cluster.stop("fast");
    await sleep(5000);
    phase = "restarting";
    await cluster.start();
    const restartedAt = Date.now();
    // Recovery: the first time a request that needs the database answers 200 again.
    let recoveredMs = -1;
    let probeMs = -1;
    const tries: string[] = [];
    for (let i = 0; Date.now() - restartedAt < 15_000; i++) {
      const s = await timedFetch(`${app.url}/api/advisors/${slugs[i % slugs.length]}?r=${i}`);
      if (probeMs < 0 && app.output().includes("database reachable again")) probeMs = Date.now() - restartedAt;
      tries.push(`${s.status}/${Math.round(s.ms)}ms`);
      if (s.status === 200) {
        recoveredMs = Date.now() - restartedAt;
        break;
      }
      await sleep(100);
    }
    phase = "after";
    await sleep(2000);
    stop = true;
    await loop;
    const during = samples.filter((s) => s.phase === "outage");
    const slow = during.filter((s) => s.ms > 2000 || s.status === 0);
    const bad = during.filter((s) => s.status !== 200 && s.status !== 503);
    const warmDuring = during.filter((s) => s.warm);
    const after = samples.filter((s) => s.phase === "after");
    const count = (list: Sample[], st: number) => list.filter((s) => s.status === st).length;
    const p = (list: Sample[], q: number) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]) : 0;
    };
    lines.push(
      `Postgres stopped for ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s under 16 connections: ${during.length} requests during the outage ` +
        `(${count(during, 200)} × 200 from memory, ${count(during, 503)} × 503, ${bad.length} other, ${slow.length} slower than 2 s or unanswered; p99 ${p(during, 0.99)} ms, max ${p(during, 1)} ms).`,
    );
    check(lines, during.length > 0 && slow.length === 0, "every request during the outage answered within 2 s");
    check(
      lines,
      bad.length === 0,
      `every request during the outage answered 200 or 503 (others: ${JSON.stringify(bad.slice(0, 3))})`,
    );
    check(lines, count(during, 503) > 0, "requests that need the database answered 503");
    check(
      lines,
      warmDuring.length > 0 && warmDuring.every((s) => s.status === 200),
      `pages kept in memory kept answering 200 (${warmDuring.length} requests)`,
    );
    lines.push(
      `After the restart (pg_ctl reported ready): the app's probe saw the database ${probeMs >= 0 ? `after about ${probeMs} ms` : "(not logged yet)"}; recovery tries ${tries.slice(0, 12).join(", ")}${tries.length > 12 ? ", …" : ""}.`,
    );
    check(
      lines,
      recoveredMs >= 0 && recoveredMs <= 5000,
      `after the restart, the app served database pages again within 5 s without a restart (${recoveredMs} ms)`,
    );
    check(
      lines,
      after.length > 0 && after.every((s) => s.status === 200),
      `after recovery every request answered 200 (${after.length} requests)`,
    );
    const body = await (await ask(`${app.url}/api/advisors/does-not-matter-${randomUUID()}`)).text();
    lines.push(`(a 404 after recovery reads: ${body.slice(0, 80)})`);
  } finally {
    await done();
  }
  return lines;
}

async function signIn(app: App, ip: string): Promise<string> {
  const form = await ask(`${app.url}/signin`, { headers: { "X-Forwarded-For": ip } });
  const jar = cookiesOf(form);
  const res = await ask(
    `${app.url}/signin`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: app.url,
        "X-Forwarded-For": ip,
        ...(jar ? { Cookie: jar } : {}),
      },
      body: new URLSearchParams({ ...hiddenInputs(await form.text()), ...MODERATOR }),
    },
    2,
  );
  const cookie = cookiesOf(res, jar);
  if (!cookie.includes("__session=")) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function labsOf(app: App): Promise<{ slug: string; name: string }[]> {
  return ((await (await ask(`${app.url}/api/labs`)).json()) as { labs: { slug: string; name: string }[] }).labs;
}

/**
 * A valid member proposal, sent as a browser does: the form page first (its cookies and every hidden
 * input, such as a CSRF token, go back with the POST), then the POST, which is measured.
 */
async function memberSubmission(app: App, lab: string, advisor: string, token: string, ip: string): Promise<Sample> {
  const page = await timedFetch(`${app.url}/submit/member`, { headers: { "X-Forwarded-For": ip } }, 10_000, true);
  if (page.status !== 200)
    return { url: `${page.url} (the form page)`, status: page.status, ms: page.ms, error: page.error };
  const jar = page.setCookie ?? "";
  return timedFetch(`${app.url}/submit/member`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: app.url,
      "X-Forwarded-For": ip,
      ...(jar ? { Cookie: jar } : {}),
    },
    body: new URLSearchParams({
      ...hiddenInputs(page.body ?? ""),
      lab,
      advisor,
      op: "add",
      role: "member",
      sourceUrl: `https://example.org/drill/${token}`,
      note: `drill ${token}`,
    }),
  });
}

async function mixedDrill(cluster: Cluster, db: string, shared?: Shared) {
  const lines: string[] = [];
  const seconds = SHORT ? 10 : 60;
  const { app, done } = await appFor(shared?.a, { DATABASE_URL: cluster.url(db), TRUST_PROXY: "1" });
  try {
    const slugs = await topAdvisors(app, 200);
    const labs = await labsOf(app);
    const reads = (i: number) =>
      [
        `/advisors?minPapers=${i % 30}&continent=EU`,
        `/advisors/${slugs[i % slugs.length]}`,
        `/labs`,
        `/api/advisors?offset=${i % 500}`,
        "/",
        `/advisors?country=FR&from=${2015 + (i % 8)}`,
      ][i % 6];
    const samples: Sample[] = [];
    const accepted: string[] = [];
    let posts = 0;
    const end = Date.now() + seconds * 1000;
    await load(
      64,
      () => Date.now() > end,
      async (w, i) => {
        if ((w * 7 + i) % 10 === 0) {
          posts++;
          const token = randomUUID();
          // Each submission from its own address (as many visitors behind the load balancer): the per-IP limit is not what is drilled.
          const s = await memberSubmission(
            app,
            labs[i % labs.length].slug,
            slugs[(w * 13 + i) % slugs.length],
            token,
            `10.${w}.${(i >> 8) & 255}.${i & 255}`,
          );
          samples.push(s);
          if (s.status >= 200 && s.status < 400) accepted.push(token);
        } else samples.push(await timedFetch(app.url + reads(w * 1000 + i)));
      },
    );
    const stored = await cluster.rows<{ payload: string }>(
      db,
      `select payload::text as payload from submissions where payload::text like '%drill %'`,
    );
    const storedText = stored.map((r) => r.payload).join("\n");
    const missing = accepted.filter((t) => !storedText.includes(t));
    const fivexx = samples.filter((s) => s.status >= 500 || s.status === 0);
    const byStatus = new Map<number, number>();
    for (const s of samples) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    lines.push(
      `${seconds} s, 64 connections: ${samples.length} requests (${(samples.length / seconds).toFixed(0)}/s), ${posts} submissions, ${accepted.length} accepted; statuses ${JSON.stringify(Object.fromEntries(byStatus))}.`,
    );
    check(
      lines,
      fivexx.length === 0,
      `no 5xx and no unanswered request (${fivexx.length}: ${JSON.stringify(fivexx.slice(0, 3))})`,
    );
    check(
      lines,
      accepted.length > 0 && missing.length === 0,
      `every accepted submission is in the database (${accepted.length - missing.length}/${accepted.length})`,
    );
  } finally {
    await done();
  }
  return lines;
}

async function twoAppsDrill(cluster: Cluster, db: string, shared?: Shared) {
  const lines: string[] = [];
  const [a, b] = shared ? [shared.a, shared.b] : await Promise.all([0, 1].map(() => launch(sharedEnv(cluster, db))));
  try {
    const labs = await labsOf(a);
    const slugs = await topAdvisors(a, 100);
    // An advisor not yet in the lab: B's page shows the lab once B's in-memory index has the change.
    const lab = labs[0];
    let advisor = "";
    for (const s of slugs) {
      const page = await (await ask(`${b.url}/advisors/${s}`)).text();
      if (!page.includes(`/labs/${lab.slug}"`)) {
        advisor = s;
        break;
      }
    }
    const token = randomUUID();
    const sent = await memberSubmission(a, lab.slug, advisor, token, "10.200.0.1");
    if (sent.status !== 302) throw new Error(`submission on A answered ${sent.status}`);
    const [row] = await cluster.rows<{ id: number }>(
      db,
      `select id from submissions where payload::text like '%${token}%'`,
    );
    const cookie = await signIn(a, "10.200.0.2");
    // The moderation page's form for this submission (its hidden inputs: the id, a CSRF token…).
    const queue = await ask(`${a.url}/moderate`, { headers: { Cookie: cookie, "X-Forwarded-For": "10.200.0.2" } });
    const hidden = hiddenInputs(await queue.text(), (f) => f.includes(`name="submissionId" value="${row.id}"`));
    delete hidden.seen;
    const approved = await ask(
      `${a.url}/moderate`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: a.url,
          Cookie: cookiesOf(queue, cookie),
          "X-Forwarded-For": "10.200.0.2",
        },
        body: new URLSearchParams({ ...hidden, submissionId: String(row.id), intent: "approve" }),
      },
      1,
    );
    const approvedAt = Date.now();
    check(lines, approved.status === 200, `approval on process A answered ${approved.status}`);
    let seenMs = -1;
    while (Date.now() - approvedAt < 10_000) {
      const page = await (await ask(`${b.url}/advisors/${advisor}`)).text();
      if (page.includes(`/labs/${lab.slug}"`)) {
        seenMs = Date.now() - approvedAt;
        break;
      }
      await sleep(50);
    }
    lines.push(
      `Adding ${advisor} to ${lab.name}, approved on A: B's advisor page (in-memory index, page cache) showed it after ${seenMs} ms.`,
    );
    check(lines, seenMs >= 0 && seenMs <= 2000, "visible on process B within 2 s");
  } finally {
    if (!shared) await Promise.all([a.stop(), b.stop()]);
  }
  return lines;
}

const COUNTED = [
  "papers",
  "authorships",
  "people",
  "advisors",
  "institutions",
  "advisor_venue_years",
  "advisor_affiliations",
  "venues",
  "labs",
  "lab_members",
];

async function counts(cluster: Cluster, db: string): Promise<Record<string, number>> {
  const [row] = await cluster.rows<Record<string, string>>(
    db,
    `select ${COUNTED.map((t) => `(select count(*) from ${t}) as ${t}`).join(", ")}`,
  );
  return Object.fromEntries(COUNTED.map((t) => [t, Number(row[t])]));
}

async function importKillDrill(cluster: Cluster, clean: Record<string, number>, cleanSeconds: number) {
  const lines: string[] = [];
  const db = "drill_killed";
  await cluster.createDatabase(db);
  const env = { DATABASE_URL: cluster.url(db) };
  const migrated = await runScript("scripts/migrate.ts", env);
  if (migrated.code !== 0) throw new Error(migrated.out);
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", "--json"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  own(child);
  const killAfter = (cleanSeconds * 1000) / 2;
  await sleep(killAfter);
  const killed = child.exitCode === null;
  child.kill("SIGKILL");
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
  const partial = await counts(cluster, db);
  const rerun = await runScript("scripts/import.ts", env, ["--json"]);
  const after = await counts(cluster, db);
  lines.push(
    `Import SIGKILLed after ${(killAfter / 1000).toFixed(0)} s (half a clean import) with ${partial.papers} papers and ${partial.authorships} authorships written; rerun took ${rerun.seconds.toFixed(0)} s.`,
  );
  check(lines, killed, "the import was still running when killed");
  check(lines, rerun.code === 0, "the rerun finished");
  const diff = COUNTED.filter((t) => after[t] !== clean[t]);
  check(
    lines,
    diff.length === 0,
    `row counts equal a clean import (${COUNTED.map((t) => `${t} ${after[t]}${after[t] !== clean[t] ? `≠${clean[t]}` : ""}`).join(", ")})`,
  );
  return lines;
}

async function meiliDrill(cluster: Cluster, db: string, shared?: Shared) {
  const lines: string[] = [];
  const closed = shared?.closedMeiliPort ?? (await freePort());
  const { app, done } = await appFor(shared?.b, {
    DATABASE_URL: cluster.url(db),
    MEILI_URL: `http://127.0.0.1:${closed}`,
    MEILI_MASTER_KEY: "drill-master-key",
  });
  try {
    const t = performance.now();
    const res = await ask(`${app.url}/api/search?q=bengio`);
    const body = (await res.json()) as { backend: string; hits: { slug: string }[] };
    const ms = performance.now() - t;
    const page = await timedFetch(`${app.url}/search?q=montreal`);
    lines.push(
      `MEILI_URL=http://127.0.0.1:${closed} (nothing listening): /api/search answered ${res.status} from "${body.backend}" in ${ms.toFixed(0)} ms with ${body.hits.length} hits; /search ${page.status}.`,
    );
    check(
      lines,
      res.status === 200 && body.backend === "postgres" && body.hits.some((h) => h.slug === "yoshua-bengio"),
      "search answers from Postgres",
    );
    check(lines, page.status === 200, "the search page answers");
  } finally {
    await done();
  }
  return lines;
}

async function sigtermDrill(cluster: Cluster, db: string, shared?: Shared) {
  const lines: string[] = [];
  for (const command of ["node", "npm"] as const) {
    const app =
      (command === "node" ? shared?.a : shared?.b) ?? (await launch({ DATABASE_URL: cluster.url(db) }, { command }));
    const slugs = await topAdvisors(app, 30);
    // Requests in flight when the signal arrives (pages not rendered yet: they need the database), each
    // on its own connection, and the signal sent only once every request is written to its socket:
    // fetch's pool may hold a request back for a free connection, and one not sent yet is not in flight.
    // Each URL is new (`drill=`), so no answer comes from the page cache: every one is rendered.
    const requests = slugs
      .slice(0, 8)
      .map((s, i) => sentRequest(`${app.url}/advisors/${s}?papers=${2012 + (i % 10)}&drill=${randomUUID()}`));
    await Promise.all(requests.map((r) => r.sent));
    const inflight = requests.map((r) => r.done);
    const signalledAt = performance.now();
    const { code, seconds } = await app.stop("SIGTERM");
    const done = await Promise.all(inflight);
    const lastAnswer = Math.max(...done.map((s) => s.endedAt ?? 0)) - signalledAt;
    await sleep(500);
    const left = processesMatching(SERVER_ENTRY).filter((pid) => isOurs(pid, app.port)).length;
    const label = command === "npm" ? "`npm run serve`" : "`node build/server/start.js`";
    lines.push(
      `${label}: SIGTERM with ${inflight.length} requests in flight: ${done.filter((s) => s.status === 200).length} answered 200${done.some((s) => s.status !== 200) ? ` (others: ${JSON.stringify(done.filter((s) => s.status !== 200).map((s) => `${s.status} ${s.error ?? ""} ${Math.round(s.ms)} ms`))})` : ""}, the last ${Math.round(lastAnswer)} ms after the signal; exit code ${code} after ${seconds.toFixed(1)} s.`,
    );
    check(
      lines,
      done.every((s) => s.status === 200),
      `${label}: every in-flight request finished`,
    );
    check(lines, code === 0 && seconds < 10, `${label}: exited 0 within 10 s`);
    check(lines, left === 0, `${label}: nothing left running`);
  }
  return lines;
}

/** A GET on a connection of its own: `sent` once the request is written to the socket, `done` with its answer. */
function sentRequest(url: string): { sent: Promise<void>; done: Promise<Sample & { endedAt?: number }> } {
  const t = performance.now();
  let sent!: () => void;
  const sentP = new Promise<void>((r) => (sent = r));
  const done = new Promise<Sample & { endedAt?: number }>((resolve) => {
    const req = http.get(url, { agent: false, timeout: 15_000 }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ url, status: res.statusCode ?? 0, ms: performance.now() - t, endedAt: performance.now() }),
      );
      res.on("error", (e) => resolve({ url, status: 0, ms: performance.now() - t, error: e.message }));
    });
    req.on("finish", sent);
    req.on("timeout", () => req.destroy(new Error("no answer within 15 s")));
    req.on("error", (e) => {
      sent();
      resolve({ url, status: 0, ms: performance.now() - t, error: `${e.name}: ${e.message}` });
    });
  });
  return { sent: sentP, done };
}

/** Whether a process has this PORT in its environment (one of the drill's servers). */
function isOurs(pid: number, port: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`PORT=${port}`);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------

/** A promise that rejects after `ms` (the drill or step is then counted as failed and its processes killed). */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms / 1000} s (time limit)`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Hard time limits, so that a run never hangs (CI included): each drill, the set-up, and the whole run. */
const LIMITS = SHORT
  ? { drill: 150_000, setup: 300_000, run: 660_000 }
  : { drill: 900_000, setup: 900_000, run: 3_600_000 };

async function main() {
  const started = Date.now();
  const wants = (n: string) => !ONLY || ONLY.has(n);
  const cluster = await startCluster();
  // Whatever happens (a failure, a time-out, Ctrl-C, CI's kill), the processes and the cluster go.
  let cleaned = false;
  const cleanUp = () => {
    if (cleaned) return;
    cleaned = true;
    killChildren();
    cluster.destroy();
  };
  const abandon = (why: string, code: number) => {
    console.error(`\ndrills: ${why}; stopping every process and the cluster.`);
    cleanUp();
    process.exit(code);
  };
  process.once("SIGINT", () => abandon("interrupted", 130));
  process.once("SIGTERM", () => abandon("terminated", 143));
  process.on("uncaughtException", (e) => abandon(`uncaught ${e.stack ?? e}`, 1));
  process.on("unhandledRejection", (e) => abandon(`unhandled rejection ${(e as Error)?.stack ?? e}`, 1));
  const runLimit = setTimeout(
    () => abandon(`the whole run exceeded its time limit (${LIMITS.run / 1000} s)`, 1),
    LIMITS.run,
  );
  try {
    let cleanSeconds: number;
    const from = process.env.DRILL_FROM_URL;
    if (from && (SHORT || !wants("import-kill"))) {
      // CI has just imported the shipped data into its own database: a copy is quicker than a second import.
      console.log(
        `Postgres cluster on port ${cluster.port}; copying the imported data from ${from.replace(/\/\/[^@]*@/, "//")}…`,
      );
      cleanSeconds = await within(LIMITS.setup, "copying the database", copyInto(cluster, from, "drill"));
      console.log(`copy: ${cleanSeconds.toFixed(0)} s`);
    } else {
      console.log(`Postgres cluster on port ${cluster.port}; importing the shipped data…`);
      cleanSeconds = await within(LIMITS.setup, "the clean import", importInto(cluster, "drill"));
      console.log(`clean import: ${cleanSeconds.toFixed(0)} s`);
    }
    // Counted now: the drills below add submissions and approvals to this database.
    const clean = await counts(cluster, "drill");
    const drills: [string, (shared?: Shared) => Promise<string[]>][] = [
      ["outage", (sh) => outageDrill(cluster, "drill", sh)],
      ["mixed", (sh) => mixedDrill(cluster, "drill", sh)],
      ["two-apps", (sh) => twoAppsDrill(cluster, "drill", sh)],
      ["meili", (sh) => meiliDrill(cluster, "drill", sh)],
      // Last: it stops the shared apps.
      ["sigterm", (sh) => sigtermDrill(cluster, "drill", sh)],
      ...(SHORT
        ? []
        : ([["import-kill", () => importKillDrill(cluster, clean, cleanSeconds)]] as [
            string,
            () => Promise<string[]>,
          ][])),
    ];
    let shared: Shared | undefined;
    if (SHORT) {
      const t = Date.now();
      shared = await within(LIMITS.setup, "starting the two app processes", startShared(cluster, "drill"));
      console.log(`two app processes (node, npm) started in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    for (const [name, run] of drills) {
      if (!wants(name)) continue;
      console.log(`\n== ${name}`);
      const t = Date.now();
      launched.length = 0;
      let lines: string[];
      let timedOut = false;
      try {
        lines = await within(LIMITS.drill, `the ${name} drill`, run(shared));
      } catch (error) {
        timedOut = /time limit/.test(String(error));
        lines = [`FAIL the drill itself failed: ${(error as Error).stack ?? error}`];
      }
      lines.push(`(${((Date.now() - t) / 1000).toFixed(0)} s)`);
      for (const l of lines) console.log(l);
      const ok = lines.every((l) => !l.startsWith("FAIL"));
      if (!ok)
        for (const app of new Set([...launched.splice(0), ...(shared ? [shared.a, shared.b] : [])]))
          console.log(`--- output of the app on port ${app.port}:\n${app.output().slice(-3000)}`);
      for (const app of [...running]) if (app !== shared?.a && app !== shared?.b) await app.stop("SIGKILL");
      if (timedOut) {
        // A drill cut by its time limit may have left anything behind (the cluster stopped, say):
        // every process goes, the cluster is started again, and the next drills start their own apps.
        killChildren();
        running.clear();
        shared = undefined;
        await cluster.start().catch(() => {});
      }
      outcomes.push({ name, ok, lines });
    }
  } finally {
    clearTimeout(runLimit);
    cleanUp();
  }
  const ok = outcomes.every((o) => o.ok);
  console.log(
    `\n${outcomes.filter((o) => o.ok).length}/${outcomes.length} drills passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  if (!SHORT && !ONLY) record(outcomes, cleanSecondsNote(started));
  process.exit(ok ? 0 : 1);
}

function cleanSecondsNote(started: number) {
  return `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${((Date.now() - started) / 1000).toFixed(0)} s, ${env().DRILL_NOTE}`;
}

/** Replaces the "Drills" section of docs/reliability.md with this run's results (the rest of the file is kept). */
function record(results: Outcome[], note: string) {
  const file = path.join(ROOT, "docs", "reliability.md");
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    text = "# Reliability\n";
  }
  const section = [
    "## Drills",
    "",
    "`npm run drills` (scripts/drills.ts) starts a throwaway Postgres cluster and app processes on loopback, drills each fault and",
    "asserts the outcome; `npm run drills -- --short` (in `.ci/run`) runs shorter loads on two shared app processes and skips the import kill.",
    "How the app behaves: connect time-out 2 s and a statement time-out for the web server's connections (app/lib/db.server.ts);",
    "a loader or action that finds the database unavailable answers 503 with Retry-After (server/outage.ts); kept pages",
    "(server/http-cache.ts) and the in-memory ranking and search keep the last data version seen; SIGTERM lets requests in flight",
    "finish (server/shutdown.ts).",
    "",
    `Last run: ${note}.`,
    "",
    ...results.flatMap((r) => [
      `### ${r.name}: ${r.ok ? "passed" : "FAILED"}`,
      "",
      ...r.lines.map((l) => `- ${l}`),
      "",
    ]),
  ].join("\n");
  const start = text.indexOf("## Drills");
  if (start === -1) text = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf("\n## ", start + 5);
    text = text.slice(0, start) + section + (next === -1 ? "" : `\n${text.slice(next + 1)}`);
  }
  writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  console.log(`Results written to ${path.relative(ROOT, file)}.`);
}

await main();
