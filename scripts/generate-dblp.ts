/**
 * Writes a synthetic file in dblp's XML format for benchmarks (never committed):
 *   tsx scripts/generate-dblp.ts [--out .data/bench/dblp-bench.xml] [--mb 1100]
 * The mix follows the real dump: mostly records of other venues, person records (www) for every
 * name, a few percent of records at the selected venues, entities, homonym suffixes, markup in titles.
 * The names and titles are generated (placeholders), not bibliographic facts.
 */
import { createWriteStream, copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { argValue, runCli } from "./cli";

await runCli(async () => {
  const out = path.resolve(argValue("out") ?? ".data/bench/dblp-bench.xml");
  const targetBytes = Number(argValue("mb") ?? 1100) * 1e6;
  mkdirSync(path.dirname(out), { recursive: true });
  copyFileSync(path.resolve("test/fixtures/dblp/dblp.dtd"), path.join(path.dirname(out), "dblp.dtd"));
  const stream = createWriteStream(out);
  // mulberry32: a small deterministic generator (the file is the same on every run).
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const first = [
    "Wei",
    "Anna",
    "J&uuml;rgen",
    "Fran&ccedil;ois",
    "Mar&iacute;a",
    "Yuki",
    "Olga",
    "Ahmed",
    "Chen",
    "S&oslash;ren",
    "Luca",
    "Priya",
  ];
  const last = [
    "Wang",
    "M&uuml;ller",
    "Garc&iacute;a",
    "Smith",
    "Tanaka",
    "Ivanova",
    "Hassan",
    "Li",
    "Nielsen",
    "Rossi",
    "Sharma",
    "Dubois",
  ];
  const persons = 400_000;
  const nameOf = (i: number) =>
    `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${String(Math.floor(i / 144) + 1).padStart(4, "0")}`;
  const venues = [
    ["inproceedings", "conf/nips", "NeurIPS"],
    ["inproceedings", "conf/icml", "ICML"],
    ["inproceedings", "conf/iclr", "ICLR"],
    ["inproceedings", "conf/colt", "COLT"],
    ["inproceedings", "conf/aistats", "AISTATS"],
    ["inproceedings", "conf/uai", "UAI"],
    ["article", "journals/jmlr", "J. Mach. Learn. Res."],
    ["article", "journals/pami", "IEEE Trans. Pattern Anal. Mach. Intell."],
  ];
  const others = [
    ["inproceedings", "conf/kdd", "KDD"],
    ["inproceedings", "conf/cvpr", "CVPR"],
    ["article", "journals/corr", "CoRR"],
    ["article", "journals/tcs", "Theor. Comput. Sci."],
  ];
  let written = 0;
  let n = 0;
  let selected = 0;
  const write = (s: string) => {
    written += Buffer.byteLength(s, "latin1");
    return stream.write(s, "latin1");
  };
  write(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE dblp SYSTEM "dblp.dtd">\n<dblp>\n`);
  let person = 0;
  while (written < targetBytes) {
    let chunk = "";
    for (let k = 0; k < 2000; k++) {
      n++;
      if (n % 4 === 0 && person < persons) {
        const i = person++;
        chunk += `<www mdate="2024-0${1 + (i % 9)}-01" key="homepages/${i % 300}/${i}">\n<author>${nameOf(i)}</author>\n${i % 5 === 0 ? `<author>${nameOf(i).replace(/ \d{4}$/, "")} Alias</author>\n` : ""}<title>Home Page</title>\n${i % 3 === 0 ? `<url>https://example.org/~p${i}</url>\n<note type="affiliation">Example University ${i % 977}</note>\n` : ""}</www>\n`;
        continue;
      }
      const isSelected = rand() < 0.03;
      const [tag, prefix, where] = isSelected ? pick(venues) : pick(others);
      if (isSelected) selected++;
      const year = 1995 + Math.floor(rand() * 31);
      const authors = Array.from(
        { length: 1 + Math.floor(rand() * 6) },
        () => `<author>${nameOf(Math.floor(rand() * persons))}</author>\n`,
      ).join("");
      const place =
        tag === "article"
          ? `<journal>${where}</journal>\n<volume>${year - 1990}</volume>\n`
          : `<booktitle>${where}</booktitle>\n`;
      chunk += `<${tag} mdate="2024-01-01" key="${prefix}/P${n}">\n${authors}<title>Generated Record ${n} on <i>Learning</i> with L<sub>${n % 9}</sub> Terms.</title>\n<pages>1-${n % 30}</pages>\n<year>${year}</year>\n${place}<ee>https://example.org/rec/${n}</ee>\n<url>db/${prefix}/x.html#P${n}</url>\n</${tag}>\n`;
    }
    if (!write(chunk)) await new Promise<void>((r) => stream.once("drain", () => r()));
  }
  write(`</dblp>\n`);
  await new Promise<void>((r) => stream.end(() => r()));
  console.log(JSON.stringify({ out, bytes: written, records: n, selected, persons: person }));
});
