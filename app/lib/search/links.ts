/**
 * Where a search hit leads. Shared by the header box (client) and the /search page, so it stays
 * tiny and imports nothing.
 */
export type HitType = "advisor" | "lab" | "institution";

export function searchHitHref(hit: { type: HitType; slug: string }): string {
  const slug = encodeURIComponent(hit.slug);
  switch (hit.type) {
    case "advisor":
      return `/advisors/${slug}`;
    case "lab":
      return `/labs/${slug}`;
    case "institution":
      return `/institutions/${slug}`;
  }
}

export const HIT_GROUP_LABELS: Record<HitType, string> = {
  advisor: "Advisors",
  lab: "Labs",
  institution: "Institutions",
};
