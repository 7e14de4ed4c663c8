import { describe, expect, it } from 'vitest';
import { crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { AppError } from '../errors/app-error.js';
import { csvEncoding, detectFormat, ImportFileError, openSheet, parseRange, type SheetRow } from './read.js';
import { isDateFormat, zipEntries } from './xlsx.js';
import { csvOf, xlsxOf } from './testing.js';

async function rowsOf(data: Buffer, format: 'xlsx' | 'csv'): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of openSheet(data, format).rows()) out.push(r);
  return out;
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error('expected a refusal');
};

/** A zip of these files (deflated, or stored with `stored`), built by hand: parts exceljs would not write. */
function zipOf(files: Record<string, string>, opts: { stored?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text);
    const data = opts.stored ? raw : deflateRawSync(raw);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(opts.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
function handMadeXlsx(sheetData: string, extra = ''): Buffer {
  return zipOf({
    'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>隐藏表</t></is></c></row></sheetData></worksheet>`,
    'xl/worksheets/sheet2.xml': `<worksheet ${NS}><dimension ref="A1:C4"/><sheetData>${sheetData}</sheetData>${extra}</worksheet>`,
    'xl/sharedStrings.xml': `<sst ${NS}><si><t>姓名</t></si><si><r><t>王</t></r><r><rPr><b/></rPr><t xml:space="preserve">五 </t></r><rPh><t>wang</t></rPh></si><si><t>A&amp;B &lt;1&gt;</t></si></sst>`,
    'xl/styles.xml': `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>`,
  });
}

describe('detectFormat', () => {
  it('takes .xlsx (a zip) and .csv', () => {
    expect(detectFormat('人员.XLSX', Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(detectFormat('人员.csv', Buffer.from('姓名,身份证号'))).toBe('csv');
  });

  it('refuses an empty file', () => {
    expect(refusal(() => detectFormat('人员.xlsx', Buffer.alloc(0)))).toBe('文件为空，请选择填写好的文件');
  });

  it('refuses a file named .xlsx that is not an Excel file', () => {
    expect(refusal(() => detectFormat('人员.xlsx', Buffer.from('姓名,身份证号\n张三,1')))).toBe(
      '文件扩展名是 .xlsx，但内容不是 Excel 文件，请用 Excel 另存为 .xlsx 后上传',
    );
  });

  it('refuses old .xls and password-protected workbooks (OLE2), and other extensions', () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(refusal(() => detectFormat('人员.xlsx', ole2))).toContain('旧版 Excel（.xls）');
    expect(refusal(() => detectFormat('人员.xls', ole2))).toContain('旧版 Excel（.xls）');
    expect(refusal(() => detectFormat('人员.pdf', Buffer.from('%PDF')))).toBe(
      '只支持 .xlsx 或 .csv 文件，「人员.pdf」不是',
    );
    expect(refusal(() => detectFormat('人员.csv', Buffer.from('PK\x03\x04')))).toContain('内容是 Excel 文件');
  });
});

describe('CSV', () => {
  const rows = [
    ['姓名', '备注'],
    ['王五', '含,逗号'],
    ['李"四"', '第一行\n第二行'],
  ];

  it('detects UTF-8 (with or without BOM) and otherwise reads GBK', () => {
    expect(csvEncoding(csvOf(rows, 'utf-8'))).toBe('utf-8');
    expect(csvEncoding(csvOf(rows, 'utf-8-bom'))).toBe('utf-8');
    expect(csvEncoding(csvOf(rows, 'gbk'))).toBe('gb18030');
    expect(csvEncoding(Buffer.from('name,id\nab,12'))).toBe('utf-8');
  });

  it.each(['utf-8', 'utf-8-bom', 'gbk'] as const)('reads the same rows from %s', async (enc) => {
    const read = await rowsOf(csvOf(rows, enc), 'csv');
    expect(read).toEqual([
      { rowNo: 1, cells: ['姓名', '备注'] },
      { rowNo: 2, cells: ['王五', '含,逗号'] },
      { rowNo: 3, cells: ['李"四"', '第一行\n第二行'] },
    ]);
  });

  it('reads GBK bytes that are not valid UTF-8 as Chinese', async () => {
    const gbk = iconv.encode('姓名\r\n张三丰\r\n', 'gbk');
    expect((await rowsOf(gbk, 'csv')).map((r) => r.cells[0])).toEqual(['姓名', '张三丰']);
  });
});

describe('xlsx', () => {
  it('reads shared strings, numbers, booleans, formulas and dates as exceljs wrote them', async () => {
    const file = await xlsxOf([
      ['姓名', '数量', '日期', '是否', '公式'],
      ['王五', 12, new Date(Date.UTC(2023, 4, 1)), true, { formula: 'B2*2', result: 24 }],
      [null, null, null, null, null],
      ['  空格 ', 1.5, '2023/5/1', false, null],
    ]);
    const read = await rowsOf(file, 'xlsx');
    expect(read.map((r) => r.rowNo)).toEqual([1, 2, 4]);
    expect(read[1]!.cells).toEqual(['王五', 12, new Date(Date.UTC(2023, 4, 1)), true, 24]);
    expect(read[2]!.cells).toEqual(['  空格 ', 1.5, '2023/5/1', false]);
  });

  it('reports merged ranges once the rows are read', async () => {
    const sheet = openSheet(
      await xlsxOf(
        [
          ['a', 'b', 'c'],
          ['1', '2', '3'],
          ['4', null, '6'],
        ],
        { merges: ['B2:B3', 'A1:A1'] },
      ),
      'xlsx',
    );
    for await (const _ of sheet.rows());
    expect(sheet.merges()).toContain('B2:B3');
    expect(parseRange('B2:C5')).toEqual({ ref: 'B2:C5', r1: 2, r2: 5, c1: 2, c2: 3 });
  });

  it('reads the first visible sheet with inline strings, rich text, entities, date formats and rows without numbers', async () => {
    const file = handMadeXlsx(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>45047</v></c><c r="C2" t="s"><v>2</v></c></row>' +
        '<row r="3"/>' +
        '<row><c t="str"><v>x&amp;y</v></c><c s="2"><v>45048.5</v></c><c s="3"><v>7</v></c><c t="e"><v>#N/A</v></c></row>',
      '<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>',
    );
    const sheet = openSheet(file, 'xlsx');
    const read: SheetRow[] = [];
    for await (const r of sheet.rows()) read.push(r);
    expect(read).toEqual([
      { rowNo: 1, cells: ['姓名', null, '备注'] },
      { rowNo: 2, cells: ['王五 ', new Date(Date.UTC(2023, 4, 1)), 'A&B <1>'] },
      { rowNo: 4, cells: ['x&y', new Date(Date.UTC(2023, 4, 2, 12)), 7, '#N/A'] },
    ]);
    expect(sheet.merges()).toEqual(['A2:A4']);
    expect(sheet.estimateTotal(1)).toBe(3);
  });

  it('reads stored (uncompressed) entries too', async () => {
    const file = zipOf(
      {
        'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels':
          '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData></worksheet>`,
      },
      { stored: true },
    );
    expect(await rowsOf(file, 'xlsx')).toEqual([{ rowNo: 1, cells: [null, '甲'] }]);
  });

  it('says so when a zip is not a workbook, or is damaged', async () => {
    await expect(rowsOf(zipOf({ 'word/document.xml': '<w/>' }), 'xlsx')).rejects.toThrow(
      new ImportFileError('文件中没有可读取的工作表，不是有效的 Excel（.xlsx）文件'),
    );
    const good = await xlsxOf([['a'], ['b']]);
    const sheet = zipEntries(good).get('xl/worksheets/sheet1.xml')!;
    const damaged = Buffer.from(good);
    damaged.fill(7, sheet.offset + 40, sheet.offset + 60); // inside the sheet's deflated data
    await expect(rowsOf(damaged, 'xlsx')).rejects.toThrow(
      new ImportFileError('无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式，请用 Excel 打开后另存为 .xlsx 再上传'),
    );
    await expect(rowsOf(good.subarray(0, good.length - 30), 'xlsx')).rejects.toThrow(
      /无法读取 Excel 文件|没有可读取的工作表/,
    );
  });

  it('tells date formats from number formats', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy h:mm', '[$-804]yyyy/m/d'])
      expect(isDateFormat(f)).toBe(true);
    for (const f of ['0.00', '#,##0', '@', '0%', '"天"0', '[Red]0.0']) expect(isDateFormat(f)).toBe(false);
  });
});
