/**
 * Interned vocabulary of the matching core: occupations (with their 职业分类大典 hierarchy and
 * former codes), skills, industry chains and the two level ladders, each as a small integer.
 *
 * Talents and demands are held as compact records of these integers (see TalentInput and
 * DemandInput in ./score.ts), so 300,000 talents fit in a few tens of megabytes and a score is
 * integer comparisons only. Pure: no I/O; the loader passes the reference rows in.
 */

/** The skill ladder (新八级工, ordinals 1–8) and the professional-technical ladder (ordinals 1–3). */
export type Ladder = 'skill' | 'professional_technical';

export interface LevelDef {
  /** Reference key, e.g. 'TECHNICIAN', 'PT_INTERMEDIATE'. */
  code: string;
  name: string;
  ladder: Ladder;
  ordinal: number;
}

/** The levels of reference/skill-levels.csv (the keys are stable; names are for explanations). */
export const DEFAULT_LEVELS: readonly LevelDef[] = [
  { code: 'APPRENTICE', name: '学徒工', ladder: 'skill', ordinal: 1 },
  { code: 'JUNIOR', name: '初级工', ladder: 'skill', ordinal: 2 },
  { code: 'INTERMEDIATE', name: '中级工', ladder: 'skill', ordinal: 3 },
  { code: 'SENIOR', name: '高级工', ladder: 'skill', ordinal: 4 },
  { code: 'TECHNICIAN', name: '技师', ladder: 'skill', ordinal: 5 },
  { code: 'SENIOR_TECHNICIAN', name: '高级技师', ladder: 'skill', ordinal: 6 },
  { code: 'PRINCIPAL_TECHNICIAN', name: '特级技师', ladder: 'skill', ordinal: 7 },
  { code: 'CHIEF_TECHNICIAN', name: '首席技师', ladder: 'skill', ordinal: 8 },
  { code: 'PT_JUNIOR', name: '初级(专业技术等级)', ladder: 'professional_technical', ordinal: 1 },
  { code: 'PT_INTERMEDIATE', name: '中级(专业技术等级)', ladder: 'professional_technical', ordinal: 2 },
  { code: 'PT_SENIOR', name: '高级(专业技术等级)', ladder: 'professional_technical', ordinal: 3 },
];

/**
 * A level is one integer: 0 = none; skill ladder ordinal n → n (1–8); professional-technical
 * ordinal n → 8 + n (9–11). Levels compare only within a ladder.
 */
export type Level = number;
const PT_BASE = 8;
export const levelLadder = (l: Level): Ladder => (l > PT_BASE ? 'professional_technical' : 'skill');
export const levelOrdinal = (l: Level): number => (l > PT_BASE ? l - PT_BASE : l);
export const encodeLevel = (ladder: Ladder, ordinal: number): Level =>
  ladder === 'skill' ? ordinal : PT_BASE + ordinal;

/**
 * A qualification the talent holds: occupation (current id), level, whether it came through a
 * former code, whether a valid credential backs it. Packed in one small integer:
 * `occ << 6 | viaFormer << 5 | level << 1 | verified`.
 */
export type PackedQual = number;
export const packQual = (occ: number, level: Level, verified: boolean, viaFormer = false): PackedQual =>
  (occ << 6) | (viaFormer ? 32 : 0) | ((level & 15) << 1) | (verified ? 1 : 0);
export const qualOcc = (q: PackedQual): number => q >>> 6;
export const qualViaFormer = (q: PackedQual): boolean => (q & 32) !== 0;
export const qualLevel = (q: PackedQual): Level => (q >>> 1) & 15;
export const qualVerified = (q: PackedQual): boolean => (q & 1) === 1;

/** A held skill: `skill << 1 | verified`; a talent's list is sorted ascending (so by skill id). */
export type PackedSkill = number;
export const packSkill = (skill: number, verified: boolean): PackedSkill => (skill << 1) | (verified ? 1 : 0);
export const skillOf = (s: PackedSkill): number => s >>> 1;
export const skillVerified = (s: PackedSkill): boolean => (s & 1) === 1;

export interface OccupationDef {
  code: string;
  name?: string;
  /** Codes of earlier editions that now map to this occupation (reference attrs.formerCodes). */
  formerCodes?: readonly string[];
}

export interface VocabInit {
  occupations?: readonly OccupationDef[];
  skills?: readonly { code: string; name?: string }[];
  chains?: readonly { code: string; name?: string }[];
  levels?: readonly LevelDef[];
}

const OCC_CODE = /^(\d)-(\d{2})-(\d{2})-(\d{2})$/;
const EMPTY: readonly number[] = Object.freeze([]);

