import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormErrors, Honeypot, TextField } from "~/components/form-fields";
import { createUser, EmailTakenError, getUser, guardPost, signupAllowed } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { PASSWORD_MIN, SignupSchema } from "~/lib/auth/forms";
import { weakPasswordReason } from "~/lib/auth/password-policy.server";
import { tellOwnerOfSignupAttempt } from "~/lib/auth/signup-notice.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Sign up — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return withCsrf(request, {});
}

export async function action(args: ActionFunctionArgs) {
  const { ip, formData, trapped } = await guardPost(args);
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (trapped)
    return data(
      { result: submission.reply({ formErrors: ["This form could not be accepted."], hideFields: ["password"] }) },
      { status: 400 },
    );
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const weak = weakPasswordReason(submission.value.password, submission.value.email);
  if (weak)
    return data(
      { result: submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  const limit = await signupAllowed(ip);
  if (!limit.allowed) {
    return data(
      {
        result: submission.reply({
          formErrors: ["Too many sign-ups from your network. Please try again later."],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  // The same answer whether the address was new or already had an account: the page never
  // tells a stranger which addresses are registered. A new account is made; an existing one is
  // left as it is (its owner's password unchanged) and its owner is told by email (queued in the
  // outbox, at most once an hour). Either way the next step is to sign in.
  try {
    await createUser({ email: submission.value.email, password: submission.value.password });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    await tellOwnerOfSignupAttempt(submission.value.email, new URL(args.request.url).origin);
  }
  const next = submission.value.redirectTo ?? "/submit";
  return redirect(`/signin?registered=1&redirectTo=${encodeURIComponent(next)}`);
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <section className="narrow-form">
      <h1>Create an account</h1>
      <p className="muted">An account lets you follow your submissions and the moderators' notes on them.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField
          meta={fields.password}
          label="Password"
          type="password"
          autoComplete="new-password"
          help={`At least ${PASSWORD_MIN} characters; not a common password or your email.`}
        />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Honeypot />
        <CsrfField />
        <button type="submit">Sign up</button>
      </Form>
      <p>
        Already have an account? <Link to={`/signin${params.toString() ? `?${params}` : ""}`}>Sign in</Link>
      </p>
    </section>
  );
}
