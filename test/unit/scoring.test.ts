import { describe, expect, it } from "vitest";
import {
  defaultWindow,
  explainScore,
  rankAdvisors,
  encodeValues,
  rankTable,
  scoreAdvisor,
  scoreColumns,
  topPercent,
  rowsFromColumns,
  toScoreColumns,
  type VenueYearCount,
} from "~/lib/scoring";

const row = (
  venueId: string,
  year: number,
  papers: number,
  authors = 4,
  lastAuthor = 0,
  highlighted = 0,
): VenueYearCount => ({
  venueId,
  year,
  papers,
  credit: papers / authors,
  lastAuthor,
  highlighted,
});
const params = { venues: ["neurips", "icml", "iclr"], window: { from: 2021, to: 2025 } };

describe("scoreAdvisor", () => {
  it("is all zeros without papers", () => {
    expect(scoreAdvisor([], params)).toMatchObject({
      papers: 0,
      credit: 0,
      lastAuthor: 0,
      highlighted: 0,
      consistency: 0,
      windowYears: 5,
      score: 0,
    });
  });

  it("counts only the chosen venues and the window", () => {
    const b = scoreAdvisor(
      [row("neurips", 2024, 2), row("colt", 2024, 5), row("icml", 2019, 3), row("icml", 2026, 1)],
      params,
    );
    expect(b.papers).toBe(2);
    expect(b.activeYears).toEqual([2024]);
    const withColt = scoreAdvisor([row("neurips", 2024, 2), row("colt", 2024, 5)], {
      ...params,
      venues: [...params.venues, "colt"],
    });
    expect(withColt.papers).toBe(7);
  });

  it("prefers steady output to a single lucky year", () => {
    const lucky = scoreAdvisor([row("neurips", 2023, 5, 4, 5)], params);
    const steady = scoreAdvisor(
      [2021, 2022, 2023, 2024, 2025].map((y) => row("icml", y, 1, 4, 1)),
      params,
    );
    expect(lucky.papers).toBe(steady.papers);
    expect(steady.consistency).toBe(5);
    expect(lucky.consistency).toBe(1);
    expect(steady.score).toBeGreaterThan(lucky.score);
  });

  it("gives author-adjusted credit (1/N) so many-author papers weigh less", () => {
    const solo = scoreAdvisor([row("icml", 2024, 1, 1)], params);
    const crowd = scoreAdvisor([row("icml", 2024, 1, 50)], params);
    expect(solo.credit).toBe(1);
    expect(crowd.credit).toBe(0.02);
    expect(solo.score).toBeGreaterThan(crowd.score);
  });

  it("credits last-author papers and orals apart from 1/N, per the stated formula", () => {
    const b = scoreAdvisor([row("icml", 2024, 2, 4, 2, 1), row("neurips", 2025, 2, 2, 1, 0)], params);
    // credit 0.5 + 1 = 1.5; last author 3; highlighted 1; 2 of 5 years
    expect(b).toMatchObject({ credit: 1.5, lastAuthor: 3, highlighted: 1, consistency: 2 });
    expect(b.score).toBe(Math.round((((1.5 + 0.5 * 3 + 0.5 * 1) * 2) / 5) * 100) / 100);
    expect(explainScore(b, params).join(" ")).toContain("= 1.4");
    // One of a thing reads as one.
    expect(explainScore({ ...b, papers: 1, highlighted: 1 }, params).join(" ")).toMatch(
      /1 conference paper; .* 1 oral or spotlight\./,
    );
  });

  it("ends the explanation with the score itself, even where the rounded credit would round differently", () => {
    // credit 1/3 + 1/3 + 1/6 = 0.8333.. is shown as 0.833; recomputing from it would give 0.87 where the score is 0.88
    for (const rows of [
      [row("icml", 2024, 1, 3, 1, 1), row("icml", 2025, 1, 3), row("neurips", 2023, 1, 6)],
      [row("icml", 2021, 1, 7, 1), row("iclr", 2022, 1, 9, 0, 1), row("neurips", 2025, 2, 11)],
    ]) {
      const b = scoreAdvisor(rows, params);
      const last = explainScore(b, params).at(-1)!;
      expect(last.endsWith(`= ${b.score}.`)).toBe(true);
    }
  });
});

