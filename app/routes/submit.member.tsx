import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormErrors, Honeypot, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { guardPost } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { MemberSchema } from "~/lib/curation/forms/member";
import { labChoices, proposeMemberChange } from "~/lib/curation/submissions.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Add or remove an advisor — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return withCsrf(request, {
    labs: await labChoices(),
    lab: url.searchParams.get("lab")?.slice(0, 200) ?? "",
    advisor: url.searchParams.get("advisor")?.slice(0, 300) ?? "",
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, ip, formData, trapped } = await guardPost(args, "submit");
  const submission = parseWithZod(formData, { schema: MemberSchema });
  if (trapped)
    return data({ result: submission.reply({ formErrors: ["This form could not be accepted."] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await proposeMemberChange(submission.value, { userId: user?.id ?? null, ip });
  if (outcome.status !== "saved") {
    return data(
      { result: submission.reply({ fieldErrors: outcome.status === "invalid" ? outcome.fieldErrors : {} }) },
      { status: 400 },
    );
  }
  return redirect(user ? `/account/submissions?sent=${outcome.id}` : `/submit?sent=${outcome.id}`);
}

export default function MemberPage() {
  const { labs, lab, advisor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "member",
    lastResult: actionData?.result,
    constraint: getZodConstraint(MemberSchema),
    shouldValidate: "onBlur",
    defaultValue: { lab, advisor, op: "add", role: "advisor" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MemberSchema }),
  });
  return (
    <section className="form-page">
      <h1>Add an advisor to a lab, or remove one</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.lab}
          label="Lab"
          options={[{ value: "", label: "— choose a lab —" }, ...labs.map((l) => ({ value: l.slug, label: l.name }))]}
        />
        <SelectField
          meta={fields.op}
          label="Change"
          options={[
            { value: "add", label: "Add this advisor" },
            { value: "remove", label: "Remove this advisor" },
          ]}
        />
        <TextField
          meta={fields.advisor}
          label="Advisor"
          help="The address of their page on this site, e.g. /advisors/jane-doe."
        />
        <TextField meta={fields.role} label="Role" help="For an addition: advisor, head, member…" />
        <TextField
          meta={fields.sourceUrl}
          label="Source"
          type="url"
          help="A page that shows the advisor in (or no longer in) the lab."
        />
        <TextAreaField meta={fields.note} label="Note for the moderators (optional)" rows={3} />
        <Honeypot />
        <CsrfField />
        <button type="submit">Submit for review</button>
      </Form>
    </section>
  );
}
