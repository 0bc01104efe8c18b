/**
 * Student load and alumni on the real shipped data: the importer's numbers agree with an
 * independent count straight from the seed files, and the list, the API, the advisor page and the
 * lab pages show them with the papers behind each number.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { query } from "~/lib/db.server";
import { firstAdvisorsBehind, sumStudentLoad } from "~/lib/directory/student-load.server";
import { isAdvisorPosition, isPhdStudentPosition, isPostdocPosition } from "~/lib/import/positions";
import { normalizeName } from "~/lib/names";
import { loader as advisorPage } from "~/routes/advisors.$slug";
import { loader as advisorsPage } from "~/routes/advisors._index";
import { loader as apiAdvisors } from "~/routes/api.advisors";
import { loader as apiAdvisor } from "~/routes/api.advisors.$slug";
import { loader as apiInstitution } from "~/routes/api.institutions.$slug";
import { loader as institutionPage } from "~/routes/institutions.$slug";
import { loader as labPage } from "~/routes/labs.$slug";
import { useTestDatabase } from "../support/database";
import { ROOT } from "../support/templates";

useTestDatabase("shipped");

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://test${url}`),
  params,
  context: {},
});
type ListItem = { slug: string; name: string; students: number | null; alumni: number; rank: number };
async function api(url: string) {
  const res = (await apiAdvisors(args(url))) as Response;
  return { status: res.status, body: (await res.json()) as { total: number; advisors: ListItem[]; error?: string } };
}

const NAMED = [
  { name: "Volkan Cevher", id: "~Volkan_Cevher1", slug: "volkan-cevher" },
  { name: "Andreas Krause", id: "~Andreas_Krause1", slug: "andreas-krause" },
  { name: "Chelsea Finn", id: "~Chelsea_Finn1", slug: "chelsea-finn" },
  { name: "Sergey Levine", id: "~Sergey_Levine1", slug: "sergey-levine" },
  { name: "Yoshua Bengio", id: "~Yoshua_Bengio1", slug: "yoshua-bengio" },
  { name: "Mihaela van der Schaar", id: "~Mihaela_van_der_Schaar2", slug: "mihaela-van-der-schaar-2" },
];

type SeedAuthor = { name: string; openreview?: string; position?: string };
type SeedPaper = { venue: string; year: number; status?: string; authors: SeedAuthor[] };

/**
 * The independent count, from the seed files alone: per named advisor and year, the OpenReview ids
 * declaring a PhD-student position on a conference paper of the advisor's in a venue-year whose
 * records carry positions, before any postdoc or supervising declaration of theirs; last-author
 * papers apart from the others.
 */
function independentCount() {
  const dir = path.join(ROOT, "seed", "papers");
  const papers: SeedPaper[] = [];
  for (const f of readdirSync(dir).filter((f) => /-20(2\d)\.jsonl\.gz$/.test(f))) {
    for (const line of gunzipSync(readFileSync(path.join(dir, f)))
      .toString("utf8")
      .split("\n"))
      if (line.trim()) papers.push(JSON.parse(line) as SeedPaper);
  }
  const share = new Map<string, { n: number; withPosition: number }>();
  const postPhd = new Map<string, number>();
  for (const p of papers) {
    const k = `${p.venue}:${p.year}`;
    const s = share.get(k) ?? { n: 0, withPosition: 0 };
    for (const a of p.authors) {
      s.n++;
      if (a.position) s.withPosition++;
      if (a.openreview && a.position && (isPostdocPosition(a.position) || isAdvisorPosition(a.position)))
        postPhd.set(a.openreview, Math.min(postPhd.get(a.openreview) ?? Infinity, p.year));
    }
    share.set(k, s);
  }
  const positioned = (p: SeedPaper) => {
    const s = share.get(`${p.venue}:${p.year}`)!;
    return s.withPosition / s.n >= 0.2;
  };
  const out = new Map<string, Map<number, { last: Set<string>; other: Set<string> }>>();
  for (const adv of NAMED) {
    const years = new Map<number, { last: Set<string>; other: Set<string> }>();
    // The advisor's authorship: their id, or (on a record without an id) their name, as the importer groups people.
    const isAdvisor = (a: SeedAuthor) =>
      a.openreview === adv.id || (!a.openreview && normalizeName(a.name) === normalizeName(adv.name));
    for (const p of papers) {
      if (/workshop/i.test(p.status ?? "") || !positioned(p)) continue;
      const at = p.authors.findIndex(isAdvisor);
      if (at < 0) continue;
      // A record where no one else declared a position shows nothing: not looked at.
      if (!p.authors.some((a, i) => i !== at && a.position)) continue;
      const y = years.get(p.year) ?? { last: new Set(), other: new Set() };
      years.set(p.year, y);
      const last = p.authors.length >= 2 && at === p.authors.length - 1;
      for (const a of p.authors) {
        if (isAdvisor(a) || !a.openreview || !isPhdStudentPosition(a.position)) continue;
        if (p.year >= (postPhd.get(a.openreview) ?? Infinity)) continue;
        (last ? y.last : y.other).add(a.openreview);
      }
    }
    for (const y of years.values()) for (const id of y.last) y.other.delete(id);
    out.set(adv.id, years);
  }
  return out;
}

