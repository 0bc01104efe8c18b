/**
 * The scenarios of test/integration/fresh-imports.test.ts, run in a child process:
 *   node --import tsx test/support/fresh-imports-scenarios.ts <paper-lists|bad-list|dblp>
 * against the database in DATABASE_URL or PGLITE_DATA_DIR. Each one re-imports the full shipped
 * data; on PGlite one statement holds the event loop for minutes, and a vitest worker that cannot
 * answer its RPC for that long fails the run. So the work runs here and prints what it saw as one
 * line `RESULT <json>`; the test file asserts on that.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { closeDb, getDb, query } from "../../app/lib/db.server";
import { importDblp } from "../../app/lib/import/dblp/import.server";
import { importPaperLists } from "../../app/lib/import/paper-list.server";
import { venueYearProvenance } from "../../app/lib/import/provenance.server";
import { importShippedData, prepareDatabase } from "../../app/lib/setup.server";
import { ROOT } from "./templates";

const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-fresh-"));

function uaiRecords(): Record<string, unknown>[] {
  return gunzipSync(readFileSync(path.join(ROOT, "seed/papers/uai-2024.jsonl.gz")))
    .toString("utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

/** A paper list named like the seed file, in a folder of its own when asked (the file name is the list's identity). */
function writeList(name: string, records: unknown[], folder = dir): string {
  const f = path.join(folder, name);
  writeFileSync(f, gzipSync(records.map((r) => JSON.stringify(r)).join("\n") + "\n"));
  return f;
}

const personOf = (venue: string, sourceId: string, position: number) =>
  query<{ key: string }>(
    sql`select pe.key from authorships a join papers p on p.id = a.paper_id join people pe on pe.id = a.person_id
    where p.venue_id = ${venue} and p.source_id = ${sourceId} and a.position = ${position}`,
  ).then((r) => r[0]?.key);

/** The UAI 2024 list re-imported three times: the last paper missing and the first one's status changed, corrected, the same again. */
async function paperLists() {
  const uai = uaiRecords();
  const first = uai[0] as { id: string };
  const count = async () =>
    (await query<{ n: number }>(sql`select count(*)::int as n from papers where venue_id = 'uai' and year = 2024`))[0]
      .n;
  const status = async () =>
    (
      await query<{ status: string }>(sql`select status from papers where venue_id = 'uai' and source_id = ${first.id}`)
    )[0].status;

  const v1 = writeList(
    "uai-2024.jsonl.gz",
    [{ ...uai[0], status: "Oral" }, ...uai.slice(1, -1)],
    mkdtempSync(path.join(os.tmpdir(), "atlas-v1-")),
  );
  const firstRun = await importPaperLists(getDb(), [v1]);
  await importShippedData();
  const afterFirst = { counts: firstRun.counts, papers: await count(), status: await status() };

  const secondRun = await importPaperLists(getDb(), [writeList("uai-2024.jsonl.gz", uai)]);
  const report = await importShippedData();
  const afterSecond = {
    counts: secondRun.counts,
    skippedAsUnchanged: report.skippedAsUnchanged,
    papers: await count(),
    status: await status(),
    provenance: (await venueYearProvenance()).find((v) => v.venue === "uai" && v.year === 2024)?.sources,
  };

  const thirdRun = await importPaperLists(getDb(), [writeList("uai-2024.jsonl.gz", uai)]);
  const afterThird = { counts: thirdRun.counts, skippedAsUnchanged: (await importShippedData()).skippedAsUnchanged };
  return { afterFirst, afterSecond, afterThird };
}

/** A good list and a list with a bad line: nothing written; with onError "skip" the rest is imported. */
async function badList() {
  const sourcePapers = async () => {
    const rows = await query(sql`select source, venue_id, source_id, record from source_papers order by 1, 2, 3`);
    return { rows: rows.length, hash: createHash("sha256").update(JSON.stringify(rows)).digest("hex") };
  };
  const before = await sourcePapers();
  const good = writeList("icml-2027.jsonl.gz", [
    { venue: "icml", year: 2027, id: "x1", title: "T", status: "Poster", authors: [{ name: "A B" }] },
  ]);
  const bad = writeList("icml-2027b.jsonl.gz", [
    { venue: "icml", year: 2027, id: "x2", title: "U", authors: [{ name: "C D" }] },
    { venue: "icml", year: 2027, id: "x3", authors: [{ name: "E" }] },
  ]);
  const error = await importPaperLists(getDb(), [good, bad]).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  const after = await sourcePapers();
  const skipped = await importPaperLists(getDb(), [good, bad], { onError: "skip" });
  return { before, error, after, skipped: { counts: skipped.counts, problems: skipped.problems } };
}

/** The dblp fixture (four real papers in the dump's format) imported, then again forced, then again unforced. */
async function dblp() {
  const fixture = path.join(ROOT, "test/fixtures/dblp/linking.xml.gz");
  const dtdPath = path.join(ROOT, "test/fixtures/dblp/dblp.dtd");
  const before = {
    tommiNeurips2019: await personOf("neurips", "site_c1cca46ff2", 4),
    iclr2016Papers: (await query(sql`select 1 from papers where venue_id = 'iclr' and year = 2016`)).length,
  };

  const report = await importDblp(getDb(), fixture, { dtdPath });
  const derived = await importShippedData();
  const [tommi] = await query<{ dblp: string }>(sql`select dblp from people where key = 'or:~Tommi_S._Jaakkola1'`);
  const [deep] = await query<{ title: string; source: string; source_file: string }>(
    sql`select title, source, source_file from papers where venue_id = 'iclr' and source_id = 'conf/iclr/HanMD15'`,
  );
  const after = {
    counts: report.counts,
    written: report.written,
    derivedSkipped: derived.skipped,
    tommiNeurips2019: await personOf("neurips", "site_c1cca46ff2", 4),
    tommiDblp: tommi?.dblp,
    deepCompression: deep,
    deepCompressionFirstAuthor: await personOf("iclr", "conf/iclr/HanMD15", 1),
    orthogonalCopies: (
      await query(
        sql`select 1 from papers where venue_id = 'iclr' and year = 2022 and title = 'Controlling Directions Orthogonal to a Classifier'`,
      )
    ).length,
    provenance: (await venueYearProvenance()).find((v) => v.venue === "iclr" && v.year === 2016)?.sources,
  };

  const again = await importDblp(getDb(), fixture, { dtdPath, force: true });
  const forced = { written: again.written, skippedAsUnchanged: (await importShippedData()).skippedAsUnchanged };
  const unforced = { skippedAsUnchanged: (await importDblp(getDb(), fixture, { dtdPath })).skippedAsUnchanged };
  return { before, after, forced, unforced };
}

const scenarios = { "paper-lists": paperLists, "bad-list": badList, dblp };
export type Scenario = keyof typeof scenarios;
/** What a scenario prints (after a JSON round trip, which these values survive unchanged). */
export type ScenarioResult<S extends Scenario> = Awaited<ReturnType<(typeof scenarios)[S]>>;

const name = process.argv[2] as Scenario;
const run = scenarios[name];
if (!run) {
  console.error(`unknown scenario: ${name}; one of ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
await prepareDatabase();
const result = await run();
await closeDb();
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
