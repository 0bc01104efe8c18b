/**
 * A Vite plugin for `npm run build`: the Remix server build also compiles the production server entry
 * (scripts/start.ts, what `npm start` and `npm run serve` run) and the import it runs as a child process
 * on Postgres (scripts/import.ts), into build/server/start.js and build/server/import.js.
 *
 * Why one build: the entries and the Remix bundle (build/server/index.js) share their modules as
 * chunks (build/server/*-[hash].js), so the server process loads each of the app's modules once. The
 * server used to run the TypeScript sources through tsx: a loader thread with its own V8 isolate, two
 * esbuild service processes, and a second copy of every app module next to the Remix bundle's
 * (docs/benchmarks.md, "Memory"). Now plain node runs it. Packages stay external (node_modules).
 */
import path from "node:path";
import type { Plugin } from "vite";

/** The Remix plugin's id for its server build (@remix-run/dev: vmod.id("server-build")). */
const REMIX_SERVER_BUILD = "virtual:remix/server-build";

export function serverEntry(root: string): Plugin {
  return {
    name: "atlas-server-entry",
    // After the Remix plugin, whose config sets the server build's single input.
    enforce: "post",
    config(_config, { command, isSsrBuild }) {
      if (command !== "build" || !isSsrBuild) return;
      return {
        build: {
          // Node, not browsers: the entries use top-level await.
          target: "node20",
          rollupOptions: {
            input: {
              index: REMIX_SERVER_BUILD,
              start: path.join(root, "scripts", "start.ts"),
              import: path.join(root, "scripts", "import.ts"),
            },
            output: {
              entryFileNames: "[name].js",
              // Next to the entries, not under assets/: db.server.ts finds db/migrations two levels up.
              chunkFileNames: "[name]-[hash].js",
            },
          },
        },
      };
    },
  };
}
