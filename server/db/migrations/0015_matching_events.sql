CREATE TABLE "match_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_code" text NOT NULL,
	"event_date" date NOT NULL,
	"title" text NOT NULL,
	"chains" text[] DEFAULT '{}'::text[] NOT NULL,
	"venue" text,
	"description" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"counted_interviews" integer DEFAULT 0 NOT NULL,
	"counted_offers" integer DEFAULT 0 NOT NULL,
	"counted_hires" integer DEFAULT 0 NOT NULL,
	"outcome_note" text,
	"invitations_built_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "match_event_status_check" CHECK ("match_event"."status" in ('planned', 'held', 'closed')),
	CONSTRAINT "match_event_counts_check" CHECK ("match_event"."counted_interviews" >= 0 and "match_event"."counted_offers" >= 0 and "match_event"."counted_hires" >= 0)
);
--> statement-breakpoint
CREATE TABLE "match_event_enterprise" (
	"event_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"demand_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_event_enterprise_event_id_org_id_pk" PRIMARY KEY("event_id","org_id"),
	CONSTRAINT "match_event_enterprise_source_check" CHECK ("match_event_enterprise"."source" in ('prematch', 'walk_in'))
);
--> statement-breakpoint
CREATE TABLE "match_event_talent" (
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"demand_id" uuid,
	"org_id" uuid,
	"score" numeric,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_event_talent_event_id_person_id_pk" PRIMARY KEY("event_id","person_id"),
	CONSTRAINT "match_event_talent_source_check" CHECK ("match_event_talent"."source" in ('prematch', 'walk_in'))
);
--> statement-breakpoint
CREATE TABLE "match_fit_city" (
	"run_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"positions" integer NOT NULL,
	"filled" integer NOT NULL,
	CONSTRAINT "match_fit_city_run_id_city_code_pk" PRIMARY KEY("run_id","city_code")
);
--> statement-breakpoint
CREATE TABLE "match_fit_demand" (
	"run_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"occupation_code" text NOT NULL,
	"title" text NOT NULL,
	"positions" integer NOT NULL,
	"candidates" integer NOT NULL,
	"filled_province" integer NOT NULL,
	"filled_city" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "match_fit_demand_run_id_demand_id_pk" PRIMARY KEY("run_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "match_fit_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"as_of" date NOT NULL,
	"requested_by" uuid,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone,
	"policy" jsonb,
	"positions" integer,
	"filled" integer,
	"demands" integer,
	"talents" integer,
	"edges" integer,
	"wall_ms" integer,
	"certificate_ok" boolean,
	"error" text,
	CONSTRAINT "match_fit_run_status_check" CHECK ("match_fit_run"."status" in ('pending', 'running', 'done', 'failed')),
	CONSTRAINT "match_fit_run_done_complete" CHECK ("match_fit_run"."status" <> 'done' or ("match_fit_run"."positions" is not null and "match_fit_run"."filled" is not null and "match_fit_run"."computed_at" is not null and "match_fit_run"."certificate_ok"))
);
--> statement-breakpoint
CREATE TABLE "match_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"visit_date" date NOT NULL,
	"topic" text NOT NULL,
	"outcome" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_event_enterprise" ADD CONSTRAINT "match_event_enterprise_event_id_match_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."match_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_event_talent" ADD CONSTRAINT "match_event_talent_event_id_match_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."match_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_fit_city" ADD CONSTRAINT "match_fit_city_run_id_match_fit_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_fit_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_fit_demand" ADD CONSTRAINT "match_fit_demand_run_id_match_fit_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_fit_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_event_city_date_idx" ON "match_event" USING btree ("city_code","event_date");--> statement-breakpoint
CREATE INDEX "match_event_date_idx" ON "match_event" USING btree ("event_date");--> statement-breakpoint
CREATE INDEX "match_event_enterprise_org_idx" ON "match_event_enterprise" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "match_event_talent_person_idx" ON "match_event_talent" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "match_fit_demand_city_idx" ON "match_fit_demand" USING btree ("run_id","city_code");--> statement-breakpoint
CREATE INDEX "match_fit_run_asof_idx" ON "match_fit_run" USING btree ("as_of","computed_at");--> statement-breakpoint
CREATE INDEX "match_visit_city_date_idx" ON "match_visit" USING btree ("city_code","visit_date");--> statement-breakpoint
CREATE INDEX "match_visit_org_idx" ON "match_visit" USING btree ("org_id","visit_date");