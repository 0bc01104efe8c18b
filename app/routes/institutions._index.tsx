import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters, Problems } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { ExportLinks, RankedTable } from "~/components/ranked-table";
import { TopicExplanation, TopicMatch } from "~/components/topics";
import { filtersToSearch, GROUP_SORTS } from "~/lib/directory/advisor-filters";
import { parseListFilters, venuesWithData } from "~/lib/directory/advisor-list.server";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { cifreCellLabel } from "~/lib/directory/cifre";
import { filterOptions } from "~/lib/directory/filter-options.server";
import { listInstitutions } from "~/lib/directory/institutions.server";
import { pagedList, topicView } from "~/lib/directory/paged-list.server";
import { countryName } from "~/lib/geo.server";

export const meta: MetaFunction = () => [{ title: "Institutions — Advisor Atlas" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params, {
    defaultLimit: PAGE_SIZE,
    pageParam: true,
    sorts: GROUP_SORTS,
  });
  const { result, page, pages } = await pagedList(filters, problems, "institutions", (f) =>
    listInstitutions(f, { topicFacets: true }),
  );
  const index = await advisorIndex();
  return {
    filters,
    problems,
    venuesWithData: await venuesWithData(),
    coAffiliated: filters.coAffiliated,
    total: result.total,
    page,
    pages,
    window: result.params.window,
    years: { first: index.firstYear, last: Math.max(...index.latestYear.values()) },
    options: filterOptions(result.facets, filters.country, result.topicOptions),
    topic: topicView(result.topic, result.topicOptions),
    exportSearch: filtersToSearch({ ...filters, limit: undefined }),
    prevHref:
      page > 1 ? `/institutions${filtersToSearch({ ...filters, page: page - 1 }, { defaultLimit: PAGE_SIZE })}` : null,
    nextHref:
      page < pages
        ? `/institutions${filtersToSearch({ ...filters, page: page + 1 }, { defaultLimit: PAGE_SIZE })}`
        : null,
    institutions: result.institutions.map((i) => ({
      slug: i.slug,
      name: i.name,
      kind: i.kind,
      where: countryName(i.country),
      advisors: i.advisors,
      papers: i.papers,
      windowPapers: i.windowPapers,
      score: i.score,
      rank: i.rank,
      cifre: i.cifre,
    })),
  };
}

export default function InstitutionsPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Institutions</h1>
      <p>
        <strong>{d.total}</strong> universities, research institutes and companies with at least one advisor, ranked by
        the sum of their current advisors' scores ({d.window.from}–{d.window.to}), the same rule as the advisor list.
      </p>
      {d.topic ? <TopicExplanation topic={d.topic} window={d.window} of="institutions" /> : null}
      <Problems problems={d.problems} />
      <div className="layout-with-filters">
        <ListFilters
          venuesWithData={d.venuesWithData}
          action="/institutions"
          label="Filter institutions"
          filters={d.filters}
          options={d.options}
          window={d.window}
          years={d.years}
          coAffiliated={d.coAffiliated}
          recruitingFilter={false}
        />
        <section aria-labelledby="institutions-heading">
          <h2 id="institutions-heading" className="visually-hidden">
            Institutions
          </h2>
          <ExportLinks api="/api/institutions" search={d.exportSearch} />
          <RankedTable
            rows={d.institutions}
            rowKey={(i) => i.slug}
            empty="No institution matches these filters."
            columns={[
              { header: "Rank", num: true, cell: (i) => i.rank },
              {
                header: "Institution",
                cell: (i) => (
                  <>
                    <Link to={`/institutions/${i.slug}`}>{i.name}</Link>
                    {d.topic ? (
                      <>
                        <br />
                        <TopicMatch
                          papers={i.papers}
                          windowPapers={i.windowPapers}
                          label={d.topic.label}
                          of="its advisors'"
                        />
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: "Country", cell: (i) => i.where ?? <span className="muted">unknown</span> },
              { header: "Kind", cell: (i) => i.kind ?? <span className="muted">unknown</span> },
              {
                header: "CIFRE",
                cell: (i) => cifreCellLabel(i.cifre, i.cifre === "eligible" || i.cifre === "no"),
              },
              { header: "Advisors", num: true, cell: (i) => i.advisors },
              { header: "Papers", num: true, cell: (i) => i.papers },
              { header: "Score", num: true, cell: (i) => i.score },
            ]}
          />
          <Pagination page={d.page} pages={d.pages} prevHref={d.prevHref} nextHref={d.nextHref} />
        </section>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
