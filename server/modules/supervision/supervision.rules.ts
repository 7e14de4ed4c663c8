import { checkFile, cleanFileName, contentDisposition } from '../../kernel/http/files.js';
import type { AssessmentStatus, RectificationStatus, Rubric } from '../../../contracts/supervision.js';

/** Pure rules of 督导评估: the workflow, evidence files, scores against the rubric, overdue. */

// ---------------------------------------------------------------- workflow

/** Which states each action starts from, and where it leads (one place; services re-check inside the transaction). */
export const ASSESSMENT_TRANSITIONS = {
  save: { from: ['draft', 'returned'], to: null },
  evidence: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  score: { from: ['submitted'], to: 'scored' },
} as const satisfies Record<string, { from: readonly AssessmentStatus[]; to: AssessmentStatus | null }>;
export type AssessmentAction = keyof typeof ASSESSMENT_TRANSITIONS;

export const RECTIFICATION_TRANSITIONS = {
  evidence: { from: ['open'], to: null },
  report: { from: ['open'], to: 'reported' },
  accept: { from: ['reported'], to: 'closed' },
  reject: { from: ['reported'], to: 'open' },
} as const satisfies Record<string, { from: readonly RectificationStatus[]; to: RectificationStatus | null }>;
export type RectificationAction = keyof typeof RECTIFICATION_TRANSITIONS;

const ASSESSMENT_REFUSALS: Record<AssessmentAction, Partial<Record<AssessmentStatus, string>>> = {
  save: { submitted: '自评已提交，不能再修改；如需修改请联系省级管理员退回', scored: '自评已评分，不能再修改' },
  evidence: {
    submitted: '自评已提交，不能再增删佐证材料；如需修改请联系省级管理员退回',
    scored: '自评已评分，不能再增删佐证材料',
  },
  submit: { submitted: '自评已提交，请勿重复提交', scored: '自评已评分，不能再提交' },
  return: {
    draft: '自评尚未提交，不能退回',
    returned: '自评已退回修改，等待市级重新提交',
    scored: '自评已评分，不能退回',
  },
  score: {
    draft: '自评尚未提交，不能评分',
    returned: '自评已退回修改，等待市级重新提交后再评分',
    scored: '自评已评分，不能重复评分',
  },
};

const RECTIFICATION_REFUSALS: Record<RectificationAction, Partial<Record<RectificationStatus, string>>> = {
  evidence: { reported: '整改情况已报送，等待省级审核，不能再增删佐证材料', closed: '整改事项已销号' },
  report: { reported: '整改情况已报送，等待省级审核', closed: '整改事项已销号' },
  accept: { open: '市级尚未报送整改情况，不能销号', closed: '整改事项已销号' },
  reject: { open: '市级尚未报送整改情况，无需退回', closed: '整改事项已销号，不能退回' },
};

/** null when the action is allowed from this state, else the Chinese reason for the 409. */
export function assessmentRefusal(action: AssessmentAction, status: AssessmentStatus): string | null {
  if ((ASSESSMENT_TRANSITIONS[action].from as readonly string[]).includes(status)) return null;
  return ASSESSMENT_REFUSALS[action][status] ?? '当前状态不允许此操作';
}

export function rectificationRefusal(action: RectificationAction, status: RectificationStatus): string | null {
  if ((RECTIFICATION_TRANSITIONS[action].from as readonly string[]).includes(status)) return null;
  return RECTIFICATION_REFUSALS[action][status] ?? '当前状态不允许此操作';
}

// ---------------------------------------------------------------- evidence files

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 30;

/** Allowed kinds (the kernel's file table checks extension and first bytes). */
export const EVIDENCE_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'jpg', 'jpeg', 'png'];
export const EVIDENCE_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

export { cleanFileName, contentDisposition };

/** The content type of an acceptable evidence file, or the Chinese reason it is refused. */
export function checkEvidence(fileName: string, data: Buffer) {
  return checkFile(fileName, data, {
    extensions: EVIDENCE_EXTENSIONS,
    maxBytes: EVIDENCE_MAX_BYTES,
    typeMessage: '佐证材料只能是 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件',
  });
}

// ---------------------------------------------------------------- scores

const round1 = (n: number) => Math.round(n * 10) / 10;

export function rubricMax(rubric: Rubric): number {
  return round1(rubric.items.reduce((a, i) => a + i.maxPoints, 0));
}

/**
 * Scores against the rubric: every item exactly once, 0 ≤ score ≤ its maximum, at most one
 * decimal. Returns the items (with title and maximum as of now) and the total, or the reason.
 */
export function scoreAgainst(
  rubric: Rubric,
  input: { key: string; score: number }[],
):
  | { ok: true; items: { key: string; title: string; maxPoints: number; score: number }[]; total: number; max: number }
  | { ok: false; message: string } {
  const byKey = new Map<string, number>();
  for (const i of input) {
    if (byKey.has(i.key)) return { ok: false, message: `评分项「${i.key}」重复` };
    byKey.set(i.key, i.score);
  }
  for (const k of byKey.keys())
    if (!rubric.items.some((r) => r.key === k)) return { ok: false, message: `评分细则中没有评分项「${k}」` };
  const items = [];
  for (const r of rubric.items) {
    const score = byKey.get(r.key);
    if (score === undefined) return { ok: false, message: `请为「${r.title}」打分` };
    if (!Number.isFinite(score) || score < 0 || score > r.maxPoints)
      return { ok: false, message: `「${r.title}」得分应在 0–${r.maxPoints} 分之间` };
    if (Math.abs(score * 10 - Math.round(score * 10)) > 1e-9)
      return { ok: false, message: `「${r.title}」得分最多保留一位小数` };
    items.push({ key: r.key, title: r.title, maxPoints: r.maxPoints, score });
  }
  return { ok: true, items, total: round1(items.reduce((a, i) => a + i.score, 0)), max: rubricMax(rubric) };
}

// ---------------------------------------------------------------- overdue

/** Overdue: the deadline (a calendar day) has passed — today is later — and the item is not closed. */
export function isOverdue(deadline: string, status: RectificationStatus, today: string): boolean {
  return status !== 'closed' && today > deadline;
}
