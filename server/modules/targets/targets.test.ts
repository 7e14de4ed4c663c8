import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { createJobs } from '../../kernel/jobs/jobs.js';
import { createTargetsService, registerTargetJobs } from './targets.service.js';
import { registryIndicators } from '../registry/registry.indicators.js';
import { NO_SOURCE_MESSAGE } from '../../../contracts/targets.js';

let t: TestApp;
let province: TestUser;
let jinan: TestUser; // city admin of 济南 370100
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
});
afterAll(async () => {
  for (const s of stops) await s();
});

let n = 0;
const num = () => `TG${Date.now()}${++n}`;
async function issue(personId: string, body: Record<string, unknown>) {
  const res = await as(t, province, 'POST', `/api/persons/${personId}/credentials`, {
    number: num(),
    issuerName: '省人社厅',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { credentialId: string };
}
const digital = { kind: 'skill_cert', occupationCode: '4-04-05-05', levelCode: 'SENIOR' };
const designer = { kind: 'skill_cert', occupationCode: '4-04-04-05', levelCode: 'INTERMEDIATE' };
const engineer = { kind: 'skill_cert', occupationCode: '2-02-38-01', levelCode: 'PT_JUNIOR' };
const leader = { kind: 'designation', field: 'LEADER' };

async function actorOf(u: TestUser): Promise<Actor> {
  return { ...(await t.services.auth.resolve(u.cookie.split('=')[1]!))!.actorBase, ip: null, requestId: 'test' };
}

async function get<T = Record<string, unknown>>(u: TestUser, url: string, status = 200): Promise<T> {
  const res = await as(t, u, 'GET', url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

interface Card {
  id: string;
  hasSource: boolean;
  actual: { status: string; value?: number; computedAt?: string; period?: string; asOf?: string; message?: string };
  target: number | null;
  targetSource: string | null;
  share: number | null;
  behind: boolean | null;
  trajectoryValue: number | null;
  trend: { period: string; value: number }[];
  forecast2030: number | null;
  forecastMethod: string;
}
const card = async (u: TestUser, q = '') =>
  (await get<{ indicators: Card[] }>(u, `/api/targets/dashboard${q}`)).indicators;
const refresh = () => t.services.targets.refreshRollups();

/** A small world: holders in three cities, from before 2026 and in 2026, of each category. */
async function world() {
  for (const [city, k] of [
    ['370100', 3],
    ['370200', 2],
    ['370300', 1],
  ] as const) {
    for (let i = 0; i < k; i++) {
      const p = await buildPerson(t, { cityCode: city });
      await issue(p.id, { ...digital, issuedOn: i === 0 ? '2024-05-01' : '2026-03-01' });
      if (i === 1) await issue(p.id, { ...leader, issuedOn: '2026-04-01' });
    }
    const d = await buildPerson(t, { cityCode: city });
    await issue(d.id, { ...designer, issuedOn: '2025-02-01' });
    const e = await buildPerson(t, { cityCode: city });
    await issue(e.id, { ...engineer, issuedOn: '2026-02-01' });
  }
}

describe('indicators as code', () => {
  it('T1–T4 rollups equal the registry’s counts for every city, now and at the 2025 year-end; the province is their sum', async () => {
    await world();
    const r = await refresh();
    expect(r.periods).toEqual(['now', '2025']);
    const rows = (
      await t.database.pool.query<{ indicator_id: string; city_code: string | null; period: string; value: string }>(
        'select indicator_id, city_code, period, value from indicator_value',
      )
    ).rows;
    const value = (id: string, city: string | null, period: string) =>
      Number(rows.find((x) => x.indicator_id === id && x.city_code === city && x.period === period)?.value);
    for (const [period, asOf] of [
      ['now', '2026-11-30'],
      ['2025', '2025-12-31'],
    ] as const) {
      const counts = await get<{ cityCode: string; t1: number; t2: number; t3: number; t4: number }[]>(
        province,
        `/api/registry/categories?asOf=${asOf}`,
      );
      expect(counts.length).toBeGreaterThan(0);
      for (const [id, col] of [
        ['T1', 't1'],
        ['T2', 't2'],
        ['T3', 't3'],
        ['T4', 't4'],
      ] as const) {
        for (const c of counts) expect(value(id, c.cityCode, period), `${id} ${c.cityCode} ${period}`).toBe(c[col]);
        expect(value(id, null, period)).toBe(counts.reduce((a, c) => a + c[col], 0));
      }
    }
    // Every one of the 16 cities has a row (0 where nobody holds one), so the map has no holes.
    expect(rows.filter((x) => x.indicator_id === 'T1' && x.period === 'now' && x.city_code !== null).length).toBe(16);
    expect(value('T1', '370100', 'now')).toBeGreaterThanOrEqual(3);
    expect(value('T1', '370100', '2025')).toBeGreaterThanOrEqual(2); // the 2024 holder and the designer
  });

  it('an indicator without a source says so — never a zero', async () => {
    const cards = await card(province);
    // The competitions (A4–A6) and wages (C2) have no module yet.
    const noSource = cards.filter((c) => !c.hasSource);
    expect(noSource.map((c) => c.id)).toEqual(['A4', 'A5', 'A6', 'C2']);
    for (const c of noSource) {
      expect(c.actual).toEqual({ status: 'no_source', message: NO_SOURCE_MESSAGE });
      expect(c.share).toBeNull();
      expect(c.behind).toBeNull();
      expect(c.forecast2030).toBeNull();
      expect(c.trend).toEqual([]);
    }
    // The target is still shown (the plan's figure).
    expect(noSource.find((c) => c.id === 'A5')).toMatchObject({ target: 1000, targetSource: 'default' });
    const cities = await get<{ cities: { actual: { status: string }; rank: number | null }[] }>(
      province,
      '/api/targets/cities?indicator=A4',
    );
    expect(cities.cities).toHaveLength(16);
    expect(cities.cities.every((c) => c.actual.status === 'no_source' && c.rank === null)).toBe(true);
    const catalogue = await get<{ id: string; hasSource: boolean; drillDown: boolean }[]>(
      province,
      '/api/targets/indicators',
    );
    expect(catalogue.filter((c) => !c.hasSource).map((c) => c.id)).toEqual(['A4', 'A5', 'A6', 'C2']);
    expect(catalogue.filter((c) => c.drillDown).map((c) => c.id)).toEqual(
      expect.arrayContaining(['T1', 'T2', 'T3', 'T4']),
    );
  });
});

describe('the dashboard reads rollups', () => {
  it('a new credential moves the figure only after the refresh; each figure says when it was computed', async () => {
    const city = '370700';
    const before = (await card(province, `?city=${city}`)).find((c) => c.id === 'T4')!;
    expect(before.actual.status).toBe('ok');
    const p = await buildPerson(t, { cityCode: city });
    await issue(p.id, { ...engineer, issuedOn: '2026-05-01' });
    // The registry knows at once…
    const counts = await get<{ cityCode: string; t4: number }[]>(province, '/api/registry/categories');
    expect(counts.find((c) => c.cityCode === city)!.t4).toBe(before.actual.value! + 1);
    // …the dashboard not until the rollups are refreshed.
    expect((await card(province, `?city=${city}`)).find((c) => c.id === 'T4')!.actual.value).toBe(before.actual.value);
    t.clock.advance(60_000);
    await refresh();
    const after = (await card(province, `?city=${city}`)).find((c) => c.id === 'T4')!;
    expect(after.actual.value).toBe(before.actual.value! + 1);
    expect(after.actual).toMatchObject({ period: 'now', asOf: '2026-11-30' });
    expect(new Date(after.actual.computedAt!).getTime()).toBeGreaterThan(new Date(before.actual.computedAt!).getTime());
  });

  it('a sourced indicator not yet rolled up answers not_computed, not zero', async () => {
    const fresh = await testApp();
    const admin = await buildUser(fresh, { roles: ['province_admin'] });
    const res = await as(fresh, admin, 'GET', '/api/targets/dashboard');
    expect(res.statusCode).toBe(200);
    const t1 = (res.json() as { indicators: Card[] }).indicators.find((c) => c.id === 'T1')!;
    expect(t1.actual.status).toBe('not_computed');
    expect(t1.actual.value).toBeUndefined();
    expect(await fresh.services.targets.rollupsStale()).toBe(true);
    await fresh.services.targets.refreshRollups();
    expect(await fresh.services.targets.rollupsStale()).toBe(false);
  });

  it('shows the default trajectory from the 2025 year-end, the share, the trend and a named forecast', async () => {
    const cards = await card(province, '?year=2026');
    const t1 = cards.find((c) => c.id === 'T1')!;
    const rows = (
      await t.database.pool.query<{ value: string }>(
        `select value from indicator_value where indicator_id = 'T1' and city_code is null and period = '2025'`,
      )
    ).rows;
    const baseline = Number(rows[0]!.value);
    expect(t1.targetSource).toBe('trajectory');
    expect(t1.target).toBe(Math.round(baseline + (280000 - baseline) / 5));
    expect(t1.share).toBeCloseTo(t1.actual.value! / t1.target!, 4);
    expect(t1.trend).toEqual([{ period: '2025', asOf: '2025-12-31', value: baseline }]);
    expect(t1.behind).toBe(true); // a handful of people against a line towards 280,000
    expect(t1.forecastMethod).toBe('按年末值线性外推');
    expect(t1.forecast2030).toBeGreaterThan(t1.actual.value!);
    const t3in2030 = (await card(province, '?year=2030')).find((c) => c.id === 'T3')!;
    expect(t3in2030).toMatchObject({ target: 5000, targetSource: 'default' });
  });
});

describe('targets', () => {
  it('the province admin sets a target (audited); a city split never exceeds the province total', async () => {
    const put = (body: unknown, url = '/api/targets/T3/2028') => as(t, province, 'PUT', url, body);
    const p = await put({ cityCode: null, value: 3000 });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ indicatorId: 'T3', year: 2028, cityCode: null, value: 3000 });
    expect((await put({ cityCode: '370100', value: 2000 })).statusCode).toBe(200);
    expect((await put({ cityCode: '370200', value: 1000 })).statusCode).toBe(200); // exactly the total
    const over = await put({ cityCode: '370300', value: 1 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe('各市分解之和（3001）超过全省 2028 年目标（3000），请调整');
    // Lowering the province total below the split is refused too; changing a city within the total is not.
    const low = await put({ cityCode: null, value: 2999 });
    expect(low.statusCode).toBe(409);
    expect(low.json().error.message).toContain('不能低于各市已分解目标之和（3000）');
    expect((await put({ cityCode: '370200', value: 500 })).statusCode).toBe(200);
    // Counts are whole; shares lie in 0…1; a city outside Shandong is refused.
    expect((await put({ cityCode: null, value: 10.5 })).json().error.message).toBe('数量类目标应为整数');
    expect((await put({ cityCode: null, value: 1.2 }, '/api/targets/T5/2030')).statusCode).toBe(400);
    expect((await put({ cityCode: '110100', value: 1 })).statusCode).toBe(400);
    expect((await put({ cityCode: null, value: 1 }, '/api/targets/Z9/2028')).statusCode).toBe(404);
    expect((await put({ cityCode: null, value: 1 }, '/api/targets/T3/2031')).statusCode).toBe(400);

    const audit = (
      await t.database.pool.query<{ action: string; entity_id: string; before: unknown; after: { value: number } }>(
        `select action, entity_id, before, after from audit_log where entity = 'indicator_target' order by id`,
      )
    ).rows;
    expect(audit.map((a) => [a.entity_id, a.after.value])).toEqual([
      ['T3:2028:province', 3000],
      ['T3:2028:370100', 2000],
      ['T3:2028:370200', 1000],
      ['T3:2028:370200', 500],
    ]);
    expect(audit.every((a) => a.action === 'target.set')).toBe(true);
    expect(audit[3]!.before).toMatchObject({ value: 1000 });

    const plan = await get<{
      years: {
        year: number;
        province: { value: number; source: string };
        cities: { cityCode: string; value: number | null; source: string | null }[];
        citySum: number;
      }[];
    }>(province, '/api/targets/T3/targets');
    const y2028 = plan.years.find((y) => y.year === 2028)!;
    expect(y2028.province).toEqual({ value: 3000, source: 'set' });
    expect(y2028.citySum).toBe(2500);
    expect(y2028.cities.find((c) => c.cityCode === '370100')).toMatchObject({ value: 2000, source: 'set' });
    expect(y2028.cities).toHaveLength(16);
    // The set year bends the province line: 2029 lies between 2028's 3000 and 2030's 5000.
    expect(plan.years.find((y) => y.year === 2029)!.province).toEqual({ value: 4000, source: 'trajectory' });
  });

  it('a city admin cannot set targets, and reads the province and their own city only', async () => {
    expect((await as(t, jinan, 'PUT', '/api/targets/T3/2028', { cityCode: '370100', value: 1 })).statusCode).toBe(403);
    const plan = await get<{ years: { cities: { cityCode: string }[]; citySum: number | null }[] }>(
      jinan,
      '/api/targets/T3/targets',
    );
    expect(plan.years.every((y) => y.cities.length === 1 && y.cities[0]!.cityCode === '370100')).toBe(true);
    expect(plan.years.every((y) => y.citySum === null)).toBe(true);
  });
});

describe('cities, ranking and scope', () => {
  it('ranks the 16 cities by share where targets are split; a city admin gets only their own row', async () => {
    await as(t, province, 'PUT', '/api/targets/T1/2026', { cityCode: null, value: 100000 });
    await as(t, province, 'PUT', '/api/targets/T1/2026', { cityCode: '370100', value: 10 });
    await as(t, province, 'PUT', '/api/targets/T1/2026', { cityCode: '370200', value: 4 });
    const all = await get<{
      rankBy: string;
      cities: {
        cityCode: string;
        share: number | null;
        rank: number | null;
        target: number | null;
        actual: { value: number };
      }[];
      province: { target: number };
    }>(province, '/api/targets/cities?indicator=T1&year=2026');
    expect(all.rankBy).toBe('share');
    expect(all.cities).toHaveLength(16);
    expect(all.province.target).toBe(100000);
    const jn = all.cities.find((c) => c.cityCode === '370100')!;
    const qd = all.cities.find((c) => c.cityCode === '370200')!;
    expect(jn.share).toBeCloseTo(jn.actual.value / 10, 4);
    expect(qd.share).toBeCloseTo(qd.actual.value / 4, 4);
    expect(all.cities.find((c) => c.cityCode === '370300')).toMatchObject({ target: null, share: null, rank: null });
    const ranked = all.cities.filter((c) => c.rank !== null).sort((a, b) => a.rank! - b.rank!);
    expect(ranked.map((c) => c.cityCode)).toEqual((qd.share! > jn.share! ? [qd, jn] : [jn, qd]).map((c) => c.cityCode));

    const mine = await get<{ cities: { cityCode: string; rank: number | null }[] }>(
      jinan,
      '/api/targets/cities?indicator=T1&year=2026',
    );
    expect(mine.cities.map((c) => c.cityCode)).toEqual(['370100']);
    expect(mine.cities[0]!.rank).toBe(jn.rank);
  });

  it('a city admin cannot read another city: dashboard, drill-down', async () => {
    await get(jinan, '/api/targets/dashboard?city=370200', 404);
    await get(jinan, '/api/targets/T1/persons?city=370200', 404);
    const own = await get<{ cityCode: string }>(jinan, '/api/targets/dashboard');
    expect(own.cityCode).toBe('370100');
    const ownT1 = (await card(jinan)).find((c) => c.id === 'T1')!;
    const provinceJn = (await card(province, '?city=370100')).find((c) => c.id === 'T1')!;
    expect(ownT1.actual.value).toBe(provinceJn.actual.value);
    expect(ownT1.target).toBe(10);
    const enterprise = await buildUser(t, { roles: ['enterprise'], orgId: null });
    await get(enterprise, '/api/targets/dashboard', 403);
  });

  it('drills down from a figure to the persons behind it, in the actor’s scope', async () => {
    const all = await get<{ items: { cityCode: string; idNumberMasked: string }[]; total: number }>(
      province,
      '/api/targets/T1/persons?pageSize=200',
    );
    const counts = await get<{ t1: number }[]>(province, '/api/registry/categories');
    expect(all.total).toBe(counts.reduce((a, c) => a + c.t1, 0));
    expect(all.items[0]!.idNumberMasked).toContain('*');
    const jn = await get<{ items: { cityCode: string }[]; total: number }>(jinan, '/api/targets/T2/persons');
    expect(jn.items.every((p) => p.cityCode === '370100')).toBe(true);
    expect(jn.total).toBe(1);
    await get(province, '/api/targets/T5/persons', 404);
  });
});

describe('other days are computed by a job', () => {
  it('a rollup day is answered from the rollups; any other day is a job whose result matches the registry', async () => {
    const res = await as(t, province, 'POST', '/api/targets/computations', { asOf: '2025-12-31' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ jobId: null, period: '2025' });
    expect((await as(t, province, 'POST', '/api/targets/computations', { asOf: '2027-01-01' })).statusCode).toBe(400);

    // A queue of our own (the test app's is not started), with the targets jobs on it.
    const jobs = createJobs({ db: t.database.db, connectionString: t.database.url });
    const svc = createTargetsService({ db: t.database.db, clock: t.clock.now, reference: t.services.reference, jobs });
    svc.register(...registryIndicators({ credentials: t.services.credentials, registry: t.services.registry }));
    registerTargetJobs(jobs, svc);
    await jobs.start();
    stops.push(() => jobs.stop());

    const actor = await actorOf(jinan);
    const accepted = await svc.requestComputation(actor, { asOf: '2026-06-30' });
    expect(accepted.jobId).toBeTruthy();
    let job: Awaited<ReturnType<typeof jobs.get>> | undefined;
    for (let i = 0; i < 200 && job?.status !== 'done' && job?.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await jobs.get(actor, accepted.jobId!);
    }
    expect(job?.status).toBe('done');
    const result = job!.result as {
      cityCode: string;
      indicators: { id: string; province: number | null; cities: { cityCode: string; value: number }[] }[];
      noSource: string[];
    };
    const expected = await t.services.credentials.categoryCounts('2026-06-30');
    const jn = expected.find((c) => c.cityCode === '370100')!;
    // A city admin's job carries their city only.
    expect(result.cityCode).toBe('370100');
    expect(result.indicators.map((i) => [i.id, i.province, i.cities])).toEqual([
      ['T1', null, [{ cityCode: '370100', value: jn.t1 }]],
      ['T2', null, [{ cityCode: '370100', value: jn.t2 }]],
      ['T3', null, [{ cityCode: '370100', value: jn.t3 }]],
      ['T4', null, [{ cityCode: '370100', value: jn.t4 }]],
    ]);
    expect(result.noSource).toContain('T5');

    // The refresh job (chained after the registry's nightly category refresh) replaces the rollups.
    const id = await jobs.enqueue('targets.refresh-rollups', null, { force: true });
    for (let i = 0; i < 200; i++) {
      const s = await t.database.pool.query<{ status: string }>('select status from job_progress where id = $1', [id]);
      if (s.rows[0]!.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await t.database.pool.query<{ status: string; result: { rows: number } }>(
      'select status, result from job_progress where id = $1',
      [id],
    );
    expect(done.rows[0]).toMatchObject({ status: 'done', result: { rows: 4 * 2 * 17 } });
  }, 60_000);
});

describe('a new year', () => {
  it('rolls up the year-end that passed; the next year’s dashboard shows it in the trend and forecasts from it', async () => {
    const y = await testApp();
    const admin = await buildUser(y, { roles: ['province_admin'] });
    const p = await buildPerson(y, { cityCode: '370100' });
    const r = await as(y, admin, 'POST', `/api/persons/${p.id}/credentials`, {
      number: num(),
      issuerName: '省人社厅',
      ...digital,
      issuedOn: '2026-03-01',
    });
    expect(r.statusCode).toBe(201);
    y.clock.advance(40 * 86400_000); // 2027-01-09
    expect((await y.services.targets.refreshRollups()).periods).toEqual(['now', '2025', '2026']);
    const admin2 = await buildUser(y, { roles: ['province_admin'] });
    const res = await as(y, admin2, 'GET', '/api/targets/dashboard');
    const t1 = (res.json() as { year: number; indicators: Card[] }).indicators.find((c) => c.id === 'T1')!;
    expect(res.json().year).toBe(2027);
    expect(t1.trend.map((p) => [p.period, p.value])).toEqual([
      ['2025', 0],
      ['2026', 1],
    ]);
    expect(t1.actual).toMatchObject({ status: 'ok', period: 'now', asOf: '2027-01-09', value: 1 });
    // 2026 is read from its year-end.
    const y2026 = await as(y, admin2, 'GET', '/api/targets/dashboard?year=2026');
    expect((y2026.json() as { indicators: Card[] }).indicators.find((c) => c.id === 'T1')!.actual).toMatchObject({
      period: '2026',
      asOf: '2026-12-31',
      value: 1,
    });
    expect(t1.forecast2030).toBeGreaterThan(1);
  });
});
