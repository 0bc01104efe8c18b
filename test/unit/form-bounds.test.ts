/**
 * The bounded form reader (app/lib/curation/forms/form-bounds.ts): the attack names are
 * refused, real forms pass, and a property-based fuzz (fast-check) over nesting, indices and sizes
 * shows it never throws, and that whatever it accepts expands (through conform, as the actions
 * parse it) to at most the limits.
 */
import { parseWithZod } from "@conform-to/zod";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { boundedForm, checkFormBounds, FORM_LIMITS, parseFieldName } from "~/lib/curation/forms/form-bounds";

const form = (pairs: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of pairs) fd.append(k, v);
  return fd;
};

describe("field names", () => {
  it("reads the grammar of this site's forms", () => {
    expect(parseFieldName("name")).toEqual(["name"]);
    expect(parseFieldName("students[3].count")).toEqual(["students", 3, "count"]);
    expect(parseFieldName("a.b[0][1]")).toEqual(["a", "b", 0, 1]);
    for (const bad of [
      "",
      "[0]",
      "a[]",
      "a[-1]",
      "a[1e3]",
      "a..b",
      "a.",
      "a[0",
      "a]b",
      "__proto__",
      "a.constructor",
      "%zz",
      "a b",
      "x[12345678901]",
    ]) {
      expect(parseFieldName(bad), bad).toBeNull();
    }
  });
});

describe("the issue's one-request attacks", () => {
  it.each([
    ["students[99999].personId", /index over 255/],
    ["students[4294967294].personId", /index over 255/],
    ["x[10000000]", /index over 255/],
    ["a.b.c.d.e", /nested too deeply/],
  ])("refuses %s", (name, message) => {
    const r = checkFormBounds([
      ["name", "Mila"],
      [name, "7"],
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("refuses too many fields and too many list slots in all", () => {
    const many = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => [`f${i}`, "1"] as [string, string]);
    expect(checkFormBounds(many).ok).toBe(false);
    const slots = Array.from({ length: 10 }, (_, i) => [`l${i}[250]`, "1"] as [string, string]);
    const r = checkFormBounds(slots);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/lists are too long/);
  });

  it("refuses a name used both as a value and as a list or object", () => {
    expect(
      checkFormBounds([
        ["students", "x"],
        ["students[0].personId", "7"],
      ]).ok,
    ).toBe(false);
    expect(
      checkFormBounds([
        ["students[0].personId", "7"],
        ["students", "x"],
      ]).ok,
    ).toBe(false);
    expect(
      checkFormBounds([
        ["a[0]", "1"],
        ["a.b", "2"],
      ]).ok,
    ).toBe(false);
  });

  it("passes a full lab edit with 200 advisors, and drops names outside the grammar", () => {
    const pairs: [string, string][] = [
      ["name", "Mila"],
      ["kind", "academic"],
      ["baseVersion", "3"],
    ];
    for (let i = 0; i < 200; i++)
      for (const f of ["personId", "version", "count", "sourceUrl", "asOf"]) pairs.push([`students[${i}].${f}`, "1"]);
    expect(checkFormBounds(pairs)).toEqual({ ok: true, dropped: [] });
    const b = boundedForm(
      form([
        ["email", "a@b.org"],
        ["__proto__.polluted", "1"],
        ["%zz", "%"],
      ]),
    );
    expect(b.ok).toBe(true);
    if (b.ok) expect([...b.formData.keys()]).toEqual(["email"]);
  });
});

// ---- Property-based fuzz ------------------------------------------------------------------

const key = fc.oneof(
  fc.constantFrom("students", "name", "a", "b", "count", "__proto__", "constructor"),
  fc.stringMatching(/^[A-Za-z_][\w-]{0,6}$/),
);
const index = fc.oneof(
  fc.nat({ max: 300 }),
  fc.constantFrom(0, 1, 199, 255, 256, 99_999, 10_000_000, 4_294_967_294, 2 ** 53),
);
const segment = fc.oneof(
  key.map((k) => `.${k}`),
  index.map((i) => `[${i}]`),
);
const name = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(key, fc.array(segment, { maxLength: 7 })).map(([k, rest]) => k + rest.join("")) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const fields = fc.array(fc.tuple(name, fc.string({ maxLength: 8 })), { maxLength: 60 });

/** Array slots a parsed value holds, counted as conform built it. */
function slots(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, v) => n + slots(v), 0);
  if (value && typeof value === "object") return Object.values(value).reduce((n: number, v) => n + slots(v), 0);
  return 0;
}
function depth(value: unknown): number {
  if (value && typeof value === "object") return 1 + Math.max(0, ...Object.values(value).map(depth));
  return 0;
}

describe("deeply nested names", () => {
  it("a name too long to be one of this site's fields (2,000 levels of [0]) is refused with a message, not dropped", () => {
    const deep = `a${"[0]".repeat(2000)}`;
    const r = checkFormBounds([
      ["name", "Mila"],
      [deep, "1"],
    ]);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/too long|nested too deeply/) });
    const dotted = checkFormBounds([[`a${".b".repeat(500)}`, "1"]]);
    expect(dotted.ok).toBe(false);
  });
});

describe("property: bounded reading", () => {
  it("never throws, answers quickly, and what it accepts respects every limit once conform expands it", () => {
    fc.assert(
      fc.property(fields, (pairs) => {
        const started = performance.now();
        const r = boundedForm(form(pairs));
        expect(performance.now() - started).toBeLessThan(250); // generous: a GC pause on a busy machine, still far from blocking
        if (!r.ok) {
          expect(r.message.length).toBeLessThan(200);
          return;
        }
        const submission = parseWithZod(r.formData, { schema: z.any() });
        const payload = submission.payload as Record<string, unknown>;
        expect(slots(payload)).toBeLessThanOrEqual(FORM_LIMITS.maxExpanded);
        expect(depth(payload)).toBeLessThanOrEqual(FORM_LIMITS.maxDepth);
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });

  it("refuses exactly when an index, the depth or the field count is over its limit (names in the grammar)", () => {
    const grammatical = fc.array(
      fc
        .tuple(
          key.filter((k) => k !== "__proto__" && k !== "constructor"),
          fc.array(
            index.map((i) => `[${i}]`),
            { maxLength: 5 },
          ),
        )
        .map(([k, rest]) => k + rest.join("")),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(grammatical, (names) => {
        const parsed = names.map((n) => parseFieldName(n));
        const overIndex = parsed.some((p) => p?.some((s) => typeof s === "number" && s > FORM_LIMITS.maxIndex));
        const tooDeep = parsed.some((p) => p !== null && p.length > FORM_LIMITS.maxDepth);
        const r = checkFormBounds(names.map((n) => [n, "1"]));
        if (overIndex || tooDeep) expect(r.ok).toBe(false);
        // Within index and depth, only a shape clash or the slot total can refuse.
        if (!r.ok && !overIndex && !tooDeep) expect(r.message).toMatch(/shape|lists are too long|index over/);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
