/**
 * The advisor page lists the papers of the chosen window and other years on demand (a page under
 * 150 kB for the most prolific advisor); the full list stays in GET /api/advisors/:slug.
 */
import { describe, expect, it } from "vitest";
import { PAPERS_LISTED } from "~/lib/directory/advisor-papers";
import { loader as pageLoader } from "~/routes/advisors.$slug";
import { loader as apiLoader } from "~/routes/api.advisors.$slug";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

async function page(slug: string, qs = "") {
  try {
    return {
      status: 200,
      data: (await pageLoader({
        request: new Request(`http://test/advisors/${slug}${qs}`),
        params: { slug },
        context: {},
      })) as Awaited<ReturnType<typeof pageLoader>>,
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, message: await thrown.text() };
    throw thrown;
  }
}

describe("the heaviest advisor page", () => {
  it(
    "lists the papers of the score window, counts every year, and keeps the full list in the API",
    { timeout: 120_000 },
    async () => {
      const top = (await (
        await import("~/routes/api.advisors")
      ).loader({
        request: new Request("http://test/api/advisors?sort=papers&limit=1"),
        params: {},
        context: {},
      })) as Response;
      const slug = ((await top.json()) as { advisors: { slug: string }[] }).advisors[0].slug;
      const r = await page(slug);
      expect(r.status).toBe(200);
      const d = r.data!;
      const { from, to } = d.params.window;
      expect(d.papersShown).toEqual({ from, to, window: true });
      expect(d.papers.length).toBeGreaterThan(0);
      for (const p of d.papers) expect(p.year >= from && p.year <= to).toBe(true);
      const inWindow = d.paperCounts.filter((c) => c.year >= from && c.year <= to).reduce((s, c) => s + c.papers, 0);
      // At most PAPERS_LISTED (the most recent); the others counted, listed under their year.
      expect(d.papers).toHaveLength(Math.min(inWindow, PAPERS_LISTED));
      expect(d.papersNotListed).toBe(inWindow - d.papers.length);
      expect(d.papers.map((p) => p.year)).toEqual([...d.papers.map((p) => p.year)].sort((a, b) => b - a));
      // The loader's data (sent once as markup and once as data) stays well under the page budget.
      expect(JSON.stringify(d).length).toBeLessThan(70_000);

      const api = (await apiLoader({
        request: new Request(`http://test/api/advisors/${slug}`),
        params: { slug },
        context: {},
      })) as Response;
      const all = (await api.json()) as { papers: unknown[] };
      expect(all.papers.length).toBe(d.paperCounts.reduce((s, c) => s + c.papers, 0));
      expect(all.papers.length).toBeGreaterThan(d.papers.length);

      const older = d.paperCounts.find((c) => c.year < from)!;
      const other = await page(slug, `?papers=${older.year}`);
      expect(other.data!.papersShown).toEqual({ from: older.year, to: older.year, window: false });
      expect(other.data!.papers).toHaveLength(older.papers);
      expect(other.data!.papers.every((p) => p.year === older.year)).toBe(true);
    },
  );

  it("answers 400 with a message for a malformed year", async () => {
    const r = await page("yoshua-bengio", "?papers=last");
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/papers must be a year/);
  });
});
