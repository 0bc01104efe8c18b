import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/auth/accounts.server";
import { submissionsBy } from "~/lib/curation/submissions.server";

export const meta: MetaFunction = () => [{ title: "My submissions — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sent = Number(new URL(request.url).searchParams.get("sent"));
  return {
    email: user.email,
    sent: Number.isInteger(sent) && sent > 0 ? sent : null,
    submissions: await submissionsBy(user.id),
  };
}

const STATE_LABELS: Record<string, string> = {
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Rejected",
  conflict: "Needs a second look",
  reverted: "Reverted by a moderator",
};

export default function MySubmissionsPage() {
  const { sent, submissions } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>My submissions</h1>
      {sent ? (
        <p className="notice" role="status">
          Thank you: submission #{sent} waits for a moderator's review.
        </p>
      ) : null}
      {submissions.length === 0 ? (
        <p>
          None yet. <Link to="/submit">Propose a change</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>What</th>
                <th>Entry</th>
                <th>Sent</th>
                <th>State</th>
                <th>Moderator's note</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id} id={`submission-${s.id}`}>
                  <td>{s.id}</td>
                  <td>{s.kind}</td>
                  <td>{s.href ? <Link to={s.href}>{s.target}</Link> : s.target}</td>
                  <td>
                    <time dateTime={s.createdAt}>{s.createdAt.slice(0, 10)}</time>
                  </td>
                  <td>
                    <span className={`badge state-${s.state}`}>{STATE_LABELS[s.state] ?? s.state}</span>
                  </td>
                  <td className="pre-wrap">{s.moderatorNote ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
