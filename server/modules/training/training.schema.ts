import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ASSESSMENT_RESULTS,
  ATTENDANCE_METHODS,
  CLASS_STATUSES,
  ENROLMENT_STATUSES,
  PROGRAMME_PURPOSES,
  PROGRAMME_TYPES,
  REPORT_STATUSES,
} from '../../../contracts/training.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * 培训项目: owned by the organisation that runs it (enterprise, college, training institution,
 * the cloud classroom's provider); its city is the organisation's at creation (scope, A1–A3).
 */
export const trainingProgramme = pgTable(
  'training_programme',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    title: text('title').notNull(),
    type: text('type', { enum: PROGRAMME_TYPES }).notNull(),
    purpose: text('purpose', { enum: PROGRAMME_PURPOSES }).notNull(),
    partnerOrgId: uuid('partner_org_id'),
    partnerName: text('partner_name'),
    occupationCode: text('occupation_code'),
    /** reference digital_domain: set = digital-skills training (credential digital, A1–A3). */
    digitalDomain: text('digital_domain'),
    tier: text('tier'),
    levelCode: text('level_code'),
    hours: numeric('hours', { mode: 'number' }).notNull(),
    assessmentRequired: boolean('assessment_required').notNull().default(true),
    description: text('description'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('training_programme_type_check', sql`${t.type} in ('enterprise_inhouse', 'order_class', 'social', 'cloud')`),
    check('training_programme_purpose_check', sql`${t.purpose} in ('pre_job', 'on_job', 'transfer', 'project')`),
    check('training_programme_hours_check', sql`${t.hours} > 0`),
    index('training_programme_org_idx').on(t.orgId, t.createdAt),
    index('training_programme_city_idx').on(t.cityCode, t.createdAt),
  ],
);

/** 班级: a cohort of a programme (a cloud course has one, open to every learner, without capacity). */
export const trainingClass = pgTable(
  'training_class',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => trainingProgramme.id),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    name: text('name').notNull(),
    /** null: no limit (cloud courses). */
    capacity: integer('capacity'),
    status: text('status', { enum: CLASS_STATUSES }).notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('training_class_status_check', sql`${t.status} in ('open', 'completed')`),
    check('training_class_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
    index('training_class_programme_idx').on(t.programmeId),
    index('training_class_org_idx').on(t.orgId),
  ],
);

/** 课次: one scheduled session of a class; its secret derives the rotating check-in codes (HMAC). */
export const trainingSession = pgTable(
  'training_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => trainingClass.id),
    seq: integer('seq').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    topic: text('topic'),
    checkinSecret: text('checkin_secret').notNull(),
  },
  (t) => [
    unique('training_session_seq_key').on(t.classId, t.seq),
    check('training_session_time_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * 报名: one person once per class (unique). The person's name and masked ID number are kept as
 * shown at enrolment (the registry holds the person); `city_code` is where a completion counts
 * (the class's city; for the cloud classroom the learner's city).
 */
export const trainingEnrolment = pgTable(
  'training_enrolment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => trainingClass.id),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    cityCode: text('city_code').notNull(),
    status: text('status', { enum: ENROLMENT_STATUSES }).notNull().default('enrolled'),
    assessmentResult: text('assessment_result', { enum: ASSESSMENT_RESULTS }),
    assessmentScore: numeric('assessment_score', { mode: 'number' }),
    completedOn: date('completed_on'),
    credentialNumber: text('credential_number'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    enrolledBy: uuid('enrolled_by'),
  },
  (t) => [
    unique('training_enrolment_once').on(t.classId, t.personId),
    check('training_enrolment_status_check', sql`${t.status} in ('enrolled', 'completed', 'not_completed')`),
    check(
      'training_enrolment_completed_check',
      sql`(${t.status} = 'completed') = (${t.completedOn} is not null and ${t.credentialNumber} is not null)`,
    ),
    index('training_enrolment_person_idx').on(t.personId),
    index('training_enrolment_completed_idx')
      .on(t.completedOn)
      .where(sql`${t.status} = 'completed'`),
  ],
);

/** 考勤: present at a session (marked, by check-in code, or imported). */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSession.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => trainingEnrolment.id),
    method: text('method', { enum: ATTENDANCE_METHODS }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.enrolmentId] }),
    index('training_attendance_enrolment_idx').on(t.enrolmentId),
  ],
);

/** 云课堂课时: an uploaded file (bytea with its SHA-256) or a link. */
export const trainingLesson = pgTable(
  'training_lesson',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => trainingProgramme.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    minutes: integer('minutes').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    bytes: integer('bytes'),
    sha256: text('sha256'),
    data: bytea('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('training_lesson_seq_key').on(t.programmeId, t.seq),
    check('training_lesson_one_source', sql`(${t.url} is null) <> (${t.data} is null)`),
    check('training_lesson_minutes_check', sql`${t.minutes} > 0`),
  ],
);

/** A learner's progress per lesson (done once). */
export const trainingLessonProgress = pgTable(
  'training_lesson_progress',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => trainingEnrolment.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => trainingLesson.id),
    minutes: integer('minutes').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.lessonId] })],
);

/** When a learner first opened a lesson (server time): a lesson is done only after its minutes have passed. */
export const trainingLessonOpen = pgTable(
  'training_lesson_open',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => trainingEnrolment.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => trainingLesson.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.lessonId] })],
);

/** 企业年度培训报告: one per enterprise and year; draft → submitted. */
export const enterpriseTrainingReport = pgTable(
  'enterprise_training_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    sessions: integer('sessions').notNull(),
    personTimes: integer('person_times').notNull(),
    frontlinePersonTimes: integer('frontline_person_times').notNull(),
    fundsExtracted: numeric('funds_extracted', { mode: 'number' }).notNull(),
    fundsUsed: numeric('funds_used', { mode: 'number' }).notNull(),
    fundsFrontline: numeric('funds_frontline', { mode: 'number' }).notNull(),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    unique('enterprise_training_report_key').on(t.orgId, t.year),
    check('enterprise_training_report_status_check', sql`${t.status} in ('draft', 'submitted')`),
    check('enterprise_training_report_frontline_check', sql`${t.frontlinePersonTimes} <= ${t.personTimes}`),
    check('enterprise_training_report_funds_check', sql`${t.fundsFrontline} <= ${t.fundsUsed}`),
    index('enterprise_training_report_year_idx').on(t.year, t.cityCode),
  ],
);
