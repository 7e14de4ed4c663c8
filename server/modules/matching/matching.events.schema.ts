import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { EVENT_STATUSES, FIT_RUN_STATUSES } from '../../../contracts/matching-events.js';

/** 对接活动: a city's matching event. planned → held → closed (contracts EVENT_TRANSITIONS). */
export const matchEvent = pgTable(
  'match_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cityCode: text('city_code').notNull(),
    /** Asia/Shanghai calendar day. */
    eventDate: date('event_date').notNull(),
    title: text('title').notNull(),
    chains: text('chains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    venue: text('venue'),
    description: text('description'),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('planned'),
    /** Outcomes outside the platform, entered by the organiser (linked ones are read from applications). */
    countedInterviews: integer('counted_interviews').notNull().default(0),
    countedOffers: integer('counted_offers').notNull().default(0),
    countedHires: integer('counted_hires').notNull().default(0),
    outcomeNote: text('outcome_note'),
    invitationsBuiltAt: timestamp('invitations_built_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('match_event_status_check', sql`${t.status} in ('planned', 'held', 'closed')`),
    check(
      'match_event_counts_check',
      sql`${t.countedInterviews} >= 0 and ${t.countedOffers} >= 0 and ${t.countedHires} >= 0`,
    ),
    index('match_event_city_date_idx').on(t.cityCode, t.eventDate),
    index('match_event_date_idx').on(t.eventDate),
  ],
);

/** An enterprise of an event: invited from pre-matching, or a walk-in at check-in. */
export const matchEventEnterprise = pgTable(
  'match_event_enterprise',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => matchEvent.id),
    orgId: uuid('org_id').notNull(),
    source: text('source', { enum: ['prematch', 'walk_in'] }).notNull(),
    /** The open demands that put it on the list. */
    demandIds: uuid('demand_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.orgId] }),
    check('match_event_enterprise_source_check', sql`${t.source} in ('prematch', 'walk_in')`),
    index('match_event_enterprise_org_idx').on(t.orgId),
  ],
);

/** A talent of an event: a pre-matched candidate of one of its demands, or a walk-in. */
export const matchEventTalent = pgTable(
  'match_event_talent',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => matchEvent.id),
    personId: uuid('person_id').notNull(),
    source: text('source', { enum: ['prematch', 'walk_in'] }).notNull(),
    demandId: uuid('demand_id'),
    orgId: uuid('org_id'),
    score: numeric('score', { mode: 'number' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.personId] }),
    check('match_event_talent_source_check', sql`${t.source} in ('prematch', 'walk_in')`),
    index('match_event_talent_person_idx').on(t.personId),
  ],
);

/** 劳模工匠助企行: an expert's service visit to an enterprise (the enterprise's city is copied for scope). */
export const matchVisit = pgTable(
  'match_visit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertPersonId: uuid('expert_person_id').notNull(),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    visitDate: date('visit_date').notNull(),
    topic: text('topic').notNull(),
    outcome: text('outcome').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('match_visit_city_date_idx').on(t.cityCode, t.visitDate),
    index('match_visit_org_idx').on(t.orgId, t.visitDate),
  ],
);

/** The policy a fit run used (kept with the run so later policy edits do not change it). */
export interface FitPolicyDb {
  threshold: number;
  gates: string[];
  pool: string;
  ownEmployees: boolean;
  poolLabel: string;
}

/**
 * A T5 run (ADR 0011): one exact maximum assignment of the open positions against the eligible
 * talents, province-wide and per city, with its checked certificate. Written pending by the
 * request, filled by the job `matching.fit-run`.
 */
export const matchFitRun = pgTable(
  'match_fit_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', { enum: FIT_RUN_STATUSES }).notNull().default('pending'),
    /** Asia/Shanghai day the run stands for (the day it computed). */
    asOf: date('as_of').notNull(),
    requestedBy: uuid('requested_by'),
    jobId: uuid('job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    policy: jsonb('policy').$type<FitPolicyDb>(),
    positions: integer('positions'),
    filled: integer('filled'),
    demands: integer('demands'),
    talents: integer('talents'),
    edges: integer('edges'),
    wallMs: integer('wall_ms'),
    certificateOk: boolean('certificate_ok'),
    error: text('error'),
  },
  (t) => [
    check('match_fit_run_status_check', sql`${t.status} in ('pending', 'running', 'done', 'failed')`),
    check(
      'match_fit_run_done_complete',
      sql`${t.status} <> 'done' or (${t.positions} is not null and ${t.filled} is not null and ${t.computedAt} is not null and ${t.certificateOk})`,
    ),
    index('match_fit_run_asof_idx').on(t.asOf, t.computedAt),
  ],
);

/** A city's own figure in a run: its positions against all eligible talents. */
export const matchFitCity = pgTable(
  'match_fit_city',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => matchFitRun.id),
    cityCode: text('city_code').notNull(),
    positions: integer('positions').notNull(),
    filled: integer('filled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.cityCode] })],
);

export interface FitReasonDb {
  key: string;
  label: string;
  count: number;
}

/** A demand of a run with positions left unfilled in the province assignment or in its city's own. */
export const matchFitDemand = pgTable(
  'match_fit_demand',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => matchFitRun.id),
    demandId: uuid('demand_id').notNull(),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    occupationCode: text('occupation_code').notNull(),
    title: text('title').notNull(),
    positions: integer('positions').notNull(),
    candidates: integer('candidates').notNull(),
    filledProvince: integer('filled_province').notNull(),
    filledCity: integer('filled_city').notNull(),
    reasons: jsonb('reasons').$type<FitReasonDb[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.demandId] }), index('match_fit_demand_city_idx').on(t.runId, t.cityCode)],
);
