import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { CIFRE_LABELS } from "~/lib/directory/cifre";
import { allCountries, continentName, CONTINENT_CODES } from "~/lib/geo.server";
import {
  parseSearchParams,
  SEARCH_KINDS,
  SEARCH_TYPES,
  searchToQueryString,
  type SearchParams,
} from "~/lib/search/documents";
import { HIT_GROUP_LABELS, orderHitTypes, searchHitHref } from "~/lib/search/links";
import { institutionNameBySlug } from "~/lib/search/postgres.server";
import { search } from "~/lib/search/search.server";
import { VENUES } from "~/lib/venues";
import { CIFRE_STATUSES } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.params.q ? `“${data.params.q}” — Search — Advisor Atlas` : "Search — Advisor Atlas" },
];

const PER_GROUP = 5;
const PER_PAGE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const typed = url.searchParams.get("type");
  const paged = typed !== null && (SEARCH_TYPES as readonly string[]).includes(typed.trim().toLowerCase());
  const { params, problems } = parseSearchParams(url.searchParams, {
    defaultLimit: paged ? PER_PAGE : PER_GROUP,
    pageParam: paged,
  });
  const [result, institutionName] = await Promise.all([
    search(params),
    params.institution ? institutionNameBySlug(params.institution) : Promise.resolve(null),
  ]);
  const { facets } = result;
  const total = Object.values(facets.type).reduce((a, b) => a + b, 0);
  const countryNames = new Map(allCountries().map((c) => [c.code, c.name]));
  const page = Math.floor(params.offset / params.limit) + 1;
  const pages = params.type ? Math.max(1, Math.ceil((facets.type[params.type] ?? 0) / params.limit)) : 1;
  const href = (change: Partial<SearchParams> & { page?: number }) =>
    `/search${searchToQueryString({ ...params, limit: undefined, page: undefined, ...change }, { defaultLimit: params.limit })}`;
  return {
    params,
    problems,
    backend: result.backend,
    total,
    institutionName,
    groups: (params.type ? [params.type] : orderHitTypes(result.hits, params.q)).map((type) => ({
      type,
      label: HIT_GROUP_LABELS[type],
      count: facets.type[type] ?? 0,
      hits: result.hits.filter((h) => h.type === type).map((h) => ({ ...h, href: searchHitHref(h) })),
      moreHref: params.type ? null : href({ type }),
    })),
    typeTabs: [
      { label: "All", href: href({ type: null }), current: params.type === null, count: params.type ? null : total },
      ...SEARCH_TYPES.map((t) => ({
        label: HIT_GROUP_LABELS[t],
        href: href({ type: t }),
        current: params.type === t,
        count: params.type === null || params.type === t ? (facets.type[t] ?? 0) : null,
      })),
    ],
    continents: CONTINENT_CODES.filter((c) => facets.continent[c] || c === params.continent).map((c) => ({
      code: c,
      name: continentName(c)!,
      count: facets.continent[c] ?? 0,
    })),
    countries: Object.entries(facets.country)
      .map(([code, count]) => ({ code, name: countryNames.get(code) ?? code, count }))
      .concat(
        params.country && !facets.country[params.country]
          ? [{ code: params.country, name: countryNames.get(params.country) ?? params.country, count: 0 }]
          : [],
      )
      .sort((a, b) => a.name.localeCompare(b.name)),
    cifre: CIFRE_STATUSES.map((c) => ({ value: c, count: facets.cifre[c] ?? 0 })),
    kinds: SEARCH_KINDS.map((k) => ({ value: k, count: facets.kind[k] ?? 0 })),
    // Like the continents: a venue none of the matches published at (JMLR and TPAMI, which the
    // shipped data does not cover) is not offered, unless asked for.
    venues: VENUES.filter((v) => facets.venues[v.id] || params.venues.includes(v.id)).map((v) => ({
      id: v.id,
      name: v.name,
      count: facets.venues[v.id] ?? 0,
    })),
    page,
    pages,
    prevHref: params.type && page > 1 ? href({ page: page - 1 }) : null,
    nextHref: params.type && page < pages ? href({ page: page + 1 }) : null,
    clearHref: href({ continent: null, country: null, cifre: null, kind: null, venues: [], institution: null }),
  };
}

const KIND_LABELS: Record<string, string> = { academic: "Academic", industry: "Industry", other: "Other" };

