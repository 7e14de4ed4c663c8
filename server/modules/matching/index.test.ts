import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MatchIndex } from './index.js';
import { DEFAULT_MATCH_POLICY, scoreOf, type MatchPolicy } from './score.js';
import { randomWorld, rng } from './synthetic.js';
import type { DemandInput, MatchVocab, TalentInput } from './vocab.js';

const POLICIES: Record<string, MatchPolicy> = {
  default: DEFAULT_MATCH_POLICY,
  noGates: { ...DEFAULT_MATCH_POLICY, gates: [] },
  cityOnly: { ...DEFAULT_MATCH_POLICY, gates: ['city'] },
  occupationOnlyNoMiddle: {
    ...DEFAULT_MATCH_POLICY,
    gates: ['occupation', 'required_skills'],
    occupation: { former: 0.9, minor: 0.6, middle: 0 },
  },
  exactOnly: {
    ...DEFAULT_MATCH_POLICY,
    gates: ['occupation', 'level'],
    occupation: { former: 1, minor: 0, middle: 0 },
  },
};

const byScoreThenId = (a: { id: string; score: number }, b: { id: string; score: number }) =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function bruteTalents(v: MatchVocab, d: DemandInput, talents: TalentInput[], k: number, p: MatchPolicy, min = 0) {
  return talents
    .map((t) => ({ id: t.id, score: scoreOf(v, d, t, p) }))
    .filter((x) => x.score >= 0 && x.score >= min)
    .sort(byScoreThenId)
    .slice(0, k);
}

function bruteDemands(v: MatchVocab, t: TalentInput, demands: DemandInput[], k: number, p: MatchPolicy) {
  return demands
    .filter((d) => d.open)
    .map((d) => ({ id: d.id, score: scoreOf(v, d, t, p) }))
    .filter((x) => x.score >= 0)
    .sort(byScoreThenId)
    .slice(0, k);
}

describe('MatchIndex top-k equals a brute-force scan', () => {
  it('topTalents and topDemands, for every policy, k and minScore (random worlds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(...Object.keys(POLICIES)),
        fc.integer({ min: 0, max: 25 }),
        fc.constantFrom(0, 30, 60),
        (seed, policyName, k, minScore) => {
          const w = randomWorld(seed, { talents: 150, demands: 20 });
          const p = POLICIES[policyName]!;
          const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
          for (const d of w.demands)
            expect(ix.topTalents(d.id, k, p, { minScore })).toEqual(
              bruteTalents(w.vocab, d, w.talents, k, p, minScore),
            );
          for (const t of w.talents.slice(0, 30))
            expect(ix.topDemands(t.id, k, p)).toEqual(bruteDemands(w.vocab, t, w.demands, k, p));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays equal after upserts and removals of talents and demands', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const w = randomWorld(seed, { talents: 200, demands: 20 });
        const other = randomWorld(seed ^ 0x5bd1e995, { talents: 200, demands: 20 });
        const r = rng(seed);
        // Build from the first half, then change records one by one.
        const ix = MatchIndex.build(w.vocab, w.talents.slice(0, 100), w.demands.slice(0, 10));
        const talents = new Map(w.talents.slice(0, 100).map((t) => [t.id, t]));
        const demands = new Map(w.demands.slice(0, 10).map((d) => [d.id, d]));
        for (let step = 0; step < 150; step++) {
          const x = r();
          const i = Math.floor(r() * 200);
          if (x < 0.35) {
            // Re-record talent i, half the time with another profile (skills, city, qualifications change);
            // both worlds intern the same codes in the same order, so their ids agree.
            const t = { ...(r() < 0.5 ? w.talents[i]! : other.talents[i]!), id: w.talents[i]!.id };
            ix.upsertTalent(t);
            talents.set(t.id, t);
          } else if (x < 0.6) {
            const id = w.talents[i]!.id;
            expect(ix.removeTalent(id)).toBe(talents.delete(id));
          } else if (x < 0.8) {
            const d = w.demands[i % 20]!;
            const changed = r() < 0.5 ? d : { ...d, city: other.demands[i % 20]!.city, open: !d.open };
            ix.upsertDemand(changed);
            demands.set(d.id, changed);
          } else {
            const id = w.demands[i % 20]!.id;
            expect(ix.removeDemand(id)).toBe(demands.delete(id));
          }
        }
        expect(ix.talentCount).toBe(talents.size);
        expect(ix.demandCount).toBe(demands.size);
        const all = [...talents.values()];
        for (const d of demands.values())
          expect(ix.topTalents(d.id, 10, DEFAULT_MATCH_POLICY)).toEqual(
            bruteTalents(w.vocab, d, all, 10, DEFAULT_MATCH_POLICY),
          );
        for (const t of all.slice(0, 20))
          expect(ix.topDemands(t.id, 10, DEFAULT_MATCH_POLICY)).toEqual(
            bruteDemands(w.vocab, t, [...demands.values()], 10, DEFAULT_MATCH_POLICY),
          );
      }),
      { numRuns: 25 },
    );
  });

  it('breaks ties by id ascending', () => {
    const w = randomWorld(7, { talents: 1, demands: 1 });
    const base = w.talents[0]!;
    const clones = ['t-c', 't-a', 't-b'].map((id) => ({ ...base, id }));
    const d = { ...w.demands[0]!, occupation: base.quals[0]! >>> 6, city: base.city, open: true };
    const ix = MatchIndex.build(w.vocab, clones, [d]);
    expect(ix.topTalents(d.id, 2).map((x) => x.id)).toEqual(['t-a', 't-b']);
  });

  it('explain returns the same total as the ranking', () => {
    const w = randomWorld(11, { talents: 300, demands: 10 });
    const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
    for (const d of w.demands)
      for (const r of ix.topTalents(d.id, 5)) expect(ix.explain(d.id, r.id).total).toBe(r.score);
  });
});

