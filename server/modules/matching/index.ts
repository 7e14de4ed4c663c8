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
 *
 * Talents are held column-wise (./index.columns.ts: typed arrays, no object per talent) and scored
 * through a DemandProbe (score.ts: the demand compiled into lookup tables, equal to scoreOf). A
 * candidate whose cheap parts (occupation, level, city) already bound it below the k-th best, or
 * below the threshold, is dropped before its skills are read.
 */
import { TalentColumns } from './index.columns.js';
import { EdgeBlock, rotateFront, type BlockPool } from './index.edges.js';
import {
  DEFAULT_MATCH_POLICY,
  DemandProbe,
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
  /**
   * Per row: 1 = the row was cut short by `rowLimit` (it lists some of its qualifying talents,
   * and there may be more); 0 = the row lists every qualifying talent.
   */
  truncated: Uint8Array;
}

export interface EdgeOptions {
  /** Only demands in these cities (a city's own figure). */
  cities?: readonly number[];
  /**
   * Pair filter: which talents count for a demand (T5 setting: open to work, own employees …).
   * Called for qualifying pairs only; the talent record is rebuilt from the columns (once per
   * talent per call), so prefer `eligibleId` when the filter needs only the id.
   */
  eligible?: (d: DemandInput, t: TalentInput) => boolean;
  /** Pair filter on the talent's id (no record built); applied with `eligible` when both are given. */
  eligibleId?: (d: DemandInput, talentId: string) => boolean;
  /**
   * A talent pool asked once per talent rather than once per pair (T5: open to work): a talent
   * counts for a demand when `inPool(talentId)`, or when it is in `alsoFor(demand)` (the
   * enterprise's own employees for its own demands). Talents in neither are never scored, so this
   * is much faster than the same rule in `eligible`. Combined with `eligible` / `eligibleId` (all
   * must admit the pair).
   */
  pool?: {
    inPool: (talentId: string) => boolean;
    alsoFor?: (d: DemandInput) => ReadonlySet<string> | undefined;
  };
  /**
   * At most this many qualifying talents per row: scoring of a row stops there (the row is then
   * marked `truncated`). Each row's scan starts at a point of its candidate list set by the
   * demand's id and wraps around, so rows cut short spread over the candidates. T5 solves on
   * such rows first and completes only the rows its certificate needs (matching.fit.ts).
   */
  rowLimit?: (d: DemandInput) => number;
  /** Only these demands (by id). */
  only?: ReadonlySet<string>;
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
  private readonly cols = new TalentColumns();
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
  /** Scratch probe of topTalents (candidateEdges has its own: its filters may call back into the index). */
  private readonly probe = new DemandProbe();
  /** Bumped by every talent change; idRanks is cached per version. */
  private talentVersion = 0;
  private ranks: { version: number; rankOf: Int32Array; slotOfRank: Int32Array } | null = null;

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
    return this.talentIds.length;
  }
  /** The talent's record: a new object equal to the one last upserted (talents are held column-wise). */
  getTalent(id: string): TalentInput | undefined {
    const s = this.talentSlot.get(id);
    return s === undefined ? undefined : this.cols.talent(s, id);
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
    if (slot !== undefined) this.unlistTalent(slot, this.cols.talent(slot, t.id)!);
    else {
      slot = this.freeTalentSlots.pop() ?? this.talentIds.length;
      if (slot === this.talentIds.length) this.talentIds.push(undefined);
    }
    this.cols.write(slot, t);
    this.talentSlot.set(t.id, slot);
    this.talentIds[slot] = t.id;
    this.talentVersion++;
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
    this.unlistTalent(slot, this.cols.talent(slot, id)!);
    this.cols.clear(slot);
    this.talentIds[slot] = undefined;
    this.talentSlot.delete(id);
    this.freeTalentSlots.push(slot);
    this.talentVersion++;
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
    if (this.talentStamp.length < this.talentIds.length) {
      const a = new Int32Array(Math.max(1024, this.talentIds.length * 2));
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
    const ids = this.talentIds;
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] === undefined || stamp[s] === q) continue;
      stamp[s] = q;
      visit(s);
    }
  }

  /**
   * The k best eligible talents for a demand: score desc, then id asc.
   *
   * Selection runs on integer score codes only (no id comparisons in the loop): a min-heap of
   * the k best codes gives a floor that only rises; a candidate below it is dropped (by its
   * cheap bound when possible), one at or above it is kept; at the end the kept candidates at or
   * above the final floor (the k-th best code) are sorted by score, then id, and cut to k.
   */
  topTalents(
    demandId: string,
    k: number,
    policy: MatchPolicy = DEFAULT_MATCH_POLICY,
    opts: QueryOptions = {},
  ): ScoredId[] {
    const d = this.getDemand(demandId);
    if (!d) throw new Error(`demand ${demandId} is not in the index`);
    const minScore = opts.minScore ?? 0;
    const kk = Math.max(0, Math.floor(k));
    if (!(kk > 0)) return [];
    const probe = this.probe.reset(this.vocab, d, policy);
    const cols = this.cols;
    const minCode = leastCode(minScore);
    const best = this.codeHeap(kk);
    let size = 0;
    let floor = minCode;
    let kept = 0;
    let keptCodes = this.keptCodes;
    let keptSlots = this.keptSlots;
    const visit = (slot: number) => {
      const c = cols.scoreCode(probe, slot, floor);
      if (c < floor) return;
      if (kept === keptCodes.length) {
        keptCodes = this.keptCodes = grow(keptCodes, kept + 1);
        keptSlots = this.keptSlots = grow(keptSlots, kept + 1);
      }
      keptCodes[kept] = c;
      keptSlots[kept++] = slot;
      if (size < kk) {
        heapPush(best, size++, c);
        if (size === kk) floor = Math.max(minCode, best[0]!);
      } else if (c > best[0]!) {
        heapReplaceRoot(best, size, c);
        floor = Math.max(minCode, best[0]!);
      }
    };
    const q = this.nextQuery();
    // A stage (or the outsiders) whose best possible score is below the floor cannot place a talent.
    this.forCandidates(d, policy, q, visit, (b) => b * 100 < floor);
    const bound = outsiderBound(d, policy);
    if (bound >= 0 && Math.round(bound * 100) >= floor) this.scanAll(q, visit); // bound is a rounded score
    const ids = this.talentIds;
    const out: { code: number; slot: number }[] = [];
    for (let i = 0; i < kept; i++) if (keptCodes[i]! >= floor) out.push({ code: keptCodes[i]!, slot: keptSlots[i]! });
    out.sort((a, b) => b.code - a.code || (ids[a.slot]! < ids[b.slot]! ? -1 : 1));
    return out.slice(0, kk).map((r) => ({ id: ids[r.slot]!, score: r.code / 100 }));
  }

  private keptCodes = new Int32Array(1024);
  private keptSlots = new Int32Array(1024);
  private heapBuf = new Int32Array(64);
  private codeHeap(k: number): Int32Array {
    if (this.heapBuf.length < k) this.heapBuf = new Int32Array(k);
    return this.heapBuf;
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

  /** Rank of every talent slot in id order (for deterministic ties in edge lists); cached until a talent changes. */
  private idRanks(): { rankOf: Int32Array; slotOfRank: Int32Array } {
    if (this.ranks && this.ranks.version === this.talentVersion) return this.ranks;
    const ids = this.talentIds;
    const slots: number[] = [];
    for (let s = 0; s < ids.length; s++) if (ids[s] !== undefined) slots.push(s);
    slots.sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    const rankOf = new Int32Array(ids.length).fill(-1);
    const slotOfRank = new Int32Array(slots.length);
    for (let r = 0; r < slots.length; r++) {
      rankOf[slots[r]!] = r;
      slotOfRank[r] = slots[r]!;
    }
    this.ranks = { version: this.talentVersion, rankOf, slotOfRank };
    return this.ranks;
  }

  /**
   * The candidate talents of `d` that can reach `threshold`, as slots in id order. Demands with
   * the same key (candidateKey) share them.
   */
  private candidatesInIdOrder(d: DemandInput, p: MatchPolicy, threshold: number, scanAll: boolean): Int32Array {
    const { rankOf, slotOfRank } = this.idRanks();
    if (scanAll) return slotOfRank;
    let ranks = new Int32Array(1024);
    let n = 0;
    const q = this.nextQuery();
    this.forCandidates(
      d,
      p,
      q,
      (slot) => {
        if (n === ranks.length) {
          const r2 = new Int32Array(n * 2);
          r2.set(ranks);
          ranks = r2;
        }
        ranks[n++] = rankOf[slot]!;
      },
      (b) => b < threshold,
    );
    const out = ranks.subarray(0, n).sort();
    for (let i = 0; i < n; i++) out[i] = slotOfRank[out[i]!]!;
    return out.slice();
  }

  /**
   * For every open demand with headcount > 0 (id ascending), the talents that qualify
   * (eligible, score ≥ threshold), as CSR rows ordered by score desc, then id asc.
   *
   * Demands that read the same candidate lists (the same admitted related occupations — every
   * occupation of a 中类 under the default policy — and the same city when the city is a gate)
   * are done together: the lists are merged and put in id order once; when the policy gates on
   * occupation and city the candidates are laid out as an EdgeBlock (./index.edges.ts) that each
   * demand scores with table look-ups. A counting sort on the score (stable, so id order within
   * a score) gives each row's order.
   */
  candidateEdges(
    threshold: number,
    policy: MatchPolicy = DEFAULT_MATCH_POLICY,
    opts: EdgeOptions = {},
  ): CandidateEdges {
    const v = this.vocab;
    const cities = opts.cities ? new Set(opts.cities) : undefined;
    const rows: DemandInput[] = [];
    const only = opts.only;
    for (const d of this.demands)
      if (d && d.open && d.headcount > 0 && (!cities || cities.has(d.city)) && (!only || only.has(d.id))) rows.push(d);
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    // Group the rows by the candidate lists they read.
    const cityGate = policy.gates.includes('city');
    const occGate = policy.gates.includes('occupation');
    const blocks = occGate && cityGate;
    const groups = new Map<string, number[]>();
    rows.forEach((d, r) => {
      const bound = outsiderBound(d, policy);
      let key: string;
      if (bound >= 0 && bound >= threshold) key = '*';
      else {
        const occs = this.stages(d, policy)
          .filter((s) => s.bound >= threshold)
          .flatMap((s) => s.occs)
          .sort((a, b) => a - b);
        key = `${occs.join(',')}/${cityGate ? d.city : ''}/${occGate ? '' : d.required.join(',')}`;
      }
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    });

    const probe = new DemandProbe();
    const cols = this.cols;
    const ids = this.talentIds;
    const { eligible, eligibleId, pool } = opts;
    const records: (TalentInput | undefined)[] = eligible ? new Array<undefined>(ids.length).fill(undefined) : [];
    // The pool: one bit per talent; per row, the slots outside it that the row still admits.
    let inPool: Uint8Array | null = null;
    const alsoOf: (ReadonlySet<number> | null)[] = [];
    if (pool) {
      inPool = new Uint8Array(ids.length);
      for (let s = 0; s < ids.length; s++) if (ids[s] !== undefined && pool.inPool(ids[s]!)) inPool[s] = 1;
      for (const d of rows) {
        const extra = pool.alsoFor?.(d);
        let slots: Set<number> | null = null;
        for (const id of extra ?? []) {
          const s = this.talentSlot.get(id);
          if (s !== undefined && inPool[s] !== 1) (slots ??= new Set()).add(s);
        }
        alsoOf.push(slots);
      }
    }
    const minCode = leastCode(threshold);
    const scope = this.scope(policy);
    const rowStart = new Int32Array(rows.length);
    const rowLen = new Int32Array(rows.length);
    const truncated = new Uint8Array(rows.length);
    const rowLimit = opts.rowLimit;
    // Every row, in the order the groups are done (copied into id order at the end). One buffer
    // grown by doubling: its large allocations go back to the system when freed.
    let buf = new Int32Array(1 << 20);
    let n = 0;
    let codes = new Int32Array(1 << 12);
    let slots = new Int32Array(1 << 12);
    let counts = new Int32Array(10002);

    for (const [key, members] of groups) {
      const first = rows[members[0]!]!;
      const cand = this.candidatesInIdOrder(first, policy, threshold, key === '*');
      let block: EdgeBlock | null = null;
      if (blocks) {
        const related = new Set<number>();
        for (const r of members) for (const o of this.relatedTo(rows[r]!.occupation, scope)) related.add(o);
        let blockPool: BlockPool | undefined;
        if (inPool) {
          const extra = new Set<number>();
          for (const r of members) for (const s of alsoOf[r] ?? []) extra.add(s);
          blockPool = { inPool, extra };
        }
        const ds = members.map((r) => rows[r]!);
        block = new EdgeBlock(cols, cand, related, first.city, ds, blockPool);
      }
      if (codes.length < cand.length) {
        codes = new Int32Array(cand.length);
        slots = new Int32Array(cand.length);
      }
      for (const r of members) {
        const d = rows[r]!;
        probe.reset(v, d, policy);
        const also = inPool ? alsoOf[r]! : null;
        const limit = rowLimit ? Math.max(1, rowLimit(d)) : 0x7fffffff;
        const size = block ? block.n : cand.length;
        const start = rowLimit ? Math.floor((hash32(d.id) / 2 ** 32) * size) : 0;
        let m = 0;
        if (block) {
          m = block.scoreInto(probe, d, minCode, cols, codes, slots, also, limit, start);
          truncated[r] = block.truncated ? 1 : 0;
        } else {
          // From `start` to the end, then from the beginning (see rowLimit); rows in id order.
          let wrapAt = -1;
          scan: for (let pass = 0; pass < 2; pass++) {
            if (pass === 1) wrapAt = m;
            for (let i = pass === 0 ? start : 0, to = pass === 0 ? cand.length : start; i < to; i++) {
              if (m >= limit) {
                truncated[r] = 1;
                break scan;
              }
              const slot = cand[i]!;
              if (inPool && inPool[slot] !== 1 && !also?.has(slot)) continue;
              const c = cols.scoreCode(probe, slot, minCode);
              if (c < minCode) continue;
              codes[m] = c;
              slots[m++] = slot;
            }
          }
          if (wrapAt > 0 && wrapAt < m) rotateFront(codes, slots, wrapAt, m);
        }
        if (eligible || eligibleId) {
          let kept = 0;
          for (let i = 0; i < m; i++) {
            const slot = slots[i]!;
            if (eligibleId && !eligibleId(d, ids[slot]!)) continue;
            if (eligible && !eligible(d, (records[slot] ??= cols.talent(slot, ids[slot]!)!))) continue;
            codes[kept] = codes[i]!;
            slots[kept++] = slot;
          }
          m = kept;
        }
        // Counting sort by score desc; candidates came in id order, which the sort keeps within a score.
        if (m > 0) {
          let lo = codes[0]!;
          let hi = lo;
          for (let i = 1; i < m; i++) {
            const c = codes[i]!;
            if (c < lo) lo = c;
            else if (c > hi) hi = c;
          }
          const span = hi - lo + 1;
          if (counts.length < span + 1) counts = new Int32Array(span + 1);
          counts.fill(0, 0, span + 1);
          for (let i = 0; i < m; i++) counts[hi - codes[i]! + 1]!++;
          counts[0] = n; // the row starts at n in buf
          for (let b = 1; b <= span; b++) counts[b]! += counts[b - 1]!;
          if (n + m > buf.length) buf = grow(buf, n + m);
          for (let i = 0; i < m; i++) buf[counts[hi - codes[i]!]!++] = slots[i]!;
        }
        rowStart[r] = n;
        rowLen[r] = m;
        n += m;
      }
    }
    const edges = n;

    const offsets = new Int32Array(rows.length + 1);
    const capacities = new Int32Array(rows.length);
    const talents = new Int32Array(edges);
    let at = 0;
    for (let r = 0; r < rows.length; r++) {
      capacities[r] = rows[r]!.headcount;
      const s = rowStart[r]!;
      talents.set(buf.subarray(s, s + rowLen[r]!), at);
      at += rowLen[r]!;
      offsets[r + 1] = at;
    }
    return {
      demandIds: rows.map((d) => d.id),
      capacities,
      offsets,
      talents,
      nTalents: this.talentIds.length,
      edges,
      truncated,
    };
  }

  /** Occupations a qualification can be related through to a demand for `occ` (a superset of those with points). */
  private relatedTo(occ: number, scope: 'exact' | 'minor' | 'middle'): readonly number[] {
    if (scope === 'exact') return [occ];
    return [occ, ...this.vocab.relatedOccupations(occ, 'minor'), ...this.vocab.relatedOccupations(occ, 'middle')];
  }
}

/** FNV-1a of a string: where a row cut short starts scanning its candidates (stable per demand). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The least score code c ≥ 0 (c = score × 100) with c / 100 ≥ threshold; Infinity when there is none. */
function leastCode(threshold: number): number {
  if (Number.isNaN(threshold)) return Infinity;
  if (threshold <= 0) return 0;
  let c = Math.ceil(threshold * 100);
  while (c > 0 && (c - 1) / 100 >= threshold) c--;
  while (c / 100 < threshold) c++;
  return c;
}

/** Min-heap of codes in h[0, n): adds c. */
function heapPush(h: Int32Array, n: number, c: number): void {
  let i = n;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]! <= c) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = c;
}

/** Min-heap of codes in h[0, n): replaces the root (the least) with c. */
function heapReplaceRoot(h: Int32Array, n: number, c: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && h[r]! < h[l]! ? r : l;
    if (h[m]! >= c) break;
    h[i] = h[m]!;
    i = m;
  }
  h[i] = c;
}

/** A copy of `a` with room for at least `need` entries (doubling). */
function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(a.length * 2, need));
  b.set(a);
  return b;
}
