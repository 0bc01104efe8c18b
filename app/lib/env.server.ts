/**
 * The environment, parsed once with zod. A wrong value stops the app with one clear line.
 */
import { z } from "zod";

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user:pass@localhost:5432/atlas");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), databaseUrl.optional()),
  /** Where the embedded PGlite database lives when DATABASE_URL is unset ("memory://" for tests). */
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** "email:password": `npm start` makes sure this moderator exists (for a first deploy and the browser tests). */
  ATLAS_BOOTSTRAP_MODERATOR: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[^\s:]+@[^\s:]+:.{10,200}$/, "must be email:password, with a password of at least 10 characters")
      .optional(),
  ),
  MEILI_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  MEILI_MASTER_KEY: z.string().optional(),
  /** The web server's limit on one database statement (ms; 0: none). A page waits at most this long on a stuck database. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`Invalid environment: ${issue.path.join(".")} ${issue.message}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
