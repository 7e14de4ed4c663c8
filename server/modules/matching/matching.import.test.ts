/**
 * Importing demands (用工需求): the template, each rejected input with its own Chinese message
 * naming row and column, all-or-nothing writing nothing, a valid file committed as drafts of the
 * enterprise (audited), a re-upload that skips what exists, valid-only with a GBK CSV, and who may import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import {
  commitAndWait,
  csvOf,
  readXlsx,
  testAppWithJobs,
  uploadAndValidate,
  uploadFile,
  xlsxOf,
} from '../../kernel/imports/testing.js';

const E = 'demands';
const HEADER = [
  '岗位名称',
  '职业编码',
  '最低等级',
  '必备技能',
  '优先技能',
  '产业链',
  '工作城市',
  '招聘人数',
  '最低月薪',
  '最高月薪',
  '截止日期',
  '数字化岗位',
  '岗位描述',
];
const COL = Object.fromEntries(HEADER.map((h, i) => [h, i])) as Record<string, number>;

/** The template's example row, a valid demand. */
const EXAMPLE: unknown[] = [
  '工业机器人运维工程师',
  '6-31-07-03',
  '高级工',
  'AI-03、IM-01',
  'BD-01',
  'IC02',
  '济南市',
  3,
  6000,
  9000,
  '2027-03-31',
  '是',
  '负责产线机器人日常运维',
];
let n = 0;
/** A valid row with a title of its own (rows of one file are no duplicates); `over` replaces cells by header. */
function row(over: Record<string, unknown> = {}): unknown[] {
  const r = [...EXAMPLE];
  r[COL['岗位名称']!] = `运维岗位${++n}`;
  for (const [h, v] of Object.entries(over)) r[COL[h]!] = v;
  return r;
}

let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let ent: TestUser; // enterprise in 370100
let ent2: TestUser; // enterprise in 370200
let entOrg: { id: string };
let ent2Org: { id: string };
let jinan: TestUser;
let province: TestUser;
let talent: TestUser;
beforeAll(async () => {
  t = await testAppWithJobs();
  entOrg = await buildOrg(t, { cityCode: '370100' });
  ent = await buildUser(t, { roles: ['enterprise'], orgId: entOrg.id });
  ent2Org = await buildOrg(t, { cityCode: '370200' });
  ent2 = await buildUser(t, { roles: ['enterprise'], orgId: ent2Org.id });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  province = await buildUser(t, { roles: ['province_admin'] });
  const p = await buildPerson(t);
  talent = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
});

interface StoredDemand {
  title: string;
  occupation_code: string;
  min_level: string | null;
  required_skills: string[];
  preferred_skills: string[];
  chain: string | null;
  city_code: string;
  headcount: number;
  salary_min: number | null;
  salary_max: number | null;
  deadline: string | null;
  digital_post: boolean;
  description: string | null;
  status: string;
  created_by: string;
}
const stored = async (orgId: string) =>
  (
    await t.database.pool.query<StoredDemand>(
      `select title, occupation_code, min_level, required_skills, preferred_skills, chain, city_code, headcount,
              salary_min, salary_max, to_char(deadline, 'YYYY-MM-DD') as deadline, digital_post, description,
              status, created_by
       from demand where org_id = $1 order by title, city_code`,
      [orgId],
    )
  ).rows;

/** Uploads the rows; expects validation to list exactly these errors; all-or-nothing then writes nothing. */
async function rejects(rows: unknown[][], errors: { row: number; column: string | null; message: string }[]) {
  const before = await stored(entOrg.id);
  const b = await uploadAndValidate(t, ent, E, 'demands.xlsx', await xlsxOf([HEADER, ...rows]));
  expect(b.status, b.message).toBe('validated');
  expect(b.errors).toEqual(errors);
  const done = await commitAndWait(t, ent, E, b.id, 'all_or_nothing');
  expect(done.status).toBe('rejected');
  expect(await stored(entOrg.id)).toEqual(before);
  return b;
}

