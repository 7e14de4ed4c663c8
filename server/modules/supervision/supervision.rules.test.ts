import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, Rubric } from '../../../contracts/supervision.js';
import {
  assessmentRefusal,
  checkEvidence,
  cleanFileName,
  contentDisposition,
  EVIDENCE_MAX_BYTES,
  isOverdue,
  rectificationRefusal,
  rubricMax,
  scoreAgainst,
} from './supervision.rules.js';

const pdf = (n = 10) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, n - 9))]);

describe('workflow', () => {
  it('allows only the declared transitions', () => {
    expect(assessmentRefusal('submit', 'draft')).toBeNull();
    expect(assessmentRefusal('submit', 'returned')).toBeNull();
    expect(assessmentRefusal('submit', 'submitted')).toBe('自评已提交，请勿重复提交');
    expect(assessmentRefusal('score', 'draft')).toBe('自评尚未提交，不能评分');
    expect(assessmentRefusal('score', 'submitted')).toBeNull();
    expect(assessmentRefusal('return', 'scored')).toBe('自评已评分，不能退回');
    expect(assessmentRefusal('save', 'scored')).toMatch(/不能再修改/);
    expect(rectificationRefusal('report', 'open')).toBeNull();
    expect(rectificationRefusal('accept', 'open')).toMatch(/尚未报送/);
    expect(rectificationRefusal('reject', 'reported')).toBeNull();
    expect(rectificationRefusal('report', 'closed')).toBe('整改事项已销号');
  });
});

describe('evidence files', () => {
  it('accepts pdf, docx, xlsx, jpg and png whose bytes match', () => {
    expect(checkEvidence('自评报告.pdf', pdf())).toEqual({
      ok: true,
      fileName: '自评报告.pdf',
      contentType: 'application/pdf',
    });
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]);
    expect(checkEvidence('a.DOCX', zip)).toMatchObject({ ok: true });
    expect(checkEvidence('a.xlsx', zip)).toMatchObject({ ok: true });
    expect(checkEvidence('a.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ contentType: 'image/jpeg' });
    expect(checkEvidence('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toMatchObject({
      contentType: 'image/png',
    });
  });
  it('refuses other kinds, disguised files, empty and too large files', () => {
    expect(checkEvidence('a.exe', pdf())).toMatchObject({ ok: false, message: expect.stringContaining('只能是') });
    expect(checkEvidence('a.doc', pdf())).toMatchObject({ ok: false });
    expect(checkEvidence('noext', pdf())).toMatchObject({ ok: false });
    expect(checkEvidence('a.pdf', Buffer.from('MZ\x90\x00'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('不是有效的 .pdf'),
    });
    expect(checkEvidence('a.pdf', Buffer.alloc(0))).toMatchObject({
      ok: false,
      message: expect.stringContaining('文件为空'),
    });
    expect(checkEvidence('a.pdf', pdf(EVIDENCE_MAX_BYTES))).toMatchObject({ ok: true });
    expect(checkEvidence('a.pdf', pdf(EVIDENCE_MAX_BYTES + 1))).toMatchObject({
      ok: false,
      message: expect.stringContaining('20 MB'),
    });
  });
  it('keeps only the base name and quotes a Chinese name per RFC 5987', () => {
    expect(cleanFileName('C:\\Users\\x\\佐证"1".pdf')).toBe('佐证1.pdf');
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('长'.repeat(300) + '.pdf')).toHaveLength(200);
    expect(contentDisposition('济南市自评(终稿).pdf')).toBe(
      `attachment; filename="_____(__).pdf"; filename*=UTF-8''%E6%B5%8E%E5%8D%97%E5%B8%82%E8%87%AA%E8%AF%84%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
  });
});

describe('scores against the rubric', () => {
  const all = (score: number) => DEFAULT_RUBRIC.items.map((i) => ({ key: i.key, score }));
  it('totals 0 … max of each item', () => {
    expect(rubricMax(DEFAULT_RUBRIC)).toBe(100);
    expect(scoreAgainst(DEFAULT_RUBRIC, all(0))).toMatchObject({ ok: true, total: 0, max: 100 });
    const full = DEFAULT_RUBRIC.items.map((i) => ({ key: i.key, score: i.maxPoints }));
    expect(scoreAgainst(DEFAULT_RUBRIC, full)).toMatchObject({ ok: true, total: 100 });
    expect(scoreAgainst(DEFAULT_RUBRIC, all(12.5))).toMatchObject({ ok: true, total: 62.5 });
  });
  it('refuses max + 0.1, negatives, missing, unknown and repeated items, two decimals', () => {
    const over = all(10).map((i) => (i.key === 'platform_building' ? { ...i, score: 15.1 } : i));
    expect(scoreAgainst(DEFAULT_RUBRIC, over)).toEqual({ ok: false, message: '「平台建设」得分应在 0–15 分之间' });
    expect(scoreAgainst(DEFAULT_RUBRIC, all(-1))).toMatchObject({ ok: false });
    expect(scoreAgainst(DEFAULT_RUBRIC, all(10).slice(1))).toEqual({ ok: false, message: '请为「组织领导」打分' });
    expect(scoreAgainst(DEFAULT_RUBRIC, [...all(10), { key: 'x', score: 1 }])).toMatchObject({ ok: false });
    expect(scoreAgainst(DEFAULT_RUBRIC, [...all(10), { key: 'leadership', score: 1 }])).toMatchObject({ ok: false });
    expect(scoreAgainst(DEFAULT_RUBRIC, all(10.25))).toMatchObject({
      ok: false,
      message: expect.stringContaining('一位小数'),
    });
  });
  it('the rubric setting refuses repeated keys and an empty list', () => {
    expect(Rubric.safeParse({ items: [] }).success).toBe(false);
    const item = { key: 'a', title: '甲', maxPoints: 10 };
    expect(Rubric.safeParse({ items: [item, item] }).success).toBe(false);
    expect(Rubric.safeParse(DEFAULT_RUBRIC).success).toBe(true);
  });
});

describe('overdue', () => {
  it('is the deadline day passed and not closed', () => {
    expect(isOverdue('2026-12-01', 'open', '2026-12-01')).toBe(false);
    expect(isOverdue('2026-12-01', 'open', '2026-12-02')).toBe(true);
    expect(isOverdue('2026-12-01', 'reported', '2026-12-02')).toBe(true);
    expect(isOverdue('2026-12-01', 'closed', '2027-01-01')).toBe(false);
  });
});
