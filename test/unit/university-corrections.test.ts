import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseUniversityCorrections } from "~/lib/import/importer.server";

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
    expect(parseUniversityCorrections({ corrections: [entry] })).toEqual({ corrections: [entry], names: [] });
    const rename = { domain: "ethz.ch", name: "ETH Zurich", source: "https://ror.org/05a28rw58" };
    expect(() => parseUniversityCorrections({ corrections: [], names: [{ ...rename, source: "ror" }] })).toThrow(
      /names\.0\.source/,
    );
    expect(() => parseUniversityCorrections({ corrections: [], names: [{ ...rename, name: "" }] })).toThrow(
      /names\.0\.name/,
    );
    expect(parseUniversityCorrections({ corrections: [], names: [rename] }).names).toEqual([rename]);
  });
});
