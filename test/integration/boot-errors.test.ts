/** A wrong DATABASE_URL or an unreachable server: one line naming the problem, no stack trace. */
import { spawnSync } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/templates";

function migrateWith(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr.trim() };
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe("boot errors", () => {
  it("rejects a malformed DATABASE_URL in one line", () => {
    const r = migrateWith({ DATABASE_URL: "mysql://nope" });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL.*postgres:\/\//);
  });

  it("names an unreachable server in one line", async () => {
    const port = await closedPort();
    const r = migrateWith({ DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/atlas` });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*refused`));
  });

  it("rejects a bad PORT", () => {
    const r = migrateWith({ PORT: "eighty" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
  });
});
