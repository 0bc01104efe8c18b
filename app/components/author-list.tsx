import type { ShortAuthorList } from "~/lib/directory/advisor-papers";

/**
 * A paper's authors on the advisor page, the advisor in bold, as plain text (one node per part, not
 * one element per author: markup size counted against the page budget), "and N more" linking to the
 * JSON API that has them all.
 */
export function AuthorList({ list, apiHref }: { list: ShortAuthorList; apiHref: string }) {
  const { names, advisorAt, gap, more } = list;
  const before = advisorAt > 0 ? names.slice(0, advisorAt - 1) : names;
  const after = advisorAt > 0 ? names.slice(advisorAt) : [];
  const beforeText = gap
    ? `${before.join(", ")}, …, `
    : before.length && advisorAt > 0
      ? `${before.join(", ")}, `
      : before.join(", ");
  return (
    <span className="muted">
      {beforeText}
      {advisorAt > 0 ? <strong>{names[advisorAt - 1]}</strong> : null}
      {after.length ? `, ${after.join(", ")}` : ""}
      {more > 0 ? (
        <>
          {" "}
          <a href={apiHref} title="Every author, in the JSON API">
            and {more} more
          </a>
        </>
      ) : null}
    </span>
  );
}
