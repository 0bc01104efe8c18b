/**
 * The page cache (server/http-cache.ts) against a real database's data version: ETag, 304, kept
 * pages answered without the handler, a new data version (as an approval makes) seen at once by
 * this process, private pages and signed-in visitors never kept. The handler stands in for Remix.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpDataVersion, dataVersion, knownDataVersion, readDataVersion } from "~/lib/data-version.server";
import { freePort } from "../../scripts/free-port";
import { createPageCache, type PageCache } from "../../server/http-cache";
import { useTestDatabase } from "../support/database";

useTestDatabase("empty");

let server: http.Server;
let base = "";
let cache: PageCache;
let rendered = 0;
/** The Accept-Encoding the handler saw (compression downstream reads it). */
let seenEncoding: string | undefined;

beforeAll(async () => {
  cache = createPageCache({ buildVersion: "build1" });
  server = http.createServer((req, res) =>
    cache(req, res, () => {
      rendered++;
      seenEncoding = req.headers["accept-encoding"];
      const nonce = `n${rendered}`;
      res.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${nonce}'`);
      if (req.url?.startsWith("/signin")) res.setHeader("Set-Cookie", "__session=x");
      // As Express's compression() does for a client taking gzip (it sets the header before us).
      if (req.url?.includes("compressed") && /gzip/.test(String(req.headers["accept-encoding"])))
        res.setHeader("Content-Encoding", "gzip");
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.statusCode = req.url?.startsWith("/advisors/missing") ? 404 : 200;
      res.write(`<html><script nonce="${nonce}">window.v = ${JSON.stringify(knownDataVersion())};</script>`);
      res.end(`<p>${"x".repeat(2000)} render ${rendered}</p></html>`);
    }),
  );
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  base = `http://127.0.0.1:${port}`;
  await dataVersion();
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the data version", () => {
  it("is read, bumped and known by this process at once", async () => {
    const before = await readDataVersion();
    await bumpDataVersion();
    expect(knownDataVersion()).toBe(String(Number(before) + 1));
    expect(await readDataVersion()).toBe(String(Number(before) + 1));
    expect(await dataVersion()).toBe(String(Number(before) + 1));
  });
});

