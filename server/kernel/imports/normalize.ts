/**
 * What a spreadsheet cell holds once read, and the normalisers every import column uses.
 * Each parser returns the normalised value or a Chinese reason (the framework adds the row
 * and the column: 第 12 行「身份证号」：…).
 */
import { normalizeText } from '../validation/normalize.js';
import { isValidCalendarDate, parseIdCard } from '../validation/id-card.js';
import { parseUscc } from '../validation/uscc.js';
import { shanghaiDate } from '../time.js';
import type { ReferenceService } from '../reference/reference.service.js';

/** A cell as the import sees it (rich text flattened, formulas as their cached result). */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error });

/**
 * 'YYYY-MM-DD' of a date cell. A date cell comes as a JS Date whose UTC fields are the
 * wall-clock day written in the sheet (midnight UTC, as exceljs also gives them): read the UTC
 * fields, never local ones, and never shift by +8 h (23:30 on 1 May would become 2 May).
 */
export function dayOfExcelDate(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/** Excel's 1900 date system: serial 1 = 1900-01-01; serial 60 is the fictitious 1900-02-29. */
export function excelSerialToDay(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return fail('不是有效的日期');
  const days = Math.floor(serial);
  if (days === 60) return fail('日期不存在（1900年2月29日）');
  // Serials after 60 count from 1899-12-30 (the leap-year bug); before it, from 1899-12-31.
  const base = days > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return ok(new Date(base + days * 86_400_000).toISOString().slice(0, 10));
}

/** Text of a cell: full-width ASCII to half-width, ideographic spaces, trimmed (kernel normalizeText). */
const NEEDS_NORMALISING = /[\uff01-\uff5e\u3000]/;

export function cellText(c: Cell): string {
  if (c === null) return '';
  // Most cells hold nothing full-width: then normalizeText(c) is c.trim(), much cheaper.
  if (typeof c === 'string') return NEEDS_NORMALISING.test(c) ? normalizeText(c) : c.trim();
  if (typeof c === 'number') return Number.isInteger(c) && Math.abs(c) < 1e15 ? c.toFixed(0) : String(c);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return dayOfExcelDate(c);
}

export const isBlank = (c: Cell): boolean => cellText(c) === '';

const pad2 = (s: string) => s.padStart(2, '0');
const DATE_FORMATS = '2023-05-01、2023/5/1 或 2023年5月1日';
const TEXT_DATE = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/, // 2023-5-1, 2023/05/01, 2023.5.1
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, // 2023年5月1日
  /^(\d{4})(\d{2})(\d{2})$/, // 20230501
];

/**
 * A calendar day (Asia/Shanghai) as 'YYYY-MM-DD' from a date cell, an Excel serial number
 * or text in the usual forms (2023-5-1, 2023/05/01, 2023年5月1日, 20230501).
 */
export function parseDay(c: Cell): Parsed<string> {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return fail('不是有效的日期');
    const d = dayOfExcelDate(c);
    return d < '1900-01-01' || d > '2999-12-31' ? fail('不是有效的日期') : ok(d);
  }
  // 20230501 typed as a number is a day written without separators, not a serial.
  if (typeof c === 'number' && !(Number.isInteger(c) && c >= 19000101 && c <= 29991231)) return excelSerialToDay(c);
  const s = cellText(c).replace(/\s+/g, ' ');
  for (const re of TEXT_DATE) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidCalendarDate(y, mo, d)) return fail(`日期不存在：${s}`);
    if (y < 1900) return fail('日期早于1900年');
    return ok(`${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`);
  }
  return fail(`日期格式不正确，应为 ${DATE_FORMATS}`);
}

/** A day not later than today in China (`today` as a Date, or already as 'YYYY-MM-DD'). */
export function notFuture(day: string, today: Date | string): Parsed<string> {
  return day > (typeof today === 'string' ? today : shanghaiDate(today)) ? fail('日期不能晚于今天') : ok(day);
}

/**
 * A 居民身份证号: full-width digits, lower-case x and spaces are accepted and normalised;
 * a number cell (Excel has already rounded an 18-digit number) gets its own hint.
 */
