/**
 * Labs and institutions over a research topic, and their summed student loads, on the shipped data:
 * a group's topic record is the sum of its advisors' topic records (the same rule), the pages
 * explain it, the APIs and CSVs carry it, bad topics are 400s; institution and lab detail contracts
 * carry `students` and `alumni`, each summed number names the advisors behind it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { advisorIndex, listAdvisors } from "~/lib/directory/advisors.server";
import { getInstitution, listInstitutions } from "~/lib/directory/institutions.server";
import { listLabs } from "~/lib/directory/labs.server";
import { sumStudentLoad } from "~/lib/directory/student-load.server";
import { warmTopicIndex } from "~/lib/directory/topics.server";
import { loader as instsApi } from "~/routes/api.institutions";
import { loader as instApi } from "~/routes/api.institutions.$slug";
import { loader as instsCsv } from "~/routes/api.institutions[.csv]";
import { loader as labsApi } from "~/routes/api.labs";
import { loader as labApi } from "~/routes/api.labs.$slug";
import { loader as labsCsv } from "~/routes/api.labs[.csv]";
import { loader as instPage } from "~/routes/institutions.$slug";
import { loader as instsPage } from "~/routes/institutions._index";
import { loader as labPage } from "~/routes/labs.$slug";
import { loader as labsPage } from "~/routes/labs._index";
import { useTestDatabase } from "../support/database";
import { call } from "../support/remix";

useTestDatabase("shipped");

beforeAll(async () => {
  await warmTopicIndex(await advisorIndex());
}, 300_000);

const filters = (qs: string) => parseAdvisorFilters(new URLSearchParams(qs), { defaultLimit: 10_000 }).filters;

type GroupItem = { slug: string; name: string; papers: number; score: number; rank: number; windowPapers: number };

describe("labs and institutions over a topic", () => {
  it("reinforcement learning: Mila ranks among the top labs, over its advisors' RL papers only", async () => {
    const res = await call(labsApi, { path: "/api/labs?topic=reinforcement-learning&sort=score&limit=10" });
    expect(res.status).toBe(200);
    const body = res.body as { topic: { id: string; kind: string }; labs: GroupItem[]; total: number };
    expect(body.topic).toMatchObject({ id: "reinforcement-learning", kind: "curated" });
    const mila = body.labs.find((l) => l.slug === "mila");
    expect(mila, JSON.stringify(body.labs.map((l) => l.name))).toBeTruthy();
    expect(mila!.rank).toBeLessThanOrEqual(5);
    // Only its RL papers count: fewer than all its papers in the window, which the item also gives.
    expect(mila!.papers).toBeGreaterThan(0);
    expect(mila!.windowPapers).toBeGreaterThan(mila!.papers);
    const all = (await call(labsApi, { path: "/api/labs?q=mila&limit=200" })).body as { labs: GroupItem[] };
    expect(all.labs.find((l) => l.slug === "mila")!.papers).toBe(mila!.windowPapers);
    // Ranks are 1..n over the listed labs, every one with a paper on the topic.
    expect(body.labs.map((l) => l.rank)).toEqual(body.labs.map((_, i) => i + 1));
    expect(body.labs.every((l) => l.papers > 0)).toBe(true);
  });

  it("an institution's topic score is the sum of its advisors' topic scores (the same rule)", async () => {
    const f = filters("topic=reinforcement-learning");
    const insts = await listInstitutions(f);
    expect(insts.topic?.id).toBe("reinforcement-learning");
    const top = insts.institutions[0];
    const advisors = await listAdvisors({ ...f, limit: 100_000, offset: 0 });
    const members = advisors.items.filter((r) => r.entry.institutionSlug === top.slug);
    expect(members.length).toBeGreaterThan(0);
    const sum = Math.round(members.reduce((s, r) => s + r.score, 0) * 100) / 100;
    expect(top.score).toBeCloseTo(sum, 1);
    expect(top.papers).toBe(members.reduce((s, r) => s + r.papers, 0));
    // Every listed institution has a paper on the topic; the ranking is by score.
    expect(insts.institutions.every((i) => i.papers > 0)).toBe(true);
    const scores = insts.institutions.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // And fewer institutions than without a topic.
    expect(insts.total).toBeLessThan((await listInstitutions(filters(""))).total);
  });

  it("free text works (mixture of experts), and a curated topic's label is that topic", async () => {
    const free = await call(instsApi, { path: "/api/institutions?topic=mixture%20of%20experts&limit=5" });
    expect(free.status).toBe(200);
    const body = free.body as { topic: { kind: string; id: null; label: string }; institutions: GroupItem[] };
    expect(body.topic).toEqual({ kind: "text", id: null, label: "mixture of experts" });
    expect(body.institutions.length).toBeGreaterThan(0);
    expect(body.institutions[0].windowPapers).toBeGreaterThanOrEqual(body.institutions[0].papers);
    const byLabel = (await listLabs(filters("topic=Reinforcement%20learning"))).topic;
    expect(byLabel?.kind).toBe("curated");
  });

  it("an empty, over-long or stop-words-only topic is a 400 with a message, on the APIs and the CSVs", async () => {
    for (const loader of [labsApi, instsApi, labsCsv, instsCsv]) {
      const empty = await call(loader, { path: "/api/x?topic=" });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.body)).toMatch(/topic must not be empty/);
      const long = await call(loader, { path: `/api/x?topic=${"a".repeat(101)}` });
      expect(long.status).toBe(400);
      expect(JSON.stringify(long.body)).toMatch(/limited to 100 characters/);
      const stop = await call(loader, { path: "/api/x?topic=the" });
      expect(stop.status).toBe(400);
      expect(JSON.stringify(stop.body)).toMatch(/no word to match/);
    }
  });

  it("the CSVs add the topic and all papers in the window", async () => {
    const labs = await call(labsCsv, { path: "/api/labs.csv?topic=bandits&sort=score&limit=3" });
    const lines = String(labs.body).trim().split("\n");
    expect(lines[0]).toMatch(/,papers,score,rank,topic,window_papers$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/,bandits,\d+$/);
    const insts = await call(instsCsv, { path: "/api/institutions.csv?topic=bandits&limit=3" });
    const rows = String(insts.body).trim().split("\n");
    expect(rows[0]).toBe("rank,slug,name,kind,country,continent,advisors,papers,score,cifre,topic,window_papers");
    expect(rows).toHaveLength(4);
    // Without a topic the columns are as before.
    const plain = await call(instsCsv, { path: "/api/institutions.csv?limit=1" });
    expect(String(plain.body).split("\n")[0]).toBe("rank,slug,name,kind,country,continent,advisors,papers,score,cifre");
  });

  it("the list pages explain the topic and count the groups per topic option", async () => {
    for (const [loader, path] of [
      [labsPage, "/labs"],
      [instsPage, "/institutions"],
    ] as const) {
      const page = await call(loader, { path: `${path}?topic=reinforcement-learning&topic=` });
      const d = page.body as {
        topic: { label: string; kind: string };
        problems: unknown[];
        total: number;
        options: { topics: { id: string; count: number }[]; orientation?: unknown };
      };
      expect(d.problems).toEqual([]);
      expect(d.topic).toMatchObject({ label: "reinforcement learning", kind: "curated" });
      const rl = d.options.topics.find((t) => t.id === "reinforcement-learning")!;
      // The count beside the chosen topic is the number of groups its ranking lists.
      expect(rl.count).toBe(d.total);
      expect(d.options.topics.find((t) => t.id === "bandits")!.count).toBeGreaterThan(0);
      expect(d.options.orientation).toBeUndefined();
    }
    // Counts follow the other filters: in France, fewer institutions per topic.
    const fr = (await call(instsPage, { path: "/institutions?country=FR" })).body as {
      total: number;
      options: { topics: { id: string; count: number }[] };
    };
    const rlFr = fr.options.topics.find((t) => t.id === "reinforcement-learning")!.count;
    expect(rlFr).toBeGreaterThan(0);
    expect(rlFr).toBeLessThanOrEqual(fr.total);
    const frRl = (await listInstitutions(filters("country=FR&topic=reinforcement-learning"))).total;
    expect(rlFr).toBe(frRl);
  });

  it("lab and institution pages show their top topics, linked to the topic's ranking of labs or institutions", async () => {
    const lab = (await call(labPage, { path: "/labs/mila", params: { slug: "mila" } })).body as {
      topics: { id: string; papers: number; share: number }[];
    };
    expect(lab.topics.map((t) => t.id)).toContain("reinforcement-learning");
    const [top] = (await listInstitutions(filters(""))).institutions;
    const page = (await call(instPage, { path: `/institutions/${top.slug}`, params: { slug: top.slug } })).body as {
      topics: { id: string; papers: number; share: number }[];
    };
    expect(page.topics.length).toBeGreaterThan(0);
    for (const t of page.topics) {
      expect(t.papers).toBeGreaterThan(0);
      expect(t.share).toBeGreaterThan(0);
      expect(t.share).toBeLessThanOrEqual(1);
    }
  });
});

describe("labs and institutions sum their advisors' student loads", () => {
  it("an institution page and its API: students per year counted once, alumni, and the advisors behind them", async () => {
    const [top] = (await listInstitutions(filters(""))).institutions;
    const detail = (await getInstitution(top.slug, filters("")))!;
    const ids = detail.item!.members.map((m) => m.id);
    const sum = await sumStudentLoad(ids);
    expect(detail.studentLoad).toEqual(sum);
    const index = await advisorIndex();
    const year = index.studentLoad.year!;
    const latest = sum.years.find((y) => y.year === year)!;
    expect(latest.students).toBeGreaterThan(0);
    // The advisors behind a year's number: each one's own count; the distinct total is at most their sum.
    const own = latest.byAdvisor.reduce((s, a) => s + a.n, 0);
    expect(latest.students).toBeLessThanOrEqual(own);
    expect(latest.students).toBeGreaterThanOrEqual(Math.max(...latest.byAdvisor.map((a) => a.n)));
    // Each advisor behind it has that count on their own page and in the list.
    // (in the list only where that count stands for the year; partial years are null there, never a smaller number).
    const listed = latest.byAdvisor.slice(0, 5).map((a) => index.bySlug.get(a.slug)?.students);
    latest.byAdvisor.slice(0, 5).forEach((a, i) => expect([a.n, null]).toContain(listed[i]));

    const api = await call(instApi, { path: `/api/institutions/${top.slug}`, params: { slug: top.slug } });
    const body = api.body as { students: number | null; alumni: number };
    // The API's number: students of the advisors whose count stands for the year.
    expect(latest.standingStudents).toBeLessThanOrEqual(latest.students);
    expect(body.students).toBe(latest.standingAdvisors > 0 ? latest.standingStudents : null);
    expect(body.alumni).toBe(sum.alumni);
    expect(sum.alumniByAdvisor.reduce((s, a) => s + a.n, 0)).toBeGreaterThanOrEqual(sum.alumni);
    const page = (await call(instPage, { path: `/institutions/${top.slug}`, params: { slug: top.slug } })).body as {
      studentLoad: typeof sum;
      studentLoadYear: number;
    };
    expect(page.studentLoad.years[0].students).toBe(sum.years[0].students);
    expect(page.studentLoadYear).toBe(year);
  });

  it("a lab's API carries students and alumni (Mila)", async () => {
    const res = await call(labApi, { path: "/api/labs/mila", params: { slug: "mila" } });
    const body = res.body as { students: number | null; alumni: number; advisors: { slug: string }[] };
    // Students of the advisors whose 2025 count stands for the year (4 on the shipped data):
    // partial counts, such as Yoshua Bengio's 0 from 1 of his 7 last-author papers, are left out.
    expect(body.students).toBeGreaterThanOrEqual(3);
    expect(body.alumni).toBeGreaterThan(0);
  });
});
