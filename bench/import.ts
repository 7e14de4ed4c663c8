/**
 * npm run bench:import — 300,000 persons with employment from one .xlsx, through the real path.
 *
 * Starts its own embedded PostgreSQL in a temporary directory (nothing else is touched),
 * seeds organisations, writes a synthetic 300,000-row workbook (server/seed/synthetic.ts: no
 * real person's number), then uploads it over the HTTP API (multipart), lets the job queue
 * stream-read and validate every row, commits it (valid_only, one transaction) and waits for
 * the result, sampling the process's RSS. In the same run, on a second empty database, the
 * row-by-row baseline (per row: validate, look up, one transaction with its own INSERTs) on a
 * sample of 5,000 rows, extrapolated to the full size. Prints rows/s, wall time, peak RSS and
 * the ratio.
 *
 *   npm run bench:import                     # 300,000 rows, 5,000-row baseline sample
 *   BENCH_ROWS=50000 npm run bench:import    # smaller
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { startEmbeddedPostgres } from '../server/kernel/db/embedded.js';
import { applyMigrations, connect } from '../server/kernel/db/client.js';
import { createPiiCrypto } from '../server/kernel/crypto/pii.js';
import { createJobs } from '../server/kernel/jobs/jobs.js';
import { createLogSmsSender } from '../server/kernel/auth/sms.js';
import { systemActor, type Actor } from '../server/kernel/audit/audit.js';
import { buildApp, createServices } from '../server/app.js';
import { openSheet } from '../server/kernel/imports/read.js';
import { createLookup, isBlank, occupationLookup } from '../server/kernel/imports/normalize.js';
import { isExampleRow } from '../server/kernel/imports/template.js';
import { createPersonImport, TIERS, EDUCATION } from '../server/modules/registry/registry.import.js';
import {
  createRng,
  syntheticChineseName,
  syntheticCompanyName,
  syntheticIdNumber,
  syntheticPhone,
  syntheticUscc,
  type Rng,
} from '../server/seed/synthetic.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 300_000);
const SAMPLE = Math.min(ROWS, Number(process.env.BENCH_BASELINE_ROWS ?? 5_000));
const ORGS = 2_000;
const PASSWORD = 'Bench-pass-2026';
const HEADERS = [
  '姓名',
  '身份证号',
  '手机号',
  '学历',
  '所在城市',
  '人员层级',
  '工作单位统一社会信用代码',
  '岗位',
  '职业编码',
  '是否数字岗位',
  '入职日期',
];
const POSTS = [
  '数控设备操作工',
  '工业机器人操作员',
  '电工',
  '焊工',
  '质检员',
  '软件开发',
  '数据标注员',
  '设备维护',
  '车间主任',
  '工艺工程师',
];
const OCCUPATIONS = ['6-31-07-03', '4-04-05-05', '2-02-38-01', '2-02-10-09', '4-04-04-02', ''];
const CITIES: [string, string, string][] = [
  ['370100', '济南市', '济南'],
  ['370200', '青岛市', '青岛'],
  ['370300', '淄博市', '淄博'],
  ['370400', '枣庄市', '枣庄'],
  ['370500', '东营市', '东营'],
  ['370600', '烟台市', '烟台'],
  ['370700', '潍坊市', '潍坊'],
  ['370800', '济宁市', '济宁'],
  ['370900', '泰安市', '泰安'],
  ['371000', '威海市', '威海'],
  ['371100', '日照市', '日照'],
  ['371300', '临沂市', '临沂'],
  ['371400', '德州市', '德州'],
  ['371500', '聊城市', '聊城'],
  ['371600', '滨州市', '滨州'],
  ['371700', '菏泽市', '菏泽'],
];

const say = (m: string) => console.log(m);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Peak RSS, sampled every 20 ms (and at each phase boundary). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const tick = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(tick, 20);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

async function database(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  await applyMigrations(u.toString());
  return { url: u.toString(), ...connect(u.toString(), 20) };
}

function birthDate(rng: Rng): string {
  return `${rng.int(1966, 2003)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** Synthetic rows of the person template (cells as a user would fill them, dates as Excel dates). */
function* syntheticRows(rng: Rng, n: number, orgsByCity: Map<string, string[]>): Generator<unknown[]> {
  const seen = new Set<string>();
  const tiers = Object.keys(TIERS);
  for (let i = 0; i < n; i++) {
    const [code, name] = rng.pick(CITIES);
    const gender = rng.chance(0.6) ? 'M' : 'F';
    const birth = birthDate(rng);
    let id: string;
    do id = syntheticIdNumber(rng, code, birth, gender);
    while (seen.has(id));
    seen.add(id);
    const hired = Date.UTC(
      Math.max(Number(birth.slice(0, 4)) + 18, rng.int(2005, 2025)),
      rng.int(0, 11),
      rng.int(1, 28),
    );
    yield [
      syntheticChineseName(rng, gender),
      id,
      syntheticPhone(rng),
      rng.pick(EDUCATION),
      name,
      rng.pick(tiers),
      rng.pick(orgsByCity.get(code)!),
      rng.pick(POSTS),
      rng.pick(OCCUPATIONS) || null,
      rng.chance(0.3) ? '是' : '否',
      new Date(Math.min(hired, Date.UTC(2026, 0, 1))),
    ];
  }
}

