/**
 * Part of npm run bench:import: the dblp reader's rate on a generated dblp-format file of at least
 * 1 GB (scripts/generate-dblp.ts, under .data/bench/, never committed): papers/s, MB/s, CPU time
 * and peak RSS, run exactly as `npm run import:dblp -- --dry-run` runs (heap capped at 400 MB);
 * and the paper-list import rate (validate + store, then the main import) on a fresh PGlite.
 * Writes the "import-sources" section of docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { machineLine, writeBenchmarkSection } from "./bench-report";
import { runCli } from "./cli";

const node = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DATABASE_URL: "", ...env },
  });

await runCli(async () => {
  const file = path.resolve(".data/bench/dblp-bench.xml");
  if (!existsSync(file) || statSync(file).size < 1e9) {
    console.log("generating a 1.1 GB dblp-format file…");
    const g = node(["--import", "tsx", "scripts/generate-dblp.ts", "--out", file, "--mb", "1100"]);
    if (g.status !== 0) throw new Error(g.stderr);
  }
  const size = statSync(file).size;
  console.log("dblp: reading the generated file…");
  const wall0 = performance.now();
  const r = node([
    "--max-old-space-size=400",
    "--import",
    "tsx",
    "scripts/import-dblp.ts",
    file,
    "--dry-run",
    "--stats",
  ]);
  const wall = (performance.now() - wall0) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  const counts = JSON.parse(r.stdout.trim()) as {
    papers: number;
    authorships: number;
    people: number;
    skipped: number;
  };
  const stats = JSON.parse(r.stderr.trim().split("\n").pop()!) as {
    seconds: number;
    cpuSeconds: number;
    maxRssMb: number;
  };

  console.log("paper lists: importing ten seed files as paper lists on a fresh PGlite…");
  const files = readdirSync("seed/papers")
    .filter((f) => /^(neurips|icml)-202[1-5]\.jsonl\.gz$/.test(f))
    .map((f) => path.join("seed/papers", f));
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-bench-lists-"));
  const env = { PGLITE_DATA_DIR: path.join(dir, "pglite") };
  const base = node(["--import", "tsx", "scripts/import.ts", "--json"], env);
  if (base.status !== 0) throw new Error(base.stderr);
  const lists = node(["--import", "tsx", "scripts/import-papers.ts", ...files, "--json"], env);
  rmSync(dir, { recursive: true, force: true });
  if (lists.status !== 0) throw new Error(lists.stderr);
  const l = JSON.parse(lists.stdout.trim().split("\n").pop()!) as {
    listSeconds: number;
    files: { records: number }[];
    import: { seconds: number; rowsWritten: number };
  };
  const records = l.files.reduce((a, f) => a + f.records, 0);
  const load = os.loadavg()[0].toFixed(1);

  const md = `## Import sources (\`npm run bench:import\`, scripts/bench-import-sources.ts)

${new Date().toISOString().slice(0, 10)} · ${machineLine()} · load average ${load} at the end (the machine is shared: wall time depends on it, CPU time much less).

**dblp reader** on a generated dblp-format file (scripts/generate-dblp.ts: ${(size / 1e9).toFixed(2)} GB of XML in ISO-8859-1 with entities,
homonym suffixes, person records, ~3% of records at the selected venues), run as \`npm run import:dblp -- --dry-run\` (heap capped at 400 MB):

| file | papers kept | authorships | people | wall | CPU | papers/s (wall) | MB/s (wall) | MB/s (CPU) | peak RSS | target |
|---|---|---|---|---|---|---|---|---|---|---|
| ${(size / 1e6).toFixed(0)} MB | ${counts.papers.toLocaleString("en")} | ${counts.authorships.toLocaleString("en")} | ${counts.people.toLocaleString("en")} | ${wall.toFixed(0)} s | ${stats.cpuSeconds.toFixed(0)} s | ${Math.round(counts.papers / stats.seconds).toLocaleString("en")} | ${(size / 1e6 / stats.seconds).toFixed(1)} | ${(size / 1e6 / stats.cpuSeconds).toFixed(1)} | ${stats.maxRssMb.toFixed(0)} MB | < 512 MB |

The real dump (about 4.5 GB uncompressed, gzipped) is read the same way, plus gunzip; its selected
papers (~80,000) are about those of this file, so memory stays the same.

**Paper lists**: ${l.files.length} shipped files (NeurIPS and ICML 2021–2025) imported with \`npm run import:papers\` into a PGlite
database that holds the shipped data: ${records.toLocaleString("en")} records validated and stored in ${l.listSeconds.toFixed(1)} s
(${Math.round(records / l.listSeconds).toLocaleString("en")} records/s), then the main import in ${l.import.seconds.toFixed(1)} s
(${l.import.rowsWritten.toLocaleString("en")} rows written or changed: the papers' provenance moves to the paper lists).
`;
  writeBenchmarkSection("import-sources", md);
  console.log(md);
});
