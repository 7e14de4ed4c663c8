/**
 * npm run seed -- --scale small|province [--accounts]
 * Loads the deterministic demo province into the configured database (embedded by default).
 * Refuses a database that already has persons, so nothing is loaded twice.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../kernel/config/config.js';
import { startDatabase } from '../kernel/db/start.js';
import { buildApp } from '../app.js';
import { createLogSmsSender } from '../kernel/auth/sms.js';
import { seedDemo, SCALES, type Scale } from '../seed/demo.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'small' }, accounts: { type: 'boolean', default: false } },
});
const scale = values.scale as Scale;
if (!(scale in SCALES)) {
  console.error(`--scale must be one of: ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const config = loadConfig();
const db = await startDatabase(config, console.log);
try {
  const app = await buildApp({
    db: db.db,
    crypto: db.crypto,
    sms: createLogSmsSender(console.log),
    logLevel: 'silent',
  });
  await app.services.reference.seedIfEmpty();
  const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from person');
  if (rows[0]!.n > 0) {
    console.error(
      `the database already holds ${rows[0]!.n} persons: seed a fresh database (e.g. DATA_DIR=./data-${scale})`,
    );
    process.exitCode = 1;
  } else {
    const t0 = Date.now();
    const r = await seedDemo(db.db, app.services, {
      scale,
      withAccounts: db.embedded && values.accounts !== false,
      log: console.log,
    });
    console.log(
      `seeded ${scale}: ${r.organisations} organisations, ${r.persons} persons in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  await app.close();
} finally {
  await db.shutdown();
}
