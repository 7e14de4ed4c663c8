import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETION_RULE, DEFAULT_EDUCATION_FUND_RULE } from '../../../contracts/training.js';
import {
  checkinCode,
  checkinOpen,
  classCompletion,
  classRefusal,
  cloudCompletion,
  enrolmentRefusal,
  frontlineFundCheck,
  judgeCode,
  reportRefusal,
  windowOf,
} from './training.rules.js';

const rule = DEFAULT_COMPLETION_RULE;
const cls = (sessions: number, attended: number, assessment: 'passed' | 'failed' | null = 'passed') =>
  classCompletion({ sessions, attended, assessmentRequired: true, assessment }, rule);

describe('the completion rule (attendance ≥ 80 %, assessment passed)', () => {
  it('passes at exactly the threshold and fails one session below', () => {
    expect(cls(5, 4)).toMatchObject({ eligible: true, attendancePercent: 80, reasons: [] });
    expect(cls(5, 3)).toMatchObject({ eligible: false, attendancePercent: 60 });
    expect(cls(5, 3).reasons[0]).toContain('低于结业要求 80%');
    expect(cls(10, 8).eligible).toBe(true);
    expect(cls(10, 7).eligible).toBe(false);
    // 80 % of 3 sessions is 2.4: 2 attended is below, 3 meets.
    expect(cls(3, 2).eligible).toBe(false);
    expect(cls(3, 3).eligible).toBe(true);
  });
  it('follows the setting', () => {
    const r = classCompletion(
      { sessions: 10, attended: 7, assessmentRequired: true, assessment: 'passed' },
      {
        attendanceMinPercent: 70,
        requireAssessmentPass: true,
      },
    );
    expect(r.eligible).toBe(true);
  });
  it('needs the assessment passed when the programme has one', () => {
    expect(cls(5, 5, null).reasons).toEqual(['尚未录入考核结果']);
    expect(cls(5, 5, 'failed').reasons).toEqual(['考核不合格']);
    expect(
      classCompletion({ sessions: 5, attended: 5, assessmentRequired: false, assessment: null }, rule).eligible,
    ).toBe(true);
    expect(
      classCompletion(
        { sessions: 5, attended: 5, assessmentRequired: true, assessment: null },
        { ...rule, requireAssessmentPass: false },
      ).eligible,
    ).toBe(true);
  });
  it('refuses a class without sessions', () => {
    expect(cls(0, 0)).toMatchObject({ eligible: false, attendancePercent: null });
  });
  it('completes a cloud course when every lesson is done (and the assessment passed)', () => {
    const c = (done: number, assessment: 'passed' | null) =>
      cloudCompletion({ lessons: 3, done, assessmentRequired: true, assessment }, rule);
    expect(c(2, 'passed')).toMatchObject({ eligible: false, lessonsDone: 2, lessonsTotal: 3 });
    expect(c(3, null).eligible).toBe(false);
    expect(c(3, 'passed').eligible).toBe(true);
    expect(cloudCompletion({ lessons: 0, done: 0, assessmentRequired: false, assessment: null }, rule).eligible).toBe(
      false,
    );
  });
});

describe('transitions', () => {
  it('allows work on an open class only', () => {
    expect(classRefusal('enrol', 'open')).toBeNull();
    expect(classRefusal('complete', 'completed')).toContain('已结业');
    expect(enrolmentRefusal('assess', 'completed')).toContain('已结业');
    expect(reportRefusal('save', 'submitted')).toContain('已提交');
    expect(reportRefusal('submit', 'draft')).toBeNull();
  });
});

describe('rotating check-in codes (HMAC of the session secret and the time window)', () => {
  const secret = 'ab'.repeat(32);
  const id = '11111111-1111-1111-1111-111111111111';
  const r = { windowMinutes: 5 };
  const at = new Date('2026-11-30T02:00:00Z');
  const min = (n: number) => new Date(at.getTime() + n * 60_000);

  it('is six digits, stable within a window, and rotates', () => {
    const w = windowOf(at, r);
    expect(checkinCode(secret, id, w)).toMatch(/^\d{6}$/);
    expect(checkinCode(secret, id, windowOf(min(4.9), r))).toBe(checkinCode(secret, id, w));
    expect(checkinCode(secret, id, w + 1)).not.toBe(checkinCode(secret, id, w));
    expect(checkinCode('cd'.repeat(32), id, w)).not.toBe(checkinCode(secret, id, w));
  });
  it('accepts the current and the previous window, calls older codes expired, others wrong', () => {
    const code = checkinCode(secret, id, windowOf(at, r));
    expect(judgeCode(secret, id, code, at, r)).toBe('valid');
    expect(judgeCode(secret, id, code, min(5), r)).toBe('valid');
    expect(judgeCode(secret, id, code, min(10), r)).toBe('expired');
    expect(judgeCode(secret, id, code === '000000' ? '000001' : '000000', at, r)).toBe('wrong');
  });
  it('is open from the margin before the start until the margin after the end', () => {
    const s = { startsAt: new Date('2026-11-30T02:00:00Z'), endsAt: new Date('2026-11-30T04:00:00Z') };
    const o = { openMarginMinutes: 30 };
    expect(checkinOpen(s, new Date('2026-11-30T01:30:00Z'), o)).toBe(true);
    expect(checkinOpen(s, new Date('2026-11-30T01:29:59Z'), o)).toBe(false);
    expect(checkinOpen(s, new Date('2026-11-30T04:30:00Z'), o)).toBe(true);
    expect(checkinOpen(s, new Date('2026-11-30T04:30:01Z'), o)).toBe(false);
  });
});

describe('education funds on frontline workers (C1, ≥ 60 %)', () => {
  const f = (used: number, frontline: number) =>
    frontlineFundCheck(
      { fundsExtracted: 100_000, fundsUsed: used, fundsFrontline: frontline },
      DEFAULT_EDUCATION_FUND_RULE,
    );
  it('meets at exactly 60 % and warns below', () => {
    expect(f(1000, 600)).toEqual({ share: 0.6, meets: true, warning: null });
    expect(f(1000, 599.99)).toMatchObject({ meets: false });
    expect(f(1000, 599.99).warning).toContain('低于 60%');
    expect(f(0, 0)).toEqual({ share: null, meets: null, warning: null });
  });
  it('can be measured against the funds extracted', () => {
    const r = frontlineFundCheck(
      { fundsExtracted: 2000, fundsUsed: 1000, fundsFrontline: 1000 },
      { frontlineMinShare: 0.6, basis: 'extracted' },
    );
    expect(r).toMatchObject({ share: 0.5, meets: false });
  });
});