describe('candidateEdges', () => {
  it('lists, per open demand (id asc), exactly the talents scoring ≥ threshold, by score desc then id asc', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(...Object.keys(POLICIES)),
        fc.constantFrom(40, 60, 75),
        (seed, policyName, threshold) => {
          const w = randomWorld(seed, { talents: 150, demands: 15 });
          const p = POLICIES[policyName]!;
          const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
          const ok = (d: DemandInput, t: TalentInput) => t.id.charCodeAt(t.id.length - 1) % 7 !== 0;
          const csr = ix.candidateEdges(threshold, p, { eligible: ok });
          const open = w.demands.filter((d) => d.open && d.headcount > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(csr.demandIds).toEqual(open.map((d) => d.id));
          expect(csr.offsets.length).toBe(open.length + 1);
          expect(csr.edges).toBe(csr.talents.length);
          open.forEach((d, r) => {
            expect(csr.capacities[r]).toBe(d.headcount);
            const got = [...csr.talents.subarray(csr.offsets[r]!, csr.offsets[r + 1]!)].map((s) => ix.talentIdAt(s));
            const want = bruteTalents(w.vocab, d, w.talents, Infinity, p, threshold)
              .filter((x) =>
                ok(
                  d,
                  w.talents.find((t) => t.id === x.id)!,
                ),
              )
              .map((x) => x.id);
            expect(got).toEqual(want);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('with a row limit, a row lists all its talents or exactly the limit of them, marked cut short; `only` completes rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(...Object.keys(POLICIES)),
        fc.constantFrom(40, 60),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (seed, policyName, threshold, limit, withPool) => {
          const w = randomWorld(seed, { talents: 200, demands: 15 });
          const p = POLICIES[policyName]!;
          const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
          const pool = withPool
            ? {
                inPool: (id: string) => id.charCodeAt(id.length - 1) % 3 !== 0,
                alsoFor: (d: DemandInput) =>
                  new Set(w.talents.filter((_, i) => i % 17 === d.headcount).map((t) => t.id)),
              }
            : undefined;
          const full = ix.candidateEdges(threshold, p, { pool });
          const cut = ix.candidateEdges(threshold, p, { pool, rowLimit: (d) => limit + (d.headcount % 2) });
          expect(cut.demandIds).toEqual(full.demandIds);
          expect([...full.truncated]).toEqual(full.demandIds.map(() => 0));
          const row = (e: typeof full, r: number) => [...e.talents.subarray(e.offsets[r]!, e.offsets[r + 1]!)];
          const shortIds: string[] = [];
          full.demandIds.forEach((id, r) => {
            const all = row(full, r);
            const got = row(cut, r);
            const lim = limit + (ix.getDemand(id)!.headcount % 2);
            if (cut.truncated[r] === 0) expect(got).toEqual(all);
            else {
              shortIds.push(id);
              expect(got.length).toBe(lim);
              // a subset, in the full row's order (score desc, then id asc)
              const inGot = new Set(got);
              expect(got).toEqual(all.filter((x) => inGot.has(x)));
            }
            if (all.length > lim) expect(cut.truncated[r]).toBe(1);
          });
          const done = ix.candidateEdges(threshold, p, { pool, only: new Set(shortIds) });
          expect(done.demandIds).toEqual(shortIds);
          done.demandIds.forEach((id, r) => {
            expect(done.truncated[r]).toBe(0);
            expect(row(done, r)).toEqual(row(full, full.demandIds.indexOf(id)));
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rows cut short start at different candidates, not all at the lowest ids', () => {
    const w = randomWorld(3, { talents: 2000, demands: 60 });
    const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
    const cut = ix.candidateEdges(40, DEFAULT_MATCH_POLICY, { rowLimit: () => 1 });
    const firsts = new Set<number>();
    cut.demandIds.forEach((_, r) => {
      if (cut.truncated[r] === 1) firsts.add(cut.talents[cut.offsets[r]!]!);
    });
    const short = [...cut.truncated].filter((x) => x === 1).length;
    expect(short).toBeGreaterThan(10);
    expect(firsts.size).toBeGreaterThan(short / 2);
  });

  it('restricts to the demands of the given cities', () => {
    const w = randomWorld(5, { talents: 200, demands: 30 });
    const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
    const city = w.demands[0]!.city;
    const csr = ix.candidateEdges(60, DEFAULT_MATCH_POLICY, { cities: [city] });
    for (const id of csr.demandIds) expect(ix.getDemand(id)!.city).toBe(city);
    expect(csr.demandIds.length).toBe(w.demands.filter((d) => d.city === city && d.open && d.headcount > 0).length);
  });
});
