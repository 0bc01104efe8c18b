/**
 * The Postgres search backend's typeahead index, held in memory.
 *
 * Postgres stays the source of truth and does the normalising: the index is a copy of the
 * search_terms view (one row per document and word, names normalised by search_normalize()),
 * loaded when the data version changes. A search here answers exactly what the SQL statement in
 * search-postgres.server.ts answers (the parity test runs both on the shipped data), without a
 * database round trip: a typeahead request costs microseconds of CPU instead of a statement.
 *   - prefix of the name or of a later word: binary search in the sorted terms;
 *   - typos (query of 4+ characters, fewer than FUZZY_BELOW prefix matches): pg_trgm's
 *     strict_word_similarity on the whole name, ported below, candidates from a trigram index;
 *   - ranking: exact name, whole words at its start, whole words later, a prefix of its first word,
 *     a prefix of a later word (matchTier), similarity; then weight,
 *     name (byte order, like COLLATE "C") and id;
 *   - facet counts over every match.
 * Pure: no I/O, so the rule is unit-tested against values Postgres computed.
 */
import { CIFRE_STATUSES } from "../../../db/schema";
import { CONTINENT_CODES } from "../geo.server";
import { type Encoded, encodeValues } from "../scoring";
import { VENUE_IDS } from "../venues";
import {
  SEARCH_KINDS,
  SEARCH_TYPES,
  type SearchFacets,
  type SearchParams,
  type SearchRow,
  emptyFacets,
} from "./documents";

/**
 * Typo-tolerant matches are looked for when fewer documents than this match as typed: only when
 * nothing does (the same in SQL). Typing "sharif univ" finds Sharif University by prefix; adding
 * the ~700 names that merely share the word "university" (similarity 0.61) to it would drown the
 * answer and its facet counts in noise.
 */
export const FUZZY_BELOW = 1;
/** Typo tolerance needs enough trigrams to mean anything (the same in SQL). */
export const FUZZY_MIN_LENGTH = 4;
/** pg_trgm.strict_word_similarity_threshold's default, what `<<%` compares with. */
export const STRICT_WORD_SIMILARITY_THRESHOLD = 0.5;

/** A row of the search_terms view: a document and one of its terms. */
export type SearchTermRow = SearchRow & { termPosition: number; term: string };

type CodedFieldName = "continent" | "country" | "cifre" | "kind" | "institution";
/**
 * A field as codes (scoring.encodeValues: 0 for none, c for values[c - 1]) and, per code, whether
 * its facet counts it (the SQL statement counts continents, CIFRE statuses and kinds from fixed lists).
 */
type CodedField = Encoded & { counted: boolean[] };

function codedField(values: (string | null)[], countable: readonly string[] | null): CodedField {
  const encoded = encodeValues(values);
  return { ...encoded, counted: [false, ...encoded.values.map((v) => countable === null || countable.includes(v))] };
}

export type SearchIndex = {
  version: string;
  docs: SearchRow[];
  /** Per document: its type, as a position in SEARCH_TYPES. */
  typeOf: Uint8Array;
  /** The filter and facet fields, as integer codes per document. */
  fields: Record<CodedFieldName, CodedField>;
  /** Per document: bit i set when it published at VENUE_IDS[i]. */
  venueMask: Uint8Array;
  /** Per document: its place when ties are broken (weight descending, name in byte order like COLLATE "C", id). */
  tieRank: Int32Array;
  /** Every term, sorted; the document and position of each. */
  terms: string[];
  termDoc: Int32Array;
  termPosition: Int32Array;
  /** Whole names (term_position = 1): positional trigrams per document, and which documents hold each trigram. */
  trigramIds: Map<string, number>;
  /**
   * Per document, in flat arrays: its distinct trigrams (distinct[distinctStart[d]…distinctStart[d+1]]),
   * and for each position of its name the local number of the trigram there and the word bounds
   * (local/bounds[positionStart[d]…positionStart[d+1]]).
   */
  distinct: Int32Array;
  distinctStart: Int32Array;
  local: Int32Array;
  bounds: Uint8Array;
  positionStart: Int32Array;
  postings: Int32Array[];
  /** Some whole name has characters beyond ASCII once normalised (see searchIndex). */
  nonAsciiNames: boolean;
  /** Working memory of a search, reused (searches run one at a time on this thread). */
  scratch: Scratch;
};

