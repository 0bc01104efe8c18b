import { describe, expect, it } from "vitest";
import {
  buildMeiliFilter,
  cleanFacets,
  documentId,
  MEILI_SETTINGS,
  nameVariantQuery,
  parseDocumentId,
  parseSearchParams,
  quoteFilterValue,
  type SearchFacets,
  type SearchHit,
  type SearchRow,
  searchToQueryString,
  settingsUpdate,
  toSearchDocument,
  toSearchHit,
  variantApplies,
  withVariantHits,
} from "~/lib/search/documents";
import { orderHitTypes, searchHitHref } from "~/lib/search/links";

const advisor: SearchRow = {
  type: "advisor",
  id: 8773,
  slug: "gael-varoquaux",
  name: "Gaël Varoquaux",
  position: "Full Professor",
  institutionName: "INRIA",
  institution: "inria-fr",
  city: null,
  country: "FR",
  continent: "EU",
  cifre: "eligible",
  kind: "academic",
  venues: ["neurips", "icml", "aistats"],
  weight: 6,
};

/** Reads a filter value back the way Meilisearch's grammar does: a quoted string with \-escapes. */
function readQuoted(s: string): { value: string; rest: string } {
  expect(s[0]).toBe('"');
  let value = "";
  for (let i = 1; i < s.length; i++) {
    if (s[i] === "\\") value += s[++i];
    else if (s[i] === '"') return { value, rest: s.slice(i + 1) };
    else value += s[i];
  }
  throw new Error("unterminated string");
}

describe("document mapping", () => {
  it("builds one document per row, with the facets and a subtitle", () => {
    expect(toSearchDocument(advisor)).toEqual({
      id: "advisor-8773",
      type: "advisor",
      slug: "gael-varoquaux",
      name: "Gaël Varoquaux",
      subtitle: "Full Professor · INRIA · France",
      continent: "EU",
      country: "FR",
      cifre: "eligible",
      kind: "academic",
      venues: ["aistats", "icml", "neurips"],
      institution: "inria-fr",
      weight: 6,
    });
  });

  it("describes labs and institutions by what identifies them", () => {
    const lab: SearchRow = {
      ...advisor,
      type: "lab",
      id: 10,
      slug: "fair-paris",
      name: "Facebook AI Research (Paris)",
      position: null,
      institutionName: "Facebook",
      institution: null,
      city: "Paris",
      kind: "industry",
      cifre: "offers",
      weight: 0,
      venues: [],
    };
    expect(toSearchHit(lab)).toEqual({
      type: "lab",
      slug: "fair-paris",
      name: "Facebook AI Research (Paris)",
      subtitle: "Industry lab · Facebook · Paris · France",
    });
    const inst: SearchRow = {
      ...advisor,
      type: "institution",
      id: 24,
      slug: "universite-de-montreal",
      name: "Université de Montréal",
      position: null,
      institutionName: null,
      country: "CA",
      continent: "NA",
      weight: 1,
    };
    expect(toSearchHit(inst).subtitle).toBe("Canada · 1 advisor");
    // Positions the sources join with "+" read as on the advisor page.
    expect(
      toSearchHit({ ...advisor, position: "Associate Professor+Assistant Professor+Assistant Professor" }).subtitle,
    ).toBe("Associate Professor · Assistant Professor · INRIA · France");
    expect(toSearchHit({ ...inst, weight: 23, country: null }).subtitle).toBe("23 advisors");
  });

  it("gives document ids that read back, and rejects anything else", () => {
    expect(parseDocumentId(documentId("lab", 17))).toEqual({ type: "lab", id: 17 });
    for (const bad of ["advisor-", "person-1", "advisor-1 OR 1=1", "lab-1-2", "", "institution-12345678901"])
      expect(parseDocumentId(bad), bad).toBeNull();
  });

  it("links hits to their pages", () => {
    expect(searchHitHref({ type: "advisor", slug: "gael-varoquaux" })).toBe("/advisors/gael-varoquaux");
    expect(searchHitHref({ type: "lab", slug: "mila" })).toBe("/labs/mila");
    expect(searchHitHref({ type: "institution", slug: "inria-fr" })).toBe("/institutions/inria-fr");
  });

  it("shows first the group whose best hit the query names, else advisors, labs, institutions", () => {
    const hit = (type: "advisor" | "lab" | "institution", name: string) => ({ type, name });
    const mit = [
      hit("advisor", "Mitsuo Kawato"),
      hit("lab", "MIT Computer Science and Artificial Intelligence Laboratory (CSAIL)"),
      hit("institution", "Massachusetts Institute of Technology (MIT)"),
    ];
    // Whole words in both the lab and the institution: they keep their order, before the advisor.
    expect(orderHitTypes(mit, "MIT")).toEqual(["lab", "institution", "advisor"]);
    // The whole name first; accents and case do not matter.
    expect(
      orderHitTypes(
        [hit("advisor", "Montréal Smith"), hit("institution", "Université de Montréal")],
        "universite de montreal",
      ),
    ).toEqual(["institution", "advisor", "lab"]);
    // Nothing named as whole words: the usual order.
    expect(orderHitTypes([hit("advisor", "Montserrat Ruiz"), hit("lab", "Montreal Lab")], "mont")).toEqual([
      "advisor",
      "lab",
      "institution",
    ]);
    expect(orderHitTypes([], "mit")).toEqual(["advisor", "lab", "institution"]);
  });
});

