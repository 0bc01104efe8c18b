/**
 * Sign-up with an email that already has an account. The page answers exactly as for a new email
 * (signup.tsx), so it never tells a stranger which addresses are registered; the owner is told
 * instead, by the path a password reset would take: a message to the account's own address,
 * queued in the outbox (outbox.server.ts). At most one an hour per account, so the form cannot be
 * used to flood someone's inbox.
 */
import { queueMessage } from "../outbox.server";
import { findUserByEmail } from "./accounts.server";

export const SIGNUP_EXISTING_KIND = "signup-existing";
export const SIGNUP_NOTICE_EVERY_SECONDS = 60 * 60;

export function signupNotice(email: string, siteOrigin: string, at: Date) {
  return {
    subject: "Someone tried to create an Advisor Atlas account with your email",
    body: [
      "Hello,",
      "",
      `Someone, perhaps you, tried to create a new Advisor Atlas account with this address (${email}) on ${at.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      "You already have an account, so nothing was created: your account and your password are unchanged.",
      "",
      `If it was you: sign in with your existing password at ${siteOrigin}/signin`,
      "If you have forgotten your password: the site has no self-service reset yet; reply to this message and the site's operator will help you set a new one.",
      "If it was not you: you need do nothing. No one can use your account without your password.",
      "",
      "You get at most one such message an hour.",
    ].join("\n"),
  };
}

/** Queues the notice to the owner of this email's account; false when one went out within the hour. */
export async function tellOwnerOfSignupAttempt(email: string, siteOrigin: string): Promise<boolean> {
  const owner = await findUserByEmail(email);
  if (!owner) return false;
  return queueMessage(
    {
      kind: SIGNUP_EXISTING_KIND,
      userId: owner.id,
      to: owner.email,
      ...signupNotice(owner.email, siteOrigin, new Date()),
    },
    { onceWithinSeconds: SIGNUP_NOTICE_EVERY_SECONDS },
  );
}
