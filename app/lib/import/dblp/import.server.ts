/**
 * `npm run import:dblp`: the papers of the selected venues (records.ts) and their people from a
 * dblp XML dump, into source_papers (source "dblp") and dblp_people; the main import then joins
 * them to the listings (merge.ts) and derives people and advisors as for every other source.
 *
 * - One streaming pass over the dump (parser.server.ts). Person records (`www`) can come before or
 *   after the papers that name them, so each is spilled to a temporary JSON-lines file and only
 *   those of the names the selected papers use are read back: memory holds the selected papers
 *   and their people, never the 3.5 million person records.
 * - Writes in batches, each one transaction together with its "done" mark in import_state, so a
 *   crashed run resumes after the last finished batch, and no batch is ever half-applied.
 * - Idempotent: upserts change only what differs; a second run of the same dump changes nothing.
 *   Records that a complete dump no longer has are removed at the end (never after a truncated read).
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { type Db, type Executor, query } from "../../db.server";
import type { SourcePaper } from "../import-plan";
import {
  bumpSourcesVersion,
  InputError,
  type InputProblem,
  type OnError,
  storeSourceRecords,
} from "../paper-list.server";
import { parseDtdEntities } from "./entities";
import { readDblp } from "./parser.server";
import { type DblpPerson, toDblpPaper, toDblpPerson, withDblpPeople } from "./records";

export type DblpCounts = { papers: number; authorships: number; people: number; skipped: number };

export type DblpParse = {
  papers: SourcePaper[];
  people: DblpPerson[];
  counts: DblpCounts;
  skippedReasons: { reason: string; count: number }[];
  problems: InputProblem[];
  problemCount: number;
  complete: boolean;
  bytes: number;
  uncompressedBytes: number;
};

export type DblpParseOptions = {
  dtdPath?: string;
  onError?: OnError;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

/** The DTD beside the dump (dblp.dtd) unless given. */
export function findDtd(dumpPath: string, dtdPath?: string): string {
  const candidate = dtdPath ?? path.join(path.dirname(dumpPath), "dblp.dtd");
  if (!existsSync(candidate))
    throw new InputError({
      file: path.basename(candidate),
      problem: `no DTD: dblp.xml's character entities are declared in dblp.dtd; put it beside the dump or pass --dtd <file>`,
    });
  return candidate;
}

