import { describe, expect, it } from "vitest";
import { authorshipKey, buildImportPlan, idsAmongHomonyms, type SourcePaper } from "~/lib/import/import-plan";
import { InstitutionResolver } from "~/lib/import/institution-resolver";

const resolver = new InstitutionResolver(
  [
    { name: "Université de Montréal", domains: ["umontreal.ca"], alpha_two_code: "CA" },
    { name: "Inria", domains: ["inria.fr"], alpha_two_code: "FR" },
  ],
  [{ name: "Google", domains: ["google.com"] }],
);

const paper = (over: Partial<SourcePaper> & Pick<SourcePaper, "id" | "authors">): SourcePaper => ({
  venue: "icml",
  year: 2024,
  title: `Paper ${over.id}`,
  status: "Poster",
  track: "main",
  url: `https://x/${over.id}`,
  ...over,
});

describe("buildImportPlan: people", () => {
  it("groups by OpenReview id and never merges two ids", () => {
    const plan = buildImportPlan(
      [
        paper({
          id: "a",
          authors: [
            { name: "Xu Yang", openreview: "~Xu_Yang1" },
            { name: "Xu Yang", openreview: "~Xu_Yang2" },
          ],
        }),
        paper({ id: "b", authors: [{ name: "Xu Yang", openreview: "~Xu_Yang1" }] }),
      ],
      resolver,
    );
    expect(plan.people.map((p) => p.key).sort()).toEqual(["or:~Xu_Yang1", "or:~Xu_Yang2"]);
    expect(plan.authorships.filter((a) => a.personKey === "or:~Xu_Yang1")).toHaveLength(2);
  });

  it("gives an id-less authorship to the one id carrying its normalised name", () => {
    const plan = buildImportPlan(
      [
        paper({ id: "a", year: 2023, authors: [{ name: "Gaël Varoquaux", openreview: "~Gael_Varoquaux1" }] }),
        paper({
          id: "b",
          venue: "neurips",
          year: 2019,
          authors: [{ name: "gael  VAROQUAUX" }, { name: "G. Varoquaux" }],
        }),
      ],
      resolver,
    );
    const b = plan.authorships.filter((a) => a.paperKey === "neurips/b");
    expect(b[0].personKey).toBe("or:~Gael_Varoquaux1");
    // "G. Varoquaux" normalises to "g varoquaux": a different name, so a name-only person.
    expect(b[1].personKey).toBe("name:g varoquaux");
    expect(plan.people.find((p) => p.key === "or:~Gael_Varoquaux1")!.name).toBe("Gaël Varoquaux");
  });

  it("reads hyphens as spaces and every apostrophe as one (Maria-Florina Balcan, Alexandre d’Aspremont)", () => {
    const plan = buildImportPlan(
      [
        paper({
          id: "a",
          year: 2023,
          authors: [
            { name: "Maria-Florina Balcan", openreview: "~Maria-Florina_Balcan2" },
            { name: "Alexandre d'Aspremont", openreview: "~Alexandre_d'Aspremont1" },
          ],
        }),
        paper({
          id: "b",
          year: 2015,
          authors: [{ name: "Maria Florina Balcan" }, { name: "Alexandre d’Aspremont" }, { name: "Jean-Paul Sans Id" }],
        }),
        paper({ id: "c", year: 2016, authors: [{ name: "Jean Paul Sans Id" }] }),
      ],
      resolver,
    );
    const b = plan.authorships.filter((a) => a.paperKey === "icml/b").map((a) => a.personKey);
    expect(b).toEqual(["or:~Maria-Florina_Balcan2", "or:~Alexandre_d'Aspremont1", "name:jean paul sans id"]);
    // two spellings without an id are one name-only person
    expect(plan.authorships.find((a) => a.paperKey === "icml/c")!.personKey).toBe("name:jean paul sans id");
  });

  describe("a name several ids carry: each name-only paper to the one id it agrees with (idsAmongHomonyms)", () => {
    const keysOf = (records: SourcePaper[], paperId: string) =>
      buildImportPlan(records, resolver)
        .authorships.filter((a) => a.paperKey === `icml/${paperId}`)
        .map((a) => a.personKey);
    // Two people named Aarti Singh with ids, each with coauthors of their own.
    const ids = [
      paper({
        id: "cmu",
        year: 2023,
        authors: [
          { name: "Ana Student", openreview: "~Ana_Student1" },
          { name: "Aarti Singh", openreview: "~Aarti_Singh1" },
        ],
      }),
      paper({
        id: "other",
        year: 2024,
        authors: [
          { name: "Bo Colleague", openreview: "~Bo_Colleague1" },
          { name: "Aarti Singh", openreview: "~Aarti_Singh2" },
        ],
      }),
    ];
    it("gives a paper without ids to the one id whose coauthor it shares", () => {
      const old = paper({ id: "old", year: 2012, authors: [{ name: "Ana Student" }, { name: "Aarti Singh" }] });
      expect(keysOf([...ids, old], "old")).toEqual(["or:~Ana_Student1", "or:~Aarti_Singh1"]);
      const other = paper({ id: "old2", year: 2013, authors: [{ name: "Aarti Singh" }, { name: "Bo Colleague" }] });
      expect(keysOf([...ids, other], "old2")[0]).toBe("or:~Aarti_Singh2");
    });
    it("leaves a paper that agrees with both ids, or with neither, to the name alone", () => {
      const both = paper({
        id: "both",
        year: 2012,
        authors: [{ name: "Ana Student" }, { name: "Bo Colleague" }, { name: "Aarti Singh" }],
      });
      expect(keysOf([...ids, both], "both")[2]).toBe("name:aarti singh");
      const neither = paper({ id: "neither", year: 2012, authors: [{ name: "Cy Stranger" }, { name: "Aarti Singh" }] });
      expect(keysOf([...ids, neither], "neither")[1]).toBe("name:aarti singh");
    });
    it("takes no coauthor whose own name several ids carry as evidence, nor a place alone", () => {
      const common = [
        paper({
          id: "w1",
          authors: [
            { name: "Wei Wang", openreview: "~Wei_Wang1" },
            { name: "Aarti Singh", openreview: "~Aarti_Singh1", domain: "cmu.edu" },
          ],
        }),
        paper({ id: "w2", authors: [{ name: "Wei Wang", openreview: "~Wei_Wang2" }] }),
      ];
      const old = paper({ id: "old", year: 2012, authors: [{ name: "Wei Wang" }, { name: "Aarti Singh" }] });
      expect(keysOf([...ids, ...common, old], "old")[1]).toBe("name:aarti singh");
      const placed = paper({
        id: "placed",
        year: 2012,
        authors: [{ name: "Cy Stranger" }, { name: "Aarti Singh", domain: "cmu.edu" }],
      });
      expect(keysOf([...ids, ...common, placed], "placed")[1]).toBe("name:aarti singh");
    });
    it("lets a paper given to an id bring its coauthors: the next pass gives that id their papers", () => {
      const first = paper({
        id: "first",
        year: 2012,
        authors: [{ name: "Ana Student" }, { name: "Dee Friend" }, { name: "Aarti Singh" }],
      });
      const second = paper({ id: "second", year: 2010, authors: [{ name: "Dee Friend" }, { name: "Aarti Singh" }] });
      const records = [...ids, first, second];
      expect(keysOf(records, "second")[1]).toBe("or:~Aarti_Singh1");
      const idsByName = new Map([["aarti singh", new Set(["~Aarti_Singh1", "~Aarti_Singh2"])]]);
      const onePass = idsAmongHomonyms(records, idsByName, 1);
      expect(onePass.get(authorshipKey(first, 2))).toBe("~Aarti_Singh1");
      expect(onePass.has(authorshipKey(second, 1))).toBe(false);
    });
    it("holds on the final facts: two papers given to two ids in one pass that then agree with the other stay apart", () => {
      // x joins ~1 (Ana Student) and y joins ~2 (Bo Colleague) in the same pass; each brings Cy
      // Common, who then stands beside both ids: neither paper can say which one it is.
      const x = paper({
        id: "x",
        year: 2012,
        authors: [{ name: "Ana Student" }, { name: "Cy Common" }, { name: "Aarti Singh" }],
      });
      const y = paper({
        id: "y",
        year: 2012,
        authors: [{ name: "Bo Colleague" }, { name: "Cy Common" }, { name: "Aarti Singh" }],
      });
      const keys = buildImportPlan([...ids, x, y], resolver).authorships.filter((a) =>
        ["icml/x", "icml/y"].includes(a.paperKey),
      );
      expect(keys.filter((a) => a.position === 3).map((a) => a.personKey)).toEqual([
        "name:aarti singh",
        "name:aarti singh",
      ]);
    });
    it("never moves an authorship that has an id, nor one that dblp identifies", () => {
      const old = paper({
        id: "old",
        year: 2012,
        authors: [{ name: "Ana Student" }, { name: "Aarti Singh", dblpKey: "pid:1" }],
      });
      expect(keysOf([...ids, old], "old")[1]).toBe("dblp:pid:1");
      expect(keysOf(ids, "other")[1]).toBe("or:~Aarti_Singh2");
    });
  });
  describe("a middle name or initial more or less than the id's (idsAcrossMiddleNames)", () => {
    const keysOf = (records: SourcePaper[], paperId: string) =>
      buildImportPlan(records, resolver)
        .authorships.filter((a) => a.paperKey === `icml/${paperId}`)
        .map((a) => a.personKey);
    const withId = paper({
      id: "id",
      year: 2023,
      authors: [
        { name: "Ana Student", openreview: "~Ana_Student1" },
        { name: "Michael Jordan", openreview: "~Michael_Jordan1" },
      ],
    });
    it("joins the id when a coauthor agrees (Michael I. Jordan before OpenReview)", () => {
      const old = paper({ id: "old", year: 2005, authors: [{ name: "Ana Student" }, { name: "Michael I. Jordan" }] });
      expect(keysOf([withId, old], "old")).toEqual(["or:~Ana_Student1", "or:~Michael_Jordan1"]);
    });
    it("joins the id when their records print the same place", () => {
      const old = paper({
        id: "old",
        year: 2005,
        authors: [{ name: "Someone Else" }, { name: "Michael I. Jordan", domain: "berkeley.edu" }],
      });
      const recent = paper({
        id: "id",
        year: 2023,
        authors: [{ name: "Michael Jordan", openreview: "~Michael_Jordan1", domain: "berkeley.edu" }],
      });
      expect(keysOf([recent, old], "old")[1]).toBe("or:~Michael_Jordan1");
    });
    it("keeps a name alone apart: no shared coauthor or place", () => {
      const old = paper({ id: "old", year: 2005, authors: [{ name: "Someone Else" }, { name: "Michael I. Jordan" }] });
      expect(keysOf([withId, old], "old")[1]).toBe("name:michael i jordan");
    });
    it("asks two agreeing facts of the shorter name (Chen Wu for the id printed Chen Henry Wu)", () => {
      const id = paper({
        id: "id",
        authors: [
          { name: "Chen Henry Wu", openreview: "~Chen_Henry_Wu1" },
          { name: "Ana Student", openreview: "~Ana_Student1" },
          { name: "Bo Teacher", openreview: "~Bo_Teacher1" },
        ],
      });
      const one = paper({ id: "one", year: 2020, authors: [{ name: "Chen Wu" }, { name: "Ana Student" }] });
      expect(keysOf([id, one], "one")[0]).toBe("name:chen wu");
      const two = paper({
        id: "two",
        year: 2020,
        authors: [{ name: "Chen Wu" }, { name: "Ana Student" }, { name: "Bo Teacher" }],
      });
      expect(keysOf([id, two], "two")[0]).toBe("or:~Chen_Henry_Wu1");
    });
    it("reads a hyphenated name as one word (Jean Martin is not Jean-Paul Martin), and a place counts once", () => {
      const place = { domain: "inria.fr", institution: "Inria" };
      const id = paper({
        id: "id",
        authors: [
          { name: "Jean-Paul Martin", openreview: "~Jean-Paul_Martin1", ...place },
          { name: "Ana Student", openreview: "~Ana_Student1" },
        ],
      });
      const jean = paper({
        id: "jean",
        year: 2019,
        authors: [{ name: "Jean Martin", ...place }, { name: "Ana Student" }],
      });
      expect(keysOf([id, jean], "jean")[0]).toBe("name:jean martin");
      // The shorter form needs two facts: one record's domain and institution are one place.
      const id2 = paper({ id: "id", authors: [{ name: "Chen Henry Wu", openreview: "~Chen_Henry_Wu1", ...place }] });
      const chen = paper({ id: "chen", year: 2019, authors: [{ name: "Chen Wu", ...place }] });
      expect(keysOf([id2, chen], "chen")[0]).toBe("name:chen wu");
    });
    it("joins nobody when two ids share the first and last name, or the middle names disagree", () => {
      const old = paper({ id: "old", year: 2005, authors: [{ name: "Ana Student" }, { name: "Michael I. Jordan" }] });
      const otherId = paper({
        id: "other",
        authors: [
          { name: "Ana Student", openreview: "~Ana_Student1" },
          { name: "Michael B. Jordan", openreview: "~Michael_B_Jordan1" },
        ],
      });
      expect(keysOf([withId, otherId, old], "old")[1]).toBe("name:michael i jordan");
      const otherName = paper({
        id: "x",
        year: 2006,
        authors: [{ name: "Ana Student" }, { name: "Michael K. Jordan" }],
      });
      expect(keysOf([withId, otherName, old], "old")[1]).toBe("name:michael i jordan");
    });
  });

  it("finds an approved correction kept under a name-only key as the database had it", () => {
    const plan = buildImportPlan(
      [
        paper({
          id: "a",
          year: 2023,
          authors: [{ name: "Maria-Florina Balcan", openreview: "~Maria-Florina_Balcan2" }],
        }),
        ...[2015, 2016, 2017, 2018, 2019, 2020].map((year, i) =>
          paper({
            id: `p${i}`,
            year,
            authors: [{ name: `Student ${i}` }, { name: `Other ${i}` }, { name: "Maria Florina Balcan" }],
          }),
        ),
      ],
      resolver,
      { corrections: new Map([["name:maria florina balcan", "uni:Inria"]]) },
    );
    expect(plan.advisors.find((a) => a.personKey === "or:~Maria-Florina_Balcan2")?.institutionKey).toBe("uni:Inria");
  });

  it("keeps a name-only person when two ids carry the name (never guessed)", () => {
    const plan = buildImportPlan(
      [
        paper({ id: "a", authors: [{ name: "Wei Chen", openreview: "~Wei_Chen1" }] }),
        paper({ id: "b", authors: [{ name: "Wei Chen", openreview: "~Wei_Chen2" }] }),
        paper({ id: "c", year: 2019, authors: [{ name: "Wei Chen" }] }),
      ],
      resolver,
    );
    expect(plan.authorships.find((a) => a.paperKey === "icml/c")!.personKey).toBe("name:wei chen");
  });

  it("deduplicates papers by venue and source id, and skips records without authors", () => {
    const plan = buildImportPlan(
      [
        paper({ id: "a", authors: [{ name: "A" }] }),
        paper({ id: "a", authors: [{ name: "A" }] }),
        paper({ id: "z", authors: [] }),
      ],
      resolver,
    );
    expect(plan.papers).toHaveLength(1);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { reason: "duplicate paper", count: 1 },
        { reason: "no authors", count: 1 },
      ]),
    );
  });
});

