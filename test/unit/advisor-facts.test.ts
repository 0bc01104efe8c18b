import { describe, expect, it } from "vitest";
import {
  consensusProfile,
  isPlaceholderLink,
  type Evidence,
  branchFromCoauthorCountries,
  branchFromCoworkers,
  branchFromSamePeriod,
  countryOfUnlistedOrganisation,
  currentPlaces,
  HOMEPAGE_SUPPORT,
  currentSupervision,
  findSuspectedSwaps,
  hasLongCareerPattern,
  hasSupervisorPattern,
  hasLongTenure,
  LONG_TENURE,
  isAlphabeticalList,
  supervisorDespiteTraineeTitle,
  INFERENCE_THRESHOLDS,
  LONG_CAREER,
  placeFromCoauthors,
  staleSince,
} from "~/lib/import/advisor-facts";

let nextId = 0;
const ev = (over: Partial<Evidence> & Pick<Evidence, "person" | "paper" | "year">): Evidence => ({
  id: nextId++,
  institution: null,
  institutionKind: "academic",
  researchOrganisation: false,
  position: null,
  profile: [],
  ...over,
});

/** A titled record of person "a" (a company's when the key starts with "co:"). */
const titled = (paper: string, year: number, position: string, institution: string) =>
  ev({
    person: "a",
    paper,
    year,
    position,
    institution,
    institutionKind: institution.startsWith("co:") ? "industry" : "academic",
  });

