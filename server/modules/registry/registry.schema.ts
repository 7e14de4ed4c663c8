import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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
    /** Set when this record was merged into another (the duplicate stays, pointing at the survivor). */
    mergedInto: uuid('merged_into'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lists page by name within a city (city admins) or the province: keyset-friendly sort indexes.
    // Partial (live records only, as every list filters merged_into is null): index-only counts and sorts.
    index('person_city_name_idx')
      .on(t.cityCode, t.name, t.id)
      .where(sql`${t.mergedInto} is null`),
    index('person_name_idx')
      .on(t.name, t.id)
      .where(sql`${t.mergedInto} is null`),
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
    /** The post's occupation (职业分类大典 code), when known: 复合型 talent counts manufacturing posts. */
    occupationCode: text('occupation_code'),
    isDigitalPost: boolean('is_digital_post').notNull().default(false),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employment_person_idx').on(t.personId), index('employment_org_idx').on(t.orgId)],
);

/** The city a person belongs to over time (T1–T4 count a person in their city at the as-of date). */
export const personCity = pgTable(
  'person_city',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    cityCode: text('city_code').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('person_city_person_idx').on(t.personId, t.validFrom)],
);

export const CREDENTIAL_KINDS = [
  'skill_cert', // 职业技能等级证书 (occupation + level on the 新八级工 ladder)
  'training_completion', // 实践应用结业证书
  'digital_engineer', // 数字技术工程师 (field + 初级/中级/高级)
  'professional_title', // 职称
  'competition_award', // 竞赛获奖
  'designation', // 高技能领军人才 and other designations the admin defines
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * Every achievement, whatever its kind — bitemporal, so history never lies:
 * valid time (issued_on … revoked_on / expires_on) says when it held in the world;
 * record time (recorded_at … superseded_at) says when we knew it. A correction closes the
 * current version (superseded_at) and records a new one with the same credential_id.
 */
export const credential = pgTable(
  'credential',
  {
    versionId: bigserial('version_id', { mode: 'number' }).primaryKey(),
    credentialId: uuid('credential_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    issuerOrgId: uuid('issuer_org_id'),
    issuerName: text('issuer_name').notNull(),
    /** 职业分类大典 code (skill certificates, training completions, digital engineers' occupation). */
    occupationCode: text('occupation_code'),
    /** skill ladder key (JUNIOR … CHIEF_TECHNICIAN) or professional-technical level (PT_JUNIOR …). */
    levelCode: text('level_code'),
    /** digital engineer field, designation type, title or award name. */
    field: text('field'),
    /** training completions: whether the training was digital-skills training. */
    digital: boolean('digital').notNull().default(false),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on'),
    revokedOn: date('revoked_on'),
    revokeReason: text('revoke_reason'),
    evidence: text('evidence'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('credential_current_uq')
      .on(t.credentialId)
      .where(sql`${t.supersededAt} is null`),
    // One current record per certificate number and issuer: re-imports create no duplicates.
    uniqueIndex('credential_number_uq')
      .on(t.kind, t.issuerName, t.number)
      .where(sql`${t.supersededAt} is null`),
    index('credential_person_idx').on(t.personId),
    index('credential_kind_occ_idx').on(t.kind, t.occupationCode),
    check(
      'credential_kind_chk',
      sql`${t.kind} in ('skill_cert','training_completion','digital_engineer','professional_title','competition_award','designation')`,
    ),
  ],
);

export const CONTRIBUTION_KINDS = ['innovation', 'process', 'transfer', 'patent', 'mentoring'] as const;

/** 技术革新, 工艺优化, 成果转化, patents, 传帮带 — attested by the employer. */
export const contribution = pgTable(
  'contribution',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    occurredOn: date('occurred_on').notNull(),
    attestedBy: uuid('attested_by').notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contribution_person_idx').on(t.personId),
    check('contribution_kind_chk', sql`${t.kind} in ('innovation','process','transfer','patent','mentoring')`),
  ],
);

/** Each person's categories today (a cache of categoryFlagsSql, refreshed on change and daily). */
export const personCategory = pgTable(
  'person_category',
  {
    personId: uuid('person_id').primaryKey(),
    cityCode: text('city_code').notNull(),
    t1: boolean('t1').notNull(),
    t2: boolean('t2').notNull(),
    t3: boolean('t3').notNull(),
    t4: boolean('t4').notNull(),
    composite: boolean('composite').notNull(),
    highSkill: boolean('high_skill').notNull(),
    asOf: date('as_of').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('person_category_city_idx').on(t.cityCode),
    // One partial index per category: a drill-down's count and page read only its holders.
    index('person_category_t1_idx')
      .on(t.cityCode, t.personId)
      .where(sql`${t.t1}`),
    index('person_category_t2_idx')
      .on(t.cityCode, t.personId)
      .where(sql`${t.t2}`),
    index('person_category_t3_idx')
      .on(t.cityCode, t.personId)
      .where(sql`${t.t3}`),
    index('person_category_t4_idx')
      .on(t.cityCode, t.personId)
      .where(sql`${t.t4}`),
    index('person_category_composite_idx')
      .on(t.cityCode, t.personId)
      .where(sql`${t.composite}`),
  ],
);
