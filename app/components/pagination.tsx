import { Link } from "@remix-run/react";

export function Pagination({
  page,
  pages,
  prevHref,
  nextHref,
}: {
  page: number;
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {prevHref ? (
        <Link to={prevHref} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="muted">← Previous</span>
      )}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {nextHref ? (
        <Link to={nextHref} rel="next">
          Next →
        </Link>
      ) : (
        <span className="muted">Next →</span>
      )}
    </nav>
  );
}
