/**
 * Issue 10's attacks, re-sent against a running server (a production build on the full data):
 * the three one-request attacks, a null Origin, a replayed cookie after sign-out (a contributor's
 * and a moderator's) and deeply nested field names. For each: the status, the time to answer, and
 * the time of a GET /about sent 50 ms after it (the site must keep serving others meanwhile).
 *
 *   npx tsx scripts/probe-hardening.ts http://127.0.0.1:4000 moderator@example.org:'their password'
 *
 * Prints a Markdown table (pasted into docs/reliability.md) and exits 1 when a probe is not a 4xx
 * within 1 s or /about was held up past 1 s. Creates one contributor account (a unique email).
 */
export {};

type Probe = { name: string; status: number; ms: number; aboutMs: number | null; note: string };

const [base, moderator] = process.argv.slice(2);
if (!base || !moderator?.includes(":")) {
  console.error("usage: tsx scripts/probe-hardening.ts <base url> <moderator email:password>");
  process.exit(2);
}
const [modEmail, ...rest] = moderator.split(":");
const modPassword = rest.join(":");

function cookiesOf(res: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0];
    const name = pair.slice(0, pair.indexOf("="));
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
    else jar.set(name, pair);
  }
  return jar;
}
const header = (jar: Map<string, string>) => [...jar.values()].join("; ");
const token = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

async function timed(path: string, init: RequestInit = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { redirect: "manual", signal: AbortSignal.timeout(30_000), ...init });
  const body = await res.text();
  return { res, body, ms: Math.round(performance.now() - started) };
}

/** A browser's session on the site: its cookies, and a form page's CSRF token. */
async function visitor(formPage = "/signin") {
  const page = await timed(formPage);
  return { jar: cookiesOf(page.res), csrf: token(page.body) };
}

function postInit(jar: Map<string, string>, body: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      Cookie: header(jar),
      ...headers,
    },
  };
}

/** Sends a request and, 50 ms later, GET /about; both timed. */
async function whileBrowsing(path: string, init: RequestInit) {
  const attack = timed(path, init);
  await new Promise((r) => setTimeout(r, 50));
  const about = await timed("/about");
  return { ...(await attack), aboutMs: about.ms };
}

async function signIn(email: string, password: string) {
  const v = await visitor("/signin");
  const r = await timed("/signin", postInit(v.jar, new URLSearchParams({ email, password, csrf: v.csrf }).toString()));
  if (r.res.status !== 302) throw new Error(`sign-in of ${email} answered ${r.res.status}`);
  return cookiesOf(r.res, v.jar);
}

async function signOut(jar: Map<string, string>) {
  const page = await timed("/account/submissions", { headers: { Cookie: header(jar) } });
  const r = await timed("/signout", postInit(jar, `csrf=${encodeURIComponent(token(page.body))}`));
  if (r.res.status !== 302) throw new Error(`sign-out answered ${r.res.status}`);
}

const probes: Probe[] = [];
async function probe(name: string, path: string, init: RequestInit, note = "") {
  const r = await whileBrowsing(path, init);
  probes.push({ name, status: r.res.status, ms: r.ms, aboutMs: r.aboutMs, note: note || r.body.slice(0, 80).trim() });
}

const NORMAL_EDIT = "name=Mila&kind=academic&country=CA&sourceUrl=https%3A%2F%2Fmila.quebec%2Fen&baseVersion=1";
const anon = await visitor("/submit/lab/mila");
const anonSignin = await visitor("/signin");
await probe(
  "`POST /submit/lab/mila` + `students[99999].personId=7`",
  "/submit/lab/mila",
  postInit(anon.jar, `${NORMAL_EDIT}&students[99999].personId=7&csrf=${encodeURIComponent(anon.csrf)}`),
);
await probe(
  "`POST /submit/lab/mila` + `students[4294967294].personId=7`",
  "/submit/lab/mila",
  postInit(anon.jar, `${NORMAL_EDIT}&students[4294967294].personId=7&csrf=${encodeURIComponent(anon.csrf)}`),
);
await probe(
  "`POST /signin` with `x[10000000]=1`",
  "/signin",
  postInit(anonSignin.jar, `x[10000000]=1&csrf=${encodeURIComponent(anonSignin.csrf)}`),
);
await probe(
  "`POST /signin` with `Origin: null`",
  "/signin",
  postInit(anonSignin.jar, `email=a%40example.org&password=x&csrf=${encodeURIComponent(anonSignin.csrf)}`, {
    Origin: "null",
  }),
);
const deepDots = `a${".b".repeat(500)}=1`;
await probe(
  "deeply nested field (`a.b.b…` 500 levels)",
  "/signin",
  postInit(anonSignin.jar, `${deepDots}&csrf=${encodeURIComponent(anonSignin.csrf)}`),
);
const deepBrackets = `a${"[0]".repeat(2000)}=1`;
await probe(
  "deeply nested field (`a[0][0]…` 2,000 levels, 6 kB)",
  "/submit/lab/mila",
  postInit(anon.jar, `${NORMAL_EDIT}&${deepBrackets}&csrf=${encodeURIComponent(anon.csrf)}`),
);

// A contributor's cookie replayed after sign-out.
const email = `probe-${Date.now()}@example.org`;
const password = "a probe passphrase that is long 91";
const up = await visitor("/signup");
const signup = await timed(
  "/signup",
  postInit(up.jar, new URLSearchParams({ email, password, csrf: up.csrf }).toString()),
);
if (signup.res.status !== 302) throw new Error(`sign-up answered ${signup.res.status}`);
const contributor = await signIn(email, password);
const before = await timed("/account/submissions", { headers: { Cookie: header(contributor) } });
const replayJar = new Map(contributor);
await signOut(contributor);
await probe(
  "contributor's cookie replayed after sign-out: `GET /account/submissions`",
  "/account/submissions",
  { headers: { Cookie: header(replayJar) } },
  `before sign-out: ${before.res.status}`,
);

// A moderator's cookie replayed after sign-out.
const mod = await signIn(modEmail, modPassword);
const modBefore = await timed("/moderate", { headers: { Cookie: header(mod) } });
const modReplay = new Map(mod);
await signOut(mod);
for (const path of ["/moderate", "/audit"])
  await probe(
    `moderator's cookie replayed after sign-out: \`GET ${path}\``,
    path,
    { headers: { Cookie: header(modReplay) } },
    `before sign-out: /moderate ${modBefore.res.status}`,
  );

const ok = (p: Probe) => p.status >= 300 && p.status < 500 && p.ms < 1000 && (p.aboutMs === null || p.aboutMs < 1000);
console.log("| probe | answer | time | GET /about meanwhile | holds |\n|---|---|---:|---:|---|");
for (const p of probes)
  console.log(
    `| ${p.name} | ${p.status}${p.note ? ` (${p.note.replace(/\s+/g, " ").replace(/\|/g, "\\|")})` : ""} | ${p.ms} ms | ${p.aboutMs ?? "—"} ms | ${ok(p) ? "yes" : "**no**"} |`,
  );
const alive = await timed("/about");
console.log(`\nAfter the probes: GET /about ${alive.res.status} in ${alive.ms} ms.`);
process.exit(probes.every(ok) && alive.res.status === 200 ? 0 : 1);
