/**
 * The explainable match score (docs/matching-score.md): a sum of seven parts, each with its
 * points, its maximum and a Chinese reason, plus the list of requirements the talent misses.
 * Weights, fractions, gates and the threshold are a plain MatchPolicy passed in. Pure and
 * deterministic: no I/O, no clock.
 *
 * Two entry points share one evaluation: `scoreOf` (a number, no allocation: what the index
 * ranks with) and `explainMatch` (every part and the missing list: what the UI shows).
 */
import {
  levelLadder,
  levelOrdinal,
  qualLevel,
  qualOcc,
  qualVerified,
  qualViaFormer,
  type DemandInput,
  type Level,
  type MatchVocab,
  type TalentInput,
} from './vocab.js';

export type { DemandInput, TalentInput } from './vocab.js';

export const PART_KEYS = [
  'occupation',
  'level',
  'required_skills',
  'preferred_skills',
  'chain',
  'city',
  'evidence',
] as const;
export type PartKey = (typeof PART_KEYS)[number];

/** Requirements a policy can make hard: a talent who misses one is not eligible, whatever the score. */
export const GATE_KEYS = ['occupation', 'level', 'required_skills', 'chain', 'city'] as const;
export type GateKey = (typeof GATE_KEYS)[number];

export const PART_LABELS: Record<PartKey, string> = {
  occupation: '职业',
  level: '技能等级',
  required_skills: '必备技能',
  preferred_skills: '优先技能',
  chain: '产业链经历',
  city: '工作城市',
  evidence: '证书佐证',
};

export interface MatchPolicy {
  /** Points of each part at its best; they sum to 100. */
  weights: Record<PartKey, number>;
  /** Share of the occupation points for a related occupation (exact = 1). */
  occupation: {
    /** Held under a former code that maps to the demanded occupation. */
    former: number;
    /** Same 小类 (first three segments, 2-02-38). */
    minor: number;
    /** Same 中类 (first two segments, 2-02). */
    middle: number;
  };
  /** Share of the level points when the level is one below the minimum (same ladder). */
  levelOneBelow: number;
  /** Share of the city points when the talent is willing to move to the demand's city. */
  cityWillingToMove: number;
  /** A pair counts as a match (T5, candidate edges) when eligible and total ≥ threshold. */
  threshold: number;
  /** Requirements that must be met (not in `missing`) for the talent to be eligible. */
  gates: readonly GateKey[];
}

export const DEFAULT_MATCH_POLICY: MatchPolicy = Object.freeze({
  weights: Object.freeze({
    occupation: 25,
    level: 15,
    required_skills: 25,
    preferred_skills: 5,
    chain: 5,
    city: 15,
    evidence: 10,
  }),
  occupation: Object.freeze({ former: 0.9, minor: 0.6, middle: 0.3 }),
  levelOneBelow: 0.5,
  cityWillingToMove: 0.8,
  threshold: 60,
  gates: Object.freeze(['occupation', 'city'] as GateKey[]),
});

/** Problems with a policy, in Chinese (empty = valid). */
export function validatePolicy(p: MatchPolicy): string[] {
  const errors: string[] = [];
  let sum = 0;
  for (const k of PART_KEYS) {
    const w = p.weights[k];
    if (!Number.isFinite(w) || w < 0) errors.push(`${PART_LABELS[k]}的分值应为非负数`);
    else sum += w;
  }
  if (Math.abs(sum - 100) > 1e-9) errors.push(`各部分分值之和应为 100（现为 ${round2(sum)}）`);
  const fractions: [string, number][] = [
    ['旧职业代码对应系数', p.occupation.former],
    ['同小类职业系数', p.occupation.minor],
    ['同中类职业系数', p.occupation.middle],
    ['低一级系数', p.levelOneBelow],
    ['愿意迁移系数', p.cityWillingToMove],
  ];
  for (const [name, f] of fractions) if (!(f >= 0 && f <= 1)) errors.push(`${name}应在 0 到 1 之间`);
  if (!(p.threshold >= 0 && p.threshold <= 100)) errors.push('匹配阈值应在 0 到 100 之间');
  for (const g of p.gates) if (!(GATE_KEYS as readonly string[]).includes(g)) errors.push(`未知的必要条件 ${g}`);
  return errors;
}

