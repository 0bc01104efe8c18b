/**
 * npm run user:create -- --email ada@example.org [--role moderator|contributor] [--password …]
 *
 * Creates an account, or gives an existing one the role (and the password, when one is given).
 * Never prompts: the password comes from --password, else from ATLAS_PASSWORD, else a random one
 * is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { ensureUser, type Role } from "../app/lib/auth/accounts.server";
import { email as emailSchema, newPassword } from "../app/lib/auth/forms";
import { closeDb } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { prepareDatabase } from "../app/lib/setup.server";
import { argValue, runCli } from "./cli";

await runCli(async () => {
  const rawEmail = argValue("email");
  if (!rawEmail)
    throw new Error("usage: npm run user:create -- --email you@example.org [--role moderator] [--password …]");
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) throw new Error(`--email: ${email.error.issues[0].message}`);
  const role = (argValue("role") ?? "contributor") as Role;
  if (role !== "contributor" && role !== "moderator") throw new Error("--role must be contributor or moderator");
  const given = argValue("password") ?? env().ATLAS_PASSWORD;
  const generated = given ? null : randomBytes(12).toString("base64url");
  const password = given ?? generated!;
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new Error(`password: ${checked.error.issues[0].message}`);
  await prepareDatabase();
  const { user, created } = await ensureUser({ email: email.data, role, password });
  console.log(`${created ? "Created" : "Updated"} ${user.email} (${user.role}, id ${user.id}).`);
  if (generated) console.log(`Password: ${generated}\n(shown once; sign in and keep it somewhere safe)`);
  await closeDb();
});
