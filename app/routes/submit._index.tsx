import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/lib/auth/accounts.server";
import { findLabBySlug } from "~/lib/curation/submissions.server";

export const meta: MetaFunction = () => [{ title: "Propose a change — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const sent = Number(new URL(request.url).searchParams.get("sent"));
  const lab = new URL(request.url).searchParams.get("lab");
  const target = lab ? await findLabBySlug(lab.slice(0, 200)) : null;
  return {
    signedIn: user !== null,
    sent: Number.isInteger(sent) && sent > 0 ? sent : null,
    lab: target && { slug: target.slug, name: target.name },
  };
}

export default function SubmitIndex() {
  const { signedIn, sent, lab } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Propose a change</h1>
      {sent ? (
        <p className="notice" role="status">
          Thank you: submission #{sent} waits for a moderator's review. Nothing changes on the site before it is
          approved.
        </p>
      ) : null}
      <p>Every proposal is reviewed by a moderator before it appears, and every fact needs a page that shows it.</p>
      {!signedIn ? (
        <p className="muted">
          You can propose without an account. <Link to="/signin?redirectTo=/submit">Sign in</Link> or{" "}
          <Link to="/signup?redirectTo=/submit">sign up</Link> to follow your submissions and read the moderators'
          notes.
        </p>
      ) : null}
      {lab ? (
        <>
          <h2>About {lab.name}</h2>
          <ul className="choice-list">
            <li>
              <Link to={`/submit/lab/${lab.slug}`}>Edit this lab</Link> (description, CIFRE, recruiting, students per
              advisor).
            </li>
            <li>
              <Link to={`/submit/member?lab=${lab.slug}`}>Add an advisor to this lab, or remove one</Link>.
            </li>
          </ul>
          <h2>Something else</h2>
        </>
      ) : null}
      <ul className="choice-list">
        <li>
          <Link to="/submit/new-lab">Add a lab</Link> that is missing.
        </li>
        <li>
          Edit a lab (description, CIFRE, recruiting, students per advisor): open the lab's page and follow “Propose an
          edit”, or go to <Link to="/submit/lab">choose a lab</Link>.
        </li>
        <li>
          <Link to="/submit/member">Add an advisor to a lab, or remove one</Link>.
        </li>
        <li>
          <Link to="/submit/affiliation">Correct where an advisor works</Link>.
        </li>
      </ul>
    </section>
  );
}
