import { z } from 'zod';

/**
 * 补贴申领与拨付: two kinds of subsidy that must not be confused — 培训补贴 (the plan's own
 * training subsidy for a digital-skills 实践应用结业证书) and 技能提升补贴 (skill-upgrade subsidy
 * from the unemployment-insurance fund, for a skill-level certificate). The policy is data (a
 * setting, versioned by effective dates); claims go 申领 → 审核 → 公示 → 审批 → 拨付 → 对账.
 * Shared by server and web.
 */

export const SUBSIDY_KINDS = ['training', 'skill_upgrade'] as const;
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number];
export const SUBSIDY_KIND_LABELS: Record<SubsidyKind, string> = {
  training: '培训补贴',
  skill_upgrade: '技能提升补贴',
};
/** The registry credential kind each subsidy kind is built from. */
export const SUBSIDY_CREDENTIAL_KIND: Record<SubsidyKind, 'training_completion' | 'skill_cert'> = {
  training: 'training_completion',
  skill_upgrade: 'skill_cert',
};

/** The training module's programme types (a training completion may carry one in its `field`). */
export const PROGRAMME_TYPES = ['enterprise_inhouse', 'order_class', 'social', 'cloud'] as const;
export const PROGRAMME_TYPE_LABELS: Record<(typeof PROGRAMME_TYPES)[number], string> = {
  enterprise_inhouse: '企业内训',
  order_class: '院校订单班',
  social: '社会培训',
  cloud: '云课堂',
};

export const PAYEE_TYPES = ['person', 'provider'] as const;
export type PayeeType = (typeof PAYEE_TYPES)[number];
export const PAYEE_TYPE_LABELS: Record<PayeeType, string> = { person: '本人', provider: '培训机构' };

// ---------------------------------------------------------------- the policy (a setting)

export const SUBSIDY_POLICY_SETTING_KEY = 'subsidy.policy';

const Day = z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期');

/** One amount: by credential level and programme type ('*' = any); null = 未设定 (claims are refused). */
export const SubsidyAmount = z.object({
  levelCode: z.string().min(1).max(40),
  programmeType: z.string().min(1).max(40),
  amountYuan: z.number().int('金额应为整数元').positive('金额应大于 0').max(100_000).nullable(),
});
export type SubsidyAmount = z.infer<typeof SubsidyAmount>;

export const SubsidyPolicyVersion = z.object({
  /** A name for people: the document it comes from. */
  version: z.string().trim().min(1).max(80),
  effectiveFrom: Day,
  /** Last day in force (inclusive); null = still in force. */
  effectiveTo: Day.nullable(),
  amounts: z.array(SubsidyAmount).max(100),
  /** 每人每年享受次数上限; null = 未设定 (claims are refused until the province sets it). */
  perPersonPerYear: z.number().int().min(1).max(20).nullable(),
  /** 申请期限: months after the credential's date. */
  windowMonths: z.number().int().min(1).max(60),
  document: z.string().max(300),
});
export type SubsidyPolicyVersion = z.infer<typeof SubsidyPolicyVersion>;

export const SubsidyKindPolicy = z.object({
  payee: z.enum(PAYEE_TYPES),
  versions: z.array(SubsidyPolicyVersion).max(50),
});
export type SubsidyKindPolicy = z.infer<typeof SubsidyKindPolicy>;

export const SubsidyPolicy = z.object({
  training: SubsidyKindPolicy,
  skill_upgrade: SubsidyKindPolicy,
  /** 公示期 (calendar days, Asia/Shanghai); 0 = no objection window. */
  noticeDays: z.number().int().min(0).max(60),
});
export type SubsidyPolicy = z.infer<typeof SubsidyPolicy>;

/**
 * Defaults from ../shared/reference/subsidy-standards.csv: Shandong's 2017 技能提升补贴 amounts
 * (初级 1,000 / 中级 1,500 / 高级 2,000 元; 技师 and above are not in the rule). The 培训补贴 amount
 * and every per-year limit are not published: null ("未设定") until the province sets them.
 */
