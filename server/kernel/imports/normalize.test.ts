import { afterEach, describe, expect, it } from 'vitest';
import {
  cellText,
  createLookup,
  dayOfExcelDate,
  excelSerialToDay,
  notFuture,
  occupationLookup,
  parseChoice,
  parseDay,
  parseIdNumber,
  parseMobile,
  parseOccupationCode,
  parseUsccCell,
  parseYesNo,
} from './normalize.js';
import { excelSerialToDate } from './xlsx.js';

const NOW = new Date('2026-03-01T04:00:00Z'); // 12:00 on 1 March 2026 in China
const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error('expected a value, got: ' + r.error);
  return r.value;
};
const error = (r: { ok: boolean; error?: string }): string => {
  if (r.ok) throw new Error('expected an error');
  return r.error!;
};

describe('cellText', () => {
  it('turns full-width digits and letters into half-width ones', () => {
    expect(cellText('３７０１０２ＡＢｃ')).toBe('370102ABc');
  });

  it('trims leading and trailing spaces, full-width ones too, and keeps inner ones', () => {
    expect(cellText('\u3000 王 五\t ')).toBe('王 五');
    expect(cellText('  abc  ')).toBe('abc');
  });

  it('writes numbers without exponent or decimals when whole, booleans as 是/否, dates as days', () => {
    expect(cellText(13900001234)).toBe('13900001234');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(true)).toBe('是');
    expect(cellText(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01');
    expect(cellText(null)).toBe('');
  });
});

describe('dates', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('reads an Excel date cell (a Date at UTC midnight) as that calendar day in any server time zone', () => {
    const cell = excelSerialToDate(45047); // what the reader gives for a cell showing 2023-05-01
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = zone;
      expect(value(parseDay(cell))).toBe('2023-05-01');
    }
  });

  it('keeps the day of a date cell with a late time of day (no +8 h shift into the next day)', () => {
    expect(value(parseDay(excelSerialToDate(45047.98)))).toBe('2023-05-01'); // 23:31
    expect(dayOfExcelDate(new Date(Date.UTC(2023, 4, 1, 23, 59)))).toBe('2023-05-01');
  });

  it('converts Excel serial numbers, with the 1900 leap-year quirk', () => {
    expect(value(excelSerialToDay(45047))).toBe('2023-05-01');
    expect(value(excelSerialToDay(45047.75))).toBe('2023-05-01');
    expect(value(excelSerialToDay(1))).toBe('1900-01-01');
    expect(value(excelSerialToDay(59))).toBe('1900-02-28');
    expect(error(excelSerialToDay(60))).toContain('不存在');
    expect(value(excelSerialToDay(61))).toBe('1900-03-01');
    expect(value(parseDay(45047))).toBe('2023-05-01');
    expect(error(parseDay(-3))).toContain('不是有效的日期');
  });

  it.each([
    ['2023-5-1', '2023-05-01'],
    ['2023/05/01', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['2023年05月01', '2023-05-01'],
    ['２０２３年５月１日', '2023-05-01'],
    ['2023.5.1', '2023-05-01'],
    ['20230501', '2023-05-01'],
    [' 2023-05-01 08:30:00 ', '2023-05-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads the text date %s', (text, day) => {
    expect(value(parseDay(text))).toBe(day);
  });

  it('reads 20230501 typed as a number as a day, not a serial', () => {
    expect(value(parseDay(20230501))).toBe('2023-05-01');
  });

  it('refuses days that do not exist and text that is no date', () => {
    expect(error(parseDay('2023-02-29'))).toBe('日期不存在：2023-02-29');
    expect(error(parseDay('2023-13-01'))).toContain('日期不存在');
    expect(error(parseDay('明年'))).toBe('日期格式不正确，应为 2023-05-01、2023/5/1 或 2023年5月1日');
    expect(error(parseDay('1899-12-31'))).toBe('日期早于1900年');
  });

  it('refuses a day after today in China', () => {
    expect(value(notFuture('2026-03-01', NOW))).toBe('2026-03-01');
    expect(error(notFuture('2026-03-02', NOW))).toBe('日期不能晚于今天');
    // 20:00 UTC on 1 March is already 2 March in China.
    expect(value(notFuture('2026-03-02', new Date('2026-03-01T20:00:00Z')))).toBe('2026-03-02');
  });
});

describe('identifiers', () => {
  it('accepts a lower-case x in an ID number and stores it upper-case', () => {
    expect(value(parseIdNumber('37010219950812100x', NOW)).value).toBe('37010219950812100X');
  });

  it('accepts full-width digits, letters and spaces in an ID number', () => {
    expect(value(parseIdNumber('\u3000３７０１０２１９９５０８１２１００ｘ ', NOW))).toEqual({
      value: '37010219950812100X',
      birthDate: '1995-08-12',
      cityCode: '370100',
    });
  });

  it('maps an abolished 3712xx address code to 济南 and keeps the number valid', () => {
    expect(value(parseIdNumber('371202198001011233', NOW)).cityCode).toBe('370100');
  });

  it('names what is wrong with an ID number', () => {
    expect(error(parseIdNumber('370102199003071239', NOW))).toBe('身份证号码校验位不正确');
    expect(error(parseIdNumber('370102199002301234', NOW))).toBe('身份证号码中的出生日期不存在');
    expect(error(parseIdNumber('370102202603021237', NOW))).toBe('身份证号码中的出生日期晚于今天');
    expect(error(parseIdNumber(370102199003071230, NOW))).toContain('存成了数字');
  });

  it('normalises a USCC (lower case, full width) and refuses a wrong check character', () => {
    expect(value(parseUsccCell('９１３７０１００ｍａ７ｑ２ｋ４ｒ５ｙ'))).toBe('91370100MA7Q2K4R5Y');
    expect(error(parseUsccCell('91370100MA3C00011K'))).toContain('校验位');
  });

  it('reads mobile numbers written with spaces, dashes or full-width digits', () => {
    expect(value(parseMobile('139-0000-1234'))).toBe('13900001234');
    expect(value(parseMobile('１３９００００１２３４'))).toBe('13900001234');
    expect(value(parseMobile(13900001234))).toBe('13900001234');
    expect(error(parseMobile('1390000123'))).toBe('手机号应为 11 位数字，以 13–19 开头');
  });

  it('reads occupation codes with full-width digits and dashes', () => {
    expect(value(parseOccupationCode('２－０２－３８－０１'))).toBe('2-02-38-01');
    expect(error(parseOccupationCode('20238'))).toBe('职业编码格式应为 2-02-38-01，实际为「20238」');
  });
});

describe('choices and look-ups', () => {
  it('reads 是/否 and its usual spellings', () => {
    expect(value(parseYesNo(' 是 '))).toBe(true);
    expect(value(parseYesNo('N'))).toBe(false);
    expect(value(parseYesNo(true))).toBe(true);
    expect(error(parseYesNo('可能'))).toBe('应为 是、否 之一，实际为「可能」');
  });

  it('maps aliases to the listed choice', () => {
    const tiers = { 一线操作人员: 'FRONTLINE', 技术骨干: 'BACKBONE' };
    expect(value(parseChoice('骨干', tiers, { 骨干: '技术骨干' }))).toBe('BACKBONE');
    expect(error(parseChoice('专家', tiers))).toBe('应为 一线操作人员、技术骨干 之一，实际为「专家」');
  });

  it('loads each key of a look-up once, in bulk', async () => {
    const calls: string[][] = [];
    const lookup = createLookup<string, number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'b').map((k) => [k, k.length]));
    });
    await lookup.prefetch(['a', 'b', 'a', 'cc']);
    await lookup.prefetch(['a', 'cc', 'ddd']);
    expect(calls).toEqual([['a', 'b', 'cc'], ['ddd']]);
    expect([lookup.get('cc'), lookup.get('b'), lookup.get('zzz')]).toEqual([2, undefined, undefined]);
  });

  it('maps a former occupation code to its current one through reference.resolveOccupation', async () => {
    const asked: string[] = [];
    const reference = {
      async resolveOccupation(code: string) {
        asked.push(code);
        const current = {
          kind: 'occupation',
          code: '2-02-38-01',
          name: '人工智能工程技术人员',
          attrs: {},
          validFrom: '2000-01-01',
          validTo: null,
        };
        return code === '2-02-10-09' || code === '2-02-38-01' ? current : undefined;
      },
    };
    const occupations = occupationLookup(reference);
    await occupations.prefetch(['2-02-10-09', '9-99-99-99', '2-02-10-09']);
    expect(occupations.get('2-02-10-09')?.code).toBe('2-02-38-01');
    expect(occupations.get('9-99-99-99')).toBeUndefined();
    expect(asked).toEqual(['2-02-10-09', '9-99-99-99']);
  });
});
