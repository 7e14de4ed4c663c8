CREATE TABLE "enterprise_training_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sessions" integer NOT NULL,
	"person_times" integer NOT NULL,
	"frontline_person_times" integer NOT NULL,
	"funds_extracted" numeric NOT NULL,
	"funds_used" numeric NOT NULL,
	"funds_frontline" numeric NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "enterprise_training_report_key" UNIQUE("org_id","year"),
	CONSTRAINT "enterprise_training_report_status_check" CHECK ("enterprise_training_report"."status" in ('draft', 'submitted')),
	CONSTRAINT "enterprise_training_report_frontline_check" CHECK ("enterprise_training_report"."frontline_person_times" <= "enterprise_training_report"."person_times"),
	CONSTRAINT "enterprise_training_report_funds_check" CHECK ("enterprise_training_report"."funds_frontline" <= "enterprise_training_report"."funds_used")
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"session_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"method" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "training_attendance_session_id_enrolment_id_pk" PRIMARY KEY("session_id","enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "training_class" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"name" text NOT NULL,
	"capacity" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_class_status_check" CHECK ("training_class"."status" in ('open', 'completed')),
	CONSTRAINT "training_class_capacity_check" CHECK ("training_class"."capacity" is null or "training_class"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_enrolment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"city_code" text NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"assessment_result" text,
	"assessment_score" numeric,
	"completed_on" date,
	"credential_number" text,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enrolled_by" uuid,
	CONSTRAINT "training_enrolment_once" UNIQUE("class_id","person_id"),
	CONSTRAINT "training_enrolment_status_check" CHECK ("training_enrolment"."status" in ('enrolled', 'completed', 'not_completed')),
	CONSTRAINT "training_enrolment_completed_check" CHECK (("training_enrolment"."status" = 'completed') = ("training_enrolment"."completed_on" is not null and "training_enrolment"."credential_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_lesson" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"minutes" integer NOT NULL,
	"url" text,
	"file_name" text,
	"content_type" text,
	"bytes" integer,
	"sha256" text,
	"data" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_lesson_seq_key" UNIQUE("programme_id","seq"),
	CONSTRAINT "training_lesson_one_source" CHECK (("training_lesson"."url" is null) <> ("training_lesson"."data" is null)),
	CONSTRAINT "training_lesson_minutes_check" CHECK ("training_lesson"."minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_lesson_progress" (
	"enrolment_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_lesson_progress_enrolment_id_lesson_id_pk" PRIMARY KEY("enrolment_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "training_programme" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"purpose" text NOT NULL,
	"partner_org_id" uuid,
	"partner_name" text,
	"occupation_code" text,
	"digital_domain" text,
	"tier" text,
	"level_code" text,
	"hours" numeric NOT NULL,
	"assessment_required" boolean DEFAULT true NOT NULL,
	"description" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_programme_type_check" CHECK ("training_programme"."type" in ('enterprise_inhouse', 'order_class', 'social', 'cloud')),
	CONSTRAINT "training_programme_purpose_check" CHECK ("training_programme"."purpose" in ('pre_job', 'on_job', 'transfer', 'project')),
	CONSTRAINT "training_programme_hours_check" CHECK ("training_programme"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"topic" text,
	"checkin_secret" text NOT NULL,
	CONSTRAINT "training_session_seq_key" UNIQUE("class_id","seq"),
	CONSTRAINT "training_session_time_check" CHECK ("training_session"."ends_at" > "training_session"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_enrolment_id_training_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_class" ADD CONSTRAINT "training_class_programme_id_training_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolment" ADD CONSTRAINT "training_enrolment_class_id_training_class_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_class"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_lesson" ADD CONSTRAINT "training_lesson_programme_id_training_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_lesson_progress" ADD CONSTRAINT "training_lesson_progress_enrolment_id_training_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_lesson_progress" ADD CONSTRAINT "training_lesson_progress_lesson_id_training_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."training_lesson"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_class_id_training_class_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_class"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_training_report_year_idx" ON "enterprise_training_report" USING btree ("year","city_code");--> statement-breakpoint
CREATE INDEX "training_attendance_enrolment_idx" ON "training_attendance" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "training_class_programme_idx" ON "training_class" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "training_class_org_idx" ON "training_class" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "training_enrolment_person_idx" ON "training_enrolment" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_enrolment_completed_idx" ON "training_enrolment" USING btree ("completed_on") WHERE "training_enrolment"."status" = 'completed';--> statement-breakpoint
CREATE INDEX "training_programme_org_idx" ON "training_programme" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "training_programme_city_idx" ON "training_programme" USING btree ("city_code","created_at");