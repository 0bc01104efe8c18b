/**
 * A real production server for a test file: the production build (rebuilt first when any file it is
 * built from is newer than it) served by its compiled entry, build/server/start.js, in its own process, on this file's fresh copy
 * of the shipped data (PGlite directory or Postgres database, from useTestDatabase). A separate
 * process, so that a request that blocks or kills the server shows as exactly that.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "../../scripts/free-port";
import { SERVER_ENTRY, serverCommand } from "../../scripts/server-entry";
import { useTestDatabase } from "./database";
import { ROOT } from "./templates";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * What `npm run build` compiles: the app, and the server entry (scripts/start.ts and scripts/import.ts
 * with what they import from server/, scripts/cli.ts and db/; server/vite-server-entry.ts).
 */
const BUILT_FROM_DIRS = ["app", "server", "db"];
const BUILT_FROM_FILES = ["vite.config.ts", "scripts/start.ts", "scripts/import.ts", "scripts/cli.ts"];

function buildIsFresh(): boolean {
  const sources = Math.max(
    ...BUILT_FROM_DIRS.map((d) => newestMtime(path.join(ROOT, d))),
    ...BUILT_FROM_FILES.map((f) => statSync(path.join(ROOT, f)).mtimeMs),
  );
  return existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs > sources;
}

/** Held while one test process builds: a build empties build/ first, under any server started from it. */
const BUILD_LOCK = path.join(ROOT, ".data", "test-build.lock");

/** Whether the process that took the lock (its pid, written inside) is gone: a run killed while building. */
function lockHolderGone(): boolean {
  try {
    const pid = Number(readFileSync(path.join(BUILD_LOCK, "pid"), "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(BUILD_LOCK).mtimeMs > 5_000;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. ENOENT: the lock was released meanwhile (nothing to remove).
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Builds the app unless build/ is newer than every file it is built from. Asynchronous: a
 * synchronous build would block the test worker long enough for vitest's RPC to time out. Test
 * files run in parallel processes: on a fresh clone each found the build missing and built it at
 * once, one emptying build/ under another's running server (page-budget.test.ts's server died with
 * ECONNREFUSED in CI). One builds, holding a lock directory with its pid; the others wait and find
 * it fresh; a lock whose process is gone is taken over.
 */
export async function ensureFreshBuild(): Promise<void> {
  if (buildIsFresh()) return;
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(path.join(BUILD_LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (lockHolderGone()) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!buildIsFresh()) await build();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function build(): Promise<void> {
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  proc.stdout!.on("data", (d) => (log += d));
  proc.stderr!.on("data", (d) => (log += d));
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  if (code !== 0) throw new Error(`npm run build failed:\n${log}`);
}

export type TestServer = { url: string; output: () => string; alive: () => boolean; pid: () => number | undefined };

export function useRunningServer(extraEnv: Record<string, string> = {}): TestServer {
  useTestDatabase("shipped");
  let child: ChildProcess | undefined;
  let out = "";
  let url = "";
  beforeAll(async () => {
    await ensureFreshBuild();
    const port = await freePort();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      ...extraEnv,
    };
    if (!process.env.DATABASE_URL) env.DATABASE_URL = "";
    const proc = spawn(process.execPath, serverCommand(), {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    proc.stdout!.on("data", (d) => (out += d));
    proc.stderr!.on("data", (d) => (out += d));
    url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the app exited early:\n${out}`);
      if (out.includes("Advisor Atlas on http")) break;
      if (Date.now() > deadline) throw new Error(`the app did not start in time:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once("exit", r)));
    }
  });
  return {
    get url() {
      return url;
    },
    output: () => out,
    alive: () => child !== undefined && child.exitCode === null,
    pid: () => child?.pid,
  };
}
