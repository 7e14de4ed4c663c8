/**
 * Reading an uploaded sheet row by row without holding it in memory: .xlsx through the
 * streaming reader in ./xlsx.ts, .csv through csv-parse (UTF-8 with or without BOM, else GBK).
 */
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../errors/app-error.js';
import type { Cell } from './normalize.js';
import { openWorkbook, XlsxError, type XlsxSheet } from './xlsx.js';

export type FileFormat = 'xlsx' | 'csv';

/** A problem with the file as a whole (its message is Chinese and shown to the user). */
export class ImportFileError extends Error {}

export interface SheetRow {
  /** As the user sees it: the Excel row number, or the CSV record number (header = 1). */
  rowNo: number;
  /** cells[0] is column A. */
  cells: Cell[];
}

export interface SheetReader {
  rows(): AsyncGenerator<SheetRow>;
  /** Rows in the sheet (header excluded) as far as known: the sheet's dimension, else extrapolated from bytes read. */
  estimateTotal(rowsSoFar: number): number | null;
  /** Merged ranges (A1 notation), known once `rows()` has finished. */
  merges(): string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The format of an upload from its name and first bytes; throws VALIDATION with a Chinese message. */
export function detectFormat(fileName: string, data: Buffer): FileFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext !== 'xlsx' && ext !== 'csv' && ext !== 'xls')
    throw new AppError('VALIDATION', `只支持 .xlsx 或 .csv 文件，「${fileName}」不是`);
  if (data.length === 0) throw new AppError('VALIDATION', '文件为空，请选择填写好的文件');
  const isOle2 = data.subarray(0, 8).equals(OLE2_MAGIC);
  const isZip = data.subarray(0, 4).equals(ZIP_MAGIC);
  if (ext === 'xls' || (ext === 'xlsx' && isOle2))
    throw new AppError(
      'VALIDATION',
      '文件是旧版 Excel（.xls）格式或已设置密码，请在 Excel 中“另存为”不加密的 .xlsx 文件后上传',
    );
  if (ext === 'xlsx' && !isZip)
    throw new AppError('VALIDATION', '文件扩展名是 .xlsx，但内容不是 Excel 文件，请用 Excel 另存为 .xlsx 后上传');
  if (ext === 'csv' && (isZip || isOle2))
    throw new AppError('VALIDATION', '文件扩展名是 .csv，但内容是 Excel 文件，请另存为 CSV 或直接上传 .xlsx');
  return ext;
}

/** Text of CSV bytes: valid UTF-8 (BOM or not) is UTF-8; anything else is read as GBK (GB 18030, its superset). */
export function csvEncoding(data: Buffer): 'utf-8' | 'gb18030' {
  return isUtf8(data) ? 'utf-8' : 'gb18030';
}

/** The buffer as a stream of 64 KiB chunks, counting what has been consumed. */
function chunked(data: Buffer, progress: { bytes: number }): Readable {
  const size = 64 * 1024;
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) {
        progress.bytes = Math.min(data.length, i + size);
        yield data.subarray(i, i + size);
      }
    })(),
    { objectMode: false },
  );
}

export function openSheet(data: Buffer, format: FileFormat): SheetReader {
  return format === 'xlsx' ? openXlsx(data) : openCsv(data);
}

// ---------------------------------------------------------------------------------------------
// .xlsx

const UNREADABLE = '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式，请用 Excel 打开后另存为 .xlsx 再上传';

function openXlsx(data: Buffer): SheetReader {
  let sheet: XlsxSheet | null = null;
  return {
    async *rows() {
      try {
        sheet = openWorkbook(data);
      } catch (e) {
        throw new ImportFileError(
          e instanceof XlsxError && /worksheet|workbook/.test(e.message)
            ? '文件中没有可读取的工作表，不是有效的 Excel（.xlsx）文件'
            : UNREADABLE,
        );
      }
      try {
        for await (const row of sheet.rows()) yield row;
      } catch (e) {
        if (e instanceof ImportFileError) throw e;
        throw new ImportFileError(UNREADABLE);
      }
    },
    estimateTotal(rowsSoFar) {
      if (!sheet) return null;
      const last = sheet.lastRow();
      if (last) return Math.max(last - 1, rowsSoFar);
      const f = sheet.fractionRead();
      return f > 0 ? Math.max(rowsSoFar, Math.round(rowsSoFar / f)) : null;
    },
    merges: () => sheet?.merges() ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// .csv

function openCsv(data: Buffer): SheetReader {
  const consumed = { bytes: 0 };
  return {
    async *rows() {
      const encoding = csvEncoding(data);
      const source = chunked(data, consumed);
      const text = encoding === 'utf-8' ? source : source.pipe(iconv.decodeStream('gb18030'));
      const parser = text.pipe(
        parseCsv({
          bom: true,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: false,
          max_record_size: 1024 * 1024,
        }),
      );
      let rowNo = 0;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          rowNo++;
          yield { rowNo, cells: record.map((v) => (v === '' ? null : v)) };
        }
      } catch (e) {
        if (e instanceof ImportFileError) throw e;
        throw new ImportFileError(`CSV 文件格式错误（第 ${rowNo + 1} 行附近），请用 Excel 另存为 CSV 或 .xlsx 后上传`);
      }
    },
    estimateTotal(rowsSoFar) {
      if (!consumed.bytes) return null;
      return Math.max(rowsSoFar, Math.round((rowsSoFar * data.length) / consumed.bytes) - 1);
    },
    merges: () => [],
  };
}

// ---------------------------------------------------------------------------------------------

/** Column letters ↔ numbers (A = 1). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A merged range 'G3:H5' as rows and columns. */
export function parseRange(ref: string): { ref: string; r1: number; r2: number; c1: number; c2: number } {
  const [a, b = a] = ref.split(':') as [string, string?];
  const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
  const pb = /^([A-Z]+)(\d+)$/.exec(b!)!;
  return { ref, r1: Number(pa[2]), r2: Number(pb[2]), c1: columnNumber(pa[1]!), c2: columnNumber(pb[1]!) };
}
