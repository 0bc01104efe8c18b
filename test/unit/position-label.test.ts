import { describe, expect, it } from "vitest";
import { INFERRED_POSITION, pageTitle, positionLabel } from "~/lib/directory/position-label";

describe("positionLabel", () => {
  it("shows each of several joined titles once, in their order", () => {
    expect(positionLabel("Associate Professor+Assistant Professor+Assistant Professor")).toBe(
      "Associate Professor · Assistant Professor",
    );
    expect(positionLabel("Full Professor+Full Professor")).toBe("Full Professor");
    expect(positionLabel("Chief AI Scientist +Full Professor")).toBe("Chief AI Scientist · Full Professor");
    expect(positionLabel("full professor+Full Professor")).toBe("full professor");
  });

  it("leaves a single title as it is, and never returns an empty label", () => {
    expect(positionLabel("Research Scientist")).toBe("Research Scientist");
    expect(positionLabel(" Professor ")).toBe("Professor");
    expect(positionLabel("+")).toBe("+");
    expect(positionLabel("Professor++")).toBe("Professor");
  });
});

describe("pageTitle", () => {
  it("says 'Supervisor' once for an inferred supervisor without a title: the note beside it says how it was inferred", () => {
    expect(pageTitle(INFERRED_POSITION, "inferred")).toBe("Supervisor");
    expect(pageTitle("Research Scientist", "inferred")).toBe("Research Scientist");
    expect(pageTitle("Full Professor", "declared")).toBe("Full Professor");
  });
});
