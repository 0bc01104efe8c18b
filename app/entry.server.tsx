/**
 * Server rendering; the CSP nonce set by the server (server/http.ts) reaches Remix's inline scripts
 * through NonceContext.
 *
 * The page is rendered to the end (onAllReady) and sent as one buffer: no loader defers data, so
 * streaming the shell first gained nothing, while React's many small chunks each went through a web
 * stream and a socket write of their own (about a tenth of the server's time on the list and search
 * pages under load, docs/benchmarks.md). The single-fetch data scripts are part of the one buffer.
 */
import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./lib/nonce";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Cleared once the page is buffered: a pending timer keeps the whole render (React's request, the
    // page's chunks) alive for ABORT_DELAY, 5 s of every page served, tens of MB under load.
    let abortTimer: NodeJS.Timeout | undefined = undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              clearTimeout(abortTimer);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
              chunks.length = 0;
              done();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer = setTimeout(() => {
      abort();
      // Aborted before the page was ready, React calls neither onAllReady nor onShellError: answer
      // with an error rather than leave the request waiting (a settled promise ignores this).
      setImmediate(() => {
        if (!shellRendered) reject(new Error(`the page did not render within ${ABORT_DELAY} ms`));
      });
    }, ABORT_DELAY);
  });
}
