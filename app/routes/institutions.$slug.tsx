import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CifreFact } from "~/components/cifre-fact";
import { CoAffiliationsSection } from "~/components/co-affiliations";
import { SummedStudentLoadSection } from "~/components/student-load";
import { TopTopics } from "~/components/topics";
import { TrackRecordChart } from "~/components/track-record-chart";
import { TrackRecordTable } from "~/components/track-record-table";
import { WebsiteFact } from "~/components/website-fact";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { getInstitutionPage } from "~/lib/directory/institutions.server";
import { firstAdvisorsBehind } from "~/lib/directory/student-load.server";
import { continentName, countryName } from "~/lib/geo.server";
import { notFound } from "~/lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.institution.name} — Advisor Atlas` : "Institution not found — Advisor Atlas" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { filters } = await parseListFilters(new URL(request.url).searchParams);
  const slug = params.slug ?? "";
  const found = slug.length <= 200 ? await getInstitutionPage(slug, filters) : null;
  if (!found) notFound(`No institution at /institutions/${slug.slice(0, 80)}.`);
  const {
    institution,
    item,
    total,
    cifre,
    labs,
    advisors,
    trackRecord,
    coAffiliations,
    studentLoad,
    studentLoadYear,
    topics,
    params: sp,
  } = found;
  return {
    institution: {
      ...institution,
      countryName: countryName(institution.country),
      continentName: continentName(institution.continent),
    },
    record: item
      ? {
          advisors: item.advisors,
          papers: item.papers,
          score: item.score,
          rank: item.rank,
          regionRank: item.regionRank,
          regionSize: item.regionSize,
        }
      : null,
    total,
    cifre,
    labs,
    // The page shows the top 200 (the full list is in the API) and 30 co-affiliated papers.
    advisors: advisors.slice(0, 200),
    advisorCount: advisors.length,
    trackRecord,
    coAffiliations: { total: coAffiliations.total, papers: coAffiliations.papers.slice(0, 30) },
    studentLoad: firstAdvisorsBehind(studentLoad),
    studentLoadYear,
    topics,
    window: sp.window,
  };
}

export default function InstitutionPage() {
  const {
    institution,
    record,
    total,
    cifre,
    labs,
    advisors,
    advisorCount,
    trackRecord,
    coAffiliations,
    studentLoad,
    studentLoadYear,
    topics,
    window,
  } = useLoaderData<typeof loader>();
  const years = [...new Set(trackRecord.map((r) => r.year))].sort((a, b) => b - a);
  return (
    <article>
      <h1>{institution.name}</h1>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{institution.kind}</dd>
        <dt>Place</dt>
        <dd>
          {[institution.countryName, institution.continentName].filter(Boolean).join(", ") || (
            <span className="muted">unknown</span>
          )}
          {institution.placeSource ? <span className="muted"> ({institution.placeSource})</span> : null}
        </dd>
        <WebsiteFact url={institution.website} source={institution.websiteSource} />
        <dt>Rank</dt>
        <dd>
          {record ? (
            <>
              #{record.rank} of {total} worldwide
              {record.regionRank && institution.continentName
                ? `, #${record.regionRank} of ${record.regionSize} in ${institution.continentName}`
                : ""}{" "}
              ({window.from}–{window.to}, score {record.score}, {record.papers} papers by {record.advisors} advisor
              {record.advisors > 1 ? "s" : ""})
            </>
          ) : (
            <span className="muted">not ranked: no current advisor</span>
          )}
        </dd>
        <CifreFact cifre={cifre} explainAll />
      </dl>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">Named labs</h2>
        {labs.length === 0 ? (
          <p className="muted">No named lab of this institution in the directory yet.</p>
        ) : (
          <ul>
            {labs.map((l) => (
              <li key={l.slug}>
                <Link to={`/labs/${l.slug}`}>{l.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="advisors-heading">
        <h2 id="advisors-heading">Advisors</h2>
        {advisors.length === 0 ? (
          <p className="muted">No current advisor placed here.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Rank
                  </th>
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
                </tr>
              </thead>
              <tbody>
                {advisors.map((a) => (
                  <tr key={a.slug}>
                    <td className="num">{a.rank}</td>
                    <td>
                      <Link to={`/advisors/${a.slug}`}>{a.name}</Link>
                    </td>
                    <td>{a.position}</td>
                    <td className="num">{a.score}</td>
                    <td className="num">{a.papers}</td>
                    <td className="num">{a.consistency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {advisorCount > advisors.length ? (
          <p className="muted">
            The top {advisors.length} of {advisorCount} advisors; all of them:{" "}
            <a href={`/api/institutions/${institution.slug}`}>JSON</a>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">Research topics</h2>
        <TopTopics topics={topics} of="its advisors'" ranking="/institutions" />
      </section>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">Track record of its advisors</h2>
        {years.length === 0 ? (
          <p className="muted">No papers at these venues by its current advisors.</p>
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
        none="No author prints this institution together with a French academic and a company affiliation."
      />
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
