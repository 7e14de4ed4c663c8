/**
 * The in-process retrieval index of matching: talents and demands in slots, inverted lists by
 * occupation (and occupation × city), by required skill, and demands by occupation. A cache —
 * rebuilt from the database at start, kept current by upsert/remove — never a source of truth.
 *
 * Queries never score all pairs: candidates come from the lists of the demanded occupation's
 * related group (the 中类 / 小类 members the policy gives points to), then each candidate is
 * scored exactly (./score.ts) into a bounded heap. Ties: score desc, then id asc. When the policy
 * lets a talent with no related occupation be eligible, the outsider bound (score.ts) decides
 * whether a full scan is needed to stay exact.
 */
import {
  DEFAULT_MATCH_POLICY,
  explainMatch,
  outsiderBound,
  PART_KEYS,
  scoreOf,
  type MatchExplanation,
  type MatchPolicy,
} from './score.js';
import { qualOcc, type DemandInput, type MatchVocab, type TalentInput } from './vocab.js';

export interface ScoredId {
  id: string;
  score: number;
}

export interface QueryOptions {
  /** Only results with score ≥ minScore (default 0: the k best eligible). */
  minScore?: number;
}

/** Candidate pairs for the assignment (T5) in compressed sparse rows, one row per demand. */
export interface CandidateEdges {
  /** Row r is demand demandIds[r] (open demands with headcount > 0, id ascending). */
  demandIds: string[];
  /** Headcount per row. */
  capacities: Int32Array;
  /** Row r's talents are talents[offsets[r] .. offsets[r+1]). Length rows + 1. */
  offsets: Int32Array;
  /** Talent slots (index.talentIdAt(slot) gives the id), per row by score desc, then id asc. */
  talents: Int32Array;
  /** Size of the talent slot space (every slot < nTalents). */
  nTalents: number;
  /** Total edge count (= talents.length). */
  edges: number;
}

export interface EdgeOptions {
  /** Only demands in these cities (a city's own figure). */
  cities?: readonly number[];
  /** Pair filter: which talents count for a demand (T5 setting: open to work, own employees …). */
  eligible?: (d: DemandInput, t: TalentInput) => boolean;
}

type Lists = Map<number, number[]>;

const CITY_SPAN = 1_000_000; // city codes are 6 digits
const occCityKey = (occ: number, city: number) => occ * CITY_SPAN + city;

function push(m: Lists, key: number, slot: number): void {
  const l = m.get(key);
  if (l) l.push(slot);
  else m.set(key, [slot]);
}

function pull(m: Lists, key: number, slot: number): void {
  const l = m.get(key);
  if (!l) return;
  const i = l.lastIndexOf(slot);
  if (i < 0) return;
  l[i] = l[l.length - 1]!;
  l.pop();
  if (l.length === 0) m.delete(key);
}

/** Distinct occupation ids of a talent's qualifications. */
function talentOccs(t: TalentInput): number[] {
  const out: number[] = [];
  for (const q of t.quals) {
    const o = qualOcc(q);
    if (!out.includes(o)) out.push(o);
  }
  return out;
}

/** Bounded heap keeping the k best (score desc, id asc); the root is the worst kept. */
class TopK {
  readonly scores: Float64Array;
  readonly slots: Int32Array;
  size = 0;
  constructor(
    readonly k: number,
    private readonly ids: (string | undefined)[],
  ) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }
  /** a is worse than b. */
  private worse(sa: number, a: number, sb: number, b: number): boolean {
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }
  get full(): boolean {
    return this.size === this.k;
  }
  get worstScore(): number {
    return this.scores[0]!;
  }
  offer(score: number, slot: number): void {
    const { scores, slots } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, slot, scores[p]!, slots[p]!)) break;
        scores[i] = scores[p]!;
        slots[i] = slots[p]!;
        i = p;
      }
      scores[i] = score;
      slots[i] = slot;
      return;
    }
    if (this.k === 0 || !this.worse(scores[0]!, slots[0]!, score, slot)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.worse(scores[r]!, slots[r]!, scores[l]!, slots[l]!) ? r : l;
      if (!this.worse(scores[c]!, slots[c]!, score, slot)) break;
      scores[i] = scores[c]!;
      slots[i] = slots[c]!;
      i = c;
    }
    scores[i] = score;
    slots[i] = slot;
  }
  /** Best first. */
  sorted(): { score: number; slot: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push({ score: this.scores[i]!, slot: this.slots[i]! });
    return out.sort((a, b) => b.score - a.score || (this.ids[a.slot]! < this.ids[b.slot]! ? -1 : 1));
  }
}