describe('the template', () => {
  it('has the Chinese headers, an example row, the 是/否 drop-down and 填写说明', async () => {
    const res = await as(t, ent, 'GET', `/api/imports/${E}/template`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1]).toEqual([
      '示例：工业机器人运维工程师',
      '6-31-07-03',
      '高级工',
      'AI-03、IM-01',
      'BD-01',
      'IC02',
      '济南市',
      '3',
      '6000',
      '9000',
      '2027-03-31',
      '是',
      '负责产线机器人日常运维',
    ]);
    const options = await readXlsx(res.rawPayload, '选项');
    expect(options.map((r) => r[0])).toEqual(['数字化岗位', '是', '否']);
    const help = await readXlsx(res.rawPayload, '填写说明');
    expect(help[0]).toEqual(['列名', '是否必填', '填写要求', '示例']);
    expect(help.slice(1, 14).map((r) => [r[0], r[1]])).toEqual(
      HEADER.map((h) => [h, ['岗位名称', '职业编码', '招聘人数'].includes(h) ? '必填' : '选填']),
    );
    const text = help.flat().join('\n');
    expect(text).toContain('新八级工等级名称，如 中级工、高级工、技师；不限可不填');
    expect(text).toContain('不早于今天，如 2027-03-31');
    expect(text).toContain('导入后为“草稿”');
    expect(text).toContain('同一文件中岗位名称、职业编码、工作城市相同的行只能出现一次');
    expect(text).toContain('只有企业账号可以导入，需求属于本单位。');
  });
});

