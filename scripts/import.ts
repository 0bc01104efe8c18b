/** npm run db:import [-- --force]: loads seed/ into the database, with a progress bar. */
import { MultiBar, Presets } from "cli-progress";
import { closeDb } from "../app/lib/db.server";
import { formatReport, importShippedData, prepareDatabase } from "../app/lib/setup.server";
import { hasFlag, runCli } from "./cli";

await runCli(async () => {
  await prepareDatabase();
  const bars = new MultiBar({ format: " {stage} [{bar}] {value}/{total} rows", hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const byStage = new Map<string, ReturnType<MultiBar["create"]>>();
  try {
    const report = await importShippedData({
      force: hasFlag("force"),
      onProgress: (stage, done, total) => {
        let bar = byStage.get(stage);
        if (!bar) byStage.set(stage, (bar = bars.create(total, done, { stage: stage.padEnd(12) })));
        bar.update(done);
      },
    });
    bars.stop();
    console.log(formatReport(report));
  } finally {
    bars.stop();
    await closeDb();
  }
});
