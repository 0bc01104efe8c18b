/**
 * The page budget, measured on the HTML a browser receives (markup and loader data together) from a
 * real production server on the full shipped data: no page over 150 kB. The heaviest pages are an
 * advisor with a long history and many papers in the window (Yoshua Bengio 136 kB, Junchi Yan with
 * 161 papers in 2022–2026), Mila's lab page and the institution with the most advisors.
 */
import { describe, expect, it } from "vitest";
import { useRunningServer } from "../support/server";

const BUDGET = 150 * 1024;
const server = useRunningServer();

async function html(path: string): Promise<{ status: number; bytes: number; body: string }> {
  // Asked for uncompressed: the budget is the HTML's size, not the wire's.
  const res = await fetch(`${server.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
  const body = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(body), body };
}

async function json<T>(path: string): Promise<T> {
  return (await (await fetch(`${server.url}${path}`)).json()) as T;
}

describe("page budget (150 kB of HTML)", () => {
  it("holds for the 30 top-ranked advisors and the two heaviest measured", { timeout: 180_000 }, async () => {
    const { advisors } = await json<{ advisors: { slug: string }[] }>("/api/advisors?limit=30");
    const slugs = new Set([...advisors.map((a) => a.slug), "yoshua-bengio", "junchi-yan-2"]);
    const sizes: [string, number][] = [];
    for (const slug of slugs) {
      const page = await html(`/advisors/${slug}`);
      expect(page.status, slug).toBe(200);
      sizes.push([slug, page.bytes]);
    }
    sizes.sort((a, b) => b[1] - a[1]);
    expect(sizes[0][1], `heaviest: ${sizes[0][0]}`).toBeLessThan(BUDGET);
    // The heaviest is a real page, not an error page that happens to be small.
    expect(sizes[0][1]).toBeGreaterThan(50 * 1024);
  });

  it("lists at most 60 papers and shortens long author lists, linking to the API for the rest", async () => {
    const page = await html("/advisors/junchi-yan-2");
    expect(page.status).toBe(200);
    // React separates adjacent text parts with empty comments in server markup.
    const text = page.body.replace(/<!-- -->/g, "");
    expect((text.match(/<li id="paper-/g) ?? []).length).toBe(60);
    expect(text).toMatch(/The 60 most recent are listed; the other \d+ under their year below/);
    expect(text).toMatch(/<a href="\/api\/advisors\/junchi-yan-2"[^>]*>and \d+ more<\/a>/);
    const api = await json<{ papers: unknown[] }>("/api/advisors/junchi-yan-2");
    expect(api.papers.length).toBeGreaterThan(60);
  });

  it("holds for Mila's lab page and the institution with the most advisors", async () => {
    const { institutions } = await json<{ institutions: { slug: string; advisors: number }[] }>(
      "/api/institutions?limit=50",
    );
    const biggest = [...institutions].sort((a, b) => b.advisors - a.advisors)[0];
    for (const path of ["/labs/mila", `/institutions/${biggest.slug}`, "/advisors", "/labs", "/institutions", "/"]) {
      const page = await html(path);
      expect(page.status, path).toBe(200);
      expect(page.bytes, path).toBeLessThan(BUDGET);
      expect(page.bytes, path).toBeGreaterThan(5 * 1024);
    }
  });
});
