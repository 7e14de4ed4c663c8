import { randomBytes, randomUUID } from 'node:crypto';
import type { TestApp } from '../../test/app.js';
import { buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import { DEFAULT_SUBSIDY_POLICY, type SubsidyPolicy } from '../../../contracts/subsidy.js';

/** Test world of subsidies: a provider, talents, a city admin, two province admins, a policy with known numbers. */

export const TEST_POLICY: SubsidyPolicy = {
  training: {
    payee: 'person',
    versions: [
      {
        version: '测试版 2026',
        effectiveFrom: '2025-01-01',
        effectiveTo: null,
        amounts: [{ levelCode: '*', programmeType: '*', amountYuan: 800 }],
        perPersonPerYear: 3,
        windowMonths: 12,
        document: '测试',
      },
    ],
  },
  skill_upgrade: {
    ...DEFAULT_SUBSIDY_POLICY.skill_upgrade,
    versions: DEFAULT_SUBSIDY_POLICY.skill_upgrade.versions.map((v) => ({ ...v, perPersonPerYear: 3 })),
  },
  noticeDays: 0,
};

export async function call(
  t: TestApp,
  user: { cookie: string } | null,
  method: string,
  url: string,
  body?: unknown,
  key?: string | null,
) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(user ? { cookie: user.cookie } : {}),
      ...(key === null ? {} : { 'idempotency-key': key ?? randomUUID() }),
    },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** A credential recorded straight into the registry's table (a test fixture, as the route matrix does). */
export async function credential(
  t: TestApp,
  o: {
    personId: string;
    orgId: string;
    kind?: 'training_completion' | 'skill_cert';
    occupationCode?: string;
    levelCode?: string | null;
    digital?: boolean;
    issuedOn?: string;
  },
): Promise<string> {
  const r = await t.database.pool.query<{ credential_id: string }>(
    `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                             digital, issued_on, recorded_at)
     values (gen_random_uuid(), $1, $2, $3, $4, (select name from organisation where id = $4), $5, $6, $7, $8,
             now() - interval '1 day')
     returning credential_id`,
    [
      o.personId,
      o.kind ?? 'training_completion',
      'S' + randomBytes(6).toString('hex'),
      o.orgId,
      o.occupationCode ?? '4-04-04-05',
      o.levelCode === undefined ? 'JUNIOR' : o.levelCode,
      o.digital ?? true,
      o.issuedOn ?? '2026-06-01',
    ],
  );
  return r.rows[0]!.credential_id;
}

export interface World {
  providerOrg: { id: string; cityCode: string };
  provider: TestUser;
  city: TestUser;
  otherCity: TestUser;
  p1: TestUser;
  p2: TestUser;
  talents: { person: { id: string }; user: TestUser }[];
}

export async function buildWorld(t: TestApp, o: { talents?: number; policy?: SubsidyPolicy } = {}): Promise<World> {
  const providerOrg = await buildOrg(t, { kind: 'training', cityCode: '370100' });
  const provider = await buildUser(t, { roles: ['provider'], orgId: providerOrg.id });
  const city = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  const otherCity = await buildUser(t, { roles: ['city_admin'], cityCode: '370200' });
  const p1 = await buildUser(t, { roles: ['province_admin'] });
  const p2 = await buildUser(t, { roles: ['province_admin'] });
  const talents = [];
  for (let i = 0; i < (o.talents ?? 1); i++) {
    const person = await buildPerson(t, { cityCode: '370100' });
    const user = await buildUser(t, { roles: ['talent'], personId: person.id, cityCode: '370100' });
    talents.push({ person, user });
  }
  await setPolicy(t, p1, o.policy ?? TEST_POLICY);
  return { providerOrg, provider, city, otherCity, p1, p2, talents };
}

export async function setPolicy(t: TestApp, province: TestUser, policy: SubsidyPolicy) {
  const r = await call(t, province, 'PUT', '/api/settings/subsidy.policy', policy, null);
  if (r.statusCode !== 200) throw new Error('policy: ' + r.body);
}

export async function setBudget(
  t: TestApp,
  province: TestUser,
  o: { kind?: 'training' | 'skill_upgrade'; year?: number; cityCode?: string; amountYuan: number },
) {
  const r = await call(t, province, 'PUT', '/api/subsidy/budgets', {
    kind: o.kind ?? 'training',
    year: o.year ?? 2026,
    cityCode: o.cityCode ?? '370100',
    amountYuan: o.amountYuan,
  });
  if (r.statusCode !== 200) throw new Error('budget: ' + r.body);
  return r.json();
}

export const BANK = { bankName: '中国工商银行济南分行', bankAccount: '6222 0216 0001 2345 678' };

/** Submit (talent) → review (city) → approve (province p1), with noticeDays 0. Returns the claim id. */
export async function approvedClaim(t: TestApp, w: World, credentialId: string, talent = w.talents[0]!) {
  const s = await call(t, talent.user, 'POST', '/api/subsidy/claims', { credentialId, kind: 'training', ...BANK });
  if (s.statusCode !== 201) throw new Error('submit: ' + s.body);
  const id = s.json().id as string;
  const r = await call(t, w.city, 'POST', `/api/subsidy/claims/${id}/review`, { decision: 'pass' });
  if (r.statusCode !== 200) throw new Error('review: ' + r.body);
  const a = await call(t, w.p1, 'POST', `/api/subsidy/claims/${id}/approve`);
  if (a.statusCode !== 200) throw new Error('approve: ' + a.body);
  return id;
}
