/**
 * npm run bench:targets — the targets dashboards and the rollup refresh on a seeded province.
 *
 *   DATA_DIR=./data-province npm run seed -- --scale province --accounts
 *   DATA_DIR=./data-province npm run bench:targets
 *
 * 1. Refreshes the rollups (what the nightly job does) and prints the time.
 * 2. Drives every dashboard endpoint over real HTTP with 8 concurrent clients: p50/p95 and the
 *    ratio against GET /api/health in the same run; the target is p95 ≤ 200 ms.
 * 3. Issues 1,000 new digital-skills certificates (bulk, with their persons' categories updated
 *    in the same transaction, as every write does), refreshes the rollups again and prints the
 *    time and the change of T1; then removes the certificates and restores the rollups.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { systemActor } from '../server/kernel/audit/audit.js';
import { CONCURRENCY, REQUESTS, startBenchApp } from './http.js';

const P95_TARGET_MS = 200;
const { db, app, loginCookie, measure } = await startBenchApp();
const count = async (q: string) => (await db.pool.query<{ n: number }>(q)).rows[0]!.n;
const persons = await count('select count(*)::int as n from person');
const credentials = await count('select count(*)::int as n from credential where superseded_at is null');
console.log(`database: ${persons.toLocaleString()} persons, ${credentials.toLocaleString()} credentials`);
if (persons === 0) console.log('(empty: seed first, see the header of this file)');

const { targets, credentials: creds, registry } = app.services;
let t0 = performance.now();
const first = await targets.refreshRollups();
console.log(
  `rollup refresh (all sourced indicators, periods ${first.periods.join(', ')}): ${((performance.now() - t0) / 1000).toFixed(2)} s, ${first.rows} rows`,
);

const province = await loginCookie('province');
const jinan = await loginCookie('jinan');
await measure('/api/health', undefined, 100); // warm-up
const baseline = await measure('/api/health');
const cases: [string, string, string | undefined][] = [
  ['GET /api/health (baseline)', '/api/health', undefined],
  ['GET /api/targets/indicators', '/api/targets/indicators', province],
  ['GET /api/targets/dashboard (province)', '/api/targets/dashboard', province],
  ['GET /api/targets/dashboard?city (province)', '/api/targets/dashboard?city=370200', province],
  ['GET /api/targets/dashboard (city admin)', '/api/targets/dashboard', jinan],
  ['GET /api/targets/dashboard?year=2030', '/api/targets/dashboard?year=2030', province],
  ['GET /api/targets/cities?indicator=T1', '/api/targets/cities?indicator=T1', province],
  ['GET /api/targets/cities?indicator=T4', '/api/targets/cities?indicator=T4', province],
  ['GET /api/targets/cities (city admin)', '/api/targets/cities?indicator=T1', jinan],
  ['GET /api/targets/T1/targets', '/api/targets/T1/targets', province],
  ['GET /api/targets/T1/persons (drill-down)', '/api/targets/T1/persons?page=1&pageSize=20', province],
  ['GET /api/targets/T2/persons?city (drill-down)', '/api/targets/T2/persons?city=370100&page=1&pageSize=20', province],
  ['GET /api/targets/T1/persons (city admin)', '/api/targets/T1/persons?page=1&pageSize=20', jinan],
];
console.log(`\n${REQUESTS} requests each, ${CONCURRENCY} concurrent clients; target p95 ≤ ${P95_TARGET_MS} ms`);
console.log(
  'endpoint'.padEnd(48) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + 'max ms'.padStart(9) + '  p95/baseline',
);
let worst = 0;
for (const [name, path, cookie] of cases) {
  const r = name.includes('baseline') ? baseline : await measure(path, cookie);
  if (!name.includes('baseline')) worst = Math.max(worst, r.p95);
  console.log(
    name.padEnd(48) +
      r.p50.toFixed(1).padStart(9) +
      r.p95.toFixed(1).padStart(9) +
      r.max.toFixed(1).padStart(9) +
      `  ${(r.p95 / baseline.p95).toFixed(1)}×` +
      (!name.includes('baseline') && r.p95 > P95_TARGET_MS ? '  OVER TARGET' : ''),
  );
}
console.log(
  `worst dashboard p95: ${worst.toFixed(1)} ms — ${worst <= P95_TARGET_MS ? 'within' : 'OVER'} the ${P95_TARGET_MS} ms target`,
);

// ---- 1,000 new certificates, then the refresh that brings the dashboards up to date
const t1Now = async () =>
  Number(
    (
      await db.pool.query<{ v: string }>(
        `select value as v from indicator_value where indicator_id = 'T1' and period = 'now' and city_code is null`,
      )
    ).rows[0]?.v ?? 0,
  );
const before = await t1Now();
const fresh = (
  await db.pool.query<{ id: string }>(
    `select p.id from person p join person_category c on c.person_id = p.id
     where not c.t1 order by p.id limit 1000`,
  )
).rows.map((r) => r.id);
const tag = `BENCH${Date.now()}-`;
const actor = { ...systemActor('bench'), roles: ['province_admin'] };
t0 = performance.now();
await db.db.transaction(async (tx) => {
  await creds.bulkInsert(
    tx,
    actor,
    fresh.map((personId, i) => ({
      personId,
      kind: 'skill_cert',
      number: tag + i,
      issuerName: '基准测试发证机构',
      occupationCode: '4-04-05-05',
      levelCode: 'SENIOR',
      issuedOn: '2026-06-01',
    })),
  );
  await registry.refreshCategories(tx, fresh);
});
const insertS = (performance.now() - t0) / 1000;
t0 = performance.now();
await targets.refreshRollups();
const refreshS = (performance.now() - t0) / 1000;
const after = await t1Now();
console.log(
  `\n1,000 new certificates: written with their persons' categories in ${insertS.toFixed(2)} s; ` +
    `rollups refreshed in ${refreshS.toFixed(2)} s; T1 now ${before.toLocaleString()} → ${after.toLocaleString()} (+${after - before})`,
);
const d = await measure('/api/targets/dashboard', province, 100);
console.log(`dashboard after the refresh: p95 ${d.p95.toFixed(1)} ms`);

// Leave the data set as it was.
await db.db.transaction(async (tx) => {
  await tx.execute(sql`delete from credential where number like ${tag + '%'}`);
  await registry.refreshCategories(tx, fresh);
});
await targets.refreshRollups();
console.log(`restored: T1 now ${(await t1Now()).toLocaleString()}`);
await app.close();
await db.shutdown();
