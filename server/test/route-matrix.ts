import { randomBytes } from 'node:crypto';
import { ROLES, ROLE_PERMISSIONS, type Role } from '../../contracts/roles.js';
import type { DeclaredRoute } from '../kernel/http/access.js';
import type { TestApp } from './app.js';
import { as, buildOrg, buildPerson, buildUser, login, PASSWORD, cookieOf, type TestUser } from './factories.js';
import type { OrgKind } from '../kernel/auth/org.service.js';

/**
 * The route × role × scope matrix. Every declared /api route is called as every role on
 * objects of {self, own organisation, same city, other city}, and the outcome is compared
 * with an expectation table written here, independently of the server's own scope code.
 */
export type TargetKey = 'self' | 'ownOrg' | 'sameCity' | 'otherCity';
const TARGETS: TargetKey[] = ['self', 'ownOrg', 'sameCity', 'otherCity'];
const CITY = '370100';
const OTHER_CITY = '370200';

type Resource = 'organisation' | 'person' | 'user' | 'job';
const RESOURCE_OF: [RegExp, Resource][] = [
  [/^\/api\/organisations\/:id/, 'organisation'],
  [/^\/api\/persons\/:id/, 'person'],
  [/^\/api\/users\/:id/, 'user'],
  [/^\/api\/jobs\/:id/, 'job'],
];

const ORG_KIND_OF_ROLE: Partial<Record<Role, OrgKind>> = {
  enterprise: 'enterprise',
  provider: 'training',
  evaluator: 'evaluation',
};

/** What each role may reach of a target, for a route of the given scope. */
export function expectedReach(role: Role, scope: string, target: TargetKey | null): boolean {
  if (target === null) return true;
  switch (scope) {
    case 'public':
    case 'province':
      return true;
    case 'self':
      return target === 'self';
    case 'org':
    case 'city': {
      if (role === 'province_admin') return true;
      if (role === 'city_admin') return target === 'ownOrg' || target === 'sameCity';
      if (ORG_KIND_OF_ROLE[role]) return target === 'ownOrg';
      if (role === 'talent') return target === 'self';
      return false;
    }
    default:
      return false;
  }
}

interface Actor {
  role: Role;
  user: TestUser;
  targets: Record<Resource, Partial<Record<TargetKey, string>>>;
}

async function buildWorld(t: TestApp): Promise<{ actors: Actor[]; allIds: Set<string> }> {
  const otherOrg = await buildOrg(t, { cityCode: OTHER_CITY });
  const otherPerson = await buildPerson(t, { cityCode: OTHER_CITY, employerOrgId: otherOrg.id });
  const otherUser = await buildUser(t, { roles: ['enterprise'], orgId: otherOrg.id });
  const actors: Actor[] = [];
  const allIds = new Set<string>([otherOrg.id, otherPerson.id, otherUser.id]);
  for (const role of ROLES) {
    // Each actor gets its own world so that one actor's allowed writes do not change another's.
    const kind = ORG_KIND_OF_ROLE[role] ?? 'enterprise';
    const ownOrg = await buildOrg(t, { cityCode: CITY, kind });
    const sameOrg = await buildOrg(t, { cityCode: CITY });
    await t.database.pool.query(`update organisation set status = 'pending' where id = $1`, [sameOrg.id]);
    const ownPerson = await buildPerson(t, { cityCode: CITY, employerOrgId: ownOrg.id });
    const samePerson = await buildPerson(t, { cityCode: CITY, employerOrgId: sameOrg.id });
    const selfPerson = role === 'talent' ? await buildPerson(t, { cityCode: CITY }) : null;
    const user = await buildUser(t, {
      roles: [role],
      orgId: ORG_KIND_OF_ROLE[role] ? ownOrg.id : null,
      cityCode: role === 'city_admin' || role === 'talent' ? CITY : null,
      personId: selfPerson?.id ?? null,
    });
    const ownUser = await buildUser(t, { roles: ['enterprise'], orgId: ownOrg.id });
    const sameUser = await buildUser(t, { roles: ['enterprise'], orgId: sameOrg.id });
    const job = async (owner: string) =>
      (
        await t.database.pool.query<{ id: string }>(
          `insert into job_progress (kind, owner_user_id) values ('matrix', $1) returning id`,
          [owner],
        )
      ).rows[0]!.id;
    const jobs = {
      self: await job(user.id),
      ownOrg: await job(ownUser.id),
      sameCity: await job(sameUser.id),
      otherCity: await job(otherUser.id),
    };
    for (const id of [ownOrg.id, sameOrg.id, ownPerson.id, samePerson.id, ownUser.id, sameUser.id, user.id])
      allIds.add(id);
    if (selfPerson) allIds.add(selfPerson.id);
    actors.push({
      role,
      user,
      targets: {
        organisation: { ownOrg: ownOrg.id, sameCity: sameOrg.id, otherCity: otherOrg.id },
        person: { self: selfPerson?.id, ownOrg: ownPerson.id, sameCity: samePerson.id, otherCity: otherPerson.id },
        user: { self: user.id, ownOrg: ownUser.id, sameCity: sameUser.id, otherCity: otherUser.id },
        job: jobs,
      },
    });
  }
  return { actors, allIds };
}

