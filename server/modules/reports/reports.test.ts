import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { testAppWithJobs } from '../../kernel/imports/testing.js';
import { as, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import type { ReportContent, ReportRow } from '../../../contracts/reports.js';

let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let province: TestUser;
let jinan: TestUser;
let qingdao: TestUser;
const JINAN = '370100';
const QINGDAO = '370200';
let jinanCredential: string;

let n = 0;
async function issue(u: TestUser, personId: string, body: Record<string, unknown>) {
  const res = await as(t, u, 'POST', `/api/persons/${personId}/credentials`, {
    number: `RP${Date.now()}${++n}`,
    issuerName: '省人社厅',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { credentialId: string }).credentialId;
}
const digitalCert = { kind: 'skill_cert', occupationCode: '4-04-05-05', levelCode: 'SENIOR' };

async function login() {
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: JINAN });
  qingdao = await buildUser(t, { roles: ['city_admin'], cityCode: QINGDAO });
}

async function request(u: TestUser, body: Record<string, unknown>, status = 202): Promise<ReportRow> {
  const res = await as(t, u, 'POST', '/api/reports', body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as ReportRow;
}

async function ready(u: TestUser, id: string): Promise<ReportRow & { content: ReportContent }> {
  for (let i = 0; i < 300; i++) {
    const res = await as(t, u, 'GET', `/api/reports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ReportRow & { content: ReportContent };
    if (r.status !== 'pending') {
      expect(r.status, r.error ?? '').toBe('ready');
      return r;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('report not ready in 30 s');
}

async function file(u: TestUser, id: string, format: 'docx' | 'xlsx') {
  const res = await as(t, u, 'GET', `/api/reports/${id}/${format}`);
  expect(res.statusCode, res.body).toBe(200);
  return { data: res.rawPayload, headers: res.headers };
}

/** The visible text of a Word document (every w:t of the main part). */
async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const t1 = (c: ReportContent) => c.indicators.find((i) => i.id === 'T1')!;

beforeAll(async () => {
  t = await testAppWithJobs();
  await login();
  // Two digital-skills talents in Jinan and one in Qingdao, certified in 2026.
  for (const city of [JINAN, JINAN, QINGDAO]) {
    const p = await buildPerson(t, { cityCode: city });
    const c = await issue(province, p.id, { ...digitalCert, issuedOn: '2026-04-01' });
    if (city === JINAN) jinanCredential = c;
  }
  t.clock.advance(41 * 86400_000); // 2027-01-10: the year 2026 is over
  await login(); // the old sessions idled out
}, 60_000);

describe('yearly reports (督导评估报告)', () => {
  let first: ReportRow & { content: ReportContent };

  it('a province report is generated as a job: a Word document with the year figures and an .xlsx appendix', async () => {
    const pending = await request(province, { year: 2026 });
    expect(pending).toMatchObject({
      status: 'pending',
      year: 2026,
      cityCode: null,
      cityName: '山东省',
      asOf: '2026-12-31',
    });
    expect(pending.jobId).toBeTruthy();
    first = await ready(province, pending.id);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(t1(first.content).value).toBe(3);
    expect(t1(first.content).cities.find((c) => c.cityCode === JINAN)?.value).toBe(2);
    // Indicators whose module is not live say so — never a zero.
    expect(first.content.indicators.find((i) => i.id === 'T5')?.value).toBeNull();

    const docx = await file(province, first.id, 'docx');
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('山东省2026年度督导评估报告');
    const text = await docxText(docx.data);
    expect(text).toContain('山东省2026年度中小企业数字化人才培养督导评估报告');
    expect(text).toContain('数据截至：2026-12-31');
    expect(text).toMatch(/T1 数字技能人才[^]*?人3/); // the T1 row: unit 人, actual 3
    expect(text).toContain('济南市');
    expect(text).toContain('暂无数据来源');
    expect(text).toContain(first.contentHash!);
    const zip = await JSZip.loadAsync(docx.data);
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);

    const xlsx = await file(province, first.id, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const rows = book.getWorksheet('指标')!.getSheetValues() as unknown[][];
    expect(rows.find((r) => r?.[1] === 'T1')?.[5]).toBe(3);
    const about = book.getWorksheet('说明')!;
    expect(about.getCell('B6').value).toBe(first.contentHash);
    const cities = book.getWorksheet('各市')!.getSheetValues() as unknown[][];
    expect(cities.find((r) => r?.[1] === JINAN && r?.[3] === 'T1')?.[5]).toBe(2);
  });

  it('a correction after the year end leaves the frozen report and the as-known-then figures unchanged', async () => {
    t.clock.advance(10 * 86400_000); // 2027-01-20
    await login();
    const docxBefore = await file(province, first.id, 'docx');
    const fix = await as(t, province, 'POST', `/api/credentials/${jinanCredential}/corrections`, {
      occupationCode: '6-18-01-07',
      note: '录入错误：职业应为多工序数控机床操作调整工',
    });
    expect(fix.statusCode, fix.body).toBe(200);

    // The frozen report: same hash, same bytes; the database refuses to change it.
    const again = await ready(province, first.id);
    expect(again.contentHash).toBe(first.contentHash);
    expect((await file(province, first.id, 'docx')).data.equals(docxBefore.data)).toBe(true);
    await expect(
      t.database.pool.query(`update report set content_hash = 'x' where id = $1`, [first.id]),
    ).rejects.toThrow(/frozen/);
    await expect(t.database.pool.query(`delete from report where id = $1`, [first.id])).rejects.toThrow(/frozen/);

    // Generated again with the same record time: the same figures and the same content hash.
    const same = await ready(province, (await request(province, { year: 2026, knownAt: first.knownAt })).id);
    expect(same.knownAt).toBe(first.knownAt);
    expect(t1(same.content).value).toBe(3);
    expect(same.contentHash).toBe(first.contentHash);

    // As known now, the corrected certificate no longer counts.
    const now = await ready(province, (await request(province, { year: 2026 })).id);
    expect(t1(now.content).value).toBe(2);
    expect(now.contentHash).not.toBe(first.contentHash);
    const text = await docxText((await file(province, now.id, 'docx')).data);
    expect(text).toContain(now.contentHash!);
  });

  it('a target changed after the report: generated again with the same record time, the same targets and hash', async () => {
    const before = t1(first.content).target;
    expect(before).not.toBeNull();
    const set = await as(t, province, 'PUT', '/api/targets/T1/2026', { cityCode: null, value: 123_456 });
    expect(set.statusCode, set.body).toBe(200);
    const same = await ready(province, (await request(province, { year: 2026, knownAt: first.knownAt })).id);
    expect(t1(same.content).target).toBe(before);
    expect(same.contentHash).toBe(first.contentHash);
    // As known now, the new target; and back to the default, recorded as a version too.
    const now = await ready(province, (await request(province, { year: 2026 })).id);
    expect(t1(now.content).target).toBe(123_456);
    const reset = await as(t, province, 'DELETE', '/api/targets/T1/2026');
    expect(reset.statusCode, reset.body).toBe(200);
    const after = await ready(province, (await request(province, { year: 2026 })).id);
    expect(t1(after.content).target).toBe(before);
    const versions = await t.database.pool.query(
      `select value from indicator_target_version where indicator_id = 'T1' and year = 2026 and city_code is null order by id`,
    );
    expect(versions.rows.map((r) => (r.value === null ? null : Number(r.value)))).toEqual([123_456, null]);
    await expect(t.database.pool.query(`delete from indicator_target_version`)).rejects.toThrow(/append-only/);
  });

  it('a category rule changed after the report: the same record time gives the same figures and hash', async () => {
    const t3 = (c: ReportContent) => c.indicators.find((i) => i.id === 'T3')!.value;
    expect(t3(first.content)).toBe(0);
    // The certificates' occupation becomes the 数字化解决方案设计师 rule's.
    const put = await as(t, province, 'PUT', '/api/settings/registry.categories', {
      solutionDesignerOccupation: '4-04-05-05',
    });
    expect(put.statusCode, put.body).toBe(200);
    const same = await ready(province, (await request(province, { year: 2026, knownAt: first.knownAt })).id);
    expect(t3(same.content)).toBe(0);
    expect(same.contentHash).toBe(first.contentHash);
    const now = await ready(province, (await request(province, { year: 2026 })).id);
    expect(t3(now.content)).toBe(2); // Qingdao's, and Jinan's uncorrected one
    await expect(t.database.pool.query(`update platform_setting_version set value = '{}'`)).rejects.toThrow(
      /append-only/,
    );
    const back = await as(t, province, 'PUT', '/api/settings/registry.categories', {});
    expect(back.statusCode, back.body).toBe(200);
    // Migration 0022 rebuilds the same history from the audit log (its first INSERT's SELECT, run here).
    const migration = readFileSync(
      fileURLToPath(new URL('../../db/migrations/0022_setting_versions.sql', import.meta.url)),
      'utf8',
    );
    const select = /INSERT INTO "platform_setting_version"[^)]*\)\s*(SELECT[^;]*);/.exec(migration)![1]!;
    const key = `key || '=' || value::text k`;
    const rebuilt = await t.database.pool.query<{ k: string }>(
      `select ${key} from (${select}) as q(key, value, recorded_by, recorded_at)`,
    );
    const kept = await t.database.pool.query<{ k: string }>(`select ${key} from platform_setting_version order by id`);
    expect(kept.rows.length).toBeGreaterThanOrEqual(2);
    expect(rebuilt.rows.map((r) => r.k).sort()).toEqual(kept.rows.map((r) => r.k).sort());
  });

  it('a city admin makes and sees only their own city’s reports', async () => {
    await request(jinan, {}, 400); // the year is required
    // The city's supervision of the year: a submitted self-assessment, scored by the province.
    const sv = '/api/supervision/years/2026/cities/' + JINAN;
    const save = await as(t, jinan, 'PUT', `${sv}/self-assessment`, {
      keyWork: '建成数字技能人才库，开展企业内训。',
      policyImplementation: '落实培训补贴政策。',
    });
    expect(save.statusCode, save.body).toBe(200);
    expect((await as(t, jinan, 'POST', `${sv}/self-assessment/submit`, {})).statusCode).toBe(200);
    const rubric = (
      (await as(t, province, 'GET', '/api/supervision/years/2026')).json() as {
        rubric: { key: string; maxPoints: number }[];
      }
    ).rubric;
    const scored = await as(t, province, 'POST', `${sv}/self-assessment/score`, {
      items: rubric.map((i) => ({ key: i.key, score: i.maxPoints - 1 })),
      comment: '工作扎实。',
    });
    expect(scored.statusCode, scored.body).toBe(200);
    const total = rubric.reduce((a, i) => a + i.maxPoints - 1, 0);
    const r = await ready(jinan, (await request(jinan, { year: 2026 })).id);
    const cityText = await docxText((await file(jinan, r.id, 'docx')).data);
    expect(cityText).toContain('建成数字技能人才库，开展企业内训。');
    expect(cityText).toContain(`省级评分：${total}分`);
    expect(r.cityCode).toBe(JINAN);
    expect(r.content.scopeName).toBe('济南市');
    expect(t1(r.content).cities.map((c) => c.cityCode)).toEqual([JINAN]);
    expect(await docxText((await file(jinan, r.id, 'docx')).data)).toContain('济南市2026年度');

    await request(jinan, { year: 2026, cityCode: QINGDAO }, 404);
    expect((await as(t, jinan, 'GET', `/api/reports/${first.id}`)).statusCode).toBe(404);
    expect((await as(t, qingdao, 'GET', `/api/reports/${r.id}/docx`)).statusCode).toBe(404);
    const list = (await as(t, jinan, 'GET', '/api/reports')).json() as ReportRow[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x) => x.cityCode === JINAN)).toBe(true);
    expect((await as(t, jinan, 'GET', `/api/reports?city=${QINGDAO}`)).statusCode).toBe(404);
    // The province sees all of them.
    const all = (await as(t, province, 'GET', '/api/reports?year=2026')).json() as ReportRow[];
    expect(new Set(all.map((x) => x.cityCode))).toEqual(new Set([null, JINAN]));
  });

  it('refuses a year not begun and a record time in the future, in Chinese', async () => {
    const future = await as(t, province, 'POST', '/api/reports', { year: 2028 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('尚未开始');
    const later = await as(t, province, 'POST', '/api/reports', {
      year: 2026,
      knownAt: new Date(t.clock.now().getTime() + 86400_000).toISOString(),
    });
    expect(later.statusCode).toBe(400);
    expect(later.json().error.message).toContain('记录时点不能晚于现在');
  });

  it('every request and every completed report is audited', async () => {
    const { rows } = await t.database.pool.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_log where entity = 'report' group by action order by action`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(by['report.request']).toBeGreaterThanOrEqual(4);
    expect(by['report.ready']).toBe(by['report.request']);
  });
});
