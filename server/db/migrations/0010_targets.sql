CREATE TABLE "indicator_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" text NOT NULL,
	"year" integer NOT NULL,
	"city_code" text,
	"value" numeric NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_target_key" UNIQUE NULLS NOT DISTINCT("indicator_id","year","city_code"),
	CONSTRAINT "indicator_target_value_check" CHECK ("indicator_target"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "indicator_value" (
	"indicator_id" text NOT NULL,
	"city_code" text,
	"period" text NOT NULL,
	"as_of" date NOT NULL,
	"value" numeric NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_value_key" UNIQUE NULLS NOT DISTINCT("indicator_id","period","city_code")
);
