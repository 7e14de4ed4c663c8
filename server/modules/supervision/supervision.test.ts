import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildUser, type TestUser } from '../../test/factories.js';
import { multipart } from '../../kernel/imports/testing.js';
import { DEFAULT_RUBRIC, SupervisionSection } from '../../../contracts/supervision.js';
import { EVIDENCE_MAX_BYTES } from './supervision.rules.js';

let t: TestApp;
let province: TestUser;
let jinan: TestUser; // city admin of 济南 370100
let qingdao: TestUser; // city admin of 青岛 370200
let enterprise: TestUser;

beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  qingdao = await buildUser(t, { roles: ['city_admin'], cityCode: '370200' });
  const org = await buildOrg(t, { cityCode: '370100' });
  enterprise = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
});

const base = (year: number, city: string) => `/api/supervision/years/${year}/cities/${city}`;
const pdf = (text = 'evidence') => Buffer.from(`%PDF-1.7\n${text}\n%%EOF`);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const fullScore = (score = 10) => DEFAULT_RUBRIC.items.map((i) => ({ key: i.key, score }));

async function call(u: TestUser, method: string, url: string, body?: unknown, status = 200) {
  const res = await as(t, u, method, url, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
async function upload(u: TestUser, url: string, fileName: string, data: Buffer) {
  const m = multipart(fileName, data);
  return t.app.inject({ method: 'POST', url, headers: { ...m.headers, cookie: u.cookie }, payload: m.payload });
}
async function auditRows(entityId: string) {
  const r = await t.database.pool.query<{ action: string; actor_user_id: string; before: unknown; after: unknown }>(
    `select action, actor_user_id, before, after from audit_log where entity_id = $1 order by id`,
    [entityId],
  );
  return r.rows;
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

describe('self-assessment: draft → submitted → returned → submitted → scored', () => {
  it('runs the whole workflow, refuses illegal steps with Chinese messages, and audits each write', async () => {
    const url = base(2026, '370100');
    const empty = await call(jinan, 'GET', url);
    expect(empty.assessment).toMatchObject({ id: null, status: 'draft', statusLabel: '填报中', editable: true });
    expect(empty.rubric.map((r: { title: string }) => r.title)).toEqual([
      '组织领导',
      '人才培养',
      '政策落实',
      '平台建设',
      '目标完成',
    ]);

    // Nothing written yet: submitting is refused.
    let res = await as(t, jinan, 'POST', `${url}/self-assessment/submit`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/重点工作推进情况/);

    const saved = await call(jinan, 'PUT', `${url}/self-assessment`, {
      keyWork: '建立数字技能人才工作专班，全年培训 1.2 万人次。',
      policyImplementation: '落实培训补贴政策，发放补贴 300 万元。',
      problemsAndPlans: '',
    });
    expect(saved).toMatchObject({ status: 'draft', problemsAndPlans: null });

    // Scoring or returning a draft is refused.
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: fullScore() });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_TRANSITION', message: '自评尚未提交，不能评分' });
    res = await as(t, province, 'POST', `${url}/self-assessment/return`, { reason: '请补充' });
    expect(res.statusCode).toBe(409);

    const submitted = await call(jinan, 'POST', `${url}/self-assessment/submit`);
    expect(submitted).toMatchObject({ status: 'submitted', editable: false });
    expect(submitted.submittedAt).toBe(t.clock.now().toISOString());

    // Submitted: the city can neither edit nor submit again.
    res = await as(t, jinan, 'PUT', `${url}/self-assessment`, { keyWork: 'x', policyImplementation: 'y' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('自评已提交，不能再修改；如需修改请联系省级管理员退回');
    res = await as(t, jinan, 'POST', `${url}/self-assessment/submit`);
    expect(errorOf(res).message).toBe('自评已提交，请勿重复提交');

    // A return needs a reason.
    res = await as(t, province, 'POST', `${url}/self-assessment/return`, { reason: '  ' });
    expect(res.statusCode).toBe(400);
    const returned = await call(province, 'POST', `${url}/self-assessment/return`, {
      reason: '请补充政策落实的具体数据',
    });
    expect(returned).toMatchObject({
      status: 'returned',
      statusLabel: '已退回修改',
      returnReason: '请补充政策落实的具体数据',
    });
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: fullScore() });
    expect(errorOf(res).message).toBe('自评已退回修改，等待市级重新提交后再评分');

    await call(jinan, 'PUT', `${url}/self-assessment`, {
      keyWork: '建立数字技能人才工作专班，全年培训 1.2 万人次。',
      policyImplementation: '落实培训补贴政策，发放补贴 300 万元，惠及 8000 人。',
      problemsAndPlans: '高技能领军人才培养偏慢，明年加大力度。',
    });
    await call(jinan, 'POST', `${url}/self-assessment/submit`);

    // The rubric's bounds: max + 0.1 and a missing item are refused; nothing changes.
    const over = fullScore().map((i) => (i.key === 'platform_building' ? { ...i, score: 15.1 } : i));
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: over });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toBe('「平台建设」得分应在 0–15 分之间');
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: fullScore().slice(1) });
    expect(errorOf(res).message).toBe('请为「组织领导」打分');
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: fullScore(-1) });
    expect(res.statusCode).toBe(400);

    const items = [
      { key: 'leadership', score: 18 },
      { key: 'talent_cultivation', score: 22.5 },
      { key: 'policy_implementation', score: 17 },
      { key: 'platform_building', score: 15 },
      { key: 'target_completion', score: 0 },
    ];
    const scored = await call(province, 'POST', `${url}/self-assessment/score`, { items, comment: '工作扎实' });
    expect(scored.status).toBe('scored');
    expect(scored.score).toMatchObject({ total: 72.5, maxTotal: 100, comment: '工作扎实' });
    expect(scored.score.items[1]).toEqual({ key: 'talent_cultivation', title: '人才培养', maxPoints: 25, score: 22.5 });
    res = await as(t, province, 'POST', `${url}/self-assessment/score`, { items });
    expect(errorOf(res).message).toBe('自评已评分，不能重复评分');
    res = await as(t, province, 'POST', `${url}/self-assessment/return`, { reason: '再改' });
    expect(errorOf(res).message).toBe('自评已评分，不能退回');
    res = await as(t, jinan, 'PUT', `${url}/self-assessment`, { keyWork: 'x', policyImplementation: 'y' });
    expect(res.statusCode).toBe(409);

    // Each write has its audit row with who, before and after.
    const rows = await auditRows(scored.id);
    expect(rows.map((r) => r.action)).toEqual([
      'supervision.save',
      'supervision.submit',
      'supervision.return',
      'supervision.save',
      'supervision.submit',
      'supervision.score',
    ]);
    expect(rows[2]).toMatchObject({
      actor_user_id: province.id,
      before: { status: 'submitted' },
      after: { status: 'returned', returnReason: '请补充政策落实的具体数据' },
    });
    expect(rows[5]!.after).toMatchObject({ status: 'scored', scoreTotal: 72.5 });
  });

  it('only the city admin submits, only the province scores', async () => {
    const url = base(2027, '370100');
    let res = await as(t, province, 'PUT', `${url}/self-assessment`, { keyWork: 'a', policyImplementation: 'b' });
    expect(res.statusCode).toBe(403);
    await call(jinan, 'PUT', `${url}/self-assessment`, { keyWork: 'a', policyImplementation: 'b' });
    await call(jinan, 'POST', `${url}/self-assessment/submit`);
    res = await as(t, jinan, 'POST', `${url}/self-assessment/score`, { items: fullScore() });
    expect(res.statusCode).toBe(403);
    res = await as(t, enterprise, 'GET', url);
    expect(res.statusCode).toBe(403);
    // Years outside the plan are refused.
    res = await as(t, jinan, 'GET', base(2025, '370100'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('年份应在 2026–2030 之间');
  });
});

