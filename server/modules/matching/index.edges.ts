/**
 * Candidate edges in blocks (MatchIndex.candidateEdges' fast path, for policies that gate on
 * occupation and city — the default). Demands whose candidate lists are the same (the same
 * admitted related occupations, the same city: every occupation of a 中类 shares them) form a
 * block; the block's candidates are laid out once, densely and without anything that depends on
 * the demand:
 *
 *   - the talent's qualifications related to any occupation of the block (raw PackedQual, at
 *     most two kept inline; a talent with more is scored by the general kernel);
 *   - whether the talent lives in the city or would move there (every candidate is one of the two);
 *   - its skills as bit masks over the skills the block's demands name (held, held with a
 *     credential), a few 32-bit words;
 *   - its chains as bit masks over the chains the block's demands name.
 *
 * A demand then scores each candidate with table look-ups (its DemandProbe) and popcounts over
 * the words its own skills fall in; loops run a number of times fixed per demand, so they predict
 * well. The arithmetic is the probe's, so a score equals scoreOf (index.columns.test.ts).
 */
import { ANY_CITY, H, MAX_LIST, type TalentColumns } from './index.columns.js';
import { MISSING, type DemandProbe } from './score.js';
import type { DemandInput } from './vocab.js';

const LIVES = 0;
const MOVES = 1;
const GENERAL = 2; // scored by TalentColumns.scoreCode

const REQ = MISSING.required_skills;
const CHAIN = MISSING.chain;

/** Bits set in each 16-bit value. */
const POP16 = (() => {
  const t = new Uint8Array(1 << 16);
  for (let i = 1; i < t.length; i++) t[i] = (i & 1) + t[i >>> 1]!;
  return t;
})();

/** Local bit numbers for the ids a block's demands name (most named first, so they share the low words). */
function localBits(counts: Map<number, number>): Map<number, number> {
  const ids = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
  return new Map(ids.map((id, i) => [id, i]));
}

export class EdgeBlock {
  readonly n: number;
  /** Talent slot of candidate i (candidates in the order given: id order). */
  readonly slots: Int32Array;
  private readonly qa: Int32Array;
  private readonly qb: Int32Array;
  private readonly kind: Uint8Array;
  private readonly skillBit: Map<number, number>;
  private readonly sw: number;
  private readonly held: Int32Array;
  private readonly verified: Int32Array;
  private readonly chainBit: Map<number, number>;
  private readonly cw: number;
  private readonly chains: Int32Array;
  /** Per demand: [word, required mask, preferred mask] for each word its skills fall in. */
  private words = new Int32Array(3 * 8);

  /**
   * @param related occupation ids related (under the policy) to some demand of the block: the
   *   only qualifications that can count for them
   */
  constructor(
    cols: TalentColumns,
    slots: Int32Array,
    related: ReadonlySet<number>,
    city: number,
    demands: readonly DemandInput[],
  ) {
    const n = (this.n = slots.length);
    this.slots = slots;
    const skillCounts = new Map<number, number>();
    const chainCounts = new Map<number, number>();
    for (const d of demands) {
      for (const s of d.required) skillCounts.set(s, (skillCounts.get(s) ?? 0) + 1);
      for (const s of d.preferred) skillCounts.set(s, (skillCounts.get(s) ?? 0) + 1);
      if (d.chain >= 0) chainCounts.set(d.chain, (chainCounts.get(d.chain) ?? 0) + 1);
    }
    this.skillBit = localBits(skillCounts);
    this.chainBit = localBits(chainCounts);
    const sw = (this.sw = Math.max(1, Math.ceil(this.skillBit.size / 32)));
    const cw = (this.cw = Math.max(1, Math.ceil(this.chainBit.size / 32)));
    this.qa = new Int32Array(n);
    this.qb = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.held = new Int32Array(n * sw);
    this.verified = new Int32Array(n * sw);
    this.chains = new Int32Array(n * cw);

    const { hdr, pool } = cols;
    for (let i = 0; i < n; i++) {
      const b = slots[i]! * H;
      const off = hdr[b]!;
      const lens = hdr[b + 2]!;
      const more = hdr[b + 3]!;
      const skillsAt = off + (lens & 0xffff);
      const moveAt = skillsAt + (lens >>> 16);
      const chainsAt = moveAt + (more & MAX_LIST);
      const chainsEnd = chainsAt + ((more >>> 15) & MAX_LIST);
      let kind = hdr[b + 1] === city ? LIVES : MOVES;
      if (kind === MOVES && (more & ANY_CITY) === 0) {
        let willing = false;
        for (let j = moveAt; j < chainsAt; j++) if (pool[j] === city) willing = true;
        if (!willing) kind = GENERAL; // not a candidate of this city's lists: cannot happen, stay exact anyway
      }
      let qa = -1;
      let qb = -1;
      for (let j = off; j < skillsAt; j++) {
        const q = pool[j]!;
        if (!related.has(q >>> 6)) continue;
        if (qa < 0) qa = q;
        else if (qb < 0) qb = q;
        else kind = GENERAL;
      }
      this.qa[i] = qa;
      this.qb[i] = qb;
      for (let j = skillsAt; j < moveAt; j++) {
        const s = pool[j]!;
        const bit = this.skillBit.get(s >>> 1);
        if (bit === undefined) continue;
        const k = i * sw + (bit >>> 5);
        const m = 1 << (bit & 31);
        if ((this.held[k]! & m) !== 0) kind = GENERAL; // a skill listed twice: counted twice by scoreOf
        this.held[k]! |= m;
        if ((s & 1) === 1) this.verified[k]! |= m;
      }
      for (let j = chainsAt; j < chainsEnd; j++) {
        const bit = this.chainBit.get(pool[j]!);
        if (bit !== undefined) this.chains[i * cw + (bit >>> 5)]! |= 1 << (bit & 31);
      }
      this.kind[i] = kind;
    }
  }

