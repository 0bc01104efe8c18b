/**
 * The importer's student-load stage: reads the authorships and the advisors the import wrote,
 * counts with the pure rule (student-load.ts) and rewrites advisor_student_years,
 * advisor_students and advisor_alumni. Runs for whatever set the advisors table holds.
 *
 * Idempotent: the result's hash is kept in import_state; an unchanged result writes nothing.
 * The tables are replaced as a whole in one transaction (they are derived, never edited).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, query } from "../db.server";
import { type AuthorshipFact, computeStudentLoad, positionedVenueYears, type StudentLoad } from "./student-load";

const STATE_KEY = "student_load";
const BATCH = 5000;

/** Reads what the rule needs from the database and counts. */
export async function readStudentLoad(db: Db): Promise<StudentLoad & { positioned: Set<string> }> {
  const stats = await query<{ venue_id: string; year: number; authorships: number; with_position: number }>(
    sql`select p.venue_id, p.year, count(*)::int as authorships, count(a.position_title)::int as with_position
        from authorships a join papers p on p.id = a.paper_id group by p.venue_id, p.year`,
    db,
  );
  const positioned = positionedVenueYears(
    stats.map((s) => ({
      venueId: s.venue_id,
      year: s.year,
      authorships: s.authorships,
      withPosition: s.with_position,
    })),
  );
  const keys = [...positioned];
  const [advisors, rows] = await Promise.all([
    query<{ person_id: number }>(sql`select person_id from advisors`, db),
    // Every authorship of the venue-years with positions, and any other declaration (careers).
    query<{
      paper_id: number;
      venue_id: string;
      year: number;
      is_conference: boolean;
      author_count: number;
      position: number;
      person_id: number;
      identified: boolean;
      title: string | null;
    }>(
      sql`select a.paper_id, p.venue_id, p.year, p.is_conference, p.author_count, a.position, a.person_id,
            (pe.openreview_id is not null) as identified, a.position_title as title
          from authorships a join papers p on p.id = a.paper_id join people pe on pe.id = a.person_id
          where a.position_title is not null
             or (p.venue_id || ':' || p.year) in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
             -- an advisor's last-author papers everywhere: how many of a year's the count could see
             or (p.is_conference and a.position = p.author_count and a.person_id in (select person_id from advisors))`,
      db,
    ),
  ]);
  const facts: AuthorshipFact[] = rows.map((r) => ({
    paperId: r.paper_id,
    venueId: r.venue_id,
    year: r.year,
    isConference: r.is_conference,
    authorCount: r.author_count,
    position: r.position,
    personId: r.person_id,
    identified: r.identified,
    title: r.title,
  }));
  return {
    ...computeStudentLoad(
      advisors.map((a) => a.person_id),
      facts,
      positioned,
    ),
    positioned,
  };
}

/** True when this database has never had its student load counted (an import that predates the stage). */
export async function studentLoadMissing(db: Db): Promise<boolean> {
  const rows = await query<{ n: number }>(
    sql`select count(*)::int as n from import_state where key = ${STATE_KEY}`,
    db,
  );
  return rows[0].n === 0;
}

/** Rewrites the student-load tables when the result changed; returns how many rows were written. */
export async function writeStudentLoad(db: Db): Promise<number> {
  const { years, students, alumni } = await readStudentLoad(db);
  const hash = createHash("sha256")
    .update(JSON.stringify([years, students, alumni]))
    .digest("hex");
  const [state] = await query<{ hash: string | null }>(
    sql`select value ->> 'hash' as hash from import_state where key = ${STATE_KEY}`,
    db,
  );
  if (state?.hash === hash) return 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from advisor_students`);
    await tx.execute(sql`delete from advisor_alumni`);
    await tx.execute(sql`delete from advisor_student_years`);
    for (let i = 0; i < years.length; i += BATCH) {
      const json = JSON.stringify(years.slice(i, i + BATCH));
      await tx.execute(sql`insert into advisor_student_years (person_id, year, last_author_students, other_students, papers, last_author_papers, last_author_papers_all)
        select x."advisorId", x.year, x."lastAuthorStudents", x."otherStudents", x.papers, x."lastAuthorPapers", x."lastAuthorPapersAll"
        from jsonb_to_recordset(${json}::jsonb) as x("advisorId" int, year int, "lastAuthorStudents" int, "otherStudents" int, papers int, "lastAuthorPapers" int, "lastAuthorPapersAll" int)`);
    }
    for (let i = 0; i < students.length; i += BATCH) {
      const json = JSON.stringify(students.slice(i, i + BATCH));
      await tx.execute(sql`insert into advisor_students (advisor_id, year, student_id, last_author_paper_ids, other_paper_ids)
        select x."advisorId", x.year, x."studentId",
          array(select jsonb_array_elements_text(x."lastAuthorPaperIds")::int), array(select jsonb_array_elements_text(x."otherPaperIds")::int)
        from jsonb_to_recordset(${json}::jsonb) as x("advisorId" int, year int, "studentId" int, "lastAuthorPaperIds" jsonb, "otherPaperIds" jsonb)`);
    }
    for (let i = 0; i < alumni.length; i += BATCH) {
      const json = JSON.stringify(alumni.slice(i, i + BATCH));
      await tx.execute(sql`insert into advisor_alumni (advisor_id, person_id, first_year, last_year, role, advising_since, position, paper_ids)
        select x."advisorId", x."personId", x."firstYear", x."lastYear", x.role, x."advisingSince", x.position,
          array(select jsonb_array_elements_text(x."paperIds")::int)
        from jsonb_to_recordset(${json}::jsonb) as x("advisorId" int, "personId" int, "firstYear" int, "lastYear" int, role text, "advisingSince" int, position text, "paperIds" jsonb)`);
    }
    await tx.execute(sql`insert into import_state (key, value, updated_at) values (${STATE_KEY}, ${JSON.stringify({ hash })}::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
  });
  return years.length + students.length + alumni.length;
}
