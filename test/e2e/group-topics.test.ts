/**
 * What a student does with topics on the lab and institution lists, JavaScript on and off: choose a
 * topic, read the explanation and each row's share, open an institution, see its topics and its
 * summed student load with the advisors behind it, follow a topic to that topic's ranking.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

for (const js of [true, false]) {
  describe(`lab and institution topics with JavaScript ${js ? "on" : "off"}`, () => {
    it("chooses a topic on /institutions, opens one, sees its topics and student load, follows a topic", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/institutions");
      await page.getByRole("heading", { level: 1, name: "Institutions" }).waitFor();
      await page.getByLabel("Curated topic").selectOption("reinforcement-learning");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/topic=reinforcement-learning/);
      await expect
        .poll(() => page.getByTestId("topic-explanation").textContent())
        .toMatch(/reinforcement learning.*summed over the institutions' advisors/s);
      const firstRow = page.locator("table tbody tr").first();
      await expect
        .poll(() => firstRow.textContent())
        .toMatch(/\d+ of its advisors' \d+ papers in the window match reinforcement learning/);
      // The fundamental vs applied indicator is an advisor filter only.
      expect(await page.getByLabel("Fundamental or applied").count()).toBe(0);

      const link = firstRow.getByRole("link").first();
      const name = (await link.textContent())!.trim();
      await link.click();
      await arrived(/\/institutions\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      // Its summed student load: the number of the year the list counts leads to the advisors behind it.
      const load = page.locator("section[aria-labelledby='lab-students-heading']");
      await expect.poll(() => load.textContent()).toMatch(/the year the list counts/);
      const behind = load.locator("details").first();
      await behind.locator("summary").click();
      await expect.poll(() => behind.locator("a[href^='/advisors/']").count()).toBeGreaterThan(0);

      const topics = page.locator("ul.top-topics li a");
      await expect.poll(() => topics.count()).toBeGreaterThan(0);
      const label = (await topics.first().textContent())!.trim();
      await topics.first().click();
      await arrived(/\/institutions\?topic=/);
      await expect.poll(() => page.getByTestId("topic-explanation").textContent()).toContain(label);
      // The institution we came from has papers on its own top topic, so it is listed.
      await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it("ranks labs over free text typed in the words box", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/labs");
      await page.getByLabel("Or your own words").fill("reinforcement learning");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/topic=reinforcement/);
      await expect
        .poll(() => page.getByTestId("topic-explanation").textContent())
        .toMatch(/summed over the labs' advisors/);
      await expect
        .poll(() => page.locator("table tbody tr").first().textContent())
        .toMatch(/\d+ of its advisors' \d+ papers in the window match reinforcement learning/);
      expect(errors).toEqual([]);
      await context.close();
    });
  });
}