describe('scope: a city admin never sees another city', () => {
  it('answers 404 for every read and write on another city, and lists only the own city', async () => {
    await call(jinan, 'PUT', `${base(2028, '370100')}/self-assessment`, {
      keyWork: '济南',
      policyImplementation: '济南',
    });
    const ev = await upload(jinan, `${base(2028, '370100')}/evidence`, '济南佐证.pdf', pdf());
    expect(ev.statusCode, ev.body).toBe(201);
    const rect = await call(
      province,
      'POST',
      `${base(2028, '370100')}/rectifications`,
      {
        description: '加强领军人才培养',
        deadline: '2027-03-31',
      },
      201,
    );

    const other = base(2028, '370100');
    for (const [method, url, body] of [
      ['GET', other, undefined],
      ['PUT', `${other}/self-assessment`, { keyWork: 'x', policyImplementation: 'y' }],
      ['POST', `${other}/self-assessment/submit`, {}],
      ['GET', `/api/supervision/evidence/${ev.json().id}`, undefined],
      ['DELETE', `/api/supervision/evidence/${ev.json().id}`, undefined],
      ['POST', `/api/supervision/rectifications/${rect.id}/report`, { text: '青岛冒充' }],
    ] as const) {
      const res = await as(t, qingdao, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(errorOf(res).message).toMatch(/不存在或无权访问/);
    }
    const up = await upload(qingdao, `${other}/evidence`, 'x.pdf', pdf());
    expect(up.statusCode).toBe(404);
    const up2 = await upload(qingdao, `/api/supervision/rectifications/${rect.id}/evidence`, 'x.pdf', pdf());
    expect(up2.statusCode).toBe(404);

    const mine = await call(qingdao, 'GET', '/api/supervision/years/2028');
    expect(mine.items.map((r: { cityCode: string }) => r.cityCode)).toEqual(['370200']);
    expect(mine.items[0]).toMatchObject({ rectifications: 0, status: 'draft' });
    const all = await call(province, 'GET', '/api/supervision/years/2028');
    expect(all.items).toHaveLength(16);
    expect(all.items.find((r: { cityCode: string }) => r.cityCode === '370100')).toMatchObject({
      rectifications: 1,
      openRectifications: 1,
      overdueRectifications: 0,
    });
    // A city that does not exist is not found either, for the province too.
    const res = await as(t, province, 'GET', base(2028, '379900'));
    expect(res.statusCode).toBe(404);
  });
});

describe('evidence files', () => {
  it('stores allowed files with SHA-256, lists and serves them with a Chinese file name, refuses the rest', async () => {
    const url = base(2029, '370100');
    const data = pdf('自评佐证');
    const res = await upload(jinan, `${url}/evidence`, '济南市2029年自评佐证.pdf', data);
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      fileName: '济南市2029年自评佐证.pdf',
      contentType: 'application/pdf',
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    });
    t.clock.advance(1000); // listed in upload order
    expect((await upload(jinan, `${url}/evidence`, '现场照片.png', png)).statusCode).toBe(201);

    const detail = await call(province, 'GET', url);
    expect(detail.assessment.evidence.map((e: { fileName: string }) => e.fileName)).toEqual([
      '济南市2029年自评佐证.pdf',
      '现场照片.png',
    ]);

    const dl = await as(t, province, 'GET', `/api/supervision/evidence/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="___2029_____.pdf"; filename*=UTF-8''${encodeURIComponent('济南市2029年自评佐证.pdf')}`,
    );
    expect(dl.rawPayload.equals(data)).toBe(true);

    // Refused: other kinds, a file whose bytes are not its kind, empty, over 20 MB.
    for (const [name, bytes, message] of [
      ['setup.exe', pdf(), '只能是 PDF'],
      ['旧版.doc', pdf(), '只能是 PDF'],
      ['伪装.pdf', Buffer.from('MZ\x90\x00 not a pdf'), '不是有效的 .pdf'],
      ['空.pdf', Buffer.alloc(0), '文件为空'],
      ['大.pdf', Buffer.concat([pdf(), Buffer.alloc(EVIDENCE_MAX_BYTES)]), '20 MB'],
    ] as const) {
      const r = await upload(jinan, `${url}/evidence`, name, bytes);
      expect(r.statusCode, name).toBe(400);
      expect(errorOf(r).message, name).toContain(message);
    }
    expect((await call(jinan, 'GET', url)).assessment.evidence).toHaveLength(2);

    // Removing while editable (audited); after submitting no more changes.
    await call(jinan, 'DELETE', `/api/supervision/evidence/${detail.assessment.evidence[1].id}`);
    const rows = await auditRows(detail.assessment.evidence[1].id);
    expect(rows.map((r) => r.action)).toEqual(['supervision.evidence_add', 'supervision.evidence_remove']);
    expect(rows[1]!.before).toMatchObject({ fileName: '现场照片.png' });
    await call(jinan, 'PUT', `${url}/self-assessment`, { keyWork: 'a', policyImplementation: 'b' });
    await call(jinan, 'POST', `${url}/self-assessment/submit`);
    const late = await upload(jinan, `${url}/evidence`, '补充.pdf', pdf());
    expect(late.statusCode).toBe(409);
    const del = await as(t, jinan, 'DELETE', `/api/supervision/evidence/${file.id}`);
    expect(del.statusCode).toBe(409);
    // The province cannot upload at all.
    expect((await upload(province, `${url}/evidence`, 'p.pdf', pdf())).statusCode).toBe(403);
  });
});

