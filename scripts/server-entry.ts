/**
 * How a production server is started, for every script and test that starts one (scripts/loopback.ts,
 * scripts/bench-search.ts, test/support/server.ts, test/e2e/support/app.ts): the compiled entry
 * `npm run build` writes (build/server/start.js; server/vite-server-entry.ts), as `npm run serve` runs it.
 */
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The compiled server entry (absolute). */
export const SERVER_ENTRY = path.join(ROOT, "build", "server", "start.js");

/**
 * "compiled": the production entry (build/server/start.js). "source": scripts/start.ts through tsx, as
 * `npm run serve` ran before the compiled entry, kept for before/after measurements (scripts/bench-memory.ts).
 */
export type StartEntry = "compiled" | "source";

/** node's arguments for starting the server. */
export function serverCommand(entry: StartEntry = "compiled"): string[] {
  return entry === "source" ? ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")] : [SERVER_ENTRY];
}