/**
 * For each named advisor, from the seed files: their last-author conference papers of `year` (all,
 * and those that show positions: a venue-year with positions and another author declaring one), and
 * the PhD students on the latter, as the independent count says.
 */
function coverageFromSeed(year: number, seeded: ReturnType<typeof independentCount>) {
  const dir = path.join(ROOT, "seed", "papers");
  const papers: SeedPaper[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(`-${year}.jsonl.gz`)))
    for (const line of gunzipSync(readFileSync(path.join(dir, f)))
      .toString("utf8")
      .split("\n"))
      if (line.trim()) papers.push(JSON.parse(line) as SeedPaper);
  const out = new Map<string, { all: number; shown: number; students: number }>();
  for (const adv of NAMED) {
    const isAdvisor = (a: SeedAuthor) =>
      a.openreview === adv.id || (!a.openreview && normalizeName(a.name) === normalizeName(adv.name));
    let all = 0;
    let shown = 0;
    for (const p of papers) {
      if (/workshop/i.test(p.status ?? "") || p.authors.length < 2 || !isAdvisor(p.authors[p.authors.length - 1]))
        continue;
      all++;
      if (positionedVenueYear(papers, p) && p.authors.some((a, i) => i !== p.authors.length - 1 && a.position)) shown++;
    }
    out.set(adv.id, { all, shown, students: seeded.get(adv.id)?.get(year)?.last.size ?? 0 });
  }
  return out;
}

/** Whether a seed paper's venue-year carries positions (at least 20% of its authorships declare one). */
const positionedMemo = new Map<string, boolean>();
function positionedVenueYear(papers: SeedPaper[], p: SeedPaper): boolean {
  const k = `${p.venue}:${p.year}`;
  let v = positionedMemo.get(k);
  if (v === undefined) {
    let n = 0;
    let w = 0;
    for (const q of papers)
      if (q.venue === p.venue && q.year === p.year)
        for (const a of q.authors) {
          n++;
          if (a.position) w++;
        }
    positionedMemo.set(k, (v = n > 0 && w / n >= 0.2));
  }
  return v;
}

