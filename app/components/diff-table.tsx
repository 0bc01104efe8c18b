/** A field-by-field comparison (moderation: now vs proposed; audit: before vs after). User text stays plain text. */
export type DiffRow = { field: string; before: string; after: string; changed?: boolean; base?: string };

/** With `baseLabel` (a stale edit), a third column shows what the contributor started from. */
export function DiffTable({
  rows,
  beforeLabel,
  afterLabel,
  baseLabel,
}: {
  rows: DiffRow[];
  beforeLabel: string;
  afterLabel: string;
  baseLabel?: string;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Field</th>
            {baseLabel ? <th>{baseLabel}</th> : null}
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
              {baseLabel ? <td className="pre-wrap">{r.base ?? ""}</td> : null}
              <td className="pre-wrap">{r.before}</td>
              <td className="pre-wrap">{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