describe("buildImportPlan: advisors", () => {
  const records = [
    paper({
      id: "p1",
      year: 2021,
      authors: [
        { name: "Stu Dent", openreview: "~Stu_Dent1", position: "PhD student" },
        {
          name: "Ann Prof",
          openreview: "~Ann_Prof1",
          position: "Assistant Professor",
          domain: "inria.fr",
          aff: "Inria",
        },
      ],
    }),
    paper({
      id: "p2",
      year: 2024,
      status: "Oral",
      authors: [
        { name: "Stu Dent", openreview: "~Stu_Dent1", position: "Assistant Professor", domain: "umontreal.ca" },
        { name: "Ann Prof", openreview: "~Ann_Prof1", position: "Full Professor", domain: "google.com", aff: "Google" },
      ],
    }),
    paper({
      id: "p3",
      year: 2024,
      venue: "iclr",
      status: "Workshop",
      authors: [{ name: "Ann Prof", openreview: "~Ann_Prof1" }],
    }),
    paper({
      id: "p4",
      year: 2022,
      venue: "neurips",
      authors: [{ name: "X", openreview: "~X1", position: "Postdoc" }, { name: "Y" }, { name: "Ann Prof" }],
    }),
  ];
  const plan = buildImportPlan(records, resolver);

  it("derives advisors from the most recent self-declared position", () => {
    expect(plan.advisors.map((a) => [a.personKey, a.position, a.positionYear]).sort()).toEqual([
      ["or:~Ann_Prof1", "Full Professor", 2024],
      ["or:~Stu_Dent1", "Assistant Professor", 2024],
    ]);
  });

  it("places an advisor at the most recent affiliation, with history", () => {
    const ann = plan.advisors.find((a) => a.personKey === "or:~Ann_Prof1")!;
    expect(ann.institutionKey).toBe("co:Google");
    const history = plan.affiliations
      .filter((a) => a.personKey === "or:~Ann_Prof1")
      .map((a) => [a.institutionKey, a.firstYear, a.lastYear]);
    expect(history.sort()).toEqual([
      ["co:Google", 2024, 2024],
      ["uni:Inria", 2021, 2021],
    ]);
    expect(plan.institutions.find((i) => i.key === "uni:Inria")).toMatchObject({ country: "FR", continent: "EU" });
  });

  it("counts conference papers per venue and year, with 1/N credit, last author and orals; workshops never count", () => {
    const ann = plan.venueYears.filter((v) => v.personKey === "or:~Ann_Prof1").sort((a, b) => a.year - b.year);
    expect(ann).toEqual([
      {
        personKey: "or:~Ann_Prof1",
        venueId: "icml",
        year: 2021,
        papers: 1,
        credit: 0.5,
        lastAuthor: 1,
        highlighted: 0,
      },
      {
        personKey: "or:~Ann_Prof1",
        venueId: "neurips",
        year: 2022,
        papers: 1,
        credit: 1 / 3,
        lastAuthor: 1,
        highlighted: 0,
      },
      {
        personKey: "or:~Ann_Prof1",
        venueId: "icml",
        year: 2024,
        papers: 1,
        credit: 0.5,
        lastAuthor: 1,
        highlighted: 1,
      },
    ]);
    expect(plan.papers.find((p) => p.sourceId === "p3")!.isConference).toBe(false);
  });
});

