import { beforeAll, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/api.advisors";
import { loader as detailLoader } from "~/routes/api.advisors.$slug";
import { useTestDatabase } from "../support/database";
import { shippedFacts } from "../support/shipped";

useTestDatabase("shipped");

// The first ranking loads every advisor's record into memory (tens of seconds on a busy machine):
// do it once up front, with its own time limit, so no single test pays for it.
beforeAll(async () => {
  const { advisorIndex } = await import("~/lib/directory/advisors.server");
  await advisorIndex();
}, 180_000);

async function getJson(loader: typeof listLoader, url: string, params: Record<string, string> = {}) {
  const res = (await loader({ request: new Request(`http://test${url}`), params, context: {} })) as Response;
  return { status: res.status, body: await res.json() };
}

describe("GET /api/advisors", () => {
  it("lists advisors with the contract's fields", async () => {
    const { status, body } = await getJson(listLoader, "/api/advisors?limit=5");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(5000);
    expect(body.advisors).toHaveLength(5);
    for (const a of body.advisors) {
      expect(Object.keys(a).sort()).toEqual(
        // students and alumni: issue 16; positionSource: issue 12.
        [
          "alumni",
          "consistency",
          "continent",
          "country",
          "institution",
          "name",
          "openreviewId",
          "papers",
          "position",
          "positionSource",
          "rank",
          "score",
          "slug",
          "students",
        ].sort(),
      );
    }
  });

  it("matches names accent- and case-insensitively", async () => {
    const a = await getJson(listLoader, "/api/advisors?q=gael%20varoquaux");
    const b = await getJson(listLoader, "/api/advisors?q=GA%C3%8BL%20VAROQUAUX");
    expect(a.body.total).toBeGreaterThan(0);
    expect(a.body).toEqual(b.body);
    expect(a.body.advisors[0].name).toMatch(/Ga[eë]l Varoquaux/);
  });

  it("filters by country code", async () => {
    const { body } = await getJson(listLoader, "/api/advisors?country=fr&limit=200");
    expect(body.total).toBeGreaterThan(50);
    expect(body.advisors.every((a: { country: string }) => a.country === "FR")).toBe(true);
  });

  it("answers malformed parameters with 400 and a message", async () => {
    for (const q of [
      "limit=abc",
      "limit=0",
      "offset=-1",
      "country=France",
      "country=XX",
      "limit=1e9",
      "continent=Europe",
      "sort=random",
      "venues=nips",
    ]) {
      const { status, body } = await getJson(listLoader, `/api/advisors?${q}`);
      expect(status, q).toBe(400);
      expect(typeof body.error, q).toBe("string");
    }
  });

  it("pages with limit and offset", async () => {
    const first = await getJson(listLoader, "/api/advisors?limit=10&offset=0");
    const second = await getJson(listLoader, "/api/advisors?limit=5&offset=5");
    expect(second.body.advisors).toEqual(first.body.advisors.slice(5));
    const beyond = await getJson(listLoader, "/api/advisors?limit=5&offset=999999");
    expect(beyond.status).toBe(200);
    expect(beyond.body.advisors).toEqual([]);
  });
});

describe("GET /api/advisors/:slug", () => {
  it("returns a track record that matches the shipped facts", async () => {
    const { body: list } = await getJson(listLoader, "/api/advisors?limit=20");
    for (const a of list.advisors.slice(0, 5)) {
      const { status, body } = await getJson(detailLoader, `/api/advisors/${a.slug}`, { slug: a.slug });
      expect(status).toBe(200);
      expect(body.openreviewId).toBeTruthy();
      const facts = shippedFacts(body.openreviewId);
      expect(body.trackRecord).toEqual(facts.trackRecord);
      expect(body.papers.map((p: { title: string }) => p.title).sort()).toEqual([...facts.titles].sort());
      expect(Object.keys(body).sort()).toEqual([
        "alsoAt",
        "alumni",
        "countsCover",
        "institution",
        "name",
        "nameVariants",
        "openreviewId",
        "papers",
        "position",
        "positionSource",
        "slug",
        "studentLoad",
        "students",
        "trackRecord",
      ]);
      expect(Object.keys(body.institution).sort()).toEqual(["basis", "continent", "country", "name"]);
      for (const p of body.papers)
        expect(Object.keys(p).sort()).toEqual(["authors", "status", "title", "url", "venue", "year"]);
    }
  }, 120_000); // reads every shipped paper file once, and five advisor pages

  it("404s an unknown slug with JSON", async () => {
    const { status, body } = await getJson(detailLoader, "/api/advisors/no-such-person", { slug: "no-such-person" });
    expect(status).toBe(404);
    expect(body.error).toMatch(/no-such-person/);
  });
});
