/**
 * The Meilisearch backend against a real server. Runs only when MEILI_URL (and MEILI_MASTER_KEY)
 * point at one, e.g.
 *   docker run --rm -p 7700:7700 -e MEILI_MASTER_KEY=dev-master-key getmeili/meilisearch:v1.15
 *   MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=dev-master-key npx vitest run test/integration/search-meili-contract.test.ts
 * Without it, the suite is reported as skipped: nothing here is faked.
 * Each run works in its own index (atlas_test_<random>) and deletes it at the end.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";

const MEILI_URL = process.env.MEILI_URL;

useTestDatabase("shipped");

describe.skipIf(!MEILI_URL)(
  "Meilisearch contract (skipped: set MEILI_URL and MEILI_MASTER_KEY to a real Meilisearch server to run it)",
  () => {
    const uid = `atlas_test_${Math.random().toString(36).slice(2, 8)}`;
    const target = async () => {
      const { createMeiliTarget } = await import("~/lib/search/meili.server");
      return createMeiliTarget(MEILI_URL!, process.env.MEILI_MASTER_KEY, uid);
    };
    const params = async (qs: string) =>
      (await import("~/lib/search/documents")).parseSearchParams(new URLSearchParams(qs)).params;
    const find = async (qs: string) => {
      const { searchMeili } = await import("~/lib/search/meili.server");
      const { loadSearchRows } = await import("~/lib/search/postgres.server");
      const found = await searchMeili(await target(), await params(qs));
      return { rows: await loadSearchRows(found.keys), facets: found.facets };
    };

    afterAll(async () => {
      const t = await target();
      await t.client.deleteIndexIfExists(uid);
      await t.client.deleteIndexIfExists(`${uid}_rebuild`);
    });

    it("applies the settings once, then finds nothing to change", async () => {
      const { applyMeiliSettings } = await import("~/lib/search/meili.server");
      const { MEILI_SETTINGS } = await import("~/lib/search/documents");
      expect((await applyMeiliSettings(await target())).length).toBeGreaterThan(0);
      expect(await applyMeiliSettings(await target())).toEqual([]);
      const settings = await (await target()).client.index(uid).getSettings();
      expect([...(settings.filterableAttributes ?? [])].map(String).sort()).toEqual(
        [...MEILI_SETTINGS.filterableAttributes].sort(),
      );
      expect(settings.rankingRules).toEqual(MEILI_SETTINGS.rankingRules);
    });

    it("reindexes every document from Postgres and clears the marks", async () => {
      const { reindexSearch } = await import("~/lib/search/sync.server");
      const { documentCount } = await import("~/lib/search/meili.server");
      const { query } = await import("~/lib/db.server");
      const report = await reindexSearch(await target());
      const [{ n }] = await query<{ n: number }>(sql`select count(*)::int as n from search_documents`);
      expect(report.sent).toBe(n);
      expect(await documentCount(await target())).toBe(n);
      const [{ marked }] = await query<{ marked: number }>(
        sql`select (select count(*) from advisors where needs_index)::int as marked`,
      );
      expect(marked).toBe(0);
    });

    it("finds with typos and accents, and loads the rows from Postgres", async () => {
      expect((await find("q=varoquax")).rows[0]?.slug).toBe("gael-varoquaux");
      expect((await find("q=Gaël Varoquaux")).rows[0]?.slug).toBe("gael-varoquaux");
      expect((await find("q=montreal&type=institution&limit=20")).rows.map((r) => r.name)).toContain(
        "Université de Montréal",
      );
      // A whole word before a word that only starts with the query, as in Postgres (exactness first).
      expect((await find("q=MIT&type=institution&limit=5")).rows[0]?.name).toBe(
        "Massachusetts Institute of Technology (MIT)",
      );
    });

    it("counts facets like Postgres when only filters are given", async () => {
      const { searchPostgres } = await import("~/lib/search/postgres.server");
      for (const qs of ["type=advisor&country=FR", "type=institution&continent=EU", "venue=colt"]) {
        const meili = await find(qs);
        const pg = await searchPostgres(await params(qs));
        expect(meili.facets, qs).toEqual(pg.facets);
      }
    });

    it("keeps a hostile facet value inside its filter", async () => {
      const { searchMeili } = await import("~/lib/search/meili.server");
      // Bypassing the parser on purpose: only the filter builder stands between the value and the query.
      const fr = await searchMeili(await target(), { ...(await params("q=univ")), country: "FR" });
      expect(fr.keys.length).toBeGreaterThan(0);
      const hostile = await searchMeili(await target(), {
        ...(await params("q=univ")),
        country: 'FR" OR type = "institution',
      });
      expect(hostile.keys).toEqual([]);
      expect(hostile.facets.type).toEqual({});
    });

    it("syncs a marked row and leaves stale documents harmless", async () => {
      const { getDb } = await import("~/lib/db.server");
      const { syncSearchIndex } = await import("~/lib/search/sync.server");
      await getDb().execute(sql`update labs set name = 'Qwertyuiop Lab', needs_index = true where slug = 'mila'`);
      const report = await syncSearchIndex(await target());
      expect(report.sent).toBeGreaterThan(0);
      expect((await find("q=qwertyuiop")).rows.map((r) => r.slug)).toEqual(["mila"]);
      // Renamed back without a sync: Meilisearch still matches the old name, the row shows the new one.
      await getDb().execute(sql`update labs set name = 'Mila' where slug = 'mila'`);
      const { refreshSearchTerms } = await import("~/lib/search/postgres.server");
      await refreshSearchTerms();
      expect((await find("q=qwertyuiop")).rows.map((r) => r.name)).toEqual(["Mila"]);
    });
  },
);
