/**
 * Research topics: the curated list's shape (seed/topics.json), the `topic=` parameter, and the
 * matcher, i.e. the SQL that decides whether a paper title is on a topic. Matching is Postgres full-text
 * search with the 'english' configuration (stemmed, stop words dropped) over papers.title_search,
 * the same for a curated topic's query and for a student's free text, so the two never disagree.
 * Pure apart from the SQL it builds; the import stage and the rankings run it.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

export const TOPIC_ORIENTATIONS = ["fundamental", "applied", "neutral"] as const;
export type TopicOrientation = (typeof TOPIC_ORIENTATIONS)[number];

/** Free text longer than this is refused (400 from the API): titles are short, and so are topics. */
export const MAX_TOPIC_LENGTH = 100;

export const TopicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a topic id is lower-case words joined by hyphens"),
  label: z.string().trim().min(2).max(60),
  description: z.string().trim().min(10).max(300),
  orientation: z.enum(TOPIC_ORIENTATIONS),
  /** websearch_to_tsquery syntax: "quoted phrases", OR, -exclusion. */
  query: z.string().trim().min(2).max(4000),
});
export type Topic = z.infer<typeof TopicSchema>;

export const TopicsFileSchema = z
  .object({ about: z.string().optional(), topics: z.array(TopicSchema).min(1) })
  .superRefine((file, ctx) => {
    // Ids and labels name topics in `topic=`: none may name two topics.
    const owner = new Map<string, number>();
    for (const [i, t] of file.topics.entries()) {
      for (const key of new Set([t.id, t.label.toLowerCase()])) {
        if (owner.has(key))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["topics", i], message: `duplicate topic "${key}"` });
        owner.set(key, i);
      }
    }
  });

/** Parses seed/topics.json's content; throws with every problem listed. */
export function parseTopicsFile(json: unknown): Topic[] {
  const parsed = TopicsFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `seed/topics.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data.topics;
}

/** A user's topic text: control characters out, spaces collapsed. */
export function cleanTopicText(raw: string): string {
  return raw
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type TopicParam = { topic: string | null; problem: string | null };

/**
 * The `topic` parameter: a curated topic's id or label, or free text. Absent: no topic. Empty or
 * over-long: a problem (the API answers 400); an empty value is fine from the page's form, which always
 * sends the field (allowEmpty).
 */
export function parseTopicParam(
  raw: string | readonly string[] | null,
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): TopicParam {
  // The page's form sends two fields named topic (the list, then the words box): the last one given wins.
  const values = raw === null ? [] : typeof raw === "string" ? [raw] : raw;
  if (values.length === 0) return { topic: null, problem: null };
  const text =
    [...values]
      .reverse()
      .map(cleanTopicText)
      .find((v) => v !== "") ?? "";
  if (text === "")
    return {
      topic: null,
      problem: allowEmpty ? null : "topic must not be empty: give a topic id (see /api/topics) or a few words.",
    };
  if (text.length > MAX_TOPIC_LENGTH)
    return { topic: null, problem: `topic is limited to ${MAX_TOPIC_LENGTH} characters (it had ${text.length}).` };
  if (!hasSearchableWord(text))
    return {
      topic: null,
      problem: `topic "${text}" has no word to match in titles (common words such as "the" or "of" are ignored): give a topic id (see /api/topics) or a few words.`,
    };
  return { topic: text, problem: null };
}

/**
 * Postgres's 'english' stop words (share/tsearch_data/english.stop), which full-text search drops: a
 * topic made only of them (or of punctuation) matches no title, silently. Held here so that the
 * parameter check stays pure and answers a clear 400 instead of an empty list.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself " +
    "it its itself they them their theirs themselves what which who whom this that these those am is are was were be " +
    "been being have has had having do does did doing a an the and but if or because as until while of at by for with " +
    "about against between into through during before after above below to from up down in out on off over under " +
    "again further then once here there when where why how all any both each few more most other some such no nor not " +
    "only own same so than too very s t can will just don should now"
  ).split(" "),
);

/** True when the text has a word that full-text search keeps (a letter or digit run that is not a stop word). */
export function hasSearchableWord(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => w !== "" && !ENGLISH_STOP_WORDS.has(w));
}

/** A topic as a ranking uses it: a curated one, or the student's own words (same matcher). */
export type TopicChoice =
  | { kind: "curated"; id: string; label: string; query: string }
  | { kind: "text"; id: null; label: string; query: string };

/** A curated topic when the text is one's id or label (any case), free text otherwise. */
export function chooseTopic(text: string, topics: readonly Pick<Topic, "id" | "label" | "query">[]): TopicChoice {
  const key = cleanTopicText(text).toLowerCase();
  const t = topics.find((x) => x.id === key || x.label.toLowerCase() === key);
  return t
    ? { kind: "curated", id: t.id, label: t.label, query: t.query }
    : { kind: "text", id: null, label: cleanTopicText(text), query: cleanTopicText(text) };
}

/** The text-search query of a topic (websearch syntax: a student's words work as typed). */
export function topicTsquery(query: string): SQL {
  return sql`websearch_to_tsquery('english', ${query})`;
}

/** The matcher: true when a paper's title (its title_search column) is on the topic. */
export function titleMatches(titleSearch: SQL, query: string): SQL {
  return sql`${titleSearch} @@ ${topicTsquery(query)}`;
}

/** The same matcher over a bare title (tests, and titles not yet stored): to_tsvector is what title_search stores. */
export function rawTitleMatches(title: SQL, query: string): SQL {
  return sql`to_tsvector('english', ${title}) @@ ${topicTsquery(query)}`;
}
