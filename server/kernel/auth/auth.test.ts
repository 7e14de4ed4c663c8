import { describe, expect, it, beforeAll } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildUser, cookieOf, login, PASSWORD } from '../../test/factories.js';
import { hashPassword, passwordProblem } from './password.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('passwords', () => {
  it('hashes with argon2id', async () => {
    expect(await hashPassword('Abcdefg1')).toMatch(/^\$argon2id\$/);
  });
  it('requires ≥ 8 characters and 3 of 4 classes', () => {
    const p = { minLength: 8, minClasses: 3 };
    expect(passwordProblem('Abc1!xy', p)).toMatch(/至少 8 位/);
    expect(passwordProblem('abcdefgh1', p)).toMatch(/至少 3 类/);
    expect(passwordProblem('abcdefG1', p)).toBeNull();
    expect(passwordProblem('abcdefg!1', p)).toBeNull();
  });
});

describe('login and sessions', () => {
  it('logs in, reads /me, and logs out', async () => {
    const u = await buildUser(t, { roles: ['province_admin'] });
    const me = await as(t, u, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toEqual(['province_admin']);
    expect((await as(t, u, 'POST', '/api/auth/logout', {})).statusCode).toBe(200);
    const after = await as(t, u, 'GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/请先登录/);
    expect(after.json().error.requestId).toBeTruthy();
  });

  it('sets an httpOnly SameSite=Strict cookie', async () => {
    const u = await buildUser(t, { roles: ['talent'] });
    const r = await login(t, u.username, PASSWORD);
    const c = r.cookies.find((x) => x.name === 'jx_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
  });

  it('locks the account for 30 minutes after 5 failed logins', async () => {
    const u = await buildUser(t, { roles: ['province_admin'] });
    for (let i = 0; i < 4; i++) {
      const r = await login(t, u.username, 'Wrong-pass-1');
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('用户名或密码错误');
    }
    const fifth = await login(t, u.username, 'Wrong-pass-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toMatch(/锁定/);
    // Even the right password is refused while locked.
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(423);
    t.clock.advance(29 * 60_000);
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(423);
    t.clock.advance(2 * 60_000);
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes', async () => {
    const u = await buildUser(t, { roles: ['province_admin'] });
    t.clock.advance(29 * 60_000);
    expect((await as(t, u, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000); // active 29 minutes ago: still alive
    expect((await as(t, u, 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await as(t, u, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('does not tell unknown users from wrong passwords', async () => {
    const r = await login(t, 'nobody-here', 'Whatever-1');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toBe('用户名或密码错误');
  });
});

describe('三员分立', () => {
  it('the database refuses a user holding two of the three admin roles', async () => {
    await expect(buildUser(t, { roles: ['system_admin', 'audit_admin'] })).rejects.toThrow();
    await expect(
      t.database.pool.query(
        `insert into app_user (username, display_name, password_hash, roles) values ('x1', 'x', 'h', array['security_admin','province_admin'])`,
      ),
    ).rejects.toThrow(/app_user_separation_chk/);
  });

  it('each admin is refused what the others do', async () => {
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const sec = await buildUser(t, { roles: ['security_admin'] });
    const aud = await buildUser(t, { roles: ['audit_admin'] });
    const target = await buildUser(t, { roles: ['province_admin'] });
    // audit log: only the audit admin
    expect((await as(t, aud, 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await as(t, sys, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await as(t, sec, 'GET', '/api/audit')).statusCode).toBe(403);
    // roles: only the security admin
    const roles = { roles: ['city_admin'] };
    expect((await as(t, sys, 'PUT', `/api/users/${target.id}/roles`, roles)).statusCode).toBe(403);
    expect((await as(t, aud, 'PUT', `/api/users/${target.id}/roles`, roles)).statusCode).toBe(403);
    const sr = await as(t, sec, 'PUT', `/api/users/${target.id}/roles`, roles);
    expect(sr.statusCode).toBe(400); // city admin needs a city: refused with a reason
    expect(sr.json().error.message).toMatch(/市级管理员必须指定所属城市/);
    // accounts: only the system admin
    const acct = { username: 'newstaff1', displayName: '新员工', password: 'Abcdefg1!', roles: ['province_admin'] };
    expect((await as(t, sec, 'POST', '/api/users', acct)).statusCode).toBe(403);
    expect((await as(t, aud, 'POST', '/api/users', acct)).statusCode).toBe(403);
    expect((await as(t, sys, 'POST', '/api/users', acct)).statusCode).toBe(201);
    // the system admin cannot even request one of the three admin roles (only the deployment CLI sets them)
    const r = await as(t, sys, 'POST', '/api/users', { ...acct, username: 'newaudit', roles: ['audit_admin'] });
    expect(r.statusCode).toBe(400);
    expect(await t.database.pool.query(`select 1 from app_user where username = 'newaudit'`)).toMatchObject({
      rowCount: 0,
    });
    // security settings: only the security admin
    expect((await as(t, sys, 'GET', '/api/security/settings')).statusCode).toBe(403);
    expect((await as(t, sec, 'GET', '/api/security/settings')).statusCode).toBe(200);
    // a security admin cannot combine admin roles on someone
    const two = await as(t, sec, 'PUT', `/api/users/${target.id}/roles`, { roles: ['system_admin', 'audit_admin'] });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.message).toMatch(/三员分立/);
  });

  it('the system admin unlocks a locked account', async () => {
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const org = await buildOrg(t);
    const u = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    for (let i = 0; i < 5; i++) await login(t, u.username, 'Wrong-pass-1');
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(423);
    expect((await as(t, sys, 'POST', `/api/users/${u.id}/status`, { unlock: true })).statusCode).toBe(200);
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(200);
  });
});

describe('separation of duties and lockout, hardened', () => {
  it('an account opened by the system admin has no role until the security admin grants the requested one, and must change its password', async () => {
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const sec = await buildUser(t, { roles: ['security_admin'] });
    const created = await as(t, sys, 'POST', '/api/users', {
      username: 'staff' + Date.now(),
      displayName: '省厅工作人员',
      password: 'Initial-pass-1',
      roles: ['province_admin'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ roles: [], requestedRoles: ['province_admin'], origin: 'admin' });
    const username = created.json().username;
    // The system admin knows the password, but the account has no power yet.
    const early = await login(t, username, 'Initial-pass-1');
    expect(early.statusCode).toBe(403);
    expect(early.json().error.message).toMatch(/尚未授权角色/);
    expect(
      (await as(t, sec, 'PUT', `/api/users/${created.json().id}/roles`, { roles: ['province_admin'] })).statusCode,
    ).toBe(200);
    const first = await login(t, username, 'Initial-pass-1');
    expect(first.statusCode).toBe(200);
    expect(first.json().mustChangePassword).toBe(true);
    const user = { cookie: cookieOf(first) };
    const blocked = await as(t, user, 'GET', '/api/organisations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toMatch(/请先修改初始密码/);
    expect(
      (
        await as(t, user, 'POST', '/api/auth/password', {
          currentPassword: 'Initial-pass-1',
          newPassword: 'Own-secret-2026',
        })
      ).statusCode,
    ).toBe(200);
    const again = { cookie: cookieOf(await login(t, username, 'Own-secret-2026')) };
    expect((await as(t, again, 'GET', '/api/organisations')).statusCode).toBe(200);
  });

  it('the security admin cannot grant government or admin roles to self-registered accounts, nor touch the three admins', async () => {
    const sec = await buildUser(t, { roles: ['security_admin'] });
    const aud = await buildUser(t, { roles: ['audit_admin'] });
    const org = await buildOrg(t);
    const selfRegistered = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    for (const roles of [['audit_admin'], ['province_admin'], ['city_admin'], ['provider']]) {
      const r = await as(t, sec, 'PUT', `/api/users/${selfRegistered.id}/roles`, { roles });
      expect(r.statusCode, JSON.stringify(roles)).toBeGreaterThanOrEqual(400);
    }
    const strip = await as(t, sec, 'PUT', `/api/users/${aud.id}/roles`, { roles: ['province_admin'] });
    expect(strip.statusCode).toBe(403);
    expect(strip.json().error.message).toMatch(/三员账号/);
  });

  it('the system admin cannot disable or unlock the other admins', async () => {
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const sec = await buildUser(t, { roles: ['security_admin'] });
    const r = await as(t, sys, 'POST', `/api/users/${sec.id}/status`, { status: 'disabled' });
    expect(r.statusCode).toBe(403);
    expect((await as(t, sec, 'GET', '/api/security/settings')).statusCode).toBe(200);
  });

  it('parallel wrong passwords cannot get past the limit, and a right one during the lock is refused', async () => {
    const u = await buildUser(t, { roles: ['province_admin'] });
    const tries = await Promise.all([
      ...Array.from({ length: 12 }, () => login(t, u.username, 'Wrong-pass-1')),
      login(t, u.username, PASSWORD),
    ]);
    const codes = tries.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4);
    // Whatever the order, the lock holds afterwards.
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(423);
  });

  it('after a lock expires one wrong password does not lock again, and a lock does not end live sessions', async () => {
    const u = await buildUser(t, { roles: ['province_admin'] });
    for (let i = 0; i < 5; i++) await login(t, u.username, 'Wrong-pass-1');
    expect((await as(t, u, 'GET', '/api/auth/me')).statusCode).toBe(200); // the holder's session lives on
    t.clock.advance(31 * 60_000);
    await as(t, u, 'GET', '/api/auth/me');
    expect((await login(t, u.username, 'Wrong-pass-1')).statusCode).toBe(401);
    expect((await login(t, u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled account is told apart only to whoever knows its password; unknown usernames are not stored', async () => {
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const u = await buildUser(t, { roles: ['province_admin'] });
    await as(t, sys, 'POST', `/api/users/${u.id}/status`, { status: 'disabled' });
    expect((await login(t, u.username, 'Wrong-pass-1')).json().error.message).toBe('用户名或密码错误');
    expect((await login(t, u.username, PASSWORD)).json().error.message).toMatch(/已停用/);
    const typedId = '370102199003071238';
    await login(t, typedId, 'Whatever-1');
    const { rows } = await t.database.pool.query(
      `select 1 from audit_log where actor_username = $1 or after::text like $2`,
      [typedId, `%${typedId}%`],
    );
    expect(rows.length).toBe(0);
  });

  it('refuses impossible dates and empty status changes with 400, not 500', async () => {
    const aud = await buildUser(t, { roles: ['audit_admin'] });
    const sys = await buildUser(t, { roles: ['system_admin'] });
    const u = await buildUser(t, { roles: ['province_admin'] });
    expect((await as(t, aud, 'GET', '/api/audit?from=2026-13-01')).statusCode).toBe(400);
    expect((await as(t, null, 'GET', '/api/reference/city?asOf=2026-02-30')).statusCode).toBe(400);
    expect((await as(t, sys, 'POST', `/api/users/${u.id}/status`, {})).statusCode).toBe(400);
  });
});
