/**
 * Paper lists in the shipped format (../shared/data/README.md: one paper a JSON line, gzipped or
 * not): read, validate with zod, and store them for the main import.
 *
 * The seed files (first start) and `npm run import:papers` go through the same reader, so a file
 * that the seed would accept is accepted here and vice versa. Problems are named by file and line
 * (or compressed byte offset for a broken gzip); `onError: "stop"` (default) throws on the first,
 * `"skip"` leaves the record out and lists it in the summary.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { constants as zlibConstants, gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "../db.server";
import { query } from "../db.server";
import { isVenueId, VENUE_IDS } from "../venues";
import type { SourcePaper } from "./import-plan";

export type OnError = "skip" | "stop";

/** One problem in an input file: where (line, or byte offset of the compressed file) and what. */
export type InputProblem = { file: string; line?: number; byte?: number; problem: string };

export function formatProblem(p: InputProblem): string {
  const where = p.line !== undefined ? `:${p.line}` : p.byte !== undefined ? ` (byte ${p.byte})` : "";
  return `${p.file}${where}: ${p.problem}`;
}

/** Thrown under onError "stop": the message names the file, the line or offset, and the problem. */
export class InputError extends Error {
  constructor(readonly problem: InputProblem) {
    super(formatProblem(problem));
    this.name = "InputError";
  }
}

const text = z.string().trim().min(1);
const nullableText = z.string().nullish();

/** The optional author fields, each a string where present (see ../shared/data/README.md). */
const AUTHOR_FIELDS = [
  "openreview",
  "aff",
  "institution",
  "domain",
  "position",
  "country",
  "dblp",
  "homepage",
  "scholar",
  "orcid",
  "dblpKey",
] as const;

// Authors are checked by hand (checkAuthors): zod's per-field work over 355,000 authorships made
// the seed's first import several times slower. Unknown author keys are dropped.
export const paperRecordSchema = z.object({
  venue: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isVenueId, { message: `unknown venue; one of ${VENUE_IDS.join(", ")}` }),
  year: z.number().int().min(1950).max(2100),
  id: z.union([text, z.number().transform(String)]),
  title: text,
  status: nullableText,
  track: nullableText,
  url: nullableText,
  authors: z.array(z.unknown()).min(1, "a paper needs at least one author"),
});

/** Each author an object with a non-empty name and string (or null) optional fields. */
function checkAuthors(authors: unknown[]): string | null {
  for (let i = 0; i < authors.length; i++) {
    const a = authors[i] as Record<string, unknown> | null;
    if (typeof a !== "object" || a === null || Array.isArray(a)) return `authors.${i}: must be an object`;
    if (typeof a.name !== "string" || !a.name.trim())
      return `authors.${i}.name: ${a.name === undefined ? "missing" : "must be a non-empty string"}`;
    for (const f of AUTHOR_FIELDS) {
      const v = a[f];
      if (v !== undefined && v !== null && typeof v !== "string") return `authors.${i}.${f}: must be a string`;
    }
  }
  return null;
}

const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The record in its canonical form (trimmed, empty fields dropped), so stored copies compare equal across runs. */
function compact(record: z.infer<typeof paperRecordSchema>): SourcePaper {
  return {
    venue: record.venue,
    year: record.year,
    id: record.id,
    title: record.title,
    status: orNull(record.status),
    track: orNull(record.track),
    url: orNull(record.url),
    authors: (record.authors as Record<string, string | null | undefined>[]).map((a) => {
      const out: SourcePaper["authors"][number] = { name: a.name!.trim() };
      for (const f of AUTHOR_FIELDS) {
        const v = orNull(a[f]);
        if (v) out[f] = v;
      }
      return out;
    }),
  };
}

/** Validates one line; returns the record or the problem (without the file). */
export function parsePaperLine(line: string): { record: SourcePaper } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = paperRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "record";
    const what = issue.code === "invalid_type" && issue.received === "undefined" ? "missing" : issue.message;
    return { problem: `${where}: ${what}` };
  }
  const authorProblem = checkAuthors(parsed.data.authors);
  if (authorProblem) return { problem: authorProblem };
  return { record: compact(parsed.data) };
}

export type PaperListRead = {
  file: string;
  records: SourcePaper[];
  problems: InputProblem[];
  /** False when the file ended early (a truncated gzip): what was read is kept, nothing is pruned. */
  complete: boolean;
  lines: number;
  /** sha256 of the file's bytes. */
  hash: string;
};

