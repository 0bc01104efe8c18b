import { describe, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { call } from "../support/remix";
useTestDatabase("shipped");
describe("probe", () => {
  it("students=x", async () => {
    const route = await import("~/routes/submit.lab.$slug");
    const r = await call(route.action as never, { path: "/submit/lab/mila", params: { slug: "mila" }, form: { name: "Mila", kind: "academic", sourceUrl: "https://mila.quebec/en", baseVersion: "1", students: "x" } });
    console.log(r.status, JSON.stringify(r.body).slice(0, 500));
    const { renderToString } = await import("react-dom/server");
  });
  it("nul", async () => {
    for (const [mod, path, params] of [["~/routes/labs.$slug", "/labs/%00", { slug: "\u0000" }], ["~/routes/submit.lab.$slug", "/submit/lab/%00", { slug: "\u0000" }], ["~/routes/submit._index", "/submit?lab=%00", {}], ["~/routes/audit", "/audit?entity=lab&id=99999999999999", {}]] as const) {
      const route = await import(/* @vite-ignore */ mod);
      try { const r = await call(route.loader as never, { path, params }); console.log(path, r.status); } catch (e) { console.log(path, "THROWS", String(e).slice(0, 300)); }
    }
    for (const [mod, path] of [["~/routes/submit.member", "/submit/member"], ["~/routes/submit.affiliation", "/submit/affiliation"]] as const) {
      const route = await import(/* @vite-ignore */ mod);
      try { const r = await call(route.action as never, { path, form: { lab: "mila", op: "add", advisor: "/advisors/%ZZ", institution: "Somewhere", sourceUrl: "https://example.org/x" } }); console.log(path, r.status); } catch (e) { console.log(path, "THROWS", String(e).slice(0, 300)); }
    }
  });
});
