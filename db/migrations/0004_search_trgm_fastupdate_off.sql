-- The typo index without a pending list. On a server the search view is refreshed CONCURRENTLY,
-- which inserts the changed rows one by one; with GIN's fastupdate those wait in a pending list
-- that every search scans and that only (auto)vacuum cleans, and the planner, pricing the index
-- by that list, falls back to running strict_word_similarity on every name (~100 ms a query
-- instead of ~0.5 ms). Without fastupdate each insert goes straight into the index.
ALTER INDEX search_terms_trgm_idx SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list('search_terms_trgm_idx'::regclass);
