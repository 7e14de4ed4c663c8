import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { ReportContent } from '../../../contracts/reports.js';
import { renderBarChart } from './reports.chart.js';
import { beijingTime, fmtShare, fmtValue, isShare, reportTitle } from './reports.format.js';

/** Body text: 仿宋 for Chinese (the convention of government documents), with a Noto fallback where it is missing. */
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface SupervisionRenderer {
  /** Word blocks of the supervision section (self-assessment, scores, rectification). */
  docx(section: unknown): FileChild[];
}

const p = (
  text: string,
  opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; keepNext?: boolean } = {},
) =>
  new Paragraph({
    alignment: opts.align,
    keepNext: opts.keepNext,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: opts.bold })],
  });

const heading = (n: number, text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text: `${CHINESE_NUMERALS[n] ?? n + 1}、${text}`, font: HEAD_FONT, size: 30 })],
  });

export function cell(text: string, opts: { header?: boolean; right?: boolean } = {}) {
  return new TableCell({
    shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.header, size: 21 })],
      }),
    ],
  });
}

/** The text width of an A4 page with the margins below, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1588 - 1474;

/**
 * A full-width table: one header row, then rows; columns whose index is in `right` are
 * right-aligned; `weights` share the page width between the columns (equal by default).
 */
export function table(header: string[], rows: string[][], right: readonly number[] = [], weights?: number[]) {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  const w = weights ?? header.map(() => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: w.map((x) => Math.floor((TEXT_WIDTH * x) / sum)),
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, { right: right.includes(i) })) })),
    ],
  });
}

function chartImage(png: Buffer) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: 280 } })],
  });
}

/** The Word report (督导评估报告) of one frozen content: title, figures, charts, cities, supervision, notes. */
export async function buildReportDocx(
  c: ReportContent,
  meta: { contentHash: string },
  supervision?: SupervisionRenderer,
): Promise<Buffer> {
  const sourced = c.indicators.filter((i) => i.value !== null);
  const unsourced = c.indicators.filter((i) => i.value === null);
  const children: FileChild[] = [];
  let n = 0;

  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: reportTitle(c), font: { ...HEAD_FONT, eastAsia: '方正小标宋简体' }, size: 40 })],
    }),
    p(`数据截至：${c.asOf}；记录时点：${beijingTime(c.knownAt)}`, { align: AlignmentType.CENTER }),
  );

  children.push(heading(n++, '主要指标完成情况'));
  children.push(
    p(
      `截至${c.asOf}，${c.scopeName}${sourced.length}项有数据来源的指标情况如下表；` +
        (unsourced.length ? `另有${unsourced.length}项指标的数据来源模块尚未上线，暂无数据。` : ''),
    ),
  );
  children.push(
    table(
      ['序号', '指标', '单位', '实际值', `${c.year}年目标`, '完成率'],
      c.indicators.map((i, k) => [
        String(k + 1),
        `${i.id} ${i.title}`,
        i.unit,
        i.value === null ? '暂无数据来源' : fmtValue(i, i.value),
        fmtValue(i, i.target),
        fmtShare(i.share),
      ]),
      [3, 4, 5],
      [0.7, 4, 0.9, 1.6, 1.5, 1.2],
    ),
  );

  const countIndicators = sourced.filter((i) => !isShare(i));
  if (c.cityCode === null && countIndicators.length > 0) {
    const lead = countIndicators[0]!;
    const citiesHaveTargets = lead.cities.some((x) => x.target !== null);
    children.push(
      p(`图1  各市${lead.title}${citiesHaveTargets ? `实际值与${c.year}年目标` : '实际值（各市目标尚未分解）'}`, {
        align: AlignmentType.CENTER,
        bold: true,
        keepNext: true,
      }),
      chartImage(
        renderBarChart({
          title: `各市${lead.title}（${lead.unit}）`,
          categories: lead.cities.map((x) => x.cityName ?? x.cityCode),
          series: [
            { name: '实际值', data: lead.cities.map((x) => x.value) },
            ...(citiesHaveTargets
              ? [{ name: `${c.year}年目标`, data: lead.cities.map((x) => x.target), kind: 'line' as const }]
              : []),
          ],
          unit: lead.unit,
        }),
      ),
    );

    children.push(heading(n++, '各市情况'));
    const anyCityTarget = countIndicators.some((i) => i.cities.some((x) => x.target !== null));
    children.push(
      p(anyCityTarget ? '各市主要指标实际值（括号内为年度目标）：' : '各市主要指标实际值（各市年度目标尚未分解）：'),
    );
    const cities = lead.cities.map((x) => ({ code: x.cityCode, name: x.cityName ?? x.cityCode }));
    children.push(
      table(
        ['城市', ...countIndicators.map((i) => i.id + ' ' + i.title)],
        cities.map((city) => [
          city.name,
          ...countIndicators.map((i) => {
            const r = i.cities.find((x) => x.cityCode === city.code);
            if (!r) return '—';
            return r.target === null ? fmtValue(i, r.value) : `${fmtValue(i, r.value)}（${fmtValue(i, r.target)}）`;
          }),
        ]),
        countIndicators.map((_, k) => k + 1),
        [1.2, ...countIndicators.map(() => 1.5)],
      ),
    );
  } else if (sourced.length > 0) {
    const withShare = sourced.filter((i) => i.share !== null);
    if (withShare.length > 0)
      children.push(
        p(`图1  ${c.scopeName}各项指标完成率`, { align: AlignmentType.CENTER, bold: true, keepNext: true }),
        chartImage(
          renderBarChart({
            title: `${c.scopeName}${c.year}年指标完成率（%）`,
            categories: withShare.map((i) => i.id),
            series: [{ name: '完成率', data: withShare.map((i) => Math.round((i.share ?? 0) * 1000) / 10) }],
            unit: '%',
          }),
        ),
      );
  }

  children.push(heading(n++, '督导评估情况'));
  if (c.supervision && supervision) children.push(...supervision.docx(c.supervision));
  else children.push(p('本年度尚无自评与评分记录。'));

  children.push(heading(n++, '说明'));
  children.push(
    p(
      '1. 本报告中的数字由匠心平台按指标定义从个人记录逐条计算，每一个数字都可在平台中追溯到其背后的人员名单；' +
        '人员信息按规定脱敏，不在本报告中出现。',
    ),
    p(
      `2. 数据截至${c.asOf}，按${beijingTime(c.knownAt)}时平台已知的记录计算。其后对证书等记录的更正不改变本报告；` +
        '以相同的截止日期与记录时点重新生成，数字与内容校验码相同。',
    ),
    p(`3. 内容校验码（SHA-256）：${meta.contentHash}`),
  );
  if (unsourced.length)
    children.push(
      p(
        `4. 暂无数据来源的指标（相关模块尚未上线，不以零计）：${unsourced.map((i) => `${i.id} ${i.title}`).join('；')}。`,
      ),
    );
  children.push(p('附件：指标明细（.xlsx），与本报告同时生成，内容校验码相同。'));

  const doc = new Document({
    creator: '匠心 Jiangxin',
    title: reportTitle(c),
    description: `content sha256 ${meta.contentHash}`,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 28 } },
        heading1: { run: { font: HEAD_FONT, size: 30, bold: false, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 21 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
