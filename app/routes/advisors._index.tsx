import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { advisorListView } from "~/lib/advisor-list.server";
import { filtersToSearch } from "~/lib/advisor-filters";
import { allCountries, continentName, countryName, CONTINENT_CODES } from "~/lib/geo.server";
import { SCORE_FORMULA } from "~/lib/scoring";
import { VENUES } from "~/lib/venues";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = () => [{ title: "Advisors — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const view = await advisorListView(url.searchParams, { defaultLimit: 25, pageParam: true });
  const { filters, problems, result, page, pages } = view;
  return {
    filters,
    problems,
    page,
    pages,
    total: result.total,
    window: result.params.window,
    firstYear: result.firstYear,
    lastYear: result.lastYear,
    facets: result.facets,
    search: url.search,
    prevHref: view.page > 1 ? `/advisors${filtersToSearch({ ...filters, page: view.page - 1 }, { defaultLimit: 25 })}` : null,
    nextHref: view.page < view.pages ? `/advisors${filtersToSearch({ ...filters, page: view.page + 1 }, { defaultLimit: 25 })}` : null,
    continents: CONTINENT_CODES.map((code) => ({ code, name: continentName(code)!, count: result.facets.continent[code] ?? 0 })),
    countries: allCountries()
      .filter((c) => result.facets.country[c.code] || c.code === filters.country)
      .map((c) => ({ code: c.code, name: c.name, count: result.facets.country[c.code] ?? 0 })),
    items: result.items.map((r) => ({
      slug: r.entry.slug,
      name: r.entry.name,
      position: r.entry.position,
      institution: r.entry.institution,
      country: countryName(r.entry.country),
      cifre: r.entry.cifre,
      rank: r.rank,
      topPercent: r.topPercent,
      score: r.breakdown.score,
      papers: r.breakdown.papers,
      credit: r.breakdown.credit,
      lastAuthor: r.breakdown.lastAuthor,
      highlighted: r.breakdown.highlighted,
      consistency: r.breakdown.consistency,
      windowYears: r.breakdown.windowYears,
      studentCount: r.entry.studentCount,
    })),
  };
}

const CIFRE_LABELS: Record<string, string> = { offers: "Offers CIFRE", eligible: "Eligible (France)", no: "No CIFRE", unknown: "Unknown" };

export default function AdvisorsPage() {
  const data = useLoaderData<typeof loader>();
  const { filters, facets } = data;
  const navigation = useNavigation();
  const submit = useSubmit();
  const exportSearch = data.search;
  return (
    <>
      <h1>PhD advisors ranked by where they publish</h1>
      <p className="muted">
        {data.total.toLocaleString("en")} advisors · window {data.window.from}–{data.window.to} · venues{" "}
        {filters.venues.map((v) => VENUES.find((x) => x.id === v)?.name).join(", ")}.{" "}
        <details style={{ display: "inline" }}>
          <summary>How the score works</summary>
          <span>{SCORE_FORMULA}</span>
        </details>
      </p>
      {data.problems.length > 0 && (
        <div className="notice" role="status">
          {data.problems.map((p) => (
            <p key={p.param + p.message} style={{ margin: 0 }}>{p.message}</p>
          ))}
        </div>
      )}
      <div className="layout-with-filters">
        <Form method="get" className="filters" aria-label="Filter advisors" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
          <label>
            Name
            <input type="search" name="q" defaultValue={filters.q} maxLength={200} />
          </label>
          <fieldset>
            <legend>Region</legend>
            <label>
              Continent
              <select name="continent" defaultValue={filters.continent ?? ""}>
                <option value="">All continents</option>
                {data.continents.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Country
              <select name="country" defaultValue={filters.country ?? ""}>
                <option value="">All countries</option>
                {data.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.count})
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>CIFRE (France)</legend>
            <label>
              <select name="cifre" defaultValue={filters.cifre ?? ""} aria-label="CIFRE status">
                <option value="">Any</option>
                {(["offers", "eligible", "no", "unknown"] as const).map((c) => (
                  <option key={c} value={c}>
                    {CIFRE_LABELS[c]} ({facets.cifre[c] ?? 0})
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>Venues</legend>
            {VENUES.map((v) => (
              <label key={v.id}>
                <input type="checkbox" name="venues" value={v.id} defaultChecked={filters.venues.includes(v.id)} /> {v.name}
                {v.tier === "decent" ? <span className="muted"> (decent)</span> : null}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Years</legend>
            <label>
              From
              <input type="number" name="from" min={data.firstYear} max={data.lastYear} defaultValue={filters.from ?? ""} placeholder={String(data.window.from)} />
            </label>
            <label>
              To
              <input type="number" name="to" min={data.firstYear} max={data.lastYear} defaultValue={filters.to ?? ""} placeholder={String(data.window.to)} />
            </label>
          </fieldset>
          <fieldset>
            <legend>Track record</legend>
            <label>
              Minimum papers
              <input type="number" name="minPapers" min={0} defaultValue={filters.minPapers || ""} />
            </label>
            <label>
              Minimum years with a paper
              <input type="number" name="minYears" min={0} defaultValue={filters.minYears || ""} />
            </label>
          </fieldset>
          <fieldset>
            <legend>Kind</legend>
            <label>
              <select name="kind" defaultValue={filters.kind ?? ""} aria-label="Academic or industry">
                <option value="">Academic and industry</option>
                <option value="academic">Academic ({facets.kind.academic ?? 0})</option>
                <option value="industry">Industry ({facets.kind.industry ?? 0})</option>
              </select>
            </label>
            <label>
              <input type="checkbox" name="recruiting" value="true" defaultChecked={filters.recruiting} /> Lab recruiting this cycle
            </label>
          </fieldset>
          <label>
            Sort by
            <select name="sort" defaultValue={filters.sort}>
              <option value="score">Score</option>
              <option value="papers">Papers</option>
              <option value="consistency">Consistency</option>
              <option value="name">Name</option>
            </select>
          </label>
          <p>
            <button type="submit">Apply filters</button> <Link to="/advisors">Reset</Link>
          </p>
        </Form>
        <section aria-labelledby="results-heading" aria-busy={navigation.state === "loading"}>
          <h2 id="results-heading" className="visually-hidden">Results</h2>
          <p>
            Export this list: <a href={`/api/advisors.csv${exportSearch}`}>CSV</a> · <a href={`/api/advisors${exportSearch}`}>JSON</a> ·{" "}
            <Link to="/compare">Compare advisors</Link>
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">Rank</th>
                  <th scope="col">Advisor</th>
                  <th scope="col">Institution</th>
                  <th scope="col">Country</th>
                  <th scope="col" className="num">Score</th>
                  <th scope="col" className="num">Papers</th>
                  <th scope="col" className="num" title="author-adjusted credit, 1/N per paper">Credit</th>
                  <th scope="col" className="num">Last author</th>
                  <th scope="col" className="num">Orals / spotlights</th>
                  <th scope="col" className="num">Years</th>
                  <th scope="col">Students</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.slug}>
                    <td className="num">
                      {a.rank} <span className="muted">(top {a.topPercent}%)</span>
                    </td>
                    <td>
                      <Link to={`/advisors/${a.slug}`}>{a.name}</Link>
                      <br />
                      <span className="muted">{a.position}</span>
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
                    <td>{a.studentCount ?? <span className="muted">unknown</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.items.length === 0 && <p>No advisor matches these filters.</p>}
          <Pagination page={data.page} pages={data.pages} prevHref={data.prevHref} nextHref={data.nextHref} />
        </section>
      </div>
    </>
  );
}
