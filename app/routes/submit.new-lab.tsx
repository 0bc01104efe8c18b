import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormErrors, Honeypot } from "~/components/form-fields";
import { type LabFieldMetas, LabFields } from "~/components/lab-fields";
import { getUser, guardPost } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { LabNewSchema } from "~/lib/curation/forms/lab";
import { proposeNewLab } from "~/lib/curation/submissions.server";
import { allCountries } from "~/lib/geo.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Add a lab — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return withCsrf(request, {
    signedIn: user !== null,
    countries: allCountries().map((c) => ({ code: c.code, name: c.name })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, ip, formData, trapped } = await guardPost(args, "submit");
  const submission = parseWithZod(formData, { schema: LabNewSchema });
  if (trapped)
    return data(
      { result: submission.reply({ formErrors: ["This form could not be accepted."] }), duplicates: [] },
      { status: 400 },
    );
  if (submission.status !== "success") return data({ result: submission.reply(), duplicates: [] }, { status: 400 });
  const outcome = await proposeNewLab(submission.value, { userId: user?.id ?? null, ip });
  if (outcome.status === "invalid")
    return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), duplicates: [] }, { status: 400 });
  // Nothing saved yet: the form comes back with its values and the look-alikes to compare.
  if (outcome.status === "duplicates")
    return data({ result: submission.reply(), duplicates: outcome.duplicates }, { status: 200 });
  return redirect(user ? `/account/submissions?sent=${outcome.id}` : `/submit?sent=${outcome.id}`);
}

export default function NewLabPage() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "lab-new",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LabNewSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      kind: "academic",
      focus: "unknown",
      cifre: "unknown",
      residencies: "unknown",
      internships: "unknown",
      recruiting: "unknown",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LabNewSchema }),
  });
  const duplicates = actionData?.duplicates ?? [];
  return (
    <section className="form-page">
      <h1>Add a lab</h1>
      <p className="muted">A moderator reviews every new lab before it appears.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {duplicates.length > 0 ? (
          <div className="notice" role="alert">
            <p>These labs at the same place have a similar name. Is yours one of them?</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.slug}>
                  <Link to={`/labs/${d.slug}`}>{d.name}</Link> —{" "}
                  <Link to={`/submit/lab/${d.slug}`}>propose an edit instead</Link>
                </li>
              ))}
            </ul>
            <button type="submit" name="confirmDuplicate" value="yes" className="secondary">
              It is a different lab: submit it anyway
            </button>
          </div>
        ) : null}
        <LabFields fields={fields as unknown as LabFieldMetas} countries={countries} />
        <Honeypot />
        <CsrfField />
        <button type="submit">Submit for review</button>
      </Form>
    </section>
  );
}
