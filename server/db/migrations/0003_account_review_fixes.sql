ALTER TABLE "organisation" DROP CONSTRAINT "organisation_uscc_unique";--> statement-breakpoint
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_separation_chk";--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "requested_roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "origin" text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_person_uq" ON "app_user" USING btree ("person_id") WHERE "app_user"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_uscc_live_uq" ON "organisation" USING btree ("uscc") WHERE "organisation"."status" <> 'rejected';--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_origin_chk" CHECK ("app_user"."origin" in ('admin','self'));--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_separation_chk" CHECK (not ("app_user"."roles" && array['system_admin','security_admin','audit_admin']) or cardinality("app_user"."roles") = 1);