import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ADVISOR_FACTS_RULE } from "~/lib/import/advisor-facts";
import { SCORE_FORMULA } from "~/lib/scoring";

export const meta: MetaFunction = () => [{ title: "About the data — Advisor Atlas" }];

export default function About() {
  return (
    <article>
      <h1>About the data</h1>
      <h2>Papers</h2>
      <p>
        Who published what at NeurIPS (1987–2025), ICML (2013–2026), ICLR (2013–2026), COLT (2011–2024), AISTATS
        (1995–2025) and UAI (2019–2024): titles, ordered authors, OpenReview ids, affiliations and self-declared
        positions, compiled from the conferences' public listings (OpenReview, PMLR, the NeurIPS and ICML sites, dblp)
        as gathered by the Paper Copilot project and the topaperlist project (MIT licence). Only bibliographic facts and
        public profile ids are kept.
      </p>
      <h2>Advisors</h2>
      <p>
        An advisor is an author who declared a supervising position on OpenReview (professor, lecturer, research
        director, principal or staff researcher and the like; at a public research organisation such as CNRS, Inria or a
        Max Planck institute, a permanent researcher too), or, without such a declaration, whose papers show a
        supervisor's pattern: last author of several NeurIPS, ICML, ICLR, AISTATS or UAI papers in several years with
        several coauthors, fewer when their papers here span twelve years or more (marked "inferred from authorship").{" "}
        {ADVISOR_FACTS_RULE} Their institution is matched against the Hipo university-domains list (MIT licence), a list
        of public research organisations and the Research Organization Registry (ROR, ror.org, CC0). See{" "}
        <Link to="/about/data">what the data covers</Link>.
      </p>
      <h2>People</h2>
      <p>
        Authorships are grouped by OpenReview id. An authorship without an id belongs to the person whose id carries the
        same name (ignoring case, accents, spacing, dots and hyphens) when exactly one id does; failing that, to the one
        id whose name differs only by a middle name or initial (&ldquo;Michael I. Jordan&rdquo;, &ldquo;Michael
        Jordan&rdquo;) when their papers share a coauthor or a printed place; otherwise it stays with a name-only
        person. Two different OpenReview ids are never merged.
      </p>
      <h2>The score</h2>
      <p>{SCORE_FORMULA}. Only conference papers count: workshop papers never do.</p>
      <h2>Curated facts</h2>
      <p>
        Labs, CIFRE status, student counts and corrections come from contributors and from the source thread; each claim
        carries its source URL or is shown as unknown.
      </p>
    </article>
  );
}
