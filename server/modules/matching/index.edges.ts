/**
 * Candidate edges in blocks (MatchIndex.candidateEdges' fast path, for policies that gate on
 * occupation and city — the default). Demands whose candidate lists are the same (the same
 * admitted related occupations, the same city: every occupation of a 中类 shares them) form a
 * block; the block's candidates are laid out once, densely, in id order, with nothing that
 * depends on the demand:
 *
 *   - the talent's qualifications related to any occupation of the block (raw PackedQual, at
 *     most two inline; a talent with more is scored by the general kernel);
 *   - whether the talent lives in the city or would move there (every candidate is one of the two);
 *   - its skills as bit masks over the skills the block's demands name (held; held with a
 *     credential), a few 32-bit words; its chains as bit masks over the chains they name;
 *   - lists of the candidates by related occupation and by skill.
 *
 * A demand first bounds, per related occupation, what a candidate holding none of its required
 * skills can reach; the lists of occupations that cannot reach the threshold that way are left
 * out, and the candidates holding one of its required skills are added back (for the default
 * policy this skips the 中类-only candidates without a required skill — about half the pairs —
 * none of which can qualify). It then scores the selected candidates, in id order, with table
 * look-ups (its DemandProbe) and popcounts over the words its own skills fall in; loops run a
 * number of times fixed per demand, so they predict well. The arithmetic is the probe's, so a
 * score equals scoreOf (index.columns.test.ts).
 */
import { ANY_CITY, H, MAX_LIST, type TalentColumns } from './index.columns.js';
import { MISSING, type DemandProbe } from './score.js';
import type { DemandInput } from './vocab.js';

/** Candidate kinds: lives in the city / would move there / scored by TalentColumns.scoreCode; OUT = outside the pool. */
const LIVES = 0;
const MOVES = 1;
const GENERAL = 2;
const OUT = 4;

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

/** Growable lists of candidate indices, frozen into Int32Arrays. */
function freeze(m: Map<number, number[]>): Map<number, Int32Array> {
  return new Map([...m].map(([k, l]) => [k, Int32Array.from(l)]));
}

export interface BlockPool {
  /** Per talent slot: 1 = in the pool. */
  inPool: Uint8Array;
  /** Slots outside the pool that some demand of the block still admits (its own employees …). */
  extra: ReadonlySet<number>;
}

export class EdgeBlock {
  readonly n: number;
  /** Talent slot of candidate i (candidates in id order). */
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
  /** Candidates by related occupation they hold, by skill bit they hold; those always scored (GENERAL). */
  private readonly byOcc: Map<number, Int32Array>;
  private readonly bySkill: Map<number, Int32Array>;
  private readonly always: Int32Array;
  /** Per demand: [word, required mask, preferred mask] for each word its skills fall in. */
  private words = new Int32Array(3 * 8);
  /** Per demand: city hundredths by candidate kind. */
  private readonly cityPts = new Int32Array(2);
  /** Per demand: selected candidates (bitmap over i) and their list. */
  private readonly sel: Int32Array;
  private readonly picked: Int32Array;

