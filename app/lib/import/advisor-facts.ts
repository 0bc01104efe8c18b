/**
 * Who supervises and where they are now, from all of a person's dated evidence rather than their
 * last record. Pure: the import plan feeds it, the unit tests feed it hand-made records.
 *
 * The sources misalign per-author fields: about one authorship in twenty that carries an
 * affiliation carries a coauthor's (the whole profile: affiliation, position, dblp, homepage).
 * So, in order:
 *
 * 1. Suspected swaps. A record is set aside when it carries a public profile id (dblp, homepage,
 *    Scholar, ORCID) that differs from the person's own (printed on at least two of their records)
 *    and matches a coauthor's on that paper (the coauthor's own, or the two records swapped), or
 *    when a coauthor's record on that paper carries the person's own dblp, Scholar or ORCID id
 *    (the fields shifted along the author list). A person with only two records: the one whose
 *    dblp, Scholar or ORCID id differs from the other's and is a coauthor's on that paper, or
 *    whose other record's id a coauthor's record on that paper carries instead of that coauthor's
 *    own; when each shows the other to be foreign, neither is set aside; or,
 *    without profile ids to tell, when its institution (or its kind of position) disagrees with at
 *    least two of the person's other records of the same period (the year before to the year
 *    after) and agrees with none, and matches a coauthor's on that paper (as printed there or as
 *    usual for that coauthor). A record printed with the person's own profile id is never set
 *    aside. Set-aside records stay in the database and in the affiliation history, marked; they
 *    are not used below.
 * 2. Position. The most recent year with a decisive declaration decides (titles held alongside a
 *    main position, "Amazon Scholar", "Visiting Professor", decide nothing); the person supervises
 *    when that year declares a supervising title, and holds its most frequent one. A year that
 *    declares only company posts keeps the professorship of the latest earlier year that declares
 *    more than company posts, up to CHAIR_BEFORE_INDUSTRY_YEARS before (a professor with an industry post supervises at the
 *    university; the company is shown beside it by rule 3).
 * 3. Institution. An approved contribution wins. Records printed with a title held alongside
 *    ("Visiting Scientist", "Amazon Scholar") place nobody while other records do. For a declared
 *    supervisor, the place printed with that supervising title in its year (the most frequent),
 *    unless every later record is elsewhere and at least two of them name one other university or
 *    institute (a move). Otherwise the place with the most recency-weighted records over the last
 *    three years of evidence, a university or research institute first when it has at least two of
 *    them. A professor with a company post, or with a chair at an institute that hires no one
 *    itself (the Turing), or a professor's title printed with an institute (Vector, Mila), supervises
 *    at the university: when the pick is such a place and
 *    the person held a professorship at a university in the three years up to it (printed there
 *    at least twice in that period), the university is the institution and the other place is
 *    shown beside it ("also at"). A university pick shows beside it the company printed at least
 *    twice in the person's last two years.
 * 4. Inferred supervisors. A person without a current supervising declaration, who is not a
 *    declared student or postdoc, is listed as an advisor "inferred from authorship" when they are
 *    last author of enough papers at venues where the last author is the senior one (NeurIPS, ICML,
 *    ICLR, AISTATS, UAI; not COLT, alphabetical), in enough distinct years, with enough distinct
 *    coauthors (INFERENCE_THRESHOLDS; the numbers are justified in docs/advisor-facts.md), or when,
 *    without any declared title of theirs, their records print one university year after year
 *    (LONG_TENURE: six years or more over at least ten, the last recent).
 */
import { normalizeName } from "../names";
import type { InstitutionKind } from "./institution-resolver";
import { isHeldAlongside, isProfessorship, positionClass, type PositionClass } from "./positions";

export type Evidence = {
  /** Identifies the record (the authorship's index in the plan). */
  id: number;
  person: string;
  paper: string;
  year: number;
  /** The resolved institution's key, or null when nothing was printed. */
  institution: string | null;
  institutionKind: InstitutionKind | null;
  /** The institution is a public research organisation (permanent researchers supervise). */
  researchOrganisation: boolean;
  /** False at a research organisation where only partner universities' professors supervise (Mila, Vector). */
  researchersSupervise?: boolean;
  /** The institution is a unit of a research organisation (a Max Planck institute): the organisation's key. */
  unitOf?: string;
  /** The self-declared title printed with this record, or null. */
  position: string | null;
  /** Public profile ids printed with this record, as "kind:value" ("dblp:70/5301"). */
  profile: string[];
};

export type SuspectedSwap = {
  id: number;
  /** How many of the person's other records this one contradicts. */
  conflicts: number;
  reason: "profile" | "institution" | "position";
};

const WINDOW = 1; // years either side: "the same period"
const MIN_CONFLICTS = 2;

type Usual = { value: string; count: number };

function modal(values: Iterable<string>): Usual | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: Usual | null = null;
  for (const [value, count] of counts)
    if (!best || count > best.count || (count === best.count && value < best.value)) best = { value, count };
  return best;
}

const kindOf = (p: string) => p.slice(0, p.indexOf(":"));

/** A person's most printed profile id of each kind ("dblp", "homepage", ...), with how often. */
function usualProfileIds(evidence: Evidence[]): Map<string, Usual> {
  const byKind = new Map<string, string[]>();
  for (const e of evidence)
    for (const p of e.profile) {
      let l = byKind.get(kindOf(p));
      if (!l) byKind.set(kindOf(p), (l = []));
      l.push(p);
    }
  const usual = new Map<string, Usual>();
  for (const [kind, values] of byKind) usual.set(kind, modal(values)!);
  return usual;
}
const norm = (s: string) => s.trim().toLowerCase();

function classOf(e: Evidence): PositionClass | null {
  const researchOrganisation = e.researchOrganisation && e.researchersSupervise !== false;
  return e.position ? positionClass(e.position, { researchOrganisation }) : null;
}