describe("findSuspectedSwaps", () => {
  it("sets aside a record carrying a coauthor's profile, affiliation and position (two coauthors swapped)", () => {
    // Prof's usual record, several times; on paper X the two coauthors' fields are swapped.
    const own = [2024, 2024, 2025].map((year, i) =>
      ev({
        person: "prof",
        paper: `p${i}`,
        year,
        institution: "uni:EPFL",
        position: "Associate Professor",
        profile: ["dblp:70/5301"],
      }),
    );
    const other = ev({
      person: "colleague",
      paper: "q",
      year: 2024,
      institution: "uni:ISTA",
      position: "Full Professor",
      profile: ["dblp:36/3251"],
    });
    const swappedProf = ev({
      person: "prof",
      paper: "X",
      year: 2025,
      institution: "uni:ISTA",
      position: "Full Professor",
      profile: ["dblp:36/3251"],
    });
    const swappedColleague = ev({
      person: "colleague",
      paper: "X",
      year: 2025,
      institution: "uni:EPFL",
      position: "Associate Professor",
      profile: ["dblp:70/5301"],
    });
    const swaps = findSuspectedSwaps([...own, other, swappedProf, swappedColleague]);
    expect(swaps.get(swappedProf.id)).toMatchObject({ reason: "profile" });
    expect(swaps.get(swappedProf.id)!.conflicts).toBeGreaterThanOrEqual(2);
    expect([...own, other].some((e) => swaps.has(e.id))).toBe(false);
  });

  it("an id printed most on a person's records is not theirs when a coauthor on those papers prints it on more", () => {
    // The colleague's id C, on 4 of the colleague's own records; the fields shifted on 3 shared papers,
    // so the professor's records carry C (and the colleague's chair) more often than their own id P.
    const colleague = [1, 2, 3, 4].map((i) =>
      ev({ person: "colleague", paper: `c${i}`, year: 2022, institution: "uni:PKU", profile: ["dblp:C"] }),
    );
    const shared = [1, 2, 3].flatMap((i) => [
      ev({
        person: "prof",
        paper: `X${i}`,
        year: 2023,
        institution: "uni:PKU",
        position: "Full Professor",
        profile: ["dblp:C"],
      }),
      ev({ person: "colleague", paper: `X${i}`, year: 2023, institution: null, profile: [] }),
    ]);
    const own = [1, 2].map((i) =>
      ev({
        person: "prof",
        paper: `p${i}`,
        year: 2023,
        institution: "uni:UCLA",
        position: "Full Professor",
        profile: ["dblp:P"],
      }),
    );
    const swaps = findSuspectedSwaps([...colleague, ...shared, ...own]);
    const carrying = shared.filter((e) => e.person === "prof");
    expect(carrying.every((e) => swaps.get(e.id)?.reason === "profile")).toBe(true);
    expect([...own, ...colleague].some((e) => swaps.has(e.id))).toBe(false);
    // The same records, where the colleague prints C less often than the professor: the professor's.
    const fewer = findSuspectedSwaps([...colleague.slice(0, 2), ...shared, ...own]);
    expect(carrying.some((e) => fewer.has(e.id))).toBe(false);
  });

  it("without profile ids: an institution contradicting two records of the period and matching a coauthor's", () => {
    const own = [2023, 2024, 2024].map((year, i) =>
      ev({ person: "a", paper: `a${i}`, year, institution: "uni:Alberta" }),
    );
    const coauthorUsual = ev({ person: "b", paper: "b1", year: 2022, institution: "uni:UCLA" });
    const odd = ev({ person: "a", paper: "X", year: 2024, institution: "uni:UCLA" });
    const b = ev({ person: "b", paper: "X", year: 2024, institution: "uni:UCLA" });
    const swaps = findSuspectedSwaps([...own, coauthorUsual, odd, b]);
    expect(swaps.get(odd.id)).toEqual({ id: odd.id, conflicts: 3, reason: "institution" });
    expect(swaps.has(b.id)).toBe(false);
  });

  it("sets aside a record whose paper gives the person's own dblp id to a coauthor (fields shifted along the list)", () => {
    // NeurIPS 2024: the professor's record carries a coauthor's affiliation and homepage, and the
    // next author's record carries the professor's dblp id; no coauthor prints the odd affiliation.
    const own = [2023, 2024, 2024].map((year, i) =>
      ev({ person: "prof", paper: `p${i}`, year, institution: "uni:ENSAE", profile: ["dblp:83/7398"] }),
    );
    const shifted = ev({
      person: "prof",
      paper: "X",
      year: 2024,
      institution: "co:EDF",
      institutionKind: "industry",
      position: "Research Engineer",
      profile: ["homepage:sites.google.com/site/someone-else"],
    });
    const next = ev({ person: "next", paper: "X", year: 2024, profile: ["dblp:83/7398"] });
    const swaps = findSuspectedSwaps([...own, shifted, next]);
    expect(swaps.get(shifted.id)).toMatchObject({ reason: "profile" });
    expect(own.some((e) => swaps.has(e.id))).toBe(false);
    // A shared homepage (a lab's page printed by two of its members) says nothing of the kind.
    const lab = [2023, 2024, 2024].map((year, i) =>
      ev({ person: "m", paper: `m${i}`, year, institution: "uni:ENSAE", profile: ["homepage:lab.org"] }),
    );
    const mX = ev({ person: "m", paper: "Y", year: 2024, institution: "co:EDF", institutionKind: "industry" });
    const peer = ev({ person: "peer", paper: "Y", year: 2024, profile: ["homepage:lab.org"] });
    expect(findSuspectedSwaps([...lab, mX, peer]).has(mX.id)).toBe(false);
  });

  it("sets aside a record carrying a coauthor's own dblp id when the person has no id of their own yet", () => {
    // Dima Damen's 2023 record carries Andrea Vedaldi's dblp id and Meta; her own ids are printed once.
    const coauthorOwn = [0, 1].map((i) =>
      ev({ person: "vedaldi", paper: `v${i}`, year: 2023, institution: "co:Meta", profile: ["dblp:99/2825"] }),
    );
    const onPaper = ev({ person: "vedaldi", paper: "X", year: 2023, institution: "co:Meta" });
    const older = [2019, 2020].map((year, i) =>
      ev({ person: "damen", paper: `d${i}`, year, institution: "uni:Bristol" }),
    );
    const own = ev({
      person: "damen",
      paper: "d2",
      year: 2022,
      institution: "uni:Bristol",
      position: "Full Professor",
      profile: ["dblp:95/3618"],
    });
    const foreign = ev({
      person: "damen",
      paper: "X",
      year: 2023,
      institution: "co:Meta",
      institutionKind: "industry",
      position: "Researcher",
      profile: ["dblp:99/2825"],
    });
    const swaps = findSuspectedSwaps([...coauthorOwn, onPaper, ...older, own, foreign]);
    expect(swaps.get(foreign.id)?.reason).toBe("profile");
    expect(swaps.has(own.id)).toBe(false);
    // At the person's usual place it moves nobody and is kept (some have no other title).
    const samePlace = { ...foreign, id: nextId++, institution: "uni:Bristol", institutionKind: "academic" as const };
    expect(findSuspectedSwaps([...coauthorOwn, onPaper, ...older, own, samePlace]).has(samePlace.id)).toBe(false);
    // A homepage can be a shared lab page: it alone says nothing.
    const labPage = { ...foreign, id: nextId++, profile: ["homepage:lab.example.org"] };
    const sharedPage = [0, 1].map((i) =>
      ev({ person: "vedaldi", paper: `w${i}`, year: 2023, profile: ["homepage:lab.example.org"] }),
    );
    expect(findSuspectedSwaps([...sharedPage, onPaper, ...older, own, labPage]).get(labPage.id)?.reason).not.toBe(
      "profile",
    );
  });
  it("with two records: one carrying a coauthor's ids, the other the person's own, sets the first aside", () => {
    // Hinrich Schütze: ICML 2025 prints Ryan Rossi's dblp id and Adobe for him; NeurIPS 2024 his own
    // dblp id and LMU Munich. Rossi prints his id on two other papers.
    const rossi = [0, 1].map((i) =>
      ev({ person: "rossi", paper: `r${i}`, year: 2024, institution: "co:Adobe", profile: ["dblp:17/5085"] }),
    );
    const lmu = ev({
      person: "schuetze",
      paper: "N24",
      year: 2024,
      institution: "uni:LMU",
      position: "Full Professor",
      profile: ["dblp:s/HinrichSchutze"],
    });
    const adobe = ev({
      person: "schuetze",
      paper: "I25",
      year: 2025,
      institution: "co:Adobe",
      institutionKind: "industry",
      position: "Senior Research Scientist",
      profile: ["dblp:17/5085"],
    });
    const rossiThere = ev({ person: "rossi", paper: "I25", year: 2025, institution: "co:Adobe" });
    const swaps = findSuspectedSwaps([...rossi, rossiThere, lmu, adobe]);
    expect(swaps.get(adobe.id)?.reason).toBe("profile");
    expect(swaps.has(lmu.id)).toBe(false);

    // Fields shifted: the coauthor's record on that paper carries the person's own id, where the
    // coauthor's other records print another one (Seunghyun Yoon, carrying Schütze's dblp id).
    const shifted = { ...adobe, id: nextId++, profile: ["dblp:unknown/1"] };
    const yoonThere = ev({ person: "yoon", paper: "I25", year: 2025, profile: ["dblp:s/HinrichSchutze"] });
    const yoonElsewhere = ev({ person: "yoon", paper: "y1", year: 2024, profile: ["dblp:68/3020-2"] });
    expect(findSuspectedSwaps([yoonThere, yoonElsewhere, lmu, shifted]).has(shifted.id)).toBe(true);
    // The coauthor prints that id elsewhere too: it is theirs on this paper, nothing shifted.
    const yoonOwns = ev({ person: "yoon", paper: "y2", year: 2024, profile: ["dblp:s/HinrichSchutze"] });
    expect(findSuspectedSwaps([yoonThere, yoonOwns, lmu, shifted]).size).toBe(0);

    // Each record showing the other to be a coauthor's: neither is set aside (no way to tell).
    const both = ev({ ...lmu, id: nextId++, paper: "r0" });
    expect(findSuspectedSwaps([...rossi, rossiThere, both, adobe]).has(adobe.id)).toBe(true);
    const studentOwns = [0, 1].map((i) =>
      ev({ person: "student", paper: `s${i}`, year: 2024, profile: ["dblp:s/HinrichSchutze"] }),
    );
    const studentThere = ev({ person: "student", paper: "N24", year: 2024 });
    const swapsBoth = findSuspectedSwaps([...rossi, rossiThere, ...studentOwns, studentThere, lmu, adobe]);
    expect(swapsBoth.has(adobe.id) || swapsBoth.has(lmu.id)).toBe(false);
    // A person with no id on their other record is left alone (Balcan's case).
    const bare = { ...lmu, id: nextId++, profile: [] };
    const swapsBare = findSuspectedSwaps([...rossi, rossiThere, bare, adobe]);
    expect(swapsBare.has(adobe.id) || swapsBare.has(bare.id)).toBe(false);
  });

  it("keeps a record printed with the person's own profile id, even at a new place (a move, not a swap)", () => {
    const own = [2023, 2023, 2024].map((year, i) =>
      ev({ person: "a", paper: `a${i}`, year, institution: "uni:Old", profile: ["homepage:a.org"] }),
    );
    const moved = ev({ person: "a", paper: "X", year: 2024, institution: "uni:New", profile: ["homepage:a.org"] });
    const colleague = ev({ person: "b", paper: "X", year: 2024, institution: "uni:New" });
    expect(findSuspectedSwaps([...own, moved, colleague]).has(moved.id)).toBe(false);
  });

  it("ties and single records are never set aside (one record against one is no consensus)", () => {
    const a1 = ev({ person: "a", paper: "a1", year: 2024, institution: "uni:One" });
    const a2 = ev({ person: "a", paper: "X", year: 2024, institution: "uni:Two" });
    const a3 = ev({ person: "a", paper: "a3", year: 2019, institution: "uni:Three" });
    const b = ev({ person: "b", paper: "X", year: 2024, institution: "uni:Two" });
    const solo = ev({ person: "s", paper: "X", year: 2024, institution: "uni:Three" });
    expect(findSuspectedSwaps([a1, a2, a3, b, solo]).size).toBe(0);
  });

  it("sets aside a position contradicting the period and matching a coauthor's (a professor printed as Postdoc)", () => {
    const own = [2024, 2024].map((year, i) =>
      ev({ person: "he", paper: `h${i}`, year, institution: "uni:ETH", position: "Full Professor" }),
    );
    const odd = ev({ person: "he", paper: "X", year: 2025, institution: "uni:ETH", position: "Postdoc" });
    const postdoc = ev({ person: "pd", paper: "X", year: 2025, institution: "uni:ETH", position: "Postdoc" });
    const swaps = findSuspectedSwaps([...own, odd, postdoc]);
    expect(swaps.get(odd.id)).toMatchObject({ reason: "position", conflicts: 2 });
    expect(currentSupervision([...own, odd].filter((e) => !swaps.has(e.id)))).toMatchObject({
      position: "Full Professor",
      year: 2024,
    });
  });
});

