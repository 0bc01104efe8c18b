/**
 * npm run search:sync — sends the rows marked needs_index to Meilisearch in batches and clears the
 * marks (see app/lib/search/sync.server.ts). Needs MEILI_URL (and MEILI_MASTER_KEY).
 */
import { closeDb } from "../app/lib/db.server";
import { applyMeiliSettings, meiliTarget } from "../app/lib/search/meili.server";
import { syncSearchIndex } from "../app/lib/search/sync.server";
import { runCli } from "./cli";

await runCli(async () => {
  const target = meiliTarget();
  if (!target)
    throw new Error("MEILI_URL is not set: there is no Meilisearch to sync (Postgres search needs no sync).");
  const changed = await applyMeiliSettings(target);
  if (changed.length > 0) console.log(`Index settings updated: ${changed.join(", ")}.`);
  const started = Date.now();
  const report = await syncSearchIndex(target);
  console.log(
    `Synced index "${target.indexUid}": ${report.sent} documents sent, ${report.deleted} deleted, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  await closeDb();
});
