CREATE TABLE "subsidy_payment_outcome" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"bank_serial" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_payment_outcome_attempt_uq" UNIQUE("payment_id","attempt"),
	CONSTRAINT "subsidy_payment_outcome_serial_uq" UNIQUE("bank_serial"),
	CONSTRAINT "subsidy_payment_outcome_check" CHECK ("subsidy_payment_outcome"."outcome" in ('settled','failed')),
	CONSTRAINT "subsidy_payment_outcome_serial_check" CHECK (length("subsidy_payment_outcome"."bank_serial") > 0)
);
--> statement-breakpoint
ALTER TABLE "subsidy_payment_outcome" ADD CONSTRAINT "subsidy_payment_outcome_payment_id_subsidy_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."subsidy_payment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payment_outcome" ADD CONSTRAINT "subsidy_payment_outcome_batch_id_subsidy_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batch"("id") ON DELETE no action ON UPDATE no action;