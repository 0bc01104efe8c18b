import { type CifreBasis, cifreCellLabel } from "~/lib/directory/cifre";
import { httpOnly } from "~/lib/external-links";

/**
 * The CIFRE line of a lab's or an institution's facts (inside a <dl>): the status, the reason when
 * it follows from the rule, and the link that shows it (the evidence, or the scheme for the rule).
 * `explainAll`: also print the reason for evidence and contributions. An institution's reason names
 * the lab that offers CIFRE PhDs; a lab's own would only repeat the link beside it.
 */
export function CifreFact({ cifre, explainAll = false }: { cifre: CifreBasis; explainAll?: boolean }) {
  const link = httpOnly(cifre.url);
  const explained = explainAll ? cifre.basis !== "none" : cifre.basis === "rule";
  return (
    <>
      <dt>CIFRE</dt>
      <dd>
        {cifreCellLabel(cifre.status, cifre.basis === "rule")}
        {explained ? <span className="muted"> ({cifre.text})</span> : null}
        {link ? (
          <>
            {" "}
            —{" "}
            <a href={link} rel="nofollow noopener">
              {cifre.basis === "rule" ? "the CIFRE scheme (ANRT)" : "evidence"}
            </a>
          </>
        ) : null}
      </dd>
    </>
  );
}
