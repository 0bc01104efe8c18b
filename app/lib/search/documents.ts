/**
 * Search, the pure part: what a search asks for (parsed and validated from a URL), what a search
 * document is (one function from a database row), the Meilisearch index settings, and Meilisearch
 * filter strings with escaped values. No I/O here, so every rule is unit-tested.
 */
import { CIFRE_STATUSES, type CifreStatus } from "../../../db/schema";
import { positionLabel } from "../directory/position-label";
import { CONTINENT_CODES, countryName, isCountryCode } from "../geo.server";
import { nameQueryOrder } from "../names";
import { intParam, type ParamProblem, truncate } from "../query-params";
import { VENUE_IDS, type VenueId, isVenueId } from "../venues";

export const SEARCH_TYPES = ["advisor", "lab", "institution"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_KINDS = ["academic", "institute", "industry", "other"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const MAX_SEARCH_QUERY_LENGTH = 200;
export const MAX_SEARCH_LIMIT = 50;
const MAX_PAGE = 1000;

/** A search: the text, the type (null: all three) and the facet filters. */
export type SearchParams = {
  q: string;
  type: SearchType | null;
  continent: string | null;
  country: string | null;
  cifre: CifreStatus | null;
  kind: SearchKind | null;
  /** Published at any of these venues (empty: no condition). */
  venues: VenueId[];
  /** Only documents at this institution (its slug). */
  institution: string | null;
  /** Hits per type. */
  limit: number;
  offset: number;
};

export type SearchProblem = ParamProblem;

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

/**
 * Reads a search from a query string. Anything invalid is reported as a problem (the API answers
 * 400 with the messages; the page shows them and ignores the value) and never reaches a query.
 */
export function parseSearchParams(
  params: URLSearchParams,
  { defaultLimit = 5, pageParam = false }: { defaultLimit?: number; pageParam?: boolean } = {},
): { params: SearchParams; problems: SearchProblem[] } {
  const problems: SearchProblem[] = [];
  let q = (params.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (q.length > MAX_SEARCH_QUERY_LENGTH) {
    problems.push({
      param: "q",
      message: `The search is limited to ${MAX_SEARCH_QUERY_LENGTH} characters; it was shortened.`,
    });
    q = q.slice(0, MAX_SEARCH_QUERY_LENGTH).trim();
  }

  const one = <T extends string>(
    name: string,
    allowed: readonly T[],
    normalise: (s: string) => string = (s) => s.toLowerCase(),
  ): T | null => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "" || raw === "all" || raw === "any") return null;
    const v = normalise(raw.trim());
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push({
      param: name,
      message: `Unknown ${name} "${truncate(raw)}"; expected one of ${allowed.join(", ")}. The filter was ignored.`,
    });
    return null;
  };

  const type = one("type", SEARCH_TYPES);
  const continent = one("continent", CONTINENT_CODES, (s) => s.toUpperCase());
  const cifre = one("cifre", CIFRE_STATUSES);
  const kind = one("kind", SEARCH_KINDS);

  let country: string | null = null;
  const rawCountry = params.get("country");
  if (rawCountry && rawCountry.trim() !== "" && rawCountry !== "all") {
    const c = rawCountry.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(c) && isCountryCode(c)) country = c;
    else
      problems.push({
        param: "country",
        message: `Unknown country "${truncate(rawCountry)}"; use a two-letter ISO code such as FR. The filter was ignored.`,
      });
  }

  const venues: VenueId[] = [];
  const unknownVenues: string[] = [];
  for (const raw of params.getAll("venue").flatMap((v) => v.split(","))) {
    const id = raw.trim().toLowerCase();
    if (id === "") continue;
    if (isVenueId(id)) {
      if (!venues.includes(id)) venues.push(id);
    } else unknownVenues.push(`"${truncate(raw)}"`);
  }
  if (unknownVenues.length > 0)
    problems.push({
      param: "venue",
      message: `Unknown venue ${unknownVenues.join(", ")}; venues are ${VENUE_IDS.join(", ")}. Ignored.`,
    });

  let institution: string | null = null;
  const rawInstitution = params.get("institution");
  if (rawInstitution && rawInstitution.trim() !== "") {
    const slug = rawInstitution.trim().toLowerCase();
    if (SLUG.test(slug)) institution = slug;
    else
      problems.push({
        param: "institution",
        message: `"${truncate(rawInstitution)}" is not an institution slug (lower-case letters, digits and dashes). Ignored.`,
      });
  }

  const int = (name: string, min: number, max: number, fallback: number): number =>
    intParam(params, name, problems, { min, max, fallback })!;
  const limit = int("limit", 1, MAX_SEARCH_LIMIT, defaultLimit);
  const page = pageParam ? int("page", 1, MAX_PAGE, 1) : 1;

  return {
    params: { q, type, continent, country, cifre, kind, venues, institution, limit, offset: (page - 1) * limit },
    problems,
  };
}

