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

/**
 * A credential recorded straight into the registry's table (a test fixture, as the route matrix
 * does). A training_completion is, by default, backed by a completed enrolment of a class of the
 * organisation's programme, as the training module issues it (certificate number JXTC-…, evidence
 * `training_enrolment:<id>`); `fromTraining: false` gives one a provider registered by hand.
 */
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
    fromTraining?: boolean;
    programmeType?: 'enterprise_inhouse' | 'order_class' | 'social' | 'cloud';
    /** The registry record's free `field` (the training module writes the digital domain there). */
    field?: string | null;
  },
): Promise<string> {
  const kind = o.kind ?? 'training_completion';
  const issuedOn = o.issuedOn ?? '2026-06-01';
  let number = 'S' + randomBytes(6).toString('hex');
  let evidence: string | null = null;
  if (kind === 'training_completion' && o.fromTraining !== false) {
    const q = <T extends object>(text: string, values: unknown[]) =>
      t.database.pool.query<T>(text, values).then((r) => r.rows[0]!);
    const p = await q<{ id: string }>(
      `insert into training_programme (org_id, city_code, title, type, purpose, occupation_code, hours)
       select id, coalesce(city_code, '370100'), '测试培训项目', $2, 'on_job', $3, 40 from organisation where id = $1
       returning id`,
      [o.orgId, o.programmeType ?? 'social', o.occupationCode ?? '4-04-04-05'],
    );
    const c = await q<{ id: string }>(
      `insert into training_class (programme_id, org_id, city_code, name, status)
       select $1, org_id, city_code, '测试班', 'completed' from training_programme where id = $1 returning id`,
      [p.id],
    );
    const e = await q<{ id: string }>(
      `insert into training_enrolment (class_id, person_id, person_name, id_number_masked, city_code, status, completed_on, credential_number)
       values ($1, $2, '测试人员', '3701**********1234', '370100', 'completed', $3, 'pending') returning id`,
      [c.id, o.personId, issuedOn],
    );
    number = 'JXTC-' + e.id.replace(/-/g, '').toUpperCase();
    evidence = `training_enrolment:${e.id}`;
    await t.database.pool.query(`update training_enrolment set credential_number = $2 where id = $1`, [e.id, number]);
  }
  const r = await t.database.pool.query<{ credential_id: string }>(
    `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                             digital, issued_on, recorded_at, evidence, field)
     values (gen_random_uuid(), $1, $2, $3, $4, (select name from organisation where id = $4), $5, $6, $7, $8,
             now() - interval '1 day', $9, $10)
     returning credential_id`,
    [
      o.personId,
      kind,
      number,
      o.orgId,
      o.occupationCode ?? '4-04-04-05',
      o.levelCode === undefined ? 'JUNIOR' : o.levelCode,
      o.digital ?? true,
      issuedOn,
      evidence,
      o.field ?? null,
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