export class MatchIndex {
  private talents: (TalentInput | undefined)[] = [];
  private talentIds: (string | undefined)[] = [];
  private talentSlot = new Map<string, number>();
  private freeTalentSlots: number[] = [];
  private demands: (DemandInput | undefined)[] = [];
  private demandIds: (string | undefined)[] = [];
  private demandSlot = new Map<string, number>();
  private freeDemandSlots: number[] = [];

  private byOcc: Lists = new Map();
  private byOccCity: Lists = new Map();
  private byOccAny: Lists = new Map();
  private bySkill: Lists = new Map();
  private demandsByOcc: Lists = new Map();

  private talentStamp = new Int32Array(0);
  private demandStamp = new Int32Array(0);
  private query = 0;

  constructor(readonly vocab: MatchVocab) {}

  static build(vocab: MatchVocab, talents: Iterable<TalentInput>, demands: Iterable<DemandInput>): MatchIndex {
    const ix = new MatchIndex(vocab);
    for (const t of talents) ix.upsertTalent(t);
    for (const d of demands) ix.upsertDemand(d);
    return ix;
  }

  get talentCount(): number {
    return this.talentSlot.size;
  }
  get demandCount(): number {
    return this.demandSlot.size;
  }
  /** Size of the talent slot space (slots of removed talents are reused). */
  get talentSlots(): number {
    return this.talents.length;
  }
  getTalent(id: string): TalentInput | undefined {
    const s = this.talentSlot.get(id);
    return s === undefined ? undefined : this.talents[s];
  }
  getDemand(id: string): DemandInput | undefined {
    const s = this.demandSlot.get(id);
    return s === undefined ? undefined : this.demands[s];
  }
  talentIdAt(slot: number): string | undefined {
    return this.talentIds[slot];
  }

  // ---- maintenance ------------------------------------------------------------------------

  upsertTalent(t: TalentInput): void {
    let slot = this.talentSlot.get(t.id);
    if (slot !== undefined) this.unlistTalent(slot, this.talents[slot]!);
    else {
      slot = this.freeTalentSlots.pop() ?? this.talents.length;
      this.talentSlot.set(t.id, slot);
      if (slot === this.talents.length) {
        this.talents.push(undefined);
        this.talentIds.push(undefined);
      }
    }
    this.talents[slot] = t;
    this.talentIds[slot] = t.id;
    for (const o of talentOccs(t)) {
      push(this.byOcc, o, slot);
      push(this.byOccCity, occCityKey(o, t.city), slot);
      for (const c of t.moveTo) push(this.byOccCity, occCityKey(o, c), slot);
      if (t.anyCity) push(this.byOccAny, o, slot);
    }
    for (const s of t.skills) push(this.bySkill, s >>> 1, slot);
  }

  removeTalent(id: string): boolean {
    const slot = this.talentSlot.get(id);
    if (slot === undefined) return false;
    this.unlistTalent(slot, this.talents[slot]!);
    this.talents[slot] = undefined;
    this.talentIds[slot] = undefined;
    this.talentSlot.delete(id);
    this.freeTalentSlots.push(slot);
    return true;
  }

