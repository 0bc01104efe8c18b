/**
 * Stopping the server cleanly: on SIGTERM or SIGINT, stop accepting connections, let the requests
 * in flight finish, close idle keep-alive connections, close the database, exit 0. Whatever is still
 * open after 8 s is cut, so the process is gone within 10 s (what orchestrators wait before SIGKILL).
 * `npm start` and `npm run serve` exec the server (package.json), so the signal npm forwards
 * reaches this process and no orphan is left.
 */
import type http from "node:http";

export const GRACE_MS = 8000;

export function stopGracefully(server: http.Server, closeResources: () => Promise<void>): void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: finishing the requests in flight, then stopping.`);
    const exit = (code: number) => {
      // Closing the database pool gets a second at most: the 10 s budget holds.
      setTimeout(() => process.exit(code), 1000).unref();
      void closeResources()
        .catch(() => {})
        .finally(() => process.exit(code));
    };
    server.close(() => exit(0));
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    idle.unref();
    setTimeout(() => {
      console.log("stopping: connections still open after the grace period were closed.");
      server.closeAllConnections();
      exit(0);
    }, GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
