/** An advisor page's light paper facts (app/lib/directory/advisor-paper-index.ts). */
import { describe, expect, it } from "vitest";
import { citedPaperIds, labelCitedPapers, papersInYears, papersPerYear } from "~/lib/directory/advisor-paper-index";

const own = [
  { id: 1, venue: "neurips", year: 2021 },
  { id: 2, venue: "icml", year: 2023 },
  { id: 3, venue: "iclr", year: 2021 },
  { id: 4, venue: "neurips", year: 2023 },
  { id: 5, venue: "colt", year: 2019 },
];

describe("papersPerYear", () => {
  it("counts papers per year, latest first", () => {
    expect(papersPerYear(own)).toEqual([
      { year: 2023, papers: 2 },
      { year: 2021, papers: 2 },
      { year: 2019, papers: 1 },
    ]);
    expect(papersPerYear([])).toEqual([]);
  });
});

describe("papersInYears", () => {
  it("counts the papers of the years, bounds included", () => {
    expect(papersInYears(own, { from: 2021, to: 2023 })).toBe(4);
    expect(papersInYears(own, { from: 2019, to: 2019 })).toBe(1);
    expect(papersInYears(own, { from: 2024, to: 2026 })).toBe(0);
  });
});

describe("cited papers of the student-load section", () => {
  const load = {
    years: [
      { students: [{ lastAuthorPapers: [2, 4], otherPapers: [1] }] },
      { students: [{ lastAuthorPapers: [4], otherPapers: [] }] },
    ],
    alumni: [{ papers: [5, 99] }],
  };

  it("collects every id once", () => {
    expect([...citedPaperIds(load)].sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 99]);
  });

  it("labels those among the advisor's papers and names the ones to read apart", () => {
    const { labels, missing } = labelCitedPapers(citedPaperIds(load), own);
    expect(Object.fromEntries(labels)).toEqual({
      1: { venue: "neurips", year: 2021 },
      2: { venue: "icml", year: 2023 },
      4: { venue: "neurips", year: 2023 },
      5: { venue: "colt", year: 2019 },
    });
    expect(missing).toEqual([99]);
    expect(labelCitedPapers(new Set(), own)).toEqual({ labels: new Map(), missing: [] });
  });
});
