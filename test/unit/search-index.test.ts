/**
 * The in-memory search index, pure parts: pg_trgm's trigrams and strict word similarity (the
 * expected values were computed by Postgres 15's pg_trgm), the ASCII normaliser, and a search
 * over a handful of documents: tiers, typo threshold, filters, pages, facets.
 */
import { describe, expect, it } from "vitest";
import type { SearchParams, SearchRow } from "~/lib/search/documents";
import {
  buildSearchIndex,
  isSearchable,
  localTrigrams,
  matchTier,
  normalizeWithExceptions,
  positionalTrigrams,
  type SearchTermRow,
  searchIndex,
  strictWordSimilarity,
  TYPO_TIER,
} from "~/lib/search/memory-index";

function similarity(query: string, text: string): number {
  const ids = new Map<string, number>();
  const id = (t: string) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1);
  const q = new Set(positionalTrigrams(query).trigrams.map(id));
  const { trigrams, bounds } = positionalTrigrams(text);
  const { distinct, positions } = localTrigrams(trigrams.map(id));
  return strictWordSimilarity(
    Uint8Array.from(distinct, (t) => (q.has(t) ? 1 : 0)),
    q.size,
    positions,
    bounds,
  );
}

describe("pg_trgm, ported", () => {
  it("makes the trigrams Postgres makes (show_trgm)", () => {
    expect([...new Set(positionalTrigrams("gael varoquaux").trigrams)].sort()).toEqual(
      ["  g", "  v", " ga", " va", "ael", "aro", "aux", "el ", "gae", "oqu", "qua", "roq", "uau", "ux ", "var"].sort(),
    );
    const { bounds } = positionalTrigrams("ab cd");
    expect(Array.from(bounds)).toEqual([1, 0, 2, 1, 0, 2]);
  });

  it.each([
    ["varoquax", "gael varoquaux", 0.5833333],
    ["yoshua benjio", "yoshua bengio", 0.64705884],
    ["larochel", "romain laroche", 0.7],
    ["word", "two words", 0.5714286],
    ["abc", "abcabc abc", 1],
    ["cong shen", "cong shen", 1],
    ["michael jordon", "michael i jordan", 0.6],
    ["univ mont", "universite de montreal", 0.32],
    ["zzzz", "gael varoquaux", 0],
    ["ab cd", "ab ab cd cd", 1],
  ])("strict_word_similarity(%j, %j) = %d, as in Postgres", (q, text, expected) => {
    expect(similarity(q, text)).toBeCloseTo(expected, 6);
  });
});

describe("normalizeWithExceptions (search_normalize with the database's character table)", () => {
  it("maps other characters with the database's own table, and leaves CJK and emoji to the database", () => {
    const table = new Map([
      ["É", "e"],
      ["é", "e"],
      ["’", " "],
      ["ß", "ss"],
      ["-", " "],
      ["A", "a"],
      ["S", "s"],
      ["\u0301", ""],
    ]);
    expect(normalizeWithExceptions("École d’Été", table)).toBe("ecole d ete");
    expect(normalizeWithExceptions("Straße - A", table)).toBe("strasse a");
    expect(normalizeWithExceptions("e\u0301", table)).toBe("e");
    expect(normalizeWithExceptions("北京", table)).toBeNull();
    expect(normalizeWithExceptions("x 🙂", table)).toBeNull();
    // Σ lower-cases by its place in a word under some collations: the database decides.
    expect(normalizeWithExceptions("ΣΟΦΙΑ", table)).toBeNull();
  });
  it("knows a query of punctuation only asks for everything", () => {
    expect(isSearchable("  ;-- ")).toBe(false);
    expect(isSearchable("x")).toBe(true);
  });
});

/** The names' keys as search_normalize() makes them for plain ASCII names. */
const key = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

