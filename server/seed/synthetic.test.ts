import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseIdCard } from '../kernel/validation/id-card.js';
import { parseUscc } from '../kernel/validation/uscc.js';
import {
  FEMALE_GIVEN_CHARS,
  MALE_GIVEN_CHARS,
  SURNAMES,
  createRng,
  syntheticChineseName,
  syntheticCollegeName,
  syntheticCompanyName,
  syntheticEvaluationOrgName,
  syntheticIdNumber,
  syntheticPhone,
  syntheticTrainingSchoolName,
  syntheticUscc,
  type Rng,
  type SyntheticOrgKind,
} from './synthetic.js';

const CITY_CODES = [
  '370100',
  '370200',
  '370300',
  '370400',
  '370500',
  '370600',
  '370700',
  '370800',
  '370900',
  '371000',
  '371100',
  '371300',
  '371400',
  '371500',
  '371600',
  '371700',
] as const;
const CITY_SHORT_NAMES = ['济南', '青岛', '淄博', '烟台', '潍坊', '菏泽'] as const;
const CHAINS = ['新一代信息技术', '高端装备', '医药', '低空装备', '某个新产业链'] as const;
const KINDS: readonly SyntheticOrgKind[] = [
  'enterprise',
  'college',
  'training',
  'evaluation',
  'government',
  'service',
  'host',
];
const TODAY = new Date('2026-01-01T00:00:00Z');

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function randomBirthDate(rng: Rng): string {
  const d = new Date(Date.UTC(1960, 0, 1) + rng.int(0, 45 * 365) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Draw a batch of every kind of value, to compare runs. */
function sample(seed: number) {
  const rng = createRng(seed);
  const out: string[] = [];
  for (let i = 0; i < 50; i++) {
    const city = rng.pick(CITY_CODES);
    const gender = rng.chance(0.5) ? 'M' : 'F';
    out.push(
      String(rng.next()),
      String(rng.int(-5, 5)),
      syntheticIdNumber(rng, city, randomBirthDate(rng), gender),
      syntheticUscc(rng, city, rng.pick(KINDS)),
      syntheticPhone(rng),
      syntheticChineseName(rng, gender),
      syntheticCompanyName(rng, rng.pick(CITY_SHORT_NAMES), rng.pick(CHAINS)),
      syntheticCollegeName(rng, rng.pick(CITY_SHORT_NAMES)),
      syntheticTrainingSchoolName(rng, rng.pick(CITY_SHORT_NAMES)),
      syntheticEvaluationOrgName(rng, rng.pick(CITY_SHORT_NAMES)),
    );
  }
  return out;
}

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(sample(42)).toEqual(sample(42));
    expect(sample(42)).not.toEqual(sample(43));
  });

  it('matches the reference mulberry32 sequence', () => {
    // First outputs of mulberry32(0) and mulberry32(1) (reference implementation).
    const a = createRng(0);
    expect(a.next()).toBeCloseTo(0.26642920868471265, 15);
    expect(a.next()).toBeCloseTo(0.0003297457005828619, 15);
    const b = createRng(1);
    expect(b.next()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('next() stays in [0, 1)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('int(min, max) is inclusive and hits every value', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 5 }), (seed, min, w) => {
        const rng = createRng(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 200; i++) {
          const v = rng.int(min, min + w);
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(min + w);
          seen.add(v);
        }
        expect(seen.size).toBe(w + 1);
      }),
    );
    expect(() => createRng(1).int(3, 2)).toThrow();
  });

  it('pick() returns an element and throws on an empty array', () => {
    const rng = createRng(3);
    const arr = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(rng.pick(arr));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.pick([])).toThrow();
  });

  it('chance(p) respects the extremes and roughly the rate', () => {
    const rng = createRng(5);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
      if (rng.chance(0.3)) hits++;
    }
    expect(hits / 10_000).toBeGreaterThan(0.27);
    expect(hits / 10_000).toBeLessThan(0.33);
  });
});

describe('syntheticIdNumber', () => {
  it('passes the validator, with the requested city, birth date and gender, and a 90–99 district', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...CITY_CODES),
        fc.constantFrom<'M' | 'F'>('M', 'F'),
        (seed, city, gender) => {
          const rng = createRng(seed);
          const birthDate = randomBirthDate(rng);
          const id = syntheticIdNumber(rng, city, birthDate, gender);
          const r = parseIdCard(id, TODAY);
          if (!r.ok) throw new Error(`${id}: ${r.reason}`);
          expect(r.value).toBe(id);
          expect(r.birthDate).toBe(birthDate);
          expect(r.gender).toBe(gender);
          expect(r.cityCode).toBe(city);
          expect(r.addressCode.slice(0, 4)).toBe(city.slice(0, 4));
          const district = Number(r.addressCode.slice(4, 6));
          expect(district).toBeGreaterThanOrEqual(90);
          expect(district).toBeLessThanOrEqual(99);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('works for 29 Feb and uses all ten 9x districts', () => {
    const rng = createRng(11);
    const districts = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = syntheticIdNumber(rng, '370200', '2000-02-29', i % 2 ? 'M' : 'F');
      expect(parseIdCard(id, TODAY).ok).toBe(true);
      districts.add(id.slice(4, 6));
    }
    expect(districts.size).toBe(10);
  });

  it('rejects a bad city code or birth date', () => {
    const rng = createRng(1);
    expect(() => syntheticIdNumber(rng, '3702', '1990-01-01', 'M')).toThrow();
    expect(() => syntheticIdNumber(rng, '370200', '1990-02-30', 'M')).toThrow();
    expect(() => syntheticIdNumber(rng, '370200', '19900101', 'M')).toThrow();
  });
});

