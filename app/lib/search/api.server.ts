/**
 * GET /api/search, in one place: the Remix route (app/routes/api.search.ts) and the HTTP server's
 * fast path for the typeahead (server/http.ts) both answer through here.
 * -> { backend: "postgres" | "meilisearch", hits: [{ type, slug, name, subtitle }], facets },
 * or 400 with { error, problems } for a bad parameter.
 */
import { parseSearchParams, type SearchParams } from "./documents";
import { search, searchNow } from "./search.server";

export type SearchApiAnswer = { status: 200 | 400; body: unknown };

/** The search asked for, or the 400 answer that lists what is wrong with it. */
function parse(
  searchParams: URLSearchParams,
): { params: SearchParams; bad: null } | { params: null; bad: SearchApiAnswer } {
  const { params, problems } = parseSearchParams(searchParams, { defaultLimit: 5 });
  if (problems.length === 0) return { params, bad: null };
  return { params: null, bad: { status: 400, body: { error: problems.map((p) => p.message).join(" "), problems } } };
}

/** The answer at once when it can be had without waiting (see searchNow); null otherwise. */
export function searchApiNow(searchParams: URLSearchParams): SearchApiAnswer | null {
  const { params, bad } = parse(searchParams);
  if (bad) return bad;
  const answer = searchNow(params);
  return answer ? { status: 200, body: answer } : null;
}

export async function searchApi(searchParams: URLSearchParams): Promise<SearchApiAnswer> {
  const { params, bad } = parse(searchParams);
  if (bad) return bad;
  return { status: 200, body: await search(params) };
}
