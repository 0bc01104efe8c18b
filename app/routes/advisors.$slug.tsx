import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import {
  AdvisorFactsRule,
  CountsCover,
  IgnoredRecords,
  InstitutionBasisNote,
  NameVariants,
  PositionSourceNote,
} from "~/components/advisor-facts";
import { AdvisorPaperYears } from "~/components/advisor-paper-years";
import { AuthorList } from "~/components/author-list";
import { StudentLoadSection } from "~/components/student-load";
import { ResearchOrientation, TopTopics } from "~/components/topics";
import { TrackRecordChart } from "~/components/track-record-chart";
import { TrackRecordTable } from "~/components/track-record-table";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { papersInYears, papersPerYear } from "~/lib/directory/advisor-paper-index";
import { citedPaperLabels, ownPapers } from "~/lib/directory/advisor-paper-index.server";
import {
  listedPapers,
  PAPERS_LISTED,
  paperSelection,
  paperYearHref,
  shortAuthorList,
} from "~/lib/directory/advisor-papers";
import { advisorIndex, getAdvisor, rankingFor, scoreParams } from "~/lib/directory/advisors.server";
import { advisorCifreLabel, CIFRE_SCHEME_URL } from "~/lib/directory/cifre";
import { pageTitle } from "~/lib/directory/position-label";
import { advisorTopicProfile } from "~/lib/directory/topics.server";
import { continentName, countryName } from "~/lib/geo.server";
import { notFound } from "~/lib/http.server";
import { explainScore, SCORE_FORMULA } from "~/lib/scoring";
import { venueName } from "~/lib/venues";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.name} — Advisor Atlas` : "Advisor not found — Advisor Atlas" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  // The score is explained for the venue set and window in the URL (the list's), else the default.
  const search = new URL(request.url).searchParams;
  const { filters } = await parseListFilters(search);
  const index = await advisorIndex();
  const sp = scoreParams(index, filters);
  // The papers of that window are listed, other years on demand (a page under 150 kB).
  const shown = paperSelection(search, sp.window);
  if ("error" in shown)
    throw new Response(shown.error, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const found = index.bySlug.get(params.slug ?? "");
  // Independent reads in parallel: one round trip of waiting, not four in a row.
  const [detail, own, topicProfile] = found
    ? await Promise.all([
        // Only the window's first PAPERS_LISTED are read (with their authors); the count comes from `own`.
        getAdvisor(params.slug ?? "", { paperYears: shown, paperLimit: shown.window ? PAPERS_LISTED : undefined }),
        ownPapers(found.id),
        advisorTopicProfile(index, found.id),
      ])
    : [null, [], null];
  if (!detail) notFound(`No advisor at /advisors/${(params.slug ?? "").slice(0, 80)}.`);
  const ranked = rankingFor(index, sp);
  const me = ranked.find((r) => r.id === detail.entry.id)!;
  const { entry } = detail;
  // The most recent PAPERS_LISTED of the window (newest first); the rest by year, and all in the API.
  const listed = listedPapers(detail.papers, shown);
  return {
    slug: entry.slug,
    name: entry.name,
    openreviewId: entry.openreviewId,
    position: entry.position,
    positionYear: detail.positionYear,
    positionSource: entry.positionSource,
    facts: detail.facts,
    institution: detail.institution && {
      ...detail.institution,
      countryName: countryName(detail.institution.country),
      continentName: continentName(detail.institution.continent),
    },
    alsoAt: detail.alsoAt,
    correctionSourceUrl: detail.correctionSourceUrl,
    cifre: entry.cifre,
    labs: entry.labs,
    studentCount: entry.studentCount,
    studentCountSourceUrl: detail.studentCountSourceUrl,
    studentCountAsOf: detail.studentCountAsOf,
    studentLoad: detail.studentLoad,
    // When the latest year's count does not stand, the most recent earlier year whose count does (as on the list).
    earlierStudents: entry.earlierStudents,
    // Venue and year of each paper the student-load section cites outside the listed years (the listed ones are in papers).
    studentLoadPapers: [...(await citedPaperLabels(detail.studentLoad, own))].filter(
      ([id]) => !listed.papers.some((p) => p.id === id),
    ),
    person: detail.person,
    trackRecord: detail.trackRecord,
    // Long author lists shortened ("and N more", the API has them all): the page stays under 150 kB.
    papersNotListed: shown.window ? Math.max(0, papersInYears(own, shown) - listed.papers.length) : listed.notListed,
    papers: listed.papers.map(({ authors, ...p }) => ({
      ...p,
      authors: shortAuthorList(
        authors.map((a) => a.name),
        p.position,
      ),
    })),
    papersShown: shown,
    paperCounts: papersPerYear(own),
    affiliations: detail.affiliations.map((a) => ({ ...a, countryName: countryName(a.country) })),
    params: sp,
    breakdown: me.breakdown,
    explanation: explainScore(me.breakdown, { venues: sp.venues.map(venueName), window: sp.window }),
    rank: me.rank,
    topPercent: me.topPercent,
    total: ranked.length,
    regionRank: me.regionRank,
    regionTopPercent: me.regionTopPercent,
    regionSize: me.regionSize,
    topicProfile,
  };
}

function profileLinks(d: {
  openreviewId: string | null;
  person: { dblp: string | null; homepage: string | null; scholar: string | null; orcid: string | null };
}) {
  const links: { label: string; href: string }[] = [];
  if (d.person.homepage && /^https?:\/\//i.test(d.person.homepage))
    links.push({ label: "Homepage", href: d.person.homepage });
  if (d.openreviewId)
    links.push({
      label: "OpenReview",
      href: `https://openreview.net/profile?id=${encodeURIComponent(d.openreviewId)}`,
    });
  if (d.person.dblp) links.push({ label: "dblp", href: `https://dblp.org/pid/${d.person.dblp}.html` });
  if (d.person.scholar)
    links.push({
      label: "Google Scholar",
      href: `https://scholar.google.com/citations?user=${encodeURIComponent(d.person.scholar)}`,
    });
  if (d.person.orcid) links.push({ label: "ORCID", href: `https://orcid.org/${encodeURIComponent(d.person.orcid)}` });
  return links;
}