type Scratch = {
  /** Per document: the search it was last matched in, and its tier there. */
  seenIn: Int32Array;
  tier: Int8Array;
  /** Per document: the typo search it was last a candidate in. */
  sharedIn: Int32Array;
  /** Per trigram: 1 when in the query. */
  inQuery: Uint8Array;
  /** Per local trigram of the name being compared: in the query; last position; the word it was last seen in. */
  found: Uint8Array;
  lastpos: Int32Array;
  wordIn: Int32Array;
  /** Facet counters (by code; by position for types and venues), all zero between searches. */
  counts: Record<"type" | "continent" | "country" | "cifre" | "kind" | "venues", Int32Array>;
  /** Per document: the typo search its bound and similarity belong to; the bound; the similarity (NaN: not computed). */
  boundIn: Int32Array;
  bound: Float32Array;
  similarity: Float32Array;
  stamp: number;
};

// ---------------------------------------------------------------------------------------------
// pg_trgm, the parts the search uses (contrib/pg_trgm/trgm_op.c): words are runs of letters and
// digits, each padded with two spaces before and one after; a trigram is three characters.

const NON_ASCII = /[^\x00-\x7f]/;
const TRGM_BOUND_LEFT = 1;
const TRGM_BOUND_RIGHT = 2;
const WORD = /[\p{L}\p{N}]+/gu;

/** The positional trigrams of a string, with word bounds marked (generate_trgm_only). */
export function positionalTrigrams(text: string): { trigrams: string[]; bounds: Uint8Array } {
  const trigrams: string[] = [];
  const boundList: number[] = [];
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const chars = Array.from(`  ${word} `);
    const first = trigrams.length;
    for (let i = 0; i + 2 < chars.length; i++) {
      trigrams.push(chars[i] + chars[i + 1] + chars[i + 2]);
      boundList.push(0);
    }
    boundList[first] |= TRGM_BOUND_LEFT;
    boundList[trigrams.length - 1] |= TRGM_BOUND_RIGHT;
  }
  return { trigrams, bounds: Uint8Array.from(boundList) };
}

const calcSml = (count: number, len1: number, len2: number) => Math.fround(count / (len1 + len2 - count));

/**
 * pg_trgm's strict_word_similarity(query, text) given the query's trigrams and the text's
 * positional trigrams with bounds: the greatest similarity between the query and an extent of
 * whole words of the text (calc_word_similarity + iterate_word_similarity, strict mode).
 * The text's trigrams come numbered locally (localTrigrams): `trg2indexes[i]` is the local number
 * of the trigram at position i (for i in from…to: the arrays may hold many texts), `found[j]` is 1
 * when local trigram j is in the query, `lastpos` is working memory as long as `found`; `ulen1` is
 * the number of distinct trigrams of the query. A float4, like Postgres's.
 */
export function strictWordSimilarity(
  found: Uint8Array,
  ulen1: number,
  trg2indexes: Int32Array,
  bounds: Uint8Array,
  from = 0,
  to = trg2indexes.length,
  lastpos: Int32Array = new Int32Array(found.length),
): number {
  if (to === from || ulen1 === 0) return 0;
  lastpos.fill(-1);
  let ulen2 = 0;
  let count = 0;
  let lower = from;
  let smlrMax = 0;
  for (let upper = from; upper < to; upper++) {
    const trgindex = trg2indexes[upper];
    if (lastpos[trgindex] < 0) {
      ulen2++;
      count += found[trgindex];
    }
    lastpos[trgindex] = upper;
    if ((bounds[upper] & TRGM_BOUND_RIGHT) === 0) continue;
    let smlrCur = calcSml(count, ulen1, ulen2);
    // Also try later word starts as the lower bound, for a greater similarity.
    let tmpCount = count;
    let tmpUlen2 = ulen2;
    const prevLower = lower;
    for (let tmpLower = lower; tmpLower <= upper; tmpLower++) {
      if ((bounds[tmpLower] & TRGM_BOUND_LEFT) !== 0) {
        const smlrTmp = calcSml(tmpCount, ulen1, tmpUlen2);
        if (smlrTmp > smlrCur) {
          smlrCur = smlrTmp;
          ulen2 = tmpUlen2;
          lower = tmpLower;
          count = tmpCount;
        }
      }
      const tmpTrgindex = trg2indexes[tmpLower];
      if (lastpos[tmpTrgindex] === tmpLower) {
        tmpUlen2--;
        tmpCount -= found[tmpTrgindex];
      }
    }
    if (smlrCur > smlrMax) smlrMax = smlrCur;
    for (let tmpLower = prevLower; tmpLower < lower; tmpLower++) {
      const tmpTrgindex = trg2indexes[tmpLower];
      if (lastpos[tmpTrgindex] === tmpLower) lastpos[tmpTrgindex] = -1;
    }
  }
  return smlrMax;
}

