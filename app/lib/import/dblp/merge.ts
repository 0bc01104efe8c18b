/**
 * How dblp's records join the conferences' own listings (the seed and paper lists). Pure.
 *
 * - The same paper is the same normalised title at the same venue and year. Its authorships then
 *   take dblp's person, position by position, when both lists have the same number of authors and
 *   the names agree at that position (the same normalised name, or the same last name): that is
 *   what puts an OpenReview id and a dblp key on one person (import-plan.ts).
 * - A dblp paper that matches nothing is added only for a venue-year that no listing covers
 *   (ICLR 2015-2016, a year published in dblp before its listing): where a listing covers the
 *   year, an unmatched dblp entry is more likely a title written differently than a missing
 *   paper, and counting it would count a paper twice.
 */
import { normalizeName } from "../../names";
import type { SourceAuthor, SourcePaper } from "../import-plan";
import { displayName } from "./records";

/** Title for matching: accents, case, punctuation, spacing and a final dot ignored. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function lastName(name: string): string {
  const parts = normalizeName(displayName(name)).split(" ");
  return parts[parts.length - 1] ?? "";
}

export function sameAuthor(listed: string, dblp: string): boolean {
  const a = normalizeName(listed);
  const b = normalizeName(displayName(dblp));
  return a === b || (a.length > 0 && lastName(listed) === lastName(dblp));
}

export type DblpMerge = {
  records: SourcePaper[];
  /** dblp papers added (venue-years no listing covers). */
  added: SourcePaper[];
  matchedPapers: number;
  linkedAuthorships: number;
  skipped: { reason: string; count: number }[];
};

export function mergeDblp(listed: SourcePaper[], dblp: SourcePaper[]): DblpMerge {
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const covered = new Set<string>();
  const byTitle = new Map<string, number | null>(); // null: two listed papers share it
  listed.forEach((r, i) => {
    const vy = `${String(r.venue).toLowerCase()}|${r.year}`;
    covered.add(vy);
    const k = `${vy}|${titleKey(r.title)}`;
    byTitle.set(k, byTitle.has(k) ? null : i);
  });

  const overlays = new Map<number, SourceAuthor[]>();
  const added: SourcePaper[] = [];
  let matchedPapers = 0;
  let linkedAuthorships = 0;
  for (const d of dblp) {
    const vy = `${d.venue}|${d.year}`;
    const i = byTitle.get(`${vy}|${titleKey(d.title)}`);
    if (i === null) {
      skip("dblp paper whose title two listed papers share");
      continue;
    }
    if (i === undefined) {
      if (covered.has(vy)) skip("dblp paper not in the venue's own listing for that year");
      else added.push(d);
      continue;
    }
    matchedPapers++;
    const target = listed[i];
    if (target.authors.length !== d.authors.length) {
      skip("dblp paper with a different number of authors than its listing");
      continue;
    }
    const authors = overlays.get(i) ?? target.authors.map((a) => ({ ...a }));
    d.authors.forEach((da, pos) => {
      if (!da.dblpKey) return;
      if (!sameAuthor(authors[pos].name, da.name)) {
        skip("authorship whose name differs from dblp's at that position");
        return;
      }
      authors[pos].dblpKey = da.dblpKey;
      linkedAuthorships++;
    });
    overlays.set(i, authors);
  }
  const records = listed.map((r, i) => (overlays.has(i) ? { ...r, authors: overlays.get(i)! } : r));
  return {
    records: [...records, ...added],
    added,
    matchedPapers,
    linkedAuthorships,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
  };
}
