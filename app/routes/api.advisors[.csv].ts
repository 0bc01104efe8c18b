import type { LoaderFunctionArgs } from "@remix-run/node";
import { MAX_LIMIT } from "~/lib/directory/advisor-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { listAdvisors } from "~/lib/directory/advisors.server";
import { csvResponse } from "~/lib/directory/export.server";
import { jsonError } from "~/lib/http.server";

// GET /api/advisors.csv?<the same parameters as /api/advisors>; limit defaults to the whole list.
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const explicitLimit = params.has("limit");
  const { filters, problems } = await parseListFilters(params, { defaultLimit: MAX_LIMIT });
  if (problems.length > 0) return jsonError(400, problems.map((p) => p.message).join(" "), { problems });
  const result = await listAdvisors(explicitLimit ? filters : { ...filters, limit: Number.MAX_SAFE_INTEGER });
  const { from, to } = result.params.window;
  // With a topic, the counts are over its papers; topic and window_papers columns say so.
  const topic = result.topic;
  return csvResponse(
    `advisors-${from}-${to}.csv`,
    [
      "rank",
      "slug",
      "name",
      "openreview_id",
      "position",
      "institution",
      "country",
      "continent",
      "cifre",
      "score",
      "papers",
      "credit",
      "last_author",
      "orals_spotlights",
      "consistency",
      "window_years",
      "students",
      "students_seen",
      "alumni_advising",
      ...(topic ? ["topic", "window_papers"] : []),
    ],
    result.items.map((r) => [
      r.rank,
      r.entry.slug,
      r.entry.name,
      r.entry.openreviewId,
      r.entry.position,
      r.entry.institution,
      r.entry.country,
      r.entry.continent,
      r.entry.cifre,
      r.breakdown.score,
      r.breakdown.papers,
      r.breakdown.credit,
      r.breakdown.lastAuthor,
      r.breakdown.highlighted,
      r.breakdown.consistency,
      r.breakdown.windowYears,
      r.entry.studentCount,
      r.entry.students,
      r.entry.alumni,
      ...(topic ? [topic.label, r.windowPapers] : []),
    ]),
  );
}
