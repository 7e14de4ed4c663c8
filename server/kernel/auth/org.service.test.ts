import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildUser, cookieOf, login, PASSWORD } from '../../test/factories.js';
import { createRng, syntheticUscc } from '../../seed/synthetic.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
const uniqueName = (p: string) => `${p}_${randomBytes(4).toString('hex')}`;
const DAY = 86400_000;

/** Full-width form of ASCII text (what an IME in full-width mode types). */
const fullWidth = (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

function registration(o: { uscc?: string; cityCode?: string; password?: string } = {}) {
  const cityCode = o.cityCode ?? '370100';
  return {
    kind: 'enterprise',
    name: uniqueName('济南数智科技有限公司'),
    uscc: o.uscc ?? syntheticUscc(rng, cityCode, 'enterprise'),
    cityCode,
    sizeClass: 'small',
    industryChains: ['IC01'],
    admin: { username: uniqueName('orgadmin'), displayName: '单位管理员', password: o.password ?? PASSWORD },
  };
}

/** An enterprise registers itself; its admin logs in. */
async function registered(o: { cityCode?: string } = {}) {
  const body = registration(o);
  const res = await as(t, null, 'POST', '/api/public/organisations', body);
  expect(res.statusCode).toBe(201);
  const r = await login(t, body.admin.username, PASSWORD);
  expect(r.statusCode).toBe(200);
  return { org: res.json(), body, res, admin: { cookie: cookieOf(r) } };
}

/** …and its city admin approves it. */
async function approved(o: { cityCode?: string } = {}) {
  const reg = await registered(o);
  const cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: reg.org.cityCode });
  const res = await as(t, cityAdmin, 'POST', `/api/organisations/${reg.org.id}/decision`, { decision: 'approve' });
  expect(res.statusCode).toBe(200);
  return reg;
}

async function invite(user: { cookie: string }, orgId: string) {
  return as(t, user, 'POST', `/api/organisations/${orgId}/invitations`, {});
}

function accept(token: string, username = uniqueName('staff')) {
  return as(t, null, 'POST', `/api/public/invitations/${token}/accept`, {
    username,
    displayName: '新员工',
    password: PASSWORD,
  });
}

async function auditRowsOf(res: LightMyRequestResponse) {
  const requestId = res.headers['x-request-id'];
  expect(requestId).toBeTruthy();
  const { rows } = await t.database.pool.query<{ action: string; entity: string; entity_id: string | null }>(
    'select action, entity, entity_id from audit_log where request_id = $1 order by id',
    [requestId],
  );
  return rows;
}

describe('an organisation registers itself', () => {
  it('is created pending with a valid USCC, and its admin can log in', async () => {
    const body = registration();
    const res = await as(t, null, 'POST', '/api/public/organisations', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ uscc: body.uscc, cityCode: '370100', cityName: '济南市', status: 'pending' });

    const r = await login(t, body.admin.username, PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ roles: ['enterprise'], orgId: res.json().id, cityCode: '370100' });
  });

  it('refuses the same USCC a second time with 409 and a Chinese message', async () => {
    const uscc = syntheticUscc(rng, '370100', 'enterprise');
    expect((await as(t, null, 'POST', '/api/public/organisations', registration({ uscc }))).statusCode).toBe(201);
    const again = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    expect(again.json().error.message).toMatch(/统一社会信用代码已注册/);
    // The refused registration wrote nothing, not even an audit row.
    expect(await auditRowsOf(again)).toEqual([]);
  });

  it('refuses an invalid USCC with 400 naming 统一社会信用代码', async () => {
    const res = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: '91370100MA3C00011K' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toMatch(/统一社会信用代码/);
  });

  it('refuses a weak admin password with 400 and creates nothing', async () => {
    const body = registration({ password: 'abcdefgh' });
    const res = await as(t, null, 'POST', '/api/public/organisations', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/密码/);
    const { rowCount } = await t.database.pool.query('select 1 from organisation where uscc = $1', [body.uscc]);
    expect(rowCount).toBe(0);
    expect((await login(t, body.admin.username, 'abcdefgh')).statusCode).toBe(401);
  });

  it('normalises lower-case and full-width USCC input and stores it upper-case', async () => {
    const lower = syntheticUscc(rng, '370100', 'enterprise');
    const r1 = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: lower.toLowerCase() }));
    expect(r1.statusCode).toBe(201);
    expect(r1.json().uscc).toBe(lower);

    const wide = syntheticUscc(rng, '370100', 'enterprise');
    const input = '\u3000' + fullWidth(wide.toLowerCase()) + '\u3000';
    const r2 = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: input }));
    expect(r2.statusCode).toBe(201);
    const { rows } = await t.database.pool.query<{ uscc: string }>('select uscc from organisation where id = $1', [
      r2.json().id,
    ]);
    expect(rows[0]!.uscc).toBe(wide);

    // The normalised form is what duplicates are checked against.
    const dup = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: wide }));
    expect(dup.statusCode).toBe(409);
  });
});

