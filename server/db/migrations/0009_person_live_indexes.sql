DROP INDEX "person_city_name_idx";--> statement-breakpoint
DROP INDEX "person_name_idx";--> statement-breakpoint
CREATE INDEX "person_city_name_idx" ON "person" USING btree ("city_code","name","id") WHERE "person"."merged_into" is null;--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "person" USING btree ("name","id") WHERE "person"."merged_into" is null;