export async function parseDblpDump(dumpPath: string, options: DblpParseOptions = {}): Promise<DblpParse> {
  const entities = parseDtdEntities(readFileSync(findDtd(dumpPath, options.dtdPath), "latin1"));
  const spillDir = mkdtempSync(path.join(os.tmpdir(), "atlas-dblp-"));
  const spillPath = path.join(spillDir, "people.jsonl");
  const spill = createWriteStream(spillPath);
  // A failed write (disk full) fails the import below; after a stop, pending writes of the
  // destroyed spill report ERR_STREAM_DESTROYED, which is expected.
  let spillError: Error | null = null;
  spill.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "ERR_STREAM_DESTROYED") spillError = e;
  });
  const skipped = new Map<string, number>();
  const raw: { paper: SourcePaper; dblpNames: string[] }[] = [];
  const neededNames = new Set<string>();
  try {
    const read = await readDblp(dumpPath, {
      entities,
      onError: options.onError,
      onProgress: options.onProgress,
      onElement: (el) => {
        if (el.tag === "www") {
          const person = toDblpPerson(el);
          if (person) spill.write(JSON.stringify(person) + "\n");
          return;
        }
        const result = toDblpPaper(el);
        if ("skip" in result) {
          skipped.set(result.skip, (skipped.get(result.skip) ?? 0) + 1);
          return;
        }
        raw.push(result);
        for (const n of result.dblpNames) neededNames.add(n);
      },
    });
    await new Promise<void>((resolve, reject) => spill.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (spillError) throw spillError;

    // Read back only the people the selected papers name (by any of their names).
    const personByName = new Map<string, DblpPerson>();
    const people: DblpPerson[] = [];
    const lines = createInterface({ input: createReadStream(spillPath), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const person = JSON.parse(line) as DblpPerson;
      if (!person.names.some((n) => neededNames.has(n))) continue;
      people.push(person);
      for (const n of person.names) personByName.set(n, person);
    }

    const papers = raw.map((r) => withDblpPeople(r.paper, r.dblpNames, (n) => personByName.get(n)));
    const keys = new Set<string>();
    let authorships = 0;
    for (const p of papers)
      for (const a of p.authors) {
        authorships++;
        if (a.dblpKey) keys.add(a.dblpKey);
      }
    if (read.skippedRecords > 0) skipped.set("record with a problem (see the problems listed)", read.skippedRecords);
    const skippedCount = [...skipped.values()].reduce((a, b) => a + b, 0);
    return {
      papers,
      people: people.filter((p) => !p.disambiguation),
      counts: { papers: papers.length, authorships, people: keys.size, skipped: skippedCount },
      skippedReasons: [...skipped].map(([reason, count]) => ({ reason, count })),
      problems: read.problems,
      problemCount: read.problemCount,
      complete: read.complete,
      bytes: read.bytes,
      uncompressedBytes: read.uncompressedBytes,
    };
  } finally {
    spill.destroy();
    rmSync(spillDir, { recursive: true, force: true });
  }
}

export type DblpImportOptions = DblpParseOptions & {
  batchSize?: number;
  /** Re-read and re-apply a dump that was imported completely already. */
  force?: boolean;
  onStage?: (stage: string, done: number, total: number) => void;
  /** For the crash drill: throw after this many batches. */
  failAfterBatches?: number;
};

export type DblpImportReport = Omit<DblpParse, "papers" | "people"> & {
  file: string;
  skippedAsUnchanged: boolean;
  resumed: boolean;
  written: {
    papersAdded: number;
    papersChanged: number;
    papersRemoved: number;
    peopleWritten: number;
    peopleRemoved: number;
  };
  seconds: number;
};

type State = { fileId: string; batchSize: number; done: string[]; complete: boolean };
const STATE_KEY = "dblp";

async function readState(db: Executor): Promise<State | null> {
  const rows = await query<{ value: State }>(sql`select value from import_state where key = ${STATE_KEY}`, db);
  return rows[0]?.value ?? null;
}

async function writeState(db: Executor, state: State): Promise<void> {
  await db.execute(sql`
    insert into import_state (key, value, updated_at) values (${STATE_KEY}, ${JSON.stringify(state)}::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

async function storePeople(tx: Executor, people: DblpPerson[]): Promise<number> {
  if (people.length === 0) return 0;
  const json = JSON.stringify(
    people.map((p) => ({ pid: p.pid, names: p.names, urls: p.urls, affiliations: p.affiliations, mdate: p.mdate })),
  );
  const [r] = await query<{ n: number }>(
    sql`with i as (
      insert into dblp_people (pid, names, urls, affiliations, mdate)
      select x.pid, array(select jsonb_array_elements_text(x.names)), array(select jsonb_array_elements_text(x.urls)), x.affiliations, x.mdate
      from jsonb_to_recordset(${json}::jsonb) as x(pid text, names jsonb, urls jsonb, affiliations jsonb, mdate text)
      on conflict (pid) do update set names = excluded.names, urls = excluded.urls, affiliations = excluded.affiliations, mdate = excluded.mdate, imported_at = now()
      where (dblp_people.names, dblp_people.urls, dblp_people.affiliations, dblp_people.mdate)
        is distinct from (excluded.names, excluded.urls, excluded.affiliations, excluded.mdate)
      returning 1) select count(*)::int as n from i`,
    tx,
  );
  return Number(r?.n ?? 0);
}

export async function importDblp(db: Db, dumpPath: string, options: DblpImportOptions = {}): Promise<DblpImportReport> {
  const started = performance.now();
  const file = path.basename(dumpPath);
  const stat = statSync(dumpPath);
  const fileId = `${file}:${stat.size}:${Math.round(stat.mtimeMs)}`;
  const batchSize = options.batchSize ?? 2000;
  const previous = await readState(db);
  const written = { papersAdded: 0, papersChanged: 0, papersRemoved: 0, peopleWritten: 0, peopleRemoved: 0 };
  if (previous?.complete && previous.fileId === fileId && !options.force) {
    return {
      file,
      skippedAsUnchanged: true,
      resumed: false,
      written,
      counts: { papers: 0, authorships: 0, people: 0, skipped: 0 },
      skippedReasons: [],
      problems: [],
      problemCount: 0,
      complete: true,
      bytes: 0,
      uncompressedBytes: 0,
      seconds: (performance.now() - started) / 1000,
    };
  }
  const parsed = await parseDblpDump(dumpPath, options);
  const state: State =
    previous && previous.fileId === fileId && previous.batchSize === batchSize && !previous.complete && !options.force
      ? previous
      : { fileId, batchSize, done: [], complete: false };
  const resumed = state.done.length > 0;
  const done = new Set(state.done);
  let batchesRun = 0;

  const papers = [...parsed.papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const people = [...parsed.people].sort((a, b) => (a.pid < b.pid ? -1 : 1));
  const stage = async <T>(name: string, rows: T[], write: (tx: Executor, part: T[]) => Promise<void>) => {
    options.onStage?.(name, 0, rows.length);
    for (let i = 0, b = 0; i < rows.length; i += batchSize, b++) {
      const batchName = `${name}:${b}`;
      if (!done.has(batchName)) {
        if (options.failAfterBatches !== undefined && batchesRun >= options.failAfterBatches)
          throw new Error(`dblp import stopped on purpose after ${batchesRun} batches`);
        await db.transaction(async (tx) => {
          await write(tx, rows.slice(i, i + batchSize));
          done.add(batchName);
          state.done = [...done];
          await writeState(tx, state);
        });
        batchesRun++;
      }
      options.onStage?.(name, Math.min(rows.length, i + batchSize), rows.length);
    }
  };
  await stage("papers", papers, async (tx, part) => {
    const r = await storeSourceRecords(
      tx,
      "dblp",
      part.map((record) => ({ file, record })),
    );
    written.papersAdded += r.added;
    written.papersChanged += r.changed;
    if (r.added + r.changed > 0) await bumpSourcesVersion(tx);
  });
  await stage("people", people, async (tx, part) => {
    written.peopleWritten += await storePeople(tx, part);
  });

  // What the dump no longer holds goes, but only when the whole dump was read.
  if (parsed.complete) {
    await db.transaction(async (tx) => {
      const keepPapers = JSON.stringify(papers.map((p) => `${p.venue}/${p.id}`));
      const keepPeople = JSON.stringify(people.map((p) => p.pid));
      const [r] = await query<{ papers: number; people: number }>(
        sql`with gp as (
            delete from source_papers where source = 'dblp'
              and venue_id || '/' || source_id not in (select jsonb_array_elements_text(${keepPapers}::jsonb)) returning 1),
          gq as (delete from dblp_people where pid not in (select jsonb_array_elements_text(${keepPeople}::jsonb)) returning 1)
          select (select count(*) from gp)::int as papers, (select count(*) from gq)::int as people`,
        tx,
      );
      written.papersRemoved = Number(r?.papers ?? 0);
      written.peopleRemoved = Number(r?.people ?? 0);
      if (written.papersRemoved > 0) await bumpSourcesVersion(tx);
      state.complete = true;
      await writeState(tx, state);
    });
  }
  const { papers: _p, people: _q, ...rest } = parsed;
  return { ...rest, file, skippedAsUnchanged: false, resumed, written, seconds: (performance.now() - started) / 1000 };
}
