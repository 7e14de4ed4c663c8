import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MATCH_POLICY,
  explainMatch,
  outsiderBound,
  PART_KEYS,
  qualifies,
  scoreOf,
  validatePolicy,
  type MatchExplanation,
  type MatchPolicy,
  type PartKey,
} from './score.js';
import { MatchVocab, type DemandRecord, type TalentRecord } from './vocab.js';
import { randomWorld } from './synthetic.js';

const vocab = () =>
  new MatchVocab({
    occupations: [
      { code: '2-02-38-05', name: '智能制造工程技术人员', formerCodes: ['2-02-07-13'] },
      { code: '2-02-38-06', name: '工业互联网工程技术人员' },
      { code: '2-02-10-03', name: '计算机软件工程技术人员' },
      { code: '6-31-07-03', name: '工业机器人系统操作员' },
      { code: '6-31-07-01', name: '工业机器人系统运维员' },
      { code: '6-31-07-02', name: '工业视觉系统运维员' },
      { code: '4-04-05-05', name: '人工智能训练师' },
    ],
    skills: ['AI-01', 'AI-03', 'IOT-01', 'BD-01', 'DM-03'].map((code) => ({ code })),
    chains: [{ code: 'IC01' }, { code: 'IC02' }],
  });

/** 操作员 demand in 青岛: 技师 minimum, three required and two preferred skills, chain IC02. */
const demand: DemandRecord = {
  id: 'd1',
  occupation: '6-31-07-03',
  minLevel: 'TECHNICIAN',
  required: ['AI-03', 'IOT-01', 'DM-03'],
  preferred: ['BD-01', 'AI-01'],
  chain: 'IC02',
  city: '370200',
  headcount: 2,
};

/** A talent meeting every requirement with credentials. */
const full: TalentRecord = {
  id: 't1',
  city: '370200',
  qualifications: [{ occupation: '6-31-07-03', level: 'TECHNICIAN', verified: true }],
  skills: [
    { code: 'AI-03', verified: true },
    { code: 'IOT-01', verified: true },
    { code: 'DM-03', verified: true },
    { code: 'BD-01', verified: false },
    { code: 'AI-01', verified: false },
  ],
  chains: ['IC02'],
};

function explain(t: Partial<TalentRecord>, d: Partial<DemandRecord> = {}, p: MatchPolicy = DEFAULT_MATCH_POLICY) {
  const v = vocab();
  return explainMatch(v, v.demand({ ...demand, ...d }), v.talent({ ...full, ...t }), p);
}
const part = (e: MatchExplanation, k: PartKey) => e.parts.find((x) => x.key === k)!;

describe('DEFAULT_MATCH_POLICY', () => {
  it('is valid and its weights sum to 100', () => {
    expect(validatePolicy(DEFAULT_MATCH_POLICY)).toEqual([]);
    expect(PART_KEYS.reduce((s, k) => s + DEFAULT_MATCH_POLICY.weights[k], 0)).toBe(100);
  });
  it('rejects weights not summing to 100, fractions outside [0, 1], a threshold outside [0, 100], unknown gates', () => {
    const bad: MatchPolicy = {
      ...DEFAULT_MATCH_POLICY,
      weights: { ...DEFAULT_MATCH_POLICY.weights, city: 20 },
      levelOneBelow: 1.5,
      threshold: 101,
      gates: ['occupation', 'salary' as never],
    };
    const errors = validatePolicy(bad);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('之和应为 100');
  });
});

