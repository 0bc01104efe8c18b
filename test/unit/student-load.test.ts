import { describe, expect, it } from "vitest";
import { filtersToSearch, parseAdvisorFilters } from "~/lib/directory/advisor-filters";
import { isPhdStudentPosition, isPostdocPosition } from "~/lib/import/positions";
import {
  type AuthorshipFact,
  computeStudentLoad,
  lastAuthorCount,
  latestFullYear,
  notOverrunCut,
  percentile,
  positionedVenueYears,
  studentLoadYear,
} from "~/lib/import/student-load";

const ADVISOR = 1;
let nextPaper = 100;

/** A paper: authors in order as [personId, title]; the venue-year is positioned unless said otherwise. */
function paper(
  year: number,
  authors: [number, string | null][],
  { venueId = "icml", isConference = true, identified = true } = {},
): AuthorshipFact[] {
  const paperId = nextPaper++;
  return authors.map(([personId, title], i) => ({
    paperId,
    venueId,
    year,
    isConference,
    authorCount: authors.length,
    position: i + 1,
    personId,
    identified,
    title,
  }));
}

const positioned = new Set(["icml:2023", "icml:2024", "icml:2025", "neurips:2023", "neurips:2024"]);
const prof = "Full Professor";

describe("position classifiers", () => {
  it.each([
    "PhD student",
    "PhD Student",
    "Ph.D. student",
    "Ph.D student",
    "Doctoral student",
    "Doctoral Researcher",
    "PhD Candidate",
    "Integrated MS/PhD",
    "Visiting PhD student",
    "Researcher+PhD student",
  ])("%s is a PhD student", (t) => expect(isPhdStudentPosition(t)).toBe(true));
  it.each([
    "PhD",
    "Ph.D.",
    "MS student",
    "Undergrad student",
    "Postdoc",
    "Postdoctoral Fellow",
    "Predoctoral Researcher",
    "Graduate Student",
    "Full Professor",
    "",
    null,
  ])("%s is not", (t) => expect(isPhdStudentPosition(t as string)).toBe(false));
  it("recognises postdocs", () => {
    expect(isPostdocPosition("Postdoc")).toBe(true);
    expect(isPostdocPosition("Postdoctoral Researcher")).toBe(true);
    expect(isPostdocPosition("Post-doc")).toBe(true);
    expect(isPostdocPosition("PhD student")).toBe(false);
  });
});

