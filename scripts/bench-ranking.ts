/**
 * npm run bench:ranking — re-ranking every advisor with a venue set and year window, server-side
 * on the full data: p50/p95 of the list query (listAdvisors: score, rank, filter, facets, sort),
 * cold (no cached ranking for that venue set and window) and warm. Baseline beside it: the same
 * ranking done in SQL (GROUP BY + window functions) on the database. Also the gzipped JS that the
 * /advisors page ships (from the production build's manifest; run `npm run build` first).
 * Writes its section of docs/benchmarks.md. Uses DATABASE_URL when set, else PGlite (.data/).
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { advisorInstitutionId } from "../app/lib/advisor-institution";
import { closeDb, databaseKind, query } from "../app/lib/db.server";
import { parseAdvisorFilters } from "../app/lib/directory/advisor-filters";
import { advisorIndex, listAdvisors } from "../app/lib/directory/advisors.server";
import { topicIndex } from "../app/lib/directory/topics.server";
import { isImported, prepareDatabase } from "../app/lib/setup.server";
import { VENUE_IDS } from "../app/lib/venues";
import { machineLine, percentile, writeBenchmarkSection } from "./bench-report";
import { runCli } from "./cli";

function cases(n: number) {
  // Deterministic pseudo-random venue sets, windows and filters.
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: URLSearchParams[] = [];
  for (let i = 0; i < n; i++) {
    const venues = VENUE_IDS.filter(() => rnd() < 0.5);
    const to = 2018 + Math.floor(rnd() * 9);
    const from = to - Math.floor(rnd() * 8);
    const p = new URLSearchParams({
      venues: (venues.length ? venues : ["icml"]).join(","),
      from: String(from),
      to: String(to),
      limit: "25",
    });
    if (rnd() < 0.3) p.set("continent", ["EU", "NA", "AS"][Math.floor(rnd() * 3)]);
    if (rnd() < 0.2) p.set("sort", "papers");
    if (rnd() < 0.2) p.set("minYears", "2");
    out.push(p);
  }
  return out;
}

/** Free-text topics a student might type (none is a curated topic's id or label). */
const FREE_TEXT = [
  "sparse autoencoders",
  "neural tangent kernel",
  "mixture of experts",
  "contrastive learning",
  "knowledge distillation",
  "graph neural networks",
  "score matching",
  "gaussian processes",
  "policy gradient",
  "inverse problems",
  "protein design",
  "conformal prediction",
  "differential privacy",
  "learning",
  "neural networks",
  "in-context learning",
  "world models",
  "program synthesis",
  "symbolic regression",
  "sinkhorn",
];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Gzipped JS the /advisors page loads: Remix's manifest, the entry, root and the route, with their imports. */
async function jsBudget(): Promise<string> {
  const serverBuild = path.resolve("build/server/index.js");
  if (!existsSync(serverBuild)) return "not measured (run `npm run build` first)";
  type Asset = { module: string; imports?: string[] };
  const { assets } = (await import(pathToFileURL(serverBuild).href)) as {
    assets: { url: string; entry: Asset; routes: Record<string, Asset> };
  };
  const files = new Set<string>([assets.url]);
  for (const a of [assets.entry, assets.routes["root"], assets.routes["routes/advisors._index"]]) {
    files.add(a.module);
    for (const i of a.imports ?? []) files.add(i);
  }
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(path.join("build/client", f))).length;
  return `${(total / 1024).toFixed(1)} kB gzipped in ${files.size} files (budget ≤ 100 kB)`;
}

