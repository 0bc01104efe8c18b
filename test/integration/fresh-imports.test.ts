/**
 * Paper lists and dblp on the real shipped data: a re-imported list updates exactly what changed;
 * a bad list writes nothing; dblp (fixture in the dump's format, four real papers) links an
 * OpenReview person to their dblp key, moves a name-only authorship to the person dblp names, fills
 * ICLR 2016 (a year the seed lacks), and a second run changes nothing; provenance per venue-year.
 *
 * Each scenario re-imports the full data, which on PGlite holds the event loop for minutes: it runs
 * in a child process (test/support/fresh-imports-scenarios.ts) on this file's database, and the
 * assertions are on what it prints, so the vitest worker stays free to answer its RPC.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import type { Scenario, ScenarioResult } from "../support/fresh-imports-scenarios";
import { ROOT } from "../support/templates";

useTestDatabase("shipped");

// Three full re-imports per scenario: about 10 minutes on PGlite on a busy two-core machine.
const TIMEOUT = 1_200_000;

const uai = gunzipSync(readFileSync(path.join(ROOT, "seed/papers/uai-2024.jsonl.gz")))
  .toString("utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { id: string; status: string });

/** Runs one scenario in a child process (asynchronously, so this worker's loop keeps turning) and returns what it printed. */
function runScenario<S extends Scenario>(scenario: S, signal: AbortSignal): Promise<ScenarioResult<S>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/fresh-imports-scenarios.ts", scenario], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // A timed-out test ends its child: a PGlite directory opens in one process at a time.
      signal,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`scenario ${scenario} exited with ${code}:\n${stdout}\n${stderr}`));
      else resolve(JSON.parse(line.slice("RESULT ".length)) as ScenarioResult<S>);
    });
  });
}

describe("npm run import:papers", () => {
  it("re-importing a changed list updates exactly what changed", { timeout: TIMEOUT }, async ({ signal }) => {
    const { afterFirst, afterSecond, afterThird } = await runScenario("paper-lists", signal);
    // The first file: the last paper missing, the first one's status different.
    expect(afterFirst).toEqual({
      counts: { added: uai.length - 1, changed: 0, unchanged: 0, removed: 0 },
      papers: uai.length - 1,
      status: "Oral",
    });
    // The corrected file: the missing paper is back, the status as published.
    expect(afterSecond).toEqual({
      counts: { added: 1, changed: 1, unchanged: uai.length - 2, removed: 0 },
      skippedAsUnchanged: false,
      papers: uai.length,
      status: uai[0].status,
      provenance: [
        { source: "paper-list", file: "uai-2024.jsonl.gz", papers: uai.length, lastImported: expect.any(String) },
      ],
    });
    // The same file again: nothing changes, and the main import has nothing to do.
    expect(afterThird).toEqual({
      counts: { added: 0, changed: 0, unchanged: uai.length, removed: 0 },
      skippedAsUnchanged: true,
    });
  });

  it(
    "a bad line stops the whole run before anything is written; skip imports the rest",
    { timeout: TIMEOUT },
    async ({ signal }) => {
      const { before, error, after, skipped } = await runScenario("bad-list", signal);
      expect(error).toContain("icml-2027b.jsonl.gz:2: title: missing");
      expect(before.rows).toBeGreaterThan(0);
      expect(after).toEqual(before);
      expect(skipped.counts.added).toBe(2);
      expect(skipped.problems).toEqual([{ file: "icml-2027b.jsonl.gz", line: 2, problem: "title: missing" }]);
    },
  );
});

describe("npm run import:dblp", () => {
  it(
    "links dblp people to existing people and fills ICLR 2016; a second run changes nothing",
    { timeout: TIMEOUT },
    async ({ signal }) => {
      const { before, after, forced, unforced } = await runScenario("dblp", signal);
      // Before: two OpenReview ids carry "Tommi Jaakkola"; the name-only NeurIPS 2019 authorship goes to
      // the one whose coauthors it shares (import plan 31, idsAmongHomonyms).
      expect(before).toEqual({ tommiNeurips2019: "or:~Tommi_S._Jaakkola1", iclr2016Papers: 0 });

      expect(after.counts).toEqual({ papers: 4, authorships: 15, people: 13, skipped: 0 });
      expect(after.written).toMatchObject({ papersAdded: 4, peopleWritten: 2 });
      expect(after.derivedSkipped).toEqual(expect.any(Array));
      // The ICLR 2022 paper ties ~Tommi_S._Jaakkola1 to dblp's j/TommiSJaakkola; dblp's NeurIPS 2019
      // record identifies the same person for that authorship, which stays where it was.
      expect(after.tommiNeurips2019).toBe("or:~Tommi_S._Jaakkola1");
      expect(after.tommiDblp).toBe("j/TommiSJaakkola");
      // ICLR 2016: added from dblp, its first author the OpenReview person of the ICLR 2022 paper.
      expect(after.deepCompression).toEqual({
        source: "dblp",
        source_file: "linking.xml.gz",
        title:
          "Deep Compression: Compressing Deep Neural Network with Pruning, Trained Quantization and Huffman Coding",
      });
      expect(after.deepCompressionFirstAuthor).toBe("or:~Song_Han5");
      // The matched papers are not added twice.
      expect(after.orthogonalCopies).toBe(1);
      expect(after.provenance).toEqual([
        { source: "dblp", file: "linking.xml.gz", papers: 1, lastImported: expect.any(String) },
      ]);

      // Idempotent: the same dump again (forced past the "already imported" check) writes nothing.
      expect(forced).toEqual({
        written: { papersAdded: 0, papersChanged: 0, papersRemoved: 0, peopleWritten: 0, peopleRemoved: 0 },
        skippedAsUnchanged: true,
      });
      expect(unforced).toEqual({ skippedAsUnchanged: true });
    },
  );
});