/** The query string of a search (defaults left out), so that a link reproduces it. */
export function searchToQueryString(p: Partial<SearchParams> & { page?: number }, { defaultLimit = 20 } = {}): string {
  const s = new URLSearchParams();
  if (p.q) s.set("q", p.q);
  if (p.type) s.set("type", p.type);
  if (p.continent) s.set("continent", p.continent);
  if (p.country) s.set("country", p.country);
  if (p.cifre) s.set("cifre", p.cifre);
  if (p.kind) s.set("kind", p.kind);
  for (const v of p.venues ?? []) s.append("venue", v);
  if (p.institution) s.set("institution", p.institution);
  if (p.limit && p.limit !== defaultLimit) s.set("limit", String(p.limit));
  if (p.page && p.page > 1) s.set("page", String(p.page));
  const out = s.toString();
  return out ? `?${out}` : "";
}

/** A row of the search_documents view (Postgres is the source of every document). */
export type SearchRow = {
  type: SearchType;
  id: number;
  slug: string;
  name: string;
  /** An advisor's declared position. */
  position: string | null;
  /** An advisor's or a lab's institution (or a lab's company). */
  institutionName: string | null;
  /** Slug of the institution the document belongs to (an institution's own slug). */
  institution: string | null;
  city: string | null;
  country: string | null;
  continent: string | null;
  cifre: CifreStatus;
  kind: SearchKind | null;
  venues: string[];
  /** Advisors: conference papers; labs: members with papers; institutions: advisors. */
  weight: number;
};

export type SearchHit = { type: SearchType; slug: string; name: string; subtitle: string };

/** The line under a hit's name. */
export function subtitleOf(row: SearchRow): string {
  const country = countryName(row.country);
  switch (row.type) {
    case "advisor":
      // The position as the rest of the site shows it (the sources join several with "+").
      return [row.position && positionLabel(row.position), row.institutionName, country].filter(Boolean).join(" · ");
    case "lab":
      return [row.kind === "industry" ? "Industry lab" : "Lab", row.institutionName, row.city, country]
        .filter(Boolean)
        .join(" · ");
    case "institution":
      return [country, `${row.weight} advisor${row.weight === 1 ? "" : "s"}`].filter(Boolean).join(" · ");
  }
}

export function toSearchHit(row: SearchRow): SearchHit {
  return { type: row.type, slug: row.slug, name: row.name, subtitle: subtitleOf(row) };
}

/** A Meilisearch document: the row's identity, what is searched and shown, and every facet. */
export type SearchDocument = {
  /** `${type}-${row id}`: Meilisearch ids allow letters, digits, "-" and "_". */
  id: string;
  type: SearchType;
  slug: string;
  name: string;
  subtitle: string;
  continent: string | null;
  country: string | null;
  cifre: CifreStatus;
  kind: SearchKind | null;
  venues: string[];
  institution: string | null;
  weight: number;
};

export function documentId(type: SearchType, id: number): string {
  return `${type}-${id}`;
}

/** Reads a document id back; null for anything that is not one (a stale or foreign document). */
export function parseDocumentId(id: string): { type: SearchType; id: number } | null {
  const m = /^(advisor|lab|institution)-(\d{1,10})$/.exec(id);
  return m ? { type: m[1] as SearchType, id: Number(m[2]) } : null;
}

