import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { endSession, getUser, guardPost } from "~/lib/auth/accounts.server";

// Passes Retry-After on (429s) and Cache-Control, which Remix drops otherwise.
export { headers } from "~/lib/route-headers";

// Signing out changes state, so it is a POST; the page only offers the button.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getUser(request))) throw redirect("/");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await guardPost(args);
  return endSession(args.request);
}

export default function SignoutPage() {
  return (
    <section className="narrow-form">
      <h1>Sign out</h1>
      <Form method="post">
        <CsrfField />
        <button type="submit">Sign out</button>
      </Form>
    </section>
  );
}
