import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { testApp, type TestApp } from '../../test/app.js';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';

let t: TestApp;
let province: TestUser;
let jinan: TestUser;
let qingdao: TestUser;
let enterpriseUser: TestUser;
const ids: Record<string, string> = {};

async function credential(personId: string, orgId: string) {
  await t.database.pool.query(
    `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                             issued_on, recorded_at)
     values (gen_random_uuid(), $1, 'skill_cert', $2, $3, '测试发证机构', '4-04-04-05', 'JUNIOR', '2025-01-01', now() - interval '1 day')`,
    [personId, 'E' + randomBytes(6).toString('hex'), orgId],
  );
}

async function demandOf(orgId: string, city: string, chain: string | null, headcount = 1) {
  const r = await t.database.pool.query<{ id: string }>(
    `insert into demand (org_id, title, occupation_code, chain, city_code, headcount, status, opened_at)
     values ($1, '方案设计师', '4-04-04-05', $2, $3, $4, 'open', now() - interval '1 day') returning id`,
    [orgId, chain, city, headcount],
  );
  return r.rows[0]!.id;
}

const audits = async (action: string) =>
  (await t.database.pool.query(`select * from audit_log where action = $1`, [action])).rows;

beforeAll(async () => {
  t = await testApp();
  province = await buildUser(t, { roles: ['province_admin'] });
  jinan = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  qingdao = await buildUser(t, { roles: ['city_admin'], cityCode: '370200' });
  const issuer = await buildOrg(t, { cityCode: '370100', kind: 'evaluation' });
  const e1 = await buildOrg(t, { cityCode: '370100' });
  const e2 = await buildOrg(t, { cityCode: '370100' });
  const e3 = await buildOrg(t, { cityCode: '370200' });
  Object.assign(ids, { E1: e1.id, E2: e2.id, E3: e3.id });
  enterpriseUser = await buildUser(t, { roles: ['enterprise'], orgId: e1.id });
  // Talents: three open to work in 济南, one not looking, one in 青岛 (not willing to move).
  for (const [name, city, open] of [
    ['T1', '370100', true],
    ['T2', '370100', true],
    ['T3', '370100', true],
    ['T4', '370100', false],
    ['T5', '370200', true],
  ] as const) {
    const p = await buildPerson(t, { cityCode: city });
    await credential(p.id, issuer.id);
    await t.database.pool.query(`insert into talent_intention (person_id, open_to_work) values ($1, $2)`, [p.id, open]);
    ids[name] = p.id;
  }
  ids.D1 = await demandOf(e1.id, '370100', 'IC01', 2);
  ids.D2 = await demandOf(e2.id, '370100', 'IC02');
  ids.D3 = await demandOf(e3.id, '370200', 'IC01');
  ids.expert = (await buildPerson(t, { cityCode: '370100' })).id;
}, 60_000);

