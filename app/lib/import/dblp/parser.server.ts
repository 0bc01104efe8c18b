/**
 * Streams a dblp XML dump (dblp.xml or dblp.xml.gz, several GB) through the saxes SAX parser:
 * never the whole file in memory, only the elements `isWanted` selects are collected.
 *
 * - Encoding: dblp.xml declares ISO-8859-1; the declaration is read and the bytes decoded to match.
 * - Entities: the ones dblp.dtd declares (entities.ts); an undeclared one is an error.
 * - Errors (malformed XML, an unknown entity, a truncated or corrupt gzip) name the file, the line
 *   and column (XML) or the compressed byte offset (gzip). onError "stop" throws the first;
 *   "skip" drops the record it occurred in, counts it, and goes on (a truncated file ends the read
 *   early and the result says it was not complete).
 */
import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { SaxesParser } from "saxes";
import { InputError, type InputProblem, type OnError } from "../paper-list.server";
import { type DblpElement, isWanted } from "./records";

export type DblpReadOptions = {
  entities: Map<string, string>;
  onElement: (el: DblpElement) => void;
  /** Compressed bytes read so far, of the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  onError?: OnError;
  /** At most this many problems are listed (all are counted). */
  maxListedProblems?: number;
};

export type DblpReadResult = {
  bytes: number;
  uncompressedBytes: number;
  elements: number;
  problems: InputProblem[];
  problemCount: number;
  /** Records dropped because of a problem inside them. */
  skippedRecords: number;
  complete: boolean;
};

const FIELDS = new Set(["author", "title", "year", "booktitle", "journal", "url", "ee", "note"]);

