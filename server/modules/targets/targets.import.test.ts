/**
 * Importing targets (issue 4 §2): the template, each rejected input with its own Chinese
 * message naming row and column, a valid file committed in one transaction (audited, shown as
 * 已设定 in the plan), a re-upload that changes nothing, the export imported again, and who may import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, type TestUser } from '../../test/factories.js';
import {
  commitAndWait,
  csvOf,
  readXlsx,
  testAppWithJobs,
  uploadAndValidate,
  uploadFile,
  xlsxOf,
} from '../../kernel/imports/testing.js';

const E = 'indicator_targets';
const HEADER = ['指标编号', '年份', '城市', '目标值'];

let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let admin: TestUser;
let jinan: TestUser;
beforeAll(async () => {
  t = await testAppWithJobs();
  admin = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
});

const stored = async (indicator: string) =>
  (
    await t.database.pool.query<{ year: number; city_code: string | null; value: string }>(
      `select year, city_code, value from indicator_target where indicator_id = $1 order by year, city_code nulls first`,
      [indicator],
    )
  ).rows.map((r) => [r.year, r.city_code, Number(r.value)]);

/** Uploads the rows; expects validation to list exactly these errors; all-or-nothing then writes nothing. */
async function rejects(rows: unknown[][], errors: { row: number; column: string | null; message: string }[]) {
  const indicators = [...new Set(rows.map((r) => String(r[0])))];
  const before = await Promise.all(indicators.map(stored));
  const b = await uploadAndValidate(t, admin, E, 'targets.xlsx', await xlsxOf([HEADER, ...rows]));
  expect(b.status, b.message).toBe('validated');
  expect(b.errors).toEqual(errors);
  const done = await commitAndWait(t, admin, E, b.id, 'all_or_nothing');
  expect(done.status).toBe('rejected');
  expect(await Promise.all(indicators.map(stored))).toEqual(before);
  return b;
}

describe('the template', () => {
  it('has the Chinese headers, an example row, drop-downs and 填写说明', async () => {
    const res = await as(t, admin, 'GET', `/api/imports/${E}/template`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1]).toEqual(['示例：T1', '2027', '济南市', '20000']);
    const options = await readXlsx(res.rawPayload, '选项');
    expect(options.map((r) => r[0]).slice(0, 3)).toEqual(['指标编号', 'T1', 'T2']);
    expect(options.map((r) => r[2])).toContain('全省');
    expect(options.map((r) => r[2])).toContain('济南市');
    const help = (await readXlsx(res.rawPayload, '填写说明')).flat().join('\n');
    expect(help).toContain('各市分解之和不能超过全省当年目标');
  });
});

