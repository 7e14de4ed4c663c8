DROP INDEX "person_city_idx";--> statement-breakpoint
CREATE INDEX "person_city_name_idx" ON "person" USING btree ("city_code","name","id");--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "person" USING btree ("name","id");