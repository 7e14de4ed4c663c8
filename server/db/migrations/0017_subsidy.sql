CREATE TABLE "subsidy_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	CONSTRAINT "subsidy_batch_status_check" CHECK ("subsidy_batch"."status" in ('open','paid'))
);
--> statement-breakpoint
CREATE TABLE "subsidy_budget" (
	"kind" text NOT NULL,
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" bigint DEFAULT 0 NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_budget_kind_city_code_year_pk" PRIMARY KEY("kind","city_code","year"),
	CONSTRAINT "subsidy_budget_within" CHECK ("subsidy_budget"."committed_cents" >= 0 and "subsidy_budget"."committed_cents" <= "subsidy_budget"."amount_cents")
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"credential_id" uuid NOT NULL,
	"credential_number" text NOT NULL,
	"credential_issued_on" date NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"city_code" text NOT NULL,
	"org_id" uuid,
	"occupation_code" text DEFAULT '' NOT NULL,
	"level_code" text DEFAULT '' NOT NULL,
	"programme_type" text,
	"policy_version" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"budget_year" integer NOT NULL,
	"payee_type" text NOT NULL,
	"payee_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"bank_account_enc" text NOT NULL,
	"bank_account_hash" text NOT NULL,
	"bank_account_tail" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"notice_starts_on" date,
	"notice_ends_on" date,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"reject_rule" text,
	"paid_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_claim_status_check" CHECK ("subsidy_claim"."status" in ('submitted','in_notice','approved','in_batch','paid','reconciled','rejected')),
	CONSTRAINT "subsidy_claim_amount_check" CHECK ("subsidy_claim"."amount_cents" > 0),
	CONSTRAINT "subsidy_claim_maker_checker" CHECK ("subsidy_claim"."approved_by" is null or ("subsidy_claim"."approved_by" <> "subsidy_claim"."submitted_by" and "subsidy_claim"."approved_by" is distinct from "subsidy_claim"."reviewed_by")),
	CONSTRAINT "subsidy_claim_reviewer_check" CHECK ("subsidy_claim"."reviewed_by" is null or "subsidy_claim"."reviewed_by" <> "subsidy_claim"."submitted_by")
);
--> statement-breakpoint
CREATE TABLE "subsidy_idempotency" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_idempotency_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "subsidy_ledger_line" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txn_id" bigint NOT NULL,
	"account" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "subsidy_ledger_line_account_check" CHECK ("subsidy_ledger_line"."account" in ('fund','budget','payable','paid')),
	CONSTRAINT "subsidy_ledger_line_nonzero" CHECK ("subsidy_ledger_line"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_ledger_txn" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"memo" text NOT NULL,
	"claim_id" uuid,
	"batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_objection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_by" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "subsidy_objection_status_check" CHECK ("subsidy_objection"."status" in ('open','upheld','dismissed'))
);
--> statement-breakpoint
CREATE TABLE "subsidy_payment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"bank_serial" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_payment_claim_uq" UNIQUE("claim_id"),
	CONSTRAINT "subsidy_payment_status_check" CHECK ("subsidy_payment"."status" in ('pending','sent','settled','failed')),
	CONSTRAINT "subsidy_payment_amount_check" CHECK ("subsidy_payment"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_reconciliation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"lines" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subsidy_ledger_line" ADD CONSTRAINT "subsidy_ledger_line_txn_id_subsidy_ledger_txn_id_fk" FOREIGN KEY ("txn_id") REFERENCES "public"."subsidy_ledger_txn"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_objection" ADD CONSTRAINT "subsidy_objection_claim_id_subsidy_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payment" ADD CONSTRAINT "subsidy_payment_claim_id_subsidy_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payment" ADD CONSTRAINT "subsidy_payment_batch_id_subsidy_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_reconciliation" ADD CONSTRAINT "subsidy_reconciliation_batch_id_subsidy_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claim_active_uq" ON "subsidy_claim" USING btree ("person_id","kind","occupation_code","level_code") WHERE "subsidy_claim"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "subsidy_claim_city_idx" ON "subsidy_claim" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "subsidy_claim_org_idx" ON "subsidy_claim" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "subsidy_claim_person_idx" ON "subsidy_claim" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "subsidy_ledger_line_txn_idx" ON "subsidy_ledger_line" USING btree ("txn_id");--> statement-breakpoint
CREATE INDEX "subsidy_ledger_txn_scope_idx" ON "subsidy_ledger_txn" USING btree ("kind","city_code","year");--> statement-breakpoint
CREATE INDEX "subsidy_objection_claim_idx" ON "subsidy_objection" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "subsidy_payment_batch_idx" ON "subsidy_payment" USING btree ("batch_id");--> statement-breakpoint
-- Double entry: every ledger transaction's lines sum to zero (checked at commit, so the lines
-- of one transaction may be inserted one by one), and a transaction has at least two lines.
CREATE FUNCTION subsidy_ledger_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s numeric;
  n integer;
BEGIN
  SELECT coalesce(sum(amount_cents), 0), count(*) INTO s, n FROM subsidy_ledger_line WHERE txn_id = NEW.txn_id;
  IF s <> 0 OR n < 2 THEN
    RAISE EXCEPTION 'subsidy ledger transaction % does not balance (sum %, % lines)', NEW.txn_id, s, n
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER subsidy_ledger_line_balanced AFTER INSERT ON subsidy_ledger_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION subsidy_ledger_balanced();
--> statement-breakpoint
-- The ledger is append-only: a mistake is corrected by a reversing transaction, never by an edit.
CREATE FUNCTION subsidy_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER subsidy_ledger_txn_no_change BEFORE UPDATE OR DELETE ON subsidy_ledger_txn
  FOR EACH ROW EXECUTE FUNCTION subsidy_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER subsidy_ledger_line_no_change BEFORE UPDATE OR DELETE ON subsidy_ledger_line
  FOR EACH ROW EXECUTE FUNCTION subsidy_ledger_refuse_change();
