/** Pure parts of issue 13: the page cache's rules, the advisor page's paper budget, outage detection. */
import { createHash } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "~/lib/db.server";
import { paperSelection, paperYearHref } from "~/lib/directory/advisor-papers";
import { firstAdvisorsBehind } from "~/lib/directory/student-load.server";
import { acceptsGzip, hashedPolicy, PUBLIC_PATH } from "../../server/http-cache";
import { withOutageAnswers } from "../../server/outage";

describe("which pages are public (cacheable by anyone)", () => {
  it.each([
    "/",
    "/_index.data",
    "/advisors",
    "/advisors?continent=EU",
    "/advisors/yoshua-bengio",
    "/advisors.data",
    "/labs",
    "/labs/mila",
    "/compare",
    "/about",
    "/search",
    "/api/advisors",
    "/api/advisors.csv",
    "/api/advisors/x",
    "/api/labs",
    "/institutions/x",
  ])("%s is public", (p) => expect(PUBLIC_PATH.test(p.split("?")[0])).toBe(true));
  it.each([
    "/signin",
    "/signup",
    "/signout",
    "/submit",
    "/submit/new-lab",
    "/moderate",
    "/account/submissions",
    "/audit",
    "/advisorsX",
    "/api/search",
    "/labsfoo",
  ])("%s is private or a form", (p) => expect(PUBLIC_PATH.test(p)).toBe(false));
});

describe("a kept page's Content-Security-Policy", () => {
  it("lists the hashes of the inline scripts instead of the nonce", () => {
    const html = `<html><script nonce="abc">window.x = 1;</script><script type="module" src="/assets/a.js" nonce="abc"></script><script nonce="abc">import("/b.js")</script></html>`;
    const policy = "default-src 'self';script-src 'self' 'nonce-abc';style-src 'self'";
    const h = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(hashedPolicy(policy, html)).toBe(
      `default-src 'self';script-src 'self' ${h("window.x = 1;")} ${h('import("/b.js")')};style-src 'self'`,
    );
  });
  it("drops the nonce when there is no inline script", () => {
    expect(hashedPolicy("script-src 'self' 'nonce-xyz'", "<p>no script</p>")).toBe("script-src 'self' ");
  });
});

describe("the advisor page's papers", () => {
  const window = { from: 2021, to: 2025 };
  it("lists the score window by default", () => {
    expect(paperSelection(new URLSearchParams(""), window)).toEqual({ from: 2021, to: 2025, window: true });
    expect(paperSelection(new URLSearchParams("papers="), window)).toEqual({ from: 2021, to: 2025, window: true });
  });
  it("lists one other year on demand", () => {
    expect(paperSelection(new URLSearchParams("papers=2017"), window)).toEqual({ from: 2017, to: 2017, window: false });
  });
  it.each(["abc", "20", "2017,2018", "-1", "99999"])("refuses papers=%s with a message", (v) => {
    const r = paperSelection(new URLSearchParams({ papers: v }), window);
    expect(r).toHaveProperty("error");
    expect((r as { error: string }).error).toMatch(/papers must be a year/);
  });
  it("links keep the rest of the query", () => {
    expect(paperYearHref(new URLSearchParams("venues=icml&from=2019"), 2015)).toBe(
      "?venues=icml&from=2019&papers=2015",
    );
    expect(paperYearHref(new URLSearchParams("venues=icml&papers=2015"), null)).toBe("?venues=icml");
  });
});

describe("database unavailability", () => {
  it.each([
    [{ code: "ECONNREFUSED" }, true],
    [{ code: "CONNECT_TIMEOUT" }, true],
    [{ code: "57P01" }, true],
    [{ code: "57014" }, true],
    [{ code: "08006" }, true],
    [new Error("Failed query", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) }), true],
    [{ code: "23505" }, false],
    [new Error("plain"), false],
    [null, false],
  ])("%o → %s", (error, expected) => expect(isDatabaseUnavailable(error)).toBe(expected));

  function build(loader: () => unknown, withComponent: boolean): ServerBuild {
    return {
      routes: { r: { id: "r", path: "x", module: { loader, ...(withComponent ? { default: () => null } : {}) } } },
    } as unknown as ServerBuild;
  }

  it("turns it into a 503 with Retry-After (JSON for the API, a page otherwise); other errors pass through", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = () => Promise.reject(new Error("Failed query", { cause: { code: "ECONNREFUSED" } }));
    for (const [component, type] of [
      [false, "application/json"],
      [true, "text/plain"],
    ] as const) {
      const wrapped = withOutageAnswers(build(down, component)).routes.r!.module.loader!;
      const thrown = await Promise.resolve(wrapped({} as never)).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(503);
      expect((thrown as Response).headers.get("Retry-After")).toBe("5");
      expect((thrown as Response).headers.get("Content-Type")).toContain(type);
      expect(await (thrown as Response).text()).toMatch(/database is unavailable/);
    }
    const bug = new Error("a bug");
    const wrapped = withOutageAnswers(build(() => Promise.reject(bug), true)).routes.r!.module.loader!;
    await expect(Promise.resolve(wrapped({} as never))).rejects.toBe(bug);
    const fine = withOutageAnswers(build(() => ({ ok: 1 }), true)).routes.r!.module.loader!;
    await expect(Promise.resolve(fine({} as never))).resolves.toEqual({ ok: 1 });
    error.mockRestore();
  });
});

describe("the kept copy's compression follows Accept-Encoding, q-values included", () => {
  it.each([
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["*", true],
    ["gzip;q=0", false],
    ["gzip;q=0.0, *", false],
    ["*;q=0", false],
    ["identity", false],
    ["", false],
    [undefined, false],
  ])("%s -> %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("a large group's page lists the first advisors behind each number", () => {
  it("keeps the first n, most first, and says how many more", () => {
    const byAdvisor = Array.from({ length: 30 }, (_, i) => ({ id: i, slug: `a${i}`, name: `A ${i}`, n: 30 - i }));
    const load = {
      years: [{ year: 2025, students: 90, advisors: 30, standingStudents: 90, standingAdvisors: 30, byAdvisor }],
      alumni: 3,
      alumniByAdvisor: byAdvisor.slice(0, 5),
    };
    const shown = firstAdvisorsBehind(load as never, 12);
    expect(shown.years[0].byAdvisor.map((a) => a.slug)).toEqual(byAdvisor.slice(0, 12).map((a) => a.slug));
    expect(shown.years[0].moreAdvisors).toBe(18);
    expect(shown.years[0].students).toBe(90);
    expect(shown.moreAlumniAdvisors).toBe(0);
    expect(shown.alumniByAdvisor).toHaveLength(5);
  });
});