describe("computeStudentLoad", () => {
  it("a student on two papers of the same year counts once", () => {
    const facts = [
      ...paper(2024, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2024, [
        [2, "PhD student"],
        [3, "PhD student"],
        [ADVISOR, prof],
      ]),
    ];
    const { years, students } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(years).toEqual([
      {
        advisorId: ADVISOR,
        year: 2024,
        lastAuthorStudents: 2,
        otherStudents: 0,
        papers: 2,
        lastAuthorPapers: 2,
        lastAuthorPapersAll: 2,
      },
    ]);
    const s2 = students.find((s) => s.studentId === 2)!;
    expect(s2.lastAuthorPaperIds).toHaveLength(2);
  });

  it("counts each year apart", () => {
    const facts = [
      ...paper(2023, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2024, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
    ];
    const { years } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(years.map((y) => [y.year, y.lastAuthorStudents])).toEqual([
      [2023, 1],
      [2024, 1],
    ]);
  });

  it("a student who became a postdoc stops counting as a student from that year", () => {
    const facts = [
      ...paper(2023, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
      // 2024: a postdoc on one paper, still "PhD student" (a stale declaration) on another
      ...paper(2024, [
        [2, "Postdoc"],
        [9, prof],
      ]),
      ...paper(2024, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2025, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
    ];
    const { years } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(years.map((y) => [y.year, y.lastAuthorStudents])).toEqual([
      [2023, 1],
      [2024, 0],
      [2025, 0],
    ]);
  });

  it("separates papers where the advisor is last author from the others, and counts a student once in the year", () => {
    const facts = [
      ...paper(2024, [
        [2, "PhD student"],
        [ADVISOR, prof],
        [7, prof],
      ]), // advisor second of three
      ...paper(2024, [
        [ADVISOR, prof],
        [3, "PhD student"],
      ]), // advisor first
      ...paper(2024, [
        [4, "PhD student"],
        [ADVISOR, prof],
      ]), // advisor last
      ...paper(2024, [
        [4, "PhD student"],
        [ADVISOR, prof],
        [8, prof],
      ]), // student 4 also on another paper
    ];
    const { years, students } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(years[0]).toMatchObject({
      year: 2024,
      lastAuthorStudents: 1,
      otherStudents: 2,
      papers: 4,
      lastAuthorPapers: 1,
    });
    const s4 = students.find((s) => s.studentId === 4)!;
    expect(s4.lastAuthorPaperIds).toHaveLength(1);
    expect(s4.otherPaperIds).toHaveLength(1);
    // The co-author professor (7) on the paper is last author there, and is not an advisor here: nothing for them.
    expect(years.every((y) => y.advisorId === ADVISOR)).toBe(true);
  });

  it("a year with no positions in the data is not visible, never zero", () => {
    const facts = [
      ...paper(
        2020,
        [
          [2, "PhD student"],
          [ADVISOR, prof],
        ],
        { venueId: "neurips" },
      ), // positions not in the data that year
      ...paper(
        2025,
        [
          [2, null],
          [ADVISOR, null],
        ],
        { venueId: "iclr" },
      ), // a venue-year with names only
      ...paper(2024, [
        [5, "MS student"],
        [ADVISOR, prof],
      ]), // positions, but no PhD student: zero seen
    ];
    const { years } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(years.map((y) => y.year)).toEqual([2024]);
    expect(years[0].lastAuthorStudents).toBe(0);
  });

  it("a paper where no one else declared a position shows nothing: its year is not visible, not zero", () => {
    // ICML 2025 carries positions, yet this record has none besides the advisor's own.
    const facts = paper(2025, [
      [2, null],
      [3, null],
      [ADVISOR, prof],
    ]);
    expect(computeStudentLoad([ADVISOR], facts, positioned).years).toEqual([]);
  });

  it("a year's last-author count stands for the year only when at least half its last-author papers show positions", () => {
    // Bengio's 2025: seven last-author papers, one of them (AISTATS) with positions and no PhD
    // student on it; six at venue-years with names only. That is not "0 students".
    const facts = [
      ...paper(2025, [
        [5, "Researcher"],
        [ADVISOR, prof],
      ]),
      ...[1, 2, 3, 4, 5, 6].flatMap(() =>
        paper(
          2025,
          [
            [2, null],
            [ADVISOR, null],
          ],
          { venueId: "iclr" },
        ),
      ),
      // 2024: two of three last-author papers show positions: the count stands.
      ...paper(2024, [
        [6, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2024, [
        [7, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(
        2024,
        [
          [8, null],
          [ADVISOR, null],
        ],
        { venueId: "iclr" },
      ),
      // 2023: only other papers (another last author): no last-author count at all.
      ...paper(2023, [
        [ADVISOR, prof],
        [9, "PhD student"],
      ]),
    ];
    const { years } = computeStudentLoad([ADVISOR], facts, positioned);
    const y = new Map(years.map((r) => [r.year, r]));
    expect(y.get(2025)).toMatchObject({ lastAuthorStudents: 0, lastAuthorPapers: 1, lastAuthorPapersAll: 7 });
    expect(lastAuthorCount(y.get(2025)!)).toBeNull();
    expect(y.get(2024)).toMatchObject({ lastAuthorStudents: 2, lastAuthorPapers: 2, lastAuthorPapersAll: 3 });
    expect(lastAuthorCount(y.get(2024)!)).toBe(2);
    expect(y.get(2023)).toMatchObject({ lastAuthorStudents: 0, otherStudents: 1, lastAuthorPapers: 0 });
    expect(lastAuthorCount(y.get(2023)!)).toBeNull();
  });

  it("only self-declared positions of identified people count; workshop papers never count", () => {
    const facts = [
      ...paper(
        2024,
        [
          [2, "PhD student"],
          [ADVISOR, prof],
        ],
        { identified: false },
      ),
      ...paper(
        2024,
        [
          [3, "PhD student"],
          [ADVISOR, prof],
        ],
        { isConference: false },
      ),
      ...paper(2024, [
        [4, null],
        [ADVISOR, prof],
      ]),
    ];
    const { years } = computeStudentLoad([ADVISOR], facts, positioned);
    // The first paper's advisor authorship is not identified either, so it is not the advisor's paper at all.
    expect(years).toEqual([
      // The third paper shows no position besides the advisor's: not looked at, but one of their last-author papers.
      {
        advisorId: ADVISOR,
        year: 2024,
        lastAuthorStudents: 0,
        otherStudents: 0,
        papers: 1,
        lastAuthorPapers: 1,
        lastAuthorPapersAll: 2,
      },
    ]);
  });

  it("two OpenReview ids are two people, even with the same name", () => {
    const facts = paper(2024, [
      [2, "PhD student"],
      [3, "PhD student"],
      [ADVISOR, prof],
    ]);
    expect(computeStudentLoad([ADVISOR], facts, positioned).years[0].lastAuthorStudents).toBe(2);
  });

  it("counts for whatever advisors it is given, and no one else", () => {
    const facts = paper(2024, [
      [2, "PhD student"],
      [3, prof],
    ]);
    expect(computeStudentLoad([ADVISOR], facts, positioned).years).toEqual([]);
    expect(computeStudentLoad([3], facts, positioned).years[0].lastAuthorStudents).toBe(1);
  });
});

describe("alumni", () => {
  it("a PhD student (or first author) of the advisor who later declares a supervising position, and holds one now", () => {
    const facts = [
      ...paper(2023, [
        [2, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2023, [
        [3, "Postdoc"],
        [4, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2025, [
        [2, "Assistant Professor"],
        [10, "PhD student"],
      ]),
      ...paper(2025, [[3, "Lecturer"]], { venueId: "icml" }),
      ...paper(2025, [[4, "Research Scientist"]]), // did not become an advisor
    ];
    const { alumni } = computeStudentLoad([ADVISOR], facts, positioned);
    expect(alumni.map((a) => [a.personId, a.role, a.firstYear, a.advisingSince, a.position])).toEqual([
      [2, "phd-student", 2023, 2025, "Assistant Professor"],
      [3, "first-author", 2023, 2025, "Lecturer"],
    ]);
    expect(alumni[0].paperIds).toHaveLength(1);
  });

  it("not when they already supervised at the time, not when the advisor was not last author, not when they stopped supervising", () => {
    const facts = [
      ...paper(2023, [
        [2, "Associate Professor"],
        [ADVISOR, prof],
      ]), // a colleague, not a student
      ...paper(2023, [
        [3, "PhD student"],
        [ADVISOR, prof],
        [9, prof],
      ]), // advisor not last
      ...paper(2023, [
        [4, "PhD student"],
        [ADVISOR, prof],
      ]),
      ...paper(2024, [[2, "Full Professor"]]),
      ...paper(2024, [[3, "Assistant Professor"]]),
      ...paper(2024, [[4, "Assistant Professor"]]),
      ...paper(2025, [[4, "Research Scientist"]]), // moved to industry: not advising now
    ];
    expect(computeStudentLoad([ADVISOR], facts, positioned).alumni).toEqual([]);
  });
});

describe("helpers", () => {
  it("finds the venue-years with positions", () => {
    const set = positionedVenueYears([
      { venueId: "iclr", year: 2023, authorships: 100, withPosition: 82 },
      { venueId: "iclr", year: 2024, authorships: 100, withPosition: 0 },
      { venueId: "colt", year: 2023, authorships: 100, withPosition: 3 },
    ]);
    expect([...set]).toEqual(["iclr:2023"]);
  });

  it("the latest full year is the latest every core venue has", () => {
    expect(
      latestFullYear(
        new Map([
          ["neurips", 2025],
          ["icml", 2026],
          ["iclr", 2026],
          ["colt", 2024],
        ]),
      ),
    ).toBe(2025);
    expect(latestFullYear(new Map([["icml", 2026]]))).toBeNull();
  });

  it("the list counts students in the latest full year in which most core venues record positions", () => {
    const latest = new Map([
      ["neurips", 2025],
      ["icml", 2026],
      ["iclr", 2026],
    ]);
    const cov = (venueId: string, year: number, authorships: number, withPosition: number) => ({
      venueId,
      year,
      authorships,
      withPosition,
    });
    // The shipped data's shape: 2025's positions from ICML alone; 2024's from NeurIPS and ICML.
    const shipped = [
      cov("neurips", 2025, 32450, 0),
      cov("icml", 2025, 17585, 10111),
      cov("iclr", 2025, 20888, 0),
      cov("neurips", 2024, 25004, 11954),
      cov("icml", 2024, 13050, 11233),
      cov("iclr", 2024, 11942, 0),
      cov("icml", 2026, 37478, 0),
      // Not a core venue: its positions do not count.
      cov("aistats", 2025, 2200, 2157),
      cov("uai", 2025, 900, 800),
    ];
    expect(studentLoadYear(latest, shipped)).toBe(2024);
    // A year after the latest full one never counts, however complete.
    expect(studentLoadYear(latest, [...shipped, cov("neurips", 2026, 100, 100), cov("iclr", 2026, 100, 100)])).toBe(
      2024,
    );
    // When 2025's records bring their positions, the year moves on.
    expect(studentLoadYear(latest, [...shipped.slice(1), cov("neurips", 2025, 32450, 20000)])).toBe(2025);
    // A venue whose records barely carry positions (under MIN_POSITION_SHARE) does not count.
    expect(studentLoadYear(latest, [...shipped.slice(1), cov("neurips", 2025, 32450, 300)])).toBe(2024);
    // No year with positions: the latest full year; no full year: none.
    expect(studentLoadYear(latest, [])).toBe(2025);
    expect(studentLoadYear(new Map([["icml", 2026]]), shipped)).toBeNull();
  });

  it("percentile and the not-overrun cut", () => {
    expect(percentile([5, 1, 3, 2, 4], 75)).toBe(4);
    expect(percentile([], 75)).toBeNull();
    const cut = notOverrunCut(
      [
        { lastAuthorStudents: 9, lastAuthorPapers: 1, lastAuthorPapersAll: 1 }, // not comparable: too few last-author papers
        { lastAuthorStudents: 0, lastAuthorPapers: 3, lastAuthorPapersAll: 9 }, // not comparable: a partial count
        { lastAuthorStudents: 2, lastAuthorPapers: 3, lastAuthorPapersAll: 3 },
        { lastAuthorStudents: 4, lastAuthorPapers: 5, lastAuthorPapersAll: 6 },
        { lastAuthorStudents: 6, lastAuthorPapers: 8, lastAuthorPapersAll: 8 },
        { lastAuthorStudents: 10, lastAuthorPapers: 12, lastAuthorPapersAll: 12 },
      ],
      2025,
    );
    expect(cut).toMatchObject({ max: 6, year: 2025, comparable: 4 });
  });
});

describe("student filters in the list parameters", () => {
  const parse = (qs: string) => parseAdvisorFilters(new URLSearchParams(qs));
  it("reads a range and the preset, and writes them back into links", () => {
    const { filters, problems } = parse("minStudents=2&maxStudents=6&notOverrun=true&sort=students");
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({ minStudents: 2, maxStudents: 6, notOverrun: true, sort: "students" });
    expect(filtersToSearch(filters)).toBe("?minStudents=2&maxStudents=6&notOverrun=true&sort=students");
    expect(parse("").filters).toMatchObject({ minStudents: null, maxStudents: null, notOverrun: false });
    expect(parse("sort=alumni").filters.sort).toBe("alumni");
  });
  it("says what is wrong with a bad value", () => {
    expect(parse("maxStudents=many").problems[0]).toMatchObject({ param: "maxStudents" });
    expect(parse("minStudents=-1").problems[0].message).toMatch(/between 0/);
    expect(parse("notOverrun=perhaps").problems[0]).toMatchObject({ param: "notOverrun" });
    const reversed = parse("minStudents=8&maxStudents=3");
    expect(reversed.filters).toMatchObject({ minStudents: 3, maxStudents: 8 });
    expect(reversed.problems[0].message).toMatch(/reversed/);
  });
});
