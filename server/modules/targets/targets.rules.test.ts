import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  dayOfYear,
  defaultTarget,
  forecast2030,
  isBehind,
  planProblems,
  rank,
  resolveTargets,
  shareOf,
  targetProblem,
  trajectoryAt,
  yearFraction,
} from './targets.rules.js';

const T1 = CATALOGUE.find((c) => c.id === 'T1')!;
const A2 = CATALOGUE.find((c) => c.id === 'A2')!;
const T5 = CATALOGUE.find((c) => c.id === 'T5')!;
const C1 = CATALOGUE.find((c) => c.id === 'C1')!;
const none = new Map<number, number>();

describe('the catalogue', () => {
  it('holds every indicator of the plan with its default target', () => {
    expect(CATALOGUE.map((c) => c.id)).toEqual([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
      'A8',
      'C1',
      'C2',
    ]);
    const d2030 = Object.fromEntries(CATALOGUE.map((c) => [c.id, defaultTarget(c, 2030)]));
    expect(d2030).toEqual({
      T1: 280000,
      T2: 10000,
      T3: 5000,
      T4: 6000,
      T5: 0.85,
      A1: 1000,
      A2: 80000,
      A3: 30000,
      A4: 5,
      A5: 1000,
      A6: 500,
      A7: 20,
      A8: 500,
      C1: 0.6,
      C2: null,
    });
    // Cumulative figures and T5 are 2030 targets; yearly quotas and enterprise rules hold every year.
    expect(defaultTarget(T1, 2027)).toBeNull();
    expect(defaultTarget(T5, 2027)).toBeNull();
    expect(defaultTarget(A2, 2027)).toBe(80000);
    expect(defaultTarget(C1, 2026)).toBe(0.6);
  });
});

describe('resolving targets', () => {
  it('draws the default trajectory from the 2025 year-end actual to the 2030 target', () => {
    const t = resolveTargets({ entry: T1, cityCode: null, set: none, baseline: 30000 });
    expect([...t.entries()].map(([y, r]) => [y, r?.value, r?.source])).toEqual([
      [2026, 80000, 'trajectory'],
      [2027, 130000, 'trajectory'],
      [2028, 180000, 'trajectory'],
      [2029, 230000, 'trajectory'],
      [2030, 280000, 'default'],
    ]);
  });

  it('bends the line at a set year, and draws none without the baseline', () => {
    const t = resolveTargets({ entry: T1, cityCode: null, set: new Map([[2027, 100000]]), baseline: 0 });
    expect(t.get(2026)).toEqual({ value: 50000, source: 'trajectory' });
    expect(t.get(2027)).toEqual({ value: 100000, source: 'set' });
    expect(t.get(2028)).toEqual({ value: 160000, source: 'trajectory' });
    const unknown = resolveTargets({ entry: T1, cityCode: null, set: none, baseline: null });
    expect(unknown.get(2026)).toBeNull();
    expect(unknown.get(2030)).toEqual({ value: 280000, source: 'default' });
  });

  it('gives a city no target until the province admin splits one to it; then a line from its own baseline', () => {
    expect(resolveTargets({ entry: T1, cityCode: '370100', set: none, baseline: 1000 }).get(2030)).toBeNull();
    const t = resolveTargets({ entry: T1, cityCode: '370100', set: new Map([[2030, 6000]]), baseline: 1000 });
    expect(t.get(2026)).toEqual({ value: 2000, source: 'trajectory' });
    expect(t.get(2030)).toEqual({ value: 6000, source: 'set' });
  });

  it('yearly quotas: the province default every year, cities by setting; shares: a city takes the province rate', () => {
    const a = resolveTargets({ entry: A2, cityCode: null, set: new Map([[2028, 90000]]), baseline: null });
    expect(a.get(2027)).toEqual({ value: 80000, source: 'default' });
    expect(a.get(2028)).toEqual({ value: 90000, source: 'set' });
    expect(resolveTargets({ entry: A2, cityCode: '370100', set: none, baseline: null }).get(2027)).toBeNull();
    const province = resolveTargets({ entry: C1, cityCode: null, set: none, baseline: null });
    const city = resolveTargets({ entry: C1, cityCode: '370100', set: none, baseline: null, province });
    expect(city.get(2026)).toEqual({ value: 0.6, source: 'province' });
  });
});

describe('trajectory, share, behind', () => {
  it('counts days in the year', () => {
    expect(dayOfYear('2026-01-01')).toBe(1);
    expect(dayOfYear('2026-12-31')).toBe(365);
    expect(dayOfYear('2028-12-31')).toBe(366);
    expect(yearFraction('2026-12-31')).toBe(1);
  });

  it('places the expected value between the previous year-end target and this one', () => {
    const targets = resolveTargets({ entry: T1, cityCode: null, set: none, baseline: 30000 });
    expect(trajectoryAt('cumulative', '2026-12-31', targets, 30000)).toBe(80000);
    expect(trajectoryAt('cumulative', '2027-12-31', targets, 30000)).toBe(130000);
    const mid = trajectoryAt('cumulative', '2026-07-02', targets, 30000)!; // day 183 of 365
    expect(mid).toBeCloseTo(30000 + 50000 * (183 / 365), 6);
    expect(trajectoryAt('cumulative', '2025-12-31', targets, 30000)).toBeNull();
    const quota = resolveTargets({ entry: A2, cityCode: null, set: none, baseline: null });
    expect(trajectoryAt('yearly', '2026-12-31', quota, null)).toBe(80000);
    expect(
      trajectoryAt(
        'share',
        '2026-03-01',
        resolveTargets({ entry: C1, cityCode: null, set: none, baseline: null }),
        null,
      ),
    ).toBe(0.6);
  });

  it('share and behind at their edges', () => {
    expect(shareOf(140000, 280000)).toBe(0.5);
    expect(shareOf(5, 0)).toBeNull();
    expect(shareOf(null, 10)).toBeNull();
    expect(isBehind(99, 100)).toBe(true);
    expect(isBehind(100, 100)).toBe(false);
    expect(isBehind(101, 100)).toBe(false);
    expect(isBehind(null, 100)).toBeNull();
  });
});

