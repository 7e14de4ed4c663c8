import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildUser } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

interface Item {
  code: string;
  name: string;
  attrs: Record<string, unknown>;
  validFrom: string;
  validTo: string | null;
}

async function list(kind: string, asOf?: string): Promise<Item[]> {
  const res = await as(t, null, 'GET', `/api/reference/${kind}${asOf ? `?asOf=${asOf}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const nameOf = async (kind: string, code: string, asOf?: string) =>
  (await list(kind, asOf)).find((i) => i.code === code)?.name;

describe('seeded reference data', () => {
  it('has 16 active cities plus the abolished 莱芜 371200 mapped to 济南 370100', async () => {
    const cities = await list('city');
    expect(cities).toHaveLength(17);
    expect(cities.filter((c) => c.attrs.status === 'active')).toHaveLength(16);
    const laiwu = cities.find((c) => c.code === '371200')!;
    expect(laiwu).toMatchObject({ name: '莱芜市', attrs: { status: 'abolished', successorCode: '370100' } });
    expect(cities.find((c) => c.code === '370100')).toMatchObject({ name: '济南市', attrs: { status: 'active' } });
  });

  it('marks digital occupations and keeps former codes', async () => {
    const occupations = await list('occupation');
    const byCode = new Map(occupations.map((o) => [o.code, o]));
    expect(byCode.get('4-04-04-05')?.attrs.digital).toBe(true);
    expect(byCode.get('2-02-38-01')?.attrs.formerCodes).toContain('2-02-10-09');
    expect(byCode.has('2-02-10-09')).toBe(false);
  });

  it('resolves an occupation by a former code to its current code', async () => {
    expect((await t.services.reference.resolveOccupation('2-02-10-09'))?.code).toBe('2-02-38-01');
    expect((await t.services.reference.resolveOccupation('2-02-38-01'))?.code).toBe('2-02-38-01');
    expect(await t.services.reference.resolveOccupation('9-99-99-99')).toBeUndefined();
  });

  it('is public and refuses an unknown kind', async () => {
    expect((await as(t, null, 'GET', '/api/reference/no_such_kind')).statusCode).toBe(400);
  });
});

describe('versioned edits', () => {
  it('a new version from a date leaves earlier dates with the old name, and is audited', async () => {
    const province = await buildUser(t, { roles: ['province_admin'] });
    const oldName = await nameOf('industry_chain', 'IC01');
    expect(oldName).toBe('新一代信息技术');

    const res = await as(t, province, 'PUT', '/api/reference/industry_chain/IC01', {
      name: '新一代电子信息',
      effectiveFrom: '2027-01-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'IC01', name: '新一代电子信息', validFrom: '2027-01-01', validTo: null });

    expect(await nameOf('industry_chain', 'IC01', '2026-12-31')).toBe(oldName);
    expect(await nameOf('industry_chain', 'IC01', '2027-01-01')).toBe('新一代电子信息');
    // Today (2026-11-30 on the test clock) the old name still holds; from the effective date the new one.
    expect(await nameOf('industry_chain', 'IC01')).toBe(oldName);
    // One version per date: no duplicates either side of the change.
    expect((await list('industry_chain', '2026-12-31')).filter((i) => i.code === 'IC01')).toHaveLength(1);
    expect((await list('industry_chain', '2027-01-01')).filter((i) => i.code === 'IC01')).toHaveLength(1);

    const { rows } = await t.database.pool.query(
      'select action, entity, entity_id, actor_user_id, before, after from audit_log where request_id = $1',
      [res.headers['x-request-id']],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'reference.version',
      entity: 'reference:industry_chain',
      entity_id: 'IC01',
      actor_user_id: province.id,
      before: { name: oldName, validFrom: '2000-01-01', validTo: null },
      after: { name: '新一代电子信息', validFrom: '2027-01-01', validTo: null },
    });
  });

  it('a city admin may not edit reference data', async () => {
    const city = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const res = await as(t, city, 'PUT', '/api/reference/industry_chain/IC02', { name: '高端装备制造' });
    expect(res.statusCode).toBe(403);
    expect(await nameOf('industry_chain', 'IC02')).toBe('高端装备');
  });

  it('refuses a version starting before the current one', async () => {
    const province = await buildUser(t, { roles: ['province_admin'] });
    const put = (name: string, effectiveFrom: string) =>
      as(t, province, 'PUT', '/api/reference/industry_chain/IC03', { name, effectiveFrom });
    expect((await put('新能源装备（二〇二七）', '2027-01-01')).statusCode).toBe(200);

    const earlier = await put('新能源装备（二〇二六）', '2026-06-01');
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().error.message).toMatch(/生效日期不能早于当前版本/);
    expect(await nameOf('industry_chain', 'IC03', '2026-06-01')).toBe('新能源装备');
    expect(await nameOf('industry_chain', 'IC03', '2027-01-01')).toBe('新能源装备（二〇二七）');
  });

  it('a rename keeps the attributes it does not send', async () => {
    const province = await buildUser(t, { roles: ['province_admin'] });
    const res = await as(t, province, 'PUT', '/api/reference/city/370300', {
      name: '淄博市（测试）',
      effectiveFrom: '2026-11-30',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().attrs).toMatchObject({ status: 'active', shortName: '淄博' });
    expect(await t.services.reference.activeCityCodes()).toContain('370300');
  });
});