export function parseIdNumber(c: Cell, now: Date): Parsed<{ value: string; birthDate: string; cityCode: string }> {
  if (typeof c === 'number')
    return fail('身份证号被 Excel 存成了数字（末几位已丢失），请把该列设为“文本”格式后重新填写');
  const r = parseIdCard(cellText(c), now);
  if (!r.ok) return fail(r.reason.replace(/，请核对后重新输入$/, ''));
  return ok({ value: r.value, birthDate: r.birthDate, cityCode: r.cityCode });
}

/** A 统一社会信用代码, normalised to upper case. */
export function parseUsccCell(c: Cell): Parsed<string> {
  if (typeof c === 'number') return fail('统一社会信用代码被存成了数字，请把该列设为“文本”格式后重新填写');
  const r = parseUscc(cellText(c));
  return r.ok ? ok(r.value) : fail(r.reason);
}

/** A mainland mobile number (11 digits starting 13–19). */
export function parseMobile(c: Cell): Parsed<string> {
  const s = cellText(c).replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(s) ? ok(s) : fail('手机号应为 11 位数字，以 13–19 开头');
}

/** One of the listed choices; `aliases` maps other spellings to a choice. */
export function parseChoice<T>(
  c: Cell,
  choices: Readonly<Record<string, T>>,
  aliases: Readonly<Record<string, string>> = {},
): Parsed<T> {
  const s = cellText(c);
  const key = s in choices ? s : aliases[s];
  if (key !== undefined && key in choices) return ok(choices[key]!);
  return fail(`应为 ${Object.keys(choices).join('、')} 之一，实际为「${s}」`);
}

/** 是 / 否 (also Y/N, TRUE/FALSE and Excel booleans). */
export function parseYesNo(c: Cell): Parsed<boolean> {
  if (typeof c === 'boolean') return ok(c);
  return parseChoice(
    c,
    { 是: true, 否: false },
    { Y: '是', N: '否', y: '是', n: '否', TRUE: '是', FALSE: '否', true: '是', false: '否', '1': '是', '0': '否' },
  );
}

/** Free text with a length limit. */
export function parseText(c: Cell, max: number): Parsed<string> {
  const s = cellText(c);
  return s.length > max ? fail(`不能超过 ${max} 个字`) : ok(s);
}

/** A 职业分类大典 code such as 2-02-38-01 (full-width digits and dashes accepted). */
export function parseOccupationCode(c: Cell): Parsed<string> {
  const s = cellText(c).replace(/[－—–]/g, '-');
  return /^\d-\d{2}-\d{2}-\d{2}$/.test(s) ? ok(s) : fail(`职业编码格式应为 2-02-38-01，实际为「${s}」`);
}

/**
 * A memo of look-ups that are loaded in bulk (organisations by USCC, occupations by code):
 * `prefetch` the keys of a chunk of rows once, then `get` synchronously per row.
 */
export function createLookup<K, V>(loadMany: (keys: K[]) => Promise<Map<K, V>>) {
  const cache = new Map<K, V | null>();
  return {
    async prefetch(keys: Iterable<K>): Promise<void> {
      const missing = [...new Set(keys)].filter((k) => !cache.has(k));
      if (!missing.length) return;
      const found = await loadMany(missing);
      for (const k of missing) cache.set(k, found.get(k) ?? null);
    },
    /** undefined: not found (or not prefetched). */
    get(key: K): V | undefined {
      return cache.get(key) ?? undefined;
    },
  };
}
export type Lookup<K, V> = ReturnType<typeof createLookup<K, V>>;

/**
 * Occupation codes through `reference.resolveOccupation`: a current code, or a former code
 * (alias) mapped to its current one. Resolved once per distinct code in a file.
 */
export function occupationLookup(reference: Pick<ReferenceService, 'resolveOccupation'>) {
  return createLookup<string, { code: string; name: string }>(async (codes) => {
    const found = await Promise.all(codes.map(async (c) => [c, await reference.resolveOccupation(c)] as const));
    return new Map(found.filter(([, o]) => o).map(([c, o]) => [c, { code: o!.code, name: o!.name }]));
  });
}