describe("Meilisearch filters", () => {
  it("quotes every value so that quotes and backslashes cannot end the string", () => {
    for (const v of ['FR" OR type = "lab', "a\\", '\\"', 'x\\" OR country EXISTS OR "', "plain", ""]) {
      const quoted = quoteFilterValue(v);
      const { value, rest } = readQuoted(quoted);
      expect(value, v).toBe(v);
      expect(rest, v).toBe("");
    }
    expect(quoteFilterValue('FR" OR type = "lab')).toBe('"FR\\" OR type = \\"lab"');
  });

  it("ANDs one clause per filter, venues as IN", () => {
    const filter = buildMeiliFilter(
      {
        continent: "EU",
        country: "FR",
        cifre: "offers",
        kind: "industry",
        venues: ["neurips", "icml"],
        institution: "inria-fr",
      },
      "lab",
    );
    expect(filter).toEqual([
      'type = "lab"',
      'continent = "EU"',
      'country = "FR"',
      'cifre = "offers"',
      'kind = "industry"',
      'venues IN ["neurips", "icml"]',
      'institution = "inria-fr"',
    ]);
    expect(
      buildMeiliFilter(
        { continent: null, country: null, cifre: null, kind: null, venues: [], institution: null },
        null,
      ),
    ).toEqual([]);
  });

  it("keeps a hostile value inside its clause", () => {
    const [clause] = buildMeiliFilter(
      { continent: null, country: 'FR" OR type = "lab', cifre: null, kind: null, venues: [], institution: null },
      null,
    );
    const { value, rest } = readQuoted(clause.slice("country = ".length));
    expect(value).toBe('FR" OR type = "lab');
    expect(rest).toBe("");
  });
});

describe("index settings", () => {
  const server = {
    ...MEILI_SETTINGS,
    // The server reports every setting, with defaults filled in, and sets in its own order.
    filterableAttributes: [...MEILI_SETTINGS.filterableAttributes].reverse(),
    displayedAttributes: [...MEILI_SETTINGS.displayedAttributes].reverse(),
    typoTolerance: {
      ...MEILI_SETTINGS.typoTolerance,
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: false,
    },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "alpha" } },
    stopWords: [],
    synonyms: {},
    distinctAttribute: null,
  };

  it("sends nothing when the server already has our settings", () => {
    expect(settingsUpdate(server)).toBeNull();
  });

  it("sends only the settings that differ", () => {
    expect(settingsUpdate({ ...server, rankingRules: [...MEILI_SETTINGS.rankingRules].reverse() })).toEqual({
      rankingRules: MEILI_SETTINGS.rankingRules,
    });
    expect(settingsUpdate({ ...server, filterableAttributes: ["type"] })).toEqual({
      filterableAttributes: MEILI_SETTINGS.filterableAttributes,
    });
    expect(
      settingsUpdate({ ...server, typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } }),
    ).toEqual({
      typoTolerance: MEILI_SETTINGS.typoTolerance,
    });
    expect(Object.keys(settingsUpdate({}) ?? {}).sort()).toEqual(Object.keys(MEILI_SETTINGS).sort());
  });
});

describe("search parameters", () => {
  const parse = (qs: string, o?: Parameters<typeof parseSearchParams>[1]) =>
    parseSearchParams(new URLSearchParams(qs), o);

  it("reads a full search", () => {
    const { params, problems } = parse(
      "q=%20Gaël%20&type=Advisor&continent=eu&country=fr&cifre=eligible&kind=academic&venue=neurips,icml&venue=uai&institution=inria-fr&limit=7",
    );
    expect(problems).toEqual([]);
    expect(params).toEqual({
      q: "Gaël",
      type: "advisor",
      continent: "EU",
      country: "FR",
      cifre: "eligible",
      kind: "academic",
      venues: ["neurips", "icml", "uai"],
      institution: "inria-fr",
      limit: 7,
      offset: 0,
    });
    expect(searchToQueryString({ ...params, page: 2 }, { defaultLimit: 7 })).toBe(
      "?q=Ga%C3%ABl&type=advisor&continent=EU&country=FR&cifre=eligible&kind=academic&venue=neurips&venue=icml&venue=uai&institution=inria-fr&page=2",
    );
  });

  it("reports every bad value and keeps it out of the search", () => {
    const hostile = [
      ["type=person", "type"],
      ["continent=Europe", "continent"],
      ["country=FR%22%20OR%20type%20%3D%20%22lab", "country"],
      ["country=FR'%20OR%20'1'='1", "country"],
      ["cifre=offers%20OR%201=1", "cifre"],
      ["kind=academic%22", "kind"],
      ["venue=neurips%22%5D%20OR%20type%20EXISTS", "venue"],
      ["institution=inria-fr%22%20OR%20institution%20EXISTS", "institution"],
      ["institution=..%2Fetc", "institution"],
      ["limit=0", "limit"],
      ["limit=51", "limit"],
      ["limit=abc", "limit"],
      ["limit=1e3", "limit"],
    ] as const;
    for (const [qs, param] of hostile) {
      const { params, problems } = parse(qs);
      expect(
        problems.map((p) => p.param),
        qs,
      ).toEqual([param]);
      expect(params.country === null || params.country === "FR", qs).toBe(true);
      expect(JSON.stringify(params), qs).not.toMatch(/OR|EXISTS|\.\./);
    }
  });

  it("shortens a 10 kB query and says so; strips control characters", () => {
    const { params, problems } = parse(`q=${"a".repeat(10_000)}`);
    expect(params.q).toHaveLength(200);
    expect(problems[0].param).toBe("q");
    expect(parse("q=a%00b%1Fc").params.q).toBe("a b c");
  });

  it("pages only where asked", () => {
    expect(parse("page=3&limit=20", { pageParam: true }).params.offset).toBe(40);
    expect(parse("page=3&limit=20").params.offset).toBe(0);
  });
});

