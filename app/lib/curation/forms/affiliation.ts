/** Correcting where an advisor works now, with the page that shows it. */
import { z } from "zod";
import { httpUrl, line, note } from "./fields";

export const AffiliationSchema = z.object({
  advisor: line("Advisor", 1, 300),
  institution: line("Institution", 2, 200),
  sourceUrl: httpUrl("Source"),
  note,
});

export type AffiliationInput = z.infer<typeof AffiliationSchema>;
