/**
 * What every entry point does before work: check the environment and the connection, apply the
 * migrations, and (on first start) import the shipped data.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { analyzeDatabase, checkConnection, getDb, migrate, query } from "./db.server";
import { env } from "./env.server";
import { importSeed, type ImportProgress, type ImportReport } from "./import/importer.server";
import { linkLabs } from "./import/lab-links.server";
import { seedLabRegistry } from "./import/lab-registry.server";
import { seedLabs } from "./import/lab-seed.server";
import { formatTopicCoverage, importPaperTopics, type TopicCoverage } from "./import/paper-topics.server";

/** The shipped data's folder (ATLAS_SEED_DIR); read when needed, as tests set the environment after imports. */
export function seedDir(): string {
  return path.resolve(env().ATLAS_SEED_DIR);
}

export async function prepareDatabase(): Promise<void> {
  env();
  await checkConnection();
  await migrate();
}

export async function isImported(): Promise<boolean> {
  const rows = await query<{ complete: boolean }>(
    sql`select (value->>'complete')::boolean as complete from import_state where key = 'import'`,
  );
  return rows[0]?.complete === true;
}

export async function importShippedData(
  options: { force?: boolean; onProgress?: ImportProgress; batchSize?: number; concurrency?: number } = {},
): Promise<ImportReport & { topics?: TopicCoverage }> {
  const seed = seedDir();
  const report = await importSeed(getDb(), { seedDir: seed, ...options });
  await seedLabs(getDb(), seed);
  // Labs from the data: the registry's labs, then who prints them (lab-links.server.ts).
  await seedLabRegistry(getDb(), seed);
  await linkLabs(getDb(), seed, { onWarning: (m) => console.warn(m) });
  const topics = await importPaperTopics(getDb(), seed);
  // An import ANALYZEs at its end; a database imported before that rule (or restored) gets it here, once.
  await analyzeDatabase(getDb(), { onlyNeverAnalyzed: true });
  return { ...report, topics };
}

export function formatReport(r: ImportReport & { topics?: TopicCoverage }): string {
  const topics = r.topics && !r.topics.skippedAsUnchanged ? `\n${formatTopicCoverage(r.topics)}` : "";
  if (r.skippedAsUnchanged)
    return `Shipped data already imported (${r.counts.papers} papers); nothing to do (${r.seconds.toFixed(1)} s).${topics}`;
  const pct = (r.shareAdvisorsWithCountry * 100).toFixed(1);
  return (
    [
      `Imported ${r.records} records from ${r.files} files in ${r.seconds.toFixed(1)} s${r.resumed ? " (resumed)" : ""}; ${r.rowsWritten} rows written or changed.`,
      `  papers: ${r.counts.papers}`,
      `  authorships: ${r.counts.authorships}`,
      `  people: ${r.counts.people}`,
      `  advisors: ${r.counts.advisors} (${r.advisorsWithCountry} with a country, ${pct}%): ${r.advisorFacts.declared} declared, ${r.advisorFacts.inferred} inferred from authorship`,
      `  suspected swaps set aside: ${r.advisorFacts.suspectedSwaps ?? "n/a"} records (${r.advisorFacts.ignoredRecords} of advisors, shown in their histories)`,
      `  institutions: ${r.counts.institutions}`,
      ...r.skipped.map((s) => `  skipped ${s.count} records: ${s.reason}`),
    ].join("\n") + topics
  );
}
