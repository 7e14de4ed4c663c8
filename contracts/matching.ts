import { z } from 'zod';

/**
 * 人才供需对接专区 (the matching zone), part 1: enterprise demands (需求), talent intentions
 * (求职意向), ranked candidates and recommendations with every score's parts, and the flow
 * recommend → invite / apply → interview → offer → the talent accepts the offer → hire (对接流程). Shared by server and web.
 *
 * The score itself (parts, weights, gates, threshold) is documented in docs/matching-score.md;
 * the live index in docs/adr/0010-matching-index.md.
 */

const Day = z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期');
const CityCode = z.string().regex(/^\d{6}$/, '城市代码应为 6 位数字');
const OccupationCode = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, '职业代码格式应为 X-XX-XX-XX');
const Code = z.string().trim().min(1).max(40);
const Paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// ---------------------------------------------------------------- the policy (a setting)

/** Kernel setting key; the province admin edits it with PUT /api/settings/matching.policy. */
export const MATCH_POLICY_SETTING_KEY = 'matching.policy';

/** The seven parts of the score, in display order (same keys as server/modules/matching/score.ts). */
export const MATCH_PART_KEYS = [
  'occupation',
  'level',
  'required_skills',
  'preferred_skills',
  'chain',
  'city',
  'evidence',
] as const;
export type MatchPartKey = (typeof MATCH_PART_KEYS)[number];
export const MATCH_PART_LABELS: Record<MatchPartKey, string> = {
  occupation: '职业',
  level: '技能等级',
  required_skills: '必备技能',
  preferred_skills: '优先技能',
  chain: '产业链经历',
  city: '工作城市',
  evidence: '证书佐证',
};

/** Requirements the policy can make hard (a talent missing one is not eligible). */
export const MATCH_GATE_KEYS = ['occupation', 'level', 'required_skills', 'chain', 'city'] as const;
export type MatchGateKey = (typeof MATCH_GATE_KEYS)[number];

/** Which talents count for T5 (企业需求与人才适配度). */
export const T5_POOLS = ['open_to_work', 'all'] as const;
export const T5_POOL_LABELS: Record<(typeof T5_POOLS)[number], string> = {
  open_to_work: '有求职意向（求职中）的人才',
  all: '人才库中全部人才',
};

const Fraction = z.number().min(0, '系数应在 0 到 1 之间').max(1, '系数应在 0 到 1 之间');

/**
 * The matching policy: the score's weights (sum 100), related-occupation and level fractions,
 * the threshold, the gates, and which talents count for T5. The server adds the score core's
 * own checks (validatePolicy) when the setting is saved.
 */
export const MatchingPolicy = z.object({
  weights: z.object(
    Object.fromEntries(MATCH_PART_KEYS.map((k) => [k, z.number().min(0, '分值应为非负数').max(100)])) as Record<
      MatchPartKey,
      z.ZodNumber
    >,
  ),
  occupation: z.object({ former: Fraction, minor: Fraction, middle: Fraction }),
  levelOneBelow: Fraction,
  cityWillingToMove: Fraction,
  threshold: z.number().min(0, '匹配阈值应在 0 到 100 之间').max(100, '匹配阈值应在 0 到 100 之间'),
  gates: z.array(z.enum(MATCH_GATE_KEYS)).max(5),
  t5: z.object({
    /** Talents counted for every demand. */
    pool: z.enum(T5_POOLS),
    /** Also count an enterprise's own current employees for its own demands. */
    ownEmployees: z.boolean(),
  }),
});
export type MatchingPolicy = z.infer<typeof MatchingPolicy>;

/** GET /api/matching/policy: the policy with Chinese labels (for the UI and the score page). */
export const MatchingPolicyView = z.object({
  policy: MatchingPolicy,
  parts: z.array(z.object({ key: z.enum(MATCH_PART_KEYS), label: z.string(), max: z.number() })),
  gates: z.array(z.object({ key: z.enum(MATCH_GATE_KEYS), label: z.string() })),
  threshold: z.number(),
  /** e.g. 「T5 计入：有求职意向（求职中）的人才；另计企业本单位在职员工（仅限本单位需求）」 */
  t5Label: z.string(),
  settingKey: z.literal(MATCH_POLICY_SETTING_KEY),
});

// ---------------------------------------------------------------- demands (需求)

export const DEMAND_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export const DEMAND_STATUS_LABELS: Record<DemandStatus, string> = {
  draft: '草稿',
  open: '招聘中',
  filled: '已招满',
  closed: '已关闭',
};