/**
 * A text's trigrams numbered locally, as calc_word_similarity does: `distinct` in order of first
 * appearance, and for each position the index of its trigram in `distinct`.
 */
export function localTrigrams(trigrams: ArrayLike<number>): { distinct: Int32Array; positions: Int32Array } {
  const local = new Map<number, number>();
  const positions = new Int32Array(trigrams.length);
  for (let i = 0; i < trigrams.length; i++) {
    let j = local.get(trigrams[i]);
    if (j === undefined) local.set(trigrams[i], (j = local.size));
    positions[i] = j;
  }
  return { distinct: Int32Array.from(local.keys()), positions };
}

// ---------------------------------------------------------------------------------------------

/** Byte order of UTF-8 strings (COLLATE "C") equals code point order. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (code points above U+FFFF) sort after every other UTF-16 unit in code point order.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Builds the index from the rows of the search_terms view (any order). */
export function buildSearchIndex(rows: SearchTermRow[], version: string): SearchIndex {
  const docNumber = new Map<string, number>();
  const docs: SearchRow[] = [];
  const termRows: { term: string; doc: number; position: number }[] = [];
  for (const r of rows) {
    const key = `${r.type}-${r.id}`;
    let d = docNumber.get(key);
    if (d === undefined) {
      d = docs.length;
      docNumber.set(key, d);
      const { termPosition: _p, term: _t, ...doc } = r;
      docs.push(doc);
    }
    termRows.push({ term: r.term, doc: d, position: r.termPosition });
  }
  termRows.sort((a, b) => compareCodePoints(a.term, b.term));

  const fields: Record<CodedFieldName, CodedField> = {
    continent: codedField(
      docs.map((d) => d.continent),
      CONTINENT_CODES,
    ),
    country: codedField(
      docs.map((d) => d.country || null),
      null,
    ),
    cifre: codedField(
      docs.map((d) => d.cifre),
      CIFRE_STATUSES,
    ),
    kind: codedField(
      docs.map((d) => d.kind),
      SEARCH_KINDS,
    ),
    institution: codedField(
      docs.map((d) => d.institution),
      null,
    ),
  };
  const typeOf = new Uint8Array(docs.length);
  const venueMask = new Uint8Array(docs.length);
  docs.forEach((doc, d) => {
    typeOf[d] = SEARCH_TYPES.indexOf(doc.type);
    for (const v of doc.venues) {
      const bit = (VENUE_IDS as string[]).indexOf(v);
      if (bit >= 0) venueMask[d] |= 1 << bit;
    }
  });
  const tieRank = new Int32Array(docs.length);
  Array.from(docs.keys())
    .sort(
      (a, b) =>
        docs[b].weight - docs[a].weight || compareCodePoints(docs[a].name, docs[b].name) || docs[a].id - docs[b].id,
    )
    .forEach((d, rank) => (tieRank[d] = rank));

  const trigramIds = new Map<string, number>();
  const docDistinct: Int32Array[] = new Array(docs.length).fill(new Int32Array(0));
  const docPositions: Int32Array[] = new Array(docs.length).fill(new Int32Array(0));
  const docBounds: Uint8Array[] = new Array(docs.length).fill(new Uint8Array(0));
  const flat = <T extends Int32Array | Uint8Array>(
    parts: T[],
    make: (n: number) => T,
  ): { all: T; start: Int32Array } => {
    const start = new Int32Array(parts.length + 1);
    parts.forEach((p, i) => (start[i + 1] = start[i] + p.length));
    const all = make(start[parts.length]);
    parts.forEach((p, i) => all.set(p, start[i]));
    return { all, start };
  };
  const postingLists: number[][] = [];
  for (const t of termRows) {
    if (t.position !== 1) continue;
    const { trigrams, bounds } = positionalTrigrams(t.term);
    const ids = new Int32Array(trigrams.length);
    trigrams.forEach((trg, i) => {
      let id = trigramIds.get(trg);
      if (id === undefined) {
        id = trigramIds.size;
        trigramIds.set(trg, id);
        postingLists.push([]);
      }
      ids[i] = id;
    });
    const { distinct, positions } = localTrigrams(ids);
    for (const id of distinct) postingLists[id].push(t.doc);
    docDistinct[t.doc] = distinct;
    docPositions[t.doc] = positions;
    docBounds[t.doc] = bounds;
  }

  const n = docs.length;
  const m = trigramIds.size;
  const longest = docDistinct.reduce((max, d) => Math.max(max, d.length), 0);
  const distinctFlat = flat(docDistinct, (n) => new Int32Array(n));
  const positionsFlat = flat(docPositions, (n) => new Int32Array(n));
  const counters = (field: CodedField) => new Int32Array(field.values.length + 1);
  return {
    version,
    docs,
    typeOf,
    fields,
    venueMask,
    tieRank,
    terms: termRows.map((t) => t.term),
    termDoc: Int32Array.from(termRows, (t) => t.doc),
    termPosition: Int32Array.from(termRows, (t) => t.position),
    trigramIds,
    distinct: distinctFlat.all,
    distinctStart: distinctFlat.start,
    local: positionsFlat.all,
    bounds: flat(docBounds, (n) => new Uint8Array(n)).all,
    positionStart: positionsFlat.start,
    postings: postingLists.map((p) => Int32Array.from(p)),
    nonAsciiNames: termRows.some((t) => t.position === 1 && NON_ASCII.test(t.term)),
    scratch: {
      seenIn: new Int32Array(n),
      tier: new Int8Array(n),
      sharedIn: new Int32Array(n),
      inQuery: new Uint8Array(m),
      found: new Uint8Array(longest),
      lastpos: new Int32Array(longest),
      wordIn: new Int32Array(longest),
      counts: {
        type: new Int32Array(SEARCH_TYPES.length),
        continent: counters(fields.continent),
        country: counters(fields.country),
        cifre: counters(fields.cifre),
        kind: counters(fields.kind),
        venues: new Int32Array(VENUE_IDS.length),
      },
      boundIn: new Int32Array(n),
      bound: new Float32Array(n),
      similarity: new Float32Array(n),
      stamp: 0,
    },
  };
}

