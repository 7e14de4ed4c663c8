/**
 * A minimal streaming .xlsx reader for imports: the first visible worksheet, row by row, with
 * shared strings, inline strings, date-formatted cells (as Dates at UTC midnight, the way
 * exceljs gives them), the sheet's dimension and its merged ranges.
 *
 * Why not exceljs' stream.xlsx.WorkbookReader (docs/adr/0006-imports.md): it took 8–12 s to
 * read 300,000 rows with styles ignored and 34 s with them (date cells), skips <mergeCell>
 * entirely, and spools the sheet to a temporary file when, as Excel writes them, the shared
 * strings follow the sheet. The upload is in memory anyway (≤ 50 MB), so the zip's central
 * directory gives each part directly; the sheet is inflated and scanned as a stream, so the
 * 100+ MB of sheet XML never sits in memory. exceljs still writes templates and result files.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';

export class XlsxError extends Error {}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

/** The entries of a zip held in memory, from its central directory (ZIP64 sizes and offsets included). */
export function zipEntries(data: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--)
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new XlsxError('no zip end record');
  let count = data.readUInt16LE(eocd + 10);
  let cdOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || data.readUInt32LE(loc) !== 0x07064b50) throw new XlsxError('zip64 locator missing');
    const rec = Number(data.readBigUInt64LE(loc + 8));
    if (data.readUInt32LE(rec) !== 0x06064b50) throw new XlsxError('zip64 end record missing');
    count = Number(data.readBigUInt64LE(rec + 32));
    cdOffset = Number(data.readBigUInt64LE(rec + 48));
  }
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('bad central directory');
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    let compressedSize = data.readUInt32LE(p + 20);
    const uncompressed = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    let offset = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the 0xFFFFFFFF fields, in this order.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
      const id = data.readUInt16LE(x);
      const size = data.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (uncompressed === 0xffffffff) q += 8; // the uncompressed size is not needed
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(data.readBigUInt64LE(q));
          q += 8;
        }
        if (offset === 0xffffffff) offset = Number(data.readBigUInt64LE(q));
      }
      x += 4 + size;
    }
    if (flags & 1) throw new XlsxError('encrypted entry');
    entries.set(name, { name, method, compressedSize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(data: Buffer, e: ZipEntry): Buffer {
  if (data.readUInt32LE(e.offset) !== 0x04034b50) throw new XlsxError('bad local header');
  const start = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
  const end = start + e.compressedSize;
  if (end > data.length) throw new XlsxError('truncated entry');
  return data.subarray(start, end);
}

/** Parts read whole (shared strings, styles) may not inflate beyond this: a zip bomb is refused. */
const MAX_PART_BYTES = 256 * 1024 * 1024;
/** A single row's XML beyond this is no spreadsheet row. */
const MAX_ROW_XML = 16 * 1024 * 1024;

function readEntry(data: Buffer, e: ZipEntry): string {
  const raw = entryData(data, e);
  if (e.method === 0) return raw.toString('utf8');
  if (e.method === 8) {
    try {
      return inflateRawSync(raw, { maxOutputLength: MAX_PART_BYTES }).toString('utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new XlsxError('part too large');
      throw err;
    }
  }
  throw new XlsxError(`unsupported compression ${e.method}`);
}

/** The entry as a stream of text chunks (never the whole sheet in memory). */
async function* streamEntry(data: Buffer, e: ZipEntry, consumed: { bytes: number }): AsyncGenerator<string> {
  const raw = entryData(data, e);
  const decoder = new StringDecoder('utf8');
  const size = 256 * 1024;
  const chunks = (function* () {
    for (let i = 0; i < raw.length; i += size) {
      consumed.bytes = Math.min(raw.length, i + size);
      yield raw.subarray(i, i + size);
    }
  })();
  const source: AsyncIterable<Buffer> =
    e.method === 0 ? Readable.from(chunks) : Readable.from(chunks).pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  if (e.method !== 0 && e.method !== 8) throw new XlsxError(`unsupported compression ${e.method}`);
  for await (const chunk of source) yield decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function xmlDecode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ENTITIES[e]!,
  );
}

/** The text of an <si> or <is>: its <t> runs, without phonetic guides (<rPh>). */
function richText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
  return xmlDecode(out);
}

const attrRes = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  // Machine-written XML separates attributes by one space: find that first, cheaply.
  const at = attrs.indexOf(` ${name}="`);
  if (at >= 0) {
    const from = at + name.length + 3;
    return attrs.slice(from, attrs.indexOf('"', from));
  }
  if (attrs.indexOf(`${name}=`) < 0) return undefined;
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
}

/** Built-in number formats that are dates (ECMA-376 18.8.30), and custom ones with date codes. */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%E+\-\s;@]*$/i.test(bare);
}

