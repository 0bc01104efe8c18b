/**
 * The dblp reader on fixtures in dblp's real format (test/fixtures/dblp: ISO-8859-1, a DTD with
 * its entity declarations, homonym suffixes, aliases, person records before and after the papers
 * that name them, a disambiguation page), through the real saxes-based streaming parser.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseDtdEntities } from "~/lib/import/dblp/entities";
import { parseDblpDump } from "~/lib/import/dblp/import.server";
import { mergeDblp, titleKey } from "~/lib/import/dblp/merge";
import { buildImportPlan, type SourcePaper } from "~/lib/import/import-plan";
import { InstitutionResolver } from "~/lib/import/institution-resolver";
import { ROOT } from "../support/templates";

const FIX = path.join(ROOT, "test/fixtures/dblp");
const fixture = (name: string) => path.join(FIX, name);

describe("dblp.dtd entities", () => {
  it("reads the character entities the DTD declares, not its parameter entities", () => {
    const entities = parseDtdEntities(readFileSync(fixture("dblp.dtd"), "latin1"));
    expect(entities.get("uuml")).toBe("ü");
    expect(entities.get("Oslash")).toBe("Ø");
    expect(entities.get("times")).toBe("×");
    expect(entities.has("field")).toBe(false);
    expect(entities.size).toBe(65);
  });
});

describe("parseDblpDump", () => {
  it("keeps the selected venues' papers with their dblp people, homonyms apart", async () => {
    const parsed = await parseDblpDump(fixture("homonyms.xml"));
    expect(parsed.counts).toEqual({ papers: 5, authorships: 11, people: 4, skipped: 1 });
    const byId = new Map(parsed.papers.map((p) => [p.id, p]));
    expect([...byId.keys()].sort()).toEqual([
      "conf/iclr/Wang15",
      "conf/iclr/WangM15w",
      "conf/iclr/WangW15",
      "journals/jmlr/WangM21",
      "journals/pami/MuellerW23",
    ]);

    const a = byId.get("conf/iclr/WangW15")!;
    expect(a).toMatchObject({
      venue: "iclr",
      year: 2015,
      status: "Poster",
      track: "main",
      url: "https://dblp.org/rec/conf/iclr/WangW15.html",
    });
    // Markup inside the title joins its text; dblp's final dot goes.
    expect(a.title).toBe("Fixture Paper on Homonyms and the L2 Norm");
    // Same printed name, different suffixes: two people.
    expect(a.authors.map((x) => x.name)).toEqual(["Wei Wang", "Wei Wang", "Jürgen Müller"]);
    expect(a.authors.map((x) => x.dblpKey)).toEqual(["w/WeiWang1", "w/WeiWang2", "m/JMueller"]);
    // The person record's profile ids: homepage, Google Scholar id and ORCID from its URLs.
    expect(a.authors[0]).toMatchObject({
      dblp: "w/WeiWang1",
      homepage: "https://example.org/~weiwang1",
      scholar: "AbCdEf123",
      orcid: "0000-0002-1825-0097",
    });

    // An alias ("Juergen Mueller") is the same person; a disambiguation page identifies no one;
    // a name without any person record is its own dblp person; ISO-8859-1 bytes decode.
    expect(byId.get("conf/iclr/WangM15w")!.authors.map((x) => x.dblpKey)).toEqual(["w/WeiWang2", "m/JMueller"]);
    expect(byId.get("conf/iclr/WangM15w")!.status).toBe("Workshop");
    const unassigned = byId.get("conf/iclr/Wang15")!;
    expect(unassigned.authors[0]).toEqual({ name: "Wei Wang" });
    expect(unassigned.authors[1]).toEqual({ name: "Joél Café", dblpKey: "name:Joél Café" }); // raw ISO-8859-1 bytes (0xE9)

    expect(byId.get("journals/jmlr/WangM21")).toMatchObject({
      venue: "jmlr",
      year: 2021,
      title: "Fixture Journal Article × Two",
    });
    expect(byId.get("journals/pami/MuellerW23")!.venue).toBe("tpami");
    expect(parsed.skippedReasons).toEqual([{ reason: "not the journal itself (proceedings volume)", count: 1 }]);

    const people = new Map(parsed.people.map((p) => [p.pid, p]));
    expect(people.get("m/JMueller")!.names).toEqual(["Jürgen Müller", "Juergen Mueller"]);
    expect(people.get("w/WeiWang1")!.affiliations).toEqual([
      { text: "Example University A, Computer Science Department", label: null, mdate: "2024-03-01" },
      { text: "Example Institute B", label: "former", mdate: "2024-03-01" },
    ]);
    expect(people.has("w/WeiWang")).toBe(false); // the disambiguation page
  });

  it("reads a gzipped dump the same way and reports progress by compressed bytes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-dblp-"));
    const gz = path.join(dir, "dblp.xml.gz");
    writeFileSync(gz, gzipSync(readFileSync(fixture("homonyms.xml"))));
    const seen: number[] = [];
    const parsed = await parseDblpDump(gz, {
      dtdPath: fixture("dblp.dtd"),
      onProgress: (read, total) => seen.push(read / total),
    });
    expect(parsed.counts).toEqual({ papers: 5, authorships: 11, people: 4, skipped: 1 });
    expect(seen.at(-1)).toBe(1);
  });

  it("stops on an undefined entity, naming the file, line and entity; skips its record under skip", async () => {
    await expect(parseDblpDump(fixture("unknown-entity.xml"))).rejects.toThrow(
      /^unknown-entity\.xml: line 26:\d+: undefined entity &eacutex;$/,
    );
    const parsed = await parseDblpDump(fixture("unknown-entity.xml"), { onError: "skip" });
    expect(parsed.counts).toEqual({ papers: 4, authorships: 9, people: 3, skipped: 2 });
    expect(parsed.papers.some((p) => p.id === "conf/iclr/Wang15")).toBe(false);
    expect(parsed.problems).toHaveLength(1);
  });

  it("stops on malformed XML; under skip drops that record and resumes at the next one", async () => {
    await expect(parseDblpDump(fixture("malformed.xml"))).rejects.toThrow(/^malformed\.xml: line 28:\d+: /);
    const parsed = await parseDblpDump(fixture("malformed.xml"), { onError: "skip" });
    expect(parsed.papers.map((p) => p.id).sort()).toEqual([
      "conf/iclr/WangM15w",
      "conf/iclr/WangW15",
      "journals/jmlr/WangM21",
      "journals/pami/MuellerW23",
    ]);
    expect(parsed.problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^line 28:/)]);
    expect(parsed.complete).toBe(true);
  });

  it("names a truncated gzip with its byte offset; under skip keeps what came before and says it is incomplete", async () => {
    await expect(parseDblpDump(fixture("truncated.xml.gz"))).rejects.toThrow(
      /^truncated\.xml\.gz \(byte 600\): truncated gzip/,
    );
    const parsed = await parseDblpDump(fixture("truncated.xml.gz"), { onError: "skip" });
    expect(parsed.complete).toBe(false);
    expect(parsed.counts.papers).toBeLessThan(5);
  });

  it("needs the DTD: a dump without it is refused with a clear message", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-dblp-"));
    writeFileSync(path.join(dir, "dblp.xml"), readFileSync(fixture("homonyms.xml")));
    await expect(parseDblpDump(path.join(dir, "dblp.xml"))).rejects.toThrow(/dblp\.dtd: no DTD/);
  });

  it("--dry-run prints one JSON line with the counts", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/import-dblp.ts", fixture("homonyms.xml"), "--dry-run"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ papers: 5, authorships: 11, people: 4, skipped: 1 });
    const bad = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/import-dblp.ts", fixture("unknown-entity.xml"), "--dry-run"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown-entity\.xml: line 26:\d+: undefined entity &eacutex;/);
  });
});

const paper = (
  venue: string,
  year: number,
  id: string,
  title: string,
  authors: SourcePaper["authors"],
): SourcePaper => ({ venue, year, id, title, status: null, track: "main", url: null, authors });

describe("mergeDblp and the people rule", () => {
  const listed = [
    paper("iclr", 2022, "or1", "Controlling Directions Orthogonal to a Classifier", [
      { name: "Yilun Xu", openreview: "~Yilun_Xu1" },
      { name: "Tommi Jaakkola", openreview: "~Tommi_S._Jaakkola1" },
    ]),
    paper("neurips", 2019, "n1", "A Game-Theoretic Approach", [{ name: "Shiyu Chang" }, { name: "Tommi Jaakkola" }]),
    paper("neurips", 2019, "n2", "Other paper", [{ name: "Tommi Jaakkola", openreview: "~Tommi_Jaakkola1" }]),
  ];
  const dblp = [
    paper("iclr", 2022, "conf/iclr/XuJ22", "Controlling directions orthogonal to a classifier.", [
      { name: "Yilun Xu", dblpKey: "x/YilunXu" },
      { name: "Tommi S. Jaakkola", dblpKey: "j/TommiSJaakkola" },
    ]),
    paper("neurips", 2019, "conf/nips/CJ19", "A Game Theoretic Approach", [
      { name: "Shiyu Chang", dblpKey: "c/ShiyuChang" },
      { name: "Tommi S. Jaakkola", dblpKey: "j/TommiSJaakkola" },
    ]),
    paper("iclr", 2016, "conf/iclr/J16", "A paper of a year no listing covers", [
      { name: "Tommi S. Jaakkola", dblpKey: "j/TommiSJaakkola" },
    ]),
    paper("neurips", 2019, "conf/nips/Z19", "A paper the listing does not have", [
      { name: "Someone", dblpKey: "s/Someone" },
    ]),
    paper("iclr", 2022, "conf/iclr/Q22", "controlling DIRECTIONS orthogonal to a classifier", [{ name: "Yilun Xu" }]),
  ];

  it("matches papers by normalised title, venue and year, and links authorships position by position", () => {
    expect(titleKey("A Game-Theoretic Approach.")).toBe(titleKey("a game theoretic approach"));
    const m = mergeDblp(listed, dblp);
    expect(m.added.map((p) => p.id)).toEqual(["conf/iclr/J16"]);
    expect(m.records).toHaveLength(4);
    expect(m.records[1].authors.map((a) => a.dblpKey)).toEqual(["c/ShiyuChang", "j/TommiSJaakkola"]);
    expect(m.skipped).toContainEqual({ reason: "dblp paper not in the venue's own listing for that year", count: 1 });
    expect(m.skipped).toContainEqual({
      reason: "dblp paper with a different number of authors than its listing",
      count: 1,
    });
  });

  it("puts an OpenReview id and a dblp key on one person, replacing the name rule where dblp knows the person", () => {
    const m = mergeDblp(listed, dblp);
    const plan = buildImportPlan(m.records, new InstitutionResolver([], []));
    const keyOf = (paperKey: string, position: number) =>
      plan.authorships.find((a) => a.paperKey === paperKey && a.position === position)!.personKey;
    // Two ids carry "Tommi Jaakkola": the name rule alone leaves n1 with a name-only person; dblp links it.
    expect(keyOf("neurips/n1", 2)).toBe("or:~Tommi_S._Jaakkola1");
    expect(keyOf("iclr/conf/iclr/J16", 1)).toBe("or:~Tommi_S._Jaakkola1");
    expect(keyOf("neurips/n2", 1)).toBe("or:~Tommi_Jaakkola1");
    const person = plan.people.find((p) => p.key === "or:~Tommi_S._Jaakkola1")!;
    expect(person.dblp).toBe("j/TommiSJaakkola");
    // Without dblp, the name rule (two ids share the name) keeps n1 apart.
    const bare = buildImportPlan(listed, new InstitutionResolver([], []));
    expect(bare.authorships.find((a) => a.paperKey === "neurips/n1" && a.position === 2)!.personKey).toBe(
      "name:tommi jaakkola",
    );
  });

  it("never merges dblp homonyms, and never merges on a disambiguation page", () => {
    const records = [
      paper("iclr", 2015, "a", "A", [
        { name: "Wei Wang", dblpKey: "w/WeiWang1" },
        { name: "Wei Wang", dblpKey: "w/WeiWang2" },
      ]),
      paper("iclr", 2015, "b", "B", [{ name: "Wei Wang" }]),
    ];
    const plan = buildImportPlan(records, new InstitutionResolver([], []));
    expect(plan.authorships.map((a) => a.personKey)).toEqual(["dblp:w/WeiWang1", "dblp:w/WeiWang2", "name:wei wang"]);
    expect(plan.people.filter((p) => p.name === "Wei Wang")).toHaveLength(3);
  });
});
