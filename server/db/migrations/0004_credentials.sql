CREATE TABLE "contribution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"occurred_on" date NOT NULL,
	"attested_by" uuid NOT NULL,
	"attested_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contribution_kind_chk" CHECK ("contribution"."kind" in ('innovation','process','transfer','patent','mentoring'))
);
--> statement-breakpoint
CREATE TABLE "credential" (
	"version_id" bigserial PRIMARY KEY NOT NULL,
	"credential_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issuer_org_id" uuid,
	"issuer_name" text NOT NULL,
	"occupation_code" text,
	"level_code" text,
	"field" text,
	"digital" boolean DEFAULT false NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"revoked_on" date,
	"revoke_reason" text,
	"evidence" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"recorded_by" uuid,
	"note" text,
	CONSTRAINT "credential_kind_chk" CHECK ("credential"."kind" in ('skill_cert','training_completion','digital_engineer','professional_title','competition_award','designation'))
);
--> statement-breakpoint
CREATE TABLE "person_city" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
ALTER TABLE "employment" ADD COLUMN "occupation_code" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential" ADD CONSTRAINT "credential_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_city" ADD CONSTRAINT "person_city_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contribution_person_idx" ON "contribution" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credential_current_uq" ON "credential" USING btree ("credential_id") WHERE "credential"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "credential_number_uq" ON "credential" USING btree ("kind","issuer_name","number") WHERE "credential"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "credential_person_idx" ON "credential" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "credential_kind_occ_idx" ON "credential" USING btree ("kind","occupation_code");--> statement-breakpoint
CREATE INDEX "person_city_person_idx" ON "person_city" USING btree ("person_id","valid_from");