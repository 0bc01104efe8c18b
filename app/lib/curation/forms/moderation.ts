/** A moderator's decision on a submission, and a revert from the audit view. */
import { z } from "zod";
import type { SubmissionKind } from "../../../../db/schema";
import { choice, paragraph, wholeNumber } from "./fields";

export const DecisionSchema = z.object({
  submissionId: wholeNumber("Submission", 1, 2_000_000_000),
  intent: choice("Decision", ["approve", "reject"] as const),
  note: paragraph("Note", 2000).optional(),
  /** For a submission in conflict: the versions of the entries the moderator compared against. */
  seen: z
    .string()
    .max(2000)
    .regex(/^(lab|advisor):\d+:\d+(,(lab|advisor):\d+:\d+)*$/, "The compared versions are malformed; reload the page.")
    .optional(),
});

export const RevertSchema = z.object({
  auditId: wholeNumber("Audit entry", 1, 2_000_000_000),
  /** A revert asks first: without "yes" the page shows what would be written back. */
  confirm: z.enum(["yes"]).optional().catch(undefined),
});

/** How each kind of submission is named to people. */
export const KIND_LABELS: Record<SubmissionKind, string> = {
  lab_new: "New lab",
  lab_edit: "Lab edit",
  lab_member_add: "Add advisor to lab",
  lab_member_remove: "Remove advisor from lab",
  advisor_affiliation: "Affiliation correction",
};
