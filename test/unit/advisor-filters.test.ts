import { describe, expect, it } from "vitest";
import {
  dropVenuesWithoutData,
  filtersToSearch,
  GROUP_SORTS,
  MAX_LIMIT,
  MAX_PAGE_LIMIT,
  parseAdvisorFilters,
} from "~/lib/directory/advisor-filters";

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

  it("offers the lab and institution lists only their own sorts (students and alumni order advisors)", () => {
    expect(parse("sort=students").filters.sort).toBe("students");
    const { filters, problems } = parse("sort=students", { sorts: GROUP_SORTS });
    expect(filters.sort).toBe("score");
    expect(problems).toEqual([
      expect.objectContaining({ param: "sort", message: expect.stringContaining("score, papers, consistency, name.") }),
    ]);
    expect(parse("sort=name", { sorts: GROUP_SORTS }).filters.sort).toBe("name");
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

describe("the list parameters added with issue 11's and 13's review", () => {
  it("coaffiliation is a yes/no parameter: other values are a problem, and it round-trips", () => {
    expect(parseAdvisorFilters(new URLSearchParams("coaffiliation=true")).filters.coAffiliated).toBe(true);
    expect(parseAdvisorFilters(new URLSearchParams("")).filters.coAffiliated).toBe(false);
    const bad = parseAdvisorFilters(new URLSearchParams("coaffiliation=garbage"));
    expect(bad.filters.coAffiliated).toBe(false);
    expect(bad.problems).toEqual([
      { param: "coaffiliation", message: 'coaffiliation must be true or false; "garbage" was ignored.' },
    ]);
    const f = parseAdvisorFilters(new URLSearchParams("coaffiliation=true&country=FR")).filters;
    expect(filtersToSearch(f)).toBe("?country=FR&coaffiliation=true");
  });

  it("an HTML list page shows at most MAX_PAGE_LIMIT rows; the API MAX_LIMIT", () => {
    const page = parseAdvisorFilters(new URLSearchParams("limit=200"), { pageParam: true });
    expect(page.filters.limit).toBe(MAX_PAGE_LIMIT);
    expect(page.problems[0].param).toBe("limit");
    expect(parseAdvisorFilters(new URLSearchParams("limit=200")).filters.limit).toBe(MAX_LIMIT);
  });

  it("venues the data has no paper from are dropped with a problem; with none left, the defaults", () => {
    const withData = ["neurips", "icml", "iclr", "colt", "aistats", "uai"];
    const only = parseAdvisorFilters(new URLSearchParams("venues=jmlr"));
    dropVenuesWithoutData(only, withData, true);
    expect(only.filters.venues).toEqual(["neurips", "icml", "iclr"]);
    expect(only.problems.map((p) => p.message)).toEqual([
      "The data has no JMLR papers (JMLR and TPAMI come from an optional dblp import); the venues counted are NeurIPS, ICML, ICLR.",
    ]);
    const mixed = parseAdvisorFilters(new URLSearchParams("venues=colt,tpami"));
    dropVenuesWithoutData(mixed, withData, true);
    expect(mixed.filters.venues).toEqual(["colt"]);
    const fine = parseAdvisorFilters(new URLSearchParams("venues=jmlr,icml"));
    dropVenuesWithoutData(fine, [...withData, "jmlr"], true);
    expect(fine.filters.venues).toEqual(["jmlr", "icml"]);
    expect(fine.problems).toEqual([]);
    // The defaults, and a database with no paper yet (an import under way), are never a problem.
    const defaults = parseAdvisorFilters(new URLSearchParams(""));
    dropVenuesWithoutData(defaults, ["neurips"], false);
    expect(defaults.problems).toEqual([]);
    expect(defaults.filters.venues).toEqual(["neurips", "icml", "iclr"]);
    const importing = parseAdvisorFilters(new URLSearchParams("venues=jmlr"));
    dropVenuesWithoutData(importing, [], true);
    expect(importing.problems).toEqual([]);
  });
});
