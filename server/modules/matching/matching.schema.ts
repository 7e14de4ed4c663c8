import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { APPLICATION_STATUSES, DEMAND_STATUSES } from '../../../contracts/matching.js';

/**
 * 需求: what an enterprise needs. draft → open → filled / closed (contracts DEMAND_TRANSITIONS).
 * `opened_at` / `ended_at` say when it was open, so T5 can ask which demands were open at a date.
 */
export const demand = pgTable(
  'demand',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    title: text('title').notNull(),
    occupationCode: text('occupation_code').notNull(),
    /** Reference skill_level key (SENIOR …); null = no minimum. */
    minLevel: text('min_level'),
    requiredSkills: text('required_skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    preferredSkills: text('preferred_skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    chain: text('chain'),
    cityCode: text('city_code').notNull(),
    headcount: integer('headcount').notNull(),
    /** Hires recorded through the flow (the demand is filled when it reaches headcount). */
    hired: integer('hired').notNull().default(0),
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    /** Asia/Shanghai calendar day. */
    deadline: date('deadline'),
    digitalPost: boolean('digital_post').notNull().default(false),
    description: text('description'),
    status: text('status', { enum: DEMAND_STATUSES }).notNull().default('draft'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('demand_status_check', sql`${t.status} in ('draft', 'open', 'filled', 'closed')`),
    check('demand_headcount_check', sql`${t.headcount} > 0 and ${t.hired} >= 0`),
    check(
      'demand_salary_check',
      sql`${t.salaryMin} is null or ${t.salaryMax} is null or ${t.salaryMin} <= ${t.salaryMax}`,
    ),
    index('demand_status_city_idx').on(t.status, t.cityCode),
    index('demand_org_idx').on(t.orgId, t.createdAt),
    index('demand_city_created_idx').on(t.cityCode, t.createdAt),
  ],
);

/** 求职意向: one per person, written by the talent. */
export const talentIntention = pgTable('talent_intention', {
  personId: uuid('person_id').primaryKey(),
  openToWork: boolean('open_to_work').notNull(),
  cities: text('cities')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  anyCity: boolean('any_city').notNull().default(false),
  chains: text('chains')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  salaryMin: integer('salary_min'),
  availableFrom: date('available_from'),
  /** Self-declared skills (reference skill codes). */
  skills: text('skills')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/**
 * 对接: one per demand × person, started by an invitation or an application, moved along
 * contracts APPLICATION_TRANSITIONS. The demand's organisation and city are copied for scope filters.
 */
export const matchApplication = pgTable(
  'match_application',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demand.id),
    personId: uuid('person_id').notNull(),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    origin: text('origin', { enum: ['invited', 'applied'] }).notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    scoreAtStart: numeric('score_at_start', { mode: 'number' }),
    message: text('message'),
    note: text('note'),
    contactAcceptedAt: timestamp('contact_accepted_at', { withTimezone: true }),
    hiredAt: timestamp('hired_at', { withTimezone: true }),
    employmentId: uuid('employment_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    unique('match_application_pair').on(t.demandId, t.personId),
    check('match_application_origin_check', sql`${t.origin} in ('invited', 'applied')`),
    check(
      'match_application_status_check',
      sql`${t.status} in ('invited', 'applied', 'accepted', 'interviewing', 'offered', 'offer_accepted', 'hired', 'declined', 'rejected', 'withdrawn')`,
    ),
    index('match_application_person_idx').on(t.personId, t.createdAt),
    index('match_application_org_idx').on(t.orgId, t.createdAt),
    index('match_application_city_idx').on(t.cityCode, t.createdAt),
    index('match_application_hired_idx')
      .on(t.cityCode, t.hiredAt)
      .where(sql`${t.status} = 'hired'`),
  ],
);

/**
 * The change log the in-process match index follows (ADR 0010): each committed write that
 * changes a demand or a talent appends (kind, id) in its own transaction; every process reads
 * the rows after the last sequence it applied. Old rows are pruned by age.
 */
export const matchingChange = pgTable('matching_change', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  kind: text('kind', { enum: ['talent', 'demand', 'all'] }).notNull(),
  refId: uuid('ref_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
