CREATE TABLE "dblp_people" (
	"pid" text PRIMARY KEY NOT NULL,
	"names" text[] NOT NULL,
	"urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"affiliations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mdate" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_papers" (
	"source" text NOT NULL,
	"venue_id" text NOT NULL,
	"source_id" text NOT NULL,
	"year" smallint NOT NULL,
	"file" text NOT NULL,
	"record" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_papers_source_venue_id_source_id_pk" PRIMARY KEY("source","venue_id","source_id")
);
--> statement-breakpoint
ALTER TABLE "venues" DROP CONSTRAINT "venues_tier_check";--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "source_file" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "imported_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "source_papers_file_idx" ON "source_papers" USING btree ("source","file");--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_tier_check" CHECK ("venues"."tier" in ('core', 'decent', 'journal'));