export default function SearchPage() {
  const d = useLoaderData<typeof loader>();
  const { params } = d;
  const navigation = useNavigation();
  const filtered = Boolean(
    params.continent || params.country || params.cifre || params.kind || params.venues.length || params.institution,
  );
  return (
    <>
      <h1>
        {d.institutionName && !params.q ? (
          `Advisors at ${d.institutionName}`
        ) : params.q ? (
          <>Search results for “{params.q}”</>
        ) : (
          "Search"
        )}
      </h1>
      {d.problems.length > 0 && (
        <div className="notice" role="status">
          {d.problems.map((p) => (
            <p key={p.param + p.message} style={{ margin: 0 }}>
              {p.message}
            </p>
          ))}
        </div>
      )}
      <nav aria-label="Result types" className="search-tabs">
        <ul>
          {d.typeTabs.map((t) => (
            <li key={t.label}>
              <Link to={t.href} aria-current={t.current ? "page" : undefined}>
                {t.label}
                {t.count !== null ? ` (${t.count.toLocaleString("en")})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="layout-with-filters">
        <Form method="get" action="/search" className="filters" aria-label="Search and filter">
          <label>
            Name
            <input type="search" name="q" defaultValue={params.q} maxLength={200} />
          </label>
          {params.type && <input type="hidden" name="type" value={params.type} />}
          {params.institution && <input type="hidden" name="institution" value={params.institution} />}
          <fieldset>
            <legend>Region</legend>
            <label>
              Continent
              <select name="continent" defaultValue={params.continent ?? ""}>
                <option value="">All continents</option>
                {d.continents.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Country
              <select name="country" defaultValue={params.country ?? ""}>
                <option value="">All countries</option>
                {d.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.count})
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>CIFRE (France)</legend>
            <select name="cifre" defaultValue={params.cifre ?? ""} aria-label="CIFRE status">
              <option value="">Any</option>
              {d.cifre.map((c) => (
                <option key={c.value} value={c.value}>
                  {CIFRE_LABELS.search[c.value]} ({c.count})
                </option>
              ))}
            </select>
          </fieldset>
          <fieldset>
            <legend>Kind</legend>
            <select name="kind" defaultValue={params.kind ?? ""} aria-label="Academic or industry">
              <option value="">Any</option>
              {d.kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {KIND_LABELS[k.value]} ({k.count})
                </option>
              ))}
            </select>
          </fieldset>
          <fieldset>
            <legend>Published at</legend>
            {d.venues.map((v) => (
              <label key={v.id}>
                <input type="checkbox" name="venue" value={v.id} defaultChecked={params.venues.includes(v.id)} />{" "}
                {v.name} <span className="muted">({v.count})</span>
              </label>
            ))}
          </fieldset>
          <p>
            <button type="submit">Search</button> {filtered && <Link to={d.clearHref}>Clear filters</Link>}
          </p>
        </Form>
        <section aria-labelledby="search-results-heading" aria-busy={navigation.state === "loading"}>
          <h2 id="search-results-heading" className="visually-hidden">
            Results
          </h2>
          <p className="muted">
            {d.total.toLocaleString("en")} result{d.total === 1 ? "" : "s"} · searched with{" "}
            {d.backend === "meilisearch" ? "Meilisearch" : "Postgres"}
          </p>
          {d.total === 0 && <p>Nothing matches. Check the spelling, or remove a filter.</p>}
          {d.groups
            .filter((g) => g.hits.length > 0)
            .map((g) => (
              <section key={g.type} aria-labelledby={`group-${g.type}`} className="search-group">
                <h2 id={`group-${g.type}`}>
                  {g.label} <span className="muted">({g.count.toLocaleString("en")})</span>
                </h2>
                <ul className="search-results">
                  {g.hits.map((h) => (
                    <li key={h.type + h.slug}>
                      <Link to={h.href}>{h.name}</Link>
                      {h.subtitle && <span className="muted"> — {h.subtitle}</span>}
                    </li>
                  ))}
                </ul>
                {g.moreHref && g.count > g.hits.length && (
                  <p>
                    <Link to={g.moreHref}>
                      All {g.count.toLocaleString("en")} {g.label.toLowerCase()} →
                    </Link>
                  </p>
                )}
              </section>
            ))}
          <Pagination page={d.page} pages={d.pages} prevHref={d.prevHref} nextHref={d.nextHref} />
        </section>
      </div>
    </>
  );
}
