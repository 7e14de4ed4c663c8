import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBSIDY_POLICY, type SubsidyKindPolicy } from '../../../contracts/subsidy.js';
import {
  addMonths,
  amountFor,
  claimRefusal,
  evaluate,
  maskAccount,
  noticeEnd,
  parseBankReturn,
  versionOn,
  windowLastDay,
  type CredentialFacts,
  type PriorClaim,
} from './subsidy.rules.js';

const LEVELS = new Map([
  ['JUNIOR', 2],
  ['INTERMEDIATE', 3],
  ['SENIOR', 4],
  ['TECHNICIAN', 5],
]);

const skill: SubsidyKindPolicy = {
  payee: 'person',
  versions: [
    { ...DEFAULT_SUBSIDY_POLICY.skill_upgrade.versions[0]!, perPersonPerYear: 3, effectiveTo: '2025-12-31' },
    {
      version: '鲁 2026 新版',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      amounts: [
        { levelCode: 'JUNIOR', programmeType: '*', amountYuan: 1200 },
        { levelCode: 'INTERMEDIATE', programmeType: '*', amountYuan: 1800 },
        { levelCode: 'SENIOR', programmeType: '*', amountYuan: 2400 },
        { levelCode: 'TECHNICIAN', programmeType: '*', amountYuan: null },
      ],
      perPersonPerYear: 1,
      windowMonths: 12,
      document: '测试',
    },
  ],
};
const training: SubsidyKindPolicy = {
  payee: 'provider',
  versions: [
    {
      version: '方案',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      amounts: [
        { levelCode: '*', programmeType: 'cloud', amountYuan: 300 },
        { levelCode: '*', programmeType: '*', amountYuan: 600 },
      ],
      perPersonPerYear: 2,
      windowMonths: 12,
      document: '',
    },
  ],
};

const cert = (o: Partial<CredentialFacts> = {}): CredentialFacts => ({
  credentialId: 'c1',
  kind: 'skill_cert',
  digital: false,
  occupationCode: '4-04-04-05',
  levelCode: 'INTERMEDIATE',
  programmeType: null,
  issuedOn: '2026-03-15',
  status: 'valid',
  ...o,
});
const claim = (o: Partial<PriorClaim> = {}): PriorClaim => ({
  id: 'x',
  kind: 'skill_upgrade',
  credentialId: 'c0',
  occupationCode: '4-04-04-05',
  levelCode: 'JUNIOR',
  status: 'paid',
  budgetYear: 2026,
  ...o,
});
const run = (credential: CredentialFacts, prior: PriorClaim[] = [], today = '2026-11-30', policy = skill) =>
  evaluate({
    kind: credential.kind === 'skill_cert' ? 'skill_upgrade' : 'training',
    policy,
    credential,
    prior,
    today,
    levelOrdinal: LEVELS,
  });

describe('the two kinds are not confused', () => {
  it('技能提升补贴 needs a skill-level certificate; 培训补贴 a digital 实践应用结业证书', () => {
    const r = evaluate({
      kind: 'skill_upgrade',
      policy: skill,
      credential: cert({ kind: 'training_completion' }),
      prior: [],
      today: '2026-11-30',
      levelOrdinal: LEVELS,
    });
    expect(r).toMatchObject({ ok: false, rule: 'credential_kind' });
    const t = evaluate({
      kind: 'training',
      policy: training,
      credential: cert({ kind: 'training_completion', digital: false }),
      prior: [],
      today: '2026-11-30',
      levelOrdinal: LEVELS,
    });
    expect(t).toMatchObject({ ok: false, rule: 'credential_kind' });
    expect(!t.ok && t.message).toContain('证书类型规则');
    const ok = run(cert({ kind: 'training_completion', digital: true, levelCode: null }), [], '2026-11-30', training);
    expect(ok).toMatchObject({ ok: true, amountYuan: 600 });
    const cloud = run(
      cert({ kind: 'training_completion', digital: true, programmeType: 'cloud' }),
      [],
      '2026-11-30',
      training,
    );
    expect(cloud).toMatchObject({ ok: true, amountYuan: 300 });
  });

  it('a revoked or expired certificate is refused by the validity rule', () => {
    expect(run(cert({ status: 'revoked' }))).toMatchObject({ ok: false, rule: 'credential_status' });
  });
});