describe('explainMatch: the parts', () => {
  it('a talent meeting everything with credentials scores 100, misses nothing', () => {
    const e = explain({});
    expect(e.total).toBe(100);
    expect(e.max).toBe(100);
    expect(e.missing).toEqual([]);
    expect(e.eligible && e.qualifies).toBe(true);
    expect(e.parts.map((p) => [p.key, p.points, p.max])).toEqual([
      ['occupation', 25, 25],
      ['level', 15, 15],
      ['required_skills', 25, 25],
      ['preferred_skills', 5, 5],
      ['chain', 5, 5],
      ['city', 15, 15],
      ['evidence', 10, 10],
    ]);
    expect(e.parts.map((p) => p.label)).toEqual([
      '职业',
      '技能等级',
      '必备技能',
      '优先技能',
      '产业链经历',
      '工作城市',
      '证书佐证',
    ]);
    expect(part(e, 'occupation').detail).toBe('职业一致：6-31-07-03 工业机器人系统操作员');
  });

  it('occupation: exact 25, former code 22.5, same 小类 15, same 中类 7.5, unrelated 0 (missing, not eligible)', () => {
    const occ = (code: string) => explain({ qualifications: [{ occupation: code, level: null, verified: false }] });
    const d = { occupation: '2-02-38-05', minLevel: null };
    const at = (code: string) => explain({ qualifications: [{ occupation: code, level: null, verified: false }] }, d);
    expect(part(at('2-02-38-05'), 'occupation').points).toBe(25);
    const former = at('2-02-07-13');
    expect(part(former, 'occupation').points).toBe(22.5);
    expect(part(former, 'occupation').detail).toContain('旧职业代码');
    expect(part(at('2-02-38-06'), 'occupation').points).toBe(15);
    expect(part(at('2-02-38-06'), 'occupation').detail).toContain('同小类 2-02-38');
    expect(part(at('2-02-10-03'), 'occupation').points).toBe(7.5);
    expect(part(at('2-02-10-03'), 'occupation').detail).toContain('同中类 2-02');
    const none = occ('4-04-05-05');
    expect(part(none, 'occupation').points).toBe(0);
    expect(none.missing[0]).toBe('occupation');
    expect(none.eligible).toBe(false);
    expect(none.qualifies).toBe(false);
  });

  it('a former code is not confused with the hierarchy of the old code', () => {
    // 2-02-07-13 is the former code of 2-02-38-05; it is not "same 小类" as 2-02-07-xx occupations.
    const e = explain(
      { qualifications: [{ occupation: '2-02-07-13', level: null, verified: false }] },
      {
        occupation: '2-02-38-06',
        minLevel: null,
      },
    );
    expect(part(e, 'occupation').points).toBe(15); // resolved to 2-02-38-05: same 小类 as 2-02-38-06
  });

  it('level: at the minimum meets, one below is half and missing, two below 0, another ladder 0, none required full', () => {
    const lv = (level: string | null, minLevel: string | null = 'TECHNICIAN') =>
      explain({ qualifications: [{ occupation: '6-31-07-03', level, verified: true }] }, { minLevel });
    expect(part(lv('SENIOR_TECHNICIAN'), 'level').points).toBe(15);
    expect(part(lv('TECHNICIAN'), 'level').points).toBe(15);
    const below = lv('SENIOR');
    expect(part(below, 'level').points).toBe(7.5);
    expect(below.missing).toEqual(['level']);
    expect(below.eligible).toBe(true); // level is not a default gate
    expect(part(lv('INTERMEDIATE'), 'level').points).toBe(0);
    expect(part(lv('PT_SENIOR'), 'level').points).toBe(0);
    expect(part(lv('PT_SENIOR'), 'level').detail).toContain('不属同一等级序列');
    expect(part(lv(null), 'level').points).toBe(0);
    expect(part(lv(null, null), 'level').points).toBe(15);
    expect(lv(null, null).missing).toEqual([]);
  });

  it('level is read from the related qualification worth most, not from an unrelated one', () => {
    const e = explain({
      qualifications: [
        { occupation: '4-04-05-05', level: 'CHIEF_TECHNICIAN', verified: true },
        { occupation: '6-31-07-01', level: 'SENIOR', verified: true },
      ],
    });
    expect(part(e, 'occupation').points).toBe(15); // same 小类 6-31-07
    expect(part(e, 'level').points).toBe(7.5); // 高级工 one below 技师; the unrelated 首席技师 does not count
  });

  it('required skills: the share held; each missing one is listed by code', () => {
    const e = explain({ skills: [{ code: 'IOT-01', verified: true }] });
    expect(part(e, 'required_skills').points).toBe(8.33);
    expect(part(e, 'required_skills').detail).toBe('具备 1/3 项必备技能，缺 AI-03、DM-03');
    expect(e.missing).toEqual(['required_skill:AI-03', 'required_skill:DM-03']);
    expect(part(explain({}, { required: [] }), 'required_skills').points).toBe(25);
  });

  it('preferred skills: the share held, never missing', () => {
    const e = explain({ skills: [...full.skills!.slice(0, 3), { code: 'AI-01', verified: false }] });
    expect(part(e, 'preferred_skills').points).toBe(2.5);
    expect(e.missing).toEqual([]);
    expect(part(explain({}, { preferred: [] }), 'preferred_skills').points).toBe(5);
  });

  it('chain: experience in the demanded chain, or none demanded', () => {
    const e = explain({ chains: ['IC01'] });
    expect(part(e, 'chain').points).toBe(0);
    expect(e.missing).toEqual(['chain']);
    expect(part(explain({ chains: [] }, { chain: null }), 'chain').points).toBe(5);
  });

  it('city: same 15, willing to move 12, anywhere 12, neither 0 (missing, not eligible)', () => {
    expect(part(explain({}), 'city').points).toBe(15);
    const moves = explain({ city: '370100', moveTo: ['370200'] });
    expect(part(moves, 'city').points).toBe(12);
    expect(part(moves, 'city').detail).toContain('意向');
    expect(part(explain({ city: '370100', anyCity: true }), 'city').points).toBe(12);
    const stays = explain({ city: '370100', moveTo: ['370300'] });
    expect(part(stays, 'city').points).toBe(0);
    expect(stays.missing).toEqual(['city']);
    expect(stays.eligible).toBe(false);
    expect(stays.total).toBe(85); // the sum is still shown; the gate makes it ineligible
  });

  it('evidence: a verified qualification or skill weighs more than a self-declared one', () => {
    const selfDeclared = explain({
      qualifications: [{ occupation: '6-31-07-03', level: 'TECHNICIAN', verified: false }],
      skills: full.skills!.map((s) => ({ ...s, verified: false })),
    });
    expect(part(selfDeclared, 'evidence').points).toBe(0);
    expect(selfDeclared.total).toBe(90);
    const some = explain({
      skills: [
        { code: 'AI-03', verified: true },
        { code: 'IOT-01', verified: false },
        { code: 'DM-03', verified: true },
      ],
    });
    // items: the qualification + 3 required skills; verified: qualification, AI-03, DM-03
    expect(part(some, 'evidence').points).toBe(7.5);
    expect(part(some, 'evidence').detail).toBe('3/4 项要求由有效证书证实（职业等级：有证书）');
    expect(explain({}).total).toBeGreaterThan(selfDeclared.total);
    // The same holding, verified, is preferred when both are recorded.
    const both = explain({
      qualifications: [
        { occupation: '6-31-07-03', level: 'TECHNICIAN', verified: false },
        { occupation: '6-31-07-03', level: 'TECHNICIAN', verified: true },
      ],
    });
    expect(part(both, 'evidence').points).toBe(10);
  });

  it('the missing list keeps its order: occupation, level, required skills, chain, city', () => {
    const e = explain({ qualifications: [], skills: [], chains: [], city: '371700' });
    expect(e.missing).toEqual([
      'occupation',
      'level',
      'required_skill:AI-03',
      'required_skill:IOT-01',
      'required_skill:DM-03',
      'chain',
      'city',
    ]);
    expect(e.total).toBe(0);
  });
});