describe("facets", () => {
  it("drops zero counts and unknown facets, so both backends answer alike", () => {
    expect(cleanFacets({ country: { FR: 2, DE: 0 }, type: { advisor: 1 }, bogus: { x: 1 } } as never)).toEqual({
      type: { advisor: 1 },
      continent: {},
      country: { FR: 2 },
      cifre: {},
      kind: {},
      venues: {},
    });
  });
});

describe("a name query's other spelling (issue 12: middle names and transliterations)", () => {
  it("drops middle words of three or more, and folds written-out umlauts in long words", () => {
    expect(nameVariantQuery("Neil D. Lawrence")).toEqual({ q: "Neil Lawrence", folded: false });
    expect(nameVariantQuery("Andrew Gordon Wilson")).toEqual({ q: "Andrew Wilson", folded: false });
    expect(nameVariantQuery("Bernhard Schoelkopf")).toEqual({ q: "Bernhard Scholkopf", folded: true });
    expect(nameVariantQuery("Schoelkopf")).toEqual({ q: "Scholkopf", folded: true });
    expect(nameVariantQuery("  Joel   Tropp ")).toBeNull(); // short words are not folded
    expect(nameVariantQuery("Yoshua Bengio")).toBeNull();
    expect(nameVariantQuery("")).toBeNull();
  });
  it("searches a name written 'Last, First' in the usual order", () => {
    expect(nameVariantQuery("Varoquaux, Gaël")).toEqual({ q: "Gaël Varoquaux", folded: false });
    expect(nameVariantQuery("Lawrence, Neil D.")).toEqual({ q: "Neil Lawrence", folded: false });
    expect(nameVariantQuery("Berkeley,")).toBeNull();
  });

  const hit = (type: "advisor" | "lab" | "institution", slug: string, name = slug) => ({
    type,
    slug,
    name,
    subtitle: "",
  });
  const facets = (advisor: number, lab = 0) =>
    ({ type: { advisor, lab }, continent: {}, country: {}, cifre: {}, kind: {}, venues: {} }) as SearchFacets;

  it("adds the variant's hits after the query's own, once, within the limit per type, counted", () => {
    const main = { backend: "postgres", hits: [hit("advisor", "a"), hit("lab", "l")], facets: facets(1, 1) };
    const dropped = { q: "x y", folded: false };
    const merged = withVariantHits(
      main,
      dropped,
      { hits: [hit("advisor", "a"), hit("advisor", "b"), hit("advisor", "c")], facets: facets(3) },
      2,
    );
    expect(merged.hits.map((h) => `${h.type}:${h.slug}`)).toEqual(["advisor:a", "advisor:b", "lab:l"]);
    expect(merged.facets.type).toEqual({ advisor: 2, lab: 1 });
  });

  it("a query that matched nothing takes the variant's whole answer, pages included", () => {
    const empty = { backend: "postgres", hits: [] as SearchHit[], facets: facets(0) };
    const v = { q: "Neil Lawrence", folded: false };
    expect(variantApplies(v, empty, 20)).toBe(true);
    expect(variantApplies(v, { facets: facets(1) }, 20)).toBe(false);
    const answer = withVariantHits(empty, v, { hits: [hit("advisor", "b")], facets: facets(7) }, 5);
    expect(answer.hits.map((h) => h.slug)).toEqual(["b"]);
    expect(answer.facets.type.advisor).toBe(7);
  });

  it("a folded spelling only adds names written with an umlaut ('Michael' does not find 'Michal')", () => {
    const empty = { backend: "postgres", hits: [] as SearchHit[], facets: facets(0) };
    const v = { q: "Scholkopf", folded: true };
    expect(variantApplies(v, empty, 20)).toBe(false);
    const answer = withVariantHits(
      empty,
      v,
      { hits: [hit("advisor", "s", "Bernhard Schölkopf"), hit("advisor", "m", "Michal Scholkopf")], facets: facets(2) },
      5,
    );
    expect(answer.hits.map((h) => h.slug)).toEqual(["s"]);
    expect(answer.facets.type.advisor).toBe(1);
  });
});
