/**
 * The filters of the advisor and lab lists, read from a URL's query string. The same parser serves
 * the pages (which show a corrected view with a message) and the JSON API (which answers 400).
 * Pure, so the pages, the API and the CSV export agree on every parameter.
 */
import { CIFRE_STATUSES, type CifreStatus } from "../../../db/schema";
import { CONTINENT_CODES, type ContinentCode, isCountryCode } from "../geo.server";
import { intParam, type ParamProblem, truncate } from "../query-params";
import { ORIENTATION_FILTERS, type OrientationFilter } from "../research-orientation";
import { DEFAULT_VENUES } from "../scoring";
import { parseTopicParam } from "../topics";
import { isVenueId, type VenueId, venueName } from "../venues";

export const SORTS = ["score", "papers", "consistency", "name", "students", "alumni"] as const;
export type Sort = (typeof SORTS)[number];
/** The sorts of the lab and institution lists: students and alumni order advisors only. */
export const GROUP_SORTS: readonly Sort[] = ["score", "papers", "consistency", "name"];
export const KINDS = ["academic", "institute", "industry"] as const;
export type Kind = (typeof KINDS)[number];

export const MIN_YEAR = 1987;
export const MAX_YEAR = 2030;
export const MAX_LIMIT = 200;
/** Rows per page on the HTML lists: more would pass the page budget (issue 13: < 150 kB); the API gives MAX_LIMIT. */
export const MAX_PAGE_LIMIT = 80;
export const MAX_QUERY_LENGTH = 200;

export type AdvisorFilters = {
  q: string;
  continent: ContinentCode | null;
  country: string | null;
  cifre: CifreStatus | null;
  venues: VenueId[];
  /** Null: the default window (the five most recent years with data). */
  from: number | null;
  to: number | null;
  minPapers: number;
  minYears: number;
  kind: Kind | null;
  recruiting: boolean;
  /** Labs and institutions only: those with an industry co-affiliation seen on papers (`coaffiliation=true`). */
  coAffiliated: boolean;
  /** PhD students seen per year (the last-author count in the year the list counts): a range; null: no bound. */
  minStudents: number | null;
  maxStudents: number | null;
  /** The "not overrun" preset: at most the data's cut (see student-load.server.ts), unless maxStudents is given. */
  notOverrun: boolean;
  sort: Sort;
  limit: number;
  offset: number;
  /** A research topic: a curated topic's id or label, or free text (ranks over its papers only). */
  topic: string | null;
  /** The fundamental vs applied indicator. */
  orientation: OrientationFilter | null;
};

export type FilterProblem = ParamProblem;

export type ParsedFilters = { filters: AdvisorFilters; problems: FilterProblem[] };

function enumParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  problems: FilterProblem[],
  normalise: (s: string) => string = (s) => s.toLowerCase(),
): T | null {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "" || raw === "all" || raw === "any") return null;
  const v = normalise(raw.trim());
  if ((allowed as readonly string[]).includes(v)) return v as T;
  problems.push({
    param: name,
    message: `Unknown ${name} "${truncate(raw)}"; expected one of ${allowed.join(", ")}. The filter was ignored.`,
  });
  return null;
}

/** A yes/no parameter (a checkbox sends "true"); anything else is a problem and reads as no. */
function boolParam(params: URLSearchParams, name: string, problems: FilterProblem[]): boolean {
  const raw = params.get(name);
  if (raw === null || raw === "") return false;
  const v = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (!["0", "false", "no", "off"].includes(v))
    problems.push({ param: name, message: `${name} must be true or false; "${truncate(raw)}" was ignored.` });
  return false;
}

