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

/** An on/off switch: "1" (or "true") is on; unset, "" or "0" (or "false") is off. */
const flag = z
  .enum(["", "0", "1", "false", "true"], { message: 'must be "1" (on) or "0" (off)' })
  .default("0")
  .transform((v) => v === "1" || v === "true");

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
  /**
   * How far V8 lets the server's old generation grow past what was live at the last full collection (%;
   * 0: V8's own choice, up to 4× under load). 50 keeps RSS under load near 1.5× the live data at a small
   * cost in collections (docs/benchmarks.md, "Memory"); relative to the data, so a larger data set is no crash.
   */
  ATLAS_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(50),
  /** Connections per app process to a Postgres server. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** The folder of the shipped data (paper lists, universities, labs) that the import reads. */
  ATLAS_SEED_DIR: z.string().min(1).default("seed"),
  /** "1": the site is served over https (behind a TLS proxy): HSTS, upgrade-insecure-requests, https origin check. */
  ATLAS_HTTPS: flag,
  /** "1": trust X-Forwarded-* from the proxy in front (Express's "trust proxy"). */
  TRUST_PROXY: flag,
  /** `npm run user:create`: the password when --password is not given. */
  ATLAS_PASSWORD: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** Scripts print the whole error (with its stack), not only its message, when set. */
  DEBUG: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** The benchmarks' Postgres server (scripts/bench*.ts); DATABASE_URL when unset. */
  BENCH_DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), databaseUrl.optional()),
  /** A note on the machine, printed with the drills' results (scripts/drills.ts). */
  DRILL_NOTE: z.string().default("2-core machine shared with other work"),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
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

/**
 * Whether cookies carry Secure: when the site is served over https (ATLAS_HTTPS=1), not merely in
 * production. Over plain http a Secure cookie is not sent back by Safari or by scripted clients
 * (Python's cookie jar), so `npm start` on http://localhost, a production build, would lose its
 * sign-in and every form's CSRF check.
 */
export function secureCookies(e: Pick<Env, "ATLAS_HTTPS"> = env()): boolean {
  return e.ATLAS_HTTPS;
}
