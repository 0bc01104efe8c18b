import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { dataCoverage } from "~/lib/directory/coverage.server";
import { venueName } from "~/lib/venues";

export const meta: MetaFunction = () => [{ title: "What the data covers — Advisor Atlas" }];

export async function loader() {
  return dataCoverage();
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : "—");

export default function AboutData() {
  const d = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>What the data covers</h1>
      <p>
        For each venue and year in the shipped data: papers, authorships, and the share of authorships that carry an
        OpenReview id, an affiliation and a self-declared position. Positions exist only where OpenReview published
        them, so advisors before 2021 are recognised from their authorship (see <Link to="/about">about the data</Link>
        ). <Link to="/about/data/sources">Where each venue-year&apos;s papers come from, and when they came in</Link>.
      </p>
      <h2 id="missing">Missing venue-years</h2>
      {d.missing.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul data-testid="missing-venue-years">
          {d.missing.map((m) => (
            <li key={`${m.venue}-${m.year}`}>
              {venueName(m.venue)} {m.year}: missing from the data{m.note ? ` (${m.note})` : ""}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Missing years are not counted as zero anywhere: an advisor's consistency only counts years the data has. AISTATS
        was held every other year before 2009; those years are not gaps.
      </p>
      <h2>Per venue and year</h2>
      <div className="table-wrap">
        <table data-testid="coverage-table">
          <thead>
            <tr>
              <th scope="col">Venue</th>
              <th scope="col" className="num">
                Year
              </th>
              <th scope="col" className="num">
                Papers
              </th>
              <th scope="col" className="num">
                Authorships
              </th>
              <th scope="col" className="num">
                With OpenReview id
              </th>
              <th scope="col" className="num">
                With affiliation
              </th>
              <th scope="col" className="num">
                With position
              </th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={`${r.venue}-${r.year}`}>
                <th scope="row">{venueName(r.venue)}</th>
                <td className="num">{r.year}</td>
                <td className="num">{r.papers.toLocaleString("en")}</td>
                <td className="num">{r.authorships.toLocaleString("en")}</td>
                <td className="num">{pct(r.withOpenreview, r.authorships)}</td>
                <td className="num">{pct(r.withAffiliation, r.authorships)}</td>
                <td className="num">{pct(r.withPosition, r.authorships)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