describe("buildImportPlan: advisor facts", () => {
  const uni = new InstitutionResolver(
    [
      { name: "EPFL", domains: ["epfl.ch"], alpha_two_code: "CH" },
      { name: "ISTA", domains: ["ist.ac.at"], alpha_two_code: "AT" },
    ],
    [{ name: "Amazon", domains: ["amazon.de", "amazon.com"] }],
    {
      researchOrganisations: [
        {
          ror: "02feahw73",
          name: "Centre National de la Recherche Scientifique",
          aliases: [],
          acronyms: ["CNRS"],
          country: "FR",
          domains: ["cnrs.fr"],
          parent: null,
          source: "https://ror.org/02feahw73",
        },
      ],
    },
  );
  const prof = (extra: Record<string, string> = {}) => ({
    name: "Vol Prof",
    openreview: "~Vol_Prof1",
    position: "Associate Professor",
    domain: "epfl.ch",
    aff: "EPFL",
    dblp: "70/5301",
    ...extra,
  });
  const records = [
    paper({
      id: "e1",
      year: 2023,
      authors: [{ name: "S One", openreview: "~S_One1", position: "PhD student", domain: "epfl.ch" }, prof()],
    }),
    paper({
      id: "e2",
      year: 2023,
      authors: [{ name: "S Two", openreview: "~S_Two1", position: "PhD student", domain: "epfl.ch" }, prof()],
    }),
    paper({
      id: "e3",
      year: 2024,
      authors: [
        { name: "S One", openreview: "~S_One1", position: "PhD student", domain: "epfl.ch" },
        prof({ position: "Amazon Scholar", domain: "amazon.de", aff: "Amazon" }),
      ],
    }),
    // The swap: the two coauthors' fields exchanged on this paper.
    paper({
      id: "swap",
      year: 2025,
      authors: [
        {
          name: "Dan Coauthor",
          openreview: "~Dan_Coauthor1",
          position: "Associate Professor",
          domain: "epfl.ch",
          aff: "EPFL",
          dblp: "70/5301",
        },
        prof({ position: "Full Professor", domain: "ist.ac.at", aff: "ISTA", dblp: "36/3251" }),
      ],
    }),
    paper({
      id: "d1",
      year: 2024,
      authors: [
        {
          name: "Dan Coauthor",
          openreview: "~Dan_Coauthor1",
          position: "Full Professor",
          domain: "ist.ac.at",
          aff: "ISTA",
          dblp: "36/3251",
        },
      ],
    }),
    paper({
      id: "d2",
      year: 2025,
      authors: [
        {
          name: "Dan Coauthor",
          openreview: "~Dan_Coauthor1",
          position: "Full Professor",
          domain: "ist.ac.at",
          aff: "ISTA",
          dblp: "36/3251",
        },
      ],
    }),
    // A CNRS researcher.
    paper({
      id: "c1",
      year: 2024,
      authors: [{ name: "G Cnrs", openreview: "~G_Cnrs1", position: "Researcher", domain: "cnrs.fr", aff: "CNRS" }],
    }),
    // A PI with no declared position: last author of many core papers over years with many coauthors.
    ...Array.from({ length: 6 }, (_, i) =>
      paper({
        id: `pi${i}`,
        venue: i % 2 ? "neurips" : "icml",
        year: 2018 + (i % 3),
        authors: [
          { name: `Student ${i}a` },
          { name: `Student ${i}b` },
          { name: "Bern Pi", openreview: "~Bern_Pi1", aff: "Max Planck Institute for Intelligent Systems" },
        ],
      }),
    ),
  ];
  const plan = buildImportPlan(records, uni);
  const adv = (key: string) => plan.advisors.find((a) => a.personKey === key);

  it("sets aside the swapped record and keeps the professor at EPFL, not at the coauthor's institute", () => {
    expect(adv("or:~Vol_Prof1")).toMatchObject({
      position: "Associate Professor",
      positionYear: 2023,
      positionSource: "declared",
      institutionKey: "uni:EPFL",
    });
    expect(plan.ignoredRecords.filter((r) => r.personKey === "or:~Vol_Prof1")).toEqual([
      expect.objectContaining({
        paperKey: "icml/swap",
        affiliation: "ISTA",
        positionTitle: "Full Professor",
        reason: "profile",
      }),
    ]);
    expect(plan.affiliations.some((a) => a.personKey === "or:~Vol_Prof1" && a.institutionKey === "uni:ISTA")).toBe(
      false,
    );
    // The record itself is kept as printed.
    expect(plan.authorships.find((a) => a.paperKey === "icml/swap" && a.personKey === "or:~Vol_Prof1")).toMatchObject({
      domain: "ist.ac.at",
    });
    expect(plan.stats.suspectedSwaps).toBeGreaterThanOrEqual(1);
  });

  it("counts a CNRS researcher as a supervisor in France", () => {
    expect(adv("or:~G_Cnrs1")).toMatchObject({
      position: "Researcher",
      positionSource: "declared",
      institutionKey: "ror:02feahw73",
    });
    expect(plan.institutions.find((i) => i.key === "ror:02feahw73")).toMatchObject({
      kind: "institute",
      country: "FR",
    });
  });

  it("infers a PI with no declared position from authorship, with the printed institution", () => {
    expect(adv("or:~Bern_Pi1")).toMatchObject({ positionSource: "inferred", positionYear: 2020 });
    expect(adv("or:~S_One1")).toBeUndefined();
  });

  it("records per venue-year coverage exactly", () => {
    const icml2024 = plan.coverage.find((c) => c.venueId === "icml" && c.year === 2024)!;
    expect(icml2024).toMatchObject({ papers: 3, authorships: 4, withOpenreview: 4, withPosition: 4 });
  });
});

