import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { jsonError } from "~/lib/http.server";
import { labJson, listLabs } from "~/lib/directory/labs.server";

// GET /api/labs?continent=&country=&cifre=&kind=&recruiting=&venues=&from=&to=&sort=&limit=&offset=
// -> { total, labs: [{ slug, name, institution, city, country, continent, kind, cifre, cifreEvidence, website }] }
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseAdvisorFilters(new URL(request.url).searchParams, { defaultLimit: 100 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listLabs({ ...filters, sort: new URL(request.url).searchParams.has("sort") ? filters.sort : "name" });
  return Response.json({ total: result.total, labs: result.labs.map(labJson) });
}
