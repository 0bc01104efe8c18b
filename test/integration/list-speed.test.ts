/**
 * The advisor list's per-filter-set memo of the topic counts (issue 13's speed work,
 * app/lib/directory/list-memo.ts) on the shipped data: a remembered count is the count of the filter
 * set asked for, whatever was asked before. Each count is checked against the list itself: the
 * number of advisors the same filters show with that topic chosen. The order of the sets is such
 * that a key missing any place, search or student filter would hand back the previous set's counts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { advisorIndex, listAdvisors } from "~/lib/directory/advisors.server";
import { warmTopicIndex } from "~/lib/directory/topics.server";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

beforeAll(async () => {
  await warmTopicIndex(await advisorIndex());
}, 300_000);

const list = (qs: string) => listAdvisors(parseAdvisorFilters(new URLSearchParams(qs)).filters, { topicFacets: true });
const TOPICS = ["reinforcement-learning", "learning-theory", "robotics"];

describe("topic counts of the list form, remembered per filter set", () => {
  it("each filter set's counts are its own (checked against the list with the topic chosen)", async () => {
    const sets = [
      "venues=neurips,icml,iclr&from=2020&to=2024",
      "venues=neurips,icml,iclr&from=2020&to=2024&continent=EU",
      "venues=neurips,icml,iclr&from=2020&to=2024&continent=NA",
      "venues=neurips,icml,iclr&from=2020&to=2024&country=FR",
      "venues=neurips,icml,iclr&from=2020&to=2024&kind=industry",
      "venues=neurips,icml,iclr&from=2020&to=2024&cifre=eligible",
      "venues=neurips,icml,iclr&from=2020&to=2024&q=wang",
      "venues=neurips,icml,iclr&from=2020&to=2024&maxStudents=2",
      "venues=neurips,icml,iclr&from=2015&to=2019",
      "venues=colt,aistats,uai&from=2015&to=2019",
    ];
    const seen = new Set<string>();
    for (const qs of sets) {
      const all = await list(qs);
      seen.add(JSON.stringify(all.facets.topic));
      for (const id of TOPICS)
        expect(all.facets.topic[id], `${qs}, ${id}`).toBe((await list(`${qs}&topic=${id}`)).total);
    }
    // The sets really differ in their counts (else the check above proves nothing about the key).
    expect(seen.size).toBe(sets.length);
  });

  it("the sort, the page and the paper thresholds do not change the counts (one remembered entry serves them)", async () => {
    const base = await list("venues=neurips,icml&from=2019&to=2023&continent=AS");
    const other = await list(
      "venues=icml,neurips&from=2019&to=2023&continent=AS&sort=name&minPapers=4&minYears=2&offset=25",
    );
    expect(other.facets.topic).toEqual(base.facets.topic);
    expect(other.total).toBeLessThan(base.total);
  });
});
