import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { labJson, listLabs } from "~/lib/directory/labs.server";
import { jsonError } from "~/lib/http.server";

// GET /api/labs?q=&continent=&country=&cifre=&kind=&recruiting=&coaffiliation=&venues=&from=&to=&sort=&limit=&offset=
// -> { total, labs: [{ slug, name, institution, city, country, continent, kind, cifre, cifreEvidence, website, advisors, papers, score, rank }] }
// Labs with a linked advisor come first whatever the sort; rank is null for the others.
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseAdvisorFilters(new URL(request.url).searchParams, { defaultLimit: 100 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const params = new URL(request.url).searchParams;
  const result = await listLabs(
    { ...filters, sort: params.has("sort") ? filters.sort : "name" },
    { coAffiliated: params.get("coaffiliation") === "true" },
  );
  return Response.json({ total: result.total, labs: result.labs.map(labJson) });
}
