-- Search's CIFRE status, the same as the directory's (app/lib/directory/cifre.ts): search said
-- "unknown" for every advisor and institution outside France (the directory: "no, outside France"),
-- read a lab's stored column instead of its rule, and counted only contributed lab members (not the
-- labs printed on papers). The view is rebuilt with the rules written out in SQL; the integration
-- test "search agrees with the directory on CIFRE" holds the two together.
DROP VIEW IF EXISTS search_documents;
--> statement-breakpoint
DROP MATERIALIZED VIEW IF EXISTS search_terms;
--> statement-breakpoint
CREATE MATERIALIZED VIEW search_terms AS
WITH advisor_venues AS (
  SELECT person_id, array_agg(DISTINCT venue_id ORDER BY venue_id) AS venues, sum(papers)::int AS papers
  FROM advisor_venue_years WHERE papers > 0 GROUP BY person_id
),
-- Each lab's advisors now: contributed members, and the links printed on papers that no contributor removed
-- (CURRENT_LAB_ADVISORS in app/lib/directory/lab-membership.server.ts).
lab_advisors AS (
  SELECT m.lab_id, m.person_id FROM lab_members m WHERE m.current
  UNION
  SELECT k.lab_id, k.person_id FROM lab_advisor_links k
  WHERE NOT EXISTS (SELECT 1 FROM lab_members m WHERE m.lab_id = k.lab_id AND m.person_id = k.person_id)
),
-- A lab's status (labCifre): evidence, a contributed "no", the rule in France, a contributed
-- "eligible", the rule elsewhere.
lab_status AS (
  SELECT l.id AS lab_id, l.institution_id, coalesce(l.country, i.country) AS country,
    CASE
      WHEN l.cifre = 'offers' AND l.cifre_evidence_url IS NOT NULL THEN 'offers'
      WHEN l.cifre = 'no' THEN 'no'
      WHEN coalesce(l.country, i.country) = 'FR' AND l.kind IN ('academic', 'institute', 'industry') THEN 'eligible'
      WHEN l.cifre = 'eligible' THEN 'eligible'
      WHEN coalesce(l.country, i.country) <> 'FR' THEN 'no'
      ELSE 'unknown'
    END AS cifre
  FROM labs l LEFT JOIN institutions i ON i.id = l.institution_id
),
-- The labs of each institution, a company's branch labs also the company's own (labsByInstitution).
institution_labs AS (
  SELECT s.institution_id, s.cifre, s.country FROM lab_status s WHERE s.institution_id IS NOT NULL
  UNION ALL
  SELECT root.id, s.cifre, s.country
  FROM lab_status s JOIN institutions i ON i.id = s.institution_id
  JOIN institutions root ON i.key ~ '^co:[^:]+:[^:]+$' AND root.key = regexp_replace(i.key, ':[^:]+$', '')
),
institution_lab_flags AS (
  SELECT institution_id, bool_or(cifre = 'offers') AS offers, bool_or(country = 'FR') AS in_france
  FROM institution_labs GROUP BY institution_id
),
-- An institution's status (institutionCifre).
institution_status AS (
  SELECT i.id AS institution_id,
    CASE
      WHEN f.offers THEN 'offers'
      WHEN i.country = 'FR' AND i.kind IN ('academic', 'institute') THEN 'eligible'
      WHEN i.kind = 'industry' AND (i.country = 'FR' OR f.in_france) THEN 'eligible'
      WHEN i.country <> 'FR' THEN 'no'
      ELSE 'unknown'
    END AS cifre
  FROM institutions i LEFT JOIN institution_lab_flags f ON f.institution_id = i.id
),
advisor_lab_rank AS (
  SELECT la.person_id, min(CASE ls.cifre WHEN 'offers' THEN 0 WHEN 'eligible' THEN 1 WHEN 'no' THEN 2 ELSE 3 END) AS cifre_rank
  FROM lab_advisors la JOIN lab_status ls ON ls.lab_id = la.lab_id GROUP BY la.person_id
),
-- An advisor's status (advisorCifre): the best of their country's rule, their institution's
-- (its "eligible" passed on only in France) and their labs'.
advisor_status AS (
  SELECT a.person_id,
    (ARRAY['offers', 'eligible', 'no', 'unknown'])[1 + least(
      CASE WHEN i.country = 'FR' THEN 1 WHEN i.country IS NOT NULL THEN 2 ELSE 3 END,
      CASE s.cifre WHEN 'offers' THEN 0 WHEN 'eligible' THEN CASE WHEN i.country = 'FR' THEN 1 ELSE 3 END
        WHEN 'no' THEN 2 ELSE 3 END,
      coalesce(r.cifre_rank, 3)
    )] AS cifre
  FROM advisors a
  LEFT JOIN institutions i ON i.id = coalesce(a.corrected_institution_id, a.institution_id)
  LEFT JOIN institution_status s ON s.institution_id = i.id
  LEFT JOIN advisor_lab_rank r ON r.person_id = a.person_id
),
institution_advisors AS (
  SELECT coalesce(a.corrected_institution_id, a.institution_id) AS institution_id, count(*)::int AS advisors
  FROM advisors a WHERE coalesce(a.corrected_institution_id, a.institution_id) IS NOT NULL GROUP BY 1
),
institution_venues AS (
  SELECT coalesce(a.corrected_institution_id, a.institution_id) AS institution_id, array_agg(DISTINCT v.venue_id ORDER BY v.venue_id) AS venues
  FROM advisors a JOIN advisor_venue_years v ON v.person_id = a.person_id AND v.papers > 0
  WHERE coalesce(a.corrected_institution_id, a.institution_id) IS NOT NULL GROUP BY 1
),
lab_venues AS (
  SELECT m.lab_id, array_agg(DISTINCT v.venue_id ORDER BY v.venue_id) AS venues, count(DISTINCT m.person_id)::int AS members
  FROM lab_advisors m JOIN advisor_venue_years v ON v.person_id = m.person_id AND v.papers > 0
  GROUP BY m.lab_id
),
documents AS (
  SELECT 'advisor'::text AS type, p.id, p.slug, p.name, search_normalize(p.name) AS search_key,
    a.position, i.name AS institution_name, i.slug AS institution, NULL::text AS city, i.country, i.continent,
    st.cifre, i.kind, coalesce(av.venues, '{}'::text[]) AS venues, coalesce(av.papers, 0) AS weight
  FROM advisors a JOIN people p ON p.id = a.person_id
  LEFT JOIN institutions i ON i.id = coalesce(a.corrected_institution_id, a.institution_id)
  LEFT JOIN advisor_venues av ON av.person_id = a.person_id
  LEFT JOIN advisor_status st ON st.person_id = a.person_id
  UNION ALL
  SELECT 'lab', l.id, l.slug, l.name, search_normalize(l.name),
    NULL, coalesce(i.name, l.company), i.slug, l.city, coalesce(l.country, i.country), coalesce(l.continent, i.continent),
    ls.cifre, l.kind, coalesce(lv.venues, '{}'::text[]), coalesce(lv.members, 0)
  FROM labs l LEFT JOIN institutions i ON i.id = l.institution_id
  LEFT JOIN lab_status ls ON ls.lab_id = l.id
  LEFT JOIN lab_venues lv ON lv.lab_id = l.id
  UNION ALL
  -- Institutions that someone can be found at: with an advisor or a lab.
  SELECT 'institution', i.id, i.slug, i.name, search_normalize(i.name),
    NULL, NULL, i.slug, NULL, i.country, i.continent,
    s.cifre, i.kind,
    coalesce(iv.venues, '{}'::text[]), coalesce(ia.advisors, 0)
  FROM institutions i
  LEFT JOIN institution_status s ON s.institution_id = i.id
  LEFT JOIN institution_advisors ia ON ia.institution_id = i.id
  LEFT JOIN institution_venues iv ON iv.institution_id = i.id
  WHERE ia.advisors > 0 OR EXISTS (SELECT 1 FROM labs l WHERE l.institution_id = i.id)
)
SELECT d.*, w.term_position::int AS term_position,
  array_to_string(s.words[w.term_position:], ' ') COLLATE "C" AS term
FROM documents d
CROSS JOIN LATERAL (SELECT CASE WHEN d.search_key = '' THEN ARRAY[''] ELSE string_to_array(d.search_key, ' ') END AS words) s
CROSS JOIN LATERAL generate_subscripts(s.words, 1) AS w(term_position);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS search_terms_pk ON search_terms (type, id, term_position);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_terms_term_idx ON search_terms (term);
--> statement-breakpoint
-- Without GIN's pending list, as 0004 set it (the view is refreshed CONCURRENTLY: see 0004).
CREATE INDEX IF NOT EXISTS search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops) WITH (fastupdate = off) WHERE term_position = 1;
--> statement-breakpoint
CREATE OR REPLACE VIEW search_documents AS
  SELECT type, id, slug, name, search_key, position, institution_name, institution, city, country, continent, cifre, kind, venues, weight
  FROM search_terms WHERE term_position = 1;
