import { Link } from "@remix-run/react";

/**
 * Links to the advisor's papers of other years (the page lists one window at a time; see
 * app/lib/directory/advisor-papers.ts) and to the full list in the JSON API.
 */
export function AdvisorPaperYears({
  slug,
  counts,
  shown,
  hrefFor,
}: {
  slug: string;
  counts: { year: number; papers: number }[];
  shown: { from: number; to: number; window: boolean };
  hrefFor: (year: number | null) => string;
}) {
  const total = counts.reduce((s, c) => s + c.papers, 0);
  const others = counts.filter((c) => c.year < shown.from || c.year > shown.to);
  return (
    <p className="muted paper-years">
      {total} paper{total === 1 ? "" : "s"} in all.{" "}
      {!shown.window ? (
        <>
          <Link to={hrefFor(null)} preventScrollReset>
            Back to the score window
          </Link>
          .{" "}
        </>
      ) : null}
      {others.length > 0 ? (
        <>
          Other years:{" "}
          {others.map((c, i) => (
            <span key={c.year}>
              {i > 0 ? " · " : ""}
              <Link to={hrefFor(c.year)} preventScrollReset>
                {c.year}
              </Link>{" "}
              ({c.papers})
            </span>
          ))}
          .{" "}
        </>
      ) : null}
      Every paper: <a href={`/api/advisors/${slug}`}>JSON</a>.
    </p>
  );
}
