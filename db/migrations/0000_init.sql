CREATE TABLE "advisor_affiliations" (
	"person_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"first_year" smallint NOT NULL,
	"last_year" smallint NOT NULL,
	"papers" integer NOT NULL,
	CONSTRAINT "advisor_affiliations_person_id_institution_id_pk" PRIMARY KEY("person_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "advisor_venue_years" (
	"person_id" integer NOT NULL,
	"venue_id" text NOT NULL,
	"year" smallint NOT NULL,
	"papers" integer NOT NULL,
	"credit" double precision NOT NULL,
	"last_author" integer NOT NULL,
	"highlighted" integer NOT NULL,
	CONSTRAINT "advisor_venue_years_person_id_venue_id_year_pk" PRIMARY KEY("person_id","venue_id","year")
);
--> statement-breakpoint
CREATE TABLE "advisors" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"position" text NOT NULL,
	"position_year" smallint NOT NULL,
	"institution_id" integer,
	"corrected_institution_id" integer,
	"correction_source_url" text,
	"student_count" integer,
	"student_count_source_url" text,
	"student_count_as_of" date,
	"version" integer DEFAULT 1 NOT NULL,
	"needs_index" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"actor_id" integer,
	"entity_type" text NOT NULL,
	"entity_id" integer NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"submission_id" integer,
	"reverts_audit_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorships" (
	"paper_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"person_id" integer NOT NULL,
	"name" text NOT NULL,
	"affiliation" text,
	"institution_text" text,
	"domain" text,
	"position_title" text,
	"country_text" text,
	CONSTRAINT "authorships_paper_id_position_pk" PRIMARY KEY("paper_id","position")
);
--> statement-breakpoint
CREATE TABLE "import_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"continent" text,
	"kind" text NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"source" text NOT NULL,
	"needs_index" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_members" (
	"lab_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text DEFAULT 'advisor' NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"source_url" text,
	CONSTRAINT "lab_members_lab_id_person_id_pk" PRIMARY KEY("lab_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"institution_id" integer,
	"company" text,
	"city" text,
	"country" text,
	"continent" text,
	"kind" text NOT NULL,
	"focus" text DEFAULT 'unknown' NOT NULL,
	"description" text,
	"website" text,
	"cifre" text DEFAULT 'unknown' NOT NULL,
	"cifre_evidence_url" text,
	"residencies" boolean,
	"internships" boolean,
	"recruiting" boolean,
	"recruiting_verified_at" date,
	"recruiting_source_url" text,
	"source_url" text,
	"claims" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"needs_index" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labs_cifre_check" CHECK ("labs"."cifre" in ('offers', 'eligible', 'no', 'unknown')),
	CONSTRAINT "labs_cifre_evidence_check" CHECK ("labs"."cifre" <> 'offers' or "labs"."cifre_evidence_url" is not null)
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" serial PRIMARY KEY NOT NULL,
	"venue_id" text NOT NULL,
	"year" smallint NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text,
	"track" text DEFAULT 'main' NOT NULL,
	"url" text,
	"is_conference" boolean NOT NULL,
	"author_count" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"openreview_id" text,
	"dblp" text,
	"homepage" text,
	"scholar" text,
	"orcid" text
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"lab_id" integer,
	"person_id" integer,
	"payload" jsonb NOT NULL,
	"base_version" integer,
	"submitted_by" integer,
	"submitter_ip" text,
	"moderator_id" integer,
	"moderator_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'contributor' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"tier" text NOT NULL,
	"sort_order" smallint NOT NULL,
	CONSTRAINT "venues_tier_check" CHECK ("venues"."tier" in ('core', 'decent'))
);
--> statement-breakpoint
ALTER TABLE "advisor_affiliations" ADD CONSTRAINT "advisor_affiliations_person_id_advisors_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_affiliations" ADD CONSTRAINT "advisor_affiliations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_venue_years" ADD CONSTRAINT "advisor_venue_years_person_id_advisors_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_venue_years" ADD CONSTRAINT "advisor_venue_years_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_corrected_institution_id_institutions_id_fk" FOREIGN KEY ("corrected_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorships" ADD CONSTRAINT "authorships_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorships" ADD CONSTRAINT "authorships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_members" ADD CONSTRAINT "lab_members_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_members" ADD CONSTRAINT "lab_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labs" ADD CONSTRAINT "labs_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisors_institution_idx" ON "advisors" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "advisors_needs_index_idx" ON "advisors" USING btree ("needs_index") WHERE "advisors"."needs_index";--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "authorships_person_idx" ON "authorships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_key_idx" ON "institutions" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_slug_idx" ON "institutions" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "institutions_country_idx" ON "institutions" USING btree ("country");--> statement-breakpoint
CREATE INDEX "institutions_needs_index_idx" ON "institutions" USING btree ("needs_index") WHERE "institutions"."needs_index";--> statement-breakpoint
CREATE INDEX "lab_members_person_idx" ON "lab_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "labs_slug_idx" ON "labs" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "labs_institution_idx" ON "labs" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "labs_needs_index_idx" ON "labs" USING btree ("needs_index") WHERE "labs"."needs_index";--> statement-breakpoint
CREATE UNIQUE INDEX "papers_venue_source_idx" ON "papers" USING btree ("venue_id","source_id");--> statement-breakpoint
CREATE INDEX "papers_venue_year_idx" ON "papers" USING btree ("venue_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "people_key_idx" ON "people" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "people_slug_idx" ON "people" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "people_openreview_idx" ON "people" USING btree ("openreview_id");--> statement-breakpoint
CREATE INDEX "people_name_key_idx" ON "people" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "submissions_state_idx" ON "submissions" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "submissions_user_idx" ON "submissions" USING btree ("submitted_by");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");