  private unlistTalent(slot: number, t: TalentInput): void {
    for (const o of talentOccs(t)) {
      pull(this.byOcc, o, slot);
      pull(this.byOccCity, occCityKey(o, t.city), slot);
      for (const c of t.moveTo) pull(this.byOccCity, occCityKey(o, c), slot);
      if (t.anyCity) pull(this.byOccAny, o, slot);
    }
    for (const s of t.skills) pull(this.bySkill, s >>> 1, slot);
  }

  upsertDemand(d: DemandInput): void {
    let slot = this.demandSlot.get(d.id);
    if (slot !== undefined) pull(this.demandsByOcc, this.demands[slot]!.occupation, slot);
    else {
      slot = this.freeDemandSlots.pop() ?? this.demands.length;
      this.demandSlot.set(d.id, slot);
      if (slot === this.demands.length) {
        this.demands.push(undefined);
        this.demandIds.push(undefined);
      }
    }
    this.demands[slot] = d;
    this.demandIds[slot] = d.id;
    push(this.demandsByOcc, d.occupation, slot);
  }

  removeDemand(id: string): boolean {
    const slot = this.demandSlot.get(id);
    if (slot === undefined) return false;
    pull(this.demandsByOcc, this.demands[slot]!.occupation, slot);
    this.demands[slot] = undefined;
    this.demandIds[slot] = undefined;
    this.demandSlot.delete(id);
    this.freeDemandSlots.push(slot);
    return true;
  }

  // ---- queries ----------------------------------------------------------------------------

  /** Related-occupation scope the policy gives points to. */
  private scope(p: MatchPolicy): 'exact' | 'minor' | 'middle' {
    return p.occupation.middle > 0 ? 'middle' : p.occupation.minor > 0 ? 'minor' : 'exact';
  }

  private nextQuery(): number {
    if (this.talentStamp.length < this.talents.length) {
      const a = new Int32Array(Math.max(1024, this.talents.length * 2));
      a.set(this.talentStamp);
      this.talentStamp = a;
    }
    if (this.demandStamp.length < this.demands.length) {
      const a = new Int32Array(Math.max(1024, this.demands.length * 2));
      a.set(this.demandStamp);
      this.demandStamp = a;
    }
    if (this.query === 0x7fffffff) {
      this.query = 0;
      this.talentStamp.fill(0);
      this.demandStamp.fill(0);
    }
    return ++this.query;
  }

  /**
   * The occupation lists to read for a demand, in stages of falling relatedness (exact or former
   * code; same 小类; same 中类), each with the highest score a talent first found there can reach.
   */
  private stages(d: DemandInput, p: MatchPolicy): { occs: readonly number[]; bound: number }[] {
    const v = this.vocab;
    const w = p.weights;
    let rest = 0;
    for (const k of PART_KEYS) if (k !== 'occupation') rest += w[k];
    const slack = 0.05; // parts are rounded to 0.01 each
    const occ = d.occupation;
    const out = [{ occs: [occ] as readonly number[], bound: rest + w.occupation + slack }];
    const scope = this.scope(p);
    if (scope === 'exact') return out;
    const minor = v.relatedOccupations(occ, 'minor').filter((o) => o !== occ);
    out.push({ occs: minor, bound: rest + w.occupation * Math.max(p.occupation.minor, p.occupation.middle) + slack });
    if (scope === 'middle') {
      const m = v.minorOf(occ);
      const middle = v.relatedOccupations(occ, 'middle').filter((o) => o !== occ && (m < 0 || v.minorOf(o) !== m));
      out.push({ occs: middle, bound: rest + w.occupation * p.occupation.middle + slack });
    }
    return out;
  }

