import { Link } from "@remix-run/react";

/**
 * An advisor's student load in a table cell: the PhD students seen on their last-author papers of
 * the student-load year (a lower bound from the papers, linked to the students on their page), and
 * under it a contributed head count when one was approved. Contributed head counts are rare, so a
 * column of them alone would read "unknown" on nearly every row.
 */
export function StudentsSeen({
  slug,
  students,
  year,
  earlier = null,
  headCount = null,
}: {
  slug: string;
  /** Students seen in `year` (null: the advisor's load that year is not visible in the papers). */
  students: number | null;
  year: number | null;
  /** When `students` is null: the most recent earlier year whose count stands ("12 in 2023"). */
  earlier?: { year: number; students: number } | null;
  /** A contributed head count (with a source on the advisor's page), when there is one. */
  headCount?: number | null;
}) {
  return (
    <>
      {students === null || year === null ? (
        <span className="muted">
          not visible{year === null ? "" : ` in ${year}`}
          {earlier ? (
            <>
              <br />
              {earlier.students > 0 ? (
                <Link
                  to={`/advisors/${slug}#students-${earlier.year}`}
                  title={`PhD students seen on ${earlier.year} papers where the advisor is last author`}
                >
                  {earlier.students}
                </Link>
              ) : (
                0
              )}{" "}
              in {earlier.year}
            </>
          ) : null}
        </span>
      ) : students > 0 ? (
        <Link to={`/advisors/${slug}#students-${year}`}>{students}</Link>
      ) : (
        0
      )}
      {headCount === null ? null : (
        <>
          <br />
          <span className="muted">head count {headCount}</span>
        </>
      )}
    </>
  );
}

/** The column header that explains what the number is. */
export function StudentsSeenHeader({ year }: { year: number | null }) {
  return (
    <abbr
      title={`PhD students seen on ${year ?? "recent"} papers where the advisor is last author (a lower bound, not a head count); a contributed head count, with its source, below it when there is one`}
    >
      Students seen
    </abbr>
  );
}