/** The records to set aside, by the rule in this module's header. */
export function findSuspectedSwaps(evidence: Evidence[]): Map<number, SuspectedSwap> {
  const byPerson = new Map<string, Evidence[]>();
  const byPaper = new Map<string, Evidence[]>();
  for (const e of evidence) {
    let p = byPerson.get(e.person);
    if (!p) byPerson.set(e.person, (p = []));
    p.push(e);
    let q = byPaper.get(e.paper);
    if (!q) byPaper.set(e.paper, (q = []));
    q.push(e);
  }
  // Each person's usual institution and usual profile id of each kind.
  const usualInstitution = new Map<string, string>();
  const usualProfile = new Map<string, Map<string, Usual>>();
  for (const [person, list] of byPerson) {
    const inst = modal(list.flatMap((e) => (e.institution ? [e.institution] : [])));
    if (inst) usualInstitution.set(person, inst.value);
    usualProfile.set(person, usualProfileIds(list));
  }
  // An id a person prints is no id of theirs when a coauthor on one of those papers prints it as
  // their own on more records (the fields shifted along the author list, paper after paper): their
  // own is then the most printed of the others, if any. Florian Tramèr's records (under one of his
  // two OpenReview ids) carried Nicholas Carlini's dblp id more than his own, so Carlini's records
  // carrying Tramèr's id and ETH chair read as Carlini's own.
  const usualProfileBefore = new Map([...usualProfile].map(([person, own]) => [person, new Map(own)]));
  for (const [person, own] of usualProfile)
    for (const kind of [...own.keys()]) {
      if (kind === "homepage") continue;
      const records = byPerson.get(person)!;
      const counts = new Map<string, number>();
      for (const e of records)
        for (const p of e.profile) if (kindOf(p) === kind) counts.set(p, (counts.get(p) ?? 0) + 1);
      const held = (value: string, count: number) =>
        records.some(
          (e) =>
            e.profile.includes(value) &&
            (byPaper.get(e.paper) ?? []).some((c) => {
              const theirs = c.person === person ? undefined : usualProfileBefore.get(c.person)?.get(kind);
              return theirs !== undefined && theirs.value === value && theirs.count > count;
            }),
        );
      const kept = [...counts].filter(([value, count]) => !held(value, count));
      if (kept.length === counts.size) continue;
      const best = modal(kept.flatMap(([value, count]) => Array<string>(count).fill(value)));
      if (best) own.set(kind, best);
      else own.delete(kind);
    }

  const out = new Map<number, SuspectedSwap>();
  for (const [person, list] of byPerson) {
    // Fewer than three records: no usual value to contradict (a profile id needs two records,
    // an institution or position two others), except the ids another record of theirs prints.
    if (list.length < 3) {
      if (list.length === 2) {
        const foreign = list.map((r, k) =>
          contradictedByOwnRecord(
            r,
            [list[1 - k]],
            (byPaper.get(r.paper) ?? []).filter((c) => c.person !== person),
            usualProfile,
            byPerson,
          ),
        );
        // Each record showing the other to be a coauthor's says nothing about which is theirs.
        if (foreign[0] === null || foreign[1] === null)
          list.forEach((r, k) => {
            if (foreign[k]) out.set(r.id, { id: r.id, conflicts: 1, reason: "profile" });
          });
      }
      continue;
    }
    const own = usualProfile.get(person)!;
    list.sort((a, b) => a.year - b.year);
    let lo = 0;
    for (const r of list) {
      const coauthors = (byPaper.get(r.paper) ?? []).filter((c) => c.person !== person);
      if (coauthors.length === 0) continue;
      // Profile ids: the person's own settles it either way.
      const foreign = profileVerdict(r, own, coauthors, usualProfile, usualInstitution.get(person));
      if (foreign === "mine") continue;

      while (list[lo].year < r.year - WINDOW) lo++;
      const period: Evidence[] = [];
      for (let k = lo; k < list.length && list[k].year <= r.year + WINDOW; k++)
        if (list[k].paper !== r.paper) period.push(list[k]);
      let instConflicts = 0;
      let instAgrees = 0;
      if (r.institution)
        for (const o of period) {
          if (!o.institution) continue;
          if (o.institution === r.institution) instAgrees++;
          else instConflicts++;
        }
      if (foreign) {
        out.set(r.id, {
          id: r.id,
          conflicts: Math.max(instConflicts, 1, Math.min(foreign.count, list.length - 1)),
          reason: "profile",
        });
        continue;
      }
      if (
        r.institution &&
        instAgrees === 0 &&
        instConflicts >= MIN_CONFLICTS &&
        coauthors.some((c) => c.institution === r.institution || usualInstitution.get(c.person) === r.institution)
      ) {
        out.set(r.id, { id: r.id, conflicts: instConflicts, reason: "institution" });
        continue;
      }
      const cls = classOf(r);
      if (cls && cls !== "alongside") {
        let posConflicts = 0;
        let posAgrees = 0;
        for (const o of period) {
          const oc = classOf(o);
          if (!oc || oc === "alongside") continue;
          if (oc === cls) posAgrees++;
          else posConflicts++;
        }
        if (
          posAgrees === 0 &&
          posConflicts >= MIN_CONFLICTS &&
          coauthors.some((c) => c.position !== null && norm(c.position) === norm(r.position!))
        )
          out.set(r.id, { id: r.id, conflicts: posConflicts, reason: "position" });
      }
    }
  }
  return out;
}

/**
 * What a record's profile ids say about whose it is: "mine" when one is the person's own (printed on
 * two of their records); the usual id it shows to be a coauthor's otherwise (rule 1); null when
 * they say nothing.
 */
