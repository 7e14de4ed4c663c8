/**
 * The target editor's server side (issue 4 §2): saving an indicator's grid as a whole (all or
 * nothing, problems naming year and city), resetting a cell to its default, the audit of each
 * change, who may edit, and the .xlsx export in the import template's columns.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildUser, type TestUser } from '../../test/factories.js';
import { readXlsx } from '../../kernel/imports/testing.js';

let t: TestApp;
let province: TestUser;
let jinan: TestUser;
beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
});

type Cell = { value: number | null; source: string | null };
interface Plan {
  years: { year: number; province: Cell; cities: (Cell & { cityCode: string })[]; citySum: number | null }[];
}
const save = (indicator: string, changes: unknown[], u: TestUser = province) =>
  as(t, u, 'PUT', `/api/targets/${indicator}`, { changes });
const plan = async (indicator: string, u: TestUser = province) => {
  const res = await as(t, u, 'GET', `/api/targets/${indicator}/targets`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Plan;
};
const cell = (p: Plan, year: number, city: string | null) => {
  const y = p.years.find((x) => x.year === year)!;
  return city === null ? y.province : y.cities.find((c) => c.cityCode === city)!;
};
const audits = async (indicator: string) =>
  (
    await t.database.pool.query<{ action: string; entity_id: string; before: unknown; after: Record<string, unknown> }>(
      `select action, entity_id, before, after from audit_log where entity = 'indicator_target' and entity_id like $1 order by id`,
      [`${indicator}:%`],
    )
  ).rows;

describe('bulk save of an indicator’s grid', () => {
  it('writes every change in one go, each audited with before and after; unchanged cells write nothing', async () => {
    const res = await save('T3', [
      { year: 2027, cityCode: null, value: 3000 },
      { year: 2027, cityCode: '370100', value: 1200 },
      { year: 2027, cityCode: '370200', value: 800 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changed: 3, unchanged: 0 });
    const p = res.json().plan as Plan;
    expect(cell(p, 2027, null)).toEqual({ value: 3000, source: 'set' });
    expect(cell(p, 2027, '370100')).toMatchObject({ value: 1200, source: 'set' });
    expect(p.years.find((y) => y.year === 2027)!.citySum).toBe(2000);
    // 2030 keeps the catalogue default; 2028 follows the line between 2027's 3000 and 2030's 5000.
    expect(cell(p, 2030, null)).toEqual({ value: 5000, source: 'default' });
    expect(cell(p, 2028, null)).toEqual({ value: 3667, source: 'trajectory' });

    const again = await save('T3', [
      { year: 2027, cityCode: '370100', value: 1200 },
      { year: 2027, cityCode: '370200', value: 900 },
    ]);
    expect(again.json()).toMatchObject({ changed: 1, unchanged: 1 });
    const rows = await audits('T3');
    expect(rows.map((r) => [r.action, r.entity_id, r.after.value])).toEqual([
      ['target.set', 'T3:2027:province', 3000],
      ['target.set', 'T3:2027:370100', 1200],
      ['target.set', 'T3:2027:370200', 800],
      ['target.set', 'T3:2027:370200', 900],
    ]);
    expect(rows[0]!.before).toBeNull();
    expect(rows[3]!.before).toMatchObject({ value: 800 });
    expect(rows[3]!.after).toMatchObject({ via: 'grid', year: 2027, cityCode: '370200' });
  });

  it('is all or nothing: one bad cell refuses the whole save and lists every problem by year and city', async () => {
    const before = await plan('T4');
    const res = await save('T4', [
      { year: 2030, cityCode: '370100', value: 4000 }, // fine on its own
      { year: 2030, cityCode: '370200', value: 2500 }, // the two exceed 2030's 6000
      { year: 2029, cityCode: '370300', value: 10.5 }, // not whole, and 2029 has no province total
    ]);
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.message).toContain('有 3 处问题，未保存任何修改：请先设定全省 2029 年目标');
    expect(err.details.problems).toEqual([
      { year: 2029, cityCode: null, message: '请先设定全省 2029 年目标，再分解到各市' },
      { year: 2029, cityCode: '370300', message: '淄博市 2029 年：数量类目标应为整数' },
      { year: 2030, cityCode: null, message: '2030 年各市分解之和（6500）超过全省目标（6000），请调整全省或各市目标' },
    ]);
    expect(await plan('T4')).toEqual(before);
    expect(await audits('T4')).toEqual([]);
  });

  it('checks the province total after the change: lowering it, or a split of a year without one, is refused', async () => {
    expect((await save('T2', [{ year: 2028, cityCode: null, value: 2000 }])).statusCode).toBe(200);
    expect((await save('T2', [{ year: 2028, cityCode: '370100', value: 1500 }])).statusCode).toBe(200);
    const low = await save('T2', [{ year: 2028, cityCode: null, value: 1400 }]);
    expect(low.statusCode).toBe(409);
    expect(low.json().error.message).toBe('2028 年各市分解之和（1500）超过全省目标（1400），请调整全省或各市目标');
    // Lowering both together is fine.
    const both = await save('T2', [
      { year: 2028, cityCode: null, value: 1400 },
      { year: 2028, cityCode: '370100', value: 1400 },
    ]);
    expect(both.statusCode, both.body).toBe(200);
    // T2 2026 has no province total (no baseline rollup, no set value): a city split needs one first.
    const none = await save('T2', [{ year: 2026, cityCode: '370100', value: 10 }]);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.details.problems).toEqual([
      { year: 2026, cityCode: null, message: '请先设定全省 2026 年目标，再分解到各市' },
    ]);
    // Lowering the 2030 total bends the trajectory under 2028's split? 2028 is set, so no; 2029 has no split.
    expect((await save('T2', [{ year: 2030, cityCode: null, value: 9000 }])).statusCode).toBe(200);
  });

  it('shares lie within 0–100 %; a city without its own takes the province rate', async () => {
    const over = await save('T5', [{ year: 2030, cityCode: '370100', value: 1.2 }]);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toBe('济南市 2030 年：比例类目标应在 0 到 100% 之间（如 0.85 表示 85%）');
    const ok = await save('T5', [
      { year: 2030, cityCode: '370100', value: 0.9 },
      { year: 2030, cityCode: '370200', value: 0.95 }, // shares are not additive: no split cap
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    const p = ok.json().plan as Plan;
    expect(cell(p, 2030, '370100')).toMatchObject({ value: 0.9, source: 'set' });
    expect(cell(p, 2030, '370300')).toMatchObject({ value: 0.85, source: 'province' });
  });

  it('refuses unknown cities, a cell given twice, years outside the plan and unknown indicators', async () => {
    const city = await save('A1', [{ year: 2027, cityCode: '110100', value: 1 }]);
    expect(city.statusCode).toBe(400);
    expect(city.json().error.message).toBe('城市代码 110100 不是山东省现行的地级市');
    const twice = await save('A1', [
      { year: 2027, cityCode: '370100', value: 1 },
      { year: 2027, cityCode: '370100', value: 2 },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toBe('济南市 2027 年的目标在本次保存中出现了多次');
    expect((await save('A1', [{ year: 2031, cityCode: null, value: 1 }])).statusCode).toBe(400);
    expect((await save('A1', [])).statusCode).toBe(400);
    expect((await save('A1', [{ year: 2027, cityCode: null, value: -1 }])).statusCode).toBe(400);
    expect((await save('Z9', [{ year: 2027, cityCode: null, value: 1 }])).statusCode).toBe(404);
    expect(await audits('A1')).toEqual([]);
  });
});

describe('reset to the default', () => {
  it('deletes the setting (audited) so the default or trajectory shows again; resetting an unset cell changes nothing', async () => {
    expect(
      (
        await save('A2', [
          { year: 2026, cityCode: null, value: 90000 },
          { year: 2026, cityCode: '370100', value: 10000 },
        ])
      ).statusCode,
    ).toBe(200);
    const city = await as(t, province, 'DELETE', '/api/targets/A2/2026?city=370100');
    expect(city.statusCode, city.body).toBe(200);
    expect(city.json()).toMatchObject({ changed: 1, unchanged: 0 });
    expect(cell(city.json().plan, 2026, '370100')).toMatchObject({ value: null, source: null });
    const prov = await as(t, province, 'DELETE', '/api/targets/A2/2026');
    expect(cell(prov.json().plan, 2026, null)).toEqual({ value: 80000, source: 'default' });
    const noop = await as(t, province, 'DELETE', '/api/targets/A2/2026');
    expect(noop.json()).toMatchObject({ changed: 0, unchanged: 1 });
    const rows = await audits('A2');
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['target.set', 'A2:2026:province'],
      ['target.set', 'A2:2026:370100'],
      ['target.reset', 'A2:2026:370100'],
      ['target.reset', 'A2:2026:province'],
    ]);
    expect(rows[2]!.before).toMatchObject({ value: 10000 });
    expect(rows[2]!.after).toMatchObject({ value: null });
  });

  it('refuses a reset that would leave the split above the province default', async () => {
    expect(
      (
        await save('A3', [
          { year: 2027, cityCode: null, value: 50000 },
          { year: 2027, cityCode: '370100', value: 40000 },
        ])
      ).statusCode,
    ).toBe(200);
    const res = await as(t, province, 'DELETE', '/api/targets/A3/2027');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('2027 年各市分解之和（40000）超过全省目标（30000），请调整全省或各市目标');
    expect(cell(await plan('A3'), 2027, null)).toEqual({ value: 50000, source: 'set' });
  });
});

describe('target history (indicator_target_version)', () => {
  it('records every set and reset; the migration rebuilds the same history from the audit log', async () => {
    const rows = await t.database.pool.query<{ k: string }>(
      `select indicator_id || ':' || year || ':' || coalesce(city_code, '-') || '=' || coalesce(value::text, 'reset') k
       from indicator_target_version order by id`,
    );
    expect(rows.rows.length).toBeGreaterThan(3);
    expect(rows.rows.some((r) => r.k.endsWith('=reset'))).toBe(true);
    // The backfill of server/db/migrations/0021 (its first INSERT's SELECT), run against this database's audit log.
    const migration = readFileSync(
      fileURLToPath(new URL('../../db/migrations/0021_target_versions.sql', import.meta.url)),
      'utf8',
    );
    const select = /INSERT INTO "indicator_target_version"[^)]*\)\s*(SELECT[^;]*);/.exec(migration)![1]!;
    const rebuilt = await t.database.pool.query<{ k: string }>(
      `select indicator_id || ':' || year || ':' || coalesce(city_code, '-') || '=' || coalesce(value::text, 'reset') k
       from (${select}) as q(indicator_id, year, city_code, value, recorded_by, recorded_at)`,
    );
    expect(rebuilt.rows.map((r) => r.k).sort()).toEqual(rows.rows.map((r) => r.k).sort());
  });
});

describe('who may edit', () => {
  it('a city admin reads their plan but cannot save, reset or import targets (403)', async () => {
    expect((await save('T1', [{ year: 2027, cityCode: '370100', value: 1 }], jinan)).statusCode).toBe(403);
    expect((await as(t, jinan, 'DELETE', '/api/targets/T1/2027?city=370100')).statusCode).toBe(403);
    expect((await as(t, jinan, 'GET', '/api/imports/indicator_targets/template')).statusCode).toBe(403);
    const p = await plan('T3', jinan);
    expect(p.years.every((y) => y.cities.length === 1 && y.cities[0]!.cityCode === '370100')).toBe(true);
  });
});

describe('export', () => {
  it('writes the set targets in the import template’s columns, and the whole grid with sources', async () => {
    const res = await as(t, province, 'GET', '/api/targets/export?indicator=T3');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['指标编号', '年份', '城市', '目标值']);
    expect(rows.slice(1)).toEqual([
      ['T3', 2027, '全省', 3000],
      ['T3', 2027, '济南市', 1200],
      ['T3', 2027, '青岛市', 900],
    ]);
    const grid = await readXlsx(res.rawPayload, '目标一览');
    expect(grid[1]!.slice(0, 6)).toEqual(['T3', '数字化解决方案设计师', '人', '全省', '', '未设目标']);
    expect(grid[1]!.slice(6, 8)).toEqual([3000, '已设定']);
    expect(grid).toHaveLength(18);

    const all = await readXlsx((await as(t, province, 'GET', '/api/targets/export')).rawPayload);
    expect(all.slice(1).map((r) => r[0])).toContain('T5');
    expect(all.slice(1).find((r) => r[0] === 'T5' && r[2] === '济南市')).toEqual(['T5', 2030, '济南市', 90]);

    const city = await readXlsx((await as(t, jinan, 'GET', '/api/targets/export?indicator=T3')).rawPayload);
    expect(city.slice(1)).toEqual([
      ['T3', 2027, '全省', 3000],
      ['T3', 2027, '济南市', 1200],
    ]);
  });
});
