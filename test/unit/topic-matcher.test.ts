/**
 * The topic matcher (app/lib/topics.ts) on a real Postgres text-search engine: an in-memory PGlite,
 * the same engine and 'english' configuration the import and the free-text rankings run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chooseTopic,
  ENGLISH_STOP_WORDS,
  hasSearchableWord,
  MAX_TOPIC_LENGTH,
  parseTopicParam,
  parseTopicsFile,
  rawTitleMatches,
  type Topic,
} from "~/lib/topics";

let pglite: PGlite;
let db: ReturnType<typeof drizzle>;
const topics: Topic[] = parseTopicsFile(
  JSON.parse(readFileSync(path.resolve(__dirname, "../../seed/topics.json"), "utf8")),
);

// Starting PGlite (WebAssembly) takes seconds on a busy machine: in the hook, not in a test.
beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
  db = drizzle(pglite);
  await db.execute(sql`select to_tsvector('english', 'warm up')`);
}, 300_000);
afterAll(async () => pglite.close());

async function matches(title: string, query: string): Promise<boolean> {
  const r = await db.execute<{ m: boolean }>(sql`select ${rawTitleMatches(sql`${title}::text`, query)} as m`);
  return r.rows[0].m;
}

async function topicsOf(title: string): Promise<string[]> {
  const out: string[] = [];
  for (const t of topics) if (await matches(title, t.query)) out.push(t.id);
  return out;
}

describe("topic matcher", () => {
  it("stems: plural and inflected title words match the query's words", async () => {
    expect(await matches("Contextual Bandits with Linear Payoffs", "bandit")).toBe(true);
    expect(await matches("Learning to Optimize", "optimization")).toBe(true); // both stem to "optim"
    expect(await matches("Bandwidth Selection for Kernel Density Estimation", "bandit")).toBe(false);
    expect(await matches("Optimizing Neural Networks", "optimize")).toBe(true);
    expect(await matches("Kernels for Graphs", "kernel")).toBe(true);
  });

  it("matches quoted phrases only as phrases", async () => {
    expect(await matches("Offline Reinforcement Learning at Scale", '"reinforcement learning"')).toBe(true);
    expect(await matches("Learning Reinforcement Signals in the Brain", '"reinforcement learning"')).toBe(false);
    // Hyphenated words match their parts in sequence.
    expect(await matches("Finite-Time Analysis of Q-Learning", "q-learning")).toBe(true);
  });

  it("takes OR alternatives and -exclusions", async () => {
    expect(await matches("Wasserstein Barycenters", '"optimal transport" OR wasserstein')).toBe(true);
    expect(await matches("Wasserstein GANs", "wasserstein -gan")).toBe(false);
  });

  it("gives a title several topics when it is on several", async () => {
    const got = await topicsOf("Differentially Private Reinforcement Learning with Linear Function Approximation");
    expect(got).toContain("reinforcement-learning");
    expect(got).toContain("privacy");
  });

  // Words with two meanings, each once caught by the wrong topic on the shipped titles (stemming makes
  // "exploring" "exploration", "normalizing" "normalization", "soundness" "sound").
  it.each([
    ["Exploring Mode Connectivity in Krylov Subspace for Domain Generalization", "reinforcement-learning", false],
    ["Deep Exploration via Bootstrapped DQN", "reinforcement-learning", true],
    ["Making Efficient Use of Demonstrations to Solve Hard Exploration Problems", "reinforcement-learning", true],
    ["Fixed-Budget Combinatorial Pure Exploration", "bandits", true],
    ["Proximal Policy Optimization Algorithms", "optimization-theory", false],
    ["Proximal Policy Optimization Algorithms", "reinforcement-learning", true],
    ["Accelerated Proximal Gradient Methods for Nonconvex Programming", "optimization-theory", true],
    ["Normalizing Flows for Probabilistic Modeling and Inference", "architectures", false],
    ["Batch Normalization: Accelerating Deep Network Training", "architectures", true],
    ["Sound and Complete Verification of Polynomial Networks", "speech-audio", false],
    ["Unsupervised Sound Separation Using Mixture Invariant Training", "speech-audio", true],
    ["Efficient Score Matching with Deep Equilibrium Layers", "game-theory", false],
    ["Learning Correlated Equilibrium in Extensive-Form Games", "game-theory", true],
    ["Steal the Patch Size: Adversarially Manipulate Vision Language Models", "robotics", false],
    ["Learning Dexterous In-Hand Manipulation", "robotics", true],
    ["Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks", "nlp", false],
    ["Neural Machine Translation by Jointly Learning to Align and Translate", "nlp", true],
    ["Hierarchical Text-to-Image Generation with CLIP Latents", "nlp", false],
    ["Real-Time Multi-Person 2D Pose Estimation", "statistical-estimation", false],
    ["Minimax Estimation of Functionals of Discrete Distributions", "statistical-estimation", true],
    ["Sample Compression Schemes for VC Classes", "efficient-ml", false],
    ["Deep Compression: Compressing Deep Neural Networks with Pruning", "efficient-ml", true],
    ["Discovering Heterogeneous Synaptic Plasticity Rules", "continual-learning", false],
    ["Loss of Plasticity in Deep Continual Learning", "continual-learning", true],
    ["LoRA: Low-Rank Adaptation of Large Language Models", "recommender-systems", false],
    ["Ranking with Multiple Oracles: From Weak to Strong Stochastic Transitivity", "recommender-systems", true],
    ["Task-Aligned One-Stage Object Detection", "safety-alignment", false],
    ["Aligning Large Language Models with Human Preferences", "safety-alignment", true],
    ["Scalable Deep Reinforcement Learning for Mean Field Games", "deep-learning-theory", false],
    ["A Mean Field View of the Landscape of Two-Layer Neural Networks", "deep-learning-theory", true],
  ] as const)("%s: on %s is %s", async (title, id, expected) => {
    expect(await matches(title, topics.find((t) => t.id === id)!.query)).toBe(expected);
  });

  it("gives a title on none of the topics no topic", async () => {
    expect(await topicsOf("On the Number of Sheep in Scotland")).toEqual([]);
  });

  it("treats free text the same way (all words must appear, stemmed)", async () => {
    expect(await matches("Sinkhorn Distances and Optimal Transports", "optimal transport")).toBe(true);
    expect(await matches("Optimal Policies for Transportation", "optimal transport")).toBe(true); // stems optim + transport
    expect(await matches("Optimal Policies", "optimal transport")).toBe(false);
  });
});

describe("topics file", () => {
  it("has about 40 topics, each with a label, description and query", () => {
    expect(topics.length).toBeGreaterThanOrEqual(35);
    expect(topics.length).toBeLessThanOrEqual(50);
    for (const id of [
      "reinforcement-learning",
      "bandits",
      "learning-theory",
      "optimization-theory",
      "causality",
      "large-language-models",
      "fairness",
      "privacy",
    ])
      expect(topics.map((t) => t.id)).toContain(id);
  });

  it("rejects duplicates and bad ids", () => {
    const t = {
      id: "a-topic",
      label: "A topic",
      description: "A description.",
      orientation: "neutral",
      query: "words",
    };
    expect(() => parseTopicsFile({ topics: [t, { ...t, label: "Other" }] })).toThrow(/duplicate/);
    expect(() => parseTopicsFile({ topics: [{ ...t, id: "Not An Id" }] })).toThrow(/invalid/);
    expect(parseTopicsFile({ topics: [t] })).toHaveLength(1);
  });
});

describe("topic parameter", () => {
  it("absent: no topic; empty: a problem for the API, fine from the form", () => {
    expect(parseTopicParam(null)).toEqual({ topic: null, problem: null });
    expect(parseTopicParam("  ").problem).toMatch(/empty/);
    expect(parseTopicParam("", { allowEmpty: true })).toEqual({ topic: null, problem: null });
  });

  it("over-long: a problem", () => {
    expect(parseTopicParam("x".repeat(MAX_TOPIC_LENGTH + 1)).problem).toMatch(/limited/);
    expect(parseTopicParam("x".repeat(MAX_TOPIC_LENGTH)).topic).toHaveLength(MAX_TOPIC_LENGTH);
  });

  it("only common words or punctuation: a problem, as Postgres would match nothing", async () => {
    for (const text of ["the", "Of The", "!!!", "and / or", "-- not --"]) {
      expect(parseTopicParam(text).problem, text).toMatch(/no word to match/);
      const r = await db.execute<{ n: number }>(sql`select numnode(websearch_to_tsquery('english', ${text})) as n`);
      expect(r.rows[0].n, text).toBe(0);
    }
    for (const text of ["c++", "über learning", "the bandits", "optimal transport"]) {
      expect(parseTopicParam(text).problem, text).toBeNull();
      const r = await db.execute<{ n: number }>(sql`select numnode(websearch_to_tsquery('english', ${text})) as n`);
      expect(r.rows[0].n, text).toBeGreaterThan(0);
    }
    // The list is Postgres's own: every word on it is dropped, and a word off it is kept.
    const words = [...ENGLISH_STOP_WORDS];
    const kept = await db.execute<{ w: string }>(
      sql`select w from regexp_split_to_table(${words.join(" ")}, ' ') w where numnode(websearch_to_tsquery('english', w)) > 0`,
    );
    expect(kept.rows).toEqual([]);
    expect(hasSearchableWord("theory")).toBe(true);
  });

  it("the form's words box (last field) wins over the list", () => {
    expect(parseTopicParam(["bandits", "optimal  transport"]).topic).toBe("optimal transport");
    expect(parseTopicParam(["bandits", ""]).topic).toBe("bandits");
  });

  it("a curated topic by id or label, any case; free text otherwise", () => {
    expect(chooseTopic("Reinforcement Learning", topics)).toMatchObject({
      kind: "curated",
      id: "reinforcement-learning",
    });
    expect(chooseTopic("bandits", topics)).toMatchObject({ kind: "curated", id: "bandits" });
    expect(chooseTopic("sparse autoencoders for proteins", topics)).toMatchObject({
      kind: "text",
      id: null,
      query: "sparse autoencoders for proteins",
    });
  });
});
