/**
 * The six venues the data covers. The thread's rule: NeurIPS, ICML (and ICLR) are the ones to
 * look for; COLT, AISTATS and UAI are "decent" too. JMLR and TPAMI (from dblp) are a journal tier,
 * shown apart and counted only when a user chooses them (the default venue set stays the core one).
 */
export const VENUES = [
  { id: "neurips", name: "NeurIPS", fullName: "Conference on Neural Information Processing Systems", tier: "core" },
  { id: "icml", name: "ICML", fullName: "International Conference on Machine Learning", tier: "core" },
  { id: "iclr", name: "ICLR", fullName: "International Conference on Learning Representations", tier: "core" },
  { id: "colt", name: "COLT", fullName: "Conference on Learning Theory", tier: "decent" },
  {
    id: "aistats",
    name: "AISTATS",
    fullName: "International Conference on Artificial Intelligence and Statistics",
    tier: "decent",
  },
  { id: "uai", name: "UAI", fullName: "Conference on Uncertainty in Artificial Intelligence", tier: "decent" },
  { id: "jmlr", name: "JMLR", fullName: "Journal of Machine Learning Research", tier: "journal" },
  {
    id: "tpami",
    name: "TPAMI",
    fullName: "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    tier: "journal",
  },
] as const;

export type VenueId = (typeof VENUES)[number]["id"];
export const VENUE_IDS = VENUES.map((v) => v.id) as VenueId[];
export const CORE_VENUES: VenueId[] = ["neurips", "icml", "iclr"];
/**
 * Venues where the last author is usually the senior one: the core three and AISTATS and UAI
 * (the supervisor inference counts last authorship there). Not COLT: its author lists are mostly
 * alphabetical, so the last author says nothing about who leads.
 */
export const LAST_AUTHOR_SENIOR_VENUES: VenueId[] = [...CORE_VENUES, "aistats", "uai"];

export function isVenueId(id: string): id is VenueId {
  return (VENUE_IDS as string[]).includes(id);
}

export function venueName(id: string): string {
  return VENUES.find((v) => v.id === id)?.name ?? id;
}

/** A paper counts at its venue unless it is a workshop paper. */
export function isConferencePaper(status: string | null | undefined): boolean {
  return !/workshop/i.test(status ?? "");
}

/** Orals, spotlights and the other distinctions venues give (ICLR 2023's Top-5%/Top-25%, ...). */
export function isHighlighted(status: string | null | undefined): boolean {
  return /oral|spotlight|talk|highlight|top-5|top-25|outstanding|award/i.test(status ?? "");
}
