/**
 * 统一社会信用代码 (GB 32100-2015) validation.
 *
 * Layout: position 1 registration authority, position 2 entity type, positions 3–8
 * region code, positions 9–17 organisation code (GB 11714), position 18 check character.
 * The embedded GB 11714 check digit is deliberately not verified: it may fail on real
 * codes (see FACTS.md), and such codes must not be rejected.
 */
import { normalizeText } from './normalize.js';

/** Character set in value order (no I, O, Z, S, V). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccParseResult =
  | {
      ok: true;
      /** Normalised, upper-case, 18 characters. */
      value: string;
      /** Positions 3–8. */
      regionCode: string;
    }
  | { ok: false; reason: string };

/** The check character for the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`usccCheckChar expects 17 characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) {
      throw new Error(`usccCheckChar: invalid character ${JSON.stringify(first17[i])} at position ${i + 1}`);
    }
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Parse and validate a 统一社会信用代码. */
export function parseUscc(input: string): UsccParseResult {
  const value = normalizeText(input).toUpperCase();
  if (value.length === 0) {
    return { ok: false, reason: '请输入统一社会信用代码' };
  }
  if (value.length !== 18) {
    return { ok: false, reason: `统一社会信用代码应为18位，当前为${value.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = value[i]!;
    if (!USCC_ALPHABET.includes(ch)) {
      return {
        ok: false,
        reason: `统一社会信用代码第${i + 1}位“${ch}”不是有效字符（只能使用数字和除I、O、Z、S、V以外的大写字母）`,
      };
    }
  }
  if (value[17] !== usccCheckChar(value.slice(0, 17))) {
    return { ok: false, reason: '统一社会信用代码校验位不正确，请核对后重新输入' };
  }
  return { ok: true, value, regionCode: value.slice(2, 8) };
}
