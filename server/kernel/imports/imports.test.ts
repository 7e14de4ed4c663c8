/**
 * The import framework end to end over HTTP, with a toy entity (物品) and a running job
 * queue: template, upload, validation, progress, result file, both commit modes, the state
 * machine, idempotent re-upload and ownership.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { forbidden } from '../errors/app-error.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { defineImportEntity } from './entity.js';
import { cellText, fail, ok, parseChoice, parseDay, parseText } from './normalize.js';
import { createImportService, registerImportJobs } from './imports.service.js';
import { importRoutes } from './imports.routes.js';
import {
  commitAndWait,
  csvOf,
  readXlsx,
  testAppWithJobs,
  uploadAndValidate,
  uploadFile,
  waitForBatch,
  xlsxOf,
} from './testing.js';

interface WidgetRaw {
  code: string;
  name: string;
  qty?: number;
  day?: string;
  kind?: string;
}
interface Widget {
  code: string;
  name: string;
  qty: number | null;
  day: string | null;
  kind: string | null;
}

const widgets = defineImportEntity<WidgetRaw, Widget, { calls: number }>({
  key: 'widgets',
  title: '物品',
  sheetName: '物品',
  permission: 'import.run',
  authorize(actor) {
    if (!actor.roles.includes('province_admin')) throw forbidden('只有省级管理员可以导入物品');
  },
  columns: [
    {
      key: 'code',
      header: '编号',
      required: true,
      example: 'W1',
      note: 'W 加数字',
      text: true,
      parse: (c) => (/^W\d+$/.test(cellText(c)) ? ok(cellText(c)) : fail('编号应为 W 加数字')),
    },
    {
      key: 'name',
      header: '名称',
      aliases: ['品名'],
      required: true,
      example: '螺丝',
      note: '不超过 20 个字',
      parse: (c) => parseText(c, 20),
    },
    {
      key: 'qty',
      header: '数量',
      required: false,
      example: '3',
      note: '非负整数',
      parse: (c) => {
        const n = Number(cellText(c));
        return Number.isInteger(n) && n >= 0 ? ok(n) : fail('数量应为非负整数');
      },
    },
    { key: 'day', header: '日期', required: false, example: '2023-05-01', note: '日期', parse: (c) => parseDay(c) },
    {
      key: 'kind',
      header: '类别',
      required: false,
      example: '甲',
      note: '甲 或 乙',
      options: ['甲', '乙'],
      parse: (c) => parseChoice(c, { 甲: '甲', 乙: '乙' }),
    },
  ],
  rules: ['物品编号在平台内唯一。'],
  async context() {
    return { calls: 0 };
  },
  validateRow(raw) {
    if (raw.kind === '乙' && raw.qty === undefined)
      return { ok: false, problems: [{ column: 'qty', message: '乙类物品必须填写数量' }] };
    return {
      ok: true,
      row: { code: raw.code, name: raw.name, qty: raw.qty ?? null, day: raw.day ?? null, kind: raw.kind ?? null },
    };
  },
  duplicateKey: { column: 'code', of: (raw) => raw.code ?? null },
  pipelineCommit: true,
  async commit(tx, _actor, rows) {
    if (rows.some((r) => r.code === 'W666')) {
      await tx.execute(sql`select pg_sleep(0.05)`);
      throw new Error('boom');
    }
    const r = await tx.execute<{ code: string }>(sql`
      insert into widget (code, name, qty, day, kind)
      select * from unnest(${sql.param(rows.map((x) => x.code))}::text[], ${sql.param(rows.map((x) => x.name))}::text[],
        ${sql.param(rows.map((x) => x.qty))}::int[], ${sql.param(rows.map((x) => x.day))}::date[],
        ${sql.param(rows.map((x) => x.kind))}::text[])
      on conflict (code) do nothing returning code`);
    return { inserted: r.rows.length, existing: rows.length - r.rows.length };
  },
});

const HEADER = ['编号', '名称', '数量', '日期', '类别'];

describe('import framework', () => {
  let t: Awaited<ReturnType<typeof testAppWithJobs>>;
  let admin: TestUser;
  let other: TestUser;
  const widgetCodes = async () =>
    (await t.database.pool.query<{ code: string }>('select code from widget order by code')).rows.map((r) => r.code);
  const get = (u: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: u.cookie } });

  beforeAll(async () => {
    t = await testAppWithJobs({
      extraRoutes: async (app, s, { jobs, crypto }) => {
        const imports = createImportService({
          db: s.db,
          crypto,
          clock: s.clock,
          jobs,
          entities: [widgets],
          maxBytes: 1024 * 1024,
        });
        registerImportJobs(jobs, imports);
        await app.register(importRoutes(imports, widgets));
      },
    });
    await t.database.pool.query(
      'create table widget (code text primary key, name text not null, qty int, day date, kind text)',
    );
    admin = await buildUser(t, { roles: ['province_admin'] });
    other = await buildUser(t, { roles: ['province_admin'] });
  });

  it('serves a template: bold frozen headers, an example row, drop-down lists and 填写说明', async () => {
    const res = await get(admin, '/api/imports/widgets/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''" + encodeURIComponent('物品导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('物品')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['示例：W1', '螺丝', '3', '2023-05-01', '甲']);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
      .dataValidations.model;
    expect(dv['E2']).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$3"] });
    expect(dv['E20001']).toBeDefined();
    expect(dv['A2']).toBeUndefined();
    const lists = wb.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    expect([lists.getCell('A2').value, lists.getCell('A3').value]).toEqual(['甲', '乙']);
    const help = (await readXlsx(res.rawPayload, '填写说明')).map((r) => r.join(' '));
    expect(help[0]).toBe('列名 是否必填 填写要求 示例');
    expect(help).toContain('编号 必填 W 加数字 W1');
    expect(help.join('\n')).toContain('物品编号在平台内唯一。');
    expect(help.join('\n')).toContain('第 2 行是示例');
  });

  it('ignores the example row left in a filled template', async () => {
    const tpl = await get(admin, '/api/imports/widgets/template');
    const rows = await readXlsx(tpl.rawPayload);
    const file = await xlsxOf([...rows, ['W100', '垫片', 2, null, '乙']]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    expect(b).toMatchObject({ status: 'validated', totalRows: 1, validRows: 1, errorRows: 0 });
  });

  it('validates every row, reports progress up to the total, and names each problem by row and column', async () => {
    const file = await xlsxOf([
      HEADER,
      ['W1', '螺丝', 3, new Date(Date.UTC(2023, 4, 1)), '甲'],
      ['X2', '螺母', 1, null, null],
      [null, null, null, null, null],
      ['W1', '螺丝', 3, null, null],
      ['W4', null, 'abc', '2023-02-30', '丙'],
      ['W5', '垫圈', null, null, '乙'],
      ['W6', '弹簧', 0, 45047, null],
    ]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    expect(b).toMatchObject({ status: 'validated', totalRows: 6, validRows: 2, errorRows: 4, resultAvailable: true });
    expect(b.progress).toEqual({ done: 6, total: 6 });
    expect(b.message).toBe('共 6 行，4 行有错误，请下载结果文件查看');
    expect(b.errors).toEqual([
      { row: 3, column: '编号', message: '编号应为 W 加数字' },
      { row: 5, column: '编号', message: '与第 2 行重复' },
      { row: 6, column: '名称', message: '必填，不能为空' },
      { row: 6, column: '数量', message: '数量应为非负整数' },
      { row: 6, column: '日期', message: '日期不存在：2023-02-30' },
      { row: 6, column: '类别', message: '应为 甲、乙 之一，实际为「丙」' },
      { row: 7, column: '数量', message: '乙类物品必须填写数量' },
    ]);
    const errs = (await get(admin, `/api/imports/widgets/batches/${b.id}/errors?pageSize=2&page=2`)).json();
    expect(errs).toEqual({
      total: 7,
      items: [
        { row: 6, column: '名称', message: '第 6 行「名称」：必填，不能为空' },
        { row: 6, column: '数量', message: '第 6 行「数量」：数量应为非负整数' },
      ],
    });

    const res = await get(admin, `/api/imports/widgets/batches/${b.id}/result`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('物品-校验结果.xlsx'));
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([...HEADER, '错误说明']);
    expect(rows[1]).toEqual(['W1', '螺丝', 3, new Date(Date.UTC(2023, 4, 1)), '甲']);
    expect(rows[2]![5]).toBe('第 3 行「编号」：编号应为 W 加数字');
    expect(rows[4]![5]).toBe('第 5 行「编号」：与第 2 行重复');
    expect(rows[5]![5]).toBe(
      '第 6 行「名称」：必填，不能为空；第 6 行「数量」：数量应为非负整数；第 6 行「日期」：日期不存在：2023-02-30；第 6 行「类别」：应为 甲、乙 之一，实际为「丙」',
    );
    expect(rows[6]![5]).toBe('第 7 行「数量」：乙类物品必须填写数量');
    expect(rows[7]).toEqual(['W6', '弹簧', 0, 45047]); // as uploaded; no error, no 错误说明
  });

  it('all_or_nothing: any error and nothing is written; the batch says so and cannot be committed again', async () => {
    const before = await widgetCodes();
    const file = await xlsxOf([HEADER, ['W10', '甲件', 1, null, null], ['W11', null, null, null, null]]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    const r = await commitAndWait(t, admin, 'widgets', b.id, 'all_or_nothing');
    expect(r).toMatchObject({ status: 'rejected', mode: 'all_or_nothing' });
    expect(r.message).toContain('有 1 行存在错误，按“全部正确才导入”方式未写入任何数据');
    expect(await widgetCodes()).toEqual(before);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/imports/widgets/batches/${b.id}/commit`,
      headers: { cookie: admin.cookie },
      payload: { mode: 'valid_only' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该批次当前状态为「未导入」，不能提交');
  });

  it('valid_only: bad rows are skipped and listed, good rows written in one transaction, audited by counts', async () => {
    const file = await xlsxOf([
      HEADER,
      ['W20', '二十', 5, '2023/5/1', '乙'],
      ['W21', null, null, null, null],
      ['W22', '二二', null, null, null],
    ]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    const r = await commitAndWait(t, admin, 'widgets', b.id, 'valid_only');
    expect(r).toMatchObject({
      status: 'committed',
      mode: 'valid_only',
      outcome: { rows: 2, inserted: 2, existing: 0 },
      message: '已导入 2 行，跳过 1 行有错误的数据',
      progress: { done: 2, total: 2 },
    });
    expect(r.errors).toEqual([{ row: 3, column: '名称', message: '必填，不能为空' }]);
    const stored = await t.database.pool.query(
      'select code, qty, day, kind from widget where code like $1 order by code',
      ['W2_'],
    );
    expect(stored.rows).toEqual([
      { code: 'W20', qty: 5, day: '2023-05-01', kind: '乙' },
      { code: 'W22', qty: null, day: null, kind: null },
    ]);
    const audit = await t.database.pool.query(
      `select action, after from audit_log where entity = 'import_batch' and entity_id = $1 order by id`,
      [b.id],
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['import.upload', 'import.commit']);
    expect(audit.rows[1].after).toMatchObject({
      entity: 'widgets',
      mode: 'valid_only',
      rows: 2,
      errorRows: 1,
      inserted: 2,
    });
    expect(JSON.stringify(audit.rows)).not.toMatch(/W20|二十/);
    // The staged rows are gone once written; the upload stays (for the result file), sealed.
    const staged = await t.database.pool.query('select count(*)::int as n from import_chunk where batch_id = $1', [
      b.id,
    ]);
    expect(staged.rows[0].n).toBe(0);
    const file2 = await t.database.pool.query('select content from import_file where batch_id = $1', [b.id]);
    expect(file2.rows[0].content.includes(Buffer.from('PK\x03\x04'))).toBe(false);
  });

  it('re-uploading the same rows writes nothing twice', async () => {
    const file = await xlsxOf([HEADER, ['W30', '三十', 1, null, null], ['W31', '三一', 2, null, null]]);
    const first = await commitAndWait(
      t,
      admin,
      'widgets',
      (await uploadAndValidate(t, admin, 'widgets', 'a.xlsx', file)).id,
      'all_or_nothing',
    );
    expect(first.outcome).toEqual({ rows: 2, inserted: 2, existing: 0 });
    const second = await commitAndWait(
      t,
      admin,
      'widgets',
      (await uploadAndValidate(t, admin, 'widgets', 'a.xlsx', file)).id,
      'all_or_nothing',
    );
    expect(second).toMatchObject({ status: 'committed', outcome: { rows: 2, inserted: 0, existing: 2 } });
    expect((await widgetCodes()).filter((c) => c.startsWith('W3'))).toEqual(['W30', 'W31']);
  });

  it('a batch cannot be committed twice, even by two requests at once', async () => {
    const file = await xlsxOf([HEADER, ['W40', '四十', 1, null, null]]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    const commit = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/imports/widgets/batches/${b.id}/commit`,
        headers: { cookie: admin.cookie },
        payload: { mode: 'valid_only' },
      });
    const codes = (await Promise.all([commit(), commit()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const done = await waitForBatch(t, admin, 'widgets', b.id);
    expect(done.status).toBe('committed');
    const late = await commit();
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('该批次当前状态为「已导入」，不能提交（不能重复提交）');
  });

  it('another user sees neither the batch nor its rows', async () => {
    const file = await xlsxOf([HEADER, ['W50', '五十', 1, null, null]]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    for (const path of ['', '/errors', '/result'])
      expect((await get(other, `/api/imports/widgets/batches/${b.id}${path}`)).statusCode).toBe(404);
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/imports/widgets/batches/${b.id}/commit`,
      headers: { cookie: other.cookie },
      payload: { mode: 'valid_only' },
    });
    expect(commit.statusCode).toBe(404);
    const mine = (await get(admin, '/api/imports/widgets/batches?pageSize=200')).json();
    const theirs = (await get(other, '/api/imports/widgets/batches')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(b.id);
    expect(theirs).toEqual({ items: [], total: 0 });
  });

  it('refuses a role the entity does not allow, before reading the upload', async () => {
    const city = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    expect((await get(city, '/api/imports/widgets/template')).json().error.message).toBe('只有省级管理员可以导入物品');
    const up = await uploadFile(t, city, 'widgets', '物品.xlsx', await xlsxOf([HEADER]));
    expect(up.statusCode).toBe(403);
  });

  it('rejects wrong or missing headers, naming the expected and the found ones', async () => {
    const wrong = await uploadAndValidate(
      t,
      admin,
      'widgets',
      '物品.xlsx',
      await xlsxOf([
        ['编号', '名字', '数量', '类别'],
        ['W60', '六十', 1, '甲'],
      ]),
    );
    expect(wrong).toMatchObject({ status: 'rejected', resultAvailable: false, errors: [] });
    expect(wrong.message).toBe(
      '表头不正确：缺少「名称」「日期」；无法识别「名字」。模板表头为：编号、名称、数量、日期、类别；文件第 1 行为：编号、名字、数量、类别。请使用下载的模板',
    );
    const none = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', await xlsxOf([[null], ['W61', '六一']]));
    expect(none.message).toBe('第 1 行应为表头（编号、名称、数量、日期、类别），但第 1 行是空的');
    const twice = await uploadAndValidate(
      t,
      admin,
      'widgets',
      '物品.csv',
      csvOf(
        [
          [...HEADER, '品名'],
          ['W62', 'x', '1', '', ''],
        ],
        'utf-8',
      ),
    );
    expect(twice.message).toContain('重复「品名」');
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/imports/widgets/batches/${wrong.id}/result`,
      headers: { cookie: admin.cookie },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe(`该批次没有结果文件：${wrong.message}`);
  });

  it('accepts a result file uploaded again after fixing (its 错误说明 column is ignored), headers by alias', async () => {
    const file = await xlsxOf([
      [...HEADER.slice(0, 1), '品名', ...HEADER.slice(2), '错误说明'],
      ['W70', '七十', 1, null, null, '第 2 行…'],
    ]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品-校验结果.xlsx', file);
    expect(b).toMatchObject({ status: 'validated', totalRows: 1, validRows: 1 });
    const rows = await readXlsx((await get(admin, `/api/imports/widgets/batches/${b.id}/result`)).rawPayload);
    expect(rows[0]).toEqual(['编号', '品名', '数量', '日期', '类别', '错误说明']);
  });

  it('refuses the rows of merged cells, naming the range', async () => {
    const file = await xlsxOf(
      [HEADER, ['W80', '八十', 1, null, null], ['W81', '八一', 1, null, null], ['W82', null, 1, null, null]],
      { merges: ['B3:B4'] },
    );
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    expect(b).toMatchObject({ status: 'validated', totalRows: 3, validRows: 1, errorRows: 2 });
    expect(b.errors).toEqual([
      { row: 3, column: '名称', message: '合并单元格（B3:B4），请取消合并并在每一行填写完整' },
      { row: 4, column: '名称', message: '必填，不能为空' },
      { row: 4, column: '名称', message: '合并单元格（B3:B4），请取消合并并在每一行填写完整' },
    ]);
    const r = await commitAndWait(t, admin, 'widgets', b.id, 'valid_only');
    expect(r.outcome).toEqual({ rows: 1, inserted: 1, existing: 0 });
    expect((await widgetCodes()).filter((c) => c.startsWith('W8'))).toEqual(['W80']);
  });

  it('refuses an empty file, a file with no data rows, one over the size limit and a non-Excel .xlsx', async () => {
    const empty = await uploadFile(t, admin, 'widgets', '物品.xlsx', Buffer.alloc(0));
    expect([empty.statusCode, empty.json().error.message]).toEqual([400, '文件为空，请选择填写好的文件']);
    const headerOnly = await uploadAndValidate(
      t,
      admin,
      'widgets',
      '物品.xlsx',
      await xlsxOf([HEADER, ['示例：W1', '螺丝']]),
    );
    expect(headerOnly).toMatchObject({
      status: 'rejected',
      message: '文件中没有数据行（示例行不计），请从第 2 行起填写',
    });
    const big = await uploadFile(t, admin, 'widgets', '物品.csv', Buffer.alloc(1024 * 1024 + 1, 0x41));
    expect([big.statusCode, big.json().error.message]).toEqual([400, '文件超过 1 MB 上限，请拆分成多个文件后分别上传']);
    const fake = await uploadFile(t, admin, 'widgets', '物品.xlsx', Buffer.from('编号,名称\nW1,螺丝\n'));
    expect([fake.statusCode, fake.json().error.message]).toEqual([
      400,
      '文件扩展名是 .xlsx，但内容不是 Excel 文件，请用 Excel 另存为 .xlsx 后上传',
    ]);
    const damaged = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 1)]);
    const broken = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', damaged);
    expect(broken).toMatchObject({
      status: 'rejected',
      message: '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式，请用 Excel 打开后另存为 .xlsx 再上传',
    });
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/imports/widgets',
      headers: { cookie: admin.cookie },
      payload: { file: 'x' },
    });
    expect([notMultipart.statusCode, notMultipart.json().error.message]).toEqual([
      400,
      '请以 multipart/form-data 上传文件（字段名 file）',
    ]);
  });

  it('reads CSV in GBK and in UTF-8 with a BOM', async () => {
    for (const [enc, code] of [
      ['gbk', 'W90'],
      ['utf-8-bom', 'W91'],
    ] as const) {
      const file = csvOf([HEADER, [code, '中文名称', '2', '2023年5月1日', '乙']], enc);
      const b = await uploadAndValidate(t, admin, 'widgets', '物品.csv', file);
      expect(b).toMatchObject({ status: 'validated', fileFormat: 'csv', validRows: 1 });
      await commitAndWait(t, admin, 'widgets', b.id, 'all_or_nothing');
    }
    const stored = await t.database.pool.query(
      `select code, name, day from widget where code in ('W90', 'W91') order by code`,
    );
    expect(stored.rows).toEqual([
      { code: 'W90', name: '中文名称', day: '2023-05-01' },
      { code: 'W91', name: '中文名称', day: '2023-05-01' },
    ]);
  });

  it('commits many chunks in one transaction, and a failing chunk among them leaves nothing written', async () => {
    const many = (n: number, bad?: number) =>
      Array.from({ length: n }, (_, i) => [i === bad ? 'W666' : `W${100_000 + i}`, `件${i}`, i, null, null]);
    const failing = await uploadAndValidate(
      t,
      admin,
      'widgets',
      '物品.xlsx',
      await xlsxOf([HEADER, ...many(12_000, 7_000)]),
    );
    expect(failing).toMatchObject({ status: 'validated', validRows: 12_000 });
    const f = await commitAndWait(t, admin, 'widgets', failing.id, 'valid_only');
    expect(f.status).toBe('failed');
    expect((await widgetCodes()).filter((c) => c.length === 7)).toEqual([]);
    const ok = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', await xlsxOf([HEADER, ...many(12_000)]));
    const r = await commitAndWait(t, admin, 'widgets', ok.id, 'valid_only');
    expect(r).toMatchObject({
      status: 'committed',
      outcome: { rows: 12_000, inserted: 12_000 },
      progress: { done: 12_000, total: 12_000 },
    });
    expect((await widgetCodes()).filter((c) => c.length === 7)).toHaveLength(12_000);
  }, 60_000);

  it('a commit that fails writes nothing and leaves the batch failed', async () => {
    const file = await xlsxOf([HEADER, ['W665', '正常', 1, null, null], ['W666', '出错', 1, null, null]]);
    const b = await uploadAndValidate(t, admin, 'widgets', '物品.xlsx', file);
    const r = await commitAndWait(t, admin, 'widgets', b.id, 'valid_only');
    expect(r.status).toBe('failed');
    expect(r.message).toContain('导入失败，没有写入任何数据');
    expect(await widgetCodes()).not.toContain('W665');
  });
});
