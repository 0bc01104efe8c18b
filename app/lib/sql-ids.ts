/**
 * `any(...)` over a list of integer ids of any length, as one bound parameter. drizzle's inArray
 * binds one parameter per id: fine for a page of ids, but after a full import a search sync marks
 * every advisor (10,834 on the shipped data) and names that list three times in one statement,
 * close to Postgres's limit of 65,535 parameters. One text parameter, split by Postgres, works the
 * same on postgres.js and PGlite. Use inArray for short lists.
 */
import { type SQL, sql } from "drizzle-orm";

/** `any(<ids>::int[])`: `${column} = ${anyOfIds(ids)}` matches nothing for an empty list. */
export function anyOfIds(ids: number[]): SQL {
  return sql`any(string_to_array(${ids.join(",") || "0"}, ',')::int[])`;
}
