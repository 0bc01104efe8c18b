import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters, Problems } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { filtersToSearch, parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { cifreCellLabel } from "~/lib/directory/cifre";
import { filterOptions } from "~/lib/directory/filter-options.server";
import { listInstitutions } from "~/lib/directory/institutions.server";
import { countryName } from "~/lib/geo.server";

export const meta: MetaFunction = () => [{ title: "Institutions — Advisor Atlas" }];

const PAGE_SIZE = 50;

const withCoAffiliation = (search: string, on: boolean) =>
  on ? `${search}${search ? "&" : "?"}coaffiliation=true` : search;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = parseAdvisorFilters(params, { defaultLimit: PAGE_SIZE, pageParam: true });
  const coAffiliated = params.get("coaffiliation") === "true";
  let result = await listInstitutions(filters, { coAffiliated });
  const pages = Math.max(1, Math.ceil(result.total / filters.limit));
  if (filters.offset >= result.total && filters.offset > 0) {
    problems.push({
      param: "page",
      message: `There are only ${pages} page${pages > 1 ? "s" : ""} of institutions; showing the last one.`,
    });
    filters.offset = (pages - 1) * filters.limit;
    result = await listInstitutions(filters, { coAffiliated });
  }
  const page = Math.floor(filters.offset / filters.limit) + 1;
  const index = await advisorIndex();
  return {
    filters,
    problems,
    coAffiliated,
    total: result.total,
    page,
    pages,
    window: result.params.window,
    years: { first: index.firstYear, last: Math.max(...index.latestYear.values()) },
    options: filterOptions(result.facets, filters.country),
    exportSearch: withCoAffiliation(filtersToSearch({ ...filters, limit: undefined }), coAffiliated),
    prevHref:
      page > 1
        ? `/institutions${withCoAffiliation(filtersToSearch({ ...filters, page: page - 1 }, { defaultLimit: PAGE_SIZE }), coAffiliated)}`
        : null,
    nextHref:
      page < pages
        ? `/institutions${withCoAffiliation(filtersToSearch({ ...filters, page: page + 1 }, { defaultLimit: PAGE_SIZE }), coAffiliated)}`
        : null,
    institutions: result.institutions.map((i) => ({
      slug: i.slug,
      name: i.name,
      kind: i.kind,
      where: countryName(i.country),
      advisors: i.advisors,
      papers: i.papers,
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
      <Problems problems={d.problems} />
      <div className="layout-with-filters">
        <ListFilters
          action="/institutions"
          label="Filter institutions"
          filters={d.filters}
          options={d.options}
          window={d.window}
          years={d.years}
          coAffiliated={d.coAffiliated}
        />
        <section aria-labelledby="institutions-heading">
          <h2 id="institutions-heading" className="visually-hidden">
            Institutions
          </h2>
          <p>
            Export: <a href={`/api/institutions.csv${d.exportSearch}`}>CSV</a> ·{" "}
            <a href={`/api/institutions${d.exportSearch}`}>JSON</a>
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Rank
                  </th>
                  <th scope="col">Institution</th>
                  <th scope="col">Country</th>
                  <th scope="col">Kind</th>
                  <th scope="col">CIFRE</th>
                  <th scope="col" className="num">
                    Advisors
                  </th>
                  <th scope="col" className="num">
                    Papers
                  </th>
                  <th scope="col" className="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.institutions.map((i) => (
                  <tr key={i.slug}>
                    <td className="num">{i.rank}</td>
                    <td>
                      <Link to={`/institutions/${i.slug}`}>{i.name}</Link>
                    </td>
                    <td>{i.where ?? <span className="muted">unknown</span>}</td>
                    <td>{i.kind ?? <span className="muted">unknown</span>}</td>
                    <td>{cifreCellLabel(i.cifre, i.cifre === "eligible")}</td>
                    <td className="num">{i.advisors}</td>
                    <td className="num">{i.papers}</td>
                    <td className="num">{i.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.institutions.length === 0 && <p>No institution matches these filters.</p>}
          <Pagination page={d.page} pages={d.pages} prevHref={d.prevHref} nextHref={d.nextHref} />
        </section>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
