/**
 * npm run db:import [-- --force] [--json] [--batch-size N] [--concurrency N]
 * Loads seed/ into the database, with a progress bar; --json prints the report as JSON (benchmarks).
 */
import { MultiBar, Presets } from "cli-progress";
import { closeDb } from "../app/lib/db.server";
import { formatReport, importShippedData, prepareDatabase } from "../app/lib/setup.server";
import { argValue, hasFlag, runCli } from "./cli";

await runCli(async () => {
  await prepareDatabase();
  const json = hasFlag("json");
  const bars = new MultiBar(
    { format: " {stage} [{bar}] {value}/{total} rows", hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const byStage = new Map<string, ReturnType<MultiBar["create"]>>();
  const finished = new Set<string>();
  try {
    const report = await importShippedData({
      force: hasFlag("force"),
      batchSize: argValue("batch-size") ? Number(argValue("batch-size")) : undefined,
      concurrency: argValue("concurrency") ? Number(argValue("concurrency")) : undefined,
      onProgress: (stage, done, total) => {
        if (json) return;
        // Without a terminal (a log file, CI, a container's log) bars cannot redraw: one line per finished stage.
        if (!process.stdout.isTTY) {
          if (done >= total && !finished.has(stage)) {
            finished.add(stage);
            console.log(`  ${stage}: ${total} rows`);
          }
          return;
        }
        let bar = byStage.get(stage);
        if (!bar) byStage.set(stage, (bar = bars.create(total, done, { stage: stage.padEnd(12) })));
        bar.update(done);
      },
    });
    bars.stop();
    console.log(json ? JSON.stringify(report) : formatReport(report));
  } finally {
    bars.stop();
    await closeDb();
  }
});
