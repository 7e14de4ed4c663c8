import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import type { PiiCrypto } from '../crypto/pii.js';
import type { Jobs } from '../jobs/jobs.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError, notFound } from '../errors/app-error.js';
import { assertPermission } from '../auth/scope.js';
import { normalizeText } from '../validation/normalize.js';
import { formatRowError, type AnyImportEntity, type RowProblem } from './entity.js';
import { cellText, isBlank, type Cell } from './normalize.js';
import { detectFormat, ImportFileError, openSheet, parseRange, type FileFormat } from './read.js';
import { buildTemplate, ERROR_COLUMN, isExampleRow, MAX_UPLOAD_MB } from './template.js';
import { writeResult } from './result.js';
import { newBatchKey, seal, unseal, unwrapBatchKey } from './seal.js';
import type { ImportMode, ImportStatus } from './imports.schema.js';
import * as repo from './imports.repo.js';
import { serialTransaction } from './serial-tx.js';

/** Rows parsed before one round of look-ups (prefetch) and row rules. */
const CHUNK = 2000;
/** Valid rows per sealed staging chunk, and per call of the entity's commit. */
const STAGE = 5000;
/** Data rows one file may hold (memory for the duplicate check stays bounded). */
export const MAX_ROWS = 500_000;
/** Chunk commits in flight at once for an entity that allows it (pipelineCommit). */
const PIPELINE_DEPTH = 3;

export const STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: '已上传，等待校验',
  validating: '正在校验',
  validated: '校验完成，等待确认导入',
  committing: '正在导入',
  committed: '已导入',
  failed: '处理失败',
  rejected: '未导入',
};

export interface ImportBatchDto {
  id: string;
  entity: string;
  entityTitle: string;
  fileName: string;
  fileFormat: string;
  fileBytes: number;
  status: ImportStatus;
  statusLabel: string;
  mode: ImportMode | null;
  totalRows: number | null;
  validRows: number | null;
  errorRows: number | null;
  message: string | null;
  outcome: Record<string, number> | null;
  progress: { done: number; total: number | null } | null;
  resultAvailable: boolean;
  createdAt: string;
  validatedAt: string | null;
  committedAt: string | null;
  updatedAt: string;
}

