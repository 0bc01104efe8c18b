-- Typo matches through the trigram index. The planner prices the GIN index above a sequential
-- scan for `<<%` (strict word similarity), then runs strict_word_similarity on every name: about
-- ten times slower. A function with its own setting keeps the index for this one statement.
CREATE OR REPLACE FUNCTION search_typo_matches(q text)
  RETURNS TABLE (type text, id integer, sim real)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  AS $$
    SELECT s.type, s.id, strict_word_similarity(q, s.term)
    FROM search_terms s
    WHERE s.term_position = 1 AND q <<% s.term
  $$;
