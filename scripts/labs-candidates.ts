/**
 * npm run labs:candidates [-- --limit 60] [--min-advisors 2] [--relink]
 * The registry grows from evidence: prints the affiliation segments that advisors print most in
 * their latest years and that no registry lab matches yet ("LIONS, EPFL" -> "LIONS"), with how many
 * advisors and papers print each and a few of those advisors. Also lists registry aliases that no
 * printed affiliation contains. --relink reruns the lab-link stage first (after editing the registry).
 */
import { sql } from "drizzle-orm";
import { closeDb, getDb, query } from "../app/lib/db.server";
import { linkLabs, LINK_WINDOW_YEARS_BEFORE } from "../app/lib/import/lab-links.server";
import { foldAffiliation, LabMatcher, splitJointAffiliation } from "../app/lib/import/lab-matcher";
import { matchRules, readLabRegistry } from "../app/lib/import/lab-registry.server";
import { prepareDatabase, seedDir } from "../app/lib/setup.server";
import { argValue, hasFlag, runCli } from "./cli";

// Segments that name a place, a department or a whole university rather than a lab.
const NOT_A_LAB =
  /\b(university|universit[ey]|universidad|universita|universitat|college|school|department|dept|faculty|inc|ltd|llc|corp|gmbh|usa|china|canada|germany|france|japan|korea|united states|united kingdom|uk|india|israel|australia|switzerland|netherlands|singapore|technology|sciences?)\b/;

await runCli(async () => {
  await prepareDatabase();
  const read = readLabRegistry(seedDir());
  if (!read) throw new Error("no seed/lab-registry.json");
  if (hasFlag("relink")) await linkLabs(getDb(), seedDir(), { force: true, onWarning: (m) => console.warn(m) });
  const limit = Number(argValue("limit") ?? 60);
  const minAdvisors = Number(argValue("min-advisors") ?? 2);
  const rules = matchRules(read.registry);
  const matcher = new LabMatcher(rules);
  const rows = await query<{
    person_id: number;
    name: string;
    year: number;
    latest: number;
    affiliation: string | null;
    institution_text: string | null;
  }>(
    sql`with mine as (
          select au.person_id, p.year, au.affiliation, au.institution_text from authorships au
          join papers p on p.id = au.paper_id join advisors a on a.person_id = au.person_id
          where au.affiliation is not null or au.institution_text is not null)
        select m.person_id, pe.name, m.year, max(m.year) over (partition by m.person_id) as latest, m.affiliation, m.institution_text
        from mine m join people pe on pe.id = m.person_id`,
  );
  const segments = new Map<string, { label: string; advisors: Map<number, string>; papers: number }>();
  const allTexts = new Set<string>();
  for (const r of rows) {
    for (const t of [r.affiliation, r.institution_text]) if (t) allTexts.add(t);
    if (r.year < r.latest - LINK_WINDOW_YEARS_BEFORE) continue;
    for (const part of splitJointAffiliation(r.affiliation ?? r.institution_text ?? "")) {
      for (const seg of part.split(/[,;()]| - | – | \/ | & | and /)) {
        const label = seg.trim();
        const key = foldAffiliation(label);
        if (key.length < 3 || NOT_A_LAB.test(key) || matcher.matchPart(label).length > 0) continue;
        let s = segments.get(key);
        if (!s) segments.set(key, (s = { label, advisors: new Map(), papers: 0 }));
        s.advisors.set(r.person_id, r.name);
        s.papers++;
      }
    }
  }
  const ranked = [...segments.values()]
    .filter((s) => s.advisors.size >= minAdvisors)
    .sort((a, b) => b.advisors.size - a.advisors.size || b.papers - a.papers);
  console.log(
    `Affiliation segments that no registry lab matches (advisors' latest years; ${ranked.length} with >= ${minAdvisors} advisors):`,
  );
  console.log("advisors\tpapers\tsegment\texamples");
  for (const s of ranked.slice(0, limit))
    console.log(`${s.advisors.size}\t${s.papers}\t${s.label}\t${[...s.advisors.values()].slice(0, 3).join("; ")}`);
  const dead = LabMatcher.deadAliases(rules, allTexts);
  if (dead.size > 0) {
    console.log(`\nRegistry aliases that no advisor's printed affiliation contains (${dead.size} labs):`);
    for (const [slug, aliases] of dead) console.log(`  ${slug}: ${aliases.join(", ")}`);
  }
  await closeDb();
});
