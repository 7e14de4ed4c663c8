import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

async function rows(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

describe('export of a filtered list', () => {
  it('streams an .xlsx of the actor’s scope, masked unless permitted and asked, and is audited', async () => {
    const org = await buildOrg(t, { cityCode: '370100' });
    const jinan1 = await buildPerson(t, { cityCode: '370100', employerOrgId: org.id });
    await buildPerson(t, { cityCode: '370200' }); // another city: must not appear
    const city = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });

    const masked = await as(t, city, 'GET', '/api/persons/export');
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(masked.headers['content-disposition'])).toMatch(/filename\*=UTF-8''/);
    const m = await rows(masked);
    expect(m[0]).toEqual(['姓名', '性别', '出生年份', '身份证号', '手机号', '学历', '所在城市', '人员层级']);
    const text = JSON.stringify(m);
    expect(text).not.toContain(jinan1.idNumber);
    expect(text).toContain(jinan1.idNumber.slice(0, 6) + '********' + jinan1.idNumber.slice(-4));
    expect(m.slice(1).every((r) => r[6] === '济南市')).toBe(true);

    const clear = await rows(await as(t, city, 'GET', '/api/persons/export?pii=true'));
    expect(JSON.stringify(clear)).toContain(jinan1.idNumber);
    expect(JSON.stringify(clear)).toContain(jinan1.phone);

    // An enterprise may export its staff, but never in clear.
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const e = await rows(await as(t, ent, 'GET', '/api/persons/export?pii=true'));
    expect(e).toHaveLength(2);
    expect(JSON.stringify(e)).not.toContain(jinan1.idNumber);

    const { rows: audits } = await t.database.pool.query(
      `select actor_user_id, after from audit_log where action = 'person.export' order by id`,
    );
    expect(audits.map((a) => a.after.pii)).toEqual([false, true, false]);
    expect(audits[0].actor_user_id).toBe(city.id);
  });

  it('is refused to a talent', async () => {
    const p = await buildPerson(t);
    const talent = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
    expect((await as(t, talent, 'GET', '/api/persons/export')).statusCode).toBe(403);
  });
});
