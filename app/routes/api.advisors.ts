import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { advisorListItemJson, listAdvisors } from "~/lib/directory/advisors.server";
import { jsonError } from "~/lib/http.server";

// GET /api/advisors?q=&continent=&country=&cifre=&venues=&from=&to=&minPapers=&minYears=&kind=&minStudents=&maxStudents=&notOverrun=&sort=&limit=&offset=
// -> { total, advisors: [{ slug, name, openreviewId, position, institution, country, continent, score, rank, papers, consistency, students, alumni }] }
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseAdvisorFilters(new URL(request.url).searchParams, { defaultLimit: 50 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listAdvisors(filters);
  return Response.json({ total: result.total, advisors: result.items.map(advisorListItemJson) });
}
