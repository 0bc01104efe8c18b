/**
 * What the lab and institution list pages share: one page of a filtered list (an offset past the end
 * shows the last page, with a notice) and the topic the list is ranked over, as the page explains it.
 */
import type { TopicChoice } from "../topics";
import type { AdvisorFilters, FilterProblem } from "./advisor-filters";

export async function pagedList<R extends { total: number }>(
  filters: AdvisorFilters,
  problems: FilterProblem[],
  noun: string,
  list: (filters: AdvisorFilters) => Promise<R>,
): Promise<{ result: R; page: number; pages: number }> {
  let result = await list(filters);
  const pages = Math.max(1, Math.ceil(result.total / filters.limit));
  if (filters.offset >= result.total && filters.offset > 0) {
    problems.push({
      param: "page",
      message: `There are only ${pages} page${pages > 1 ? "s" : ""} of ${noun}; showing the last one.`,
    });
    filters.offset = (pages - 1) * filters.limit;
    result = await list(filters);
  }
  return { result, page: Math.floor(filters.offset / filters.limit) + 1, pages };
}

/** The topic a list is ranked over, for the page's explanation (a curated topic's description too). */
export function topicView(
  topic: TopicChoice | null,
  options: readonly { id: string; description: string }[],
): { kind: TopicChoice["kind"]; label: string; description: string | null } | null {
  if (!topic) return null;
  return {
    kind: topic.kind,
    label: topic.label,
    description: topic.kind === "curated" ? (options.find((t) => t.id === topic.id)?.description ?? null) : null,
  };
}
