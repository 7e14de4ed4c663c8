import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppServices } from '../app.js';
import { createPiiCrypto } from '../kernel/crypto/pii.js';
import type { SmsSender } from '../kernel/auth/sms.js';
import { freshDatabase } from './db.js';
import { createJobs } from '../kernel/jobs/jobs.js';

/** Fake SMS gateway typed against the real interface: remembers what it "sent". */
export function fakeSms() {
  const sent: { phone: string; text: string }[] = [];
  const sender: SmsSender = {
    async send(phone, text) {
      sent.push({ phone, text });
    },
  };
  return {
    sender,
    sent,
    lastCode: (phone: string) => /(\d{6})/.exec(sent.filter((s) => s.phone === phone).at(-1)?.text ?? '')?.[1],
  };
}

/** A controllable clock: tests move time forward (idle sessions, lockouts, deadlines). */
export function fakeClock(start = new Date('2026-11-30T02:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

export async function testApp(opts: { extraRoutes?: (app: FastifyInstance, s: AppServices) => Promise<void> } = {}) {
  const database = await freshDatabase();
  const sms = fakeSms();
  const clock = fakeClock();
  const crypto = createPiiCrypto({ dataKey: randomBytes(32), indexKey: randomBytes(32) });
  const app = await buildApp({
    db: database.db,
    crypto,
    sms: sms.sender,
    clock: clock.now,
    // The queue is not started here (tests that run jobs start their own); its read side is served.
    jobs: createJobs({ db: database.db, connectionString: database.url }),
    logLevel: 'silent',
    rateLimit: { max: 100_000, auth: 100_000 },
    extraRoutes: opts.extraRoutes,
  });
  await app.ready();
  return { app, database, sms, clock, crypto, services: app.services };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;
