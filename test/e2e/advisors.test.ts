import { describe, expect, it } from "vitest";
import { useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

describe("advisors (smoke)", () => {
  it("opens the list, clicks an advisor and sees the track-record table", async () => {
    const page = await e2e.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${e2e.app.url}/advisors`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/advisors/i);
    const first = page.locator("table tbody tr").first().getByRole("link").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/advisors\/[^/?]+/);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Year" }) });
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