export interface MatchPart {
  key: PartKey;
  label: string;
  points: number;
  max: number;
  detail: string;
}

export interface MatchExplanation {
  demandId: string;
  talentId: string;
  /** Sum of the parts' points (each rounded to 0.01), rounded to 0.01. */
  total: number;
  max: number;
  threshold: number;
  /** No gated requirement is missing. */
  eligible: boolean;
  /** eligible and total ≥ threshold. */
  qualifies: boolean;
  parts: MatchPart[];
  /** 'occupation' | 'level' | 'required_skill:<code>' | 'chain' | 'city', in that order. */
  missing: string[];
}

// ---- evaluation (shared by scoreOf and explainMatch) -------------------------------------------

const P_OCC = 0;
const P_LEVEL = 1;
const P_REQ = 2;
const P_PREF = 3;
const P_CHAIN = 4;
const P_CITY = 5;
const P_EVID = 6;

const M_OCC = 1;
const M_LEVEL = 2;
const M_REQ = 4;
const M_CHAIN = 8;
const M_CITY = 16;
const GATE_BIT: Record<GateKey, number> = {
  occupation: M_OCC,
  level: M_LEVEL,
  required_skills: M_REQ,
  chain: M_CHAIN,
  city: M_CITY,
};

/** Occupation relation of the chosen qualification. */
const R_NONE = 0;
const R_EXACT = 1;
const R_FORMER = 2;
const R_MINOR = 3;
const R_MIDDLE = 4;

/** Level outcome. */
const L_NOT_REQUIRED = 0;
const L_MEETS = 1;
const L_ONE_BELOW = 2;
const L_BELOW = 3;
const L_NONE = 4;
const L_OTHER_LADDER = 5;

/** Scratch of the last evaluation (single-threaded; each worker has its own module instance). */
const pts = new Float64Array(7);
const st = {
  missing: 0,
  qual: -1, // index into talent.quals of the chosen qualification, -1 = none related
  relation: R_NONE,
  levelOutcome: L_NOT_REQUIRED,
  heldReq: 0,
  heldReqVerified: 0,
  heldPref: 0,
  willing: false,
};

export const round2 = (x: number): number => Math.round(x * 100) / 100;

function levelOutcome(min: Level, held: Level): number {
  if (min === 0) return L_NOT_REQUIRED;
  if (held === 0) return L_NONE;
  if (levelLadder(min) !== levelLadder(held)) return L_OTHER_LADDER;
  const diff = levelOrdinal(held) - levelOrdinal(min);
  return diff >= 0 ? L_MEETS : diff === -1 ? L_ONE_BELOW : L_BELOW;
}

function levelFraction(outcome: number, p: MatchPolicy): number {
  return outcome === L_NOT_REQUIRED || outcome === L_MEETS ? 1 : outcome === L_ONE_BELOW ? p.levelOneBelow : 0;
}

const reqRaw = (w: MatchPolicy['weights'], held: number, n: number): number =>
  n === 0 ? w.required_skills : (w.required_skills * held) / n;
const prefRaw = (w: MatchPolicy['weights'], held: number, n: number): number =>
  n === 0 ? w.preferred_skills : (w.preferred_skills * held) / n;

