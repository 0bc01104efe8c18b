/**
 * Research topics for groups of advisors (labs, institutions): the topic a list is ranked over, and
 * how many groups each curated topic would show (the counts beside the form's topic options).
 *
 * A group's record over a topic is the sum of its advisors' records over that topic's papers
 * (topics.server.ts gives each advisor's topic rows; scoring.ts scores them, unchanged), so a lab's
 * topic score is the sum of numbers shown on its advisors' pages under the same topic.
 */
import type { ScoreParams } from "../scoring";
import type { AdvisorFilters } from "./advisor-filters";
import type { advisorIndex } from "./advisors.server";
import { topicIndex, topicRanking, type TopicRanking } from "./topics.server";

type AdvisorIndex = Awaited<ReturnType<typeof advisorIndex>>;

export type GroupTopic = {
  /** The ranking over the topic (advisor rows restricted to its papers), or undefined without a topic. */
  ranking: TopicRanking | undefined;
  /** The curated topics, for the filter form. */
  options: { id: string; label: string; description: string }[];
};

/**
 * The topic of a lab or institution list request (`topic=`: a curated id or label, or free text).
 * withOptions: also the curated topics (the page's form); without either, the topic index is not loaded.
 */
export async function groupTopic(
  index: AdvisorIndex,
  filters: Pick<AdvisorFilters, "topic">,
  withOptions = false,
): Promise<GroupTopic> {
  if (!filters.topic && !withOptions) return { ranking: undefined, options: [] };
  const [t, ranking] = await Promise.all([
    topicIndex(index),
    filters.topic ? topicRanking(index, filters.topic) : undefined,
  ]);
  return { ranking, options: t.topics.map(({ id, label, description }) => ({ id, label, description })) };
}

/** The cache key part of a topic ranking ("" without a topic). */
export const topicKey = (topic: TopicRanking | undefined) => (topic ? `|${topic.key}` : "");

// Per topic index and venue set/window: for each curated topic, which advisors (by index) have a
// paper on it at the chosen venues in the window.
const flagsCache = new WeakMap<object, Map<string, Uint8Array[]>>();
const advisorAtCache = new WeakMap<object, Map<number, number>>();

function topicFlags(t: Awaited<ReturnType<typeof topicIndex>>, advisors: number, params: ScoreParams): Uint8Array[] {
  const key = `${[...params.venues].sort().join(",")}|${params.window.from}-${params.window.to}`;
  let perIndex = flagsCache.get(t);
  if (!perIndex) flagsCache.set(t, (perIndex = new Map()));
  const cached = perIndex.get(key);
  if (cached) return cached;
  const { from, to } = params.window;
  const chosen = Uint8Array.from(t.venueIds, (v) => (params.venues.includes(v) ? 1 : 0));
  const flags = t.topics.map((_, code) => {
    const f = new Uint8Array(advisors);
    for (let k = t.topicStart[code]; k < t.topicStart[code + 1]; k++) {
      const y = t.rowYear[k];
      if (y < from || y > to || t.rowPapers[k] <= 0 || chosen[t.rowVenue[k]] === 0) continue;
      f[t.rowAdvisor[k]] = 1;
    }
    return f;
  });
  if (perIndex.size >= 16) perIndex.delete(perIndex.keys().next().value!);
  perIndex.set(key, flags);
  return flags;
}

/**
 * Per curated topic, how many of the given groups (each a list of its advisors' person ids) have at
 * least one advisor with a paper on it at the chosen venues in the window.
 */
export async function groupTopicCounts(
  index: AdvisorIndex,
  params: ScoreParams,
  groups: Iterable<readonly number[]>,
): Promise<Record<string, number>> {
  const t = await topicIndex(index);
  let advisorAt = advisorAtCache.get(index);
  if (!advisorAt) advisorAtCache.set(index, (advisorAt = new Map(index.advisors.map((a, i) => [a.id, i]))));
  const flags = topicFlags(t, index.advisors.length, params);
  const counts = new Int32Array(t.topics.length);
  for (const members of groups) {
    const at = members.map((id) => advisorAt.get(id) ?? -1).filter((i) => i >= 0);
    if (at.length === 0) continue;
    for (let code = 0; code < flags.length; code++) {
      const f = flags[code];
      if (at.some((i) => f[i] === 1)) counts[code]++;
    }
  }
  return Object.fromEntries(t.topics.map((x, code) => [x.id, counts[code]]));
}
