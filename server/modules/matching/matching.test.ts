import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';

let t: TestApp;
let province: TestUser;
let jinan: TestUser; // city admin 370100
let qingdao: TestUser; // city admin 370200
let ent: TestUser; // enterprise in 370100
let ent2: TestUser; // enterprise in 370200
let entOrg: { id: string };

beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  qingdao = await buildUser(t, { roles: ['city_admin'], cityCode: '370200' });
  entOrg = await buildOrg(t, { cityCode: '370100' });
  ent = await buildUser(t, { roles: ['enterprise'], orgId: entOrg.id });
  const org2 = await buildOrg(t, { cityCode: '370200' });
  ent2 = await buildUser(t, { roles: ['enterprise'], orgId: org2.id });
});

async function call(u: TestUser, method: string, url: string, body?: unknown, status = 200) {
  const res = await as(t, u, method, url, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json();
}
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

/** A valid skill certificate (occupation, level) recorded for the person. */
async function certify(personId: string, occupation: string, level: string) {
  await t.database.pool.query(
    `insert into credential (credential_id, person_id, kind, number, issuer_name, occupation_code, level_code, issued_on, recorded_at)
     values (gen_random_uuid(), $1, 'skill_cert', $2, '测试评价机构', $3, $4, '2025-01-01', now())`,
    [personId, 'MT' + randomBytes(6).toString('hex'), occupation, level],
  );
}

async function talent(o: { cityCode?: string; cert?: [string, string]; open?: boolean; cities?: string[] } = {}) {
  const p = await buildPerson(t, { cityCode: o.cityCode ?? '370100' });
  if (o.cert) await certify(p.id, o.cert[0], o.cert[1]);
  const u = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: o.cityCode ?? '370100' });
  if (o.open !== false)
    await call(u, 'PUT', '/api/me/intention', { openToWork: true, cities: o.cities ?? [], skills: ['AI-06'] });
  return { person: p, user: u };
}

const demandBody = {
  title: '数字化解决方案设计师',
  occupationCode: '4-04-04-05',
  minLevel: 'SENIOR',
  requiredSkills: ['DM-06'],
  preferredSkills: ['AI-06'],
  headcount: 1,
  salaryMin: 8000,
  salaryMax: 12000,
  deadline: '2027-03-31',
  digitalPost: true,
  description: '负责中小企业数字化改造方案',
};

async function openDemand(u: TestUser = ent, body: object = demandBody) {
  const d = await call(u, 'POST', '/api/demands', body, 201);
  return call(u, 'POST', `/api/demands/${d.id}/status`, { status: 'open' });
}

