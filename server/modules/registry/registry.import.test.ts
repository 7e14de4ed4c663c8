/**
 * Importing persons with employment (issue 3 §5): each accepted variant asserts the stored
 * value; each rejected input asserts its Chinese message, that all-or-nothing wrote nothing
 * and that valid-only skipped and listed the row.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import { createRng, syntheticIdNumber } from '../../seed/synthetic.js';
import { idCardCheckChar } from '../../kernel/validation/id-card.js';
import {
  commitAndWait,
  csvOf,
  readXlsx,
  testAppWithJobs,
  uploadAndValidate,
  uploadFile,
  xlsxOf,
} from '../../kernel/imports/testing.js';

const HEADER = [
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
type Col = 'name' | 'id' | 'phone' | 'edu' | 'city' | 'tier' | 'uscc' | 'post' | 'occ' | 'digital' | 'from';
const ORDER: Col[] = ['name', 'id', 'phone', 'edu', 'city', 'tier', 'uscc', 'post', 'occ', 'digital', 'from'];

const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
const fresh = (city = '370100', birth = `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`) =>
  syntheticIdNumber(rng, city, birth, rng.chance(0.5) ? 'M' : 'F');
/** A valid number with this 17-digit body (any birth date, even one that does not exist). */
const withCheck = (body: string) => body + idCardCheckChar(body);

let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let admin: TestUser;
let jinanAdmin: TestUser;
let enterprise: TestUser;
let provider: TestUser;
let jinan: { id: string; uscc: string };
let qingdao: { id: string; uscc: string };
let pending: { id: string; uscc: string };

async function org(cityCode: string) {
  const o = await buildOrg(t, { cityCode });
  const r = await t.database.pool.query<{ uscc: string }>('select uscc from organisation where id = $1', [o.id]);
  return { id: o.id, uscc: r.rows[0]!.uscc };
}

/** A row of the template; every column can be overridden (null = blank). */
function row(o: Partial<Record<Col, unknown>> = {}): unknown[] {
  const d: Record<Col, unknown> = {
    name: '王五',
    id: fresh(),
    phone: null,
    edu: '本科',
    city: '济南市',
    tier: '一线操作人员',
    uscc: jinan.uscc,
    post: '数控车工',
    occ: null,
    digital: '否',
    from: '2020-03-01',
    ...o,
  };
  return ORDER.map((k) => d[k]);
}
const idOf = (r: unknown[]) => String(r[1]);

const personCount = async () =>
  (await t.database.pool.query<{ n: number }>('select count(*)::int as n from person')).rows[0]!.n;

/** The stored person of an ID number (found by its blind index), decrypted, with employments. */
async function stored(idNumber: string) {
  const p = (
    await t.database.pool.query('select * from person where id_number_hash = $1', [t.crypto.blindIndex('id', idNumber)])
  ).rows[0];
  if (!p) return undefined;
  const employments = (
    await t.database.pool.query(
      'select org_id, post, occupation_code, is_digital_post, from_date from employment where person_id = $1 order by from_date',
      [p.id],
    )
  ).rows;
  return {
    id: p.id as string,
    name: p.name as string,
    idNumber: t.crypto.decrypt(p.id_number_enc),
    phone: p.phone_enc ? t.crypto.decrypt(p.phone_enc) : null,
    birthDate: p.birth_date as string,
    cityCode: p.city_code as string,
    education: p.education as string | null,
    tier: p.tier as string | null,
    employments,
  };
}

beforeAll(async () => {
  t = await testAppWithJobs();
  jinan = await org('370100');
  qingdao = await org('370200');
  pending = await org('370100');
  await t.database.pool.query(`update organisation set status = 'pending' where id = $1`, [pending.id]);
  admin = await buildUser(t, { roles: ['province_admin'] });
  jinanAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  enterprise = await buildUser(t, { roles: ['enterprise'], orgId: jinan.id });
  const training = await buildOrg(t, { kind: 'training' });
  provider = await buildUser(t, { roles: ['provider'], orgId: training.id });
});

