import ExcelJS from 'exceljs';
import type { Actor } from '../audit/audit.js';
import { normalizeText } from '../validation/normalize.js';
import type { AnyImportEntity } from './entity.js';
import type { Cell } from './normalize.js';

/** The first cell of the template's example row starts with this; such rows are ignored on import. */
export const EXAMPLE_MARK = '示例';
/** The column the result file adds (and that a re-uploaded result file may still carry: it is ignored). */
export const ERROR_COLUMN = '错误说明';
/** Rows of the template that get the drop-down lists. */
export const TEMPLATE_ROWS = 20_000;
export const MAX_UPLOAD_MB = 50;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** Is this data row the template's example (its first cell starts with 示例)? */
export function isExampleRow(cells: Cell[]): boolean {
  const first = cells[0];
  return typeof first === 'string' && normalizeText(first).startsWith(EXAMPLE_MARK);
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The .xlsx template of an entity: bold frozen Chinese headers, one example row (ignored on
 * import), drop-down lists from a hidden 选项 sheet, and a 填写说明 sheet with the rules.
 */
export async function buildTemplate(entity: AnyImportEntity, actor: Actor): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '匠心';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(entity.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = entity.columns.map((c) => ({
    header: c.header,
    key: String(c.key),
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    cell.fill = HEADER_FILL;
    if (entity.columns[i - 1]?.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });

  const example = ws.addRow(entity.columns.map((c, i) => (i === 0 ? `${EXAMPLE_MARK}：${c.example}` : c.example)));
  example.font = { italic: true, color: { argb: 'FF808080' } };

  const lists = wb.addWorksheet('选项', { state: 'hidden' });
  const validations = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  let listCol = 0;
  for (const [i, c] of entity.columns.entries()) {
    if (!c.options) continue;
    const options = typeof c.options === 'function' ? await c.options(actor) : c.options;
    if (!options.length) continue;
    listCol++;
    const letter = columnLetter(listCol);
    lists.getCell(`${letter}1`).value = c.header;
    options.forEach((o, j) => (lists.getCell(`${letter}${j + 2}`).value = o));
    const target = columnLetter(i + 1);
    validations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`'选项'!$${letter}$2:$${letter}$${options.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请从下拉列表中选择${c.header}`,
    });
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 26 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'note', width: 70 },
    { header: '示例', key: 'example', width: 26 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of entity.columns)
    help.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note, example: c.example });
  help.addRow([]);
  const general = [
    `第 1 行是表头，请勿修改、删除或调换列名；从第 2 行起每行填写一条${entity.title}。`,
    `第 2 行是示例（第一格以“${EXAMPLE_MARK}”开头），可以保留，导入时自动忽略；其他以“${EXAMPLE_MARK}”开头的行同样忽略。`,
    '不要合并单元格；每一行都要填写完整。',
    '日期可以写成 2023-05-01、2023/5/1、2023年5月1日，或使用 Excel 的日期格式。',
    '身份证号、手机号、统一社会信用代码请保持“文本”格式，避免 Excel 改成科学计数法。',
    `文件不超过 ${MAX_UPLOAD_MB} MB（约 30 万行）；也可以上传 CSV（UTF-8 或 GBK 编码，第一行为表头）。`,
    `上传后系统逐行校验，可下载带“${ERROR_COLUMN}”列的结果文件；修改后可直接重新上传结果文件，重复导入不会产生重复数据。`,
    ...entity.rules,
  ];
  help.addRow(['填写规则']).font = { bold: true };
  for (const line of general) help.addRow([line]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
