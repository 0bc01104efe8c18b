/**
 * The website and CIFRE lines shared by lab and institution pages (app/components/website-fact.tsx,
 * cifre-fact.tsx), rendered to HTML as the pages render them.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { CifreFact } from "~/components/cifre-fact";
import { StudentsSeen } from "~/components/students-seen";
import { WebsiteFact } from "~/components/website-fact";
import type { CifreBasis } from "~/lib/directory/cifre";

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe("WebsiteFact", () => {
  it("links an http(s) address, with where it comes from", () => {
    expect(html(createElement(WebsiteFact, { url: "https://www.inria.fr", source: "university list" }))).toBe(
      '<dt>Website</dt><dd><a href="https://www.inria.fr" rel="nofollow noopener">https://www.inria.fr</a><span class="muted"> (university list)</span></dd>',
    );
  });
  it("says unknown for no address or one that is not http(s), and names no source then", () => {
    for (const url of [null, "javascript:alert(1)"])
      expect(html(createElement(WebsiteFact, { url, source: "university list" }))).toBe(
        '<dt>Website</dt><dd><span class="muted">unknown</span></dd>',
      );
  });
});

describe("CifreFact", () => {
  const evidence: CifreBasis = {
    status: "offers",
    basis: "evidence",
    text: "offers CIFRE PhDs through Criteo AI Lab (evidence)",
    url: "https://example.org/cifre",
  };
  const rule: CifreBasis = {
    status: "eligible",
    basis: "rule",
    text: "eligible by rule: an academic lab in France",
    url: "https://www.anrt.asso.fr/fr/le-dispositif-cifre-7843",
  };

  it("by rule: the reason and a link to the scheme", () => {
    const out = html(createElement(CifreFact, { cifre: rule }));
    expect(out).toContain('<span class="muted"> (eligible by rule: an academic lab in France)</span>');
    expect(out).toContain(`<a href="${rule.url}" rel="nofollow noopener">the CIFRE scheme (ANRT)</a>`);
  });
  it("by evidence: a lab links the evidence without repeating the reason; an institution names it", () => {
    const lab = html(createElement(CifreFact, { cifre: evidence }));
    expect(lab).not.toContain("through Criteo");
    expect(lab).toContain('<a href="https://example.org/cifre" rel="nofollow noopener">evidence</a>');
    const institution = html(createElement(CifreFact, { cifre: evidence, explainAll: true }));
    expect(institution).toContain("(offers CIFRE PhDs through Criteo AI Lab (evidence))");
  });
  it("unknown: no reason, no link", () => {
    const out = html(
      createElement(CifreFact, {
        cifre: { status: "unknown", basis: "none", text: "unknown", url: null },
        explainAll: true,
      }),
    );
    expect(out).not.toContain("<a ");
    expect(out).not.toContain('class="muted"');
  });
});

describe("StudentsSeen", () => {
  const cell = (props: Parameters<typeof StudentsSeen>[0]) =>
    html(createElement(StaticRouter, { location: "/" }, createElement(StudentsSeen, props)));

  it("links the count of the year the list counts to the students behind it", () => {
    expect(cell({ slug: "a", students: 3, year: 2025 })).toContain('href="/advisors/a#students-2025"');
  });

  it("says 'not visible' for the year, with the most recent year that stands beside it, never a 0", () => {
    const out = cell({ slug: "a", students: null, year: 2025, earlier: { year: 2023, students: 12 } });
    expect(out).toContain("not visible in 2025");
    expect(out).toContain('href="/advisors/a#students-2023"');
    expect(out).toMatch(/>12<\/a> in 2023/);
    expect(cell({ slug: "a", students: null, year: 2025 })).not.toMatch(/\d+ in \d{4}/);
  });
});
