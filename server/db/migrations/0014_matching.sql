CREATE TABLE "demand" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation_code" text NOT NULL,
	"min_level" text,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"preferred_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"chain" text,
	"city_code" text NOT NULL,
	"headcount" integer NOT NULL,
	"hired" integer DEFAULT 0 NOT NULL,
	"salary_min" integer,
	"salary_max" integer,
	"deadline" date,
	"digital_post" boolean DEFAULT false NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "demand_status_check" CHECK ("demand"."status" in ('draft', 'open', 'filled', 'closed')),
	CONSTRAINT "demand_headcount_check" CHECK ("demand"."headcount" > 0 and "demand"."hired" >= 0),
	CONSTRAINT "demand_salary_check" CHECK ("demand"."salary_min" is null or "demand"."salary_max" is null or "demand"."salary_min" <= "demand"."salary_max")
);
--> statement-breakpoint
CREATE TABLE "match_application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"score_at_start" numeric,
	"message" text,
	"note" text,
	"contact_accepted_at" timestamp with time zone,
	"hired_at" timestamp with time zone,
	"employment_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "match_application_pair" UNIQUE("demand_id","person_id"),
	CONSTRAINT "match_application_origin_check" CHECK ("match_application"."origin" in ('invited', 'applied')),
	CONSTRAINT "match_application_status_check" CHECK ("match_application"."status" in ('invited', 'applied', 'accepted', 'interviewing', 'offered', 'hired', 'declined', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "matching_change" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_intention" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"open_to_work" boolean NOT NULL,
	"cities" text[] DEFAULT '{}'::text[] NOT NULL,
	"any_city" boolean DEFAULT false NOT NULL,
	"chains" text[] DEFAULT '{}'::text[] NOT NULL,
	"salary_min" integer,
	"available_from" date,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "match_application" ADD CONSTRAINT "match_application_demand_id_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_status_city_idx" ON "demand" USING btree ("status","city_code");--> statement-breakpoint
CREATE INDEX "demand_org_idx" ON "demand" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "demand_city_created_idx" ON "demand" USING btree ("city_code","created_at");--> statement-breakpoint
CREATE INDEX "match_application_person_idx" ON "match_application" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "match_application_org_idx" ON "match_application" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "match_application_city_idx" ON "match_application" USING btree ("city_code","created_at");--> statement-breakpoint
CREATE INDEX "match_application_hired_idx" ON "match_application" USING btree ("city_code","hired_at") WHERE "match_application"."status" = 'hired';