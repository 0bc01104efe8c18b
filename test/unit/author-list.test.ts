import { describe, expect, it } from "vitest";
import { listedPapers, shortAuthorList } from "~/lib/directory/advisor-papers";

const authors = (n: number) => Array.from({ length: n }, (_, i) => `A${i + 1}`);

describe("shortAuthorList (advisor page)", () => {
  it("keeps a short list whole", () => {
    expect(shortAuthorList(authors(6), 6)).toEqual({ names: authors(6), advisorAt: 6, gap: false, more: 0 });
    expect(shortAuthorList(authors(3), 2)).toEqual({ names: authors(3), advisorAt: 2, gap: false, more: 0 });
  });

  it("names the first five and counts the rest when the advisor is among them", () => {
    const r = shortAuthorList(authors(12), 2);
    expect(r).toEqual({ names: authors(5), advisorAt: 2, gap: false, more: 7 });
  });

  it("always names the advisor: right after the first five, or after a gap", () => {
    expect(shortAuthorList(authors(12), 6)).toEqual({ names: authors(6), advisorAt: 6, gap: false, more: 6 });
    const last = shortAuthorList(authors(12), 12);
    expect(last).toEqual({ names: [...authors(5), "A12"], advisorAt: 6, gap: true, more: 6 });
    expect(last.names.length + last.more).toBe(12);
  });

  it("does not invent an advisor when the position is unknown", () => {
    expect(shortAuthorList(authors(10), 0)).toEqual({ names: authors(5), advisorAt: 0, gap: false, more: 5 });
  });
});

describe("listedPapers (advisor page)", () => {
  const window = { from: 2022, to: 2026, window: true };
  it("lists a window's papers up to the cap, newest first as given, and counts the rest", () => {
    const papers = Array.from({ length: 161 }, (_, i) => i);
    const r = listedPapers(papers, window, 100);
    expect(r.papers).toEqual(papers.slice(0, 100));
    expect(r.notListed).toBe(61);
    expect(listedPapers(papers.slice(0, 80), window, 100)).toEqual({ papers: papers.slice(0, 80), notListed: 0 });
  });
  it("lists one asked-for year whole", () => {
    const papers = Array.from({ length: 120 }, (_, i) => i);
    expect(listedPapers(papers, { from: 2019, to: 2019, window: false }, 100)).toEqual({ papers, notListed: 0 });
  });
});
