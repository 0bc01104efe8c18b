-- Search (issue 5): one row per searchable advisor, lab and institution, with everything the
-- result list and the facets need, derived from the source tables (which stay the truth).
--
-- search_terms has one row per document and word: the document's normalised name from that word
-- on ("gael varoquaux", then "varoquaux"), so that a prefix of any word is one B-tree range scan,
-- and the row with term_position = 1 (the whole name) carries a trigram index for typos.
-- It is refreshed by app/lib/search-postgres.server.ts whenever the data version changes.

-- The one normalisation of names and queries: accents off, lower case, punctuation to spaces.
CREATE OR REPLACE FUNCTION search_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT btrim(regexp_replace(lower(public.immutable_unaccent($1)), '[[:space:][:punct:]´’‘“”«»–—·]+', ' ', 'g')) $$;
--> statement-breakpoint
CREATE MATERIALIZED VIEW IF NOT EXISTS search_terms AS
WITH advisor_venues AS (
  SELECT person_id, array_agg(DISTINCT venue_id ORDER BY venue_id) AS venues, sum(papers)::int AS papers
  FROM advisor_venue_years WHERE papers > 0 GROUP BY person_id
),
-- An advisor's CIFRE status: the best among their current labs; France is at least "eligible"
-- (the same rule as app/lib/advisors.server.ts).
advisor_lab_cifre AS (
  SELECT m.person_id, min(CASE l.cifre WHEN 'offers' THEN 0 WHEN 'eligible' THEN 1 WHEN 'no' THEN 2 ELSE 3 END) AS cifre_rank
  FROM lab_members m JOIN labs l ON l.id = m.lab_id WHERE m.current GROUP BY m.person_id
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
  FROM lab_members m JOIN advisor_venue_years v ON v.person_id = m.person_id AND v.papers > 0
  WHERE m.current GROUP BY m.lab_id
),
documents AS (
  SELECT 'advisor'::text AS type, p.id, p.slug, p.name, search_normalize(p.name) AS search_key,
    a.position, i.name AS institution_name, i.slug AS institution, NULL::text AS city, i.country, i.continent,
    (ARRAY['offers', 'eligible', 'no', 'unknown'])[1 + least(coalesce(c.cifre_rank, 3), CASE WHEN i.country = 'FR' THEN 1 ELSE 3 END)] AS cifre,
    i.kind, coalesce(av.venues, '{}'::text[]) AS venues, coalesce(av.papers, 0) AS weight
  FROM advisors a JOIN people p ON p.id = a.person_id
  LEFT JOIN institutions i ON i.id = coalesce(a.corrected_institution_id, a.institution_id)
  LEFT JOIN advisor_venues av ON av.person_id = a.person_id
  LEFT JOIN advisor_lab_cifre c ON c.person_id = a.person_id
  UNION ALL
  SELECT 'lab', l.id, l.slug, l.name, search_normalize(l.name),
    NULL, coalesce(i.name, l.company), i.slug, l.city, coalesce(l.country, i.country), coalesce(l.continent, i.continent),
    l.cifre, l.kind, coalesce(lv.venues, '{}'::text[]), coalesce(lv.members, 0)
  FROM labs l LEFT JOIN institutions i ON i.id = l.institution_id
  LEFT JOIN lab_venues lv ON lv.lab_id = l.id
  UNION ALL
  -- Institutions that someone can be found at: with an advisor or a lab.
  SELECT 'institution', i.id, i.slug, i.name, search_normalize(i.name),
    NULL, NULL, i.slug, NULL, i.country, i.continent,
    CASE WHEN i.country = 'FR' THEN 'eligible' ELSE 'unknown' END, i.kind,
    coalesce(iv.venues, '{}'::text[]), coalesce(ia.advisors, 0)
  FROM institutions i
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
CREATE INDEX IF NOT EXISTS search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops) WHERE term_position = 1;
--> statement-breakpoint
-- One row per document.
CREATE OR REPLACE VIEW search_documents AS
  SELECT type, id, slug, name, search_key, position, institution_name, institution, city, country, continent, cifre, kind, venues, weight
  FROM search_terms WHERE term_position = 1;