function profileVerdict(
  r: Evidence,
  own: Map<string, Usual>,
  coauthors: Evidence[],
  usualProfile: Map<string, Map<string, Usual>>,
  usualPlace: string | undefined,
): Usual | "mine" | null {
  let foreign: Usual | null = null;
  let mine = false;
  for (const p of r.profile) {
    const usual = own.get(kindOf(p));
    if (!usual) continue;
    // Only a value printed on another record of the person says whose record this is.
    if (usual.value === p) mine ||= usual.count >= 2;
    else if (
      usual.count >= 2 &&
      coauthors.some(
        (c) =>
          // the coauthor's own id, or the coauthor's record carrying this person's (the two swapped)
          c.profile.includes(p) ||
          usualProfile.get(c.person)?.get(kindOf(p))?.value === p ||
          c.profile.includes(usual.value),
      )
    )
      foreign = usual;
  }
  if (mine) return "mine";
  // The fields shifted along the author list: a coauthor's record on this paper carries the
  // person's own id (one only they hold: dblp, Scholar, ORCID; a homepage can be a shared lab
  // page), so what this paper prints for the person is somebody else's.
  if (!foreign)
    for (const [kind, usual] of own)
      if (kind !== "homepage" && usual.count >= 2 && coauthors.some((c) => c.profile.includes(usual.value)))
        foreign = usual;
  // The person's own ids unknown (fewer than two records print one): a record carrying the id a
  // coauthor on that paper holds (dblp, Scholar, ORCID, printed on two of the coauthor's records)
  // is that coauthor's, when it also places the person away from their usual institution. (At
  // their usual place the record moves nobody: kept, as before, it still says they supervise
  // there, and some have no other title: Maria-Florina Balcan's one titled record is a coauthor's.)
  if (!foreign && r.institution && usualPlace !== undefined && r.institution !== usualPlace)
    for (const p of r.profile) {
      if (kindOf(p) === "homepage" || (own.get(kindOf(p))?.count ?? 0) >= 2) continue;
      foreign = heldByCoauthor(p, coauthors, usualProfile) ?? foreign;
    }
  return foreign;
}

/** The coauthor's usual id `id` is, when one of them prints it on at least two of their records. */
function heldByCoauthor(
  id: string,
  coauthors: Evidence[],
  usualProfile: Map<string, Map<string, Usual>>,
): Usual | undefined {
  for (const c of coauthors) {
    const u = usualProfile.get(c.person)?.get(kindOf(id));
    if (u !== undefined && u.value === id && u.count >= 2) return u;
  }
  return undefined;
}

/**
 * A record carrying an id (dblp, Scholar, ORCID) that a coauthor on the paper holds (printed on two
 * of the coauthor's records), where the person's other records print a different id of that kind
 * and never this one: the record is the coauthor's, whatever place it prints. Hinrich Schütze's
 * ICML 2025 record carries Ryan Rossi's dblp, Scholar and ORCID ids with "Adobe Research, Senior
 * Research Scientist"; his only other record prints his own dblp id with LMU Munich. A person
 * none of whose other records prints an id is left to the rules above (Maria-Florina Balcan).
 */
function contradictedByOwnRecord(
  r: Evidence,
  others: Evidence[],
  coauthors: Evidence[],
  usualProfile: Map<string, Map<string, Usual>>,
  byPerson: Map<string, Evidence[]>,
): Usual | null {
  for (const p of r.profile) {
    const kind = kindOf(p);
    if (kind === "homepage") continue;
    const printed = others.flatMap((o) => o.profile.filter((q) => kindOf(q) === kind));
    if (printed.length === 0 || printed.includes(p)) continue;
    const held = heldByCoauthor(p, coauthors, usualProfile);
    if (held) return held;
  }
  // The fields shifted along the author list: a coauthor's record on this paper carries the id the
  // person's other record prints, where that coauthor's other records print another one and never
  // this one (Seunghyun Yoon's record carries Schütze's dblp id and homepage).
  for (const o of others)
    for (const q of o.profile) {
      const kind = kindOf(q);
      if (kind === "homepage" || r.profile.includes(q)) continue;
      const carrier = coauthors.find((c) => {
        if (!c.profile.includes(q)) return false;
        const elsewhere = (byPerson.get(c.person) ?? []).filter((e) => e.paper !== r.paper);
        const printed = elsewhere.flatMap((e) => e.profile.filter((x) => kindOf(x) === kind));
        return printed.length > 0 && !printed.includes(q);
      });
      if (carrier) return { value: q, count: 1 };
    }
  return null;
}

export type CurrentPosition = { position: string; year: number; institutions: string[] };

/**
 * The supervising position a person holds now, from their (not set-aside) records: the most recent
 * year with a decisive declaration decides; its most frequent supervising title (ties: alphabetical).
 * Also returns the institutions printed with that title that year (the anchor of rule 3).
 */
export function currentSupervision(evidence: Evidence[]): CurrentPosition | null {
  const decisive = evidence.flatMap((e) => {
    const cls = classOf(e);
    return cls && cls !== "alongside" ? [{ e, cls }] : [];
  });
  if (decisive.length === 0) return null;
  const latest = Math.max(...decisive.map((d) => d.e.year));
  const inYear = decisive.filter((d) => d.e.year === latest && d.cls === "supervising");
  // A chair held alongside ("Visiting Professor, Meta") yields to a main one the same year
  // ("Assistant Professor, Carnegie Mellon University"): the main post is where they supervise.
  const main = inYear.filter((d) => !isHeldAlongside(d.e.position));
  let supervising = main.length > 0 ? main : chairBeforePostAlongside(decisive, inYear, latest);
  if (supervising.length === 0) supervising = chairBeforeIndustryPost(decisive, latest);
  if (supervising.length === 0) return null;
  const title = modal(supervising.map((d) => d.e.position!))!.value;
  return {
    position: title,
    year: supervising[0].e.year,
    institutions: supervising.flatMap((d) => (d.e.institution ? [d.e.institution] : [])),
  };
}

/** How far back a professorship still counts beside a later industry post (chairBeforeIndustryPost). */
export const CHAIR_BEFORE_INDUSTRY_YEARS = 2;

