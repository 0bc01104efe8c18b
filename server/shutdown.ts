/**
 * Stopping the server cleanly: on SIGTERM or SIGINT, stop accepting connections, let the requests
 * in flight finish, close idle keep-alive connections, close the database, exit 0. Whatever is still
 * open after 8 s is cut, so the process is gone within 10 s (what orchestrators wait before SIGKILL).
 * `npm start` and `npm run serve` exec the server (package.json), so the signal npm forwards
 * reaches this process and no orphan is left.
 */
import type http from "node:http";
import net from "node:net";
import type { Socket } from "node:net";

export const GRACE_MS = 7000;

/**
 * How long a connection accepted before the signal may take to send its request. Node counts such a
 * connection as idle (no request parsed yet), and `server.close()` / `closeIdleConnections()` cut it:
 * a request already sent, waiting in the socket while the event loop was busy, was lost (the SIGTERM
 * drill saw 4 of 5 such requests answered with a reset). 2 s still lost 3 of 8 written requests on a loaded
 * machine (reset 2.1 s after the signal); 5 s keeps the exit within 10 s (GRACE_MS cuts at 7 s).
 */
export const FIRST_REQUEST_GRACE_MS = 5000;

/**
 * How long the server keeps accepting connections after the signal (each answered with
 * `Connection: close`). Requests sent just before the signal may still sit in the kernel's backlog,
 * not yet accepted by a busy event loop: closing the listening socket at once reset them (the SIGTERM
 * drill saw 4 of 8 such requests lost). A load balancer also takes a moment to stop sending.
 */
export const ACCEPT_AFTER_SIGNAL_MS = 500;

/**
 * How long a keep-alive connection left idle by its last answer stays open after the signal. A client
 * may have sent its next request on it already, unread while the event loop was busy: cutting it at
 * once lost such requests (`fetch failed` in the SIGTERM drill, 3 of 8).
 */
export const KEEP_ALIVE_GRACE_MS = 300;

type Tracked = { busy: number; served: number; acceptedAt: number; idleSince: number };

/**
 * Stops accepting connections (after `acceptMs`) and resolves once every connection is closed: each request in flight
 * is answered (with `Connection: close`), a keep-alive connection is closed once it has had no request in
 * flight for KEEP_ALIVE_GRACE_MS, a connection that has not sent its first request yet gets FIRST_REQUEST_GRACE_MS to send
 * it, and after `graceMs` whatever is left is cut.
 */
export function drain(
  server: http.Server,
  graceMs = GRACE_MS,
  acceptMs = ACCEPT_AFTER_SIGNAL_MS,
): Promise<"drained" | "cut"> {
  const sockets = tracked.get(server) ?? track(server);
  draining.add(server);
  return new Promise((resolve) => {
    let done = false;
    const finish = (how: "drained" | "cut") => {
      if (done) return;
      done = true;
      clearInterval(sweep);
      clearTimeout(cut);
      clearTimeout(stopListening);
      resolve(how);
    };
    // net.Server's own close: stop listening without http.Server's pre-close, which cuts every
    // connection without a parsed request (including those whose request is on its way).
    // After one more read of the sockets (setImmediate runs after the loop's poll phase, which accepts
    // what waits in the backlog): a timer run late by a busy loop would otherwise close first.
    const stopListening = setTimeout(
      () => setImmediate(() => net.Server.prototype.close.call(server, () => finish("drained"))),
      Math.min(acceptMs, graceMs),
    );
    const drainStart = Date.now();
    // When the event loop last read its sockets: a connection is judged idle only on what was read
    // after its grace ended (setImmediate runs after the loop's poll phase), not on a timer that a busy
    // loop ran before reading a request that was already there.
    let polledAt = drainStart;
    const closeIdle = () => {
      for (const [socket, t] of sockets) {
        if (t.busy > 0) continue;
        const since = Math.max(t.served > 0 ? t.idleSince : t.acceptedAt, drainStart);
        if (polledAt - since > (t.served > 0 ? KEEP_ALIVE_GRACE_MS : FIRST_REQUEST_GRACE_MS)) socket.destroy();
      }
    };
    const sweep = setInterval(
      () =>
        setImmediate(() => {
          polledAt = Date.now();
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
    stopListening.unref();
  });
}

const tracked = new WeakMap<http.Server, Map<Socket, Tracked>>();
const draining = new WeakSet<http.Server>();

/** Follows each connection's requests (call before the server accepts any; stopGracefully does). */
export function track(server: http.Server): Map<Socket, Tracked> {
  const existing = tracked.get(server);
  if (existing) return existing;
  const sockets = new Map<Socket, Tracked>();
  tracked.set(server, sockets);
  server.on("connection", (socket: Socket) => {
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