function includesSorted(xs: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = xs[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function evaluate(v: MatchVocab, d: DemandInput, t: TalentInput, p: MatchPolicy): void {
  const w = p.weights;
  let missing = 0;

  // Skills: one merge pass over the talent's sorted skills against required and preferred.
  const req = d.required;
  const pref = d.preferred;
  const skills = t.skills;
  let heldReq = 0;
  let heldReqV = 0;
  let heldPref = 0;
  let j = 0;
  let k = 0;
  for (let i = 0; i < skills.length; i++) {
    const s = skills[i]!;
    const sid = s >>> 1;
    while (j < req.length && req[j]! < sid) j++;
    if (j < req.length && req[j] === sid) {
      heldReq++;
      if ((s & 1) === 1) heldReqV++;
    }
    while (k < pref.length && pref[k]! < sid) k++;
    if (k < pref.length && pref[k] === sid) heldPref++;
  }
  const nReq = req.length;
  if (heldReq < nReq) missing |= M_REQ;

  // Occupation and level: the talent's related qualification worth the most points.
  const evidenceUnit = w.evidence / (1 + nReq);
  const dOcc = d.occupation;
  const dMinor = v.minorOf(dOcc);
  const dMiddle = v.middleOf(dOcc);
  let best = -1;
  let bestVal = -1;
  let bestRel = R_NONE;
  let bestOccPts = 0;
  let bestLevelOutcome = d.minLevel === 0 ? L_NOT_REQUIRED : L_NONE;
  const quals = t.quals;
  for (let i = 0; i < quals.length; i++) {
    const q = quals[i]!;
    const occ = qualOcc(q);
    let rel: number;
    let frac: number;
    if (occ === dOcc) {
      if (qualViaFormer(q)) {
        rel = R_FORMER;
        frac = p.occupation.former;
      } else {
        rel = R_EXACT;
        frac = 1;
      }
    } else if (dMinor >= 0 && v.minorOf(occ) === dMinor) {
      rel = R_MINOR;
      frac = p.occupation.minor;
    } else if (dMiddle >= 0 && v.middleOf(occ) === dMiddle) {
      rel = R_MIDDLE;
      frac = p.occupation.middle;
    } else continue;
    if (frac <= 0) continue;
    const lo = levelOutcome(d.minLevel, qualLevel(q));
    const occPts = w.occupation * frac;
    const val = occPts + w.level * levelFraction(lo, p) + (qualVerified(q) ? evidenceUnit : 0);
    if (val > bestVal) {
      bestVal = val;
      best = i;
      bestRel = rel;
      bestOccPts = occPts;
      bestLevelOutcome = lo;
    }
  }
  if (best < 0) missing |= M_OCC;
  if (bestLevelOutcome !== L_NOT_REQUIRED && bestLevelOutcome !== L_MEETS) missing |= M_LEVEL;
  const qualV = best >= 0 && qualVerified(quals[best]!) ? 1 : 0;

  // Chain and city.
  const chainOk = d.chain < 0 || includesSorted(t.chains, d.chain);
  if (!chainOk) missing |= M_CHAIN;
  let cityFrac = 0;
  let willing = false;
  if (t.city === d.city) cityFrac = 1;
  else if (t.anyCity || includesSorted(t.moveTo, d.city)) {
    cityFrac = p.cityWillingToMove;
    willing = true;
  } else missing |= M_CITY;

  pts[P_OCC] = round2(bestOccPts);
  pts[P_LEVEL] = round2(w.level * levelFraction(bestLevelOutcome, p));
  pts[P_REQ] = round2(reqRaw(w, heldReq, nReq));
  pts[P_PREF] = round2(prefRaw(w, heldPref, pref.length));
  pts[P_CHAIN] = chainOk ? round2(w.chain) : 0;
  pts[P_CITY] = round2(w.city * cityFrac);
  pts[P_EVID] = round2(evidenceUnit * (qualV + heldReqV));

  st.missing = missing;
  st.qual = best;
  st.relation = bestRel;
  st.levelOutcome = bestLevelOutcome;
  st.heldReq = heldReq;
  st.heldReqVerified = heldReqV;
  st.heldPref = heldPref;
  st.willing = willing;
}

function gateMask(p: MatchPolicy): number {
  let m = 0;
  for (const g of p.gates) m |= GATE_BIT[g];
  return m;
}

function totalOfScratch(): number {
  return round2(pts[0]! + pts[1]! + pts[2]! + pts[3]! + pts[4]! + pts[5]! + pts[6]!);
}

/**
 * The total score of a pair, or -1 when a gated requirement is missing (not eligible).
 * Allocation-free: the index calls it for every candidate.
 */
export function scoreOf(v: MatchVocab, d: DemandInput, t: TalentInput, p: MatchPolicy): number {
  evaluate(v, d, t, p);
  if ((st.missing & gateMask(p)) !== 0) return -1;
  return totalOfScratch();
}

/** Whether a pair counts as a match under the policy (eligible and total ≥ threshold). */
export function qualifies(v: MatchVocab, d: DemandInput, t: TalentInput, p: MatchPolicy): boolean {
  return scoreOf(v, d, t, p) >= p.threshold;
}

/**
 * The highest score a talent can reach for this demand while holding no related occupation and
 * none of the required skills — i.e. a talent the index's inverted lists do not return; -1 when
 * such a talent cannot be eligible at all (a gate on occupation, or on required skills when the
 * demand has some).
 */
export function outsiderBound(d: DemandInput, p: MatchPolicy): number {
  const gates = gateMask(p);
  if ((gates & M_OCC) !== 0) return -1;
  if ((gates & M_REQ) !== 0 && d.required.length > 0) return -1;
  if ((gates & M_LEVEL) !== 0 && d.minLevel !== 0) return -1;
  const w = p.weights;
  return round2(
    (d.minLevel === 0 ? w.level : 0) +
      (d.required.length === 0 ? w.required_skills : 0) +
      w.preferred_skills +
      w.chain +
      w.city,
  );
}

// ---- the same score in integer hundredths, from lookup tables (the index's hot path) ----------

const NO_SKILL_MARKS = new Uint8Array(0);

/** The bits of a probe's missing mask (for the index's kernels). */
export const MISSING = { occupation: M_OCC, level: M_LEVEL, required_skills: M_REQ, chain: M_CHAIN, city: M_CITY };

/** Hundredths of a part: round2(x) === hundredths(x) / 100. */
const hundredths = (x: number): number => Math.round(x * 100);

/**
 * One demand under one policy, compiled into lookup tables so that the index can score talents
 * held as packed integers without objects (the kernels are TalentColumns.scoreCode in
 * ./index.columns.ts and EdgeBlock in ./index.edges.ts; they read these fields).
 *
 * Scores are counted in integer hundredths ("codes"). Every part is round2(raw) = k / 100 with
 * k = Math.round(raw × 100), and the total is round2 of the parts' sum; with finite,
 * non-negative weights of moderate size the floating sum is within 1e-11 of Σk / 100, so
 * Math.round(total × 100) = Σk exactly and code / 100 is exactly scoreOf's value. Policies
 * outside that range (`exact` false) are scored by scoreOf itself (`slowCode`).
 *
 * The qualification is chosen as evaluate() does (the first with the highest floating value).
 * Reusable: `reset` recompiles it for another demand, allocating only when a table must grow.
 */
export class DemandProbe {
  /** The integer tables are exact for this policy (else use slowCode). */
  exact = true;
  /** Gate mask of the policy (MISSING bits). */
  gates = 0;
  /** Demand city and the hundredths for living there / being willing to move there. */
  city = 0;
  cityHome = 0;
  cityMove = 0;
  /** Demanded chain (-1 = none) and its hundredths when met. */
  chain = -1;
  chainPts = 0;
  nReq = 0;
  nPref = 0;
  /** Hundredths by required skills held, by preferred skills held, by verified items (qualification + required skills). */
  reqPts = new Int32Array(8);
  prefPts = new Int32Array(8);
  evidPts = new Int32Array(9);
  /** Most hundredths required + preferred + chain can add (for bounds). */
  restMax = 0;
  /**
   * Per qualification code `relation × 64 + (packedQual & 63)` (relation: 1 same occupation,
   * 2 same 小类, 3 same 中类, 0 unrelated): the value evaluate() picks the qualification by
   * (NaN = not counted: never picked by `val > best`), its occupation + level hundredths and its
   * missing bits. The low bit of a code is the qualification's evidence.
   */
  readonly qVal = new Float64Array(256);
  readonly qPts = new Int32Array(256);
  readonly qMiss = new Uint8Array(256);
  /** Occupation + level hundredths and missing bits when no qualification counts. */
  noQualPts = 0;
  noQualMiss = 0;
  /** Relation (1–3) of each occupation id to the demand's occupation; 0 = unrelated. */
  occRel = new Uint8Array(0);
  /** Skill id → 1 (required) | 2 (preferred). */
  mark = NO_SKILL_MARKS;

  private relOcc = -1;
  private relCount = -1;
  private relVocab: MatchVocab | null = null;
  private relSet: number[] = [];
  private marked: number[] = [];
  private v: MatchVocab | null = null;
  private d: DemandInput | null = null;
  private p: MatchPolicy = DEFAULT_MATCH_POLICY;

  /** Compiles the probe for `d` under `p`. */
  reset(v: MatchVocab, d: DemandInput, p: MatchPolicy): this {
    this.v = v;
    this.d = d;
    this.p = p;
    const w = p.weights;
    this.gates = gateMask(p);
    let sum = 0;
    for (const k of PART_KEYS) sum += w[k];
    this.exact =
      PART_KEYS.every((k) => Number.isFinite(w[k]) && w[k] >= 0) &&
      sum <= 1e6 &&
      [p.occupation.former, p.occupation.minor, p.occupation.middle, p.levelOneBelow, p.cityWillingToMove].every(
        (f) => Number.isFinite(f) && f >= 0,
      );
    this.relate(v, d.occupation);

    const nReq = d.required.length;
    const evidenceUnit = w.evidence / (1 + nReq);
    const fracOf = [NaN, 1, p.occupation.minor, p.occupation.middle];
    for (let rel = 0; rel < 4; rel++) {
      for (let low = 0; low < 64; low++) {
        const code = rel * 64 + low;
        const frac = rel === 1 && (low & 32) !== 0 ? p.occupation.former : fracOf[rel]!;
        if (rel === 0 || !(frac > 0)) {
          // Unrelated, or evaluate() skips it (frac ≤ 0).
          this.qVal[code] = NaN;
          this.qPts[code] = 0;
          this.qMiss[code] = 0;
          continue;
        }
        const lo = levelOutcome(d.minLevel, (low >>> 1) & 15);
        const occPts = w.occupation * frac;
        this.qVal[code] = occPts + w.level * levelFraction(lo, p) + ((low & 1) === 1 ? evidenceUnit : 0);
        this.qPts[code] = hundredths(occPts) + hundredths(w.level * levelFraction(lo, p));
        this.qMiss[code] = lo !== L_NOT_REQUIRED && lo !== L_MEETS ? M_LEVEL : 0;
      }
    }
    const noQualLevel = d.minLevel === 0 ? L_NOT_REQUIRED : L_NONE;
    this.noQualPts = hundredths(w.level * levelFraction(noQualLevel, p));
    this.noQualMiss = M_OCC | (noQualLevel !== L_NOT_REQUIRED ? M_LEVEL : 0);

    for (const s of this.marked) this.mark[s] = 0;
    this.marked.length = 0;
    let size = v.skillCount;
    for (const s of d.required) size = Math.max(size, s + 1);
    for (const s of d.preferred) size = Math.max(size, s + 1);
    if (this.mark.length < size) this.mark = new Uint8Array(Math.max(64, size * 2));
    for (const s of d.required) {
      this.mark[s]! |= 1;
      this.marked.push(s);
    }
    for (const s of d.preferred) {
      this.mark[s]! |= 2;
      this.marked.push(s);
    }
    const nPref = d.preferred.length;
    this.nReq = nReq;
    this.nPref = nPref;
    if (this.reqPts.length < nReq + 1) this.reqPts = new Int32Array(nReq + 1);
    if (this.prefPts.length < nPref + 1) this.prefPts = new Int32Array(nPref + 1);
    if (this.evidPts.length < nReq + 2) this.evidPts = new Int32Array(nReq + 2);
    for (let h = 0; h <= nReq; h++) this.reqPts[h] = hundredths(reqRaw(w, h, nReq));
    for (let h = 0; h <= nPref; h++) this.prefPts[h] = hundredths(prefRaw(w, h, nPref));
    for (let h = 0; h <= nReq + 1; h++) this.evidPts[h] = hundredths(evidenceUnit * h);

    this.chain = d.chain;
    this.chainPts = hundredths(w.chain);
    this.city = d.city;
    this.cityHome = hundredths(w.city * 1);
    this.cityMove = hundredths(w.city * p.cityWillingToMove);
    this.restMax = this.reqPts[nReq]! + this.prefPts[nPref]! + this.chainPts;
    return this;
  }

  /** occRel for `occ` (kept while the occupation and the vocabulary's size stay the same). */
  private relate(v: MatchVocab, occ: number): void {
    if (this.relVocab === v && this.relOcc === occ && this.relCount === v.occupationCount) return;
    for (const o of this.relSet) this.occRel[o] = 0;
    this.relSet.length = 0;
    const size = Math.max(v.occupationCount, occ + 1);
    if (this.occRel.length < size) this.occRel = new Uint8Array(Math.max(64, size * 2));
    const dMinor = v.minorOf(occ);
    const dMiddle = v.middleOf(occ);
    // As evaluate(): same occupation, else same 小类, else same 中类.
    const set = (o: number, rel: number) => {
      if (rel === 0 || this.occRel[o] !== 0) return;
      this.occRel[o] = rel;
      this.relSet.push(o);
    };
    set(occ, 1);
    for (const o of [...v.relatedOccupations(occ, 'minor'), ...v.relatedOccupations(occ, 'middle')])
      set(o, dMinor >= 0 && v.minorOf(o) === dMinor ? 2 : dMiddle >= 0 && v.middleOf(o) === dMiddle ? 3 : 0);
    this.relVocab = v;
    this.relOcc = occ;
    this.relCount = v.occupationCount;
  }

  /**
   * Hundredths of the points a talent holding required / preferred skills `heldReq` / `heldPref`
   * times gets — for a talent listing a skill twice (MatchVocab never makes one), past the tables.
   */
  oddSkills(heldReq: number, heldPref: number): number {
    const w = this.p.weights;
    return hundredths(reqRaw(w, heldReq, this.nReq)) + hundredths(prefRaw(w, heldPref, this.nPref));
  }
  oddEvidence(verified: number): number {
    return hundredths((this.p.weights.evidence / (1 + this.nReq)) * verified);
  }

  /** The code by scoreOf itself (policies the tables are not exact for): Math.round(score × 100), or -1. */
  slowCode(t: TalentInput): number {
    const s = scoreOf(this.v!, this.d!, t, this.p);
    return s >= 0 ? Math.round(s * 100) : -1;
  }
}

const fmt = (x: number): string => String(round2(x));

/** Every part with its points, maximum and reason, and the requirements not met. */
export function explainMatch(v: MatchVocab, d: DemandInput, t: TalentInput, p: MatchPolicy): MatchExplanation {
  evaluate(v, d, t, p);
  const w = p.weights;
  const total = totalOfScratch();
  const eligible = (st.missing & gateMask(p)) === 0;
  const occName = (id: number) => {
    const n = v.occupationName(id);
    return n ? `${v.occupationCode(id)} ${n}` : v.occupationCode(id);
  };
  const q = st.qual >= 0 ? t.quals[st.qual]! : -1;
  const heldOcc = q >= 0 ? qualOcc(q) : -1;
  const heldLevel = q >= 0 ? qualLevel(q) : 0;

  let occDetail: string;
  switch (st.relation) {
    case R_EXACT:
      occDetail = `职业一致：${occName(d.occupation)}`;
      break;
    case R_FORMER:
      occDetail = `按旧职业代码对应为 ${occName(d.occupation)}（×${fmt(p.occupation.former)}）`;
      break;
    case R_MINOR:
      occDetail = `同小类 ${v.groupCode(v.minorOf(d.occupation))}：持有 ${occName(heldOcc)}（×${fmt(p.occupation.minor)}）`;
      break;
    case R_MIDDLE:
      occDetail = `同中类 ${v.groupCode(v.middleOf(d.occupation))}：持有 ${occName(heldOcc)}（×${fmt(p.occupation.middle)}）`;
      break;
    default:
      occDetail = `无 ${occName(d.occupation)} 或相关职业`;
  }

  const minName = v.levelName(d.minLevel);
  let levelDetail: string;
  switch (st.levelOutcome) {
    case L_NOT_REQUIRED:
      levelDetail = '需求未设最低等级';
      break;
    case L_MEETS:
      levelDetail = `${v.levelName(heldLevel)}，达到最低 ${minName}`;
      break;
    case L_ONE_BELOW:
      levelDetail = `${v.levelName(heldLevel)}，比最低 ${minName} 低一级（×${fmt(p.levelOneBelow)}）`;
      break;
    case L_BELOW:
      levelDetail = `${v.levelName(heldLevel)}，低于最低 ${minName} 两级以上`;
      break;
    case L_OTHER_LADDER:
      levelDetail = `${v.levelName(heldLevel)} 与最低 ${minName} 不属同一等级序列，不可比`;
      break;
    default:
      levelDetail = st.qual >= 0 ? `所持相关职业无等级，需 ${minName}` : `无相关职业等级，需 ${minName}`;
  }

  const missingSkills = d.required.filter((s) => !t.skills.some((x) => x >>> 1 === s));
  const skillList = (ids: readonly number[]) => ids.map((s) => v.skillCode(s)).join('、');
  const nReq = d.required.length;
  const reqDetail =
    nReq === 0
      ? '需求未设必备技能'
      : `具备 ${st.heldReq}/${nReq} 项必备技能` + (missingSkills.length ? `，缺 ${skillList(missingSkills)}` : '');
  const nPref = d.preferred.length;
  const prefDetail = nPref === 0 ? '需求未设优先技能' : `具备 ${st.heldPref}/${nPref} 项优先技能`;
  const chainCode = d.chain >= 0 ? v.chainCode(d.chain) : '';
  const chainDetail =
    d.chain < 0 ? '需求未限定产业链' : pts[P_CHAIN]! > 0 ? `有 ${chainCode} 产业链经历` : `无 ${chainCode} 产业链经历`;
  const cityDetail =
    t.city === d.city
      ? `同城（${d.city}）`
      : st.willing
        ? `意向可到 ${d.city} 工作（×${fmt(p.cityWillingToMove)}）`
        : `常住 ${t.city}，无到 ${d.city} 工作的意向`;
  const qualV = q >= 0 && qualVerified(q) ? 1 : 0;
  const evidenceDetail =
    `${qualV + st.heldReqVerified}/${1 + nReq} 项要求由有效证书证实` +
    (q >= 0 ? `（职业等级：${qualV ? '有证书' : '自述'}）` : '');

  const details: Record<PartKey, string> = {
    occupation: occDetail,
    level: levelDetail,
    required_skills: reqDetail,
    preferred_skills: prefDetail,
    chain: chainDetail,
    city: cityDetail,
    evidence: evidenceDetail,
  };
  const parts = PART_KEYS.map((key, i) => ({
    key,
    label: PART_LABELS[key],
    points: pts[i]!,
    max: w[key],
    detail: details[key],
  }));

  const missing: string[] = [];
  if (st.missing & M_OCC) missing.push('occupation');
  if (st.missing & M_LEVEL) missing.push('level');
  for (const s of missingSkills) missing.push(`required_skill:${v.skillCode(s)}`);
  if (st.missing & M_CHAIN) missing.push('chain');
  if (st.missing & M_CITY) missing.push('city');

  return {
    demandId: d.id,
    talentId: t.id,
    total,
    max: round2(PART_KEYS.reduce((s, k) => s + w[k], 0)),
    threshold: p.threshold,
    eligible,
    qualifies: eligible && total >= p.threshold,
    parts,
    missing,
  };
}
