-- Search needs accent- and typo-tolerant matching on both PGlite and a Postgres server.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE; an index needs an IMMUTABLE wrapper with its dictionary named.
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS people_name_trgm_idx ON people USING gin (name_key gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS labs_name_trgm_idx ON labs USING gin (lower(immutable_unaccent(name)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS institutions_name_trgm_idx ON institutions USING gin (lower(immutable_unaccent(name)) gin_trgm_ops);
