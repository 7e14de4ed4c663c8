CREATE INDEX "person_category_t1_idx" ON "person_category" USING btree ("city_code","person_id") WHERE "person_category"."t1";--> statement-breakpoint
CREATE INDEX "person_category_t2_idx" ON "person_category" USING btree ("city_code","person_id") WHERE "person_category"."t2";--> statement-breakpoint
CREATE INDEX "person_category_t3_idx" ON "person_category" USING btree ("city_code","person_id") WHERE "person_category"."t3";--> statement-breakpoint
CREATE INDEX "person_category_t4_idx" ON "person_category" USING btree ("city_code","person_id") WHERE "person_category"."t4";--> statement-breakpoint
CREATE INDEX "person_category_composite_idx" ON "person_category" USING btree ("city_code","person_id") WHERE "person_category"."composite";