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
-- The history so far, from the audit log: every set and reset was audited in its own transaction.
INSERT INTO "indicator_target_version" ("indicator_id", "year", "city_code", "value", "recorded_by", "recorded_at")
  SELECT "after"->>'indicatorId', ("after"->>'year')::integer, "after"->>'cityCode', ("after"->>'value')::numeric,
         "actor_user_id", "at"
  FROM "audit_log"
  WHERE "action" IN ('target.set', 'target.reset') AND "entity" = 'indicator_target'
    AND "after" ? 'indicatorId' AND "after" ? 'year'
  ORDER BY "id";
--> statement-breakpoint
-- Any set target the log does not end with (written outside the service), as of its last update.
INSERT INTO "indicator_target_version" ("indicator_id", "year", "city_code", "value", "recorded_by", "recorded_at")
  SELECT t."indicator_id", t."year", t."city_code", t."value", t."updated_by", t."updated_at"
  FROM "indicator_target" t
  WHERE NOT EXISTS (
    SELECT 1 FROM (
      SELECT DISTINCT ON ("indicator_id", "year", "city_code") "indicator_id", "year", "city_code", "value"
      FROM "indicator_target_version"
      ORDER BY "indicator_id", "year", "city_code", "recorded_at" DESC, "id" DESC
    ) v
    WHERE v."indicator_id" = t."indicator_id" AND v."year" = t."year"
      AND v."city_code" IS NOT DISTINCT FROM t."city_code" AND v."value" = t."value"
  );
--> statement-breakpoint
-- Append-only history tables: corrected by a newer version, never by an edit.
CREATE OR REPLACE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_target_version_no_change BEFORE UPDATE OR DELETE ON "indicator_target_version"
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER indicator_target_version_no_truncate BEFORE TRUNCATE ON "indicator_target_version"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