  /**
   * Calls `visit(slot)` once per talent in the inverted lists for `d` under `p`: the related
   * occupations (× the demand's city when the city is a gate) and, when occupation is not a gate,
   * the required skills. A stage is skipped when `skip(bound)` says none of its talents can
   * matter. A talent outside all lists scores at most outsiderBound(d, p); callers scan all
   * talents when that bound can still matter.
   */
  private forCandidates(
    d: DemandInput,
    p: MatchPolicy,
    q: number,
    visit: (slot: number) => void,
    skip: (bound: number) => boolean,
  ): void {
    const stamp = this.talentStamp;
    const once = (list: number[] | undefined) => {
      if (!list) return;
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        if (stamp[s] === q) continue;
        stamp[s] = q;
        visit(s);
      }
    };
    const cityGate = p.gates.includes('city');
    for (const stage of this.stages(d, p)) {
      if (skip(stage.bound)) continue;
      for (const o of stage.occs) {
        if (cityGate) {
          once(this.byOccCity.get(occCityKey(o, d.city)));
          once(this.byOccAny.get(o));
        } else once(this.byOcc.get(o));
      }
    }
    if (!p.gates.includes('occupation')) for (const s of d.required) once(this.bySkill.get(s));
  }

  private scanAll(q: number, visit: (slot: number) => void): void {
    const stamp = this.talentStamp;
    for (let s = 0; s < this.talents.length; s++) {
      if (this.talents[s] === undefined || stamp[s] === q) continue;
      stamp[s] = q;
      visit(s);
    }
  }

  /** The k best eligible talents for a demand: score desc, then id asc. */
  topTalents(
    demandId: string,
    k: number,
    policy: MatchPolicy = DEFAULT_MATCH_POLICY,
    opts: QueryOptions = {},
  ): ScoredId[] {
    const d = this.getDemand(demandId);
    if (!d) throw new Error(`demand ${demandId} is not in the index`);
    const minScore = opts.minScore ?? 0;
    const heap = new TopK(Math.max(0, Math.floor(k)), this.talentIds);
    if (heap.k === 0) return [];
    const v = this.vocab;
    const talents = this.talents;
    const visit = (slot: number) => {
      const s = scoreOf(v, d, talents[slot]!, policy);
      if (s >= 0 && s >= minScore) heap.offer(s, slot);
    };
    const q = this.nextQuery();
    // Skip a stage whose best possible score cannot enter a full heap (strictly worse than its worst).
    this.forCandidates(d, policy, q, visit, (b) => b < minScore || (heap.full && heap.worstScore > b));
    const bound = outsiderBound(d, policy);
    // An outsider can enter the result only if it reaches minScore and ties or beats the k-th.
    if (bound >= 0 && bound >= minScore && !(heap.full && heap.worstScore > bound)) this.scanAll(q, visit);
    return heap.sorted().map((r) => ({ id: this.talentIds[r.slot]!, score: r.score }));
  }

  /** The k best open demands for a talent: score desc, then id asc. */
  topDemands(
    talentId: string,
    k: number,
    policy: MatchPolicy = DEFAULT_MATCH_POLICY,
    opts: QueryOptions = {},
  ): ScoredId[] {
    const t = this.getTalent(talentId);
    if (!t) throw new Error(`talent ${talentId} is not in the index`);
    const minScore = opts.minScore ?? 0;
    const heap = new TopK(Math.max(0, Math.floor(k)), this.demandIds);
    if (heap.k === 0) return [];
    const v = this.vocab;
    const q = this.nextQuery();
    const stamp = this.demandStamp;
    const visit = (slot: number) => {
      if (stamp[slot] === q) return;
      stamp[slot] = q;
      const d = this.demands[slot];
      if (!d || !d.open) return;
      const s = scoreOf(v, d, t, policy);
      if (s >= 0 && s >= minScore) heap.offer(s, slot);
    };
    if (policy.gates.includes('occupation')) {
      // Relatedness is symmetric (same group), so the demands of the talent's related occupations are all candidates.
      const scope = this.scope(policy);
      for (const occ of talentOccs(t))
        for (const o of v.relatedOccupations(occ, scope)) for (const s of this.demandsByOcc.get(o) ?? []) visit(s);
    } else for (let s = 0; s < this.demands.length; s++) visit(s); // demands are few (≈ 10⁴): scan
    return heap.sorted().map((r) => ({ id: this.demandIds[r.slot]!, score: r.score }));
  }

  /** The full explanation of one pair. */
  explain(demandId: string, talentId: string, policy: MatchPolicy = DEFAULT_MATCH_POLICY): MatchExplanation {
    const d = this.getDemand(demandId);
    const t = this.getTalent(talentId);
    if (!d || !t) throw new Error(`pair ${demandId}/${talentId} is not in the index`);
    return explainMatch(this.vocab, d, t, policy);
  }

  /** Rank of every talent slot in id order (for deterministic ties in edge lists). */
  private idRanks(): { rankOf: Int32Array; slotOfRank: Int32Array } {
    const slots: number[] = [];
    for (let s = 0; s < this.talents.length; s++) if (this.talentIds[s] !== undefined) slots.push(s);
    const ids = this.talentIds;
    slots.sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    const rankOf = new Int32Array(this.talents.length).fill(-1);
    const slotOfRank = new Int32Array(slots.length);
    slots.forEach((s, r) => {
      rankOf[s] = r;
      slotOfRank[r] = s;
    });
    return { rankOf, slotOfRank };
  }

  /**
   * For every open demand with headcount > 0 (id ascending), the talents that qualify
   * (eligible, score ≥ threshold), as CSR rows ordered by score desc, then id asc.
   */
  candidateEdges(
    threshold: number,
    policy: MatchPolicy = DEFAULT_MATCH_POLICY,
    opts: EdgeOptions = {},
  ): CandidateEdges {
    const v = this.vocab;
    const cities = opts.cities ? new Set(opts.cities) : undefined;
    const rows: DemandInput[] = [];
    for (const d of this.demands) if (d && d.open && d.headcount > 0 && (!cities || cities.has(d.city))) rows.push(d);
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const { rankOf, slotOfRank } = this.idRanks();
    const offsets = new Int32Array(rows.length + 1);
    const capacities = new Int32Array(rows.length);
    let out = new Int32Array(1 << 16);
    let n = 0;
    let keys = new Float64Array(1024);
    const talents = this.talents;
    const RANKS = 2 ** Math.max(21, Math.ceil(Math.log2(slotOfRank.length + 1)));

    rows.forEach((d, r) => {
      capacities[r] = d.headcount;
      let m = 0;
      const visit = (slot: number) => {
        const t = talents[slot]!;
        const s = scoreOf(v, d, t, policy);
        if (s < 0 || s < threshold) return;
        if (opts.eligible && !opts.eligible(d, t)) return;
        if (m === keys.length) {
          const k2 = new Float64Array(keys.length * 2);
          k2.set(keys);
          keys = k2;
        }
        // Ascending key = score desc (scores are multiples of 0.01 in [0, 100]), then id asc.
        keys[m++] = (10000 - Math.round(s * 100)) * RANKS + rankOf[slot]!;
      };
      const q = this.nextQuery();
      this.forCandidates(d, policy, q, visit, (b) => b < threshold);
      const bound = outsiderBound(d, policy);
      if (bound >= 0 && bound >= threshold) this.scanAll(q, visit);
      const sorted = keys.subarray(0, m).sort();
      if (n + m > out.length) {
        const o2 = new Int32Array(Math.max(out.length * 2, n + m));
        o2.set(out.subarray(0, n));
        out = o2;
      }
      for (let i = 0; i < m; i++) out[n++] = slotOfRank[sorted[i]! % RANKS]!;
      offsets[r + 1] = n;
    });
    return {
      demandIds: rows.map((d) => d.id),
      capacities,
      offsets,
      talents: out.slice(0, n),
      nTalents: this.talents.length,
      edges: n,
    };
  }
}
