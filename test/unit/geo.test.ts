import { describe, expect, it } from "vitest";
import { continentOf, countryCodeFromName, countryFromDomain } from "~/lib/geo.server";

describe("country mapping", () => {
  it("maps the source's English names, including official forms", () => {
    expect(countryCodeFromName("France")).toBe("FR");
    expect(countryCodeFromName("Russian Federation")).toBe("RU");
    expect(countryCodeFromName("Korea, Republic of")).toBe("KR");
    expect(countryCodeFromName("Czech Republic")).toBe("CZ");
    expect(countryCodeFromName("United States")).toBe("US");
    expect(countryCodeFromName("Unknown")).toBeNull();
    expect(countryCodeFromName("")).toBeNull();
  });
  it("reads country-code TLDs but not generic ones", () => {
    expect(countryFromDomain("inria.fr")).toBe("FR");
    expect(countryFromDomain("cs.ox.ac.uk")).toBe("GB");
    expect(countryFromDomain("mila.quebec")).toBeNull();
    expect(countryFromDomain("deepmind.com")).toBeNull();
    expect(countryFromDomain("huggingface.co")).toBeNull();
    expect(countryFromDomain("x.ai")).toBeNull();
  });
  it("gives continents from the maintained package", () => {
    expect(continentOf("FR")).toBe("EU");
    expect(continentOf("CA")).toBe("NA");
    expect(continentOf("BR")).toBe("SA");
    expect(continentOf("AU")).toBe("OC");
    expect(continentOf("CN")).toBe("AS");
    expect(continentOf("NG")).toBe("AF");
    expect(continentOf(null)).toBeNull();
  });
});