describe("student load on the shipped data", () => {
  let seed: ReturnType<typeof independentCount>;
  beforeAll(() => {
    seed = independentCount();
  });

  it("agrees with an independent count from the seed files for named advisors", async () => {
    for (const adv of NAMED) {
      const rows = await query<{ year: number; last_author_students: number; other_students: number }>(
        sql`select y.year, y.last_author_students, y.other_students from advisor_student_years y join people p on p.id = y.person_id
            where p.openreview_id = ${adv.id} order by y.year`,
      );
      const expected = [...seed.get(adv.id)!]
        .sort((a, b) => a[0] - b[0])
        .map(([year, s]) => ({ year, last: s.last.size, other: s.other.size }));
      expect(
        rows.map((r) => ({ year: r.year, last: r.last_author_students, other: r.other_students })),
        adv.name,
      ).toEqual(expected);
      // And the students behind the numbers are the same people.
      const ids = await query<{ year: number; openreview_id: string; last: boolean }>(
        sql`select s.year, st.openreview_id, cardinality(s.last_author_paper_ids) > 0 as last from advisor_students s
            join people st on st.id = s.student_id join people p on p.id = s.advisor_id where p.openreview_id = ${adv.id}`,
      );
      for (const [year, s] of seed.get(adv.id)!) {
        expect(
          new Set(ids.filter((r) => r.year === year && r.last).map((r) => r.openreview_id)),
          `${adv.name} ${year}`,
        ).toEqual(s.last);
      }
    }
  });

  it("the list counts students in 2024, the latest year where most core-venue authorships declare a position", async () => {
    // 2025's positions come from ICML alone (NeurIPS and ICLR 2025 carry names only): counted
    // there, nearly every advisor read "not visible" and the "not overrun" cut rested on 81 advisors.
    const page = (await advisorsPage(args("/advisors"))) as Awaited<ReturnType<typeof advisorsPage>>;
    expect(page.studentLoad.year).toBe(2024);
    expect(page.studentLoad.notOverrun?.year).toBe(2024);
    expect(page.studentLoad.notOverrun?.comparable).toBeGreaterThan(300);
  });

  it("the list's number is that year's count only where it stands for the year, never a partial 0 (checked on the seed files)", async () => {
    // Bengio's cell once read "0 seen on 2025 papers" from one of his seven last-author papers; in
    // 2024 one of his ten shows positions (ICLR 2024 records carry none): still partial, not a 0.
    const year = 2024;
    const expected = coverageFromSeed(year, seed);
    for (const adv of NAMED) {
      const c = expected.get(adv.id)!;
      const want = c.shown > 0 && 2 * c.shown >= c.all ? c.students : null;
      const item = (await api(`/api/advisors?q=${encodeURIComponent(adv.name)}`)).body.advisors.find(
        (a) => a.slug === adv.slug,
      );
      expect(item?.students, `${adv.name}: ${JSON.stringify(c)}`).toBe(want);
    }
    const bengio = expected.get("~Yoshua_Bengio1")!;
    expect(bengio.all).toBeGreaterThanOrEqual(2 * bengio.shown + 1); // partial: the list says not visible
    const res = (await apiAdvisor(args("/api/advisors/yoshua-bengio", { slug: "yoshua-bengio" }))) as Response;
    const body = (await res.json()) as {
      students: number | null;
      studentLoad: {
        years: { year: number; partial: boolean; lastAuthorPapers: number; lastAuthorPapersAll: number }[];
      };
    };
    expect(body.students).toBeNull();
    const y = body.studentLoad.years.find((r) => r.year === year)!;
    expect(y).toMatchObject({ partial: true, lastAuthorPapers: bengio.shown, lastAuthorPapersAll: bengio.all });
  });

  it("where the year the list counts does not stand, the list shows the most recent year that does (checked on the seed files)", async () => {
    // Otherwise the list's column reads "not visible" on nearly every well-known advisor's row.
    const byYear = new Map([2023, 2022, 2021].map((y) => [y, coverageFromSeed(y, seed)]));
    const page = (await advisorsPage(args("/advisors?limit=200&from=2021&to=2025"))) as Awaited<
      ReturnType<typeof advisorsPage>
    >;
    let checked = 0;
    for (const adv of NAMED) {
      const item = page.items.find((a) => a.slug === adv.slug);
      if (!item || item.students !== null) continue;
      let want: { year: number; students: number } | null = null;
      for (const [year, cov] of byYear) {
        const c = cov.get(adv.id)!;
        if (c.shown > 0 && 2 * c.shown >= c.all) {
          want = { year, students: c.students };
          break;
        }
      }
      expect(item.earlierStudents, adv.name).toEqual(want);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    const bengio = page.items.find((a) => a.slug === "yoshua-bengio")!;
    expect(bengio.students).toBeNull();
    expect(bengio.earlierStudents?.students).toBeGreaterThan(0);
  });

  it("shows the measured loads of the issue's advisors (a lower bound, several a year)", async () => {
    const rows = await query<{ name: string; year: number; n: number }>(
      sql`select p.name, y.year, y.last_author_students as n from advisor_student_years y join people p on p.id = y.person_id
          where p.openreview_id in ('~Volkan_Cevher1', '~Andreas_Krause1') and y.year between 2022 and 2024`,
    );
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.n, `${r.name} ${r.year}`).toBeGreaterThanOrEqual(4);
  });

  it("no advisor has a row for a year without positions in the data", async () => {
    const [{ n }] = await query<{ n: number }>(
      sql`select count(*)::int as n from advisor_student_years where year < 2021`,
    );
    expect(n).toBe(0);
    const [{ m }] = await query<{ m: number }>(
      sql`select count(*)::int as m from advisor_students s where cardinality(s.last_author_paper_ids) + cardinality(s.other_paper_ids) = 0`,
    );
    expect(m).toBe(0);
  });

  it("reports how many advisors have a visible load and how many have alumni", async () => {
    const [c] = await query<{
      advisors: number;
      visible: number;
      with_students: number;
      with_alumni: number;
      alumni: number;
    }>(
      sql`select (select count(*)::int from advisors) as advisors,
            (select count(distinct person_id)::int from advisor_student_years) as visible,
            (select count(distinct person_id)::int from advisor_student_years where last_author_students > 0) as with_students,
            (select count(distinct advisor_id)::int from advisor_alumni) as with_alumni,
            (select count(*)::int from advisor_alumni) as alumni`,
    );
    console.info(`[student load] ${JSON.stringify(c)}`);
    expect(c.visible).toBeGreaterThan(c.advisors / 2);
    expect(c.with_alumni).toBeGreaterThan(100);
  });
});

