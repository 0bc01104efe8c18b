// console.error in a test means something went wrong that no assertion caught: fail loudly.
import { afterEach, vi } from "vitest";

let errors: unknown[][] = [];
const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
});

afterEach(() => {
  const seen = errors;
  errors = [];
  if (seen.length > 0)
    throw new Error(`console.error was called:\n${seen.map((a) => a.map(String).join(" ")).join("\n")}`);
});

export { spy as consoleErrorSpy };
