/**
 * Stopping the server cleanly: on SIGTERM or SIGINT, stop accepting connections, let the requests
 * in flight finish, close idle keep-alive connections, close the database, exit 0. Whatever is still
 * open after GRACE_MS (7 s) is cut, so the process is gone within 10 s (what orchestrators wait before SIGKILL).
 * `npm start` and `npm run serve` exec the server (package.json), so the signal npm forwards
 * reaches this process and no orphan is left.
 */
import type http from "node:http";
import net from "node:net";
import type { Socket } from "node:net";

export const GRACE_MS = 7000;

/**
 * How long a connection accepted without a request yet may take to send one (a browser's preconnect,
 * or a request still crossing the network). Node counts such a connection as idle, and
 * `server.close()` / `closeIdleConnections()` cut it at once. A request already in the socket is
 * read at the loop's next poll: the sweep judges only after one (see `polledAt`).
 */
export const FIRST_REQUEST_GRACE_MS = 1000;

/**
 * How long the server keeps accepting connections after the signal at least (each answered with
 * `Connection: close`): a load balancer takes a moment to stop sending. After that, the listener
 * closes only once the kernel's accept queue is empty (see `drain`).
 */
export const ACCEPT_AFTER_SIGNAL_MS = 500;

/**
 * The listener closes by then even if connections keep arriving (a load balancer that does not stop
 * sending): what was accepted keeps GRACE_MS − 5 s to be answered. Not less: on a loaded machine an
 * iteration can run 400 ms of page work, and 8 queued connections need 8 iterations to be accepted.
 */
export const ACCEPT_AT_MOST_MS = 5000;

/**
 * How long a keep-alive connection left idle by its last answer stays open after the signal. A client
 * may have sent its next request on it already, unread while the event loop was busy: cutting it at
 * once lost such requests (`fetch failed` in the SIGTERM drill, 3 of 8).
 */
export const KEEP_ALIVE_GRACE_MS = 300;

type Tracked = { busy: number; served: number; acceptedAt: number; idleSince: number };

/**
 * Stops accepting connections and resolves once every connection is closed: each request in flight
 * is answered (with `Connection: close`), a keep-alive connection is closed once it has had no request in
 * flight for KEEP_ALIVE_GRACE_MS, a connection that has not sent its first request yet gets FIRST_REQUEST_GRACE_MS to send
 * it, and after `graceMs` whatever is left is cut.
 *
 * The listener closes `acceptMs` after the signal at the earliest, and only after an event-loop
 * iteration that accepted no connection. libuv (Node 20, Linux) accepts one connection per loop
 * iteration (strace: one accept4 per epoll_wait), and an iteration lasts as long as the synchronous
 * work it runs (a page render, 100–400 ms on a loaded machine). So 8 requests written before the
 * signal take several iterations to be accepted, and closing the listener while some still waited in
 * the kernel's accept queue reset them all at once (ECONNRESET: the SIGTERM drill lost 2–4 of 8,
 * docs/reliability.md). A non-empty queue keeps the listening socket readable, so every poll accepts
 * one: a poll that accepted none saw an empty queue. ACCEPT_AT_MOST_MS after the signal it closes anyway.
 */
export function drain(
  server: http.Server,
  graceMs = GRACE_MS,
  acceptMs = ACCEPT_AFTER_SIGNAL_MS,
): Promise<"drained" | "cut"> {
  const sockets = tracked.get(server) ?? track(server);
  const counter = accepts.get(server)!;
  draining.add(server);
  return new Promise((resolve) => {
    let done = false;
    const finish = (how: "drained" | "cut") => {
      if (done) return;
      done = true;
      clearInterval(sweep);
      clearTimeout(cut);
      resolve(how);
    };
    const drainStart = Date.now();
    // When the event loop last read its sockets: a connection is judged idle only on what was read
    // after its grace ended (setImmediate runs after the loop's poll phase), not on a timer that a busy
    // loop ran before reading a request that was already there.
    let polledAt = drainStart;
    let acceptedBefore = counter.accepted;
    const closeIdle = () => {
      for (const [socket, t] of sockets) {
        if (t.busy > 0) continue;
        const since = Math.max(t.served > 0 ? t.idleSince : t.acceptedAt, drainStart);
        if (polledAt - since > (t.served > 0 ? KEEP_ALIVE_GRACE_MS : FIRST_REQUEST_GRACE_MS)) socket.destroy();
      }
    };
    const stopListening = () => {
      // net.Server's own close: stop listening without http.Server's pre-close, which cuts every
      // connection without a parsed request (including those whose request is on its way).
      if (server.listening) net.Server.prototype.close.call(server, () => finish("drained"));
    };
    const sweep = setInterval(
      () =>
        setImmediate(() => {
          polledAt = Date.now();
          // Every poll since the last sweep (there was at least one) accepted nothing: the queue is empty.
          const since = polledAt - drainStart;
          if (
            (since >= Math.min(acceptMs, graceMs) && counter.accepted === acceptedBefore) ||
            since >= Math.min(ACCEPT_AT_MOST_MS, graceMs)
          )
            stopListening();
          acceptedBefore = counter.accepted;
          closeIdle();
        }),
      50,
    );
    const cut = setTimeout(() => {
      if (server.listening) net.Server.prototype.close.call(server);
      for (const socket of sockets.keys()) socket.destroy();
      finish("cut");
    }, graceMs);
    sweep.unref();
    cut.unref();
  });
}

const tracked = new WeakMap<http.Server, Map<Socket, Tracked>>();
const accepts = new WeakMap<http.Server, { accepted: number }>();
const draining = new WeakSet<http.Server>();

/** Follows each connection's requests (call before the server accepts any; stopGracefully does). */
export function track(server: http.Server): Map<Socket, Tracked> {
  const existing = tracked.get(server);
  if (existing) return existing;
  const sockets = new Map<Socket, Tracked>();
  tracked.set(server, sockets);
  const counter = { accepted: 0 };
  accepts.set(server, counter);
  server.on("connection", (socket: Socket) => {
    counter.accepted++;
    sockets.set(socket, { busy: 0, served: 0, acceptedAt: Date.now(), idleSince: Date.now() });
    socket.once("close", () => sockets.delete(socket));
  });
  server.prependListener("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const t = sockets.get(req.socket);
    if (!t) return;
    t.busy++;
    // While draining, the answer closes its connection (the client opens a new one elsewhere).
    if (draining.has(server)) res.shouldKeepAlive = false;
    res.once("close", () => {
      t.busy--;
      t.served++;
      t.idleSince = Date.now();
    });
  });
  return sockets;
}

export function stopGracefully(server: http.Server, closeResources: () => Promise<void>): void {
  track(server);
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: finishing the requests in flight, then stopping.`);
    void drain(server).then((how) => {
      if (how === "cut") console.log("stopping: connections still open after the grace period were closed.");
      // Closing the database pool gets a second at most: the 10 s budget holds.
      setTimeout(() => process.exit(0), 1000).unref();
      void closeResources()
        .catch(() => {})
        .finally(() => process.exit(0));
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
