/**
 * npm run bench:scale [-- --factor 10] [--seconds 10]
 *
 * How cost grows with the data: generates `factor` × the shipped data (the shipped records plus
 * factor−1 synthetic copies in the shipped format, every copy with its own paper ids, titles and
 * people, so the importer sees factor × the papers, authorships and people), under
 * .data/scale-<factor>x/ (never in seed/), imports 1× and factor× into a throwaway Postgres cluster,
 * and reports import time, server RSS and page p99 at 32 connections for both. docs/benchmarks.md,
 * section "scale". Not run in CI.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { machineLine, writeBenchmarkSection } from "./bench-report";
import { type Cluster, ROOT, runScript, startApp, startCluster } from "./loopback";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const FACTOR = Number(arg("factor") ?? 10);
const SECONDS = Number(arg("seconds") ?? 10);

type Author = Record<string, unknown> & { name: string };
type Paper = Record<string, unknown> & { id: string; title: string; authors: Author[] };

/** The shipped seed folder with factor−1 synthetic copies of every paper file added. */
export function generateScaledSeed(factor: number): string {
  const dir = path.join(ROOT, ".data", `scale-${factor}x`, "seed");
  const marker = path.join(dir, ".complete");
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(path.join(ROOT, "seed"), dir, { recursive: true });
  const papersDir = path.join(dir, "papers");
  for (const file of readdirSync(papersDir).filter((f) => f.endsWith(".jsonl.gz"))) {
    const lines = gunzipSync(readFileSync(path.join(papersDir, file)))
      .toString("utf8")
      .split("\n")
      .filter(Boolean);
    for (let k = 1; k < factor; k++) {
      const copy = lines.map((line) => {
        const p = JSON.parse(line) as Paper;
        // A synthetic paper by synthetic people: same venue, year, team size, affiliations and ids' shape.
        p.id = `${p.id}~s${k}`;
        p.title = `${p.title} (synthetic ${k})`;
        p.authors = p.authors.map((a) => {
          const b: Author = { ...a, name: `${a.name} Synth${k}` };
          for (const key of ["openreview", "openreviewId", "openreview_id", "dblp", "orcid"])
            if (typeof b[key] === "string") b[key] = `${b[key]}_s${k}`;
          return b;
        });
        return JSON.stringify(p);
      });
      writeFileSync(
        path.join(papersDir, file.replace(/\.jsonl\.gz$/, `.s${k}.jsonl.gz`)),
        gzipSync(copy.join("\n") + "\n"),
      );
    }
  }
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

async function p99(url: string, paths: () => string): Promise<{ reqs: number; p99: number; errors: number }> {
  const r = await autocannon({
    url,
    connections: 32,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  return { reqs: Math.round(r.requests.average), p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}

type Result = {
  factor: number;
  importSeconds: number;
  papers: number;
  rssIdle: number;
  rssLoad: number;
  rows: Record<string, { reqs: number; p99: number; errors: number }>;
};

async function measure(cluster: Cluster, factor: number, seedDir: string): Promise<Result> {
  const db = `scale_${factor}x`;
  await cluster.createDatabase(db);
  const env = { DATABASE_URL: cluster.url(db), ATLAS_SEED_DIR: seedDir };
  const m = await runScript("scripts/migrate.ts", env);
  if (m.code !== 0) throw new Error(m.out);
  const imp = await runScript("scripts/import.ts", env, ["--json"]);
  if (imp.code !== 0) throw new Error(imp.out);
  const [{ n }] = await cluster.rows<{ n: string }>(db, "select count(*) as n from papers");
  const app = await startApp(env);
  try {
    const rssIdle = app.rssMb();
    const top = (
      (await (await fetch(`${app.url}/api/advisors?sort=papers&limit=1`)).json()) as { advisors: { slug: string }[] }
    ).advisors[0].slug;
    let i = 0;
    const kinds: Record<string, () => string> = {
      "list, distinct filters": () =>
        `/advisors?minPapers=${++i % 9}&from=${2012 + (i % 10)}&to=${2016 + (i % 10)}&n=${i}`,
      "heaviest advisor page": () => `/advisors/${top}?papers=${2015 + (++i % 10)}`,
      "/api/advisors?limit=50": () => `/api/advisors?limit=50&offset=${++i % 1000}`,
      "/api/search": () =>
        `/api/search?q=${["ma", "yo", "an", "li", "ch", "be"][++i % 6]}${String.fromCharCode(97 + (i % 26))}`,
    };
    const rows: Result["rows"] = {};
    for (const [k, paths] of Object.entries(kinds)) {
      await p99(app.url, paths).catch(() => null);
      rows[k] = await p99(app.url, paths);
      console.log(`${factor}×: ${k}: ${rows[k].reqs} req/s, p99 ${rows[k].p99} ms, ${rows[k].errors} errors`);
    }
    return { factor, importSeconds: imp.seconds, papers: Number(n), rssIdle, rssLoad: app.rssMb(), rows };
  } finally {
    await app.stop();
  }
}

async function main() {
  console.log(`Generating ${FACTOR}× the shipped data under .data/scale-${FACTOR}x/ …`);
  const scaled = generateScaledSeed(FACTOR);
  const cluster = await startCluster();
  const results: Result[] = [];
  try {
    results.push(await measure(cluster, 1, path.join(ROOT, "seed")));
    results.push(await measure(cluster, FACTOR, scaled));
  } finally {
    cluster.destroy();
  }
  const kinds = Object.keys(results[0].rows);
  writeBenchmarkSection(
    "scale",
    [
      "## Cost as the data grows (`npm run bench:scale`)",
      "",
      `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machineLine()} · Postgres (throwaway cluster, same machine).`,
      `${FACTOR}×: the shipped records plus ${FACTOR - 1} synthetic copies (own ids, titles and people; generated under .data/, never in seed/).`,
      `Import: \`npm run db:import\` as a process (migrations excluded). Pages: autocannon, 32 connections, ${SECONDS} s per row, production build.`,
      "",
      `| data | papers | import s | RSS idle MB | RSS after load MB | ${kinds.map((k) => `${k} req/s · p99 ms`).join(" | ")} |`,
      `| --- | ---: | ---: | ---: | ---: | ${kinds.map(() => "---:").join(" | ")} |`,
      ...results.map(
        (r) =>
          `| ${r.factor}× | ${r.papers.toLocaleString("en")} | ${r.importSeconds.toFixed(0)} | ${r.rssIdle} | ${r.rssLoad} | ${kinds.map((k) => `${r.rows[k].reqs} · ${r.rows[k].p99}`).join(" | ")} |`,
      ),
    ].join("\n"),
  );
  console.log("Written to docs/benchmarks.md (section scale).");
}

await main();