/**
 * A professor whose latest year declares only a company post ("Researcher, NVIDIA" in 2024 after
 * "Assistant Professor, University of Edinburgh" in 2023) keeps the chair and supervises there:
 * the university's professorships of their latest earlier declaring year that is not company posts
 * only (Efros: Berkeley 2022, Google 2023 and 2024), when it is at most
 * CHAIR_BEFORE_INDUSTRY_YEARS before, printed at that university at least twice in the three years up
 * to it or on a record carrying the person's own profile id (a chair record carrying only other
 * people's ids is none). Any other title in either year (a trainee's, a post at a university or
 * institute, one without a place) and there is no such chair.
 */
function chairBeforeIndustryPost<D extends { e: Evidence; cls: PositionClass }>(decisive: D[], latest: number): D[] {
  const companyOnly = (y: number) =>
    decisive.filter((d) => d.e.year === y).every((d) => d.cls === "other" && d.e.institutionKind === "industry");
  if (!companyOnly(latest)) return [];
  // The latest year before that is not company titles only (Alexei Efros: Berkeley professor 2022,
  // Google 2023 and 2024), still within CHAIR_BEFORE_INDUSTRY_YEARS of the latest.
  const years = [...new Set(decisive.map((d) => d.e.year))].filter((y) => y < latest).sort((a, b) => b - a);
  const year = years.find((y) => !companyOnly(y));
  if (year === undefined || latest - year > CHAIR_BEFORE_INDUSTRY_YEARS) return [];
  const before = decisive.filter((d) => d.e.year <= year);
  const then = before.filter((d) => d.e.year === year);
  // The whole year says professor: no trainee's or other title beside the chair.
  if (!then.every((d) => d.cls === "supervising")) return [];
  // A record printed with profile ids none of which is the person's own (printed on two of their
  // records) may be a coauthor's: no chair. One stray record is no chair either: the university is
  // printed with a professorship at least twice in the three years up to that year, or the record
  // carries the person's own id.
  const own = ownProfileIds(decisive.map((d) => d.e));
  const mine = (d: D) => d.e.profile.some((p) => own.has(p));
  const isChair = (d: D) =>
    d.cls === "supervising" &&
    d.e.institutionKind === "academic" &&
    isProfessorship(d.e.position) &&
    ownRecord(d.e, own);
  const printed = (key: string | null) =>
    before.filter((d) => d.e.year >= year - 2 && d.e.institution === key && isChair(d)).length >= 2;
  return then.filter((d) => isChair(d) && (printed(d.e.institution) || mine(d)));
}

/**
 * A latest year that declares only posts held alongside ("Affiliated Associate Professor, MBZUAI"
 * in 2024 and 2025) says nothing about the main post: the supervising title of the latest earlier
 * year with one, at most CHAIR_BEFORE_INDUSTRY_YEARS before, at another university or research
 * organisation, printed there at least twice that year on records of the person's own (Tongliang
 * Liu: "Lecturer, University of Sydney" on 12 records of 2023; Gang Niu: "Research Scientist
 * (tenured), RIKEN", not the "Full Professor" records carrying a coauthor's ids); none, and the
 * posts held alongside are the anchor.
 */
function chairBeforePostAlongside<D extends { e: Evidence; cls: PositionClass }>(
  decisive: D[],
  inYear: D[],
  latest: number,
): D[] {
  if (inYear.length === 0) return inYear;
  const alongside = new Set(inYear.map((d) => d.e.institution));
  const own = ownProfileIds(decisive.map((d) => d.e));
  for (let year = latest - 1; year >= latest - CHAIR_BEFORE_INDUSTRY_YEARS; year--) {
    const chairs = decisive.filter(
      (d) =>
        d.e.year === year &&
        d.cls === "supervising" &&
        d.e.institution !== null &&
        hires(d.e) &&
        !isHeldAlongside(d.e.position) &&
        !alongside.has(d.e.institution) &&
        ownRecord(d.e, own),
    );
    const at = modal(chairs.map((d) => d.e.institution!));
    if (at && at.count >= 2) return chairs.filter((d) => d.e.institution === at.value);
  }
  return inYear;
}

/** A record printing no profile id, or one of the person's own: a record carrying only others' ids may be a coauthor's. */
function ownRecord(e: Evidence, own: Set<string>): boolean {
  return e.profile.length === 0 || e.profile.some((p) => own.has(p));
}

/** The profile ids printed on at least two of the person's records, the most printed of each kind. */
function ownProfileIds(evidence: Evidence[]): Set<string> {
  return new Set([...usualProfileIds(evidence).values()].flatMap((u) => (u.count >= 2 ? [u.value] : [])));
}

/** The most recent declared title of any kind (for an inferred supervisor's page), or null. */
export function latestDeclaredTitle(
  evidence: Evidence[],
): { position: string; cls: PositionClass; year: number } | null {
  const dated = evidence.filter((e) => e.position);
  if (dated.length === 0) return null;
  const latest = Math.max(...dated.map((e) => e.year));
  const title = modal(dated.filter((e) => e.year === latest).map((e) => e.position!))!.value;
  const e = dated.find((d) => d.year === latest && d.position === title)!;
  return { position: title, cls: classOf(e)!, year: latest };
}

const HOSTING: (InstitutionKind | null)[] = ["academic", "institute"];

export type InstitutionOptions = {
  /** The supervising title's year and the places printed with it (rule 3). */
  anchor?: { year: number; institutions: string[]; position?: string } | null;
  /** An approved contribution's institution: outranks everything imported. */
  approved?: string | null;
  /**
   * The university hosting the person's own homepage (the one printed on at least two of their
   * records, still in their latest year with one): "cs.toronto.edu/~cmaddis" -> Toronto.
   */
  homepage?: string | null;
  /**
   * How many different coauthors print the homepage's university on the person's papers of their
   * last HOMEPAGE_SUPPORT.years years: a homepage kept from a PhD or a postdoc has none there.
   */
  homepageCoauthors?: number;
};

/**
 * A company's (or an unlisted organisation's) researcher whose homepage is on a university's site
 * is placed at that university only when at least `coauthors` coauthor of their last `years` years
 * prints it (a student, a colleague): a homepage kept from a PhD or postdoc is not a post
 * (docs/advisor-facts.md, import plan 25). A title held alongside ("Visiting Faculty Researcher" at
 * Google) needs no such support.
 */
