/**
 * The importer on a small fixture, in an empty database: counts, the people rule, idempotence
 * (a second run changes nothing), resume after a crash, and the report.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, query } from "~/lib/db.server";
import { importSeed } from "~/lib/import/importer.server";
import { prepareDatabase } from "~/lib/setup.server";
import { useTestDatabase } from "../support/database";
import { ROOT } from "../support/templates";

useTestDatabase("empty");

const author = (name: string, extra: Record<string, string> = {}) => ({ name, ...extra });
const records = [
  {
    venue: "icml",
    year: 2024,
    id: "p1",
    title: "One",
    status: "Oral",
    track: "main",
    url: "https://openreview.net/forum?id=p1",
    authors: [
      author("Stu Dent", { openreview: "~Stu_Dent1", position: "PhD student", domain: "inria.fr" }),
      author("Gaël Varoquaux", {
        openreview: "~Gael_Varoquaux1",
        position: "Research Director",
        domain: "inria.fr",
        aff: "Inria",
        dblp: "00/1234",
        homepage: "https://gael-varoquaux.info",
      }),
    ],
  },
  {
    venue: "icml",
    year: 2023,
    id: "p2",
    title: "Two",
    status: "Poster",
    track: "main",
    url: "https://openreview.net/forum?id=p2",
    authors: [
      author("Gael Varoquaux", { openreview: "~Gael_Varoquaux1", position: "Research Director", domain: "inria.fr" }),
    ],
  },
  {
    venue: "neurips",
    year: 2019,
    id: "p3",
    title: "Three",
    status: "Poster",
    track: "main",
    url: "https://x/p3",
    authors: [author("gaël varoquaux"), author("Wei Chen")],
  },
  {
    venue: "neurips",
    year: 2023,
    id: "p4",
    title: "Four",
    status: "Poster",
    track: "main",
    url: "https://x/p4",
    authors: [
      author("Wei Chen", { openreview: "~Wei_Chen1", position: "Assistant Professor", domain: "cs.toronto.edu" }),
      author("Wei Chen", { openreview: "~Wei_Chen2", position: "Postdoc" }),
    ],
  },
  {
    venue: "iclr",
    year: 2022,
    id: "p5",
    title: "Five (workshop)",
    status: "Workshop",
    track: "main",
    url: "https://x/p5",
    authors: [author("Gaël Varoquaux", { openreview: "~Gael_Varoquaux1" })],
  },
];

/** A seed directory holding these paper records and the real reference lists. */
function writeSeed(papers: typeof records): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-seed-"));
  mkdirSync(path.join(dir, "papers"));
  mkdirSync(path.join(dir, "university-domains"));
  const byFile = new Map<string, string[]>();
  for (const r of papers) {
    const f = `${r.venue}-${r.year}.jsonl.gz`;
    byFile.set(f, [...(byFile.get(f) ?? []), JSON.stringify(r)]);
  }
  for (const [f, lines] of byFile) writeFileSync(path.join(dir, "papers", f), gzipSync(lines.join("\n") + "\n"));
  copyFileSync(
    path.join(ROOT, "seed/university-domains/world_universities_and_domains.json"),
    path.join(dir, "university-domains/world_universities_and_domains.json"),
  );
  copyFileSync(path.join(ROOT, "seed/company-domains.json"), path.join(dir, "company-domains.json"));
  return dir;
}

let seedDir: string;
beforeAll(async () => {
  await prepareDatabase();
  seedDir = writeSeed(records);
});

async function snapshot() {
  const tables = [
    "papers",
    "people",
    "authorships",
    "advisors",
    "institutions",
    "advisor_affiliations",
    "advisor_venue_years",
  ];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await query(sql.raw(`select * from ${t} order by 1, 2`));
  return out;
}

