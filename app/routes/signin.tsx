import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormErrors, Honeypot, TextField } from "~/components/form-fields";
import { getUser, guardPost, signIn, startSession } from "~/lib/auth/accounts.server";
import { withCsrf } from "~/lib/auth/csrf.server";
import { SigninSchema } from "~/lib/auth/forms";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

export const meta: MetaFunction = () => [{ title: "Sign in — Advisor Atlas" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return withCsrf(request, {});
}

/** One message whether the email is unknown or the password wrong: the form never tells which. */
export const SIGNIN_FAILED = "Email or password is incorrect.";

export async function action(args: ActionFunctionArgs) {
  const { ip, formData, trapped } = await guardPost(args);
  const submission = parseWithZod(formData, { schema: SigninSchema });
  if (trapped)
    return data(
      { result: submission.reply({ formErrors: ["This form could not be accepted."], hideFields: ["password"] }) },
      { status: 400 },
    );
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const outcome = await signIn({
    email: submission.value.email,
    password: submission.value.password,
    ip,
    cookieHeader: args.request.headers.get("Cookie"),
  });
  if (!outcome.ok) {
    if (outcome.reason === "rate_limited") {
      const wait = outcome.retryAfterSeconds ?? 60;
      const message = `Too many sign-in attempts. Please wait ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`} and try again.`;
      return data(
        { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
    return data(
      { result: submission.reply({ formErrors: [SIGNIN_FAILED], hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  return startSession(args.request, outcome.user.id, submission.value.redirectTo ?? "/", [outcome.knownDeviceCookie]);
}

export default function SigninPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "signin",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SigninSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SigninSchema }),
  });
  return (
    <section className="narrow-form">
      <h1>Sign in</h1>
      {params.get("registered") === "1" ? (
        <p className="notice" role="status">
          Your account is ready: sign in with the email and password you chose. (If that email already had an account,
          sign in with its existing password.)
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Honeypot />
        <CsrfField />
        <button type="submit">Sign in</button>
      </Form>
      <p>
        No account yet? <Link to={`/signup${params.toString() ? `?${params}` : ""}`}>Sign up</Link>
      </p>
    </section>
  );
}
