import { Link } from "@remix-run/react";
import type { StudentLoadFilter } from "~/components/list-filters";
import type { AdvisorStudentLoad, ShownSummedStudentLoad } from "~/lib/directory/student-load.server";
import { venueName } from "~/lib/venues";

/** The one sentence on what a student load seen on papers is (and is not). */
export const STUDENT_LOAD_MEANING =
  "PhD students who declared that position on OpenReview and published with the advisor at these venues: a lower bound seen on top-venue papers, not a head count.";

const ALUMNI_MEANING =
  "People who published with the advisor as last author while PhD students (or as first author) and later declared a supervising position themselves: evidence of a lab that trains future advisors, the thing the thread cares about. Seen only through top-venue papers with positions (2021 on), so older alumni are missing.";

/** The cited papers by id: what a link to one is labelled with, and whether the page lists it (else its year's list does). */
export type PaperLabels = Map<number, { venue: string; year: number; shown?: boolean }>;

/** Links to the papers behind a number: their entries in the page's paper list (title, authors, link out), or in their year's list. */
function PaperLinks({ ids, labels }: { ids: number[]; labels: PaperLabels }) {
  return (
    <>
      {ids.map((id, i) => {
        const p = labels.get(id);
        return (
          <span key={id}>
            {i > 0 ? ", " : ""}
            <a href={p && p.shown === false ? `?papers=${p.year}#paper-${id}` : `#paper-${id}`}>
              {p ? `${venueName(p.venue)} ${p.year}` : `paper ${i + 1}`}
            </a>
          </span>
        );
      })}
    </>
  );
}

function Person({
  name,
  advisorSlug,
  openreviewId,
}: {
  name: string;
  advisorSlug: string | null;
  openreviewId: string | null;
}) {
  if (advisorSlug) return <Link to={`/advisors/${advisorSlug}`}>{name}</Link>;
  if (openreviewId)
    return (
      <a href={`https://openreview.net/profile?id=${encodeURIComponent(openreviewId)}`} rel="nofollow noopener">
        {name}
      </a>
    );
  return <>{name}</>;
}

