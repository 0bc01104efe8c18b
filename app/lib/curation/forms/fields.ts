/**
 * Field rules shared by every form schema (client and server alike): plain text without control
 * characters, bounded lengths, web addresses that are http(s) only, ISO dates. Each message names
 * its field, because it is shown next to it.
 */
import { z } from "zod";

/** The hidden field a person never fills and a form-filling bot usually does. */
export const HONEYPOT = "fax_number";

// Tab, newline and carriage return are allowed in multi-line text; no other control character
// (NUL cannot even be stored in Postgres text).
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F\u2028\u2029]/;
// A lone surrogate is not text either.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function base(label: string) {
  return z.string({ required_error: `${label} is required.`, invalid_type_error: `${label} must be text.` });
}

/** One line of text, trimmed. */
export function line(label: string, min: number, max: number) {
  return base(label)
    .max(max * 4, `${label} must be at most ${max} characters.`) // cheap bound before trimming huge input
    .trim()
    .min(min, min <= 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(
      (v) => !CONTROL_LINE.test(v) && !LONE_SURROGATE.test(v),
      `${label} must be plain text on one line (no control characters).`,
    );
}

/** Several lines of plain text, trimmed. */
export function paragraph(label: string, max: number) {
  return base(label)
    .max(max * 4, `${label} must be at most ${max} characters.`)
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .refine((v) => v.length <= max, `${label} must be at most ${max} characters.`)
    .refine(
      (v) => !CONTROL_MULTILINE.test(v) && !LONE_SURROGATE.test(v),
      `${label} must be plain text (no control characters).`,
    );
}

export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value) || CONTROL_LINE.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && /\./.test(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function httpUrl(label: string) {
  return base(label)
    .max(2000, `${label} must be at most 500 characters.`)
    .trim()
    .max(500, `${label} must be at most 500 characters.`)
    .refine(isHttpUrl, `${label} must be a web address starting with http:// or https://.`);
}

export function isoDate(label: string) {
  return base(label)
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01";
    }, `${label} must be a real date after 2000.`)
    .refine(
      (v) => v <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      `${label} cannot be in the future.`,
    );
}

/** Digits only: "0x10", "1e3" or "1.0" are not whole numbers a person typed. */
export function wholeNumber(label: string, min: number, max: number) {
  return base(label)
    .trim()
    .regex(/^\d{1,10}$/, `${label} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`));
}

export function choice<T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { errorMap: () => ({ message: `${label}: choose one of ${values.join(", ")}.` }) });
}

/** Yes / no / unknown, for the flags whose absence means "we do not know". */
export const TRI_STATE = ["yes", "no", "unknown"] as const;
export type TriState = (typeof TRI_STATE)[number];

export function triState(label: string) {
  return choice(label, TRI_STATE).default("unknown");
}

export const note = paragraph("Note", 1000).optional();
