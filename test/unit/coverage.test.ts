import { describe, expect, it } from "vitest";
import { coverageGaps } from "~/lib/directory/coverage.server";

describe("coverageGaps", () => {
  const rows = [
    ...[2013, 2014, 2017, 2018].map((year) => ({ venue: "iclr", year })),
    ...[2024, 2025].map((year) => ({ venue: "neurips", year })),
    ...[2007, 2009, 2010].map((year) => ({ venue: "aistats", year })),
    { venue: "icml", year: 2026 },
  ];
  it("lists absent venue-years as missing, up to the latest year in the data, and not venues' off years", () => {
    const { missing, spans, lastYear } = coverageGaps(rows);
    expect(lastYear).toBe(2026);
    const keys = missing.map((m) => `${m.venue}-${m.year}`);
    expect(keys).toEqual(expect.arrayContaining(["iclr-2015", "iclr-2016", "neurips-2026", "aistats-2011"]));
    expect(keys).not.toContain("aistats-2008");
    expect(missing.find((m) => m.venue === "neurips" && m.year === 2026)!.note).toMatch(/not in the shipped data/);
    expect(spans.find((s) => s.venue === "iclr")).toEqual({
      venue: "iclr",
      from: 2013,
      to: 2018,
      missing: [2015, 2016],
    });
  });
});
