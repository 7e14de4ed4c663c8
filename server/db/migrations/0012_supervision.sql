CREATE TABLE "supervision_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"city_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"key_work" text DEFAULT '' NOT NULL,
	"policy_implementation" text DEFAULT '' NOT NULL,
	"problems_and_plans" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"return_reason" text,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"score_items" jsonb,
	"score_total" numeric,
	"score_max" numeric,
	"score_comment" text,
	"scored_at" timestamp with time zone,
	"scored_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "supervision_assessment_key" UNIQUE("year","city_code"),
	CONSTRAINT "supervision_assessment_status_check" CHECK ("supervision_assessment"."status" in ('draft', 'submitted', 'returned', 'scored')),
	CONSTRAINT "supervision_assessment_scored_complete" CHECK ("supervision_assessment"."status" <> 'scored' or ("supervision_assessment"."score_items" is not null and "supervision_assessment"."score_total" is not null and "supervision_assessment"."scored_at" is not null)),
	CONSTRAINT "supervision_assessment_year_check" CHECK ("supervision_assessment"."year" between 2026 and 2030)
);
--> statement-breakpoint
CREATE TABLE "supervision_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid,
	"rectification_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_evidence_one_owner" CHECK (("supervision_evidence"."assessment_id" is null) <> ("supervision_evidence"."rectification_id" is null)),
	CONSTRAINT "supervision_evidence_bytes_check" CHECK ("supervision_evidence"."bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "supervision_rectification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"city_code" text NOT NULL,
	"description" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"report_text" text,
	"reported_at" timestamp with time zone,
	"reported_by" uuid,
	"reject_reason" text,
	"rejected_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_rectification_status_check" CHECK ("supervision_rectification"."status" in ('open', 'reported', 'closed')),
	CONSTRAINT "supervision_rectification_year_check" CHECK ("supervision_rectification"."year" between 2026 and 2030)
);
--> statement-breakpoint
ALTER TABLE "supervision_evidence" ADD CONSTRAINT "supervision_evidence_assessment_id_supervision_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."supervision_assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_evidence" ADD CONSTRAINT "supervision_evidence_rectification_id_supervision_rectification_id_fk" FOREIGN KEY ("rectification_id") REFERENCES "public"."supervision_rectification"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_evidence_assessment_idx" ON "supervision_evidence" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "supervision_evidence_rectification_idx" ON "supervision_evidence" USING btree ("rectification_id");--> statement-breakpoint
CREATE INDEX "supervision_rectification_scope_idx" ON "supervision_rectification" USING btree ("year","city_code");