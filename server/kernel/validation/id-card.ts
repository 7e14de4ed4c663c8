/**
 * 居民身份证号码 (GB 11643-1999) validation.
 *
 * Layout: 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence
 * (odd = male, even = female) and one check character (0-9 or X).
 */
import { normalizeText } from './normalize.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Former 莱芜市 (371200) was merged into 济南市 (370100) in January 2019. */
const CITY_SUCCESSORS: Readonly<Record<string, string>> = { '371200': '370100' };

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

export type IdCardParseResult =
  | {
      ok: true;
      /** Normalised, upper-case, 18 characters. */
      value: string;
      /** YYYY-MM-DD */
      birthDate: string;
      gender: 'M' | 'F';
      /** Positions 1–6 as written on the card (may be a code that no longer exists). */
      addressCode: string;
      /** First 4 digits + '00'; 3712xx (former 莱芜市) maps to 370100. */
      cityCode: string;
    }
  | { ok: false; reason: string };

/** The check character (0-9 or X) for the first 17 digits of an ID number. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`idCardCheckChar expects 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARS[sum % 11]!;
}

/** True when year/month/day is a real calendar date (Gregorian leap-year rules). */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

/** The calendar date (YYYYMMDD) of `d` in China Standard Time, whatever the server's time zone. */
function chinaDateKey(d: Date): string {
  const shifted = new Date(d.getTime() + CHINA_UTC_OFFSET_MS);
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const day = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}${m}${day}`;
}

/** Map an address code to its (current) prefecture-level city code. */
export function cityCodeOf(addressCode: string): string {
  const city = `${addressCode.slice(0, 4)}00`;
  return CITY_SUCCESSORS[city] ?? city;
}

/**
 * Parse and validate a 居民身份证号码.
 *
 * `today` is the reference for the "not in the future" rule, compared as a calendar date
 * in China Standard Time (default: now). Address codes are not checked against the list
 * of current divisions: numbers issued under abolished codes (e.g. 3712xx) stay valid.
 */
export function parseIdCard(input: string, today: Date = new Date()): IdCardParseResult {
  const value = normalizeText(input).toUpperCase();
  if (value.length === 0) {
    return { ok: false, reason: '请输入身份证号码' };
  }
  if (value.length !== 18) {
    return { ok: false, reason: `身份证号码应为18位，当前为${value.length}位` };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, reason: '身份证号码格式不正确：前17位应为数字，最后一位应为数字或X' };
  }

  const yearStr = value.slice(6, 10);
  const monthStr = value.slice(10, 12);
  const dayStr = value.slice(12, 14);
  if (!isValidCalendarDate(Number(yearStr), Number(monthStr), Number(dayStr))) {
    return { ok: false, reason: '身份证号码中的出生日期不存在' };
  }
  const birthKey = `${yearStr}${monthStr}${dayStr}`;
  if (birthKey < '19000101') {
    return { ok: false, reason: '身份证号码中的出生日期早于1900年' };
  }
  if (birthKey > chinaDateKey(today)) {
    return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  }

  const expected = idCardCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { ok: false, reason: '身份证号码校验位不正确，请核对后重新输入' };
  }

  const addressCode = value.slice(0, 6);
  return {
    ok: true,
    value,
    birthDate: `${yearStr}-${monthStr}-${dayStr}`,
    gender: Number(value[16]) % 2 === 1 ? 'M' : 'F',
    addressCode,
    cityCode: cityCodeOf(addressCode),
  };
}