describe("rankAdvisors", () => {
  const item = (id: number, name: string, region: string | null, rows: VenueYearCount[]) => ({
    id,
    name,
    region,
    breakdown: scoreAdvisor(rows, params),
  });

  it("ranks by score; ties share a rank; regions are ranked apart", () => {
    const ranked = rankAdvisors([
      item(1, "Zed", "EU", [row("icml", 2024, 1)]),
      item(2, "Amy", "NA", [row("icml", 2024, 4, 1, 4)]),
      item(3, "Bob", "EU", [row("icml", 2024, 1)]),
      item(4, "Cat", "EU", []),
      item(5, "Dan", null, [row("icml", 2025, 1)]),
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ["Amy", 1],
      ["Bob", 2],
      ["Dan", 2],
      ["Zed", 2],
      ["Cat", 5],
    ]);
    const eu = ranked.filter((r) => r.region === "EU").map((r) => [r.name, r.regionRank, r.regionSize]);
    expect(eu).toEqual([
      ["Bob", 1, 3],
      ["Zed", 1, 3],
      ["Cat", 3, 3],
    ]);
    expect(ranked.find((r) => r.name === "Dan")!.regionRank).toBeNull();
    expect(ranked[0].topPercent).toBe(20);
  });

  it("handles an empty list", () => expect(rankAdvisors([])).toEqual([]));
});

describe("everyone at once (the directory's fast path)", () => {
  // A deterministic pseudo-random population: many advisors, venues, years, ties.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const venues = ["neurips", "icml", "iclr", "colt", "aistats", "uai"];
  const population = Array.from({ length: 600 }, () =>
    Array.from({ length: Math.floor(rnd() * 12) }, () => {
      const papers = Math.floor(rnd() * 4);
      return row(
        venues[Math.floor(rnd() * 6)],
        2012 + Math.floor(rnd() * 14),
        papers,
        1 + Math.floor(rnd() * 9),
        Math.floor(rnd() * (papers + 1)),
        rnd() < 0.1 ? 1 : 0,
      );
    }),
  );
  const cases = [
    params,
    { venues: ["colt", "uai"], window: { from: 2012, to: 2025 } },
    { venues: venues, window: { from: 2024, to: 2024 } },
    { venues: ["icml"], window: { from: 2030, to: 2035 } },
  ];

  it.each(cases)("scores exactly as scoreAdvisor does, advisor by advisor (%o)", (p) => {
    const t = scoreColumns(toScoreColumns(population), p);
    population.forEach((rows, i) => {
      const b = scoreAdvisor(rows, p);
      expect([t.score[i], t.papers[i], t.consistency[i]]).toEqual([b.score, b.papers, b.consistency]);
    });
  });

  it("gives each advisor's rows back from the columns, in order", () => {
    const c = toScoreColumns(population);
    population.forEach((rows, i) => expect(rowsFromColumns(c, i)).toEqual(rows));
    expect(rowsFromColumns(c, -1)).toEqual([]);
    expect(rowsFromColumns(c, population.length)).toEqual([]);
  });

  it.each(cases)("ranks in the same order with the packed sort and with the comparator (%o)", (p) => {
    const t = scoreColumns(toScoreColumns(population), p);
    const regions = encodeValues(population.map((_, i) => (i % 5 === 0 ? null : ["EU", "NA", "AS"][i % 3]))).code;
    const id = Int32Array.from(population, (_, i) => 1000 + i);
    const nameOrder = Int32Array.from(population, (_, i) => (i * 7919) % population.length); // a permutation (600 and 7919 are coprime)
    const packed = rankTable({ score: t.score, papers: t.papers, nameOrder, id, region: regions });
    // Name order with ties is not a permutation: rankTable falls back to the comparator.
    const tied = rankTable({
      score: t.score,
      papers: t.papers,
      nameOrder: Int32Array.from(nameOrder, (o) => o * 2),
      id,
      region: regions,
    });
    expect(Array.from(packed.order)).toEqual(Array.from(tied.order));
    expect(Array.from(packed.rank)).toEqual(Array.from(tied.rank));
    expect(Array.from(packed.regionRank)).toEqual(Array.from(tied.regionRank));
    // And the order is the rule's: score, then papers, then name.
    for (let k = 1; k < packed.order.length; k++) {
      const [a, b] = [packed.order[k - 1], packed.order[k]];
      expect(
        t.score[a] > t.score[b] ||
          (t.score[a] === t.score[b] &&
            (t.papers[a] > t.papers[b] || (t.papers[a] === t.papers[b] && nameOrder[a] < nameOrder[b]))),
      ).toBe(true);
    }
  });
});

describe("helpers", () => {
  it("defaults to the five most recent years", () => expect(defaultWindow(2026)).toEqual({ from: 2022, to: 2026 }));
  it("computes top percent", () => {
    expect(topPercent(1, 1000)).toBe(0.1);
    expect(topPercent(100, 1000)).toBe(10);
    expect(topPercent(3, 0)).toBe(100);
  });
});
