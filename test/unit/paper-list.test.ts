/** The paper-list reader: the shipped format, validated with zod; problems named by file and line. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readPaperList } from "~/lib/import/paper-list.server";
import { ROOT } from "../support/templates";

const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-lists-"));
const good = {
  venue: "ICML",
  year: 2026,
  id: "abc",
  title: " A title ",
  status: "Poster",
  track: "main",
  url: "https://x/abc",
  authors: [{ name: "Ada Lovelace", openreview: "~Ada_Lovelace1", aff: "" }],
};
function write(name: string, lines: string[], gz = true): string {
  const f = path.join(dir, name);
  const text = lines.join("\n") + "\n";
  writeFileSync(f, gz ? gzipSync(text) : text);
  return f;
}

describe("readPaperList", () => {
  it("reads the shipped files themselves, gzipped or not, into canonical records", () => {
    const real = readPaperList(path.join(ROOT, "seed/papers/uai-2019.jsonl.gz"));
    expect(real.records.length).toBeGreaterThan(100);
    expect(real.problems).toEqual([]);
    const plain = readPaperList(write("plain.jsonl", [JSON.stringify(good)], false));
    expect(plain.records).toEqual([
      {
        venue: "icml",
        year: 2026,
        id: "abc",
        title: "A title",
        status: "Poster",
        track: "main",
        url: "https://x/abc",
        authors: [{ name: "Ada Lovelace", openreview: "~Ada_Lovelace1" }],
      },
    ]);
  });

  it("stops at the first bad line, naming the file, the line and the problem", () => {
    const f = write("bad.jsonl.gz", [JSON.stringify(good), "{not json", JSON.stringify({ ...good, title: undefined })]);
    expect(() => readPaperList(f)).toThrow(/^bad\.jsonl\.gz:2: not JSON/);
    const missing = write("missing.jsonl.gz", [JSON.stringify({ ...good, title: undefined })]);
    expect(() => readPaperList(missing)).toThrow("missing.jsonl.gz:1: title: missing");
    const venue = write("venue.jsonl.gz", [JSON.stringify({ ...good, venue: "kdd" })]);
    expect(() => readPaperList(venue)).toThrow(/venue\.jsonl\.gz:1: venue: unknown venue/);
    const author = write("author.jsonl.gz", [
      JSON.stringify({ ...good, authors: [{ name: "A" }, { openreview: "~B1" }] }),
    ]);
    expect(() => readPaperList(author)).toThrow("author.jsonl.gz:1: authors.1.name: missing");
  });

  it("under skip keeps the good records and lists every bad line", () => {
    const f = write("mixed.jsonl.gz", [
      JSON.stringify(good),
      "{not json",
      JSON.stringify({ ...good, id: "def", year: "2026" }),
      "",
      JSON.stringify({ ...good, id: "ghi" }),
    ]);
    const r = readPaperList(f, { onError: "skip" });
    expect(r.records.map((x) => x.id)).toEqual(["abc", "ghi"]);
    expect(r.problems.map((p) => [p.line, p.problem.split(/[:(]/)[0].trim()])).toEqual([
      [2, "not JSON"],
      [3, "year"],
    ]);
  });

  it("names a truncated gzip by its byte offset; under skip keeps the whole lines before the cut", () => {
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ ...good, id: `p${i}`, title: `Paper number ${i} with a longer title ${"x".repeat(i % 50)}` }),
    );
    const full = gzipSync(lines.join("\n") + "\n");
    const f = path.join(dir, "cut.jsonl.gz");
    writeFileSync(f, full.subarray(0, Math.floor(full.length / 2)));
    expect(() => readPaperList(f)).toThrow(
      new RegExp(`^cut\\.jsonl\\.gz \\(byte ${Math.floor(full.length / 2)}\\): truncated gzip`),
    );
    const r = readPaperList(f, { onError: "skip" });
    expect(r.complete).toBe(false);
    expect(r.records.length).toBeGreaterThan(0);
    expect(r.records.length).toBeLessThan(400);
    expect(r.records.every((x, i) => x.id === `p${i}`)).toBe(true);
    expect(readFileSync(f).length).toBeLessThan(full.length);
  });
});
