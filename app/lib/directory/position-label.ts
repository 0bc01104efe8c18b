/** The position stored for an inferred supervisor who never declared a title. */
export const INFERRED_POSITION = "Supervisor (inferred from authorship)";

/**
 * The title an advisor page shows beside the note that says where it comes from: "Supervisor" for
 * an inferred supervisor without a declared title (the note says "inferred from authorship").
 */
export function pageTitle(position: string, source: "declared" | "inferred"): string {
  return source === "inferred" && position === INFERRED_POSITION ? "Supervisor" : position;
}

/**
 * How a declared position reads on the site. OpenReview keeps one position per affiliation, and
 * the sources join a person's several into one string with "+" ("Associate Professor+Assistant
 * Professor+Assistant Professor", "Chief AI Scientist +Full Professor"). Shown as they are, the
 * repeats and the plus signs read as a data error; each distinct title once, in the order given
 * (the first is the one the person lists first), says the same thing.
 */
export function positionLabel(position: string): string {
  if (!position.includes("+")) return position.trim();
  const seen = new Set<string>();
  const titles: string[] = [];
  for (const part of position.split("+")) {
    const title = part.trim().replace(/\s+/g, " ");
    const key = title.toLowerCase();
    if (!title || seen.has(key)) continue;
    seen.add(key);
    titles.push(title);
  }
  return titles.join(" · ") || position.trim();
}
