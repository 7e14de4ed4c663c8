import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { USCC_ALPHABET, parseUscc, usccCheckChar } from './uscc.js';

function expectRejected(input: string): string {
  const r = parseUscc(input);
  if (r.ok) throw new Error(`expected ${input} to be rejected`);
  expect(r.reason).toMatch(/[\u4e00-\u9fff]/); // user-facing message in Chinese
  return r.reason;
}

describe('usccCheckChar', () => {
  it('computes the GB 32100 check character of the FACTS vectors', () => {
    expect(usccCheckChar('91370100MA3C00011')).toBe('J');
    expect(usccCheckChar('91370100MA7Q2K4R5')).toBe('Y');
    expect(usccCheckChar('52371700MA3C00011')).toBe('Y');
    expect(usccCheckChar('92370211MA3C00011')).toBe('J');
  });

  it('throws on a wrong length or a character outside the alphabet', () => {
    expect(() => usccCheckChar('91370100MA3C0001')).toThrow();
    expect(() => usccCheckChar('91370100MA3C0001I')).toThrow();
  });
});

describe('parseUscc — FACTS.md vectors', () => {
  it.each([
    ['91370100MA3C00011J', '370100'],
    ['91370100MA7Q2K4R5Y', '370100'],
    ['52371700MA3C00011Y', '371700'],
    ['92370211MA3C00011J', '370211'],
  ])('accepts %s', (code, region) => {
    expect(parseUscc(code)).toEqual({ ok: true, value: code, regionCode: region });
  });

  it('rejects 91370100MA3C00011K (check character)', () => {
    expect(expectRejected('91370100MA3C00011K')).toContain('校验位');
  });
});

describe('parseUscc — normalisation and structure', () => {
  it('accepts lower case and stores upper case', () => {
    expect(parseUscc('91370100ma7q2k4r5y')).toEqual({ ok: true, value: '91370100MA7Q2K4R5Y', regionCode: '370100' });
  });

  it('accepts full-width input with surrounding (full-width) spaces', () => {
    const r = parseUscc('\u3000９１３７０１００ＭＡ３Ｃ０００１１Ｊ ');
    expect(r).toEqual({ ok: true, value: '91370100MA3C00011J', regionCode: '370100' });
    expect(parseUscc('９１３７０１００ｍａ７ｑ２ｋ４ｒ５ｙ').ok).toBe(true);
  });

  it('rejects empty input and wrong lengths', () => {
    expect(expectRejected('')).toContain('请输入');
    expect(expectRejected('91370100MA3C00011')).toContain('18位');
    expect(expectRejected('91370100MA3C00011JJ')).toContain('18位');
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-', '*'])('rejects the character %s', (ch) => {
    const reason = expectRejected(`91370100MA3C0001${ch}J`);
    expect(reason).toContain('第17位');
  });

  it('does not collapse inner spaces', () => {
    expectRejected('91370100 MA3C00011J');
  });
});

// ---------------------------------------------------------------------------
// Property-based tests
// ---------------------------------------------------------------------------

const ALPHABET_CHARS = USCC_ALPHABET.split('');
const bodyArb = fc.array(fc.constantFrom(...ALPHABET_CHARS), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

describe('parseUscc — properties', () => {
  it('accepts any 17 characters from the alphabet with the computed check character', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const code = body + usccCheckChar(body);
        expect(parseUscc(code)).toEqual({ ok: true, value: code, regionCode: body.slice(2, 8) });
        expect(parseUscc(code.toLowerCase()).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects the same body with any other check character', () => {
    fc.assert(
      fc.property(bodyArb, fc.constantFrom(...ALPHABET_CHARS), (body, c) => {
        fc.pre(c !== usccCheckChar(body));
        const r = parseUscc(body + c);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toContain('校验位');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every wrong check character for a given body (exhaustive over the alphabet)', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const good = usccCheckChar(body);
        for (const c of ALPHABET_CHARS) {
          expect(parseUscc(body + c).ok).toBe(c === good);
        }
      }),
    );
  });

  it('detects any single-character substitution in the body', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (body, pos, delta) => {
        const code = body + usccCheckChar(body);
        const v = USCC_ALPHABET.indexOf(body[pos]!);
        const mutated = code.slice(0, pos) + USCC_ALPHABET[(v + delta) % 31] + code.slice(pos + 1);
        expect(parseUscc(mutated).ok).toBe(false);
      }),
    );
  });
});
