/**
 * The advisor page's cheaper reads (issue 13) on the real shipped data: the per-advisor topic index
 * gives the same top topics as the scan of every topic row it replaced, and the one query of an
 * advisor's own papers gives the same year links and student-load paper labels as the two queries
 * it replaced.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseKind, preparedQuery, query } from "~/lib/db.server";
import { citedPaperLabels } from "~/lib/directory/advisor-paper-index.server";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { topicIndex, topTopicsOf } from "~/lib/directory/topics.server";
import { loader as advisorPage } from "~/routes/advisors.$slug";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://test${url}`),
  params,
  context: {},
});

type Topics = Awaited<ReturnType<typeof topicIndex>>;

/** The former topTopicsOf: every topic's rows, keeping the wanted advisors'. */
function scanTopTopics(t: Topics, wanted: readonly number[], total: number, limit = 6) {
  const set = new Set(wanted);
  const out: { id: string; label: string; papers: number; share: number }[] = [];
  for (let code = 0; code < t.topics.length; code++) {
    let papers = 0;
    for (let k = t.topicStart[code]; k < t.topicStart[code + 1]; k++)
      if (set.has(t.rowAdvisor[k])) papers += t.rowPapers[k];
    if (papers > 0)
      out.push({ id: t.topics[code].id, label: t.topics[code].label, papers, share: total > 0 ? papers / total : 0 });
  }
  return out.sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label)).slice(0, limit);
}

describe("top topics from the per-advisor index", () => {
  it("equal the full scan for advisors and groups", async () => {
    const index = await advisorIndex();
    const t = await topicIndex(index);
    const n = index.advisors.length;
    const total = (i: number) => index.advisors[i].rows.reduce((s, r) => s + r.papers, 0);
    let withTopics = 0;
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 200))) {
      const got = topTopicsOf(t, [i], total(i));
      expect(got).toEqual(scanTopTopics(t, [i], total(i)));
      if (got.length > 0) withTopics++;
    }
    expect(withTopics).toBeGreaterThan(50);
    for (const group of [[0, 1, 2, 3], Array.from({ length: 50 }, (_, k) => k * 7)]) {
      const sum = group.reduce((s, i) => s + total(i), 0);
      expect(topTopicsOf(t, group, sum, 10)).toEqual(scanTopTopics(t, group, sum, 10));
    }
  }, 120_000); // loads the advisor and topic indexes (PGlite, a busy machine)
});

describe("the advisor page's own-paper reads", () => {
  it("year links and student-load labels equal the queries they replaced", async () => {
    const rows = await query<{ slug: string; id: number }>(
      sql`select p.slug, p.id from advisors a join people p on p.id = a.person_id
          where exists (select 1 from advisor_students s where s.advisor_id = a.person_id)
          order by (select count(*) from advisor_students s where s.advisor_id = a.person_id) desc, p.slug limit 5`,
    );
    expect(rows.length).toBe(5);
    for (const { slug, id } of rows) {
      const d = (await advisorPage(args(`/advisors/${slug}`, { slug }))) as {
        paperCounts: { year: number; papers: number }[];
        studentLoad: Parameters<typeof citedPaperLabels>[0];
        studentLoadPapers: [number, { venue: string; year: number }][];
        papers: { id: number }[];
      };
      const counts = await query<{ year: number; papers: number }>(
        sql`select pa.year, count(*)::int as papers from authorships mine join papers pa on pa.id = mine.paper_id
            where mine.person_id = ${id} group by pa.year order by pa.year desc`,
      );
      expect(d.paperCounts).toEqual(counts);
      // Without the advisor's own papers every cited paper is read from the database, as before.
      const old = [...(await citedPaperLabels(d.studentLoad, []))].filter(
        ([pid]) => !d.papers.some((p) => p.id === pid),
      );
      expect(old.length).toBeGreaterThan(0);
      expect(new Map(d.studentLoadPapers)).toEqual(new Map(old));
    }
  });
});

describe("preparedQuery", () => {
  it("answers as query does, again once the statement is prepared on the connection", async () => {
    const q = (id: number) =>
      sql`select pa.id, pa.venue_id as venue, pa.year from authorships mine join papers pa on pa.id = mine.paper_id
          where mine.person_id = ${id} order by pa.id`;
    const ids = await query<{ id: number }>(sql`select person_id as id from advisors order by person_id limit 3`);
    for (const { id } of [...ids, ...ids]) {
      const got = await preparedQuery<{ id: number }>(q(id));
      expect(got.length).toBeGreaterThan(0);
      expect([...got]).toEqual([...(await query<{ id: number }>(q(id)))]);
    }
    expect(["postgres", "pglite"]).toContain(databaseKind());
  });
});
