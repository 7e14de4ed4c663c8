import { Paragraph, TextRun, type FileChild } from 'docx';
import type ExcelJS from 'exceljs';
import type { SupervisionSection } from '../../../contracts/supervision.js';
import { table } from './reports.docx.js';
import type { SupervisionSource } from './reports.service.js';

const para = (text: string, bold = false) =>
  new Paragraph({ spacing: { after: 120, line: 360 }, children: [new TextRun({ text, bold })] });

/** Multi-line text as paragraphs, first-line indented the way Chinese documents are. */
const body = (text: string | null, empty = '（未填写）') =>
  (text?.trim() ? text.trim().split(/\r?\n+/) : [empty]).map(
    (line) =>
      new Paragraph({ spacing: { after: 80, line: 360 }, indent: { firstLine: 560 }, children: [new TextRun(line)] }),
  );

const score = (c: SupervisionSection['cities'][number]) => (c.score ? `${c.score.total} / ${c.score.maxTotal}` : '—');
const beijingDay = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '—';

function docx(raw: unknown): FileChild[] {
  const s = raw as SupervisionSection;
  const out: FileChild[] = [];
  const m = s.summary;
  const rects = s.cities.flatMap((c) => c.rectifications.map((r) => ({ city: c.cityName, ...r })));
  if (s.cityCode === null) {
    out.push(
      para(
        `全省${m.cities}个市中，已提交自评${m.submitted}个，已评分${m.scored}个` +
          (m.averageTotal === null ? '' : `，平均得分${m.averageTotal}分`) +
          `；整改事项共${m.rectifications}项，已销号${m.closed}项，未销号${m.open}项` +
          (m.overdue ? `，其中逾期${m.overdue}项` : '') +
          `（逾期按${s.asOf}判断）。`,
      ),
      table(
        ['城市', '自评状态', '提交日期', '评分', '整改事项（已销号/共）', '逾期'],
        s.cities.map((c) => [
          c.cityName,
          c.selfAssessment.statusLabel,
          beijingDay(c.selfAssessment.submittedAt),
          score(c),
          `${c.rectifications.filter((r) => r.status === 'closed').length} / ${c.rectifications.length}`,
          String(c.rectifications.filter((r) => r.overdue).length),
        ]),
        [3, 4, 5],
        [1.2, 1.2, 1.3, 1.1, 1.6, 0.7],
      ),
    );
  } else {
    const c = s.cities[0];
    if (!c) return [para('本市尚无自评记录。')];
    const a = c.selfAssessment;
    out.push(para(`自评状态：${a.statusLabel}${a.submittedAt ? `（${beijingDay(a.submittedAt)}提交）` : ''}`));
    out.push(para('（一）重点工作推进情况', true), ...body(a.keyWork));
    out.push(para('（二）政策落实情况', true), ...body(a.policyImplementation));
    out.push(para('（三）存在问题及下一步打算', true), ...body(a.problemsAndPlans));
    out.push(para(`佐证材料：${a.evidenceFiles.length ? a.evidenceFiles.map((f) => f.fileName).join('；') : '无'}`));
    if (c.score) {
      out.push(
        para(`（四）省级评分：${c.score.total}分（满分${c.score.maxTotal}分）`, true),
        table(
          ['评分项', '分值', '得分'],
          c.score.items.map((i) => [i.title, String(i.maxPoints), String(i.score)]),
          [1, 2],
          [4, 1, 1],
        ),
      );
      if (c.score.comment) out.push(para('评语：', true), ...body(c.score.comment));
    } else out.push(para('（四）省级评分：尚未评分'));
  }
  out.push(para(rects.length ? '整改事项：' : '整改事项：无', true));
  if (rects.length)
    out.push(
      table(
        ['城市', '整改事项', '整改期限', '状态', '整改情况'],
        rects.map((r) => [
          r.city,
          r.description,
          r.deadline,
          r.overdue ? `${r.statusLabel}（逾期）` : r.statusLabel,
          r.reportText ?? '—',
        ]),
        [],
        [1, 3, 1.2, 1.2, 3],
      ),
    );
  return out;
}

function xlsx(book: ExcelJS.Workbook, raw: unknown): void {
  const s = raw as SupervisionSection;
  const ws = book.addWorksheet('督导评估');
  const items = s.rubric;
  ws.columns = [
    { header: '城市代码', width: 10 },
    { header: '城市', width: 10 },
    { header: '自评状态', width: 12 },
    { header: '提交日期', width: 12 },
    ...items.map((i) => ({ header: `${i.title}（${i.maxPoints}分）`, width: 14 })),
    { header: '总分', width: 8 },
    { header: '满分', width: 8 },
    { header: '评语', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of s.cities)
    ws.addRow([
      c.cityCode,
      c.cityName,
      c.selfAssessment.statusLabel,
      beijingDay(c.selfAssessment.submittedAt),
      ...items.map((i) => c.score?.items.find((x) => x.key === i.key)?.score ?? null),
      c.score?.total ?? null,
      c.score?.maxTotal ?? null,
      c.score?.comment ?? null,
    ]);
  const rs = book.addWorksheet('整改事项');
  rs.columns = [
    { header: '城市代码', width: 10 },
    { header: '城市', width: 10 },
    { header: '整改事项', width: 40 },
    { header: '整改期限', width: 12 },
    { header: '状态', width: 10 },
    { header: '逾期', width: 6 },
    { header: '整改情况', width: 40 },
    { header: '销号日期', width: 12 },
  ];
  rs.getRow(1).font = { bold: true };
  for (const c of s.cities)
    for (const r of c.rectifications)
      rs.addRow([
        c.cityCode,
        c.cityName,
        r.description,
        r.deadline,
        r.statusLabel,
        r.overdue ? '是' : '否',
        r.reportText,
        r.closedAt ? beijingDay(r.closedAt) : null,
      ]);
}

/**
 * The supervision module as a source of the report: its section (overdue judged on the report's
 * as-of day, so a regeneration gives the same section) and how the section is shown.
 */
export function supervisionForReports(supervision: {
  reportSection(year: number, cityCode: string | null, opts?: { asOf?: string }): Promise<SupervisionSection>;
}): SupervisionSource {
  return {
    reportSection: (year, cityCode, asOf) => supervision.reportSection(year, cityCode, { asOf }),
    docx,
    xlsx,
  };
}
