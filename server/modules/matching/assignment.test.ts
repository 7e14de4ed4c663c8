import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maxAssignment,
  openRows,
  verifyCertificate,
  type AssignmentInput,
  type AssignmentResult,
} from './assignment.js';
import { runAssignmentInWorker } from './assignment.worker.js';
import { MatchIndex } from './index.js';
import { randomWorld } from './synthetic.js';

/** Exhaustive maximum: each talent in turn takes no demand or one of its demands with room (memoised on capacities). */
function bruteForce(g: AssignmentInput): number {
  const nD = g.capacities.length;
  const demandsOf: number[][] = Array.from({ length: g.nTalents }, () => []);
  for (let d = 0; d < nD; d++)
    for (let e = g.offsets[d]!; e < g.offsets[d + 1]!; e++) {
      const t = g.talents[e]!;
      if (!demandsOf[t]!.includes(d)) demandsOf[t]!.push(d);
    }
  const memo = new Map<string, number>();
  const best = (t: number, room: number[]): number => {
    if (t === g.nTalents) return 0;
    const key = t + ':' + room.join(',');
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let b = best(t + 1, room);
    for (const d of demandsOf[t]!)
      if (room[d]! > 0) {
        room[d]!--;
        b = Math.max(b, 1 + best(t + 1, room));
        room[d]!++;
      }
    memo.set(key, b);
    return b;
  };
  return best(0, [...g.capacities]);
}

const instance = fc
  .record({
    nD: fc.integer({ min: 0, max: 6 }),
    nT: fc.integer({ min: 0, max: 8 }),
    density: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 48, maxLength: 48 }),
    caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ nD, nT, density, seed, caps }): AssignmentInput => {
    const offsets = [0];
    const talents: number[] = [];
    for (let d = 0; d < nD; d++) {
      for (let t = 0; t < nT; t++) if (seed[d * 8 + t]! < density) talents.push(t);
      offsets.push(talents.length);
    }
    return {
      offsets: Int32Array.from(offsets),
      talents: Int32Array.from(talents),
      capacities: Int32Array.from(caps.slice(0, nD)),
      nTalents: nT,
    };
  });

describe('maxAssignment', () => {
  it('equals brute force on random small instances, and its certificate verifies', () => {
    fc.assert(
      fc.property(instance, (g) => {
        const r = maxAssignment(g);
        expect(r.matched).toBe(bruteForce(g));
        expect(verifyCertificate(g, r)).toEqual({ ok: true });
        expect(r.certificate.weight).toBe(r.matched);
        let positions = 0;
        for (let d = 0; d < g.capacities.length; d++) {
          positions += g.capacities[d]!;
          expect(r.filled[d]! + r.unfilled[d]!).toBe(g.capacities[d]);
        }
        expect(r.positions).toBe(positions);
      }),
      { numRuns: 1000 },
    );
  });

  it('handles the edges of the input: no demands, no talents, capacity 0, a duplicated edge', () => {
    const empty = maxAssignment({
      offsets: Int32Array.from([0]),
      talents: new Int32Array(0),
      capacities: new Int32Array(0),
      nTalents: 0,
    });
    expect(empty.matched).toBe(0);
    const noTalents = maxAssignment({
      offsets: Int32Array.from([0, 0]),
      talents: new Int32Array(0),
      capacities: Int32Array.from([3]),
      nTalents: 0,
    });
    expect([noTalents.matched, noTalents.unfilled[0]]).toEqual([0, 3]);
    const capZero = maxAssignment({
      offsets: Int32Array.from([0, 2]),
      talents: Int32Array.from([0, 1]),
      capacities: Int32Array.from([0]),
      nTalents: 2,
    });
    expect(capZero.matched).toBe(0);
    const dup = maxAssignment({
      offsets: Int32Array.from([0, 3]),
      talents: Int32Array.from([0, 0, 1]),
      capacities: Int32Array.from([3]),
      nTalents: 2,
    });
    expect(dup.matched).toBe(2);
    expect(() =>
      maxAssignment({
        offsets: Int32Array.from([0, 1]),
        talents: Int32Array.from([5]),
        capacities: Int32Array.from([1]),
        nTalents: 2,
      }),
    ).toThrow(/out of range/);
  });

  it('finds the augmenting path greedy misses (a chain through several demands)', () => {
    // Greedy in row order gives t0→d0, t1→d1 and leaves d2 empty; the maximum fills all three.
    const g: AssignmentInput = {
      offsets: Int32Array.from([0, 2, 4, 5]),
      talents: Int32Array.from([0, 1, 1, 2, 0]),
      capacities: Int32Array.from([1, 1, 1]),
      nTalents: 3,
    };
    const r = maxAssignment(g);
    expect(r.matched).toBe(3);
    expect(r.phases).toBeGreaterThan(0);
  });
});

