import { describe, expect, it } from "vitest";
import { SigninSchema, SignupSchema } from "~/lib/auth/forms";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "~/lib/auth/password.server";
import { httpUrl, isHttpUrl, line, paragraph, wholeNumber } from "~/lib/curation/forms/fields";
import { LabNewSchema } from "~/lib/curation/forms/lab";
import { advisorSlugFrom } from "~/lib/curation/forms/member";
import { parseSeen } from "~/lib/curation/moderation.server";

describe("passwords (scrypt)", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("horse");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("refuses malformed or tampered hashes instead of throwing", async () => {
    const h = await hashPassword("some password");
    const parts = h.split("$");
    expect(
      await verifyPassword("some password", [...parts.slice(0, 5), Buffer.alloc(32).toString("base64")].join("$")),
    ).toBe(false);
    expect(await verifyPassword("some password", "plain text")).toBe(false);
    expect(await verifyPassword("some password", "scrypt$x$8$1$AA==$AA==")).toBe(false);
    expect(await verifyAgainstNothing("anything")).toBe(false);
  });
});

describe("form rules", () => {
  it("accepts http(s) addresses only", () => {
    for (const ok of ["https://example.org", "http://lab.example.org/path?q=1#x"]) expect(isHttpUrl(ok), ok).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      "ftp://example.org",
      "//example.org",
      "https://exa mple.org",
      "https://localhost",
      "https://u:p@example.org",
      "data:text/html,x",
    ])
      expect(isHttpUrl(bad), bad).toBe(false);
    expect(httpUrl("Source").safeParse("  https://example.org/a  ").data).toBe("https://example.org/a");
  });

  it("keeps text plain: no control characters, bounded, trimmed", () => {
    const name = line("Name", 2, 10);
    expect(name.safeParse("  Lab  ").data).toBe("Lab");
    expect(name.safeParse("a\u0000b").success).toBe(false);
    expect(name.safeParse("two\nlines").success).toBe(false);
    expect(name.safeParse("x".repeat(11)).error?.issues[0].message).toBe("Name must be at most 10 characters.");
    const text = paragraph("Description", 20);
    expect(text.safeParse("one\r\ntwo").data).toBe("one\ntwo");
    expect(text.safeParse("bell\u0007").success).toBe(false);
    expect(text.safeParse("<script>alert(1)</script>".slice(0, 20)).success).toBe(true); // plain text; React escapes it
  });

  it("reads whole numbers as digits only", () => {
    const n = wholeNumber("Students", 0, 300);
    expect(n.safeParse("12").data).toBe(12);
    for (const bad of ["0x10", "1e2", "1.5", "-1", "301", "abc", ""]) expect(n.safeParse(bad).success, bad).toBe(false);
  });

  it("requires evidence for CIFRE offers and a place for a new lab", () => {
    const base = { name: "A Lab", kind: "industry", company: "ACME", sourceUrl: "https://acme.example.org" };
    expect(LabNewSchema.safeParse(base).success).toBe(true);
    const noEvidence = LabNewSchema.safeParse({ ...base, cifre: "offers" });
    expect(noEvidence.error?.issues.map((i) => i.path.join("."))).toEqual(["cifreEvidenceUrl"]);
    const noCompany = LabNewSchema.safeParse({ ...base, company: undefined });
    expect(noCompany.error?.issues.map((i) => i.path.join("."))).toEqual(["company"]);
  });

  it("normalises emails and only follows local redirects after sign-in", () => {
    expect(SignupSchema.safeParse({ email: " Ada@Example.ORG ", password: "long enough pw" }).data?.email).toBe(
      "ada@example.org",
    );
    expect(SignupSchema.safeParse({ email: "ada@example.org", password: "short" }).success).toBe(false);
    const r = (redirectTo: string) => SigninSchema.parse({ email: "a@b.org", password: "x", redirectTo }).redirectTo;
    expect(r("/moderate")).toBe("/moderate");
    expect(r("//evil.example")).toBeUndefined();
    expect(r("https://evil.example")).toBeUndefined();
    expect(r("/\\evil.example")).toBeUndefined();
  });

  it("reads advisor slugs from addresses, and moderators' compared versions strictly", () => {
    expect(advisorSlugFrom("https://atlas.example/advisors/jane-doe?x=1")).toBe("jane-doe");
    expect(advisorSlugFrom("Jane-Doe")).toBe("jane-doe");
    expect(parseSeen("lab:3:7,advisor:12:2")).toEqual(
      new Map([
        ["lab:3", 7],
        ["advisor:12", 2],
      ]),
    );
    expect(parseSeen("lab:3:7;drop")).toBeNull();
  });
});
