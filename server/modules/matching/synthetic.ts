/**
 * Deterministic synthetic talents and demands for the matching tests and bench/matching-core.ts
 * (never real people). Skewed like a province: a few occupations, skills and cities hold most
 * talents (Zipf), skills cluster by occupation, most talents stay in their city.
 */
import { MatchVocab, type DemandInput, type DemandRecord, type TalentInput, type TalentRecord } from './vocab.js';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler of indices 0..n-1 with P(i) ∝ 1 / (i + 1)^s. */
function zipf(n: number, s: number, r: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const CITIES = [
  '370100',
  '370200',
  '370700',
  '370600',
  '371300',
  '370800',
  '370300',
  '371700',
  '371400',
  '371500',
  '370900',
  '371600',
  '370500',
  '371000',
  '370400',
  '371100',
];
const CHAINS = ['IC01', 'IC02', 'IC03', 'IC04', 'IC05', 'IC06', 'IC07', 'IC08', 'IC09', 'IC10', 'IC11', 'IC12', 'IC13'];
const SKILL_LEVELS = ['APPRENTICE', 'JUNIOR', 'INTERMEDIATE', 'SENIOR', 'TECHNICIAN', 'SENIOR_TECHNICIAN'];
const PT_LEVELS = ['PT_JUNIOR', 'PT_INTERMEDIATE', 'PT_SENIOR'];

export interface WorldOptions {
  talents: number;
  /** Number of demands, or (when `positions` is set) the cap while positions are filled. */
  demands: number;
  /** Generate demands until their headcounts sum to this. */
  positions?: number;
  /** Occupations (default 12) spread over `groups` 小类 (default 6: related groups are dense). */
  occupations?: number;
  groups?: number;
  skills?: number;
  cities?: number;
  chains?: number;
  maxHeadcount?: number;
}

export interface World {
  vocab: MatchVocab;
  talents: TalentInput[];
  demands: DemandInput[];
}

const MIDDLE_GROUPS = ['2-02', '6-31', '4-04', '6-18', '2-06', '4-01', '6-25', '4-07', '6-11', '4-02', '5-05', '6-20'];

/**
 * Occupation codes spread over `groups` 小类 (four per 中类); occupations are dealt round-robin
 * over the 小类, so the most common occupations fall in different groups.
 * Some 2-02 occupations have a former code (2015 edition) that credentials still carry.
 */
function occupationCodes(n: number, groups: number): { code: string; formerCodes: string[] }[] {
  const minors: string[] = [];
  for (let i = 0; minors.length < groups; i++) {
    const middle = MIDDLE_GROUPS[Math.floor(i / 4) % MIDDLE_GROUPS.length]!;
    minors.push(`${middle}-${String((i % 4) * 3 + 7 + Math.floor(i / 48) * 20).padStart(2, '0')}`);
  }
  const out: { code: string; formerCodes: string[] }[] = [];
  for (let i = 0; out.length < n; i++) {
    const g = minors[i % minors.length]!;
    const code = `${g}-${String(Math.floor(i / minors.length) + 1).padStart(2, '0')}`;
    const formerCodes = g.startsWith('2-02') && i % 4 === 0 ? [`2-02-99-${String(i % 100).padStart(2, '0')}`] : [];
    out.push({ code, formerCodes });
  }
  return out;
}

export function randomWorld(seed: number, o: WorldOptions): World {
  const r = rng(seed);
  const nOcc = o.occupations ?? 12;
  const nSkills = o.skills ?? 10;
  const nCities = Math.min(o.cities ?? 4, CITIES.length);
  const nChains = Math.min(o.chains ?? 3, CHAINS.length);
  const occs = occupationCodes(nOcc, o.groups ?? 6);
  const skills = Array.from({ length: nSkills }, (_, i) => `SK-${String(i).padStart(3, '0')}`);
  const vocab = new MatchVocab({
    occupations: occs,
    skills: skills.map((code) => ({ code })),
    chains: CHAINS.slice(0, nChains).map((code) => ({ code })),
  });
  const pickOcc = zipf(nOcc, 1.0, r);
  const pickCity = zipf(nCities, 0.8, r);
  const pickChain = zipf(nChains, 0.7, r);
  const pickInPool = zipf(8, 0.9, r);
  const int = (n: number) => Math.floor(r() * n);
  // Each occupation's skill pool: 8 skills, overlapping with neighbours.
  const pool = occs.map((_, i) => Array.from({ length: 8 }, (_, j) => skills[(i * 3 + j * 2) % nSkills]!));
  const poolSkill = (occ: number) => (r() < 0.85 ? pool[occ]![pickInPool()]! : skills[int(nSkills)]!);
  const levelFor = (occ: number, bias: number) => {
    if (occs[occ]!.code.startsWith('2-02')) return PT_LEVELS[Math.min(2, Math.floor(r() * 2.2 + bias))]!;
    return SKILL_LEVELS[Math.min(5, Math.floor(r() * r() * 6 + bias))]!;
  };
  const codeOf = (occ: number) => {
    const f = occs[occ]!.formerCodes;
    return f.length && r() < 0.3 ? f[0]! : occs[occ]!.code; // some credentials carry the former code
  };

  const talents: TalentInput[] = [];
  for (let i = 0; i < o.talents; i++) {
    const occ = pickOcc();
    const nq = r() < 0.8 ? 1 : 2;
    const qualifications: NonNullable<TalentRecord['qualifications']>[number][] = [];
    for (let q = 0; q < nq; q++) {
      const oq = q === 0 ? occ : pickOcc();
      qualifications.push({ occupation: codeOf(oq), level: r() < 0.15 ? null : levelFor(oq, 0), verified: r() < 0.6 });
    }
    const ns = 1 + int(6);
    const sk: { code: string; verified: boolean }[] = [];
    for (let s = 0; s < ns; s++) sk.push({ code: poolSkill(occ), verified: r() < 0.4 });
    const city = CITIES[pickCity()]!;
    const moveTo = r() < 0.3 ? Array.from({ length: 1 + int(2) }, () => CITIES[pickCity()]!) : [];
    const chains = Array.from({ length: int(3) }, () => CHAINS[pickChain()]!);
    talents.push(
      vocab.talent({
        id: `t${String(i).padStart(7, '0')}`,
        city,
        moveTo,
        anyCity: r() < 0.05,
        qualifications,
        skills: sk,
        chains,
      }),
    );
  }

  const demands: DemandInput[] = [];
  const maxHead = o.maxHeadcount ?? 8;
  let positions = 0;
  for (let i = 0; i < o.demands; i++) {
    if (o.positions !== undefined && positions >= o.positions) break;
    const occ = pickOcc();
    const nReq = int(4);
    const required = Array.from({ length: nReq }, () => pool[occ]![pickInPool()]!);
    const preferred = Array.from({ length: int(3) }, () => poolSkill(occ));
    // Headcount: mostly small, a few large (mean ≈ 3.75 for maxHead 8).
    let head = 1 + Math.floor(r() * r() * maxHead * 1.2);
    head = Math.min(maxHead, head);
    if (o.positions !== undefined) head = Math.min(head, o.positions - positions);
    positions += head;
    const closed = r() < 0.05;
    const rec: DemandRecord = {
      id: `d${String(i).padStart(6, '0')}`,
      open: o.positions !== undefined || !closed,
      occupation: occs[occ]!.code,
      minLevel: r() < 0.4 ? null : levelFor(occ, 0.5),
      required,
      preferred,
      chain: r() < 0.6 ? CHAINS[pickChain()]! : null,
      city: CITIES[pickCity()]!,
      headcount: head,
    };
    demands.push(vocab.demand(rec));
  }
  return { vocab, talents, demands };
}
