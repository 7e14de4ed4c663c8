import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TalentColumns } from './index.columns.js';
import { MatchIndex } from './index.js';
import { DEFAULT_MATCH_POLICY, DemandProbe, GATE_KEYS, PART_KEYS, scoreOf, type MatchPolicy } from './score.js';
import { randomWorld, rng } from './synthetic.js';
import { packQual, packSkill, type DemandInput, type MatchVocab, type TalentInput } from './vocab.js';

/** A random policy: weights summing to 100 in whole points or not, fractions including 0, any gates. */
function randomPolicy(seed: number, mustGate: readonly string[] = []): MatchPolicy {
  const r = rng(seed);
  const raw = PART_KEYS.map(() => r());
  const sum = raw.reduce((a, b) => a + b, 0);
  const whole = r() < 0.5;
  const weights = Object.fromEntries(
    PART_KEYS.map((k, i) => [k, whole ? Math.round((raw[i]! / sum) * 100) : (raw[i]! / sum) * 100]),
  ) as MatchPolicy['weights'];
  const frac = () => [0, 0.3, 0.5, 0.6, 0.9, 1, r()][Math.floor(r() * 7)]!;
  return {
    weights,
    occupation: { former: frac(), minor: frac(), middle: frac() },
    levelOneBelow: frac(),
    cityWillingToMove: frac(),
    threshold: Math.round(r() * 90),
    gates: GATE_KEYS.filter((g) => mustGate.includes(g) || r() < 0.4),
  };
}

/**
 * Talents the generator does not make: three related qualifications; a skill listed twice (outside
 * TalentInput's contract, "one per skill", but the kernel still equals scoreOf on it).
 */
function oddTalents(w: { talents: TalentInput[]; demands: DemandInput[] }): TalentInput[] {
  const d = w.demands[0]!;
  const t = w.talents[0]!;
  return [
    {
      ...t,
      id: 'odd-quals',
      city: d.city,
      quals: [packQual(d.occupation, 1, false), packQual(d.occupation, 3, true), packQual(d.occupation, 5, false)],
    },
    {
      ...t,
      id: 'odd-skills',
      city: d.city,
      quals: [packQual(d.occupation, 4, true)],
      skills: [...d.required, ...d.required].map((s) => packSkill(s, true)).sort((a, b) => a - b),
    },
  ];
}

describe('TalentColumns', () => {
  it('gives back every record as written, through rewrites, removals and compaction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const w = randomWorld(seed, { talents: 300, demands: 1 });
        const cols = new TalentColumns();
        const held = new Map<number, TalentInput>();
        const r = rng(seed);
        for (let step = 0; step < 3000; step++) {
          const slot = Math.floor(r() * 80);
          if (r() < 0.15) {
            cols.clear(slot);
            held.delete(slot);
          } else {
            const t = w.talents[Math.floor(r() * w.talents.length)]!;
            cols.write(slot, t);
            held.set(slot, t);
          }
        }
        for (let s = 0; s < 80; s++) {
          const t = held.get(s);
          expect(cols.has(s)).toBe(t !== undefined);
          if (t) expect(cols.talent(s, t.id)).toEqual(t);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('DemandProbe + TalentColumns.scoreCode', () => {
  const check = (v: MatchVocab, demands: DemandInput[], talents: TalentInput[], p: MatchPolicy, seed: number) => {
    const cols = new TalentColumns();
    talents.forEach((t, i) => cols.write(i, t));
    const probe = new DemandProbe();
    const r = rng(seed);
    for (const d of demands) {
      probe.reset(v, d, p);
      talents.forEach((t, i) => {
        const s = scoreOf(v, d, t, p);
        const want = s >= 0 ? Math.round(s * 100) : -1;
        const code = cols.scoreCode(probe, i, 0);
        expect(code).toBe(want);
        if (code >= 0) expect(code / 100).toBe(s);
        // Pruning never drops a talent that reaches minCode.
        const minCode = Math.floor(r() * 10001);
        const pruned = cols.scoreCode(probe, i, minCode);
        if (want >= minCode) expect(pruned).toBe(want);
        else expect(pruned < minCode).toBe(true);
      });
    }
  };

  it('equals scoreOf (code / 100 is the same number) for random policies and pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const w = randomWorld(seed, { talents: 120, demands: 12 });
        check(w.vocab, w.demands, [...w.talents, ...oddTalents(w)], randomPolicy(seed ^ 0x9e3779b9), seed);
      }),
      { numRuns: 80 },
    );
  });

  it('falls back to scoreOf for policies its integer tables are not exact for', () => {
    const w = randomWorld(3, { talents: 100, demands: 8 });
    const huge: MatchPolicy = {
      ...DEFAULT_MATCH_POLICY,
      weights: { ...DEFAULT_MATCH_POLICY.weights, occupation: 1e9, city: 1e-7 },
    };
    const negative: MatchPolicy = {
      ...DEFAULT_MATCH_POLICY,
      weights: { ...DEFAULT_MATCH_POLICY.weights, chain: -3 },
    };
    for (const p of [huge, negative]) {
      expect(new DemandProbe().reset(w.vocab, w.demands[0]!, p).exact).toBe(false);
      check(w.vocab, w.demands, w.talents, p, 3);
    }
  });
});