describe('rejected inputs, each with its own message', () => {
  it('a blank required cell (岗位名称, 职业编码, 招聘人数)', async () => {
    await rejects(
      [row({ 岗位名称: null }), row({ 岗位名称: '   ', 职业编码: null }), row({ 招聘人数: '' })],
      [
        { row: 2, column: '岗位名称', message: '必填，不能为空' },
        { row: 3, column: '岗位名称', message: '必填，不能为空' },
        { row: 3, column: '职业编码', message: '必填，不能为空' },
        { row: 4, column: '招聘人数', message: '必填，不能为空' },
      ],
    );
  });

  it('a title over 100 characters', async () => {
    await rejects(
      [row({ 岗位名称: '岗'.repeat(101) }), row({ 岗位名称: '位'.repeat(100), 招聘人数: 0 })],
      [
        { row: 2, column: '岗位名称', message: '不能超过 100 个字' },
        { row: 3, column: '招聘人数', message: '招聘人数应为 1–10000 的整数，实际为「0」' },
      ],
    );
  });

  it('an occupation code that is malformed, or not in the catalogue', async () => {
    await rejects(
      [row({ 职业编码: '63107' }), row({ 职业编码: '9-99-99-99' })],
      [
        { row: 2, column: '职业编码', message: '职业编码格式应为 2-02-38-01，实际为「63107」' },
        { row: 3, column: '职业编码', message: '职业编码 9-99-99-99 不在职业目录中' },
      ],
    );
  });

  it('an unknown level name', async () => {
    await rejects(
      [row({ 最低等级: '八级工' })],
      [
        {
          row: 2,
          column: '最低等级',
          // Every name of the skill_level catalogue, in the catalogue's order (by code).
          message:
            '未知等级「八级工」，应为 学徒工、首席技师、中级工、初级工、特级技师、中级(专业技术等级)、' +
            '初级(专业技术等级)、高级(专业技术等级)、高级工、高级技师、技师 之一',
        },
      ],
    );
  });

  it('an unknown skill (required or preferred), and more than 20', async () => {
    const many = [
      'AI-01',
      'AI-02',
      'AI-03',
      'AI-04',
      'AI-05',
      'AI-06',
      'IOT-01',
      'IOT-02',
      'IOT-03',
      'BD-01',
      'BD-02',
      'BD-03',
      'BD-04',
      'BD-05',
      'CC-01',
      'CC-02',
      'DM-01',
      'DM-02',
      'DM-03',
      'DM-04',
      'DM-05',
    ];
    await rejects(
      [row({ 必备技能: 'AI-03、XX-99' }), row({ 优先技能: '会开叉车' }), row({ 必备技能: many.join('、') })],
      [
        { row: 2, column: '必备技能', message: '未知技能「XX-99」，请填写技能目录中的代码或名称（如 AI-01）' },
        { row: 3, column: '优先技能', message: '未知技能「会开叉车」，请填写技能目录中的代码或名称（如 AI-01）' },
        { row: 4, column: '必备技能', message: '最多 20 项' },
      ],
    );
  });

  it('an unknown industry chain', async () => {
    await rejects([row({ 产业链: 'IC99' })], [{ row: 2, column: '产业链', message: '未知产业链「IC99」' }]);
  });

  it('an unknown city, and the abolished 莱芜市', async () => {
    await rejects(
      [row({ 工作城市: '北京市' }), row({ 工作城市: '莱芜市' })],
      [
        { row: 2, column: '工作城市', message: '未知城市「北京市」，应为山东省 16 个地级市之一' },
        { row: 3, column: '工作城市', message: '未知城市「莱芜市」，应为山东省 16 个地级市之一' },
      ],
    );
  });

  it('a headcount that is not a positive integer, or above 10000', async () => {
    await rejects(
      [row({ 招聘人数: -1 }), row({ 招聘人数: 2.5 }), row({ 招聘人数: '三人' }), row({ 招聘人数: 10001 })],
      [
        { row: 2, column: '招聘人数', message: '招聘人数应为 1–10000 的整数，实际为「-1」' },
        { row: 3, column: '招聘人数', message: '招聘人数应为 1–10000 的整数，实际为「2.5」' },
        { row: 4, column: '招聘人数', message: '招聘人数应为 1–10000 的整数，实际为「三人」' },
        { row: 5, column: '招聘人数', message: '招聘人数应为 1–10000 的整数，实际为「10001」' },
      ],
    );
  });

  it('a salary that is not a whole number of yuan, or out of range', async () => {
    await rejects(
      [row({ 最低月薪: '六千' }), row({ 最高月薪: 9000.5 }), row({ 最低月薪: -100 }), row({ 最高月薪: 1_000_001 })],
      [
        { row: 2, column: '最低月薪', message: '应为 0–1000000 之间的整数（元/月），实际为「六千」' },
        { row: 3, column: '最高月薪', message: '应为 0–1000000 之间的整数（元/月），实际为「9000.5」' },
        { row: 4, column: '最低月薪', message: '应为 0–1000000 之间的整数（元/月），实际为「-100」' },
        { row: 5, column: '最高月薪', message: '应为 0–1000000 之间的整数（元/月），实际为「1000001」' },
      ],
    );
  });

  it('a maximum salary below the minimum', async () => {
    await rejects(
      [row({ 最低月薪: 9000, 最高月薪: 6000 })],
      [{ row: 2, column: '最高月薪', message: '最高月薪不能低于最低月薪' }],
    );
  });

  it('a deadline before today (2026-11-30 in Shanghai), not a date, or a day that does not exist', async () => {
    await rejects(
      [
        row({ 截止日期: '2026-11-29' }),
        row({ 截止日期: new Date(Date.UTC(2026, 0, 15)) }),
        row({ 截止日期: '下个月底' }),
        row({ 截止日期: '2027-02-30' }),
      ],
      [
        { row: 2, column: '截止日期', message: '截止日期不能早于今天' },
        { row: 3, column: '截止日期', message: '截止日期不能早于今天' },
        {
          row: 4,
          column: '截止日期',
          message: '日期格式不正确，应为 2023-05-01、2023/5/1 或 2023年5月1日',
        },
        { row: 5, column: '截止日期', message: '日期不存在：2027-02-30' },
      ],
    );
  });

  it('a 数字化岗位 that is not 是 / 否', async () => {
    await rejects(
      [row({ 数字化岗位: '可能' })],
      [{ row: 2, column: '数字化岗位', message: '应为 是、否 之一，实际为「可能」' }],
    );
  });

  it('a description over 5000 characters', async () => {
    await rejects(
      [row({ 岗位描述: '述'.repeat(5001) })],
      [{ row: 2, column: '岗位描述', message: '不能超过 5000 个字' }],
    );
  });

  it('the same title, occupation and work city twice in the file (名称 and 代码 alike)', async () => {
    await rejects(
      [
        row({ 岗位名称: '重复岗位' }),
        row({ 岗位名称: '重复岗位', 工作城市: '370100', 招聘人数: 9 }),
        row({ 岗位名称: '重复岗位', 工作城市: '济南' }),
        row({ 岗位名称: '重复岗位', 工作城市: '青岛市' }),
      ],
      [
        { row: 3, column: '岗位名称', message: '与第 2 行重复' },
        { row: 4, column: '岗位名称', message: '与第 2 行重复' },
      ],
    );
  });

  it('a blank work city is the enterprise’s own city: the same row with its city named is a duplicate', async () => {
    await rejects(
      [row({ 岗位名称: '本市岗位', 工作城市: null }), row({ 岗位名称: '本市岗位', 工作城市: '济南市' })],
      [{ row: 3, column: '岗位名称', message: '与第 2 行重复' }],
    );
  });

  it('a file with the wrong headers is rejected as a whole', async () => {
    const b = await uploadAndValidate(
      t,
      ent,
      E,
      'd.xlsx',
      await xlsxOf([HEADER.filter((h) => h !== '招聘人数' && h !== '截止日期'), ['岗位', '6-31-07-03']]),
    );
    expect(b.status).toBe('rejected');
    expect(b.message).toContain('缺少「招聘人数」「截止日期」');
  });
});

