/**
 * CIFRE status with its basis, for labs, institutions and advisors. Pure.
 *
 * The scheme (ANRT): a PhD student employed by a company established in France, the research done
 * with a French academic lab. So:
 * - "offers" needs evidence (a contributed, moderated URL);
 * - "eligible" by rule: an academic lab or institute in France, or a company with a research site
 *   in France; or as a contributor stated it;
 * - "no" as contributed, or by rule for a place in another country (the academic lab and the
 *   employer must both be in France); otherwise "unknown".
 * Co-affiliations seen on papers (a French academic and a company affiliation printed together)
 * are shown beside the status, never as proof of it.
 */
import type { CifreStatus } from "../../../db/schema";

export const CIFRE_SCHEME_URL = "https://www.anrt.asso.fr/fr/le-dispositif-cifre-7843";

export const CIFRE_RULES = {
  academicInFrance: "eligible by rule: an academic lab or institute in France can host the research of a CIFRE PhD",
  companyInFrance: "eligible by rule: a company with a research site in France can employ a CIFRE PhD student",
  outsideFrance:
    "not eligible by rule: a CIFRE PhD is done with a French academic lab and employed by a company established in France",
} as const;

/** How each status reads where it is shown: the one label table. */
export const CIFRE_LABELS = {
  /** The advisor, lab and institution lists' filter and their tables. */
  list: {
    offers: "Offers CIFRE (with evidence)",
    eligible: "Eligible (by rule: in France)",
    no: "No CIFRE",
    unknown: "Unknown",
  },
  /** The search page's facet. */
  search: { offers: "Offers CIFRE", eligible: "Eligible (France)", no: "No CIFRE", unknown: "Unknown" },
  /** The lab form's choice, as a contributor states it. */
  form: {
    unknown: "Unknown",
    offers: "Offers CIFRE PhDs",
    eligible: "Eligible (French employer or lab)",
    no: "No",
  },
} as const satisfies Record<string, Record<CifreStatus, string>>;

/** A status in a table cell: "Eligible by rule" or "No (outside France)" when the rule, not a contribution, gives it. */
export function cifreCellLabel(status: CifreStatus, byRule: boolean): string {
  if (byRule && status === "eligible") return "Eligible by rule";
  if (byRule && status === "no") return "No (outside France)";
  return CIFRE_LABELS.list[status];
}

const outsideFrance = (country: string | null) => country !== null && country !== "FR";

/** An advisor's status on their page: "Eligible by rule" in France, "No (outside France)" elsewhere. */
export function advisorCifreLabel(status: CifreStatus, country: string | null): string {
  const byRule = (status === "eligible" && country === "FR") || (status === "no" && outsideFrance(country));
  return cifreCellLabel(status, byRule);
}
const NOT_IN_FRANCE: CifreBasis = {
  status: "no",
  basis: "rule",
  text: CIFRE_RULES.outsideFrance,
  url: CIFRE_SCHEME_URL,
};

export type CifreBasis = {
  status: CifreStatus;
  /** evidence: a contributed URL; rule: the scheme's rule (CIFRE_SCHEME_URL); contributed: a reviewed statement; none. */
  basis: "evidence" | "rule" | "contributed" | "none";
  text: string;
  url: string | null;
};

type LabLike = {
  cifre: CifreStatus;
  cifreEvidenceUrl: string | null;
  kind: string;
  country: string | null;
  name?: string;
};

export function labCifre(lab: LabLike): CifreBasis {
  if (lab.cifre === "offers" && lab.cifreEvidenceUrl)
    return { status: "offers", basis: "evidence", text: "offers CIFRE PhDs (evidence)", url: lab.cifreEvidenceUrl };
  if (lab.cifre === "no")
    return {
      status: "no",
      basis: "contributed",
      text: "does not offer CIFRE PhDs (contributed)",
      url: lab.cifreEvidenceUrl,
    };
  if (lab.country === "FR" && (lab.kind === "academic" || lab.kind === "institute"))
    return { status: "eligible", basis: "rule", text: CIFRE_RULES.academicInFrance, url: CIFRE_SCHEME_URL };
  if (lab.country === "FR" && lab.kind === "industry")
    return { status: "eligible", basis: "rule", text: CIFRE_RULES.companyInFrance, url: CIFRE_SCHEME_URL };
  if (lab.cifre === "eligible")
    return { status: "eligible", basis: "contributed", text: "eligible (contributed)", url: lab.cifreEvidenceUrl };
  if (outsideFrance(lab.country)) return NOT_IN_FRANCE;
  return { status: "unknown", basis: "none", text: "unknown", url: null };
}

type InstitutionLike = { kind: string; country: string | null };

/**
 * An institution's status: a lab of it that offers CIFRE (with evidence) wins; then the rule, where a
 * company counts as established in France when it is placed there or runs a lab there.
 */
export function institutionCifre(inst: InstitutionLike, labs: (LabLike & { name: string })[]): CifreBasis {
  const offering = labs.find((l) => l.cifre === "offers" && l.cifreEvidenceUrl);
  if (offering)
    return {
      status: "offers",
      basis: "evidence",
      text: `offers CIFRE PhDs through ${offering.name} (evidence)`,
      url: offering.cifreEvidenceUrl,
    };
  if (inst.country === "FR" && (inst.kind === "academic" || inst.kind === "institute"))
    return { status: "eligible", basis: "rule", text: CIFRE_RULES.academicInFrance, url: CIFRE_SCHEME_URL };
  if (inst.kind === "industry") {
    const french = inst.country === "FR" ? null : labs.find((l) => l.country === "FR");
    if (inst.country === "FR" || french)
      return {
        status: "eligible",
        basis: "rule",
        text: `${CIFRE_RULES.companyInFrance}${french ? ` (${french.name})` : ""}`,
        url: CIFRE_SCHEME_URL,
      };
  }
  // A university, an institute or a company's national branch elsewhere ("Google (United States)");
  // a company without a country may still have a French site.
  if (outsideFrance(inst.country)) return NOT_IN_FRANCE;
  return { status: "unknown", basis: "none", text: "unknown", url: null };
}

const ORDER: CifreStatus[] = ["offers", "eligible", "no", "unknown"];

/** The best of several statuses (an advisor inherits their institution's and labs'). */
export function bestCifre(statuses: CifreStatus[]): CifreStatus {
  let best: CifreStatus = "unknown";
  for (const s of statuses) if (ORDER.indexOf(s) < ORDER.indexOf(best)) best = s;
  return best;
}

/**
 * An advisor's status: the best of their country's rule (eligible in France, not elsewhere), their
 * institution's and their labs'. A
 * company that is eligible for its French site passes that on only to advisors placed in France
 * (a Google researcher in Mountain View cannot host a CIFRE; one linked to a lab in Paris can).
 */
export function advisorCifre(
  country: string | null,
  institutionStatus: CifreStatus | undefined,
  labStatuses: CifreStatus[],
): CifreStatus {
  const fromInstitution =
    institutionStatus === "eligible" && country !== "FR" ? "unknown" : (institutionStatus ?? "unknown");
  const byCountry = country === "FR" ? "eligible" : outsideFrance(country) ? "no" : "unknown";
  return bestCifre([byCountry, fromInstitution, ...labStatuses]);
}
