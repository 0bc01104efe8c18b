CREATE TABLE "advisor_alumni" (
	"advisor_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"first_year" smallint NOT NULL,
	"last_year" smallint NOT NULL,
	"role" text NOT NULL,
	"advising_since" smallint NOT NULL,
	"position" text NOT NULL,
	"paper_ids" integer[] NOT NULL,
	CONSTRAINT "advisor_alumni_advisor_id_person_id_pk" PRIMARY KEY("advisor_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "advisor_student_years" (
	"person_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"last_author_students" integer NOT NULL,
	"other_students" integer NOT NULL,
	"papers" integer NOT NULL,
	"last_author_papers" integer NOT NULL,
	CONSTRAINT "advisor_student_years_person_id_year_pk" PRIMARY KEY("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "advisor_students" (
	"advisor_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"student_id" integer NOT NULL,
	"last_author_paper_ids" integer[] NOT NULL,
	"other_paper_ids" integer[] NOT NULL,
	CONSTRAINT "advisor_students_advisor_id_year_student_id_pk" PRIMARY KEY("advisor_id","year","student_id")
);
--> statement-breakpoint
ALTER TABLE "advisor_alumni" ADD CONSTRAINT "advisor_alumni_advisor_id_advisors_person_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_alumni" ADD CONSTRAINT "advisor_alumni_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_student_years" ADD CONSTRAINT "advisor_student_years_person_id_advisors_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_students" ADD CONSTRAINT "advisor_students_advisor_id_advisors_person_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_students" ADD CONSTRAINT "advisor_students_student_id_people_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_alumni_person_idx" ON "advisor_alumni" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "advisor_students_student_idx" ON "advisor_students" USING btree ("student_id");