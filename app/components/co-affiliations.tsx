import { httpOnly } from "~/lib/external-links";

type CoAffiliations = {
  total: number;
  papers: {
    url: string | null;
    title: string;
    year: number;
    authors: { name: string; slug: string; affiliation: string }[];
  }[];
};

/**
 * Papers whose authors print a French academic and a company affiliation together (the usual
 * pattern of a CIFRE PhD), on lab and institution pages; never presented as proof of a CIFRE.
 */
export function CoAffiliationsSection({ coAffiliations, none }: { coAffiliations: CoAffiliations; none: string }) {
  return (
    <section aria-labelledby="coaff-heading">
      <h2 id="coaff-heading">Industry co-affiliations seen on papers</h2>
      {coAffiliations.total === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <>
          <p>
            Co-affiliated authors seen on {coAffiliations.total} paper{coAffiliations.total > 1 ? "s" : ""}: authors who
            print a French academic affiliation and a company affiliation on the same paper, the usual pattern of a
            CIFRE PhD. This is not proof of a CIFRE.
          </p>
          <ul className="co-affiliations">
            {coAffiliations.papers.map((p, i) => (
              <li key={i}>
                {p.year}:{" "}
                {httpOnly(p.url) ? (
                  <a href={httpOnly(p.url)!} rel="nofollow noopener">
                    {p.title}
                  </a>
                ) : (
                  p.title
                )}{" "}
                —{" "}
                {p.authors.map((a, j) => (
                  <span key={a.slug}>
                    {j > 0 ? "; " : ""}
                    {a.name} <span className="muted">({a.affiliation})</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
