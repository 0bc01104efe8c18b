/**
 * Reads the shipped seed files directly (not through the importer) and recomputes an advisor's
 * track record from the raw facts with a plain, independent reading of the rules, so tests can
 * compare it with what the app serves.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { authorshipKey, idsAcrossMiddleNames, idsAmongHomonyms, type SourcePaper } from "~/lib/import/import-plan";
import { personNameKey } from "~/lib/names";
import { ROOT } from "./templates";

type Rec = {
  venue: string;
  year: number;
  id: string;
  title: string;
  status: string | null;
  authors: { name: string; openreview?: string }[];
};
let cache: Rec[] | undefined;

export function shippedRecords(): Rec[] {
  if (cache) return cache;
  const dir = path.join(ROOT, "seed", "papers");
  cache = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".jsonl.gz")))
    for (const line of gunzipSync(readFileSync(path.join(dir, f)))
      .toString("utf8")
      .split("\n"))
      if (line.trim()) cache.push(JSON.parse(line));
  return cache;
}

const norm = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\./g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The conference papers per venue and year of the person with this OpenReview id, and all their titles. */
export function shippedFacts(openreviewId: string) {
  // One record per paper, the first (as the import keeps them): a duplicate's other author list must
  // not feed the name rules below.
  const firsts = new Map<string, Rec>();
  for (const r of shippedRecords()) {
    const key = `${r.venue.toLowerCase()}/${String(r.id).trim()}`;
    if (!firsts.has(key)) firsts.set(key, r);
  }
  const records = [...firsts.values()];
  // The ids each name carries: by this file's plain normalisation (the oracle's own rule), and by the
  // import's key for the names that differ from the id's by a middle name or initial, and for the
  // name-only papers of a name several ids carry (the import's own rules, unit-tested in
  // test/unit/import-plan.test.ts as idsAcrossMiddleNames and idsAmongHomonyms, read here as given).
  const ids = new Map<string, Set<string>>();
  const idsByNameKey = new Map<string, Set<string>>();
  const carry = (map: Map<string, Set<string>>, k: string, id: string) => {
    if (!map.has(k)) map.set(k, new Set());
    map.get(k)!.add(id);
  };
  for (const r of records)
    for (const a of r.authors)
      if (a.openreview) {
        carry(ids, norm(a.name), a.openreview);
        carry(idsByNameKey, personNameKey(a.name), a.openreview);
      }
  const joined = idsAcrossMiddleNames(records as SourcePaper[], idsByNameKey);
  const homonyms = idsAmongHomonyms(records as SourcePaper[], idsByNameKey);
  const mine = (r: Rec) => (a: { name: string; openreview?: string }, i: number) =>
    a.openreview
      ? a.openreview === openreviewId
      : (ids.get(norm(a.name))?.size === 1 && ids.get(norm(a.name))!.has(openreviewId)) ||
        joined.get(personNameKey(a.name)) === openreviewId ||
        homonyms.get(authorshipKey(r, i)) === openreviewId;
  const counts = new Map<string, number>();
  const titles: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const key = `${r.venue}/${r.id}`;
    if (seen.has(key) || !r.authors.some(mine(r))) continue;
    seen.add(key);
    titles.push(r.title);
    if (/workshop/i.test(r.status ?? "")) continue;
    const k = `${r.venue}|${r.year}`;
    counts.set(k, (counts.get(k) ?? 0) + r.authors.filter(mine(r)).length);
  }
  return {
    titles,
    trackRecord: [...counts]
      .map(([k, papers]) => ({ venue: k.split("|")[0], year: Number(k.split("|")[1]), papers }))
      .sort((a, b) => b.year - a.year || a.venue.localeCompare(b.venue)),
  };
}