  /**
   * Scores every candidate for `d` (pr = its probe); writes the candidates whose score code
   * (score × 100) is ≥ minCode to codes / out (candidate order kept) and returns their number.
   * `cols` scores the few candidates the block could not lay out.
   */
  scoreInto(
    pr: DemandProbe,
    d: DemandInput,
    minCode: number,
    cols: TalentColumns,
    codes: Int32Array,
    out: Int32Array,
  ): number {
    // The words this demand's skills fall in, with its masks there.
    const byWord = new Map<number, [number, number]>();
    for (const s of d.required) {
      const bit = this.skillBit.get(s)!;
      const e = byWord.get(bit >>> 5) ?? [0, 0];
      e[0] |= 1 << (bit & 31);
      byWord.set(bit >>> 5, e);
    }
    for (const s of d.preferred) {
      const bit = this.skillBit.get(s)!;
      const e = byWord.get(bit >>> 5) ?? [0, 0];
      e[1] |= 1 << (bit & 31);
      byWord.set(bit >>> 5, e);
    }
    if (this.words.length < 3 * byWord.size) this.words = new Int32Array(3 * byWord.size);
    const words = this.words;
    let nw = 0;
    for (const [w, [rm, pm]] of byWord) {
      words[nw++] = w;
      words[nw++] = rm;
      words[nw++] = pm;
    }
    const chainBit = d.chain >= 0 ? this.chainBit.get(d.chain)! : -1;
    const chainWord = chainBit >>> 5;
    const chainMask = chainBit >= 0 ? 1 << (chainBit & 31) : 0;

    const { n, slots, qa, qb, kind, held, verified, chains, sw, cw } = this;
    const { occRel, qVal, qPts, qMiss, reqPts, prefPts, evidPts, gates, nReq, chainPts, cityHome, cityMove } = pr;
    const { noQualMiss, noQualPts, exact } = pr;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const k = kind[i]!;
      if (k === GENERAL || !exact) {
        const c = cols.scoreCode(pr, slots[i]!, 0);
        if (c >= minCode) {
          codes[m] = c;
          out[m++] = slots[i]!;
        }
        continue;
      }
      // Occupation and level: the first of the (at most two) related qualifications with the highest value.
      let best = -1;
      const a = qa[i]!;
      if (a >= 0) {
        const code = occRel[a >>> 6]! * 64 + (a & 63);
        const val = qVal[code]!;
        if (val > -1) best = code;
        const q2 = qb[i]!;
        if (q2 >= 0) {
          const code2 = occRel[q2 >>> 6]! * 64 + (q2 & 63);
          if (qVal[code2]! > (best < 0 ? -1 : val)) best = code2;
        }
      }
      let missing: number;
      let c: number;
      let qualV: number;
      if (best < 0) {
        missing = noQualMiss;
        c = noQualPts;
        qualV = 0;
      } else {
        missing = qMiss[best]!;
        c = qPts[best]!;
        qualV = best & 1;
      }
      c += k === LIVES ? cityHome : cityMove;
      // Skills: popcounts over this demand's words.
      let heldReq = 0;
      let heldReqV = 0;
      let heldPref = 0;
      const base = i * sw;
      for (let j = 0; j < nw; j += 3) {
        const h = held[base + words[j]!]!;
        const rm = h & words[j + 1]!;
        const vm = verified[base + words[j]!]! & words[j + 1]!;
        const pm = h & words[j + 2]!;
        heldReq += POP16[rm & 0xffff]! + POP16[rm >>> 16]!;
        heldReqV += POP16[vm & 0xffff]! + POP16[vm >>> 16]!;
        heldPref += POP16[pm & 0xffff]! + POP16[pm >>> 16]!;
      }
      if (heldReq < nReq) missing |= REQ;
      if (chainMask === 0 || (chains[i * cw + chainWord]! & chainMask) !== 0) c += chainPts;
      else missing |= CHAIN;
      if ((missing & gates) !== 0) continue;
      c += reqPts[heldReq]! + prefPts[heldPref]! + evidPts[qualV + heldReqV]!;
      if (c >= minCode) {
        codes[m] = c;
        out[m++] = slots[i]!;
      }
    }
    return m;
  }
}
