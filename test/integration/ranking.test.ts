/**
 * The thread's rule on the real shipped data: filters, sorting, facets, exports, pages and bad input.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { query } from "~/lib/db.server";
import { scoreAdvisor } from "~/lib/scoring";
import { loader as advisorPage } from "~/routes/advisors.$slug";
import { loader as advisorsPage } from "~/routes/advisors._index";
import { loader as apiAdvisors } from "~/routes/api.advisors";
import { loader as apiAdvisorsCsv } from "~/routes/api.advisors[.csv]";
import { loader as apiLabs } from "~/routes/api.labs";
import { loader as comparePage } from "~/routes/compare";
import { loader as labPage } from "~/routes/labs.$slug";
import { loader as labsPage } from "~/routes/labs._index";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

type Advisor = {
  slug: string;
  name: string;
  country: string | null;
  continent: string | null;
  score: number;
  rank: number;
  papers: number;
  consistency: number;
};

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://test${url}`),
  params,
  context: {},
});
async function api(url: string) {
  const res = (await apiAdvisors(args(url))) as Response;
  return { status: res.status, body: (await res.json()) as { total: number; advisors: Advisor[]; error?: string } };
}
async function all(qs: string): Promise<Advisor[]> {
  const out: Advisor[] = [];
  for (let offset = 0; ; offset += 200) {
    const { body } = await api(`/api/advisors?${qs}&limit=200&offset=${offset}`);
    out.push(...body.advisors);
    if (out.length >= body.total) return out;
  }
}

describe("filters on the shipped data", () => {
  it("continent=EU returns only European advisors, as many as the database has", async () => {
    const eu = await all("continent=EU");
    expect(eu.length).toBeGreaterThan(500);
    expect(eu.every((a) => a.continent === "EU")).toBe(true);
    const [{ n }] = await query<{ n: number }>(
      sql`select count(*)::int as n from advisors a join institutions i on i.id = coalesce(a.corrected_institution_id, a.institution_id) where i.continent = 'EU'`,
    );
    expect(eu.length).toBe(n);
  });

  it("country and continent combine", async () => {
    const { body } = await api("/api/advisors?continent=EU&country=CA");
    expect(body.total).toBe(0);
    const fr = await all("country=FR");
    expect(fr.every((a) => a.country === "FR" && a.continent === "EU")).toBe(true);
  });

  it("cifre=eligible gives French advisors; cifre=offers labs all carry evidence", async () => {
    const eligible = await all("cifre=eligible");
    expect(eligible.length).toBeGreaterThan(0);
    // French advisors, and advisors elsewhere who belong to a lab in France (they inherit its status).
    const foreign = eligible.filter((a) => a.country !== "FR").map((a) => a.slug);
    const [inFrenchLab] = await query<{ n: number }>(
      sql`select count(distinct p.slug)::int as n from people p
          join (select lab_id, person_id from lab_members where current union select lab_id, person_id from lab_advisor_links) m on m.person_id = p.id
          join labs l on l.id = m.lab_id left join institutions i on i.id = l.institution_id
          where p.slug in (select jsonb_array_elements_text(${JSON.stringify(foreign)}::jsonb)) and coalesce(l.country, i.country) = 'FR'`,
    );
    expect(inFrenchLab.n).toBe(foreign.length);
    expect(eligible.filter((a) => a.country === "FR").length).toBeGreaterThan(foreign.length);
    const res = (await apiLabs(args("/api/labs?cifre=offers"))) as Response;
    const labs = (await res.json()) as {
      total: number;
      labs: { cifre: string; cifreEvidence: string | null; slug: string }[];
    };
    expect(labs.total).toBeGreaterThan(0);
    for (const l of labs.labs) {
      expect(l.cifre).toBe("offers");
      expect(l.cifreEvidence).toMatch(/^https?:\/\//);
    }
  });

  it("minimum papers and minimum years hold for every result", async () => {
    const list = await all("minPapers=20&minYears=5");
    expect(list.length).toBeGreaterThan(10);
    expect(list.every((a) => a.papers >= 20 && a.consistency >= 5)).toBe(true);
  });

  it("re-ranks with another venue set and window, and the score follows the rule", async () => {
    const core = (await api("/api/advisors?limit=1")).body.advisors[0];
    const colt = (await api("/api/advisors?limit=1&venues=colt&from=2019&to=2024")).body.advisors[0];
    expect(colt.slug).not.toBe(core.slug);
    // Recompute the top COLT advisor's score from the database rows with the pure rule.
    const rows = await query<{
      venue_id: string;
      year: number;
      papers: number;
      credit: number;
      last_author: number;
      highlighted: number;
    }>(
      sql`select v.venue_id, v.year, v.papers, v.credit, v.last_author, v.highlighted from advisor_venue_years v join people p on p.id = v.person_id where p.slug = ${colt.slug}`,
    );
    const b = scoreAdvisor(
      rows.map((r) => ({
        venueId: r.venue_id,
        year: r.year,
        papers: r.papers,
        credit: Number(r.credit),
        lastAuthor: r.last_author,
        highlighted: r.highlighted,
      })),
      { venues: ["colt"], window: { from: 2019, to: 2024 } },
    );
    expect(colt.score).toBe(b.score);
    expect(colt.papers).toBe(b.papers);
  });

  it("sorts by score, papers, consistency and name", async () => {
    const byScore = (await api("/api/advisors?limit=50")).body.advisors;
    expect(byScore.map((a) => a.score)).toEqual([...byScore.map((a) => a.score)].sort((x, y) => y - x));
    expect(byScore[0].rank).toBe(1);
    const byPapers = (await api("/api/advisors?limit=50&sort=papers")).body.advisors;
    expect(byPapers.map((a) => a.papers)).toEqual([...byPapers.map((a) => a.papers)].sort((x, y) => y - x));
    const byYears = (await api("/api/advisors?limit=50&sort=consistency")).body.advisors;
    expect(byYears.map((a) => a.consistency)).toEqual([...byYears.map((a) => a.consistency)].sort((x, y) => y - x));
    const byName = (await api("/api/advisors?limit=50&sort=name")).body.advisors;
    expect(byName.map((a) => a.name)).toEqual([...byName.map((a) => a.name)].sort((x, y) => x.localeCompare(y)));
  });

  it("facet counts equal the totals they lead to", async () => {
    const page = await advisorsPage(args("/advisors?venues=icml"));
    for (const c of page.options.continents.filter((x) => x.count > 0)) {
      const { body } = await api(`/api/advisors?venues=icml&continent=${c.code}&limit=1`);
      expect(body.total, c.code).toBe(c.count);
    }
    for (const cifre of ["eligible", "unknown"]) {
      const { body } = await api(`/api/advisors?venues=icml&cifre=${cifre}&limit=1`);
      expect(body.total).toBe(page.options.cifre[cifre] ?? 0);
    }
  });

  it("exports the same rows as CSV and JSON", async () => {
    const json = (await api("/api/advisors?country=FR&limit=20")).body.advisors;
    const res = (await apiAdvisorsCsv(args("/api/advisors.csv?country=FR&limit=20"))) as Response;
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^rank,slug,name,/);
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(json.map((a) => a.slug));
  });
});

describe("pages and bad input", () => {
  it("corrects huge page numbers, reversed years and unknown values with visible messages", async () => {
    const page = await advisorsPage(args("/advisors?page=999999&from=2025&to=2020&continent=Atlantis&sort=vibes"));
    expect(page.page).toBe(page.pages);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.window).toEqual({ from: 2020, to: 2025 });
    const params = page.problems.map((p) => p.param);
    expect(params).toEqual(expect.arrayContaining(["page", "from", "continent", "sort"]));
  });

  it("never fails on injected strings", async () => {
    for (const bad of ["' or 1=1 --", "<script>alert(1)</script>", "%00", "\\", '"', "🤖".repeat(50)]) {
      const qs = new URLSearchParams({ q: bad, country: bad, venues: bad, from: bad, sort: bad }).toString();
      const page = await advisorsPage(args(`/advisors?${qs}`));
      expect(page.problems.length).toBeGreaterThan(0);
      const { status } = await api(`/api/advisors?${qs}`);
      expect(status).toBe(400);
      const ok = await api(`/api/advisors?q=${encodeURIComponent(bad)}`);
      expect(ok.status).toBe(200);
    }
    const long = await api(`/api/advisors?q=${"x".repeat(10_000)}`);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/200 characters/);
  });

  it("explains an advisor's score with rank and region", async () => {
    const top = (await api("/api/advisors?limit=1&continent=EU")).body.advisors[0];
    const page = await advisorPage(args(`/advisors/${top.slug}`, { slug: top.slug }));
    expect(page.breakdown.score).toBe(top.score);
    expect(page.regionRank).toBe(1);
    expect(page.explanation.join(" ")).toMatch(/1\/number of authors/);
    expect(page.papers.length).toBeGreaterThan(0);
  });

  it("404s unknown advisors and labs", async () => {
    await expect(advisorPage(args("/advisors/nobody-at-all", { slug: "nobody-at-all" }))).rejects.toMatchObject({
      status: 404,
    });
    await expect(labPage(args("/labs/no-such-lab", { slug: "no-such-lab" }))).rejects.toMatchObject({ status: 404 });
  });

  it("lists the thread's labs and the companies that publish", async () => {
    const page = await labsPage(args("/labs?sort=name"));
    const listed = async (offset: number) => {
      const res = (await apiLabs(args(`/api/labs?limit=200&offset=${offset}`))) as Response;
      return (await res.json()) as { labs: { slug: string }[] };
    };
    const slugs = [...(await listed(0)).labs, ...(await listed(200)).labs].map((l) => l.slug);
    expect(slugs).toEqual(expect.arrayContaining(["mila", "fair-paris", "heuritech", "deepmind"]));
    expect(page.companies.length).toBeGreaterThan(5);
    // Google, as a whole or one of its national branches ("Google (United States)").
    expect(page.companies.map((c) => c.name)).toContainEqual(expect.stringMatching(/^Google( \(|$)/));
    const lab = await labPage(args("/labs/fair-paris", { slug: "fair-paris" }));
    expect(lab.lab.cifre).toBe("offers");
    expect(lab.lab.claims.length).toBeGreaterThan(0);
  });

  it("compares advisors side by side and reports unknown ones", async () => {
    const top = (await api("/api/advisors?limit=2")).body.advisors;
    const page = await comparePage(args(`/compare?advisors=${top[0].slug},${top[1].slug},ghost-person`));
    expect(page.advisors.map((a) => a.slug)).toEqual([top[0].slug, top[1].slug]);
    expect(page.problems[0].message).toMatch(/ghost-person/);
  });

  it("compares student loads as the list shows them: beside a 'not visible', the latest year that stands", async () => {
    // Yoshua Bengio: one of his ten 2024 last-author papers shows positions (partial); 2023 stands.
    const page = await comparePage(args("/compare?advisors=yoshua-bengio"));
    const [bengio] = page.advisors;
    expect(bengio.students).toBeNull();
    expect(bengio.earlierStudents?.year).toBeLessThan(page.studentLoadYear!);
    expect(bengio.earlierStudents?.students).toBeGreaterThan(0);
  });
});
