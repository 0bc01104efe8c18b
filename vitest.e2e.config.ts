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
  },
});
