CREATE TABLE "indicator_target_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"year" integer NOT NULL,
	"city_code" text,
	"value" numeric,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "indicator_target_version_key" ON "indicator_target_version" USING btree ("indicator_id","year","city_code","recorded_at");--> statement-breakpoint
-- The targets set so far, as their first recorded versions.
INSERT INTO "indicator_target_version" ("indicator_id", "year", "city_code", "value", "recorded_by", "recorded_at")
  SELECT "indicator_id", "year", "city_code", "value", "updated_by", "updated_at" FROM "indicator_target";
--> statement-breakpoint
-- Append-only: history is corrected by a newer version, never by an edit.
CREATE FUNCTION indicator_target_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'indicator_target_version is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_target_version_no_change BEFORE UPDATE OR DELETE ON "indicator_target_version"
  FOR EACH ROW EXECUTE FUNCTION indicator_target_version_refuse_change();