export interface RowErrorDto {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportJobData {
  phase: 'validate' | 'commit';
  batchId: string;
  actor: Actor;
}

type Progress = (done: number, total?: number | null, message?: string | null) => Promise<void>;
/** What a job gives its step: the progress row (the batch points at it) and the reporter. */
interface JobLink {
  progressId?: string;
  progress: Progress;
}

const headerKey = (s: string) => normalizeText(s).replace(/[\s*＊]/g, '');

/**
 * Maps the file's header row to the entity's columns. Every template column must be present
 * (in any order), nothing unknown besides an 错误说明 column (a re-uploaded result file).
 */
export function matchHeader(
  entity: AnyImportEntity,
  cells: Cell[],
): { ok: true; columnAt: number[] } | { ok: false; message: string } {
  const expected = entity.columns.map((c) => c.header);
  const found = cells.map(cellText);
  while (found.length && !found[found.length - 1]) found.pop();
  const shown = `模板表头为：${expected.join('、')}；文件第 1 行为：${found.length ? found.map((f) => f || '（空）').join('、') : '（空）'}`;
  const columnAt = entity.columns.map(() => -1);
  const unknown: string[] = [];
  const repeated: string[] = [];
  found.forEach((text, i) => {
    if (!text || headerKey(text) === ERROR_COLUMN) return;
    const j = entity.columns.findIndex(
      (c) => headerKey(c.header) === headerKey(text) || (c.aliases ?? []).some((a) => headerKey(a) === headerKey(text)),
    );
    if (j < 0) unknown.push(text);
    else if (columnAt[j]! >= 0) repeated.push(text);
    else columnAt[j] = i;
  });
  const missing = entity.columns.filter((_, j) => columnAt[j]! < 0).map((c) => c.header);
  if (!missing.length && !unknown.length && !repeated.length) return { ok: true, columnAt };
  const parts = [
    missing.length ? `缺少${missing.map((m) => `「${m}」`).join('')}` : '',
    unknown.length ? `无法识别${unknown.map((m) => `「${m}」`).join('')}` : '',
    repeated.length ? `重复${repeated.map((m) => `「${m}」`).join('')}` : '',
  ].filter(Boolean);
  return { ok: false, message: `表头不正确：${parts.join('；')}。${shown}。请使用下载的模板` };
}

export function createImportService(deps: {
  db: Db;
  crypto: PiiCrypto;
  clock: () => Date;
  jobs: Pick<Jobs, 'enqueue'> | null;
  entities: AnyImportEntity[];
  /** Upload limit in bytes (default 50 MB). */
  maxBytes?: number;
}) {
  const { db, crypto } = deps;
  const entities = new Map(deps.entities.map((e) => [e.key, e]));
  const maxBytes = deps.maxBytes ?? MAX_UPLOAD_MB * 1024 * 1024;

  function entityOf(key: string): AnyImportEntity {
    const e = entities.get(key);
    if (!e) throw notFound('导入类型');
    return e;
  }

  function authorized(actor: Actor, key: string): AnyImportEntity {
    const e = entityOf(key);
    assertPermission(actor, e.permission);
    e.authorize(actor);
    return e;
  }

  /** A user reaches only their own batches (404 for anyone else's). */
  async function own(actor: Actor, entity: AnyImportEntity, id: string): Promise<repo.BatchWithProgress> {
    const b = await repo.getBatch(db, id);
    if (!b || b.entity !== entity.key || !actor.userId || b.ownerUserId !== actor.userId) throw notFound('导入批次');
    return b;
  }

  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  function toDto(b: repo.BatchWithProgress): ImportBatchDto {
    const status = b.status as ImportStatus;
    return {
      id: b.id,
      entity: b.entity,
      entityTitle: entities.get(b.entity)?.title ?? b.entity,
      fileName: b.fileName,
      fileFormat: b.fileFormat,
      fileBytes: b.fileBytes,
      status,
      statusLabel: STATUS_LABELS[status],
      mode: (b.mode as ImportMode | null) ?? null,
      totalRows: b.totalRows,
      validRows: b.validRows,
      errorRows: b.errorRows,
      message: b.message,
      outcome: (b.outcome as Record<string, number> | null) ?? null,
      progress: b.jobDone === null ? null : { done: b.jobDone, total: b.jobTotal },
      resultAvailable: !!b.validatedAt,
      createdAt: b.createdAt.toISOString(),
      validatedAt: iso(b.validatedAt),
      committedAt: iso(b.committedAt),
      updatedAt: b.updatedAt.toISOString(),
    };
  }

  /** The batch's key and its upload, unsealed. */
  async function batchKey(batchId: string): Promise<{ key: Buffer; data: Buffer }> {
    const file = await repo.getFile(db, batchId);
    if (!file) throw notFound('导入文件');
    const key = unwrapBatchKey(crypto, file.keyEnc);
    return { key, data: unseal(key, file.content) };
  }

  const refuse = (b: { status: string }) =>
    new AppError(
      'INVALID_TRANSITION',
      `该批次当前状态为「${STATUS_LABELS[b.status as ImportStatus] ?? b.status}」，不能提交${b.status === 'committing' || b.status === 'committed' ? '（不能重复提交）' : ''}`,
    );

  const service = {
    maxBytes,
    entities: [...entities.values()],

    async template(actor: Actor, key: string): Promise<{ fileName: string; ascii: string; data: Buffer }> {
      const e = authorized(actor, key);
      return {
        fileName: `${e.title}导入模板.xlsx`,
        ascii: `${e.key}-template.xlsx`,
        data: await buildTemplate(e, actor),
      };
    },

    /** Checks that the actor may import this entity at all (before the upload body is read). */
    assertCanImport(actor: Actor, key: string): void {
      authorized(actor, key);
    },

    /** Stores the file (sealed) and queues its validation. Cheap checks here; the rest in the job. */
    async upload(actor: Actor, key: string, file: { fileName: string; data: Buffer }): Promise<ImportBatchDto> {
      const e = authorized(actor, key);
      if (file.data.length > maxBytes)
        throw new AppError('VALIDATION', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请拆分后分别上传`);
      const format = detectFormat(file.fileName, file.data);
      if (!deps.jobs) throw new AppError('UNAVAILABLE', '后台任务未启用，暂时不能导入');
      const { key: batchKeyBytes, wrapped } = newBatchKey(crypto);
      const batch = await db.transaction(async (tx) => {
        const b = await repo.insertBatch(tx, {
          entity: e.key,
          ownerUserId: actor.userId!,
          fileName: file.fileName.slice(0, 200),
          fileFormat: format,
          fileBytes: file.data.length,
          fileSha256: createHash('sha256').update(file.data).digest('hex'),
        });
        await repo.insertFile(tx, { batchId: b.id, keyEnc: wrapped, content: seal(batchKeyBytes, file.data) });
        await audit(tx, actor, {
          action: 'import.upload',
          entity: 'import_batch',
          entityId: b.id,
          after: { entity: e.key, format, bytes: file.data.length },
        });
        return b;
      });
      try {
        const data: ImportJobData = { phase: 'validate', batchId: batch.id, actor };
        await repo.setJob(db, batch.id, await deps.jobs.enqueue(`import.${e.key}`, actor.userId, data));
      } catch (err) {
        await repo.transition(db, batch.id, ['uploaded'], {
          status: 'failed',
          message: '后台任务队列不可用，请稍后重新上传',
        });
        throw err;
      }
      return toDto((await repo.getBatch(db, batch.id))!);
    },

    async list(actor: Actor, key: string, p: { page: number; pageSize: number }) {
      const e = authorized(actor, key);
      const { items, total } = await repo.listBatches(db, {
        ownerUserId: actor.userId ?? '00000000-0000-0000-0000-000000000000',
        entity: e.key,
        limit: p.pageSize,
        offset: (p.page - 1) * p.pageSize,
      });
      return { items: items.map(toDto), total };
    },

    async get(actor: Actor, key: string, id: string): Promise<ImportBatchDto & { errors: RowErrorDto[] }> {
      const e = authorized(actor, key);
      const b = await own(actor, e, id);
      const { items } = await repo.listErrors(db, b.id, 100, 0);
      return { ...toDto(b), errors: items.map((x) => ({ row: x.rowNo, column: x.columnName, message: x.message })) };
    },

    /** The rows that failed and why, a page at a time (message as shown in the result file). */
    async errors(actor: Actor, key: string, id: string, p: { page: number; pageSize: number }) {
      const e = authorized(actor, key);
      const b = await own(actor, e, id);
      const { items, total } = await repo.listErrors(db, b.id, p.pageSize, (p.page - 1) * p.pageSize);
      return {
        items: items.map((x) => ({
          row: x.rowNo,
          column: x.columnName,
          message: formatRowError(x.rowNo, x.columnName, x.message),
        })),
        total,
      };
    },

    /** The uploaded sheet with an 错误说明 column, generated while it streams out. */
    async result(
      actor: Actor,
      key: string,
      id: string,
    ): Promise<{ fileName: string; ascii: string; stream: Readable }> {
      const e = authorized(actor, key);
      const b = await own(actor, e, id);
      if (!b.validatedAt)
        throw new AppError(
          'INVALID_TRANSITION',
          b.status === 'rejected' || b.status === 'failed'
            ? `该批次没有结果文件：${b.message ?? STATUS_LABELS[b.status as ImportStatus]}`
            : '校验完成后才能下载结果文件',
        );
      const { data } = await batchKey(b.id);
      const out = new PassThrough();
      writeResult({
        entity: e,
        sheet: openSheet(data, b.fileFormat as FileFormat),
        errors: repo.errorsInRowOrder(db, b.id),
        out,
      }).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
      const base = b.fileName.replace(/\.(xlsx|csv)$/i, '');
      return { fileName: `${base}-校验结果.xlsx`, ascii: `${e.key}-result.xlsx`, stream: out };
    },

    /**
     * The user's choice after validation. all_or_nothing with any error → rejected, nothing
     * written; otherwise the batch moves validated → committing (re-checked in the UPDATE)
     * and the commit job writes it in one transaction.
     */
    async commit(actor: Actor, key: string, id: string, mode: ImportMode): Promise<ImportBatchDto> {
      const e = authorized(actor, key);
      const b = await own(actor, e, id);
      if (b.status !== 'validated') throw refuse(b);
      const errors = b.errorRows ?? 0;
      const reason =
        mode === 'all_or_nothing' && errors > 0
          ? `有 ${errors} 行存在错误，按“全部正确才导入”方式未写入任何数据。请按结果文件修改后重新上传，或重新上传后选择“只导入正确的行”`
          : (b.validRows ?? 0) === 0
            ? '没有可以导入的正确行，未写入任何数据'
            : null;
      if (reason) {
        const rejected = await db.transaction(async (tx) => {
          const r = await repo.transition(tx, b.id, ['validated'], { status: 'rejected', mode, message: reason });
          if (r)
            await audit(tx, actor, {
              action: 'import.reject',
              entity: 'import_batch',
              entityId: b.id,
              after: { entity: e.key, mode, totalRows: b.totalRows, errorRows: errors },
            });
          return r;
        });
        if (!rejected) throw refuse((await repo.getBatch(db, b.id))!);
        return toDto((await repo.getBatch(db, b.id))!);
      }
      if (!deps.jobs) throw new AppError('UNAVAILABLE', '后台任务未启用，暂时不能导入');
      const moved = await repo.transition(db, b.id, ['validated'], { status: 'committing', mode });
      if (!moved) throw refuse((await repo.getBatch(db, b.id))!);
      try {
        const data: ImportJobData = { phase: 'commit', batchId: b.id, actor };
        await repo.setJob(db, b.id, await deps.jobs.enqueue(`import.${e.key}`, actor.userId, data));
      } catch (err) {
        await repo.transition(db, b.id, ['committing'], { status: 'validated', mode: null });
        throw err;
      }
      return toDto((await repo.getBatch(db, b.id))!);
    },

    /** Job: stream the file, check every row, stage valid rows (sealed) and record errors. */
    async runValidation(batchId: string, actor: Actor, job: JobLink) {
      const { progress } = job;
      const claimed = await repo.transition(db, batchId, ['uploaded', 'validating'], {
        status: 'validating',
        message: null,
        ...(job.progressId ? { jobId: job.progressId } : {}),
      });
      if (!claimed) return { skipped: true };
      try {
        return await validate(claimed, actor, progress);
      } catch (err) {
        await repo.transition(db, batchId, ['validating'], {
          status: 'failed',
          message: `校验时出错，请稍后重新上传或联系管理员（批次 ${batchId}）`,
        });
        throw err;
      }
    },

    /** Job: replay the staged rows through the entity's commit in ONE transaction. */
    async runCommit(batchId: string, actor: Actor, job: JobLink) {
      const { progress } = job;
      const b0 = await repo.getBatch(db, batchId);
      if (!b0 || b0.status !== 'committing') return { skipped: true };
      if (job.progressId) await repo.setJob(db, batchId, job.progressId);
      const e = entityOf(b0.entity);
      try {
        const wrapped = await repo.getFileKey(db, batchId);
        if (!wrapped) throw notFound('导入文件');
        const key = unwrapBatchKey(crypto, wrapped);
        return await serialTransaction(db, async (tx) => {
          // Commits of one entity take turns: the idempotency checks (exists?) then see each other's rows.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'import:' + e.key}))`);
          const b = await repo.transition(tx, batchId, ['committing'], {
            status: 'committed',
            committedAt: sql`now()`,
          });
          if (!b) return { skipped: true };
          const bad = await repo.errorRowNumbers(tx, batchId);
          const totals: Record<string, number> = {};
          const target = b.validRows ?? 0;
          let done = 0;
          await progress(0, target);
          // Staged chunks are committed data: read ahead on another connection while this one writes.
          const load = async (seq: number) => {
            const chunk = await repo.getChunk(db, batchId, seq);
            if (!chunk) return null;
            const staged = JSON.parse(unseal(key, chunk.content).toString('utf8')) as [number, unknown][];
            return staged.filter(([n]) => !bad.has(n)).map(([, r]) => r);
          };
          // A pipelining entity prepares the next chunks (encryption…) while earlier ones' statements run.
          const depth = e.pipelineCommit ? PIPELINE_DEPTH : 1;
          const inFlight: Promise<void>[] = [];
          let failure: unknown = null;
          // A read-ahead left behind by a failure must not become an unhandled rejection.
          const guarded = <T>(p: Promise<T>): Promise<T> => {
            p.catch(() => undefined);
            return p;
          };
          let next = guarded(load(0));
          try {
            for (let seq = 0; !failure; seq++) {
              const rows = await next;
              if (!rows) break;
              next = guarded(load(seq + 1));
              if (!rows.length) continue;
              inFlight.push(
                e
                  .commit(tx, actor, rows)
                  .then(async (counts) => {
                    for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
                    done += rows.length;
                    await progress(done, target);
                  })
                  .catch((err: unknown) => {
                    failure ??= err;
                  }),
              );
              if (inFlight.length >= depth) await inFlight.shift();
            }
          } finally {
            // Nothing may still be writing when the transaction ends (these never reject).
            await Promise.all(inFlight);
          }
          if (failure) throw failure;
          await repo.deleteChunks(tx, batchId);
          const outcome = { rows: done, ...totals };
          const skipped = b.errorRows ?? 0;
          await repo.transition(tx, batchId, ['committed'], {
            outcome,
            message: `已导入 ${done} 行${skipped ? `，跳过 ${skipped} 行有错误的数据` : ''}`,
          });
          await audit(tx, actor, {
            action: 'import.commit',
            entity: 'import_batch',
            entityId: batchId,
            after: { entity: e.key, mode: b.mode, totalRows: b.totalRows, errorRows: skipped, ...outcome },
          });
          return outcome;
        });
      } catch (err) {
        await repo.transition(db, batchId, ['committing'], {
          status: 'failed',
          message: `导入失败，没有写入任何数据。请稍后重新上传或联系管理员（批次 ${batchId}）`,
        });
        throw err;
      }
    },
  };

  async function validate(batch: repo.BatchRow, actor: Actor, progress: Progress) {
    const e = entityOf(batch.entity);
    await repo.clearStaging(db, batch.id);
    const { key, data } = await batchKey(batch.id);
    const sheet = openSheet(data, batch.fileFormat as FileFormat);
    const ctx = await e.context(actor);
    const headerOf = (column: unknown) => e.columns.find((c) => c.key === column)?.header ?? null;

    let columnAt: number[] | null = null;
    let fileError: string | null = null;
    let headerSeen = false;
    let total = 0;
    const dataRows = new Set<number>();
    const errorRows = new Set<number>();
    const seen = new Map<string, number>();
    let pending: { rowNo: number; raw: Record<string, unknown>; problems: RowProblem<Record<string, unknown>>[] }[] =
      [];
    let staged: [number, unknown][] = [];
    let errors: { rowNo: number; columnName: string | null; message: string }[] = [];
    let seq = 0;
    let reported = Date.now();

    // Staging writes go out on other connections while the next rows are read (at most 4 at once).
    const writing: Promise<void>[] = [];
    let writeFailure: unknown = null;
    const write = async (p: Promise<unknown>) => {
      writing.push(
        p.then(
          () => undefined,
          (err: unknown) => {
            writeFailure ??= err;
          },
        ),
      );
      if (writing.length >= 4) await writing.shift();
      if (writeFailure) throw writeFailure;
    };
    const settleWrites = async () => {
      await Promise.all(writing.splice(0));
      if (writeFailure) throw writeFailure;
    };
    const flushStaged = async () => {
      if (!staged.length) return;
      const content = seal(key, Buffer.from(JSON.stringify(staged), 'utf8'));
      const rows = staged.length;
      staged = [];
      await write(repo.insertChunk(db, { batchId: batch.id, seq: seq++, rows, content }));
    };
    const flushErrors = async () => {
      if (!errors.length) return;
      const list = errors;
      errors = [];
      await write(repo.insertErrors(db, batch.id, list));
    };
    const addProblems = (rowNo: number, problems: RowProblem<Record<string, unknown>>[]) => {
      errorRows.add(rowNo);
      for (const p of problems) errors.push({ rowNo, columnName: headerOf(p.column), message: p.message });
    };
    const flushPending = async () => {
      if (!pending.length) return;
      await e.prefetch?.(
        pending.map((p) => p.raw),
        ctx,
      );
      for (const p of pending) {
        const dk = e.duplicateKey.of(p.raw);
        if (dk !== null) {
          const first = seen.get(dk);
          if (first === undefined) seen.set(dk, p.rowNo);
          else p.problems.push({ column: String(e.duplicateKey.column), message: `与第 ${first} 行重复` });
        }
        if (!p.problems.length) {
          const r = e.validateRow(p.raw, ctx, actor);
          if (r.ok) {
            staged.push([p.rowNo, r.row]);
            continue;
          }
          p.problems.push(...r.problems);
        }
        addProblems(p.rowNo, p.problems);
      }
      pending = [];
      if (staged.length >= STAGE) await flushStaged();
      if (errors.length >= STAGE) await flushErrors();
    };

    try {
      for await (const row of sheet.rows()) {
        // After a file-level problem the rest is only drained (exceljs cleans up at the end).
        if (fileError) continue;
        if (!headerSeen) {
          headerSeen = true;
          const m =
            row.rowNo === 1
              ? matchHeader(e, row.cells)
              : {
                  ok: false as const,
                  message: `第 1 行应为表头（${e.columns.map((c) => c.header).join('、')}），但第 1 行是空的`,
                };
          if (m.ok) columnAt = m.columnAt;
          else fileError = m.message;
          continue;
        }
        if (row.cells.every(isBlank) || isExampleRow(row.cells)) continue;
        if (++total > MAX_ROWS) {
          fileError = `文件超过 ${MAX_ROWS.toLocaleString('en-US')} 行，请拆分成多个文件后分别上传`;
          continue;
        }
        dataRows.add(row.rowNo);
        const raw: Record<string, unknown> = {};
        const problems: RowProblem<Record<string, unknown>>[] = [];
        e.columns.forEach((c, j) => {
          const cell = row.cells[columnAt![j]!] ?? null;
          if (isBlank(cell)) {
            if (c.required) problems.push({ column: c.key, message: '必填，不能为空' });
            return;
          }
          const r = c.parse(cell, ctx);
          if (r.ok) raw[c.key] = r.value;
          else problems.push({ column: c.key, message: r.error });
        });
        pending.push({ rowNo: row.rowNo, raw, problems });
        if (pending.length >= CHUNK) await flushPending();
        if (Date.now() - reported > 500) {
          reported = Date.now();
          await progress(total, sheet.estimateTotal(total));
        }
      }
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      fileError = err.message;
    }
    if (!fileError && !headerSeen) fileError = '文件中没有内容：第 1 行应为表头，从第 2 行起为数据';
    if (!fileError && total === 0) fileError = '文件中没有数据行（示例行不计），请从第 2 行起填写';
    if (!fileError) {
      await flushPending();
      // Merged cells: exceljs' stream reader leaves all but the first cell empty, so each row of a range is refused.
      for (const ref of sheet.merges()) {
        const m = parseRange(ref);
        if (m.r1 === 1) {
          fileError = `表头有合并单元格（${ref}），请取消合并后重新上传`;
          break;
        }
        const j = columnAt!.findIndex((at) => at + 1 >= m.c1 && at + 1 <= m.c2);
        for (let r = m.r1; r <= m.r2; r++)
          if (dataRows.has(r))
            addProblems(r, [
              {
                column: j >= 0 ? e.columns[j]!.key : null,
                message: `合并单元格（${ref}），请取消合并并在每一行填写完整`,
              },
            ]);
      }
    }
    if (fileError) {
      await settleWrites().catch(() => undefined);
      await repo.clearStaging(db, batch.id);
      // Progress first: whoever sees the final status also sees the final progress.
      await progress(total, total);
      await repo.transition(db, batch.id, ['validating'], { status: 'rejected', message: fileError });
      return { rejected: fileError };
    }
    await flushStaged();
    await flushErrors();
    await settleWrites();
    const counts = { totalRows: total, validRows: total - errorRows.size, errorRows: errorRows.size };
    await progress(total, total);
    await repo.transition(db, batch.id, ['validating'], {
      status: 'validated',
      ...counts,
      message: counts.errorRows
        ? `共 ${total} 行，${counts.errorRows} 行有错误，请下载结果文件查看`
        : `共 ${total} 行，全部校验通过`,
      validatedAt: sql`now()`,
    });
    return counts;
  }

  return service;
}

export type ImportService = ReturnType<typeof createImportService>;

/** Each entity's queue (import.<key>) runs its validation and commit jobs. */
export function registerImportJobs(jobs: Pick<Jobs, 'register'>, imports: ImportService): void {
  for (const e of imports.entities)
    jobs.register<ImportJobData>(`import.${e.key}`, (data, ctx) =>
      data.phase === 'validate'
        ? imports.runValidation(data.batchId, data.actor, ctx)
        : imports.runCommit(data.batchId, data.actor, ctx),
    );
}
