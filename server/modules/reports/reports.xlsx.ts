import ExcelJS from 'exceljs';
import type { ReportContent } from '../../../contracts/reports.js';
import { beijingTime, reportTitle } from './reports.format.js';

export interface SupervisionSheets {
  /** Adds the supervision sheets (self-assessment, scores, rectification) to the appendix. */
  xlsx(book: ExcelJS.Workbook, section: unknown): void;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };

function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]) {
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 14 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * The .xlsx appendix of a report: the same content as numbers (not text), so officials can
 * work with it in Excel. Sheet 说明 carries the as-of day, record time and content hash.
 */
export async function buildReportXlsx(
  c: ReportContent,
  meta: { contentHash: string },
  supervision?: SupervisionSheets,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '匠心 Jiangxin';
  // Fixed dates keep the workbook free of the generation instant (the content hash is the identity).
  book.created = new Date(c.knownAt);
  book.modified = new Date(c.knownAt);

  const about = book.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  about.addRows([
    ['报告', reportTitle(c)],
    ['范围', c.scopeName],
    ['年度', c.year],
    ['数据截至', c.asOf],
    ['记录时点', beijingTime(c.knownAt)],
    ['内容校验码', meta.contentHash],
    ['说明', '数字按指标定义从个人记录计算；以相同截止日期与记录时点重新生成，数字与校验码相同。'],
  ]);
  about.getColumn(1).font = { bold: true };

  const ind = book.addWorksheet('指标');
  header(
    ind,
    ['指标编号', '指标', '单位', '类型', '实际值', '年度目标', '完成率', '备注'],
    [10, 36, 8, 10, 14, 14, 10, 30],
  );
  for (const i of c.indicators) {
    const r = ind.addRow([
      i.id,
      i.title,
      i.unit,
      i.kind === 'share' ? '比例' : i.kind === 'yearly' ? '年度' : '累计',
      i.value,
      i.target,
      i.share,
      i.value === null ? '暂无数据来源（相关模块尚未上线）' : '',
    ]);
    r.getCell(7).numFmt = '0.0%';
  }

  const withCities = c.indicators.filter((i) => i.cities.length > 0);
  if (withCities.length > 0) {
    const ws = book.addWorksheet('各市');
    header(ws, ['城市代码', '城市', '指标编号', '指标', '实际值', '年度目标', '完成率'], [10, 10, 10, 36, 14, 14, 10]);
    for (const i of withCities)
      for (const x of i.cities) {
        const r = ws.addRow([
          x.cityCode,
          x.cityName,
          i.id,
          i.title,
          x.value,
          x.target,
          x.value !== null && x.target ? x.value / x.target : null,
        ]);
        r.getCell(7).numFmt = '0.0%';
      }
  }

  if (c.supervision && supervision) supervision.xlsx(book, c.supervision);
  return Buffer.from(await book.xlsx.writeBuffer());
}
