/**
 * npm run bench:labs — the lab and institution pages' server work on the full data: p50/p95 of
 * listLabs, getLab, listInstitutions and getInstitution over venue sets, windows and filters, cold
 * (first request for that venue set and window) and warm, plus the lab-link import stage.
 * Writes its section of docs/benchmarks.md. Uses DATABASE_URL when set, else PGlite (.data/).
 */
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, query } from "../app/lib/db.server";
import { parseAdvisorFilters } from "../app/lib/directory/advisor-filters";
import { advisorIndex } from "../app/lib/directory/advisors.server";
import { getInstitution, listInstitutions } from "../app/lib/directory/institutions.server";
import { getLab, listLabs } from "../app/lib/directory/labs.server";
import { warmTopicIndex } from "../app/lib/directory/topics.server";
import { linkLabs } from "../app/lib/import/lab-links.server";
import { isImported, prepareDatabase, seedDir } from "../app/lib/setup.server";
import { machineLine, percentile, writeBenchmarkSection } from "./bench-report";
import { runCli } from "./cli";

const CASES = [
  "",
  "country=FR&cifre=eligible",
  "continent=EU&sort=papers",
  "venues=neurips,icml,iclr,colt&from=2019&to=2024",
  "venues=aistats,uai&from=2020&to=2024&kind=academic",
  "continent=NA&coaffiliation=true",
  "q=institute",
  "venues=colt&from=2015&to=2024&sort=consistency",
  // Ranked over a research topic: curated, and free text (the title index, then in-memory counts).
  "topic=reinforcement-learning",
  "topic=optimal%20transport&country=FR",
  "topic=mixture%20of%20experts&continent=EU",
];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

await runCli(async () => {
  await prepareDatabase();
  if (!(await isImported())) throw new Error("import the shipped data first (npm run db:import)");
  const linkMs = await time(() => linkLabs(getDb(), seedDir(), { force: true }));
  // As scripts/start.ts does before serving: the advisor and topic indexes are loaded.
  await warmTopicIndex(await advisorIndex());
  const labSlugs = (await query<{ slug: string }>(sql`select slug from labs order by id limit 40`)).map((r) => r.slug);
  const instSlugs = (
    await query<{ slug: string }>(
      sql`select i.slug from institutions i where exists (select 1 from advisors a where a.institution_id = i.id) order by i.id limit 40`,
    )
  ).map((r) => r.slug);
  const rows: string[] = [];
  const measure = async (label: string, run: (p: URLSearchParams, i: number) => Promise<unknown>) => {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 3; round++)
      for (const [i, c] of CASES.entries()) {
        const p = new URLSearchParams(c);
        const ms = await time(() => run(p, i + round * CASES.length));
        (round === 0 ? cold : warm).push(ms);
      }
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    rows.push(
      `| ${label} | ${percentile(cold, 50).toFixed(0)} | ${percentile(cold, 95).toFixed(0)} | ${percentile(warm, 50).toFixed(0)} | ${percentile(warm, 95).toFixed(0)} |`,
    );
  };
  const filtersOf = (p: URLSearchParams) => parseAdvisorFilters(p, { defaultLimit: 50, pageParam: true }).filters;
  await measure("/labs list (listLabs)", (p) => listLabs(filtersOf(p), { topicFacets: true }));
  await measure("/labs/:slug (getLab)", (p, i) => getLab(labSlugs[i % labSlugs.length], filtersOf(p)));
  await measure("/institutions list (listInstitutions)", (p) => listInstitutions(filtersOf(p), { topicFacets: true }));
  await measure("/institutions/:slug (getInstitution)", (p, i) =>
    getInstitution(instSlugs[i % instSlugs.length], filtersOf(p)),
  );
  writeBenchmarkSection(
    "labs",
    `## Labs and institutions (\`npm run bench:labs\`)

Server work of each page (the loader's library call) on the full shipped data, ${databaseKind()}, ${new Date().toISOString().slice(0, 10)}, ${machineLine()}.
${CASES.length} filter states (venue sets, windows, country/CIFRE/continent/co-affiliation filters, name search), three rounds; "cold" is the
first round (first request for each venue set and window once the advisor index is loaded), "warm" the next two (lists: the same
requests, served from the per-data-version cache; detail pages: other labs and institutions, so their queries run). Milliseconds,
on a machine shared with other work (2 cores): p95 is noisy.

| call | cold p50 | cold p95 | warm p50 | warm p95 |
|---|---|---|---|---|
${rows.join("\n")}

Lab-link import stage (match ~355,000 authorships against the registry, write links and co-affiliations): ${(linkMs / 1000).toFixed(1)} s.`,
  );
  console.log(rows.join("\n"));
  await closeDb();
});