describe('the policy changes the result', () => {
  it('weights, fractions, threshold and gates are read from the policy passed in', () => {
    const talent: Partial<TalentRecord> = { city: '370100', moveTo: ['370200'], chains: [] };
    const base = explain(talent);
    expect(base.total).toBe(92); // 100 − 3 (city ×0.8) − 5 (chain)
    const heavyCity: MatchPolicy = {
      ...DEFAULT_MATCH_POLICY,
      weights: { ...DEFAULT_MATCH_POLICY.weights, city: 30, preferred_skills: 0, evidence: 0 },
      cityWillingToMove: 0.5,
    };
    expect(validatePolicy(heavyCity)).toEqual([]);
    const e = explain(talent, {}, heavyCity);
    expect(part(e, 'city')).toMatchObject({ points: 15, max: 30 });
    expect(e.total).toBe(80);
    const strict: MatchPolicy = { ...DEFAULT_MATCH_POLICY, threshold: 95, gates: ['occupation', 'city', 'chain'] };
    const s = explain(talent, {}, strict);
    expect(s.total).toBe(92);
    expect(s.eligible).toBe(false);
    const noGates: MatchPolicy = { ...DEFAULT_MATCH_POLICY, gates: [] };
    expect(explain({ city: '371700' }, {}, noGates).eligible).toBe(true);
  });

  it('threshold edges: total = threshold qualifies, just below does not', () => {
    const v = vocab();
    const d = v.demand(demand);
    const t = v.talent({ ...full, chains: [], city: '370100', moveTo: ['370200'] }); // 92
    expect(qualifies(v, d, t, { ...DEFAULT_MATCH_POLICY, threshold: 92 })).toBe(true);
    expect(qualifies(v, d, t, { ...DEFAULT_MATCH_POLICY, threshold: 92.01 })).toBe(false);
    expect(scoreOf(v, d, v.talent({ ...full, city: '371700' }), DEFAULT_MATCH_POLICY)).toBe(-1);
  });
});

describe('scoreOf and explainMatch agree (random pairs)', () => {
  it('same total, parts within [0, max] summing to the total, gates ⇔ eligible; outsiders bounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, gated) => {
        const w = randomWorld(seed, { talents: 40, demands: 6 });
        const p: MatchPolicy = gated ? DEFAULT_MATCH_POLICY : { ...DEFAULT_MATCH_POLICY, gates: [] };
        for (const d of w.demands)
          for (const t of w.talents) {
            const e = explainMatch(w.vocab, d, t, p);
            const s = scoreOf(w.vocab, d, t, p);
            expect(s).toBe(e.eligible ? e.total : -1);
            let sum = 0;
            for (const part of e.parts) {
              expect(part.points).toBeGreaterThanOrEqual(0);
              expect(part.points).toBeLessThanOrEqual(part.max);
              sum += part.points;
            }
            expect(Math.abs(sum - e.total)).toBeLessThan(1e-9);
            // A talent the inverted lists miss (no related occupation, no required skill) stays within the bound.
            const heldRequired = d.required.some((r) => t.skills.some((x) => x >>> 1 === r));
            if (e.missing.includes('occupation') && !heldRequired && e.eligible)
              expect(e.total).toBeLessThanOrEqual(outsiderBound(d, p));
          }
      }),
      { numRuns: 40 },
    );
  });
});