export const DEFAULT_SUBSIDY_POLICY: SubsidyPolicy = {
  training: {
    payee: 'person',
    versions: [
      {
        version: '2026—2030 专项行动方案',
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        amounts: [{ levelCode: '*', programmeType: '*', amountYuan: null }],
        perPersonPerYear: null,
        windowMonths: 12,
        document:
          '《加快数字技能人才培育 助力中小企业数智化升级专项行动方案（2026—2030年）》：按规定享受培训补贴（标准未公布）',
      },
    ],
  },
  skill_upgrade: {
    payee: 'person',
    versions: [
      {
        version: '鲁人社 2017',
        effectiveFrom: '2017-01-01',
        effectiveTo: null,
        amounts: [
          { levelCode: 'JUNIOR', programmeType: '*', amountYuan: 1000 },
          { levelCode: 'INTERMEDIATE', programmeType: '*', amountYuan: 1500 },
          { levelCode: 'SENIOR', programmeType: '*', amountYuan: 2000 },
          { levelCode: 'TECHNICIAN', programmeType: '*', amountYuan: null },
          { levelCode: 'SENIOR_TECHNICIAN', programmeType: '*', amountYuan: null },
        ],
        perPersonPerYear: null,
        windowMonths: 12,
        document: '人社部发〔2017〕40号；山东省人社厅 省财政厅 2017 年通知',
      },
    ],
  },
  noticeDays: 7,
};

// ---------------------------------------------------------------- rules (every refusal names its rule)

export const SUBSIDY_RULES = [
  'credential_kind',
  'credential_status',
  'policy_version',
  'amount_not_set',
  'application_window',
  'once_per_level',
  'lower_after_higher',
  'per_year_limit',
  'limit_not_set',
  'budget',
  'maker_checker',
  'objection_open',
  'notice_period',
] as const;
export type SubsidyRule = (typeof SUBSIDY_RULES)[number];
export const SUBSIDY_RULE_LABELS: Record<SubsidyRule, string> = {
  credential_kind: '证书类型规则',
  credential_status: '证书有效性规则',
  policy_version: '政策版本规则',
  amount_not_set: '补贴标准规则',
  application_window: '申请期限规则',
  once_per_level: '同一职业同一等级只享受一次',
  lower_after_higher: '已享受高等级不再享受低等级',
  per_year_limit: '每人每年次数上限',
  limit_not_set: '每人每年次数上限规则',
  budget: '年度预算规则',
  maker_checker: '审批人不得为申领人或审核人',
  objection_open: '公示异议规则',
  notice_period: '公示期规则',
};

// ---------------------------------------------------------------- claims

export const CLAIM_STATUSES = [
  'submitted',
  'in_notice',
  'approved',
  'in_batch',
  'paid',
  'reconciled',
  'rejected',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  submitted: '待审核',
  in_notice: '公示中',
  approved: '已审批待拨付',
  in_batch: '拨付批次中',
  paid: '已拨付',
  reconciled: '已对账',
  rejected: '未通过',
};

export const Eligibility = z.object({
  credentialId: z.string(),
  kind: z.enum(SUBSIDY_KINDS),
  kindLabel: z.string(),
  personId: z.string(),
  personName: z.string(),
  credentialNumber: z.string(),
  credentialKind: z.string(),
  issuerName: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  levelCode: z.string().nullable(),
  levelName: z.string().nullable(),
  issuedOn: z.string(),
  eligible: z.boolean(),
  amountYuan: z.number().nullable(),
  policyVersion: z.string().nullable(),
  payee: z.enum(PAYEE_TYPES),
  lastDay: z.string().nullable(),
  rule: z.enum(SUBSIDY_RULES).nullable(),
  ruleLabel: z.string().nullable(),
  reason: z.string().nullable(),
  /** An active claim of this credential, if any. */
  claimId: z.string().nullable(),
});
export type Eligibility = z.infer<typeof Eligibility>;
export const EligibilityList = z.object({ items: z.array(Eligibility), today: z.string() });

