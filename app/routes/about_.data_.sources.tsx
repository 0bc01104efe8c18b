import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProvenanceTable } from "~/components/provenance-table";
import { venueYearProvenance } from "~/lib/import/provenance.server";

export const meta: MetaFunction = () => [{ title: "Where the papers come from — Advisor Atlas" }];

export async function loader() {
  return { rows: await venueYearProvenance() };
}

export default function DataSources() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>Where the papers come from</h1>
      <p>
        Per venue and year: the shipped data (seed files), paper lists an operator imported (
        <code>npm run import:papers</code>), and dblp (<code>npm run import:dblp</code>, the monthly dump, CC0), with
        the date each came in. dblp adds papers only for years no listing covers, and links authorships to dblp's
        disambiguated people elsewhere.
      </p>
      <ProvenanceTable rows={rows} />
    </article>
  );
}
