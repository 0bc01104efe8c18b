import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { DiffTable } from "~/components/diff-table";
import { guardPost, requireModerator } from "~/lib/auth/accounts.server";
import { auditEntryExists, listAudit, revertChange } from "~/lib/curation/audit.server";
import { KIND_LABELS, RevertSchema } from "~/lib/curation/forms/moderation";
import { badRequest } from "~/lib/http.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Audit log — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  const url = new URL(request.url);
  const type = url.searchParams.get("entity");
  const rawId = url.searchParams.get("id");
  const id = Number(rawId);
  // Ids are Postgres integers: anything else names no entry and must not reach the query.
  if (rawId !== null && rawId !== "" && !(/^\d{1,10}$/.test(rawId) && id >= 1 && id <= 2_147_483_647)) {
    throw badRequest(`No audit history for id “${rawId.slice(0, 20)}”: ids are whole numbers up to 2147483647.`);
  }
  if (type !== null && type !== "" && type !== "lab" && type !== "advisor")
    throw badRequest("entity must be lab or advisor.");
  const filtered = (type === "lab" || type === "advisor") && Number.isInteger(id) && id > 0;
  return { entries: await listAudit(filtered ? { entityType: type, entityId: id } : {}), filtered };
}

export async function action(args: ActionFunctionArgs) {
  const { formData } = await guardPost(args);
  const moderator = await requireModerator(args.request);
  const submission = parseWithZod(formData, { schema: RevertSchema });
  if (submission.status !== "success")
    return data({ ok: false, message: "Choose an audit entry to revert." }, { status: 400 });
  const { auditId, confirm } = submission.value;
  if (confirm !== "yes") {
    if (!(await auditEntryExists(auditId)))
      return data({ ok: false, message: `No audit entry #${auditId}.` }, { status: 404 });
    return data({
      ok: true,
      confirm: auditId,
      message: `Revert change #${auditId}? Its earlier values are written back as a new change.`,
    });
  }
  const r = await revertChange({ auditId, actorId: moderator.id });
  if (r.status === "reverted")
    return data({ ok: true, message: `Change #${auditId} reverted (audit entry #${r.auditId}).` });
  if (r.status === "conflict")
    return data({ ok: false, message: `Change #${auditId} was not reverted: ${r.message}` }, { status: 409 });
  if (r.status === "already")
    return data(
      { ok: false, message: `Change #${auditId} is already reverted (by #${r.revertedBy}).` },
      { status: 409 },
    );
  return data({ ok: false, message: `No audit entry #${auditId}.` }, { status: 404 });
}

const ACTION_LABELS: Record<string, string> = { ...KIND_LABELS, revert: "Revert" };

export default function AuditPage() {
  const { entries, filtered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section>
      <h1>Audit log</h1>
      <p className="muted">
        Every applied change, newest first, with the values before and after. Reverting writes the earlier values back
        as a new change.
        {filtered ? (
          <>
            {" "}
            <Link to="/audit">Show all entries</Link>.
          </>
        ) : null}
      </p>
      {result && !("confirm" in result) ? (
        <p
          className={result.ok ? "notice sticky-notice" : "notice error-text sticky-notice"}
          role={result.ok ? "status" : "alert"}
        >
          {result.message}
        </p>
      ) : null}
      {entries.length === 0 ? <p>No change has been applied yet.</p> : null}
      {entries.map((e) => (
        <article key={e.id} className="audit-entry" id={`audit-${e.id}`} aria-labelledby={`audit-${e.id}-title`}>
          <h2 id={`audit-${e.id}-title`}>
            #{e.id} {ACTION_LABELS[e.action] ?? e.action}:{" "}
            {e.entityHref ? <Link to={e.entityHref}>{e.entityName}</Link> : e.entityName}
          </h2>
          <p className="muted">
            <time dateTime={e.at}>{e.at.slice(0, 19).replace("T", " ")}</time> by {e.actor ?? "—"}
            {e.submissionId ? <> · submission #{e.submissionId}</> : null}
            {e.revertsAuditId ? (
              <>
                {" "}
                · reverts <a href={`#audit-${e.revertsAuditId}`}>#{e.revertsAuditId}</a>
              </>
            ) : null}
            {e.revertedBy.length ? <> · reverted by {e.revertedBy.map((id) => `#${id}`).join(", ")}</> : null}
            {" · "}
            <Link to={`/audit?entity=${e.entityType}&id=${e.entityId}`}>history of this entry</Link>
          </p>
          <DiffTable rows={e.changes} beforeLabel="Before" afterLabel="After" />
          {e.undoneBy !== null ? (
            <p className="muted">Reverted by #{e.undoneBy}: nothing to revert.</p>
          ) : result && "confirm" in result && result.confirm === e.id ? (
            <Form
              method="post"
              preventScrollReset
              className="notice"
              role="alertdialog"
              aria-labelledby={`confirm-${e.id}`}
            >
              <p id={`confirm-${e.id}`}>{result.message}</p>
              <CsrfField />
              <input type="hidden" name="auditId" value={e.id} />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" disabled={busy}>
                Yes, revert #{e.id}
              </button>{" "}
              <Link to={`/audit${filtered ? `?entity=${e.entityType}&id=${e.entityId}` : ""}#audit-${e.id}`}>
                Cancel
              </Link>
            </Form>
          ) : (
            <Form method="post" preventScrollReset>
              <CsrfField />
              <input type="hidden" name="auditId" value={e.id} />
              <button type="submit" className="secondary" disabled={busy}>
                Revert this change
              </button>
            </Form>
          )}
        </article>
      ))}
    </section>
  );
}
