/**
 * Student load and alumni as the pages and the API read them: the numbers the importer counted
 * (app/lib/import/student-load.ts says how) with the students, alumni and papers behind each.
 *
 * - The list keeps one number per advisor in memory (the last-author count in the year the list counts (studentLoadYear)) and
 *   the alumni count, loaded with the advisor index.
 * - An advisor page reads its own rows: every visible year, each student with the papers showing them.
 * - Labs (and institutions) sum their advisors' loads: distinct students per year, distinct alumni.
 */
import { sql } from "drizzle-orm";
import { advisorInstitutionId } from "../advisor-institution";
import { type Executor, getDb, preparedQuery, query } from "../db.server";
import { lastAuthorCount, type NotOverrun, notOverrunCut, studentLoadYear } from "../import/student-load";

export type { NotOverrun };

/** The columns of an advisor_student_years row that lastAuthorCount reads. */
type StudentYearRow = { last_author_students: number; last_author_papers: number; last_author_papers_all: number };

const lastAuthorCounts = (r: StudentYearRow) => ({
  lastAuthorStudents: r.last_author_students,
  lastAuthorPapers: r.last_author_papers,
  lastAuthorPapersAll: r.last_author_papers_all,
});

/** What the advisor list needs: per advisor, the count in the year the list counts (studentLoadYear; null: not visible) and the alumni count. */
export type StudentLoadColumns = {
  /** The year the list counts students in (studentLoadYear); null when no year has data. */
  year: number | null;
  /** The first year any advisor's load is visible (2021 in the shipped data); null when none is. */
  firstVisibleYear: number | null;
  students: Map<number, number>;
  /**
   * Per advisor whose count in that year does not stand (no positions, or too few of its papers show
   * them): the most recent earlier year whose count stands, so the list can say "12 in 2023" instead
   * of only "not visible". The filter and the sort stay on that year.
   */
  earlier: Map<number, { year: number; students: number }>;
  alumni: Map<number, number>;
  /** The "not overrun" preset's cut (see notOverrunCut). */
  notOverrun: NotOverrun | null;
};

export async function loadStudentLoadColumns(
  latestYearByVenue: Map<string, number>,
  db: Executor = getDb(),
): Promise<StudentLoadColumns> {
  const coverage = await query<{ venueId: string; year: number; authorships: number; withPosition: number }>(
    sql`select venue_id as "venueId", year, authorships, with_position as "withPosition" from venue_year_coverage`,
    db,
  );
  const year = studentLoadYear(latestYearByVenue, coverage);
  const [yearRows, alumni, first] = await Promise.all([
    // The year counted and every earlier one, newest first per advisor.
    year === null
      ? Promise.resolve([])
      : query<StudentYearRow & { person_id: number; year: number }>(
          sql`select person_id, year, last_author_students, last_author_papers, last_author_papers_all
              from advisor_student_years where year <= ${year} order by person_id, year desc`,
          db,
        ),
    query<{ advisor_id: number; n: number }>(
      sql`select advisor_id, count(*)::int as n from advisor_alumni group by advisor_id`,
      db,
    ),
    query<{ year: number | null }>(sql`select min(year)::int as year from advisor_student_years`, db),
  ]);
  const rows = yearRows.filter((r) => r.year === year).map((r) => ({ personId: r.person_id, ...lastAuthorCounts(r) }));
  // Only a count that stands for the year: not one from a few of the year's papers (lastAuthorCount).
  const students = new Map<number, number>();
  for (const r of rows) {
    const n = lastAuthorCount(r);
    if (n !== null) students.set(r.personId, n);
  }
  const earlier = new Map<number, { year: number; students: number }>();
  for (const r of yearRows) {
    if (r.year === year || students.has(r.person_id) || earlier.has(r.person_id)) continue;
    const n = lastAuthorCount(lastAuthorCounts(r));
    if (n !== null) earlier.set(r.person_id, { year: r.year, students: n });
  }
  return {
    year,
    firstVisibleYear: first[0]?.year ?? null,
    students,
    earlier,
    alumni: new Map(alumni.map((r) => [r.advisor_id, r.n])),
    notOverrun: year === null ? null : notOverrunCut(rows, year),
  };
}

