import { checkFile, cleanFileName, contentDisposition } from '../../kernel/http/files.js';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  AssessmentResult,
  CheckinRule,
  ClassStatus,
  CompletionRule,
  EducationFundRule,
  EnrolmentStatus,
  ReportStatus,
  RuleResult,
} from '../../../contracts/training.js';

/** Pure rules of training: transitions, the completion rule, check-in codes, the education-fund check. No I/O. */

// ---------------------------------------------------------------- transitions (one place)

/** Which class states each action starts from, and where it leads; services re-check inside the transaction. */
export const CLASS_TRANSITIONS = {
  enrol: { from: ['open'], to: null },
  schedule: { from: ['open'], to: null },
  attendance: { from: ['open'], to: null },
  assess: { from: ['open'], to: null },
  complete: { from: ['open'], to: 'completed' },
} as const satisfies Record<string, { from: readonly ClassStatus[]; to: ClassStatus | null }>;
export type ClassAction = keyof typeof CLASS_TRANSITIONS;

export const ENROLMENT_TRANSITIONS = {
  attend: { from: ['enrolled'], to: null },
  assess: { from: ['enrolled'], to: null },
  progress: { from: ['enrolled'], to: null },
  complete: { from: ['enrolled'], to: 'completed' },
  fail: { from: ['enrolled'], to: 'not_completed' },
} as const satisfies Record<string, { from: readonly EnrolmentStatus[]; to: EnrolmentStatus | null }>;
export type EnrolmentAction = keyof typeof ENROLMENT_TRANSITIONS;

export const REPORT_TRANSITIONS = {
  save: { from: ['draft'], to: null },
  submit: { from: ['draft'], to: 'submitted' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus | null }>;
export type ReportAction = keyof typeof REPORT_TRANSITIONS;

const CLASS_REFUSAL: Record<ClassStatus, string> = {
  open: '当前状态不允许此操作',
  completed: '班级已结业，不能再修改报名、课次、考勤或考核',
};
const ENROLMENT_REFUSAL: Record<EnrolmentStatus, string> = {
  enrolled: '当前状态不允许此操作',
  completed: '该学员已结业',
  not_completed: '该学员已按结业规则判定为未结业',
};
const REPORT_REFUSAL: Record<ReportStatus, string> = {
  draft: '当前状态不允许此操作',
  submitted: '年度培训报告已提交，不能再修改',
};

export function classRefusal(action: ClassAction, status: ClassStatus): string | null {
  return (CLASS_TRANSITIONS[action].from as readonly string[]).includes(status) ? null : CLASS_REFUSAL[status];
}
export function enrolmentRefusal(action: EnrolmentAction, status: EnrolmentStatus): string | null {
  return (ENROLMENT_TRANSITIONS[action].from as readonly string[]).includes(status) ? null : ENROLMENT_REFUSAL[status];
}
export function reportRefusal(action: ReportAction, status: ReportStatus): string | null {
  return (REPORT_TRANSITIONS[action].from as readonly string[]).includes(status) ? null : REPORT_REFUSAL[status];
}

// ---------------------------------------------------------------- completion rule

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * 结业规则 of a class: attended / scheduled sessions ≥ the setting's percentage (exactly the
 * percentage passes; compared without rounding) and, when the programme has an assessment and
 * the setting requires it, the assessment passed. A class without sessions cannot complete.
 */
export function classCompletion(
  input: { sessions: number; attended: number; assessmentRequired: boolean; assessment: AssessmentResult | null },
  rule: CompletionRule,
): RuleResult {
  const reasons: string[] = [];
  const pct = input.sessions > 0 ? (input.attended * 100) / input.sessions : null;
  if (pct === null) reasons.push('班级没有排课，无法计算出勤率');
  // attended × 100 ≥ X × sessions: no floating-point edge at exactly X %.
  else if (input.attended * 100 < rule.attendanceMinPercent * input.sessions)
    reasons.push(`出勤率 ${round1(pct)}% 低于结业要求 ${rule.attendanceMinPercent}%`);
  reasons.push(...assessmentReasons(input, rule));
  return {
    eligible: reasons.length === 0,
    attendancePercent: pct === null ? null : round1(pct),
    lessonsDone: null,
    lessonsTotal: null,
    reasons,
  };
}

/** 云课堂: every lesson done and, when the programme has an assessment, passed. */
export function cloudCompletion(
  input: { lessons: number; done: number; assessmentRequired: boolean; assessment: AssessmentResult | null },
  rule: CompletionRule,
): RuleResult {
  const reasons: string[] = [];
  if (input.lessons === 0) reasons.push('课程尚无课时');
  else if (input.done < input.lessons) reasons.push(`已学完 ${input.done}/${input.lessons} 个课时`);
  reasons.push(...assessmentReasons(input, rule));
  return {
    eligible: reasons.length === 0,
    attendancePercent: null,
    lessonsDone: input.done,
    lessonsTotal: input.lessons,
    reasons,
  };
}

