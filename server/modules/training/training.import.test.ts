import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { as, buildOrg, buildUser, type TestUser } from '../../test/factories.js';
import { createRng, syntheticIdNumber } from '../../seed/synthetic.js';
import { commitAndWait, testAppWithJobs, uploadAndValidate, xlsxOf } from '../../kernel/imports/testing.js';

/** Attendance import (entity `attendance`): rejections per row, and a commit of the valid rows. */
let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let provider: TestUser;
let other: TestUser;
const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
const idNo = () => syntheticIdNumber(rng, '370100', `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, 'M');
const HEADER = ['班级编号', '课次', '身份证号', '姓名', '出勤'];

beforeAll(async () => {
  t = await testAppWithJobs();
  provider = await buildUser(t, { roles: ['provider'], orgId: (await buildOrg(t, { kind: 'training' })).id });
  other = await buildUser(t, {
    roles: ['provider'],
    orgId: (await buildOrg(t, { kind: 'training', cityCode: '370200' })).id,
  });
});

async function classWith(user: TestUser, persons: string[]) {
  const p = await as(t, user, 'POST', '/api/training/programmes', {
    title: '导入考勤测试',
    type: 'social',
    purpose: 'on_job',
    hours: 8,
    digitalDomain: 'DD01',
  });
  const c = await as(t, user, 'POST', `/api/training/programmes/${p.json().id}/classes`, {
    name: '一期',
    sessions: [
      { startsAt: '2026-11-28T01:00:00Z', endsAt: '2026-11-28T03:00:00Z' },
      { startsAt: '2026-11-29T01:00:00Z', endsAt: '2026-11-29T03:00:00Z' },
    ],
  });
  for (const idNumber of persons)
    expect(
      (await as(t, user, 'POST', `/api/training/classes/${c.json().id}/enrolments`, { idNumber, name: '学员' }))
        .statusCode,
    ).toBe(201);
  return c.json().id as string;
}

describe('attendance import', () => {
  it('rejects unknown classes, other organisations’ classes, missing sessions, persons not enrolled and duplicates; commits the rest', async () => {
    const [a, b, stranger] = [idNo(), idNo(), idNo()];
    const mine = await classWith(provider, [a, b]);
    const theirs = await classWith(other, [a]);
    const file = await xlsxOf([
      HEADER,
      [mine, 1, a, '甲', '是'],
      [mine, 2, b, '乙', ''],
      [mine, 3, a, '甲', '是'],
      [mine, 1, stranger, '丙', '是'],
      [theirs, 1, a, '甲', '是'],
      ['00000000-0000-4000-8000-000000000000', 1, a, '甲', '是'],
      [mine, 1, a, '甲', '否'],
      ['not-a-class', 1, a, '甲', '是'],
    ]);
    const batch = await uploadAndValidate(t, provider, 'attendance', '考勤.xlsx', file);
    expect(batch).toMatchObject({ status: 'validated', totalRows: 8, validRows: 2, errorRows: 6 });
    const messages = batch.errors.map((e: { row: number; message: string }) => `${e.row}:${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '4:班级没有第 3 次课',
        '5:该学员未报名此班级',
        '6:班级不存在或不是本机构的班级',
        '7:班级不存在或不是本机构的班级',
        expect.stringMatching(/^8:与第 2 行重复/),
        '9:班级编号格式不正确，请从班级页面复制',
      ]),
    );
    const done = await commitAndWait(t, provider, 'attendance', batch.id, 'valid_only');
    expect(done).toMatchObject({ status: 'committed', outcome: { rows: 2, present: 2, absent: 0 } });
    const detail = (await as(t, provider, 'GET', `/api/training/classes/${mine}`)).json();
    expect(detail.sessionList.map((s: { present: number }) => s.present)).toEqual([1, 1]);
    // Nothing was written to the other organisation's class.
    const theirsDetail = (await as(t, other, 'GET', `/api/training/classes/${theirs}`)).json();
    expect(theirsDetail.sessionList[0].present).toBe(0);
  });

  it('is refused to roles that run no training', async () => {
    const city = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    expect((await as(t, city, 'GET', '/api/imports/attendance/template')).statusCode).toBe(403);
  });
});
