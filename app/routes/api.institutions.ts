import type { LoaderFunctionArgs } from "@remix-run/node";
import { GROUP_SORTS } from "~/lib/directory/advisor-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { institutionJson, institutionTopicJson, listInstitutions } from "~/lib/directory/institutions.server";
import { jsonError } from "~/lib/http.server";

// GET /api/institutions?q=&continent=&country=&kind=&cifre=&coaffiliation=&venues=&from=&to=&sort=&limit=&offset=&topic=
// -> { total, institutions: [{ slug, name, kind, country, continent, advisors, papers, score, rank, cifre }] }
// With topic= (a curated id or label, or free text): a top-level `topic`, only institutions with a paper
// on it, papers and score over its papers only, and `windowPapers` (all their papers in the window).
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params, { defaultLimit: 50, sorts: GROUP_SORTS });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listInstitutions(filters);
  const topic = result.topic && { kind: result.topic.kind, id: result.topic.id, label: result.topic.label };
  return Response.json({
    total: result.total,
    ...(topic ? { topic } : {}),
    institutions: result.institutions.map(topic ? institutionTopicJson : institutionJson),
  });
}
