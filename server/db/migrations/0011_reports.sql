CREATE TABLE "report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"city_code" text,
	"as_of" date NOT NULL,
	"known_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"job_id" text,
	"content" jsonb,
	"content_hash" text,
	"docx" "bytea",
	"docx_sha256" text,
	"xlsx" "bytea",
	"xlsx_sha256" text,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	CONSTRAINT "report_status_check" CHECK ("report"."status" in ('pending', 'ready', 'failed')),
	CONSTRAINT "report_ready_complete" CHECK ("report"."status" <> 'ready' or ("report"."content_hash" is not null and "report"."docx" is not null and "report"."xlsx" is not null))
);
--> statement-breakpoint
CREATE INDEX "report_scope_idx" ON "report" USING btree ("year","city_code","created_at");--> statement-breakpoint
CREATE FUNCTION report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'ready' THEN
      RAISE EXCEPTION 'report % is frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('ready', 'failed') THEN
    RAISE EXCEPTION 'report % is frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_frozen BEFORE UPDATE OR DELETE ON report FOR EACH ROW EXECUTE FUNCTION report_frozen();
