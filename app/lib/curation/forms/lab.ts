/**
 * The lab forms: a new lab, and an edit of an existing one (every field, plus the student counts
 * of its advisors). Every claim needs a source URL; CIFRE "offers" needs its evidence, a recruiting
 * answer the date it was checked, a student count its source and date.
 */
import { z } from "zod";
import type { CifreStatus } from "../../../../db/schema";
import { choice, httpUrl, isoDate, line, note, paragraph, triState, wholeNumber } from "./fields";

export const CIFRE_OPTIONS = ["unknown", "offers", "eligible", "no"] as const satisfies readonly CifreStatus[];
export const LAB_KINDS = ["academic", "industry"] as const;
export const LAB_FOCUS = ["unknown", "fundamental", "applied"] as const;

const labShape = {
  name: line("Name", 2, 160),
  kind: choice("Kind", LAB_KINDS),
  institution: line("Institution", 2, 200).optional(),
  company: line("Company", 2, 160).optional(),
  city: line("City", 1, 100).optional(),
  country: z
    .string({ invalid_type_error: "Country must be a two-letter code." })
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Country must be a two-letter code such as FR.")
    .transform((v) => v.toUpperCase())
    .optional(),
  focus: choice("Focus", LAB_FOCUS).default("unknown"),
  description: paragraph("Description", 2000).optional(),
  website: httpUrl("Website").optional(),
  cifre: choice("CIFRE", CIFRE_OPTIONS).default("unknown"),
  cifreEvidenceUrl: httpUrl("CIFRE evidence").optional(),
  residencies: triState("Residencies"),
  internships: triState("Internships"),
  recruiting: triState("Recruiting"),
  recruitingVerifiedAt: isoDate("Recruiting checked on").optional(),
  recruitingSourceUrl: httpUrl("Recruiting source").optional(),
  sourceUrl: httpUrl("Source"),
  note,
};

type LabShape = z.infer<z.ZodObject<typeof labShape>>;

function labRules(v: LabShape, ctx: z.RefinementCtx) {
  const need = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (v.cifre === "offers" && !v.cifreEvidenceUrl)
    need("cifreEvidenceUrl", "CIFRE evidence is required when the lab offers CIFRE.");
  if (v.recruiting !== "unknown" && !v.recruitingVerifiedAt)
    need("recruitingVerifiedAt", "Recruiting checked on is required when recruiting is yes or no.");
}

/** A new lab also says where it is; older entries may lack it, so an edit does not insist. */
function newLabRules(v: LabShape, ctx: z.RefinementCtx) {
  const need = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (v.kind === "academic" && !v.institution) need("institution", "Institution is required for an academic lab.");
  if (v.kind === "industry" && !v.company) need("company", "Company is required for an industry lab.");
  labRules(v, ctx);
}

export const LabNewSchema = z
  .object({ ...labShape, confirmDuplicate: z.enum(["yes"]).optional().catch(undefined) })
  .superRefine(newLabRules);

export const StudentCountSchema = z
  .object({
    personId: wholeNumber("Advisor", 1, 2_000_000_000),
    version: wholeNumber("Advisor version", 1, 2_000_000_000),
    count: wholeNumber("Students", 0, 300).optional(),
    sourceUrl: httpUrl("Students source").optional(),
    asOf: isoDate("Students as of").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.count === undefined) return;
    if (!v.sourceUrl)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["sourceUrl"],
        message: "Students source is required with a count.",
      });
    if (!v.asOf)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["asOf"],
        message: "Students as of is required with a count.",
      });
  });

export const LabEditSchema = z
  .object({
    ...labShape,
    baseVersion: wholeNumber("Version", 1, 2_000_000_000),
    students: z
      .array(StudentCountSchema, { invalid_type_error: "Student counts are malformed." })
      .max(200, "Too many advisors.")
      .default([]),
  })
  .superRefine(labRules);

export type LabNewInput = z.infer<typeof LabNewSchema>;
export type LabEditInput = z.infer<typeof LabEditSchema>;
