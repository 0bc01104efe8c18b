/** The per-advisor topic index (app/lib/directory/topics-by-advisor.ts) against the scan it replaced. */
import { describe, expect, it } from "vitest";
import { topicPapersOf, topicsByAdvisor, type TopicRows } from "~/lib/directory/topics-by-advisor";

/** The old topTopicsOf loop: every row of every topic, keeping the wanted advisors'. */
function scan(rows: TopicRows, topics: number, wanted: readonly number[]): Map<number, number> {
  const set = new Set(wanted);
  const out = new Map<number, number>();
  for (let code = 0; code < topics; code++) {
    let papers = 0;
    for (let k = 0; k < rows.rowTopic.length; k++)
      if (rows.rowTopic[k] === code && set.has(rows.rowAdvisor[k])) papers += rows.rowPapers[k];
    if (papers > 0) out.set(code, papers);
  }
  return out;
}

/** Deterministic rows sorted by (topic, advisor), several venue-years per pair, some with zero papers. */
function fixture(topics: number, advisors: number, seed: number): TopicRows {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: { t: number; a: number; p: number }[] = [];
  for (let t = 0; t < topics; t++)
    for (let a = 0; a < advisors; a++) {
      if (rand() < 0.6) continue;
      const years = 1 + Math.floor(rand() * 4);
      for (let y = 0; y < years; y++) rows.push({ t, a, p: rand() < 0.1 ? 0 : 1 + Math.floor(rand() * 5) });
    }
  return {
    rowTopic: Uint16Array.from(rows, (r) => r.t),
    rowAdvisor: Int32Array.from(rows, (r) => r.a),
    rowPapers: Int32Array.from(rows, (r) => r.p),
  };
}

const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);

describe("topicsByAdvisor", () => {
  const topics = 17;
  const advisors = 40;
  const rows = fixture(topics, advisors, 7);
  const index = topicsByAdvisor(rows, advisors);

  it("gives every advisor the same papers per topic as the full scan", () => {
    for (let a = 0; a < advisors; a++)
      expect(sorted(topicPapersOf(index, [a]))).toEqual(sorted(scan(rows, topics, [a])));
  });

  it("sums a group (a lab, an institution) as the scan did, each advisor once", () => {
    for (const group of [[0, 1, 2], [5, 39, 12, 5], [], [3]])
      expect(sorted(topicPapersOf(index, group))).toEqual(sorted(scan(rows, topics, group)));
  });

  it("keeps each advisor's topics in topic order, and nothing for an advisor without rows or out of range", () => {
    for (let a = 0; a < advisors; a++)
      for (let k = index.start[a] + 1; k < index.start[a + 1]; k++)
        expect(index.topic[k]).toBeGreaterThan(index.topic[k - 1]);
    const empty = topicsByAdvisor({ rowTopic: [], rowAdvisor: [], rowPapers: [] }, 3);
    expect(topicPapersOf(empty, [0, 1, 2]).size).toBe(0);
    expect(topicPapersOf(index, [-1, advisors]).size).toBe(0);
  });

  it("leaves out a topic whose rows have no papers", () => {
    const only = topicsByAdvisor({ rowTopic: [0, 1], rowAdvisor: [0, 0], rowPapers: [0, 2] }, 1);
    expect(sorted(topicPapersOf(only, [0]))).toEqual([[1, 2]]);
  });
});
