/**
 * The parts of an advisor page that say where its facts come from: declared or inferred position,
 * the consensus rule, the names seen, the years the counts cover, and records set aside.
 */
import type { InstitutionBasisShown } from "~/lib/directory/advisors.server";
import { INFERRED_POSITION } from "~/lib/directory/position-label";
import { httpOnly, shortUrl } from "~/lib/external-links";
import { ADVISOR_FACTS_RULE } from "~/lib/import/advisor-facts";
import { venueName } from "~/lib/venues";

export function PositionSourceNote({
  source,
  year,
  position,
}: {
  source: "declared" | "inferred";
  year: number;
  /** The title shown; for an inferred supervisor, a declared title that is not a supervising one, if any. */
  position?: string;
}) {
  if (source === "declared")
    return (
      <span className="muted" data-position-source="declared">
        (self-declared on OpenReview, {year})
      </span>
    );
  const declared = position !== undefined && position !== INFERRED_POSITION;
  return (
    <span className="muted" data-position-source="inferred">
      (<strong>inferred from authorship</strong>:{" "}
      {declared
        ? "the title shown is the one they declared, not a supervising one"
        : "no supervising title declared, at most a student's or postdoc's title never updated"}
      ; listed as a supervisor because they are last author of several papers at NeurIPS, ICML, ICLR, AISTATS or UAI in
      several years with several coauthors (fewer when their papers here span twelve years or more), or, with no title
      at all, because their papers print one university year after year, over ten years or more; latest {year})
    </span>
  );
}

/** What the institution rests on, when it is not printed with their name on their papers (rule 3, rule 5). */
export function InstitutionBasisNote({
  basis,
  homepage,
  lastPrinted,
  printedHere = null,
}: {
  basis: InstitutionBasisShown;
  homepage: string | null;
  /** The last year a place is printed with their own name (the affiliation history), if any. */
  lastPrinted: number | null;
  /** The last year this institution is printed with their own name (the affiliation history), if ever. */
  printedHere?: number | null;
}) {
  const link = httpOnly(homepage);
  if (basis === "homepage")
    return (
      <span className="muted">
        {" "}
        (from the homepage printed with their name,{" "}
        {link ? (
          <a href={link} rel="nofollow noopener">
            {shortUrl(link)}
          </a>
        ) : (
          "on the university's site"
        )}
        {printedHere === null
          ? "; none of their papers prints it, so it may be a former post)"
          : `; their papers print it too, latest ${printedHere})`}
      </span>
    );
  if (basis === "coauthors") {
    const own =
      lastPrinted === null
        ? "none of their papers prints a place"
        : `their own papers print no place after ${lastPrinted}`;
    return (
      <span className="muted">
        {" "}
        ({own}; this is where most coauthors of their recent last-authored papers are printed, on those papers or on
        their other papers of the same year or the two years before; they are listed below)
      </span>
    );
  }
  return null;
}

/** The rule, in one sentence, folded under its question: the facts above stay the first thing read. */
export function AdvisorFactsRule() {
  return (
    <details className="muted">
      <summary>How we know their position and institution</summary>
      <p>{ADVISOR_FACTS_RULE}</p>
    </details>
  );
}

export function NameVariants({ names }: { names: string[] }) {
  if (names.length <= 1) return null;
  return (
    <>
      <dt>Names seen</dt>
      <dd>{names.join(" · ")}</dd>
    </>
  );
}

export function CountsCover({ spans }: { spans: { venue: string; from: number; to: number; missing: number[] }[] }) {
  if (spans.length === 0) return null;
  return (
    <p className="muted" data-testid="counts-cover">
      Counts cover{" "}
      {spans
        .map(
          (s) =>
            `${venueName(s.venue)} ${s.from}–${s.to}${s.missing.length ? ` (no data for ${s.missing.join(", ")})` : ""}`,
        )
        .join("; ")}
      . Years outside these are not in the data, not zero. <a href="/about/data">Coverage</a>
    </p>
  );
}

export function IgnoredRecords({
  records,
}: {
  records: {
    paperTitle: string;
    paperUrl: string | null;
    venue: string;
    year: number;
    affiliation: string | null;
    positionTitle: string | null;
    conflicts: number;
  }[];
}) {
  if (records.length === 0) return null;
  return (
    <details>
      <summary>
        {records.length} record{records.length > 1 ? "s" : ""} set aside as suspected swaps
      </summary>
      <ul>
        {records.map((r, i) => (
          <li key={i}>
            {[r.affiliation, r.positionTitle].filter(Boolean).join(", ") || "no affiliation"} — {venueName(r.venue)}{" "}
            {r.year},{" "}
            {r.paperUrl ? (
              <a href={r.paperUrl} rel="nofollow noopener">
                {r.paperTitle}
              </a>
            ) : (
              r.paperTitle
            )}{" "}
            <span className="muted">
              (ignored: conflicts with {r.conflicts} other record{r.conflicts > 1 ? "s" : ""})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
