/**
 * A change made by another app process (behind a load balancer) reaches this one's in-memory advisor
 * index through the data version (issue 13, two-apps drill): within DATA_VERSION_TTL_MS, and, for a
 * curated change, by reading again only what curation writes (the track records are kept: a full
 * reload took seconds on the shared machine). Any other write moves the import generation too, and
 * the index is then loaded in full.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  bumpDataVersion,
  DATA_VERSION_TTL_MS,
  IMPORT_GENERATION_KEY,
  readDataVersion,
  readImportGeneration,
} from "~/lib/data-version.server";
import { query } from "~/lib/db.server";
import { advisorIndex } from "~/lib/directory/advisors.server";
import { useTestDatabase } from "../support/database";

useTestDatabase("shipped");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("data version and import generation", () => {
  it("a curated bump moves the data version only; any other bump moves both", async () => {
    const [v0, g0] = [Number(await readDataVersion()), Number(await readImportGeneration())];
    await bumpDataVersion(undefined, { curated: true });
    expect([Number(await readDataVersion()), Number(await readImportGeneration())]).toEqual([v0 + 1, g0]);
    await bumpDataVersion();
    expect([Number(await readDataVersion()), Number(await readImportGeneration())]).toEqual([v0 + 2, g0 + 1]);
    const rows = await query<{ key: string }>(sql`select key from import_state where key = ${IMPORT_GENERATION_KEY}`);
    expect(rows).toHaveLength(1);
  });
});

describe("another process's change reaches this process's advisor index", () => {
  it("a curated change (a lab member added) is seen within the version's time to live, without a full reload", async () => {
    const before = await advisorIndex();
    const [lab] = await query<{ id: number; slug: string }>(sql`select id, slug from labs order by id limit 1`);
    const entry = before.advisors.find((a) => !a.labs.some((l) => l.slug === lab.slug))!;
    // As the other process writes it: the row and a curated bump, in SQL (this process is not told).
    await query(
      sql`insert into lab_members (lab_id, person_id, role, current, source_url)
          values (${lab.id}, ${entry.id}, 'member', true, 'https://example.org/another-process')`,
    );
    await query(sql`update import_state set value = to_jsonb((value #>> '{}')::int + 1) where key = 'data_version'`);
    await sleep(DATA_VERSION_TTL_MS + 50);
    const t = performance.now();
    const after = await advisorIndex();
    const ms = performance.now() - t;
    expect(after).not.toBe(before);
    expect(after.bySlug.get(entry.slug)!.labs.map((l) => l.slug)).toContain(lab.slug);
    // Refreshed in part: the typed track records are the same arrays, the other advisors keep their labs.
    expect(after.columns).toBe(before.columns);
    expect(after.ids).toBe(before.ids);
    expect(after.advisors.map((a) => a.id)).toEqual(before.advisors.map((a) => a.id));
    const other = before.advisors.find((a) => a.labs.length > 0 && a.id !== entry.id);
    if (other) expect(after.bySlug.get(other.slug)!.labs).toEqual(other.labs);
    console.log(`curated refresh: ${ms.toFixed(0)} ms`);
  });

  it("an import's bump (the generation moves) loads the index in full", async () => {
    const before = await advisorIndex();
    await bumpDataVersion();
    const after = await advisorIndex();
    expect(after).not.toBe(before);
    expect(after.columns).not.toBe(before.columns);
    expect(after.advisors.length).toBe(before.advisors.length);
  });
});