/** The advisor page's section: students seen per recent year (with who and which papers), the sourced count, alumni. */
export function StudentLoadSection({
  load,
  sourced,
  papers,
}: {
  load: AdvisorStudentLoad;
  papers: PaperLabels;
  sourced: { count: number | null; sourceUrl: string | null; asOf: string | null };
}) {
  const visible = load.years.filter((y) => y.visible);
  const firstYear = load.years.length ? load.years[load.years.length - 1].year : null;
  return (
    <section aria-labelledby="students-heading" id="students">
      <h2 id="students-heading">Student load, seen on papers</h2>
      <p>
        {STUDENT_LOAD_MEANING} Years whose papers carry no positions say “not visible”, never zero; a year where fewer
        than half of the advisor’s last-author papers show positions is “partial” and is not the list’s number.
      </p>
      <p>
        Current PhD students (sourced):{" "}
        {sourced.count !== null && sourced.sourceUrl ? (
          <>
            <strong>{sourced.count}</strong>{" "}
            <a href={sourced.sourceUrl} rel="nofollow noopener">
              source
            </a>
            {sourced.asOf ? ` (as of ${sourced.asOf})` : ""} — this contributed count takes precedence over the papers.
          </>
        ) : (
          <span className="muted">unknown — no sourced count yet; the papers below are a lower bound.</span>
        )}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">PhD students seen per year</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col" className="num">
                PhD students, advisor last author
              </th>
              <th scope="col" className="num">
                Only on other papers
              </th>
              <th scope="col" className="num">
                Papers with positions
              </th>
            </tr>
          </thead>
          <tbody>
            {load.years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">
                  {y.year}
                  {y.year === load.year ? <span className="muted"> (the year the list counts)</span> : null}
                </th>
                {y.visible ? (
                  <>
                    <td className="num">
                      {!y.lastAuthorPapers ? (
                        <span className="muted">not visible (no last-author paper with positions)</span>
                      ) : (
                        <>
                          {y.lastAuthorStudents ? <a href={`#students-${y.year}`}>{y.lastAuthorStudents}</a> : 0}
                          {y.lastAuthorCount === null ? (
                            <span className="muted" data-partial="">
                              {" "}
                              (partial: {y.lastAuthorPapers} of {y.lastAuthorPapersAll} last-author papers show
                              positions)
                            </span>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td className="num">
                      {y.otherStudents ? <a href={`#students-${y.year}`}>{y.otherStudents}</a> : 0}
                    </td>
                    <td className="num">
                      {y.papers}{" "}
                      <span className="muted">
                        ({y.lastAuthorPapers} of {y.lastAuthorPapersAll} as last author)
                      </span>
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="muted">
                    not visible (no paper that year with positions in the data)
                  </td>
                )}
              </tr>
            ))}
            {firstYear !== null ? (
              <tr>
                <th scope="row">before {firstYear}</th>
                <td colSpan={3} className="muted">
                  not visible (no positions in the data)
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {visible
        .filter((y) => y.students.length > 0)
        .map((y) => (
          <div key={y.year} id={`students-${y.year}`}>
            <h3>
              {y.year}: {y.lastAuthorStudents} as last author, {y.otherStudents} only on other papers
            </h3>
            <ul>
              {y.students.map((s, i) => (
                <li key={i}>
                  <Person {...s} />
                  {s.lastAuthorPapers.length > 0 ? (
                    <>
                      {" — last author: "}
                      <PaperLinks ids={s.lastAuthorPapers} labels={papers} />
                    </>
                  ) : null}
                  {s.otherPapers.length > 0 ? (
                    <>
                      {s.lastAuthorPapers.length > 0 ? "; other: " : " — other papers: "}
                      <PaperLinks ids={s.otherPapers} labels={papers} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      <h3 id="alumni">Former students now advising ({load.alumni.length})</h3>
      <p className="muted">{ALUMNI_MEANING}</p>
      {load.alumni.length === 0 ? (
        <p>None seen.</p>
      ) : (
        <ul>
          {load.alumni.map((a, i) => (
            <li key={i}>
              <Person {...a} /> — {a.position}
              {a.institution ? (
                <>
                  {", "}
                  {a.institution}
                </>
              ) : null}
              , advising since {a.advisingSince}.{" "}
              <span className="muted">
                {a.role === "phd-student" ? "PhD student" : "First author"} with this advisor{" "}
                {a.firstYear === a.lastYear ? a.firstYear : `${a.firstYear}–${a.lastYear}`}:
              </span>{" "}
              <PaperLinks ids={a.papers} labels={papers} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The advisor list's explanation of the "not overrun" preset. */
export function StudentLoadNote({ studentLoad, active }: { studentLoad: StudentLoadFilter; active: boolean }) {
  const cut = studentLoad.notOverrun;
  if (!cut) return null;
  return (
    <p className={active ? "notice" : "muted"} id="not-overrun">
      “Not overrun”: at most <strong>{cut.max}</strong> PhD students seen on {cut.year} papers where the advisor is last
      author — the {cut.percentile}th percentile among the {cut.comparable.toLocaleString("en")} advisors with a
      comparable record (at least {cut.minLastAuthorPapers} last-author papers with positions that year). Students seen
      are a lower bound from top-venue papers, not a head count; an advisor whose {cut.year} load is not visible is left
      out.
    </p>
  );
}

/** The advisors behind a summed number, each linked to the part of their page that shows it. */
function AdvisorsBehind({
  id,
  advisors,
  anchor,
  unit,
  more = 0,
}: {
  id: string;
  advisors: { slug: string; name: string; n: number }[];
  anchor: string;
  unit: string;
  /** Advisors left out of the list (the page shows the first ones, most first). */
  more?: number;
}) {
  if (advisors.length === 0) return null;
  return (
    <details id={id}>
      <summary>The advisors behind this number</summary>
      <ul>
        {advisors.map((a) => (
          <li key={a.slug}>
            <Link to={`/advisors/${a.slug}#${anchor}`}>{a.name}</Link>: {a.n} {unit}
          </li>
        ))}
        {more > 0 ? (
          <li className="muted">
            and {more} more advisor{more > 1 ? "s" : ""} with fewer
          </li>
        ) : null}
      </ul>
    </details>
  );
}

/**
 * A lab's (or institution's) summed load: distinct students per visible year, distinct alumni;
 * each number links to the advisors behind it, whose pages list the students and the papers.
 */
export function SummedStudentLoadSection({ load, year }: { load: ShownSummedStudentLoad; year?: number | null }) {
  return (
    <section aria-labelledby="lab-students-heading" id="students">
      <h2 id="lab-students-heading">Student load, seen on papers</h2>
      <p className="muted">
        PhD students on papers where one of these advisors is last author, each counted once per year (a student of two
        of them counts once); {STUDENT_LOAD_MEANING.charAt(0).toLowerCase()}
        {STUDENT_LOAD_MEANING.slice(1)} Each advisor's page lists the students and papers.
      </p>
      {load.years.length === 0 ? (
        <p>Not visible: none of these advisors has a paper with positions in the data.</p>
      ) : (
        <ul>
          {load.years.map((y) => (
            <li key={y.year} id={`students-${y.year}`}>
              {y.year}
              {y.year === year ? " (the year the list counts)" : ""}:{" "}
              {y.students > 0 ? (
                <a href={`#students-${y.year}-advisors`}>
                  <strong>{y.students}</strong>
                </a>
              ) : (
                <strong>0</strong>
              )}{" "}
              PhD students{" "}
              <span className="muted">
                ({y.advisors} advisor{y.advisors > 1 ? "s" : ""} visible)
              </span>
              <AdvisorsBehind
                id={`students-${y.year}-advisors`}
                advisors={y.byAdvisor}
                anchor={`students-${y.year}`}
                unit="seen as last author"
                more={y.moreAdvisors}
              />
            </li>
          ))}
        </ul>
      )}
      <p id="alumni">
        Former students now advising:{" "}
        {load.alumni > 0 ? (
          <a href="#alumni-advisors">
            <strong>{load.alumni}</strong>
          </a>
        ) : (
          <strong>0</strong>
        )}
      </p>
      <AdvisorsBehind
        id="alumni-advisors"
        advisors={load.alumniByAdvisor}
        anchor="alumni"
        unit="now advising"
        more={load.moreAlumniAdvisors}
      />
      <p className="muted">{ALUMNI_MEANING.replace(/the advisor/g, "one of these advisors")}</p>
    </section>
  );
}