class Interner {
  readonly codes: string[] = [];
  readonly names: (string | undefined)[] = [];
  private readonly ids = new Map<string, number>();
  id(code: string, name?: string): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(code, id);
      this.codes.push(code);
      this.names.push(name);
    } else if (name !== undefined && this.names[id] === undefined) this.names[id] = name;
    return id;
  }
  find(code: string): number | undefined {
    return this.ids.get(code);
  }
}

/** A talent as read from the registry (credentials, self-declared profile, intention). */
export interface TalentRecord {
  id: string;
  /** GB/T 2260 city code, '370100'. */
  city: string;
  /** Intention: other cities the talent would work in. */
  moveTo?: readonly string[];
  /** Intention: anywhere in the province. */
  anyCity?: boolean;
  /** Occupation qualifications; `verified` = backed by a valid credential (else self-declared). */
  qualifications?: readonly { occupation: string; level?: string | null; verified: boolean }[];
  skills?: readonly { code: string; verified: boolean }[];
  /** Industry chains the talent has worked in. */
  chains?: readonly string[];
}

/** A demand as posted by an enterprise. */
export interface DemandRecord {
  id: string;
  open?: boolean;
  occupation: string;
  minLevel?: string | null;
  required?: readonly string[];
  preferred?: readonly string[];
  chain?: string | null;
  city: string;
  headcount: number;
}

/** Talent and demand in the compact form the score and the index read (see ./score.ts). */
export interface TalentInput {
  readonly id: string;
  /** Home city, GB/T 2260 code as an integer (370100). */
  readonly city: number;
  /** Other cities the talent would move to (sorted). */
  readonly moveTo: readonly number[];
  readonly anyCity: boolean;
  /** PackedQual[], sorted. */
  readonly quals: readonly PackedQual[];
  /** PackedSkill[], sorted, one per skill (a verified holding wins over a self-declared one). */
  readonly skills: readonly PackedSkill[];
  /** Chain ids, sorted. */
  readonly chains: readonly number[];
}

export interface DemandInput {
  readonly id: string;
  readonly open: boolean;
  /** Current occupation id (a former code is resolved). */
  readonly occupation: number;
  /** Minimum level (0 = none). */
  readonly minLevel: Level;
  /** Skill ids, sorted, unique. */
  readonly required: readonly number[];
  /** Skill ids, sorted, unique, none of them required. */
  readonly preferred: readonly number[];
  /** Chain id, or -1 for none. */
  readonly chain: number;
  readonly city: number;
  readonly headcount: number;
}

const sortedUnique = (xs: number[]): readonly number[] => {
  if (xs.length === 0) return EMPTY;
  xs.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of xs) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
};

