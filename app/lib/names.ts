/**
 * Name normalisation: the key that groups authorships into people when no OpenReview id is given,
 * and that search matches against. Case, accents, spacing and dots are ignored.
 */

// Letters that Unicode decomposition does not split into base letter + accent.
const FOLD: Record<string, string> = {
  ß: "ss", ø: "o", Ø: "o", ł: "l", Ł: "l", đ: "d", Đ: "d", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe",
  ı: "i", þ: "th", ð: "d",
};

export function foldAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßøØłŁđĐæÆœŒıþð]/g, (c) => FOLD[c] ?? c);
}

/** "  Gaël  VAROQUAUX " and "Gael Varoquaux" -> "gael varoquaux"; "Anup B. Rao" -> "anup b rao". */
export function normalizeName(name: string): string {
  return foldAccents(name)
    .toLowerCase()
    .replace(/\./g, " ")
    .replace(/\s+/g, " ")
    .trim();
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
 * Slug of a person known by OpenReview id: "~Huaxiu_Yao1" -> "huaxiu-yao", "~Xu_Yang10" -> "xu-yang-10".
 * OpenReview ids are unique, so these slugs are too.
 */
export function slugFromOpenReviewId(id: string): string {
  const m = /^~?(.*?)(\d+)?$/.exec(id.normalize("NFC"));
  const base = slugify((m?.[1] ?? id).replace(/_/g, " "));
  const n = m?.[2];
  return n && n !== "1" ? `${base}-${n}` : base;
}