/** The one table of demand transitions (POST /api/demands/:id/status); the server re-checks it in the transaction. */
export const DEMAND_TRANSITIONS: Record<'open' | 'filled' | 'closed', readonly DemandStatus[]> = {
  open: ['draft'],
  filled: ['open'],
  closed: ['draft', 'open'],
};
/** A demand can be edited (PATCH) in these states. */
export const DEMAND_EDITABLE: readonly DemandStatus[] = ['draft', 'open'];

const demandFields = {
  title: z.string().trim().min(1, '请填写岗位名称').max(100, '岗位名称不能超过 100 字'),
  occupationCode: OccupationCode,
  /** Minimum level (reference skill_level key, e.g. SENIOR); null = none. */
  minLevel: z.string().max(40).nullable().optional(),
  requiredSkills: z.array(Code).max(20, '必备技能最多 20 项').default([]),
  preferredSkills: z.array(Code).max(20, '优先技能最多 20 项').default([]),
  /** Industry chain code (IC01 …); null = any. */
  chain: z.string().max(20).nullable().optional(),
  /** Work city; default: the enterprise's city. */
  cityCode: CityCode.optional(),
  headcount: z.number().int('招聘人数应为整数').min(1, '招聘人数至少为 1').max(10_000),
  /** Monthly salary in yuan. */
  salaryMin: z.number().int().min(0).max(1_000_000).nullable().optional(),
  salaryMax: z.number().int().min(0).max(1_000_000).nullable().optional(),
  /** Last day of the posting (Asia/Shanghai). */
  deadline: Day.nullable().optional(),
  digitalPost: z.boolean().default(false),
  description: z.string().max(5_000, '岗位描述不能超过 5000 字').nullable().optional(),
};

const salaryOrder = (d: { salaryMin?: number | null; salaryMax?: number | null }) =>
  d.salaryMin == null || d.salaryMax == null || d.salaryMin <= d.salaryMax;

export const CreateDemand = z.object(demandFields).refine(salaryOrder, {
  message: '最低薪资不能高于最高薪资',
  path: ['salaryMax'],
});
export type CreateDemand = z.infer<typeof CreateDemand>;

export const UpdateDemand = z
  .object({
    ...demandFields,
    requiredSkills: demandFields.requiredSkills.unwrap(),
    preferredSkills: demandFields.preferredSkills.unwrap(),
    digitalPost: z.boolean(),
  })
  .partial()
  .refine(salaryOrder, { message: '最低薪资不能高于最高薪资', path: ['salaryMax'] });
export type UpdateDemand = z.infer<typeof UpdateDemand>;

export const DemandStatusInput = z.object({ status: z.enum(['open', 'filled', 'closed']) });

