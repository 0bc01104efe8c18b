/**
 * Paper lists and dblp on the real shipped data: a re-imported list updates exactly what changed;
 * a bad list writes nothing; dblp (fixture in the dump's format, four real papers) links an
 * OpenReview person to their dblp key, moves a name-only authorship to the person dblp names, fills
 * ICLR 2016 (a year the seed lacks), and a second run changes nothing; provenance per venue-year.
 */
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, query } from "~/lib/db.server";
import { importDblp } from "~/lib/import/dblp/import.server";
import { importPaperLists } from "~/lib/import/paper-list.server";
import { venueYearProvenance } from "~/lib/import/provenance.server";
import { importShippedData, prepareDatabase } from "~/lib/setup.server";
import { useTestDatabase } from "../support/database";
import { ROOT } from "../support/templates";

useTestDatabase("shipped");

const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-fresh-"));
const uai = gunzipSync(readFileSync(path.join(ROOT, "seed/papers/uai-2024.jsonl.gz")))
  .toString("utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));
/** A paper list named like the seed file: the last paper missing and the first one's status different. */
function writeList(name: string, records: unknown[]): string {
  const f = path.join(dir, name);
  writeFileSync(f, gzipSync(records.map((r) => JSON.stringify(r)).join("\n") + "\n"));
  return f;
}
const personOf = (venue: string, sourceId: string, position: number) =>
  query<{
    key: string;
  }>(sql`select pe.key from authorships a join papers p on p.id = a.paper_id join people pe on pe.id = a.person_id
    where p.venue_id = ${venue} and p.source_id = ${sourceId} and a.position = ${position}`).then((r) => r[0]?.key);

beforeAll(async () => {
  await prepareDatabase();
});

describe("npm run import:papers", () => {
  it("re-importing a changed list updates exactly what changed", { timeout: 600_000 }, async () => {
    const v1Dir = mkdtempSync(path.join(os.tmpdir(), "atlas-v1-"));
    const v1 = path.join(v1Dir, "uai-2024.jsonl.gz");
    writeFileSync(
      v1,
      gzipSync([{ ...uai[0], status: "Oral" }, ...uai.slice(1, -1)].map((r) => JSON.stringify(r)).join("\n") + "\n"),
    );
    const first = await importPaperLists(getDb(), [v1]);
    expect(first.counts).toEqual({ added: uai.length - 1, changed: 0, unchanged: 0, removed: 0 });
    await importShippedData();
    const count = async () =>
      (await query<{ n: number }>(sql`select count(*)::int as n from papers where venue_id = 'uai' and year = 2024`))[0]
        .n;
    expect(await count()).toBe(uai.length - 1);
    const status = async () =>
      (
        await query<{ status: string }>(
          sql`select status from papers where venue_id = 'uai' and source_id = ${uai[0].id}`,
        )
      )[0].status;
    expect(await status()).toBe("Oral");

    // The corrected file: the missing paper is back, the status as published.
    const second = await importPaperLists(getDb(), [writeList("uai-2024.jsonl.gz", uai)]);
    expect(second.counts).toEqual({ added: 1, changed: 1, unchanged: uai.length - 2, removed: 0 });
    const report = await importShippedData();
    expect(report.skippedAsUnchanged).toBe(false);
    expect(await count()).toBe(uai.length);
    expect(await status()).toBe(uai[0].status);
    const prov = (await venueYearProvenance()).find((v) => v.venue === "uai" && v.year === 2024)!;
    expect(prov.sources).toEqual([
      { source: "paper-list", file: "uai-2024.jsonl.gz", papers: uai.length, lastImported: expect.any(String) },
    ]);

    // The same file again: nothing changes, and the main import has nothing to do.
    const third = await importPaperLists(getDb(), [writeList("uai-2024.jsonl.gz", uai)]);
    expect(third.counts).toEqual({ added: 0, changed: 0, unchanged: uai.length, removed: 0 });
    expect((await importShippedData()).skippedAsUnchanged).toBe(true);
  });

  it("a bad line stops the whole run before anything is written; skip imports the rest", async () => {
    const before = await query(sql`select source, venue_id, source_id, record from source_papers order by 1, 2, 3`);
    const good = writeList("icml-2027.jsonl.gz", [
      { venue: "icml", year: 2027, id: "x1", title: "T", status: "Poster", authors: [{ name: "A B" }] },
    ]);
    const bad = writeList("icml-2027b.jsonl.gz", [
      { venue: "icml", year: 2027, id: "x2", title: "U", authors: [{ name: "C D" }] },
      { venue: "icml", year: 2027, id: "x3", authors: [{ name: "E" }] },
    ]);
    await expect(importPaperLists(getDb(), [good, bad])).rejects.toThrow("icml-2027b.jsonl.gz:2: title: missing");
    expect(await query(sql`select source, venue_id, source_id, record from source_papers order by 1, 2, 3`)).toEqual(
      before,
    );
    const skipped = await importPaperLists(getDb(), [good, bad], { onError: "skip" });
    expect(skipped.counts.added).toBe(2);
    expect(skipped.problems).toEqual([{ file: "icml-2027b.jsonl.gz", line: 2, problem: "title: missing" }]);
  });
});

describe("npm run import:dblp", () => {
  it(
    "links dblp people to existing people and fills ICLR 2016; a second run changes nothing",
    { timeout: 600_000 },
    async () => {
      // Before: two OpenReview ids carry "Tommi Jaakkola", so the name-only NeurIPS 2019 authorship has a name-only person.
      expect(await personOf("neurips", "site_c1cca46ff2", 4)).toBe("name:tommi jaakkola");
      const iclr2016 = await query(sql`select 1 from papers where venue_id = 'iclr' and year = 2016`);
      expect(iclr2016).toHaveLength(0);

      const fixture = path.join(ROOT, "test/fixtures/dblp/linking.xml.gz");
      const report = await importDblp(getDb(), fixture, { dtdPath: path.join(ROOT, "test/fixtures/dblp/dblp.dtd") });
      expect(report.counts).toEqual({ papers: 4, authorships: 15, people: 13, skipped: 0 });
      expect(report.written).toMatchObject({ papersAdded: 4, peopleWritten: 2 });
      const derived = await importShippedData();
      expect(derived.skipped).toEqual(expect.arrayContaining([]));

      // The ICLR 2022 paper ties ~Tommi_S._Jaakkola1 to dblp's j/TommiSJaakkola; through it, dblp's
      // NeurIPS 2019 record moves the name-only authorship to that person.
      expect(await personOf("neurips", "site_c1cca46ff2", 4)).toBe("or:~Tommi_S._Jaakkola1");
      const [tommi] = await query<{ dblp: string }>(sql`select dblp from people where key = 'or:~Tommi_S._Jaakkola1'`);
      expect(tommi.dblp).toBe("j/TommiSJaakkola");
      // ICLR 2016: added from dblp, its first author the OpenReview person of the ICLR 2022 paper.
      const [deep] = await query<{ title: string; source: string; source_file: string; imported_at: Date | string }>(
        sql`select title, source, source_file, imported_at from papers where venue_id = 'iclr' and source_id = 'conf/iclr/HanMD15'`,
      );
      expect(deep).toMatchObject({ source: "dblp", source_file: "linking.xml.gz" });
      expect(deep.title).toBe(
        "Deep Compression: Compressing Deep Neural Network with Pruning, Trained Quantization and Huffman Coding",
      );
      expect(await personOf("iclr", "conf/iclr/HanMD15", 1)).toBe("or:~Song_Han5");
      // The matched papers are not added twice.
      expect(
        await query(
          sql`select 1 from papers where venue_id = 'iclr' and year = 2022 and title = 'Controlling Directions Orthogonal to a Classifier'`,
        ),
      ).toHaveLength(1);
      const prov = (await venueYearProvenance()).find((v) => v.venue === "iclr" && v.year === 2016)!;
      expect(prov.sources).toEqual([
        { source: "dblp", file: "linking.xml.gz", papers: 1, lastImported: expect.any(String) },
      ]);

      // Idempotent: the same dump again (forced past the "already imported" check) writes nothing.
      const again = await importDblp(getDb(), fixture, {
        dtdPath: path.join(ROOT, "test/fixtures/dblp/dblp.dtd"),
        force: true,
      });
      expect(again.written).toEqual({
        papersAdded: 0,
        papersChanged: 0,
        papersRemoved: 0,
        peopleWritten: 0,
        peopleRemoved: 0,
      });
      expect((await importShippedData()).skippedAsUnchanged).toBe(true);
      const unforced = await importDblp(getDb(), fixture, { dtdPath: path.join(ROOT, "test/fixtures/dblp/dblp.dtd") });
      expect(unforced.skippedAsUnchanged).toBe(true);
    },
  );
});
