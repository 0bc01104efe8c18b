import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bestCifre, CIFRE_SCHEME_URL, institutionCifre, labCifre } from "~/lib/directory/cifre";
import { loadResolver } from "~/lib/import/importer.server";
import { labInstitution } from "~/lib/import/lab-institution.server";
import { LabRegistryError, parseLabRegistry } from "~/lib/import/lab-registry.server";

const shipped = JSON.parse(readFileSync("seed/lab-registry.json", "utf8"));
const lab = (over: Record<string, unknown> = {}) => ({
  slug: "test-lab",
  name: "Test Lab",
  kind: "academic",
  city: "Paris",
  country: "FR",
  website: "https://example.org",
  parent: null,
  aliases: ["Test Lab"],
  source: "https://example.org",
  ...over,
});
const registry = (labs: unknown[]) => ({ about: "x", sources: {}, labs, threadLabs: [] });

describe("the shipped lab registry", () => {
  it("is valid, has at least 150 labs and every entry has a source", () => {
    const r = parseLabRegistry(shipped);
    expect(r.labs.length).toBeGreaterThanOrEqual(150);
    for (const l of r.labs) expect(l.source).toMatch(/^https?:\/\//);
    expect(r.threadLabs.map((t) => t.slug)).toContain("mila");
  });
});

describe("registry validation", () => {
  it("names the entry and the problem", () => {
    const bad = [
      [lab({ country: "XX" }), /labs\[0\] \(test-lab\)\.country: unknown country code "XX"/],
      [lab({ source: undefined }), /labs\[0\] \(test-lab\)\.source: a source URL is required/],
      [lab({ source: "not a url" }), /labs\[0\] \(test-lab\)\.source: must be a URL/],
      [lab({ kind: "club" }), /labs\[0\] \(test-lab\)\.kind/],
      [lab({ patterns: ["(unclosed"] }), /invalid pattern/],
    ] as const;
    for (const [entry, message] of bad) {
      expect(() => parseLabRegistry(registry([entry]))).toThrow(LabRegistryError);
      expect(() => parseLabRegistry(registry([entry]))).toThrow(message);
    }
  });
  it("refuses a duplicate slug", () => {
    expect(() => parseLabRegistry(registry([lab(), lab({ name: "Other" })]))).toThrow(
      /labs\[1\] \(test-lab\): duplicate slug, also labs\[0\]/,
    );
  });
});

describe("CIFRE status", () => {
  const base = { cifre: "unknown" as const, cifreEvidenceUrl: null };
  it("is eligible by rule for an academic lab or institute in France, and for a company's French site", () => {
    expect(labCifre({ ...base, kind: "academic", country: "FR" })).toMatchObject({
      status: "eligible",
      basis: "rule",
      url: CIFRE_SCHEME_URL,
    });
    expect(labCifre({ ...base, kind: "institute", country: "FR" })).toMatchObject({
      status: "eligible",
      basis: "rule",
    });
    expect(labCifre({ ...base, kind: "industry", country: "FR" })).toMatchObject({ status: "eligible", basis: "rule" });
    // Elsewhere: not eligible by rule; without a country: unknown.
    expect(labCifre({ ...base, kind: "academic", country: "CA" })).toMatchObject({ status: "no", basis: "rule" });
    expect(labCifre({ ...base, kind: "academic", country: null })).toMatchObject({ status: "unknown", basis: "none" });
  });
  it("offers only with evidence; a contributed no stays no", () => {
    expect(
      labCifre({ cifre: "offers", cifreEvidenceUrl: "https://x.org/cifre", kind: "industry", country: "FR" }),
    ).toMatchObject({ status: "offers", basis: "evidence" });
    expect(labCifre({ cifre: "no", cifreEvidenceUrl: null, kind: "academic", country: "FR" }).status).toBe("no");
  });
  it("gives a company the status of its French labs", () => {
    const paris = {
      name: "Paris lab",
      cifre: "unknown" as const,
      cifreEvidenceUrl: null,
      kind: "industry",
      country: "FR",
    };
    expect(institutionCifre({ kind: "industry", country: null }, [paris])).toMatchObject({
      status: "eligible",
      basis: "rule",
    });
    expect(institutionCifre({ kind: "industry", country: null }, [{ ...paris, country: "US" }]).status).toBe("unknown");
    expect(institutionCifre({ kind: "academic", country: "FR" }, []).status).toBe("eligible");
    expect(
      institutionCifre({ kind: "academic", country: "DE" }, [
        { ...paris, cifre: "offers", cifreEvidenceUrl: "https://x.org" },
      ]).status,
    ).toBe("offers");
  });
  it("takes the best of several statuses", () => {
    expect(bestCifre(["unknown", "eligible", "no"])).toBe("eligible");
    expect(bestCifre([])).toBe("unknown");
  });
});

describe("the institution a lab belongs to (labInstitution)", () => {
  const { resolver } = loadResolver(path.resolve("seed"));
  it("a company's lab is at the company's branch in the lab's country", () => {
    const criteo = labInstitution(resolver, {
      name: "Criteo AI Lab",
      country: "FR",
      parent: { name: "Criteo", domain: "criteo.com" },
    });
    expect(criteo).toMatchObject({ key: "co:Criteo:FR", country: "FR", kind: "industry" });
  });
  it("a lab without a parent is the organisation it is, found by its website and name, in its own country", () => {
    expect(labInstitution(resolver, { name: "Mila", country: "CA", website: "https://mila.quebec/en" })?.name).toBe(
      "Mila - Quebec Artificial Intelligence Institute",
    );
    expect(labInstitution(resolver, { name: "CNRS", country: "FR", website: "https://www.cnrs.fr" })?.key).toBe(
      "ror:02feahw73",
    );
    // ROR files Cohere in the United States; the registry's lab is in Canada: not linked.
    expect(
      labInstitution(resolver, { name: "Cohere and Cohere For AI", country: "CA", website: "https://cohere.com" }),
    ).toBeNull();
    // An organisation no list knows is no place to hang a lab on.
    expect(
      labInstitution(resolver, { name: "Some New Lab", country: "FR", website: "https://new-lab.example" }),
    ).toBeNull();
  });
});
