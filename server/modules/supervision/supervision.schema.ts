import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

import { ASSESSMENT_STATUSES, RECTIFICATION_STATUSES } from '../../../contracts/supervision.js';

/** One scored rubric item, as the rubric read at scoring time (later rubric edits do not change it). */
export interface ScoreItemDb {
  key: string;
  title: string;
  maxPoints: number;
  score: number;
}

/**
 * 督导评估 自评: one per city × plan year. Created on the city's first save; the province
 * scores a submitted one against the rubric (a policy setting) or returns it with a reason.
 */
export const supervisionAssessment = pgTable(
  'supervision_assessment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    cityCode: text('city_code').notNull(),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull().default('draft'),
    /** 重点工作推进情况 */
    keyWork: text('key_work').notNull().default(''),
    /** 政策落实情况 */
    policyImplementation: text('policy_implementation').notNull().default(''),
    /** 存在问题及下一步打算 (optional) */
    problemsAndPlans: text('problems_and_plans'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    returnReason: text('return_reason'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: uuid('returned_by'),
    scoreItems: jsonb('score_items').$type<ScoreItemDb[]>(),
    scoreTotal: numeric('score_total', { mode: 'number' }),
    scoreMax: numeric('score_max', { mode: 'number' }),
    scoreComment: text('score_comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    scoredBy: uuid('scored_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    unique('supervision_assessment_key').on(t.year, t.cityCode),
    check('supervision_assessment_status_check', sql`${t.status} in ('draft', 'submitted', 'returned', 'scored')`),
    check(
      'supervision_assessment_scored_complete',
      sql`${t.status} <> 'scored' or (${t.scoreItems} is not null and ${t.scoreTotal} is not null and ${t.scoredAt} is not null)`,
    ),
    check('supervision_assessment_year_check', sql`${t.year} between 2026 and 2030`),
  ],
);

/**
 * 整改事项: created by the province for a city × year; the city reports its rectification, the
 * province accepts (closed) or rejects it (open again, with a reason). Overdue is derived
 * (deadline passed, not closed), never stored.
 */
export const supervisionRectification = pgTable(
  'supervision_rectification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    cityCode: text('city_code').notNull(),
    description: text('description').notNull(),
    /** Asia/Shanghai calendar day. */
    deadline: date('deadline').notNull(),
    status: text('status', { enum: RECTIFICATION_STATUSES }).notNull().default('open'),
    reportText: text('report_text'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: uuid('reported_by'),
    rejectReason: text('reject_reason'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('supervision_rectification_status_check', sql`${t.status} in ('open', 'reported', 'closed')`),
    check('supervision_rectification_year_check', sql`${t.year} between 2026 and 2030`),
    index('supervision_rectification_scope_idx').on(t.year, t.cityCode),
  ],
);

/**
 * 佐证材料: a file of a self-assessment or of a rectification report (exactly one owner),
 * kept in PostgreSQL with its SHA-256.
 */
export const supervisionEvidence = pgTable(
  'supervision_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id').references(() => supervisionAssessment.id),
    rectificationId: uuid('rectification_id').references(() => supervisionRectification.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('supervision_evidence_one_owner', sql`(${t.assessmentId} is null) <> (${t.rectificationId} is null)`),
    check('supervision_evidence_bytes_check', sql`${t.bytes} > 0`),
    index('supervision_evidence_assessment_idx').on(t.assessmentId),
    index('supervision_evidence_rectification_idx').on(t.rectificationId),
  ],
);
