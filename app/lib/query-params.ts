/**
 * Reading query-string parameters for the list pages, the search and the API alike: a bad value
 * becomes a problem with a message (shown beside the form, or a 400 from the API), never an error.
 */
export type ParamProblem = { param: string; message: string };

/** A user's text, shortened for quoting in a message. */
export function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** A whole number within [min, max]: out of range is clamped, anything else ignored (fallback). */
export function intParam(
  params: URLSearchParams,
  name: string,
  problems: ParamProblem[],
  { min, max, fallback }: { min: number; max: number; fallback: number | null },
): number | null {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return fallback;
  if (!/^-?\d{1,9}$/.test(raw.trim())) {
    problems.push({
      param: name,
      message: `${name} must be a whole number between ${min} and ${max}; "${truncate(raw)}" was ignored.`,
    });
    return fallback;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    const clamped = Math.min(max, Math.max(min, n));
    // Worded for both readers: a page answers with the nearest value, the API with a 400.
    problems.push({
      param: name,
      message: `${name} must be between ${min} and ${max}, not ${n}; the nearest allowed value is ${clamped}.`,
    });
    return clamped;
  }
  return n;
}
