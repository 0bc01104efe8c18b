/**
 * Every source of paper records, read for the main import (importer.server.ts) in one place:
 *
 * 1. paper lists brought in by `npm run import:papers` (source_papers, source "paper-list"); a
 *    paper list named like a seed file (iclr-2026.jsonl.gz) replaces that seed file;
 * 2. the seed files (seed/papers), through the same validating reader (paper-list.server.ts);
 * 3. dblp records (source_papers, source "dblp"), joined to the listings by dblp/merge.ts.
 *
 * The first record of a paper (venue + id) wins, so a paper list's newer record of a paper
 * overrides the seed's. Each paper's provenance (source, file, import date) is written beside it.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Executor, query } from "../db.server";
import { mergeDblp } from "./dblp/merge";
import type { SourcePaper } from "./import-plan";
import { readPaperList, sourcesVersion } from "./paper-list.server";

export type PaperSource = "seed" | "paper-list" | "dblp";
export type Provenance = { source: PaperSource; file: string; importedAt: string | null };

export type PaperSources = {
  records: SourcePaper[];
  /** Changes when any input changes: the seed files' bytes, or any write to source_papers. */
  hash: string;
  /** By paper key (venue/id), for the papers the plan keeps (the first record of each). */
  provenance: Map<string, Provenance>;
  skipped: { reason: string; count: number }[];
};

type Row = { source: "paper-list" | "dblp"; file: string; record: SourcePaper; changed_at: string | Date };

export async function readPaperSources(db: Executor, seedDir: string, files: string[]): Promise<PaperSources> {
  const rows = await query<Row>(
    sql`select source, file, record, changed_at from source_papers order by source, venue_id, year, source_id`,
    db,
  );
  const at = (r: Row) => new Date(r.changed_at).toISOString();
  const lists = rows.filter((r) => r.source === "paper-list");
  const dblp = rows.filter((r) => r.source === "dblp");
  const listFiles = new Set(lists.map((r) => r.file));

  const hash = createHash("sha256").update(`sources:${await sourcesVersion(db)}`);
  const listed: { record: SourcePaper; provenance: Provenance }[] = lists.map((r) => ({
    record: r.record,
    provenance: { source: "paper-list", file: r.file, importedAt: at(r) },
  }));
  for (const file of files) {
    if (listFiles.has(file)) continue; // replaced by a paper list of the same name
    const read = readPaperList(path.join(seedDir, "papers", file), { onError: "stop" });
    hash.update(file).update(read.hash);
    for (const record of read.records) listed.push({ record, provenance: { source: "seed", file, importedAt: null } });
  }

  const merged = mergeDblp(
    listed.map((l) => l.record),
    dblp.map((r) => r.record),
  );
  const provenance = new Map<string, Provenance>();
  const remember = (record: SourcePaper, p: Provenance) => {
    const key = `${record.venue}/${record.id}`;
    if (!provenance.has(key)) provenance.set(key, p);
  };
  listed.forEach((l) => remember(l.record, l.provenance));
  const dblpAt = new Map(dblp.map((r) => [`${r.record.venue}/${r.record.id}`, { file: r.file, at: at(r) }]));
  for (const record of merged.added) {
    const d = dblpAt.get(`${record.venue}/${record.id}`)!;
    remember(record, { source: "dblp", file: d.file, importedAt: d.at });
  }
  return { records: merged.records, hash: hash.digest("hex"), provenance, skipped: merged.skipped };
}

/**
 * After the importer wrote papers and authorships: each paper's provenance (the import date of a
 * seed paper is when it first came in, or its source last changed), papers that no source holds
 * any more (with their authorships; only those of paper lists and dblp when the import read a
 * subset of the seed files), and authorships beyond a paper's corrected author count.
 * Returns the rows changed.
 */
export async function applyPaperSources(
  db: Executor,
  sources: PaperSources,
  options: { allFiles: boolean },
): Promise<number> {
  const rows = [...sources.provenance].map(([key, p]) => ({ key, source: p.source, file: p.file, at: p.importedAt }));
  let changed = 0;
  for (let i = 0; i < rows.length; i += 20000) {
    const json = JSON.stringify(rows.slice(i, i + 20000));
    const [r] = await query<{ n: number }>(
      sql`with u as (
        update papers p set source = x.source, source_file = x.file,
          imported_at = coalesce(x.at::timestamptz, case when p.source is not distinct from x.source and p.source_file is not distinct from x.file then p.imported_at end, now())
        from jsonb_to_recordset(${json}::jsonb) as x(key text, source text, file text, at text)
        where p.venue_id || '/' || p.source_id = x.key
          and (p.source, p.source_file, p.imported_at) is distinct from
            (x.source, x.file, coalesce(x.at::timestamptz, case when p.source is not distinct from x.source and p.source_file is not distinct from x.file then p.imported_at end, now()))
        returning 1) select count(*)::int as n from u`,
      db,
    );
    changed += Number(r?.n ?? 0);
  }
  const keep = JSON.stringify([...sources.provenance.keys()]);
  const [gone] = await query<{ n: number }>(
    sql`with gone_papers as (
        delete from papers p where (p.source in ('paper-list', 'dblp') or ${options.allFiles})
          and p.venue_id || '/' || p.source_id not in (select jsonb_array_elements_text(${keep}::jsonb))
        returning 1),
      gone_authorships as (
        delete from authorships a using papers p where p.id = a.paper_id and a.position > p.author_count returning 1)
      select (select count(*) from gone_papers)::int + (select count(*) from gone_authorships)::int as n`,
    db,
  );
  return changed + Number(gone?.n ?? 0);
}
