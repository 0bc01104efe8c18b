import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonError } from "~/lib/http.server";
import { parseSearchParams } from "~/lib/search-documents";
import { search } from "~/lib/search.server";

// GET /api/search?q=&type=&limit=&continent=&country=&cifre=&kind=&venue=&institution=
// -> { backend: "postgres" | "meilisearch", hits: [{ type, slug, name, subtitle }], facets }
// Hits are ranked within each type and grouped advisor, lab, institution; `limit` is per type.
export async function loader({ request }: LoaderFunctionArgs) {
  const { params, problems } = parseSearchParams(new URL(request.url).searchParams, { defaultLimit: 5 });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  return Response.json(await search(params), { headers: { "Cache-Control": "no-store" } });
}