export async function readDblp(filePath: string, options: DblpReadOptions): Promise<DblpReadResult> {
  const file = path.basename(filePath);
  const onError = options.onError ?? "stop";
  const maxListed = options.maxListedProblems ?? 100;
  let totalBytes: number;
  try {
    totalBytes = statSync(filePath).size;
  } catch (error) {
    throw new InputError({ file, problem: `cannot read (${(error as Error).message})` });
  }
  const result: DblpReadResult = {
    bytes: 0,
    uncompressedBytes: 0,
    elements: 0,
    problems: [],
    problemCount: 0,
    skippedRecords: 0,
    complete: true,
  };
  const report = (p: InputProblem) => {
    if (onError === "stop") throw new InputError(p);
    result.problemCount++;
    if (result.problems.length < maxListed) result.problems.push(p);
  };

  // The record being collected (depth 2 under <dblp>), the field inside it, and markup depth.
  let depth = 0;
  let current: DblpElement | null = null;
  let currentBad = false;
  let field: string | null = null;
  let fieldAttrs: Record<string, string> = {};
  let buffer = "";

  // Where the parser stands in the input: lines before the current chunk, and the parser position
  // at which the current chunk's text begins (a resynchronised parser starts mid-chunk).
  let linesBeforeChunk = 0;
  let lineBase = 0;
  let chunkStartInParser = 0;

  const makeParser = () => {
    const p = new SaxesParser({ position: true });
    for (const [name, value] of options.entities) p.ENTITIES[name] = value;
    p.on("opentag", (tag) => {
      depth++;
      if (depth === 2) {
        const key = own(String(tag.attributes.key ?? ""));
        current = isWanted(tag.name, key)
          ? {
              tag: tag.name,
              key,
              mdate: ownOrNull(tag.attributes.mdate as string | undefined),
              publtype: ownOrNull(tag.attributes.publtype as string | undefined),
              authors: [],
              title: null,
              year: null,
              booktitle: null,
              journal: null,
              urls: [],
              notes: [],
            }
          : null;
        currentBad = false;
      } else if (depth === 3 && current && FIELDS.has(tag.name)) {
        field = tag.name;
        fieldAttrs = tag.attributes as Record<string, string>;
        buffer = "";
      }
      // Deeper: <i>, <sub>, <sup>, <tt> inside a title; their text joins the field's.
    });
    p.on("text", (t) => {
      if (field) buffer += t;
    });
    p.on("closetag", () => {
      if (depth === 3 && field && current) {
        const value = own(buffer.replace(/\s+/g, " ").trim());
        const el: DblpElement = current;
        switch (field) {
          case "author":
            if (value) el.authors.push({ name: value, orcid: ownOrNull(fieldAttrs.orcid) });
            break;
          case "title":
            el.title = value;
            break;
          case "year":
            el.year = value;
            break;
          case "booktitle":
            el.booktitle = value;
            break;
          case "journal":
            el.journal = value;
            break;
          case "url":
          case "ee":
            if (value) el.urls.push(value);
            break;
          case "note":
            el.notes.push({ type: ownOrNull(fieldAttrs.type), label: ownOrNull(fieldAttrs.label), text: value });
            break;
        }
        field = null;
      } else if (depth === 2) {
        if (current) {
          if (currentBad) result.skippedRecords++;
          else {
            result.elements++;
            options.onElement(current);
          }
        }
        current = null;
      }
      depth--;
    });
    p.on("error", (error) => {
      const what = error.message.replace(/^.*?\d+:\d+: /, "");
      // saxes does not say which entity: read it back from the text before the error position.
      const at = p.position - chunkStartInParser;
      const amp = what === "undefined entity." ? currentText.lastIndexOf("&", at) : -1;
      const entity = amp >= 0 && at - amp < 60 ? currentText.slice(amp + 1, currentText.indexOf(";", amp)) : undefined;
      report({
        file,
        problem: `line ${p.line + lineBase}:${p.column}: ${entity ? `undefined entity &${entity};` : what.replace(/\.$/, "")}`,
      });
      // An entity problem spoils one field; saxes goes on, and the record is dropped. A broken
      // structure leaves saxes lost: the parse starts again at the next record (resync below).
      if (/entity/.test(what)) currentBad = true;
      else throw RESYNC;
    });
    return p;
  };
  let parser = makeParser();

  // After a broken structure: drop the record it was in and restart at the next record's start tag.
  const RECORD_START =
    /\n<(?:article|inproceedings|proceedings|book|incollection|phdthesis|mastersthesis|www|person|data)[\s>]/g;
  let awaitingResync = false;
  let currentText = "";
  const feed = (text: string) => {
    currentText = text;
    let from = 0;
    for (;;) {
      if (awaitingResync) {
        RECORD_START.lastIndex = from;
        const m = RECORD_START.exec(text);
        if (!m) return;
        awaitingResync = false;
        const start = m.index + 1;
        lineBase = linesBeforeChunk + countLines(text, 0, start);
        parser = makeParser();
        parser.write("\n<dblp>");
        lineBase -= 1; // the line the parser's "\n<dblp>" adds
        chunkStartInParser = "\n<dblp>".length - start;
        depth = 1;
        from = start;
      }
      try {
        parser.write(from === 0 ? text : text.slice(from));
        return;
      } catch (error) {
        if (error !== RESYNC) throw error;
        if (current) result.skippedRecords++;
        current = null;
        field = null;
        awaitingResync = true;
        from = Math.max(from, parser.position - chunkStartInParser);
      }
    }
  };

  // Sniff the gzip magic first: nothing may read the stream before its consumers are attached.
  const head = Buffer.alloc(2);
  const fd = await open(filePath, "r");
  await fd.read(head, 0, 2, 0);
  await fd.close();
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const input = createReadStream(filePath, { highWaterMark: 1 << 20 });
  const countRead = (n: number) => {
    result.bytes += n;
    options.onProgress?.(result.bytes, totalBytes);
  };
  let stream: NodeJS.ReadableStream = input;
  if (gzipped) {
    // Both the gunzip pipe and this listener see every compressed chunk.
    input.on("data", (chunk) => countRead(chunk.length));
    const gunzip = createGunzip();
    input.on("error", (e) => gunzip.destroy(e));
    stream = input.pipe(gunzip);
  }

  let decode: ((b: Buffer) => string) | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      result.uncompressedBytes += chunk.length;
      if (!gzipped) countRead(chunk.length);
      if (!decode) {
        // The XML declaration names the encoding (dblp.xml: ISO-8859-1); UTF-8 otherwise.
        const declared =
          /<\?xml[^>]*encoding=["']([\w.-]+)["']/.exec(chunk.subarray(0, 200).toString("latin1"))?.[1] ?? "UTF-8";
        if (/^(iso-8859-1|latin-?1|us-ascii)$/i.test(declared)) decode = (b) => b.toString("latin1");
        else {
          const decoder = new StringDecoder("utf8");
          decode = (b) => decoder.write(b);
        }
      }
      const text = decode(chunk);
      feed(text);
      linesBeforeChunk += countLines(text, 0, text.length);
      chunkStartInParser += text.length;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    const truncated = /unexpected end/i.test(message);
    result.complete = false;
    report({
      file,
      byte: result.bytes,
      problem: truncated
        ? `truncated gzip: the data ends after ${result.uncompressedBytes} uncompressed bytes, before the end of the stream (${message})`
        : `corrupt input (${message})`,
    });
    return result;
  }
  try {
    if (!awaitingResync) parser.close();
  } catch (error) {
    if (error !== RESYNC) throw error;
  }
  return result;
}

const RESYNC = Symbol("resync");

/**
 * A copy of a string that does not point into the 1 MB chunk it was parsed from. V8 keeps
 * substrings as views of their parent: a kept title would otherwise keep its whole chunk alive,
 * and with selected records spread all over the dump, memory grew with the bytes read.
 */
function own(s: string): string {
  return (" " + s).slice(1);
}
function ownOrNull(s: string | undefined): string | null {
  return s === undefined ? null : own(s);
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
