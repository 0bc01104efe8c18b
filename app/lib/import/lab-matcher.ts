/**
 * Which registry labs a printed affiliation names. Pure: the lab-link import stage, the
 * `labs:candidates` script and the tests share it.
 *
 * - Text is compared folded: accents, case and punctuation ignored ("Université de Montréal",
 *   "UNIVERSITE DE MONTREAL" and "Universite de Montreal," are the same words).
 * - An alias matches whole words only, so "Mila" names Mila in "Mila - Quebec AI Institute" but not
 *   in "Politecnico di Milano".
 * - Joint affiliations are printed joined by "+" ("Inria + ENS"): each part is matched, and the
 *   affiliation names every lab any part names. One part can name two labs ("MIT CSAIL").
 * - When two labs' matches overlap, the longer one wins: "Google DeepMind" names DeepMind, not
 *   Google; "Google DeepMind, Montreal" names DeepMind's Montreal site, not DeepMind as a whole.
 * - A pattern (a regular expression over the folded text) covers forms that aliases cannot, such as
 *   "Facebook AI Research, Paris" for FAIR Paris; an exclusion stops a lab from matching a text.
 */
import { foldAccents } from "../names";

export type LabMatchRule = {
  slug: string;
  /** Printed forms, matched as whole words anywhere in a part. */
  aliases: string[];
  /** Regular expressions (case-insensitive) over the folded text of a part. */
  patterns?: string[];
  /** Folded phrases that, when present, stop this lab from matching the part. */
  exclude?: string[];
};

/** "Mila - Québec AI Institute, Montréal" -> "mila quebec ai institute montreal". */
export function foldAffiliation(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The parts of a joint affiliation ("A + B" -> ["A", "B"]), empty parts dropped. */
export function splitJointAffiliation(text: string): string[] {
  return text
    .split("+")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

type Span = { slug: string; start: number; end: number };

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
/** Longer wins; at equal length, the one printed first. */
const longer = (a: Span, b: Span) =>
  a.end - a.start > b.end - b.start || (a.end - a.start === b.end - b.start && a.start < b.start);

export class LabMatcher {
  /** Aliases by their first word: each word of a text looks up only the aliases it can start. */
  private byFirstWord = new Map<string, { slug: string; words: string[] }[]>();
  private patterns: { slug: string; re: RegExp }[] = [];
  private exclusions = new Map<string, string[]>();
  private cache = new Map<string, string[]>();

  constructor(
    rules: LabMatchRule[],
    /** Off only to ask which aliases match at all (see deadAliases). */
    private readonly longestWins = true,
  ) {
    for (const rule of rules) {
      for (const alias of rule.aliases) {
        const words = foldAffiliation(alias).split(" ").filter(Boolean);
        if (words.length === 0) continue;
        const list = this.byFirstWord.get(words[0]) ?? [];
        list.push({ slug: rule.slug, words });
        this.byFirstWord.set(words[0], list);
      }
      for (const p of rule.patterns ?? []) this.patterns.push({ slug: rule.slug, re: new RegExp(p, "gi") });
      if (rule.exclude?.length) this.exclusions.set(rule.slug, rule.exclude.map(foldAffiliation));
    }
  }

  /** The labs one part of an affiliation names (no "+" splitting), in the order they are printed. */
  matchPart(part: string): string[] {
    const folded = foldAffiliation(part);
    if (!folded) return [];
    const cached = this.cache.get(folded);
    if (cached) return cached;
    const words = folded.split(" ");
    // Word spans as character offsets, so alias and pattern matches compare on one scale.
    const offsets: number[] = [];
    let at = 0;
    for (const w of words) {
      offsets.push(at);
      at += w.length + 1;
    }
    const spans: Span[] = [];
    for (let i = 0; i < words.length; i++) {
      for (const alias of this.byFirstWord.get(words[i]) ?? []) {
        const n = alias.words.length;
        if (i + n > words.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = words[i + k] === alias.words[k];
        if (ok) spans.push({ slug: alias.slug, start: offsets[i], end: offsets[i + n - 1] + words[i + n - 1].length });
      }
    }
    for (const { slug, re } of this.patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(folded); m; m = re.exec(folded)) {
        spans.push({ slug, start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    const kept = spans.filter(
      (s) =>
        !(this.exclusions.get(s.slug) ?? []).some((x) => ` ${folded} `.includes(` ${x} `)) &&
        !(this.longestWins && spans.some((o) => o.slug !== s.slug && overlaps(o, s) && longer(o, s))),
    );
    kept.sort((a, b) => a.start - b.start);
    const slugs = [...new Set(kept.map((s) => s.slug))];
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(folded, slugs);
    return slugs;
  }

  /** Every lab a printed affiliation names, joint affiliations split on "+". */
  match(affiliation: string | null | undefined): string[] {
    if (!affiliation) return [];
    const out: string[] = [];
    for (const part of splitJointAffiliation(affiliation))
      for (const slug of this.matchPart(part)) if (!out.includes(slug)) out.push(slug);
    return out;
  }

  /**
   * The aliases and patterns of each lab that match none of the texts, keyed by lab slug (the import
   * warns about them: a dead alias is a typo or a form nobody prints).
   */
  static deadAliases(rules: LabMatchRule[], texts: Iterable<string>): Map<string, string[]> {
    const SEP = "\u0000";
    const labels: { slug: string; label: string }[] = [];
    const probes: LabMatchRule[] = [];
    for (const r of rules) {
      for (const a of r.aliases)
        probes.push({ slug: `${labels.push({ slug: r.slug, label: a }) - 1}${SEP}`, aliases: [a] });
      for (const p of r.patterns ?? [])
        probes.push({
          slug: `${labels.push({ slug: r.slug, label: `/${p}/` }) - 1}${SEP}`,
          aliases: [],
          patterns: [p],
        });
    }
    const probe = new LabMatcher(probes, false);
    const alive = new Set<number>();
    for (const t of texts) for (const hit of probe.match(t)) alive.add(Number(hit.split(SEP)[0]));
    const dead = new Map<string, string[]>();
    labels.forEach((l, i) => {
      if (!alive.has(i)) dead.set(l.slug, [...(dead.get(l.slug) ?? []), l.label]);
    });
    return dead;
  }
}
