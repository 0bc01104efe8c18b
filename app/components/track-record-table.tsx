import { VENUES } from "~/lib/venues";

/**
 * Papers per venue and year as a table, newest year first, with a total per year: the numbers
 * behind the chart, on advisor, lab and institution pages alike.
 */
export function TrackRecordTable({ rows }: { rows: readonly { venue: string; year: number; papers: number }[] }) {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  const venues = VENUES.filter((v) => rows.some((r) => r.venue === v.id));
  const counts = new Map(rows.map((r) => [`${r.venue}|${r.year}`, r.papers]));
  const cell = (venue: string, year: number) => counts.get(`${venue}|${year}`) ?? 0;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Conference papers per venue and year</caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            {venues.map((v) => (
              <th key={v.id} scope="col" className="num">
                {v.name}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y}>
              <th scope="row">{y}</th>
              {venues.map((v) => (
                <td key={v.id} className="num">
                  {cell(v.id, y) || ""}
                </td>
              ))}
              <td className="num">{venues.reduce((s, v) => s + cell(v.id, y), 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
