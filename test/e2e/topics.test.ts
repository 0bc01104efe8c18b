/**
 * What a student does with topics, JavaScript on and off: choose a topic on /advisors, read the
 * explanation, open an advisor, follow one of their topics to its ranking.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

for (const js of [true, false]) {
  describe(`topics with JavaScript ${js ? "on" : "off"}`, () => {
    it("chooses a topic, sees the explanation, opens an advisor and follows one of their topics", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/advisors");
      await page.getByLabel("Curated topic").selectOption("reinforcement-learning");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/topic=reinforcement-learning/);
      await expect.poll(() => page.getByTestId("topic-explanation").textContent()).toMatch(/reinforcement learning/);
      const firstRow = page.locator("table tbody tr").first();
      await expect
        .poll(() => firstRow.textContent())
        .toMatch(/\d+ of their \d+ papers in the window match reinforcement learning/);

      // Open the first advisor; their page lists their topics with links to each topic's ranking.
      const link = firstRow.getByRole("link").first();
      const name = (await link.textContent())!.trim();
      await link.click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      const topics = page.locator("ul.top-topics li a");
      await expect.poll(() => topics.count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId("research-orientation").textContent())
        .toMatch(/an indicator, not a verdict/);
      const second = topics.nth(Math.min(1, (await topics.count()) - 1));
      const label = (await second.textContent())!.trim();
      await second.click();
      await arrived(/\/advisors\?topic=/);
      await expect.poll(() => page.getByTestId("topic-explanation").textContent()).toContain(label);
      // The advisor we came from is on that topic's list (they have papers on it).
      await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it("ranks over free text typed in the words box", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/advisors");
      // Only common words: the page says why nothing is ranked, and the box keeps what was typed.
      await page.getByLabel("Or your own words").fill("the of");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/topic=the(\+|%20)of/);
      await expect
        .poll(() =>
          page
            .getByRole("status")
            .filter({ hasText: /no word to match/ })
            .count(),
        )
        .toBe(1);
      await expect.poll(() => page.getByLabel("Or your own words").inputValue()).toBe("the of");
      await page.getByLabel("Or your own words").fill("sparse autoencoders");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/topic=sparse(\+|%20)autoencoders/);
      await expect.poll(() => page.getByTestId("topic-explanation").textContent()).toMatch(/your words/);
      await expect
        .poll(() => page.locator("table tbody tr").first().textContent())
        .toMatch(/papers in the window match sparse autoencoders/);
      expect(errors).toEqual([]);
      await context.close();
    });
  });
}
