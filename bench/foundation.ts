/**
 * npm run bench:foundation — request latency of the foundation's endpoints on a seeded database.
 *
 *   DATA_DIR=./data-province npm run seed -- --scale province --accounts
 *   DATA_DIR=./data-province npm run bench:foundation
 *
 * Serves the app on a free port and drives it over real HTTP with 8 concurrent clients. Prints
 * p50/p95 per endpoint and the ratio against GET /api/health measured in the same run (the
 * cost of the framework alone).
 */
import { performance } from 'node:perf_hooks';
import { CONCURRENCY, REQUESTS, startBenchApp } from './http.js';

const { db, app, loginCookie, measure } = await startBenchApp();
const persons = (await db.pool.query<{ n: number }>('select count(*)::int as n from person')).rows[0]!.n;
console.log(`persons in database: ${persons}`);
if (persons === 0) console.log('(empty: seed first, see the header of this file)');

const province = await loginCookie('province');
const jinan = await loginCookie('jinan');
const enterprise = await loginCookie('enterprise');

await measure('/api/health', undefined, 100); // warm-up
const baseline = await measure('/api/health');
const cases: [string, string, string | undefined][] = [
  ['GET /api/health (baseline)', '/api/health', undefined],
  ['GET /api/auth/me', '/api/auth/me', province],
  ['GET /api/home (province)', '/api/home', province],
  ['GET /api/home (city)', '/api/home', jinan],
  ['GET /api/persons page 1 (province)', '/api/persons?page=1&pageSize=20', province],
  ['GET /api/persons page 50 (city)', '/api/persons?page=50&pageSize=20', jinan],
  ['GET /api/persons (enterprise, own staff)', '/api/persons?page=1&pageSize=20', enterprise],
  ['GET /api/organisations (city)', '/api/organisations?page=1&pageSize=20', jinan],
  ['GET /api/reference/occupation', '/api/reference/occupation', undefined],
];
// Whole-province aggregates over ~1,000,000 credentials: measured with fewer requests (the
// dashboards of issue 4 read rollups instead of these live queries).
const heavy: [string, string, string | undefined][] = [
  ['GET /api/registry/categories (T1–T4, live)', '/api/registry/categories', province],
  ['GET /api/persons?category=t1 (city)', '/api/persons?category=t1&pageSize=20', jinan],
];
console.log(`\n${REQUESTS} requests each, ${CONCURRENCY} concurrent clients`);
console.log(
  'endpoint'.padEnd(44) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + 'max ms'.padStart(9) + '  p95 / baseline',
);
for (const [name, path, cookie] of cases) {
  const r = name.includes('baseline') ? baseline : await measure(path, cookie);
  console.log(
    name.padEnd(44) +
      r.p50.toFixed(1).padStart(9) +
      r.p95.toFixed(1).padStart(9) +
      r.max.toFixed(1).padStart(9) +
      `  ${(r.p95 / baseline.p95).toFixed(1)}×`,
  );
}
for (const [name, path, cookie] of heavy) {
  const r = await measure(path, cookie, 16);
  console.log(
    name.padEnd(44) +
      r.p50.toFixed(1).padStart(9) +
      r.p95.toFixed(1).padStart(9) +
      r.max.toFixed(1).padStart(9) +
      `  ${(r.p95 / baseline.p95).toFixed(1)}×  (16 requests)`,
  );
}
const someone = (await db.pool.query<{ id: string }>('select person_id as id from credential limit 1')).rows[0]?.id;
if (someone) {
  const r = await measure(`/api/persons/${someone}/profile`, province);
  console.log(
    'GET /api/persons/:id/profile'.padEnd(44) +
      r.p50.toFixed(1).padStart(9) +
      r.p95.toFixed(1).padStart(9) +
      r.max.toFixed(1).padStart(9) +
      `  ${(r.p95 / baseline.p95).toFixed(1)}×`,
  );
}
const logins: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  await loginCookie('province');
  logins.push(performance.now() - t0);
}
logins.sort((a, b) => a - b);
console.log(`POST /api/auth/login (argon2id verify), sequential: p50 ${logins[10]!.toFixed(1)} ms`);
await app.close();
await db.shutdown();
