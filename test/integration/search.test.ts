/**
 * The Postgres search backend on the real shipped data (PGlite, or TEST_DATABASE_URL's server):
 * accents, typos, prefixes, ranking, facet counts against direct SQL, and hostile input.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loader as apiLoader } from "~/routes/api.search";
import { loader as pageLoader } from "~/routes/search";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

type Hit = { type: string; slug: string; name: string; subtitle: string };
type Body = { backend: string; hits: Hit[]; facets: Record<string, Record<string, number>>; error?: string };

async function api(qs: string): Promise<{ status: number; body: Body }> {
  const res = (await apiLoader({
    request: new Request(`http://test/api/search?${qs}`),
    params: {},
    context: {},
  })) as Response;
  return { status: res.status, body: (await res.json()) as Body };
}

const q = (text: string, extra = "") => api(`q=${encodeURIComponent(text)}${extra}`);
const names = (b: Body, type?: string) => b.hits.filter((h) => !type || h.type === type).map((h) => h.name);

async function sqlRows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const { query: run } = await import("~/lib/db.server");
  return run<T>(query);
}

describe("GET /api/search: the contract", () => {
  it("answers { backend, hits: [{ type, slug, name, subtitle }], facets }", async () => {
    const { status, body } = await q("varoquaux");
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["backend", "facets", "hits"]);
    expect(body.backend).toBe("postgres");
    expect(body.hits.length).toBeGreaterThan(0);
    for (const h of body.hits) expect(Object.keys(h).sort()).toEqual(["name", "slug", "subtitle", "type"]);
    expect(Object.keys(body.facets).sort()).toEqual(["cifre", "continent", "country", "kind", "type", "venues"]);
  });

  it("groups hits advisor, lab, institution, at most `limit` of each", async () => {
    const { body } = await q("univ", "&limit=3");
    const types = body.hits.map((h) => h.type);
    expect(types).toEqual(
      [...types].sort(
        (a, b) => ["advisor", "lab", "institution"].indexOf(a) - ["advisor", "lab", "institution"].indexOf(b),
      ),
    );
    for (const t of ["advisor", "lab", "institution"])
      expect(types.filter((x) => x === t).length).toBeLessThanOrEqual(3);
    expect(types.filter((x) => x === "institution")).toHaveLength(3);
    const only = await q("univ", "&type=lab&limit=50");
    expect(only.body.hits.every((h) => h.type === "lab")).toBe(true);
    expect(only.body.hits.length).toBe(only.body.facets.type.lab);
  });
});

describe("matching and ranking", () => {
  it("ignores accents both ways: montreal finds Montréal, an added accent still finds the plain name", async () => {
    const plain = await q("montreal", "&type=institution&limit=50");
    expect(names(plain.body)).toContain("Université de Montréal");
    const accented = await q("Montréal", "&type=institution&limit=50");
    expect(names(accented.body)).toEqual(names(plain.body));
    expect(accented.body.facets).toEqual(plain.body.facets);
    // The other way: a name printed without accents, searched with them.
    const [{ name }] = await sqlRows<{ name: string }>(sql`
      select name from search_documents where type = 'institution' and name ~ '^[A-Za-z ]+$' and name ~ 'e' order by weight desc, name limit 1`);
    const withAccents = name.replace(/e/g, "é");
    expect(names((await q(withAccents, "&type=institution&limit=50")).body), withAccents).toContain(name);
  });

  it("finds a university by the acronym students type (its name as ROR gives it, with the acronym)", async () => {
    for (const [acronym, name] of [
      ["MIT", "Massachusetts Institute of Technology (MIT)"],
      ["CMU", "Carnegie Mellon University (CMU)"],
      ["UIUC", "University of Illinois Urbana-Champaign (UIUC)"],
    ])
      // First, before the names that merely start with it (Mitsubishi Electric for "MIT").
      expect(names((await q(acronym, "&type=institution&limit=5")).body)[0], acronym).toBe(name);
  });

  it("finds Varoquaux however the name is written", async () => {
    for (const text of [
      "Varoquaux",
      "varoquaux",
      "Gaël Varoquaux",
      "GAEL VAROQUAUX",
      "varoquaux gaël",
      "  gael   varoquaux ",
      "Gael Var",
    ]) {
      const { body } = await q(text);
      expect(body.hits[0]?.slug, text).toBe("gael-varoquaux");
    }
  });

  it("tolerates typos", async () => {
    expect((await q("varoquax")).body.hits[0]?.slug).toBe("gael-varoquaux");
    expect((await q("yoshua benjio")).body.hits[0]?.slug).toBe("yoshua-bengio");
    // An institution name with one letter left out of its longest word.
    const [{ name }] = await sqlRows<{ name: string }>(sql`
      select name from search_documents where type = 'institution' and name ~ '^[A-Za-z ]+$' and length(name) > 15 order by weight desc, name limit 1`);
    const longest = name.split(" ").sort((a, b) => b.length - a.length)[0];
    const misspelt = name.replace(longest, longest.slice(0, 3) + longest.slice(4));
    expect(names((await q(misspelt, "&type=institution")).body), misspelt).toContain(name);
    // The example: "Larochel" finds Larochelle (as typed: a prefix), and so do misspellings.
    expect(names((await q("Larochel")).body, "advisor")[0]).toBe("Hugo Larochelle");
    expect(names((await q("larochele")).body, "advisor")).toContain("Hugo Larochelle");
    expect(names((await q("hugo larochele")).body, "advisor")[0]).toBe("Hugo Larochelle");
  });

  it("matches a prefix of the name or of any word in it", async () => {
    expect(names((await q("sugiy")).body, "advisor")).toContain("Masashi Sugiyama");
    expect(names((await q("masashi sug")).body, "advisor")[0]).toBe("Masashi Sugiyama");
    expect(names((await q("gretto")).body, "advisor")).toContain("Arthur Gretton");
  });

  it("ranks the exact name first, then whole words, then a prefix of the name, then of a later word", async () => {
    // A name that is also the beginning of other names ("X" and "X, Somewhere").
    const [{ name }] = await sqlRows<{ name: string }>(sql`
      select a.name from search_documents a join search_documents b on b.type = a.type and b.id <> a.id and b.search_key like a.search_key || ' %'
      where a.type = 'institution' and length(a.search_key) > 6 order by a.weight desc, a.name limit 1`);
    const exact = await q(name.toLowerCase(), "&type=institution&limit=10");
    expect(exact.body.hits.length).toBeGreaterThan(1);
    expect(exact.body.hits[0].name).toBe(name);
    const mit = await q("mit", "&type=lab");
    expect(mit.body.hits[0].name).toBe("MIT");
    const mont = await q("mont", "&type=institution&limit=50");
    const firstInner = mont.body.hits.findIndex((h) => !/^mont/i.test(h.name));
    const lastPrefix = mont.body.hits.map((h) => /^mont/i.test(h.name)).lastIndexOf(true);
    expect(firstInner).toBeGreaterThan(0);
    expect(lastPrefix).toBeLessThan(firstInner);
  });

  it("treats an empty query as browsing (most published first) and pages", async () => {
    const { status, body } = await api("type=advisor&limit=5");
    expect(status).toBe(200);
    expect(body.hits).toHaveLength(5);
    const [{ n }] = await sqlRows<{ n: number }>(sql`select count(*)::int as n from advisors`);
    expect(body.facets.type.advisor).toBe(n);
  });
});

describe("facet counts equal a direct SQL count", () => {
  it("for institutions whose name has a word starting with 'univ'", async () => {
    const { body } = await q("univ", "&type=institution");
    const rows = await sqlRows<{ country: string | null; continent: string | null; n: number }>(sql`
      select i.country, i.continent, count(*)::int as n from institutions i
      where (' ' || regexp_replace(lower(immutable_unaccent(i.name)), '[[:space:][:punct:]]+', ' ', 'g')) like '% univ%'
        and (exists (select 1 from advisors a where coalesce(a.corrected_institution_id, a.institution_id) = i.id)
             or exists (select 1 from labs l where l.institution_id = i.id))
      group by 1, 2`);
    const total = rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBeGreaterThan(100);
    expect(body.facets.type).toEqual({ institution: total });
    const byCountry: Record<string, number> = {};
    const byContinent: Record<string, number> = {};
    for (const r of rows) {
      if (r.country) byCountry[r.country] = (byCountry[r.country] ?? 0) + r.n;
      if (r.continent) byContinent[r.continent] = (byContinent[r.continent] ?? 0) + r.n;
    }
    expect(body.facets.country).toEqual(byCountry);
    expect(body.facets.continent).toEqual(byContinent);
  });

  it("for advisors named Martin: countries, kinds and venues", async () => {
    const { body } = await q("martin", "&type=advisor");
    const people = sql`select a.person_id, i.country, i.kind from advisors a join people p on p.id = a.person_id
      left join institutions i on i.id = coalesce(a.corrected_institution_id, a.institution_id)
      where (' ' || regexp_replace(lower(immutable_unaccent(p.name)), '[[:space:][:punct:]]+', ' ', 'g')) like '% martin%'`;
    const byCountry = await sqlRows<{ k: string; n: number }>(
      sql`select country as k, count(*)::int as n from (${people}) x where country is not null group by 1`,
    );
    const byKind = await sqlRows<{ k: string; n: number }>(
      sql`select kind as k, count(*)::int as n from (${people}) x where kind is not null group by 1`,
    );
    const byVenue = await sqlRows<{ k: string; n: number }>(sql`
      select v.venue_id as k, count(distinct x.person_id)::int as n from (${people}) x
      join advisor_venue_years v on v.person_id = x.person_id and v.papers > 0 group by 1`);
    const [{ n }] = await sqlRows<{ n: number }>(sql`select count(*)::int as n from (${people}) x`);
    const asRecord = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
    expect(n).toBeGreaterThan(20);
    expect(body.facets.type).toEqual({ advisor: n });
    expect(body.facets.country).toEqual(asRecord(byCountry));
    expect(body.facets.kind).toEqual(asRecord(byKind));
    expect(body.facets.venues).toEqual(asRecord(byVenue));
  });

  it("a facet value narrows to exactly its count, and never widens", async () => {
    const all = await q("univ");
    const total = Object.values(all.body.facets.type).reduce((a, b) => a + b, 0);
    const fr = await q("univ", "&country=FR");
    const frTotal = Object.values(fr.body.facets.type).reduce((a, b) => a + b, 0);
    expect(frTotal).toBe(all.body.facets.country.FR);
    expect(frTotal).toBeLessThan(total);
    expect(fr.body.facets.country).toEqual({ FR: frTotal });
    const institutions = await q("univ", "&type=institution");
    const neurips = await q("univ", "&venue=neurips&type=institution");
    expect(neurips.body.facets.type.institution).toBe(institutions.body.facets.venues.neurips);
    expect(neurips.body.facets.type.institution).toBeLessThan(institutions.body.facets.type.institution);
    const cifre = await q("univ", "&cifre=eligible");
    expect(Object.values(cifre.body.facets.type).reduce((a, b) => a + b, 0)).toBe(all.body.facets.cifre.eligible);
  });

  it("lists the advisors of an institution (where institution hits lead)", async () => {
    // Inria: one institution per real organisation (the ROR-based resolver: ror.org/02kvxyf05), whatever its slug.
    const [{ slug, n }] = await sqlRows<{ slug: string; n: number }>(sql`
      select i.slug, count(*)::int as n from advisors a join institutions i on i.id = coalesce(a.corrected_institution_id, a.institution_id)
      where i.key = 'ror:02kvxyf05' group by i.slug order by n desc limit 1`);
    const { body } = await api(`type=advisor&institution=${slug}&limit=50`);
    expect(n).toBeGreaterThan(5);
    expect(body.facets.type).toEqual({ advisor: n });
    expect(body.hits.map((h) => h.slug)).toContain("gael-varoquaux");
  });
});

describe("hostile input: results or a 400, never a 500, never a wider result", () => {
  it("takes quotes, backslashes, SQL and filter syntax in q as text", async () => {
    const [{ n: before }] = await sqlRows<{ n: number }>(sql`select count(*)::int as n from people`);
    for (const text of [
      "'; drop table people; --",
      '" OR 1=1 --',
      "\\",
      "\\\\'\\\"",
      "%",
      "_",
      "%varoquaux%",
      "a%b_c",
      'varoquaux" OR type = "lab',
      "country = FR OR type EXISTS",
      "\u0000\u0001",
      "🙂",
      "名",
    ]) {
      const { status, body } = await q(text);
      expect(status, text).toBe(200);
      expect(Array.isArray(body.hits), text).toBe(true);
    }
    const [{ n: after }] = await sqlRows<{ n: number }>(sql`select count(*)::int as n from people`);
    expect(after).toBe(before);
    // LIKE wildcards are not wildcards here.
    expect((await q("a%b_c")).body.hits).toEqual([]);
    expect((await q("%varoquaux%")).body.hits[0]?.slug).toBe("gael-varoquaux");
  });

  it("answers a 10 kB query with a 400 and a message (the page shortens it)", async () => {
    const { status, body } = await q("x".repeat(10_000));
    expect(status).toBe(400);
    expect(body.error).toMatch(/200 characters/);
    const page = await pageLoader({
      request: new Request(`http://test/search?q=${"varoquaux ".repeat(1000)}`),
      params: {},
      context: {},
    });
    expect(page.params.q.length).toBeLessThanOrEqual(200);
    expect(page.problems.map((p) => p.param)).toEqual(["q"]);
  });

  it("offers only the venues its matches published at (no JMLR or TPAMI at 0), and one asked for", async () => {
    const load = async (qs: string) =>
      (await pageLoader({ request: new Request(`http://test/search?${qs}`), params: {}, context: {} })).venues.map(
        (v: { id: string; count: number }) => `${v.id}:${v.count > 0}`,
      );
    const venues = await load("q=paris");
    expect(venues).toEqual(expect.arrayContaining(["neurips:true", "icml:true"]));
    expect(venues.every((v) => v.endsWith(":true"))).toBe(true);
    expect(await load("q=paris&venue=jmlr")).toContain("jmlr:false");
  });

  it("refuses hostile facet values with a 400 that names the parameter", async () => {
    for (const qs of [
      "country=FR%22%20OR%20type%20%3D%20%22lab",
      "country=FR'%20OR%20'1'%3D'1",
      "continent=EU%20OR%201%3D1",
      "cifre=offers'--",
      "kind=academic%22%20OR%20kind%20EXISTS",
      "type=advisor%20OR%20type%3Dlab",
      "venue=neurips%22%5D%20OR%20venues%20EXISTS",
      "institution=inria-fr'%20or%20'1'%3D'1",
      "limit=-1",
      "limit=100000",
    ]) {
      const { status, body } = await api(`q=univ&${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error, qs).toMatch(/\w/);
    }
  });

  it("keeps a bad filter out of the page and shows why", async () => {
    const page = await pageLoader({
      request: new Request("http://test/search?q=univ&country=FR%22%20OR%20type%3D%22lab"),
      params: {},
      context: {},
    });
    expect(page.params.country).toBeNull();
    expect(page.problems.map((p) => p.param)).toEqual(["country"]);
  });
});

describe("freshness: Postgres stays the source of truth", () => {
  it("sees a change once the data version moves", async () => {
    const { getDb } = await import("~/lib/db.server");
    const { bumpDataVersion } = await import("~/lib/import/importer.server");
    expect((await q("zyxwvut")).body.hits).toEqual([]);
    await getDb().execute(sql`update labs set name = 'Zyxwvut Learning Lab', needs_index = true where slug = 'mila'`);
    await bumpDataVersion(getDb());
    await new Promise((r) => setTimeout(r, 1100)); // longer than the data version is cached (DATA_VERSION_TTL_MS)
    const { body } = await q("zyxwvut");
    expect(body.hits.map((h) => h.slug)).toEqual(["mila"]);
  });
});
