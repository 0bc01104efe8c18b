import { describe, expect, it } from "vitest";
import { filtersToSearch, parseAdvisorFilters } from "~/lib/directory/advisor-filters";

const parse = (qs: string, opts?: Parameters<typeof parseAdvisorFilters>[1]) =>
  parseAdvisorFilters(new URLSearchParams(qs), opts);

describe("parseAdvisorFilters", () => {
  it("has sensible defaults", () => {
    const { filters, problems } = parse("");
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({
      q: "",
      continent: null,
      country: null,
      cifre: null,
      venues: ["neurips", "icml", "iclr"],
      from: null,
      to: null,
      sort: "score",
      limit: 20,
      offset: 0,
    });
  });

  it("reads every filter", () => {
    const { filters, problems } = parse(
      "q=Varoquaux&continent=eu&country=fr&cifre=offers&venues=icml,colt&from=2020&to=2024&minPapers=3&minYears=2&kind=academic&recruiting=true&sort=papers&limit=10&offset=30",
    );
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({
      q: "Varoquaux",
      continent: "EU",
      country: "FR",
      cifre: "offers",
      venues: ["icml", "colt"],
      from: 2020,
      to: 2024,
      minPapers: 3,
      minYears: 2,
      kind: "academic",
      recruiting: true,
      sort: "papers",
      limit: 10,
      offset: 30,
    });
  });

  it("accepts repeated venue checkboxes from a GET form", () => {
    expect(parse("venues=icml&venues=uai").filters.venues).toEqual(["icml", "uai"]);
  });

  it.each([
    ["continent=Europe", "continent"],
    ["country=France", "country"],
    ["country=ZZ", "country"],
    ["cifre=maybe", "cifre"],
    ["venues=nips", "venues"],
    ["sort=random", "sort"],
    ["kind=startup", "kind"],
    ["limit=abc", "limit"],
    ["limit=0", "limit"],
    ["limit=100000", "limit"],
    ["offset=-5", "offset"],
    ["from=1500", "from"],
    ["to=99999", "to"],
    ["minPapers=lots", "minPapers"],
    ["recruiting=perhaps", "recruiting"],
    ["country='; drop table advisors;--", "country"],
    ["from=2024&to=2020", "from"],
  ])("reports %s as a problem and corrects it", (qs, param) => {
    const { problems } = parse(qs);
    expect(problems.map((p) => p.param)).toContain(param);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
  });

  it("swaps a reversed year range", () =>
    expect(parse("from=2024&to=2020").filters).toMatchObject({ from: 2020, to: 2024 }));
  it("clamps absurd values, saying what was asked and what is allowed", () => {
    const { filters, problems } = parse("limit=100000");
    expect(filters.limit).toBe(200);
    expect(problems.find((p) => p.param === "limit")?.message).toBe(
      "limit must be between 1 and 200, not 100000; the nearest allowed value is 200.",
    );
  });
  it("strips control characters and caps the name query", () => {
    const { filters, problems } = parse(`q=${encodeURIComponent("a\u0000b" + "x".repeat(5000))}`);
    expect(filters.q.length).toBe(200);
    expect(filters.q.startsWith("a b")).toBe(true);
    expect(problems.map((p) => p.param)).toEqual(["q"]);
  });
  it("turns page numbers into offsets", () =>
    expect(parse("page=3&limit=25", { pageParam: true }).filters.offset).toBe(50));
});

describe("filtersToSearch", () => {
  it("round-trips a filter state, leaving defaults out", () => {
    const { filters } = parse("continent=EU&cifre=eligible&venues=icml,colt&from=2020&sort=name");
    const qs = filtersToSearch(filters);
    expect(qs).toBe("?continent=EU&cifre=eligible&venues=icml%2Ccolt&from=2020&sort=name");
    expect(parse(qs.slice(1)).filters).toEqual(filters);
    expect(filtersToSearch(parse("").filters)).toBe("");
  });
});
