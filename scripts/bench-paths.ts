/**
 * The request paths the page benches share (scripts/bench.ts, scripts/bench-memory.ts): the same
 * distinct filter combinations and search prefixes, so their rows measure the same load.
 */
/** A different filter combination for every request (no kept page can answer). */
export function distinctListPaths(): () => string {
  const continents = ["", "EU", "NA", "AS", "OC"];
  const venueSets = [
    "neurips,icml,iclr",
    "neurips,icml",
    "icml,iclr",
    "neurips,icml,iclr,colt,aistats,uai",
    "colt,aistats,uai",
  ];
  const sorts = ["score", "papers", "consistency", "name"];
  let i = 0;
  return () => {
    i++;
    const c = continents[i % continents.length];
    const from = 2012 + (i % 10);
    return `/advisors?${c ? `continent=${c}&` : ""}venues=${venueSets[(i >> 2) % venueSets.length]}&from=${from}&to=${from + 4}&minPapers=${i % 7}&sort=${sorts[(i >> 4) % 4]}&n=${i}`;
  };
}

export function prefixPaths(names: string[]): () => string {
  let i = 0;
  return () => {
    i++;
    const n = names[i % names.length];
    const len = 3 + ((i >> 4) % 6);
    return `/api/search?limit=4&q=${encodeURIComponent(n.slice(0, len))}${i > names.length ? `&type=${["advisor", "lab", "institution"][i % 3]}` : ""}`;
  };
}