describe('verifyCertificate rejects tampering', () => {
  const g: AssignmentInput = {
    offsets: Int32Array.from([0, 3, 5, 6]),
    talents: Int32Array.from([0, 1, 2, 2, 3, 3]),
    capacities: Int32Array.from([2, 1, 2]),
    nTalents: 5,
  };
  const fresh = (): AssignmentResult => {
    const r = maxAssignment(g);
    return {
      ...r,
      pairs: r.pairs.slice(),
      filled: r.filled.slice(),
      unfilled: r.unfilled.slice(),
      certificate: {
        demandInCover: r.certificate.demandInCover.slice(),
        talentInCover: r.certificate.talentInCover.slice(),
        weight: r.certificate.weight,
      },
    };
  };

  it('accepts the genuine result', () => {
    expect(fresh().matched).toBe(4);
    expect(verifyCertificate(g, fresh())).toEqual({ ok: true });
  });

  it('a cover missing a vertex leaves an edge uncovered', () => {
    const r = fresh();
    const t = r.certificate.talentInCover.indexOf(1);
    const d = r.certificate.demandInCover.indexOf(1);
    if (t >= 0) r.certificate.talentInCover[t] = 0;
    else r.certificate.demandInCover[d] = 0;
    const check = verifyCertificate(g, r);
    expect(check.ok).toBe(false);
  });

  it('a cover of every vertex covers every edge but weighs more than the matching', () => {
    const r = fresh();
    r.certificate.demandInCover.fill(1);
    r.certificate.talentInCover.fill(1);
    r.certificate.weight = 5 + 5;
    expect(verifyCertificate(g, r)).toEqual({ ok: false, reason: 'cover weight 10 ≠ matched 4' });
  });

  it('a pair that is not an edge, a talent used twice, or an over-full demand is rejected', () => {
    const notEdge = fresh();
    notEdge.pairs[1] = 4; // talent 4 has no edge
    expect(verifyCertificate(g, notEdge)).toMatchObject({ ok: false });
    const twice = fresh();
    twice.pairs[3] = twice.pairs[1]!;
    expect(verifyCertificate(g, twice)).toMatchObject({ ok: false, reason: expect.stringContaining('twice') });
    const over = fresh();
    const capped: AssignmentInput = { ...g, capacities: Int32Array.from([1, 1, 2]) };
    expect(verifyCertificate(capped, over)).toMatchObject({ ok: false });
  });
});

describe('runAssignmentInWorker', () => {
  it('returns the same result as in-process (index edges, transferred arrays)', async () => {
    const w = randomWorld(42, { talents: 3000, demands: 400 });
    const ix = MatchIndex.build(w.vocab, w.talents, w.demands);
    const csr = ix.candidateEdges(60);
    expect(csr.edges).toBeGreaterThan(1000);
    const g: AssignmentInput = {
      offsets: csr.offsets,
      talents: csr.talents,
      capacities: csr.capacities,
      nTalents: csr.nTalents,
    };
    const local = maxAssignment(g);
    const copy = await runAssignmentInWorker(csr, csr.capacities, csr.nTalents, { copy: true });
    expect(copy).toEqual(local);
    expect(csr.talents.length).toBe(csr.edges); // copied, still usable
    const moved = await runAssignmentInWorker(csr, csr.capacities, csr.nTalents);
    expect(moved).toEqual(local);
    expect(csr.talents.length).toBe(0); // transferred: detached in the caller
  });

  it('rejects when the input is invalid', async () => {
    await expect(
      runAssignmentInWorker(
        { offsets: Int32Array.from([0, 1]), talents: Int32Array.from([9]) },
        Int32Array.from([1]),
        2,
      ),
    ).rejects.toThrow(/out of range/);
  });
});

describe('rows cut short (truncated)', () => {
  // Demand 0 lists talent 0 only (it has more edges, unlisted); demand 1 lists talent 0.
  const g: AssignmentInput = {
    offsets: Int32Array.from([0, 1, 2]),
    talents: Int32Array.from([0, 0]),
    capacities: Int32Array.from([1, 1]),
    nTalents: 3,
    truncated: Uint8Array.from([1, 0]),
  };

  it('names the rows cut short that the cover leaves out, and refuses the certificate until they are complete', () => {
    const r = maxAssignment(g);
    expect(r.matched).toBe(1);
    // Greedy gives talent 0 to demand 0; demand 1 is unfilled and reaches demand 0 through talent 0,
    // so demand 0 — cut short — is outside the cover: its unlisted talents might still augment.
    expect(openRows(g, r)).toEqual([0]);
    expect(verifyCertificate(g, r)).toEqual({
      ok: false,
      reason: 'demand 0 lists only some of its edges and is outside the cover',
    });
    expect(verifyCertificate({ ...g, truncated: undefined }, r)).toEqual({ ok: true });
    // Completing demand 0 with its unlisted talent 1 lets both fill: the listed-only answer was not maximum.
    const done: AssignmentInput = {
      offsets: Int32Array.from([0, 2, 3]),
      talents: Int32Array.from([0, 1, 0]),
      capacities: g.capacities,
      nTalents: 3,
      truncated: Uint8Array.from([0, 0]),
    };
    const r2 = maxAssignment(done);
    expect(r2.matched).toBe(2);
    expect(openRows(done, r2)).toEqual([]);
    expect(verifyCertificate(done, r2)).toEqual({ ok: true });
  });
});