describe("buildImportPlan: a supervisor no record places, from their students' places (rule 5)", () => {
  // Venue-years whose records print no affiliation at all (ICLR 2024-2026, NeurIPS 2025): the PI's
  // last-authored papers of 2024-2025 place nobody; each student's own records print Montréal in 2023.
  const records = (studentYear: number) =>
    Array.from({ length: 6 }, (_, i) => {
      const students = [0, 1].map((k) => ({ name: `Student ${i}${k}`, openreview: `~Student_${i}${k}1` }));
      return [
        paper({
          id: `pi${i}`,
          venue: "iclr",
          year: 2024 + (i % 3),
          authors: [...students, { name: "Nad Pi", openreview: "~Nad_Pi1" }],
        }),
        ...students.map((st, k) =>
          paper({
            id: `s${i}${k}`,
            year: studentYear,
            authors: [{ ...st, domain: "umontreal.ca", aff: "Université de Montréal" }],
          }),
        ),
      ];
    }).flat();
  const pi = (studentYear: number) =>
    buildImportPlan(records(studentYear), resolver).advisors.find((a) => a.personKey === "or:~Nad_Pi1");

  it("places them where their coauthors' own records are printed, up to two years before the paper", () => {
    expect(pi(2023)).toMatchObject({
      positionSource: "inferred",
      institutionKey: "uni:Université de Montréal",
      institutionBasis: "coauthors",
    });
  });

  it("places nobody from records older than that", () => {
    expect(pi(2021)).toMatchObject({ positionSource: "inferred", institutionKey: null });
  });

  it("shows no title declared only at another place than where they are (Dacheng Tao: JD, now NTU)", () => {
    const own = (id: string, extra: Record<string, string>) =>
      paper({ id, venue: "icml", year: 2025, authors: [{ name: "Nad Pi", openreview: "~Nad_Pi1", ...extra }] });
    const withTitle = [
      ...records(2023),
      own("t", { position: "Director of the Explore Academy", domain: "google.com" }),
      ...["u1", "u2", "u3"].map((id) => own(id, { domain: "umontreal.ca" })),
    ];
    const at = (recs: SourcePaper[]) =>
      buildImportPlan(recs, resolver).advisors.find((a) => a.personKey === "or:~Nad_Pi1");
    expect(at(withTitle)).toMatchObject({
      institutionKey: "uni:Université de Montréal",
      position: "Supervisor (inferred from authorship)",
    });
    // Declared where they are, it is shown.
    const here = withTitle.map((p) =>
      p.id === "t" ? own("t", { position: "Director of the Explore Academy", domain: "umontreal.ca" }) : p,
    );
    expect(at(here)).toMatchObject({ position: "Director of the Explore Academy" });
  });

  it("moves one whose own last place is years older than their lab's papers (Kaiming He: Meta, 2018)", () => {
    const stale = [
      ...records(2024),
      paper({ id: "old", year: 2018, authors: [{ name: "Nad Pi", openreview: "~Nad_Pi1", domain: "google.com" }] }),
      // One recent paper prints a student's place: the PI's own records stopped printing theirs.
      paper({
        id: "recent",
        venue: "icml",
        year: 2025,
        authors: [
          { name: "Student 01", openreview: "~Student_011", domain: "umontreal.ca" },
          { name: "Nad Pi", openreview: "~Nad_Pi1" },
        ],
      }),
    ];
    expect(buildImportPlan(stale, resolver).advisors.find((a) => a.personKey === "or:~Nad_Pi1")).toMatchObject({
      institutionKey: "uni:Université de Montréal",
      institutionBasis: "coauthors",
    });
  });
});

