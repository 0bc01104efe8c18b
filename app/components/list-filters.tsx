import { Form, Link, useSearchParams, useSubmit } from "@remix-run/react";
import { CIFRE_LABELS } from "~/lib/directory/cifre";
import { VENUES } from "~/lib/venues";

export type FilterOptions = {
  continents: { code: string; name: string; count: number }[];
  countries: { code: string; name: string; count: number }[];
  cifre: Record<string, number>;
  kind: Record<string, number>;
  /** Research topics with how many advisors (labs, institutions) each would show (null: not counted yet, after a start). */
  topics?: { id: string; label: string; count: number | null }[];
  orientation?: Record<string, number>;
};

export type FilterState = {
  q: string;
  continent: string | null;
  country: string | null;
  cifre: string | null;
  venues: string[];
  from: number | null;
  to: number | null;
  minPapers: number;
  minYears: number;
  kind: string | null;
  recruiting: boolean;
  minStudents?: number | null;
  maxStudents?: number | null;
  notOverrun?: boolean;
  sort: string;
  topic?: string | null;
  orientation?: string | null;
};

/** The student-load filter's context (advisor list only): the year it counts and the "not overrun" cut. */
export type StudentLoadFilter = {
  year: number | null;
  notOverrun: { max: number; year: number; percentile: number; minLastAuthorPapers: number; comparable: number } | null;
};

/**
 * The filter form of the advisor and lab lists: a plain GET form (works without JavaScript);
 * with JavaScript, each change re-submits it without a full reload. The URL carries the state.
 */
