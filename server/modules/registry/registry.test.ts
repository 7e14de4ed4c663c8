import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser, cookieOf, login, PASSWORD } from '../../test/factories.js';
import { createRng, syntheticChineseName, syntheticIdNumber, syntheticPhone } from '../../seed/synthetic.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
const uniqueName = (p: string) => `${p}_${randomBytes(4).toString('hex')}`;

function newIdNumber(cityCode = '370100'): string {
  return syntheticIdNumber(rng, cityCode, `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, 'F');
}

/** One whose check character is X (about one in eleven). */
function idNumberEndingInX(): string {
  for (;;) {
    const id = newIdNumber();
    if (id.endsWith('X')) return id;
  }
}

async function smsCode(phone: string): Promise<string> {
  const res = await as(t, null, 'POST', '/api/public/talents/sms-code', { phone });
  expect(res.statusCode).toBe(200);
  return t.sms.lastCode(phone)!;
}

async function signup(o: { idNumber?: string; name?: string; phone?: string; smsCode?: string } = {}) {
  const input = {
    username: uniqueName('talent'),
    idNumber: o.idNumber ?? newIdNumber(),
    name: o.name ?? syntheticChineseName(rng, 'F'),
    phone: o.phone ?? syntheticPhone(rng),
    password: PASSWORD,
  };
  const code = o.smsCode ?? (await smsCode(input.phone));
  const res = await as(t, null, 'POST', '/api/public/talents', { ...input, smsCode: code });
  return { res, input };
}

async function storedPerson(id: string) {
  const { rows } = await t.database.pool.query<{
    id_number_enc: string;
    id_number_hash: string;
    phone_enc: string | null;
    phone_hash: string | null;
  }>('select id_number_enc, id_number_hash, phone_enc, phone_hash from person where id = $1', [id]);
  return rows[0]!;
}

/** Every key of a JSON value, at any depth. */
function keysOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysOf);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]);
  return [];
}

describe('talent sign-up', () => {
  it('creates a person whose ID number and phone are stored only encrypted', async () => {
    const { res, input } = await signup();
    expect(res.statusCode).toBe(201);
    const { userId, personId } = res.json();
    expect(userId).toEqual(expect.any(String));

    const p = await storedPerson(personId);
    expect(p.id_number_enc).not.toContain(input.idNumber);
    expect(p.phone_enc).not.toContain(input.phone);
    expect(p.id_number_hash).not.toBe(input.idNumber);
    expect(p.id_number_hash).not.toContain(input.idNumber);
    expect(p.phone_hash).not.toContain(input.phone);
    expect(t.crypto.decrypt(p.id_number_enc)).toBe(input.idNumber);
    expect(t.crypto.decrypt(p.phone_enc!)).toBe(input.phone);

    const r = await login(t, input.username, PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: userId, roles: ['talent'], personId });
  });

  it('refuses a second sign-up with the same ID number with 409', async () => {
    const first = await signup();
    expect(first.res.statusCode).toBe(201);
    const second = await signup({ idNumber: first.input.idNumber, name: first.input.name });
    expect(second.res.statusCode).toBe(409);
    expect(second.res.json().error.code).toBe('CONFLICT');
    expect(second.res.json().error.message).toMatch(/无法自助注册/);
    expect((await login(t, second.input.username, PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a wrong SMS code with 400 验证码不正确', async () => {
    const phone = syntheticPhone(rng);
    const code = await smsCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const { res, input } = await signup({ phone, smsCode: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('验证码不正确');
    expect(await t.services.registry.findIdByIdNumber(input.idNumber)).toBeUndefined();
  });

  it('stores a lower-case x ID number upper-case', async () => {
    const idNumber = idNumberEndingInX();
    const { res } = await signup({ idNumber: idNumber.toLowerCase() });
    expect(res.statusCode).toBe(201);
    const p = await storedPerson(res.json().personId);
    expect(t.crypto.decrypt(p.id_number_enc)).toBe(idNumber);
    expect(p.id_number_hash).toBe(t.crypto.blindIndex('id', idNumber));
    // The upper-case number finds the same person.
    expect(await t.services.registry.findIdByIdNumber(idNumber)).toBe(res.json().personId);
  });
});

describe('who sees a person', () => {
  it('a talent sees their own record but not another person', async () => {
    const { res, input } = await signup();
    const me = { cookie: cookieOf(await login(t, input.username, PASSWORD)) };
    const own = await as(t, me, 'GET', `/api/persons/${res.json().personId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().name).toBe(input.name);

    const other = await buildPerson(t);
    const r = await as(t, me, 'GET', `/api/persons/${other.id}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  it('an enterprise sees its current employee, not another enterprise’s nor a former one', async () => {
    const org = await buildOrg(t);
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const employee = await buildPerson(t, { employerOrgId: org.id });
    expect((await as(t, ent, 'GET', `/api/persons/${employee.id}`)).statusCode).toBe(200);

    const otherOrg = await buildOrg(t);
    const theirs = await buildPerson(t, { employerOrgId: otherOrg.id });
    expect((await as(t, ent, 'GET', `/api/persons/${theirs.id}`)).statusCode).toBe(404);

    const former = await buildPerson(t, { employerOrgId: org.id });
    await t.database.pool.query(`update employment set to_date = '2025-12-31' where person_id = $1`, [former.id]);
    expect((await as(t, ent, 'GET', `/api/persons/${former.id}`)).statusCode).toBe(404);
  });

  it('a city admin sees persons of their city, not of another city', async () => {
    const jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const here = await buildPerson(t, { cityCode: '370100' });
    const there = await buildPerson(t, { cityCode: '370200' });
    expect((await as(t, jinan, 'GET', `/api/persons/${here.id}`)).statusCode).toBe(200);
    expect((await as(t, jinan, 'GET', `/api/persons/${there.id}`)).statusCode).toBe(404);
  });

  it('shows the ID number masked and never its full form, ciphertext or hash', async () => {
    const jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const p = await buildPerson(t, { cityCode: '370100' });
    const res = await as(t, jinan, 'GET', `/api/persons/${p.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(body.idNumberMasked).toBe(p.idNumber.slice(0, 6) + '********' + p.idNumber.slice(-4));
    expect(res.body).not.toContain(p.idNumber);
    expect(res.body).not.toContain(p.phone);
    expect(res.body).not.toContain('v1:');
    const leaky = keysOf(body).filter((k) => /enc|hash/i.test(k));
    expect(leaky).toEqual([]);
  });
});

