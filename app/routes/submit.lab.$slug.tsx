import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FieldErrors, FormErrors, Honeypot } from "~/components/form-fields";
import { type LabFieldMetas, LabFields } from "~/components/lab-fields";
import { getUser, guardPost } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { LabEditSchema } from "~/lib/curation/forms/lab";
import { labEditForm, proposeLabEdit } from "~/lib/curation/submissions.server";
import { allCountries } from "~/lib/geo.server";
import { badForm, notFound } from "~/lib/http.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit ${data.lab.name} — Advisor Atlas` : "Lab not found — Advisor Atlas" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lab = await labEditForm(params.slug ?? "");
  if (!lab) notFound(`No lab at /labs/${(params.slug ?? "").slice(0, 80)}.`);
  const user = await getUser(request);
  return withCsrf(request, {
    lab,
    signedIn: user !== null,
    countries: allCountries().map((c) => ({ code: c.code, name: c.name })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, ip, formData, trapped } = await guardPost(args, "submit");
  // The form sends students[i].field only: a plain "students" value cannot be shown back as rows.
  if (formData.has("students")) throw badForm("Student counts are malformed: reload the form.");
  const submission = parseWithZod(formData, { schema: LabEditSchema });
  if (trapped)
    return data({ result: submission.reply({ formErrors: ["This form could not be accepted."] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await proposeLabEdit(args.params.slug ?? "", submission.value, { userId: user?.id ?? null, ip });
  if (outcome.status !== "saved") {
    const fieldErrors = outcome.status === "invalid" ? outcome.fieldErrors : {};
    const { "": formErrors = [], ...rest } = fieldErrors;
    return data({ result: submission.reply({ formErrors, fieldErrors: rest }) }, { status: 400 });
  }
  return redirect(user ? `/account/submissions?sent=${outcome.id}` : `/submit?sent=${outcome.id}`);
}

export default function EditLabPage() {
  const { lab, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `lab-edit-${lab.slug}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(LabEditSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: lab.defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LabEditSchema }),
  });
  const students = fields.students.getFieldList();
  return (
    <section className="form-page">
      <h1>
        Propose an edit: <Link to={`/labs/${lab.slug}`}>{lab.name}</Link>
      </h1>
      <p className="muted">A moderator compares your version with the current one before anything changes.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.baseVersion, { type: "hidden" })} key={fields.baseVersion.key} />
        <LabFields fields={fields as unknown as LabFieldMetas} countries={countries} />
        {students.length > 0 ? (
          <fieldset>
            <legend>Current PhD students per advisor</legend>
            <p className="muted">Only with a page that states it (a team page, a CV); leave empty when unknown.</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Advisor</th>
                    <th>Students</th>
                    <th>Source</th>
                    <th>As of</th>
                  </tr>
                </thead>
                <tbody>
                  {students.map((student, i) => {
                    const s = student.getFieldset();
                    const who = lab.advisors[i];
                    return (
                      <tr key={student.key}>
                        <td>
                          {who ? <Link to={`/advisors/${who.slug}`}>{who.name}</Link> : null}
                          <input {...getInputProps(s.personId, { type: "hidden" })} key={s.personId.key} />
                          <input {...getInputProps(s.version, { type: "hidden" })} key={s.version.key} />
                        </td>
                        <td>
                          <input
                            {...getInputProps(s.count, { type: "number", ariaAttributes: true })}
                            aria-label={`Students of ${who?.name ?? "advisor"}`}
                            key={s.count.key}
                          />
                          <FieldErrors id={s.count.errorId} errors={s.count.errors} />
                        </td>
                        <td>
                          <input
                            {...getInputProps(s.sourceUrl, { type: "url", ariaAttributes: true })}
                            aria-label={`Source for ${who?.name ?? "advisor"}`}
                            key={s.sourceUrl.key}
                          />
                          <FieldErrors id={s.sourceUrl.errorId} errors={s.sourceUrl.errors} />
                        </td>
                        <td>
                          <input
                            {...getInputProps(s.asOf, { type: "date", ariaAttributes: true })}
                            aria-label={`Date for ${who?.name ?? "advisor"}`}
                            key={s.asOf.key}
                          />
                          <FieldErrors id={s.asOf.errorId} errors={s.asOf.errors} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>
        ) : null}
        <p className="muted">
          To add or remove an advisor, <Link to={`/submit/member?lab=${lab.slug}`}>propose a membership change</Link>.
        </p>
        <Honeypot />
        <CsrfField />
        <button type="submit">Submit for review</button>
      </Form>
    </section>
  );
}
