import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatRowError, type AnyImportEntity } from './entity.js';
import { cellText, type Cell } from './normalize.js';
import type { SheetReader } from './read.js';
import { ERROR_COLUMN } from './template.js';

/**
 * The result file: the uploaded sheet row for row (same row numbers), with an 错误说明 column
 * naming each problem (第 12 行「身份证号」：…). Streamed: the upload is read again and the
 * errors are merged in row order, so a 300,000-row result never sits in memory.
 */
export async function writeResult(opts: {
  entity: AnyImportEntity;
  sheet: SheetReader;
  errors: AsyncIterable<{ rowNo: number; columnName: string | null; message: string }>;
  out: Writable;
}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: opts.out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(opts.entity.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const errors = opts.errors[Symbol.asyncIterator]();
  let next = await errors.next();
  let oldErrorColumn = -1;
  let width = 0;
  for await (const row of opts.sheet.rows()) {
    let cells: Cell[] = row.cells;
    if (row.rowNo === 1) oldErrorColumn = cells.findIndex((c) => cellText(c) === ERROR_COLUMN);
    if (oldErrorColumn >= 0) cells = cells.filter((_, i) => i !== oldErrorColumn);
    if (row.rowNo === 1) {
      width = cells.length;
      while (width > 0 && cellText(cells[width - 1] ?? null) === '') width--;
    }
    const texts: string[] = [];
    while (!next.done && next.value.rowNo < row.rowNo) next = await errors.next();
    while (!next.done && next.value.rowNo === row.rowNo) {
      texts.push(formatRowError(next.value.rowNo, next.value.columnName, next.value.message));
      next = await errors.next();
    }
    const values: Cell[] = Array.from({ length: width }, (_, i) => cells[i] ?? null);
    const out = ws.getRow(row.rowNo);
    out.values = [...values, row.rowNo === 1 ? ERROR_COLUMN : texts.join('；') || null];
    values.forEach((v, i) => {
      if (v instanceof Date) out.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
    if (row.rowNo === 1) out.font = { bold: true };
    else if (texts.length) out.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
    out.commit();
  }
  ws.commit();
  await wb.commit();
}
