import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "~/lib/db.server";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { ensureSearchTermsFresh } from "~/lib/search/postgres.server";
import { loader as advisorsLoader } from "~/routes/api.advisors";
import { loader as instsLoader } from "~/routes/api.institutions";
import { loader as instLoader } from "~/routes/api.institutions.$slug";
import { loader as instCsvLoader } from "~/routes/api.institutions[.csv]";
import { loader as labsLoader } from "~/routes/api.labs";
import { loader as labLoader } from "~/routes/api.labs.$slug";
import { loader as instPageLoader } from "~/routes/institutions.$slug";
import { loader as labPageLoader } from "~/routes/labs.$slug";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

// Loading the advisor index once takes seconds on PGlite (tens on a busy machine): not part of any test's time.
beforeAll(async () => {
  await advisorIndex();
}, 300_000);

type Loader = typeof labsLoader;
async function get(loader: Loader, url: string, params: Record<string, string> = {}) {
  const res = (await loader({ request: new Request(`http://test${url}`), params, context: {} })) as Response;
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON or CSV, asserted field by field
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* csv */
  }
  return { status: res.status, body, type: res.headers.get("Content-Type") };
}

describe("labs from the data", () => {
  it("Mila lists Yoshua Bengio and at least 15 advisors, each with the papers that print Mila", async () => {
    const { status, body } = await get(labLoader, "/api/labs/mila", { slug: "mila" });
    expect(status).toBe(200);
    expect(body.advisors.length).toBeGreaterThanOrEqual(15);
    const bengio = body.advisors.find((a: { name: string }) => a.name === "Yoshua Bengio");
    expect(bengio).toBeTruthy();
    expect(bengio.evidence.length).toBeGreaterThan(0);
    // The evidence is a real paper of his whose printed affiliation names Mila.
    const [row] = await query<{ n: number }>(sql`
      select count(*)::int as n from authorships au join papers p on p.id = au.paper_id join people pe on pe.id = au.person_id
      where pe.slug = ${bengio.slug} and p.url = ${bengio.evidence[0].url} and p.year = ${bengio.evidence[0].year}
        and (au.affiliation ~* '\\m(mila|quebec ai institute)\\M' or au.institution_text ~* '\\m(mila|qu[eé]bec ai institute)\\M' or au.domain like '%mila.quebec%')`);
    expect(row.n).toBeGreaterThan(0);
    expect(Object.keys(body).sort()).toEqual(
      [
        "advisors",
        "cifre",
        "cifreEvidence",
        "city",
        "coAffiliations",
        "continent",
        "country",
        "institution",
        "kind",
        "name",
        "slug",
        "students",
        "alumni",
        "trackRecord",
        "website",
      ].sort(),
    );
    expect(body.trackRecord.length).toBeGreaterThan(0);
  });

  it("links nobody to a lab through a record set aside as a suspected swap (Cevher is not at ISTA)", async () => {
    // Every link's evidence is a record of the advisor's own, never one set aside as a coauthor's.
    const [swapped] = await query<{ n: number }>(sql`
      select count(*)::int as n
      from lab_advisor_links k, jsonb_to_recordset(k.evidence) as e("paperId" int)
      join advisor_ignored_records x on x.paper_id = e."paperId"
      where x.person_id = k.person_id`);
    expect(swapped.n).toBe(0);
    const { body } = await get(labLoader, "/api/labs/ista", { slug: "ista" });
    expect(body.advisors.map((a: { name: string }) => a.name)).not.toContain("Volkan Cevher");
    expect(body.advisors.map((a: { name: string }) => a.name)).toContain("Dan Alistarh");
  });

  it("links from earlier papers only to a lab of the institution the advisor is at now: Bach's SIERRA, not Sivic's valeo.ai", async () => {
    const names = async (slug: string) =>
      (await get(labLoader, `/api/labs/${slug}`, { slug })).body.advisors as {
        name: string;
        evidence: { url: string; year: number }[];
      }[];
    // "INRIA - Sierra Project-team" up to 2017; "Inria" since, where he is listed beside ENS.
    const bach = (await names("sierra")).find((a) => a.name === "Francis Bach");
    expect(bach, "Francis Bach in SIERRA").toBeDefined();
    expect(Math.max(...bach!.evidence.map((e) => e.year))).toBeLessThanOrEqual(2017);
    expect((await names("bair")).map((a) => a.name)).toEqual(
      expect.arrayContaining(["Pieter Abbeel", "Sergey Levine"]),
    );
    // Valeo printed by Josef Sivic in 2023, two years before his latest: he is listed at CTU Prague.
    expect((await names("valeo-ai")).map((a) => a.name)).not.toContain("Josef Sivic");
  });

  it("lists at least 150 labs, at least 90% with a linked advisor, linked ones first and ranked", async () => {
    const { body } = await get(labsLoader, "/api/labs?limit=200&sort=score");
    expect(body.total).toBeGreaterThanOrEqual(150);
    const all = (await get(labsLoader, `/api/labs?limit=200&sort=score&offset=200`)).body.labs;
    const labs = [...body.labs, ...all];
    const linked = labs.filter((l: { advisors: number }) => l.advisors > 0);
    expect(linked.length / labs.length).toBeGreaterThanOrEqual(0.9);
    const firstUnlinked = labs.findIndex((l: { advisors: number }) => l.advisors === 0);
    if (firstUnlinked >= 0) {
      expect(
        labs
          .slice(firstUnlinked)
          .every((l: { advisors: number; rank: number | null }) => l.advisors === 0 && l.rank === null),
      ).toBe(true);
    }
    expect(linked.map((l: { rank: number }) => l.rank)).toEqual(linked.map((_: unknown, i: number) => i + 1));
  });

  it("finds labs by name and answers 404 and 400", async () => {
    const { body } = await get(labsLoader, "/api/labs?q=vector");
    expect(body.labs.map((l: { slug: string }) => l.slug)).toContain("vector-institute");
    expect((await get(labLoader, "/api/labs/no-such-lab", { slug: "no-such-lab" })).status).toBe(404);
    expect((await get(labsLoader, "/api/labs?country=Frankreich")).status).toBe(400);
    await expect(
      labPageLoader({
        request: new Request("http://test/labs/no-such-lab"),
        params: { slug: "no-such-lab" },
        context: {},
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("finds Criteo's co-affiliations with French academic labs, on both sides", async () => {
    const { body } = await get(labLoader, "/api/labs/criteo-ai-lab", { slug: "criteo-ai-lab" });
    expect(body.coAffiliations.length).toBeGreaterThan(0);
    for (const c of body.coAffiliations) expect(c.authors.length).toBeGreaterThan(0);
    const [row] = await query<{ n: number }>(sql`
      select count(*)::int as n from co_affiliations c join labs l on l.id = any(c.company_lab_ids) where l.slug = 'criteo-ai-lab'
        and c.affiliation ~* 'criteo' and cardinality(c.academic_lab_ids) + cardinality(c.academic_institution_ids) > 0`);
    expect(row.n).toBe(body.coAffiliations.reduce((n: number, c: { authors: string[] }) => n + c.authors.length, 0));
    const filtered = await get(labsLoader, "/api/labs?coaffiliation=true&country=FR&limit=200");
    expect(filtered.body.labs.map((l: { slug: string }) => l.slug)).toContain("criteo-ai-lab");
  });
});

describe("institutions", () => {
  it("ranks institutions with the contract's fields", async () => {
    const { status, body } = await get(instsLoader, "/api/institutions?limit=20");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(1000);
    for (const i of body.institutions)
      expect(Object.keys(i).sort()).toEqual(
        ["advisors", "cifre", "continent", "country", "kind", "name", "papers", "rank", "score", "slug"].sort(),
      );
    expect(body.institutions.map((i: { rank: number }) => i.rank)).toEqual(
      body.institutions.map((_: unknown, n: number) => n + 1),
    );
    const scores = body.institutions.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("places no advisor at an organisation through a company suffix read as an acronym (issue 11)", async () => {
    // ROR's acronym of the CNRS Institut de Chimie is "INC": "Snap Inc." once placed 95 advisors there;
    // a company's legal form is never an acronym, so only a printed "Institut de Chimie" places one there.
    const wrong = await query<{ name: string }>(sql`
      select pe.name from advisors a join people pe on pe.id = a.person_id
        join institutions i on i.id = coalesce(a.corrected_institution_id, a.institution_id)
      where i.slug = 'institut-de-chimie'
        and not exists (select 1 from authorships au where au.person_id = a.person_id
          and (au.affiliation ~* 'institut de chimie' or au.institution_text ~* 'institut de chimie'))`);
    expect(wrong.map((w) => w.name)).toEqual([]);
    const snap = await query<{ slug: string | null }>(sql`
      select i.slug from advisors a join people pe on pe.id = a.person_id
        left join institutions i on i.id = coalesce(a.corrected_institution_id, a.institution_id)
      where exists (select 1 from authorships au where au.person_id = a.person_id and au.affiliation = 'Snap Inc.')
      limit 20`);
    expect(snap.length).toBeGreaterThan(0);
    expect(snap.filter((r) => r.slug === "institut-de-chimie")).toEqual([]);
    const { body } = await get(instsLoader, "/api/institutions?limit=1");
    console.info(`[issue 11] institutions with an advisor: ${body.total}`);
  });

  it("sums its advisors' scores, as the advisor list shows them", async () => {
    const { body } = await get(instsLoader, "/api/institutions?limit=1");
    const top = body.institutions[0];
    const detail = (await get(instLoader, `/api/institutions/${top.slug}`, { slug: top.slug })).body;
    expect(detail.advisors.length).toBe(top.advisors);
    const sum = detail.advisors.reduce((s: number, a: { score: number }) => s + a.score, 0);
    expect(Math.abs(sum - top.score)).toBeLessThan(0.05 * top.advisors + 0.01);
    expect(detail.trackRecord.length).toBeGreaterThan(0);
  });

  it("shows an institute's web page from ROR and a university's from the university list, saying which", async () => {
    const page = async (slug: string) =>
      (
        (await instPageLoader({
          request: new Request(`http://test/institutions/${slug}`),
          params: { slug },
          context: {},
        })) as {
          institution: { website: string | null; websiteSource?: string; placeSource?: string; country: string | null };
        }
      ).institution;
    expect(await page("max-planck-institute-for-intelligent-systems")).toMatchObject({
      website: expect.stringMatching(/is\.mpg\.de/),
      websiteSource: "ROR",
      placeSource: "from ROR",
    });
    expect(await page("tsinghua-university")).toMatchObject({
      website: expect.stringMatching(/tsinghua\.edu\.cn/),
      websiteSource: "university list",
      placeSource: "from the university list",
    });
    // No list holds kumo.ai: placed from its papers (import plan 34), and the page says so.
    expect(await page("kumo-ai")).toMatchObject({
      country: "US",
      placeSource: expect.stringMatching(/no list holds it/),
    });
  });

  it("shows a university under its own name where the list's is not (seed/university-list-corrections.json), at the same address", async () => {
    const eth = await get(instLoader, "/api/institutions/ethz-eth-zurich", { slug: "ethz-eth-zurich" });
    expect(eth.status).toBe(200);
    expect(eth.body).toMatchObject({ slug: "ethz-eth-zurich", name: "ETH Zurich", country: "CH" });
    expect(eth.body.advisors.map((a: { name: string }) => a.name)).toContain("Andreas Krause");
    const cevher = await get(advisorsLoader, "/api/advisors?q=Volkan%20Cevher&limit=1");
    expect(cevher.body.advisors[0]).toMatchObject({
      institution: "École Polytechnique Fédérale de Lausanne (EPFL)",
      country: "CH",
    });
    // Jian Tang (Mila) at HEC Montréal, the list's "École des Hautes Études Commerciales".
    const tang = await get(advisorsLoader, "/api/advisors?q=Jian%20Tang&country=CA&limit=1");
    expect(tang.body.advisors[0]).toMatchObject({ name: "Jian Tang", institution: "HEC Montréal" });
  });

  it("a French university is CIFRE-eligible by rule, and its advisors inherit it", async () => {
    const { body } = await get(instsLoader, "/api/institutions?country=FR&kind=academic&limit=200");
    expect(body.total).toBeGreaterThan(10);
    expect(body.institutions.every((i: { cifre: string }) => i.cifre === "eligible")).toBe(true);
    const page = (await instPageLoader({
      request: new Request(`http://test/institutions/${body.institutions[0].slug}`),
      params: { slug: body.institutions[0].slug },
      context: {},
    })) as {
      cifre: { status: string; basis: string; url: string };
    };
    expect(page.cifre).toMatchObject({
      status: "eligible",
      basis: "rule",
      url: "https://www.anrt.asso.fr/fr/le-dispositif-cifre-7843",
    });
    const advisors = await get(advisorsLoader, "/api/advisors?country=FR&cifre=eligible&limit=5");
    expect(advisors.body.total).toBeGreaterThan(50);
  });

  it("filters by kind, continent, CIFRE and co-affiliation, exports CSV, answers 404 and 400", async () => {
    const eu = await get(instsLoader, "/api/institutions?continent=EU&limit=200");
    expect(eu.body.institutions.every((i: { continent: string }) => i.continent === "EU")).toBe(true);
    const industry = await get(instsLoader, "/api/institutions?kind=industry&limit=50");
    expect(industry.body.total).toBeGreaterThan(0);
    expect(industry.body.institutions.every((i: { kind: string }) => i.kind === "industry")).toBe(true);
    const co = await get(instsLoader, "/api/institutions?coaffiliation=true&limit=200");
    expect(co.body.total).toBeGreaterThan(0);
    const csv = await get(instCsvLoader, "/api/institutions.csv?country=FR");
    expect(csv.type).toMatch(/text\/csv/);
    expect(String(csv.body).split("\n")[0]).toBe("rank,slug,name,kind,country,continent,advisors,papers,score,cifre");
    expect((await get(instLoader, "/api/institutions/nope-nope", { slug: "nope-nope" })).status).toBe(404);
    for (const q of ["kind=club", "cifre=maybe", "limit=0", "venues=nips", "from=abc"])
      expect((await get(instsLoader, `/api/institutions?${q}`)).status, q).toBe(400);
  });
});

describe("search agrees with the directory on CIFRE (db/migrations/0015_search_cifre.sql)", () => {
  it("gives every advisor, lab and institution the status its page gives", async () => {
    await ensureSearchTermsFresh();
    const search = new Map(
      (
        await query<{ type: string; slug: string; cifre: string }>(sql`select type, slug, cifre from search_documents`)
      ).map((r) => [`${r.type}:${r.slug}`, r.cifre]),
    );
    const directory = new Map<string, string>();
    for (const a of (await advisorIndex()).advisors) directory.set(`advisor:${a.slug}`, a.cifre);
    for (let offset = 0; ; offset += 200) {
      const { body } = await get(labsLoader, `/api/labs?limit=200&offset=${offset}`);
      for (const l of body.labs) directory.set(`lab:${l.slug}`, l.cifre);
      if (offset + 200 >= body.total) break;
    }
    for (let offset = 0; ; offset += 200) {
      const { body } = await get(instsLoader, `/api/institutions?limit=200&offset=${offset}`);
      for (const i of body.institutions) directory.set(`institution:${i.slug}`, i.cifre);
      if (offset + 200 >= body.total) break;
    }
    const differ = [...directory]
      .filter(([k, v]) => search.get(k) !== v)
      .map(([k, v]) => `${k}: ${v} vs ${search.get(k)}`);
    expect(differ.slice(0, 10)).toEqual([]);
    // Not a table of "unknown": outside France the status is "no", in France "eligible" at least.
    const counts = (type: string) => {
      const c: Record<string, number> = {};
      for (const [k, v] of search) if (k.startsWith(`${type}:`)) c[v] = (c[v] ?? 0) + 1;
      return c;
    };
    for (const type of ["advisor", "lab", "institution"]) {
      const c = counts(type);
      expect(c.no).toBeGreaterThan(c.unknown ?? 0);
      expect(c.eligible).toBeGreaterThan(0);
    }
  });
});
