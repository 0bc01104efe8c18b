/**
 * An advisor's institution is the moderator's correction when there is one, else the institution
 * the import resolved from their printed affiliations. Every query that shows, filters or counts by
 * an advisor's institution uses this one expression, so a correction shows everywhere at once.
 * (Migration 0002's search view spells it out too: migrations are history and stay as they ran.)
 */
import { type SQL, sql } from "drizzle-orm";

/** `coalesce(<alias>.corrected_institution_id, <alias>.institution_id)` for the advisors row named `alias`. */
export function advisorInstitutionId(alias = "a"): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return sql.raw(`coalesce(${alias}.corrected_institution_id, ${alias}.institution_id)`);
}
