import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CifreFact } from "~/components/cifre-fact";
import { CoAffiliationsSection } from "~/components/co-affiliations";
import { SummedStudentLoadSection } from "~/components/student-load";
import { StudentsSeen, StudentsSeenHeader } from "~/components/students-seen";
import { TopTopics } from "~/components/topics";
import { TrackRecordChart } from "~/components/track-record-chart";
import { TrackRecordTable } from "~/components/track-record-table";
import { WebsiteFact } from "~/components/website-fact";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { getLabPage } from "~/lib/directory/labs.server";
import { firstAdvisorsBehind } from "~/lib/directory/student-load.server";
import { httpOnly } from "~/lib/external-links";
import { continentName, countryName } from "~/lib/geo.server";
import { notFound } from "~/lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lab.name} — Advisor Atlas` : "Lab not found — Advisor Atlas" },
];

/** A large lab (MIT, Google) lists hundreds of advisors: the page keeps to its budget (issue 13: < 150 kB). */
const LAB_PAGE_ADVISORS = 40;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { filters } = await parseListFilters(new URL(request.url).searchParams);
  const found = await getLabPage(params.slug ?? "", filters);
  if (!found) notFound(`No lab at /labs/${(params.slug ?? "").slice(0, 80)}.`);
  const { lab, advisors, trackRecord, params: sp, cifre, coAffiliations, studentLoad, studentLoadYear, topics } = found;
  return {
    lab: { ...lab, countryName: countryName(lab.country), continentName: continentName(lab.continent) },
    cifre,
    coAffiliations: { total: coAffiliations.total, papers: coAffiliations.papers.slice(0, 30) },
    // The page lists the first LAB_PAGE_ADVISORS (current members first, by score); the API has all.
    advisors: advisors.slice(0, LAB_PAGE_ADVISORS),
    advisorsTotal: advisors.length,
    trackRecord,
    window: sp.window,
    studentLoad: firstAdvisorsBehind(studentLoad),
    studentLoadYear,
    topics,
  };
}

const yesNo = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no");