export const HOMEPAGE_SUPPORT = { coauthors: 1, years: 4 } as const;

export type Places = {
  /** Where the person supervises now, or null. */
  institution: string | null;
  /** A company (or a non-hiring institute) they are also at, shown beside the institution. */
  alsoAt: string | null;
  /** The institution is the university hosting their homepage, which no record of theirs prints. */
  fromHomepage: boolean;
};

/** The person's current institution, and the place beside it, by rule 3. */
export function currentPlaces(evidence: Evidence[], options: InstitutionOptions = {}): Places {
  if (options.approved) return { institution: options.approved, alsoAt: null, fromHomepage: false };
  const placed = evidence.filter((e) => e.institution);
  const main = placed.filter((e) => classOf(e) !== "alongside");
  const usable = main.length > 0 ? main : placed;
  let institution = chooseInstitution(usable, options);
  let alsoAt: string | null = null;
  let fromHomepage = false;
  if (institution && usable.length > 0) {
    const byKey = new Map(usable.map((e) => [e.institution!, e]));
    const chosen = byKey.get(institution);
    const lastYear = Math.max(...usable.filter((e) => e.institution === institution).map((e) => e.year));
    // A professor's chair is at a university, even when the title is printed with an institute that
    // also hires researchers of its own (Vector, Mila): "Faculty Member, Vector Institute".
    const professorElsewhere = chosen?.institutionKind !== "academic" && isProfessorship(options.anchor?.position);
    if (chosen && (!hires(chosen) || professorElsewhere)) {
      // A supervisor at a company whose own homepage lives on a university's site holds a post
      // there ("Google" on the papers, cs.toronto.edu/~cmaddis as the homepage).
      const printedChair = recentChair(usable, lastYear);
      const homepage =
        options.homepage !== institution &&
        (chosen.institutionKind === "institute" ||
          isHeldAlongside(options.anchor?.position) ||
          (options.homepageCoauthors ?? 0) >= HOMEPAGE_SUPPORT.coauthors)
          ? options.homepage
          : null;
      const chair = printedChair ?? homepage;
      if (chair) [institution, alsoAt, fromHomepage] = [chair, institution, !printedChair];
    } else if (chosen?.institutionKind === "academic") {
      const maxYear = Math.max(...placed.map((e) => e.year));
      const companies = modal(
        placed.flatMap((e) => (e.institutionKind === "industry" && e.year >= maxYear - 1 ? [e.institution!] : [])),
      );
      if (companies && companies.count >= 2) alsoAt = companies.value;
    }
    // A post held alongside in the last two years, elsewhere ("Affiliated Associate Professor, MBZUAI"):
    // shown beside the institution.
    if (!alsoAt && institution) {
      const maxYear = Math.max(...placed.map((e) => e.year));
      const beside = modal(
        placed.flatMap((e) =>
          e.year >= maxYear - 1 && isHeldAlongside(e.position) && e.institution !== institution ? [e.institution!] : [],
        ),
      );
      if (beside && beside.count >= 2) alsoAt = beside.value;
    }
  }
  if (institution) institution = unitOfOrganisation(placed, institution);
  return {
    institution: institution && companyBranch(evidence, institution),
    alsoAt: alsoAt && alsoAt !== institution ? companyBranch(evidence, alsoAt) : null,
    fromHomepage,
  };
}

/**
 * A research organisation printed by its generic name or domain ("Max-Planck Institute", mpg.de) is
 * the one unit of it the person's own records name from the year before they first print the
 * organisation on (WINDOW: the same period): Dayan printed "Max Planck Institute for Biological
 * Cybernetics" in 2020 and "Max-Planck Institute" from 2021. A unit named only before that is an
 * earlier post (a PhD at CREST, then "CNRS"); two units named: the organisation stays.
 */
export function unitOfOrganisation(placed: Evidence[], institution: string): string {
  const since = Math.min(...placed.filter((e) => e.institution === institution).map((e) => e.year)) - WINDOW;
  const units = new Set(placed.filter((e) => e.unitOf === institution && e.year >= since).map((e) => e.institution!));
  const [only] = units;
  return units.size === 1 ? only : institution;
}

/** A university hires its PhD supervisors; so do public research organisations (CNRS, Inria, Max Planck). */
function hires(e: Pick<Evidence, "institutionKind" | "researchOrganisation">): boolean {
  return e.institutionKind === "academic" || (e.institutionKind === "institute" && e.researchOrganisation);
}

/**
 * The university where the person held a professorship in the three years up to `year` and was
 * printed at least twice in that period (one stray record is no chair: it may be a coauthor's).
 */
function recentChair(evidence: Evidence[], year: number): string | null {
  const period = evidence.filter((e) => e.year >= year - 2 && e.year <= year && e.institutionKind === "academic");
  const chairs = new Set(period.filter((e) => isProfessorship(e.position)).map((e) => e.institution!));
  const ranked = [...chairs]
    .map((key) => {
      const at = period.filter((e) => e.institution === key);
      return { key, n: at.length, last: Math.max(...at.map((e) => e.year)) };
    })
    .filter((c) => c.n >= 2)
    .sort((a, b) => b.n - a.n || b.last - a.last || (a.key < b.key ? -1 : 1));
  return ranked[0]?.key ?? null;
}

/**
 * A company without a country ("co:Google"): the branch the person's own records name, if any
 * ("co:Google:CH" from a google.ch address or a source's country field).
 */
function companyBranch(evidence: Evidence[], chosen: string): string {
  if (chosen.startsWith("co:") && chosen.split(":").length === 2) {
    const branch = modal(evidence.flatMap((e) => (e.institution?.startsWith(`${chosen}:`) ? [e.institution] : [])));
    if (branch) return branch.value;
  }
  return chosen;
}