/** The workbook as Excel writes it: shared strings (after the sheet), date cells, written streaming to disk. */
async function writeWorkbook(file: string, rows: Iterable<unknown[]>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('人员');
  ws.addRow(HEADERS).commit();
  for (const r of rows) {
    const row = ws.addRow(r);
    row.getCell(11).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/**
 * Writes the workbook in a child process: the generator's own memory (exceljs keeps every shared
 * string) must not count as the import's peak RSS.
 */
function writeWorkbookApart(file: string, rows: number, seed: number, orgsByCity: Map<string, string[]>): void {
  const args = `${file}.json`;
  writeFileSync(args, JSON.stringify({ file, rows, seed, orgs: [...orgsByCity] }));
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--write-workbook', args],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('workbook generation failed');
}

async function seedOrgs(services: ReturnType<typeof createServices>, rng: Rng): Promise<Map<string, string[]>> {
  const rows = [];
  const used = new Set<string>();
  for (let i = 0; i < ORGS; i++) {
    const [code, , short] = CITIES[i % CITIES.length]!;
    let uscc: string;
    do uscc = syntheticUscc(rng, code, 'enterprise');
    while (used.has(uscc));
    used.add(uscc);
    rows.push({
      kind: 'enterprise' as const,
      name: syntheticCompanyName(rng, short, '智能制造') + i,
      uscc,
      cityCode: code,
      sizeClass: 'medium',
      industryChains: ['IC01'],
    });
  }
  await services.orgs.bulkInsertApproved(systemActor(), rows);
  const byCity = new Map<string, string[]>();
  for (const r of rows) byCity.set(r.cityCode, [...(byCity.get(r.cityCode) ?? []), r.uscc]);
  return byCity;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-bench-import-'));
  chmodSync(dir, 0o755);
  say(`embedded PostgreSQL in ${dir}`);
  const pgServer = await startEmbeddedPostgres(path.join(dir, 'pg'), { database: 'postgres' });
  try {
    const crypto = createPiiCrypto({ dataKey: randomBytes(32), indexKey: randomBytes(32) });
    const sms = createLogSmsSender(() => {});

    // ---------------- the real path ----------------
    const main = await database(pgServer.url, 'jx_bench_import');
    const jobs = createJobs({ db: main.db, connectionString: main.url, log: (m, e) => console.error(m, e) });
    const app = await buildApp({
      db: main.db,
      crypto,
      sms,
      jobs,
      logLevel: 'silent',
      rateLimit: { max: 1_000_000, auth: 1_000_000 },
    });
    await app.services.reference.seedIfEmpty();
    await jobs.start();
    const rng = createRng(20261130);
    const orgsByCity = await seedOrgs(app.services, rng);
    await app.services.users.insertSeedAccounts(systemActor(), [
      {
        username: 'bench',
        displayName: 'bench',
        passwordHash: await app.services.auth.hashPassword(PASSWORD),
        roles: ['province_admin'],
        origin: 'admin',
      },
    ]);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench', password: PASSWORD },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const file = path.join(dir, 'persons.xlsx');
    let t = performance.now();
    writeWorkbookApart(file, ROWS, 1, orgsByCity);
    const data = readFileSync(file);
    say(
      `workbook: ${ROWS.toLocaleString()} rows, ${mb(data.length)} (generated in ${secs(performance.now() - t)}, not timed)`,
    );

    const boundary = '----jxbench' + randomBytes(6).toString('hex');
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="persons.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { cookie };
    const poll = async (id: string, until: string[]) => {
      for (;;) {
        const r = await app.inject({ method: 'GET', url: `/api/imports/persons/batches/${id}`, headers });
        const b = r.json();
        if (until.includes(b.status)) return b;
        if (['failed', 'rejected'].includes(b.status)) throw new Error(`batch ${b.status}: ${b.message}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    };

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const sampler = rssSampler();
    t = performance.now();
    const up = await app.inject({
      method: 'POST',
      url: '/api/imports/persons',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const tUpload = performance.now() - t;
    const validated = await poll(up.json().id, ['validated']);
    const tValidated = performance.now() - t;
    const c = await app.inject({
      method: 'POST',
      url: `/api/imports/persons/batches/${validated.id}/commit`,
      headers,
      payload: { mode: 'valid_only' },
    });
    if (c.statusCode !== 200) throw new Error(`commit: ${c.statusCode} ${c.body}`);
    const committed = await poll(validated.id, ['committed']);
    const wall = performance.now() - t;
    const peak = sampler.stop();
    const counts = (
      await main.pool.query<{ p: number; e: number }>(
        'select (select count(*) from person)::int as p, (select count(*) from employment)::int as e',
      )
    ).rows[0]!;
    say('');
    say(`real path (HTTP upload → job: stream-read + validate → commit job: one transaction)`);
    say(`  rows: ${validated.totalRows} read, ${validated.validRows} valid, ${validated.errorRows} with errors`);
    say(`  written: ${counts.p} persons, ${counts.e} employments  (outcome ${JSON.stringify(committed.outcome)})`);
    say(
      `  wall time: ${secs(wall)}  (upload ${secs(tUpload)}, validation ${secs(tValidated - tUpload)}, commit ${secs(wall - tValidated)})`,
    );
    const rate = ROWS / (wall / 1000);
    say(`  throughput: ${Math.round(rate).toLocaleString()} rows/s`);
    say(
      `  peak RSS during the import: ${mb(peak)} (before: ${mb(rssBefore)}; the uploaded file itself is ${mb(data.length)})`,
    );
    await jobs.stop();
    await app.close();
    await main.close();

    // ---------------- the row-by-row baseline ----------------
    const base = await database(pgServer.url, 'jx_bench_baseline');
    const services = createServices({ db: base.db, crypto, sms });
    await services.reference.seedIfEmpty();
    const brng = createRng(777);
    const bOrgs = await seedOrgs(services, brng);
    const sampleFile = path.join(dir, 'sample.xlsx');
    writeWorkbookApart(sampleFile, SAMPLE, 2, bOrgs);
    const actor: Actor = { ...systemActor('bench'), roles: ['province_admin'] };
    const entity = createPersonImport({ ...services, crypto });
    t = performance.now();
    const ctx = await entity.context(actor);
    let n = 0;
    let bad = 0;
    const sheet = openSheet(readFileSync(sampleFile), 'xlsx');
    for await (const row of sheet.rows()) {
      if (row.rowNo === 1 || row.cells.every(isBlank) || isExampleRow(row.cells)) continue;
      // Validate the row on its own: parse each column, look its organisation and occupation up one by one.
      const raw: Record<string, unknown> = {};
      let ok = true;
      entity.columns.forEach((c, j) => {
        const cell = row.cells[j] ?? null;
        if (isBlank(cell)) return;
        const r = c.parse(cell, ctx);
        if (r.ok) raw[c.key] = r.value;
        else ok = false;
      });
      // No caching across rows: the organisation and the occupation are looked up for each row.
      const rowCtx = {
        ...ctx,
        orgs: createLookup((u: string[]) => services.orgs.findByUscc(u)),
        occupations: occupationLookup(services.reference),
      };
      await entity.prefetch!([raw], rowCtx);
      const v = ok ? entity.validateRow(raw as never, rowCtx, actor) : null;
      if (!v?.ok) {
        bad++;
        continue;
      }
      // …and write it in its own transaction: find-or-insert the person (audited), insert the employment.
      const r = v.row;
      await base.db.transaction(async (tx) => {
        const p = await services.registry.ensurePerson(tx, actor, r);
        const e = r.employment;
        if (e)
          await tx.execute(sql`
            insert into employment (person_id, org_id, post, occupation_code, is_digital_post, from_date)
            values (${p.id}, ${e.orgId}, ${e.post}, ${e.occupationCode}, ${e.isDigitalPost}, ${e.fromDate})`);
      });
      n++;
    }
    const baseMs = performance.now() - t;
    const baseRate = n / (baseMs / 1000);
    say('');
    say(
      `row-by-row baseline (same file format and validators; per row: look-ups + one transaction with its own INSERTs)`,
    );
    say(
      `  sample: ${n} rows written (${bad} invalid) in ${secs(baseMs)} → ${Math.round(baseRate).toLocaleString()} rows/s`,
    );
    say(
      `  extrapolated to ${ROWS.toLocaleString()} rows: ${secs((ROWS / baseRate) * 1000)} (extrapolated from the ${SAMPLE.toLocaleString()}-row sample, not measured)`,
    );
    await base.close();

    say('');
    const ratio = rate / baseRate;
    say(`ratio: ${ratio.toFixed(1)}× faster than row by row`);
    say(
      `targets: ${ROWS.toLocaleString()} rows ≤ 30 s: ${wall <= 30_000 ? 'met' : 'NOT met'} (${secs(wall)}); ≥ 10× baseline: ${ratio >= 10 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (process.argv[2] === '--write-workbook') {
  const a = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as {
    file: string;
    rows: number;
    seed: number;
    orgs: [string, string[]][];
  };
  await writeWorkbook(a.file, syntheticRows(createRng(a.seed), a.rows, new Map(a.orgs)));
} else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