describe("importSeed", () => {
  it("stops on purpose mid-way, then resumes and completes without duplicates", async () => {
    // One batch at a time, so where it stops does not depend on the database (Postgres runs 3 at once);
    // 8 venues make 4 batches of 2, so the 5th batch is the first of papers.
    await expect(importSeed(getDb(), { seedDir, batchSize: 2, concurrency: 1, failAfterBatches: 5 })).rejects.toThrow(
      /stopped on purpose/,
    );
    const partial = await query<{ n: number }>(sql`select count(*)::int as n from papers`);
    expect(partial[0].n).toBeGreaterThan(0);
    expect(partial[0].n).toBeLessThan(5);
    const report = await importSeed(getDb(), { seedDir, batchSize: 2 });
    expect(report.resumed).toBe(true);
    expect(report.counts).toMatchObject({ papers: 5, authorships: 8 });
  });

  it("applies the people rule", async () => {
    const people = await query<{ key: string; name: string; slug: string }>(
      sql`select key, name, slug from people order by key`,
    );
    expect(people.map((p) => p.key)).toEqual([
      "name:wei chen",
      "or:~Gael_Varoquaux1",
      "or:~Stu_Dent1",
      "or:~Wei_Chen1",
      "or:~Wei_Chen2",
    ]);
    const p3 = await query<{ key: string }>(
      sql`select pe.key from authorships a join people pe on pe.id = a.person_id join papers p on p.id = a.paper_id where p.source_id = 'p3' order by a.position`,
    );
    expect(p3.map((r) => r.key)).toEqual(["or:~Gael_Varoquaux1", "name:wei chen"]);
    expect(people.find((p) => p.key === "or:~Gael_Varoquaux1")!.slug).toBe("gael-varoquaux");
  });

  it("derives advisors, institutions and counts", async () => {
    const advisors = await query<{ key: string; position: string; inst: string; country: string }>(
      sql`select pe.key, a.position, i.name as inst, i.country from advisors a join people pe on pe.id = a.person_id join institutions i on i.id = a.institution_id order by pe.key`,
    );
    expect(advisors).toEqual([
      {
        key: "or:~Gael_Varoquaux1",
        position: "Research Director",
        inst: expect.stringMatching(/inria/i),
        country: "FR",
      },
      { key: "or:~Wei_Chen1", position: "Assistant Professor", inst: "University of Toronto", country: "CA" },
    ]);
    const years = await query<{ venue_id: string; year: number; papers: number; highlighted: number }>(
      sql`select v.venue_id, v.year, v.papers, v.highlighted from advisor_venue_years v join people p on p.id = v.person_id where p.key = 'or:~Gael_Varoquaux1' order by v.year`,
    );
    // p3 (2019, name-matched) counts; p5 (workshop) does not.
    expect(years).toEqual([
      { venue_id: "neurips", year: 2019, papers: 1, highlighted: 0 },
      { venue_id: "icml", year: 2023, papers: 1, highlighted: 0 },
      { venue_id: "icml", year: 2024, papers: 1, highlighted: 1 },
    ]);
  });

  it("is idempotent: a second run skips, a forced run changes nothing", async () => {
    const before = await snapshot();
    const again = await importSeed(getDb(), { seedDir, batchSize: 2 });
    expect(again.skippedAsUnchanged).toBe(true);
    const forced = await importSeed(getDb(), { seedDir, batchSize: 2, force: true });
    expect(forced.rowsWritten).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("reports counts and the share of advisors with a country", async () => {
    const r = await importSeed(getDb(), { seedDir, force: true });
    expect(r.counts).toEqual({ papers: 5, authorships: 8, people: 5, advisors: 2, institutions: expect.any(Number) });
    expect(r.advisorsWithCountry).toBe(2);
    expect(r.shareAdvisorsWithCountry).toBe(1);
  });

  it("removes what the new data no longer derives, but keeps an advisor with curated facts", async () => {
    // Wei Chen (~Wei_Chen1) now declares "Research Engineer" on a 2024 paper: no longer an advisor.
    const moved = {
      venue: "iclr",
      year: 2024,
      id: "p6",
      title: "Six",
      status: "Poster",
      track: "main",
      url: "https://x/p6",
      authors: [author("Wei Chen", { openreview: "~Wei_Chen1", position: "Research Engineer", domain: "google.com" })],
    };
    const weiAdvisor = sql`select count(*)::int as n from advisors a join people p on p.id = a.person_id where p.key = 'or:~Wei_Chen1'`;
    const weiYears = sql`select count(*)::int as n from advisor_venue_years v join people p on p.id = v.person_id where p.key = 'or:~Wei_Chen1'`;
    expect((await query<{ n: number }>(weiAdvisor))[0].n).toBe(1);
    const r = await importSeed(getDb(), { seedDir: writeSeed([...records, moved]) });
    expect(r.counts.advisors).toBe(1);
    expect((await query<{ n: number }>(weiAdvisor))[0].n).toBe(0);
    expect((await query<{ n: number }>(weiYears))[0].n).toBe(0);

    // Gaël Varoquaux stops declaring a supervising title, but a moderator approved his student count.
    await query(
      sql`update advisors set student_count = 4, student_count_source_url = 'https://example.org/team' where person_id = (select id from people where key = 'or:~Gael_Varoquaux1')`,
    );
    const left = {
      ...moved,
      id: "p7",
      authors: [
        author("Gaël Varoquaux", { openreview: "~Gael_Varoquaux1", position: "Research Engineer", domain: "inria.fr" }),
      ],
    };
    const again = await importSeed(getDb(), { seedDir: writeSeed([...records, moved, left]) });
    expect(again.counts.advisors).toBe(1);
    const kept = await query<{ student_count: number }>(
      sql`select a.student_count from advisors a join people p on p.id = a.person_id where p.key = 'or:~Gael_Varoquaux1'`,
    );
    expect(kept).toEqual([{ student_count: 4 }]);
  });
});
