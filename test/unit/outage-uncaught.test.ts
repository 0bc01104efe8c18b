/** The one uncaught error an outage may throw from inside postgres.js, told apart from the rest. */
import { describe, expect, it } from "vitest";
import { isClosedSocketWrite } from "../../server/outage";

function thrownAt(error: Error, frame: string): Error {
  error.stack = `${error.name}: ${error.message}\n    at ${frame}\n    at process.processImmediate (node:internal/timers:483:21)`;
  return error;
}

describe("isClosedSocketWrite", () => {
  it("is postgres.js writing on the socket an outage closed (the drill's crash)", () => {
    const e = thrownAt(
      new TypeError("Cannot read properties of null (reading 'write')"),
      "Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)",
    );
    expect(isClosedSocketWrite(e)).toBe(true);
  });
  it("is not the same error thrown elsewhere, nor another error from postgres.js", () => {
    expect(
      isClosedSocketWrite(
        thrownAt(
          new TypeError("Cannot read properties of null (reading 'write')"),
          "render (file:///app/build/server/index.js:1:1)",
        ),
      ),
    ).toBe(false);
    expect(
      isClosedSocketWrite(
        thrownAt(
          new TypeError("x is not a function"),
          "nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)",
        ),
      ),
    ).toBe(false);
    expect(isClosedSocketWrite(new Error("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isClosedSocketWrite("reading 'write'")).toBe(false);
  });
});
