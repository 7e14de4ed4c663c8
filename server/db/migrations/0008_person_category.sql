CREATE TABLE "person_category" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"t1" boolean NOT NULL,
	"t2" boolean NOT NULL,
	"t3" boolean NOT NULL,
	"t4" boolean NOT NULL,
	"composite" boolean NOT NULL,
	"high_skill" boolean NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "person_category_city_idx" ON "person_category" USING btree ("city_code");