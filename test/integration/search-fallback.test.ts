/**
 * MEILI_URL set but nothing listening there: every search still answers, from Postgres, with one
 * log line; a sync after an approval does not throw and leaves the rows marked for the next sync.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loader as apiLoader } from "~/routes/api.search";
import { freePort } from "../../scripts/free-port";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

/** A port that was free a moment ago and that nobody listens on. */
const closedPort = freePort;

beforeAll(async () => {
  process.env.MEILI_URL = `http://127.0.0.1:${await closedPort()}`;
  process.env.MEILI_MASTER_KEY = "test-master-key";
});

const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
afterEach(() => warn.mockClear());

async function api(qs: string) {
  const res = (await apiLoader({
    request: new Request(`http://test/api/search?${qs}`),
    params: {},
    context: {},
  })) as Response;
  return { status: res.status, body: await res.json() };
}

describe("an unreachable Meilisearch", () => {
  it("is the configured backend (the environment says so)", async () => {
    const { meiliTarget } = await import("~/lib/search/meili.server");
    expect(meiliTarget()?.client.config.host).toBe(process.env.MEILI_URL);
  });

  it("falls back to Postgres for each search, with one log line each", async () => {
    const { status, body } = await api("q=varoquaux");
    expect(status).toBe(200);
    expect(body.backend).toBe("postgres");
    expect(body.hits[0].slug).toBe("gael-varoquaux");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/Meilisearch failed .*answered from Postgres/);
    const again = await api("q=montreal&type=institution");
    expect(again.body.backend).toBe("postgres");
    expect(again.body.hits.map((h: { name: string }) => h.name)).toContain("Université de Montréal");
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("makes a sync fail softly and keeps the marks", async () => {
    const { getDb, query } = await import("~/lib/db.server");
    const { syncSearchIndexSafely } = await import("~/lib/search/sync.server");
    const count = async () =>
      (
        await query<{
          n: number;
        }>(sql`select (select count(*) from advisors where needs_index) + (select count(*) from labs where needs_index)
        + (select count(*) from institutions where needs_index) as n`)
      )[0].n;
    await getDb().execute(sql`update labs set needs_index = true where slug = 'mila'`);
    const before = Number(await count());
    expect(before).toBeGreaterThan(0);
    await expect(syncSearchIndexSafely()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/search sync failed/);
    expect(Number(await count())).toBe(before);
  });
});