describe('accepted and normalised (one file, committed all-or-nothing)', () => {
  const rows: Record<string, unknown[]> = {};
  let batch: { status: string; totalRows: number; outcome: Record<string, number> };

  beforeAll(async () => {
    let x = fresh();
    while (!x.endsWith('X')) x = fresh();
    const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const laiwu = withCheck('37120219800101123');
    const laiwu2 = withCheck('37120319810203124');
    Object.assign(rows, {
      lowerX: row({ id: x.toLowerCase() }),
      fullWidth: row({
        id: fullWidth(fresh()),
        uscc: fullWidth(jinan.uscc.toLowerCase()),
        phone: fullWidth('13900001234'),
      }),
      spaces: row({ name: '\u3000 赵六 ', id: ` ${fresh()}\u3000`, post: ' 装配工 ' }),
      dateCell: row({ from: new Date(Date.UTC(2023, 4, 1)) }),
      serial: row({ from: 45047 }),
      dash: row({ from: '2023-5-1' }),
      slash: row({ from: '2023/05/01' }),
      chinese: row({ from: '2023年5月1日' }),
      formerOccupation: row({ occ: '2-02-10-09', digital: '是' }),
      laiwuQingdao: row({ id: laiwu, city: '青岛市', uscc: qingdao.uscc }),
      laiwuNoCity: row({ id: laiwu2, city: null }),
      cityCode: row({ city: '370600' }),
      aliases: row({ edu: '大学本科', tier: '骨干' }),
      noEmployment: row({ uscc: null, post: null, digital: null, from: null }),
    });
    const file = await xlsxOf([HEADER, ...Object.values(rows)]);
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    expect(b.errors).toEqual([]);
    batch = await commitAndWait(t, admin, 'persons', b.id, 'all_or_nothing');
  });

  it('commits every row in one transaction', () => {
    const n = Object.keys(rows).length;
    expect(batch).toMatchObject({
      status: 'committed',
      totalRows: n,
      outcome: { rows: n, personsInserted: n, personsExisting: 0, employmentsInserted: n - 1, employmentsExisting: 0 },
    });
  });

  it('stores a lower-case x as X', async () => {
    const id = idOf(rows.lowerX!).toUpperCase();
    expect((await stored(id))?.idNumber).toBe(id);
  });

  it('stores full-width digits and letters half-width (ID number, USCC, phone)', async () => {
    const id = idOf(rows.fullWidth!).replace(/[０-９Ａ-Ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const p = await stored(id);
    expect(p).toMatchObject({ idNumber: id, phone: '13900001234' });
    expect(p!.employments[0].org_id).toBe(jinan.id);
  });

  it('trims leading, trailing and full-width spaces', async () => {
    const p = await stored(idOf(rows.spaces!).trim());
    expect(p).toMatchObject({ name: '赵六' });
    expect(p!.employments[0].post).toBe('装配工');
  });

  it.each(['dateCell', 'serial', 'dash', 'slash', 'chinese'])(
    'reads the hiring date of %s as 2023-05-01',
    async (k) => {
      expect((await stored(idOf(rows[k]!)))!.employments[0].from_date).toBe('2023-05-01');
    },
  );

  it('maps a former occupation code to the current one', async () => {
    const e = (await stored(idOf(rows.formerOccupation!)))!.employments[0];
    expect(e).toMatchObject({ occupation_code: '2-02-38-01', is_digital_post: true });
  });

  it('accepts an abolished 3712xx number; the row’s city wins', async () => {
    expect(await stored(idOf(rows.laiwuQingdao!))).toMatchObject({ cityCode: '370200', birthDate: '1980-01-01' });
    expect((await stored(idOf(rows.laiwuNoCity!)))?.cityCode).toBe('370100');
  });

  it('takes a city code and common spellings of education and tier', async () => {
    expect((await stored(idOf(rows.cityCode!)))?.cityCode).toBe('370600');
    expect(await stored(idOf(rows.aliases!))).toMatchObject({ education: '本科', tier: 'BACKBONE' });
  });

  it('registers a person without employment when the employer columns are empty', async () => {
    expect((await stored(idOf(rows.noEmployment!)))?.employments).toEqual([]);
  });

  it('re-uploading the same file registers nobody twice and adds no employment twice', async () => {
    const file = await xlsxOf([HEADER, ...Object.values(rows)]);
    const before = await personCount();
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    const r = await commitAndWait(t, admin, 'persons', b.id, 'all_or_nothing');
    const n = Object.keys(rows).length;
    expect(r.outcome).toEqual({
      rows: n,
      personsInserted: 0,
      personsExisting: n,
      employmentsInserted: 0,
      employmentsExisting: n - 1,
    });
    expect(await personCount()).toBe(before);
    expect((await stored(idOf(rows.serial!)))!.employments).toHaveLength(1);
  });
});

describe('rejected with a Chinese message naming row and column', () => {
  const good: unknown[][] = [];
  const bad: Record<string, unknown[]> = {};
  let strict: { id: string; status: string; message: string };
  let lenient: { id: string; status: string; outcome: Record<string, number> };
  let errors: { row: number; column: string | null; message: string }[];
  let before: number;
  let afterStrict: number;

  beforeAll(async () => {
    const dup = fresh();
    good.push(row({ id: dup }), row());
    Object.assign(bad, {
      checkDigit: row({ id: fresh().slice(0, 17) + 'Z' }),
      impossibleBirth: row({ id: withCheck('37010219900230123') }),
      futureBirth: row({ id: withCheck('37010220261215123') }),
      unknownOccupation: row({ occ: '9-99-99-99' }),
      unknownCity: row({ city: '北京市' }),
      abolishedCity: row({ city: '莱芜市' }),
      unknownOrg: row({ uscc: '91370100MA3C00011J' }),
      pendingOrg: row({ uscc: pending.uscc }),
      duplicate: row({ id: dup, name: '重复' }),
      hiredBeforeBirth: row({ id: fresh('370100', '1995-06-01'), from: '1994-01-01' }),
      futureHiring: row({ from: '2027-01-01' }),
    });
    // check digit: a wrong last character that is still a digit
    const id = idOf(bad.checkDigit!).slice(0, 17);
    bad.checkDigit![1] = id + String((Number(idCardCheckChar(id).replace('X', '10')) + 1) % 10);
    const file = await xlsxOf([HEADER, ...good, ...Object.values(bad)]);
    before = await personCount();
    const a = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    errors = a.errors;
    strict = await commitAndWait(t, admin, 'persons', a.id, 'all_or_nothing');
    afterStrict = await personCount();
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    lenient = await commitAndWait(t, admin, 'persons', b.id, 'valid_only');
  });

  const rowOf = (k: string) => 2 + good.length + Object.keys(bad).indexOf(k);

  /** The row's message; all-or-nothing wrote nothing; valid-only skipped the row, wrote the good ones and lists it. */
  async function expectRefused(k: string, column: string, message: string) {
    expect(errors).toContainEqual({ row: rowOf(k), column, message });
    expect(strict.status).toBe('rejected');
    expect(strict.message).toContain('未写入任何数据');
    expect(afterStrict).toBe(before);
    expect(lenient.status).toBe('committed');
    expect(lenient.outcome.personsInserted).toBe(good.length);
    const id = String(bad[k]![1]);
    if (k !== 'duplicate') expect(await stored(id)).toBeUndefined();
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/imports/persons/batches/${lenient.id}/errors?pageSize=200`,
      headers: { cookie: admin.cookie },
    });
    expect(listed.json().items).toContainEqual({
      row: rowOf(k),
      column,
      message: `第 ${rowOf(k)} 行「${column}」：${message}`,
    });
  }

  it('wrong check digit', () => expectRefused('checkDigit', '身份证号', '身份证号码校验位不正确'));
  it('impossible birth date', () => expectRefused('impossibleBirth', '身份证号', '身份证号码中的出生日期不存在'));
  it('future birth date', () => expectRefused('futureBirth', '身份证号', '身份证号码中的出生日期晚于今天'));
  it('unknown occupation code', () => expectRefused('unknownOccupation', '职业编码', '未知的职业编码「9-99-99-99」'));
  it('unknown city', () =>
    expectRefused('unknownCity', '所在城市', '未知城市「北京市」，应为山东省 16 个地级市之一（如 济南市 或 370100）'));
  it('abolished city', () =>
    expectRefused('abolishedCity', '所在城市', '「莱芜市」已撤销，请填写现行的地级市（济南市）'));
  it('unknown organisation USCC', () =>
    expectRefused(
      'unknownOrg',
      '工作单位统一社会信用代码',
      '单位 91370100MA3C00011J 未在平台登记，请先由单位注册并通过审核',
    ));
  it('organisation not yet approved', async () => {
    const name = (
      await t.database.pool.query<{ name: string }>('select name from organisation where id = $1', [pending.id])
    ).rows[0]!.name;
    await expectRefused('pendingOrg', '工作单位统一社会信用代码', `单位「${name}」尚未通过审核`);
  });
  it('duplicate ID number inside the file', async () => {
    await expectRefused('duplicate', '身份证号', '与第 2 行重复');
    expect((await stored(idOf(good[0]!)))?.name).toBe('王五'); // the first occurrence is the one imported
  });
  it('hiring date before the birth date', () => expectRefused('hiredBeforeBirth', '入职日期', '入职日期早于出生日期'));
  it('hiring date in the future', () => expectRefused('futureHiring', '入职日期', '日期不能晚于今天'));
});

describe('rejected files', () => {
  it('wrong headers', async () => {
    const header = [...HEADER];
    header[1] = '身份证';
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([header, row()]));
    expect(b.status).toBe('rejected');
    expect(b.message).toBe(
      `表头不正确：缺少「身份证号」；无法识别「身份证」。模板表头为：${HEADER.join('、')}；文件第 1 行为：${header.join('、')}。请使用下载的模板`,
    );
  });

  it('missing headers', async () => {
    const before = await personCount();
    const header = HEADER.slice(0, 9);
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([header, row().slice(0, 9)]));
    expect(b).toMatchObject({ status: 'rejected', totalRows: null });
    expect(b.message).toContain('表头不正确：缺少「是否数字岗位」「入职日期」。');
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/imports/persons/batches/${b.id}/commit`,
      headers: { cookie: admin.cookie },
      payload: { mode: 'valid_only' },
    });
    expect(commit.statusCode).toBe(409);
    expect(await personCount()).toBe(before);
  });

  it('merged cells: their rows are refused, naming the range', async () => {
    const rows = [row(), row(), row({ uscc: null })];
    const file = await xlsxOf([HEADER, ...rows], { merges: ['G3:G4'] });
    const before = await personCount();
    const a = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    const message = '合并单元格（G3:G4），请取消合并并在每一行填写完整';
    expect(a.errors).toContainEqual({ row: 3, column: '工作单位统一社会信用代码', message });
    expect(a.errors).toContainEqual({ row: 4, column: '工作单位统一社会信用代码', message });
    expect((await commitAndWait(t, admin, 'persons', a.id, 'all_or_nothing')).status).toBe('rejected');
    expect(await personCount()).toBe(before);
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', file);
    const r = await commitAndWait(t, admin, 'persons', b.id, 'valid_only');
    expect(r.outcome).toMatchObject({ rows: 1, personsInserted: 1 });
    expect(await stored(idOf(rows[0]!))).toBeDefined();
    expect(await stored(idOf(rows[1]!))).toBeUndefined();
  });

  it('an empty file', async () => {
    const res = await uploadFile(t, admin, 'persons', '人员.xlsx', Buffer.alloc(0));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('文件为空，请选择填写好的文件');
  });

  it('a file with a header and no data rows', async () => {
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([HEADER]));
    expect(b).toMatchObject({ status: 'rejected', message: '文件中没有数据行（示例行不计），请从第 2 行起填写' });
  });

  it('a file over the 50 MB limit', async () => {
    const res = await uploadFile(t, admin, 'persons', '人员.csv', Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('文件超过 50 MB 上限，请拆分成多个文件后分别上传');
  });

  it('a non-Excel file named .xlsx', async () => {
    const res = await uploadFile(t, admin, 'persons', '人员.xlsx', csvOf([HEADER, row()] as string[][], 'utf-8'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('文件扩展名是 .xlsx，但内容不是 Excel 文件，请用 Excel 另存为 .xlsx 后上传');
  });
});

describe('CSV', () => {
  it('reads a GBK CSV (as offices export it)', async () => {
    const r = row({ name: '欧阳娜娜', post: '电气焊工', from: '2023年5月1日' }).map((c) =>
      c === null ? '' : String(c),
    );
    const b = await uploadAndValidate(t, admin, 'persons', '人员.csv', csvOf([HEADER, r], 'gbk'));
    expect(b).toMatchObject({ status: 'validated', fileFormat: 'csv', validRows: 1 });
    await commitAndWait(t, admin, 'persons', b.id, 'all_or_nothing');
    const p = await stored(idOf(r));
    expect(p).toMatchObject({ name: '欧阳娜娜' });
    expect(p!.employments[0]).toMatchObject({ post: '电气焊工', from_date: '2023-05-01' });
  });
});

describe('template', () => {
  it('lists the cities the user may import in the 所在城市 drop-down', async () => {
    const cities = async (u: TestUser) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/imports/persons/template',
        headers: { cookie: u.cookie },
      });
      expect(res.statusCode).toBe(200);
      const lists = await readXlsx(res.rawPayload, '选项');
      const col = lists[0]!.indexOf('所在城市');
      return lists
        .slice(1)
        .map((r) => r[col])
        .filter(Boolean);
    };
    const all = await cities(admin);
    expect(all).toHaveLength(16);
    expect(all).not.toContain('莱芜市');
    expect(await cities(jinanAdmin)).toEqual(['济南市']);
    expect(await cities(enterprise)).toEqual(all);
  });
});