describe('a valid import', () => {
  const rows = [
    EXAMPLE,
    row({
      岗位名称: '数字化解决方案设计师',
      职业编码: '4-04-04-05',
      最低等级: 'TECHNICIAN',
      必备技能: '机器视觉检测应用,DM-06',
      优先技能: 'DM-06；AI-06',
      产业链: '高端装备',
      工作城市: '370200',
      招聘人数: '5人',
      最低月薪: '8,000元',
      最高月薪: 12000,
      截止日期: new Date(Date.UTC(2027, 5, 30)),
      数字化岗位: 'N',
      岗位描述: null,
    }),
    ['数据标注员', '4-04-05-05', null, null, null, null, null, 10, null, null, null, null, null],
    row({
      岗位名称: '工业机器人运维工程师',
      职业编码: '6－31－07－03',
      最低等级: '技师',
      必备技能: 'ROB-03',
      优先技能: null,
      产业链: null,
      工作城市: '青岛',
      招聘人数: 2,
      最低月薪: null,
      最高月薪: null,
      截止日期: '2026-11-30',
      数字化岗位: '否',
      岗位描述: null,
    }),
  ];

  it('commits the rows as drafts of the enterprise, audited; a re-upload skips them all', async () => {
    const file = await xlsxOf([HEADER, ['示例：工业机器人运维工程师', ...EXAMPLE.slice(1)], ...rows]);
    const b = await uploadAndValidate(t, ent, E, 'demands.xlsx', file);
    expect(b.status, b.message).toBe('validated');
    expect(b.errors).toEqual([]);
    expect(b.message).toBe('共 4 行，全部校验通过');
    const done = await commitAndWait(t, ent, E, b.id, 'all_or_nothing');
    expect(done.status, done.message).toBe('committed');
    expect(done.outcome).toEqual({ rows: 4, created: 4, skipped: 0 });

    const common = { status: 'draft', created_by: ent.id };
    expect(await stored(entOrg.id)).toEqual([
      {
        title: '工业机器人运维工程师',
        occupation_code: '6-31-07-03',
        min_level: 'SENIOR',
        required_skills: ['AI-03', 'IM-01'],
        preferred_skills: ['BD-01'],
        chain: 'IC02',
        city_code: '370100',
        headcount: 3,
        salary_min: 6000,
        salary_max: 9000,
        deadline: '2027-03-31',
        digital_post: true,
        description: '负责产线机器人日常运维',
        ...common,
      },
      {
        title: '工业机器人运维工程师',
        occupation_code: '6-31-07-03',
        min_level: 'TECHNICIAN',
        required_skills: ['ROB-03'],
        preferred_skills: [],
        chain: null,
        city_code: '370200',
        headcount: 2,
        salary_min: null,
        salary_max: null,
        deadline: '2026-11-30',
        digital_post: false,
        description: null,
        ...common,
      },
      {
        title: '数字化解决方案设计师',
        occupation_code: '4-04-04-05',
        min_level: 'TECHNICIAN',
        required_skills: ['AI-03', 'DM-06'],
        preferred_skills: ['AI-06'],
        chain: 'IC02',
        city_code: '370200',
        headcount: 5,
        salary_min: 8000,
        salary_max: 12000,
        deadline: '2027-06-30',
        digital_post: false,
        description: null,
        ...common,
      },
      {
        title: '数据标注员',
        occupation_code: '4-04-05-05',
        min_level: null,
        required_skills: [],
        preferred_skills: [],
        chain: null,
        city_code: '370100',
        headcount: 10,
        salary_min: null,
        salary_max: null,
        deadline: null,
        digital_post: false,
        description: null,
        ...common,
      },
    ]);

    // The enterprise sees them as drafts in its list.
    const list = (await as(t, ent, 'GET', '/api/demands?status=draft&pageSize=50')).json();
    expect(list.total).toBe(4);
    expect(list.items.every((d: { orgId: string; statusLabel: string }) => d.orgId === entOrg.id)).toBe(true);
    expect(list.items.map((d: { statusLabel: string }) => d.statusLabel)).toEqual(['草稿', '草稿', '草稿', '草稿']);

    const audit = await t.database.pool.query<{ actor_user_id: string; after: { created: number; ids: string[] } }>(
      `select actor_user_id, after from audit_log where action = 'demand.import' order by id`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ created: 4, skipped: 0 });
    const ids = (await t.database.pool.query<{ id: string }>(`select id from demand where org_id = $1`, [entOrg.id]))
      .rows;
    expect([...audit.rows[0]!.after.ids].sort()).toEqual(ids.map((r) => r.id).sort());
    const commits = await t.database.pool.query(
      `select after from audit_log where action = 'import.commit' and entity_id = $1`,
      [b.id],
    );
    expect(commits.rows[0].after).toMatchObject({ entity: E, rows: 4, created: 4, skipped: 0 });

    // The same file again: validated, committed, every row skipped, nothing new written.
    const before = await stored(entOrg.id);
    const again = await uploadAndValidate(t, ent, E, 'demands.xlsx', file);
    expect(again.errorRows).toBe(0);
    const done2 = await commitAndWait(t, ent, E, again.id, 'all_or_nothing');
    expect(done2.status).toBe('committed');
    expect(done2.outcome).toEqual({ rows: 4, created: 0, skipped: 4 });
    expect(await stored(entOrg.id)).toEqual(before);

    // Another enterprise's demands are its own: the same file creates its four drafts.
    const other = await uploadAndValidate(t, ent2, E, 'demands.xlsx', file);
    const done3 = await commitAndWait(t, ent2, E, other.id, 'all_or_nothing');
    expect(done3.outcome).toEqual({ rows: 4, created: 4, skipped: 0 });
    expect(await stored(entOrg.id)).toEqual(before);
    expect((await stored(ent2Org.id)).map((d) => [d.city_code, d.created_by])).toEqual([
      ['370100', ent2.id],
      ['370200', ent2.id],
      ['370200', ent2.id],
      ['370200', ent2.id], // the blank city is the enterprise's own (青岛)
    ]);
  });

  it('a blank work city and the enterprise’s city named are the same demand on a re-upload', async () => {
    const file = await xlsxOf([HEADER, row({ 岗位名称: '数据标注员', 职业编码: '4-04-05-05', 工作城市: '济南市' })]);
    const b = await uploadAndValidate(t, ent, E, 'd.xlsx', file);
    const done = await commitAndWait(t, ent, E, b.id, 'all_or_nothing');
    expect(done.outcome).toEqual({ rows: 1, created: 0, skipped: 1 });
  });

  it('valid-only (a GBK CSV, the alias 职业代码) skips the refused row and writes the rest', async () => {
    const header = HEADER.map((h) => (h === '职业编码' ? '职业代码' : h));
    const b = await uploadAndValidate(
      t,
      ent,
      E,
      '需求.csv',
      csvOf(
        [
          header,
          [
            '智能产线运维工',
            '6-31-07-03',
            '中级工',
            'ROB-01、ROB-03',
            '',
            '高端装备',
            '淄博市',
            '4',
            '5000',
            '7000',
            '2027/1/31',
            '是',
            '倒班',
          ],
          ['数控编程员', '6-31-07-03', '大师', '', '', '', '', '1', '', '', '', '', ''],
          ['质量追溯专员', '4-04-05-05', '', 'MFG-03', '', '', '', '1', '', '', '', '', ''],
        ],
        'gbk',
      ),
    );
    expect(b.status, b.message).toBe('validated');
    expect(b.errorRows).toBe(1);
    expect(b.errors).toEqual([{ row: 3, column: '最低等级', message: expect.stringContaining('未知等级「大师」') }]);
    const done = await commitAndWait(t, ent, E, b.id, 'valid_only');
    expect(done.status, done.message).toBe('committed');
    expect(done.outcome).toEqual({ rows: 2, created: 2, skipped: 0 });
    const titles = (await stored(entOrg.id)).map((d) => [d.title, d.city_code, d.deadline]);
    expect(titles).toContainEqual(['智能产线运维工', '370300', '2027-01-31']);
    expect(titles).toContainEqual(['质量追溯专员', '370100', null]);
    expect(titles.map((x) => x[0])).not.toContain('数控编程员');
  });
});

