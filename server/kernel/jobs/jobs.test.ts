import { describe, expect, it, afterAll } from 'vitest';
import { testApp } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { createJobs } from './jobs.js';

describe('jobs', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stops) await s();
  });

  it('runs a job on pg-boss and reports progress its owner can watch', async () => {
    const t = await testApp();
    const jobs = createJobs({ db: t.database.db, connectionString: t.database.url });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    jobs.register<{ n: number }>('test.count', async (data, ctx) => {
      await ctx.progress(1, data.n, '进行中');
      await gate;
      await ctx.progress(data.n, data.n, '完成');
      return { counted: data.n };
    });
    await jobs.start();
    stops.push(() => jobs.stop());
    const owner = await buildUser(t, { roles: ['province_admin'] });
    const other = await buildUser(t, { roles: ['province_admin'] });
    const id = await jobs.enqueue('test.count', owner.id, { n: 3 });

    const actor = {
      ...(await t.services.auth.resolve(owner.cookie.split('=')[1]))!.actorBase,
      ip: null,
      requestId: 'r',
    };
    const waitFor = async (pred: (s: Awaited<ReturnType<typeof jobs.get>>) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const s = await jobs.get(actor, id);
        if (pred(s)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('job did not progress');
    };
    const running = await waitFor((s) => s.status === 'running' && s.done === 1);
    expect(running).toMatchObject({ total: 3, message: '进行中' });
    release();
    const done = await waitFor((s) => s.status === 'done');
    expect(done).toMatchObject({ done: 3, total: 3, result: { counted: 3 } });

    // Someone else, even a province admin, does not see it.
    const otherActor = {
      ...(await t.services.auth.resolve(other.cookie.split('=')[1]))!.actorBase,
      ip: null,
      requestId: 'r',
    };
    await expect(jobs.get(otherActor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
