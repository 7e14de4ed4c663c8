import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxAssignment, verifyCertificate } from './assignment.js';
import { MatchIndex } from './index.js';
import { computeFit, poolOption, type FitPool } from './matching.fit.js';
import { DEFAULT_MATCH_POLICY, type MatchPolicy } from './score.js';
import { randomWorld } from './synthetic.js';

/**
 * T5 in passes: rows cut short first, completed where a certificate needs them. Whatever the row
 * limit, the figures equal the maximum assignments over every qualifying pair, and the final
 * certificates (which check the rows cut short are in the cover) verify.
 */
function worldFit(seed: number, threshold: number) {
  const w = randomWorld(seed, { talents: 250, demands: 25 });
  const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
  const policy: MatchPolicy = { ...DEFAULT_MATCH_POLICY, threshold };
  const open = new Set(w.talents.filter((t) => t.id.charCodeAt(t.id.length - 1) % 4 !== 0).map((t) => t.id));
  const org = new Map(w.demands.map((d, i) => [d.id, `org${i % 5}`]));
  const employeesOf = new Map<string, Set<string>>();
  w.talents.forEach((t, i) => {
    const o = `org${i % 7}`;
    if (!employeesOf.has(o)) employeesOf.set(o, new Set());
    employeesOf.get(o)!.add(t.id);
  });
  const pool: FitPool = { all: false, openToWork: open, employeesOf };
  const orgOf = (id: string) => org.get(id);
  return { w, ix, policy, pool, orgOf };
}

/** The maximum assignments over all qualifying pairs: the province, and each city's own rows. */
function exactFigures(s: ReturnType<typeof worldFit>) {
  const opts = { pool: poolOption(s.pool, s.orgOf) };
  const all = s.ix.candidateEdges(s.policy.threshold, s.policy, opts);
  const province = maxAssignment(all).matched;
  const cities = new Map<string, number>();
  for (const c of new Set(s.w.demands.map((d) => d.city))) {
    const e = s.ix.candidateEdges(s.policy.threshold, s.policy, { ...opts, cities: [c] });
    if (e.demandIds.length) cities.set(String(c).padStart(6, '0'), maxAssignment(e).matched);
  }
  return { province, cities };
}

describe('T5 in passes (rows cut short, completed where the certificate needs them)', () => {
  it('gives the maximum over all pairs for the province and every city, for any row limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(30, 45, 60),
        fc.integer({ min: 1, max: 4 }),
        async (seed, threshold, limit) => {
          const s = worldFit(seed, threshold);
          const want = exactFigures(s);
          const fit = await computeFit(s.ix, s.policy, s.pool, s.orgOf, { rowLimit: () => limit });
          expect(fit.province.matched).toBe(want.province);
          expect(new Map([...fit.cities].map(([c, f]) => [c, f.filled]))).toEqual(want.cities);
          expect(fit.certificateOk).toBe(true);
          expect(verifyCertificate(fit.edges, fit.province)).toEqual({ ok: true });
          // what is stored for an unfilled demand — its candidates — is its complete row
          const full = s.ix.candidateEdges(s.policy.threshold, s.policy, { pool: poolOption(s.pool, s.orgOf) });
          fit.edges.demandIds.forEach((_, r) => {
            if (fit.province.unfilled[r]! > 0 || fit.filledCity[r]! < fit.edges.capacities[r]!) {
              expect(fit.edges.truncated[r]).toBe(0);
              expect(fit.edges.offsets[r + 1]! - fit.edges.offsets[r]!).toBe(full.offsets[r + 1]! - full.offsets[r]!);
            }
          });
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);

  it('completes a row cut short that is needed: a second pass, and the figure over all pairs', async () => {
    // Limit 1: every demand with two or more positions and two or more qualifying talents is
    // unfilled after the first pass, so its row must be completed.
    const s = worldFit(9, 30);
    const all = s.ix.candidateEdges(30, s.policy, { pool: poolOption(s.pool, s.orgOf) });
    const needs = all.demandIds.filter((_, r) => all.capacities[r]! >= 2 && all.offsets[r + 1]! - all.offsets[r]! >= 2);
    expect(needs.length).toBeGreaterThan(0);
    const fit = await computeFit(s.ix, s.policy, s.pool, s.orgOf, { rowLimit: () => 1 });
    expect(fit.passes).toBeGreaterThan(1);
    expect(fit.completedRows).toBeGreaterThan(0);
    expect(fit.province.matched).toBe(exactFigures(s).province);
    // with the default first pass the same figure, in one pass or more
    const dflt = await computeFit(s.ix, s.policy, s.pool, s.orgOf);
    expect(dflt.province.matched).toBe(fit.province.matched);
  });
});