describe('policy versions by effective date: the one in force on the credential date', () => {
  it('a 2025 certificate uses the 2017 amounts, a 2026 one the new version', () => {
    expect(versionOn(skill, '2025-12-31')!.version).toBe('鲁人社 2017');
    expect(versionOn(skill, '2026-01-01')!.version).toBe('鲁 2026 新版');
    expect(run(cert({ issuedOn: '2025-12-31' }), [], '2026-06-01')).toMatchObject({ ok: true, amountYuan: 1500 });
    expect(run(cert({ issuedOn: '2026-01-01' }), [], '2026-06-01')).toMatchObject({ ok: true, amountYuan: 1800 });
    expect(run(cert({ issuedOn: '2016-12-31' }), [], '2017-06-01')).toMatchObject({
      ok: false,
      rule: 'policy_version',
    });
  });

  it('an amount that is not set (null) refuses the claim with that reason — never a guess', () => {
    const r = run(cert({ levelCode: 'TECHNICIAN' }));
    expect(r).toMatchObject({ ok: false, rule: 'amount_not_set' });
    expect(!r.ok && r.message).toContain('未设定');
    // a level with no row at all is "not set" as well
    expect(run(cert({ levelCode: 'SENIOR_TECHNICIAN' }))).toMatchObject({ ok: false, rule: 'amount_not_set' });
    expect(amountFor(training.versions[0]!, 'JUNIOR', 'social')).toEqual({ found: true, amountYuan: 600 });
    // the default 培训补贴 amount is unknown: every claim refused until the province sets it
    const def = evaluate({
      kind: 'training',
      policy: DEFAULT_SUBSIDY_POLICY.training,
      credential: cert({ kind: 'training_completion', digital: true }),
      prior: [],
      today: '2026-11-30',
      levelOrdinal: LEVELS,
    });
    expect(def).toMatchObject({ ok: false, rule: 'amount_not_set' });
  });

  it('a per-year limit that is not set refuses with that reason', () => {
    const r = evaluate({
      kind: 'skill_upgrade',
      policy: DEFAULT_SUBSIDY_POLICY.skill_upgrade,
      credential: cert({ issuedOn: '2026-03-01' }),
      prior: [],
      today: '2026-11-30',
      levelOrdinal: LEVELS,
    });
    expect(r).toMatchObject({ ok: false, rule: 'limit_not_set' });
  });
});

describe('the application window (12 months, Asia/Shanghai calendar days)', () => {
  it('issued 2025-12-01: 2026-11-30 is the last day, 2026-12-01 is too late', () => {
    const c = cert({ issuedOn: '2025-12-01' });
    expect(windowLastDay('2025-12-01', 12)).toBe('2026-11-30');
    expect(run(c, [], '2026-11-30')).toMatchObject({ ok: true, lastDay: '2026-11-30' });
    const late = run(c, [], '2026-12-01');
    expect(late).toMatchObject({ ok: false, rule: 'application_window' });
    expect(!late.ok && late.message).toContain('申请期限规则');
  });

  it('month ends clamp: 2024-02-29 + 12 months → 2025-02-28; 01-31 + 1 month → 02-28', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(windowLastDay('2024-02-29', 12)).toBe('2025-02-27');
  });
});

