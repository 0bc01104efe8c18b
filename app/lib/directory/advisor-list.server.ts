/**
 * One filtered, ranked advisor list for the page, the JSON API and the CSV export, so all three
 * answer the same parameters with the same rows.
 */
import {
  dropVenuesWithoutData,
  parseAdvisorFilters,
  type AdvisorFilters,
  type FilterProblem,
  type ParsedFilters,
} from "./advisor-filters";
import { advisorIndex, listAdvisors, type AdvisorListResult } from "./advisors.server";

export type AdvisorListView = {
  filters: AdvisorFilters;
  problems: FilterProblem[];
  result: AdvisorListResult;
  page: number;
  pages: number;
};

/** The venues with papers in the data (the index's, so per data version). */
export async function venuesWithData(): Promise<string[]> {
  return [...(await advisorIndex()).latestYear.keys()];
}

/** parseAdvisorFilters, with venues the data has no paper from dropped (dropVenuesWithoutData). */
export async function parseListFilters(
  params: URLSearchParams,
  options: Parameters<typeof parseAdvisorFilters>[1] = {},
): Promise<ParsedFilters> {
  const parsed = parseAdvisorFilters(params, options);
  const asked = params.getAll("venues").some((v) => v.trim() !== "");
  dropVenuesWithoutData(parsed, await venuesWithData(), asked);
  return parsed;
}

export async function advisorListView(
  params: URLSearchParams,
  options: { defaultLimit?: number; pageParam?: boolean },
): Promise<AdvisorListView> {
  const { filters, problems } = await parseListFilters(params, options);
  let result = await listAdvisors(filters, { topicFacets: true });
  const pages = Math.max(1, Math.ceil(result.total / filters.limit));
  if (filters.offset >= result.total && filters.offset > 0) {
    const lastOffset = (pages - 1) * filters.limit;
    problems.push({
      param: options.pageParam ? "page" : "offset",
      message: `There are only ${pages} page${pages > 1 ? "s" : ""} of results; showing the last one.`,
    });
    filters.offset = lastOffset;
    result = await listAdvisors(filters, { topicFacets: true });
  }
  return { filters, problems, result, page: Math.floor(filters.offset / filters.limit) + 1, pages };
}