function chooseInstitution(evidence: Evidence[], options: InstitutionOptions): string | null {
  const placed = evidence.filter((e) => e.institution);
  if (placed.length === 0) return null;
  const kindOf = new Map(placed.map((e) => [e.institution!, e.institutionKind]));
  const count = (list: Evidence[]) => {
    const m = new Map<string, number>();
    for (const e of list) m.set(e.institution!, (m.get(e.institution!) ?? 0) + 1);
    return m;
  };
  const total = count(placed);

  const anchor = options.anchor;
  if (anchor && anchor.institutions.length > 0) {
    const counts = new Map<string, number>();
    for (const i of anchor.institutions) counts.set(i, (counts.get(i) ?? 0) + 1);
    // Ties: a university or institute before a company (a professor's title printed with both).
    const hosting = (key: string) => Number(HOSTING.includes(kindOf.get(key) ?? null));
    const best = [...counts].sort(
      (a, b) =>
        b[1] - a[1] ||
        hosting(b[0]) - hosting(a[0]) ||
        (total.get(b[0]) ?? 0) - (total.get(a[0]) ?? 0) ||
        (a[0] < b[0] ? -1 : 1),
    )[0][0];
    // Posts held alongside later on (an affiliated or visiting title) are no move.
    const later = placed.filter((e) => e.year > anchor.year && !isHeldAlongside(e.position));
    if (later.length > 0 && !later.some((e) => e.institution === best)) {
      const moved = [...count(later.filter((e) => HOSTING.includes(e.institutionKind)))].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      )[0];
      if (moved && moved[1] >= 2) return moved[0];
    }
    return best;
  }

  // Recency-weighted over the last three years of evidence.
  const maxYear = Math.max(...placed.map((e) => e.year));
  const recent = placed.filter((e) => e.year >= maxYear - 2);
  const score = new Map<string, { w: number; n: number; last: number }>();
  for (const e of recent) {
    const s = score.get(e.institution!) ?? { w: 0, n: 0, last: 0 };
    s.w += 1 / (1 + maxYear - e.year);
    s.n++;
    s.last = Math.max(s.last, e.year);
    score.set(e.institution!, s);
  }
  const ranked = [...score].sort(
    (a, b) =>
      b[1].w - a[1].w ||
      Number(HOSTING.includes(kindOf.get(b[0]) ?? null)) - Number(HOSTING.includes(kindOf.get(a[0]) ?? null)) ||
      b[1].last - a[1].last ||
      (a[0] < b[0] ? -1 : 1),
  );
  const best = ranked[0][0];
  if (HOSTING.includes(kindOf.get(best) ?? null)) return best;
  const hosting = ranked.find(([key, s]) => HOSTING.includes(kindOf.get(key) ?? null) && s.n >= 2);
  return hosting ? hosting[0] : best;
}

/**
 * Votes where each paper counts once per value: how many papers name each value, how many name any,
 * and the most named (ties: alphabetical).
 */