/** Example request bodies: valid, so that an allowed call really succeeds (or meets a state rule). */
function exampleBody(method: string, url: string): unknown {
  const key = `${method} ${url}`;
  const examples: Record<string, unknown> = {
    'POST /api/auth/password': { currentPassword: PASSWORD, newPassword: PASSWORD },
    'POST /api/organisations/:id/decision': { decision: 'approve' },
    'POST /api/organisations/:id/invitations': {},
    'PATCH /api/organisations/:id': { industryChains: ['IC02'] },
    'POST /api/users': {
      username: 'm' + randomBytes(5).toString('hex'),
      displayName: '矩阵测试',
      password: 'Abcdefg1!',
      roles: ['province_admin'],
    },
    'POST /api/users/:id/status': { status: 'active' },
    'PUT /api/users/:id/roles': { roles: ['enterprise'] },
    'PUT /api/security/settings': {
      passwordMinLength: 8,
      passwordMinClasses: 3,
      maxFailedLogins: 5,
      lockMinutes: 30,
      idleMinutes: 30,
    },
    'PUT /api/reference/:kind/:code': { name: '矩阵测试产业链' },
  };
  if (key in examples) return examples[key];
  return method === 'GET' ? undefined : {};
}

/** Separation of duties: no admin changes their own account's roles or status. */
const SELF_REFUSED = new Set(['POST /api/users/:id/status', 'PUT /api/users/:id/roles']);

/** Routes that end the caller's session run on a session of their own. */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

export interface MatrixResult {
  calls: number;
  unexpectedAllow: string[];
  unexpectedDeny: string[];
  errors: string[];
}

/** A call passed access control unless it answered 401, 403 or 404. */
const passedAccess = (status: number) => status !== 401 && status !== 403 && status !== 404;

export async function runMatrix(t: TestApp, routes: DeclaredRoute[]): Promise<MatrixResult> {
  const { actors, allIds } = await buildWorld(t);
  const result: MatrixResult = { calls: 0, unexpectedAllow: [], unexpectedDeny: [], errors: [] };
  const api = routes.filter(
    (r) =>
      r.url.startsWith('/api/') &&
      !r.url.startsWith('/api/docs') &&
      r.method !== 'HEAD' &&
      r.access &&
      r.access.permission !== 'public',
  );
  for (const actor of actors) {
    for (const r of api) {
      const resource = RESOURCE_OF.find(([re]) => re.test(r.url))?.[1];
      const targets: (TargetKey | null)[] = resource ? TARGETS.filter((k) => actor.targets[resource][k]) : [null];
      for (const target of targets) {
        let url = r.url
          .replace(':kind', 'industry_chain')
          .replace(':code', 'IC' + randomBytes(2).toString('hex'))
          .replace(':token', 'x'.repeat(20));
        if (resource && target) url = url.replace(':id', actor.targets[resource][target]!);
        const query = r.method === 'GET' && !resource ? '?pageSize=200' : '';
        let caller: { cookie: string } = actor.user;
        if (SESSION_ENDING.has(`${r.method} ${r.url}`))
          caller = { cookie: cookieOf(await login(t, actor.user.username, PASSWORD)) };
        const res = await as(t, caller, r.method, url + query, exampleBody(r.method, r.url));
        result.calls++;
        // Changing the password ends every session of the user: log the actor in again.
        if (caller !== actor.user) actor.user.cookie = cookieOf(await login(t, actor.user.username, PASSWORD));
        const name = `${actor.role} ${r.method} ${r.url} on ${target ?? '-'} → ${res.statusCode}`;
        if (res.statusCode >= 500 || res.statusCode === 400) {
          result.errors.push(`${name}: ${res.body.slice(0, 200)}`);
          continue;
        }
        const permitted = ROLE_PERMISSIONS[actor.role].includes(r.access!.permission);
        const expected =
          permitted &&
          expectedReach(actor.role, r.access!.scope, target) &&
          !(target === 'self' && SELF_REFUSED.has(`${r.method} ${r.url}`));
        const allowed = passedAccess(res.statusCode);
        if (allowed && !expected) result.unexpectedAllow.push(name);
        if (!allowed && expected) result.unexpectedDeny.push(name);
        // A list must not carry objects out of reach: no fixture id of another city or organisation.
        if (
          allowed &&
          !resource &&
          res.statusCode === 200 &&
          r.access!.scope !== 'province' &&
          Array.isArray(res.json().items)
        ) {
          const body = res.body;
          for (const res2 of ['organisation', 'person'] as Resource[]) {
            for (const k of TARGETS) {
              const id = actor.targets[res2][k];
              if (id && body.includes(id) && !expectedReach(actor.role, r.access!.scope, k))
                result.unexpectedAllow.push(`${name}: list contains ${res2} of ${k}`);
            }
          }
          // Organisation roles and talents see nothing of other organisations (other actors' worlds).
          if (actor.role !== 'province_admin' && actor.role !== 'city_admin') {
            const mine = new Set(Object.values(actor.targets).flatMap((m) => Object.values(m)));
            for (const id of allIds)
              if (!mine.has(id) && body.includes(id))
                result.unexpectedAllow.push(`${name}: list contains another organisation's ${id}`);
          }
        }
      }
    }
  }
  return result;
}