describe('matching events (对接活动)', () => {
  let eventId: string;

  it('a city admin creates an event in their city only; audited', async () => {
    const body = { cityCode: '370100', date: '2026-11-30', title: '济南数字技能人才对接会', chains: ['IC01'] };
    expect((await as(t, jinan, 'POST', '/api/matching/events', { ...body, cityCode: '370200' })).statusCode).toBe(404);
    expect((await as(t, enterpriseUser, 'POST', '/api/matching/events', body)).statusCode).toBe(403);
    const res = await as(t, jinan, 'POST', '/api/matching/events', body);
    expect(res.statusCode, res.body).toBe(201);
    const ev = res.json();
    expect(ev).toMatchObject({
      status: 'planned',
      statusLabel: '筹备中',
      cityName: '济南市',
      chains: ['IC01'],
      next: ['held'],
    });
    eventId = ev.id;
    expect((await audits('event.create')).map((a) => a.entity_id)).toContain(eventId);
  });

  it('scope: another city does not see it (404), the province does', async () => {
    expect((await as(t, qingdao, 'GET', `/api/matching/events/${eventId}`)).statusCode).toBe(404);
    expect(
      (await as(t, qingdao, 'POST', `/api/matching/events/${eventId}/status`, { status: 'held' })).statusCode,
    ).toBe(404);
    expect((await as(t, province, 'GET', `/api/matching/events/${eventId}`)).statusCode).toBe(200);
    const qList = (await as(t, qingdao, 'GET', '/api/matching/events')).json();
    expect(qList.items.map((e: { id: string }) => e.id)).not.toContain(eventId);
    const jList = (await as(t, jinan, 'GET', '/api/matching/events?year=2026')).json();
    expect(jList.items.map((e: { id: string }) => e.id)).toContain(eventId);
    // The enterprise is not on the list yet.
    expect((await as(t, enterpriseUser, 'GET', `/api/matching/events/${eventId}`)).statusCode).toBe(404);
  });

  it('builds the invite list from pre-matching: enterprises with open demands of the city and chains, and their open-to-work candidates', async () => {
    const res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/invitations`, { perDemand: 5 });
    expect(res.statusCode, res.body).toBe(200);
    const ev = res.json();
    // D1 (济南, IC01) only: D2 is another chain, D3 another city.
    expect(ev.enterprises.map((e: { orgId: string }) => e.orgId)).toEqual([ids.E1]);
    expect(ev.enterprises[0].demands.map((d: { id: string }) => d.id)).toEqual([ids.D1]);
    // Qualifying (same city, score 100) and open to work: T1–T3; T4 is not looking, T5 lives in 青岛.
    expect(ev.talents.map((x: { personId: string }) => x.personId).sort()).toEqual([ids.T1, ids.T2, ids.T3].sort());
    expect(ev.talents.every((x: { demandId: string; score: number }) => x.demandId === ids.D1 && x.score >= 60)).toBe(
      true,
    );
    expect(ev.enterprisesInvited).toBe(1);
    expect(ev.talentsInvited).toBe(3);
    expect(await audits('event.invitations')).toHaveLength(1);
    // On the list, the enterprise sees the event, its own rows, names masked.
    const mine = await as(t, enterpriseUser, 'GET', `/api/matching/events/${eventId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().talents.every((x: { name: string }) => x.name.endsWith('*'))).toBe(true);
    const list = (await as(t, enterpriseUser, 'GET', '/api/matching/events')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([eventId]);
  });

  it('checks in an invited enterprise, a walk-in enterprise and a talent; refuses unknown ones', async () => {
    let res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { orgId: ids.E1 });
    expect(res.statusCode, res.body).toBe(200);
    res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { orgId: ids.E2 });
    const e2 = res.json().enterprises.find((e: { orgId: string }) => e.orgId === ids.E2);
    expect(e2).toMatchObject({ source: 'walk_in' });
    expect(e2.checkedInAt).not.toBeNull();
    res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { personId: ids.T1 });
    expect(res.json()).toMatchObject({ enterprisesCheckedIn: 2, talentsCheckedIn: 1 });
    // Twice is once.
    res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { personId: ids.T1 });
    expect(res.json().talentsCheckedIn).toBe(1);
    expect(await audits('event.checkin')).toHaveLength(3);
    expect(
      (
        await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, {
          orgId: '00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(400);
    expect((await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, {})).statusCode).toBe(400);
  });

  it('checks in only a talent of the event city or with an intention for it; others answer as unknown', async () => {
    const unknown = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, {
      personId: '00000000-0000-4000-8000-000000000000',
    });
    // T5 lives in 青岛 and is not willing to move: indistinguishable from a person that does not exist.
    const outside = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { personId: ids.T5 });
    expect(outside.statusCode).toBe(unknown.statusCode);
    expect({ ...outside.json().error, requestId: null }).toEqual({ ...unknown.json().error, requestId: null });
    expect(outside.json().error.message).toBe('签到的人才不存在');
    expect(outside.body).not.toContain('测试人员');
    // A 青岛 talent with an intention for 济南 may check in.
    const mover = await buildPerson(t, { cityCode: '370200' });
    await t.database.pool.query(
      `insert into talent_intention (person_id, open_to_work, cities) values ($1, true, '{370100}')`,
      [mover.id],
    );
    const res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { personId: mover.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().talentsCheckedIn).toBe(2);
  });

  it('moves planned → held → closed; outcomes link applications and add counted ones', async () => {
    // Outcomes need a held event.
    expect(
      (await as(t, jinan, 'PUT', `/api/matching/events/${eventId}/outcomes`, { interviews: 1, offers: 0, hires: 0 }))
        .statusCode,
    ).toBe(409);
    let res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/status`, { status: 'held' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'held', next: ['closed'] });
    expect((await as(t, jinan, 'POST', `/api/matching/events/${eventId}/invitations`, {})).statusCode).toBe(409);
    // An application of a pre-matched pair, moved to offered after the event.
    await t.database.pool.query(
      `insert into match_application (demand_id, person_id, org_id, city_code, origin, status)
       values ($1, $2, $3, '370100', 'invited', 'offered'), ($1, $4, $3, '370100', 'invited', 'hired')`,
      [ids.D1, ids.T2, ids.E1, ids.T3],
    );
    res = await as(t, jinan, 'PUT', `/api/matching/events/${eventId}/outcomes`, {
      interviews: 4,
      offers: 2,
      hires: 1,
      note: '现场达成意向',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().outcomes).toEqual({
      linked: { interviews: 2, offers: 2, hires: 1 },
      counted: { interviews: 4, offers: 2, hires: 1 },
      total: { interviews: 6, offers: 4, hires: 2 },
      note: '现场达成意向',
    });
    res = await as(t, jinan, 'POST', `/api/matching/events/${eventId}/status`, { status: 'closed' });
    expect(res.json()).toMatchObject({ status: 'closed', next: [] });
    expect((await as(t, jinan, 'POST', `/api/matching/events/${eventId}/status`, { status: 'held' })).statusCode).toBe(
      409,
    );
    expect(
      (await as(t, jinan, 'POST', `/api/matching/events/${eventId}/checkins`, { personId: ids.T2 })).statusCode,
    ).toBe(409);
    expect((await audits('event.held')).length).toBe(1);
    expect((await audits('event.closed')).length).toBe(1);
  });

  it('refuses to hold an event before its day', async () => {
    const res = await as(t, province, 'POST', '/api/matching/events', {
      cityCode: '370200',
      date: '2026-12-20',
      title: '青岛专场',
    });
    expect(res.statusCode).toBe(201);
    const held = await as(t, qingdao, 'POST', `/api/matching/events/${res.json().id}/status`, { status: 'held' });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.message).toContain('未到');
  });
});

describe('expert visits (劳模工匠助企行)', () => {
  it('records a visit to an enterprise of the own city; another city is 404; listed in scope', async () => {
    const body = {
      expertPersonId: ids.expert,
      orgId: ids.E2,
      date: '2026-11-18',
      topic: '数字化改造诊断',
      outcome: '提出三项改进',
    };
    expect((await as(t, qingdao, 'POST', '/api/matching/visits', body)).statusCode).toBe(404);
    expect((await as(t, jinan, 'POST', '/api/matching/visits', { ...body, date: '2026-12-18' })).statusCode).toBe(400);
    expect(
      (
        await as(t, jinan, 'POST', '/api/matching/visits', {
          ...body,
          expertPersonId: '00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(400);
    const res = await as(t, jinan, 'POST', '/api/matching/visits', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ orgId: ids.E2, cityCode: '370100', topic: '数字化改造诊断' });
    expect(await audits('visit.create')).toHaveLength(1);
    // A visit to 青岛's enterprise by the province.
    expect((await as(t, province, 'POST', '/api/matching/visits', { ...body, orgId: ids.E3 })).statusCode).toBe(201);
    expect((await as(t, jinan, 'GET', '/api/matching/visits')).json().total).toBe(1);
    expect((await as(t, province, 'GET', '/api/matching/visits?year=2026')).json().total).toBe(2);
    expect((await as(t, enterpriseUser, 'GET', '/api/matching/visits')).json().total).toBe(0);
  });

  it('a city admin names an expert of their city only; an expert outside reach is masked in the list', async () => {
    const body = {
      expertPersonId: ids.T5,
      orgId: ids.E2,
      date: '2026-11-19',
      topic: '跨市专家服务',
      outcome: '提出建议',
    };
    const unknown = await as(t, jinan, 'POST', '/api/matching/visits', {
      ...body,
      expertPersonId: '00000000-0000-4000-8000-000000000000',
    });
    const outside = await as(t, jinan, 'POST', '/api/matching/visits', body); // T5 lives in 青岛
    expect(outside.statusCode).toBe(unknown.statusCode);
    expect({ ...outside.json().error, requestId: null }).toEqual({ ...unknown.json().error, requestId: null });
    expect(outside.json().error.message).toBe('专家不在人才库中');
    // The province may name any expert; 济南's list then shows that 青岛 expert masked.
    const res = await as(t, province, 'POST', '/api/matching/visits', body);
    expect(res.statusCode, res.body).toBe(201);
    const list = (await as(t, jinan, 'GET', '/api/matching/visits')).json();
    const row = list.items.find((v: { id: string }) => v.id === res.json().id);
    expect(row.expertName).toBe('测***');
    const own = list.items.find((v: { expertPersonId: string }) => v.expertPersonId === ids.expert);
    expect(own.expertName).toBe('测试人员');
    const prov = (await as(t, province, 'GET', '/api/matching/visits')).json();
    expect(prov.items.find((v: { id: string }) => v.id === res.json().id).expertName).toBe('测试人员');
  });
});

describe('A7 and A8 through the targets dashboard', () => {
  it('counts events held in the year and distinct enterprises served (events and visits), each in its own city', async () => {
    await t.services.targets.refreshRollups();
    const dash = (await as(t, province, 'GET', '/api/targets/dashboard?year=2026')).json();
    const card = (id: string) => dash.indicators.find((i: { id: string }) => i.id === id);
    expect(card('A7').actual).toMatchObject({ status: 'ok', value: 1 });
    // E1 and E2 checked in at the held event, E2 also visited, E3 visited: 3 distinct.
    expect(card('A8').actual).toMatchObject({ status: 'ok', value: 3 });
    const jn = (await as(t, jinan, 'GET', '/api/targets/dashboard?year=2026')).json();
    expect(jn.indicators.find((i: { id: string }) => i.id === 'A8').actual.value).toBe(2);
    expect(jn.indicators.find((i: { id: string }) => i.id === 'A7').actual.value).toBe(1);
    // T5 has a source but no run yet: not computed, never 0.
    expect(card('T5').actual.status).toBe('not_computed');
  });
});