describe('the city admin decides', () => {
  it('approves a pending organisation of the same city, once', async () => {
    const { org } = await registered();
    const cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const res = await as(t, cityAdmin, 'POST', `/api/organisations/${org.id}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.id, status: 'approved' });

    const again = await as(t, cityAdmin, 'POST', `/api/organisations/${org.id}/decision`, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    expect(again.json().error.message).toMatch(/不是待审核状态/);
  });

  it('a city admin of another city gets 404 and the organisation stays pending', async () => {
    const { org } = await registered({ cityCode: '370100' });
    const qingdao = await buildUser(t, { roles: ['city_admin'], cityCode: '370200' });
    const res = await as(t, qingdao, 'POST', `/api/organisations/${org.id}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const { rows } = await t.database.pool.query('select status from organisation where id = $1', [org.id]);
    expect(rows[0].status).toBe('pending');
  });

  it('an enterprise user gets 403', async () => {
    const { org, admin } = await registered();
    const other = await buildOrg(t);
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: other.id });
    expect(
      (await as(t, ent, 'POST', `/api/organisations/${org.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(403);
    // Nor can the organisation approve itself.
    const self = await as(t, admin, 'POST', `/api/organisations/${org.id}/decision`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
  });
});

describe('the organisation admin invites staff', () => {
  it('an accepted invitation creates a user of the same organisation with the enterprise role', async () => {
    const { org, admin } = await approved();
    const inv = await invite(admin, org.id);
    expect(inv.statusCode).toBe(201);
    const { token, expiresAt } = inv.json();
    expect(token).toEqual(expect.any(String));
    expect(new Date(expiresAt).getTime()).toBe(t.clock.now().getTime() + 7 * DAY);

    const username = uniqueName('staff');
    const acc = await accept(token, username);
    expect(acc.statusCode).toBe(201);
    const r = await login(t, username, PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: acc.json().userId, roles: ['enterprise'], orgId: org.id });
  });

  it('a used invitation cannot be used again', async () => {
    const { org, admin } = await approved();
    const { token } = (await invite(admin, org.id)).json();
    expect((await accept(token)).statusCode).toBe(201);
    const again = await accept(token);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toMatch(/邀请链接无效或已过期/);
  });

  it('an invitation expires after 7 days', async () => {
    const { org, admin } = await approved();
    const { token } = (await invite(admin, org.id)).json();
    t.clock.advance(8 * DAY);
    const res = await accept(token);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/邀请链接无效或已过期/);
  });

  it('cannot invite for another organisation', async () => {
    const mine = await approved();
    const theirs = await approved();
    const res = await invite(mine.admin, theirs.org.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('cannot invite before the organisation is approved', async () => {
    const { org, admin } = await registered();
    const res = await invite(admin, org.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_TRANSITION');
    expect(res.json().error.message).toMatch(/审核通过后/);
  });

  it('staff who joined by invitation cannot invite others: only the organisation admin can', async () => {
    const { org, admin } = await approved();
    const username = uniqueName('staff');
    expect((await accept((await invite(admin, org.id)).json().token, username)).statusCode).toBe(201);
    const staff = { cookie: cookieOf(await login(t, username, PASSWORD)) };
    const res = await invite(staff, org.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('audit', () => {
  it('every onboarding write leaves an audit row carrying the request id of its response', async () => {
    const reg = await registered();
    expect(await auditRowsOf(reg.res)).toEqual([
      { action: 'org.register', entity: 'organisation', entity_id: reg.org.id },
      { action: 'user.create', entity: 'user', entity_id: expect.any(String) },
    ]);

    const cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const dec = await as(t, cityAdmin, 'POST', `/api/organisations/${reg.org.id}/decision`, { decision: 'approve' });
    expect(dec.statusCode).toBe(200);
    expect(await auditRowsOf(dec)).toEqual([{ action: 'org.approve', entity: 'organisation', entity_id: reg.org.id }]);

    const inv = await invite(reg.admin, reg.org.id);
    expect(inv.statusCode).toBe(201);
    expect(await auditRowsOf(inv)).toEqual([
      { action: 'org.invite', entity: 'invitation', entity_id: expect.any(String) },
    ]);

    const acc = await accept(inv.json().token);
    expect(acc.statusCode).toBe(201);
    expect(await auditRowsOf(acc)).toEqual([
      { action: 'org.invitation_accepted', entity: 'user', entity_id: acc.json().userId },
    ]);
  });
});

describe('editing an organisation', () => {
  it('its admin edits size and chains, only the province admin sets pilot flags, staff cannot edit', async () => {
    const org = await buildOrg(t);
    const admin = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const staff = await buildUser(t, { roles: ['enterprise'], orgId: org.id, isOrgAdmin: false });
    const province = await buildUser(t, { roles: ['province_admin'] });

    const ok = await as(t, admin, 'PATCH', `/api/organisations/${org.id}`, {
      sizeClass: 'medium',
      industryChains: ['IC02', 'IC02', 'IC05'],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ sizeClass: 'medium', industryChains: ['IC02', 'IC05'] });

    const flags = await as(t, admin, 'PATCH', `/api/organisations/${org.id}`, { pilotFlags: ['guidance_zone'] });
    expect(flags.statusCode).toBe(403);
    expect(flags.json().error.message).toMatch(/试点标识由省级管理员设置/);
    expect((await as(t, staff, 'PATCH', `/api/organisations/${org.id}`, { sizeClass: 'large' })).statusCode).toBe(403);

    const p = await as(t, province, 'PATCH', `/api/organisations/${org.id}`, {
      pilotFlags: ['guidance_zone', 'key_chain_cluster'],
    });
    expect(p.statusCode).toBe(200);
    expect(p.json().pilotFlags).toEqual(['guidance_zone', 'key_chain_cluster']);
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'org.update' and entity_id = $1`,
      [org.id],
    );
    expect(rows[0].n).toBe(2);
  });
});

describe('a squatted USCC', () => {
  it('is freed when the city admin rejects the registration, so the real organisation can register', async () => {
    const squat = registration();
    const first = await as(t, null, 'POST', '/api/public/organisations', squat);
    expect(first.statusCode).toBe(201);
    const blocked = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: squat.uscc }));
    expect(blocked.statusCode).toBe(409);
    const cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const reject = await as(t, cityAdmin, 'POST', `/api/organisations/${first.json().id}/decision`, {
      decision: 'reject',
      note: '冒用统一社会信用代码',
    });
    expect(reject.statusCode).toBe(200);
    const real = await as(t, null, 'POST', '/api/public/organisations', registration({ uscc: squat.uscc }));
    expect(real.statusCode).toBe(201);
  });
});
