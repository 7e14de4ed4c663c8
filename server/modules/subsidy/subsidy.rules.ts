import {
  SUBSIDY_CREDENTIAL_KIND,
  SUBSIDY_KIND_LABELS,
  SUBSIDY_RULE_LABELS,
  type ClaimStatus,
  type SubsidyKind,
  type SubsidyKindPolicy,
  type SubsidyPolicyVersion,
  type SubsidyRule,
} from '../../../contracts/subsidy.js';

/** Pure rules of 补贴: the claim workflow, the policy version, eligibility, amounts. No I/O. */

// ---------------------------------------------------------------- workflow (the one table)

/**
 * Which states each action starts from and where it leads. Services re-check the state inside
 * the transaction, on the row locked with SELECT … FOR UPDATE.
 */
export const CLAIM_TRANSITIONS = {
  review_pass: { from: ['submitted'], to: 'in_notice' },
  review_reject: { from: ['submitted'], to: 'rejected' },
  object: { from: ['in_notice'], to: null },
  uphold_objection: { from: ['in_notice'], to: 'rejected' },
  dismiss_objection: { from: ['in_notice'], to: null },
  approve: { from: ['in_notice'], to: 'approved' },
  reject: { from: ['in_notice'], to: 'rejected' },
  batch: { from: ['approved'], to: 'in_batch' },
  pay: { from: ['in_batch'], to: 'paid' },
  reconcile: { from: ['paid'], to: 'reconciled' },
  bank_failed: { from: ['paid'], to: 'approved' },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; to: ClaimStatus | null }>;
export type ClaimAction = keyof typeof CLAIM_TRANSITIONS;

/** States that hold the one-claim-per-person×kind×occupation×level slot (the partial unique index too). */
export const ACTIVE_STATUSES: readonly ClaimStatus[] = [
  'submitted',
  'in_notice',
  'approved',
  'in_batch',
  'paid',
  'reconciled',
];

const STATE_WORDS: Record<ClaimStatus, string> = {
  submitted: '申领待审核',
  in_notice: '申领正在公示',
  approved: '申领已审批',
  in_batch: '申领已列入拨付批次',
  paid: '补贴已拨付',
  reconciled: '补贴已拨付并对账',
  rejected: '申领未通过',
};
const ACTION_WORDS: Record<ClaimAction, string> = {
  review_pass: '审核',
  review_reject: '审核',
  object: '登记异议',
  uphold_objection: '处理异议',
  dismiss_objection: '处理异议',
  approve: '审批',
  reject: '不予审批',
  batch: '列入拨付批次',
  pay: '拨付',
  reconcile: '对账',
  bank_failed: '银行退回',
};

/** null when the action is allowed from this state, else the Chinese reason (409). */
export function claimRefusal(action: ClaimAction, status: ClaimStatus): string | null {
  if ((CLAIM_TRANSITIONS[action].from as readonly string[]).includes(status)) return null;
  return `${STATE_WORDS[status]}，不能${ACTION_WORDS[action]}`;
}

// ---------------------------------------------------------------- dates (Asia/Shanghai calendar days)

const toUtc = (day: string) => new Date(day + 'T00:00:00Z');
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}

/** `day` plus `months` calendar months, clamped to the month's last day (01-31 + 1 month → 02-28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fmt(new Date(Date.UTC(year, month, Math.min(d, last))));
}

/**
 * The last day to apply: "证书核发之日起 N 个月内" — the day before the same date N months later
 * (issued 2025-12-01, 12 months → 2026-11-30 is the last day; 2026-12-01 is too late).
 */
export function windowLastDay(issuedOn: string, months: number): string {
  return addDays(addMonths(issuedOn, months), -1);
}

/** The notice runs `days` calendar days from the review day; the province may approve from the day after (0 days: at once). */
export function noticeEnd(reviewDay: string, days: number): string {
  return addDays(reviewDay, days);
}

// ---------------------------------------------------------------- policy

