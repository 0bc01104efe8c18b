import type { LoaderFunctionArgs } from "@remix-run/node";
import { MAX_LIMIT, GROUP_SORTS } from "~/lib/directory/advisor-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { csvResponse } from "~/lib/directory/export.server";
import { listLabs } from "~/lib/directory/labs.server";
import { jsonError } from "~/lib/http.server";

// GET /api/labs.csv?<the same parameters as /api/labs>
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params, { defaultLimit: MAX_LIMIT, sorts: GROUP_SORTS });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listLabs({
    ...filters,
    sort: params.has("sort") ? filters.sort : "name",
    limit: params.has("limit") ? filters.limit : Number.MAX_SAFE_INTEGER,
  });
  return csvResponse(
    "labs.csv",
    [
      "slug",
      "name",
      "institution",
      "city",
      "country",
      "continent",
      "kind",
      "focus",
      "cifre",
      "cifre_evidence",
      "website",
      "recruiting",
      "advisors",
      "papers",
      "score",
      "rank",
      // With a topic, the counts are over its papers; topic and window_papers columns say so.
      ...(result.topic ? ["topic", "window_papers"] : []),
    ],
    result.labs.map((l) => [
      l.slug,
      l.name,
      l.institution ?? l.company,
      l.city,
      l.country,
      l.continent,
      l.kind,
      l.focus,
      l.cifre,
      l.cifreBasis.url,
      l.website,
      l.recruiting,
      l.record.advisors,
      l.record.papers,
      l.record.score,
      // Blank for a lab with no advisor linked yet: listed, never ranked.
      l.rank,
      ...(result.topic ? [result.topic.label, l.record.windowPapers] : []),
    ]),
  );
}