function assessmentReasons(
  input: { assessmentRequired: boolean; assessment: AssessmentResult | null },
  rule: CompletionRule,
): string[] {
  if (!input.assessmentRequired || !rule.requireAssessmentPass) return [];
  if (input.assessment === null) return ['尚未录入考核结果'];
  if (input.assessment !== 'passed') return ['考核不合格'];
  return [];
}

/** The 实践应用结业证书 number of a completed enrolment: unique per enrolment, stable (re-runs find it). */
export function certificateNumber(enrolmentId: string): string {
  return 'JXTC-' + enrolmentId.replace(/-/g, '').toUpperCase();
}

// ---------------------------------------------------------------- check-in codes

/** The window of an instant: floor(epoch ms / window length). */
export function windowOf(at: Date, rule: Pick<CheckinRule, 'windowMinutes'>): number {
  return Math.floor(at.getTime() / (rule.windowMinutes * 60_000));
}

/** The 6-digit code of a session's secret in a window: HMAC-SHA256(secret, sessionId:window), dynamic truncation. */
export function checkinCode(secret: string, sessionId: string, window: number): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'hex')).update(`${sessionId}:${window}`).digest();
  const off = mac[mac.length - 1]! & 0x0f;
  const n = mac.readUInt32BE(off) & 0x7fffffff;
  return String(n % 1_000_000).padStart(6, '0');
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A code entered at `at`: 'valid' when it is the code of the current window or of the one
 * before (so a code shown is accepted for at least one full window), 'expired' when it is the
 * code of one of the 12 windows before that, else 'wrong'.
 */
export function judgeCode(
  secret: string,
  sessionId: string,
  code: string,
  at: Date,
  rule: Pick<CheckinRule, 'windowMinutes'>,
): 'valid' | 'expired' | 'wrong' {
  const w = windowOf(at, rule);
  if (same(checkinCode(secret, sessionId, w), code) || same(checkinCode(secret, sessionId, w - 1), code))
    return 'valid';
  for (let k = 2; k <= 13; k++) if (same(checkinCode(secret, sessionId, w - k), code)) return 'expired';
  return 'wrong';
}

/** Check-in is open from `margin` minutes before the session starts until `margin` minutes after it ends. */
export function checkinOpen(
  s: { startsAt: Date; endsAt: Date },
  at: Date,
  rule: Pick<CheckinRule, 'openMarginMinutes'>,
): boolean {
  const m = rule.openMarginMinutes * 60_000;
  return at.getTime() >= s.startsAt.getTime() - m && at.getTime() <= s.endsAt.getTime() + m;
}

// ---------------------------------------------------------------- education funds (C1)

/**
 * 职工教育经费用于一线职工的比例 and the check against the setting (≥ 60 % by default):
 * share = frontline / basis (funds used, or extracted); null when the basis is 0.
 */
export function frontlineFundCheck(
  r: { fundsExtracted: number; fundsUsed: number; fundsFrontline: number },
  rule: EducationFundRule,
): { share: number | null; meets: boolean | null; warning: string | null } {
  const basis = rule.basis === 'used' ? r.fundsUsed : r.fundsExtracted;
  if (!(basis > 0)) return { share: null, meets: null, warning: null };
  const share = r.fundsFrontline / basis;
  // In cents and basis points, as integers: exactly 60 % meets.
  const meets =
    BigInt(Math.round(r.fundsFrontline * 100)) * 10_000n >=
    BigInt(Math.round(rule.frontlineMinShare * 10_000)) * BigInt(Math.round(basis * 100));
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return {
    share: Math.round(share * 10_000) / 10_000,
    meets,
    warning: meets
      ? null
      : `职工教育经费用于一线职工的比例为 ${pct(share)}，低于 ${pct(rule.frontlineMinShare)} 的要求（国发〔2010〕36号）`,
  };
}

/** Whether a report's funds are consistent: used on frontline ≤ used; a Chinese reason otherwise. */
export function reportProblem(r: {
  personTimes: number;
  frontlinePersonTimes: number;
  fundsUsed: number;
  fundsFrontline: number;
}): string | null {
  if (r.frontlinePersonTimes > r.personTimes) return '一线职工人次不能大于培训总人次';
  if (r.fundsFrontline > r.fundsUsed) return '用于一线职工的经费不能大于经费使用总额';
  return null;
}

// ---------------------------------------------------------------- lesson files

export const LESSON_MAX_BYTES = 20 * 1024 * 1024;
export const LESSON_ACCEPT = '.pdf,.pptx,.docx,.mp4,.jpg,.jpeg,.png';

/** Allowed lesson files (the kernel's file table checks extension and first bytes, mp4 at its ftyp box). */
const LESSON_EXTENSIONS = ['pdf', 'pptx', 'docx', 'mp4', 'jpg', 'jpeg', 'png'];

export { cleanFileName, contentDisposition };

/** The content type of an acceptable lesson file, or the Chinese reason it is refused. */
export function checkLessonFile(fileName: string, data: Buffer) {
  return checkFile(fileName, data, {
    extensions: LESSON_EXTENSIONS,
    maxBytes: LESSON_MAX_BYTES,
    typeMessage: '课时文件只能是 PDF、PPT（.pptx）、Word（.docx）、MP4 视频、JPG 或 PNG',
  });
}
