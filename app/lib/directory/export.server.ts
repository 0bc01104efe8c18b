/** CSV exports of the filtered lists (same parameters as the pages and the JSON API). */
import { stringify } from "csv-stringify/sync";

export function csvResponse(filename: string, header: string[], rows: unknown[][]): Response {
  // A leading =, +, - or @ would be read as a formula by spreadsheets: prefix it with a quote.
  const safe = rows.map((r) => r.map((v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
  return new Response(stringify([header, ...safe]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
