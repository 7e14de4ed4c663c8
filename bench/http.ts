/**
 * The shared harness of the HTTP benchmarks: the app on a seeded database (DATA_DIR), served on
 * a free port, demo logins, and p50/p95/max of a path under concurrent clients.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/kernel/config/config.js';
import { startDatabase } from '../server/kernel/db/start.js';
import { buildApp } from '../server/app.js';
import { createLogSmsSender } from '../server/kernel/auth/sms.js';
import { freePort } from '../server/kernel/db/embedded.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';

export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
export const CONCURRENCY = 8;

export async function startBenchApp() {
  const db = await startDatabase(loadConfig());
  const app = await buildApp({
    db: db.db,
    crypto: db.crypto,
    sms: createLogSmsSender(() => {}),
    logLevel: 'silent',
    rateLimit: { max: 1_000_000, auth: 1_000_000 },
  });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;

  async function loginCookie(username: string): Promise<string> {
    const r = await fetch(base + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} (seed with --accounts)`);
    return r.headers.get('set-cookie')!.split(';')[0]!;
  }

  /** n requests of a path by CONCURRENCY clients: p50, p95 and max in ms (a non-200 answer fails the run). */
  async function measure(path: string, cookie?: string, n = REQUESTS) {
    const times: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        const t0 = performance.now();
        const r = await fetch(base + path, { headers: cookie ? { cookie } : {} });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        times.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    return { p50: q(0.5), p95: q(0.95), max: times[times.length - 1]! };
  }

  return { db, app, base, loginCookie, measure };
}
