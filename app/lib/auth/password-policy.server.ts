/**
 * What a new password may not be, checked on the server only (the list is ~50,000 words and
 * stays out of the browser bundle): one of the most common passwords (the list maintained by
 * the zxcvbn-ts project, @zxcvbn-ts/language-common), the account's own e-mail or its local part,
 * one character repeated ("aaaaaaaaaa", ten spaces), or a run such as "abcdefghij".
 */
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary.passwords.map((p) => p.toLowerCase()));
  return common;
}

function isRun(s: string): boolean {
  if (s.length < 3) return false;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** A message saying why `password` is refused, or null when it is acceptable. */
export function weakPasswordReason(password: string, email: string): string | null {
  const p = password.normalize("NFKC").toLowerCase();
  const trimmed = p.trim();
  const mail = email.trim().toLowerCase();
  const local = mail.split("@")[0] ?? "";
  if (trimmed === "" || new Set([...p]).size === 1) return "Password cannot be one character repeated.";
  if (
    trimmed === mail ||
    (local.length >= 3 && (trimmed === local || trimmed.includes(mail) || trimmed.replace(/\d+$/, "") === local))
  ) {
    return "Password cannot be your email address.";
  }
  if (isRun(trimmed)) return "Password cannot be a simple sequence such as 1234567890.";
  const stem = trimmed.replace(/\d+$/, ""); // "password2024" is "password" with a year
  if (commonPasswords().has(trimmed) || (stem.length >= 8 && commonPasswords().has(stem))) {
    return "This password is one of the most common ones; choose another.";
  }
  return null;
}
