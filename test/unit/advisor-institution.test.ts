/** The one spelling of an advisor's institution in SQL. */
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { advisorInstitutionId } from "~/lib/advisor-institution";

const render = (q: ReturnType<typeof advisorInstitutionId>) => new PgDialect().sqlToQuery(q).sql;

describe("advisorInstitutionId", () => {
  it("prefers the moderator's correction over the imported institution", () => {
    expect(render(advisorInstitutionId())).toBe("coalesce(a.corrected_institution_id, a.institution_id)");
    expect(render(advisorInstitutionId("adv"))).toBe("coalesce(adv.corrected_institution_id, adv.institution_id)");
  });
  it("refuses anything but a plain alias (it is written into the SQL as is)", () => {
    expect(() => advisorInstitutionId("a; drop table advisors")).toThrow(/not an SQL alias/);
  });
});
