/**
 * A student browses institutions with JavaScript on and off: filter France and CIFRE, open an
 * institution, its named lab and one of its advisors.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

for (const js of [true, false]) {
  describe(`institutions with JavaScript ${js ? "on" : "off"}`, () => {
    it("filters France and CIFRE eligible, opens an institution and one of its advisors", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/institutions");
      await page.getByRole("heading", { level: 1, name: "Institutions" }).waitFor();
      await page.getByLabel("Country").selectOption("FR");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/country=FR/);
      await page.getByLabel("CIFRE status").selectOption("eligible");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/cifre=eligible/);
      await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThan(10);
      const countries = await page.locator("table tbody tr td:nth-child(3)").allTextContents();
      for (const c of countries) expect(c.trim()).toBe("France");
      const scores = (await page.locator("table tbody tr td:nth-child(8)").allTextContents()).map(Number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const link = page.locator("table tbody tr").first().getByRole("link").first();
      const name = (await link.textContent())!.trim();
      await link.click();
      await arrived(/\/institutions\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await expect.poll(() => page.getByText(/Eligible by rule/).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/#\d+ of \d+ worldwide/).count()).toBe(1);
      await expect.poll(() => page.locator("figure.chart svg rect").count()).toBeGreaterThan(0);

      const advisor = page
        .locator("section[aria-labelledby='advisors-heading'] table tbody tr")
        .first()
        .getByRole("link")
        .first();
      const advisorName = (await advisor.textContent())!.trim();
      await advisor.click();
      await arrived(/\/advisors\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name: advisorName }).waitFor();
      expect(errors.join("\n")).toBe("");
      await context.close();
    });
  });
}
