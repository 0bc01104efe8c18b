import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { labChoices } from "~/lib/curation/submissions.server";

export const meta: MetaFunction = () => [{ title: "Edit a lab — Advisor Atlas" }];

export async function loader() {
  return { labs: await labChoices() };
}

export default function ChooseLabPage() {
  const { labs } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Which lab do you want to edit?</h1>
      <ul className="choice-list">
        {labs.map((l) => (
          <li key={l.slug}>
            <Link to={`/submit/lab/${l.slug}`}>{l.name}</Link>
          </li>
        ))}
      </ul>
      <p>
        Missing? <Link to="/submit/new-lab">Add a lab</Link>.
      </p>
    </section>
  );
}
