import type { VenueYearProvenance } from "~/lib/import/provenance.server";

const SOURCE_LABEL: Record<string, string> = { seed: "shipped data", "paper-list": "paper list", dblp: "dblp" };

/** Per venue and year: how many papers, from which source and file, imported when. */
export function ProvenanceTable({ rows }: { rows: VenueYearProvenance[] }) {
  return (
    <table className="provenance">
      <caption>Where each venue-year's papers come from</caption>
      <thead>
        <tr>
          <th scope="col">Venue</th>
          <th scope="col">Year</th>
          <th scope="col">Papers</th>
          <th scope="col">Sources</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.venue}-${r.year}`} data-venue-year={`${r.venue}-${r.year}`}>
            <td>{r.venueName}</td>
            <td>{r.year}</td>
            <td>{r.papers.toLocaleString("en")}</td>
            <td>
              {r.sources.map((s) => (
                <div key={`${s.source}-${s.file}`}>
                  {SOURCE_LABEL[s.source] ?? s.source}
                  {s.file ? <> ({s.file})</> : null}: {s.papers.toLocaleString("en")} papers
                  {s.lastImported ? <>, imported {s.lastImported.slice(0, 10)}</> : null}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
