/**
 * A contributor signs up and proposes a lab whose description carries script payloads; a moderator
 * approves it; the public page shows the text inert; an edit is approved, shows in the audit log,
 * and reverting it brings the old description back.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type OpenPage, openPage, settled, useAppAndBrowser } from "./support/app";

const MODERATOR = { email: "moderator@example.org", password: "moderator password 1" };
const CONTRIBUTOR = { email: "contributor@example.org", password: "contributor password 1" };
const PAYLOAD = `Robots <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> "quotes" & ampersands`;
const LAB = "Inert Payload Robotics Lab";
const SLUG = "inert-payload-robotics-lab";

const e2e = useAppAndBrowser({ ATLAS_BOOTSTRAP_MODERATOR: `${MODERATOR.email}:${MODERATOR.password}` });

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto(`${e2e.app.url}/signin`);
  await settled(page);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/signin")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await settled(page);
}

async function approve({ page, goto }: OpenPage, id: number) {
  // A short window, so that the item is below the fold, as on a long queue.
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1280, height: 360 });
  await goto("/moderate");
  const item = page.locator(`#submission-${id}`);
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(new RegExp(`#${id} approved`));
  // The approval notice is in view where the moderator clicked, not out of view at the top (issue 10).
  await expect
    .poll(() =>
      page.getByRole("status").evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    )
    .toBe(true);
  if (size) await page.setViewportSize(size);
}

/** The lab's public description, as a visitor opening its page sees it (polled until it is `expected`). */
async function expectPublicDescription({ page, goto }: OpenPage, expected: string): Promise<void> {
  await expect
    .poll(async () => {
      await goto(`/labs/${SLUG}`);
      return page.locator(".lab-description").textContent();
    })
    .toBe(expected);
}

