import { describe, expect, it } from "vitest";
import { openPage, useAppAndBrowser } from "./support/app";

const e2e = useAppAndBrowser();

describe("advisors (smoke)", () => {
  it("opens the list, clicks an advisor and sees the track-record table", async () => {
    const { context, page, errors, goto, arrived } = await openPage(e2e);
    await goto("/advisors");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/advisors/i);
    const first = page.locator("table tbody tr").first().getByRole("link").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await arrived(/\/advisors\/[^/?]+/);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Year" }) });
    await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("labels a supervisor inferred from authorship once in the list row", async () => {
    const { context, page, errors, goto } = await openPage(e2e);
    await goto("/advisors?q=Bernhard+Sch%C3%B6lkopf");
    const row = page.locator("table tbody tr").filter({ has: page.getByRole("link", { name: "Bernhard Schölkopf" }) });
    await expect.poll(() => row.textContent()).toMatch(/Supervisor · inferred from authorship/);
    await expect.poll(() => row.textContent()).not.toMatch(/\(inferred from authorship\)/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
