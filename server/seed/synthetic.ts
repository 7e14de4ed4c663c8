/**
 * Deterministic synthetic data helpers for the demo data generator.
 *
 * Pure functions, no I/O: every value is derived from the seeded RNG passed in, so the
 * same seed always produces the same demo data set.
 */
import { idCardCheckChar, isValidCalendarDate } from '../kernel/validation/id-card.js';
import { USCC_ALPHABET, usccCheckChar } from '../kernel/validation/uscc.js';

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniformly chosen element; throws on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** A seeded pseudo-random generator (mulberry32). Not for anything security-related. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(min: number, max: number): number {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new Error(`rng.int: invalid range [${min}, ${max}]`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new Error('rng.pick: empty array');
      return arr[Math.floor(next() * arr.length)]!;
    },
    chance(p: number): boolean {
      return next() < p;
    },
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------

/**
 * A synthetic 居民身份证号码 that passes GB 11643 validation.
 *
 * The address code is the city's first 4 digits followed by a district part in 90–99.
 * Such district codes do not exist: in Shandong, county-level divisions use 01–20
 * (districts), 21–80 (counties, 7x development zones) and 81–87 (county-level cities) —
 * checked against the NBS-derived division list. So no real person has one of these
 * numbers, and they are safe for demo data. They still pass validation, because the
 * validator never rejects an address code for not existing.
 */
export function syntheticIdNumber(rng: Rng, cityCode: string, birthDate: string, gender: 'M' | 'F'): string {
  if (!/^\d{6}$/.test(cityCode)) {
    throw new Error(`syntheticIdNumber: city code must be 6 digits, got ${JSON.stringify(cityCode)}`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error(`syntheticIdNumber: invalid birth date ${JSON.stringify(birthDate)}`);
  }
  const district = `9${rng.int(0, 9)}`;
  // Sequence: last digit odd for men, even for women.
  const lastDigit = rng.int(0, 4) * 2 + (gender === 'M' ? 1 : 0);
  const sequence = `${pad(rng.int(0, 99), 2)}${lastDigit}`;
  const body = `${cityCode.slice(0, 4)}${district}${m[1]}${m[2]}${m[3]}${sequence}`;
  return body + idCardCheckChar(body);
}

export type SyntheticOrgKind = 'enterprise' | 'college' | 'training' | 'evaluation' | 'government' | 'service' | 'host';

/**
 * Positions 1–2 of a USCC by organisation kind:
 * 91 = 市场监管 / 企业; 52 = 民政 / 民办非企业单位; 12 = 机构编制 / 事业单位.
 */
const USCC_PREFIX: Readonly<Record<SyntheticOrgKind, string>> = {
  enterprise: '91',
  service: '91',
  host: '91',
  training: '52',
  evaluation: '52',
  college: '12',
  government: '12',
};

/**
 * A synthetic 统一社会信用代码 that passes GB 32100 validation:
 * prefix by kind, region = cityCode, organisation code 'MA' + 7 random alphabet characters.
 * Collisions are possible; the caller dedupes.
 */
export function syntheticUscc(rng: Rng, cityCode: string, kind: SyntheticOrgKind): string {
  if (!/^\d{6}$/.test(cityCode)) {
    throw new Error(`syntheticUscc: city code must be 6 digits, got ${JSON.stringify(cityCode)}`);
  }
  const alphabet = USCC_ALPHABET.split('');
  let org = 'MA';
  for (let i = 0; i < 7; i++) org += rng.pick(alphabet);
  const body = `${USCC_PREFIX[kind]}${cityCode}${org}`;
  return body + usccCheckChar(body);
}

/** An 11-digit mobile number: '1', then one of 3/5/7/8/9, then 9 random digits. */
export function syntheticPhone(rng: Rng): string {
  let phone = `1${rng.pick(['3', '5', '7', '8', '9'] as const)}`;
  for (let i = 0; i < 9; i++) phone += String(rng.int(0, 9));
  return phone;
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/** Common surnames (single-character, plus a few compound ones). */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '司马',
  '上官',
  '诸葛',
];

/** Given-name characters commonly used for men. */
export const MALE_GIVEN_CHARS: readonly string[] = [
  ...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林晨阳峰建国志东海振家文博睿泽锋毅鸿昊然轩晓',
];

/** Given-name characters commonly used for women. */
export const FEMALE_GIVEN_CHARS: readonly string[] = [
  ...'芳娜敏静丽艳娟霞秀玲燕莉红梅琳颖露瑶婷雪慧倩蕾欣怡佳悦琪雅萍洁晶璐妍薇蓉菲丹晓月岚雯琴颜茜馨',
];

/** A synthetic Chinese full name: surname + 1–2 given-name characters. */
export function syntheticChineseName(rng: Rng, gender: 'M' | 'F'): string {
  const chars = gender === 'M' ? MALE_GIVEN_CHARS : FEMALE_GIVEN_CHARS;
  const surname = rng.pick(SURNAMES);
  const given = rng.chance(0.7) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return surname + given;
}

// ---------------------------------------------------------------------------
// Organisation names
// ---------------------------------------------------------------------------

/** Brand-like words for the middle of an organisation name. */
const BRAND_WORDS: readonly string[] = [
  '华信',
  '鲁通',
  '齐力',
  '泰和',
  '宏达',
  '远景',
  '启航',
  '创新',
  '恒源',
  '正泰',
  '海晟',
  '金桥',
  '瑞丰',
  '博远',
  '天成',
  '德润',
  '东方',
  '新锐',
  '中科',
  '联创',
  '智汇',
  '鑫达',
  '永安',
  '盛世',
  '卓越',
  '嘉禾',
  '云帆',
  '蓝海',
  '汇通',
  '明德',
];

/** Business words per industry chain name; unknown chains fall back to the chain name itself. */
const CHAIN_WORDS: Readonly<Record<string, readonly string[]>> = {
  新一代信息技术: ['信息技术', '电子科技', '软件', '数字科技', '网络科技'],
  高端装备: ['智能装备', '精密机械', '装备制造', '自动化设备'],
  新能源装备: ['新能源', '光伏科技', '风电装备', '储能科技'],
  先进材料: ['新材料', '复合材料', '材料科技'],
  船舶和海工装备: ['船舶', '海洋工程', '海工装备'],
  高端化工: ['化工', '精细化工', '化学科技'],
  农机装备: ['农业机械', '农机装备', '农业装备'],
  医药: ['生物医药', '制药', '医药科技', '生物科技'],
  工程机械: ['工程机械', '重工', '机械制造'],
  轻工: ['轻工', '家居用品', '食品'],
  纺织服装: ['纺织', '服饰', '纺织科技'],
  汽车零部件: ['汽车零部件', '汽车部件', '汽车配件'],
  低空装备: ['航空科技', '无人机', '低空科技'],
};

/** Words that give colleges, schools and evaluation centres a specialism. */
const FIELD_WORDS: readonly string[] = ['信息', '工程', '工业', '科技', '数字', '交通', '机电', '商贸', '智能', '电子'];

/** e.g. 青岛华信智能装备有限公司 */
export function syntheticCompanyName(rng: Rng, cityShortName: string, chainName: string): string {
  const chainWord = rng.pick(CHAIN_WORDS[chainName] ?? [chainName]);
  const form = rng.chance(0.15) ? '股份有限公司' : '有限公司';
  return `${cityShortName}${rng.pick(BRAND_WORDS)}${chainWord}${form}`;
}

/** e.g. 淄博信息职业技术学院 */
export function syntheticCollegeName(rng: Rng, cityShortName: string): string {
  const middle = rng.chance(0.5) ? rng.pick(FIELD_WORDS) : `${rng.pick(BRAND_WORDS)}${rng.pick(FIELD_WORDS)}`;
  return `${cityShortName}${middle}职业技术学院`;
}

/** e.g. 潍坊启航职业培训学校 */
export function syntheticTrainingSchoolName(rng: Rng, cityShortName: string): string {
  const middle = rng.chance(0.6) ? rng.pick(BRAND_WORDS) : `${rng.pick(BRAND_WORDS)}${rng.pick(FIELD_WORDS)}`;
  return `${cityShortName}${middle}职业培训学校`;
}

/** e.g. 烟台智汇数字职业技能等级评价中心 */
export function syntheticEvaluationOrgName(rng: Rng, cityShortName: string): string {
  const middle = rng.chance(0.5) ? rng.pick(BRAND_WORDS) : `${rng.pick(BRAND_WORDS)}${rng.pick(FIELD_WORDS)}`;
  return `${cityShortName}${middle}职业技能等级评价中心`;
}
