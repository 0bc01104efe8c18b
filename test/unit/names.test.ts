import { describe, expect, it } from "vitest";
import {
  exactNameMatchesFirst,
  nameMatchKey,
  nameQueryMatches,
  nameQueryWords,
  normalizeName,
  personNameKey,
  slugFromOpenReviewId,
  slugify,
} from "~/lib/names";

describe("normalizeName", () => {
  it.each([
    ["Gaël Varoquaux", "gael varoquaux"],
    ["  GAEL   varoquaux ", "gael varoquaux"],
    ["Anup B. Rao", "anup b rao"],
    ["Anup B Rao", "anup b rao"],
    ["J.-P. Vert", "j -p vert"],
    ["Łukasz Kaiser", "lukasz kaiser"],
    ["Bernhard Schölkopf", "bernhard scholkopf"],
    ["Søren Hauberg", "soren hauberg"],
    ["Hugo Larochelle", "hugo larochelle"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it("ignores case, accents, spacing and dots together", () => {
    expect(normalizeName("Y. LeCun")).toBe(normalizeName("y lecun"));
    expect(normalizeName("Rémi Munos")).toBe(normalizeName("REMI  MUNOS"));
  });
});

describe("personNameKey", () => {
  it("reads hyphens as spaces and every apostrophe as one, on top of normalizeName", () => {
    expect(personNameKey("Maria-Florina Balcan")).toBe(personNameKey("Maria Florina Balcan"));
    expect(personNameKey("Alexandre d’Aspremont")).toBe(personNameKey("Alexandre d'Aspremont"));
    expect(personNameKey("Dana Pe’er")).toBe("dana pe'er");
    expect(personNameKey("J.-P. Vert")).toBe("j p vert");
    // still two names
    expect(personNameKey("Jean-Paul Dupont")).not.toBe(personNameKey("Jean Dupont"));
  });
});

describe("slugs", () => {
  it("slugifies names", () => {
    expect(slugify("Gaël Varoquaux")).toBe("gael-varoquaux");
    expect(slugify("  École Polytechnique!! ")).toBe("ecole-polytechnique");
  });
  it("derives stable slugs from OpenReview ids", () => {
    expect(slugFromOpenReviewId("~Huaxiu_Yao1")).toBe("huaxiu-yao");
    expect(slugFromOpenReviewId("~Xu_Yang10")).toBe("xu-yang-10");
    expect(slugFromOpenReviewId("~marco_cuturi2")).toBe("marco-cuturi-2");
    expect(slugFromOpenReviewId("~Áine_Cahill1")).toBe("aine-cahill");
  });
});

describe("nameQueryMatches", () => {
  it.each([
    ["Neil D. Lawrence", "Neil Lawrence"],
    ["Neil Lawrence", "Neil D. Lawrence"],
    ["Andrew Gordon Wilson", "Andrew Wilson"],
    ["Andrew Wilson", "Andrew Gordon Wilson"],
    ["Bernhard Schoelkopf", "Bernhard Schölkopf"],
    ["jean-philippe vert", "Jean Philippe Vert"],
    ["Jean Philippe Vert", "Jean-Philippe Vert"],
    ["J. Mairal", "Julien Mairal"],
    ["GAËL varoquaux", "Gael Varoquaux"],
    ["lawr", "Neil Lawrence"],
    ["lacoste", "Simon Lacoste-Julien"],
    ["Zhao Han", "Han Zhao"],
    ["Li Fei-Fei", "Fei-Fei Li"],
    ["Yosh Beng", "Yoshua Bengio"],
    ["Neil Lawr", "Neil Lawrence"],
    // "Last, First", as references print names.
    ["Varoquaux, Gaël", "Gael Varoquaux"],
    ["Lawrence, Neil D.", "Neil Lawrence"],
    ["Lacoste-Julien, S.", "Simon Lacoste-Julien"],
  ])("%s finds %s", (q, name) => expect(nameQueryMatches(q, [name])).toBe(true));
  it.each([
    ["Neil D. Lawrence", "Neil Smith"],
    ["Andrew Gordon Wilson", "Andrew Ng"],
    ["Andrew Gordon Wilson", "Andrew Gordon"],
    ["Andrew Gordon Wilson", "Andrew Peter Wilson"],
    // A query word is the start of a name's word, never text inside one.
    ["Han Zhao", "Jingzhao Zhang"],
    ["Bo Li", "Elias Bareinboim"],
    ["Jun Wang", "Kwang-Sung Jun"],
    ["aw", "Neil Lawrence"],
    // Out of order, only the last word may be a start: "Jian Pei" is not "Peijie Jiang".
    ["Jian Pei", "Peijie Jiang"],
    ["Lawrence, Neil D.", "Lawrence Neil"],
  ])("%s does not find %s", (q, name) => expect(nameQueryMatches(q, [name])).toBe(false));
  it("any printed variant counts", () =>
    expect(nameQueryMatches("Chris J. Maddison", ["Chris Maddison", "Christopher Maddison"])).toBe(true));
});

describe("exactNameMatchesFirst", () => {
  // In rank order: a name-only "Yee W. Teh" ranks above the OpenReview "Yee Whye Teh".
  const names = [["Yee W. Teh"], ["Yee Whye Teh"], ["Yee-Whye Teh", "Y. W. Teh"], ["Yee Whye Teh"]];
  const keys = names.map((n) => n.map(nameMatchKey));
  const order = (q: string) => exactNameMatchesFirst([0, 1, 2, 3], nameQueryWords(q), (i) => keys[i]);

  it("puts people printed under exactly the name asked for first, keeping the rank within each group", () => {
    expect(order("Yee Whye Teh")).toEqual([1, 2, 3, 0]); // "Yee-Whye" reads as "yee whye" too
    expect(order("yee  whye   TEH")).toEqual([1, 2, 3, 0]);
  });

  it("leaves the order alone when no name is exactly the query, or there is no query", () => {
    expect(order("Teh")).toEqual([0, 1, 2, 3]);
    expect(order("")).toEqual([0, 1, 2, 3]);
  });
});
