import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { idCardCheckChar, parseIdCard } from './id-card.js';

const TODAY = new Date('2026-03-01T04:00:00Z'); // 2026-03-01 12:00 in China

function expectOk(input: string, today: Date = TODAY) {
  const r = parseIdCard(input, today);
  if (!r.ok) throw new Error(`expected ${input} to be valid, got: ${r.reason}`);
  return r;
}

function expectRejected(input: string, today: Date = TODAY): string {
  const r = parseIdCard(input, today);
  if (r.ok) throw new Error(`expected ${input} to be rejected`);
  expect(r.reason).toMatch(/[\u4e00-\u9fff]/); // user-facing message in Chinese
  return r.reason;
}

/** Append the correct check character to a 17-digit body. */
const withCheck = (body: string) => body + idCardCheckChar(body);

describe('idCardCheckChar', () => {
  it('computes the GB 11643 check character of the FACTS vectors', () => {
    expect(idCardCheckChar('37010219900307123')).toBe('8');
    expect(idCardCheckChar('37021119850615246')).toBe('7');
    expect(idCardCheckChar('37170220000229087')).toBe('6');
    expect(idCardCheckChar('37010219950812100')).toBe('X');
  });

  it('throws on anything but 17 digits', () => {
    expect(() => idCardCheckChar('3701021990030712')).toThrow();
    expect(() => idCardCheckChar('3701021990030712X')).toThrow();
  });
});

describe('parseIdCard — FACTS.md vectors', () => {
  it('accepts 370102199003071238 (male, 济南)', () => {
    expect(expectOk('370102199003071238')).toEqual({
      ok: true,
      value: '370102199003071238',
      birthDate: '1990-03-07',
      gender: 'M',
      addressCode: '370102',
      cityCode: '370100',
    });
  });

  it('accepts 370211198506152467 (female, 青岛)', () => {
    expect(expectOk('370211198506152467')).toEqual({
      ok: true,
      value: '370211198506152467',
      birthDate: '1985-06-15',
      gender: 'F',
      addressCode: '370211',
      cityCode: '370200',
    });
  });

  it('accepts 371702200002290876 (29 Feb 2000, a leap year divisible by 400)', () => {
    const r = expectOk('371702200002290876');
    expect(r.birthDate).toBe('2000-02-29');
    expect(r.gender).toBe('M');
    expect(r.cityCode).toBe('371700');
  });

  it('accepts 37010219950812100X (check character X)', () => {
    const r = expectOk('37010219950812100X');
    expect(r.value).toBe('37010219950812100X');
    expect(r.birthDate).toBe('1995-08-12');
    expect(r.gender).toBe('F');
  });

  it('rejects 370102199003071239 (wrong check digit)', () => {
    expect(expectRejected('370102199003071239')).toContain('校验位');
  });

  it('rejects 370102199002301234 (30 Feb)', () => {
    expect(expectRejected('370102199002301234')).toContain('出生日期');
  });
});

describe('parseIdCard — normalisation', () => {
  it('accepts lower-case x and stores it upper-case', () => {
    expect(expectOk('37010219950812100x').value).toBe('37010219950812100X');
  });

  it('accepts full-width digits, full-width Ｘ/ｘ and surrounding (full-width) spaces', () => {
    expect(expectOk('３７０１０２１９９００３０７１２３８').value).toBe('370102199003071238');
    expect(expectOk('\u3000３７０１０２１９９５０８１２１００ｘ ').value).toBe('37010219950812100X');
    expect(expectOk('３７０１０２１９９５０８１２１００Ｘ').value).toBe('37010219950812100X');
  });
});

describe('parseIdCard — structure', () => {
  it('rejects empty input', () => {
    expect(expectRejected('   ')).toContain('请输入');
  });

  it('rejects wrong lengths', () => {
    expect(expectRejected('37010219900307123')).toContain('18位');
    expect(expectRejected('3701021990030712380')).toContain('18位');
    expect(expectRejected('370102900307123')).toContain('18位'); // old 15-digit format
  });

  it('rejects non-digits in positions 1-17 and a bad last character', () => {
    expectRejected('37010219900307123A');
    expectRejected('3701021990030712X8');
    expectRejected('37010219900307 238');
  });

  it('does not collapse inner spaces', () => {
    expectRejected('370102 199003071238');
  });
});

