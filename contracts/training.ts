import { z } from 'zod';

/**
 * 培训 (issue 6, items 1–3): programmes and classes of enterprises, colleges, training
 * institutions and the cloud classroom (云课堂); enrolment, attendance, assessment, completion
 * into the registry (实践应用结业证书); enterprise yearly training reports with the
 * education-fund check (C1). Shared by server and web.
 */

// ---------------------------------------------------------------- vocabulary

/** 企业内训 / 院校订单班 / 社会化培训 / 云课堂 */
export const PROGRAMME_TYPES = ['enterprise_inhouse', 'order_class', 'social', 'cloud'] as const;
export type ProgrammeType = (typeof PROGRAMME_TYPES)[number];
export const PROGRAMME_TYPE_LABELS: Record<ProgrammeType, string> = {
  enterprise_inhouse: '企业内训',
  order_class: '院校订单班',
  social: '社会化培训',
  cloud: '云课堂',
};

/** 岗前 / 在岗提升 / 转岗 / 项目制 */
export const PROGRAMME_PURPOSES = ['pre_job', 'on_job', 'transfer', 'project'] as const;
export type ProgrammePurpose = (typeof PROGRAMME_PURPOSES)[number];
export const PROGRAMME_PURPOSE_LABELS: Record<ProgrammePurpose, string> = {
  pre_job: '岗前培训',
  on_job: '在岗提升',
  transfer: '转岗培训',
  project: '项目制培训',
};

export const CLASS_STATUSES = ['open', 'completed'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
export const CLASS_STATUS_LABELS: Record<ClassStatus, string> = { open: '进行中', completed: '已结业' };

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'not_completed'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  enrolled: '在学',
  completed: '已结业',
  not_completed: '未达结业条件',
};

export const ASSESSMENT_RESULTS = ['passed', 'failed'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];
export const ASSESSMENT_RESULT_LABELS: Record<AssessmentResult, string> = { passed: '合格', failed: '不合格' };

export const ATTENDANCE_METHODS = ['mark', 'code', 'import'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: '填报中', submitted: '已提交' };

export const ATTENDANCE_IMPORT_ENTITY = 'attendance';

// ---------------------------------------------------------------- settings (policy)

export const COMPLETION_SETTING_KEY = 'training.completion';
/** 结业规则: attendance ≥ X % (exactly X passes) and, where the programme has an assessment, passed. */
export const CompletionRule = z.object({
  attendanceMinPercent: z.number().min(0).max(100).default(80),
  requireAssessmentPass: z.boolean().default(true),
});
export type CompletionRule = z.infer<typeof CompletionRule>;
export const DEFAULT_COMPLETION_RULE: CompletionRule = { attendanceMinPercent: 80, requireAssessmentPass: true };

export const CHECKIN_SETTING_KEY = 'training.checkin';
/** 签到码: a 6-digit code per session, rotating every N minutes; a code is accepted in its window and the next. */
export const CheckinRule = z.object({
  windowMinutes: z.number().int().min(1).max(60).default(5),
  /** Check-in opens this many minutes before a session starts and closes this many after it ends. */
  openMarginMinutes: z.number().int().min(0).max(240).default(30),
});
export type CheckinRule = z.infer<typeof CheckinRule>;
export const DEFAULT_CHECKIN_RULE: CheckinRule = { windowMinutes: 5, openMarginMinutes: 30 };

export const EDUCATION_FUND_SETTING_KEY = 'training.educationFund';
/** C1: share of education funds used on frontline workers (国发〔2010〕36号: ≥ 60 %), of the funds used or extracted. */
export const EducationFundRule = z.object({
  frontlineMinShare: z.number().min(0).max(1).default(0.6),
  basis: z.enum(['used', 'extracted']).default('used'),
});
export type EducationFundRule = z.infer<typeof EducationFundRule>;
export const DEFAULT_EDUCATION_FUND_RULE: EducationFundRule = { frontlineMinShare: 0.6, basis: 'used' };

// ---------------------------------------------------------------- inputs

const text = (max: number, required?: string) =>
  required ? z.string().trim().min(1, required).max(max, `不能超过 ${max} 字`) : z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true, message: '时间应为 ISO 8601 格式（含时区）' });

export const CreateProgramme = z.object({
  title: text(200, '请填写培训项目名称'),
  type: z.enum(PROGRAMME_TYPES, '请选择培训类型'),
  purpose: z.enum(PROGRAMME_PURPOSES, '请选择培训性质'),
  /** 合作企业 or 数字化服务商 of an order class or custom training. */
  partnerOrgId: z.string().uuid('合作单位编号格式不正确').nullable().optional(),
  partnerName: text(200).nullable().optional(),
  occupationCode: z.string().trim().max(20).nullable().optional(),
  /** 数字技术领域 (reference digital_domain): set = digital-skills training. */
  digitalDomain: z.string().trim().max(20).nullable().optional(),
  tier: z.enum(['FRONTLINE', 'BACKBONE', 'MANAGER']).nullable().optional(),
  levelCode: z.string().trim().max(30).nullable().optional(),
  hours: z.number().positive('学时应大于 0').max(10_000),
  assessmentRequired: z.boolean().default(true),
  description: text(5_000).nullable().optional(),
});
export type CreateProgramme = z.infer<typeof CreateProgramme>;