describe('once per occupation per level, none lower after higher', () => {
  it('the same occupation and level a second time is refused; a rejected claim does not count', () => {
    const prior = [claim({ levelCode: 'INTERMEDIATE', status: 'submitted', budgetYear: 2025 })];
    expect(run(cert(), prior)).toMatchObject({ ok: false, rule: 'once_per_level' });
    expect(run(cert(), [{ ...prior[0]!, status: 'rejected' }])).toMatchObject({ ok: true });
    // another occupation at the same level is fine
    expect(run(cert({ occupationCode: '2-02-38-01' }), prior)).toMatchObject({ ok: true });
  });

  it('a lower level after a higher one (paid or in progress) is refused; a higher one after a lower is fine', () => {
    const higher = [claim({ levelCode: 'SENIOR', budgetYear: 2025 })];
    expect(run(cert({ levelCode: 'INTERMEDIATE' }), higher)).toMatchObject({ ok: false, rule: 'lower_after_higher' });
    const lower = [claim({ levelCode: 'JUNIOR', budgetYear: 2025 })];
    expect(run(cert({ levelCode: 'INTERMEDIATE' }), lower)).toMatchObject({ ok: true });
  });
});

describe('the per-person-per-year limit', () => {
  const other = (i: number, year = 2026) =>
    claim({ id: 'p' + i, occupationCode: 'OCC' + i, levelCode: 'JUNIOR', budgetYear: year, kind: 'training' });
  const t = cert({ kind: 'training_completion', digital: true, occupationCode: 'NEW' });
  it('limit 2: the 2nd claim of the year passes, the 3rd is one over; last year does not count', () => {
    expect(run(t, [other(1)], '2026-11-30', training)).toMatchObject({ ok: true });
    const over = run(t, [other(1), other(2)], '2026-11-30', training);
    expect(over).toMatchObject({ ok: false, rule: 'per_year_limit' });
    expect(!over.ok && over.message).toContain('每人每年最多享受 2 次');
    expect(run(t, [other(1, 2025), other(2, 2025)], '2026-11-30', training)).toMatchObject({ ok: true });
    // rejected claims do not use the limit
    expect(run(t, [other(1), { ...other(2), status: 'rejected' }], '2026-11-30', training)).toMatchObject({ ok: true });
    // the other kind does not count against this one
    expect(run(t, [other(1), { ...other(2), kind: 'skill_upgrade' }], '2026-11-30', training)).toMatchObject({
      ok: true,
    });
  });
});

describe('workflow table, notice, masks, bank file', () => {
  it('allows each action only from its states', () => {
    expect(claimRefusal('approve', 'in_notice')).toBeNull();
    expect(claimRefusal('approve', 'approved')).toContain('不能审批');
    expect(claimRefusal('pay', 'approved')).not.toBeNull();
    expect(claimRefusal('bank_failed', 'paid')).toBeNull();
    expect(claimRefusal('review_pass', 'rejected')).not.toBeNull();
  });

  it('the notice of N days: approval from review day + N; 0 days: at once', () => {
    expect(noticeEnd('2026-11-30', 7)).toBe('2026-12-07');
    expect(noticeEnd('2026-11-30', 0)).toBe('2026-11-30');
  });

  it('masks the account to its last four digits', () => {
    expect(maskAccount('5678')).toBe('**** **** **** 5678');
  });

  it('reads the bank return CSV (BOM, quotes, Chinese or English header, yuan with separators)', () => {
    const r = parseBankReturn(
      '\uFEFF申领编号,收款人,账号,金额,结果,银行流水号\r\nA,"张,三",****1234,"1,500.00",成功,S1\nB,李四,****9,1000,失败,S2\n',
    );
    expect(r.ok && r.rows).toEqual([
      {
        lineNo: 2,
        claimId: 'A',
        payee: '张,三',
        account: '****1234',
        amountYuan: 1500,
        result: '成功',
        bankSerial: 'S1',
        success: true,
      },
      {
        lineNo: 3,
        claimId: 'B',
        payee: '李四',
        account: '****9',
        amountYuan: 1000,
        result: '失败',
        bankSerial: 'S2',
        success: false,
      },
    ]);
    expect(parseBankReturn('claim_id,payee,account,amount,result,bank_serial\nA,x,1,1,success,s').ok).toBe(true);
    expect(parseBankReturn('')).toEqual({ ok: false, message: '文件为空' });
  });
});
