/**
 * From dblp XML elements to Advisor Atlas paper records and dblp people. Pure.
 *
 * Which records: inproceedings of conf/nips, conf/icml, conf/iclr, conf/colt, conf/aistats and
 * conf/uai, and articles of journals/jmlr and journals/pami (the journal tier), by dblp key.
 * Who: dblp names are person identifiers; homonyms carry a four-digit suffix ("Wei Wang 0001"),
 * and different suffixes are different people. A `www` record keyed homepages/<pid> is the
 * person's record: its first author element is the primary name, the others aliases. A name
 * whose record is a disambiguation page ("Wei Wang", publtype="disambiguation") identifies no one.
 */
import type { VenueId } from "../../venues";
import type { SourceAuthor, SourcePaper } from "../import-plan";

/** A dblp record as the parser hands it over: tag, attributes and its fields in order. */
export type DblpElement = {
  tag: string;
  key: string;
  mdate: string | null;
  publtype: string | null;
  authors: { name: string; orcid: string | null }[];
  title: string | null;
  year: string | null;
  booktitle: string | null;
  journal: string | null;
  urls: string[];
  notes: { type: string | null; label: string | null; text: string }[];
};

export const DBLP_VENUES: { prefix: string; tag: "inproceedings" | "article"; venue: VenueId; journal?: RegExp }[] = [
  { prefix: "conf/nips/", tag: "inproceedings", venue: "neurips" },
  { prefix: "conf/icml/", tag: "inproceedings", venue: "icml" },
  { prefix: "conf/iclr/", tag: "inproceedings", venue: "iclr" },
  { prefix: "conf/colt/", tag: "inproceedings", venue: "colt" },
  { prefix: "conf/aistats/", tag: "inproceedings", venue: "aistats" },
  { prefix: "conf/uai/", tag: "inproceedings", venue: "uai" },
  // journals/jmlr also holds the old "JMLR Workshop and Conference Proceedings" volumes: not the journal.
  { prefix: "journals/jmlr/", tag: "article", venue: "jmlr", journal: /^J\. Mach\. Learn\. Res\.$/ },
  { prefix: "journals/pami/", tag: "article", venue: "tpami" },
];

/** Whether the parser should collect this element at all (cheap: tag and key only). */
export function isWanted(tag: string, key: string): boolean {
  if (tag === "www") return key.startsWith("homepages/");
  if (tag !== "inproceedings" && tag !== "article") return false;
  return DBLP_VENUES.some((v) => v.tag === tag && key.startsWith(v.prefix));
}

const HOMONYM_SUFFIX = /\s+\d{4}$/;

/** "Wei Wang 0001" -> "Wei Wang": the printed name; the suffix only tells homonyms apart. */
export function displayName(dblpName: string): string {
  return dblpName.replace(HOMONYM_SUFFIX, "").trim();
}

export type DblpPerson = {
  pid: string;
  names: string[];
  urls: string[];
  affiliations: { text: string; label: string | null; mdate: string | null }[];
  mdate: string | null;
  disambiguation: boolean;
  homepage: string | null;
  scholar: string | null;
  orcid: string | null;
};

// Profile sites are kept as ids (scholar, orcid) or not at all; any other first URL is a homepage.
const NOT_A_HOMEPAGE =
  /(scholar\.google|orcid\.org|wikipedia\.org|wikidata\.org|twitter\.com|x\.com\/|linkedin\.com|researchgate\.net|genealogy\.|zbmath|dl\.acm\.org|ieeexplore|mathscinet|dblp\.org|semanticscholar|scopus|github\.com|isni\.org|viaf\.org|d-nb\.info|loc\.gov|id\.loc)/i;

