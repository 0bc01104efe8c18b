import type { ReactNode } from "react";

/** A cell spanning several columns (the next columns then answer null for that row). */
export type SpanningCell = { colSpan: number; className?: string; content: ReactNode };

export type RankedColumn<T> = {
  header: ReactNode;
  /** Numbers are right-aligned. */
  num?: boolean;
  /** A ReactNode, a spanning cell, or null when an earlier cell of the row spans this column. */
  cell: (row: T) => ReactNode | SpanningCell | null;
};

const isSpanning = (v: unknown): v is SpanningCell =>
  typeof v === "object" && v !== null && "colSpan" in v && "content" in v;

/**
 * The ranked tables of the lab and institution lists: one row per item, the columns given by the
 * route, so each list page only says what it shows.
 */
export function RankedTable<T>({
  rows,
  columns,
  rowKey,
  empty,
}: {
  rows: readonly T[];
  columns: readonly RankedColumn<T>[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" className={c.num ? "num" : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c, i) => {
                  const v = c.cell(row);
                  if (v === null) return null;
                  if (isSpanning(v))
                    return (
                      <td key={i} colSpan={v.colSpan} className={v.className}>
                        {v.content}
                      </td>
                    );
                  return (
                    <td key={i} className={c.num ? "num" : undefined}>
                      {v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p>{empty}</p>}
    </>
  );
}

/** The export links of a list: the same filters as the page, as CSV and JSON. */
export function ExportLinks({ api, search }: { api: string; search: string }) {
  return (
    <p>
      Export: <a href={`${api}.csv${search}`}>CSV</a> · <a href={`${api}${search}`}>JSON</a>
    </p>
  );
}
