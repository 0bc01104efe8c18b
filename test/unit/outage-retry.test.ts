/**
 * Recovery from a database outage (issue 13, outage drill): the pool is replaced when the database
 * comes back, and its queued queries fail at once; a read that was caught by that replacement runs
 * again on the new pool instead of answering 503; a write is never repeated.
 */
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb, poolGeneration } from "~/lib/db.server";
import { withOutageAnswers } from "../../server/outage";

// A Postgres client that never connects (postgres.js opens connections on the first query): only the
// pool's replacement is exercised here, not a database.
beforeAll(() => {
  process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:9/none";
});
afterAll(() => closeDb({ now: true }));

function loaderOf(handler: () => unknown) {
  const build = { routes: { r: { id: "r", path: "x", module: { loader: handler } } } } as unknown as ServerBuild;
  return withOutageAnswers(build).routes.r!.module.loader!;
}

const destroyed = () => new Error("Failed query", { cause: { code: "CONNECTION_DESTROYED" } });

describe("a request caught by the pool's replacement at recovery", () => {
  it("closeDb moves the pool generation on", async () => {
    getDb();
    const before = poolGeneration();
    await closeDb({ now: true });
    expect(poolGeneration()).toBe(before + 1);
    await closeDb({ now: true }); // no pool open: nothing replaced
    expect(poolGeneration()).toBe(before + 1);
  });

  it("a read runs again on the new pool and answers", async () => {
    getDb();
    let calls = 0;
    const loader = loaderOf(async () => {
      calls++;
      if (calls === 1) {
        await closeDb({ now: true }); // what db-health does when the database answers again
        throw destroyed();
      }
      return { ok: calls };
    });
    const answer = await loader({ request: new Request("http://test/x") } as never);
    expect(answer).toEqual({ ok: 2 });
  });

  it("a write is not repeated: it answers 503", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    getDb();
    let calls = 0;
    const loader = loaderOf(async () => {
      calls++;
      await closeDb({ now: true });
      throw destroyed();
    });
    const thrown = await Promise.resolve(
      loader({ request: new Request("http://test/x", { method: "POST" }) } as never),
    ).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(503);
    expect(calls).toBe(1);
    error.mockRestore();
  });

  it("without a replacement, a connection error is a 503 at once (no retry)", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const loader = loaderOf(() => {
      calls++;
      return Promise.reject(destroyed());
    });
    const thrown = await Promise.resolve(loader({ request: new Request("http://test/x") } as never)).catch(
      (e: unknown) => e,
    );
    expect((thrown as Response).status).toBe(503);
    expect(calls).toBe(1);
    error.mockRestore();
  });
});
