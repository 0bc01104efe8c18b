/**
 * The compiled production entry (build/server/start.js, what `npm start` and `npm run serve` run):
 * plain node with no TypeScript loader (no tsx thread, no esbuild service processes), one copy of the
 * app's modules shared with the Remix bundle, the memory report on SIGUSR2. Issue 13's RSS target.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENTRY } from "../../scripts/server-entry";
import { useRunningServer } from "../support/server";

const server = useRunningServer();

/** The process's command line and its direct child processes (pids), from /proc. */
function processInfo(pid: number): { cmdline: string[]; children: number[] } {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
  );
  return { cmdline, children };
}

/** The sibling modules a bundle file imports ("./name-hash.js"). */
function localImports(file: string): Set<string> {
  const text = readFileSync(path.join(path.dirname(SERVER_ENTRY), file), "utf8");
  return new Set([...text.matchAll(/from\s+"\.\/([^"]+\.js)"/g)].map((m) => m[1]));
}

describe("the compiled server entry", () => {
  it("serves pages as plain node: no loader, no esbuild child process", async () => {
    const res = await fetch(`${server.url}/advisors`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<html");
    const { cmdline, children } = processInfo(server.pid()!);
    expect(cmdline.slice(1)).toEqual([SERVER_ENTRY]);
    expect(cmdline.join(" ")).not.toMatch(/tsx/);
    const names = children.map((c) => readFileSync(`/proc/${c}/comm`, "utf8").trim());
    expect(names).not.toContain("esbuild");
    expect(children).toEqual([]);
  });

  it("shares the app's modules with the Remix bundle instead of a second copy", () => {
    const start = localImports("start.js");
    const index = localImports("index.js");
    expect(start.size).toBeGreaterThan(0);
    // The database client and the ranking index live in chunks both entries import.
    expect([...start].filter((f) => index.has(f)).length).toBeGreaterThan(0);
    const startText = readFileSync(SERVER_ENTRY, "utf8");
    expect(startText).not.toMatch(/const MIGRATIONS =/);
    expect(startText).not.toMatch(/function advisorIndex\(/);
  });

  it("prints where its memory is on SIGUSR2, and keeps serving", async () => {
    process.kill(server.pid()!, "SIGUSR2");
    await expect
      .poll(() => server.output(), { timeout: 10_000 })
      .toMatch(
        /memory: rss=\d+\.\d heapUsed=\d+\.\d heapTotal=\d+\.\d external=[\d.]+ arrayBuffers=[\d.]+ MB \| .*old=/,
      );
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/about`)).status).toBe(200);
  });
});