export const DemandListQuery = z.object({
  city: CityCode.optional(),
  chain: z.string().max(20).optional(),
  occupation: z.string().max(20).optional(),
  status: z.enum(DEMAND_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  ...Paging,
});

const Named = z.object({ code: z.string(), name: z.string() });

export const Demand = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  minLevel: z.string().nullable(),
  minLevelName: z.string().nullable(),
  requiredSkills: z.array(Named),
  preferredSkills: z.array(Named),
  chain: z.string().nullable(),
  chainName: z.string().nullable(),
  cityCode: z.string(),
  cityName: z.string(),
  headcount: z.number(),
  /** Hires recorded through the flow. */
  hired: z.number(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  deadline: z.string().nullable(),
  digitalPost: z.boolean(),
  description: z.string().nullable(),
  status: z.enum(DEMAND_STATUSES),
  statusLabel: z.string(),
  /** PATCH allowed (draft or open) — the UI still needs demand.manage and the own organisation. */
  editable: z.boolean(),
  openedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Demand = z.infer<typeof Demand>;
export const DemandPage = z.object({ items: z.array(Demand), total: z.number() });

// ---------------------------------------------------------------- intentions (求职意向)

export const IntentionInput = z.object({
  openToWork: z.boolean(),
  /** Other cities the talent would work in (besides the home city). */
  cities: z.array(CityCode).max(16).default([]),
  /** Anywhere in the province. */
  anyCity: z.boolean().default(false),
  chains: z.array(z.string().max(20)).max(30).default([]),
  /** Expected monthly salary in yuan. */
  salaryMin: z.number().int().min(0).max(1_000_000).nullable().optional(),
  availableFrom: Day.nullable().optional(),
  /** Self-declared skills (reference skill codes); credentials verify skills of their occupation. */
  skills: z.array(Code).max(50, '自述技能最多 50 项').default([]),
});
export type IntentionInput = z.infer<typeof IntentionInput>;

export const Intention = z.object({
  personId: z.string(),
  /** false until the talent saves one (the defaults are shown). */
  saved: z.boolean(),
  openToWork: z.boolean(),
  homeCityCode: z.string(),
  cities: z.array(z.string()),
  anyCity: z.boolean(),
  chains: z.array(z.string()),
  salaryMin: z.number().nullable(),
  availableFrom: z.string().nullable(),
  skills: z.array(Named),
  updatedAt: z.string().nullable(),
});
export type Intention = z.infer<typeof Intention>;

// ---------------------------------------------------------------- explanations

export const MatchPart = z.object({
  key: z.enum(MATCH_PART_KEYS),
  label: z.string(),
  points: z.number(),
  max: z.number(),
  detail: z.string(),
});
export type MatchPart = z.infer<typeof MatchPart>;

/** A requirement not met: key 'occupation' | 'level' | 'required_skill:<code>' | 'chain' | 'city'. */
export const MissingRequirement = z.object({ key: z.string(), label: z.string() });

export const MatchScore = z.object({
  score: z.number(),
  max: z.number(),
  threshold: z.number(),
  /** No gated requirement missing. */
  eligible: z.boolean(),
  /** Eligible and score ≥ threshold. */
  qualifies: z.boolean(),
  parts: z.array(MatchPart),
  missing: z.array(MissingRequirement),
});

// ---------------------------------------------------------------- applications (对接流程)

export const APPLICATION_STATUSES = [
  'invited',
  'applied',
  'accepted',
  'interviewing',
  'offered',
  'offer_accepted',
  'hired',
  'declined',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  invited: '企业已邀请',
  applied: '人才已投递',
  accepted: '人才已接受联系',
  interviewing: '面试中',
  offered: '已发录用通知',
  offer_accepted: '人才已接受录用',
  hired: '已录用',
  declined: '人才已婉拒',
  rejected: '企业未录用',
  withdrawn: '已撤回',
};

export const APPLICATION_ACTIONS = [
  'accept',
  'decline',
  'interview',
  'offer',
  'accept_offer',
  'hire',
  'reject',
  'withdraw',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  accept: '接受联系',
  decline: '婉拒',
  interview: '安排面试',
  offer: '发录用通知',
  accept_offer: '接受录用',
  hire: '确认录用',
  reject: '不予录用',
  withdraw: '撤回',
};

/** Who acts: the demand's enterprise or the talent. */
export type ApplicationSide = 'enterprise' | 'talent';

/**
 * The one transition table of the flow: who may take which action from which states. The
 * server re-checks it inside the transaction (UPDATE … WHERE status = any(from)).
 * Contact is accepted when the talent applies or accepts an invitation: from then on the
 * enterprise sees the talent's name and phone for this demand (until the talent declines or withdraws).
 */
export const APPLICATION_TRANSITIONS: readonly {
  action: ApplicationAction;
  by: ApplicationSide;
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
}[] = [
  { action: 'accept', by: 'talent', from: ['invited'], to: 'accepted' },
  { action: 'decline', by: 'talent', from: ['invited', 'offered'], to: 'declined' },
  {
    action: 'withdraw',
    by: 'talent',
    from: ['applied', 'accepted', 'interviewing', 'offer_accepted'],
    to: 'withdrawn',
  },
  { action: 'withdraw', by: 'enterprise', from: ['invited'], to: 'withdrawn' },
  { action: 'interview', by: 'enterprise', from: ['applied', 'accepted'], to: 'interviewing' },
  { action: 'offer', by: 'enterprise', from: ['applied', 'accepted', 'interviewing'], to: 'offered' },
  // The talent accepts the offer themself; only then may the enterprise record the hire (registry reach).
  { action: 'accept_offer', by: 'talent', from: ['offered'], to: 'offer_accepted' },
  { action: 'hire', by: 'enterprise', from: ['offer_accepted'], to: 'hired' },
  {
    action: 'reject',
    by: 'enterprise',
    from: ['applied', 'accepted', 'interviewing', 'offered', 'offer_accepted'],
    to: 'rejected',
  },
];

/** Statuses in which the enterprise sees the talent unmasked (contact accepted). */
export const CONTACT_STATUSES: readonly ApplicationStatus[] = [
  'applied',
  'accepted',
  'interviewing',
  'offered',
  'offer_accepted',
  'hired',
  'rejected',
];

export const InviteInput = z.object({
  personId: z.string().uuid('人员编号格式不正确'),
  message: z.string().trim().max(500).nullable().optional(),
});
export const ApplyInput = z.object({ message: z.string().trim().max(500).nullable().optional() });

export const ApplicationActionInput = z.object({
  note: z.string().trim().max(500).nullable().optional(),
  /** hire: first day of the employment (default today, Asia/Shanghai; not in the future, not before the application's day). */
  fromDate: Day.optional(),
  /** hire: the post recorded in the registry (default: the demand's title). */
  post: z.string().trim().min(1).max(100).optional(),
});
export const ApplicationActionParams = z.object({
  id: z.string().uuid('编号格式不正确'),
  action: z.enum(APPLICATION_ACTIONS),
});

export const ApplicationListQuery = z.object({
  demandId: z.string().uuid().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  ...Paging,
});

/** The talent as an enterprise sees them: masked until contact is accepted for this demand. */
export const TalentProfile = z.object({
  personId: z.string(),
  /** 张* while masked; the full name after contact is accepted. */
  name: z.string(),
  masked: z.boolean(),
  /** Only after contact is accepted. */
  phone: z.string().nullable(),
  gender: z.string().nullable(),
  birthYear: z.number().nullable(),
  cityCode: z.string(),
  cityName: z.string().nullable(),
  openToWork: z.boolean(),
  qualifications: z.array(
    z.object({
      occupationCode: z.string(),
      occupationName: z.string().nullable(),
      levelCode: z.string().nullable(),
      levelName: z.string().nullable(),
      verified: z.boolean(),
    }),
  ),
  skills: z.array(z.object({ code: z.string(), name: z.string(), verified: z.boolean() })),
  chains: z.array(z.string()),
  /** A current employee of the viewing enterprise. */
  ownEmployee: z.boolean(),
});
export type TalentProfile = z.infer<typeof TalentProfile>;

export const ApplicationBrief = z.object({
  id: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  statusLabel: z.string(),
  /** Actions the current user may take now. */
  actions: z.array(z.enum(APPLICATION_ACTIONS)),
});

export const Candidate = MatchScore.extend({
  rank: z.number(),
  profile: TalentProfile,
  application: ApplicationBrief.nullable(),
});
export const CandidateList = z.object({
  demandId: z.string(),
  threshold: z.number(),
  items: z.array(Candidate),
});

export const CandidatesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** A demand as talents see it in recommendations and applications (the enterprise by name only). */
export const DemandSummary = Demand.pick({
  id: true,
  orgName: true,
  title: true,
  occupationCode: true,
  occupationName: true,
  minLevelName: true,
  cityCode: true,
  cityName: true,
  chainName: true,
  headcount: true,
  hired: true,
  salaryMin: true,
  salaryMax: true,
  deadline: true,
  digitalPost: true,
  status: true,
  statusLabel: true,
});

export const Recommendation = MatchScore.extend({
  rank: z.number(),
  demand: DemandSummary,
  application: ApplicationBrief.nullable(),
});
export const RecommendationList = z.object({ threshold: z.number(), items: z.array(Recommendation) });

export const Application = z.object({
  id: z.string(),
  demand: DemandSummary,
  talent: TalentProfile,
  /** Who started it. */
  origin: z.enum(['invited', 'applied']),
  status: z.enum(APPLICATION_STATUSES),
  statusLabel: z.string(),
  actions: z.array(z.enum(APPLICATION_ACTIONS)),
  /** Score when the application was created (the live score is on the candidates list). */
  scoreAtStart: z.number().nullable(),
  message: z.string().nullable(),
  note: z.string().nullable(),
  contactAcceptedAt: z.string().nullable(),
  hiredAt: z.string().nullable(),
  employmentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof Application>;
export const ApplicationPage = z.object({ items: z.array(Application), total: z.number() });

// ---------------------------------------------------------------- realised placement fit

/** Hires through the flow against open positions (beside T5, which counts who *could* fill them). */
export const PlacementFit = z.object({
  asOf: z.string(),
  cityCode: z.string().nullable(),
  /** Positions (headcount) of demands open at some time in the period up to asOf. */
  positions: z.number(),
  hires: z.number(),
  /** hires / positions, 0–1 (null when there are no positions). */
  share: z.number().nullable(),
});
export type PlacementFit = z.infer<typeof PlacementFit>;