describe('demands: lifecycle, transitions and scope', () => {
  it('drafts, opens, edits, closes; refuses illegal steps; audits each write', async () => {
    const d = await call(ent, 'POST', '/api/demands', demandBody, 201);
    expect(d).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      cityCode: '370100',
      occupationName: '数字化解决方案设计师',
      minLevelName: '高级工',
      editable: true,
    });
    expect(d.requiredSkills).toEqual([{ code: 'DM-06', name: '数字化改造方案设计' }]);

    let res = await as(t, ent, 'POST', `/api/demands/${d.id}/status`, { status: 'filled' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '需求当前为「草稿」，不能改为「已招满」',
    });

    const opened = await call(ent, 'POST', `/api/demands/${d.id}/status`, { status: 'open' });
    expect(opened).toMatchObject({ status: 'open', statusLabel: '招聘中' });
    expect(opened.openedAt).toBe(t.clock.now().toISOString());
    res = await as(t, ent, 'POST', `/api/demands/${d.id}/status`, { status: 'open' });
    expect(errorOf(res).message).toBe('需求已是「招聘中」状态');

    expect((await call(ent, 'PATCH', `/api/demands/${d.id}`, { headcount: 3 })).headcount).toBe(3);
    res = await as(t, ent, 'PATCH', `/api/demands/${d.id}`, { salaryMin: 20000 });
    expect(res.statusCode).toBe(400);
    res = await as(t, ent, 'PATCH', `/api/demands/${d.id}`, { occupationCode: '9-99-99-99' });
    expect(errorOf(res).message).toBe('职业代码 9-99-99-99 不在职业目录中');

    await call(ent, 'POST', `/api/demands/${d.id}/status`, { status: 'closed' });
    res = await as(t, ent, 'PATCH', `/api/demands/${d.id}`, { headcount: 2 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('需求已关闭，不能再修改');
    res = await as(t, ent, 'POST', `/api/demands/${d.id}/status`, { status: 'open' });
    expect(res.statusCode).toBe(409);

    const audits = await t.database.pool.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 order by id`,
      [d.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual([
      'demand.create',
      'demand.open',
      'demand.update',
      'demand.closed',
    ]);
  });

  it('answers 404 out of reach: another city admin, another enterprise; lists are scoped', async () => {
    const d = await openDemand();
    for (const u of [qingdao, ent2]) {
      expect((await as(t, u, 'GET', `/api/demands/${d.id}`)).statusCode).toBe(404);
      expect((await as(t, u, 'GET', `/api/demands/${d.id}/candidates`)).statusCode).toBe(404);
    }
    expect((await as(t, ent2, 'PATCH', `/api/demands/${d.id}`, { headcount: 2 })).statusCode).toBe(404);
    expect((await call(jinan, 'GET', `/api/demands/${d.id}`)).id).toBe(d.id);
    expect((await call(province, 'GET', `/api/demands/${d.id}/candidates`)).demandId).toBe(d.id);
    const other = await openDemand(ent2, { ...demandBody, title: '青岛岗位' });
    const ids = (u: TestUser) =>
      call(u, 'GET', '/api/demands?pageSize=200').then((r) => r.items.map((x: { id: string }) => x.id));
    expect(await ids(jinan)).toContain(d.id);
    expect(await ids(jinan)).not.toContain(other.id);
    expect(await ids(qingdao)).toContain(other.id);
    expect(await ids(ent2)).toEqual([other.id]);
    expect(await ids(province)).toEqual(expect.arrayContaining([d.id, other.id]));
    const filtered = await call(province, 'GET', '/api/demands?city=370200&q=青岛');
    expect(filtered.items.map((x: { id: string }) => x.id)).toEqual([other.id]);
  });
});

describe('candidates, recommendations and the flow to hire', () => {
  it('ranks with parts, masks until contact, enforces maker rules, and a hire reaches the registry', async () => {
    const best = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const lower = await talent({ cert: ['4-04-04-05', 'INTERMEDIATE'] });
    const notOpen = await talent({ cert: ['4-04-04-05', 'TECHNICIAN'], open: false });
    const d = await openDemand();

    const list = await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=20`);
    const ids = list.items.map((c: { profile: { personId: string } }) => c.profile.personId);
    expect(ids.indexOf(best.person.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(best.person.id)).toBeLessThan(ids.indexOf(lower.person.id));
    expect(ids).not.toContain(notOpen.person.id); // not open to work: outside the policy's pool
    const top = list.items.find((c: { profile: { personId: string } }) => c.profile.personId === best.person.id);
    expect(top.parts.map((p: { key: string }) => p.key)).toEqual([
      'occupation',
      'level',
      'required_skills',
      'preferred_skills',
      'chain',
      'city',
      'evidence',
    ]);
    expect(top.parts.find((p: { key: string }) => p.key === 'level')).toMatchObject({ points: 15, max: 15 });
    expect(top.score).toBe(top.parts.reduce((s: number, p: { points: number }) => s + p.points, 0));
    const low = list.items.find((c: { profile: { personId: string } }) => c.profile.personId === lower.person.id);
    expect(low.missing.map((m: { key: string }) => m.key)).toContain('level');
    expect(top.profile).toMatchObject({ name: '测*', masked: true, phone: null, cityCode: '370100' });
    expect(top.profile.qualifications[0]).toMatchObject({
      occupationCode: '4-04-04-05',
      levelName: '高级工',
      verified: true,
    });
    expect(JSON.stringify(list)).not.toContain(best.person.idNumber);

    // The talent sees the demand among the recommendations, with the same explanation.
    const rec = await call(best.user, 'GET', '/api/me/recommendations');
    const mine = rec.items.find((r: { demand: { id: string } }) => r.demand.id === d.id);
    expect(mine.score).toBe(top.score);

    // Invite → accept (talent only) → interview → offer (enterprise only) → hire.
    const inv = await call(ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: best.person.id }, 201);
    expect(inv).toMatchObject({ status: 'invited', actions: ['withdraw'] });
    expect(inv.talent.masked).toBe(true);
    let res = await as(t, ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: best.person.id });
    expect(res.statusCode).toBe(409);
    res = await as(t, ent, 'POST', `/api/applications/${inv.id}/accept`, {});
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toBe('该操作只能由人才本人进行（企业不能代为操作）');
    expect((await as(t, lower.user, 'POST', `/api/applications/${inv.id}/accept`, {})).statusCode).toBe(404);
    expect((await as(t, ent2, 'POST', `/api/applications/${inv.id}/withdraw`, {})).statusCode).toBe(404);
    const acc = await call(best.user, 'POST', `/api/applications/${inv.id}/accept`, {});
    expect(acc.status).toBe('accepted');

    const unmasked = await call(ent, 'GET', `/api/demands/${d.id}/candidates`);
    const seen = unmasked.items.find((c: { profile: { personId: string } }) => c.profile.personId === best.person.id);
    expect(seen.profile).toMatchObject({ name: '测试人员', masked: false, phone: best.person.phone });
    expect(seen.application).toMatchObject({ status: 'accepted', actions: ['interview', 'offer', 'reject'] });

    res = await as(t, best.user, 'POST', `/api/applications/${inv.id}/offer`, {});
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toBe('该操作只能由企业进行');
    res = await as(t, ent, 'POST', `/api/applications/${inv.id}/hire`, {});
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('对接记录当前为「人才已接受联系」，不能录用');
    await call(ent, 'POST', `/api/applications/${inv.id}/interview`, { note: '12 月 3 日面试' });
    await call(ent, 'POST', `/api/applications/${inv.id}/offer`, {});
    await call(best.user, 'POST', `/api/applications/${inv.id}/accept_offer`, {});
    const hired = await call(ent, 'POST', `/api/applications/${inv.id}/hire`, { fromDate: '2026-11-30' });
    expect(hired).toMatchObject({ status: 'hired', statusLabel: '已录用' });
    expect(hired.employmentId).toBeTruthy();

    // The registry shows the employment; the demand (headcount 1) is filled.
    const person = await call(ent, 'GET', `/api/persons/${best.person.id}`);
    expect(person.employments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orgId: entOrg.id, post: demandBody.title, isDigitalPost: true }),
      ]),
    );
    expect(await call(ent, 'GET', `/api/demands/${d.id}`)).toMatchObject({ status: 'filled', hired: 1 });

    // Applications: the talent sees its own; the city admin of the city sees it; the other city not.
    expect((await call(best.user, 'GET', '/api/me/applications')).items[0].id).toBe(inv.id);
    expect((await call(jinan, 'GET', `/api/applications?demandId=${d.id}`)).total).toBe(1);
    expect((await call(qingdao, 'GET', `/api/applications?demandId=${d.id}`)).total).toBe(0);
    const actions = await t.database.pool.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 order by id`,
      [inv.id],
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'application.invite',
      'application.accept',
      'application.interview',
      'application.offer',
      'application.accept_offer',
      'application.hire',
    ]);

    const fit = await t.app.services.matching.placementFit('2026-12-31');
    expect(fit.hires).toBeGreaterThanOrEqual(1);
    expect(fit.positions).toBeGreaterThanOrEqual(fit.hires);
  });

  it('a talent applies (contact accepted), withdraws; a closed demand takes no applications', async () => {
    const x = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const d = await openDemand();
    const a = await call(x.user, 'POST', `/api/demands/${d.id}/applications`, { message: '希望加入' }, 201);
    expect(a).toMatchObject({ status: 'applied', origin: 'applied' });
    const seen = await call(ent, 'GET', `/api/applications?demandId=${d.id}`);
    expect(seen.items[0].talent.masked).toBe(false);
    await call(x.user, 'POST', `/api/applications/${a.id}/withdraw`, {});
    const after = await call(ent, 'GET', `/api/applications?demandId=${d.id}`);
    expect(after.items[0]).toMatchObject({ status: 'withdrawn', actions: [] });
    expect(after.items[0].talent.masked).toBe(true);
    await call(ent, 'POST', `/api/demands/${d.id}/status`, { status: 'closed' });
    const y = await talent();
    const res = await as(t, y.user, 'POST', `/api/demands/${d.id}/applications`, {});
    expect(res.statusCode).toBe(409);
    const draft = await call(ent, 'POST', '/api/demands', demandBody, 201);
    expect((await as(t, y.user, 'POST', `/api/demands/${draft.id}/applications`, {})).statusCode).toBe(404);
  });
});

describe('review fixes: offer acceptance, phones, drafts and the pool', () => {
  it('the enterprise cannot hire before the talent accepts the offer; fromDate not before the application', async () => {
    const x = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const d = await openDemand(ent, { ...demandBody, title: '录用确认测试岗位' });
    const a = await call(x.user, 'POST', `/api/demands/${d.id}/applications`, {}, 201);
    const offered = await call(ent, 'POST', `/api/applications/${a.id}/offer`, {});
    expect(offered).toMatchObject({ status: 'offered', actions: ['reject'] }); // no hire yet
    let res = await as(t, ent, 'POST', `/api/applications/${a.id}/hire`, { fromDate: '2026-11-30' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('人才尚未接受录用，不能确认录用');
    // Only the talent accepts the offer.
    res = await as(t, ent, 'POST', `/api/applications/${a.id}/accept_offer`, {});
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toBe('该操作只能由人才本人进行（企业不能代为操作）');
    const mine = await call(x.user, 'GET', '/api/me/applications');
    expect(mine.items[0]).toMatchObject({ id: a.id, actions: ['decline', 'accept_offer'] });
    const accepted = await call(x.user, 'POST', `/api/applications/${a.id}/accept_offer`, {});
    expect(accepted).toMatchObject({ status: 'offer_accepted', statusLabel: '人才已接受录用' });
    const seen = await call(ent, 'GET', `/api/applications?demandId=${d.id}`);
    expect(seen.items[0].actions).toEqual(['hire', 'reject']);
    // A fromDate before the application's day (Asia/Shanghai) is refused: no backdated employment.
    res = await as(t, ent, 'POST', `/api/applications/${a.id}/hire`, { fromDate: '2026-11-29' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toBe('入职日期不能早于对接记录的创建日期');
    const hired = await call(ent, 'POST', `/api/applications/${a.id}/hire`, { fromDate: '2026-11-30' });
    expect(hired).toMatchObject({ status: 'hired' });
    expect(hired.employmentId).toBeTruthy();
  });

  it('admins see masked phones; the enterprise the full phone only with contact open, each view audited', async () => {
    const x = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const y = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const d = await openDemand(ent, { ...demandBody, title: '电话查看测试岗位', headcount: 2 });
    const applied = await call(x.user, 'POST', `/api/demands/${d.id}/applications`, {}, 201);
    const invited = await call(ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: y.person.id }, 201);
    const masked = '1******' + x.person.phone.slice(-4);
    const talentOf = (page: { items: { id: string; talent: { phone: string | null } }[] }, id: string) =>
      page.items.find((i) => i.id === id)!.talent;
    for (const admin of [jinan, province]) {
      const page = await call(admin, 'GET', `/api/applications?demandId=${d.id}`);
      expect(talentOf(page, applied.id).phone).toBe(masked);
      expect(JSON.stringify(page)).not.toContain(x.person.phone);
      expect(JSON.stringify(page)).not.toContain(y.person.phone);
    }
    const views = async () =>
      (
        await t.database.pool.query<{ after: { personIds: string[] } }>(
          `select after from audit_log where action = 'matching.contact_view' and entity_id = $1 order by id`,
          [d.id],
        )
      ).rows.map((r) => r.after.personIds);
    expect(await views()).toEqual([]);
    const page = await call(ent, 'GET', `/api/applications?demandId=${d.id}`);
    expect(talentOf(page, applied.id).phone).toBe(x.person.phone);
    expect(talentOf(page, invited.id).phone).toBeNull(); // invited: contact not open
    expect(await views()).toEqual([[x.person.id]]);
    await call(ent, 'POST', `/api/applications/${applied.id}/interview`, {});
    expect(await views()).toEqual([[x.person.id], [x.person.id]]);
    // The talent's own view is not a contact view.
    expect((await call(x.user, 'GET', '/api/me/applications')).items[0].talent.phone).toBe(x.person.phone);
    expect(await views()).toHaveLength(2);
  });

  it('no candidates for a draft (409); an invite outside the pool is refused, an own employee may be invited', async () => {
    const draft = await call(ent, 'POST', '/api/demands', { ...demandBody, title: '草稿推荐测试岗位' }, 201);
    const res = await as(t, ent, 'GET', `/api/demands/${draft.id}/candidates`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toBe('需求发布后才能查看推荐人才');
    expect((await as(t, province, 'GET', `/api/demands/${draft.id}/candidates`)).statusCode).toBe(409);

    const d = await openDemand(ent, { ...demandBody, title: '邀请范围测试岗位' });
    const closedOff = await talent({ cert: ['4-04-04-05', 'SENIOR'], open: false });
    const refused = await as(t, ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: closedOff.person.id });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toBe('该人才未开放求职意向，不能邀请（本单位在职员工除外）');
    // The enterprise's own employee, not open to work, is in the pool.
    const employee = await buildPerson(t, { cityCode: '370100', employerOrgId: entOrg.id });
    await certify(employee.id, '4-04-04-05', 'SENIOR');
    const inv = await call(ent, 'POST', `/api/demands/${d.id}/invitations`, { personId: employee.id }, 201);
    expect(inv.status).toBe('invited');
  });
});

describe('the live index', () => {
  it('follows a new credential and a changed intention without a restart', async () => {
    const d = await openDemand(ent, { ...demandBody, title: '索引测试岗位', minLevel: 'TECHNICIAN' });
    const x = await talent({ cert: ['4-04-04-05', 'INTERMEDIATE'] });
    const scoreOf = async () =>
      (await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=100`)).items.find(
        (c: { profile: { personId: string } }) => c.profile.personId === x.person.id,
      );
    const before = await scoreOf();
    expect(before.parts.find((p: { key: string }) => p.key === 'level').points).toBe(0);

    // Issued through the registry's route: the index sees the new credential version.
    await call(
      province,
      'POST',
      `/api/persons/${x.person.id}/credentials`,
      {
        kind: 'skill_cert',
        number: 'IX' + randomBytes(5).toString('hex'),
        occupationCode: '4-04-04-05',
        levelCode: 'TECHNICIAN',
        issuerName: '测试评价机构',
        issuedOn: '2026-06-01',
      },
      201,
    );
    const after = await scoreOf();
    expect(after.parts.find((p: { key: string }) => p.key === 'level').points).toBe(15);
    expect(after.score).toBeGreaterThan(before.score);

    // Not open to work any more: out of the candidate pool.
    await call(x.user, 'PUT', '/api/me/intention', { openToWork: false });
    expect(await scoreOf()).toBeUndefined();
  });

  it('the daily prune keeps a day of the change log, and the index stays right after it', async () => {
    const d = await openDemand(ent, { ...demandBody, title: '清理测试岗位', minLevel: 'TECHNICIAN' });
    const x = await talent({ cert: ['4-04-04-05', 'INTERMEDIATE'] });
    const levelOf = async () =>
      (await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=100`)).items
        .find((c: { profile: { personId: string } }) => c.profile.personId === x.person.id)
        .parts.find((p: { key: string }) => p.key === 'level').points;
    expect(await levelOf()).toBe(0);
    // 2,500 old rows (more than the 2,000 always kept) and one fresh: the old ones beyond the
    // newest 2,000 go; the fresh row stays; an `all` row makes every process rebuild once.
    await t.database.pool.query(
      `insert into matching_change (kind, ref_id, at) select 'talent', null, now() - interval '2 days' from generate_series(1, 2500)`,
    );
    await t.database.pool.query(`insert into matching_change (kind, ref_id) values ('talent', null)`);
    const count = async (where: string) =>
      (await t.database.pool.query(`select count(*)::int as n from matching_change ${where}`)).rows[0].n as number;
    const before = await count('');
    const expected = await count(
      `where at < now() - interval '1 day' and seq <= (select max(seq) - 2000 from matching_change)`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(await t.services.matching.pruneChanges()).toBe(expected);
    expect(await count(`where at < now() - interval '1 day'`)).toBe(2500 - expected); // the newest 2,000 stay
    expect(await count('')).toBe(before - expected + 1);
    expect(await count(`where kind = 'all'`)).toBe(1);
    // A change after the prune still reaches the index (through the rebuild the prune asked for).
    await t.database.pool.query(
      `insert into credential (credential_id, person_id, kind, number, issuer_name, occupation_code, level_code, issued_on, recorded_at)
       values (gen_random_uuid(), $1, 'skill_cert', $2, '测试评价机构', '4-04-04-05', 'TECHNICIAN', '2025-01-01', now())`,
      [x.person.id, 'PR' + randomBytes(5).toString('hex')],
    );
    expect(await levelOf()).toBe(15);
  });

  it('an employment recorded in the registry reaches the index (chain experience)', async () => {
    const d = await openDemand(ent, { ...demandBody, title: '产业链测试岗位', chain: 'IC01' });
    const x = await talent({ cert: ['4-04-04-05', 'SENIOR'] });
    const chainOf = async () =>
      (await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=100`)).items
        .find((c: { profile: { personId: string } }) => c.profile.personId === x.person.id)
        .parts.find((p: { key: string }) => p.key === 'chain').points;
    expect(await chainOf()).toBe(0);
    // Another enterprise of the chain records them as its employee through the registry.
    const other = await buildOrg(t, { cityCode: '370100' });
    const hr = await buildUser(t, { roles: ['enterprise'], orgId: other.id });
    const { rows } = await t.database.pool.query<{ name: string }>('select name from person where id = $1', [
      x.person.id,
    ]);
    await call(
      hr,
      'POST',
      '/api/employments',
      {
        idNumber: x.person.idNumber,
        name: rows[0]!.name,
        post: '数字化工程师',
        isDigitalPost: true,
        fromDate: '2026-01-01',
      },
      201,
    );
    expect(await chainOf()).toBeGreaterThan(0);
  });

  it('a credential committed late with a lower version id still reaches the index', async () => {
    const d = await openDemand(ent, { ...demandBody, title: '迟提交测试岗位', minLevel: 'TECHNICIAN' });
    const late = await talent({ cert: ['4-04-04-05', 'INTERMEDIATE'] });
    const early = await talent({ cert: ['4-04-04-05', 'INTERMEDIATE'] });
    const levelOf = async (personId: string) =>
      (await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=100`)).items
        .find((c: { profile: { personId: string } }) => c.profile.personId === personId)
        .parts.find((p: { key: string }) => p.key === 'level').points;
    expect(await levelOf(late.person.id)).toBe(0);
    const insert = `insert into credential (credential_id, person_id, kind, number, issuer_name, occupation_code, level_code, issued_on, recorded_at)
       values (gen_random_uuid(), $1, 'skill_cert', $2, '测试评价机构', '4-04-04-05', 'TECHNICIAN', '2025-01-01', now())`;
    // Transaction A takes its version id first but commits last.
    const a = await t.database.pool.connect();
    try {
      await a.query('begin');
      await a.query(insert, [late.person.id, 'LA' + randomBytes(5).toString('hex')]);
      await t.database.pool.query(insert, [early.person.id, 'LB' + randomBytes(5).toString('hex')]);
      expect(await levelOf(early.person.id)).toBe(15); // the index has seen the higher version id
      await a.query('commit');
    } finally {
      a.release();
    }
    expect(await levelOf(late.person.id)).toBe(15);
  });

  it('an outside-city talent counts only when willing to move there', async () => {
    const d = await openDemand(ent, { ...demandBody, title: '迁移测试岗位' });
    const stay = await talent({ cityCode: '370200', cert: ['4-04-04-05', 'SENIOR'] });
    const move = await talent({ cityCode: '370200', cert: ['4-04-04-05', 'SENIOR'], cities: ['370100'] });
    const list = await call(ent, 'GET', `/api/demands/${d.id}/candidates?limit=100`);
    const ids = list.items.map((c: { profile: { personId: string } }) => c.profile.personId);
    expect(ids).toContain(move.person.id);
    expect(ids).not.toContain(stay.person.id);
    const city = list.items
      .find((c: { profile: { personId: string } }) => c.profile.personId === move.person.id)
      .parts.find((p: { key: string }) => p.key === 'city');
    expect(city.points).toBe(12);
  });

  it('policy: read with labels; the province admin changes it, bad weights are refused', async () => {
    const view = await call(ent, 'GET', '/api/matching/policy');
    expect(view.parts[0]).toEqual({ key: 'occupation', label: '职业', max: 25 });
    expect(view.threshold).toBe(60);
    const res = await as(t, province, 'PUT', '/api/settings/matching.policy', {
      ...view.policy,
      weights: { ...view.policy.weights, occupation: 30 },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('各部分分值之和应为 100');
    const talentUser = (await talent({ open: false })).user;
    expect((await as(t, talentUser, 'GET', '/api/matching/policy')).statusCode).toBe(403);
  });
});
