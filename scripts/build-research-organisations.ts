/**
 * Writes seed/research-organisations.json: the public research organisations whose permanent
 * researchers supervise PhD students (CNRS, Inria, Max Planck institutes, RIKEN, national labs...),
 * each with its ROR record as the source. Derived from seed/ror/organizations.jsonl.gz (CC0): the
 * roots below (chosen by hand, each a national research organisation or an independent research
 * institute that hosts PhD students) and their active child organisations in ROR (the Inria
 * centres, the Max Planck institutes, CNRS joint units, ...).
 *
 *   npx tsx scripts/build-research-organisations.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

type Ror = {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  types: string[];
  country: string | null;
  city: string | null;
  domains: string[];
  website: string | null;
  parents: string[];
  children: string[];
  status: string;
};

// ROR ids of the roots, with what they are.
const ROOTS: Record<string, string> = {
  "02feahw73": "CNRS (France)",
  "02kvxyf05": "Inria (France)",
  "003vg9w96": "INRAE (France)",
  "02vjkv261": "Inserm (France)",
  "00jjx8s55": "CEA (France)",
  "0495fxg12": "Institut Pasteur (France)",
  "04t0gwh46": "Institut Curie (France)",
  "01hhn8329": "Max Planck Society (Germany): the Max Planck institutes",
  "0281dp749": "Helmholtz Association (Germany)",
  "01n6r0e97": "Leibniz Association (Germany)",
  "05hkkdn48": "Fraunhofer-Gesellschaft (Germany)",
  "01ayc5b57": "DFKI, German Research Centre for Artificial Intelligence",
  "036z3g533": "ELLIS Institute Tübingen",
  "0107nyd78": "Tübingen AI Center",
  "01sjwvz98": "RIKEN (Japan)",
  "04ksd4g47": "National Institute of Informatics (Japan)",
  "034t30j35": "Chinese Academy of Sciences",
  "036wvzt09": "A*STAR (Singapore)",
  "05kzfa883": "KIST (Korea)",
  "04zaypm56": "CNR (Italy)",
  "042t93s57": "Italian Institute of Technology",
  "01j33xk10": "Fondazione Bruno Kessler (Italy)",
  "02gfc7t72": "CSIC (Spain)",
  "05932h694": "Idiap Research Institute (Switzerland)",
  "013355g38": "IDSIA (Switzerland)",
  "05c22rx21": "Mila (Canada)",
  "03kqdja62": "Vector Institute (Canada)",
  "02jbv0t02": "Lawrence Berkeley National Laboratory (US)",
  "041nk4h53": "Lawrence Livermore National Laboratory (US)",
  "01e41cf67": "Los Alamos National Laboratory (US)",
  "01apwpt12": "Sandia National Laboratories (US)",
  "01qz5mb56": "Oak Ridge National Laboratory (US)",
  "02ex6cf31": "Brookhaven National Laboratory (US)",
  "05gvnxz63": "Argonne National Laboratory (US)",
  "05h992307": "Pacific Northwest National Laboratory (US)",
  "05xpvk416": "NIST (US)",
  "00sekdz59": "Flatiron Institute (US)",
  "05w520734": "Allen Institute for Artificial Intelligence (US)",
  "00f809463": "Institute for Advanced Study (US)",
};

// Max Planck institutes whose ROR records the shipped ROR copy lacks (seed/ror holds part of ROR):
// without them their people print a domain under mpg.de and were placed at the Max Planck Society.
// Each names its ROR record as its source (name, domain, country as ROR has them; the acronym as
// the institute prints it).
const NOT_IN_ROR_COPY: {
  ror: string;
  name: string;
  acronyms: string[];
  domains: string[];
  website: string;
  root: string;
}[] = [
  {
    ror: "01w19ak89",
    name: "Max Planck Institute for Informatics",
    acronyms: ["MPI-INF"],
    domains: ["mpi-inf.mpg.de"],
    website: "https://www.mpi-inf.mpg.de",
    root: "01hhn8329",
  },
  {
    ror: "026nmvv73",
    name: "Max Planck Institute for Biological Cybernetics",
    acronyms: [],
    domains: ["kyb.tuebingen.mpg.de"],
    website: "https://www.kyb.tuebingen.mpg.de",
    root: "01hhn8329",
  },
  {
    ror: "0087djs12",
    name: "Max Planck Institute for Dynamics and Self-Organization",
    acronyms: ["MPI-DS"],
    domains: ["ds.mpg.de"],
    website: "https://www.ds.mpg.de",
    root: "01hhn8329",
  },
  {
    ror: "0387jng26",
    name: "Max Planck Institute for Human Cognitive and Brain Sciences",
    acronyms: [],
    domains: ["cbs.mpg.de"],
    website: "https://www.cbs.mpg.de",
    root: "01hhn8329",
  },
];

// Institutes whose PhD supervisors are the professors of the universities they work with: their own
// "Researcher" title supervises nobody (at Mila it is mostly what students print). Still places of
// their own, where the professors' chairs are shown beside them.
const RESEARCHERS_DO_NOT_SUPERVISE = new Set(["05c22rx21", "03kqdja62"]);

const ROOT = path.resolve(import.meta.dirname, "..");
const text = gunzipSync(readFileSync(path.join(ROOT, "seed/ror/organizations.jsonl.gz"))).toString("utf8");
const byId = new Map<string, Ror>();
for (const line of text.split("\n"))
  if (line.trim()) {
    const o = JSON.parse(line) as Ror;
    byId.set(o.id, o);
  }

const short = (id: string) => id.replace("https://ror.org/", "");
const picked = new Map<string, { org: Ror; root: string }>();
for (const rootId of Object.keys(ROOTS)) {
  const root = byId.get(`https://ror.org/${rootId}`);
  if (!root) throw new Error(`ROR ${rootId} (${ROOTS[rootId]}) is not in seed/ror`);
  picked.set(root.id, { org: root, root: root.id });
  for (const child of root.children) {
    const c = byId.get(child);
    if (c && c.status === "active" && !picked.has(c.id)) picked.set(c.id, { org: c, root: root.id });
  }
}

const organisations = [...picked.values()]
  .map(({ org, root }) => ({
    ror: short(org.id),
    name: org.name,
    aliases: org.aliases,
    acronyms: org.acronyms,
    country: org.country,
    domains: org.domains,
    parent: org.id === root ? null : short(root),
    ...(RESEARCHERS_DO_NOT_SUPERVISE.has(short(root)) ? { researchersSupervise: false } : {}),
    source: org.id,
  }))
  .concat(
    NOT_IN_ROR_COPY.map((o) => {
      if (byId.has(`https://ror.org/${o.ror}`))
        throw new Error(`${o.name}: seed/ror has it now, drop it from NOT_IN_ROR_COPY`);
      return {
        ror: o.ror,
        name: o.name,
        aliases: [],
        acronyms: o.acronyms,
        country: "DE",
        domains: o.domains,
        website: o.website,
        parent: o.root,
        source: `https://ror.org/${o.ror}`,
      };
    }),
  )
  .sort((a, b) => (a.ror < b.ror ? -1 : 1));

writeFileSync(
  path.join(ROOT, "seed/research-organisations.json"),
  JSON.stringify(
    {
      about:
        "Public research organisations whose permanent researchers supervise PhD students (researchersSupervise: false for institutes whose supervisors are the partner universities' professors: Mila, Vector). Built by scripts/build-research-organisations.ts from ROR (seed/ror, CC0): hand-picked roots and their child organisations, plus four Max Planck institutes the ROR copy lacks (NOT_IN_ROR_COPY in the script). source: the ROR record.",
      roots: Object.fromEntries(Object.entries(ROOTS).map(([id, what]) => [id, what])),
      organisations,
    },
    null,
    1,
  ) + "\n",
);
console.log(`${organisations.length} research organisations written`);