/** The one mapping from a database row to a search document. */
export function toSearchDocument(row: SearchRow): SearchDocument {
  return {
    id: documentId(row.type, row.id),
    type: row.type,
    slug: row.slug,
    name: row.name,
    subtitle: subtitleOf(row),
    continent: row.continent,
    country: row.country,
    cifre: row.cifre,
    kind: row.kind,
    venues: [...row.venues].sort(),
    institution: row.institution,
    weight: row.weight,
  };
}

export const FACETS = ["type", "continent", "country", "cifre", "kind", "venues"] as const;
export type FacetName = (typeof FACETS)[number];
export type SearchFacets = Record<FacetName, Record<string, number>>;

export function emptyFacets(): SearchFacets {
  return { type: {}, continent: {}, country: {}, cifre: {}, kind: {}, venues: {} };
}

/** The index settings, applied from code at start (see search-meili.server.ts). */
export const MEILI_SETTINGS = {
  searchableAttributes: ["name"],
  displayedAttributes: ["id", "type", "slug", "name", "subtitle"],
  filterableAttributes: ["type", "continent", "country", "cifre", "kind", "venues", "institution"],
  sortableAttributes: ["weight", "name"],
  // Exactness before attribute (where in the name a word matches): a whole word ("MIT", a surname)
  // before a word that only starts with the query ("Mitsubishi"), as the Postgres search ranks.
  rankingRules: ["words", "typo", "exactness", "proximity", "attribute", "sort", "weight:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 300 },
  pagination: { maxTotalHits: 20000 },
} as const;

// Attributes whose order means nothing: compared as sets.
const UNORDERED = new Set(["filterableAttributes", "sortableAttributes", "displayedAttributes"]);

function normaliseSetting(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return UNORDERED.has(key) ? [...value].map(String).sort() : value;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, normaliseSetting(k, o[k])]),
    );
  }
  return value;
}

/**
 * The settings that differ between the server's and ours, as the partial update to send;
 * null when nothing differs. Only the keys we set are compared (the server reports many more), and
 * nested objects only on the keys we set (the server fills in defaults for the rest).
 */
export function settingsUpdate(
  current: Record<string, unknown>,
  desired: Record<string, unknown> = MEILI_SETTINGS,
): Record<string, unknown> | null {
  const update: Record<string, unknown> = {};
  const differs = (key: string, have: unknown, want: unknown): boolean => {
    if (want && typeof want === "object" && !Array.isArray(want)) {
      if (!have || typeof have !== "object" || Array.isArray(have)) return true;
      return Object.entries(want as Record<string, unknown>).some(([k, v]) =>
        differs(k, (have as Record<string, unknown>)[k], v),
      );
    }
    return JSON.stringify(normaliseSetting(key, have)) !== JSON.stringify(normaliseSetting(key, want));
  };
  for (const [key, want] of Object.entries(desired)) if (differs(key, current[key], want)) update[key] = want;
  return Object.keys(update).length > 0 ? update : null;
}

/**
 * A value inside a Meilisearch filter: always a double-quoted string, with backslashes and quotes
 * escaped, so that no value can close the string and add a condition.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The filter clauses (ANDed) of a search, over validated values, every value quoted. */
export function buildMeiliFilter(
  p: Pick<SearchParams, "continent" | "country" | "cifre" | "kind" | "venues" | "institution">,
  type: SearchType | null,
): string[] {
  const clauses: string[] = [];
  if (type) clauses.push(`type = ${quoteFilterValue(type)}`);
  if (p.continent) clauses.push(`continent = ${quoteFilterValue(p.continent)}`);
  if (p.country) clauses.push(`country = ${quoteFilterValue(p.country)}`);
  if (p.cifre) clauses.push(`cifre = ${quoteFilterValue(p.cifre)}`);
  if (p.kind) clauses.push(`kind = ${quoteFilterValue(p.kind)}`);
  if (p.venues.length > 0) clauses.push(`venues IN [${p.venues.map(quoteFilterValue).join(", ")}]`);
  if (p.institution) clauses.push(`institution = ${quoteFilterValue(p.institution)}`);
  return clauses;
}

/** Drops zero counts and keeps the facet names we know, so both backends answer alike. */
export function cleanFacets(raw: Partial<Record<string, Record<string, number>>> | undefined): SearchFacets {
  const out = emptyFacets();
  for (const name of FACETS) {
    for (const [k, n] of Object.entries(raw?.[name] ?? {})) if (n > 0 && k !== "" && k !== "null") out[name][k] = n;
  }
  return out;
}

