import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';

let t: TestApp;
let province: TestUser;
beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
});

let n = 0;
const num = () => `ZS${Date.now()}${++n}`;

async function issue(user: TestUser, personId: string, body: Record<string, unknown>) {
  const res = await as(t, user, 'POST', `/api/persons/${personId}/credentials`, {
    number: num(),
    issuerName: '省人社厅',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const digitalCert = { kind: 'skill_cert', occupationCode: '4-04-05-05', levelCode: 'SENIOR', issuedOn: '2026-03-01' };

async function counts(asOf: string, knownAt?: string) {
  const q = new URLSearchParams({ asOf, ...(knownAt ? { knownAt } : {}) });
  const res = await as(t, province, 'GET', `/api/registry/categories?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { cityCode: string; t1: number; t2: number; t3: number; t4: number; composite: number }[];
}
const cityOf = (rows: Awaited<ReturnType<typeof counts>>, code: string) =>
  rows.find((r) => r.cityCode === code) ?? { t1: 0, t2: 0, t3: 0, t4: 0, composite: 0 };

describe('credentials and the plan’s categories', () => {
  it('a certificate in a 2-02-38 occupation at a professional-technical level is a 数字技术工程师 credential', async () => {
    const p = await buildPerson(t, { cityCode: '370300' });
    const c = await issue(province, p.id, {
      kind: 'skill_cert',
      occupationCode: '2-02-38-01',
      levelCode: 'PT_JUNIOR',
      issuedOn: '2026-01-10',
    });
    expect(c.kind).toBe('digital_engineer');
    const profile = (await as(t, province, 'GET', `/api/persons/${p.id}/profile`)).json();
    expect(profile.categories).toMatchObject({ t1: true, t4: true, t3: false });
  });

  it('former occupation codes are mapped to the current code', async () => {
    const p = await buildPerson(t);
    const c = await issue(province, p.id, {
      kind: 'skill_cert',
      occupationCode: '2-02-10-09',
      levelCode: 'PT_SENIOR',
      issuedOn: '2025-01-10',
    });
    expect(c.occupationCode).toBe('2-02-38-01');
  });

  it('T2 counts leaders among T1 only; T3 is the solution designer occupation', async () => {
    const city = '370400';
    const before = cityOf(await counts('2026-11-30'), city);
    const leaderOnly = await buildPerson(t, { cityCode: city });
    await issue(province, leaderOnly.id, { kind: 'designation', field: 'LEADER', issuedOn: '2026-05-01' });
    const both = await buildPerson(t, { cityCode: city });
    await issue(province, both.id, digitalCert);
    await issue(province, both.id, { kind: 'designation', field: 'LEADER', issuedOn: '2026-05-01' });
    const designer = await buildPerson(t, { cityCode: city });
    await issue(province, designer.id, {
      kind: 'skill_cert',
      occupationCode: '4-04-04-05',
      levelCode: 'INTERMEDIATE',
      issuedOn: '2026-02-01',
    });
    const after = cityOf(await counts('2026-11-30'), city);
    expect(after.t1 - before.t1).toBe(2); // both + designer (4-04-04-05 is digital)
    expect(after.t2 - before.t2).toBe(1); // the leader without a digital credential is not T2
    expect(after.t3 - before.t3).toBe(1);
  });

  it('holders from before 2026 count; revoked and expired credentials stop counting from their day', async () => {
    const city = '370500';
    const old = await buildPerson(t, { cityCode: city });
    await issue(province, old.id, { ...digitalCert, issuedOn: '2019-06-01' });
    const expiring = await buildPerson(t, { cityCode: city });
    await issue(province, expiring.id, { ...digitalCert, issuedOn: '2020-01-01', expiresOn: '2026-06-30' });
    const revoked = await buildPerson(t, { cityCode: city });
    const c = await issue(province, revoked.id, { ...digitalCert, issuedOn: '2021-01-01' });
    const r = await as(t, province, 'POST', `/api/credentials/${c.credentialId}/revocation`, {
      revokedOn: '2026-09-01',
      reason: '弄虚作假',
    });
    expect(r.statusCode).toBe(200);
    expect(cityOf(await counts('2025-12-31'), city).t1).toBe(3);
    expect(cityOf(await counts('2026-06-30'), city).t1).toBe(3);
    expect(cityOf(await counts('2026-07-01'), city).t1).toBe(2);
    expect(cityOf(await counts('2026-09-01'), city).t1).toBe(1);
  });

  it('a correction after the year ends leaves the as-of-then count unchanged and changes the as-known-now count', async () => {
    const city = '370600';
    const p = await buildPerson(t, { cityCode: city });
    // Recorded in 2026 as a digital occupation certificate…
    const c = await issue(province, p.id, { ...digitalCert, issuedOn: '2026-04-01' });
    const yearEnd = '2026-12-31';
    t.clock.advance(40 * 86400_000); // now 2027-01-09
    province = await buildUser(t, { roles: ['province_admin'] }); // the old session idled out
    const knownThen = new Date('2027-01-01T00:00:00+08:00').toISOString();
    expect(cityOf(await counts(yearEnd), city).t1).toBe(1);
    // …corrected in January 2027: it was a non-digital occupation all along.
    const fix = await as(t, province, 'POST', `/api/credentials/${c.credentialId}/corrections`, {
      occupationCode: '6-18-01-07',
      note: '录入错误：职业应为多工序数控机床操作调整工',
    });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(cityOf(await counts(yearEnd, knownThen), city).t1).toBe(1); // as known then
    expect(cityOf(await counts(yearEnd), city).t1).toBe(0); // as known now
    // Both versions stay; the old one is superseded, not overwritten.
    const profile = (await as(t, province, 'GET', `/api/persons/${p.id}/profile`)).json();
    expect(profile.history).toHaveLength(2);
    expect(profile.history.filter((h: { supersededAt: string | null }) => h.supersededAt)).toHaveLength(1);
    const audit = await t.database.pool.query(
      `select before, after from audit_log where action = 'credential.correct' and entity_id = $1`,
      [c.credentialId],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('a person is counted in the city they belonged to on the day', async () => {
    const p = await buildPerson(t, { cityCode: '370700' });
    await issue(province, p.id, { ...digitalCert, issuedOn: '2026-01-05' });
    const before = {
      a: cityOf(await counts('2026-06-30'), '370700').t1,
      b: cityOf(await counts('2026-06-30'), '370800').t1,
    };
    await t.services.registry.moveCity(
      {
        ...province,
        userId: province.id,
        username: 'p',
        roles: ['province_admin'],
        orgId: null,
        cityCode: null,
        personId: null,
        ip: null,
        requestId: 'r',
      },
      p.id,
      '370800',
      '2026-07-01',
    );
    expect(cityOf(await counts('2026-06-30'), '370700').t1).toBe(before.a);
    expect(cityOf(await counts('2026-07-01'), '370700').t1).toBe(before.a - 1);
    expect(cityOf(await counts('2026-07-01'), '370800').t1).toBe(before.b + 1);
  });

  it('复合型 数字+制造: a digital credential with a manufacturing occupation credential or post', async () => {
    const org = await buildOrg(t, { cityCode: '370900' });
    const withCert = await buildPerson(t, { cityCode: '370900' });
    await issue(province, withCert.id, digitalCert);
    await issue(province, withCert.id, {
      kind: 'skill_cert',
      occupationCode: '6-18-01-07',
      levelCode: 'SENIOR',
      issuedOn: '2024-01-01',
    });
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const hired = await as(t, ent, 'POST', '/api/employments', {
      idNumber: (await buildPerson(t, { cityCode: '370900' })).idNumber,
      name: '测试人员',
      post: '数控车工',
      occupationCode: '6-18-01-07',
      isDigitalPost: false,
      fromDate: '2025-03-01',
    });
    expect(hired.statusCode, hired.body).toBe(201);
    await issue(province, hired.json().personId, digitalCert);
    const digitalOnly = await buildPerson(t, { cityCode: '370900' });
    await issue(province, digitalOnly.id, digitalCert);
    const get = async (id: string) => (await as(t, province, 'GET', `/api/persons/${id}/profile`)).json().categories;
    expect((await get(withCert.id)).composite).toBe(true);
    expect((await get(hired.json().personId)).composite).toBe(true);
    expect((await get(digitalOnly.id)).composite).toBe(false);
    expect((await get(withCert.id)).highSkill).toBe(true); // 高级工 and above
  });

  it('an ID number reaches a registered person only with the name on record', async () => {
    const org = await buildOrg(t, { cityCode: '370900' });
    const ent = await buildUser(t, { roles: ['enterprise'], orgId: org.id });
    const someone = await buildPerson(t, { cityCode: '370900' }); // registered as 测试人员
    const hire = (name: string) =>
      as(t, ent, 'POST', '/api/employments', {
        idNumber: someone.idNumber,
        name,
        post: '数控车工',
        isDigitalPost: false,
        fromDate: '2025-03-01',
      });
    const wrong = await hire('张三');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('身份证号与姓名不匹配');
    const rows = await t.database.pool.query('select count(*)::int as n from employment where person_id = $1', [
      someone.id,
    ]);
    expect(rows.rows[0].n).toBe(0); // no reach gained under a false name
    const issued = await as(t, province, 'POST', '/api/credentials', {
      ...digitalCert,
      number: 'NM' + Date.now(),
      issuerName: '省人社厅',
      idNumber: someone.idNumber,
      name: '张三',
    });
    expect(issued.statusCode).toBe(400);
    expect(issued.json().error.message).toBe('身份证号与姓名不匹配');
    expect((await hire(' 测试人员 ')).statusCode).toBe(201);
  });

  it('the profile shows the current level per occupation: the highest valid one', async () => {
    const p = await buildPerson(t);
    await issue(province, p.id, {
      kind: 'skill_cert',
      occupationCode: '6-31-07-03',
      levelCode: 'JUNIOR',
      issuedOn: '2022-01-01',
    });
    await issue(province, p.id, {
      kind: 'skill_cert',
      occupationCode: '6-31-07-03',
      levelCode: 'TECHNICIAN',
      issuedOn: '2025-01-01',
    });
    const profile = (await as(t, province, 'GET', `/api/persons/${p.id}/profile`)).json();
    expect(profile.levels).toEqual([expect.objectContaining({ occupationCode: '6-31-07-03', levelName: '技师' })]);
    const then = (await as(t, province, 'GET', `/api/persons/${p.id}/profile?asOf=2023-06-01`)).json();
    expect(then.levels[0].levelName).toBe('初级工');
  });
});

describe('who issues and corrects', () => {
  it('an evaluator issues skill certificates by ID number, not training completions; only the issuer corrects', async () => {
    const evalOrg = await buildOrg(t, { kind: 'evaluation' });
    const otherEval = await buildOrg(t, { kind: 'evaluation' });
    const evaluator = await buildUser(t, { roles: ['evaluator'], orgId: evalOrg.id });
    const other = await buildUser(t, { roles: ['evaluator'], orgId: otherEval.id });
    const p = await buildPerson(t, { cityCode: '371000' });
    const body = {
      idNumber: p.idNumber,
      name: '测试人员',
      kind: 'skill_cert',
      number: num(),
      occupationCode: '6-31-07-03',
      levelCode: 'INTERMEDIATE',
      issuedOn: '2026-08-08',
    };
    const ok = await as(t, evaluator, 'POST', '/api/credentials', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ personId: p.id, issuerOrgId: evalOrg.id });
    // The same certificate again creates nothing new.
    const again = await as(t, evaluator, 'POST', '/api/credentials', body);
    expect(again.json().credentialId).toBe(ok.json().credentialId);
    const training = await as(t, evaluator, 'POST', '/api/credentials', {
      ...body,
      kind: 'training_completion',
      number: num(),
    });
    expect(training.statusCode).toBe(403);
    const foreign = await as(t, other, 'POST', `/api/credentials/${ok.json().credentialId}/corrections`, {
      note: '他人更正',
      levelCode: 'SENIOR',
    });
    expect(foreign.statusCode).toBe(404);
    const own = await as(t, evaluator, 'POST', `/api/credentials/${ok.json().credentialId}/corrections`, {
      note: '等级录入错误',
      levelCode: 'SENIOR',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().levelCode).toBe('SENIOR');
  });

  it('refuses unknown occupations and future dates in Chinese', async () => {
    const p = await buildPerson(t);
    const bad = await as(t, province, 'POST', `/api/persons/${p.id}/credentials`, {
      ...digitalCert,
      number: num(),
      issuerName: 'x',
      occupationCode: '9-99-99-99',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/不在职业分类大典中/);
    const future = await as(t, province, 'POST', `/api/persons/${p.id}/credentials`, {
      ...digitalCert,
      number: num(),
      issuerName: 'x',
      issuedOn: '2030-01-01',
    });
    expect(future.json().error.message).toMatch(/不能晚于今天/);
  });
});

describe('merging two records of one person', () => {
  it('moves credentials and employment to the survivor, audited; the duplicate disappears from lists', async () => {
    const org = await buildOrg(t);
    const a = await buildPerson(t, { employerOrgId: org.id });
    const b = await buildPerson(t);
    await issue(province, b.id, digitalCert);
    const res = await as(t, province, 'POST', `/api/persons/${a.id}/merge`, { duplicateId: b.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved.credentials).toBe(1);
    expect((await as(t, province, 'GET', `/api/persons/${b.id}`)).statusCode).toBe(404);
    const profile = (await as(t, province, 'GET', `/api/persons/${a.id}/profile`)).json();
    expect(profile.categories.t1).toBe(true);
    const audit = await t.database.pool.query(
      `select 1 from audit_log where action = 'person.merge' and entity_id = $1`,
      [a.id],
    );
    expect(audit.rowCount).toBe(1);
  });
});

describe('search', () => {
  it('filters by category, occupation, level, tier, organisation and chain, and sorts', async () => {
    const org = await buildOrg(t, { cityCode: '371100' });
    const p = await buildPerson(t, { cityCode: '371100', employerOrgId: org.id });
    await issue(province, p.id, { ...digitalCert, occupationCode: '4-04-04-05' });
    const q = async (params: Record<string, string>) => {
      const res = await as(t, province, 'GET', `/api/persons?${new URLSearchParams({ pageSize: '200', ...params })}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((i) => i.id);
    };
    expect(await q({ category: 't3', cityCode: '371100' })).toContain(p.id);
    expect(await q({ category: 't4', cityCode: '371100' })).not.toContain(p.id);
    expect(await q({ occupation: '4-04-04-05', level: 'SENIOR' })).toContain(p.id);
    expect(await q({ occupation: '4-04-04-05', level: 'JUNIOR' })).not.toContain(p.id);
    expect(await q({ orgId: org.id })).toEqual([p.id]);
    expect(await q({ chain: 'IC01', cityCode: '371100' })).toContain(p.id);
    expect(await q({ chain: 'IC09', cityCode: '371100' })).not.toContain(p.id);
    const sorted = await as(t, province, 'GET', '/api/persons?pageSize=50&sort=birthDate&order=desc');
    const years = (sorted.json().items as { birthYear: number }[]).map((i) => i.birthYear);
    expect([...years].sort((x, y) => y - x)).toEqual(years);
  });
});