/** The version in force on a day (the claim uses the one in force on its credential's date). */
export function versionOn(kind: SubsidyKindPolicy, day: string): SubsidyPolicyVersion | undefined {
  return kind.versions
    .filter((v) => v.effectiveFrom <= day && (v.effectiveTo === null || v.effectiveTo >= day))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** The amount row for a level and programme type: exact, then level + any type, any level + type, any. */
export function amountFor(
  v: SubsidyPolicyVersion,
  levelCode: string | null,
  programmeType: string | null,
): { found: boolean; amountYuan: number | null } {
  const lv = levelCode ?? '*';
  const pt = programmeType ?? '*';
  for (const [l, p] of [
    [lv, pt],
    [lv, '*'],
    ['*', pt],
    ['*', '*'],
  ] as const) {
    const row = v.amounts.find((a) => a.levelCode === l && a.programmeType === p);
    if (row) return { found: true, amountYuan: row.amountYuan };
  }
  return { found: false, amountYuan: null };
}

// ---------------------------------------------------------------- eligibility

export interface CredentialFacts {
  credentialId: string;
  kind: string;
  digital: boolean;
  occupationCode: string | null;
  levelCode: string | null;
  programmeType: string | null;
  issuedOn: string;
  /** valid / revoked / expired / not_yet_valid, as on today. */
  status: string;
}

export interface PriorClaim {
  id: string;
  kind: SubsidyKind;
  credentialId: string;
  occupationCode: string | null;
  levelCode: string | null;
  status: ClaimStatus;
  budgetYear: number;
}

export type Decision =
  | { ok: true; amountYuan: number; version: SubsidyPolicyVersion; lastDay: string }
  | { ok: false; rule: SubsidyRule; message: string; lastDay: string | null; version: SubsidyPolicyVersion | null };

const refuse = (
  rule: SubsidyRule,
  message: string,
  lastDay: string | null = null,
  version: SubsidyPolicyVersion | null = null,
): Decision => ({ ok: false, rule, message: `${message}（${SUBSIDY_RULE_LABELS[rule]}）`, lastDay, version });

/**
 * May this credential be claimed as this kind of subsidy today? Every refusal names its rule
 * (Chinese). `prior` are the person's claims of any state; `levelOrdinal` orders the 新八级工 ladder.
 */
export function evaluate(input: {
  kind: SubsidyKind;
  policy: SubsidyKindPolicy;
  credential: CredentialFacts;
  prior: PriorClaim[];
  today: string;
  levelOrdinal: ReadonlyMap<string, number>;
}): Decision {
  const { kind, credential: c, today } = input;
  const label = SUBSIDY_KIND_LABELS[kind];
  if (c.kind !== SUBSIDY_CREDENTIAL_KIND[kind])
    return refuse(
      'credential_kind',
      kind === 'training' ? `${label}只能凭数字技能培训的实践应用结业证书申领` : `${label}只能凭职业技能等级证书申领`,
    );
  if (kind === 'training' && !c.digital)
    return refuse('credential_kind', `${label}只能凭数字技能培训的实践应用结业证书申领，该结业证书不属于数字技能培训`);
  if (c.status !== 'valid') return refuse('credential_status', '证书已撤销、过期或尚未生效，不能申领');
  const version = versionOn(input.policy, c.issuedOn);
  if (!version) return refuse('policy_version', `证书日期 ${c.issuedOn} 没有适用的${label}政策版本`);
  const lastDay = windowLastDay(c.issuedOn, version.windowMonths);
  if (today > lastDay)
    return refuse(
      'application_window',
      `应在证书日期起 ${version.windowMonths} 个月内（${lastDay} 前）申领，已超过申请期限`,
      lastDay,
      version,
    );
  const amount = amountFor(version, c.levelCode, c.programmeType);
  if (amount.amountYuan === null)
    return refuse(
      'amount_not_set',
      `「${version.version}」未设定该等级（类型）的${label}标准，暂不能申领`,
      lastDay,
      version,
    );
  const active = input.prior.filter(
    (p) => p.kind === kind && (ACTIVE_STATUSES as readonly string[]).includes(p.status),
  );
  const sameOcc = active.filter((p) => (p.occupationCode ?? '') === (c.occupationCode ?? ''));
  if (sameOcc.some((p) => (p.levelCode ?? '') === (c.levelCode ?? '')))
    return refuse('once_per_level', `同一职业（工种）同一等级的${label}只能享受一次，已有申领`, lastDay, version);
  const ord = (l: string | null) => (l ? (input.levelOrdinal.get(l) ?? 0) : 0);
  if (c.levelCode && sameOcc.some((p) => ord(p.levelCode) > ord(c.levelCode)))
    return refuse(
      'lower_after_higher',
      `已享受（或正在申领）同一职业更高等级的${label}，不再享受低等级`,
      lastDay,
      version,
    );
  if (version.perPersonPerYear === null)
    return refuse('limit_not_set', `「${version.version}」未设定每人每年享受次数上限，暂不能申领`, lastDay, version);
  const year = Number(today.slice(0, 4));
  const thisYear = active.filter((p) => p.budgetYear === year).length;
  if (thisYear >= version.perPersonPerYear)
    return refuse(
      'per_year_limit',
      `每人每年最多享受 ${version.perPersonPerYear} 次${label}，${year} 年已申领 ${thisYear} 次`,
      lastDay,
      version,
    );
  return { ok: true, amountYuan: amount.amountYuan, version, lastDay };
}

// ---------------------------------------------------------------- money and masks

export const yuanToCents = (y: number) => Math.round(y * 100);
export const centsToYuan = (c: number | bigint) => Number(c) / 100;

/** A bank account as shown: only the last four digits. */
export function maskAccount(tail4: string): string {
  return '**** **** **** ' + tail4;
}

/** A name on the public notice: the family name and stars (张**). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}

// ---------------------------------------------------------------- bank return file

export interface BankReturnRow {
  lineNo: number;
  claimId: string;
  payee: string;
  account: string;
  amountYuan: number | null;
  result: string;
  bankSerial: string;
  success: boolean | null;
}

const HEADERS: Record<string, keyof Omit<BankReturnRow, 'lineNo' | 'amountYuan' | 'success'> | 'amount'> = {
  申领编号: 'claimId',
  claim_id: 'claimId',
  收款人: 'payee',
  payee: 'payee',
  账号: 'account',
  account: 'account',
  金额: 'amount',
  amount: 'amount',
  结果: 'result',
  result: 'result',
  银行流水号: 'bankSerial',
  bank_serial: 'bankSerial',
};

/** Split one CSV line (RFC 4180 quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** The bank return CSV: a header row (申领编号, 收款人, 账号, 金额, 结果, 银行流水号) and one row per payment. */
export function parseBankReturn(csv: string): { ok: true; rows: BankReturnRow[] } | { ok: false; message: string } {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l, i) => ({ l, n: i + 1 }))
    .filter((x) => x.l.trim() !== '');
  if (lines.length === 0) return { ok: false, message: '文件为空' };
  const header = splitCsv(lines[0]!.l).map((h) => HEADERS[h.toLowerCase()] ?? HEADERS[h]);
  for (const need of ['claimId', 'payee', 'account', 'amount', 'result', 'bankSerial'] as const)
    if (!header.includes(need))
      return {
        ok: false,
        message: '银行回盘文件缺少列：申领编号、收款人、账号、金额、结果、银行流水号（第一行为表头）',
      };
  const rows: BankReturnRow[] = [];
  for (const { l, n } of lines.slice(1)) {
    const cells = splitCsv(l);
    const get = (k: string) => cells[header.indexOf(k as never)] ?? '';
    const amountText = get('amount').replace(/[,，¥元\s]/g, '');
    const amount = /^\d+(\.\d{1,2})?$/.test(amountText) ? Number(amountText) : null;
    const result = get('result');
    const r = result.toLowerCase();
    const success = ['成功', 'success', 'ok', '已入账'].includes(r)
      ? true
      : ['失败', 'failed', 'fail', '退回'].includes(r)
        ? false
        : null;
    rows.push({
      lineNo: n,
      claimId: get('claimId'),
      payee: get('payee'),
      account: get('account'),
      amountYuan: amount,
      result,
      bankSerial: get('bankSerial'),
      success,
    });
  }
  return { ok: true, rows };
}

/** The last four digits of a (masked) account as the bank writes it back. */
export function accountTail(masked: string): string {
  const digits = masked.replace(/\D/g, '');
  return digits.slice(-4);
}