export function ListFilters({
  action,
  label,
  filters,
  options,
  window,
  years,
  studentLoad,
  coAffiliated,
  recruitingFilter = true,
  venuesWithData,
}: {
  /** The "recruiting this cycle" flag is a lab's (and its advisors'): not offered on the institution list. */
  recruitingFilter?: boolean;
  /** Venues with papers in the data; the others (JMLR, TPAMI without a dblp import) are not offered. */
  venuesWithData?: string[];
  /** Shown on the lab and institution lists: only those with an industry co-affiliation seen on papers. */
  coAffiliated?: boolean;
  action: string;
  label: string;
  filters: FilterState;
  options: FilterOptions;
  window: { from: number; to: number };
  years: { first: number; last: number };
  studentLoad?: StudentLoadFilter;
}) {
  const submit = useSubmit();
  return (
    <Form
      method="get"
      action={action}
      className="filters"
      aria-label={label}
      onChange={(e) => {
        const target = e.target as HTMLInputElement;
        // Typing in text/number fields waits for the button or Enter; choices apply at once.
        if (target.type === "search" || target.type === "number") return;
        submit(e.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      <label>
        Name
        <input type="search" name="q" defaultValue={filters.q} maxLength={200} />
      </label>
      {options.topics ? (
        <TopicFilter topics={options.topics} orientation={options.orientation} filters={filters} />
      ) : null}
      <fieldset>
        <legend>Region</legend>
        <label>
          Continent
          <select name="continent" defaultValue={filters.continent ?? ""}>
            <option value="">All continents</option>
            {options.continents.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Country
          <select name="country" defaultValue={filters.country ?? ""}>
            <option value="">All countries</option>
            {options.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.count})
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>CIFRE (industrial PhD, France)</legend>
        <label>
          <span className="visually-hidden">CIFRE status</span>
          <select name="cifre" defaultValue={filters.cifre ?? ""}>
            <option value="">Any</option>
            {(Object.keys(CIFRE_LABELS.list) as (keyof typeof CIFRE_LABELS.list)[]).map((c) => (
              <option key={c} value={c}>
                {CIFRE_LABELS.list[c]} ({options.cifre[c] ?? 0})
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Venues</legend>
        {VENUES.filter((v) => !venuesWithData || venuesWithData.includes(v.id) || filters.venues.includes(v.id)).map(
          (v) => (
            <label key={v.id}>
              <input type="checkbox" name="venues" value={v.id} defaultChecked={filters.venues.includes(v.id)} />{" "}
              {v.name}
              {v.tier === "decent" ? (
                <span className="muted"> (decent)</span>
              ) : v.tier === "journal" ? (
                <span className="muted"> (journal)</span>
              ) : null}
            </label>
          ),
        )}
      </fieldset>
      <fieldset>
        <legend>Years</legend>
        <label>
          From
          <input
            type="number"
            name="from"
            min={years.first}
            max={years.last}
            defaultValue={filters.from ?? ""}
            placeholder={String(window.from)}
          />
        </label>
        <label>
          To
          <input
            type="number"
            name="to"
            min={years.first}
            max={years.last}
            defaultValue={filters.to ?? ""}
            placeholder={String(window.to)}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Track record</legend>
        <label>
          Minimum papers
          <input type="number" name="minPapers" min={0} defaultValue={filters.minPapers || ""} />
        </label>
        <label>
          Minimum years with a paper
          <input type="number" name="minYears" min={0} defaultValue={filters.minYears || ""} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Kind</legend>
        <label>
          <span className="visually-hidden">Academic or industry</span>
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">Academic and industry</option>
            <option value="academic">Academic ({options.kind.academic ?? 0})</option>
            {options.kind.institute || filters.kind === "institute" ? (
              <option value="institute">Institute ({options.kind.institute ?? 0})</option>
            ) : null}
            <option value="industry">Industry ({options.kind.industry ?? 0})</option>
          </select>
        </label>
        {recruitingFilter ? (
          <label>
            <input type="checkbox" name="recruiting" value="true" defaultChecked={filters.recruiting} /> Recruiting this
            cycle
          </label>
        ) : null}
        {coAffiliated !== undefined ? (
          <label>
            <input type="checkbox" name="coaffiliation" value="true" defaultChecked={coAffiliated} /> Industry
            co-affiliation seen on papers
          </label>
        ) : null}
      </fieldset>
      {studentLoad?.year ? (
        <fieldset>
          <legend>PhD students seen in {studentLoad.year}</legend>
          <label>
            At least
            <input type="number" name="minStudents" min={0} defaultValue={filters.minStudents ?? ""} />
          </label>
          <label>
            At most
            <input type="number" name="maxStudents" min={0} defaultValue={filters.maxStudents ?? ""} />
          </label>
          {studentLoad.notOverrun ? (
            <label>
              <input type="checkbox" name="notOverrun" value="true" defaultChecked={filters.notOverrun} /> Not overrun
              (at most {studentLoad.notOverrun.max})
            </label>
          ) : null}
          <p className="muted">
            Counted on papers where the advisor is last author; advisors whose load is not visible are left out by these
            filters.
          </p>
        </fieldset>
      ) : null}
      <label>
        Sort by
        <select name="sort" defaultValue={filters.sort}>
          <option value="score">Score</option>
          <option value="papers">Papers</option>
          <option value="consistency">Consistency</option>
          <option value="name">Name</option>
          {studentLoad ? <option value="students">Fewest students seen</option> : null}
          {studentLoad ? <option value="alumni">Most alumni now advising</option> : null}
        </select>
      </label>
      <p>
        <button type="submit">Apply filters</button> <Link to={action}>Reset</Link>
      </p>
    </Form>
  );
}

export const ORIENTATION_LABELS: Record<string, string> = {
  fundamental: "Leans fundamental",
  applied: "Leans applied",
  mixed: "Mixed",
};

/**
 * The research topic (a curated one from the list, or the student's own words, which win when both
 * are given) and the fundamental vs applied indicator.
 */
function TopicFilter({
  topics,
  orientation,
  filters,
}: {
  topics: NonNullable<FilterOptions["topics"]>;
  /** The indicator's counts (advisor list only: labs and institutions have no indicator). */
  orientation: Record<string, number> | undefined;
  filters: FilterState;
}) {
  const current = filters.topic?.toLowerCase() ?? "";
  const curated = topics.find((t) => t.id === current || t.label.toLowerCase() === current);
  // Words refused by the check (a problem above the list) stay in the box, as typed.
  const [searchParams] = useSearchParams();
  const typed =
    searchParams
      .getAll("topic")
      .reverse()
      .find((v) => v.trim() !== "") ?? "";
  return (
    <fieldset>
      <legend>Research topic</legend>
      <label>
        <span className="visually-hidden">Curated topic</span>
        <select
          name="topic"
          defaultValue={curated?.id ?? ""}
          onChange={(e) => {
            // A topic chosen from the list replaces the words typed below (which would win otherwise).
            const words = e.currentTarget.form?.elements.namedItem("topicWords");
            if (words instanceof HTMLInputElement) words.value = "";
          }}
        >
          <option value="">Any topic</option>
          {topics.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
              {t.count === null ? "" : ` (${t.count})`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Or your own words <span className="muted">(matched in paper titles)</span>
        <input
          type="search"
          name="topic"
          id="topicWords"
          defaultValue={curated ? "" : (filters.topic ?? typed)}
          maxLength={100}
          placeholder="e.g. optimal transport"
        />
      </label>
      {orientation ? (
        <label>
          Fundamental or applied <span className="muted">(an indicator)</span>
          <select name="orientation" defaultValue={filters.orientation ?? ""}>
            <option value="">Either</option>
            {Object.keys(ORIENTATION_LABELS).map((o) => (
              <option key={o} value={o}>
                {ORIENTATION_LABELS[o]}
                {Object.keys(orientation).length > 0 ? ` (${orientation[o] ?? 0})` : ""}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}

export function Problems({ problems }: { problems: { param: string; message: string }[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="notice" role="status">
      {problems.map((p) => (
        <p key={p.param + p.message} style={{ margin: 0 }}>
          {p.message}
        </p>
      ))}
    </div>
  );
}
