import type { LoaderFunctionArgs } from "@remix-run/node";
import { GROUP_SORTS } from "~/lib/directory/advisor-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { labJson, labTopicJson, listLabs } from "~/lib/directory/labs.server";
import { jsonError } from "~/lib/http.server";

// GET /api/labs?q=&continent=&country=&cifre=&kind=&recruiting=&coaffiliation=&venues=&from=&to=&sort=&limit=&offset=&topic=
// -> { total, labs: [{ slug, name, institution, city, country, continent, kind, cifre, cifreEvidence, website, advisors, papers, score, rank }] }
// Labs with a linked advisor come first whatever the sort; rank is null for the others.
// With topic= (a curated id or label, or free text): a top-level `topic`, only labs with a paper on it,
// papers and score over its papers only, and `windowPapers` (all their papers in the window) per lab.
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = await parseListFilters(new URL(request.url).searchParams, {
    defaultLimit: 100,
    sorts: GROUP_SORTS,
  });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const params = new URL(request.url).searchParams;
  const result = await listLabs({ ...filters, sort: params.has("sort") ? filters.sort : "name" });
  const topic = result.topic && { kind: result.topic.kind, id: result.topic.id, label: result.topic.label };
  return Response.json({
    total: result.total,
    ...(topic ? { topic } : {}),
    labs: result.labs.map(topic ? labTopicJson : labJson),
  });
}