/** The other spelling of a name query that search also tries (nameVariantQuery). */
export type NameVariant = { q: string; folded: boolean };

/**
 * The other spelling of a name query that search also tries (issue 12: middle names and
 * transliterations must not hide a person): a query of three words or more without its middle
 * words ("Neil D. Lawrence" -> "Neil Lawrence", "Andrew Gordon Wilson" -> "Andrew Wilson"), and
 * German umlauts written out folded ("Schoelkopf" -> "Scholkopf", as "Schölkopf" is searched;
 * `folded`: its hits must carry an umlaut, or "Michael" would find "Michal"). Null when none.
 */
export function nameVariantQuery(q: string): NameVariant | null {
  const words = q.trim().split(/\s+/).filter(Boolean);
  // "Varoquaux, Gaël" is also searched as "Gaël Varoquaux" (nameQueryOrder), not folded.
  const reordered = q.includes(",");
  const ordered = reordered ? nameQueryOrder(q).trim().split(/\s+/).filter(Boolean) : words;
  const kept = ordered.length >= 3 ? [ordered[0], ordered[ordered.length - 1]] : ordered;
  // Folded only in words long enough to be a surname ("Joel" stays "Joel").
  const variant = reordered ? kept : kept.map((w) => (w.length >= 6 ? w.replace(/([aouAOU])e/g, "$1") : w));
  const folded = variant.some((w, i) => w !== kept[i]);
  const joined = variant.join(" ");
  // "Berkeley," is the query itself: nothing else to search.
  return joined !== words.join(" ").replace(/,/g, "") && joined.length > 0 ? { q: joined, folded } : null;
}

const UMLAUT = /[äöüÄÖÜ]/;

/** How many documents a search matched in all (its type facet's counts). */
export function matchedCount(facets: SearchFacets): number {
  return Object.values(facets.type).reduce((a, b) => a + b, 0);
}

/**
 * Whether the variant is searched for this page: on the first page; on any page when the query
 * itself matched nothing and the variant only drops middle words (its answer then stands for the
 * query's, facets and pages included).
 */
export function variantApplies(v: NameVariant, main: { facets: SearchFacets }, offset: number): boolean {
  return offset === 0 || (matchedCount(main.facets) === 0 && !v.folded);
}

/**
 * The query's answer with the variant's: when the query matched nothing and the variant only drops
 * middle words, the variant's answer; otherwise the variant's hits not already there (with an
 * umlaut in the name for a folded spelling) after the query's own, at most `limit` per type, types
 * kept in their order, and counted in the type facet.
 */
export function withVariantHits<R extends { hits: SearchHit[]; facets: SearchFacets }>(
  main: R,
  v: NameVariant,
  variant: { hits: SearchHit[]; facets: SearchFacets },
  limit: number,
): R {
  if (matchedCount(main.facets) === 0 && !v.folded) return { ...main, hits: variant.hits, facets: variant.facets };
  const key = (h: SearchHit) => `${h.type}:${h.slug}`;
  const seen = new Set(main.hits.map(key));
  const perType = new Map<string, number>();
  for (const h of main.hits) perType.set(h.type, (perType.get(h.type) ?? 0) + 1);
  const added: SearchHit[] = [];
  for (const h of variant.hits) {
    if (seen.has(key(h)) || (perType.get(h.type) ?? 0) >= limit || (v.folded && !UMLAUT.test(h.name))) continue;
    seen.add(key(h));
    perType.set(h.type, (perType.get(h.type) ?? 0) + 1);
    added.push(h);
  }
  if (added.length === 0) return main;
  const order = (h: SearchHit) => SEARCH_TYPES.indexOf(h.type);
  const hits = [...main.hits, ...added].map((h, i) => ({ h, i })).sort((a, b) => order(a.h) - order(b.h) || a.i - b.i);
  const type = { ...main.facets.type };
  for (const h of added) type[h.type] = (type[h.type] ?? 0) + 1;
  return { ...main, hits: hits.map((x) => x.h), facets: { ...main.facets, type } };
}