export function parseAdvisorFilters(
  params: URLSearchParams,
  {
    defaultLimit = 20,
    pageParam = false,
    sorts = SORTS,
  }: { defaultLimit?: number; pageParam?: boolean; sorts?: readonly Sort[] } = {},
): ParsedFilters {
  const problems: FilterProblem[] = [];
  let q = (params.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({
      param: "q",
      message: `The name search is limited to ${MAX_QUERY_LENGTH} characters.`,
    });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }

  const continent = enumParam(params, "continent", CONTINENT_CODES, problems, (s) => s.toUpperCase());
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
  const cifre = enumParam(params, "cifre", CIFRE_STATUSES, problems);
  const kind = enumParam(params, "kind", KINDS, problems);
  const sort = enumParam(params, "sort", sorts, problems) ?? "score";

  // venues: a comma list (the API) or repeated checkboxes (the GET form); both allowed.
  let venues: VenueId[] = [];
  const rawVenues = params.getAll("venues").flatMap((v) => v.split(","));
  if (rawVenues.length > 0 && rawVenues.some((v) => v.trim() !== "")) {
    const unknown: string[] = [];
    for (const v of rawVenues) {
      const id = v.trim().toLowerCase();
      if (id === "") continue;
      if (isVenueId(id)) {
        if (!venues.includes(id)) venues.push(id);
      } else unknown.push(truncate(v));
    }
    if (unknown.length > 0)
      problems.push({
        param: "venues",
        message: `Unknown venue${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; venues are neurips, icml, iclr, colt, aistats, uai.`,
      });
  }
  if (venues.length === 0) venues = [...DEFAULT_VENUES];

  let from = intParam(params, "from", problems, { min: MIN_YEAR, max: MAX_YEAR, fallback: null });
  let to = intParam(params, "to", problems, { min: MIN_YEAR, max: MAX_YEAR, fallback: null });
  if (from !== null && to !== null && from > to) {
    problems.push({ param: "from", message: `The year range ${from}–${to} was reversed; showing ${to}–${from}.` });
    [from, to] = [to, from];
  }
  const minPapers = intParam(params, "minPapers", problems, { min: 0, max: 10000, fallback: 0 })!;
  const minYears = intParam(params, "minYears", problems, { min: 0, max: MAX_YEAR - MIN_YEAR + 1, fallback: 0 })!;
  const recruiting = boolParam(params, "recruiting", problems);
  const coAffiliated = boolParam(params, "coaffiliation", problems);

  let minStudents = intParam(params, "minStudents", problems, { min: 0, max: 10000, fallback: null });
  let maxStudents = intParam(params, "maxStudents", problems, { min: 0, max: 10000, fallback: null });
  if (minStudents !== null && maxStudents !== null && minStudents > maxStudents) {
    problems.push({
      param: "minStudents",
      message: `The students range ${minStudents}–${maxStudents} was reversed; showing ${maxStudents}–${minStudents}.`,
    });
    [minStudents, maxStudents] = [maxStudents, minStudents];
  }
  const notOverrun = boolParam(params, "notOverrun", problems);
  const topicParam = parseTopicParam(params.getAll("topic"), { allowEmpty: pageParam });
  if (topicParam.problem) problems.push({ param: "topic", message: topicParam.problem });
  const orientation = enumParam(params, "orientation", ORIENTATION_FILTERS, problems);

  const limit = intParam(params, "limit", problems, {
    min: 1,
    max: pageParam ? MAX_PAGE_LIMIT : MAX_LIMIT,
    fallback: defaultLimit,
  })!;
  let offset = intParam(params, "offset", problems, { min: 0, max: 1_000_000_000, fallback: 0 })!;
  if (pageParam) {
    const page = intParam(params, "page", problems, { min: 1, max: 1_000_000, fallback: 1 })!;
    offset = (page - 1) * limit;
  }

  return {
    filters: {
      q,
      continent,
      country,
      cifre,
      venues,
      from,
      to,
      minPapers,
      minYears,
      kind,
      recruiting,
      coAffiliated,
      minStudents,
      maxStudents,
      notOverrun,
      sort,
      limit,
      offset,
      topic: topicParam.topic,
      orientation,
    },
    problems,
  };
}

/** The query string of a filter state (defaults left out), so a link reproduces the view. */
export function filtersToSearch(
  f: Partial<AdvisorFilters> & { page?: number },
  base: { defaultLimit?: number } = {},
): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.continent) p.set("continent", f.continent);
  if (f.country) p.set("country", f.country);
  if (f.cifre) p.set("cifre", f.cifre);
  if (f.venues && f.venues.join(",") !== DEFAULT_VENUES.join(",")) p.set("venues", f.venues.join(","));
  if (f.from) p.set("from", String(f.from));
  if (f.to) p.set("to", String(f.to));
  if (f.minPapers) p.set("minPapers", String(f.minPapers));
  if (f.minYears) p.set("minYears", String(f.minYears));
  if (f.kind) p.set("kind", f.kind);
  if (f.recruiting) p.set("recruiting", "true");
  if (f.coAffiliated) p.set("coaffiliation", "true");
  if (f.minStudents != null) p.set("minStudents", String(f.minStudents));
  if (f.maxStudents != null) p.set("maxStudents", String(f.maxStudents));
  if (f.notOverrun) p.set("notOverrun", "true");
  if (f.topic) p.set("topic", f.topic);
  if (f.orientation) p.set("orientation", f.orientation);
  if (f.sort && f.sort !== "score") p.set("sort", f.sort);
  if (f.limit && f.limit !== (base.defaultLimit ?? 20)) p.set("limit", String(f.limit));
  if (f.page && f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * Venues the data has no paper from (JMLR and TPAMI come from an optional dblp import) rank nothing:
 * asked for by name (`venues=`), they are dropped with a problem (a 400 for the API), and with none
 * left the default venues apply. The defaults are never a problem, and a database with no paper yet
 * (an import under way) is left alone.
 */
export function dropVenuesWithoutData(parsed: ParsedFilters, withData: readonly string[], asked: boolean): void {
  const { filters, problems } = parsed;
  if (!asked || withData.length === 0) return;
  const missing = filters.venues.filter((v) => !withData.includes(v));
  if (missing.length === 0) return;
  const kept = filters.venues.filter((v) => withData.includes(v));
  filters.venues = kept.length > 0 ? kept : [...DEFAULT_VENUES];
  problems.push({
    param: "venues",
    message: `The data has no ${missing.map(venueName).join(" or ")} papers (JMLR and TPAMI come from an optional dblp import); the venues counted are ${filters.venues.map(venueName).join(", ")}.`,
  });
}