/** Unpacks a gzip (by its magic bytes) or returns the text; a truncated gzip yields what it holds. */
function unpack(file: string, buf: Buffer): { text: string; problem?: InputProblem } {
  if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return { text: buf.toString("utf8") };
  try {
    return { text: gunzipSync(buf).toString("utf8") };
  } catch (error) {
    const reason = (error as Error).message;
    let partial = "";
    try {
      partial = gunzipSync(buf, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8");
    } catch {
      partial = "";
    }
    const truncated = /unexpected end/i.test(reason);
    // Only whole lines of a cut file count: the last one is cut too.
    const whole = partial.slice(0, partial.lastIndexOf("\n") + 1);
    return {
      text: whole,
      problem: {
        file,
        byte: buf.length,
        problem: truncated
          ? `truncated gzip: the file ends at byte ${buf.length} before the end of its data (${reason})`
          : `corrupt gzip (${reason})`,
      },
    };
  }
}

/** Reads and validates one paper-list file. Under "stop" the first problem throws an InputError. */
export function readPaperList(filePath: string, options: { onError?: OnError; label?: string } = {}): PaperListRead {
  const onError = options.onError ?? "stop";
  const file = options.label ?? path.basename(filePath);
  let buf: Buffer;
  try {
    buf = readFileSync(filePath);
  } catch (error) {
    throw new InputError({ file, problem: `cannot read (${(error as Error).message})` });
  }
  const hash = createHash("sha256").update(buf).digest("hex");
  const { text: content, problem: packing } = unpack(file, buf);
  const problems: InputProblem[] = [];
  const report = (p: InputProblem) => {
    if (onError === "stop") throw new InputError(p);
    problems.push(p);
  };
  if (packing) report(packing);
  const records: SourcePaper[] = [];
  const lines = content.split("\n");
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    n++;
    const result = parsePaperLine(line);
    if ("problem" in result) report({ file, line: i + 1, problem: result.problem });
    else records.push(result.record);
  }
  return { file, records, problems, complete: !packing, lines: n, hash };
}

/** Every change to source_papers bumps this, so the main import knows its inputs changed. */
export async function sourcesVersion(db: Executor): Promise<string> {
  const rows = await query<{ v: string }>(sql`select value #>> '{}' as v from import_state where key = 'sources'`, db);
  return rows[0]?.v ?? "0";
}

export async function bumpSourcesVersion(db: Executor): Promise<void> {
  await db.execute(sql`
    insert into import_state (key, value, updated_at) values ('sources', '1'::jsonb, now())
    on conflict (key) do update set value = to_jsonb((import_state.value #>> '{}')::int + 1), updated_at = now()`);
}

export type StoreCounts = { added: number; changed: number; unchanged: number; removed: number };

/**
 * Upserts records of one source into source_papers; with `pruneFile`, removes that file's earlier
 * records that are no longer in it. Runs on the executor given (callers pass a transaction).
 */
export async function storeSourceRecords(
  tx: Executor,
  source: "paper-list" | "dblp",
  records: { file: string; record: SourcePaper }[],
): Promise<{ added: number; changed: number }> {
  if (records.length === 0) return { added: 0, changed: 0 };
  const json = JSON.stringify(
    records.map((r) => ({
      venue: r.record.venue,
      id: r.record.id,
      year: r.record.year,
      file: r.file,
      record: r.record,
    })),
  );
  const rows = await query<{ inserted: boolean }>(
    sql`insert into source_papers (source, venue_id, source_id, year, file, record)
      select ${source}, x.venue, x.id, x.year, x.file, x.record
      from jsonb_to_recordset(${json}::jsonb) as x(venue text, id text, year int, file text, record jsonb)
      on conflict (source, venue_id, source_id) do update set year = excluded.year, file = excluded.file, record = excluded.record, changed_at = now()
      where (source_papers.year, source_papers.file, source_papers.record) is distinct from (excluded.year, excluded.file, excluded.record)
      returning (xmax = 0) as inserted`,
    tx,
  );
  const added = rows.filter((r) => r.inserted).length;
  return { added, changed: rows.length - added };
}

export type PaperListImport = {
  files: { file: string; records: number; problems: number; complete: boolean }[];
  counts: StoreCounts;
  problems: InputProblem[];
};

/**
 * `npm run import:papers`: reads every file first (so "stop" writes nothing when any file is bad),
 * then writes each file in one transaction: its records are upserted (only what changed is
 * written) and, when the file was read whole, its records that are gone from it are removed.
 * Duplicate papers (venue + id) within the run: the later file wins, as a re-import would.
 */
export async function importPaperLists(
  db: Db,
  filePaths: string[],
  options: { onError?: OnError } = {},
): Promise<PaperListImport> {
  const reads = filePaths.map((f) => readPaperList(f, { onError: options.onError }));
  const counts: StoreCounts = { added: 0, changed: 0, unchanged: 0, removed: 0 };
  for (const read of reads) {
    const byKey = new Map(read.records.map((r) => [`${r.venue}/${r.id}`, r]));
    const records = [...byKey.values()].map((record) => ({ file: read.file, record }));
    await db.transaction(async (tx) => {
      const { added, changed } = await storeSourceRecords(tx, "paper-list", records);
      let removed = 0;
      if (read.complete) {
        const keep = JSON.stringify([...byKey.keys()]);
        const gone = await query<{ n: number }>(
          sql`with d as (delete from source_papers where source = 'paper-list' and file = ${read.file}
            and venue_id || '/' || source_id not in (select jsonb_array_elements_text(${keep}::jsonb)) returning 1)
            select count(*)::int as n from d`,
          tx,
        );
        removed = Number(gone[0]?.n ?? 0);
      }
      if (added + changed + removed > 0) await bumpSourcesVersion(tx);
      counts.added += added;
      counts.changed += changed;
      counts.removed += removed;
      counts.unchanged += records.length - added - changed;
    });
  }
  return {
    files: reads.map((r) => ({
      file: r.file,
      records: r.records.length,
      problems: r.problems.length,
      complete: r.complete,
    })),
    counts,
    problems: reads.flatMap((r) => r.problems),
  };
}
