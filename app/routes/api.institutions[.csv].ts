import type { LoaderFunctionArgs } from "@remix-run/node";
import { MAX_LIMIT, GROUP_SORTS } from "~/lib/directory/advisor-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { csvResponse } from "~/lib/directory/export.server";
import { listInstitutions } from "~/lib/directory/institutions.server";
import { jsonError } from "~/lib/http.server";

// GET /api/institutions.csv?<the same parameters as /api/institutions> (the whole filtered list unless limit is given)
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params, { defaultLimit: MAX_LIMIT, sorts: GROUP_SORTS });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listInstitutions({
    ...filters,
    limit: params.has("limit") ? filters.limit : Number.MAX_SAFE_INTEGER,
  });
  return csvResponse(
    "institutions.csv",
    [
      ...["rank", "slug", "name", "kind", "country", "continent", "advisors", "papers", "score", "cifre"],
      // With a topic, the counts are over its papers; topic and window_papers columns say so.
      ...(result.topic ? ["topic", "window_papers"] : []),
    ],
    result.institutions.map((i) => [
      i.rank,
      i.slug,
      i.name,
      i.kind,
      i.country,
      i.continent,
      i.advisors,
      i.papers,
      i.score,
      i.cifre,
      ...(result.topic ? [result.topic.label, i.windowPapers] : []),
    ]),
  );
}
