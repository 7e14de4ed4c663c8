import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { JobContext, Jobs } from '../../kernel/jobs/jobs.js';
import { shanghaiDate } from '../../kernel/time.js';
import type { GenerateReport, ReportContent, ReportDetail, ReportRow } from '../../../contracts/reports.js';
import type { TargetsService } from '../targets/targets.service.js';
import * as repo from './reports.repo.js';
import { buildReportDocx, type SupervisionRenderer } from './reports.docx.js';
import { buildReportXlsx, type SupervisionSheets } from './reports.xlsx.js';
import { reportFileName } from './reports.format.js';

const PROVINCE_NAME = '山东省';

/** The supervision module's part of a report: its data (frozen into the content) and how it is shown. */
export interface SupervisionSource extends SupervisionRenderer, SupervisionSheets {
  /** The section as it stands, with anything date-dependent (overdue) judged on `asOf`. */
  reportSection(year: number, cityCode: string | null, asOf: string): Promise<unknown>;
}

export interface ReportJobData {
  reportId: string;
  actor: Actor;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** JSON with object keys sorted at every level: the same content always gives the same text (and hash). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export const contentHash = (c: ReportContent) => sha256(canonicalJson(c));

const roundShare = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Yearly reports (督导评估报告): requested by a province or city admin, made by a job from the
 * figures as known at a record time (bitemporal), frozen once ready (ADR 0009).
 */
export function createReportsService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'cities'>;
  targets: Pick<TargetsService, 'catalogue' | 'yearTargetsKnownAt' | 'computeAsOf'>;
  supervision?: SupervisionSource | null;
  jobs: Pick<Jobs, 'enqueue'> | null;
}) {
  const { db, clock } = deps;

  async function cityNames(): Promise<Map<string, string>> {
    return new Map(
      [...(await deps.reference.cities()).values()]
        .filter((c) => c.attrs.status === 'active')
        .map((c) => [c.code, c.name] as const),
    );
  }

  /** The scope an actor asks for: a province admin any city or the province (null), a city admin only their city. */
  async function scopeFor(actor: Actor, requested: string | null | undefined): Promise<string | null> {
    if (actor.roles.includes('province_admin')) {
      if (requested && !(await cityNames()).has(requested)) throw notFound('城市');
      return requested ?? null;
    }
    if (actor.roles.includes('city_admin') && actor.cityCode) {
      if (requested && requested !== actor.cityCode) throw notFound('城市');
      return actor.cityCode;
    }
    throw notFound('报告');
  }

  function reaches(actor: Actor, r: { cityCode: string | null }): boolean {
    if (actor.roles.includes('province_admin')) return true;
    return actor.roles.includes('city_admin') && actor.cityCode !== null && r.cityCode === actor.cityCode;
  }

  async function toRow(r: repo.ReportSummary, names?: Map<string, string>): Promise<ReportRow> {
    const n = names ?? (await cityNames());
    return {
      id: r.id,
      year: r.year,
      cityCode: r.cityCode,
      cityName: r.cityCode === null ? PROVINCE_NAME : (n.get(r.cityCode) ?? null),
      asOf: r.asOf,
      knownAt: r.knownAt.toISOString(),
      status: r.status,
      jobId: r.jobId,
      contentHash: r.contentHash,
      docxSha256: r.docxSha256,
      xlsxSha256: r.xlsxSha256,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
      readyAt: r.readyAt?.toISOString() ?? null,
    };
  }

  async function load(actor: Actor, id: string): Promise<repo.ReportSummary> {
    const r = await repo.get(db, id);
    if (!r || !reaches(actor, r)) throw notFound('报告');
    return r;
  }

  /** The figures of a report, read from the indicator definitions as known at the report's record time. */
  async function buildContent(actor: Actor, r: repo.ReportSummary): Promise<ReportContent> {
    const names = await cityNames();
    const catalogue = deps.targets.catalogue(actor);
    const computed = await deps.targets.computeAsOf({
      asOf: r.asOf,
      knownAt: r.knownAt.toISOString(),
      cityCode: r.cityCode,
    });
    // Targets as known at the record time too: a target changed later does not change the report.
    const targets = await deps.targets.yearTargetsKnownAt(r.year, r.knownAt);
    const indicators: ReportContent['indicators'] = [];
    for (const m of catalogue) {
      const tg = targets.get(m.id);
      const targetOf = (city: string | null) =>
        city === null ? (tg?.province ?? null) : (tg?.cities.get(city) ?? null);
      const comp = computed.indicators.find((x) => x.id === m.id);
      const cities = comp
        ? comp.cities
            .filter((c): c is { cityCode: string; value: number } => c.cityCode !== null)
            .map((c) => ({
              cityCode: c.cityCode,
              cityName: names.get(c.cityCode) ?? null,
              value: c.value,
              target: targetOf(c.cityCode),
            }))
            .sort((a, b) => a.cityCode.localeCompare(b.cityCode))
        : [];
      const value = !comp
        ? null
        : r.cityCode === null
          ? comp.province
          : (cities.find((c) => c.cityCode === r.cityCode)?.value ?? null);
      const target = targetOf(r.cityCode);
      indicators.push({
        id: m.id,
        title: m.title,
        unit: m.unit,
        kind: m.kind,
        value,
        target,
        share: value !== null && target ? roundShare(value / target) : null,
        cities,
      });
    }
    const supervision = deps.supervision
      ? ((await deps.supervision.reportSection(r.year, r.cityCode, r.asOf)) ?? null)
      : null;
    return {
      version: 1,
      year: r.year,
      cityCode: r.cityCode,
      scopeName: r.cityCode === null ? PROVINCE_NAME : (names.get(r.cityCode) ?? r.cityCode),
      asOf: r.asOf,
      knownAt: r.knownAt.toISOString(),
      indicators,
      // Through JSON once, so the hash covers exactly what is stored and shown.
      supervision: supervision === null ? null : (JSON.parse(JSON.stringify(supervision)) as unknown),
    };
  }

  const service = {
    /** Ask for a report: a pending row now (audited), the documents from a job. */
    async generate(actor: Actor, input: GenerateReport): Promise<ReportRow> {
      assertPermission(actor, 'report.generate');
      const cityCode = await scopeFor(actor, input.cityCode);
      const now = clock();
      const today = shanghaiDate(now);
      const yearEnd = `${input.year}-12-31`;
      if (`${input.year}-01-01` > today) throw invalid(`${input.year}年度尚未开始，不能生成报告`, { field: 'year' });
      let knownAt = now;
      if (input.knownAt) {
        knownAt = new Date(input.knownAt);
        if (knownAt > now) throw invalid('记录时点不能晚于现在', { field: 'knownAt' });
      }
      // The figures stand at the year end, or — for a year not over yet — at the record time's day.
      const knownDay = shanghaiDate(knownAt);
      const asOf = yearEnd <= knownDay ? yearEnd : knownDay;
      if (asOf < `${input.year}-01-01`) throw invalid('记录时点早于该年度开始，无法生成报告', { field: 'knownAt' });
      if (!deps.jobs) throw new AppError('UNAVAILABLE', '后台任务未启用，暂时不能生成报告');
      const row = await db.transaction(async (tx) => {
        const r = await repo.insert(tx, { year: input.year, cityCode, asOf, knownAt, createdBy: actor.userId });
        await audit(tx, actor, {
          action: 'report.request',
          entity: 'report',
          entityId: r.id,
          after: { year: r.year, cityCode, asOf, knownAt: knownAt.toISOString() },
        });
        return r;
      });
      try {
        const data: ReportJobData = { reportId: row.id, actor };
        const jobId = await deps.jobs.enqueue('reports.generate', actor.userId, data);
        await repo.setJob(db, row.id, jobId);
        return toRow({ ...row, jobId });
      } catch (err) {
        await repo.fail(db, row.id, '后台任务队列不可用，请稍后重试');
        throw err;
      }
    },

    async list(actor: Actor, q: { year?: number; city?: string }): Promise<ReportRow[]> {
      assertPermission(actor, 'report.read');
      const province = actor.roles.includes('province_admin');
      const cityCode = province ? q.city : await scopeFor(actor, q.city);
      const names = await cityNames();
      const rows = await repo.list(db, { year: q.year, cityCode });
      return Promise.all(rows.map((r) => toRow(r, names)));
    },

    async get(actor: Actor, id: string): Promise<z.infer<typeof ReportDetail>> {
      assertPermission(actor, 'report.read');
      const r = await load(actor, id);
      return { ...(await toRow(r)), content: (await repo.content(db, id)) as ReportContent | null };
    },

    /** A frozen document (Word report or .xlsx appendix), with a Chinese file name. */
    async file(actor: Actor, id: string, format: 'docx' | 'xlsx') {
      assertPermission(actor, 'report.read');
      const r = await load(actor, id);
      if (r.status !== 'ready')
        throw new AppError('CONFLICT', r.status === 'failed' ? '报告生成失败' : '报告尚未生成完成');
      const data = await repo.file(db, id, format);
      const content = (await repo.content(db, id)) as ReportContent;
      if (!data) throw notFound('报告文件');
      return {
        data,
        filename: `${reportFileName(content)}${format === 'xlsx' ? '附件' : ''}.${format}`,
        contentType:
          format === 'docx'
            ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sha256: format === 'docx' ? r.docxSha256 : r.xlsxSha256,
      };
    },

    /** The job body: figures → content hash → Word + .xlsx → one update that freezes the row. */
    async run(data: ReportJobData, ctx?: Pick<JobContext, 'progress'>) {
      const r = await repo.get(db, data.reportId);
      if (!r || r.status !== 'pending') return { reportId: data.reportId, skipped: true };
      try {
        await ctx?.progress(0, 3, '正在计算指标');
        const content = await buildContent(data.actor, r);
        const hash = contentHash(content);
        await ctx?.progress(1, 3, '正在生成 Word 报告');
        const docx = await buildReportDocx(content, { contentHash: hash }, deps.supervision ?? undefined);
        await ctx?.progress(2, 3, '正在生成 Excel 附件');
        const xlsx = await buildReportXlsx(content, { contentHash: hash }, deps.supervision ?? undefined);
        const files = { docx, docxSha256: sha256(docx), xlsx, xlsxSha256: sha256(xlsx) };
        await db.transaction(async (tx) => {
          if (!(await repo.complete(tx, r.id, { content, contentHash: hash, ...files })))
            throw new AppError('CONFLICT', '报告状态已变化');
          await audit(tx, data.actor, {
            action: 'report.ready',
            entity: 'report',
            entityId: r.id,
            after: { contentHash: hash, docxSha256: files.docxSha256, xlsxSha256: files.xlsxSha256 },
          });
        });
        await ctx?.progress(3, 3, '报告已生成');
        return { reportId: r.id, contentHash: hash };
      } catch (err) {
        await repo.fail(db, r.id, '报告生成失败，请稍后重新生成');
        throw err;
      }
    },
  };
  return service;
}

export type ReportsService = ReturnType<typeof createReportsService>;

export function registerReportJobs(jobs: Pick<Jobs, 'register'>, reports: ReportsService): void {
  jobs.register<ReportJobData>('reports.generate', (data, ctx) => reports.run(data, ctx));
}
