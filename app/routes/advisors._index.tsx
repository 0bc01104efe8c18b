import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ListFilters, Problems } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { StudentLoadNote } from "~/components/student-load";
import { StudentsSeen, StudentsSeenHeader } from "~/components/students-seen";
import { TopicExplanation, TopicMatch } from "~/components/topics";
import { filtersToSearch } from "~/lib/directory/advisor-filters";
import { advisorListView, venuesWithData } from "~/lib/directory/advisor-list.server";
import { filterOptions } from "~/lib/directory/filter-options.server";
import { pageTitle } from "~/lib/directory/position-label";
import { countryName } from "~/lib/geo.server";
import { SCORE_FORMULA } from "~/lib/scoring";
import { venueName } from "~/lib/venues";

export const meta: MetaFunction = () => [{ title: "Advisors — Advisor Atlas" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const view = await advisorListView(url.searchParams, { defaultLimit: PAGE_SIZE, pageParam: true });
  const { filters, problems, result, page, pages } = view;
  const exportSearch = filtersToSearch({ ...filters, limit: undefined });
  return {
    filters,
    problems,
    venuesWithData: await venuesWithData(),
    page,
    pages,
    total: result.total,
    window: result.params.window,
    years: { first: result.firstYear, last: result.lastYear },
    options: filterOptions(result.facets, filters.country, result.topicOptions),
    topic: result.topic && {
      kind: result.topic.kind,
      label: result.topic.label,
      description:
        result.topic.kind === "curated"
          ? (result.topicOptions.find((t) => t.id === result.topic!.id)?.description ?? null)
          : null,
    },
    venueNames: filters.venues.map(venueName),
    exportSearch,
    prevHref:
      page > 1 ? `/advisors${filtersToSearch({ ...filters, page: page - 1 }, { defaultLimit: PAGE_SIZE })}` : null,
    nextHref:
      page < pages ? `/advisors${filtersToSearch({ ...filters, page: page + 1 }, { defaultLimit: PAGE_SIZE })}` : null,
    items: result.items.map((r) => ({
      slug: r.entry.slug,
      name: r.entry.name,
      position: r.entry.position,
      positionSource: r.entry.positionSource,
      institution: r.entry.institution,
      country: countryName(r.entry.country),
      rank: r.rank,
      topPercent: r.topPercent,
      score: r.breakdown.score,
      papers: r.breakdown.papers,
      credit: r.breakdown.credit,
      lastAuthor: r.breakdown.lastAuthor,
      highlighted: r.breakdown.highlighted,
      consistency: r.breakdown.consistency,
      windowYears: r.breakdown.windowYears,
      windowPapers: r.windowPapers,
      studentCount: r.entry.studentCount,
      students: r.entry.students,
      earlierStudents: r.entry.earlierStudents,
      alumni: r.entry.alumni,
    })),
    studentLoad: result.studentLoad,
  };
}

export default function AdvisorsPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const params = data.exportSearch;
  return (
    <>
      <h1>PhD advisors ranked by where they publish</h1>
      <p>
        <strong>{data.total.toLocaleString("en")}</strong> advisors · {data.venueNames.join(", ")} · {data.window.from}–
        {data.window.to}. <span className="muted">{SCORE_FORMULA}.</span>
      </p>
      {data.topic ? <TopicExplanation topic={data.topic} window={data.window} /> : null}
      <Problems problems={data.problems} />
      <StudentLoadNote
        studentLoad={data.studentLoad}
        active={data.filters.notOverrun && data.filters.maxStudents === null}
      />
      <div className="layout-with-filters">
        <ListFilters
          venuesWithData={data.venuesWithData}
          action="/advisors"
          label="Filter advisors"
          filters={data.filters}
          options={data.options}
          window={data.window}
          years={data.years}
          studentLoad={data.studentLoad}
        />
        <section aria-labelledby="results-heading" aria-busy={navigation.state === "loading"}>
          <h2 id="results-heading" className="visually-hidden">
            Results
          </h2>
          <p>
            Export this list: <a href={`/api/advisors.csv${params}`}>CSV</a> ·{" "}
            <a href={`/api/advisors${params}`}>JSON</a>
          </p>
          <form method="get" action="/compare">
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Compare</span>
                    </th>
                    <th scope="col" className="num">
                      Rank
                    </th>
                    <th scope="col">Advisor</th>
                    <th scope="col">Institution</th>
                    <th scope="col">Country</th>
                    <th scope="col" className="num">
                      Score
                    </th>
                    <th scope="col" className="num">
                      Papers
                    </th>
                    <th scope="col" className="num">
                      <abbr title="author-adjusted credit: each paper counts 1/number of authors">Credit</abbr>
                    </th>
                    <th scope="col" className="num">
                      Last author
                    </th>
                    <th scope="col" className="num">
                      Orals / spotlights
                    </th>
                    <th scope="col" className="num">
                      Years
                    </th>
                    <th scope="col" className="num">
                      <StudentsSeenHeader year={data.studentLoad.year} />
                    </th>
                    <th scope="col" className="num">
                      <abbr title="former students now advising, seen on top-venue papers">Alumni advising</abbr>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((a) => (
                    <tr key={a.slug}>
                      <td>
                        <input type="checkbox" name="advisors" value={a.slug} aria-label={`Compare ${a.name}`} />
                      </td>
                      <td className="num">
                        {a.rank} <span className="muted">(top {a.topPercent}%)</span>
                      </td>
                      <td>
                        <Link to={`/advisors/${a.slug}`}>{a.name}</Link>
                        <br />
                        <span className="muted">
                          {pageTitle(a.position, a.positionSource)}
                          {a.positionSource === "inferred" ? " · inferred from authorship" : ""}
                        </span>
                        {data.topic ? (
                          <>
                            <br />
                            <TopicMatch papers={a.papers} windowPapers={a.windowPapers} label={data.topic.label} />
                          </>
                        ) : null}
                      </td>
                      <td>{a.institution ?? <span className="muted">unknown</span>}</td>
                      <td>{a.country ?? <span className="muted">unknown</span>}</td>
                      <td className="num">{a.score}</td>
                      <td className="num">{a.papers}</td>
                      <td className="num">{a.credit}</td>
                      <td className="num">{a.lastAuthor}</td>
                      <td className="num">{a.highlighted}</td>
                      <td className="num">
                        {a.consistency}/{a.windowYears}
                      </td>
                      <td className="num">
                        <StudentsSeen
                          slug={a.slug}
                          students={a.students}
                          year={data.studentLoad.year}
                          earlier={a.earlierStudents}
                          headCount={a.studentCount}
                        />
                      </td>
                      <td className="num">
                        {a.alumni > 0 ? <Link to={`/advisors/${a.slug}#alumni`}>{a.alumni}</Link> : 0}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.items.length === 0 ? (
              <p>No advisor matches these filters.</p>
            ) : (
              <button type="submit" className="secondary">
                Compare selected
              </button>
            )}
          </form>
          <Pagination page={data.page} pages={data.pages} prevHref={data.prevHref} nextHref={data.nextHref} />
        </section>
      </div>
    </>
  );
}
