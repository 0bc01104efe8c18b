CREATE TABLE "co_affiliations" (
	"paper_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"person_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"affiliation" text NOT NULL,
	"academic_lab_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"company_lab_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"academic_institution_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"company_institution_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	CONSTRAINT "co_affiliations_paper_id_position_pk" PRIMARY KEY("paper_id","position")
);
--> statement-breakpoint
CREATE TABLE "lab_advisor_links" (
	"lab_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"papers" integer NOT NULL,
	"latest_year" smallint NOT NULL,
	"evidence" jsonb NOT NULL,
	CONSTRAINT "lab_advisor_links_lab_id_person_id_pk" PRIMARY KEY("lab_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "co_affiliations" ADD CONSTRAINT "co_affiliations_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_affiliations" ADD CONSTRAINT "co_affiliations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_advisor_links" ADD CONSTRAINT "lab_advisor_links_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_advisor_links" ADD CONSTRAINT "lab_advisor_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_advisor_links_person_idx" ON "lab_advisor_links" USING btree ("person_id");