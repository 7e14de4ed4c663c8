CREATE TABLE "platform_setting_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "platform_setting_version_key" ON "platform_setting_version" USING btree ("key","recorded_at");--> statement-breakpoint
-- The history so far, from the audit log: every change of a setting was audited in its transaction.
INSERT INTO "platform_setting_version" ("key", "value", "recorded_by", "recorded_at")
  SELECT "entity_id", "after", "actor_user_id", "at"
  FROM "audit_log"
  WHERE "action" = 'setting.update' AND "entity" = 'setting' AND "entity_id" IS NOT NULL AND "after" IS NOT NULL
  ORDER BY "id";
--> statement-breakpoint
-- Any stored value the log does not end with, as of its last update.
INSERT INTO "platform_setting_version" ("key", "value", "recorded_by", "recorded_at")
  SELECT s."key", s."value", s."updated_by", s."updated_at"
  FROM "platform_setting" s
  WHERE NOT EXISTS (
    SELECT 1 FROM (
      SELECT DISTINCT ON ("key") "key", "value" FROM "platform_setting_version"
      ORDER BY "key", "recorded_at" DESC, "id" DESC
    ) v
    WHERE v."key" = s."key" AND v."value" = s."value"
  );
--> statement-breakpoint
-- Append-only (the same function as migration 0021's, defined again here in case a database has
-- an earlier draft of 0021 without it).
CREATE OR REPLACE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER platform_setting_version_no_change BEFORE UPDATE OR DELETE ON "platform_setting_version"
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER platform_setting_version_no_truncate BEFORE TRUNCATE ON "platform_setting_version"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
