CREATE TABLE "advisor_ignored_records" (
	"person_id" integer NOT NULL,
	"paper_id" integer NOT NULL,
	"author_position" smallint NOT NULL,
	"year" smallint NOT NULL,
	"affiliation" text,
	"position_title" text,
	"conflicts" integer NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "advisor_ignored_records_person_id_paper_id_author_position_pk" PRIMARY KEY("person_id","paper_id","author_position")
);
--> statement-breakpoint
CREATE TABLE "venue_year_coverage" (
	"venue_id" text NOT NULL,
	"year" smallint NOT NULL,
	"papers" integer NOT NULL,
	"authorships" integer NOT NULL,
	"with_openreview" integer NOT NULL,
	"with_affiliation" integer NOT NULL,
	"with_position" integer NOT NULL,
	CONSTRAINT "venue_year_coverage_venue_id_year_pk" PRIMARY KEY("venue_id","year")
);
--> statement-breakpoint
ALTER TABLE "advisors" ADD COLUMN "position_source" text DEFAULT 'declared' NOT NULL;--> statement-breakpoint
ALTER TABLE "advisors" ADD COLUMN "name_variants" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "advisor_ignored_records" ADD CONSTRAINT "advisor_ignored_records_person_id_advisors_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_ignored_records" ADD CONSTRAINT "advisor_ignored_records_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_year_coverage" ADD CONSTRAINT "venue_year_coverage_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_position_source_check" CHECK ("advisors"."position_source" in ('declared', 'inferred'));