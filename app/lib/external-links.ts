/** A URL from the data or a contributor, kept only if it is http(s): never a javascript: or data: link. */
export const httpOnly = (url: string | null | undefined): string | null =>
  url && /^https?:\/\//i.test(url) ? url : null;