  /**
   * @param slots candidate talent slots in id order
   * @param related occupation ids related (under the policy) to some demand of the block: the
   *   only qualifications that can count for them
   * @param pool when T5's pool applies: candidates outside it and not in `extra` are dropped
   */
  constructor(
    cols: TalentColumns,
    slots: Int32Array,
    related: ReadonlySet<number>,
    city: number,
    demands: readonly DemandInput[],
    pool?: BlockPool,
  ) {
    if (pool) slots = slots.filter((s) => pool.inPool[s] === 1 || pool.extra.has(s));
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
    this.sel = new Int32Array((n >>> 5) + 1);
    this.picked = new Int32Array(n);
    const byOcc = new Map<number, number[]>();
    const bySkill = new Map<number, number[]>();
    const always: number[] = [];
    const list = (m: Map<number, number[]>, k: number, i: number) => {
      const l = m.get(k);
      if (!l) m.set(k, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    };

    // Lookup tables for the loop: local skill bit by skill id, relatedness by occupation id.
    let maxSkill = 0;
    for (const id of this.skillBit.keys()) maxSkill = Math.max(maxSkill, id + 1);
    const bitOf = new Int32Array(maxSkill).fill(-1);
    for (const [id, bit] of this.skillBit) bitOf[id] = bit;
    let maxOcc = 0;
    for (const o of related) maxOcc = Math.max(maxOcc, o + 1);
    const isRelated = new Uint8Array(maxOcc);
    for (const o of related) isRelated[o] = 1;

    const { hdr, pool: p } = cols;
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
        for (let j = moveAt; j < chainsAt; j++) if (p[j] === city) willing = true;
        if (!willing) kind = GENERAL; // not in this city's lists: cannot happen; stay exact anyway
      }
      let qa = -1;
      let qb = -1;
      for (let j = off; j < skillsAt; j++) {
        const q = p[j]!;
        if (q >>> 6 >= maxOcc || isRelated[q >>> 6] === 0) continue;
        list(byOcc, q >>> 6, i);
        if (qa < 0) qa = q;
        else if (qb < 0) qb = q;
        else kind = GENERAL;
      }
      this.qa[i] = qa;
      this.qb[i] = qb;
      for (let j = skillsAt; j < moveAt; j++) {
        const s = p[j]!;
        const bit = s >>> 1 < maxSkill ? bitOf[s >>> 1]! : -1;
        if (bit < 0) continue;
        list(bySkill, bit, i);
        const k = i * sw + (bit >>> 5);
        const m = 1 << (bit & 31);
        if ((this.held[k]! & m) !== 0) kind = GENERAL; // a skill listed twice: scoreOf counts it twice
        this.held[k]! |= m;
        if ((s & 1) === 1) this.verified[k]! |= m;
      }
      for (let j = chainsAt; j < chainsEnd; j++) {
        const bit = this.chainBit.get(p[j]!);
        if (bit !== undefined) this.chains[i * cw + (bit >>> 5)]! |= 1 << (bit & 31);
      }
      if (kind === GENERAL) always.push(i);
      this.kind[i] = kind | (pool && pool.inPool[slots[i]!] !== 1 ? OUT : 0);
    }
    this.byOcc = freeze(byOcc);
    this.bySkill = freeze(bySkill);
    this.always = Int32Array.from(always);
  }

  /**
   * Picks the candidates that can reach minCode (see the file comment) into `picked`, in id
   * order; returns their number, or -1 when they are all of them.
   */
  private pick(pr: DemandProbe, d: DemandInput, minCode: number): number {
    if (!pr.exact) return -1;
    // What a candidate holding none of the required skills can reach, by the relation of its best qualification.
    const { qVal, qPts, occRel, evidPts, prefPts, reqPts } = pr;
    const rest =
      Math.max(pr.cityHome, pr.cityMove) +
      pr.chainPts +
      reqPts[0]! +
      prefPts[pr.nPref]! +
      evidPts[Math.min(1, pr.nReq + 1)]!;
    const reach = [pr.noQualPts, pr.noQualPts, pr.noQualPts, pr.noQualPts];
    for (let code = 64; code < 256; code++)
      if (!Number.isNaN(qVal[code]!)) reach[code >>> 6] = Math.max(reach[code >>> 6]!, qPts[code]!);
    const skip: Int32Array[] = [];
    const keep: Int32Array[] = [];
    for (const [o, l] of this.byOcc)
      (reach[o < occRel.length ? occRel[o]! : 0]! + rest >= minCode ? keep : skip).push(l);
    if (skip.length === 0) return -1;
    const sel = this.sel;
    sel.fill(0);
    const mark = (l: Int32Array) => {
      for (let j = 0; j < l.length; j++) sel[l[j]! >>> 5]! |= 1 << (l[j]! & 31);
    };
    for (const l of keep) mark(l);
    for (const s of d.required) {
      const l = this.bySkill.get(this.skillBit.get(s)!);
      if (l) mark(l);
    }
    mark(this.always);
    const picked = this.picked;
    let m = 0;
    for (let w = 0; w < sel.length; w++) {
      let x = sel[w]!;
      while (x !== 0) {
        const low = x & -x;
        picked[m++] = (w << 5) | (31 - Math.clz32(low));
        x ^= low;
      }
    }
    return m;
  }

  /** Whether the last scoreInto stopped at its limit with candidates left unscored. */
  truncated = false;

  /**
   * Scores the candidates for `d` (pr = its probe); writes those whose score code (score × 100)
   * is ≥ minCode to codes / out, in id order, and returns their number. `also`: slots outside
   * the pool this demand admits. `cols` scores the few candidates the block could not lay out.
   * codes and out must hold n entries.
   *
   * With a `limit`, scoring stops once that many qualify (then `truncated` is set if any
   * candidate was left unscored). The scan starts at candidate `start` and wraps around, so
   * demands cut short take different candidates rather than all the lowest ids; the written
   * rows are still in id order.
   */
  scoreInto(
    pr: DemandProbe,
    d: DemandInput,
    minCode: number,
    cols: TalentColumns,
    codes: Int32Array,
    out: Int32Array,
    also: ReadonlySet<number> | null = null,
    limit = 0x7fffffff,
    start = 0,
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
    const chainWord = chainBit >= 0 ? chainBit >>> 5 : 0;
    const chainMask = chainBit >= 0 ? 1 << (chainBit & 31) : 0;
    const noChain = chainMask === 0 ? 1 : 0;

    const picks = this.pick(pr, d, minCode);
    const all = picks < 0;
    const count = all ? this.n : picks;
    const picked = this.picked;
    const { slots, qa, qb, kind, held, verified, chains, sw, cw } = this;
    const { occRel, qVal, qPts, qMiss, reqPts, prefPts, evidPts, gates, nReq, chainPts } = pr;
    const { noQualMiss, noQualPts, exact } = pr;
    const cityPts = this.cityPts;
    cityPts[LIVES] = pr.cityHome;
    cityPts[MOVES] = pr.cityMove;
    let m = 0;
    // The first position at or after `start` (in the picked list: the first pick ≥ start).
    let first = 0;
    if (start > 0 && start < this.n) {
      if (all) first = start;
      else {
        let hi = count;
        while (first < hi) {
          const mid = (first + hi) >>> 1;
          if (picked[mid]! < start) first = mid + 1;
          else hi = mid;
        }
      }
    }
    this.truncated = false;
    let wrapAt = -1;
    scan: for (let pass = 0; pass < 2; pass++) {
      const from = pass === 0 ? first : 0;
      const to = pass === 0 ? count : first;
      if (pass === 1) wrapAt = m;
      for (let t = from; t < to; t++) {
        if (m >= limit) {
          this.truncated = true;
          break scan;
        }
        const i = all ? t : picked[t]!;
        let k = kind[i]!;
        const slot = slots[i]!;
        if (k >= OUT) {
          if (also === null || !also.has(slot)) continue;
          k &= OUT - 1;
        }
        if (k === GENERAL || !exact) {
          const c = cols.scoreCode(pr, slot, 0);
          if (c >= minCode) {
            codes[m] = c;
            out[m++] = slot;
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
        if (best < 0) {
          missing = noQualMiss;
          c = noQualPts;
        } else {
          missing = qMiss[best]!;
          c = qPts[best]!;
        }
        let verifiedItems = best < 0 ? 0 : best & 1;
        // Skills: popcounts over this demand's words.
        let heldReq = 0;
        let heldPref = 0;
        const base = i * sw;
        for (let j = 0; j < nw; j += 3) {
          const h = held[base + words[j]!]!;
          const rm = h & words[j + 1]!;
          const vm = verified[base + words[j]!]! & words[j + 1]!;
          const pm = h & words[j + 2]!;
          heldReq += POP16[rm & 0xffff]! + POP16[rm >>> 16]!;
          verifiedItems += POP16[vm & 0xffff]! + POP16[vm >>> 16]!;
          heldPref += POP16[pm & 0xffff]! + POP16[pm >>> 16]!;
        }
        const chainOk = (chains[i * cw + chainWord]! & chainMask) | noChain;
        missing |= ((heldReq - nReq) >> 31) & REQ; // heldReq < nReq
        missing |= chainOk === 0 ? CHAIN : 0;
        c +=
          cityPts[k]! +
          (chainOk === 0 ? 0 : chainPts) +
          reqPts[heldReq]! +
          prefPts[heldPref]! +
          evidPts[verifiedItems]!;
        // Written always, kept when it qualifies (no unpredictable branch).
        codes[m] = c;
        out[m] = slot;
        m += (missing & gates) === 0 && c >= minCode ? 1 : 0;
      }
    }
    // Written as [first, end) then [0, first): put the wrapped part (the lower ids) first.
    if (wrapAt > 0 && wrapAt < m) rotateFront(codes, out, wrapAt, m);
    return m;
  }
}

/** Reorders a[0, m) and b[0, m) to [k, m) followed by [0, k). */
export function rotateFront(a: Int32Array, b: Int32Array, k: number, m: number): void {
  const ta = a.slice(0, k);
  const tb = b.slice(0, k);
  a.copyWithin(0, k, m);
  b.copyWithin(0, k, m);
  a.set(ta, m - k);
  b.set(tb, m - k);
}
