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

/** Advisors, labs, institutions: the order the labels are listed in. */
const GROUP_ORDER = Object.keys(HIT_GROUP_LABELS) as HitType[];

/** Lower case, no accents, punctuation to spaces: enough to see whole words (not the search's own normaliser). */
function plain(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The hit groups in the order to show them: a group whose best hit is named by the query (the
 * whole name, or whole words of it: "MIT", "Inria", "Mila") before a group whose best hit only
 * starts with it ("Mitsuo Kawato" for "MIT"); otherwise advisors, labs, institutions. The hits
 * come from the search ranked per type, best first.
 */
export function orderHitTypes(hits: readonly { type: HitType; name: string }[], query: string): HitType[] {
  const q = plain(query);
  const rank = (type: HitType): number => {
    const best = hits.find((h) => h.type === type);
    if (!best || !q) return 2;
    const name = plain(best.name);
    return name === q ? 0 : ` ${name} `.includes(` ${q} `) ? 1 : 2;
  };
  const ranks = new Map(GROUP_ORDER.map((t) => [t, rank(t)]));
  return [...GROUP_ORDER].sort((a, b) => ranks.get(a)! - ranks.get(b)!);
}