/** Characters below this one have their search_normalize() mapping in the table (0x3000: CJK and beyond are not). */
export const NORMALIZATION_TABLE_END = 0x3000;

/**
 * search_normalize() given how Postgres maps each character that it changes, below
 * NORMALIZATION_TABLE_END (normalizationExceptions; ASCII included, so the database's own idea of
 * punctuation and case holds): each character mapped, runs of spaces to one, trimmed. Null for
 * text with other characters (CJK, emoji…), which Postgres normalises itself.
 */
export function normalizeWithExceptions(q: string, exceptions: ReadonlyMap<string, string>): string | null {
  let out = "";
  for (let i = 0; i < q.length; i++) {
    const code = q.charCodeAt(i);
    // Σ lower-cases by its place in the word under some collations (σ or ς): not one character's rule.
    if (code >= NORMALIZATION_TABLE_END || code === 0x3a3) return null;
    const c = q[i];
    out += exceptions.get(c) ?? c;
  }
  return out.replace(/ {2,}/g, " ").replace(/^ +| +$/g, "");
}

/** True when the query has something to match (not only spaces, punctuation and symbols). */
export function isSearchable(q: string): boolean {
  return q.replace(/[\s\p{P}\p{S}]+/gu, "") !== "";
}

function lowerBound(terms: string[], t: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCodePoints(terms[mid], t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A new mark for the scratch arrays (a search takes far fewer than a million). */
function nextStamp(scratch: Scratch): number {
  return ++scratch.stamp;
}

/** Between searches: the marks are cleared long before they could overflow an Int32Array. */
function clearStampsIfOld(scratch: Scratch): void {
  if (scratch.stamp < 2 ** 30) return;
  for (const marks of [scratch.seenIn, scratch.sharedIn, scratch.wordIn, scratch.boundIn]) marks.fill(0);
  scratch.stamp = 0;
}

export type IndexSearchResult = { rows: SearchRow[]; facets: SearchFacets };

/** A filter value as a code: -1 for no filter, -2 for a value no document has (nothing passes). */
function filterCode(field: CodedField, v: string | null): number {
  if (v === null) return -1;
  const i = field.values.indexOf(v);
  return i >= 0 ? i + 1 : -2;
}

/**
 * The search: `normalized` is search_normalize(params.q) (ignored when the query is not
 * searchable). Same matches, order, pages and facet counts as searchPostgres().
 * Null when the typo tier would compare text beyond ASCII: pg_trgm's words and trigrams there
 * follow the database's locale (which characters are letters) and hash long trigrams, which this
 * port does not mirror; the caller asks the SQL statement instead. (The shipped data normalises
 * to ASCII throughout, and so does any Latin-script query.)
 */
export function searchIndex(index: SearchIndex, p: SearchParams, normalized: string): IndexSearchResult | null {
  const { docs, typeOf, venueMask, scratch, fields } = index;
  clearStampsIfOld(scratch);
  const type = p.type ? SEARCH_TYPES.indexOf(p.type) : -1;
  const continent = filterCode(fields.continent, p.continent);
  const country = filterCode(fields.country, p.country);
  const cifre = filterCode(fields.cifre, p.cifre);
  const kind = filterCode(fields.kind, p.kind);
  const institution = filterCode(fields.institution, p.institution);
  let venues = 0;
  for (const v of p.venues) venues |= 1 << (VENUE_IDS as string[]).indexOf(v);
  const passes = (d: number): boolean =>
    (type < 0 || typeOf[d] === type) &&
    (venues === 0 || (venueMask[d] & venues) !== 0) &&
    (continent === -1 || fields.continent.code[d] === continent) &&
    (country === -1 || fields.country.code[d] === country) &&
    (cifre === -1 || fields.cifre.code[d] === cifre) &&
    (kind === -1 || fields.kind.code[d] === kind) &&
    (institution === -1 || fields.institution.code[d] === institution);

  // Matches: document numbers; their tier lives in the scratch arrays for this search.
  const search = nextStamp(scratch);
  const { seenIn, tier } = scratch;
  const matched: number[] = [];
  let fuzzy: FuzzyMatches | null = null;
  const match = (d: number, level: number) => {
    seenIn[d] = search;
    tier[d] = level;
    matched.push(d);
  };
  if (!isSearchable(p.q)) {
    for (let d = 0; d < docs.length; d++) if (passes(d)) match(d, 0);
  } else {
    const t = normalized;
    const { terms, termDoc, termPosition } = index;
    for (let i = lowerBound(terms, t); i < terms.length && terms[i].startsWith(t); i++) {
      const d = termDoc[i];
      const level = matchTier(terms[i], t, termPosition[i]);
      if (seenIn[d] !== search) {
        if (passes(d)) match(d, level);
      } else if (level < tier[d]) tier[d] = level;
    }
    if (Array.from(t).length >= FUZZY_MIN_LENGTH && matched.length < FUZZY_BELOW) {
      if (index.nonAsciiNames || NON_ASCII.test(t)) return null;
      fuzzy = fuzzyMatches(index, t);
      for (const d of fuzzy.docs) if (seenIn[d] !== search && passes(d)) match(d, TYPO_TIER);
    }
  }

  // Ranked per type (prefix tiers, then typos by similarity); only the asked page is kept.
  const { tieRank } = index;
  const rank = (a: number, b: number): number => tier[a] - tier[b] || tieRank[a] - tieRank[b];
  const prefixes: number[][] = SEARCH_TYPES.map(() => []);
  const typos: number[][] = SEARCH_TYPES.map(() => []);
  for (const d of matched) (tier[d] === TYPO_TIER ? typos : prefixes)[typeOf[d]].push(d);
  const rows: SearchRow[] = [];
  const wanted = p.offset + p.limit;
  SEARCH_TYPES.forEach((_, ty) => {
    const page = topK(prefixes[ty], wanted, rank);
    if (fuzzy && page.length < wanted) page.push(...fuzzyTop(typos[ty], wanted - page.length, fuzzy, tieRank));
    for (const d of page.slice(p.offset)) rows.push(docs[d]);
  });

  return { rows, facets: countFacets(index, matched) };
}

/**
 * How well a term (the name from its word `position` on) that starts with the query matches it:
 * 0 the whole name; 1 whole words at the start of the name ("stanford" in "Stanford University");
 * 2 whole words later in it ("mit" in "Massachusetts Institute of Technology (MIT)", a surname);
 * 3 the start of the name's first word ("mit" in "Mitsubishi Electric"); 4 the start of a later word.
 * Typos come after all of them (TYPO_TIER). The SQL statement (postgres.server.ts) says the same.
 */
export function matchTier(term: string, query: string, position: number): number {
  const whole = term.length === query.length || term.charCodeAt(query.length) === 32;
  if (position <= 1) return term === query ? 0 : whole ? 1 : 3;
  return whole ? 2 : 4;
}
export const TYPO_TIER = 5;

/** The k first of `list` in `compare` order, without sorting all of it. */
function topK(list: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (list.length <= k * 4 || k > 500) return list.sort(compare).slice(0, k);
  const best: number[] = [];
  for (const d of list) {
    if (best.length === k && compare(d, best[k - 1]) >= 0) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && compare(d, best[i - 1]) < 0) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = d;
  }
  return best;
}

type FuzzyMatches = {
  /** The documents whose whole name matches (`query <<% name`). */
  docs: number[];
  /** Per document (in the scratch arrays): an upper bound of its similarity. */
  bound: (doc: number) => number;
  /** The similarity, strict_word_similarity(query, name), computed on demand and kept. */
  similarity: (doc: number) => number;
};

/**
 * Whole names whose strict word similarity with the query reaches the threshold, decided as
 * cheaply as possible; the similarity itself (for ranking) is computed only for the documents
 * that could make the page (see fuzzyTop).
 */
function fuzzyMatches(index: SearchIndex, t: string): FuzzyMatches {
  const { scratch, distinct, distinctStart, local, bounds, positionStart } = index;
  const { sharedIn, inQuery, wordIn, found, lastpos, boundIn, bound, similarity } = scratch;
  const known: number[] = [];
  let ulen1 = 0;
  for (const trg of new Set(positionalTrigrams(t).trigrams)) {
    ulen1++; // trigrams no name has still count in the query's size
    const id = index.trigramIds.get(trg);
    if (id !== undefined) known.push(id);
  }
  const queryHas = new Set(known);
  const search = nextStamp(scratch);
  const exact = (d: number): number => {
    if (boundIn[d] === search && !Number.isNaN(similarity[d])) return similarity[d];
    const from = distinctStart[d];
    const n = distinctStart[d + 1] - from;
    for (let j = 0; j < n; j++) found[j] = queryHas.has(distinct[from + j]) ? 1 : 0;
    const v = strictWordSimilarity(
      found.subarray(0, n),
      ulen1,
      local,
      bounds,
      positionStart[d],
      positionStart[d + 1],
      lastpos.subarray(0, n),
    );
    boundIn[d] = search;
    similarity[d] = v;
    return v;
  };
  const result: FuzzyMatches = { docs: [], bound: (d) => bound[d], similarity: exact };
  // Any similarity is at most shared / ulen1, so a name needs `need` of the query's trigrams; then
  // it has one of the rarest (known - need + 1): only their documents are candidates.
  const need = Math.ceil(ulen1 / 2);
  if (ulen1 === 0 || known.length < need) return result;
  known.sort((x, y) => index.postings[x].length - index.postings[y].length);
  const candidates: number[] = [];
  for (let k = 0; k <= known.length - need; k++) {
    const list = index.postings[known[k]];
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (sharedIn[d] !== search) {
        sharedIn[d] = search;
        candidates.push(d);
      }
    }
  }
  for (const id of known) inQuery[id] = 1;
  for (const d of candidates) {
    const from = distinctStart[d];
    const len = distinctStart[d + 1] - from;
    let shared = 0;
    for (let j = 0; j < len && shared + len - j >= need; j++) shared += inQuery[distinct[from + j]];
    if (shared < need) continue;
    // The search always weighs each single word of the name on its own (iterate_word_similarity
    // tries every word start as the lower bound): a word reaching the threshold decides the match.
    let wordMatches = false;
    const end = positionStart[d + 1];
    for (let i = positionStart[d]; i < end && !wordMatches;) {
      const wordStamp = nextStamp(scratch);
      let count = 0;
      let ulen2 = 0;
      for (; i < end; i++) {
        const j = local[i];
        if (wordIn[j] !== wordStamp) {
          wordIn[j] = wordStamp;
          ulen2++;
          count += inQuery[distinct[from + j]];
        }
        if (bounds[i] & TRGM_BOUND_RIGHT) {
          i++;
          break;
        }
      }
      wordMatches = calcSml(count, ulen1, ulen2) >= STRICT_WORD_SIMILARITY_THRESHOLD;
    }
    if (wordMatches) {
      result.docs.push(d);
      boundIn[d] = search;
      bound[d] = Math.fround(shared / ulen1);
      similarity[d] = Number.NaN;
    } else {
      const v = exact(d);
      if (v >= STRICT_WORD_SIMILARITY_THRESHOLD) {
        result.docs.push(d);
        bound[d] = v;
      }
    }
  }
  for (const id of known) inQuery[id] = 0;
  return result;
}