function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\s([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'numFmtId');
    const code = attr(m[1]!, 'formatCode');
    if (id && code !== undefined) custom.set(Number(id), xmlDecode(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\s([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** Excel serial (1900 system) → Date at UTC midnight of that day (plus the time of day). */
export function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxSheet {
  name: string;
  rows(): AsyncGenerator<{ rowNo: number; cells: XlsxCell[] }>;
  /** Last row of the sheet's <dimension>, once the first rows have been read. */
  lastRow(): number | null;
  /** Merged ranges, once rows() has finished. */
  merges(): string[];
  /** Fraction of the sheet's compressed bytes read so far. */
  fractionRead(): number;
}

/** Opens the first visible worksheet of an .xlsx held in memory. Throws XlsxError if it is not one. */
export function openWorkbook(data: Buffer): XlsxSheet {
  const entries = zipEntries(data);
  const text = (name: string) => {
    const e = entries.get(name);
    return e ? readEntry(data, e) : null;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new XlsxError('no xl/workbook.xml');
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    if (id)
      rels.set(id, {
        type: attr(m[1]!, 'Type') ?? '',
        target: resolvePath('xl/workbook.xml', attr(m[1]!, 'Target') ?? ''),
      });
  }
  const sheets = [...workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)].map((m) => ({
    name: xmlDecode(attr(m[1]!, 'name') ?? ''),
    state: attr(m[1]!, 'state') ?? 'visible',
    path: rels.get(attr(m[1]!, 'r:id') ?? '')?.target,
  }));
  const sheet = sheets.find((s) => s.state === 'visible' && s.path && entries.has(s.path));
  if (!sheet) throw new XlsxError('no visible worksheet');
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sstXml = text(byType('/sharedStrings') ?? 'xl/sharedStrings.xml');
  const shared: string[] = [];
  if (sstXml) for (const m of sstXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] ? richText(m[1]) : '');
  const dates = dateStyles(text(byType('/styles') ?? 'xl/styles.xml'));
  const entry = entries.get(sheet.path!)!;
  const consumed = { bytes: 0 };
  let lastRow: number | null = null;
  const merges: string[] = [];

  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  function parseRow(attrs: string, body: string, prevRow: number): { rowNo: number; cells: XlsxCell[] } {
    const r = attr(attrs, 'r');
    const rowNo = r ? Number(r) : prevRow + 1;
    const cells: XlsxCell[] = [];
    let col = -1;
    cellRe.lastIndex = 0;
    for (let m = cellRe.exec(body); m; m = cellRe.exec(body)) {
      const a = m[1]!;
      const ref = attr(a, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      const inner = m[2];
      if (!inner) continue;
      const t = attr(a, 't');
      let value: XlsxCell = null;
      if (t === 'inlineStr') {
        const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
        value = is ? richText(is[1]!) : '';
      } else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (v === undefined) continue;
        if (t === 's') value = shared[Number(v)] ?? '';
        else if (t === 'str' || t === 'e') value = xmlDecode(v);
        else if (t === 'b') value = v === '1';
        else if (t === 'd') value = new Date(v);
        else {
          const n = Number(v);
          const s = attr(a, 's');
          value = s !== undefined && dates.has(Number(s)) ? excelSerialToDate(n) : n;
        }
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    return { rowNo, cells };
  }

  return {
    name: sheet.name,
    async *rows() {
      let buf = '';
      let inData = false;
      let afterData = false;
      let prev = 0;
      for await (const chunk of streamEntry(data, entry, consumed)) {
        buf += chunk;
        if (!inData && !afterData) {
          const at = buf.indexOf('<sheetData');
          if (at < 0) continue;
          const dim = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(buf.slice(0, at));
          if (dim?.[1]) lastRow = Number(dim[1]);
          const open = buf.indexOf('>', at);
          if (open < 0) continue;
          if (buf[open - 1] === '/') {
            afterData = true;
            buf = buf.slice(open + 1);
          } else {
            inData = true;
            buf = buf.slice(open + 1);
          }
        }
        if (inData) {
          let pos = 0;
          // Searched once per chunk: searching per row would rescan the whole chunk each time.
          const endData = buf.indexOf('</sheetData>');
          for (;;) {
            const start = buf.indexOf('<row', pos);
            if (endData >= 0 && (start < 0 || endData < start)) {
              inData = false;
              afterData = true;
              pos = endData + 12;
              break;
            }
            if (start < 0) break;
            const tagEnd = buf.indexOf('>', start);
            if (tagEnd < 0) break;
            if (buf[tagEnd - 1] === '/') {
              prev = Number(attr(buf.slice(start + 4, tagEnd - 1), 'r') ?? prev + 1);
              pos = tagEnd + 1;
              continue;
            }
            const close = buf.indexOf('</row>', tagEnd);
            if (close < 0) break;
            const row = parseRow(buf.slice(start + 4, tagEnd), buf.slice(tagEnd + 1, close), prev);
            prev = row.rowNo;
            pos = close + 6;
            yield row;
          }
          buf = buf.slice(pos);
          if (buf.length > MAX_ROW_XML) throw new XlsxError('row too large');
        }
        if (afterData) {
          // Only the merge list matters after the data; keep the tail small.
          for (const m of buf.matchAll(/<mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) merges.push(m[1]!);
          const last = buf.lastIndexOf('<');
          buf = last >= 0 && buf.indexOf('>', last) < 0 ? buf.slice(last) : '';
        }
      }
    },
    lastRow: () => lastRow,
    merges: () => merges,
    fractionRead: () => (entry.compressedSize ? consumed.bytes / entry.compressedSize : 1),
  };
}