export const SessionInput = z.object({ startsAt: instant, endsAt: instant, topic: text(200).nullable().optional() });

export const CreateClass = z.object({
  name: text(200, '请填写班级名称'),
  capacity: z.number().int().min(1, '容量至少为 1').max(100_000).nullable().optional(),
  sessions: z.array(SessionInput).max(500).default([]),
});

export const AddSession = SessionInput;

export const Enrol = z.union([
  z.object({ personId: z.string().uuid('人员编号格式不正确') }),
  z.object({ idNumber: text(30, '请填写身份证号'), name: text(50, '请填写姓名') }),
]);

export const AttendanceInput = z.object({
  records: z.array(z.object({ personId: z.string().uuid(), present: z.boolean() })).max(10_000),
});

export const AssessmentInput = z.object({
  result: z.enum(ASSESSMENT_RESULTS, '请选择考核结果'),
  score: z.number().min(0).max(1000).nullable().optional(),
});

export const LinkLesson = z.object({
  title: text(200, '请填写课时名称'),
  minutes: z
    .number()
    .int()
    .min(1, '时长至少 1 分钟')
    .max(24 * 60),
  url: z.url({ protocol: /^https?$/, message: '链接应为 http(s) 地址' }),
});
/** A file lesson's name (default: the file's name) and length (default: one 学时 of 45 minutes). */
export const FileLessonQuery = z.object({
  title: text(200).optional(),
  minutes: z.coerce
    .number()
    .int()
    .min(1, '时长至少 1 分钟')
    .max(24 * 60)
    .default(45),
});

export const CheckInInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '签到码应为 6 位数字'),
});
/**
 * A lesson done: nothing the client reports counts (a `minutes` sent by older clients is ignored) —
 * the server checks that the lesson's minutes have passed since it was opened, by its own clock.
 */
export const ProgressInput = z.object({});
/** When the learner first opened the lesson (server time); it can be marked done once its minutes have passed. */
export const LessonOpened = z.object({
  lessonId: z.string(),
  openedAt: z.string(),
  /** The earliest time the lesson can be marked done. */
  doneFrom: z.string(),
});

export const ReportYear = z.coerce
  .number()
  .int('年份应为整数')
  .min(2025, '年份应在 2025–2030 之间')
  .max(2030, '年份应在 2025–2030 之间');
export const YearParam = z.object({ year: ReportYear });