function perPaperVotes(papers: string[][]): { counts: Map<string, number>; papers: number; best: Usual | null } {
  const counts = new Map<string, number>();
  let named = 0;
  for (const values of papers) {
    const distinct = new Set(values);
    if (distinct.size > 0) named++;
    for (const v of distinct) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const best = modal([...counts].flatMap(([v, n]) => Array<string>(n).fill(v)));
  return { counts, papers: named, best };
}

/**
 * A company printed without a country ("Microsoft"): the branch that coworkers at the same company
 * print on the same papers ("Microsoft Research Asia", a microsoft.cn address). Each entry is one
 * paper where the person prints the company: the branches the other authors print there. A branch
 * counts when it is printed on at least two such papers and on more than half of those that show
 * any branch; otherwise the company stays without a country.
 */
export function branchFromCoworkers(papers: string[][]): string | null {
  const { counts, papers: withBranch, best } = perPaperVotes(papers);
  if (!best) return null;
  // Two papers and a majority; or every paper that shows a branch shows this one and no other.
  const unanimous = best.count === withBranch && counts.size === 1;
  return (best.count >= 2 && best.count * 2 > withBranch) || unanimous ? best.value : null;
}

/**
 * A company printed without a country, when neither the person's own records nor their coworkers
 * name a branch: the country of the person's other places in the same period (the years they print
 * the company, one year either side), when those records all agree on one country. A professor at
 * NTU who prints "Huawei" the same year is at Huawei's Singapore branch; records in two countries
 * say nothing, and so does a period with no other record.
 */
export function branchFromSamePeriod(
  companyYears: number[],
  others: { year: number; country: string }[],
): string | null {
  const countries = countriesInPeriod(companyYears, others);
  return countries.size === 1 ? [...countries][0] : null;
}

/** The countries of a person's other places in the years they print an organisation, one year either side. */
function countriesInPeriod(
  years: number[],
  others: { year: number; country: string }[],
  window: number = WINDOW,
): Set<string> {
  return new Set(others.filter((o) => years.some((y) => Math.abs(y - o.year) <= window)).map((o) => o.country));
}

/**
 * An organisation no list places and whose records give no country (a startup's own domain, a
 * name printed alone: "kumo.ai", "Wayve"): the country where the people who print it are placed by
 * their other records of the same period, when every one of them with such a record is placed in
 * the same one country (a professor at UCL who prints Wayve is in the United Kingdom); failing
 * that, the country its coauthors are printed in on the papers that print it, by the thresholds of
 * branchFromCoauthorCountries (each entry of `papers` is one paper: the countries of its authors
 * printed elsewhere). Unlike a multinational company's branch, placed per person, the organisation
 * gets one country for everyone.
 */
export function countryOfUnlistedOrganisation(
  people: { years: number[]; others: { year: number; country: string }[] }[],
  papers: string[][],
): string | null {
  const placed = people.map((p) => countriesInPeriod(p.years, p.others, 0));
  const countries = new Set(placed.flatMap((c) => [...c]));
  if (countries.size === 1 && placed.every((c) => c.size <= 1)) return [...countries][0];
  return branchFromCoauthorCountries(papers);
}

/**
 * A company printed without a country, when nothing above names a branch: the country where their
 * coauthors are printed on the papers where the person prints the company (a lab's interns and
 * collaborators are mostly local: Microsoft with Chinese universities is Microsoft Research Asia).
 * Each entry is one such paper: the countries its other authors are printed in. A country counts
 * when it is on at least `papers` papers and on at least `share` of those with any coauthor placed.
 */
export const COAUTHOR_COUNTRY_THRESHOLDS = { papers: 2, share: 0.75 } as const;

export function branchFromCoauthorCountries(
  papers: string[][],
  t: { papers: number; share: number } = COAUTHOR_COUNTRY_THRESHOLDS,
): string | null {
  const { counts, papers: placed, best } = perPaperVotes(papers);
  if (!best || best.count < t.papers || best.count < t.share * placed) return null;
  // A tie names no country.
  return [...counts].filter(([, n]) => n === best.count).length === 1 ? best.value : null;
}

/**
 * "A clear supervisor's pattern": last author of at least `lastAuthorPapers` conference
 * papers at LAST_AUTHOR_SENIOR_VENUES (with at least two authors) in at least `years` distinct years, with at least
 * `coauthors` distinct coauthors on those papers. See docs/advisor-facts.md for the numbers.
 */
export const INFERENCE_THRESHOLDS = { lastAuthorPapers: 6, years: 3, coauthors: 8 } as const;

export type LastAuthorship = {
  paper: string;
  year: number;
  coauthors: string[];
  /** Three or more authors listed by surname in alphabetical order (isAlphabeticalList; the plan reads it for declared trainees only). */
  alphabetical?: boolean;
};

/** A printed name's surname as sorted: its last word, accents folded ("Hal Daumé III" -> "iii"). */
const surname = (name: string) => normalizeName(name).split(" ").pop() ?? "";

/**
 * A long record at one place that hires supervisors: printed at one university (or public research
 * organisation whose researchers supervise) in at least `years` distinct years spanning at least
 * `span` years, the last of them within `recent` years of the person's latest placed record. A PhD
 * and a postdoc together last well under ten years; a professor whose papers print their university
 * year after year (Maria-Florina Balcan, Carnegie Mellon, 2004–2024) is one, even where they are
 * rarely last author (theory lists authors by the alphabet) and no record of theirs carries a title.
 */
export const LONG_TENURE = { years: 6, span: 10, recent: 3 } as const;

export function hasLongTenure(
  evidence: Evidence[],
  t: { years: number; span: number; recent: number } = LONG_TENURE,
): boolean {
  const placed = evidence.filter((e) => e.institution);
  if (placed.length === 0) return false;
  const latest = Math.max(...placed.map((e) => e.year));
  const years = new Map<string, Set<number>>();
  for (const e of placed) {
    if (!(e.institutionKind === "academic" || (e.researchOrganisation && e.researchersSupervise !== false))) continue;
    let s = years.get(e.institution!);
    if (!s) years.set(e.institution!, (s = new Set()));
    s.add(e.year);
  }
  for (const s of years.values()) {
    if (s.size < t.years) continue;
    const first = Math.min(...s);
    const last = Math.max(...s);
    if (last - first >= t.span && last > latest - t.recent) return true;
  }
  return false;
}

/**
 * Whether an author list is in alphabetical order of surnames, as theory papers list their authors:
 * there the last place says nothing of seniority. Two authors are in that order half the time by
 * chance, so only lists of three or more count (one in six by chance). Used where last authorship
 * must outweigh a declared trainee's title (supervisorDespiteTraineeTitle).
 */
export function isAlphabeticalList(names: string[]): boolean {
  if (names.length < 3) return false;
  const keys = names.map(surname);
  return keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k, "en") <= 0);
}

export function hasSupervisorPattern(
  lastAuthored: LastAuthorship[],
  t: { lastAuthorPapers: number; years: number; coauthors: number } = INFERENCE_THRESHOLDS,
): boolean {
  if (lastAuthored.length < t.lastAuthorPapers) return false;
  const years = new Set(lastAuthored.map((l) => l.year));
  if (years.size < t.years) return false;
  const coauthors = new Set(lastAuthored.flatMap((l) => l.coauthors));
  return coauthors.size >= t.coauthors;
}

/**
 * A long career with fewer last-authored papers at these venues: at least `lastAuthorPapers` in at
 * least `years` distinct years with `coauthors` distinct coauthors, from someone whose papers here
 * span at least `span` years (first to latest). Those who publish mostly elsewhere (NLP, vision,
 * theory) and run a lab for decades: Iain Murray (Edinburgh, 2005–2021), Shimon Ullman (Weizmann),
 * Iryna Gurevych (TU Darmstadt). A PhD and a postdoc together span well under twelve years. See
 * docs/advisor-facts.md for the numbers.
 */
export const LONG_CAREER = { lastAuthorPapers: 4, years: 2, coauthors: 6, span: 12 } as const;

export function hasLongCareerPattern(
  lastAuthored: LastAuthorship[],
  span: { first: number; latest: number },
  t: { lastAuthorPapers: number; years: number; coauthors: number; span: number } = LONG_CAREER,
): boolean {
  return span.latest - span.first >= t.span && hasSupervisorPattern(lastAuthored, t);
}

/**
 * A declared trainee ("PhD student", "Postdoc") is a supervisor after all when their last-authored
 * papers, not counting author lists in alphabetical order, show the supervisor's pattern: the title
 * is a profile never updated (Tom Rainforth, Oxford: "Postdoc" on every record 2021–2025). Theory
 * students are last author by the alphabet (Zarifis, Pittas, Zimmert): those lists do not count.
 */
export function supervisorDespiteTraineeTitle(lastAuthored: LastAuthorship[]): boolean {
  return hasSupervisorPattern(lastAuthored.filter((l) => !l.alphabetical));
}

/**
 * Rule 5, for a supervisor none of whose records prints a place (Christopher Ré's print none): the
 * university or research institute their coauthors print on their last-authored papers, where the
 * students of a lab are. Over the last three years that have such papers, one place must appear on
 * at least `papers` of them and on more than half, printed by at least `coauthors` different people,
 * and no other place as often. An intern's papers at a company print many universities: none wins.
 */