describe("contributing and moderating (browser)", () => {
  // Sign-up, sign-in, two submissions, two approvals and a revert: slow on a busy machine.
  it("goes from sign-up to an approved, inert, audited and revertible entry", { timeout: 150_000 }, async () => {
    const contributor = await openPage(e2e);
    const moderator = await openPage(e2e);
    const visitor = await openPage(e2e);
    const c = contributor.page;

    // Sign up and propose a new lab with script payloads in its description.
    await contributor.goto("/signup");
    await c.getByLabel("Email").fill(CONTRIBUTOR.email);
    await c.getByLabel("Password").fill(CONTRIBUTOR.password);
    // Sign-up never says whether the address was taken: it sends everyone on to sign in.
    await Promise.all([
      contributor.arrived(/\/signin\?registered=1/),
      c.getByRole("button", { name: "Sign up" }).click(),
    ]);
    await c.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await c.getByLabel("Email").fill(CONTRIBUTOR.email);
    await c.getByLabel("Password").fill(CONTRIBUTOR.password);
    await Promise.all([contributor.arrived(/\/submit$/), c.getByRole("button", { name: "Sign in" }).click()]);
    await contributor.goto("/submit/new-lab");
    await c.getByLabel("Name", { exact: true }).fill(LAB);
    await c.getByLabel("Kind").selectOption("industry");
    await c.getByLabel("Company").fill("Payload Industries");
    await c.getByLabel("Description").fill(PAYLOAD);
    await c.getByLabel("Source", { exact: true }).fill("https://payload.example.org/about");
    // A bad value is refused next to its field, and what was typed stays.
    await c.getByLabel("Website").fill("javascript:alert(1)");
    await c.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => c.locator("#lab-new-website-error").textContent()).toMatch(/http:\/\/ or https:\/\//);
    await expect.poll(() => c.getByLabel("Description").inputValue()).toBe(PAYLOAD);
    await c.getByLabel("Website").fill("https://payload.example.org");
    await Promise.all([
      contributor.arrived(/\/account\/submissions\?sent=\d+/),
      c.getByRole("button", { name: "Submit for review" }).click(),
    ]);
    const newId = Number(new URL(c.url()).searchParams.get("sent"));
    await expect.poll(() => c.locator(`#submission-${newId}`).textContent()).toMatch(/Waiting for review/);

    // Nothing is public before approval.
    const before = await visitor.page.goto(`${e2e.app.url}/labs/${SLUG}`);
    expect(before?.status()).toBe(404);

    // The moderator approves it; the queue shows the payload as text.
    await signIn(moderator.page, MODERATOR);
    await moderator.goto("/moderate");
    await expect.poll(() => moderator.page.locator(`#submission-${newId}`).textContent()).toContain(PAYLOAD);
    await approve(moderator, newId);

    // The public page shows the text exactly, and none of it ran.
    await expectPublicDescription(visitor, PAYLOAD);
    expect(await visitor.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await visitor.page.locator(".lab-description img, .lab-description script").count()).toBe(0);
    expect(await moderator.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The contributor sees the decision.
    await contributor.goto("/account/submissions");
    await expect.poll(() => c.locator(`#submission-${newId}`).textContent()).toMatch(/Approved/);

    // An edit of the description, approved, is in the audit log with before and after.
    await contributor.goto(`/submit/lab/${SLUG}`);
    await c.getByLabel("Description").fill("A calmer description.");
    await Promise.all([contributor.arrived(/sent=\d+/), c.getByRole("button", { name: "Submit for review" }).click()]);
    const editId = Number(new URL(c.url()).searchParams.get("sent"));
    await approve(moderator, editId);
    await expectPublicDescription(visitor, "A calmer description.");

    const m = moderator.page;
    await moderator.goto("/audit");
    const entry = m.locator("article.audit-entry").filter({ hasText: `submission #${editId}` });
    await expect.poll(() => entry.getByRole("heading").textContent()).toMatch(/Lab edit: Inert Payload Robotics Lab/);
    const row = entry.getByRole("row").filter({ has: m.getByRole("rowheader", { name: "Description" }) });
    await expect.poll(() => row.getByRole("cell").allTextContents()).toEqual([PAYLOAD, "A calmer description."]);

    // Reverting asks first, then restores the old value, and the revert is audited too.
    await entry.getByRole("button", { name: "Revert this change" }).click();
    await entry.getByRole("button", { name: /^Yes, revert #\d+$/ }).click();
    await expect.poll(() => m.getByRole("status").textContent()).toMatch(/reverted/);
    const revert = m.locator("article.audit-entry").first();
    await expect.poll(() => revert.getByRole("heading").textContent()).toMatch(/Revert: Inert Payload Robotics Lab/);
    // The reverted entry offers no second revert (the revert itself, which names the same submission, still may).
    const original = entry.filter({ has: m.getByRole("heading", { name: /Lab edit:/ }) });
    await expect.poll(() => original.getByText(/^Reverted by #\d+/).count()).toBe(1);
    await expect.poll(() => original.getByRole("button", { name: "Revert this change" }).count()).toBe(0);
    await expectPublicDescription(visitor, PAYLOAD);
    expect(await visitor.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Moderator pages stay closed to the contributor.
    const forbidden = await c.goto(`${e2e.app.url}/moderate`);
    expect(forbidden?.status()).toBe(403);

    // The browser logs the 404 before approval and the 403 of /moderate as console errors: expected.
    const unexpected = [...contributor.errors, ...moderator.errors, ...visitor.errors].filter(
      (e) => !/Failed to load resource: the server responded with a status of 40[34]/.test(e),
    );
    expect(unexpected).toEqual([]);
    for (const p of [contributor, moderator, visitor]) await p.context.close();
  });

  it("signs up, in and out without JavaScript (plain forms carry the CSRF token)", { timeout: 90_000 }, async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const who = { email: "no-script@example.org", password: "a passphrase without script 5" };
    await page.goto(`${e2e.app.url}/signup`);
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/signin"),
      page.getByRole("button", { name: "Sign up" }).click(),
    ]);
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/submit"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect.poll(() => page.getByRole("link", { name: "My submissions" }).count()).toBe(1);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/"),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    await expect.poll(() => page.getByRole("link", { name: "Sign in" }).count()).toBe(1);
    await context.close();
  });

  it(
    "a form opened before signing in (another tab) asks to be reloaded, and works once reloaded",
    { timeout: 90_000 },
    async () => {
      const context = await e2e.browser.newContext();
      const stale = await context.newPage();
      const other = await context.newPage();
      const who = { email: "two-tabs@example.org", password: "a passphrase for two tabs 6" };
      await stale.goto(`${e2e.app.url}/signup`);
      await settled(stale);
      await other.goto(`${e2e.app.url}/signup`);
      await settled(other);
      await other.getByLabel("Email").fill(who.email);
      await other.getByLabel("Password").fill(who.password);
      await Promise.all([
        other.waitForURL((u) => u.pathname === "/signin"),
        other.getByRole("button", { name: "Sign up" }).click(),
      ]);
      await settled(other);
      await signIn(other, who);
      // The first tab's sign-up form still holds the anonymous token: refused, with a way out.
      await stale.getByLabel("Email").fill("someone-else@example.org");
      await stale.getByLabel("Password").fill("another passphrase here 7");
      await stale.getByRole("button", { name: "Sign up" }).click();
      await expect.poll(() => stale.locator("main").textContent()).toMatch(/This form has expired.*reload the page/s);
      // Reloaded, the signed-in page's sign-out form carries the session's token and works.
      await stale.goto(`${e2e.app.url}/submit`);
      await settled(stale);
      await Promise.all([
        stale.waitForURL((u) => u.pathname === "/"),
        stale.getByRole("button", { name: "Sign out" }).click(),
      ]);
      await expect.poll(() => stale.getByRole("link", { name: "Sign in" }).count()).toBe(1);
      await context.close();
    },
  );

  it("refuses a POST from another site", async () => {
    const res = await fetch(`${e2e.app.url}/submit/new-lab`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=x",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });
});