describe('who may import what', () => {
  it('a city admin imports persons of their own city only', async () => {
    const mine = row();
    const theirs = row({ city: '青岛市' });
    const b = await uploadAndValidate(t, jinanAdmin, 'persons', '人员.xlsx', await xlsxOf([HEADER, mine, theirs]));
    expect(b.errors).toEqual([{ row: 3, column: '所在城市', message: '市级管理员只能导入本市（济南市）的人员' }]);
    await commitAndWait(t, jinanAdmin, 'persons', b.id, 'valid_only');
    expect(await stored(idOf(mine))).toBeDefined();
    expect(await stored(idOf(theirs))).toBeUndefined();
  });

  it('an enterprise imports its own employees only', async () => {
    const own = row({ city: '青岛市' });
    const elsewhere = row({ uscc: qingdao.uscc });
    const none = row({ uscc: null });
    const b = await uploadAndValidate(
      t,
      enterprise,
      'persons',
      '人员.xlsx',
      await xlsxOf([HEADER, own, elsewhere, none]),
    );
    expect(b.errors).toEqual([
      { row: 3, column: '工作单位统一社会信用代码', message: '企业只能导入本单位员工，请填写本单位的统一社会信用代码' },
      { row: 4, column: '工作单位统一社会信用代码', message: '企业导入时必填（工作单位统一社会信用代码）' },
    ]);
    const r = await commitAndWait(t, enterprise, 'persons', b.id, 'valid_only');
    expect(r.outcome).toMatchObject({ rows: 1, personsInserted: 1, employmentsInserted: 1 });
    expect((await stored(idOf(own)))?.employments[0].org_id).toBe(jinan.id);
  });

  it('a training provider may not import persons', async () => {
    const res = await uploadFile(t, provider, 'persons', '人员.xlsx', await xlsxOf([HEADER, row()]));
    expect(res.statusCode).toBe(403);
    // Refused by the role table (no import.run) or, failing that, by the entity's own rule.
    expect(res.json().error.message).toMatch(/^(无权执行此操作|只有省、市管理员和企业可以导入人员)$/);
  });

  it('another user cannot see the batch', async () => {
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([HEADER, row()]));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/imports/persons/batches/${b.id}`,
      headers: { cookie: jinanAdmin.cookie },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('persons already registered', () => {
  it('get the new employment only; their record is not changed', async () => {
    const p = await buildPerson(t, { cityCode: '370200', employerOrgId: qingdao.id });
    const r = row({ id: p.idNumber, name: '别的名字', city: '济南市', uscc: jinan.uscc, from: '2025-01-01' });
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([HEADER, r]));
    const done = await commitAndWait(t, admin, 'persons', b.id, 'all_or_nothing');
    expect(done.outcome).toEqual({
      rows: 1,
      personsInserted: 0,
      personsExisting: 1,
      employmentsInserted: 1,
      employmentsExisting: 0,
    });
    const s = await stored(p.idNumber);
    expect(s).toMatchObject({ id: p.id, name: '测试人员', cityCode: '370200' });
    expect(s!.employments.map((e: { org_id: string }) => e.org_id)).toEqual([qingdao.id, jinan.id]);
  });

  it('progress reaches the total and the batch cannot be committed twice', async () => {
    const rows = Array.from({ length: 25 }, () => row());
    const b = await uploadAndValidate(t, admin, 'persons', '人员.xlsx', await xlsxOf([HEADER, ...rows]));
    expect(b.progress).toEqual({ done: 25, total: 25 });
    const done = await commitAndWait(t, admin, 'persons', b.id, 'valid_only');
    expect(done.progress).toEqual({ done: 25, total: 25 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/imports/persons/batches/${b.id}/commit`,
      headers: { cookie: admin.cookie },
      payload: { mode: 'valid_only' },
    });
    expect(again.statusCode).toBe(409);
  });
});