describe('the rubric is a policy setting', () => {
  it('the province admin changes it; scoring and the detail follow the current rubric', async () => {
    const rubric = {
      items: [
        { key: 'leadership', title: '组织领导', maxPoints: 30 },
        { key: 'results', title: '工作成效', maxPoints: 70 },
      ],
    };
    const bad = await as(t, province, 'PUT', '/api/settings/supervision.rubric', { items: [] });
    expect(bad.statusCode).toBe(400);
    await call(province, 'PUT', '/api/settings/supervision.rubric', rubric);
    const url = base(2030, '370100');
    await call(jinan, 'PUT', `${url}/self-assessment`, { keyWork: 'a', policyImplementation: 'b' });
    await call(jinan, 'POST', `${url}/self-assessment/submit`);
    expect((await call(province, 'GET', url)).rubric.map((r: { title: string }) => r.title)).toEqual([
      '组织领导',
      '工作成效',
    ]);
    const old = await as(t, province, 'POST', `${url}/self-assessment/score`, { items: fullScore() });
    expect(old.statusCode).toBe(400);
    const scored = await call(province, 'POST', `${url}/self-assessment/score`, {
      items: [
        { key: 'leadership', score: 30 },
        { key: 'results', score: 65.5 },
      ],
    });
    expect(scored.score).toMatchObject({ total: 95.5, maxTotal: 100 });
    // Back to the default for the other tests.
    await call(province, 'PUT', '/api/settings/supervision.rubric', DEFAULT_RUBRIC);
    // The scored items keep the titles and maxima they were scored with.
    expect((await call(province, 'GET', url)).assessment.score.items[1]).toMatchObject({
      title: '工作成效',
      maxPoints: 70,
    });
  });
});

