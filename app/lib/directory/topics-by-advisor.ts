/**
 * Each advisor's papers per curated topic, indexed by advisor: built once per topic index from its
 * rows (sorted by topic), so an advisor page, a lab or an institution reads only its own advisors'
 * topics instead of scanning every topic row (~145k) per request.
 */

/** The topic index's rows as far as this needs them (topics.server.ts): parallel arrays, one entry per row. */
export type TopicRows = {
  /** Topic code of each row (index in the topic list). */
  rowTopic: ArrayLike<number>;
  /** Advisor index of each row. */
  rowAdvisor: ArrayLike<number>;
  /** Papers of each row (one venue-year of one advisor on one topic). */
  rowPapers: ArrayLike<number>;
};

/** Per advisor index, its topics (codes, ascending) and papers on each, in compressed rows. */
export type TopicsByAdvisor = {
  /** Advisor a's entries are [start[a], start[a + 1]). */
  start: Int32Array;
  topic: Uint16Array;
  papers: Int32Array;
};

export function topicsByAdvisor(rows: TopicRows, advisors: number): TopicsByAdvisor {
  const n = rows.rowTopic.length;
  // Rows are sorted by (topic, advisor): one advisor's rows on one topic are contiguous, so each
  // (advisor, topic) pair is one run; count the runs per advisor, then fill them in topic order.
  const start = new Int32Array(advisors + 1);
  for (let k = 0; k < n; k++) {
    const a = rows.rowAdvisor[k];
    if (k === 0 || a !== rows.rowAdvisor[k - 1] || rows.rowTopic[k] !== rows.rowTopic[k - 1]) start[a + 1]++;
  }
  for (let a = 0; a < advisors; a++) start[a + 1] += start[a];
  const topic = new Uint16Array(start[advisors]);
  const papers = new Int32Array(start[advisors]);
  const fill = start.slice(0, advisors);
  let at = -1;
  for (let k = 0; k < n; k++) {
    const a = rows.rowAdvisor[k];
    if (k === 0 || a !== rows.rowAdvisor[k - 1] || rows.rowTopic[k] !== rows.rowTopic[k - 1]) {
      at = fill[a]++;
      topic[at] = rows.rowTopic[k];
    }
    papers[at] += rows.rowPapers[k];
  }
  return { start, topic, papers };
}

/** Papers per topic code over a group of advisors (each advisor counted once), topics with none left out. */
export function topicPapersOf(index: TopicsByAdvisor, advisorIndices: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const a of new Set(advisorIndices)) {
    if (a < 0 || a + 1 >= index.start.length) continue;
    for (let k = index.start[a]; k < index.start[a + 1]; k++) {
      if (index.papers[k] <= 0) continue;
      out.set(index.topic[k], (out.get(index.topic[k]) ?? 0) + index.papers[k]);
    }
  }
  return out;
}