describe("currentSupervision", () => {
  it("reads a latest year of posts held alongside as no news of the main chair (Tongliang Liu)", () => {
    const affiliated = (paper: string, year: number) =>
      titled(paper, year, "Affiliated Associate Professor", "uni:MBZUAI");
    const sydney = [titled("s1", 2023, "Lecturer", "uni:Sydney"), titled("s2", 2023, "Lecturer", "uni:Sydney")];
    const records = [...sydney, affiliated("m1", 2024), affiliated("m2", 2024), affiliated("m3", 2025)];
    expect(currentSupervision(records)).toEqual({
      position: "Lecturer",
      year: 2023,
      institutions: ["uni:Sydney", "uni:Sydney"],
    });
    const anchor = currentSupervision(records)!;
    expect(currentPlaces(records, { anchor })).toEqual({
      institution: "uni:Sydney",
      alsoAt: "uni:MBZUAI",
      fromHomepage: false,
    });
    // One record of a chair is no chair; three years back is too far: the posts held alongside stay.
    expect(currentSupervision([sydney[0], affiliated("m1", 2024), affiliated("m3", 2025)])?.institutions).toEqual([
      "uni:MBZUAI",
    ]);
    const old = sydney.map((r) => ({ ...r, year: 2021 }));
    expect(currentSupervision([...old, affiliated("m1", 2024), affiliated("m3", 2025)])?.position).toBe(
      "Affiliated Associate Professor",
    );
    // Chair records carrying only a coauthor's ids are not the person's.
    const own = (r: Evidence) => ({ ...r, profile: ["dblp:own"] });
    const theirs = sydney.map((r) => ({ ...r, profile: ["dblp:coauthor"] }));
    expect(
      currentSupervision([
        ...theirs,
        own(affiliated("m1", 2024)),
        own(affiliated("m2", 2024)),
        own(affiliated("m3", 2025)),
      ])?.position,
    ).toBe("Affiliated Associate Professor");
  });

  it("a single record decides alone", () => {
    expect(
      currentSupervision([ev({ person: "a", paper: "p", year: 2022, position: "Lecturer", institution: "uni:X" })]),
    ).toEqual({
      position: "Lecturer",
      year: 2022,
      institutions: ["uni:X"],
    });
  });
  it("titles held alongside a chair decide nothing (an Amazon Scholar keeps their professorship)", () => {
    const r = currentSupervision([
      ev({ person: "a", paper: "p", year: 2023, position: "Associate Professor", institution: "uni:EPFL" }),
      ev({ person: "a", paper: "q", year: 2025, position: "Amazon Scholar", institution: "co:Amazon" }),
    ]);
    expect(r).toMatchObject({ position: "Associate Professor", year: 2023, institutions: ["uni:EPFL"] });
  });
  it("a permanent researcher at a public research organisation supervises; the same title at a company does not", () => {
    expect(
      currentSupervision([
        ev({
          person: "a",
          paper: "p",
          year: 2024,
          position: "Researcher",
          institution: "ror:cnrs",
          researchOrganisation: true,
        }),
      ]),
    ).not.toBeNull();
    expect(
      currentSupervision([
        ev({
          person: "a",
          paper: "p",
          year: 2024,
          position: "Researcher",
          institution: "co:Google",
          institutionKind: "industry",
        }),
      ]),
    ).toBeNull();
  });
  it("a chair held alongside yields to a main one the same year (Yonatan Bisk: CMU, and Visiting Professor at Meta)", () => {
    const r = currentSupervision([
      ev({ person: "a", paper: "p", year: 2023, position: "Assistant Professor", institution: "uni:CMU" }),
      ev({
        person: "a",
        paper: "q",
        year: 2023,
        position: "Visiting Professor",
        institution: "co:Meta",
        institutionKind: "industry",
      }),
    ]);
    expect(r).toEqual({ position: "Assistant Professor", year: 2023, institutions: ["uni:CMU"] });
    // Alone, a visiting chair still says the person supervises.
    expect(
      currentSupervision([
        ev({ person: "a", paper: "q", year: 2023, position: "Visiting Professor", institution: "uni:X" }),
      ]),
    ).toMatchObject({ position: "Visiting Professor" });
  });
  it("at Mila or Vector only professors supervise: 'Researcher' there is mostly what students print", () => {
    const at = (over: Partial<Evidence>) =>
      ev({
        person: "a",
        paper: "p",
        year: 2024,
        position: "Researcher",
        institution: "ror:mila",
        researchOrganisation: true,
        ...over,
      });
    expect(currentSupervision([at({ researchersSupervise: false })])).toBeNull();
    expect(currentSupervision([at({ researchersSupervise: false, position: "Associate Professor" })])).not.toBeNull();
    expect(currentSupervision([at({})])).not.toBeNull();
  });
  it("a later industry title ends a professorship", () => {
    expect(
      currentSupervision([
        ev({ person: "a", paper: "p", year: 2021, position: "Full Professor" }),
        ev({ person: "a", paper: "q", year: 2024, position: "Research Scientist" }),
      ]),
    ).toBeNull();
  });
  it("a company post right after a professorship printed twice keeps the chair (Edoardo Ponti: Edinburgh, then NVIDIA)", () => {
    const chair = (paper: string, year: number) =>
      ev({ person: "a", paper, year, position: "Assistant Professor", institution: "uni:Edinburgh" });
    const nvidia = (paper: string) =>
      ev({
        person: "a",
        paper,
        year: 2024,
        position: "Researcher",
        institution: "co:NVIDIA",
        institutionKind: "industry",
      });
    const records = [chair("p", 2022), chair("q", 2023), nvidia("r"), nvidia("s")];
    const current = currentSupervision(records);
    expect(current).toEqual({ position: "Assistant Professor", year: 2023, institutions: ["uni:Edinburgh"] });
    expect(currentPlaces(records, { anchor: current })).toMatchObject({
      institution: "uni:Edinburgh",
      alsoAt: "co:NVIDIA",
    });
    // One chair record is enough when it carries the person's own id (printed on two records).
    const id = { profile: ["dblp:178/8829"] };
    const withId = [
      { ...chair("p2", 2023), ...id },
      { ...nvidia("r2"), ...id },
      { ...nvidia("s2"), ...id },
    ];
    expect(currentSupervision(withId)).toMatchObject({ position: "Assistant Professor", year: 2023 });
    expect(currentSupervision([chair("p3", 2023), { ...nvidia("r3"), ...id }, { ...nvidia("s3"), ...id }])).toBeNull();
    // Chair records printed with somebody else's ids (a coauthor's, swapped in) are no chair.
    const theirs = { profile: ["dblp:68/1628"] };
    expect(
      currentSupervision([{ ...chair("p4", 2022), ...theirs }, { ...chair("q4", 2023), ...theirs }, nvidia("r4")]),
    ).toMatchObject({ position: "Assistant Professor" }); // printed twice: the coauthor's id counts as theirs
    expect(
      currentSupervision([
        { ...chair("p5", 2022), ...theirs },
        { ...chair("q5", 2023), profile: ["dblp:01/0001"] },
        { ...nvidia("r5"), ...id },
        { ...nvidia("s5"), ...id },
      ]),
    ).toBeNull();
  });
  it("but not after one stray chair record, a gap of more than two years, or beside a trainee's or a university's title", () => {
    const chair = (paper: string, year: number) => titled(paper, year, "Full Professor", "uni:Oxford");
    const cases: [string, Evidence[]][] = [
      ["one record of the chair", [chair("p", 2023)]],
      ["the chair three years before", [chair("p", 2020), chair("q", 2021)]],
      [
        "a trainee's title in the chair's year",
        [chair("p", 2023), chair("q", 2023), titled("s", 2023, "PhD student", "uni:Oxford")],
      ],
      [
        "a university in the latest year too",
        [chair("p", 2022), chair("q", 2023), titled("t", 2024, "Research Scientist", "uni:Oxford")],
      ],
    ];
    for (const [why, records] of cases)
      expect(currentSupervision([...records, titled("z", 2024, "Researcher", "co:NVIDIA")]), why).toBeNull();
  });
  it("looks past company-only years to the chair, still at most two years before the latest (Alexei Efros)", () => {
    const chair = [titled("p", 2022, "Professor", "uni:Berkeley"), titled("q", 2022, "Professor", "uni:Berkeley")];
    const google = (year: number) => titled(`g${year}`, year, "Researcher", "co:Google");
    expect(currentSupervision([...chair, google(2023), google(2024)])).toEqual({
      position: "Professor",
      year: 2022,
      institutions: ["uni:Berkeley", "uni:Berkeley"],
    });
    expect(currentSupervision([...chair, google(2023), google(2024), google(2025)])).toBeNull();
  });
});