export function toDblpPerson(el: DblpElement): DblpPerson | null {
  if (el.tag !== "www" || !el.key.startsWith("homepages/") || el.authors.length === 0) return null;
  const scholarUrl = el.urls.find((u) => /scholar\.google\.[^/]+\/citations\?.*user=/.test(u));
  const orcidUrl = el.urls.find((u) => /orcid\.org\/\d{4}-\d{4}-\d{4}-\d{3}[\dX]/.test(u));
  return {
    pid: el.key.slice("homepages/".length),
    names: el.authors.map((a) => a.name),
    urls: el.urls,
    affiliations: el.notes
      .filter((n) => n.type === "affiliation")
      .map((n) => ({ text: n.text, label: n.label, mdate: el.mdate })),
    mdate: el.mdate,
    disambiguation: /disambiguation/i.test(el.publtype ?? "") || el.notes.some((n) => n.type === "disambiguation"),
    homepage: el.urls.find((u) => /^https?:\/\//.test(u) && !NOT_A_HOMEPAGE.test(u)) ?? null,
    scholar: scholarUrl ? (/user=([\w-]+)/.exec(scholarUrl)?.[1] ?? null) : null,
    orcid: orcidUrl ? /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/.exec(orcidUrl)![1] : (el.authors[0].orcid ?? null),
  };
}

export type DblpPaperResult = { paper: SourcePaper; dblpNames: string[] } | { skip: string };

/** A selected dblp element as a record in the shipped format, or why it is left out. */
export function toDblpPaper(el: DblpElement): DblpPaperResult {
  const venue = DBLP_VENUES.find((v) => v.tag === el.tag && el.key.startsWith(v.prefix));
  if (!venue) return { skip: "not a selected venue" };
  if (venue.journal && !venue.journal.test(el.journal ?? ""))
    return { skip: "not the journal itself (proceedings volume)" };
  if (/withdrawn/i.test(el.publtype ?? "")) return { skip: "withdrawn" };
  const year = Number(el.year);
  const title = (el.title ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/(?<!\.)\.$/, "");
  if (!title) return { skip: "no title" };
  if (!Number.isInteger(year) || year < 1950 || year > 2100) return { skip: "no year" };
  if (el.authors.length === 0) return { skip: "no authors" };
  const booktitle = el.booktitle ?? "";
  const status = /workshop/i.test(booktitle)
    ? "Workshop"
    : (/\((Poster|Oral|Spotlight)\)/i.exec(booktitle)?.[1] ?? null);
  const track = /datasets and benchmarks/i.test(booktitle) ? "Datasets & Benchmarks" : "main";
  return {
    paper: {
      venue: venue.venue,
      year,
      id: el.key,
      title,
      status,
      track,
      url: `https://dblp.org/rec/${el.key}.html`,
      authors: el.authors.map((a) => ({ name: displayName(a.name) })),
    },
    dblpNames: el.authors.map((a) => a.name),
  };
}

/**
 * The dblp person key of an authorship: the pid of the name's person record, or the dblp name
 * itself (with its suffix) when the dump has no record for it; none for a disambiguation page.
 */
export function dblpKeyFor(dblpName: string, person: DblpPerson | undefined): string | null {
  if (person) return person.disambiguation ? null : person.pid;
  return `name:${dblpName}`;
}

/** The authors of a dblp paper with their dblp identity and the profile ids of their person record. */
export function withDblpPeople(
  paper: SourcePaper,
  dblpNames: string[],
  personOf: (name: string) => DblpPerson | undefined,
): SourcePaper {
  return {
    ...paper,
    authors: paper.authors.map((a, i) => {
      const person = personOf(dblpNames[i]);
      const key = dblpKeyFor(dblpNames[i], person);
      const out: SourceAuthor = { name: a.name };
      if (key) out.dblpKey = key;
      if (person && !person.disambiguation) {
        out.dblp = person.pid;
        if (person.homepage) out.homepage = person.homepage;
        if (person.scholar) out.scholar = person.scholar;
        if (person.orcid) out.orcid = person.orcid;
      }
      return out;
    }),
  };
}
