/**
 * The index's talents held column-wise in typed arrays instead of one object (and four small
 * arrays) per talent: a fixed header per slot and one Int32Array pool holding each talent's
 * lists back to back, so scoring a candidate reads two short runs of contiguous memory.
 *
 *   header (4 × Int32 per slot): [pool offset (-1 = empty slot), home city,
 *                                 nQuals | nSkills << 16,
 *                                 nMoveTo | nChains << 15 | anyCity << 30 | skill listed twice << 31]
 *   pool, from the offset:       quals (PackedQual) · skills (PackedSkill) · moveTo cities · chains
 *
 * The lists are stored exactly as given (TalentInput order), so `talent(slot)` gives back a record
 * equal to the one written and DemandProbe.score equals scoreOf. A rewritten talent reuses its
 * run when the new one fits, else appends; freed runs are reclaimed by compaction (in slot order)
 * once they are half the pool.
 */
import { MISSING, type DemandProbe } from './score.js';
import { qualOcc, type TalentInput } from './vocab.js';

/** Header ints per slot. */
export const H = 4;
export const MAX_LIST = 0x7fff;
export const ANY_CITY = 1 << 30;
/** Header flag: the talent lists a skill twice (scoreOf then counts it twice: no bound applies). */
const TWICE = 1 << 31;
const EMPTY: readonly number[] = Object.freeze([]);
const CITY = MISSING.city;
const REQ = MISSING.required_skills;
const CHAIN = MISSING.chain;

export class TalentColumns {
  /** Header, H ints per slot (read directly by the kernels here and in ./index.edges.ts). */
  hdr = new Int32Array(H * 1024).fill(-1);
  pool = new Int32Array(1 << 16);
  /** Pool ints in use (live runs + garbage). */
  private used = 0;
  private garbage = 0;
  /** Slot space: slots are < this. */
  private size = 0;

  get slotCount(): number {
    return this.size;
  }
  /** Bytes held by the columns (header + pool capacity). */
  get bytes(): number {
    return this.hdr.byteLength + this.pool.byteLength;
  }

  has(slot: number): boolean {
    return slot < this.size && this.hdr[slot * H]! >= 0;
  }

  private runLength(slot: number): number {
    const b = slot * H;
    const a = this.hdr[b + 2]!;
    const c = this.hdr[b + 3]!;
    return (a & 0xffff) + (a >>> 16) + (c & MAX_LIST) + ((c >>> 15) & MAX_LIST);
  }

  private ensureSlot(slot: number): void {
    if (slot < this.size) return;
    if ((slot + 1) * H > this.hdr.length) {
      const h = new Int32Array(Math.max(this.hdr.length * 2, (slot + 1) * H)).fill(-1);
      h.set(this.hdr.subarray(0, this.size * H));
      this.hdr = h;
    }
    this.size = slot + 1;
  }

  private reserve(n: number): number {
    if (this.garbage > 1 << 16 && this.garbage * 2 > this.used) this.compact();
    if (this.used + n > this.pool.length) {
      const p = new Int32Array(Math.max(this.pool.length * 2, this.used + n));
      p.set(this.pool.subarray(0, this.used));
      this.pool = p;
    }
    const off = this.used;
    this.used += n;
    return off;
  }

  /** Rewrites the pool with the live runs only, in slot order. */
  private compact(): void {
    const live = this.used - this.garbage;
    const p = new Int32Array(Math.max(1 << 16, Math.ceil(live * 1.25)));
    let at = 0;
    for (let s = 0; s < this.size; s++) {
      const b = s * H;
      const off = this.hdr[b]!;
      if (off < 0) continue;
      const n = this.runLength(s);
      p.set(this.pool.subarray(off, off + n), at);
      this.hdr[b] = at;
      at += n;
    }
    this.pool = p;
    this.used = at;
    this.garbage = 0;
  }

  write(slot: number, t: TalentInput): void {
    const nq = t.quals.length;
    const ns = t.skills.length;
    const nm = t.moveTo.length;
    const nc = t.chains.length;
    if (nq > MAX_LIST || ns > MAX_LIST || nm > MAX_LIST || nc > MAX_LIST)
      throw new Error(`talent ${t.id} has more than ${MAX_LIST} entries in a list`);
    if (!Number.isInteger(t.city) || t.city < 0 || t.city > 0x7fffffff)
      throw new Error(`talent ${t.id}: invalid city ${t.city}`);
    const n = nq + ns + nm + nc;
    this.ensureSlot(slot);
    const b = slot * H;
    let off = this.hdr[b]!;
    if (off >= 0) {
      const old = this.runLength(slot);
      if (old >= n) this.garbage += old - n;
      else {
        this.garbage += old;
        this.hdr[b] = -1; // not live while the pool may be compacted
        off = -1;
      }
    }
    if (off < 0) off = this.reserve(n);
    const pool = this.pool;
    let i = off;
    for (const x of t.quals) pool[i++] = x;
    for (const x of t.skills) pool[i++] = x;
    for (const x of t.moveTo) pool[i++] = x;
    for (const x of t.chains) pool[i++] = x;
    this.hdr[b] = off;
    this.hdr[b + 1] = t.city;
    this.hdr[b + 2] = nq | (ns << 16);
    let twice = false;
    for (let j = 1; j < ns; j++) if (t.skills[j]! >>> 1 === t.skills[j - 1]! >>> 1) twice = true;
    this.hdr[b + 3] = nm | (nc << 15) | (t.anyCity ? ANY_CITY : 0) | (twice ? TWICE : 0);
  }