describe('parseIdCard — birth date', () => {
  it('rejects 30 Feb even with a correct check character', () => {
    const id = withCheck('37010219900230123');
    expect(expectRejected(id)).toContain('出生日期不存在');
  });

  it('applies the leap-year rules for 29 Feb', () => {
    expectOk(withCheck('37010220000229123')); // 2000: divisible by 400
    expectOk(withCheck('37010219960229123')); // 1996: divisible by 4
    expectRejected(withCheck('37010219000229123')); // 1900: divisible by 100, not 400
    expectRejected(withCheck('37010219990229123')); // 1999: not divisible by 4
  });

  it('rejects month 00/13 and day 00/32, and 31 in a 30-day month', () => {
    expectRejected(withCheck('37010219900007123'));
    expectRejected(withCheck('37010219901307123'));
    expectRejected(withCheck('37010219900300123'));
    expectRejected(withCheck('37010219900332123'));
    expectRejected(withCheck('37010219900431123'));
  });

  it('rejects a birth date in the future, accepts today', () => {
    expect(expectRejected(withCheck('37010220260302123'))).toContain('晚于今天');
    expectOk(withCheck('37010220260301123'));
    expect(expectRejected(withCheck('37010220300101123'))).toContain('晚于今天');
  });

  it('defaults `today` to now', () => {
    expect(parseIdCard(withCheck('37010221000101123')).ok).toBe(false);
    expect(parseIdCard('370102199003071238').ok).toBe(true);
  });

  it('compares against the calendar date in China, whatever the time zone', () => {
    // 2026-03-01 20:00 UTC is already 2026-03-02 in China.
    expectOk(withCheck('37010220260302123'), new Date('2026-03-01T20:00:00Z'));
    // 2026-03-01 15:00 UTC is 23:00 on 2026-03-01 in China.
    expectRejected(withCheck('37010220260302123'), new Date('2026-03-01T15:00:00Z'));
  });

  it('rejects birth dates before 1900', () => {
    expect(expectRejected(withCheck('37010218991231123'))).toContain('1900');
    expectOk(withCheck('37010219000101123'));
  });
});

describe('parseIdCard — address code', () => {
  it('accepts a 3712xx (former 莱芜市) number and maps it to 济南 370100', () => {
    const id = withCheck('37120219800101123');
    const r = expectOk(id);
    expect(r.addressCode).toBe('371202');
    expect(r.cityCode).toBe('370100');
  });

  it('accepts address codes that do not (or no longer) exist', () => {
    const r = expectOk(withCheck('37029519800101124'));
    expect(r.addressCode).toBe('370295');
    expect(r.cityCode).toBe('370200');
    expect(r.gender).toBe('F');
    expect(expectOk(withCheck('11010119800101123')).cityCode).toBe('110100');
  });
});

// ---------------------------------------------------------------------------
// Property-based tests
// ---------------------------------------------------------------------------

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid calendar date between 1900-01-01 and 2026-03-01 (= TODAY in China). */
const birthDateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-03-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`);

const digitsArb = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** A 17-digit body: any 6-digit address code, a valid birth date, any 3-digit sequence. */
const bodyArb = fc.tuple(digitsArb(6), birthDateArb, digitsArb(3)).map(([a, b, s]) => `${a}${b}${s}`);

const CHECK_ALPHABET = '0123456789X'.split('');

describe('parseIdCard — properties', () => {
  it('accepts any body with a valid birth date and the computed check character', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const id = withCheck(body);
        const r = parseIdCard(id, TODAY);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toBe(id);
        expect(r.birthDate.replaceAll('-', '')).toBe(body.slice(6, 14));
        expect(r.gender).toBe(Number(body[16]) % 2 === 1 ? 'M' : 'F');
        expect(r.addressCode).toBe(body.slice(0, 6));
        expect(r.cityCode).toMatch(/^\d{4}00$/);
        // Lower-case x is accepted too.
        expect(parseIdCard(id.toLowerCase(), TODAY)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects the same body with any other check character', () => {
    fc.assert(
      fc.property(bodyArb, fc.constantFrom(...CHECK_ALPHABET), (body, c) => {
        fc.pre(c !== idCardCheckChar(body));
        const r = parseIdCard(body + c, TODAY);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toContain('校验位');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every wrong check character for a given body (exhaustive over 0-9, X)', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const good = idCardCheckChar(body);
        for (const c of CHECK_ALPHABET) {
          expect(parseIdCard(body + c, TODAY).ok).toBe(c === good);
        }
      }),
    );
  });

  it('detects any single-digit substitution in the body', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const id = withCheck(body);
        const changed = String((Number(body[pos]) + delta) % 10);
        const mutated = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(parseIdCard(mutated, TODAY).ok).toBe(false);
      }),
    );
  });
});