export const COAUTHOR_PLACE_THRESHOLDS = { papers: 3, coauthors: 2 } as const;

/**
 * Rule 5, when the last-authored papers themselves place nobody: a coauthor counts where most of
 * their own records print them in the paper's year, else the nearest year before, up to this many
 * years back (whole venue-years of the sources print no affiliation: ICLR 2024-2026, ICML 2026,
 * NeurIPS 2025).
 */
export const COAUTHOR_PLACE_LOOKBACK = 2;

export type CoauthorPlaces = {
  year: number;
  /** The coauthors' records on one last-authored paper that print a place. */
  places: Pick<Evidence, "person" | "institution" | "institutionKind" | "researchOrganisation">[];
};

export function placeFromCoauthors(
  papers: CoauthorPlaces[],
  t: { papers: number; coauthors: number } = COAUTHOR_PLACE_THRESHOLDS,
): string | null {
  const placed = papers.filter((p) => p.places.length > 0);
  if (placed.length === 0) return null;
  const years = [...new Set(placed.map((p) => p.year))].sort((a, b) => b - a).slice(0, 3);
  const recent = placed.filter((p) => years.includes(p.year));
  const tally = new Map<string, { papers: number; people: Set<string> }>();
  for (const p of recent) {
    const seen = new Set<string>();
    for (const pl of p.places) {
      if (!pl.institution || !hires(pl)) continue;
      let t = tally.get(pl.institution);
      if (!t) tally.set(pl.institution, (t = { papers: 0, people: new Set() }));
      t.people.add(pl.person);
      if (!seen.has(pl.institution)) {
        seen.add(pl.institution);
        t.papers++;
      }
    }
  }
  const ranked = [...tally].sort((a, b) => b[1].papers - a[1].papers);
  const [best, second] = ranked;
  if (!best || (second && second[1].papers === best[1].papers)) return null;
  const { papers: n, people } = best[1];
  return n >= t.papers && n * 2 > recent.length && people.size >= t.coauthors ? best[0] : null;
}

/** Years of placed last-authored papers past a supervisor's own last printed place that make it stale. */
export const STALE_RECORD_YEARS = 3;

/**
 * Rule 5 also covers a supervisor whose own records stopped printing a place while their lab went on
 * (Kaiming He's last is "Facebook AI Research", 2018; his last-authored papers of 2024–2026 carry
 * his MIT students' records): the year of their last record with a place, when a last-authored
 * paper whose coauthors print one is at least STALE_RECORD_YEARS later; null while their records
 * are current. Only the papers after that year then count.
 */
export function staleSince(
  own: Pick<Evidence, "year" | "institution">[],
  papers: Pick<CoauthorPlaces, "year" | "places">[],
): number | null {
  const placed = own.filter((e) => e.institution !== null).map((e) => e.year);
  const coauthored = papers.filter((p) => p.places.length > 0).map((p) => p.year);
  if (placed.length === 0 || coauthored.length === 0) return null;
  const last = Math.max(...placed);
  return Math.max(...coauthored) - last >= STALE_RECORD_YEARS ? last : null;
}

/** The rule in one sentence, for advisor pages and the README. */
export const ADVISOR_FACTS_RULE =
  "Position and institution come from all of a person's dated records (affiliations printed on papers, OpenReview positions), not the last one: records that contradict their other records of the same period and match a coauthor's on that paper, or carry a coauthor's own profile id with another place or against the id their other record prints, are set aside as suspected swaps; the most recent year with a decisive title says whether they supervise (a trainee's title never updated yields to a supervisor's pattern in the papers; without any title, one university printed on their papers year after year is such a pattern too; a company title right after a professorship keeps the chair), and where they held it says where they are (unless their later records moved to another university or institute); someone whose papers print only a company, with a homepage on a university's site that a coauthor of their last four years also prints, is placed at that university and the page says so, and someone whose papers print no place at all, or none for three years while their lab publishes on, where the coauthors of their last-authored papers mostly are, also said; an approved correction outranks all imported evidence.";

/** One public profile link printed with one of a person's records. */
export type ProfileRecord = { year: number; value: string };

/**
 * The profile link (homepage, dblp, Scholar, ORCID) to show for a person. Not simply the last
 * record's: a misaligned record carries a coauthor's whole profile (Junchi Yan's latest record
 * printed Weinan E's homepage). A value printed on at least two of the person's records is theirs;
 * among those, the one printed most in their last two years of such records wins (a new homepage
 * wins once it is printed more than the old one), the latest on a tie. With no value printed twice,
 * `fallback` (what the latest record with any profile link printed) is kept: one record, one claim.
 */
export function consensusProfile(records: ProfileRecord[], fallback: string | null = null): string | null {
  const all = new Map<string, number>();
  for (const r of records) all.set(r.value, (all.get(r.value) ?? 0) + 1);
  const confirmed = records.filter((r) => all.get(r.value)! >= 2);
  if (confirmed.length === 0) return fallback;
  const latest = Math.max(...confirmed.map((r) => r.year));
  const tally = new Map<string, { n: number; year: number }>();
  for (const r of confirmed) {
    if (r.year < latest - 1) continue;
    const t = tally.get(r.value) ?? { n: 0, year: r.year };
    t.n++;
    t.year = Math.max(t.year, r.year);
    tally.set(r.value, t);
  }
  let best: [string, { n: number; year: number }] | null = null;
  for (const e of tally)
    if (
      !best ||
      e[1].n > best[1].n ||
      (e[1].n === best[1].n && (e[1].year > best[1].year || (e[1].year === best[1].year && e[0] < best[0])))
    )
      best = e;
  return best![0];
}

/** A profile field left at a form's example value ("http://example.com"): no one's page. */
export function isPlaceholderLink(value: string): boolean {
  return /^(https?:\/\/)?(www\.)?example\.(com|org|net)([/:?#]|$)/i.test(value.trim());
}
