/** A field-by-field comparison (moderation: now vs proposed; audit: before vs after). User text stays plain text. */
export type DiffRow = { field: string; before: string; after: string; changed?: boolean };

export function DiffTable({ rows, beforeLabel, afterLabel }: { rows: DiffRow[]; beforeLabel: string; afterLabel: string }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>{beforeLabel}</th>
            <th>{afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={r.changed ? "changed" : undefined}>
              <th scope="row">
                {r.field}
                {r.changed ? <span className="visually-hidden"> (changed)</span> : null}
              </th>
              <td className="pre-wrap">{r.before}</td>
              <td className="pre-wrap">{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
