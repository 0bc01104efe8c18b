import { allCountries, CONTINENT_CODES, continentName } from "../geo.server";

type Facets = {
  continent: Record<string, number>;
  country: Record<string, number>;
  cifre: Record<string, number>;
  kind: Record<string, number>;
  topic?: Record<string, number>;
  orientation?: Record<string, number>;
};

/** The options of the filter form, each with how many results it would show. */
export function filterOptions(
  facets: Facets,
  selectedCountry: string | null,
  topics?: readonly { id: string; label: string }[],
) {
  // No topic counts at all: the topic index is still loading (after a start); the topics are listed
  // without a number rather than each with a 0.
  const counted = facets.topic !== undefined && Object.keys(facets.topic).length > 0;
  return {
    topics: topics?.map((t) => ({
      id: t.id,
      label: t.label,
      count: counted ? (facets.topic![t.id] ?? 0) : null,
    })),
    orientation: facets.orientation,
    continents: CONTINENT_CODES.map((code) => ({
      code,
      name: continentName(code)!,
      count: facets.continent[code] ?? 0,
    })),
    countries: allCountries()
      .filter((c) => facets.country[c.code] || c.code === selectedCountry)
      .map((c) => ({ code: c.code, name: c.name, count: facets.country[c.code] ?? 0 })),
    cifre: facets.cifre,
    kind: facets.kind,
  };
}