describe("alumni", () => {
  it("every alumnus declared a supervising position after the papers that connect them, and those papers are the advisor's as last author", async () => {
    const rows = await query<{
      advisor_id: number;
      person_id: number;
      first_year: number;
      last_year: number;
      advising_since: number;
      paper_ids: number[];
    }>(sql`select advisor_id, person_id, first_year, last_year, advising_since, paper_ids from advisor_alumni`);
    expect(rows.length).toBeGreaterThan(100);
    // The connecting papers: the advisor is last author and the alumnus an author, on every one.
    const [bad] = await query<{ n: number }>(
      sql`select count(*)::int as n from advisor_alumni x cross join lateral unnest(x.paper_ids) as pid
          join papers pa on pa.id = pid
          left join authorships adv on adv.paper_id = pa.id and adv.person_id = x.advisor_id and adv.position = pa.author_count
          left join authorships mine on mine.paper_id = pa.id and mine.person_id = x.person_id
          where adv.paper_id is null or mine.paper_id is null or pa.year not between x.first_year and x.last_year`,
    );
    expect(bad.n).toBe(0);
    // Their first supervising declaration, recomputed from every declaration they made.
    const declared = await query<{ person_id: number; year: number; title: string }>(
      sql`select au.person_id, pa.year, au.position_title as title from authorships au join papers pa on pa.id = au.paper_id
          where au.position_title is not null and au.person_id in (select person_id from advisor_alumni)`,
    );
    const firstSupervising = new Map<number, number>();
    for (const d of declared)
      if (isAdvisorPosition(d.title))
        firstSupervising.set(d.person_id, Math.min(firstSupervising.get(d.person_id) ?? Infinity, d.year));
    for (const r of rows) {
      expect(firstSupervising.get(r.person_id)).toBe(r.advising_since);
      expect(r.advising_since).toBeGreaterThan(r.first_year);
    }
  });
});

