/**
 * npm run bench:student-load — the student load (issue 16) on the full shipped data:
 * - the importer's stage: reading the authorships, counting with the pure rule, and (forced) rewriting the tables;
 * - the advisor list with the student filter, the "not overrun" preset and the student/alumni sorts (warm ranking);
 * - one advisor page's student-load read (getAdvisorStudentLoad) for the busiest advisors;
 * - the coverage: how many advisors have a visible load, students seen, alumni.
 * Writes its section of docs/benchmarks.md. Uses DATABASE_URL when set, else PGlite (.data/).
 */
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, query } from "../app/lib/db.server";
import { parseAdvisorFilters } from "../app/lib/directory/advisor-filters";
import { advisorIndex, listAdvisors } from "../app/lib/directory/advisors.server";
import { getAdvisorStudentLoad } from "../app/lib/directory/student-load.server";
import { readStudentLoad, writeStudentLoad } from "../app/lib/import/student-load.server";
import { isImported, prepareDatabase } from "../app/lib/setup.server";
import { machineLine, percentile, writeBenchmarkSection } from "./bench-report";
import { runCli } from "./cli";

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

await runCli(async () => {
  await prepareDatabase();
  if (!(await isImported())) throw new Error("import the shipped data first (npm run db:import)");
  const db = getDb();

  const [readMs, counted] = await time(() => readStudentLoad(db));
  // Forced rewrite: forget the stored hash so the stage writes every row again.
  await db.execute(sql`delete from import_state where key = 'student_load'`);
  const [writeMs, written] = await time(() => writeStudentLoad(db));

  const index = await advisorIndex();
  const queries = [
    "",
    "maxStudents=3",
    "minStudents=5&maxStudents=10",
    "notOverrun=true",
    "sort=students",
    "sort=alumni",
    "notOverrun=true&continent=EU",
  ];
  const rows: string[] = [];
  for (const q of queries) {
    const filters = parseAdvisorFilters(new URLSearchParams(q)).filters;
    await listAdvisors(filters); // warm the ranking for this window
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const [t, r] = await time(() => listAdvisors(filters));
      times.push(t);
      total = r.total;
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| \`${q || "(default)"}\` | ${total.toLocaleString("en")} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`,
    );
  }

  const busiest = await query<{ id: number; name: string; n: number }>(
    sql`select s.advisor_id as id, p.name, count(*)::int as n from advisor_students s join people p on p.id = s.advisor_id
        group by s.advisor_id, p.name order by n desc limit 5`,
  );
  const latestYear = Math.max(...index.latestYear.values());
  const pageRows: string[] = [];
  for (const b of busiest) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const [t, load] = await time(() =>
        getAdvisorStudentLoad(b.id, {
          latestYear,
          fullYear: index.studentLoad.year,
          firstVisibleYear: index.studentLoad.firstVisibleYear,
        }),
      );
      times.push(t);
      bytes = JSON.stringify(load).length;
    }
    times.sort((a, b) => a - b);
    pageRows.push(`| ${b.name} | ${b.n} | ${ms(percentile(times, 50))} | ${(bytes / 1024).toFixed(1)} kB |`);
  }

  const [c] = await query<{
    advisors: number;
    visible: number;
    visible_full: number;
    standing_full: number;
    with_students: number;
    with_alumni: number;
    alumni: number;
    distinct_alumni: number;
  }>(
    sql`select (select count(*)::int from advisors) as advisors,
          (select count(distinct person_id)::int from advisor_student_years) as visible,
          (select count(*)::int from advisor_student_years where year = ${index.studentLoad.year}) as visible_full,
          (select count(*)::int from advisor_student_years where year = ${index.studentLoad.year}
             and last_author_papers > 0 and 2 * last_author_papers >= last_author_papers_all) as standing_full,
          (select count(distinct person_id)::int from advisor_student_years where last_author_students > 0) as with_students,
          (select count(distinct advisor_id)::int from advisor_alumni) as with_alumni,
          (select count(*)::int from advisor_alumni) as alumni,
          (select count(distinct person_id)::int from advisor_alumni) as distinct_alumni`,
  );
  const cut = index.studentLoad.notOverrun;

  writeBenchmarkSection(
    "student-load",
    `## Student load (\`npm run bench:student-load\`)

${machineLine()}; ${databaseKind()}. Full shipped data.

Coverage: ${c.visible.toLocaleString("en")} of ${c.advisors.toLocaleString("en")} advisors have a visible student load in at least one year
(${c.with_students.toLocaleString("en")} with at least one PhD student seen as last author); ${c.visible_full.toLocaleString("en")} are visible in
${index.studentLoad.year} (the latest full year), of whom ${c.standing_full.toLocaleString("en")} have a count that stands for the year (at least half
their last-author papers show positions): the list's \`students\`, null for the others. ${c.with_alumni.toLocaleString("en")} advisors have alumni now advising
(${c.alumni.toLocaleString("en")} advisor–alumnus pairs, ${c.distinct_alumni.toLocaleString("en")} distinct people).
"Not overrun" cut: at most ${cut?.max} (the ${cut?.percentile}th percentile of ${cut?.comparable} advisors with ≥ ${cut?.minLastAuthorPapers} last-author papers seen in ${cut?.year}).

Import stage: reading and counting ${ms(readMs)} (${counted.years.length.toLocaleString("en")} advisor-years, ${counted.students.length.toLocaleString("en")} student links,
${counted.alumni.length.toLocaleString("en")} alumni); forced rewrite of the three tables ${ms(writeMs)} (${written.toLocaleString("en")} rows, reading included).

Advisor list with the student filters (warm ranking, 30 runs):

| query | total | p50 | p95 |
|---|---:|---:|---:|
${rows.join("\n")}

One advisor page's student-load read (10 runs), the busiest advisors:

| advisor | student-year rows | p50 | loader data |
|---|---:|---:|---:|
${pageRows.join("\n")}
`,
  );
  console.log("docs/benchmarks.md: student-load section written");
  await closeDb();
});
