import type { LoaderFunctionArgs } from "@remix-run/node";
import { advisorDetailJson, getAdvisor } from "~/lib/directory/advisors.server";
import { jsonError } from "~/lib/http.server";

// GET /api/advisors/:slug
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const detail = slug.length <= 200 ? await getAdvisor(slug) : null;
  if (!detail) return jsonError(404, `No advisor with slug "${slug.slice(0, 80)}".`);
  return Response.json(advisorDetailJson(detail));
}