describe("list, filter, sort and API", () => {
  it("every list item carries students (the count in the year the list counts, or null) and alumni", async () => {
    const { body } = await api("/api/advisors?limit=50");
    expect(
      body.advisors.every((a) => (a.students === null || Number.isInteger(a.students)) && Number.isInteger(a.alumni)),
    ).toBe(true);
    // The year the list counts in the shipped data (the first test above says why).
    const year = 2024;
    const cevher = (await api("/api/advisors?q=volkan%20cevher")).body.advisors[0];
    const [row] = await query<{ n: number; k: number; m: number }>(
      sql`select y.last_author_students as n, y.last_author_papers as k, y.last_author_papers_all as m from advisor_student_years y
          join people p on p.id = y.person_id where p.openreview_id = '~Volkan_Cevher1' and y.year = ${year}`,
    );
    expect(cevher.students).toBe(row && row.k > 0 && 2 * row.k >= row.m ? row.n : null);
  });

  it("maxStudents and minStudents bound the students seen; not visible is left out", async () => {
    const { body } = await api("/api/advisors?maxStudents=2&limit=200");
    expect(body.total).toBeGreaterThan(100);
    expect(body.advisors.every((a) => a.students !== null && a.students <= 2)).toBe(true);
    const range = await api("/api/advisors?minStudents=5&maxStudents=8&limit=200");
    expect(range.body.total).toBeGreaterThan(0);
    expect(range.body.advisors.every((a) => a.students !== null && a.students >= 5 && a.students <= 8)).toBe(true);
    const all = (await api("/api/advisors?limit=1")).body.total;
    const none = (await api("/api/advisors?minStudents=0&limit=1")).body.total;
    expect(none).toBeLessThan(all); // advisors whose load is not visible are not "0 students"
  });

  it("the not-overrun preset applies the cut the page explains", async () => {
    const page = (await advisorsPage(args("/advisors?notOverrun=true"))) as Awaited<ReturnType<typeof advisorsPage>>;
    const cut = page.studentLoad.notOverrun!;
    expect(cut.percentile).toBe(75);
    expect(cut.max).toBeGreaterThanOrEqual(1);
    expect(page.items.every((a) => a.students !== null && a.students <= cut.max)).toBe(true);
    const { body } = await api(`/api/advisors?maxStudents=${cut.max}&limit=1`);
    expect(page.total).toBe(body.total);
    // The cut: the 75th percentile of advisors with at least 3 last-author papers seen that year.
    const rows = await query<{ n: number }>(
      sql`select last_author_students as n from advisor_student_years
          where year = ${cut.year} and last_author_papers >= 3 and 2 * last_author_papers >= last_author_papers_all order by 1`,
    );
    expect(rows.length).toBe(cut.comparable);
    expect(cut.max).toBe(rows[Math.ceil(0.75 * rows.length) - 1].n);
  });

  it("sorts by fewest students seen (not visible last) and by most alumni", async () => {
    const s = (await api("/api/advisors?sort=students&limit=200&minPapers=10")).body.advisors;
    const loads = s.map((a) => a.students ?? Infinity);
    expect(loads).toEqual([...loads].sort((a, b) => a - b));
    const a = (await api("/api/advisors?sort=alumni&limit=50")).body.advisors;
    expect(a[0].alumni).toBeGreaterThanOrEqual(5);
    expect(a.map((x) => x.alumni)).toEqual([...a.map((x) => x.alumni)].sort((x, y) => y - x));
  });

  it("bad values get a 400 with a message", async () => {
    for (const qs of ["maxStudents=lots", "minStudents=-3", "notOverrun=maybe", "sort=busiest"]) {
      const { status, body } = await api(`/api/advisors?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error, qs).toMatch(/Students|notOverrun|sort/);
    }
    // A reversed range on the page is shown corrected, with a message.
    const page = (await advisorsPage(args("/advisors?minStudents=9&maxStudents=2"))) as Awaited<
      ReturnType<typeof advisorsPage>
    >;
    expect(page.problems.map((p) => p.param)).toContain("minStudents");
    expect(page.filters.minStudents).toBe(2);
  });
});

describe("advisor page and detail API", () => {
  it("shows each recent year, 'not visible' where there are no positions, and the students and papers behind each number", async () => {
    const d = (await advisorPage(args("/advisors/volkan-cevher", { slug: "volkan-cevher" }))) as Awaited<
      ReturnType<typeof advisorPage>
    >;
    const load = d.studentLoad;
    expect(load.years[0].year).toBeGreaterThanOrEqual(2025);
    const y2026 = load.years.find((y) => y.year === 2026);
    if (y2026) expect(y2026.visible).toBe(false); // ICML and ICLR 2026 carry no positions
    // Every cited paper is labelled (the page lists the window's papers; other years link to their year's list).
    const paperYear = new Map([
      ...d.papers.map((p) => [p.id, p.year] as const),
      ...d.studentLoadPapers.map(([id, p]) => [id, p.year] as const),
    ]);
    for (const y of load.years.filter((y) => y.visible)) {
      expect(y.students.filter((s) => s.lastAuthorPapers.length > 0)).toHaveLength(y.lastAuthorStudents!);
      expect(y.students.filter((s) => s.lastAuthorPapers.length === 0)).toHaveLength(y.otherStudents!);
      for (const s of y.students) {
        expect(s.lastAuthorPapers.length + s.otherPapers.length).toBeGreaterThan(0);
        // Each link's target is in the page's paper list, and of that year.
        for (const id of [...s.lastAuthorPapers, ...s.otherPapers]) expect(paperYear.get(id)).toBe(y.year);
      }
    }
    const expected = byYear(
      await query<{ year: number; n: number }>(
        sql`select y.year, y.last_author_students as n from advisor_student_years y join people p on p.id = y.person_id where p.slug = 'volkan-cevher'`,
      ),
    );
    for (const y of load.years.filter((y) => y.visible)) expect(y.lastAuthorStudents).toBe(expected.get(y.year));
  });

  it("the detail API carries students, alumni and the years", async () => {
    const res = (await apiAdvisor(args("/api/advisors/yoshua-bengio", { slug: "yoshua-bengio" }))) as Response;
    const body = (await res.json()) as {
      students: number | null;
      alumni: number;
      studentLoad: { year: number; years: { year: number; visible: boolean; lastAuthorStudents: number | null }[] };
    };
    const list = (await api("/api/advisors?q=yoshua%20bengio")).body.advisors.find((a) => a.slug === "yoshua-bengio")!;
    expect(body.students).toBe(list.students);
    expect(body.alumni).toBe(list.alumni);
    const y2023 = body.studentLoad.years.find((y) => y.year === 2023)!;
    expect(y2023.visible).toBe(true);
    expect(y2023.lastAuthorStudents).toBeGreaterThanOrEqual(9);
    expect(body.studentLoad.years.filter((y) => !y.visible).every((y) => y.lastAuthorStudents === null)).toBe(true);
  });

  it("alumni appear on the advisor's page with years, position, institution and papers", async () => {
    const [top] = await query<{ slug: string; n: number }>(
      sql`select p.slug, count(*)::int as n from advisor_alumni x join people p on p.id = x.advisor_id group by p.slug order by n desc, p.slug limit 1`,
    );
    const d = (await advisorPage(args(`/advisors/${top.slug}`, { slug: top.slug }))) as Awaited<
      ReturnType<typeof advisorPage>
    >;
    expect(d.studentLoad.alumni).toHaveLength(top.n);
    const paperIds = new Set([...d.papers.map((p) => p.id), ...d.studentLoadPapers.map(([id]) => id)]);
    for (const a of d.studentLoad.alumni) {
      expect(a.papers.length).toBeGreaterThan(0);
      expect(a.papers.every((id) => paperIds.has(id))).toBe(true);
      expect(a.advisingSince).toBeGreaterThan(a.lastYear);
      expect(a.position.length).toBeGreaterThan(0);
    }
    expect(d.studentLoad.alumni.some((a) => a.institution)).toBe(true);
  });
});

describe("labs", () => {
  it("a lab sums its advisors' loads, counting a shared student once", async () => {
    // A lab whose members are only the contributed ones (no advisor prints it on papers).
    const [lab] = await query<{ id: number; slug: string }>(
      sql`select id, slug from labs where id not in (select lab_id from lab_advisor_links) order by id limit 1`,
    );
    const people = await query<{ id: number }>(
      sql`select id from people where openreview_id in ('~Sergey_Levine1', '~Chelsea_Finn1') order by id`,
    );
    await query(sql`delete from lab_members where lab_id = ${lab.id}`);
    for (const p of people)
      await query(
        sql`insert into lab_members (lab_id, person_id, role, current) values (${lab.id}, ${p.id}, 'advisor', true)`,
      );
    const sum = await sumStudentLoad(people.map((p) => p.id));
    const perAdvisor = await query<{ year: number; student_id: number }>(
      sql`select year, student_id from advisor_students where advisor_id in (${people[0].id}, ${people[1].id}) and cardinality(last_author_paper_ids) > 0`,
    );
    const y2022 = sum.years.find((y) => y.year === 2022)!;
    expect(y2022.students).toBe(new Set(perAdvisor.filter((r) => r.year === 2022).map((r) => r.student_id)).size);
    expect(y2022.advisors).toBe(2);
    const page = (await labPage(args(`/labs/${lab.slug}`, { slug: lab.slug }))) as Awaited<ReturnType<typeof labPage>>;
    // The page shows the first advisors behind each number (two here: all of them).
    expect(page.studentLoad).toEqual(firstAdvisorsBehind(sum));
    expect(page.studentLoad.years.every((y) => y.moreAdvisors === 0)).toBe(true);
  });
});

describe("institutions", () => {
  it("an institution sums its advisors' student loads and alumni, each student and alumnus once", async () => {
    // The institution with the most advisors whose load is visible (a large university).
    const [inst] = await query<{ slug: string }>(
      sql`select i.slug from institutions i join advisors a on a.institution_id = i.id join advisor_student_years y on y.person_id = a.person_id
          group by i.slug order by count(distinct a.person_id) desc, i.slug limit 1`,
    );
    const page = (await institutionPage(args(`/institutions/${inst.slug}`, { slug: inst.slug }))) as Awaited<
      ReturnType<typeof institutionPage>
    >;
    const res = (await apiInstitution(args(`/api/institutions/${inst.slug}`, { slug: inst.slug }))) as Response;
    const body = (await res.json()) as { students: number | null; alumni: number; advisors: { slug: string }[] };
    expect(body.advisors.length).toBeGreaterThan(5);
    // Independent count over the advisors the API lists.
    const slugs = JSON.stringify(body.advisors.map((a) => a.slug));
    const perYear = await query<{ year: number; n: number; standing: number }>(
      sql`select s.year, count(distinct s.student_id)::int as n,
            count(distinct s.student_id) filter (where y.last_author_papers > 0 and 2 * y.last_author_papers >= y.last_author_papers_all)::int as standing
          from advisor_students s join people p on p.id = s.advisor_id
          join advisor_student_years y on y.person_id = s.advisor_id and y.year = s.year
          where p.slug in (select jsonb_array_elements_text(${slugs}::jsonb)) and cardinality(s.last_author_paper_ids) > 0
          group by s.year`,
    );
    const [{ alumni }] = await query<{ alumni: number }>(
      sql`select count(distinct x.person_id)::int as alumni from advisor_alumni x join people p on p.id = x.advisor_id
          where p.slug in (select jsonb_array_elements_text(${slugs}::jsonb))`,
    );
    expect(alumni).toBeGreaterThan(0);
    expect(page.studentLoad.alumni).toBe(alumni);
    expect(body.alumni).toBe(alumni);
    const expected = new Map(perYear.map((r) => [r.year, r]));
    expect(page.studentLoad.years.length).toBeGreaterThan(0);
    for (const y of page.studentLoad.years) {
      expect(y.students, `${inst.slug} ${y.year}`).toBe(expected.get(y.year)?.n ?? 0);
      // Each number opens the advisors behind it, whose own counts are at least its share.
      if (y.students > 0) expect(y.byAdvisor.length).toBeGreaterThan(0);
      expect(Math.max(0, ...y.byAdvisor.map((a) => a.n))).toBeLessThanOrEqual(y.students);
    }
    // The API's number: students of the advisors whose latest-full-year count stands, or null.
    const [{ standing }] = await query<{ standing: number }>(
      sql`select count(*)::int as standing from advisor_student_years y join people p on p.id = y.person_id
          where p.slug in (select jsonb_array_elements_text(${slugs}::jsonb)) and y.year = ${page.studentLoadYear}
            and y.last_author_papers > 0 and 2 * y.last_author_papers >= y.last_author_papers_all`,
    );
    expect(body.students).toBe(standing > 0 ? (expected.get(page.studentLoadYear!)?.standing ?? 0) : null);
  });
});

function byYear(rows: { year: number; n: number }[]) {
  return new Map(rows.map((r) => [r.year, r.n]));
}
