/**
 * What a student does in a browser, with JavaScript on and off: filter, sort, open an advisor,
 * compare two.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

const columnValues = async (page: Page, header: string) => {
  const headers = await page.locator("table thead th").allTextContents();
  const i = headers.findIndex((h) => h.trim() === header);
  return page.locator(`table tbody tr td:nth-child(${i + 1})`).allTextContents();
};

for (const js of [true, false]) {
  describe(`advisors with JavaScript ${js ? "on" : "off"}`, () => {
    it("filters by continent, sorts by papers, opens an advisor, compares two", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/advisors");
      const firstUrl = page.url();

      // Filter: Europe. With JS the form re-submits on change; without, the button submits it.
      await page.getByLabel("Continent").selectOption("EU");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/continent=EU/);
      const countries = await columnValues(page, "Country");
      expect(countries.length).toBeGreaterThan(0);
      const european = [
        "France",
        "Germany",
        "United Kingdom",
        "Switzerland",
        "Netherlands",
        "Italy",
        "Spain",
        "Sweden",
        "Denmark",
        "Finland",
        "Austria",
        "Belgium",
        "Poland",
        "Czech Republic",
        "Czechia",
        "Ireland",
        "Norway",
        "Portugal",
        "Greece",
        "Israel",
        "Russia",
        "Hungary",
        "Estonia",
        "Luxembourg",
        "Slovenia",
        "Romania",
        "Croatia",
        "Serbia",
        "Ukraine",
        "Latvia",
        "Lithuania",
        "Slovakia",
        "Bulgaria",
        "Iceland",
        "Cyprus",
        "Malta",
      ];
      for (const c of countries) expect(european, c).toContain(c.trim());

      // Sort by papers.
      await page.getByLabel("Sort by").selectOption("papers");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/sort=papers/);
      await expect
        .poll(async () => {
          const papers = (await columnValues(page, "Papers")).map(Number);
          return papers.length > 1 && papers.every((n, i) => i === 0 || papers[i - 1]! >= n);
        })
        .toBe(true);
      expect(page.url()).toContain("continent=EU");

      // The URL carries the whole state: reloading it reproduces the view.
      const url = page.url();
      const names = await page.locator("table tbody tr td:nth-child(3) a").allTextContents();
      await page.goto(url);
      await expect.poll(() => page.locator("table tbody tr td:nth-child(3) a").allTextContents()).toEqual(names);
      expect(url).not.toBe(firstUrl);

      // Compare the first two.
      await page.getByLabel(`Compare ${names[0]}`).check();
      await page.getByLabel(`Compare ${names[1]}`).check();
      await page.getByRole("button", { name: "Compare selected" }).click();
      await arrived(/\/compare\?/);
      await page.getByRole("heading", { level: 1, name: "Compare advisors" }).waitFor();
      await expect.poll(() => page.locator("table thead th a").allTextContents()).toEqual([names[0], names[1]]);

      // Open an advisor: the score is explained and the track record is there.
      await page.getByRole("link", { name: names[0] }).first().click();
      await arrived(/\/advisors\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name: names[0] }).waitFor();
      await expect.poll(() => page.getByRole("heading", { name: "Score" }).isVisible()).toBe(true);
      await expect.poll(() => page.locator("figure.chart svg rect").count()).toBeGreaterThan(0);
      expect(errors.join("\n")).toBe("");
      await context.close();
    });
  });
}

describe("labs", () => {
  it("filters labs by CIFRE status without JavaScript and shows evidence", async () => {
    const { context, page, goto } = await openPage(e2e, { javaScript: false });
    await goto("/labs?cifre=offers");
    // The lab's name is the second column (the first is its rank, empty for a lab with no advisor linked yet).
    const links = await page.locator("table").first().locator("tbody tr td:nth-child(2) a").allTextContents();
    expect(links.length).toBeGreaterThan(0);
    await page.getByRole("link", { name: links[0] }).click();
    await expect(page.getByRole("link", { name: "evidence" }).getAttribute("href")).resolves.toMatch(/^https?:\/\//);
    await context.close();
  });
});
