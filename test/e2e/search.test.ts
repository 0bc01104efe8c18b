/**
 * The search box in the header (suggestions as you type, grouped, keyboard) and the /search page
 * as a plain GET form with JavaScript off.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

describe("header search box", () => {
  it("suggests grouped results as you type and opens one with the keyboard", async () => {
    const { context, page, errors, goto, arrived } = await openPage(e2e);
    await goto("/advisors");
    const box = page.getByRole("combobox", { name: /search advisors, labs and institutions/i });
    await box.click();
    await box.pressSequentially("mont", { delay: 40 });
    const list = page.getByRole("listbox", { name: "Suggestions" });
    await list.waitFor({ state: "visible" });
    await expect.poll(() => box.getAttribute("aria-expanded")).toBe("true");
    const groups = () =>
      list
        .getByRole("group")
        .evaluateAll((els) =>
          els.map(
            (e) =>
              e.getAttribute("aria-labelledby") &&
              document.getElementById(e.getAttribute("aria-labelledby")!)?.textContent,
          ),
        );
    await expect
      .poll(() =>
        list
          .getByRole("option", { name: /Université de Montréal/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(groups).toEqual(["Advisors", "Labs", "Institutions"]);

    // A query that names an institution and labs as a whole word shows them before the advisors
    // whose names only start with it, and the keyboard follows the order shown.
    await box.fill("");
    await box.pressSequentially("MIT", { delay: 40 });
    await expect.poll(groups).toEqual(["Labs", "Institutions", "Advisors"]);
    await box.press("ArrowDown");
    await expect
      .poll(async () => page.locator(`[id="${await box.getAttribute("aria-activedescendant")}"]`).textContent())
      .toMatch(/^MIT/);

    await box.fill("");
    await box.pressSequentially("varoq", { delay: 40 });
    // Two OpenReview profiles carry this name (two ids are two people): wait for the first.
    await list
      .getByRole("option", { name: /Gael Varoquaux/ })
      .first()
      .waitFor({ state: "visible" });
    await box.press("ArrowDown");
    await expect.poll(() => box.getAttribute("aria-activedescendant")).toBeTruthy();
    const active = await box.getAttribute("aria-activedescendant");
    expect(await page.locator(`[id="${active}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(`[id="${active}"]`).textContent()).toMatch(/Gael Varoquaux/);
    await box.press("Enter");
    await arrived(/\/advisors\/gael-varoquaux$/);
    await page.getByRole("heading", { level: 1, name: /Gael Varoquaux/ }).waitFor();
    await expect.poll(() => list.isVisible()).toBe(false);

    // Escape closes; Enter without a selection goes to the full results page.
    await box.fill("univ");
    await list.waitFor({ state: "visible" });
    await box.press("Escape");
    await expect.poll(() => list.isVisible()).toBe(false);
    await box.press("Enter");
    await arrived(/\/search\?q=univ$/);
    await page.getByRole("heading", { level: 1, name: /univ/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("/search without JavaScript", () => {
  it("searches from the header and filters with the GET form", async () => {
    const { context, page, goto, arrived } = await openPage(e2e, { javaScript: false });
    await goto("/");
    const box = page.getByRole("combobox", { name: /search advisors, labs and institutions/i });
    await box.fill("montreal");
    await box.press("Enter");
    await arrived(/\/search\?q=montreal/);
    const results = page.getByRole("region", { name: /Institutions/ });
    await expect.poll(() => results.getByRole("link", { name: "Université de Montréal" }).count()).toBeGreaterThan(0);

    const form = page.getByRole("form", { name: "Search and filter" });
    await form.getByLabel("Country").selectOption("CA");
    await form.getByRole("button", { name: "Search" }).click();
    await arrived(/country=CA/);
    const tab = page.getByRole("navigation", { name: "Result types" }).getByRole("link", { name: /^Institutions/ });
    await tab.click();
    await arrived(/type=institution/);
    await expect.poll(() => page.locator(".search-results li a").allTextContents()).toContain("Université de Montréal");
    // An institution leads to its page, with its advisors ranked.
    await page.getByRole("link", { name: "Université de Montréal" }).first().click();
    await arrived(/\/institutions\/[^/?#]*montreal/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Université de Montréal/);
    await expect.poll(() => page.locator("a[href^='/advisors/']").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("GET /api/search over HTTP (answered by the server before Express and Remix)", () => {
  it("answers the contract with the JSON security headers, a 400 with a message for bad input, and leaves other paths to the app", async () => {
    const ok = await fetch(`${e2e.app.url}/api/search?q=${encodeURIComponent("Gaël Varoquax")}&limit=2`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const text = await ok.text();
    expect(Number(ok.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    const body = JSON.parse(text) as { backend: string; hits: { slug: string }[]; facets: Record<string, unknown> };
    expect(body.backend).toBe("postgres");
    expect(body.hits[0]?.slug).toBe("gael-varoquaux");
    // The same answer again (from the answer cache) is byte for byte the same.
    expect(
      await (await fetch(`${e2e.app.url}/api/search?q=${encodeURIComponent("Gaël Varoquax")}&limit=2`)).text(),
    ).toBe(text);

    const bad = await fetch(`${e2e.app.url}/api/search?q=x&country=${encodeURIComponent("FR' OR 1=1")}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/country/i);

    // Not the API: the app (Remix) answers, with its own headers.
    const page = await fetch(`${e2e.app.url}/search?q=varoquaux`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Gael Varoquaux");
    expect((await fetch(`${e2e.app.url}/api/searchx`)).status).toBe(404);
  });
});
