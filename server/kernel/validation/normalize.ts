/**
 * Text normalisation shared by the identifier validators.
 *
 * - Full-width ASCII (U+FF01–U+FF5E) becomes its half-width counterpart (U+0021–U+007E).
 * - U+3000 IDEOGRAPHIC SPACE becomes an ordinary space.
 * - Leading and trailing white space (including full-width spaces) is trimmed.
 *
 * Nothing else is changed: inner spaces are kept and letter case is untouched.
 */
export function normalizeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) {
      out += String.fromCharCode(cp - 0xfee0);
    } else if (cp === 0x3000) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out.trim();
}
