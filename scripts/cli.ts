import { env } from "../app/lib/env.server";

/** DEBUG set; an invalid environment (the error being reported) counts as unset. */
function debugWanted(): boolean {
  try {
    return env().DEBUG !== undefined;
  } catch {
    return false;
  }
}

/** Runs a script's body; any failure becomes one line on stderr and exit code 1, not a stack trace. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    // drizzle wraps driver errors ("Failed query: ..."): the cause says what went wrong.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
    const message = cause ? cause.message : error instanceof Error ? error.message : String(error);
    console.error(`error: ${message}`);
    if (debugWanted()) console.error(error);
    process.exit(1);
  }
}

export function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export function hasFlag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** Arguments that are neither flags nor the values of the named flags given as `--name value`. */
export function positionalArgs(valueFlags: string[]): string[] {
  const args = process.argv.slice(2);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--")) {
      if (!a.includes("=") && valueFlags.includes(a.slice(2))) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