describe("currentPlaces: the institution", () => {
  const at = (institution: string, year: number, kind: Evidence["institutionKind"] = "academic") =>
    ev({ person: "a", paper: `p${nextId}`, year, institution, institutionKind: kind });

  it("reads an organisation printed by its generic name as the one unit named in the same period", () => {
    const mpg = (year: number) => ev({ ...at("ror:mpg", year, "institute"), researchOrganisation: true });
    const unit = (key: string, year: number) =>
      ev({ ...at(key, year, "institute"), researchOrganisation: true, unitOf: "ror:mpg" });
    const anchor = { year: 2023, institutions: ["ror:mpg"] };
    // Dayan: the institute in 2020, "Max-Planck Institute" (mpg.de) from 2021.
    expect(currentPlaces([unit("ror:kyb", 2020), mpg(2021), mpg(2023)], { anchor }).institution).toBe("ror:kyb");
    // A unit named only years before (a PhD there): the organisation stays.
    expect(currentPlaces([unit("ror:crest", 2019), mpg(2023)], { anchor }).institution).toBe("ror:mpg");
    // Two units in the period: which one is unknown.
    expect(currentPlaces([unit("ror:kyb", 2022), unit("ror:is", 2022), mpg(2023)], { anchor }).institution).toBe(
      "ror:mpg",
    );
    // Another organisation's unit says nothing about this one.
    expect(currentPlaces([ev({ ...unit("ror:x", 2022), unitOf: "ror:cnrs" }), mpg(2023)], { anchor }).institution).toBe(
      "ror:mpg",
    );
  });
  it("an approved correction outranks every imported record", () => {
    expect(
      currentPlaces([at("uni:A", 2024), at("uni:A", 2025)], {
        approved: "uni:B",
        anchor: { year: 2025, institutions: ["uni:A"] },
      }).institution,
    ).toBe("uni:B");
  });
  it("keeps the place of the supervising title when later records are at a company", () => {
    expect(
      currentPlaces([at("uni:EPFL", 2023), at("co:Amazon", 2024, "industry"), at("co:Amazon", 2025, "industry")], {
        anchor: { year: 2023, institutions: ["uni:EPFL"] },
      }).institution,
    ).toBe("uni:EPFL");
  });
  it("follows a move: every later record elsewhere, two at one university", () => {
    expect(
      currentPlaces([at("uni:Old", 2022), at("uni:New", 2024), at("uni:New", 2025)], {
        anchor: { year: 2022, institutions: ["uni:Old"] },
      }).institution,
    ).toBe("uni:New");
  });
  it("ties go to the place more of their records name, then alphabetically", () => {
    expect(
      currentPlaces([at("uni:B", 2024), at("uni:B", 2020)], {
        anchor: { year: 2024, institutions: ["uni:A", "uni:B"] },
      }).institution,
    ).toBe("uni:B");
    expect(currentPlaces([], { anchor: { year: 2024, institutions: ["uni:B", "uni:A"] } }).institution).toBeNull();
  });
  it("ties between a university and a company go to the university (a professor's title printed with both)", () => {
    const records = [at("co:Meta", 2023, "industry"), at("co:Meta", 2022, "industry"), at("uni:CMU", 2023)];
    expect(currentPlaces(records, { anchor: { year: 2023, institutions: ["co:Meta", "uni:CMU"] } }).institution).toBe(
      "uni:CMU",
    );
  });
  it("without a title: the recent majority, a university first when it has two records (a professor with a company appointment)", () => {
    const records = [
      at("co:Google", 2024, "industry"),
      at("co:Google", 2024, "industry"),
      at("co:Google", 2023, "industry"),
      at("uni:Alberta", 2024),
      at("uni:Alberta", 2022),
    ];
    expect(currentPlaces(records).institution).toBe("uni:Alberta");
    expect(currentPlaces(records.slice(0, 4)).institution).toBe("co:Google");
  });
  it("a company without a country goes to the branch the person's own records name", () => {
    expect(
      currentPlaces([
        at("co:Google", 2024, "industry"),
        at("co:Google", 2024, "industry"),
        at("co:Google:CH", 2021, "industry"),
      ]).institution,
    ).toBe("co:Google:CH");
  });
});

