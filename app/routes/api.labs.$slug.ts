import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { getLab, labDetailJson } from "~/lib/directory/labs.server";
import { jsonError } from "~/lib/http.server";

// GET /api/labs/:slug?venues=&from=&to=
// -> { slug, name, kind, institution, city, country, continent, cifre, cifreEvidence, website,
//      advisors: [{ slug, name, score, evidence: [{ url, year }] }], trackRecord: [{ venue, year, papers }], coAffiliations: [{ url, year, authors }] }
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { filters, problems } = await parseListFilters(new URL(request.url).searchParams);
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const slug = params.slug ?? "";
  const detail = slug.length <= 200 ? await getLab(slug, filters) : null;
  if (!detail) return jsonError(404, `No lab with slug "${slug.slice(0, 80)}".`);
  return Response.json(labDetailJson(detail));
}
