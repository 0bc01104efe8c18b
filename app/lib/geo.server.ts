/**
 * Countries and continents, from the maintained countries-list package (not a hand-typed table).
 */
import { continents, countries } from "countries-list";

export type ContinentCode = keyof typeof continents;
export const CONTINENT_CODES = Object.keys(continents).sort() as ContinentCode[];

const byName = new Map<string, string>();
for (const [code, c] of Object.entries(countries)) byName.set(c.name.toLowerCase(), code);
// Official or long forms the paper sources use that countries-list names differently.
const ALIASES: Record<string, string> = {
  "russian federation": "RU",
  "czech republic": "CZ",
  "kingdom of saudi arabia": "SA",
  "korea, republic of": "KR",
  "republic of korea": "KR",
  "iran, islamic republic of": "IR",
  "viet nam": "VN",
  "taiwan, province of china": "TW",
  "hong kong sar": "HK",
  "united states of america": "US",
  usa: "US",
  uk: "GB",
  türkiye: "TR",
};

export function isCountryCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(countries, code);
}

/** ISO alpha-2 code for an English country name, or null. */
export function countryCodeFromName(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name.trim().toLowerCase();
  return byName.get(key) ?? ALIASES[key] ?? null;
}

// Country-code top-level domains that are sold as generic names and say nothing about a country.
const GENERIC_CCTLDS = new Set([
  "io",
  "ai",
  "co",
  "me",
  "tv",
  "cc",
  "ly",
  "fm",
  "to",
  "ws",
  "gg",
  "app",
  "so",
  "sh",
  "is",
]);

/** The country of an e-mail domain's country-code TLD (".fr" -> FR, ".uk" -> GB), a weak fallback. */
export function countryFromDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const tld = domain.toLowerCase().split(".").pop() ?? "";
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return null;
  const code = tld === "uk" ? "GB" : tld.toUpperCase();
  return isCountryCode(code) ? code : null;
}

export function continentOf(country: string | null | undefined): ContinentCode | null {
  if (!country) return null;
  const c = countries[country as keyof typeof countries];
  return (c?.continent as ContinentCode) ?? null;
}

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  return countries[code as keyof typeof countries]?.name ?? null;
}

export function continentName(code: string | null | undefined): string | null {
  if (!code) return null;
  return continents[code as ContinentCode] ?? null;
}

type CountryEntry = { readonly code: string; readonly name: string; readonly continent: ContinentCode };
let sortedCountries: readonly CountryEntry[] | undefined;

/** Every country by name. Sorted once: localeCompare over 250 names cost about a millisecond per page. */
export function allCountries(): readonly CountryEntry[] {
  return (sortedCountries ??= Object.freeze(
    Object.entries(countries)
      .map(([code, c]) => Object.freeze({ code, name: c.name, continent: c.continent as ContinentCode }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ));
}
