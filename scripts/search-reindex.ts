/**
 * npm run search:reindex — rebuilds the Meilisearch index from Postgres: every advisor, lab and
 * institution, into a new index swapped in when complete. Needs MEILI_URL (and MEILI_MASTER_KEY).
 */
import { closeDb } from "../app/lib/db.server";
import { meiliTarget } from "../app/lib/search/meili.server";
import { reindexSearch } from "../app/lib/search/sync.server";
import { runCli } from "./cli";

await runCli(async () => {
  const target = meiliTarget();
  if (!target)
    throw new Error("MEILI_URL is not set: there is no Meilisearch to index (Postgres search needs no index).");
  const started = Date.now();
  const report = await reindexSearch(target);
  console.log(
    `Rebuilt index "${target.indexUid}" with ${report.sent} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  await closeDb();
});
