import { describe, expect, it } from "vitest";
import {
  currentPosition,
  currentSupervisingPosition,
  isAdvisorPosition,
  isHeldAlongside,
  positionClass,
} from "~/lib/import/positions";

describe("isAdvisorPosition", () => {
  it.each([
    "Full Professor",
    "Assistant Professor",
    "Associate Professor",
    "Professor",
    "Lecturer",
    "Senior Lecturer",
    "Research Director",
    "Principal Researcher",
    "Staff Research Scientist",
    "Senior Staff Research Scientist",
    "Distinguished Scientist",
    "Chief Scientist",
    "Group Leader",
    "Research Group Leader",
    "Principal Investigator",
    "Reader (Associate Professor)",
    "Assistant Professor+Postdoc",
    "Research Assistant Professor",
    "Adjunct Professor",
    "Tenured researcher",
    "Senior Researcher",
    "Director of Research",
    "Faculty",
    // The misspelling is common on OpenReview (Hal Daumé III: "Senior Principle Researcher").
    "Senior Principle Researcher",
    "Principle Scientist",
    // IBM Research's senior grade.
    "Principal Research Staff Member",
  ])("%s can supervise", (p) => expect(isAdvisorPosition(p)).toBe(true));

  it.each([
    "PhD student",
    "Postdoc",
    "MS student",
    "Undergrad student",
    "Intern",
    "Research Intern",
    "Software Engineer",
    "Research Engineer",
    "Researcher",
    "Research Scientist",
    "Applied Scientist",
    "Engineer",
    "AI Resident",
    "Postdoc+PhD student",
    "Research Assistant",
    "Emeritus",
    "Professor Emeritus",
    "PhD",
    "Ph.D. student",
    "Graduate Student",
    "Student Researcher",
    "",
    null,
    undefined,
  ])("%s cannot", (p) => expect(isAdvisorPosition(p as string)).toBe(false));
});

describe("currentPosition", () => {
  it("takes the most recent declaration", () => {
    expect(
      currentPosition([
        { position: "PhD student", year: 2021 },
        { position: "Postdoc", year: 2023 },
        { position: "Assistant Professor", year: 2025 },
      ]),
    ).toEqual({ position: "Assistant Professor", year: 2025 });
  });
  it("breaks ties within a year by frequency, then alphabetically", () => {
    expect(
      currentPosition([
        { position: "Full Professor", year: 2024 },
        { position: "Researcher", year: 2024 },
        { position: "Full Professor", year: 2024 },
      ])?.position,
    ).toBe("Full Professor");
    expect(
      currentPosition([
        { position: "B", year: 2024 },
        { position: "A", year: 2024 },
      ])?.position,
    ).toBe("A");
  });
  it("is null without declarations", () => expect(currentPosition([])).toBeNull());
});

describe("currentSupervisingPosition", () => {
  it("keeps a supervising role held alongside an industry one in the latest year", () => {
    expect(
      currentSupervisingPosition([
        { position: "Adjunct Professor", year: 2022 },
        { position: "Adjunct Professor", year: 2023 },
        { position: "Research Scientist", year: 2023 },
        { position: "Research Scientist", year: 2023 },
      ]),
    ).toEqual({ position: "Adjunct Professor", year: 2023 });
  });

  it("drops an older supervising title once a later year declares none", () => {
    expect(
      currentSupervisingPosition([
        { position: "Full Professor", year: 2021 },
        { position: "Research Scientist", year: 2024 },
      ]),
    ).toBeNull();
  });

  it("takes the most frequent supervising title of the latest year", () => {
    expect(
      currentSupervisingPosition([
        { position: "Associate Professor", year: 2024 },
        { position: "Full Professor", year: 2024 },
        { position: "Full Professor", year: 2024 },
        { position: "PhD student", year: 2024 },
      ]),
    ).toEqual({ position: "Full Professor", year: 2024 });
    expect(currentSupervisingPosition([{ position: "PhD student", year: 2024 }])).toBeNull();
    expect(currentSupervisingPosition([])).toBeNull();
  });
});

describe("research-institute supervisors", () => {
  it.each([
    "Researcher",
    "Research Scientist",
    "Research Director",
    "Director",
    "Group Leader",
    "Senior Researcher",
    "Permanent Researcher",
  ])("%s at a public research organisation supervises", (p) =>
    expect(isAdvisorPosition(p, { researchOrganisation: true })).toBe(true),
  );
  it.each(["PhD student", "Postdoc", "Research Engineer", "Research Fellow", "Intern", "Visiting Researcher"])(
    "%s at a public research organisation does not",
    (p) => expect(isAdvisorPosition(p, { researchOrganisation: true })).toBe(false),
  );
  it("French research grades supervise wherever they are printed", () => {
    expect(isAdvisorPosition("Chargé de recherche")).toBe(true);
    expect(isAdvisorPosition("Directrice de recherche")).toBe(true);
    expect(isAdvisorPosition("Researcher")).toBe(false);
  });
  it("classes titles", () => {
    expect(positionClass("Amazon Scholar")).toBe("alongside");
    expect(positionClass("Visiting Researcher")).toBe("alongside");
    expect(positionClass("PhD student")).toBe("trainee");
    expect(positionClass("Research Scientist")).toBe("other");
    expect(positionClass("Researcher", { researchOrganisation: true })).toBe("supervising");
  });
});

describe("isHeldAlongside", () => {
  it.each(["Visiting Professor", "Adjunct Professor", "Amazon Scholar", "Honorary Lecturer"])(
    "%s is held alongside",
    (p) => expect(isHeldAlongside(p)).toBe(true),
  );
  it.each(["Assistant Professor", "Assistant Professor+Visiting Researcher", "", null])("%s is not", (p) =>
    expect(isHeldAlongside(p)).toBe(false),
  );
});