describe('syntheticUscc', () => {
  const PREFIX: Record<SyntheticOrgKind, string> = {
    enterprise: '91',
    service: '91',
    host: '91',
    training: '52',
    evaluation: '52',
    college: '12',
    government: '12',
  };

  it('passes the validator, with the prefix of its kind, the city as region and MA + 7 chars', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...CITY_CODES), fc.constantFrom(...KINDS), (seed, city, kind) => {
        const code = syntheticUscc(createRng(seed), city, kind);
        const r = parseUscc(code);
        if (!r.ok) throw new Error(`${code}: ${r.reason}`);
        expect(r.value).toBe(code);
        expect(r.regionCode).toBe(city);
        expect(code.slice(0, 2)).toBe(PREFIX[kind]);
        expect(code.slice(8, 10)).toBe('MA');
      }),
      { numRuns: 1000 },
    );
  });

  it('rarely collides', () => {
    const rng = createRng(99);
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) codes.add(syntheticUscc(rng, '370100', 'enterprise'));
    expect(codes.size).toBeGreaterThan(1990);
  });
});

describe('syntheticPhone', () => {
  it('is 11 digits starting with 13/15/17/18/19', () => {
    const rng = createRng(8);
    const seconds = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const phone = syntheticPhone(rng);
      expect(phone).toMatch(/^1[35789]\d{9}$/);
      seconds.add(phone[1]!);
    }
    expect(seconds.size).toBe(5);
  });
});

describe('syntheticChineseName', () => {
  it('has large enough, duplicate-free name lists', () => {
    expect(SURNAMES.length).toBeGreaterThanOrEqual(60);
    expect(MALE_GIVEN_CHARS.length).toBeGreaterThanOrEqual(40);
    expect(FEMALE_GIVEN_CHARS.length).toBeGreaterThanOrEqual(40);
    for (const list of [SURNAMES, MALE_GIVEN_CHARS, FEMALE_GIVEN_CHARS]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('is a surname followed by 1–2 given-name characters of the gender', () => {
    const rng = createRng(21);
    const lengths = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const gender = i % 2 ? 'M' : 'F';
      const name = syntheticChineseName(rng, gender);
      const surname = SURNAMES.find((s) => s.length === 2 && name.startsWith(s)) ?? name.slice(0, 1);
      expect(SURNAMES).toContain(surname);
      const given = [...name.slice(surname.length)];
      expect(given.length).toBeGreaterThanOrEqual(1);
      expect(given.length).toBeLessThanOrEqual(2);
      for (const ch of given) expect(gender === 'M' ? MALE_GIVEN_CHARS : FEMALE_GIVEN_CHARS).toContain(ch);
      lengths.add(given.length);
    }
    expect([...lengths].sort()).toEqual([1, 2]);
  });
});

describe('organisation names', () => {
  it('have the city first and the right suffix', () => {
    const rng = createRng(13);
    for (let i = 0; i < 200; i++) {
      const city = rng.pick(CITY_SHORT_NAMES);
      expect(syntheticCompanyName(rng, city, rng.pick(CHAINS))).toMatch(new RegExp(`^${city}.+有限公司$`));
      expect(syntheticCollegeName(rng, city)).toMatch(new RegExp(`^${city}.+职业技术学院$`));
      expect(syntheticTrainingSchoolName(rng, city)).toMatch(new RegExp(`^${city}.+职业培训学校$`));
      expect(syntheticEvaluationOrgName(rng, city)).toMatch(new RegExp(`^${city}.+职业技能等级评价中心$`));
    }
  });

  it('vary, and use the chain name as the business word for an unknown chain', () => {
    const rng = createRng(17);
    const names = new Set<string>();
    for (let i = 0; i < 200; i++) names.add(syntheticCompanyName(rng, '青岛', '新一代信息技术'));
    expect(names.size).toBeGreaterThan(50);
    expect(syntheticCompanyName(rng, '青岛', '某个新产业链')).toContain('某个新产业链');
  });
});
