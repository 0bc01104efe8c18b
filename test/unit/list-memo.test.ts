/** The advisor list's memo of few-input results (app/lib/directory/list-memo.ts). */
import { describe, expect, it } from "vitest";
import { PerIndexMemo } from "~/lib/directory/list-memo";

describe("PerIndexMemo", () => {
  it("computes a key once per owner and keeps owners apart", () => {
    const memo = new PerIndexMemo<number>(8);
    const a = {};
    const b = {};
    let calls = 0;
    const make = (n: number) => () => (calls++, n);
    expect(memo.get(a, "k", make(1))).toBe(1);
    expect(memo.get(a, "k", make(2))).toBe(1);
    expect(calls).toBe(1);
    // Another index (a new data version) never sees the old one's results.
    expect(memo.get(b, "k", make(3))).toBe(3);
    expect(calls).toBe(2);
  });

  it("forgets the least recently used key past its bound", () => {
    const memo = new PerIndexMemo<string>(2);
    const owner = {};
    memo.get(owner, "x", () => "x1");
    memo.get(owner, "y", () => "y1");
    memo.get(owner, "x", () => "x2"); // x used again: y is now the oldest
    memo.get(owner, "z", () => "z1"); // evicts y
    expect(memo.get(owner, "x", () => "x3")).toBe("x1");
    expect(memo.get(owner, "y", () => "y2")).toBe("y2");
  });
});
