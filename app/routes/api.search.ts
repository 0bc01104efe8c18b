import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchApi } from "~/lib/search/api.server";

// GET /api/search?q=&type=&limit=&continent=&country=&cifre=&kind=&venue=&institution=
// -> { backend: "postgres" | "meilisearch", hits: [{ type, slug, name, subtitle }], facets }
// Hits are ranked within each type and grouped advisor, lab, institution; `limit` is per type.
// In production the HTTP server answers this path itself, through the same function (see
// server/http.ts); this route serves the dev server and the header box's fetcher.
export async function loader({ request }: LoaderFunctionArgs) {
  const { status, body } = await searchApi(new URL(request.url).searchParams);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
