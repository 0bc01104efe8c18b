import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { ACCEPT_AT_MOST_MS, drain, track } from "../../server/shutdown";

/** A server whose every answer takes `ms`, listening on a free loopback port. */
async function slowServer(ms: number) {
  const server = http.createServer((_req, res) => setTimeout(() => res.end("done"), ms));
  // As stopGracefully does when the server starts: every connection is followed from its accept on.
  track(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as net.AddressInfo).port };
}

/** A raw connection that sends its request only after `delayMs` (as when the server's event loop was busy). */
function lateRequest(port: number, delayMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("close", () => resolve(data));
    socket.on("error", () => resolve(data));
    socket.on("connect", () => setTimeout(() => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), delayMs));
  });
}

describe("drain (SIGTERM)", () => {
  it("answers the requests in flight and those sent on connections accepted before the signal", async () => {
    const { server, port } = await slowServer(200);
    const inFlight = lateRequest(port, 0);
    const late = lateRequest(port, 300);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const how = await drain(server, 5000);
    expect(how).toBe("drained");
    expect(await inFlight).toMatch(/^HTTP\/1\.1 200[\s\S]*done$/);
    // Sent 200 ms after the drain began: still answered, and the connection closed after it.
    const answer = await late;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/connection: close/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("closes a keep-alive connection left idle after its answer, and refuses new connections", async () => {
    const { server, port } = await slowServer(10);
    const agent = new http.Agent({ keepAlive: true });
    const first = await new Promise<number>((r) =>
      http.get({ port, host: "127.0.0.1", agent }, (res) => (res.resume(), r(res.statusCode!))),
    );
    expect(first).toBe(200);
    const started = Date.now();
    expect(await drain(server, 5000)).toBe("drained");
    expect(Date.now() - started).toBeLessThan(1000);
    const refused = await new Promise<string>((r) =>
      net
        .connect(port, "127.0.0.1")
        .on("error", (e: NodeJS.ErrnoException) => r(e.code ?? ""))
        .on("connect", () => r("connected")),
    );
    expect(refused).toBe("ECONNREFUSED");
    agent.destroy();
  });

  it("still accepts and answers connections opened just after the signal (the backlog of a busy server)", async () => {
    const { server, port } = await slowServer(50);
    const started = Date.now();
    const drained = drain(server, 5000, 400);
    await new Promise((r) => setTimeout(r, 150));
    const answer = await lateRequest(port, 0);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/connection: close/i);
    expect(await drained).toBe("drained");
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(server.listening).toBe(false);
  });

  it("answers a request sent on a kept-alive connection right after the signal", async () => {
    const { server, port } = await slowServer(10);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; connection: string }>((r) =>
        http
          .get({ port, host: "127.0.0.1", agent }, (res) => {
            res.resume();
            r({ status: res.statusCode!, connection: String(res.headers.connection) });
          })
          .on("error", (e) => r({ status: 0, connection: e.message })),
      );
    expect((await get()).status).toBe(200);
    const drained = drain(server, 5000, 100);
    // Sent on the same idle connection 100 ms after the signal (a client that did not know yet).
    await new Promise((r) => setTimeout(r, 100));
    expect(await get()).toEqual({ status: 200, connection: "close" });
    expect(await drained).toBe("drained");
    agent.destroy();
  });

  it("cuts what is still open after the grace period", async () => {
    const { server, port } = await slowServer(5000);
    const stuck = lateRequest(port, 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(await drain(server, 300)).toBe("cut");
    expect(await stuck).toBe("");
    expect(server.listening).toBe(false);
  });
});

describe("drain on a busy event loop (libuv accepts one connection per loop iteration)", () => {
  it("answers every request whose connection still waited in the accept queue at the signal", async () => {
    // Each answer blocks the event loop for 120 ms, as rendering a page does: libuv then accepts one
    // queued connection per iteration, so 8 connections take about a second to be accepted. Closing the
    // listener earlier reset those still queued (ECONNRESET; the SIGTERM drill lost 2–4 of 8).
    const server = http.createServer((_req, res) => {
      const until = Date.now() + 120;
      while (Date.now() < until);
      res.end("done");
    });
    track(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    const requests = Array.from({ length: 8 }, () => {
      let written!: () => void;
      const sent = new Promise<void>((r) => (written = r));
      const answer = new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n", written));
        let data = "";
        socket.on("data", (d) => (data += d));
        socket.on("close", () => resolve(data));
        socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
      });
      return { sent, answer };
    });
    // Every request is written (the kernel completed each handshake) before the signal.
    await Promise.all(requests.map((r) => r.sent));
    const drained = drain(server, 8000, 50);
    const answers = await Promise.all(requests.map((r) => r.answer));
    expect(answers.map((a) => a.slice(0, 15))).toEqual(Array(8).fill("HTTP/1.1 200 OK"));
    expect(await drained).toBe("drained");
    expect(server.listening).toBe(false);
  });

  it("stops listening by ACCEPT_AT_MOST_MS even while connections keep arriving", async () => {
    const { server, port } = await slowServer(10);
    const started = Date.now();
    const drained = drain(server, ACCEPT_AT_MOST_MS + 3000, 50);
    // Clients that never stop opening connections (a load balancer still sending), 4 at a time, so
    // that every poll of the listener finds one waiting.
    let refusedAt = 0;
    const client = async () => {
      while (!refusedAt && Date.now() - started < ACCEPT_AT_MOST_MS + 2000) {
        const outcome = await new Promise<string>((r) =>
          net
            .connect(port, "127.0.0.1")
            .on("error", (e: NodeJS.ErrnoException) => r(e.code ?? "error"))
            .on("connect", function (this: net.Socket) {
              this.end("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
              this.resume();
              r("connected");
            }),
        );
        if (outcome === "ECONNREFUSED") refusedAt ||= Date.now() - started;
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    // By the cap at the latest (sooner when a poll found the queue empty between two clients).
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThan(ACCEPT_AT_MOST_MS + 1500);
    expect(await drained).toBe("drained");
  });
});
