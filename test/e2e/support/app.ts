/**
 * Browser tests: the production build served by the real start script on a free port, on a copy
 * of the shipped-data PGlite template (or a fresh database on TEST_DATABASE_URL's server), driven
 * by Debian's Chromium through playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { freePort } from "../../../scripts/free-port";
import { SERVER_ENTRY, serverCommand } from "../../../scripts/server-entry";
import { ROOT, pgliteTemplatePath } from "../../support/templates";

export { freePort };

export type RunningApp = { url: string; stop: () => Promise<void>; output: () => string; env: Record<string, string> };

/** Starts the compiled server entry, build/server/start.js (build must exist), on its own copy of the shipped data. */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  if (!existsSync(SERVER_ENTRY)) throw new Error("run `npm run build` before the browser tests");
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-e2e-"));
  const env: Record<string, string> = { PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", ...extraEnv };
  const data = path.join(dir, "pglite");
  cpSync(pgliteTemplatePath("shipped", inject("templateHash")), data, { recursive: true });
  env.PGLITE_DATA_DIR = data;
  const child: ChildProcess = spawn(process.execPath, serverCommand(), {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${out}`);
    if (out.includes("Advisor Atlas on http")) break;
    if (Date.now() > deadline) throw new Error(`the app did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    env,
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * One app and one browser for a test file, started before its tests and stopped after them:
 * `const e2e = useAppAndBrowser(); … e2e.app.url … e2e.browser.newPage()`.
 */
export function useAppAndBrowser(extraEnv: Record<string, string> = {}): {
  readonly app: RunningApp;
  readonly browser: Browser;
} {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(extraEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      if (!app) throw new Error("the app is not started yet");
      return app;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not launched yet");
      return browser;
    },
  };
}

/**
 * Waits until the page shows what its address says: the app's <main> carries the location it was
 * rendered for (data-url) and aria-busy while a navigation is under way (app/root.tsx). With
 * JavaScript on, the address bar changes a moment before React renders the new page, and the page
 * must be hydrated before its forms behave as scripted; a one-shot read taken after `waitForURL`
 * alone can see the previous page.
 */
export async function settled(page: Page, { javaScript = true, timeout = 30_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen = "";
  for (;;) {
    const url = new URL(page.url());
    const want = url.pathname + url.search;
    // A full page load can destroy the document between two reads: read again.
    const state = await page
      .locator("main#main")
      .evaluate(
        (main) => ({
          url: main.getAttribute("data-url"),
          busy: main.getAttribute("aria-busy"),
          hydrated: document.documentElement.dataset.hydrated === "true",
        }),
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => null);
    if (state && state.url === want && state.busy === null && (!javaScript || state.hydrated)) return;
    seen = JSON.stringify(state);
    if (Date.now() > deadline) throw new Error(`the page did not settle on ${want} within ${timeout} ms (saw ${seen})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type OpenPage = {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, to assert empty at the end. */
  errors: string[];
  /** Opens a path of the app and waits until it is rendered (and hydrated, with JavaScript). */
  goto: (path: string) => Promise<Awaited<ReturnType<Page["goto"]>>>;
  /** Waits for the address to match, then for the page to show it. */
  arrived: (url: Parameters<Page["waitForURL"]>[0]) => Promise<void>;
  /** Waits until the page shows its current address (see `settled`). */
  settled: () => Promise<void>;
};

/** A fresh browser context (own cookies) with one page, JavaScript on or off. */
export async function openPage(
  e2e: { readonly app: RunningApp; readonly browser: Browser },
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<OpenPage> {
  const context = await e2e.browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  const isSettled = () => settled(page, { javaScript });
  return {
    context,
    page,
    errors,
    settled: isSettled,
    goto: async (p) => {
      const response = await page.goto(`${e2e.app.url}${p}`);
      await isSettled();
      return response;
    },
    arrived: async (url) => {
      await page.waitForURL(url);
      await isSettled();
    },
  };
}
