/**
 * T5's exact maximum assignment: demands (capacity = headcount) against talents (capacity 1)
 * over candidate edges, as a maximum flow source → demand → talent → sink, computed by
 * Hopcroft–Karp generalised to capacities (Dinic on this unit-talent network) on typed arrays.
 *
 * Every run proves itself: the minimum cut gives a weighted vertex cover (a demand outside the
 * source side counts its capacity, a talent inside counts 1); every edge is covered and the
 * cover weighs exactly the matched count, so by weak duality no assignment can be larger.
 * Rows may list only some of their edges (`truncated`): the proof then extends to the unlisted
 * edges when those rows are in the cover (`openRows` names the ones that are not).
 * `maxAssignment` checks that certificate with `verifyCertificate` and throws if it fails.
 * Pure: no I/O (./assignment.worker.ts runs it off the main thread).
 */

export interface AssignmentInput {
  /** CSR rows, one per demand: row d's talents are talents[offsets[d] .. offsets[d+1]). */
  offsets: Int32Array;
  /** Talent indices, each in [0, nTalents). Order within a row is the preference order. */
  talents: Int32Array;
  /** Capacity (headcount) per demand row. */
  capacities: Int32Array;
  nTalents: number;
  /**
   * Per row, 1 = the row lists only some of the demand's edges (CandidateEdges.truncated). A
   * certificate proves the assignment maximum over *all* edges only if every such row is in the
   * cover (a demand in the cover covers every edge it has, listed or not): see `openRows`.
   */
  truncated?: Uint8Array;
}

export interface AssignmentCertificate {
  /** 1 = demand is in the cover (outside the source side of the minimum cut): weighs its capacity. */
  demandInCover: Uint8Array;
  /** 1 = talent is in the cover (on the source side): weighs 1. */
  talentInCover: Uint8Array;
  /** Σ capacity of covered demands + number of covered talents. */
  weight: number;
}

export interface AssignmentResult {
  /** Positions filled = size of the maximum assignment. */
  matched: number;
  /** Σ capacities. */
  positions: number;
  /** Interleaved pairs [demand, talent, demand, talent, …], by demand row, then row order. */
  pairs: Int32Array;
  /** Positions filled per demand row. */
  filled: Int32Array;
  /** capacity − filled per demand row. */
  unfilled: Int32Array;
  certificate: AssignmentCertificate;
  /** Augmenting phases run after the greedy start (≤ O(√V)). */
  phases: number;
}

export type CertificateCheck = { ok: true } | { ok: false; reason: string };

function checkInput(g: AssignmentInput): void {
  const nD = g.capacities.length;
  if (g.offsets.length !== nD + 1) throw new Error('offsets must have one entry more than capacities');
  if (g.offsets[0] !== 0 || g.offsets[nD] !== g.talents.length) throw new Error('offsets do not span talents');
  for (let d = 0; d < nD; d++) {
    if (g.offsets[d + 1]! < g.offsets[d]!) throw new Error('offsets must not decrease');
    if (g.capacities[d]! < 0) throw new Error('capacities must be ≥ 0');
  }
  for (let e = 0; e < g.talents.length; e++) {
    const t = g.talents[e]!;
    if (t < 0 || t >= g.nTalents) throw new Error(`talent index ${t} out of range`);
  }
}

