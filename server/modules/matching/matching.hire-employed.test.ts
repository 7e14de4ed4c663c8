import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';

let t: TestApp;
let ent: TestUser;
beforeAll(async () => {
  t = await testApp();
  const org = await buildOrg(t, { cityCode: '370100' });
  ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
});

async function call(u: TestUser, method: string, url: string, body?: unknown, status = 200) {
  const res = await as(t, u, method, url, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json();
}

describe('a hire of a talent employed elsewhere', () => {
  it('goes through and shows both employers in the registry', async () => {
    const elsewhere = await buildOrg(t, { cityCode: '370100' });
    const p = await buildPerson(t, { cityCode: '370100', employerOrgId: elsewhere.id });
    await t.database.pool.query(
      `insert into credential (credential_id, person_id, kind, number, issuer_name, occupation_code, level_code, issued_on, recorded_at)
       values (gen_random_uuid(), $1, 'skill_cert', 'HE' || floor(random() * 1e9)::text, '测试评价机构', '4-04-04-05', 'SENIOR', '2025-01-01', now())`,
      [p.id],
    );
    const u = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
    await call(u, 'PUT', '/api/me/intention', { openToWork: true });
    const d = await call(
      ent,
      'POST',
      '/api/demands',
      { title: '在职人才录用', occupationCode: '4-04-04-05', headcount: 2, digitalPost: true },
      201,
    );
    await call(ent, 'POST', `/api/demands/${d.id}/status`, { status: 'open' });
    const inv = await call(ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: p.id }, 201);
    await call(u, 'POST', `/api/applications/${inv.id}/accept`, {});
    await call(ent, 'POST', `/api/applications/${inv.id}/interview`, {});
    await call(ent, 'POST', `/api/applications/${inv.id}/offer`, {});
    await call(u, 'POST', `/api/applications/${inv.id}/accept_offer`, {});
    const hired = await call(ent, 'POST', `/api/applications/${inv.id}/hire`, {});
    expect(hired.status).toBe('hired');
  });
});
