/**
 * npm run import:papers -- <file.jsonl(.gz)>... [--on-error=skip|stop] [--json]
 * Imports paper lists in the shipped format (a new conference year, a corrected file), then runs
 * the main import so people, advisors and counts follow. Problems name the file and line.
 */
import { closeDb, getDb } from "../app/lib/db.server";
import { importPaperLists, formatProblem, type OnError } from "../app/lib/import/paper-list.server";
import { formatReport, importShippedData, prepareDatabase } from "../app/lib/setup.server";
import { argValue, hasFlag, positionalArgs, runCli } from "./cli";

await runCli(async () => {
  const files = positionalArgs(["on-error"]);
  if (files.length === 0)
    throw new Error("usage: npm run import:papers -- <file.jsonl(.gz)>... [--on-error=skip|stop]");
  const onError = (argValue("on-error") ?? "stop") as OnError;
  if (onError !== "skip" && onError !== "stop") throw new Error(`--on-error must be skip or stop, not "${onError}"`);
  await prepareDatabase();
  try {
    const started = performance.now();
    const result = await importPaperLists(getDb(), files, { onError });
    const listSeconds = (performance.now() - started) / 1000;
    const report = await importShippedData();
    if (hasFlag("json")) {
      console.log(JSON.stringify({ ...result, listSeconds, import: report }));
      return;
    }
    for (const f of result.files)
      console.log(
        `${f.file}: ${f.records} records${f.problems ? `, ${f.problems} skipped` : ""}${f.complete ? "" : " (file ended early: nothing removed)"}`,
      );
    const c = result.counts;
    console.log(
      `paper lists: ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.unchanged} unchanged (${listSeconds.toFixed(1)} s)`,
    );
    for (const p of result.problems) console.log(`  skipped: ${formatProblem(p)}`);
    console.log(formatReport(report));
  } finally {
    await closeDb();
  }
});