export default function LabPage() {
  const {
    lab,
    advisors,
    advisorsTotal,
    trackRecord,
    window,
    cifre,
    coAffiliations,
    studentLoad,
    studentLoadYear,
    topics,
  } = useLoaderData<typeof loader>();
  const years = [...new Set(trackRecord.map((r) => r.year))].sort((a, b) => b - a);
  return (
    <article>
      <h1>{lab.name}</h1>
      {lab.description ? <p className="lab-description">{lab.description}</p> : null}
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {lab.kind}, focus {lab.focus}
        </dd>
        <dt>Institution or company</dt>
        <dd>{lab.institution ?? lab.company ?? <span className="muted">unknown</span>}</dd>
        <dt>Place</dt>
        <dd>
          {[lab.city, lab.countryName, lab.continentName].filter(Boolean).join(", ") || (
            <span className="muted">unknown</span>
          )}
        </dd>
        <WebsiteFact url={lab.website} />
        <CifreFact cifre={cifre} />
        <dt>Residencies / internships</dt>
        <dd>
          {yesNo(lab.residencies)} / {yesNo(lab.internships)}
        </dd>
        <dt>Recruiting this cycle</dt>
        <dd>
          {yesNo(lab.recruiting)}
          {lab.recruitingVerifiedAt ? ` (verified ${lab.recruitingVerifiedAt})` : ""}
          {httpOnly(lab.recruitingSourceUrl) ? (
            <>
              {" "}
              <a href={httpOnly(lab.recruitingSourceUrl)!} rel="nofollow noopener">
                source
              </a>
            </>
          ) : null}
        </dd>
      </dl>
      <p>
        <Link to={`/submit?lab=${lab.slug}`}>Suggest a correction</Link>
      </p>

      <section aria-labelledby="advisors-heading">
        <h2 id="advisors-heading">Advisors</h2>
        {advisors.length === 0 ? (
          <p className="muted">No advisor linked yet. Contributors can add one, with a source.</p>
        ) : (
          <>
            <p className="muted">
              Linked because the affiliation printed with their name names this lab, on their papers of their latest two
              years with a printed affiliation, or of the eight years before when the lab belongs to the institution
              they are at now; or added by a contributor, with a source.
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Advisor</th>
                    <th scope="col">Position</th>
                    <th scope="col" className="num">
                      Score
                    </th>
                    <th scope="col" className="num">
                      Papers
                    </th>
                    <th scope="col" className="num">
                      Years
                    </th>
                    <th scope="col" className="num">
                      <StudentsSeenHeader year={studentLoadYear} />
                    </th>
                    <th scope="col">Basis</th>
                  </tr>
                </thead>
                <tbody>
                  {advisors.map((a) => (
                    <tr key={a.slug}>
                      <td>
                        {a.isAdvisor ? <Link to={`/advisors/${a.slug}`}>{a.name}</Link> : a.name}
                        {a.current ? null : <span className="muted"> (former)</span>}
                      </td>
                      <td>{a.position ?? <span className="muted">unknown</span>}</td>
                      <td className="num">{a.score}</td>
                      <td className="num">{a.papers}</td>
                      <td className="num">{a.consistency}</td>
                      <td className="num">
                        {a.isAdvisor ? (
                          <StudentsSeen
                            slug={a.slug}
                            students={a.students}
                            year={studentLoadYear}
                            earlier={a.earlierStudents}
                            headCount={a.studentCount}
                          />
                        ) : (
                          <span className="muted">not an advisor</span>
                        )}
                      </td>
                      <td>
                        {a.printedPapers && a.evidence[0] ? (
                          <>
                            printed on {a.printedPapers} paper{a.printedPapers > 1 ? "s" : ""}, latest{" "}
                            {a.printedLatestYear}
                            {httpOnly(a.evidence[0].url) ? (
                              <>
                                {" "}
                                (
                                <a
                                  href={httpOnly(a.evidence[0].url)!}
                                  rel="nofollow noopener"
                                  title={a.evidence[0].affiliation}
                                >
                                  paper
                                </a>
                                )
                              </>
                            ) : null}
                          </>
                        ) : null}
                        {a.basis === "contributed" ? (
                          <>
                            {a.printedPapers ? "; " : ""}
                            {a.current ? "contributed" : "not a member (contributed)"}
                            {httpOnly(a.sourceUrl) ? (
                              <>
                                {" "}
                                (
                                <a href={httpOnly(a.sourceUrl)!} rel="nofollow noopener">
                                  source
                                </a>
                                )
                              </>
                            ) : null}
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {advisorsTotal > advisors.length ? (
          <p className="muted">
            The first {advisors.length} of {advisorsTotal}, by score; all of them, with their evidence, in{" "}
            <a href={`/api/labs/${lab.slug}`}>the JSON API</a>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="lab-topics-heading">
        <h2 id="lab-topics-heading">Research topics</h2>
        <TopTopics topics={topics} of="its advisors'" ranking="/labs" />
      </section>

      <section aria-labelledby="lab-record-heading">
        <h2 id="lab-record-heading">Track record of its advisors</h2>
        {years.length === 0 ? (
          <p className="muted">No papers yet: no advisor with papers at these venues is linked to this lab.</p>
        ) : (
          <>
            <TrackRecordChart rows={trackRecord} from={Math.min(window.from, years[years.length - 1])} to={window.to} />
            <TrackRecordTable rows={trackRecord} />
          </>
        )}
      </section>

      <SummedStudentLoadSection load={studentLoad} year={studentLoadYear} />

      <CoAffiliationsSection
        coAffiliations={coAffiliations}
        none="No author prints this lab together with a French academic and a company affiliation."
      />

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        {lab.claims.length === 0 ? (
          <p className="muted">No sourced claims.</p>
        ) : (
          <ul>
            {lab.claims.map((c, i) => (
              <li key={i}>
                <strong>{c.field}</strong>: {typeof c.value === "string" ? c.value : JSON.stringify(c.value)} —{" "}
                {httpOnly(c.url) ? (
                  <a href={httpOnly(c.url)!} rel="nofollow noopener">
                    source
                  </a>
                ) : (
                  c.url
                )}
                {c.quote ? <q>{c.quote}</q> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