describe('rectification items', () => {
  it('open → reported → rejected (open) → reported → closed, with evidence and audit', async () => {
    const url = base(2026, '370200');
    let res = await as(t, province, 'POST', `${url}/rectifications`, {
      description: '补齐台账',
      deadline: '2026-11-29',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toBe('整改期限不能早于今天');
    expect(
      (await as(t, qingdao, 'POST', `${url}/rectifications`, { description: 'x', deadline: '2026-12-31' })).statusCode,
    ).toBe(403);
    const r = await call(
      province,
      'POST',
      `${url}/rectifications`,
      {
        description: '数字技能培训台账不完整，需补齐',
        deadline: '2026-12-31',
      },
      201,
    );
    expect(r).toMatchObject({ status: 'open', statusLabel: '整改中', overdue: false, cityName: '青岛市' });

    res = await as(t, province, 'POST', `/api/supervision/rectifications/${r.id}/accept`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('市级尚未报送整改情况，不能销号');

    const ev = await upload(
      qingdao,
      `/api/supervision/rectifications/${r.id}/evidence`,
      '整改台账.xlsx',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 9]),
    );
    expect(ev.statusCode, ev.body).toBe(201);
    const bad = await upload(
      qingdao,
      `/api/supervision/rectifications/${r.id}/evidence`,
      '台账.csv',
      Buffer.from('a,b'),
    );
    expect(bad.statusCode).toBe(400);

    const reported = await call(qingdao, 'POST', `/api/supervision/rectifications/${r.id}/report`, {
      text: '已补齐 2026 年全部台账',
    });
    expect(reported).toMatchObject({ status: 'reported', reportText: '已补齐 2026 年全部台账' });
    expect(reported.evidence.map((e: { fileName: string }) => e.fileName)).toEqual(['整改台账.xlsx']);
    res = await as(t, qingdao, 'POST', `/api/supervision/rectifications/${r.id}/report`, { text: '再报' });
    expect(errorOf(res).message).toBe('整改情况已报送，等待省级审核');

    res = await as(t, province, 'POST', `/api/supervision/rectifications/${r.id}/reject`, { reason: '' });
    expect(res.statusCode).toBe(400);
    const rejected = await call(province, 'POST', `/api/supervision/rectifications/${r.id}/reject`, {
      reason: '缺少 10 月份台账',
    });
    expect(rejected).toMatchObject({ status: 'open', rejectReason: '缺少 10 月份台账' });
    await call(qingdao, 'POST', `/api/supervision/rectifications/${r.id}/report`, { text: '已补齐 10 月份台账' });
    const closed = await call(province, 'POST', `/api/supervision/rectifications/${r.id}/accept`);
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已销号', rejectReason: null });
    res = await as(t, province, 'POST', `/api/supervision/rectifications/${r.id}/reject`, { reason: 'x' });
    expect(errorOf(res).message).toBe('整改事项已销号，不能退回');
    res = await as(t, qingdao, 'POST', `/api/supervision/rectifications/${r.id}/report`, { text: 'x' });
    expect(res.statusCode).toBe(409);

    expect((await auditRows(r.id)).map((x) => x.action)).toEqual([
      'supervision.rectification_create',
      'supervision.rectification_report',
      'supervision.rectification_reject',
      'supervision.rectification_report',
      'supervision.rectification_accept',
    ]);
  });
});

describe('reportSection: the data of the 督导评估报告', () => {
  it('gives each city status, submitted texts, score, rectifications with overdue, evidence names', async () => {
    const s = await t.services.supervision.reportSection(2026, null);
    expect(SupervisionSection.parse(s)).toEqual(s);
    expect(s.cities).toHaveLength(16);
    const jn = s.cities.find((c) => c.cityCode === '370100')!;
    expect(jn.selfAssessment).toMatchObject({
      status: 'scored',
      keyWork: '建立数字技能人才工作专班，全年培训 1.2 万人次。',
      problemsAndPlans: '高技能领军人才培养偏慢，明年加大力度。',
    });
    expect(jn.score).toMatchObject({ total: 72.5, maxTotal: 100 });
    const qd = s.cities.find((c) => c.cityCode === '370200')!;
    expect(qd.selfAssessment).toMatchObject({ status: 'draft', keyWork: null });
    expect(qd.rectifications).toEqual([
      expect.objectContaining({
        status: 'closed',
        overdue: false,
        evidenceFiles: [expect.objectContaining({ fileName: '整改台账.xlsx' })],
      }),
    ]);
    expect(s.summary).toMatchObject({
      cities: 16,
      submitted: 1,
      scored: 1,
      averageTotal: 72.5,
      rectifications: 1,
      closed: 1,
    });

    const one = await t.services.supervision.reportSection(2029, '370100');
    expect(one.cities).toHaveLength(1);
    expect(one.cities[0]!.selfAssessment.evidenceFiles.map((f) => f.fileName)).toEqual(['济南市2029年自评佐证.pdf']);
    await expect(t.services.supervision.reportSection(2026, '379900')).rejects.toThrow(/城市不存在/);
  });
});

describe('overdue, with the injected clock (Asia/Shanghai days)', () => {
  it('turns overdue the day after the deadline, until closed', async () => {
    // 2026-11-30T02:00Z is 10:00 in Shanghai: the deadline is today.
    const url = base(2027, '370500');
    const r = await call(
      province,
      'POST',
      `${url}/rectifications`,
      { description: '按期整改', deadline: '2026-11-30' },
      201,
    );
    expect(r.overdue).toBe(false);
    // Sessions end after 30 idle minutes: sign in again after moving the clock.
    t.clock.advance(13 * 3600_000); // 2026-11-30T15:00Z = 23:00 Shanghai: still the deadline day
    let admin = await buildUser(t, { roles: ['province_admin'] });
    expect((await call(admin, 'GET', url)).rectifications[0].overdue).toBe(false);
    t.clock.advance(1 * 3600_000); // 00:00 Shanghai on 12-01: passed
    admin = await buildUser(t, { roles: ['province_admin'] });
    const detail = await call(admin, 'GET', url);
    expect(detail.today).toBe('2026-12-01');
    expect(detail.rectifications[0]).toMatchObject({ overdue: true, status: 'open' });
    expect(
      (await call(admin, 'GET', '/api/supervision/years/2027')).items.find(
        (c: { cityCode: string }) => c.cityCode === '370500',
      ),
    ).toMatchObject({
      overdueRectifications: 1,
    });
    const section = await t.services.supervision.reportSection(2027, '370500');
    expect(section.summary.overdue).toBe(1);
    expect((await t.services.supervision.reportSection(2027, '370500', { asOf: '2026-11-30' })).summary.overdue).toBe(
      0,
    );

    // A city admin of 东营 reports late, the province closes it: no longer overdue.
    const dongying = await buildUser(t, { roles: ['city_admin'], cityCode: '370500' });
    await call(dongying, 'POST', `/api/supervision/rectifications/${r.id}/report`, { text: '已整改' });
    expect((await call(admin, 'GET', url)).rectifications[0].overdue).toBe(true);
    const closed = await call(admin, 'POST', `/api/supervision/rectifications/${r.id}/accept`);
    expect(closed.overdue).toBe(false);
  });
});
