import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { DiffTable } from "~/components/diff-table";
import { guardPost, requireModerator } from "~/lib/auth/accounts.server";
import { DecisionSchema, KIND_LABELS } from "~/lib/curation/forms/moderation";
import {
  approveSubmission,
  moderationQueue,
  moderationQueueSize,
  rejectSubmission,
} from "~/lib/curation/moderation.server";
import { badRequest } from "~/lib/http.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Moderation — Advisor Atlas" }];

const PER_PAGE = 50;

/** `?page=` (1-based) and `?per=` (1–100): whole numbers, else a 400. */
function pageParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw badRequest(`${name} must be a whole number from 1 to ${max}.`);
  return Number(raw);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  const url = new URL(request.url);
  const per = pageParam(url, "per", PER_PAGE, 100);
  const page = pageParam(url, "page", 1, 1_000_000);
  const total = await moderationQueueSize();
  return {
    queue: await moderationQueue(per, (page - 1) * per),
    total,
    page,
    per,
    pages: Math.max(1, Math.ceil(total / per)),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { formData } = await guardPost(args);
  const moderator = await requireModerator(args.request);
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  if (submission.status !== "success") {
    return data(
      {
        ok: false,
        id: Number(formData.get("submissionId")) || null,
        message: "The decision could not be read.",
        errors: submission.reply().error ?? {},
      },
      { status: 400 },
    );
  }
  const { submissionId, intent, note, seen } = submission.value;
  if (intent === "reject") {
    const r = await rejectSubmission({ submissionId, moderatorId: moderator.id, note: note || null });
    if (r.status === "rejected")
      return data({ ok: true, id: submissionId, message: `Submission #${submissionId} rejected.`, errors: {} });
    return data(
      {
        ok: false,
        id: submissionId,
        message:
          r.status === "already"
            ? `Submission #${submissionId} was already ${r.state}.`
            : `No submission #${submissionId}.`,
        errors: {},
      },
      { status: r.status === "already" ? 409 : 404 },
    );
  }
  const r = await approveSubmission({ submissionId, moderatorId: moderator.id, note: note || null, seen });
  switch (r.status) {
    case "approved":
      return data({
        ok: true,
        id: submissionId,
        message: `Submission #${submissionId} approved and applied.`,
        errors: {},
      });
    case "conflict":
      return data(
        {
          ok: false,
          id: submissionId,
          message: `Conflict on #${submissionId}: ${r.message} Nothing was overwritten; compare the current values below.`,
          errors: {},
        },
        { status: 409 },
      );
    case "already":
      return data(
        {
          ok: false,
          id: submissionId,
          message: `Submission #${submissionId} was already decided (${r.state}) by another moderator.`,
          errors: {},
        },
        { status: 409 },
      );
    case "not_found":
      return data(
        { ok: false, id: submissionId, message: `No submission #${submissionId}.`, errors: {} },
        { status: 404 },
      );
  }
}

export default function ModeratePage() {
  const { queue, total, page, per, pages } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `/moderate?page=${p}${per !== PER_PAGE ? `&per=${per}` : ""}`;
  const pager =
    pages > 1 ? (
      <nav className="pager" aria-label="Queue pages">
        {page > 1 ? <Link to={pageLink(page - 1)}>‹ Newer</Link> : null} Page {page} of {pages} ({total} waiting){" "}
        {page < pages ? <Link to={pageLink(page + 1)}>Older ›</Link> : null}
      </nav>
    ) : null;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section>
      <h1>Moderation queue</h1>
      <p className="muted">
        Oldest first. Approving applies the change at once, in one transaction; every applied change is in the{" "}
        <Link to="/audit">audit log</Link>, where it can be reverted.
      </p>
      {result ? (
        // Sticky: after a decision far down a long page, the answer is in view, not at the top.
        <p
          className={result.ok ? "notice sticky-notice" : "notice error-text sticky-notice"}
          role={result.ok ? "status" : "alert"}
        >
          {result.message}
        </p>
      ) : null}
      {pager}
      {queue.length === 0 ? <p>Nothing waits for review{page > 1 ? " on this page" : ""}.</p> : null}
      {queue.map((item) => (
        <article
          key={item.id}
          className="queue-item"
          id={`submission-${item.id}`}
          aria-labelledby={`submission-${item.id}-title`}
        >
          <h2 id={`submission-${item.id}-title`}>
            #{item.id} {KIND_LABELS[item.kind]}
            {item.state === "conflict" ? <span className="badge state-conflict"> conflict</span> : null}
          </h2>
          <p className="muted">
            Sent <time dateTime={item.createdAt}>{item.createdAt.slice(0, 16).replace("T", " ")}</time> by{" "}
            {item.submitter ?? "an anonymous visitor"}
          </p>
          {item.state === "conflict" && item.moderatorNote ? <p className="notice">{item.moderatorNote}</p> : null}
          {item.contributorNote ? (
            <p>
              <strong>Contributor's note:</strong> <span className="pre-wrap">{item.contributorNote}</span>
            </p>
          ) : null}
          {item.changes.map((c, i) => (
            <div key={i} className="diff">
              <h3>
                {c.href ? <Link to={c.href}>{c.title}</Link> : c.title}
                {c.missing ? <span className="error-text"> (no longer exists)</span> : null}
              </h3>
              {c.stale ? (
                <p className="muted">
                  This lab changed since the contributor opened the form: fields they left untouched keep their current
                  value.
                </p>
              ) : null}
              <DiffTable
                rows={c.fields}
                beforeLabel="Now"
                afterLabel={c.stale ? "Will be (merged)" : "Proposed"}
                baseLabel={c.stale ? "Contributor started from" : undefined}
              />
            </div>
          ))}
          <Form method="post" className="decision" preventScrollReset>
            <CsrfField />
            <input type="hidden" name="submissionId" value={item.id} />
            {item.state === "conflict" ? <input type="hidden" name="seen" value={item.seen} /> : null}
            <label htmlFor={`note-${item.id}`}>Note to the contributor (optional)</label>
            <textarea id={`note-${item.id}`} name="note" rows={2} maxLength={2000} />
            {result && !result.ok && result.id === item.id && "note" in result.errors ? (
              <p className="error-text">{String(result.errors.note)}</p>
            ) : null}
            <div className="buttons">
              <button type="submit" name="intent" value="approve" disabled={busy}>
                {item.state === "conflict" ? "Approve against the current version" : "Approve"}
              </button>
              <button type="submit" name="intent" value="reject" className="secondary" disabled={busy}>
                Reject
              </button>
            </div>
          </Form>
        </article>
      ))}
      {pager}
    </section>
  );
}