describe('MatchIndex on random policies (the block path when occupation and city are gates)', () => {
  const byScoreThenId = (a: { id: string; score: number }, b: { id: string; score: number }) =>
    b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const brute = (v: MatchVocab, d: DemandInput, talents: TalentInput[], p: MatchPolicy, min: number) =>
    talents
      .map((t) => ({ id: t.id, score: scoreOf(v, d, t, p) }))
      .filter((x) => x.score >= 0 && x.score >= min)
      .sort(byScoreThenId);

  it('candidateEdges with pool, alsoFor, eligibleId and eligible equals brute force', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, gated) => {
        const w = randomWorld(seed, { talents: 200, demands: 25 });
        // Not the talent listing a skill twice: the index's bounds (the original's too) rely on one entry per skill.
        const talents = [...w.talents, ...oddTalents(w).filter((t) => t.id !== 'odd-skills')];
        const p = randomPolicy(seed, gated ? ['occupation', 'city'] : []);
        const ix = MatchIndex.build(w.vocab, talents, w.demands);
        const inPool = (id: string) => id.charCodeAt(id.length - 1) % 3 !== 0;
        const also = new Map(
          w.demands.map((d, i) => [d.id, new Set(talents.filter((_, j) => j % 7 === i % 7).map((t) => t.id))]),
        );
        const byId = (d: DemandInput, id: string) => id.charCodeAt(id.length - 2) % 5 !== 0 || d.headcount > 2;
        const byRecord = (d: DemandInput, t: TalentInput) => t.skills.length !== 3;
        const variants = [
          {},
          { pool: { inPool } },
          { pool: { inPool, alsoFor: (d: DemandInput) => also.get(d.id) }, eligibleId: byId, eligible: byRecord },
        ];
        const open = w.demands.filter((d) => d.open && d.headcount > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
        for (const opts of variants) {
          const csr = ix.candidateEdges(p.threshold, p, opts);
          expect(csr.demandIds).toEqual(open.map((d) => d.id));
          open.forEach((d, r) => {
            const got = [...csr.talents.subarray(csr.offsets[r]!, csr.offsets[r + 1]!)].map((s) => ix.talentIdAt(s));
            const want = brute(w.vocab, d, talents, p, p.threshold)
              .filter((x) => {
                const t = talents.find((y) => y.id === x.id)!;
                if ('pool' in opts && opts.pool && !opts.pool.inPool(t.id) && !opts.pool.alsoFor?.(d)?.has(t.id))
                  return false;
                if ('eligibleId' in opts && opts.eligibleId && !opts.eligibleId(d, t.id)) return false;
                if ('eligible' in opts && opts.eligible && !opts.eligible(d, t)) return false;
                return true;
              })
              .map((x) => x.id);
            expect(got).toEqual(want);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('topTalents equals brute force, with heavy ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 30 }), (seed, k) => {
        const w = randomWorld(seed, { talents: 80, demands: 10 });
        // Clones under other ids: many equal scores around the k-th place.
        const talents = [
          ...w.talents,
          ...w.talents.slice(0, 40).map((t, i) => ({ ...t, id: `c${(i * 7919) % 101}-${t.id}` })),
        ];
        const p = randomPolicy(seed, ['occupation', 'city']);
        const ix = MatchIndex.build(w.vocab, talents, w.demands);
        for (const d of w.demands)
          for (const min of [0, p.threshold])
            expect(ix.topTalents(d.id, k, p, { minScore: min })).toEqual(
              brute(w.vocab, d, talents, p, min).slice(0, k),
            );
      }),
      { numRuns: 60 },
    );
  });
});