/** The maximum assignment with its checked certificate; throws if the certificate fails. */
export function maxAssignment(g: AssignmentInput): AssignmentResult {
  checkInput(g);
  const { offsets, talents, capacities, nTalents } = g;
  const nD = capacities.length;
  const matchT = new Int32Array(nTalents).fill(-1);
  const load = new Int32Array(nD);
  let matched = 0;
  let positions = 0;
  for (let d = 0; d < nD; d++) positions += capacities[d]!;

  // Greedy start in row order (rows list their best candidates first).
  for (let d = 0; d < nD; d++) {
    const cap = capacities[d]!;
    for (let e = offsets[d]!, end = offsets[d + 1]!; e < end && load[d]! < cap; e++) {
      const t = talents[e]!;
      if (matchT[t] === -1) {
        matchT[t] = d;
        load[d]!++;
        matched++;
      }
    }
  }

  const dist = new Int32Array(nD);
  const queue = new Int32Array(nD);
  const ptr = new Int32Array(nD);
  const stack = new Int32Array(nD + 1);
  let phases = 0;

  for (;;) {
    // BFS from every demand with spare capacity over residual edges demand → talent → its demand.
    dist.fill(-1);
    let head = 0;
    let tail = 0;
    for (let d = 0; d < nD; d++)
      if (load[d]! < capacities[d]!) {
        dist[d] = 0;
        queue[tail++] = d;
      }
    let limit = -1;
    while (head < tail) {
      const d = queue[head++]!;
      if (limit >= 0 && dist[d]! >= limit) break;
      for (let e = offsets[d]!, end = offsets[d + 1]!; e < end; e++) {
        const m = matchT[talents[e]!]!;
        if (m === -1) {
          if (limit < 0) limit = dist[d]! + 1;
        } else if (dist[m] === -1) {
          dist[m] = dist[d]! + 1;
          queue[tail++] = m;
        }
      }
    }
    if (limit < 0) break; // no augmenting path: maximum
    phases++;

    // Blocking flow on the layered graph (iterative DFS with current-arc pointers).
    for (let d = 0; d < nD; d++) ptr[d] = offsets[d]!;
    for (let i = 0; i < tail; i++) {
      const root = queue[i]!;
      if (dist[root] !== 0) continue;
      while (load[root]! < capacities[root]! && dist[root] === 0) {
        // Find one augmenting path from root.
        let sp = 0;
        stack[0] = root;
        let found = false;
        while (sp >= 0) {
          const d = stack[sp]!;
          if (ptr[d] === offsets[d + 1]) {
            dist[d] = -2; // dead end for the rest of the phase
            sp--;
            if (sp >= 0) ptr[stack[sp]!]!++;
            continue;
          }
          const m = matchT[talents[ptr[d]!]!]!;
          if (m === -1) {
            found = true;
            break;
          }
          if (m !== d && dist[m] === dist[d]! + 1) stack[++sp] = m;
          else ptr[d]!++;
        }
        if (!found) break;
        for (let j = 0; j <= sp; j++) {
          const d = stack[j]!;
          matchT[talents[ptr[d]!]!] = d;
          ptr[d]!++;
        }
        load[root]!++;
        matched++;
      }
    }
  }

  // Pairs, per demand row in row order.
  const filled = new Int32Array(nD);
  const unfilled = new Int32Array(nD);
  const pairs = new Int32Array(2 * matched);
  const emitted = new Uint8Array(nTalents);
  let p = 0;
  for (let d = 0; d < nD; d++) {
    for (let e = offsets[d]!, end = offsets[d + 1]!; e < end; e++) {
      const t = talents[e]!;
      if (matchT[t] === d && emitted[t] === 0) {
        emitted[t] = 1;
        pairs[p++] = d;
        pairs[p++] = t;
        filled[d]!++;
      }
    }
    unfilled[d] = capacities[d]! - filled[d]!;
  }

  const result: AssignmentResult = {
    matched,
    positions,
    pairs,
    filled,
    unfilled,
    certificate: minCutCover(g, matchT, load),
    phases,
  };
  // Over the listed edges; rows cut short outside the cover are the caller's to complete (openRows).
  const check = verifyCertificate({ ...g, truncated: undefined }, result);
  if (!check.ok) throw new Error(`assignment certificate failed: ${check.reason}`);
  return result;
}

/**
 * The rows cut short (g.truncated) that the certificate leaves outside the cover: their unlisted
 * edges might still augment. Completing these rows and solving again converges (a completed row
 * is never cut short again); with none left, the certificate holds for all edges.
 */
export function openRows(g: AssignmentInput, r: AssignmentResult): number[] {
  const out: number[] = [];
  if (!g.truncated) return out;
  for (let d = 0; d < g.capacities.length; d++)
    if (g.truncated[d] === 1 && r.certificate.demandInCover[d] !== 1) out.push(d);
  return out;
}

/**
 * The source side of the minimum cut in the final residual network (demand → talent edges have
 * unbounded capacity, so a reachable demand reaches all its talents), read as a vertex cover.
 */
