/**
 * What a student checks before trusting the counts: which venue-years the data covers, which are
 * missing (never drawn as zero), and where each venue-year's papers come from and when.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

describe("the data's coverage and sources", () => {
  for (const js of [true, false]) {
    it(`from /about to the coverage and the sources, JavaScript ${js ? "on" : "off"}`, async () => {
      const { context, page, errors, goto } = await openPage(e2e, { javaScript: js });
      await goto("/about");
      await page.getByRole("link", { name: "what the data covers" }).click();
      await page.getByRole("heading", { level: 1, name: "What the data covers" }).waitFor();
      // ICLR 2015 and 2016 are absent from the shipped data: listed as missing, not as rows of zeros.
      const missing = page.getByTestId("missing-venue-years");
      await expect.poll(() => missing.textContent()).toMatch(/ICLR 2015: missing from the data/);
      await expect.poll(() => missing.textContent()).toMatch(/ICLR 2016: missing from the data/);
      const rows = page.getByTestId("coverage-table").locator("tbody tr");
      await expect.poll(() => rows.count()).toBeGreaterThan(50);
      await expect.poll(() => rows.filter({ hasText: /ICLR\s*2016/ }).count()).toBe(0);
      await expect.poll(() => rows.filter({ hasText: /NeurIPS\s*2025/ }).count()).toBe(1);

      await page.getByRole("link", { name: /Where each venue-year's papers come from/ }).click();
      await page.getByRole("heading", { level: 1, name: "Where the papers come from" }).waitFor();
      const iclr2024 = page.locator('tr[data-venue-year="iclr-2024"]');
      await expect
        .poll(() => iclr2024.textContent())
        .toMatch(/shipped data .*: [\d,]+ papers, imported \d{4}-\d{2}-\d{2}/);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
