/**
 * The target grid as .xlsx (目标导出): the first sheet has the import template's columns
 * (指标编号 / 年份 / 城市 / 目标值) with one row per explicit setting, so a province admin can edit
 * it in Excel and import it again (/api/imports/indicator_targets); a second sheet shows every
 * cell with where its value comes from (已设定 / 默认 / 按轨迹 / 全省比例), for reference only.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/audit/audit.js';
import { assertPermission } from '../../kernel/auth/scope.js';
import { PROVINCE_LABEL, TARGET_IMPORT_HEADERS, type TargetSource } from '../../../contracts/targets.js';
import type { TargetsService } from './targets.service.js';
import { TARGET_SHEET } from './targets.import.js';

export const SOURCE_LABELS: Record<TargetSource, string> = {
  set: '已设定',
  default: '默认',
  trajectory: '按轨迹',
  province: '全省比例',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** A share as the import reads it back: a percentage number (85 = 85 %). */
const shown = (kind: string, v: number) => (kind === 'share' ? Math.round(v * 10_000) / 100 : v);

export async function exportTargets(
  targets: TargetsService,
  actor: Actor,
  indicatorId: string | undefined,
): Promise<{ fileName: string; ascii: string; data: Buffer }> {
  assertPermission(actor, 'target.read');
  const list = indicatorId
    ? [targets.targetIndicators().find((e) => e.id === indicatorId) ?? { id: indicatorId }]
    : targets.targetIndicators();
  const plans = [];
  for (const e of list) plans.push(await targets.plan(actor, e.id));
  const cities = new Map((await targets.activeCities()).map((c) => [c.code, c.name]));
  const own = actor.roles.includes('province_admin') ? null : actor.cityCode;

  const wb = new ExcelJS.Workbook();
  wb.creator = '匠心';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(TARGET_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TARGET_IMPORT_HEADERS.map((h, i) => ({ header: h, width: i === 2 ? 14 : 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  const settings = await targets.settings(indicatorId);
  const order = new Map(list.map((e, i) => [e.id, i]));
  const kindOf = new Map(plans.map((p) => [p.indicator.id, p.indicator.kind]));
  for (const r of settings
    .filter((r) => order.has(r.indicatorId) && (own === null || r.cityCode === null || r.cityCode === own))
    .sort(
      (a, b) =>
        order.get(a.indicatorId)! - order.get(b.indicatorId)! ||
        a.year - b.year ||
        (a.cityCode ?? '').localeCompare(b.cityCode ?? ''),
    ))
    ws.addRow([
      r.indicatorId,
      r.year,
      r.cityCode === null ? PROVINCE_LABEL : (cities.get(r.cityCode) ?? r.cityCode),
      shown(kindOf.get(r.indicatorId) ?? 'cumulative', r.value),
    ]);

  const grid = wb.addWorksheet('目标一览');
  grid.columns = [
    { header: '指标编号', width: 10 },
    { header: '指标', width: 26 },
    { header: '单位', width: 8 },
    { header: '城市', width: 12 },
    ...plans[0]!.years.flatMap((y) => [
      { header: `${y.year} 年目标`, width: 14 },
      { header: `${y.year} 年来源`, width: 10 },
    ]),
  ];
  grid.getRow(1).font = { bold: true };
  grid.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  for (const p of plans) {
    const unit = p.indicator.kind === 'share' ? '%' : p.indicator.unit;
    const cell = (c: { value: number | null; source: TargetSource | null }) => [
      c.value === null ? '' : shown(p.indicator.kind, c.value),
      c.source ? SOURCE_LABELS[c.source] : '未设目标',
    ];
    grid.addRow([p.indicator.id, p.indicator.title, unit, PROVINCE_LABEL, ...p.years.flatMap((y) => cell(y.province))]);
    for (const [i, c] of (p.years[0]?.cities ?? []).entries())
      grid.addRow([
        p.indicator.id,
        p.indicator.title,
        unit,
        c.cityName ?? c.cityCode,
        ...p.years.flatMap((y) => cell(y.cities[i]!)),
      ]);
  }

  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  for (const line of [
    `「${TARGET_SHEET}」表即导入模板的格式：每行一个已设定的目标（指标编号、年份、城市、目标值）。`,
    '修改目标值或增加行后，可在“目标设置 → 导入”中上传本文件；未出现的目标保持不变。',
    '城市填“全省”或地级市名称（济南市）或代码（370100）；比例类指标（如 T5、C1）的目标值为百分数（85 表示 85%）。',
    '「目标一览」表列出每个年份、全省及各市的目标和来源（已设定 / 默认 / 按轨迹 / 全省比例），仅供参考，导入时不读取。',
  ])
    help.addRow([line]);

  const stamp = indicatorId ?? '全部指标';
  return {
    fileName: `指标目标-${stamp}.xlsx`,
    ascii: `targets-${indicatorId ?? 'all'}.xlsx`,
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
