/**
 * The in-memory search index answers exactly what the SQL statement answers, on the real shipped
 * data (PGlite, or TEST_DATABASE_URL's server): same hits in the same order, same pages, same
 * facet counts, for prefixes, typos, accents, filters and hostile text. Also: the search module
 * serves from the index once it is built, and rebuilds it when the data changes.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SearchParams } from "~/lib/search/documents";
import type { SearchIndex } from "~/lib/search/memory-index";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

const base: SearchParams = {
  q: "",
  type: null,
  continent: null,
  country: null,
  cifre: null,
  kind: null,
  venues: [],
  institution: null,
  limit: 5,
  offset: 0,
};

/** A seeded PRNG: every run asks the same queries. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

let loaded:
  Promise<{ index: SearchIndex; names: string[]; keys: string[]; exceptions: Map<string, string> }> | undefined;
function loadAll() {
  loaded ??= (async () => {
    const { query } = await import("~/lib/db.server");
    const { ensureSearchTermsFresh, searchTermRows, normalizationExceptions } =
      await import("~/lib/search/postgres.server");
    const { buildSearchIndex } = await import("~/lib/search/memory-index");
    await ensureSearchTermsFresh();
    const index = buildSearchIndex(await searchTermRows(), "test");
    const rows = await query<{ name: string; search_key: string }>(
      sql`select name, search_key from search_documents order by type, id`,
    );
    return {
      index,
      names: rows.map((r) => r.name),
      keys: rows.map((r) => r.search_key),
      exceptions: await normalizationExceptions(),
    };
  })();
  return loaded;
}

async function compare(index: SearchIndex, p: SearchParams) {
  const { searchPostgres, normalizeInDatabase } = await import("~/lib/search/postgres.server");
  const { searchIndex, isSearchable, normalizeWithExceptions } = await import("~/lib/search/memory-index");
  const t = await normalizeInDatabase(p.q);
  // The JavaScript normaliser agrees with Postgres wherever it answers.
  const mapped = normalizeWithExceptions(p.q, (await loadAll()).exceptions);
  if (mapped !== null) expect(mapped, JSON.stringify(p.q)).toBe(t);
  const fromSql = await searchPostgres(p);
  const fromIndex = searchIndex(index, p, isSearchable(p.q) ? t : "");
  if (fromIndex === null) {
    // Declined only for typo searches in text beyond ASCII, which the SQL statement answers.
    expect(/[^\x00-\x7f]/.test(t), JSON.stringify(p)).toBe(true);
    return fromSql;
  }
  const key = (r: { type: string; id: number }) => `${r.type}-${r.id}`;
  expect(fromIndex.rows.map(key), JSON.stringify(p)).toEqual(fromSql.rows.map(key));
  expect(fromIndex.rows, JSON.stringify(p)).toEqual(fromSql.rows);
  expect(fromIndex.facets, JSON.stringify(p)).toEqual(fromSql.facets);
  return fromSql;
}

function typo(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const kind = Math.floor(r() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1); // drop
  return word.slice(0, i) + "xq"[Math.floor(r() * 2)] + word.slice(i); // insert
}

describe("normalising in JavaScript equals search_normalize()", () => {
  it("for every name in the shipped data (accents, ligatures, apostrophes, dashes)", { timeout: 120_000 }, async () => {
    const { normalizeWithExceptions } = await import("~/lib/search/memory-index");
    const { names, keys, exceptions } = await loadAll();
    expect(exceptions.get("É")).toBe("e");
    expect(exceptions.get("’")).toBe(" ");
    let nonAscii = 0;
    names.forEach((name, i) => {
      if (/[^\x20-\x7e]/.test(name)) nonAscii++;
      const mapped = normalizeWithExceptions(name, exceptions);
      if (mapped !== null) expect(mapped, name).toBe(keys[i]);
    });
    expect(nonAscii).toBeGreaterThan(300);
  });
});

describe("the in-memory index equals the SQL statement", () => {
  it("on 400 queries from real names: prefixes, whole names, typos, later words", { timeout: 240_000 }, async () => {
    const { index, names } = await loadAll();
    const r = rng(7);
    let fuzzy = 0;
    for (let i = 0; i < 400; i++) {
      const name = names[Math.floor(r() * names.length)];
      const words = name.split(" ");
      const pick = r();
      const q =
        pick < 0.3
          ? name.slice(0, 2 + Math.floor(r() * (name.length - 1)))
          : pick < 0.55
            ? words.map((w) => typo(w, r)).join(" ")
            : pick < 0.75
              ? words
                  .slice(1)
                  .join(" ")
                  .slice(0, 3 + Math.floor(r() * 8)) || name
              : pick < 0.9
                ? typo(name, r).slice(0, 4 + Math.floor(r() * 10))
                : name.toUpperCase();
      const res = await compare(index, { ...base, q, limit: 1 + Math.floor(r() * 8) });
      if (
        res.rows.length > 0 &&
        (res.facets.type.advisor ?? 0) + (res.facets.type.lab ?? 0) + (res.facets.type.institution ?? 0) < 10
      )
        fuzzy++;
    }
    expect(fuzzy).toBeGreaterThan(50); // the typo tier was exercised, not only prefixes
  });

  it("with filters, types and pages", { timeout: 120_000 }, async () => {
    const { index } = await loadAll();
    const cases: Partial<SearchParams>[] = [
      { q: "univ", type: "institution", limit: 10, offset: 20 },
      { q: "univ", continent: "EU", limit: 3 },
      { q: "ma", country: "FR", limit: 7 },
      { q: "ma", cifre: "eligible", kind: "academic" },
      { q: "", type: "advisor", limit: 25, offset: 50 },
      { q: "", venues: ["colt", "uai"], limit: 10 },
      { q: "", continent: "OC", type: "lab" },
      { q: "inria", institution: "inria", limit: 20 },
      { q: "mont", type: "institution", limit: 50 },
      { q: "stanford", kind: "academic", venues: ["neurips"] },
      { q: "deepmind", kind: "industry" },
      { q: "varoquax" },
      { q: "yoshua benjio" },
      { q: "Larochel" },
      { q: "michael jordan", limit: 20 },
      { q: "zzzzqqqq" },
    ];
    for (const c of cases) await compare(index, { ...base, ...c });
  });

  it(
    "with accents, punctuation, quotes, backslashes, SQL and filter syntax in the text",
    { timeout: 120_000 },
    async () => {
      const { index } = await loadAll();
      for (const q of [
        "Montréal",
        "Gaël Varoquaux",
        "ÉCOLE polytechnique",
        "Zürich",
        "KØBENHAVN",
        "Łódź",
        "straße",
        "naïve café",
        "o'brien",
        '"quoted"',
        "back\\slash",
        "'; drop table advisors; --",
        "country = FR OR 1=1",
        "a%b_c",
        "(((",
        "  ",
        "—",
        "北京大学",
        "Москва",
        "🙂 smile",
        "x".repeat(200),
        "e\u0301cole",
        "ΣΟΦΙΑ",
        "c++ / c#",
        "a.b-c_d",
        "MIT",
        "İstanbul",
      ]) {
        await compare(index, { ...base, q, limit: 4 });
      }
    },
  );
});

describe("the search module", () => {
  it(
    "answers from the index once built, and rebuilds it when the data version moves",
    { timeout: 120_000 },
    async () => {
      const { search, prepareSearch } = await import("~/lib/search/search.server");
      const { searchState } = await import("~/lib/search/search.server");
      await prepareSearch();
      const before = searchState().index?.version;
      expect(before).toBeDefined();
      const first = await search({ ...base, q: "varoquaux" });
      expect(first.hits[0]?.slug).toBe("gael-varoquaux");

      // A data change (as an approval does): the view is refreshed and a new index is built.
      const { getDb } = await import("~/lib/db.server");
      const { bumpDataVersion } = await import("~/lib/data-version.server");
      const { refreshSearchTerms } = await import("~/lib/search/postgres.server");
      await getDb().execute(sql`update people set name = 'Gaël Varoquaux-Test' where slug = 'gael-varoquaux'`);
      await bumpDataVersion(getDb());
      await refreshSearchTerms();
      const during = await search({ ...base, q: "varoquaux-test" }); // SQL answers while the index builds
      expect(during.hits[0]?.name).toBe("Gaël Varoquaux-Test");
      for (let i = 0; i < 100 && searchState().index?.version === before; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(searchState().index?.version).not.toBe(before);
      const after = await search({ ...base, q: "varoquaux test", limit: 3 });
      expect(after.hits[0]?.name).toBe("Gaël Varoquaux-Test");
    },
  );

  it(
    "answers 500 with a message, and keeps serving, when a search throws on the server's fast path",
    { timeout: 60_000 },
    async () => {
      const http = await import("node:http");
      const { searchApiFastPath } = await import("../../server/http");
      const { prepareSearch } = await import("~/lib/search/search.server");
      const { freePort } = await import("../../scripts/free-port");
      await prepareSearch();
      const { searchState } = await import("~/lib/search/search.server");
      const good = searchState().index!;
      const server = http.createServer((req, res) => {
        if (!searchApiFastPath(req, res)) res.writeHead(404).end();
      });
      const port = await freePort();
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      const errors: string[] = [];
      const original = console.error;
      console.error = (m: string) => errors.push(String(m));
      try {
        searchState().index = { ...good, terms: null } as never; // a broken index: searchIndex throws
        const broken = await fetch(`http://127.0.0.1:${port}/api/search?q=zebra-${Date.now()}`);
        expect(broken.status).toBe(500);
        expect(((await broken.json()) as { error: string }).error).toMatch(/unavailable/);
        expect(errors.join("\n")).toMatch(/GET \/api\/search failed/);
        searchState().index = good;
        const ok = await fetch(`http://127.0.0.1:${port}/api/search?q=varoquaux`);
        expect(ok.status).toBe(200);
        expect((await fetch(`http://127.0.0.1:${port}/api/searching`)).status).toBe(404);
      } finally {
        console.error = original;
        await new Promise((r) => server.close(r));
      }
    },
  );
});