/** The body of POST /api/subsidy/eligible (an ID number never goes into a URL). */
export const EligibilityQuery = z.object({
  /** Providers look a trainee up by 居民身份证号 (talents see their own credentials). */
  idNumber: z.string().trim().max(18).optional(),
  /** …or by the person id shown on their class's completion list. */
  personId: z.string().uuid().optional(),
});

export const BankAccount = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12,30}$/, '银行账号应为 12–30 位数字'));

export const SubmitClaim = z.object({
  credentialId: z.string().uuid('证书编号格式不正确'),
  kind: z.enum(SUBSIDY_KINDS),
  bankName: z.string().trim().min(2, '请填写开户银行').max(60),
  bankAccount: BankAccount,
});
export type SubmitClaim = z.infer<typeof SubmitClaim>;

export const ReviewClaim = z.object({
  decision: z.enum(['pass', 'reject']),
  note: z.string().trim().max(500).optional(),
});
export const RejectClaim = z.object({ reason: z.string().trim().min(2, '请说明不予审批的原因').max(500) });
export const AddObjection = z.object({ text: z.string().trim().min(2, '请填写异议内容').max(1000) });
export const ResolveObjection = z.object({
  decision: z.enum(['upheld', 'dismissed']),
  note: z.string().trim().min(2, '请填写处理意见').max(500),
});

export const Objection = z.object({
  id: z.string(),
  claimId: z.string(),
  text: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  statusLabel: z.string(),
  receivedAt: z.string(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof Objection>;

export const ClaimStep = z.object({ action: z.string(), label: z.string(), by: z.string().nullable(), at: z.string() });

export const Claim = z.object({
  id: z.string(),
  kind: z.enum(SUBSIDY_KINDS),
  kindLabel: z.string(),
  status: z.enum(CLAIM_STATUSES),
  statusLabel: z.string(),
  personId: z.string(),
  personName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  orgId: z.string().nullable(),
  credentialId: z.string(),
  credentialNumber: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  levelCode: z.string().nullable(),
  levelName: z.string().nullable(),
  credentialIssuedOn: z.string(),
  policyVersion: z.string(),
  amountYuan: z.number(),
  budgetYear: z.number(),
  payeeType: z.enum(PAYEE_TYPES),
  payeeName: z.string(),
  bankName: z.string(),
  /** Masked: only the last four digits. */
  bankAccount: z.string(),
  noticeStartsOn: z.string().nullable(),
  /** First day the province may approve (the notice has ended). */
  noticeEndsOn: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectRule: z.string().nullable(),
  submittedAt: z.string(),
  /** Actions this actor may take now (the UI shows buttons from it). */
  can: z.object({ review: z.boolean(), approve: z.boolean(), object: z.boolean() }),
  approveBlocked: z.string().nullable(),
  objections: z.array(Objection),
  steps: z.array(ClaimStep),
});
export type Claim = z.infer<typeof Claim>;
export const ClaimPage = z.object({ items: z.array(Claim), total: z.number().int() });

export const ClaimQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  kind: z.enum(SUBSIDY_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** 公示: what the public sees of a claim in notice (name masked). */
export const PublicNotice = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kindLabel: z.string(),
      personName: z.string(),
      cityName: z.string(),
      occupationName: z.string().nullable(),
      levelName: z.string().nullable(),
      amountYuan: z.number(),
      noticeStartsOn: z.string(),
      noticeEndsOn: z.string(),
    }),
  ),
});

// ---------------------------------------------------------------- budgets and the ledger

export const SetBudget = z.object({
  kind: z.enum(SUBSIDY_KINDS),
  year: z.number().int().min(2017).max(2100),
  cityCode: z.string().regex(/^\d{6}$/, '城市代码应为 6 位数字'),
  amountYuan: z.number().int().min(0).max(10_000_000_000),
});
export const Budget = z.object({
  kind: z.enum(SUBSIDY_KINDS),
  kindLabel: z.string(),
  year: z.number(),
  cityCode: z.string(),
  cityName: z.string(),
  amountYuan: z.number(),
  committedYuan: z.number(),
  availableYuan: z.number(),
});
export const BudgetList = z.object({ items: z.array(Budget) });
export const YearQuery = z.object({ year: z.coerce.number().int().min(2017).max(2100).optional() });