describe("searchIndex", () => {
  const doc = (
    type: SearchRow["type"],
    id: number,
    name: string,
    weight: number,
    extra: Partial<SearchRow> = {},
  ): SearchRow => ({
    type,
    id,
    slug: name.toLowerCase().replace(/\W+/g, "-"),
    name,
    position: null,
    institutionName: null,
    institution: null,
    city: null,
    country: "FR",
    continent: "EU",
    cifre: "eligible",
    kind: "academic",
    venues: ["neurips"],
    weight,
    ...extra,
  });
  const docs = [
    doc("advisor", 1, "Anna Martin", 10),
    doc("advisor", 2, "Martin Weber", 30, { country: "DE", cifre: "unknown", venues: ["icml"] }),
    doc("advisor", 3, "Martina Rossi", 5, { country: "IT", venues: ["icml", "colt"] }),
    doc("advisor", 4, "Martin", 1),
    doc("advisor", 5, "Gael Varoquaux", 99),
    doc("lab", 6, "Martin Lab", 3, { kind: "industry", cifre: "offers" }),
    doc("institution", 7, "Universite de Montreal", 40, { country: "CA", continent: "NA", cifre: "unknown" }),
    doc("institution", 8, "Mitsubishi Electric", 90),
    doc("institution", 9, "Massachusetts Institute of Technology (MIT)", 50),
  ];
  // The rows search_terms has: the normalised name from each word on.
  const rows: SearchTermRow[] = docs.flatMap((d) => {
    const words = key(d.name).split(" ");
    return words.map((_, i) => ({ ...d, termPosition: i + 1, term: words.slice(i).join(" ") }));
  });
  const index = buildSearchIndex(rows, "v1");
  const base: SearchParams = {
    q: "",
    type: null,
    continent: null,
    country: null,
    cifre: null,
    kind: null,
    venues: [],
    institution: null,
    limit: 10,
    offset: 0,
  };
  const run = (p: Partial<SearchParams>) => {
    const params = { ...base, ...p };
    return searchIndex(index, params, key(params.q))!;
  };
  const ids = (p: Partial<SearchParams>) => run(p).rows.map((r) => r.id);

  it("ranks the exact name, whole words at the start, whole words later, then word prefixes, per type", () => {
    // "Martin"; "Martin Weber"; "Anna Martin" (a surname, a whole word); "Martina Rossi" (a prefix).
    expect(ids({ q: "martin" })).toEqual([4, 2, 1, 3, 6]);
    expect(run({ q: "martin" }).facets.type).toEqual({ advisor: 4, lab: 1 });
    // A student typing "MIT" means MIT, not the heavier Mitsubishi that merely starts with it.
    expect(ids({ q: "MIT" })).toEqual([9, 8]);
    expect(ids({ q: "mits" })).toEqual([8]);
    // Within a tier, the weight decides: both start with the word "martin".
    expect(ids({ q: "martin", type: "advisor" }).slice(0, 2)).toEqual([4, 2]);
  });
  it("tiers a term by where and how the query ends in it (matchTier)", () => {
    expect(matchTier("martin", "martin", 1)).toBe(0);
    expect(matchTier("martin weber", "martin", 1)).toBe(1);
    expect(matchTier("martin", "martin", 2)).toBe(2);
    expect(matchTier("mit", "mit", 5)).toBe(2);
    expect(matchTier("martin weber", "martin we", 1)).toBe(3);
    expect(matchTier("mitsubishi electric", "mit", 1)).toBe(3);
    expect(matchTier("martina rossi", "martin", 2)).toBe(4);
    expect(TYPO_TIER).toBeGreaterThan(4);
  });

  it("finds typos on whole names above pg_trgm's threshold, below prefixes", () => {
    expect(ids({ q: "varoquax" })).toEqual([5]);
    expect(ids({ q: "montreall" })).toEqual([7]);
    expect(ids({ q: "zzzz" })).toEqual([]);
    // Only when nothing matches as typed: "martina" is Martina Rossi, not also the similar "Martin".
    expect(ids({ q: "martina" })).toEqual([3]);
    expect(ids({ q: "martinq" })).toContain(4);
  });

  it("applies filters to matches and facets, and pages per type", () => {
    expect(ids({ q: "martin", country: "FR" })).toEqual([4, 1, 6]);
    expect(run({ q: "martin", country: "FR" }).facets.country).toEqual({ FR: 3 });
    expect(ids({ q: "martin", venues: ["colt"] })).toEqual([3]);
    expect(ids({ q: "martin", type: "lab" })).toEqual([6]);
    expect(ids({ q: "martin", limit: 2, offset: 1 })).toEqual([2, 1]);
    expect(run({ q: "", kind: "industry" }).facets).toMatchObject({
      type: { lab: 1 },
      kind: { industry: 1 },
      cifre: { offers: 1 },
    });
  });

  it("gives the same answers after a million searches' worth of working marks (no Int32 overflow)", () => {
    const before = [run({ q: "martin" }), run({ q: "varoquax" })];
    index.scratch.stamp = 2 ** 30 + 5;
    expect([run({ q: "martin" }), run({ q: "varoquax" })]).toEqual(before);
    expect(index.scratch.stamp).toBeLessThan(1000);
  });

  it("leaves typo searches in text beyond ASCII to the SQL statement (null), not prefix searches", () => {
    expect(searchIndex(index, { ...base, q: "Мосва" }, "мосва")).toBeNull();
    const cyrillic: SearchTermRow = {
      ...rows[0],
      id: 99,
      name: "Москва",
      slug: "moskva",
      termPosition: 1,
      term: "москва",
    };
    const withCyrillic = buildSearchIndex([...rows, cyrillic], "v2");
    expect(searchIndex(withCyrillic, { ...base, q: "моск" }, "моск")!.rows.map((r) => r.id)).toEqual([99]);
    expect(searchIndex(withCyrillic, { ...base, q: "martin" }, "martin")).not.toBeNull();
    expect(searchIndex(withCyrillic, { ...base, q: "varoquax" }, "varoquax")).toBeNull();
  });

  it("browses everything, heaviest first, when the query has nothing to match", () => {
    expect(ids({ q: "", type: "advisor" })).toEqual([5, 2, 1, 3, 4]);
    expect(ids({ q: " -- ", type: "advisor", limit: 2 })).toEqual([5, 2]);
  });
});
