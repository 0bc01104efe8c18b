/**
 * Bounds on a submitted form, checked before conform or zod look at it.
 *
 * Why: conform turns `students[99999].personId=7` into an array of 100,000 entries, and the
 * re-rendered form draws one row per entry; `x[4294967294]=1` asks for an array the heap cannot
 * hold. The body-size limit does not help, since a 13-byte field names a huge index. So every
 * field name is read here first, with a strict grammar and hard limits on the number of fields,
 * the nesting depth, each array index and the total number of array slots the names would
 * expand to; anything past them is refused with a short message (a 400), and nothing downstream
 * ever sees it. Names outside the grammar are dropped; names over 200 characters are refused. Pure module: no I/O, used by `guardPost`
 * for every action.
 */

export const FORM_LIMITS = {
  /** The lab edit, the largest form: ~20 fields plus 5 per advisor for up to 200 advisors. */
  maxFields: 1200,
  maxNameLength: 200,
  /** Segments in a name: `students[3].count` has three. */
  maxDepth: 4,
  /** The largest array index a name may carry (the lab edit lists at most 200 advisors). */
  maxIndex: 255,
  /** Array slots all names together would create (sum over arrays of their largest index + 1). */
  maxExpanded: 2000,
} as const;

export type FormLimits = { [K in keyof typeof FORM_LIMITS]: number };

/** ok: the names to drop (not in the grammar: no form of this site sends them); else why refused. */
export type FormBoundsResult = { ok: true; dropped: string[] } | { ok: false; message: string };

// A name is a key, then `.key` or `[digits]` segments. Keys are word characters and dashes, as in
// every form of this site; `__proto__`, `constructor` and `prototype` are never field names.
const KEY = /^[A-Za-z_$][\w$-]*$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

type Segment = string | number;

/** Splits `a.b[2].c` into ["a", "b", 2, "c"]; null when the name is not in the grammar. */
export function parseFieldName(name: string, limits: FormLimits = FORM_LIMITS): Segment[] | null {
  if (name.length === 0 || name.length > limits.maxNameLength) return null;
  const segments: Segment[] = [];
  let i = 0;
  while (i < name.length) {
    if (name[i] === "[") {
      const close = name.indexOf("]", i + 1);
      if (close < 0 || segments.length === 0) return null;
      const digits = name.slice(i + 1, close);
      // At most 10 digits keeps Number() exact; the limit check below decides the rest.
      if (!/^\d{1,10}$/.test(digits)) return null;
      segments.push(Number(digits));
      i = close + 1;
    } else {
      if (segments.length > 0) {
        if (name[i] !== ".") return null;
        i++;
      }
      let end = i;
      while (end < name.length && name[end] !== "." && name[end] !== "[") end++;
      const key = name.slice(i, end);
      if (!KEY.test(key) || FORBIDDEN_KEYS.has(key)) return null;
      segments.push(key);
      i = end;
    }
  }
  return segments;
}

function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7E]/g, "?");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/**
 * Checks every field of a form against the limits. Works on any list of entries (FormData,
 * URLSearchParams), so the same check serves the server and the tests.
 */
export function checkFormBounds(
  entries: Iterable<[string, unknown]>,
  limits: FormLimits = FORM_LIMITS,
): FormBoundsResult {
  let fields = 0;
  const dropped: string[] = [];
  // For each container path ("students", "students[3]"): what it is and, for arrays, its largest index.
  const kinds = new Map<string, "array" | "object" | "leaf">();
  const largestIndex = new Map<string, number>();
  let expanded = 0;
  for (const [name] of entries) {
    if (++fields > limits.maxFields)
      return { ok: false, message: `The form has too many fields (at most ${limits.maxFields}).` };
    // Values are left to the schemas, which bound each one and answer next to its field (the
    // HTTP server caps the body at 64 kB); a file where text belongs is a schema error too.
    // A name past the length limit is a deeply nested field (`a[0][0]…`) or padding: refused like
    // one too deep, not dropped (dropping it let the rest of such a form through as if sane).
    if (name.length > limits.maxNameLength)
      return { ok: false, message: `The field “${shown(name)}” is too long (nested too deeply).` };
    const segments = parseFieldName(name, limits);
    // A name outside the grammar ("%zz", "a]b", "__proto__") is no field of ours: dropped, so
    // the rest of the form is still read and answered field by field.
    if (!segments) {
      dropped.push(name);
      continue;
    }
    if (segments.length > limits.maxDepth)
      return { ok: false, message: `The field “${shown(name)}” is nested too deeply.` };
    let path = "";
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s];
      if (typeof segment === "number") {
        if (segment > limits.maxIndex)
          return { ok: false, message: `The field “${shown(name)}” has an index over ${limits.maxIndex}.` };
        const before = largestIndex.get(path) ?? -1;
        if (segment > before) {
          expanded += segment - before;
          if (expanded > limits.maxExpanded)
            return {
              ok: false,
              message: `The form's lists are too long (at most ${limits.maxExpanded} entries in all).`,
            };
          largestIndex.set(path, segment);
        }
      }
      // What `path` holds: a list (next segment is an index) or an object (next is a key).
      const kind = typeof segment === "number" ? "array" : "object";
      if (s > 0) {
        const had = kinds.get(path);
        if (had && had !== kind)
          return { ok: false, message: `The field “${shown(name)}” does not fit the form's shape.` };
        kinds.set(path, kind);
      }
      path = typeof segment === "number" ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`;
    }
    const had = kinds.get(path);
    if (had && had !== "leaf")
      return { ok: false, message: `The field “${shown(name)}” does not fit the form's shape.` };
    kinds.set(path, "leaf");
  }
  return { ok: true, dropped };
}

/**
 * The form to hand to conform: the submitted one when every name is in the grammar, else a copy
 * without the dropped names; or the reason it is refused.
 */
export function boundedForm(
  formData: FormData,
  limits: FormLimits = FORM_LIMITS,
): { ok: true; formData: FormData } | { ok: false; message: string } {
  const checked = checkFormBounds(formData.entries(), limits);
  if (!checked.ok) return checked;
  if (checked.dropped.length === 0) return { ok: true, formData };
  const drop = new Set(checked.dropped);
  const kept = new FormData();
  for (const [name, value] of formData.entries()) if (!drop.has(name)) kept.append(name, value);
  return { ok: true, formData: kept };
}
