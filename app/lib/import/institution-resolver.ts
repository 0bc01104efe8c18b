/**
 * Places an authorship at an institution from what the source printed: the e-mail domain first
 * (matched, or its parent domain, against the university list, then against company domains),
 * then the printed institution or affiliation text. The country comes from the university list,
 * else the source's country field, else the domain's country code.
 */
import { continentOf, countryCodeFromName, countryFromDomain } from "../geo.server";
import { normalizeName, slugify } from "../names";

export type University = {
  name: string;
  domains: string[];
  web_pages?: string[];
  alpha_two_code?: string;
  country?: string;
};
export type Company = { name: string; domains: string[] };

export type ResolvedInstitution = {
  /** Stable identity used to merge rows: "uni:<name>", "co:<name>", "dom:<domain>" or "aff:<text>". */
  key: string;
  slug: string;
  name: string;
  country: string | null;
  continent: string | null;
  kind: "academic" | "industry" | "other";
  domains: string[];
  website: string | null;
  source: "university-domains" | "company-domains" | "affiliation";
};

export type AffiliationFacts = {
  domain?: string | null;
  aff?: string | null;
  institution?: string | null;
  country?: string | null;
};

const ACADEMIC_DOMAIN = /(\.edu(\.[a-z]{2})?|\.ac\.[a-z]{2}|\.edu|univ|uni-|\.cnrs\.fr|inria\.fr|\.mpg\.de|ethz\.ch|epfl\.ch)$/;
const ACADEMIC_TEXT = /universit|college|institut|school|école|ecole|academy|inria|cnrs|max planck|laborator/i;

export class InstitutionResolver {
  private universityByDomain = new Map<string, University>();
  private universityByName = new Map<string, University>();
  private companyByDomain = new Map<string, Company>();

  constructor(universities: University[], companies: Company[]) {
    for (const u of universities) {
      for (const d of u.domains) if (!this.universityByDomain.has(d.toLowerCase())) this.universityByDomain.set(d.toLowerCase(), u);
      const n = normalizeName(u.name);
      if (!this.universityByName.has(n)) this.universityByName.set(n, u);
    }
    for (const c of companies) for (const d of c.domains) this.companyByDomain.set(d.toLowerCase(), c);
  }

  /** The domain itself, then each parent: cs.toronto.edu -> toronto.edu. */
  private lookup<T>(map: Map<string, T>, domain: string): T | undefined {
    const parts = domain.toLowerCase().split(".");
    for (let i = 0; i < parts.length - 1; i++) {
      const hit = map.get(parts.slice(i).join("."));
      if (hit) return hit;
    }
    return undefined;
  }

  private university(u: University, fallbackCountry: string | null): ResolvedInstitution {
    const country = (u.alpha_two_code && u.alpha_two_code.toUpperCase()) || countryCodeFromName(u.country) || fallbackCountry;
    return {
      key: `uni:${u.name}`,
      slug: slugify(u.name),
      name: u.name,
      country,
      continent: continentOf(country),
      kind: "academic",
      domains: u.domains,
      website: u.web_pages?.[0] ?? null,
      source: "university-domains",
    };
  }

  /**
   * Joint affiliations are printed joined by "+" ("Meta+New York University", "meta.com+nyu.edu"):
   * each part is resolved, and a university wins (the place that can host a PhD), then a company,
   * then the first part as printed.
   */
  resolve(facts: AffiliationFacts): ResolvedInstitution | null {
    const split = (v: string | null | undefined) => (v ?? "").split("+").map((x) => x.trim());
    const domains = split(facts.domain);
    const affs = split(facts.aff);
    const insts = split(facts.institution);
    const n = Math.max(domains.length, affs.length, insts.length);
    if (n <= 1) return this.resolveOne(facts);
    const parts: ResolvedInstitution[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.resolveOne({ domain: domains[i] || null, aff: affs[i] || null, institution: insts[i] || null, country: facts.country });
      if (r) parts.push(r);
    }
    return (
      parts.find((r) => r.source === "university-domains") ?? parts.find((r) => r.source === "company-domains") ?? parts[0] ?? null
    );
  }

  private resolveOne(facts: AffiliationFacts): ResolvedInstitution | null {
    const domain = facts.domain?.trim().toLowerCase() || null;
    const sourceCountry = countryCodeFromName(facts.country);
    if (domain) {
      const u = this.lookup(this.universityByDomain, domain);
      if (u) return this.university(u, sourceCountry);
      const c = this.lookup(this.companyByDomain, domain);
      if (c)
        return {
          key: `co:${c.name}`,
          slug: slugify(c.name),
          name: c.name,
          country: null,
          continent: null,
          kind: "industry",
          domains: c.domains,
          website: null,
          source: "company-domains",
        };
    }
    const printed = (facts.institution || facts.aff || "").trim();
    if (printed) {
      const u = this.universityByName.get(normalizeName(printed));
      if (u) return this.university(u, sourceCountry);
    }
    if (!printed && !domain) return null;
    const country = sourceCountry ?? countryFromDomain(domain);
    const name = printed || domain!;
    const key = domain ? `dom:${registrableDomain(domain)}` : `aff:${normalizeName(name)}`;
    const academic = (domain && ACADEMIC_DOMAIN.test(domain)) || ACADEMIC_TEXT.test(name);
    return {
      key,
      slug: slugify(domain ? registrableDomain(domain) : name),
      name,
      country,
      continent: continentOf(country),
      kind: academic ? "academic" : "other",
      domains: domain ? [registrableDomain(domain)] : [],
      website: null,
      source: "affiliation",
    };
  }
}

// Second-level registries under which the registrable domain has three labels (ox.ac.uk, tsinghua.edu.cn).
const SECOND_LEVEL = /^(ac|edu|co|com|org|gov|net|go|or|ne)$/;

/** mails.tsinghua.edu.cn -> tsinghua.edu.cn; cs.toronto.edu -> toronto.edu. */
export function registrableDomain(domain: string): string {
  const parts = domain.toLowerCase().split(".");
  if (parts.length <= 2) return parts.join(".");
  const second = parts[parts.length - 2];
  const take = SECOND_LEVEL.test(second) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-take).join(".");
}
