import { describe, expect, it } from "vitest";
import { researchOrientation } from "~/lib/research-orientation";

describe("fundamental vs applied indicator", () => {
  it("leans fundamental when theory papers are at least twice the applied ones", () => {
    const o = researchOrientation({ papers: 40, fundamental: 20, applied: 4 });
    expect(o.lean).toBe("fundamental");
    expect(o.fundamentalShare).toBeCloseTo(0.5);
    expect(o.sentence).toMatch(
      /20 of their 40 papers \(50%\) are at COLT or on theory topics, 4 \(10%\) on applied topics: leans fundamental/,
    );
  });

  it("leans applied the other way round", () => {
    expect(researchOrientation({ papers: 30, fundamental: 2, applied: 12 }).lean).toBe("applied");
  });

  it("is mixed when neither side doubles the other", () => {
    expect(researchOrientation({ papers: 30, fundamental: 8, applied: 10 }).lean).toBe("mixed");
    expect(researchOrientation({ papers: 30, fundamental: 8, applied: 10 }).sentence).toMatch(/a mix of both/);
  });

  it("says nothing with too few papers or too few classified ones", () => {
    expect(researchOrientation({ papers: 4, fundamental: 4, applied: 0 }).lean).toBe("unknown");
    expect(researchOrientation({ papers: 50, fundamental: 1, applied: 1 }).lean).toBe("unknown");
    expect(researchOrientation({ papers: 0, fundamental: 0, applied: 0 }).sentence).toMatch(/Not enough to say/);
  });

  it("says 'is' for one paper", () => {
    expect(researchOrientation({ papers: 98, fundamental: 1, applied: 1 }).sentence).toBe(
      "Not enough to say: 1 of their 98 papers (1%) is at COLT or on theory topics, 1 (1%) on applied topics.",
    );
  });

  it("exactly twice is enough to lean", () => {
    expect(researchOrientation({ papers: 10, fundamental: 4, applied: 2 }).lean).toBe("fundamental");
    expect(researchOrientation({ papers: 10, fundamental: 3, applied: 2 }).lean).toBe("mixed");
  });
});
