/** Adding an advisor to a lab, or removing one, with the page that says so. */
import { z } from "zod";
import { choice, httpUrl, line, note } from "./fields";

export const MEMBER_OPS = ["add", "remove"] as const;

export const MemberSchema = z.object({
  lab: line("Lab", 1, 200),
  advisor: line("Advisor", 1, 300),
  op: choice("Change", MEMBER_OPS),
  role: line("Role", 2, 60).optional(),
  sourceUrl: httpUrl("Source"),
  note,
});

export type MemberInput = z.infer<typeof MemberSchema>;

/** Accepts an advisor's slug or their page's address (…/advisors/<slug>). */
export function advisorSlugFrom(input: string): string {
  const m = /\/advisors\/([^/?#]+)/.exec(input);
  const raw = m ? m[1] : input;
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    slug = raw; // "%ZZ" is no escape: kept as typed, it matches no advisor and gets that message
  }
  return slug.trim().toLowerCase();
}
