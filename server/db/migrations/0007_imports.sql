CREATE TABLE "import_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity" text NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_format" text NOT NULL,
	"file_bytes" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"mode" text,
	"total_rows" integer,
	"valid_rows" integer,
	"error_rows" integer,
	"message" text,
	"outcome" jsonb,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batch_status_chk" CHECK ("import_batch"."status" in ('uploaded','validating','validated','committing','committed','failed','rejected')),
	CONSTRAINT "import_batch_mode_chk" CHECK ("import_batch"."mode" is null or "import_batch"."mode" in ('all_or_nothing','valid_only')),
	CONSTRAINT "import_batch_format_chk" CHECK ("import_batch"."file_format" in ('xlsx','csv'))
);
--> statement-breakpoint
CREATE TABLE "import_chunk" (
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"rows" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "import_chunk_batch_id_seq_pk" PRIMARY KEY("batch_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_file" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"key_enc" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_row_error" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"column_name" text,
	"message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_chunk" ADD CONSTRAINT "import_chunk_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_file" ADD CONSTRAINT "import_file_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row_error" ADD CONSTRAINT "import_row_error_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batch_owner_idx" ON "import_batch" USING btree ("owner_user_id","entity","created_at");--> statement-breakpoint
CREATE INDEX "import_row_error_batch_idx" ON "import_row_error" USING btree ("batch_id","row_no","id");