export type SeenStudent = {
  name: string;
  openreviewId: string | null;
  /** Set when the student is an advisor in the directory (rare: a student who now supervises). */
  advisorSlug: string | null;
  /** Paper ids: every one is the advisor's, so the advisor page's paper list has its title and link. */
  lastAuthorPapers: number[];
  otherPapers: number[];
};
export type StudentLoadYear = {
  year: number;
  /** False: no paper of the advisor's that year comes from a venue-year with positions ("not visible"). */
  visible: boolean;
  lastAuthorStudents: number | null;
  otherStudents: number | null;
  papers: number | null;
  lastAuthorPapers: number | null;
  /** All the advisor's last-author conference papers that year, with positions or not. */
  lastAuthorPapersAll: number | null;
  /** The last-author count when it stands for the year (see lastAuthorCount); null: none or partial. */
  lastAuthorCount: number | null;
  students: SeenStudent[];
};
export type FormerStudent = {
  name: string;
  openreviewId: string | null;
  advisorSlug: string | null;
  role: "phd-student" | "first-author";
  firstYear: number;
  lastYear: number;
  advisingSince: number;
  position: string;
  institution: string | null;
  institutionSlug: string | null;
  /** Paper ids (the advisor's, as last author). */
  papers: number[];
};
export type AdvisorStudentLoad = {
  /** The year the list counts and the last-author count in it (null: not visible), as in the list and the API. */
  year: number | null;
  students: number | null;
  /** From the latest year with data down to the first year with positions, newest first. */
  years: StudentLoadYear[];
  alumni: FormerStudent[];
};