describe('rejected inputs, each with its own message', () => {
  it('an unknown indicator', async () => {
    await rejects(
      [['X9', 2027, '全省', 100]],
      [
        {
          row: 2,
          column: '指标编号',
          message: '未知的指标编号「X9」，应为 T1、T2、T3、T4、T5、A1、A2、A3、A4、A5、A6、A7、A8、C1、C2 之一',
        },
      ],
    );
  });

  it('an indicator without targets (registered beyond the plan)', async () => {
    t.services.targets.register({
      id: 'X1',
      title: '试验指标',
      unit: '人',
      kind: 'cumulative',
      compute: async () => new Map(),
    });
    await rejects([['X1', 2027, '全省', 100]], [{ row: 2, column: '指标编号', message: '指标 X1 不设目标，不能导入' }]);
  });

  it('a year outside 2026–2030, or not a year', async () => {
    await rejects(
      [
        ['T1', 2031, '全省', 100],
        ['T1', '明年', '全省', 100],
      ],
      [
        { row: 2, column: '年份', message: '年份应为 2026–2030 之间的整数，实际为「2031」' },
        { row: 3, column: '年份', message: '年份应为 2026–2030 之间的整数，实际为「明年」' },
      ],
    );
  });

  it('an unknown city, and an abolished one', async () => {
    await rejects(
      [
        ['T1', 2027, '北京市', 100],
        ['T1', 2027, '莱芜市', 100],
      ],
      [
        {
          row: 2,
          column: '城市',
          message: '未知城市「北京市」，应为“全省”或山东省 16 个地级市之一（如 济南市 或 370100）',
        },
        { row: 3, column: '城市', message: '「莱芜市」已撤销，请填写现行的地级市（济南市）' },
      ],
    );
  });

  it('a negative value', async () => {
    await rejects([['T1', 2027, '济南市', -5]], [{ row: 2, column: '目标值', message: '目标值不能为负数' }]);
  });

  it('a share above 100 %', async () => {
    await rejects(
      [
        ['T5', 2030, '济南市', 120],
        ['T5', 2030, '青岛市', '101%'],
      ],
      [
        { row: 2, column: '目标值', message: '比例类指标的目标值不能超过 100%（实际为 120%）' },
        { row: 3, column: '目标值', message: '比例类指标的目标值不能超过 100%（实际为 101%）' },
      ],
    );
  });

  it('a value that is not a number, not whole, or a percentage for a count', async () => {
    await rejects(
      [
        ['T1', 2027, '济南市', '两万'],
        ['T1', 2027, '青岛市', 10.5],
        ['T1', 2027, '淄博市', '50%'],
      ],
      [
        { row: 2, column: '目标值', message: '目标值应为数字，实际为「两万」' },
        { row: 3, column: '目标值', message: '数量类目标应为整数' },
        { row: 4, column: '目标值', message: '数量类指标的目标值应为整数，不能填百分数' },
      ],
    );
  });

  it('a blank required cell', async () => {
    await rejects([['T1', 2027, null, 100]], [{ row: 2, column: '城市', message: '必填，不能为空' }]);
  });

  it('the same indicator, year and city twice in the file (名称 and 代码 alike)', async () => {
    await rejects(
      [
        ['A1', 2027, '济南市', 100],
        ['A1', 2027, '370100', 200],
      ],
      [{ row: 3, column: '城市', message: '与第 2 行重复' }],
    );
  });

  it('cities summing over the province total, as a whole: every row of that indicator-year is refused', async () => {
    // The file's own province total (2,000) against its split; another year of the file is fine.
    await rejects(
      [
        ['A2', 2027, '全省', 2000],
        ['A2', 2027, '济南市', 1500],
        ['A2', 2027, '青岛市', 600],
        ['A2', 2028, '济南市', 100],
      ],
      [2, 3, 4].map((row) => ({
        row,
        column: '目标值',
        message: '2027 年各市分解之和（2100）超过全省目标（2000），请调整全省或各市目标',
      })),
    );
    // Without a province row: the stored total (here the catalogue default, 30,000) counts.
    await rejects(
      [
        ['A3', 2026, '济南市', 20000],
        ['A3', 2026, '青岛市', 10001],
      ],
      [2, 3].map((row) => ({
        row,
        column: '目标值',
        message: '2026 年各市分解之和（30001）超过全省目标（30000），请调整全省或各市目标',
      })),
    );
  });

  it('a file with the wrong headers is rejected as a whole', async () => {
    const b = await uploadAndValidate(
      t,
      admin,
      E,
      't.xlsx',
      await xlsxOf([
        ['指标', '年', '城市'],
        ['T1', 2027, '全省'],
      ]),
    );
    expect(b.status).toBe('rejected');
    expect(b.message).toContain('缺少「年份」「目标值」');
  });
});