describe("currentPlaces", () => {
  const rec = (
    institution: string,
    year: number,
    position: string | null = null,
    kind: Evidence["institutionKind"] = "academic",
    researchOrganisation = false,
  ) =>
    ev({ person: "a", paper: `p${nextId}`, year, institution, institutionKind: kind, position, researchOrganisation });

  it("a visiting title places nobody while other records do (a professor visiting a company lab)", () => {
    const records = [
      ...[2023, 2023, 2024, 2025].map((y) => rec("co:Meta", y, "Visiting Scientist", "industry")),
      rec("uni:Stanford", 2023),
    ];
    expect(currentPlaces(records)).toMatchObject({ institution: "uni:Stanford", alsoAt: "co:Meta" });
    // With nothing else printed, the visiting records still say where the person was seen.
    expect(currentPlaces(records.slice(0, 4)).institution).toBe("co:Meta");
  });
  it("a recent professorship beats an industry title: the university, the company beside it", () => {
    const records = [
      rec("uni:Toronto", 2023, "Associate Professor"),
      rec("uni:Toronto", 2024),
      rec("co:Google", 2024, "Research Scientist", "industry"),
    ];
    expect(currentPlaces(records, { anchor: { year: 2024, institutions: ["co:Google"] } })).toMatchObject({
      institution: "uni:Toronto",
      alsoAt: "co:Google",
    });
  });
  it("a professor's chair at an institute that hires no one itself goes to their university", () => {
    const records = [
      rec("uni:UCL", 2023, "Full Professor"),
      rec("uni:UCL", 2024),
      rec("ror:Turing", 2024, "Full Professor", "institute"),
    ];
    expect(currentPlaces(records, { anchor: { year: 2024, institutions: ["ror:Turing"] } })).toMatchObject({
      institution: "uni:UCL",
      alsoAt: "ror:Turing",
    });
  });
  it("a professor's title printed with an institute goes to their university (Faculty Member, Vector Institute)", () => {
    const records = [
      rec("uni:Toronto", 2022, "Assistant Professor"),
      rec("uni:Toronto", 2022, "Assistant Professor"),
      rec("ror:Vector", 2024, "Faculty Member", "institute", true),
      rec("ror:Vector", 2024, "Faculty Member", "institute", true),
    ];
    const anchor = { year: 2024, institutions: ["ror:Vector", "ror:Vector"], position: "Faculty Member" };
    expect(currentPlaces(records, { anchor })).toMatchObject({ institution: "uni:Toronto", alsoAt: "ror:Vector" });
    // A researcher's title there keeps them there.
    expect(currentPlaces(records, { anchor: { ...anchor, position: "Research Scientist" } }).institution).toBe(
      "ror:Vector",
    );
  });
  it("a public research organisation hires its researchers: CNRS stays", () => {
    const records = [rec("ror:CNRS", 2024, "Researcher", "institute", true), rec("uni:ENS", 2023, "Professor")];
    expect(currentPlaces(records, { anchor: { year: 2024, institutions: ["ror:CNRS"] } }).institution).toBe("ror:CNRS");
  });
  it("one stray professorship record (maybe a coauthor's) moves nobody off a company", () => {
    const records = [
      rec("co:Kumo", 2024, "Chief Scientist", "industry"),
      rec("co:Kumo", 2025, "Chief Scientist", "industry"),
      rec("uni:Purdue", 2025, "Associate Professor"),
    ];
    expect(currentPlaces(records, { anchor: { year: 2025, institutions: ["co:Kumo", "co:Kumo"] } })).toMatchObject({
      institution: "co:Kumo",
      alsoAt: null,
    });
  });
  it("a university pick shows the company printed twice in the last two years beside it; once is not enough", () => {
    const base = [rec("uni:EPFL", 2024, "Professor"), rec("uni:EPFL", 2025, "Professor")];
    const anchor = { year: 2025, institutions: ["uni:EPFL"] };
    expect(
      currentPlaces([...base, rec("co:Amazon", 2025, "Amazon Scholar", "industry")], { anchor }).alsoAt,
    ).toBeNull();
    expect(
      currentPlaces(
        [
          ...base,
          rec("co:Amazon", 2024, "Amazon Scholar", "industry"),
          rec("co:Amazon", 2025, "Amazon Scholar", "industry"),
        ],
        { anchor },
      ),
    ).toMatchObject({ institution: "uni:EPFL", alsoAt: "co:Amazon" });
  });
  it("an approved correction leaves nothing beside it", () => {
    expect(currentPlaces([rec("co:Google", 2024, null, "industry")], { approved: "uni:X" })).toMatchObject({
      institution: "uni:X",
      alsoAt: null,
    });
  });
});

