/**
 * What the drills and benches start on loopback and stop again: a throwaway Postgres cluster (its
 * own data directory and port, so it can be stopped and restarted without touching anyone else's),
 * databases imported by the real importer, and app processes (build/server/start.js, the production build).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "./free-port";
import { SERVER_ENTRY, serverCommand, type StartEntry } from "./server-entry";

export { serverCommand, type StartEntry };

export const ROOT = path.resolve(import.meta.dirname, "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pgBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(a) - Number(b)) : [];
  if (versions.length === 0)
    throw new Error("no Postgres binaries under /usr/lib/postgresql (apt-get install postgresql)");
  return path.join(base, versions[versions.length - 1], "bin");
}

export type Cluster = {
  port: number;
  url: (database?: string) => string;
  /** Async (pg_ctl waits): a drill's load keeps running meanwhile. */
  start: () => Promise<void>;
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  destroy: () => void;
  createDatabase: (name: string, template?: string) => Promise<void>;
  rows: <T = Record<string, unknown>>(database: string, text: string) => Promise<T[]>;
};

/** initdb + pg_ctl start in a temporary directory (as the postgres user when running as root). */
export async function startCluster(): Promise<Cluster> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-drill-pg-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string) =>
    asRoot
      ? execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd], { stdio: "pipe" })
      : execFileSync("sh", ["-c", cmd], { stdio: "pipe" });
  run(`${bin}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200 -c shared_buffers=128MB`;
  const runAsync = (cmd: string) =>
    new Promise<void>((resolve, reject) => {
      const child = asRoot
        ? spawn("su", ["postgres", "-s", "/bin/sh", "-c", cmd], { stdio: "ignore" })
        : spawn("sh", ["-c", cmd], { stdio: "ignore" });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
    });
  const startCmd = `${bin}/pg_ctl -D ${dir}/data -o '${options}' -l ${dir}/log -w start >/dev/null`;
  const stopCmd = (mode: string) => `${bin}/pg_ctl -D ${dir}/data -m ${mode} -w stop >/dev/null`;
  run(startCmd);
  const url = (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const rows = async <T>(database: string, text: string): Promise<T[]> => {
    const sql = postgres(url(database), { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe(text)) as unknown as T[];
    } finally {
      await sql.end();
    }
  };
  return {
    port,
    url,
    start: () => runAsync(startCmd),
    stop: (mode = "fast") => runAsync(stopCmd(mode)),
    destroy: () => {
      try {
        run(stopCmd("immediate"));
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
    createDatabase: async (name, template) =>
      void (await rows("postgres", `create database ${name}${template ? ` template ${template}` : ""}`)),
    rows,
  };
}

/** Runs a script of this project to its end (migrate, import), with the given environment. */
export function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    own(child);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Migrates and imports the shipped data into a database of the cluster. */
export async function importInto(
  cluster: Cluster,
  database: string,
  extraEnv: Record<string, string> = {},
): Promise<number> {
  await cluster.createDatabase(database);
  const env = { DATABASE_URL: cluster.url(database), ...extraEnv };
  const migrated = await runScript("scripts/migrate.ts", env);
  if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.out}`);
  const imported = await runScript("scripts/import.ts", env, ["--json"]);
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.out}`);
  return imported.seconds;
}

/**
 * Copies an already imported database (another server's, e.g. CI's) into a database of the cluster:
 * pg_dump piped into pg_restore, quicker than a second import. Seconds taken.
 */
export async function copyInto(cluster: Cluster, sourceUrl: string, database: string): Promise<number> {
  const started = Date.now();
  await cluster.createDatabase(database);
  const bin = pgBin();
  await new Promise<void>((resolve, reject) => {
    const dump = spawn(`${bin}/pg_dump`, ["--format=custom", "--compress=0", "--no-owner", sourceUrl], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const restore = spawn(`${bin}/pg_restore`, ["--no-owner", "--exit-on-error", "-d", cluster.url(database)], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    own(dump);
    own(restore);
    dump.stdout.pipe(restore.stdin);
    let errors = "";
    dump.stderr.on("data", (d) => (errors += d));
    restore.stderr.on("data", (d) => (errors += d));
    const exit = (child: ChildProcess) => new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    void Promise.all([exit(dump), exit(restore)]).then(([d, r]) =>
      d === 0 && r === 0 ? resolve() : reject(new Error(`pg_dump | pg_restore failed (${d}, ${r}):\n${errors}`)),
    );
  });
  // Restored tables have no planner statistics yet.
  await cluster.rows(database, "analyze");
  return (Date.now() - started) / 1000;
}

/**
 * Every process started here (apps, scripts, pg_dump and pg_restore): `killChildren` ends them with
 * SIGKILL, for a drill run's clean-up after a failure or a time-out.
 */
const appKillers = new Set<() => void>();
export function killChildren(): void {
  for (const kill of [...appKillers]) kill();
}
/** Registers a child process (or, when `group`, its whole process group) for `killChildren`. */
export function own(child: ChildProcess, group = false): void {
  appKillers.add(() => {
    try {
      if (group) process.kill(-child.pid!, "SIGKILL");
      else if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    } catch {
      /* already gone */
    }
  });
}

export type App = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  rssMb: () => number;
  /** CPU time the server process has used so far (user + system), in ms. */
  cpuMs: () => number;
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; seconds: number }>;
  /** SIGKILL to the app's whole process group (npm and the node it runs), at once: for clean-ups. */
  kill: () => void;
};

/**
 * Starts the production server (`npm run build` first) and waits until it listens. In a process group
 * of its own (`detached`): a clean-up kills the group, so a server started by npm is not left behind
 * when npm is killed; `stop` still signals only the process started, as an orchestrator does.
 */
export async function startApp(
  env: Record<string, string>,
  options: { command?: "node" | "npm"; entry?: StartEntry; nodeFlags?: string[] } = {},
): Promise<App> {
  if (!existsSync(SERVER_ENTRY)) throw new Error("run `npm run build` first");
  const port = await freePort();
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    ...env,
  };
  const child =
    options.command === "npm"
      ? spawn("npm", ["run", "serve", "--silent"], {
          cwd: ROOT,
          env: fullEnv,
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        })
      : spawn(process.execPath, [...(options.nodeFlags ?? []), ...serverCommand(options.entry)], {
          cwd: ROOT,
          env: fullEnv,
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        });
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  // Kept after the child's exit: npm may be gone while the server it ran is not.
  appKillers.add(kill);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const deadline = Date.now() + 300_000;
  while (!out.includes("Advisor Atlas on http")) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${out}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`the app did not start in time:\n${out}`);
    }
    await sleep(200);
  }
  const exited = new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    rssMb: () => serverRssMb(child.pid!),
    cpuMs: () => serverCpuMs(child.pid!),
    stop: async (signal = "SIGTERM") => {
      const t = Date.now();
      if (child.exitCode === null) child.kill(signal);
      const code = await Promise.race([exited, sleep(15_000).then(() => "timeout" as const)]);
      if (code === "timeout") {
        kill();
        return { code: null, seconds: (Date.now() - t) / 1000 };
      }
      return { code, seconds: (Date.now() - t) / 1000 };
    },
    kill,
  };
}

/** Resident memory of a process and its descendants (npm → node), in MB, from /proc. */
/**
 * CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (clock ticks of 10 ms):
 * per request, a measure of the server's work that a busy shared machine disturbs far less than req/s.
 */
export function serverCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function serverRssMb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) / 1024;
      for (const task of readdirSync(`/proc/${p}/task`))
        for (const c of readFileSync(`/proc/${p}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean))
          visit(Number(c));
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return Math.round(total);
}

/** Pids of live processes whose command line mentions this text (for "nothing left running"). */
export function processesMatching(text: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(text)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

export { sleep };