/** One advisor's student load, year by year, and alumni, with the papers behind every number. */
export async function getAdvisorStudentLoad(
  advisorId: number,
  {
    latestYear,
    fullYear,
    firstVisibleYear,
  }: { latestYear: number; fullYear: number | null; firstVisibleYear: number | null },
  db: Executor = getDb(),
): Promise<AdvisorStudentLoad> {
  const [yearRows, studentRows, alumniRows] = await Promise.all([
    preparedQuery<{
      year: number;
      last_author_students: number;
      other_students: number;
      papers: number;
      last_author_papers: number;
      last_author_papers_all: number;
    }>(
      sql`select year, last_author_students, other_students, papers, last_author_papers, last_author_papers_all from advisor_student_years where person_id = ${advisorId}`,
      db,
    ),
    preparedQuery<{
      year: number;
      name: string;
      openreview_id: string | null;
      advisor_slug: string | null;
      last_ids: number[];
      other_ids: number[];
    }>(
      sql`select s.year, p.name, p.openreview_id, case when a.person_id is not null then p.slug end as advisor_slug,
            s.last_author_paper_ids as last_ids, s.other_paper_ids as other_ids
          from advisor_students s join people p on p.id = s.student_id left join advisors a on a.person_id = s.student_id
          where s.advisor_id = ${advisorId}
          order by s.year desc, cardinality(s.last_author_paper_ids) = 0, cardinality(s.last_author_paper_ids) + cardinality(s.other_paper_ids) desc, p.name`,
      db,
    ),
    // The alumnus's current institution: theirs in the directory when they are an advisor, else as
    // printed on their most recent paper.
    preparedQuery<{
      name: string;
      openreview_id: string | null;
      advisor_slug: string | null;
      role: FormerStudent["role"];
      first_year: number;
      last_year: number;
      advising_since: number;
      position: string;
      institution: string | null;
      institution_slug: string | null;
      paper_ids: number[];
    }>(
      sql`select p.name, p.openreview_id, case when a.person_id is not null then p.slug end as advisor_slug, x.role, x.first_year, x.last_year,
            x.advising_since, x.position, coalesce(i.name, printed.name) as institution, i.slug as institution_slug, x.paper_ids
          from advisor_alumni x join people p on p.id = x.person_id
          left join advisors a on a.person_id = x.person_id
          left join institutions i on i.id = ${advisorInstitutionId()}
          left join lateral (
            select coalesce(au.institution_text, au.affiliation) as name from authorships au join papers pa on pa.id = au.paper_id
            where au.person_id = x.person_id and coalesce(au.institution_text, au.affiliation) is not null
            order by pa.year desc, pa.id desc limit 1) printed on true
          where x.advisor_id = ${advisorId}
          order by x.advising_since desc, p.name`,
      db,
    ),
  ]);
  const byYear = new Map(yearRows.map((r) => [r.year, r]));
  const first = firstVisibleYear ?? latestYear;
  const years: StudentLoadYear[] = [];
  for (let year = latestYear; year >= Math.min(first, latestYear); year--) {
    const r = byYear.get(year);
    years.push({
      year,
      visible: !!r,
      lastAuthorStudents: r?.last_author_students ?? null,
      otherStudents: r?.other_students ?? null,
      papers: r?.papers ?? null,
      lastAuthorPapers: r?.last_author_papers ?? null,
      lastAuthorPapersAll: r?.last_author_papers_all ?? null,
      lastAuthorCount: r ? lastAuthorCount(lastAuthorCounts(r)) : null,
      students: studentRows
        .filter((s) => s.year === year)
        .map((s) => ({
          name: s.name,
          openreviewId: s.openreview_id,
          advisorSlug: s.advisor_slug,
          lastAuthorPapers: s.last_ids,
          otherPapers: s.other_ids,
        })),
    });
  }
  return {
    year: fullYear,
    students: years.find((y) => y.year === fullYear)?.lastAuthorCount ?? null,
    years,
    alumni: alumniRows.map((a) => ({
      name: a.name,
      openreviewId: a.openreview_id,
      advisorSlug: a.advisor_slug,
      role: a.role,
      firstYear: a.first_year,
      lastYear: a.last_year,
      advisingSince: a.advising_since,
      position: a.position,
      institution: a.institution,
      institutionSlug: a.institution_slug,
      papers: a.paper_ids,
    })),
  };
}

/** One advisor behind a summed number: the evidence is on their page (students-YEAR, alumni). */
export type GroupAdvisorCount = { slug: string; name: string; n: number };

export type SummedStudentLoad = {
  /**
   * Per visible year (newest first): distinct PhD students seen as last-author students of any of
   * the advisors, and the advisors behind that number (their own count, most first).
   */
  years: {
    year: number;
    students: number;
    advisors: number;
    /**
     * Distinct students of the advisors whose count stands for the year (lastAuthorCount), and how
     * many advisors that is: the API's number, so a group is not "0" from partial years either.
     */
    standingStudents: number;
    standingAdvisors: number;
    byAdvisor: GroupAdvisorCount[];
  }[];
  /** Distinct former students now advising, over all the advisors. */
  alumni: number;
  /** The advisors with former students now advising (their own count, most first). */
  alumniByAdvisor: GroupAdvisorCount[];
};

/** A group's load as a page shows it: the first `n` advisors behind each number (most first), and how many more. */
export type ShownSummedStudentLoad = Omit<SummedStudentLoad, "years" | "alumniByAdvisor"> & {
  years: (SummedStudentLoad["years"][number] & { moreAdvisors: number })[];
  alumniByAdvisor: GroupAdvisorCount[];
  moreAlumniAdvisors: number;
};

/** Keeps a large group's page (MIT, Google: a hundred advisors a year) within its budget; the API keeps all. */
export function firstAdvisorsBehind(load: SummedStudentLoad, n = 12): ShownSummedStudentLoad {
  return {
    ...load,
    years: load.years.map((y) => ({
      ...y,
      byAdvisor: y.byAdvisor.slice(0, n),
      moreAdvisors: Math.max(0, y.byAdvisor.length - n),
    })),
    alumniByAdvisor: load.alumniByAdvisor.slice(0, n),
    moreAlumniAdvisors: Math.max(0, load.alumniByAdvisor.length - n),
  };
}