export const LEDGER_ACCOUNTS = ['fund', 'budget', 'payable', 'paid'] as const;
export const LEDGER_ACCOUNT_LABELS: Record<(typeof LEDGER_ACCOUNTS)[number], string> = {
  fund: '资金来源',
  budget: '可用预算',
  payable: '应付未付',
  paid: '已拨付',
};
export const Ledger = z.object({
  balances: z.array(
    z.object({
      kind: z.enum(SUBSIDY_KINDS),
      kindLabel: z.string(),
      year: z.number(),
      cityCode: z.string(),
      cityName: z.string(),
      account: z.enum(LEDGER_ACCOUNTS),
      accountLabel: z.string(),
      balanceYuan: z.number(),
    }),
  ),
  entries: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(SUBSIDY_KINDS),
      year: z.number(),
      cityCode: z.string(),
      memo: z.string(),
      claimId: z.string().nullable(),
      at: z.string(),
      lines: z.array(z.object({ account: z.enum(LEDGER_ACCOUNTS), amountYuan: z.number() })),
    }),
  ),
  balanced: z.boolean(),
});

// ---------------------------------------------------------------- payment batches and reconciliation

export const CreateBatch = z.object({
  kind: z.enum(SUBSIDY_KINDS),
  claimIds: z.array(z.string().uuid()).min(1, '请选择要拨付的申领').max(2000),
});
export const BATCH_STATUSES = ['open', 'paid'] as const;
export const RECON_OUTCOMES = [
  'matched',
  'amount_mismatch',
  'payee_mismatch',
  'failed',
  'unknown_claim',
  'not_awaiting',
  'serial_invalid',
] as const;
export const RECON_OUTCOME_LABELS: Record<(typeof RECON_OUTCOMES)[number], string> = {
  matched: '相符',
  amount_mismatch: '金额不符',
  payee_mismatch: '收款人或账号不符',
  failed: '银行退回（失败）',
  unknown_claim: '未知申领',
  not_awaiting: '不在待对账状态',
  serial_invalid: '银行流水号缺失或重复',
};

export const Payment = z.object({
  id: z.string(),
  claimId: z.string(),
  personName: z.string(),
  payeeName: z.string(),
  bankAccount: z.string(),
  amountYuan: z.number(),
  status: z.enum(['pending', 'sent', 'settled', 'failed']),
  attempts: z.number(),
  bankSerial: z.string().nullable(),
});

export const ReconciliationLine = z.object({
  lineNo: z.number(),
  claimId: z.string(),
  payee: z.string(),
  account: z.string(),
  amountYuan: z.number().nullable(),
  result: z.string(),
  bankSerial: z.string(),
  outcome: z.enum(RECON_OUTCOMES),
  outcomeLabel: z.string(),
  note: z.string().nullable(),
});
export const Reconciliation = z.object({
  id: z.string(),
  batchId: z.string(),
  fileName: z.string(),
  uploadedAt: z.string(),
  counts: z.record(z.string(), z.number()),
  lines: z.array(ReconciliationLine),
});

export const Batch = z.object({
  id: z.string(),
  kind: z.enum(SUBSIDY_KINDS),
  kindLabel: z.string(),
  status: z.enum(BATCH_STATUSES),
  statusLabel: z.string(),
  count: z.number(),
  totalYuan: z.number(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  payments: z.array(Payment),
  reconciliations: z.array(Reconciliation),
});
export const BatchList = z.object({
  items: z.array(Batch.omit({ payments: true, reconciliations: true })),
});

export const UploadBankReturn = z.object({
  fileName: z.string().trim().min(1).max(200),
  csv: z.string().min(1, '文件为空').max(2_000_000),
});

/** Columns of the bank return file (Chinese header row; English headers are accepted too). */
export const BANK_RETURN_COLUMNS = ['申领编号', '收款人', '账号', '金额', '结果', '银行流水号'] as const;
