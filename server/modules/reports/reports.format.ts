import type { ReportContent } from '../../../contracts/reports.js';

/** Number and time formatting shared by the Word report and its .xlsx appendix (Chinese conventions). */
export const isShare = (i: { kind: string }) => i.kind === 'share';

export function fmtValue(i: { kind: string; unit: string }, v: number | null): string {
  if (v === null) return '—';
  // Shares are fractions (0.85 = 85 %).
  if (isShare(i)) return `${round(v * 100, 1)}%`;
  return Number.isInteger(v) ? v.toLocaleString('zh-CN') : round(v, 2).toLocaleString('zh-CN');
}

export function fmtShare(s: number | null): string {
  return s === null ? '—' : `${round(s * 100, 1)}%`;
}

export const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** An instant as Beijing time, e.g. 2027-01-10 09:30:00（北京时间）. */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}（北京时间）`;
}

export function reportTitle(c: Pick<ReportContent, 'scopeName' | 'year'>): string {
  return `${c.scopeName}${c.year}年度中小企业数字化人才培养督导评估报告`;
}

/** The file name (without extension) offered for download. */
export function reportFileName(c: Pick<ReportContent, 'scopeName' | 'year' | 'asOf'>): string {
  return `${c.scopeName}${c.year}年度督导评估报告（截至${c.asOf}）`;
}