/**
 * The student load of a group of advisors (a lab, an institution): students are counted once per
 * year even when two of the advisors share them, and so are alumni.
 */
export async function sumStudentLoad(personIds: number[], db: Executor = getDb()): Promise<SummedStudentLoad> {
  if (personIds.length === 0) return { years: [], alumni: 0, alumniByAdvisor: [] };
  const ids = JSON.stringify(personIds);
  const [years, alumni, perAdvisor, alumniPerAdvisor] = await Promise.all([
    query<{ year: number; students: number; advisors: number; standing_students: number; standing_advisors: number }>(
      sql`select y.year, coalesce(s.students, 0)::int as students, y.advisors::int as advisors,
            coalesce(s.standing_students, 0)::int as standing_students, y.standing_advisors::int as standing_advisors
          from (select year, count(*) as advisors,
                  count(*) filter (where last_author_papers > 0 and 2 * last_author_papers >= last_author_papers_all) as standing_advisors
                from advisor_student_years
                where person_id in (select jsonb_array_elements_text(${ids}::jsonb)::int) group by year) y
          left join (select s.year, count(distinct s.student_id) as students,
                  count(distinct s.student_id) filter (where y.last_author_papers > 0 and 2 * y.last_author_papers >= y.last_author_papers_all) as standing_students
                from advisor_students s join advisor_student_years y on y.person_id = s.advisor_id and y.year = s.year
                where s.advisor_id in (select jsonb_array_elements_text(${ids}::jsonb)::int) and cardinality(s.last_author_paper_ids) > 0
                group by s.year) s on s.year = y.year
          order by y.year desc`,
      db,
    ),
    query<{ n: number }>(
      sql`select count(distinct person_id)::int as n from advisor_alumni where advisor_id in (select jsonb_array_elements_text(${ids}::jsonb)::int)`,
      db,
    ),
    query<{ year: number; slug: string; name: string; n: number }>(
      sql`select y.year, p.slug, p.name, y.last_author_students as n from advisor_student_years y join people p on p.id = y.person_id
          where y.person_id in (select jsonb_array_elements_text(${ids}::jsonb)::int) and y.last_author_students > 0
          order by y.year desc, y.last_author_students desc, p.name`,
      db,
    ),
    query<{ slug: string; name: string; n: number }>(
      sql`select p.slug, p.name, count(*)::int as n from advisor_alumni a join people p on p.id = a.advisor_id
          where a.advisor_id in (select jsonb_array_elements_text(${ids}::jsonb)::int)
          group by p.slug, p.name order by n desc, p.name`,
      db,
    ),
  ]);
  const byYear = new Map<number, GroupAdvisorCount[]>();
  for (const r of perAdvisor) {
    let list = byYear.get(r.year);
    if (!list) byYear.set(r.year, (list = []));
    list.push({ slug: r.slug, name: r.name, n: r.n });
  }
  return {
    years: years.map((y) => ({
      year: y.year,
      students: y.students,
      advisors: y.advisors,
      standingStudents: y.standing_students,
      standingAdvisors: y.standing_advisors,
      byAdvisor: byYear.get(y.year) ?? [],
    })),
    alumni: alumni[0]?.n ?? 0,
    alumniByAdvisor: alumniPerAdvisor,
  };
}

/**
 * The API's `students` of a group: the distinct students, in the year the list counts, of the advisors whose
 * count stands for that year, or null when none does (not visible, or only partial years).
 */
export function latestStudents(load: SummedStudentLoad, year: number | null): number | null {
  if (year === null) return null;
  const y = load.years.find((r) => r.year === year);
  return y && y.standingAdvisors > 0 ? y.standingStudents : null;
}