describe("branchFromCoworkers", () => {
  it("takes the branch coworkers print on at least two papers and on most papers that show one", () => {
    expect(
      branchFromCoworkers([["co:Microsoft:CN"], ["co:Microsoft:CN", "co:Microsoft:CN"], [], ["co:Microsoft:US"]]),
    ).toBe("co:Microsoft:CN");
  });
  it("one paper is enough only when it is the only paper showing a branch and shows no other", () => {
    expect(branchFromCoworkers([["co:Microsoft:CN"], [], []])).toBe("co:Microsoft:CN");
    expect(branchFromCoworkers([["co:Microsoft:CN", "co:Microsoft:US"], []])).toBeNull();
    expect(branchFromCoworkers([["co:Microsoft:CN"], ["co:Microsoft:US"]])).toBeNull();
  });
  it("a split leaves the company without a country", () => {
    expect(branchFromCoworkers([["co:Amazon:DE"], ["co:Amazon:DE"], ["co:Amazon:US"], ["co:Amazon:US"]])).toBeNull();
    expect(branchFromCoworkers([])).toBeNull();
  });
});

describe("hasLongTenure", () => {
  const at = (institution: string, years: number[], over: Partial<Evidence> = {}) =>
    years.map((year) => ev({ person: "a", paper: `p${nextId}`, year, institution, ...over }));
  it("one university printed in six years or more over ten or more, the last recent (Balcan at Carnegie Mellon)", () => {
    expect(hasLongTenure(at("uni:CMU", [2004, 2014, 2015, 2016, 2017, 2018, 2019, 2022, 2024]))).toBe(true);
    expect(LONG_TENURE).toEqual({ years: 6, span: 10, recent: 3 });
  });
  it("a PhD and a postdoc at one place, too few years, or a place left long ago are not", () => {
    expect(hasLongTenure(at("uni:MIT", [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]))).toBe(false); // span 7
    expect(hasLongTenure(at("uni:MIT", [2010, 2012, 2015, 2018, 2021]))).toBe(false); // five years
    expect(
      hasLongTenure([
        ...at("uni:MIT", [2005, 2006, 2008, 2010, 2012, 2015]),
        ...at("co:Google", [2020, 2023, 2024], { institutionKind: "industry" }),
      ]),
    ).toBe(false); // left in 2015
  });
  it("a company's years never count; a research organisation's do, unless only partner professors supervise there", () => {
    const years = [2012, 2014, 2016, 2018, 2020, 2022];
    expect(hasLongTenure(at("co:IBM", years, { institutionKind: "industry" }))).toBe(false);
    expect(hasLongTenure(at("ror:cnrs", years, { institutionKind: "institute", researchOrganisation: true }))).toBe(
      true,
    );
    expect(
      hasLongTenure(
        at("ror:mila", years, {
          institutionKind: "institute",
          researchOrganisation: true,
          researchersSupervise: false,
        }),
      ),
    ).toBe(false);
  });
});

describe("hasSupervisorPattern", () => {
  const papers = (n: number, years: number[], coauthorsEach: number) =>
    Array.from({ length: n }, (_, i) => ({
      paper: `p${i}`,
      year: years[i % years.length],
      coauthors: Array.from({ length: coauthorsEach }, (_, j) => `c${i}-${j}`),
    }));
  it("needs enough last-authored papers, years and coauthors", () => {
    const { lastAuthorPapers, years, coauthors } = INFERENCE_THRESHOLDS;
    const yearsList = Array.from({ length: years }, (_, i) => 2015 + i);
    expect(hasSupervisorPattern(papers(lastAuthorPapers, yearsList, Math.ceil(coauthors / lastAuthorPapers)))).toBe(
      true,
    );
    expect(hasSupervisorPattern(papers(lastAuthorPapers - 1, yearsList, coauthors))).toBe(false);
    expect(hasSupervisorPattern(papers(lastAuthorPapers, yearsList.slice(0, years - 1), coauthors))).toBe(false);
    // The same coauthor every time: a pair of collaborators, not a group.
    expect(
      hasSupervisorPattern(papers(lastAuthorPapers, yearsList, 1).map((p) => ({ ...p, coauthors: ["same"] }))),
    ).toBe(false);
  });
  it("a long career asks for fewer: 4 last-authored papers in 2 years with 6 coauthors over 12 years of papers", () => {
    // Iain Murray: a handful of last-authored papers here, 2005-2021.
    const few = papers(4, [2019, 2021], 2);
    expect(hasSupervisorPattern(few)).toBe(false);
    expect(hasLongCareerPattern(few, { first: 2005, latest: 2021 })).toBe(true);
    // A PhD and a postdoc span less: the same papers over eleven years say nothing.
    expect(hasLongCareerPattern(few, { first: 2010, latest: 2021 })).toBe(false);
    expect(hasLongCareerPattern(papers(3, [2019, 2021], 2), { first: 2005, latest: 2021 })).toBe(false);
    expect(hasLongCareerPattern(papers(4, [2021], 2), { first: 2005, latest: 2021 })).toBe(false);
    expect(hasLongCareerPattern(papers(4, [2019, 2021], 1), { first: 2005, latest: 2021 })).toBe(false);
    expect(LONG_CAREER.span).toBeGreaterThanOrEqual(12);
  });
});

describe("isAlphabeticalList", () => {
  it("reads surnames, accents folded, and needs three authors or more", () => {
    expect(isAlphabeticalList(["Ilias Diakonikolas", "Daniel M. Kane", "Thanasis Pittas", "Nikos Zarifis"])).toBe(true);
    expect(isAlphabeticalList(["Élodie Arnaud", "Gaël Varoquaux", "Hal Daumé III"])).toBe(false); // "iii" < "varoquaux"
    expect(isAlphabeticalList(["Andrés Álvarez", "Chloé Émond", "Zoë Zürcher"])).toBe(true);
    expect(isAlphabeticalList(["Jane Doe", "John Smith"])).toBe(false); // two: in that order half the time by chance
    expect(isAlphabeticalList(["Yoshua Bengio", "Aaron Courville", "Ian Goodfellow"].reverse())).toBe(false);
  });
});

describe("supervisorDespiteTraineeTitle", () => {
  const papers = (n: number, alphabetical: boolean) =>
    Array.from({ length: n }, (_, i) => ({
      paper: `p${i}`,
      year: 2019 + (i % 5),
      coauthors: [`s${i}`, `t${i}`],
      alphabetical,
    }));
  it("a 'Postdoc' last author of many papers with many students is a supervisor", () => {
    expect(supervisorDespiteTraineeTitle(papers(INFERENCE_THRESHOLDS.lastAuthorPapers, false))).toBe(true);
  });
  it("a theory student last by the alphabet is not", () => {
    const alphabetical = papers(3 * INFERENCE_THRESHOLDS.lastAuthorPapers, true);
    expect(hasSupervisorPattern(alphabetical)).toBe(true);
    expect(supervisorDespiteTraineeTitle(alphabetical)).toBe(false);
    // a few lists in another order are not enough either
    expect(supervisorDespiteTraineeTitle([...alphabetical, ...papers(2, false)])).toBe(false);
  });
});

