/**
 * npm start: checks the environment and the database, migrates, imports the shipped data on first
 * start, then serves the built app on PORT (3000) with security headers and a body-size limit.
 * With ATLAS_BOOTSTRAP_MODERATOR=email:password it first makes sure that moderator exists (a first
 * deploy without shell access, and the browser tests; `npm run user:create` is the usual way).
 * SIGTERM/SIGINT: in-flight requests finish, then the process exits 0 (within 10 s; server/shutdown.ts).
 * `npm run build` compiles this file to build/server/start.js (server/vite-server-entry.ts), which is what
 * `npm start` and `npm run serve` run: plain node, no TypeScript loader in the server process.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureUser } from "../app/lib/auth/accounts.server";
import { closeDb, databaseKind, useStatementTimeout } from "../app/lib/db.server";
import { advisorIndex } from "../app/lib/directory/advisors.server";
import { warmTopicIndex } from "../app/lib/directory/topics.server";
import { env } from "../app/lib/env.server";
import { prepareSearch } from "../app/lib/search/search.server";
import { formatReport, importShippedData, isImported, prepareDatabase } from "../app/lib/setup.server";
import { createHttpServer } from "../server/http";
import { limitHeapGrowth, reportMemoryOnSignal } from "../server/memory-report";
import { surviveDatabaseRejections } from "../server/outage";
import { stopGracefully } from "../server/shutdown";
import { runCli } from "./cli";

surviveDatabaseRejections();
reportMemoryOnSignal();

/**
 * The import script next to this one: build/server/import.js when this is the compiled entry
 * (server/vite-server-entry.ts), scripts/import.ts through tsx when run from the sources.
 */
function importCommand(): string[] {
  const compiled = import.meta.filename.endsWith(".js");
  return compiled
    ? [path.join(import.meta.dirname, "import.js")]
    : ["--import", "tsx", path.join(import.meta.dirname, "import.ts")];
}

/** `scripts/import.ts` (the same importShippedData and report) as a child process sharing this one's output. */
async function importInChildProcess(): Promise<void> {
  const child = spawn(process.execPath, importCommand(), { stdio: "inherit" });
  // Stopping the server while it imports stops the import too (no orphan).
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", forward).on("SIGINT", forward);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  }).finally(() => process.off("SIGTERM", forward).off("SIGINT", forward));
  if (code !== 0) throw new Error(`importing the shipped data failed (scripts/import.ts exited with ${code})`);
}

await runCli(async () => {
  const { PORT, HOST, ATLAS_HEAP_GROWING_PERCENT, NODE_ENV } = env();
  limitHeapGrowth(ATLAS_HEAP_GROWING_PERCENT);
  // React picks its build from NODE_ENV when first loaded: npm start and npm run serve set production.
  if (NODE_ENV === "development")
    console.warn("NODE_ENV is not production: React renders in development mode (slower pages). Use npm run serve.");
  await prepareDatabase();
  if (!(await isImported())) console.log("First start: importing the shipped data (about a minute)…");
  // Also after an upgrade: new shipped data or a new import rule re-imports; otherwise a quick skip.
  // On Postgres in a child process: reading the shipped data and the organisation lists, even to find
  // nothing changed, left about 500 MB of garbage in the server's heap (RSS 850 MB before the first
  // request; docs/benchmarks.md). PGlite's data directory opens in one process only: there, in process.
  if (databaseKind() === "postgres") await importInChildProcess();
  else console.log(formatReport(await importShippedData()));
  await prepareSearch();
  const bootstrap = env().ATLAS_BOOTSTRAP_MODERATOR;
  if (bootstrap) {
    const at = bootstrap.indexOf(":");
    const { user } = await ensureUser({
      email: bootstrap.slice(0, at),
      password: bootstrap.slice(at + 1),
      role: "moderator",
    });
    console.log(`Moderator ${user.email} is ready (ATLAS_BOOTSTRAP_MODERATOR).`);
  }
  // From here on the database serves pages: short statements only (an import's may run long).
  await useStatementTimeout(env().DATABASE_STATEMENT_TIMEOUT_MS);
  const server = await createHttpServer();
  server.listen(PORT, HOST, () => console.log(`Advisor Atlas on http://localhost:${PORT}`));
  // The ranking and topic indexes load once per data version: in the background from now on, not on the
  // first visitor's request (and without delaying the start).
  advisorIndex()
    .then(warmTopicIndex)
    .catch((e: Error) =>
      console.warn(`warming the ranking indexes failed (retried on the first request): ${e.message}`),
    );
  server.on("error", (e: NodeJS.ErrnoException) => {
    console.error(
      e.code === "EADDRINUSE"
        ? `error: port ${PORT} is already in use (set PORT to another one)`
        : `error: ${e.message}`,
    );
    process.exit(1);
  });
  stopGracefully(server, closeDb);
});