describe("buildImportPlan: a company's one ROR country is the last resort (issue 12)", () => {
  const tencentRor = {
    id: "https://ror.org/00hhjss72",
    name: "Tencent (China)",
    aliases: ["Tencent Inc."],
    acronyms: [],
    types: ["company"],
    country: "CN",
    domains: ["tencent.com"],
  };
  const r = new InstitutionResolver(
    [{ name: "University of Washington", domains: ["uw.edu"], alpha_two_code: "US" }],
    [{ name: "Tencent", domains: ["tencent.com"] }],
    { ror: [tencentRor] },
  );
  const lead = (id: string, extra: Record<string, string> = {}) => ({
    name: `Lead ${id}`,
    openreview: `~Lead_${id}1`,
    position: "Principal Researcher",
    domain: "tencent.com",
    aff: "Tencent AI Lab",
    ...extra,
  });
  const student = (n: string) => ({ name: `S ${n}`, openreview: `~S_${n}1`, position: "PhD student" });
  const plan = buildImportPlan(
    [
      // A lead whose records say nothing more than the company.
      paper({ id: "t1", authors: [student("A"), lead("Cn")] }),
      paper({ id: "t2", year: 2023, authors: [student("B"), lead("Cn")] }),
      // A lead whose coworker on the same paper prints the company's US branch.
      paper({
        id: "t3",
        authors: [
          { ...student("C"), domain: "tencent.com", aff: "Tencent America", country: "United States" },
          lead("Us"),
        ],
      }),
      // A lead who once printed a region other than the home country.
      paper({ id: "t4", authors: [student("D"), lead("Eu")] }),
      paper({ id: "t5", year: 2023, authors: [student("E"), lead("Eu", { aff: "Tencent Europe" })] }),
    ],
    r,
  );
  const adv = (k: string) => plan.advisors.find((a) => a.personKey === k);

  it("places an advisor whose records name only the company in the one country ROR gives it", () => {
    expect(adv("or:~Lead_Cn1")?.institutionKey).toBe("co:Tencent:CN");
    expect(plan.institutions.find((i) => i.key === "co:Tencent:CN")).toMatchObject({ country: "CN" });
  });
  it("lets the person's own evidence (a coworker's branch) and a printed region outrank it", () => {
    expect(adv("or:~Lead_Us1")?.institutionKey).toBe("co:Tencent:US");
    expect(adv("or:~Lead_Eu1")?.institutionKey).toBe("co:Tencent");
  });
});
