import path from "node:path";
import { defineConfig } from "vitest/config";

// Browser tests: `npm run build` first; they start the built app and drive Debian's Chromium.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll retries for up to 15 s (vitest's default, 1 s, is shorter than one page load on
    // a busy two-core CI machine).
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
