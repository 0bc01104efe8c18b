/**
 * A student browses labs with JavaScript on and off: filter France and CIFRE, open a lab, see who
 * prints it and on which papers, open one of its advisors.
 */
import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

for (const js of [true, false]) {
  describe(`labs with JavaScript ${js ? "on" : "off"}`, () => {
    it("filters France and CIFRE eligible, opens a lab and one of its advisors", async () => {
      const { context, page, errors, goto, arrived } = await openPage(e2e, { javaScript: js });
      await goto("/labs");
      await page.getByRole("heading", { level: 1, name: "AI labs" }).waitFor();

      await page.getByLabel("Country").selectOption("FR");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/country=FR/);
      await page.getByLabel("CIFRE status").selectOption("eligible");
      if (!js) await page.getByRole("button", { name: "Apply filters" }).click();
      await arrived(/cifre=eligible/);
      await expect.poll(() => page.locator("table").first().locator("tbody tr").count()).toBeGreaterThan(5);
      const cifre = await page.locator("table").first().locator("tbody tr td:nth-child(5)").allTextContents();
      for (const c of cifre) expect(c).toBe("Eligible by rule");
      expect(page.url()).toContain("country=FR");

      // The first row is a ranked lab (its worldwide rank) with linked advisors; unlinked labs come last.
      const first = page.locator("table").first().locator("tbody tr").first();
      expect((await first.locator("td").first().textContent())!.trim()).toMatch(/^\d+$/);
      const ranks = (await page.locator("table").first().locator("tbody tr td:nth-child(1)").allTextContents()).map(
        (r) => r.trim(),
      );
      const ranked = ranks.filter((r) => r !== "").map(Number);
      expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
      expect(ranks.slice(0, ranked.length).every((r) => r !== "")).toBe(true);
      const labLink = first.getByRole("link").first();
      const labName = (await labLink.textContent())!.trim();
      await labLink.click();
      await arrived(/\/labs\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name: labName }).waitFor();
      await expect.poll(() => page.getByText(/Eligible by rule/).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/printed on \d+ papers?, latest \d{4}/).count()).toBeGreaterThan(0);

      const advisorLink = page
        .locator("section[aria-labelledby='advisors-heading'] table tbody tr")
        .first()
        .getByRole("link")
        .first();
      const advisorName = (await advisorLink.textContent())!.trim();
      await advisorLink.click();
      await arrived(/\/advisors\/[^/?]+/);
      await page.getByRole("heading", { level: 1, name: advisorName }).waitFor();
      expect(errors.join("\n")).toBe("");
      await context.close();
    });
  });
}

describe("a lab's page", () => {
  it("shows Mila's advisors with the papers that print Mila, and a 404 for an unknown lab", async () => {
    const { context, page, errors, goto } = await openPage(e2e);
    await goto("/labs/mila");
    await page.getByRole("link", { name: "Yoshua Bengio" }).waitFor();
    // Each advisor's student load as seen on papers: numbers, not a column of "unknown".
    const advisorsTable = page.locator("section[aria-labelledby='advisors-heading'] table");
    const col = (await advisorsTable.locator("thead th").allTextContents()).findIndex((t) => t === "Students seen") + 1;
    expect(col).toBeGreaterThan(0);
    const seen = (await advisorsTable.locator(`tbody tr td:nth-child(${col})`).allTextContents()).map((t) => t.trim());
    // Only counts that stand for the year the list counts are shown (2024 on the shipped data; a
    // few of Mila's advisors have one above 0); the others say "not visible", never a partial 0.
    expect(seen.filter((t) => /^\d+/.test(t) && Number.parseInt(t, 10) > 0).length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((t) => !/^(\d+|not visible)/.test(t))).toEqual([]);
    // Positions read as titles, not as the sources' "+"-joined strings.
    expect(await advisorsTable.locator("tbody").textContent()).not.toContain("+");
    const res = await goto("/labs/no-such-lab");
    expect(res!.status()).toBe(404);
    expect(errors.filter((e) => !/404/.test(e)).join("\n")).toBe("");
    await context.close();
  });
});
