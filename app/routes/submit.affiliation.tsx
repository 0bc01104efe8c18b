import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormErrors, Honeypot, TextAreaField, TextField } from "~/components/form-fields";
import { guardPost } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { AffiliationSchema } from "~/lib/curation/forms/affiliation";
import { proposeAffiliation } from "~/lib/curation/submissions.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Correct an affiliation — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withCsrf(request, { advisor: new URL(request.url).searchParams.get("advisor")?.slice(0, 300) ?? "" });
}

export async function action(args: ActionFunctionArgs) {
  const { user, ip, formData, trapped } = await guardPost(args, "submit");
  const submission = parseWithZod(formData, { schema: AffiliationSchema });
  if (trapped)
    return data({ result: submission.reply({ formErrors: ["This form could not be accepted."] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await proposeAffiliation(submission.value, { userId: user?.id ?? null, ip });
  if (outcome.status !== "saved") {
    return data(
      { result: submission.reply({ fieldErrors: outcome.status === "invalid" ? outcome.fieldErrors : {} }) },
      { status: 400 },
    );
  }
  return redirect(user ? `/account/submissions?sent=${outcome.id}` : `/submit?sent=${outcome.id}`);
}

export default function AffiliationPage() {
  const { advisor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "affiliation",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AffiliationSchema),
    shouldValidate: "onBlur",
    defaultValue: { advisor },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AffiliationSchema }),
  });
  return (
    <section className="form-page">
      <h1>Correct where an advisor works</h1>
      <p className="muted">
        The site derives affiliations from the latest papers; a reviewed correction with a source wins over that.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          meta={fields.advisor}
          label="Advisor"
          help="The address of their page on this site, e.g. /advisors/jane-doe."
        />
        <TextField meta={fields.institution} label="Institution" help="Where they work now, as the site names it." />
        <TextField
          meta={fields.sourceUrl}
          label="Source"
          type="url"
          help="Their homepage or staff page that says so."
        />
        <TextAreaField meta={fields.note} label="Note for the moderators (optional)" rows={3} />
        <Honeypot />
        <CsrfField />
        <button type="submit">Submit for review</button>
      </Form>
    </section>
  );
}