describe('who may import', () => {
  it('an enterprise only: a city admin, the province admin and a talent get 403 before the upload is read', async () => {
    const file = await xlsxOf([HEADER, row({ 岗位名称: '越权岗位' })]);
    for (const u of [jinan, province, talent]) {
      expect((await uploadFile(t, u, E, 'd.xlsx', file)).statusCode).toBe(403);
      expect((await as(t, u, 'GET', `/api/imports/${E}/template`)).statusCode).toBe(403);
      expect((await as(t, u, 'GET', `/api/imports/${E}/batches`)).statusCode).toBe(403);
    }
    const n = await t.database.pool.query(`select count(*)::int as n from demand where title = '越权岗位'`);
    expect(n.rows[0].n).toBe(0);
  });

  it('an enterprise’s batch is its own: another enterprise gets 404', async () => {
    const b = await uploadAndValidate(t, ent, E, 'd.xlsx', await xlsxOf([HEADER, row({ 岗位名称: '私有岗位' })]));
    expect((await as(t, ent2, 'GET', `/api/imports/${E}/batches/${b.id}`)).statusCode).toBe(404);
    const res = await as(t, ent2, 'POST', `/api/imports/${E}/batches/${b.id}/commit`, { mode: 'all_or_nothing' });
    expect(res.statusCode).toBe(404);
  });
});