describe("branchFromSamePeriod", () => {
  it("a professor at NTU who prints Huawei the same year is at Huawei's Singapore branch", () => {
    expect(branchFromSamePeriod([2025], [{ year: 2025, country: "SG" }])).toBe("SG");
    // one year either side is the same period
    expect(branchFromSamePeriod([2022, 2023], [{ year: 2024, country: "CN" }])).toBe("CN");
  });
  it("records in two countries, or none in the period, say nothing", () => {
    expect(
      branchFromSamePeriod(
        [2023],
        [
          { year: 2023, country: "US" },
          { year: 2022, country: "CH" },
        ],
      ),
    ).toBeNull();
    // a PhD in the US years before joining the company is no evidence of the branch
    expect(branchFromSamePeriod([2023], [{ year: 2018, country: "US" }])).toBeNull();
    expect(branchFromSamePeriod([2023], [])).toBeNull();
  });
});

describe("currentPlaces with a university homepage", () => {
  const rec = (institution: string, year: number, kind: Evidence["institutionKind"], position: string | null = null) =>
    ev({ person: "h", paper: `h${nextId}`, year, institution, institutionKind: kind, position });
  it("a supervisor whose records print only a company, with a homepage on a university's site, holds a post there", () => {
    const records = [2022, 2023, 2023].map((y) => rec("co:Google", y, "industry", "Researcher"));
    const toronto = { homepage: "uni:University of Toronto", homepageCoauthors: 2 };
    expect(currentPlaces(records, toronto)).toEqual({
      institution: "uni:University of Toronto",
      alsoAt: "co:Google",
      fromHomepage: true,
    });
    // without the homepage the company stays
    expect(currentPlaces(records)).toMatchObject({ institution: "co:Google", fromHomepage: false });
    // a professorship their records print is the chair, whatever the homepage says
    const printed = [...records, rec("uni:McGill University", 2022, "academic", "Associate Professor")];
    printed.push(rec("uni:McGill University", 2023, "academic", "Associate Professor"));
    expect(currentPlaces(printed, toronto)).toMatchObject({
      institution: "uni:McGill University",
      fromHomepage: false,
    });
  });
  it("a homepage that no coauthor of their last years prints is one kept from a PhD or postdoc", () => {
    // Zhenguo Li: Huawei Noah's Ark Lab on every record, ee.columbia.edu/~zgli (his postdoc) as homepage.
    const records = [2023, 2024, 2025].map((y) => rec("co:Huawei", y, "industry", "Principal Researcher"));
    const columbia = (homepageCoauthors: number) => ({ homepage: "uni:Columbia University", homepageCoauthors });
    expect(currentPlaces(records, columbia(0)).institution).toBe("co:Huawei");
    expect(currentPlaces(records, columbia(HOMEPAGE_SUPPORT.coauthors - 1)).institution).toBe("co:Huawei");
    expect(currentPlaces(records, columbia(HOMEPAGE_SUPPORT.coauthors)).institution).toBe("uni:Columbia University");
    // a title held alongside at the company ("Visiting Faculty Researcher") needs no students there
    const visiting = [2023, 2024].map((y) => rec("co:Google", y, "industry", "Visiting Faculty Researcher"));
    const anchor = { year: 2024, institutions: ["co:Google"], position: "Visiting Faculty Researcher" };
    expect(currentPlaces(visiting, { anchor, homepage: "uni:UMass", homepageCoauthors: 0 }).institution).toBe(
      "uni:UMass",
    );
    // an institute that does not hire (a CAS institute's lab) yields to the university without them
    const institute = [2024, 2025].map((y) => rec("ror:sklpr", y, "institute", "Full Professor"));
    expect(currentPlaces(institute, { homepage: "uni:UCAS", homepageCoauthors: 0 }).institution).toBe("uni:UCAS");
  });
  it("a place of their own that no list knows (a start-up's domain) yields to the homepage's university too", () => {
    const records = [2023, 2024, 2025].map((y) => rec("dom:kumo.ai", y, "other", "Chief Scientist"));
    const stanford = (homepageCoauthors: number) => ({ homepage: "uni:Stanford University", homepageCoauthors });
    expect(currentPlaces(records, stanford(34)).institution).toBe("uni:Stanford University");
    expect(currentPlaces(records, stanford(0)).institution).toBe("dom:kumo.ai");
  });
  it("never overrides a university or a research organisation the records print", () => {
    const records = [2023, 2024].map((y) => rec("uni:ETH Zurich", y, "academic", "Full Professor"));
    expect(currentPlaces(records, { homepage: "uni:Stanford University" }).institution).toBe("uni:ETH Zurich");
  });
});

describe("consensusProfile", () => {
  it("keeps the fallback (the latest record's) when no value is printed twice", () => {
    expect(consensusProfile([])).toBeNull();
    expect(consensusProfile([{ year: 2024, value: "a.edu/~me" }], "a.edu/~me")).toBe("a.edu/~me");
    // One stray homepage (a coauthor's, printed with this name once) does not fill an empty field.
    expect(consensusProfile([{ year: 2025, value: "coauthor.github.io" }], null)).toBeNull();
  });

  it("ignores a latest record that carries a coauthor's homepage", () => {
    const own = "thinklab.sjtu.edu.cn";
    const stray = "web.math.princeton.edu/~weinan";
    expect(
      consensusProfile(
        [
          { year: 2024, value: own },
          { year: 2025, value: own },
          { year: 2025, value: stray },
        ],
        stray,
      ),
    ).toBe(own);
  });

  it("follows a real change once the new value is printed more in the last two years", () => {
    const old = "old.edu/~me";
    const moved = "new.edu/~me";
    const records = [
      ...[2018, 2019, 2020, 2021, 2022].map((year) => ({ year, value: old })),
      { year: 2024, value: moved },
      { year: 2025, value: moved },
      { year: 2024, value: old },
    ];
    expect(consensusProfile(records, moved)).toBe(moved);
  });

  it("knows a form's example value is no one's homepage", () => {
    expect(isPlaceholderLink("http://example.com")).toBe(true);
    expect(isPlaceholderLink("https://www.example.org/")).toBe(true);
    expect(isPlaceholderLink("https://example.company.com")).toBe(false);
    expect(isPlaceholderLink("http://www.zicokolter.com")).toBe(false);
  });

  it("takes the latest value on a tie", () => {
    const records = [
      { year: 2024, value: "b" },
      { year: 2024, value: "b" },
      { year: 2025, value: "a" },
      { year: 2025, value: "a" },
    ];
    expect(consensusProfile(records, null)).toBe("a");
  });
});

