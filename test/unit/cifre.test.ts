/** The CIFRE rule and its one label table (app/lib/directory/cifre.ts). */
import { describe, expect, it } from "vitest";
import {
  advisorCifre,
  advisorCifreLabel,
  CIFRE_LABELS,
  cifreCellLabel,
  institutionCifre,
  labCifre,
} from "~/lib/directory/cifre";
import { CIFRE_STATUSES } from "../../db/schema";

describe("CIFRE labels", () => {
  it("label every status in every place", () => {
    for (const place of Object.values(CIFRE_LABELS))
      expect(Object.keys(place).sort()).toEqual([...CIFRE_STATUSES].sort());
  });
  it("say 'Eligible by rule' only when the rule gives the status", () => {
    expect(cifreCellLabel("eligible", true)).toBe("Eligible by rule");
    expect(cifreCellLabel("eligible", false)).toBe("Eligible (by rule: in France)");
    expect(cifreCellLabel("offers", false)).toBe("Offers CIFRE (with evidence)");
    expect(cifreCellLabel("unknown", false)).toBe("Unknown");
    expect(cifreCellLabel("no", true)).toBe("No (outside France)");
    expect(cifreCellLabel("no", false)).toBe("No CIFRE");
  });
});

describe("the CIFRE rule", () => {
  const lab = { cifreEvidenceUrl: null, kind: "academic", country: "FR" } as const;
  it("an advisor in France is at least eligible; elsewhere not, and a company's French eligibility does not pass on", () => {
    expect(advisorCifre("FR", undefined, [])).toBe("eligible");
    expect(advisorCifre("US", "eligible", [])).toBe("no");
    expect(advisorCifre(null, undefined, [])).toBe("unknown");
    expect(advisorCifre("FR", "eligible", [])).toBe("eligible");
    expect(advisorCifre("US", undefined, ["no", "offers"])).toBe("offers");
    expect(advisorCifre(null, "no", [])).toBe("no");
  });
  it("a lab offers CIFRE only with evidence; a French academic lab is eligible by rule", () => {
    expect(labCifre({ ...lab, cifre: "offers" }).basis).toBe("rule");
    expect(labCifre({ ...lab, cifre: "offers", cifreEvidenceUrl: "https://example.org/cifre" })).toMatchObject({
      status: "offers",
      basis: "evidence",
    });
    expect(labCifre({ ...lab, cifre: "unknown", country: "US" })).toMatchObject({ status: "no", basis: "rule" });
    expect(labCifre({ ...lab, cifre: "unknown", country: null }).status).toBe("unknown");
  });
  it("an institution offers CIFRE through a lab with evidence", () => {
    const inst = { country: "FR", kind: "academic" };
    const offering = { ...lab, name: "A lab", cifre: "offers" as const, cifreEvidenceUrl: "https://example.org/c" };
    expect(institutionCifre(inst, [offering]).text).toBe("offers CIFRE PhDs through A lab (evidence)");
    expect(institutionCifre(inst, []).basis).toBe("rule");
  });
  it("a university, institute or company branch outside France is not eligible by rule; a company without a country is unknown", () => {
    expect(institutionCifre({ country: "CN", kind: "academic" }, [])).toMatchObject({ status: "no", basis: "rule" });
    expect(institutionCifre({ country: "US", kind: "industry" }, [])).toMatchObject({ status: "no", basis: "rule" });
    expect(institutionCifre({ country: null, kind: "industry" }, []).status).toBe("unknown");
    // A company elsewhere with a lab in France is eligible for that site.
    const paris = { ...lab, kind: "industry", name: "A Paris lab", cifre: "unknown" as const };
    expect(institutionCifre({ country: "US", kind: "industry" }, [paris]).status).toBe("eligible");
  });
});

describe("advisorCifreLabel", () => {
  it("says the rule in France and outside it, and the plain status otherwise", () => {
    expect(advisorCifreLabel("eligible", "FR")).toBe("Eligible by rule");
    expect(advisorCifreLabel("no", "US")).toBe("No (outside France)");
    expect(advisorCifreLabel("offers", "US")).toBe("Offers CIFRE (with evidence)");
    expect(advisorCifreLabel("unknown", null)).toBe("Unknown");
  });
});
