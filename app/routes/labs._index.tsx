import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters, Problems } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { filtersToSearch, parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { cifreCellLabel } from "~/lib/directory/cifre";
import { filterOptions } from "~/lib/directory/filter-options.server";
import { companiesByRecord, listLabs } from "~/lib/directory/labs.server";
import { countryName } from "~/lib/geo.server";

export const meta: MetaFunction = () => [{ title: "Labs — Advisor Atlas" }];

const PAGE_SIZE = 50;

const withCoAffiliation = (search: string, on: boolean) =>
  on ? `${search}${search ? "&" : "?"}coaffiliation=true` : search;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = parseAdvisorFilters(params, { defaultLimit: PAGE_SIZE, pageParam: true });
  const coAffiliated = params.get("coaffiliation") === "true";
  let result = await listLabs(filters, { coAffiliated });
  const pages = Math.max(1, Math.ceil(result.total / filters.limit));
  if (filters.offset >= result.total && filters.offset > 0) {
    problems.push({
      param: "page",
      message: `There are only ${pages} page${pages > 1 ? "s" : ""} of labs; showing the last one.`,
    });
    filters.offset = (pages - 1) * filters.limit;
    result = await listLabs(filters, { coAffiliated });
  }
  const page = Math.floor(filters.offset / filters.limit) + 1;
  const [companies, index] = await Promise.all([companiesByRecord(filters, 20), advisorIndex()]);
  return {
    filters,
    problems,
    total: result.total,
    page,
    pages,
    window: result.params.window,
    years: { first: index.firstYear, last: Math.max(...index.latestYear.values()) },
    options: filterOptions(result.facets, filters.country),
    coAffiliated,
    exportSearch: withCoAffiliation(filtersToSearch({ ...filters, limit: undefined }), coAffiliated),
    prevHref:
      page > 1
        ? `/labs${withCoAffiliation(filtersToSearch({ ...filters, page: page - 1 }, { defaultLimit: PAGE_SIZE }), coAffiliated)}`
        : null,
    nextHref:
      page < pages
        ? `/labs${withCoAffiliation(filtersToSearch({ ...filters, page: page + 1 }, { defaultLimit: PAGE_SIZE }), coAffiliated)}`
        : null,
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
      <Problems problems={d.problems} />
      <div className="layout-with-filters">
        <ListFilters
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
          <p>
            Export: <a href={`/api/labs.csv${d.exportSearch}`}>CSV</a> · <a href={`/api/labs${d.exportSearch}`}>JSON</a>
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Rank
                  </th>
                  <th scope="col">Lab</th>
                  <th scope="col">Where</th>
                  <th scope="col">Kind</th>
                  <th scope="col">CIFRE</th>
                  <th scope="col">Recruiting</th>
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
                {d.labs.map((l) => (
                  <tr key={l.slug}>
                    <td className="num">{l.rank ?? ""}</td>
                    <td>
                      <Link to={`/labs/${l.slug}`}>{l.name}</Link>
                    </td>
                    <td>{l.where || <span className="muted">unknown</span>}</td>
                    <td>{l.kind}</td>
                    <td>{cifreCellLabel(l.cifre, l.cifreBasis === "rule")}</td>
                    <td>
                      {l.recruiting === null ? <span className="muted">unknown</span> : l.recruiting ? "yes" : "no"}
                    </td>
                    {l.record.advisors === 0 ? (
                      <td colSpan={3} className="muted">
                        no advisor linked yet
                      </td>
                    ) : (
                      <>
                        <td className="num">{l.record.advisors}</td>
                        <td className="num">{l.record.papers}</td>
                        <td className="num">{l.record.score}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.labs.length === 0 && <p>No lab matches these filters.</p>}
          <Pagination page={d.page} pages={d.pages} prevHref={d.prevHref} nextHref={d.nextHref} />

          <h2 id="companies">AI companies that publish at these venues</h2>
          <p className="muted">
            The thread wished for “a list of real AI companies”: companies whose researchers (self-declared supervising
            positions) publish at the chosen venues, ranked by the sum of their scores, {d.window.from}–{d.window.to}.
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col" className="num">
                    Researchers
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
                {d.companies.map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td>
                    <td className="num">{c.advisors}</td>
                    <td className="num">{c.papers}</td>
                    <td className="num">{c.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
