/** Sign-up and sign-in forms: one schema each, run by conform in the browser and in the action. */
import { z } from "zod";

export const email = z
  .string({ required_error: "Email is required.", invalid_type_error: "Email must be text." })
  .max(1000, "Email must be at most 254 characters.")
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .email("Enter an email address like name@example.org.");

export const PASSWORD_MIN = 10;

export const newPassword = z
  .string({ required_error: "Password is required.", invalid_type_error: "Password must be text." })
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
  .max(200, "Password must be at most 200 characters.")
  .refine((v) => !/[\u0000-\u001F\u007F]/.test(v), "Password cannot contain control characters.");

/** Only local paths, so a crafted link cannot send someone to another site after signing in. */
export const redirectTo = z
  .string()
  .max(500)
  .optional()
  .transform((v) => (v && /^\/(?![/\\])[^\s]*$/.test(v) ? v : undefined))
  .catch(undefined);

export const SignupSchema = z.object({ email, password: newPassword, redirectTo });

export const SigninSchema = z.object({
  email,
  password: z
    .string({ required_error: "Password is required.", invalid_type_error: "Password must be text." })
    .max(200, "Password must be at most 200 characters."),
  redirectTo,
});