describe("placeFromCoauthors (rule 5: a supervisor whose own records print no place)", () => {
  const at = (person: string, institution: string, kind: Evidence["institutionKind"] = "academic") => ({
    person,
    institution,
    institutionKind: kind,
    researchOrganisation: false,
  });
  it("the university most coauthors of their recent last-authored papers print", () => {
    const papers = [
      { year: 2024, places: [at("s1", "uni:Stanford"), at("s2", "uni:Stanford")] },
      { year: 2024, places: [at("s3", "uni:Stanford"), at("v", "uni:Rice")] },
      { year: 2023, places: [at("s1", "uni:Stanford")] },
      { year: 2023, places: [at("x", "uni:Buffalo")] },
      { year: 2022, places: [] },
    ];
    expect(placeFromCoauthors(papers)).toBe("uni:Stanford");
    // two papers are not enough; nor is one coauthor on three papers
    expect(placeFromCoauthors(papers.slice(0, 2))).toBeNull();
    const one = [2024, 2023, 2022].map((year) => ({ year, places: [at("s1", "uni:Stanford")] }));
    expect(placeFromCoauthors(one)).toBeNull();
  });
  it("an intern's papers at a company print many universities: none wins; companies never count", () => {
    const papers = ["uni:A", "uni:B", "uni:C", "uni:D"].map((u, i) => ({
      year: 2024,
      places: [at(`i${i}`, u), at(`c${i}`, "co:Meta", "industry")],
    }));
    expect(placeFromCoauthors(papers)).toBeNull();
  });
  it("needs more than half of the recent papers, and only the last three years with places count", () => {
    const split = [
      ...[1, 2, 3].map((i) => ({ year: 2024, places: [at(`a${i}`, "uni:A")] })),
      ...[1, 2, 3].map((i) => ({ year: 2024, places: [at(`b${i}`, "uni:B")] })),
    ];
    expect(placeFromCoauthors(split)).toBeNull();
    const old = [2015, 2016, 2017].map((year, i) => ({ year, places: [at(`o${i}`, "uni:Old")] }));
    const recent = [2022, 2023, 2024].map((year, i) => ({ year, places: [at(`n${i}`, "uni:New")] }));
    expect(placeFromCoauthors([...old, ...recent])).toBe("uni:New");
  });
});

describe("staleSince (rule 5 for a supervisor whose own records stopped printing a place)", () => {
  const own = (year: number, institution: string | null) => ({ year, institution });
  const paper = (year: number, placed = true) => ({
    year,
    places: placed
      ? [{ person: "s", institution: "uni:MIT", institutionKind: "academic" as const, researchOrganisation: false }]
      : [],
  });
  it("the year of their last printed place, when a paper with placed coauthors is three or more years later", () => {
    // Kaiming He: "Facebook AI Research" printed in 2018, papers with MIT students' records in 2024-2025.
    expect(
      staleSince([own(2015, "co:Microsoft"), own(2018, "co:Meta"), own(2024, null)], [paper(2024), paper(2025)]),
    ).toBe(2018);
    expect(staleSince([own(2022, "uni:Toronto")], [paper(2025)])).toBe(2022);
  });
  it("null while their records are current, when later papers print no coauthor's place, or when none of theirs prints one", () => {
    expect(staleSince([own(2023, "uni:Toronto")], [paper(2025)])).toBeNull();
    expect(staleSince([own(2018, "co:Meta")], [paper(2025, false), paper(2019)])).toBeNull();
    expect(staleSince([own(2018, null)], [paper(2025)])).toBeNull();
  });
});

describe("branchFromCoauthorCountries", () => {
  it("names the country the coauthors are printed in on at least two papers and three quarters of them", () => {
    expect(branchFromCoauthorCountries([["CN", "CN"], ["CN"], ["CN", "US"], []])).toBe("CN");
    // A paper counts once, however many of its authors print the country.
    expect(branchFromCoauthorCountries([["GB", "GB", "GB"], ["US"]])).toBeNull();
  });
  it("one paper, a split, or a tie names none", () => {
    expect(branchFromCoauthorCountries([["FR"]])).toBeNull();
    expect(branchFromCoauthorCountries([["FR"], ["FR"], ["US"], ["US"]])).toBeNull();
    expect(branchFromCoauthorCountries([["FR"], ["FR"], ["US"]])).toBeNull();
    expect(
      branchFromCoauthorCountries([
        ["FR", "US"],
        ["FR", "US"],
      ]),
    ).toBeNull();
    expect(branchFromCoauthorCountries([])).toBeNull();
  });
});

describe("countryOfUnlistedOrganisation", () => {
  const person = (years: number[], others: [number, string][]) => ({
    years,
    others: others.map(([year, country]) => ({ year, country })),
  });
  it("the one country where the people who print it are placed the same year", () => {
    // A professor at UCL who prints the startup in 2023, a colleague placed in London too.
    expect(countryOfUnlistedOrganisation([person([2023], [[2023, "GB"]]), person([2024], [[2024, "GB"]])], [])).toBe(
      "GB",
    );
    // People with no other place that year say nothing; the others decide.
    expect(countryOfUnlistedOrganisation([person([2023], []), person([2023], [[2023, "FR"]])], [])).toBe("FR");
  });
  it("a move is not a second place: a record of the year before does not count", () => {
    expect(countryOfUnlistedOrganisation([person([2024], [[2023, "JP"]])], [])).toBeNull();
  });
  it("people placed in two countries, or one person in two, fall back on the coauthors' countries", () => {
    const coauthors = [["US"], ["US", "DE"], ["US"]];
    const twoPlaces = person(
      [2023],
      [
        [2023, "GB"],
        [2023, "CN"],
      ],
    );
    expect(
      countryOfUnlistedOrganisation([person([2023], [[2023, "GB"]]), person([2023], [[2023, "CN"]])], coauthors),
    ).toBe("US");
    expect(countryOfUnlistedOrganisation([twoPlaces], coauthors)).toBe("US");
    expect(countryOfUnlistedOrganisation([twoPlaces], [["US"]])).toBeNull();
  });
  it("with no one placed: the coauthors' countries, by branchFromCoauthorCountries' thresholds", () => {
    expect(countryOfUnlistedOrganisation([person([2023], [])], [["US"], ["US"], ["US", "CA"]])).toBe("US");
    expect(countryOfUnlistedOrganisation([person([2023], [])], [["US"], ["CA"]])).toBeNull();
    expect(countryOfUnlistedOrganisation([], [])).toBeNull();
  });
});
