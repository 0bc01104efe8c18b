import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadResolver, parseUniversityCorrections } from "~/lib/import/importer.server";

const entry = {
  domain: "cuhk.edu.cn",
  name: "The Chinese University of Hong Kong, Shenzhen",
  country: "CN",
  source: "https://www.cuhk.edu.cn/en",
};

describe("seed/university-list-corrections.json", () => {
  it("the shipped file is valid and every correction has a source", () => {
    const shipped = parseUniversityCorrections(
      JSON.parse(readFileSync("seed/university-list-corrections.json", "utf8")),
    );
    expect(shipped.corrections.length).toBeGreaterThan(0);
    expect(shipped.names.length).toBeGreaterThan(0);
    for (const c of [...shipped.corrections, ...shipped.names]) expect(c.source).toMatch(/^https:\/\//);
  });
  it("names each university as the ROR record (seed/ror) that holds its domain", () => {
    const { names } = parseUniversityCorrections(
      JSON.parse(readFileSync("seed/university-list-corrections.json", "utf8")),
    );
    const ror = new Map<string, { name: string; aliases: string[]; acronyms: string[]; domains: string[] }>();
    for (const line of gunzipSync(readFileSync("seed/ror/organizations.jsonl.gz")).toString("utf8").split("\n"))
      if (line.trim()) {
        const r = JSON.parse(line) as {
          id: string;
          name: string;
          aliases: string[];
          acronyms: string[];
          domains: string[];
        };
        ror.set(r.id, r);
      }
    for (const n of names) {
      const r = ror.get(n.source);
      expect(r, `${n.domain}: ${n.source} is a ROR record`).toBeDefined();
      expect(r!.domains, `${n.source} holds ${n.domain}`).toContain(n.domain);
      const known = [r!.name.replace(/\s*\([^)]*\)$/, ""), ...r!.aliases, ...r!.acronyms];
      expect(
        known.some((k) => n.name.includes(k)),
        `${n.name} is how ROR names ${n.source}`,
      ).toBe(true);
    }
  });
  it("stops on a bad entry and names it", () => {
    expect(() => parseUniversityCorrections({ corrections: [{ ...entry, country: "XX" }] })).toThrow(
      /corrections\.0\.country: an ISO 3166 country code/,
    );
    expect(() => parseUniversityCorrections({ corrections: [{ ...entry, source: "not a url" }] })).toThrow(
      /corrections\.0\.source/,
    );
    expect(() => parseUniversityCorrections({ corrections: [{ ...entry, domain: "cuhk" }] })).toThrow(
      /corrections\.0\.domain/,
    );
    expect(parseUniversityCorrections({ corrections: [entry] })).toEqual({
      corrections: [entry],
      names: [],
      sameDomains: [],
      sameNames: [],
    });
    const name = {
      name: "University of Maryland",
      sameAs: "umd.edu",
      source: "https://umd.edu/",
      note: "College Park.",
    };
    expect(() => parseUniversityCorrections({ corrections: [], sameNames: [{ ...name, sameAs: "umd" }] })).toThrow(
      /sameNames\.0\.sameAs/,
    );
    expect(() => parseUniversityCorrections({ corrections: [], sameNames: [{ ...name, source: "umd.edu" }] })).toThrow(
      /sameNames\.0\.source/,
    );
    const same = { domain: "uci", sameAs: "uci.edu", source: "https://uci.edu/", note: "Printed 'uci'." };
    expect(() => parseUniversityCorrections({ corrections: [], sameDomains: [{ ...same, sameAs: "uci" }] })).toThrow(
      /sameDomains\.0\.sameAs/,
    );
    expect(() => parseUniversityCorrections({ corrections: [], sameDomains: [{ ...same, note: "" }] })).toThrow(
      /sameDomains\.0\.note/,
    );
    expect(() =>
      parseUniversityCorrections({ corrections: [], sameDomains: [{ ...same, domain: "not a domain" }] }),
    ).toThrow(/sameDomains\.0\.domain/);
    const rename = { domain: "ethz.ch", name: "ETH Zurich", source: "https://ror.org/05a28rw58" };
    expect(() => parseUniversityCorrections({ corrections: [], names: [{ ...rename, source: "ror" }] })).toThrow(
      /names\.0\.source/,
    );
    expect(() => parseUniversityCorrections({ corrections: [], names: [{ ...rename, name: "" }] })).toThrow(
      /names\.0\.name/,
    );
    expect(parseUniversityCorrections({ corrections: [], names: [rename] }).names).toEqual([rename]);
  });
  it("reads a printed domain no list holds as the domain of the place it belongs to (sameDomains)", () => {
    const { resolver } = loadResolver(path.resolve("seed"));
    const { sameDomains } = parseUniversityCorrections(
      JSON.parse(readFileSync("seed/university-list-corrections.json", "utf8")),
    );
    expect(sameDomains.length).toBeGreaterThan(0);
    for (const d of sameDomains) {
      const printed = resolver.resolve({ domain: d.domain });
      expect(printed?.key, d.domain).toBe(resolver.resolve({ domain: d.sameAs })?.key);
      expect(printed?.source, d.domain).not.toBe("affiliation");
    }
    expect(resolver.resolve({ domain: "chicagobooth.edu" })).toMatchObject({
      name: "University of Chicago",
      country: "US",
    });
    // In a joint affiliation too.
    expect(resolver.resolve({ domain: "google.com+chicagobooth.edu" })?.name).toBe("University of Chicago");
    // A name several places share, read as the one whose own name it is (sameNames), when printed
    // without a domain; the others' own names stay theirs.
    expect(resolver.resolve({ aff: "University of Maryland" })?.name).toBe("University of Maryland, College Park");
    expect(resolver.resolve({ aff: "Microsoft Research + University of Maryland" })?.name).toBe(
      "University of Maryland, College Park",
    );
    expect(resolver.resolve({ aff: "University of Maryland, Baltimore County" })?.name).toBe(
      "University of Maryland, Baltimore County",
    );
  });
  it("stops the import when a domain is read as one no list holds", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "atlas-seed-"));
    try {
      mkdirSync(path.join(dir, "university-domains"));
      writeFileSync(
        path.join(dir, "university-domains", "world_universities_and_domains.json"),
        JSON.stringify([
          {
            name: "University of California, Irvine",
            domains: ["uci.edu"],
            alpha_two_code: "US",
            country: "United States",
            web_pages: ["https://uci.edu/"],
          },
        ]),
      );
      writeFileSync(path.join(dir, "company-domains.json"), JSON.stringify({ companies: [] }));
      const corrections = (sameAs: string) =>
        JSON.stringify({
          corrections: [],
          sameDomains: [{ domain: "uci", sameAs, source: "https://uci.edu/", note: "Printed 'uci'." }],
        });
      writeFileSync(path.join(dir, "university-list-corrections.json"), corrections("uci.edu"));
      expect(loadResolver(dir).resolver.resolve({ domain: "uci" })?.name).toBe("University of California, Irvine");
      writeFileSync(path.join(dir, "university-list-corrections.json"), corrections("example.edu"));
      expect(() => loadResolver(dir)).toThrow(/sameDomains: uci: no list holds example\.edu/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