  clear(slot: number): void {
    if (!this.has(slot)) return;
    this.garbage += this.runLength(slot);
    this.hdr[slot * H] = -1;
  }

  /** The record held in `slot` (a new object equal to the one written), or undefined. */
  talent(slot: number, id: string): TalentInput | undefined {
    if (!this.has(slot)) return undefined;
    const b = slot * H;
    const off = this.hdr[b]!;
    const a = this.hdr[b + 2]!;
    const c = this.hdr[b + 3]!;
    const nq = a & 0xffff;
    const ns = a >>> 16;
    const nm = c & MAX_LIST;
    const nc = (c >>> 15) & MAX_LIST;
    const list = (from: number, n: number): readonly number[] =>
      n === 0 ? EMPTY : Array.from(this.pool.subarray(from, from + n));
    return {
      id,
      city: this.hdr[b + 1]!,
      moveTo: list(off + nq + ns, nm),
      anyCity: (c & ANY_CITY) !== 0,
      quals: list(off, nq),
      skills: list(off + nq, ns),
      chains: list(off + nq + ns + nm, nc),
    };
  }

  /** Distinct occupation ids of the talent's qualifications. */
  occupations(slot: number): number[] {
    const out: number[] = [];
    if (!this.has(slot)) return out;
    const off = this.hdr[slot * H]!;
    const nq = this.hdr[slot * H + 2]! & 0xffff;
    for (let i = off; i < off + nq; i++) {
      const o = qualOcc(this.pool[i]!);
      if (!out.includes(o)) out.push(o);
    }
    return out;
  }

  /**
   * The score of the talent in `slot` (which must hold one) for the probe's demand as a code —
   * integer hundredths, `code / 100` is exactly scoreOf's value — or -1 when the talent is not
   * eligible, or when its code is certainly below `minCode` (0 = no pruning). The bound uses
   * occupation, level and city only, so the skills and chains of a talent it rules out are never
   * read.
   */
  scoreCode(pr: DemandProbe, slot: number, minCode: number): number {
    if (!pr.exact) return pr.slowCode(this.talent(slot, '')!);
    const hdr = this.hdr;
    const pool = this.pool;
    const b = slot * H;
    const off = hdr[b]!;
    const lens = hdr[b + 2]!;
    const more = hdr[b + 3]!;

    // Occupation and level: the first qualification with the highest value.
    const occRel = pr.occRel;
    const nOcc = occRel.length;
    const qVal = pr.qVal;
    let best = -1;
    let bestVal = -1;
    const skillsAt = off + (lens & 0xffff);
    for (let i = off; i < skillsAt; i++) {
      const q = pool[i]!;
      const occ = q >>> 6;
      const code = (occ < nOcc ? occRel[occ]! : 0) * 64 + (q & 63);
      const val = qVal[code]!;
      if (val > bestVal) {
        bestVal = val;
        best = code;
      }
    }
    let missing: number;
    let total: number;
    let qualV: number;
    if (best < 0) {
      missing = pr.noQualMiss;
      total = pr.noQualPts;
      qualV = 0;
    } else {
      missing = pr.qMiss[best]!;
      total = pr.qPts[best]!;
      qualV = best & 1;
    }

    // City.
    const moveAt = skillsAt + (lens >>> 16);
    const chainsAt = moveAt + (more & MAX_LIST);
    if (hdr[b + 1] === pr.city) total += pr.cityHome;
    else if ((more & ANY_CITY) !== 0 || inRun(pool, moveAt, chainsAt, pr.city)) total += pr.cityMove;
    else missing |= CITY;
    const gates = pr.gates;
    if ((missing & gates) !== 0) return -1;
    const nReq = pr.nReq;
    if (total + pr.restMax + pr.evidPts[qualV + nReq]! < minCode && (more & TWICE) === 0) return -1;

    // Skills.
    const mark = pr.mark;
    const nMark = mark.length;
    let heldReq = 0;
    let heldReqV = 0;
    let heldPref = 0;
    for (let j = skillsAt; j < moveAt; j++) {
      const s = pool[j]!;
      const sid = s >>> 1;
      if (sid >= nMark) continue;
      const m = mark[sid]!;
      if ((m & 1) !== 0) {
        heldReq++;
        heldReqV += s & 1;
      }
      if ((m & 2) !== 0) heldPref++;
    }
    if (heldReq < nReq) missing |= REQ;

    // Chain.
    if (pr.chain < 0 || inRun(pool, chainsAt, chainsAt + ((more >>> 15) & MAX_LIST), pr.chain)) total += pr.chainPts;
    else missing |= CHAIN;
    if ((missing & gates) !== 0) return -1;
    if (heldReq > nReq || heldPref > pr.nPref)
      return total + pr.oddSkills(heldReq, heldPref) + pr.oddEvidence(qualV + heldReqV);
    return total + pr.reqPts[heldReq]! + pr.prefPts[heldPref]! + pr.evidPts[qualV + heldReqV]!;
  }
}

/** Whether pool[from, to) holds x (short sorted lists: the same answer as a binary search). */
function inRun(pool: Int32Array, from: number, to: number, x: number): boolean {
  for (let i = from; i < to; i++) if (pool[i] === x) return true;
  return false;
}
