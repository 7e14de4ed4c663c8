import { z } from 'zod';
import { DEFAULT_RUBRIC_ITEMS } from './supervision-defaults.js';

/**
 * 督导评估 (annual supervision of each city): self-assessment (自评) with evidence files
 * (佐证材料), the province's scoring (评分) against a rubric that is a policy setting, and
 * rectification items (整改事项) tracked to closure. Shared by server and web.
 */

export const SUPERVISION_FIRST_YEAR = 2026;
export const SUPERVISION_LAST_YEAR = 2030;
export const SUPERVISION_YEARS = [2026, 2027, 2028, 2029, 2030] as const;

export const SupervisionYear = z.coerce
  .number()
  .int('年份应为整数')
  .min(SUPERVISION_FIRST_YEAR, `年份应在 ${SUPERVISION_FIRST_YEAR}–${SUPERVISION_LAST_YEAR} 之间`)
  .max(SUPERVISION_LAST_YEAR, `年份应在 ${SUPERVISION_FIRST_YEAR}–${SUPERVISION_LAST_YEAR} 之间`);
export const SupervisionCityCode = z.string().regex(/^\d{6}$/, '城市代码应为 6 位数字');
export const YearParam = z.object({ year: SupervisionYear });
export const YearCityParams = z.object({ year: SupervisionYear, city: SupervisionCityCode });

// ---------------------------------------------------------------- states

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'scored'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: '填报中',
  submitted: '已提交',
  returned: '已退回修改',
  scored: '已评分',
};

export const RECTIFICATION_STATUSES = ['open', 'reported', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '整改中',
  reported: '已报送整改情况',
  closed: '已销号',
};

// ---------------------------------------------------------------- rubric (a policy setting)

export const RUBRIC_SETTING_KEY = 'supervision.rubric';

export const RubricItem = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '评分项代码应为小写字母、数字或下划线'),
  title: z.string().trim().min(1, '请填写评分项名称').max(50),
  maxPoints: z.number().positive('分值应大于 0').max(1000),
  description: z.string().max(500).optional(),
});
export type RubricItem = z.infer<typeof RubricItem>;

export const Rubric = z.object({
  items: z
    .array(RubricItem)
    .min(1, '评分细则至少要有一项')
    .max(20, '评分细则最多 20 项')
    .refine((a) => new Set(a.map((i) => i.key)).size === a.length, '评分项代码不能重复'),
});
export type Rubric = z.infer<typeof Rubric>;

/** The default rubric (100 points); the province admin changes it under settings key `supervision.rubric`. */
export const DEFAULT_RUBRIC: Rubric = { items: DEFAULT_RUBRIC_ITEMS };

// ---------------------------------------------------------------- inputs

const text = (max: number, required?: string) =>
  required ? z.string().trim().min(1, required).max(max, `不能超过 ${max} 字`) : z.string().trim().max(max);

export const SaveSelfAssessment = z.object({
  /** 重点工作推进情况 */
  keyWork: text(20_000),
  /** 政策落实情况 */
  policyImplementation: text(20_000),
  /** 存在问题及下一步打算 */
  problemsAndPlans: text(20_000).nullable().optional(),
});

export const ScoreInput = z.object({
  items: z
    .array(
      z.object({
        key: z.string().min(1).max(40),
        score: z.number().min(0, '得分不能小于 0'),
      }),
    )
    .min(1)
    .max(20),
  comment: text(5_000).nullable().optional(),
});

export const ReturnInput = z.object({ reason: text(2_000, '请填写退回原因') });

export const CreateRectification = z.object({
  description: text(2_000, '请填写整改事项'),
  deadline: z.iso.date('整改期限应为 YYYY-MM-DD 且为有效日期'),
});

export const ReportRectification = z.object({ text: text(10_000, '请填写整改情况') });
export const RejectRectification = z.object({ reason: text(2_000, '请填写不予销号的原因') });

// ---------------------------------------------------------------- responses

export const EvidenceFile = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const ScoreItem = z.object({ key: z.string(), title: z.string(), maxPoints: z.number(), score: z.number() });

export const Score = z.object({
  items: z.array(ScoreItem),
  total: z.number(),
  maxTotal: z.number(),
  comment: z.string().nullable(),
  scoredAt: z.string(),
});

export const SelfAssessment = z.object({
  /** null: nothing saved yet (a draft that exists only on screen). */
  id: z.string().nullable(),
  year: z.number(),
  cityCode: z.string(),
  cityName: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  statusLabel: z.string(),
  keyWork: z.string(),
  policyImplementation: z.string(),
  problemsAndPlans: z.string().nullable(),
  submittedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The city may still edit and submit it (draft or returned). */
  editable: z.boolean(),
  evidence: z.array(EvidenceFile),
  score: Score.nullable(),
});

export const Rectification = z.object({
  id: z.string(),
  year: z.number(),
  cityCode: z.string(),
  cityName: z.string(),
  description: z.string(),
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  statusLabel: z.string(),
  /** Deadline passed (Asia/Shanghai day) and not closed. */
  overdue: z.boolean(),
  reportText: z.string().nullable(),
  reportedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  evidence: z.array(EvidenceFile),
});

export const SupervisionDetail = z.object({
  year: z.number(),
  cityCode: z.string(),
  cityName: z.string(),
  today: z.string(),
  rubric: z.array(RubricItem),
  assessment: SelfAssessment,
  rectifications: z.array(Rectification),
});

export const OverviewRow = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  rectifications: z.number(),
  openRectifications: z.number(),
  overdueRectifications: z.number(),
});

export const SupervisionOverview = z.object({
  year: z.number(),
  today: z.string(),
  rubric: z.array(RubricItem),
  items: z.array(OverviewRow),
});

// ---------------------------------------------------------------- the report's data

const SectionFile = z.object({ fileName: z.string(), sha256: z.string(), bytes: z.number() });

export const SectionCity = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  selfAssessment: z.object({
    status: z.enum(ASSESSMENT_STATUSES),
    statusLabel: z.string(),
    submittedAt: z.string().nullable(),
    /** The texts as submitted: null while the city has not submitted (draft, or returned for revision). */
    keyWork: z.string().nullable(),
    policyImplementation: z.string().nullable(),
    problemsAndPlans: z.string().nullable(),
    evidenceFiles: z.array(SectionFile),
  }),
  score: Score.nullable(),
  rectifications: z.array(
    z.object({
      description: z.string(),
      deadline: z.string(),
      status: z.enum(RECTIFICATION_STATUSES),
      statusLabel: z.string(),
      overdue: z.boolean(),
      reportText: z.string().nullable(),
      reportedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      evidenceFiles: z.array(SectionFile),
    }),
  ),
});

/**
 * The supervision part of a yearly report (督导评估报告) for the province (cityCode null: every
 * active city) or one city. Plain JSON, ordered by city code and creation, so the same records
 * give the same section.
 */
export const SupervisionSection = z.object({
  year: z.number(),
  cityCode: z.string().nullable(),
  /** The day overdue was judged against (Asia/Shanghai). */
  asOf: z.string(),
  rubric: z.array(RubricItem),
  cities: z.array(SectionCity),
  summary: z.object({
    cities: z.number(),
    submitted: z.number(),
    scored: z.number(),
    /** Mean total of the scored cities (1 decimal); null when none is scored. */
    averageTotal: z.number().nullable(),
    rectifications: z.number(),
    closed: z.number(),
    open: z.number(),
    overdue: z.number(),
  }),
});
export type SupervisionSection = z.infer<typeof SupervisionSection>;
