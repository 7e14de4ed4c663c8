import { PgBoss } from 'pg-boss';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import type { Actor } from '../audit/audit.js';
import { jobProgress } from './jobs.schema.js';
import { assertPermission } from '../auth/scope.js';
import { notFound } from '../errors/app-error.js';

/**
 * Background jobs on pg-boss (imports, reports, matching, rollups). pg-boss owns the queue;
 * `job_progress` is what a user watches: done / total / message / result.
 */
export interface JobContext {
  progressId: string;
  progress(done: number, total?: number | null, message?: string | null): Promise<void>;
}
export type JobHandler<D> = (data: D, ctx: JobContext) => Promise<unknown>;

export interface JobDto {
  id: string;
  kind: string;
  status: string;
  done: number;
  total: number | null;
  message: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

export function createJobs(deps: { db: Db; connectionString: string; log?: (m: string, e?: unknown) => void }) {
  const { db } = deps;
  const boss = new PgBoss({ connectionString: deps.connectionString, schema: 'pgboss', max: 4 });
  boss.on('error', (e) => deps.log?.('pg-boss error', e));
  const handlers = new Map<string, JobHandler<unknown>>();
  const schedules: { kind: string; cron: string }[] = [];
  let started = false;

  async function setProgress(id: string, patch: Partial<typeof jobProgress.$inferInsert>) {
    await db
      .update(jobProgress)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(jobProgress.id, id));
  }

  const toDto = (r: typeof jobProgress.$inferSelect): JobDto => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    done: r.done,
    total: r.total,
    message: r.message,
    result: r.result,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });

  return {
    /** Modules register their handlers before `start`. */
    register<D>(kind: string, handler: JobHandler<D>) {
      handlers.set(kind, handler as JobHandler<unknown>);
    },

    async start() {
      await boss.start();
      for (const [kind, handler] of handlers) {
        await boss.createQueue(kind);
        await boss.work<{ progressId: string | null; data: unknown }>(
          kind,
          { pollingIntervalSeconds: 0.5 },
          async (jobs) => {
            for (const job of jobs) {
              // Scheduled runs carry no progress row: make one so they are visible like any job.
              const progressId =
                job.data.progressId ?? (await db.insert(jobProgress).values({ kind }).returning())[0]!.id;
              const data = job.data.data;
              await setProgress(progressId, { status: 'running' });
              try {
                const result = await handler(data, {
                  progressId,
                  progress: (done, total, message) =>
                    setProgress(progressId, {
                      done,
                      ...(total === undefined ? {} : { total }),
                      ...(message === undefined ? {} : { message }),
                    }),
                });
                await setProgress(progressId, { status: 'done', result: (result ?? null) as object });
              } catch (e) {
                deps.log?.(`job ${kind} failed`, e);
                await setProgress(progressId, {
                  status: 'failed',
                  message: '任务执行失败，请联系管理员（' + progressId + '）',
                });
              }
            }
          },
        );
      }
      for (const sch of schedules)
        await boss.schedule(sch.kind, sch.cron, { progressId: null, data: null }, { tz: 'Asia/Shanghai' });
      started = true;
    },

    /** A registered job run on a cron schedule (Asia/Shanghai), e.g. the nightly refreshes. */
    schedule(kind: string, cron: string) {
      schedules.push({ kind, cron });
    },

    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5000 });
      started = false;
    },

    /** Queue a job; the returned id is what the user polls. */
    async enqueue(kind: string, ownerUserId: string | null, data: unknown): Promise<string> {
      const [row] = await db.insert(jobProgress).values({ kind, ownerUserId }).returning();
      await boss.send(kind, { progressId: row!.id, data });
      return row!.id;
    },

    /** A user sees the jobs they started, and no one else's (scope: self). */
    async get(actor: Actor, id: string): Promise<JobDto> {
      assertPermission(actor, 'job.read');
      const [row] = await db.select().from(jobProgress).where(eq(jobProgress.id, id));
      if (!row || !actor.userId || row.ownerUserId !== actor.userId) throw notFound('任务');
      return toDto(row);
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
