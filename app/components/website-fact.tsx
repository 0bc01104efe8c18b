import { httpOnly } from "~/lib/external-links";

/**
 * The website line of a lab's or an institution's facts (inside a <dl>): the link (http and https
 * only), or "unknown"; `source` says where the address comes from when it is not a curated claim.
 */
export function WebsiteFact({ url, source }: { url: string | null; source?: string }) {
  const website = httpOnly(url);
  return (
    <>
      <dt>Website</dt>
      <dd>
        {website ? (
          <a href={website} rel="nofollow noopener">
            {website}
          </a>
        ) : (
          <span className="muted">unknown</span>
        )}
        {website && source ? <span className="muted"> ({source})</span> : null}
      </dd>
    </>
  );
}
