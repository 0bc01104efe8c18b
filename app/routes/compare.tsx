import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Problems } from "~/components/list-filters";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { advisorIndex, rankingFor, scoreParams } from "~/lib/directory/advisors.server";
import { countryName } from "~/lib/geo.server";
import { venueName } from "~/lib/venues";

export const meta: MetaFunction = () => [{ title: "Compare advisors — Advisor Atlas" }];

const MAX_COMPARED = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { filters, problems } = await parseListFilters(params);
  // ?advisors=a,b,c (a link) or ?advisors=a&advisors=b (the list's checkboxes).
  const requested = [
    ...new Set(
      params
        .getAll("advisors")
        .flatMap((v) => v.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (requested.length > MAX_COMPARED)
    problems.push({
      param: "advisors",
      message: `At most ${MAX_COMPARED} advisors side by side; the first ${MAX_COMPARED} are shown.`,
    });
  const index = await advisorIndex();
  const sp = scoreParams(index, filters);
  const ranked = rankingFor(index, sp);
  const byId = new Map(ranked.map((r) => [r.id, r]));
  const advisors = [];
  for (const slug of requested.slice(0, MAX_COMPARED)) {
    const entry = index.bySlug.get(slug);
    if (!entry) {
      problems.push({ param: "advisors", message: `No advisor "${slug.slice(0, 60)}"; it was left out.` });
      continue;
    }
    const r = byId.get(entry.id)!;
    const perYear: Record<number, number> = {};
    for (const row of entry.rows)
      if (sp.venues.includes(row.venueId) && row.year >= sp.window.from && row.year <= sp.window.to)
        perYear[row.year] = (perYear[row.year] ?? 0) + row.papers;
    advisors.push({
      slug: entry.slug,
      name: entry.name,
      position: entry.position,
      institution: entry.institution,
      country: countryName(entry.country),
      rank: r.rank,
      topPercent: r.topPercent,
      regionRank: r.regionRank,
      ...r.breakdown,
      studentCount: entry.studentCount,
      students: entry.students,
      earlierStudents: entry.earlierStudents,
      perYear,
    });
  }
  const years: number[] = [];
  for (let y = sp.window.to; y >= sp.window.from; y--) years.push(y);
  return {
    advisors,
    studentLoadYear: index.studentLoad.year,
    problems,
    years,
    window: sp.window,
    venues: sp.venues.map(venueName),
    total: ranked.length,
    value: requested.join(","),
  };
}

export default function ComparePage() {
  const d = useLoaderData<typeof loader>();
  // [label, value, numeric: aligned right like the per-year rows]
  const rows: [string, (a: (typeof d.advisors)[number]) => string | number, boolean][] = [
    ["Institution", (a) => a.institution ?? "unknown", false],
    ["Country", (a) => a.country ?? "unknown", false],
    ["Position", (a) => a.position, false],
    ["Score", (a) => a.score, true],
    ["Rank worldwide", (a) => `${a.rank} of ${d.total} (top ${a.topPercent}%)`, true],
    ["Papers", (a) => a.papers, true],
    ["Author-adjusted credit", (a) => a.credit, true],
    ["Last-author papers", (a) => a.lastAuthor, true],
    ["Orals / spotlights", (a) => a.highlighted, true],
    ["Years with a paper", (a) => `${a.consistency} of ${a.windowYears}`, true],
    [
      `PhD students seen on ${d.studentLoadYear ?? "recent"} last-author papers`,
      // As in the list: beside "not visible", the most recent earlier year whose count stands.
      (a) =>
        a.students !== null
          ? a.students
          : a.earlierStudents
            ? `not visible (${a.earlierStudents.students} in ${a.earlierStudents.year})`
            : "not visible",
      true,
    ],
  ];
  // A contributed head count is rare: its row shows only when one of the compared has it.
  if (d.advisors.some((a) => a.studentCount !== null))
    rows.push(["Head count (contributed)", (a) => a.studentCount ?? "unknown", true]);
  return (
    <>
      <h1>Compare advisors</h1>
      <p className="muted">
        {d.venues.join(", ")}, {d.window.from}–{d.window.to}.
      </p>
      <Problems problems={d.problems} />
      <Form method="get" className="filters" style={{ maxWidth: "40rem" }}>
        <label>
          Advisors to compare (slugs, comma-separated, as in their page address)
          <input type="text" name="advisors" defaultValue={d.value} />
        </label>
        <button type="submit">Compare</button> <Link to="/advisors">Pick from the list</Link>
      </Form>
      {d.advisors.length === 0 ? (
        <p>
          Choose advisors in the <Link to="/advisors">list</Link> (tick “Compare”), or type their slugs above.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Measure</span>
                </th>
                {d.advisors.map((a) => (
                  <th key={a.slug} scope="col">
                    <Link to={`/advisors/${a.slug}`}>{a.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, value, numeric]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {d.advisors.map((a) => (
                    <td key={a.slug} className={numeric ? "num" : undefined}>
                      {value(a)}
                    </td>
                  ))}
                </tr>
              ))}
              {d.years.map((y) => (
                <tr key={y}>
                  <th scope="row">Papers in {y}</th>
                  {d.advisors.map((a) => (
                    <td key={a.slug} className="num">
                      {a.perYear[y] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
