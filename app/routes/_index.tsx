import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseListFilters } from "~/lib/directory/advisor-list.server";
import { advisorListItemJson, listAdvisors } from "~/lib/directory/advisors.server";
import { SCORE_FORMULA } from "~/lib/scoring";

export const meta: MetaFunction = () => [{ title: "Advisor Atlas — choose an AI lab by where it publishes" }];

export async function loader() {
  const { filters } = await parseListFilters(new URLSearchParams({ limit: "10" }));
  const top = await listAdvisors(filters);
  return { total: top.total, window: top.params.window, top: top.items.map(advisorListItemJson) };
}

export default function Home() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Choose a PhD advisor by where they publish</h1>
      <p>
        The advice of r/MachineLearning's <em>“To PhD or not to PhD?”</em> thread, made into a tool: look for people who{" "}
        <strong>consistently publish at NeurIPS and ICML</strong> (and ICLR; COLT, AISTATS and UAI are decent too), who
        aren't overrun with students. The advisor matters more than the university. In France, a CIFRE (industrial) PhD
        is a path worth filtering for.
      </p>
      <Form method="get" action="/advisors" className="filters" aria-label="Find an advisor">
        <label>
          Find an advisor by name
          <input type="search" name="q" placeholder="e.g. Varoquaux" />
        </label>
        <button type="submit">Search</button>
      </Form>
      <h2>
        Top advisors, {d.window.from}–{d.window.to}
      </h2>
      <p className="muted">{SCORE_FORMULA}</p>
      <ol>
        {d.top.map((a) => (
          <li key={a.slug}>
            <Link to={`/advisors/${a.slug}`}>{a.name}</Link> — {a.institution ?? "institution unknown"} · score{" "}
            {a.score} · {a.papers} papers in {a.consistency} years
          </li>
        ))}
      </ol>
      <p>
        <Link to="/advisors">Browse all {d.total.toLocaleString("en")} advisors</Link> by region, CIFRE, venues and
        years.
      </p>
    </>
  );
}
