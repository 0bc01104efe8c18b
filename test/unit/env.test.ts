/** The environment schema: defaults, switches, and a wrong value named in one line. */
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, secureCookies } from "~/lib/env.server";

describe("parseEnv", () => {
  it("gives every variable its default", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      NODE_ENV: "development",
      DATABASE_POOL_SIZE: 10,
      ATLAS_SEED_DIR: "seed",
      ATLAS_HTTPS: false,
      TRUST_PROXY: false,
      DATABASE_STATEMENT_TIMEOUT_MS: 15000,
      ATLAS_HEAP_GROWING_PERCENT: 50,
    });
    expect(e.ATLAS_PASSWORD).toBeUndefined();
    expect(e.BENCH_DATABASE_URL).toBeUndefined();
  });

  it("reads the switches and numbers", () => {
    const e = parseEnv({
      ATLAS_HTTPS: "1",
      TRUST_PROXY: "true",
      DATABASE_POOL_SIZE: "32",
      ATLAS_SEED_DIR: "/data/seed",
    });
    expect(e).toMatchObject({
      ATLAS_HTTPS: true,
      TRUST_PROXY: true,
      DATABASE_POOL_SIZE: 32,
      ATLAS_SEED_DIR: "/data/seed",
    });
    expect(parseEnv({ ATLAS_HTTPS: "0", TRUST_PROXY: "" })).toMatchObject({ ATLAS_HTTPS: false, TRUST_PROXY: false });
    expect(parseEnv({ ATLAS_HEAP_GROWING_PERCENT: "0" }).ATLAS_HEAP_GROWING_PERCENT).toBe(0);
  });

  it.each([
    [{ ATLAS_HTTPS: "yes" }, /ATLAS_HTTPS must be "1" \(on\) or "0" \(off\)/],
    [{ TRUST_PROXY: "2" }, /TRUST_PROXY/],
    [{ DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: "ten" }, /DATABASE_POOL_SIZE/],
    [{ ATLAS_HEAP_GROWING_PERCENT: "-1" }, /ATLAS_HEAP_GROWING_PERCENT/],
    [{ ATLAS_HEAP_GROWING_PERCENT: "half" }, /ATLAS_HEAP_GROWING_PERCENT/],
    [{ BENCH_DATABASE_URL: "mysql://x" }, /BENCH_DATABASE_URL must be a postgres:\/\//],
    [{ ATLAS_SEED_DIR: "" }, /ATLAS_SEED_DIR/],
  ])("refuses %o with one line naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });
});

describe("secureCookies", () => {
  it("follows the scheme the site is served on, not NODE_ENV: npm start serves plain http in production mode", () => {
    expect(secureCookies(parseEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(secureCookies(parseEnv({ NODE_ENV: "production", ATLAS_HTTPS: "1" }))).toBe(true);
    expect(secureCookies(parseEnv({ ATLAS_HTTPS: "1" }))).toBe(true);
  });
});
