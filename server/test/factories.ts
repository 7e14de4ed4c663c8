import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../kernel/audit/audit.js';
import type { OrgKind } from '../kernel/auth/org.service.js';
import type { Role } from '../../contracts/roles.js';
import { createRng, syntheticIdNumber, syntheticPhone, syntheticUscc } from '../seed/synthetic.js';
import type { TestApp } from './app.js';

export const PASSWORD = 'Test-pass-2026';
let counter = 0;
const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
const unique = (p: string) => `${p}${++counter}${randomBytes(3).toString('hex')}`;

export async function buildOrg(t: TestApp, o: { kind?: OrgKind; cityCode?: string } = {}) {
  const cityCode = o.cityCode ?? '370100';
  const kind = o.kind ?? 'enterprise';
  const [id] = await t.services.orgs.bulkInsertApproved(systemActor(), [
    {
      kind,
      name: unique('测试机构'),
      uscc: syntheticUscc(rng, cityCode, kind),
      cityCode,
      sizeClass: 'small',
      industryChains: ['IC01'],
    },
  ]);
  return { id: id!, cityCode, kind };
}

export async function buildPerson(t: TestApp, o: { cityCode?: string; employerOrgId?: string } = {}) {
  const cityCode = o.cityCode ?? '370100';
  const idNumber = syntheticIdNumber(rng, cityCode, `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, 'M');
  const phone = syntheticPhone(rng);
  const {
    ids: [id],
  } = await t.database.db.transaction((tx) =>
    t.services.registry.bulkInsert(tx, systemActor(), [
      {
        idNumber,
        name: '测试人员',
        phone,
        cityCode,
        employment: o.employerOrgId
          ? { orgId: o.employerOrgId, post: '操作工', isDigitalPost: false, fromDate: '2024-01-01' }
          : undefined,
      },
    ]),
  );
  return { id: id!, idNumber, phone, cityCode };
}

export interface TestUser {
  id: string;
  username: string;
  cookie: string;
  roles: Role[];
  orgId: string | null;
  cityCode: string | null;
  personId: string | null;
}

export async function buildUser(
  t: TestApp,
  o: { roles: Role[]; orgId?: string | null; cityCode?: string | null; personId?: string | null; isOrgAdmin?: boolean },
): Promise<TestUser> {
  const username = unique('u');
  const hash = await t.services.auth.hashPassword(PASSWORD);
  await t.services.users.insertSeedAccounts(systemActor(), [
    {
      username,
      displayName: username,
      passwordHash: hash,
      roles: o.roles,
      origin: o.orgId || o.personId ? 'self' : 'admin',
      orgId: o.orgId ?? null,
      cityCode: o.cityCode ?? null,
      personId: o.personId ?? null,
      isOrgAdmin: o.isOrgAdmin ?? !!o.orgId,
    },
  ]);
  const res = await login(t, username, PASSWORD);
  if (res.statusCode !== 200) throw new Error('login failed: ' + res.body);
  return {
    id: res.json().id,
    username,
    cookie: cookieOf(res),
    roles: o.roles,
    orgId: o.orgId ?? null,
    cityCode: o.cityCode ?? null,
    personId: o.personId ?? null,
  };
}

export function login(t: TestApp, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'jx_session');
  return c ? `jx_session=${c.value}` : '';
}

/** Call the API as a user. */
export function as(t: TestApp, user: { cookie: string } | null, method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: user ? { cookie: user.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