describe('the full ID number', () => {
  it('is shown to a city admin, and the view is audited', async () => {
    const jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const p = await buildPerson(t, { cityCode: '370100' });
    const res = await as(t, jinan, 'GET', `/api/persons/${p.id}/identity`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: p.id,
      idNumber: p.idNumber,
      birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      phone: p.phone,
    });

    const { rows } = await t.database.pool.query(
      `select actor_user_id, request_id from audit_log where action = 'person.pii_view' and entity_id = $1`,
      [p.id],
    );
    expect(rows).toEqual([{ actor_user_id: jinan.id, request_id: res.headers['x-request-id'] }]);
  });

  it('is refused to an enterprise, even for its own employee', async () => {
    const org = await buildOrg(t);
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const employee = await buildPerson(t, { employerOrgId: org.id });
    const res = await as(t, ent, 'GET', `/api/persons/${employee.id}/identity`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(employee.idNumber);
    const { rowCount } = await t.database.pool.query(
      `select 1 from audit_log where action = 'person.pii_view' and entity_id = $1`,
      [employee.id],
    );
    expect(rowCount).toBe(0);
  });
});

describe('sign-up cannot take over a registered person (review finding)', () => {
  it('an existing person is bound only with the phone on file and the same name; every refusal reads the same', async () => {
    const org = await buildOrg(t);
    const victim = await buildPerson(t, { employerOrgId: org.id });
    const { rows } = await t.database.pool.query<{ name: string }>('select name from person where id = $1', [
      victim.id,
    ]);
    const name = rows[0]!.name;
    // The attacker knows the ID number and name, and proves only their own phone.
    const attack = await signup({ idNumber: victim.idNumber, name, phone: syntheticPhone(rng) });
    expect(attack.res.statusCode).toBe(409);
    const message = attack.res.json().error.message;
    expect(message).toMatch(/无法自助注册/);
    // A wrong name with the right phone gets the very same answer.
    const wrongName = await signup({ idNumber: victim.idNumber, name: '某某某', phone: victim.phone });
    expect(wrongName.res.json().error.message).toBe(message);
    const accounts = await t.database.pool.query('select 1 from app_user where person_id = $1', [victim.id]);
    expect(accounts.rowCount).toBe(0);
    // The real person, with the phone on file, binds their record (a new code after a minute).
    t.clock.advance(61_000);
    const real = await signup({ idNumber: victim.idNumber, name, phone: victim.phone });
    expect(real.res.statusCode).toBe(201);
    expect(real.res.json().personId).toBe(victim.id);
  });

  it('a mistake in the form does not spend the SMS code', async () => {
    const phone = syntheticPhone(rng);
    const code = await smsCode(phone);
    const bad = await signup({ idNumber: '370102199003071239', phone, smsCode: code });
    expect(bad.res.statusCode).toBe(400);
    const good = await signup({ phone, smsCode: code });
    expect(good.res.statusCode).toBe(201);
  });

  it('parallel wrong guesses of an SMS code are limited to 5', async () => {
    const phone = syntheticPhone(rng);
    const code = await smsCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        signup({ phone, smsCode: wrong }).then((r) => r.res.json().error.message as string),
      ),
    );
    expect(results.filter((m) => m === '验证码不正确').length).toBeLessThanOrEqual(5);
    // The code is burnt after 5 wrong guesses, even the right one no longer works.
    expect((await signup({ phone, smsCode: code })).res.json().error.message).toMatch(/验证码已失效/);
  });

  it('parallel sign-ups create one account per person', async () => {
    const phone = syntheticPhone(rng);
    const idNumber = newIdNumber();
    const name = syntheticChineseName(rng, 'F');
    const code = await smsCode(phone);
    // Same code cannot be used twice, so the race is on the person: give each request its own phone's code.
    const attempts = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const p = i === 0 ? phone : syntheticPhone(rng);
        const c = i === 0 ? code : await smsCode(p);
        return signup({ idNumber, name, phone: p, smsCode: c });
      }),
    );
    expect(attempts.filter((a) => a.res.statusCode === 201).length).toBe(1);
  });
});
