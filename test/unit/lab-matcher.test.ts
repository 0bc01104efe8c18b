import { describe, expect, it } from "vitest";
import { foldAffiliation, LabMatcher, splitJointAffiliation } from "~/lib/import/lab-matcher";

const rules = [
  { slug: "mila", aliases: ["Mila", "Quebec AI Institute", "Montreal Institute for Learning Algorithms"] },
  { slug: "universite-de-montreal", aliases: ["Université de Montréal", "University of Montreal"] },
  { slug: "mit", aliases: ["MIT", "Massachusetts Institute of Technology"] },
  { slug: "csail", aliases: ["CSAIL"] },
  { slug: "mit-ibm", aliases: ["MIT-IBM Watson AI Lab"] },
  { slug: "google", aliases: ["Google"] },
  { slug: "deepmind", aliases: ["DeepMind", "Google DeepMind"] },
  { slug: "deepmind-paris", aliases: ["DeepMind Paris"] },
  { slug: "inria", aliases: ["Inria"] },
  { slug: "inria-lille", aliases: ["Inria Lille"] },
  { slug: "ens", aliases: ["ENS", "Ecole Normale Supérieure"] },
  { slug: "criteo", aliases: ["Criteo", "Criteo AI Lab"] },
  { slug: "crest", aliases: ["CREST"] },
  { slug: "fair-paris", aliases: [], patterns: ["\\b(facebook|meta|fair)\\b.*\\bparis\\b"] },
  { slug: "cmu-mld", aliases: [], patterns: ["machine learning department.*\\b(carnegie mellon|cmu)\\b"] },
  { slug: "vector", aliases: ["Vector Institute"], exclude: ["vector institute of nowhere"] },
];
const m = new LabMatcher(rules);

describe("foldAffiliation", () => {
  it("ignores accents, case and punctuation", () => {
    expect(foldAffiliation("Mila - Québec AI Institute, Montréal")).toBe("mila quebec ai institute montreal");
    expect(foldAffiliation("UNIVERSITÉ DE MONTRÉAL")).toBe(foldAffiliation("Universite de Montreal,"));
    expect(foldAffiliation("Vector Institute for Artiﬁcial Intelligence")).toBe(
      "vector institute for artificial intelligence",
    );
  });
  it("splits joint affiliations on +", () => {
    expect(splitJointAffiliation("Inria + ENS+ ")).toEqual(["Inria", "ENS"]);
  });
});

describe("LabMatcher", () => {
  it("matches aliases whatever the accents and case", () => {
    expect(m.match("MILA, UNIVERSITE DE MONTREAL")).toEqual(["mila", "universite-de-montreal"]);
    expect(m.match("Mila – Québec AI Institute")).toEqual(["mila"]);
    expect(m.match("université de montréal")).toEqual(["universite-de-montreal"]);
  });

  it("matches whole words only", () => {
    expect(m.match("Politecnico di Milano")).toEqual([]);
    expect(m.match("Smith College")).toEqual([]);
    expect(m.match("Ensae ParisTech")).toEqual([]);
  });

  it("links a joint affiliation (split on +) to every lab it names", () => {
    expect(m.match("Inria + ENS")).toEqual(["inria", "ens"]);
    expect(m.match("CREST, ENSAE Paris + Criteo AI Lab, Paris")).toEqual(["crest", "criteo"]);
    expect(m.match("Inria Lille + DeepMind Paris")).toEqual(["inria-lille", "deepmind-paris"]);
  });

  it("finds two labs in one segment", () => {
    expect(m.match("MIT CSAIL")).toEqual(["mit", "csail"]);
    expect(m.match("Google Research")).toEqual(["google"]);
  });

  it("finds no lab in a segment naming none", () => {
    expect(m.match("Department of Statistics, University of Oxford")).toEqual([]);
    expect(m.match("")).toEqual([]);
    expect(m.match(null)).toEqual([]);
  });

  it("lets the longer of two overlapping matches win", () => {
    expect(m.match("Google DeepMind")).toEqual(["deepmind"]);
    expect(m.match("Google DeepMind, Paris")).toEqual(["deepmind"]); // comma: "deepmind paris" is still printed as words
    expect(m.match("DeepMind Paris")).toEqual(["deepmind-paris"]);
    expect(m.match("MIT-IBM Watson AI Lab")).toEqual(["mit-ibm"]);
    expect(m.match("Inria Lille - Nord Europe")).toEqual(["inria-lille"]);
  });

  it("applies patterns and exclusions", () => {
    expect(m.match("Facebook AI Research, Paris, France")).toEqual(["fair-paris"]);
    expect(m.match("Machine Learning Department, Carnegie Mellon University")).toEqual(["cmu-mld"]);
    expect(m.match("Machine Learning Department, Somewhere Else")).toEqual([]);
    expect(m.match("Vector Institute of Nowhere")).toEqual([]);
    expect(m.match("Vector Institute, Toronto")).toEqual(["vector"]);
  });

  it("reports aliases that match no text", () => {
    const dead = LabMatcher.deadAliases(
      [
        { slug: "mila", aliases: ["Mila", "Montreal Institute for Learning Algorithms"] },
        { slug: "x", aliases: ["Nowhere Lab"], patterns: ["zz+top"] },
      ],
      ["Mila, Université de Montréal", "Google"],
    );
    expect(dead.get("mila")).toEqual(["Montreal Institute for Learning Algorithms"]);
    expect(dead.get("x")).toEqual(["Nowhere Lab", "/zz+top/"]);
  });
});
