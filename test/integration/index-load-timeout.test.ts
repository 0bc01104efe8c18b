/**
 * Index loads (the ranking, topic and orientation indexes) are not bound by the page statement
 * limit: at 10× the shipped data the orientation aggregate ran past it under load and every advisor
 * page answered 503 (docs/benchmarks.md, "Why 10× failed"). The longer limit stays inside the load's
 * transaction: a page's statement on the same pool is still cut at the page limit.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, indexLoadQuery, query, useStatementTimeout } from "~/lib/db.server";
import { useTestDatabase } from "../support/database";

useTestDatabase("empty");

afterAll(async () => {
  await useStatementTimeout(0);
});

describe("indexLoadQuery", () => {
  it("answers like query", async () => {
    const rows = await indexLoadQuery<{ n: number }>(sql`select 41 + 1 as n`);
    expect(rows.map((r) => Number(r.n))).toEqual([42]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "outlasts the page statement limit, which still holds for pages",
    async () => {
      expect(databaseKind()).toBe("postgres");
      await useStatementTimeout(100);
      await expect(query(sql`select pg_sleep(0.4)`)).rejects.toMatchObject({ cause: { code: "57014" } });
      const rows = await indexLoadQuery<{ ok: number }>(sql`select 1 as ok from pg_sleep(0.4)`);
      expect(rows).toHaveLength(1);
      // SET LOCAL ended with the load's transaction: the pooled connections keep the page limit.
      const after = await Promise.allSettled(Array.from({ length: 10 }, () => query(sql`select pg_sleep(0.4)`)));
      expect(after.map((r) => r.status)).toEqual(Array(10).fill("rejected"));
      for (const r of after) expect((r as PromiseRejectedResult).reason).toMatchObject({ cause: { code: "57014" } });
    },
  );
});