function minCutCover(g: AssignmentInput, matchT: Int32Array, load: Int32Array): AssignmentCertificate {
  const { offsets, talents, capacities, nTalents } = g;
  const nD = capacities.length;
  const seenD = new Uint8Array(nD);
  const seenT = new Uint8Array(nTalents);
  const queue = new Int32Array(nD);
  let head = 0;
  let tail = 0;
  for (let d = 0; d < nD; d++)
    if (load[d]! < capacities[d]!) {
      seenD[d] = 1;
      queue[tail++] = d;
    }
  while (head < tail) {
    const d = queue[head++]!;
    for (let e = offsets[d]!, end = offsets[d + 1]!; e < end; e++) {
      const t = talents[e]!;
      if (seenT[t]) continue;
      seenT[t] = 1;
      const m = matchT[t]!;
      if (m >= 0 && !seenD[m]) {
        seenD[m] = 1;
        queue[tail++] = m;
      }
    }
  }
  const demandInCover = new Uint8Array(nD);
  let weight = 0;
  for (let d = 0; d < nD; d++)
    if (!seenD[d]) {
      demandInCover[d] = 1;
      weight += capacities[d]!;
    }
  for (let t = 0; t < nTalents; t++) weight += seenT[t]!;
  return { demandInCover, talentInCover: seenT, weight };
}

/**
 * Checks a result against its input, independently of how it was computed: the pairs are edges,
 * each talent is used once, no demand exceeds its capacity, the per-row counts agree; the cover
 * covers every edge and weighs exactly `matched` (weak duality: then both are optimal).
 */
export function verifyCertificate(g: AssignmentInput, r: AssignmentResult): CertificateCheck {
  const fail = (reason: string): CertificateCheck => ({ ok: false, reason });
  const { offsets, talents, capacities, nTalents } = g;
  const nD = capacities.length;
  const { demandInCover, talentInCover } = r.certificate;
  if (demandInCover.length !== nD || talentInCover.length !== nTalents) return fail('cover has the wrong size');
  if (r.pairs.length !== 2 * r.matched) return fail('pairs do not match the matched count');
  if (r.filled.length !== nD || r.unfilled.length !== nD) return fail('per-demand counts have the wrong size');

  // Assignment: pairs grouped by demand, then checked against the demand's row.
  const count = new Int32Array(nD);
  const used = new Uint8Array(nTalents);
  for (let i = 0; i < r.pairs.length; i += 2) {
    const d = r.pairs[i]!;
    const t = r.pairs[i + 1]!;
    if (d < 0 || d >= nD || t < 0 || t >= nTalents) return fail(`pair (${d}, ${t}) out of range`);
    if (used[t]) return fail(`talent ${t} assigned twice`);
    used[t] = 1;
    count[d]!++;
  }
  const start = new Int32Array(nD + 1);
  for (let d = 0; d < nD; d++) start[d + 1] = start[d]! + count[d]!;
  const byDemand = new Int32Array(r.matched);
  const fillAt = start.slice(0, nD);
  for (let i = 0; i < r.pairs.length; i += 2) byDemand[fillAt[r.pairs[i]!]!++] = r.pairs[i + 1]!;
  const mark = new Int32Array(nTalents).fill(-1);
  let positions = 0;
  for (let d = 0; d < nD; d++) {
    const cap = capacities[d]!;
    positions += cap;
    if (count[d]! > cap) return fail(`demand ${d} exceeds its capacity`);
    if (r.filled[d] !== count[d] || r.unfilled[d] !== cap - count[d]!) return fail(`demand ${d} counts disagree`);
    for (let e = offsets[d]!, end = offsets[d + 1]!; e < end; e++) mark[talents[e]!] = d;
    for (let i = start[d]!; i < start[d + 1]!; i++)
      if (mark[byDemand[i]!] !== d) return fail(`pair (${d}, ${byDemand[i]}) is not an edge`);
  }
  if (positions !== r.positions) return fail('positions disagree');

  // Cover: every edge covered — the unlisted edges of a row cut short only if the row is in it; weight = matched.
  if (g.truncated) {
    if (g.truncated.length !== nD) return fail('truncated has the wrong size');
    for (let d = 0; d < nD; d++)
      if (g.truncated[d] === 1 && !demandInCover[d])
        return fail(`demand ${d} lists only some of its edges and is outside the cover`);
  }
  let weight = 0;
  for (let d = 0; d < nD; d++) {
    if (demandInCover[d]) {
      weight += capacities[d]!;
      continue;
    }
    for (let e = offsets[d]!, end = offsets[d + 1]!; e < end; e++)
      if (!talentInCover[talents[e]!]) return fail(`edge (${d}, ${talents[e]}) is not covered`);
  }
  for (let t = 0; t < nTalents; t++) weight += talentInCover[t] ? 1 : 0;
  if (weight !== r.certificate.weight) return fail('cover weight disagrees with the certificate');
  if (weight !== r.matched) return fail(`cover weight ${weight} ≠ matched ${r.matched}`);
  return { ok: true };
}