/**
 * The k best typo matches, by similarity then tie rank, computing similarities in decreasing
 * order of their upper bound and stopping when no remaining document can enter the k best.
 */
function fuzzyTop(list: number[], k: number, fuzzy: FuzzyMatches, tieRank: Int32Array): number[] {
  if (k <= 0 || list.length === 0) return [];
  const { bound, similarity } = fuzzy;
  const ordered = list.sort((a, b) => bound(b) - bound(a) || tieRank[a] - tieRank[b]);
  const best: number[] = [];
  const better = (a: number, b: number) =>
    similarity(a) > similarity(b) || (similarity(a) === similarity(b) && tieRank[a] < tieRank[b]);
  for (const d of ordered) {
    if (best.length === k) {
      const last = best[k - 1];
      const s = similarity(last);
      if (bound(d) < s || (bound(d) === s && tieRank[d] > tieRank[last])) break;
    }
    let i = best.length;
    best.push(d);
    while (i > 0 && better(d, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = d;
    if (best.length > k) best.pop();
  }
  return best;
}

function countFacets(index: SearchIndex, matched: number[]): SearchFacets {
  const { counts } = index.scratch;
  const { continent, country, cifre, kind } = index.fields;
  for (let i = 0; i < matched.length; i++) {
    const d = matched[i];
    counts.type[index.typeOf[d]]++;
    counts.continent[continent.code[d]]++;
    counts.country[country.code[d]]++;
    counts.cifre[cifre.code[d]]++;
    counts.kind[kind.code[d]]++;
    const mask = index.venueMask[d];
    for (let b = 0; mask >> b; b++) if (mask & (1 << b)) counts.venues[b]++;
  }
  const facets = emptyFacets();
  takeCounts(facets.type, SEARCH_TYPES, counts.type);
  takeCounts(facets.venues, VENUE_IDS, counts.venues);
  takeCodedCounts(facets.continent, continent, counts.continent);
  takeCodedCounts(facets.country, country, counts.country);
  takeCodedCounts(facets.cifre, cifre, counts.cifre);
  takeCodedCounts(facets.kind, kind, counts.kind);
  return facets;
}

/** Moves the non-zero counts into the facet (and leaves the counters at zero for the next search). */
function takeCounts(facet: Record<string, number>, values: readonly string[], n: Int32Array): void {
  for (let i = 0; i < values.length; i++) {
    if (n[i] === 0) continue;
    facet[values[i]] = n[i];
    n[i] = 0;
  }
}

/** The same for a coded field: counters by code (0: none), only the values its facet counts. */
function takeCodedCounts(facet: Record<string, number>, field: CodedField, n: Int32Array): void {
  for (let c = 1; c < n.length; c++) if (n[c] > 0 && field.counted[c]) facet[field.values[c - 1]] = n[c];
  n.fill(0);
}
