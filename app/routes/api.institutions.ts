import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { institutionJson, listInstitutions } from "~/lib/directory/institutions.server";
import { jsonError } from "~/lib/http.server";

// GET /api/institutions?q=&continent=&country=&kind=&cifre=&coaffiliation=&venues=&from=&to=&sort=&limit=&offset=
// -> { total, institutions: [{ slug, name, kind, country, continent, advisors, papers, score, rank, cifre }] }
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = parseAdvisorFilters(params, { defaultLimit: 50 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listInstitutions(filters, { coAffiliated: params.get("coaffiliation") === "true" });
  return Response.json({ total: result.total, institutions: result.institutions.map(institutionJson) });
}