describe('forecast for 2030 (linear extrapolation)', () => {
  it('extends the line through the year-end values to the end of 2030', () => {
    const pts = [
      { asOf: '2025-12-31', value: 10000 },
      { asOf: '2026-12-31', value: 20000 },
      { asOf: '2027-12-31', value: 30000 },
    ];
    expect(forecast2030('cumulative', pts)).toBe(60000);
    expect(forecast2030('cumulative', pts.slice(0, 1))).toBeNull();
    // Falling figures do not forecast below zero.
    expect(
      forecast2030('cumulative', [
        { asOf: '2025-12-31', value: 100 },
        { asOf: '2026-12-31', value: 10 },
      ]),
    ).toBe(0);
    // Yearly figures: the values of completed years, read at 2030.
    expect(
      forecast2030('yearly', [
        { asOf: '2026-12-31', value: 100 },
        { asOf: '2027-12-31', value: 200 },
      ]),
    ).toBe(500);
  });
});

describe('setting a target', () => {
  const base = { kind: 'cumulative' as const, year: 2030 };
  it('caps a city split at the province total: limit passes, limit + 1 is refused', () => {
    expect(targetProblem({ ...base, cityCode: '370100', value: 0, province: 100, otherCities: 60 })).toBeNull();
    expect(targetProblem({ ...base, cityCode: '370100', value: 40, province: 100, otherCities: 60 })).toBeNull();
    expect(targetProblem({ ...base, cityCode: '370100', value: 41, province: 100, otherCities: 60 })).toEqual({
      code: 'CONFLICT',
      message: '各市分解之和（101）超过全省 2030 年目标（100），请调整',
    });
    expect(targetProblem({ ...base, cityCode: '370100', value: 1, province: null, otherCities: 0 })?.message).toBe(
      '请先设定全省 2030 年目标，再分解到各市',
    );
  });

  it('keeps the province total at or above the split, counts whole, shares within 0…1', () => {
    expect(targetProblem({ ...base, cityCode: null, value: 60, province: 100, otherCities: 60 })).toBeNull();
    expect(targetProblem({ ...base, cityCode: null, value: 59, province: 100, otherCities: 60 })?.code).toBe(
      'CONFLICT',
    );
    expect(targetProblem({ ...base, cityCode: null, value: 1.5, province: 100, otherCities: 0 })?.code).toBe(
      'VALIDATION',
    );
    const share = { kind: 'share' as const, year: 2030, cityCode: null, province: null, otherCities: 0 };
    expect(targetProblem({ ...share, value: 1 })).toBeNull();
    expect(targetProblem({ ...share, value: 1.01 })?.code).toBe('VALIDATION');
  });
});

describe('ranking', () => {
  it('ranks higher first, ties share a rank, rows without a score get none', () => {
    expect(rank([0.5, 0.9, null, 0.5, 0.1])).toEqual([2, 1, null, 2, 4]);
  });
});

describe('a plan change as a whole', () => {
  const label = (c: string | null) => (c === null ? '全省' : c === '370100' ? '济南市' : c);
  const T3 = CATALOGUE.find((c) => c.id === 'T3')!;

  it('a cumulative province total moves the trajectory: a split of an untouched year that no longer fits is reported', () => {
    // Baseline 1,000 at the 2025 year-end, 2030's default 5,000: 2027 lies at 2,600; 济南 takes 2,000 of it.
    const before = [{ year: 2027, cityCode: '370100', value: 2000 }];
    expect(planProblems({ entry: T3, before, after: before, changed: [], baseline: 1000, label })).toEqual([]);
    const after = [...before, { year: 2030, cityCode: null, value: 2000 }]; // 2027 now at 1,400
    expect(
      planProblems({ entry: T3, before, after, changed: [{ year: 2030, cityCode: null }], baseline: 1000, label }),
    ).toEqual([
      {
        year: 2027,
        cityCode: null,
        code: 'CONFLICT',
        message: '2027 年各市分解之和（2000）超过全省目标（1400），请调整全省或各市目标',
      },
    ]);
  });

  it('an old problem of a year the change does not touch does not block it', () => {
    const before = [
      { year: 2026, cityCode: null, value: 10 },
      { year: 2026, cityCode: '370100', value: 20 }, // stored before the rule (e.g. a lowered total)
    ];
    const after = [...before, { year: 2028, cityCode: '370100', value: 5 }];
    expect(
      planProblems({ entry: A2, before, after, changed: [{ year: 2028, cityCode: '370100' }], baseline: null, label }),
    ).toEqual([]);
    // Touching 2026 reports it, with the cell's own problem named by city and year.
    const touched = [...before.slice(0, 1), { year: 2026, cityCode: '370100', value: 20.5 }];
    expect(
      planProblems({
        entry: A2,
        before,
        after: touched,
        changed: [{ year: 2026, cityCode: '370100' }],
        baseline: null,
        label,
      }).map((p) => p.message),
    ).toEqual([
      '2026 年各市分解之和（20.5）超过全省目标（10），请调整全省或各市目标',
      '济南市 2026 年：数量类目标应为整数',
    ]);
  });
});