await runCli(async () => {
  await prepareDatabase();
  if (!(await isImported())) throw new Error("import the shipped data first (npm run db:import)");
  const index = await advisorIndex();
  const list = cases(200);
  // This machine is shared: the load when the run starts says how far the numbers can be trusted.
  const load = os.loadavg()[0].toFixed(1);

  // Cold: a new venue set / window each time (the ranking cache is cleared before each query).
  const cold: number[] = [];
  for (const p of list) {
    index.rankings.clear();
    cold.push(await time(() => listAdvisors(parseAdvisorFilters(p).filters)));
  }
  const warm: number[] = [];
  for (const p of list) warm.push(await time(() => listAdvisors(parseAdvisorFilters(p).filters)));

  // Baseline: the same ranking in SQL.
  const baseline: number[] = [];
  for (const p of list.slice(0, 60)) {
    const { filters } = parseAdvisorFilters(p);
    const venues = `{${filters.venues.join(",")}}`;
    baseline.push(
      await time(() =>
        query(sql`
          with s as (
            select v.person_id, sum(v.papers) as papers, sum(v.credit) as credit, sum(v.last_author) as last_author,
                   sum(v.highlighted) as highlighted, count(distinct v.year) as years
            from advisor_venue_years v
            where v.venue_id = any(${venues}::text[]) and v.year between ${filters.from} and ${filters.to}
            group by v.person_id),
          r as (
            select a.person_id, coalesce((s.credit + 0.5 * s.last_author + 0.5 * s.highlighted) * s.years / ${filters.to! - filters.from! + 1}, 0) as score,
                   coalesce(s.papers, 0) as papers, i.continent
            from advisors a left join s on s.person_id = a.person_id
            left join institutions i on i.id = ${advisorInstitutionId()})
          select person_id, score, rank() over (order by score desc) as rank,
                 rank() over (partition by continent order by score desc) as region_rank, count(*) over () as total
          from r order by score desc limit 25`),
      ),
    );
  }
  // Topics: a curated topic (each in turn) or free text, with a random venue set and window; cold:
  // neither the ranking nor the topic's rows cached (free text runs its full-text query each time).
  const topics = await topicIndex(index);
  await listAdvisors(parseAdvisorFilters(new URLSearchParams("topic=sparse autoencoders")).filters); // loads the paper-author map once
  const curated: number[] = [];
  list.forEach((p, k) => p.set("topic", topics.topics[k % topics.topics.length].id));
  for (const p of list) {
    index.rankings.clear();
    topics.rankings.clear();
    curated.push(await time(() => listAdvisors(parseAdvisorFilters(p).filters)));
  }
  const phrases = FREE_TEXT;
  const freeText: number[] = [];
  list.forEach((p, k) => p.set("topic", phrases[k % phrases.length]));
  for (const p of list) {
    index.rankings.clear();
    topics.rankings.clear();
    freeText.push(await time(() => listAdvisors(parseAdvisorFilters(p).filters)));
  }

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const row = (label: string, xs: number[]) => {
    const s = sorted(xs);
    return `| ${label} | ${xs.length} | ${percentile(s, 50).toFixed(1)} ms | ${percentile(s, 95).toFixed(1)} ms | ${s[s.length - 1].toFixed(1)} ms |`;
  };
  const md = `## Ranking (\`npm run bench:ranking\`)

${new Date().toISOString().slice(0, 10)} · ${machineLine()} · database: ${databaseKind()} · ${index.advisors.length.toLocaleString("en")} advisors · load average at start: ${load} (on ${os.cpus().length} cores).
Each query re-ranks every advisor for a random venue set and year window (plus, sometimes, a continent, a sort or a
minimum-years filter), then filters, counts facets, sorts and pages: \`listAdvisors\`, what /advisors and /api/advisors run.
Target: p95 < 30 ms.

| query | runs | p50 | p95 | max |
|---|---|---|---|---|
${row("cold: new venue set and window each time", cold)}
${row("warm: same parameters again (cached ranking)", warm)}
${row("**baseline**: the ranking in SQL (GROUP BY + window functions), top 25 only", baseline)}
${row(`topic, curated (each of the ${topics.topics.length} in turn), cold`, curated)}
${row(`topic, free text (${FREE_TEXT.length} phrases in turn), cold: full-text query + counting`, freeText)}

Topic re-ranking targets: p95 < 50 ms for a curated topic, < 150 ms for free text. A curated topic ranks from
advisor_topic_venue_years held in memory; free text asks the GIN index on papers.title_search for the matching
paper ids, then counts the advisors' papers in memory (the importer's rule) and ranks with scoring.ts.

Client JavaScript of the /advisors page: ${await jsBudget()}.
`;
  writeBenchmarkSection("ranking", md);
  console.log(md);
  await closeDb();
});
