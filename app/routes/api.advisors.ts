import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { advisorListItemJson, listAdvisors } from "~/lib/directory/advisors.server";
import { jsonError } from "~/lib/http.server";

// GET /api/advisors?q=&continent=&country=&cifre=&venues=&from=&to=&minPapers=&minYears=&kind=&minStudents=&maxStudents=&notOverrun=&sort=&limit=&offset=&topic=&orientation=
// -> { total, advisors: [{ slug, name, openreviewId, position, positionSource, institution, country, continent, score, rank, papers, consistency, students, alumni }] }
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = await parseListFilters(new URL(request.url).searchParams, { defaultLimit: 50 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listAdvisors(filters);
  const topic = result.topic && { kind: result.topic.kind, id: result.topic.id, label: result.topic.label };
  return Response.json({
    total: result.total,
    ...(topic ? { topic } : {}),
    // With a topic, papers and score count its papers only; windowPapers counts all of them.
    advisors: result.items.map((r) =>
      topic ? { ...advisorListItemJson(r), windowPapers: r.windowPapers } : advisorListItemJson(r),
    ),
  });
}