describe("public pages", () => {
  it("carry an ETag tied to the data version and are answered from memory when repeated", async () => {
    const before = rendered;
    const a = await fetch(`${base}/advisors?continent=EU`);
    const etag = a.headers.get("etag");
    expect(etag).toBe(`W/"build1.${knownDataVersion()}"`);
    expect(a.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(a.headers.get("vary")).toContain("Cookie");
    await a.text();
    // Kept from the second request on (a URL asked once is not worth its memory).
    const second = await fetch(`${base}/advisors?continent=EU`);
    expect(second.headers.get("etag")).toBe(etag);
    const textSecond = await second.text();
    expect(rendered).toBe(before + 2);
    const b = await fetch(`${base}/advisors?continent=EU`);
    expect(await b.text()).toBe(textSecond);
    expect(rendered).toBe(before + 2); // the third answer did not render
    // The kept copy cannot reuse a nonce: its policy lists the inline script's hash.
    expect(b.headers.get("content-security-policy")).toMatch(/^script-src 'self' 'sha256-[A-Za-z0-9+/=]+'$/);
    const gz = await fetch(`${base}/advisors?continent=EU`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe(textSecond); // fetch decompresses
  });

  it("are kept only once asked twice: one-off URLs (a crawler's, distinct filters) hold no memory", async () => {
    const before = cache.stats();
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${base}/advisors?once=${i}`);
      expect(r.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
      expect(r.headers.get("etag")).toBe(`W/"build1.${knownDataVersion()}"`);
      await r.text();
    }
    expect(cache.stats().entries).toBe(before.entries);
    expect(cache.stats().bytes).toBe(before.bytes);
    await (await fetch(`${base}/advisors?once=3`)).text();
    expect(cache.stats().entries).toBe(before.entries + 1);
    const renders = rendered;
    await (await fetch(`${base}/advisors?once=3`)).text();
    expect(rendered).toBe(renders);
  });

  it("answer 304 to a revalidation with the current ETag, without rendering a kept page", async () => {
    const etag = (await fetch(`${base}/labs`)).headers.get("etag")!;
    await (await fetch(`${base}/labs`)).text(); // asked twice: kept
    const before = rendered;
    const r = await fetch(`${base}/labs`, { headers: { "If-None-Match": etag } });
    expect(r.status).toBe(304);
    expect(rendered).toBe(before);
    const other = await fetch(`${base}/labs`, { headers: { "If-None-Match": 'W/"build0.1"' } });
    expect(other.status).toBe(200);
  });

  it("answer 304 for a page not kept only once it renders as a 200; never for a 404", async () => {
    const etag = `W/"build1.${knownDataVersion()}"`;
    const fresh = await fetch(`${base}/institutions?new=1`, { headers: { "If-None-Match": etag } });
    expect(fresh.status).toBe(304);
    expect(await fresh.text()).toBe("");
    for (const inm of [etag, "*"]) {
      const missing = await fetch(`${base}/advisors/missing-${inm.length}`, { headers: { "If-None-Match": inm } });
      expect(missing.status, inm).toBe(404);
      expect(missing.headers.get("etag"), inm).toBeNull();
    }
  });

  it("a URL only ever revalidated (a CDN's) is kept all the same: its third 304 does not render", async () => {
    const etag = `W/"build1.${knownDataVersion()}"`;
    const url = `${base}/institutions?revalidated=1`;
    expect((await fetch(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    const before = rendered;
    expect((await fetch(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect(rendered).toBe(before);
    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect(await full.text()).toContain("</html>");
  });

  it("a page not kept and compressed on its way out is public with its ETag, and revalidates", async () => {
    const url = `${base}/advisors?compressed=1`;
    const first = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
    await first.body?.cancel();
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`W/"build1.${knownDataVersion()}"`);
    const again = await fetch(`${base}/advisors?compressed=2`, {
      headers: { "Accept-Encoding": "gzip", "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
  });

  it("compress a page not kept when the client asks, and honour gzip;q=0 on a kept one", async () => {
    await (await fetch(`${base}/advisors?gzip-once=1`, { headers: { "Accept-Encoding": "gzip" } })).text();
    expect(seenEncoding).toBe("gzip"); // left for the compression downstream
    await (await fetch(`${base}/advisors?gzip-once=1`, { headers: { "Accept-Encoding": "gzip" } })).text();
    expect(seenEncoding).toBeUndefined(); // the copy to keep is rendered plain
    for (let i = 0; i < 2; i++) await (await fetch(`${base}/advisors?gzip-kept=1`)).text();
    const refused = await fetch(`${base}/advisors?gzip-kept=1`, { headers: { "Accept-Encoding": "gzip;q=0" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
    const taken = await fetch(`${base}/advisors?gzip-kept=1`, { headers: { "Accept-Encoding": "br, gzip;q=0.5" } });
    expect(taken.headers.get("content-encoding")).toBe("gzip");
  });

  it("are rendered again once the data version moves (an approval, an import)", async () => {
    const first = await (await fetch(`${base}/compare`)).text();
    const oldEtag = `W/"build1.${knownDataVersion()}"`;
    await bumpDataVersion();
    const r = await fetch(`${base}/compare`, { headers: { "If-None-Match": oldEtag } });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).not.toBe(oldEtag);
    const second = await r.text();
    expect(second).not.toBe(first);
    expect(second).toContain(`window.v = "${knownDataVersion()}"`);
  });

  it("are not kept when they fail", async () => {
    const before = rendered;
    expect((await fetch(`${base}/advisors/missing`)).status).toBe(404);
    const again = await fetch(`${base}/advisors/missing`);
    expect(again.status).toBe(404);
    expect(again.headers.get("cache-control")).toBe("private, no-store");
    expect(rendered).toBe(before + 2);
  });
});

describe("private and form pages", () => {
  it("are never kept and say no-store", async () => {
    for (const p of ["/signin", "/submit", "/moderate", "/account/submissions"]) {
      const before = rendered;
      const a = await fetch(base + p);
      await fetch(base + p);
      expect(a.headers.get("cache-control"), p).toBe("private, no-store");
      expect(a.headers.get("etag"), p).toBeNull();
      expect(rendered, p).toBe(before + 2);
    }
  });

  it("a signed-in visitor's public page is private too", async () => {
    const before = rendered;
    const a = await fetch(`${base}/advisors`, { headers: { Cookie: "__session=abc" } });
    await fetch(`${base}/advisors`, { headers: { Cookie: "__session=abc" } });
    expect(a.headers.get("cache-control")).toBe("private, no-store");
    expect(rendered).toBe(before + 2);
  });

  it("POSTs are never kept", async () => {
    const before = rendered;
    await fetch(`${base}/advisors`, { method: "POST", body: "x" });
    await fetch(`${base}/advisors`, { method: "POST", body: "x" });
    expect(rendered).toBe(before + 2);
  });
});