const cityInt = (code: string): number => {
  const n = Number(code);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid city code ${code}`);
  return n;
};

export class MatchVocab {
  private readonly occ = new Interner();
  private readonly group = new Interner();
  private readonly skill = new Interner();
  private readonly chain = new Interner();
  /** Per occupation id: its 小类 and 中类 group ids (-1 when the code has no hierarchy). */
  private readonly minor: number[] = [];
  private readonly middle: number[] = [];
  private readonly membersOfMinor = new Map<number, number[]>();
  private readonly membersOfMiddle = new Map<number, number[]>();
  /** former code → current occupation ids (a split maps to several). */
  private readonly former = new Map<string, number[]>();
  private readonly levelByCode = new Map<string, LevelDef>();
  private readonly levelByInt = new Map<Level, LevelDef>();

  constructor(init: VocabInit = {}) {
    for (const l of init.levels ?? DEFAULT_LEVELS) {
      this.levelByCode.set(l.code, l);
      this.levelByInt.set(encodeLevel(l.ladder, l.ordinal), l);
    }
    for (const o of init.occupations ?? []) this.internOccupation(o.code, o.name);
    for (const o of init.occupations ?? []) {
      const cur = this.occ.find(o.code)!;
      for (const f of o.formerCodes ?? []) {
        if (f === o.code) continue;
        const list = this.former.get(f) ?? [];
        if (!list.includes(cur)) list.push(cur);
        this.former.set(f, list);
      }
    }
    for (const s of init.skills ?? []) this.skill.id(s.code, s.name);
    for (const c of init.chains ?? []) this.chain.id(c.code, c.name);
  }

  private internOccupation(code: string, name?: string): number {
    const before = this.occ.codes.length;
    const id = this.occ.id(code, name);
    if (id === before) {
      const m = OCC_CODE.exec(code);
      const minor = m ? this.group.id(`${m[1]}-${m[2]}-${m[3]}`) : -1;
      const middle = m ? this.group.id(`${m[1]}-${m[2]}`) : -1;
      this.minor.push(minor);
      this.middle.push(middle);
      if (minor >= 0) this.membersOfMinor.set(minor, [...(this.membersOfMinor.get(minor) ?? []), id]);
      if (middle >= 0) this.membersOfMiddle.set(middle, [...(this.membersOfMiddle.get(middle) ?? []), id]);
    }
    return id;
  }

  /**
   * Current occupation ids for a code: itself when it is a current code (or unknown: any code is
   * interned, its hierarchy read from the code), else the occupations a former code maps to.
   */
  resolveOccupation(code: string): { id: number; viaFormer: boolean }[] {
    if (this.occ.find(code) === undefined) {
      const cur = this.former.get(code);
      if (cur) return cur.map((id) => ({ id, viaFormer: true }));
    }
    return [{ id: this.internOccupation(code), viaFormer: false }];
  }
  occupationId(code: string): number {
    return this.resolveOccupation(code)[0]!.id;
  }
  occupationCode(id: number): string {
    return this.occ.codes[id] ?? `#${id}`;
  }
  occupationName(id: number): string | undefined {
    return this.occ.names[id];
  }
  get occupationCount(): number {
    return this.occ.codes.length;
  }
  /** 小类 group id of an occupation (-1 if none). */
  minorOf(occ: number): number {
    return this.minor[occ] ?? -1;
  }
  /** 中类 group id of an occupation (-1 if none). */
  middleOf(occ: number): number {
    return this.middle[occ] ?? -1;
  }
  groupCode(group: number): string {
    return this.group.codes[group] ?? `#${group}`;
  }
  /** Occupations sharing the 小类 (scope 'minor') or the 中类 (scope 'middle') of `occ`, itself included. */
  relatedOccupations(occ: number, scope: 'exact' | 'minor' | 'middle'): readonly number[] {
    if (scope === 'exact') return [occ];
    const g = scope === 'minor' ? this.minorOf(occ) : this.middleOf(occ);
    if (g < 0) return [occ];
    return (scope === 'minor' ? this.membersOfMinor : this.membersOfMiddle).get(g) ?? [occ];
  }

  get skillCount(): number {
    return this.skill.codes.length;
  }
  skillId(code: string): number {
    return this.skill.id(code);
  }
  skillCode(id: number): string {
    return this.skill.codes[id] ?? `#${id}`;
  }
  skillName(id: number): string | undefined {
    return this.skill.names[id];
  }
  chainId(code: string): number {
    return this.chain.id(code);
  }
  chainCode(id: number): string {
    return this.chain.codes[id] ?? `#${id}`;
  }

  /** Level integer of a reference key; unknown keys throw (a level that cannot be compared is a data error). */
  level(code: string | null | undefined): Level {
    if (!code) return 0;
    const l = this.levelByCode.get(code);
    if (!l) throw new Error(`unknown level ${code}`);
    return encodeLevel(l.ladder, l.ordinal);
  }
  levelCode(l: Level): string | null {
    return l === 0 ? null : (this.levelByInt.get(l)?.code ?? null);
  }
  levelName(l: Level): string {
    if (l === 0) return '无等级';
    return this.levelByInt.get(l)?.name ?? `等级${l}`;
  }

  talent(r: TalentRecord): TalentInput {
    const quals = new Map<number, PackedQual>(); // one per (occ, level, viaFormer): verified wins
    for (const q of r.qualifications ?? []) {
      const level = this.level(q.level);
      for (const { id, viaFormer } of this.resolveOccupation(q.occupation)) {
        const p = packQual(id, level, q.verified, viaFormer);
        const key = p | 1;
        const prev = quals.get(key);
        if (prev === undefined || (!qualVerified(prev) && q.verified)) quals.set(key, p);
      }
    }
    const skills = new Map<number, boolean>();
    for (const s of r.skills ?? []) {
      const id = this.skillId(s.code);
      skills.set(id, (skills.get(id) ?? false) || s.verified);
    }
    const home = cityInt(r.city);
    return {
      id: r.id,
      city: home,
      moveTo: sortedUnique((r.moveTo ?? []).map(cityInt).filter((c) => c !== home)),
      anyCity: r.anyCity ?? false,
      quals: sortedUnique([...quals.values()]),
      skills: sortedUnique([...skills].map(([id, v]) => packSkill(id, v))),
      chains: sortedUnique((r.chains ?? []).map((c) => this.chainId(c))),
    };
  }

  demand(r: DemandRecord): DemandInput {
    if (!Number.isInteger(r.headcount) || r.headcount < 0) throw new Error(`invalid headcount ${r.headcount}`);
    const required = sortedUnique((r.required ?? []).map((c) => this.skillId(c)));
    const req = new Set(required);
    return {
      id: r.id,
      open: r.open ?? true,
      occupation: this.occupationId(r.occupation),
      minLevel: this.level(r.minLevel),
      required,
      preferred: sortedUnique((r.preferred ?? []).map((c) => this.skillId(c)).filter((s) => !req.has(s))),
      chain: r.chain ? this.chainId(r.chain) : -1,
      city: cityInt(r.city),
      headcount: r.headcount,
    };
  }
}
