/**
 * Name normalisation: the key that groups authorships into people when no OpenReview id is given,
 * and that search matches against. Case, accents, spacing and dots are ignored.
 */

// Letters that Unicode decomposition does not split into base letter + accent.
const FOLD: Record<string, string> = {
  ß: "ss",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ı: "i",
  þ: "th",
  ð: "d",
};

export function foldAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßøØłŁđĐæÆœŒıþð]/g, (c) => FOLD[c] ?? c);
}

/** "  Gaël  VAROQUAUX " and "Gael Varoquaux" -> "gael varoquaux"; "Anup B. Rao" -> "anup b rao". */
export function normalizeName(name: string): string {
  return foldAccents(name).toLowerCase().replace(/\./g, " ").replace(/\s+/g, " ").trim();
}

/**
 * The key that groups authorships printed with a name and no id into one person, and matches them
 * to the one OpenReview id printed with that name: normalizeName with apostrophes made one
 * ("d’Aspremont", "d'Aspremont") and hyphens read as spaces ("Maria-Florina Balcan", "Maria Florina
 * Balcan").
 */
export function personNameKey(name: string): string {
  return personNameWords(name).replace(/-/g, " ").replace(/\s+/g, " ").trim();
}

/** normalizeName with apostrophes made one, hyphens kept: a compound name stays one word ("jean-paul martin"). */
export function personNameWords(name: string): string {
  return normalizeName(name).replace(/[’‘`´ʼ]/g, "'");
}

/** URL-safe lower-case slug: "Gaël Varoquaux" -> "gael-varoquaux". */
export function slugify(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/**
 * The one slug allocator: the first of root, root-2, root-3, … that is not taken ("fallback" when
 * the root is empty). Callers pass every taken slug that could collide (at least those equal to
 * root or starting with "root-"); where two writers may race, the table's unique slug index and the
 * caller's transaction decide, as before.
 */
export function allocateSlug(root: string, taken: ReadonlySet<string>, fallback = "x"): string {
  const base = root || fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Slug of a person known by OpenReview id: "~Huaxiu_Yao1" -> "huaxiu-yao", "~Xu_Yang10" -> "xu-yang-10".
 * OpenReview ids are unique, so these slugs are too.
 */
export function slugFromOpenReviewId(id: string): string {
  const m = /^~?(.*?)(\d+)?$/.exec(id.normalize("NFC"));
  const base = slugify((m?.[1] ?? id).replace(/_/g, " "));
  const n = m?.[2];
  return n && n !== "1" ? `${base}-${n}` : base;
}

/**
 * The key names are matched on in `q=` and search: normalised, hyphens and apostrophes as spaces,
 * and German transliterations folded like the accents they stand for ("Schoelkopf" = "Schölkopf").
 */
export function nameMatchKey(name: string): string {
  return normalizeName(name.replace(/[-‐‑–'’]/g, " "))
    .replace(/([aou])e/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Does a name query find a person known under these names (the printed variants)? In any order,
 * every word of the query is a word of one name, the last one (still being typed) only its start
 * ("lawr" finds "Neil Lawrence"; "Han Zhao" does not find "Jingzhao Zhang", nor "Jian Pei" "Peijie
 * Jiang"); in order, the first and last words may be starts ("Yosh Beng" finds "Yoshua Bengio"); when the
 * query has three words or more, its middle words may be left out ("Neil D. Lawrence" finds "Neil
 * Lawrence", "Andrew Gordon Wilson" finds "Andrew Wilson"), and an initial matches a word with that
 * first letter either way ("J. Mairal" and "Julien Mairal"). Two people stay two people: this only
 * decides what a search lists.
 */
export function nameQueryMatches(query: string, names: readonly string[]): boolean {
  return nameKeysMatch(nameQueryWords(query), names.map(nameMatchKey));
}

/**
 * A name query as a name is written: "Last, First" (as references and reading lists print it) in
 * the order names are kept ("Varoquaux, Gaël" -> "Gaël Varoquaux", "Lawrence, Neil D." -> "Neil D.
 * Lawrence"); any other comma is a space.
 */
export function nameQueryOrder(query: string): string {
  const m = /^\s*([^,]+?)\s*,\s*([^,]+?)\s*$/.exec(query);
  return m ? `${m[2]} ${m[1]}` : query.replace(/,/g, " ");
}

/** A query's words, for nameKeysMatch (computed once per request). */
export function nameQueryWords(query: string): string[] {
  return nameMatchKey(nameQueryOrder(query)).split(" ").filter(Boolean);
}

/** nameQueryMatches on precomputed keys (nameMatchKey of each name). */
export function nameKeysMatch(q: readonly string[], keys: readonly string[]): boolean {
  if (q.length === 0) return true;
  return keys.some((key) => {
    // In any order, each word of the query is a word of the name, the last one (still being typed)
    // its start: "Li Fei-Fei" finds "Fei-Fei Li", "lawr" finds "Lawrence"; "han" is not inside
    // "zhang", and "Jian Pei" is not "Peijie Jiang".
    const spaced = ` ${key} `;
    if (q.every((t, i) => (i < q.length - 1 ? spaced.includes(` ${t} `) : key.startsWith(t) || key.includes(` ${t}`))))
      return true;
    if (q.length < 2) return false;
    const words = key.split(" ").filter(Boolean);
    if (words.length === 0) return false;
    const same = (a: string, b: string) => b.startsWith(a) || (b.length === 1 && a.startsWith(b));
    // First and last words must agree; the query's middle words are optional.
    if (!same(q[0], words[0]) || !same(q[q.length - 1], words[words.length - 1])) return false;
    const rest = words.slice(1, -1);
    return q.slice(1, -1).every((m) => m.length === 1 || rest.length === 0 || rest.some((w) => same(m, w)));
  });
}

/**
 * With a name query, people printed under exactly the name asked for come first, each group keeping
 * its order (the rank): "Yee Whye Teh" lists Yee Whye Teh before "Yee W. Teh", who also matches.
 */
export function exactNameMatchesFirst(
  indices: readonly number[],
  terms: readonly string[],
  keysOf: (i: number) => readonly string[],
): number[] {
  if (terms.length === 0) return [...indices];
  const exact = terms.join(" ");
  const first: number[] = [];
  const rest: number[] = [];
  for (const i of indices) (keysOf(i).includes(exact) ? first : rest).push(i);
  return first.concat(rest);
}
