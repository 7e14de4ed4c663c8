import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A person (talent), one per 居民身份证号. The number is stored only encrypted (AES-256-GCM)
 * with a keyed HMAC blind index for lookup and de-duplication; the phone likewise.
 */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idNumberHash: text('id_number_hash').notNull().unique(),
    idNumberEnc: text('id_number_enc').notNull(),
    /** Last 4 characters, kept for masked display (e.g. 3701**********1238 shows prefix from the city code). */
    idNumberTail: text('id_number_tail').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // M | F, derived from the number
    birthDate: date('birth_date').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneTail: text('phone_tail'),
    education: text('education'),
    cityCode: text('city_code').notNull(),
    tier: text('tier'), // FRONTLINE | BACKBONE | MANAGER (worker tiers)
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lists page by name within a city (city admins) or the province: keyset-friendly sort indexes.
    index('person_city_name_idx').on(t.cityCode, t.name, t.id),
    index('person_name_idx').on(t.name, t.id),
    index('person_phone_idx').on(t.phoneHash),
  ],
);

export const employment = pgTable(
  'employment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    orgId: uuid('org_id').notNull(),
    post: text('post').notNull(),
    isDigitalPost: boolean('is_digital_post').notNull().default(false),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employment_person_idx').on(t.personId), index('employment_org_idx').on(t.orgId)],
);