describe('a valid import', () => {
  it('commits in one transaction, audited; the plan shows 已设定; a re-upload changes nothing', async () => {
    const rows = [
      ['T3', 2027, '全省', 3000],
      ['T3', '2027年', '济南市', 1200],
      ['T3', 2027, '370200', 800],
      ['t5 企业需求与人才适配度', 2030, '青岛市', '90%'],
      ['T5', 2030, '烟台', 0.88],
      ['A1', 2026, '全省', '1,200'],
    ];
    const file = await xlsxOf([HEADER, ['示例：T1', 2027, '济南市', 20000], ...rows]);
    const b = await uploadAndValidate(t, admin, E, 'targets.xlsx', file);
    expect(b.message).toBe('共 6 行，全部校验通过');
    const done = await commitAndWait(t, admin, E, b.id, 'all_or_nothing');
    expect(done.status, done.message).toBe('committed');
    expect(done.outcome).toEqual({ rows: 6, targetsChanged: 6, targetsUnchanged: 0 });
    expect(await stored('T3')).toEqual([
      [2027, null, 3000],
      [2027, '370100', 1200],
      [2027, '370200', 800],
    ]);
    expect(await stored('T5')).toEqual([
      [2030, '370200', 0.9],
      [2030, '370600', 0.88],
    ]);
    expect(await stored('A1')).toEqual([[2026, null, 1200]]);

    const plan = (await as(t, admin, 'GET', '/api/targets/T3/targets')).json();
    const y = plan.years.find((x: { year: number }) => x.year === 2027);
    expect(y.province).toEqual({ value: 3000, source: 'set' });
    expect(y.cities.find((c: { cityCode: string }) => c.cityCode === '370100')).toMatchObject({
      value: 1200,
      source: 'set',
    });

    const audit = await t.database.pool.query<{ action: string; entity_id: string; after: { via: string } }>(
      `select action, entity_id, after from audit_log where entity = 'indicator_target' order by id`,
    );
    expect(audit.rows.map((r) => r.entity_id)).toEqual([
      'A1:2026:province',
      'T3:2027:province',
      'T3:2027:370100',
      'T3:2027:370200',
      'T5:2030:370200',
      'T5:2030:370600',
    ]);
    expect(audit.rows.every((r) => r.action === 'target.set' && r.after.via === 'import')).toBe(true);
    const commits = await t.database.pool.query(
      `select after from audit_log where action = 'import.commit' and entity_id = $1`,
      [b.id],
    );
    expect(commits.rows[0].after).toMatchObject({ entity: E, rows: 6, targetsChanged: 6 });

    // The same file again: validated, committed, nothing changed and nothing more audited.
    const again = await uploadAndValidate(t, admin, E, 'targets.xlsx', file);
    const done2 = await commitAndWait(t, admin, E, again.id, 'all_or_nothing');
    expect(done2.outcome).toEqual({ rows: 6, targetsChanged: 0, targetsUnchanged: 6 });
    const count = await t.database.pool.query(
      `select count(*)::int as n from audit_log where entity = 'indicator_target'`,
    );
    expect(count.rows[0].n).toBe(6);
  });

  it('valid-only skips the refused indicator-year and writes the rest', async () => {
    const b = await uploadAndValidate(
      t,
      admin,
      E,
      'targets.csv',
      csvOf([HEADER, ['A4', 2028, '全省', 6], ['A5', 2028, '全省', 100], ['A5', 2028, '济南市', 101]], 'gbk'),
    );
    expect(b.errorRows).toBe(2);
    const done = await commitAndWait(t, admin, E, b.id, 'valid_only');
    expect(done.status).toBe('committed');
    expect(await stored('A4')).toEqual([[2028, null, 6]]);
    expect(await stored('A5')).toEqual([]);
  });

  it('the export can be imported again as it is, changing nothing', async () => {
    const exported = (await as(t, admin, 'GET', '/api/targets/export')).rawPayload;
    const b = await uploadAndValidate(t, admin, E, '指标目标.xlsx', exported);
    expect(b.status, b.message).toBe('validated');
    expect(b.errorRows).toBe(0);
    const done = await commitAndWait(t, admin, E, b.id, 'all_or_nothing');
    expect(done.outcome).toMatchObject({ targetsChanged: 0 });
    expect(done.outcome.targetsUnchanged).toBeGreaterThanOrEqual(7);
  });
});

describe('who may import', () => {
  it('only the province admin: a city admin (who holds import.run) gets 403 before the upload is read', async () => {
    const res = await uploadFile(t, jinan, E, 't.xlsx', await xlsxOf([HEADER, ['T1', 2027, '济南市', 1]]));
    expect(res.statusCode).toBe(403);
    expect((await as(t, jinan, 'GET', `/api/imports/${E}/batches`)).statusCode).toBe(403);
  });
});
