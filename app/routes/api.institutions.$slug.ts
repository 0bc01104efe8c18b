import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { getInstitution, institutionDetailJson } from "~/lib/directory/institutions.server";
import { jsonError } from "~/lib/http.server";

// GET /api/institutions/:slug?venues=&from=&to=
// -> { slug, name, kind, country, continent, advisors: [{ slug, name, score }], papers, score, rank, cifre, labs: [{ slug, name }], trackRecord: [{ venue, year, papers }] }
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { filters, problems } = await parseListFilters(new URL(request.url).searchParams);
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const slug = params.slug ?? "";
  const detail = slug.length <= 200 ? await getInstitution(slug, filters) : null;
  if (!detail) return jsonError(404, `No institution with slug "${slug.slice(0, 80)}".`);
  return Response.json(institutionDetailJson(detail));
}
