/** The one slug allocator (names.ts): collisions, accents, an empty root. */
import { describe, expect, it } from "vitest";
import { allocateSlug, slugify } from "~/lib/names";

describe("allocateSlug", () => {
  it("keeps a free root and numbers a taken one from 2, skipping taken numbers", () => {
    expect(allocateSlug("inria", new Set())).toBe("inria");
    expect(allocateSlug("inria", new Set(["inria"]))).toBe("inria-2");
    expect(allocateSlug("inria", new Set(["inria", "inria-2", "inria-3"]))).toBe("inria-4");
    // Another root that merely starts the same does not count.
    expect(allocateSlug("inria", new Set(["inria-saclay"]))).toBe("inria");
  });
  it("works on slugs of accented names: the folded form collides with the plain one", () => {
    const taken = new Set([slugify("Gael Varoquaux")]);
    expect(allocateSlug(slugify("Gaël Varoquaux"), taken)).toBe("gael-varoquaux-2");
  });
  it("falls back when the text gives no slug", () => {
    expect(allocateSlug(slugify("—"), new Set())).toBe("x");
    expect(allocateSlug("", new Set(["institution"]), "institution")).toBe("institution-2");
  });
  it("allocates distinct slugs to a batch when each is added to the taken set", () => {
    const taken = new Set<string>();
    const out = ["Lab A", "Lab  A", "lab-a", "LAB A"].map((n) => {
      const s = allocateSlug(slugify(n), taken);
      taken.add(s);
      return s;
    });
    expect(out).toEqual(["lab-a", "lab-a-2", "lab-a-3", "lab-a-4"]);
  });
});
