import { z } from 'zod';
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, CityCode } from './targets.js';

/**
 * Yearly reports (督导评估报告): a Word document and an .xlsx appendix of the province or
 * of one city, generated as a job and frozen with its as-of day, its record time and a
 * content hash. Shared by server and web.
 */

export const ReportYear = z.coerce
  .number()
  .int('年份应为整数')
  .min(PLAN_FIRST_YEAR - 1, `年份应在 ${PLAN_FIRST_YEAR - 1}–${PLAN_LAST_YEAR} 之间`)
  .max(PLAN_LAST_YEAR, `年份应在 ${PLAN_FIRST_YEAR - 1}–${PLAN_LAST_YEAR} 之间`);

export const GenerateReport = z.object({
  year: ReportYear,
  /** Absent or null: the province (province admins only). */
  cityCode: CityCode.nullable().optional(),
  /**
   * Record time: the figures as known at this moment (ISO date-time). Absent: now. Giving the
   * knownAt of an earlier report reproduces its figures and its content hash.
   */
  knownAt: z.iso.datetime({ offset: true, message: '记录时点格式应为 ISO 8601 日期时间' }).optional(),
});
export type GenerateReport = z.infer<typeof GenerateReport>;

export const ReportStatus = z.enum(['pending', 'ready', 'failed']);

export const ReportRow = z.object({
  id: z.string(),
  year: z.number().int(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  /** The day the figures stand at: the year end, or today for a year not over yet. */
  asOf: z.string(),
  /** The record time the figures were read at (bitemporal: as known then). */
  knownAt: z.string(),
  status: ReportStatus,
  jobId: z.string().nullable(),
  /** SHA-256 of the canonical figures: equal for equal figures. */
  contentHash: z.string().nullable(),
  docxSha256: z.string().nullable(),
  xlsxSha256: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportListQuery = z.object({
  year: ReportYear.optional(),
  city: CityCode.optional(),
});

export const ReportIdParam = z.object({ id: z.uuid('报告编号格式不正确') });
export const ReportFileParam = ReportIdParam.extend({ format: z.enum(['docx', 'xlsx']) });

/** One indicator's line in a report. */
export const ReportIndicator = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  kind: z.string(),
  /** null: no data source yet (never a zero). */
  value: z.number().nullable(),
  target: z.number().nullable(),
  /** value / target (null without either). */
  share: z.number().nullable(),
  cities: z.array(
    z.object({
      cityCode: z.string(),
      cityName: z.string().nullable(),
      value: z.number().nullable(),
      target: z.number().nullable(),
    }),
  ),
});

/** The canonical content of a report: what its hash covers and what its documents show. */
export const ReportContent = z.object({
  version: z.literal(1),
  year: z.number().int(),
  cityCode: z.string().nullable(),
  scopeName: z.string(),
  asOf: z.string(),
  knownAt: z.string(),
  indicators: z.array(ReportIndicator),
  /** The annual supervision of the scope (self-assessment, scores, rectification), when that module provides it. */
  supervision: z.unknown().nullable(),
});
export type ReportContent = z.infer<typeof ReportContent>;

export const ReportDetail = ReportRow.extend({ content: ReportContent.nullable() });
