/**
 * A student browses institutions with JavaScript on and off: filter France and CIFRE, open an
 * institution, its named lab and one of its advisors.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

async function contextWith(
  javaScriptEnabled: boolean,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  return { context, page, errors };
}

for (const js of [true, false]) {
  describe(`institutions with JavaScript ${js ? "on" : "off"}`, () => {
    it("filters France and CIFRE eligible, opens an institution and one of its advisors", async () => {
      const { context, page, errors } = await contextWith(js);
      await page.goto(`${e2e.app.url}/institutions`);
      await page.getByRole("heading", { level: 1, name: "Institutions" }).waitFor();
      await page.getByLabel("Country").selectOption("FR");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(/country=FR/);
      await page.getByLabel("CIFRE status").selectOption("eligible");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(/cifre=eligible/);
      await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThan(10);
      const countries = await page.locator("table tbody tr td:nth-child(3)").allTextContents();
      for (const c of countries) expect(c.trim()).toBe("France");
      const scores = (await page.locator("table tbody tr td:nth-child(8)").allTextContents()).map(Number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const link = page.locator("table tbody tr").first().getByRole("link").first();
      const name = (await link.textContent())!.trim();
      await link.click();
      await page.waitForURL(/\/institutions\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await expect.poll(() => page.getByText(/Eligible by rule/).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/#\d+ of \d+ worldwide/).count()).toBe(1);
      expect(await page.locator("figure.chart svg rect").count()).toBeGreaterThan(0);

      const advisor = page
        .locator("section[aria-labelledby='advisors-heading'] table tbody tr")
        .first()
        .getByRole("link")
        .first();
      const advisorName = (await advisor.textContent())!.trim();
      await advisor.click();
      await page.waitForURL(/\/advisors\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name: advisorName }).waitFor();
      expect(errors.join("\n")).toBe("");
      await context.close();
    });
  });
}