export default function AdvisorPage() {
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const years = [...new Set(d.trackRecord.map((r) => r.year))].sort((a, b) => b - a);
  const chartFrom = Math.min(d.params.window.from, years.length ? years[years.length - 1] : d.params.window.from);
  const links = profileLinks(d);
  return (
    <article>
      <h1>{d.name}</h1>
      <dl className="facts">
        <dt>Position</dt>
        <dd>
          {pageTitle(d.position, d.positionSource)}{" "}
          <PositionSourceNote source={d.positionSource} year={d.positionYear} position={d.position} />
        </dd>
        <NameVariants names={d.facts.nameVariants} />
        <dt>Institution</dt>
        <dd>
          {d.institution ? (
            <>
              <a href={`/institutions/${d.institution.slug}`}>{d.institution.name}</a>
              {d.institution.countryName ? `, ${d.institution.countryName} (${d.institution.continentName})` : ""}
              <InstitutionBasisNote
                basis={d.institution.basis}
                homepage={d.person.homepage}
                lastPrinted={d.affiliations.length > 0 ? Math.max(...d.affiliations.map((a) => a.lastYear)) : null}
                printedHere={d.affiliations.find((a) => a.slug === d.institution!.slug)?.lastYear ?? null}
              />
              {d.correctionSourceUrl ? (
                <>
                  {" "}
                  <a href={d.correctionSourceUrl} rel="nofollow noopener">
                    source of correction
                  </a>
                </>
              ) : null}
            </>
          ) : (
            <span className="muted">unknown</span>
          )}
        </dd>
        {d.alsoAt ? (
          <>
            <dt>Also at</dt>
            <dd>
              <a href={`/institutions/${d.alsoAt.slug}`}>{d.alsoAt.name}</a>{" "}
              <span className="muted">(printed with their name on recent papers; see the affiliation history)</span>
            </dd>
          </>
        ) : null}
        <dt>Lab</dt>
        <dd>
          {d.labs.length ? (
            d.labs.map((l, i) => (
              <span key={l.slug}>
                {i > 0 ? ", " : ""}
                <Link to={`/labs/${l.slug}`}>{l.name}</Link>
              </span>
            ))
          ) : (
            <span className="muted">none recorded</span>
          )}
        </dd>
        <dt>CIFRE</dt>
        <dd>
          {advisorCifreLabel(d.cifre, d.institution?.country ?? null)}{" "}
          <span className="muted">
            — <a href={CIFRE_SCHEME_URL}>the CIFRE scheme (ANRT)</a>
          </span>
        </dd>
        <dt>Current PhD students</dt>
        <dd>
          {d.studentCount !== null && d.studentCountSourceUrl ? (
            <>
              {d.studentCount}{" "}
              <a href={d.studentCountSourceUrl} rel="nofollow noopener">
                source
              </a>
              {d.studentCountAsOf ? ` (as of ${d.studentCountAsOf})` : ""}
            </>
          ) : (
            <span className="muted">unknown — no sourced count yet</span>
          )}
          {d.studentLoad.students !== null ? (
            <>
              {" · "}
              <a href={`#students-${d.studentLoad.year}`}>
                {d.studentLoad.students} seen on {d.studentLoad.year} papers
              </a>
            </>
          ) : d.earlierStudents ? (
            <>
              {" · "}
              <a href={`#students-${d.earlierStudents.year}`}>
                {d.earlierStudents.students} seen on {d.earlierStudents.year} papers
              </a>
            </>
          ) : null}
        </dd>
        {links.length > 0 && (
          <>
            <dt>Profiles</dt>
            <dd>
              {links.map((l, i) => (
                <span key={l.label}>
                  {i > 0 ? " · " : ""}
                  <a href={l.href} rel="nofollow noopener">
                    {l.label}
                  </a>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <p className="muted">
        Something wrong or missing? <Link to={`/submit/affiliation?advisor=${d.slug}`}>Correct the affiliation</Link>
        {" · "}
        <Link to={`/submit/member?advisor=${d.slug}`}>Add to a lab</Link>
      </p>
      <AdvisorFactsRule />

      <section aria-labelledby="score-heading">
        <h2 id="score-heading">Score</h2>
        <p>
          <strong>{d.breakdown.score}</strong> — rank {d.rank} of {d.total} worldwide (top {d.topPercent}%)
          {d.regionRank !== null && d.institution?.continent
            ? `; rank ${d.regionRank} of ${d.regionSize} in ${d.institution.continentName} (top ${d.regionTopPercent}%)`
            : ""}
          .
        </p>
        <ul>
          {d.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="muted">Rule: {SCORE_FORMULA}. Workshop papers never count.</p>
      </section>

      {d.topicProfile ? (
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading">Research topics</h2>
          <TopTopics topics={d.topicProfile.topics} of="their" />
          <ResearchOrientation orientation={d.topicProfile.orientation} />
        </section>
      ) : null}

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">Track record</h2>
        <TrackRecordChart rows={d.trackRecord} from={chartFrom} to={d.params.window.to} />
        <CountsCover spans={d.facts.countsCover} />
        {years.length === 0 ? (
          <p>No conference papers at these venues in the data.</p>
        ) : (
          <TrackRecordTable rows={d.trackRecord} />
        )}
      </section>

      {(d.affiliations.length > 0 || d.facts.ignored.length > 0) && (
        <section aria-labelledby="aff-heading">
          <h2 id="aff-heading">Affiliation history</h2>
          <p className="muted">As printed on the advisor's papers.</p>
          <ul>
            {d.affiliations.map((a) => (
              <li key={a.slug}>
                {a.institution}
                {a.countryName ? `, ${a.countryName}` : ""} —{" "}
                {a.firstYear === a.lastYear ? a.firstYear : `${a.firstYear}–${a.lastYear}`} ({a.papers} paper
                {a.papers > 1 ? "s" : ""})
              </li>
            ))}
          </ul>
          <IgnoredRecords records={d.facts.ignored} />
        </section>
      )}

      <StudentLoadSection
        load={d.studentLoad}
        sourced={{ count: d.studentCount, sourceUrl: d.studentCountSourceUrl, asOf: d.studentCountAsOf }}
        papers={
          new Map<number, { venue: string; year: number; shown: boolean }>([
            ...d.papers.map((p): [number, { venue: string; year: number; shown: boolean }] => [
              p.id,
              { venue: p.venue, year: p.year, shown: true },
            ]),
            ...d.studentLoadPapers.map(([id, p]): [number, { venue: string; year: number; shown: boolean }] => [
              id,
              { ...p, shown: false },
            ]),
          ])
        }
      />

      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading">
          Papers{" "}
          {d.papersShown.from === d.papersShown.to ? d.papersShown.from : `${d.papersShown.from}–${d.papersShown.to}`} (
          {d.papers.length + d.papersNotListed})
        </h2>
        {d.papersNotListed > 0 ? (
          <p className="muted">
            The {d.papers.length} most recent are listed; the other {d.papersNotListed} under their year below.
          </p>
        ) : null}
        <AdvisorPaperYears
          slug={d.slug}
          counts={d.paperCounts}
          shown={d.papersShown}
          hrefFor={(y) => paperYearHref(new URLSearchParams(location.search), y)}
        />
        <ol reversed>
          {d.papers.map((p) => (
            <li key={p.id} id={`paper-${p.id}`}>
              {p.url ? (
                <a href={p.url} rel="nofollow noopener">
                  {p.title}
                </a>
              ) : (
                p.title
              )}{" "}
              <span className="badge">
                {venueName(p.venue)} {p.year}
              </span>
              {p.status ? <span className="muted"> {p.status}</span> : null}
              {!p.isConference ? <span className="muted"> (workshop: does not count)</span> : null}
              <br />
              <AuthorList list={p.authors} apiHref={`/api/advisors/${d.slug}`} />
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