const count = (label: string) => z.number().int(`${label}应为整数`).min(0, `${label}不能为负数`).max(100_000_000);
const money = (label: string) =>
  z
    .number()
    .min(0, `${label}不能为负数`)
    .max(1e12)
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${label}最多保留两位小数`);

export const SaveEnterpriseReport = z.object({
  /** 内训场次 */
  sessions: count('培训场次'),
  /** 内训人次 */
  personTimes: count('培训人次'),
  /** 其中一线职工人次 */
  frontlinePersonTimes: count('一线职工人次'),
  /** 职工教育经费 提取 / 使用 / 用于一线职工 (元) */
  fundsExtracted: money('提取金额'),
  fundsUsed: money('使用金额'),
  fundsFrontline: money('用于一线职工金额'),
  note: text(2_000).nullable().optional(),
});

export const ProgrammeQuery = z.object({
  type: z.enum(PROGRAMME_TYPES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const ReportListQuery = z.object({ year: ReportYear.optional() });

// ---------------------------------------------------------------- responses

export const ProgrammeSummary = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(PROGRAMME_TYPES),
  typeLabel: z.string(),
  purpose: z.enum(PROGRAMME_PURPOSES),
  purposeLabel: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  cityCode: z.string(),
  partnerOrgId: z.string().nullable(),
  partnerName: z.string().nullable(),
  occupationCode: z.string().nullable(),
  digitalDomain: z.string().nullable(),
  digital: z.boolean(),
  tier: z.string().nullable(),
  levelCode: z.string().nullable(),
  hours: z.number(),
  assessmentRequired: z.boolean(),
  description: z.string().nullable(),
  classes: z.number(),
  createdAt: z.string(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

export const Lesson = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  minutes: z.number(),
  kind: z.enum(['file', 'link']),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  bytes: z.number().nullable(),
  sha256: z.string().nullable(),
});

export const ClassSummary = z.object({
  id: z.string(),
  programmeId: z.string(),
  name: z.string(),
  capacity: z.number().nullable(),
  status: z.enum(CLASS_STATUSES),
  statusLabel: z.string(),
  enrolled: z.number(),
  sessions: z.number(),
  completedAt: z.string().nullable(),
});

export const ProgrammeDetail = ProgrammeSummary.extend({
  classList: z.array(ClassSummary),
  lessons: z.array(Lesson),
});

export const Session = z.object({
  id: z.string(),
  seq: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  topic: z.string().nullable(),
  present: z.number(),
});

/** The completion rule's result for one enrolment. */
export const RuleResult = z.object({
  eligible: z.boolean(),
  attendancePercent: z.number().nullable(),
  lessonsDone: z.number().nullable(),
  lessonsTotal: z.number().nullable(),
  /** Why not (Chinese), empty when eligible. */
  reasons: z.array(z.string()),
});
export type RuleResult = z.infer<typeof RuleResult>;

export const Enrolment = z.object({
  id: z.string(),
  classId: z.string(),
  personId: z.string(),
  personName: z.string(),
  idNumberMasked: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  statusLabel: z.string(),
  assessmentResult: z.enum(ASSESSMENT_RESULTS).nullable(),
  assessmentScore: z.number().nullable(),
  /** Session ids attended. */
  attended: z.array(z.string()),
  completedOn: z.string().nullable(),
  credentialNumber: z.string().nullable(),
  rule: RuleResult,
  enrolledAt: z.string(),
});
export type Enrolment = z.infer<typeof Enrolment>;
/**
 * The answer to an enrolment: the enrolment without the registry's person id (enrolling by ID number
 * must not hand out the id of whoever the number belongs to).
 */
export const EnrolmentCreated = Enrolment.omit({ personId: true });
export type EnrolmentCreated = z.infer<typeof EnrolmentCreated>;

export const ClassDetail = ClassSummary.extend({
  programme: ProgrammeSummary,
  sessionList: z.array(Session),
  enrolments: z.array(Enrolment),
  completionRule: CompletionRule,
});

export const CheckinCode = z.object({
  sessionId: z.string(),
  code: z.string(),
  windowMinutes: z.number(),
  /** When this code stops being shown (it is still accepted for one more window). */
  rotatesAt: z.string(),
  open: z.boolean(),
});

export const CheckInResult = z.object({
  sessionId: z.string(),
  classId: z.string(),
  className: z.string(),
  seq: z.number(),
  alreadyPresent: z.boolean(),
});

export const CompletionOutcome = z.object({
  classId: z.string(),
  status: z.enum(CLASS_STATUSES),
  completed: z.number(),
  notCompleted: z.number(),
  results: z.array(
    z.object({
      enrolmentId: z.string(),
      personId: z.string(),
      personName: z.string(),
      status: z.enum(ENROLMENT_STATUSES),
      rule: RuleResult,
      credentialNumber: z.string().nullable(),
    }),
  ),
});

export const CloudCourse = ProgrammeSummary.extend({
  lessonCount: z.number(),
  minutes: z.number(),
  /** The talent's enrolment in it, if any. */
  enrolmentId: z.string().nullable(),
});

export const MyEnrolment = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  programme: ProgrammeSummary,
  status: z.enum(ENROLMENT_STATUSES),
  statusLabel: z.string(),
  assessmentResult: z.enum(ASSESSMENT_RESULTS).nullable(),
  sessions: z.array(
    z.object({ id: z.string(), seq: z.number(), startsAt: z.string(), endsAt: z.string(), present: z.boolean() }),
  ),
  /** openedAt: when the learner first opened the lesson (server time), null if never. */
  lessons: z.array(Lesson.extend({ done: z.boolean(), openedAt: z.string().nullable() })),
  /** 学时: hours learned (cloud lessons done, in hours; class sessions attended, by their length). */
  learnedHours: z.number(),
  rule: RuleResult,
  completedOn: z.string().nullable(),
  credentialNumber: z.string().nullable(),
});

export const ProgressResult = z.object({
  enrolmentId: z.string(),
  lessonId: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  rule: RuleResult,
  credentialNumber: z.string().nullable(),
});

export const EnterpriseReport = z.object({
  id: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  cityCode: z.string(),
  year: z.number(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  sessions: z.number(),
  personTimes: z.number(),
  frontlinePersonTimes: z.number(),
  frontlinePersonShare: z.number().nullable(),
  fundsExtracted: z.number(),
  fundsUsed: z.number(),
  fundsFrontline: z.number(),
  /** 用于一线职工的比例 (of the basis of the setting). */
  frontlineFundShare: z.number().nullable(),
  /** The C1 check: null when there is nothing to check (no funds). */
  meetsFrontlineRule: z.boolean().nullable(),
  /** Chinese warning when under the threshold. */
  warning: z.string().nullable(),
  rule: EducationFundRule,
  /** The platform's own records of the year (the organisation's in-house classes): a suggestion. */
  recorded: z.object({ sessions: z.number(), personTimes: z.number() }),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type EnterpriseReport = z.infer<typeof EnterpriseReport>;

export const EnterpriseReportList = z.object({
  year: z.number(),
  rule: EducationFundRule,
  items: z.array(EnterpriseReport),
  summary: z.object({ reporting: z.number(), meeting: z.number(), share: z.number().nullable() }),
});
