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
import { companiesByRecord, listLabs } from "~/lib/directory/labs.server";
import { pagedList, topicView } from "~/lib/directory/paged-list.server";
import { countryName } from "~/lib/geo.server";

export const meta: MetaFunction = () => [{ title: "Labs — Advisor Atlas" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params, {
    defaultLimit: PAGE_SIZE,
    pageParam: true,
    sorts: GROUP_SORTS,
  });
  const { result, page, pages } = await pagedList(filters, problems, "labs", (f) => listLabs(f, { topicFacets: true }));
  const [companies, index] = await Promise.all([companiesByRecord(filters, 20), advisorIndex()]);
  return {
    filters,
    problems,
    venuesWithData: await venuesWithData(),
    total: result.total,
    page,
    pages,
    window: result.params.window,
    years: { first: index.firstYear, last: Math.max(...index.latestYear.values()) },
    options: filterOptions(result.facets, filters.country, result.topicOptions),
    topic: topicView(result.topic, result.topicOptions),
    coAffiliated: filters.coAffiliated,
    exportSearch: filtersToSearch({ ...filters, limit: undefined }),
    prevHref: page > 1 ? `/labs${filtersToSearch({ ...filters, page: page - 1 }, { defaultLimit: PAGE_SIZE })}` : null,
    nextHref:
      page < pages ? `/labs${filtersToSearch({ ...filters, page: page + 1 }, { defaultLimit: PAGE_SIZE })}` : null,
    labs: result.labs.map((l) => ({
      slug: l.slug,
      name: l.name,
      where: [l.institution ?? l.company, l.city, countryName(l.country)].filter(Boolean).join(", "),
      kind: l.kind,
      cifre: l.cifre,
      cifreBasis: l.cifreBasis.basis,
      recruiting: l.recruiting,
      record: l.record,
      rank: l.rank,
    })),
    companies: companies.companies,
  };
}

export default function LabsPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>AI labs</h1>
      <p>
        <strong>{d.total}</strong> labs. A lab's advisors are those who print it on their latest papers (with the papers
        as evidence) or whom a contributor added; its record sums theirs ({d.window.from}–{d.window.to}). Labs with no
        advisor linked yet come last, unranked. Every CIFRE status, website and recruiting flag shows its source or its
        rule.
      </p>
      {d.topic ? <TopicExplanation topic={d.topic} window={d.window} of="labs" /> : null}
      <Problems problems={d.problems} />
      <div className="layout-with-filters">
        <ListFilters
          venuesWithData={d.venuesWithData}
          action="/labs"
          label="Filter labs"
          filters={d.filters}
          options={d.options}
          window={d.window}
          years={d.years}
          coAffiliated={d.coAffiliated}
        />
        <section aria-labelledby="labs-heading">
          <h2 id="labs-heading" className="visually-hidden">
            Labs
          </h2>
          <ExportLinks api="/api/labs" search={d.exportSearch} />
          <RankedTable
            rows={d.labs}
            rowKey={(l) => l.slug}
            empty="No lab matches these filters."
            columns={[
              { header: "Rank", num: true, cell: (l) => l.rank ?? "" },
              {
                header: "Lab",
                cell: (l) => (
                  <>
                    <Link to={`/labs/${l.slug}`}>{l.name}</Link>
                    {/* Recruiting is known only where a contributor sourced it: said here, not as a
                        column of "unknown" (the filter and the lab's page give the source). */}
                    {l.recruiting === null ? null : (
                      <span className="muted">
                        {" "}
                        · {l.recruiting ? "recruiting this cycle" : "not recruiting this cycle"}
                      </span>
                    )}
                    {d.topic ? (
                      <>
                        <br />
                        <TopicMatch
                          papers={l.record.papers}
                          windowPapers={l.record.windowPapers}
                          label={d.topic.label}
                          of="its advisors'"
                        />
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: "Where", cell: (l) => l.where || <span className="muted">unknown</span> },
              { header: "Kind", cell: (l) => l.kind },
              {
                header: "CIFRE",
                cell: (l) => cifreCellLabel(l.cifre, l.cifreBasis === "rule"),
              },
              {
                header: "Advisors",
                num: true,
                cell: (l) =>
                  l.record.advisors === 0
                    ? { colSpan: 3, className: "muted", content: "no advisor linked yet" }
                    : l.record.advisors,
              },
              { header: "Papers", num: true, cell: (l) => (l.record.advisors === 0 ? null : l.record.papers) },
              { header: "Score", num: true, cell: (l) => (l.record.advisors === 0 ? null : l.record.score) },
            ]}
          />
          <Pagination page={d.page} pages={d.pages} prevHref={d.prevHref} nextHref={d.nextHref} />

          <h2 id="companies">AI companies that publish at these venues</h2>
          <p className="muted">
            The thread wished for “a list of real AI companies”: companies whose researchers (self-declared supervising
            positions) publish at the chosen venues, ranked by the sum of their scores, {d.window.from}–{d.window.to}.
          </p>
          <RankedTable
            rows={d.companies}
            rowKey={(c) => c.name}
            empty="No company with a researcher at these venues in this window."
            columns={[
              { header: "Company", cell: (c) => c.name },
              { header: "Researchers", num: true, cell: (c) => c.advisors },
              { header: "Papers", num: true, cell: (c) => c.papers },
              { header: "Score", num: true, cell: (c) => c.score },
            ]}
          />
        </section>
      </div>
    </>
  );
}
