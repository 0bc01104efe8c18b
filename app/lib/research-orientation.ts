/**
 * Fundamental vs applied, the thread's distinction, as an indicator from an advisor's papers (never a
 * verdict about a person): the share of their conference papers that are at COLT or on a fundamental
 * topic (learning theory, optimisation theory, online learning, deep-learning theory),
 * against the share on applied topics (vision, language, robotics, speech, science, health, ...).
 * A paper on both counts on both sides. Pure.
 */
export const ORIENTATION_LEANS = ["fundamental", "applied", "mixed", "unknown"] as const;
export type OrientationLean = (typeof ORIENTATION_LEANS)[number];
/** What the list filter accepts (unknown is not a choice a student makes). */
export const ORIENTATION_FILTERS = ["fundamental", "applied", "mixed"] as const;
export type OrientationFilter = (typeof ORIENTATION_FILTERS)[number];

export type OrientationCounts = {
  /** Conference papers at the six venues. */
  papers: number;
  /** Of which at COLT or matching a fundamental topic. */
  fundamental: number;
  /** Of which matching an applied topic. */
  applied: number;
};

export type Orientation = OrientationCounts & {
  lean: OrientationLean;
  fundamentalShare: number;
  appliedShare: number;
  /** One sentence for the page. */
  sentence: string;
};

/** Fewer papers than this, or fewer classified ones, says nothing. */
export const MIN_PAPERS = 5;
export const MIN_CLASSIFIED = 3;
/** One side must be at least twice the other to lean. */
export const LEAN_RATIO = 2;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function researchOrientation(c: OrientationCounts): Orientation {
  const { papers, fundamental, applied } = c;
  const fundamentalShare = papers > 0 ? fundamental / papers : 0;
  const appliedShare = papers > 0 ? applied / papers : 0;
  let lean: OrientationLean;
  if (papers < MIN_PAPERS || fundamental + applied < MIN_CLASSIFIED) lean = "unknown";
  else if (fundamental >= LEAN_RATIO * applied) lean = "fundamental";
  else if (applied >= LEAN_RATIO * fundamental) lean = "applied";
  else lean = "mixed";
  const counted = `${fundamental} of their ${papers} papers (${pct(fundamentalShare)}) ${fundamental === 1 ? "is" : "are"} at COLT or on theory topics, ${applied} (${pct(appliedShare)}) on applied topics`;
  const sentence =
    lean === "unknown"
      ? `Not enough to say: ${counted}.`
      : lean === "mixed"
        ? `${counted}: a mix of both.`
        : `${counted}: leans ${lean}.`;
  return { ...c, lean, fundamentalShare, appliedShare, sentence };
}
