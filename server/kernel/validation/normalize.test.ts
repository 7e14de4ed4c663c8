import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('converts full-width ASCII to half-width', () => {
    expect(normalizeText('３７０１０２１９９００３０７１２３８')).toBe('370102199003071238');
    expect(normalizeText('ＡＢＣｘｙｚ！～')).toBe('ABCxyz!~');
  });

  it('converts the ideographic space and trims full-width spaces', () => {
    expect(normalizeText('\u3000 abc\u3000')).toBe('abc');
    expect(normalizeText('a\u3000b')).toBe('a b');
  });

  it('trims ordinary white space but keeps inner spaces and case', () => {
    expect(normalizeText('  Ab  cD \t\n')).toBe('Ab  cD');
  });

  it('leaves other characters untouched', () => {
    expect(normalizeText('济南市 370100')).toBe('济南市 370100');
    expect(normalizeText('x')).toBe('x');
  });

  it('maps every full-width ASCII character to its half-width counterpart', () => {
    for (let cp = 0xff01; cp <= 0xff5e; cp++) {
      expect(normalizeText(String.fromCharCode(cp))).toBe(String.fromCharCode(cp - 0xfee0));
    }
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });

  it('is the identity on trimmed printable ASCII', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(ascii, (s) => normalizeText(s) === s));
  });
});
