CREATE TABLE "advisor_topic_venue_years" (
	"topic_id" text NOT NULL,
	"person_id" integer NOT NULL,
	"venue_id" text NOT NULL,
	"year" smallint NOT NULL,
	"papers" integer NOT NULL,
	"credit" double precision NOT NULL,
	"last_author" integer NOT NULL,
	"highlighted" integer NOT NULL,
	CONSTRAINT "advisor_topic_venue_years_topic_id_person_id_venue_id_year_pk" PRIMARY KEY("topic_id","person_id","venue_id","year")
);
--> statement-breakpoint
CREATE TABLE "paper_topics" (
	"paper_id" integer NOT NULL,
	"topic_id" text NOT NULL,
	CONSTRAINT "paper_topics_topic_id_paper_id_pk" PRIMARY KEY("topic_id","paper_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"description" text NOT NULL,
	"query" text NOT NULL,
	"orientation" text NOT NULL,
	"sort_order" smallint NOT NULL,
	"papers" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "title_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', title)) STORED;--> statement-breakpoint
ALTER TABLE "advisor_topic_venue_years" ADD CONSTRAINT "advisor_topic_venue_years_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_topic_venue_years" ADD CONSTRAINT "advisor_topic_venue_years_person_id_advisors_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."advisors"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_topic_venue_years" ADD CONSTRAINT "advisor_topic_venue_years_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_topics_paper_idx" ON "paper_topics" USING btree ("paper_id");--> statement-breakpoint
CREATE INDEX "papers_title_search_idx" ON "papers" USING gin ("title_search");