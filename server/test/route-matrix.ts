import { randomBytes } from 'node:crypto';
import { ROLES, ROLE_PERMISSIONS, type Role } from '../../contracts/roles.js';
import type { DeclaredRoute } from '../kernel/http/access.js';
import type { TestApp } from './app.js';
import { as, buildOrg, buildPerson, buildUser, login, PASSWORD, cookieOf, type TestUser } from './factories.js';
import { createRng, syntheticIdNumber } from '../seed/synthetic.js';
import { multipart } from '../kernel/imports/testing.js';

const rng = createRng(Number.parseInt(randomBytes(4).toString('hex'), 16));
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

type Resource =
  | 'organisation'
  | 'person'
  | 'user'
  | 'job'
  | 'credential'
  | 'employment'
  | 'importBatch'
  | 'targetImportBatch'
  | 'report'
  | 'supervisionCity'
  | 'rectification'
  | 'supervisionEvidence';
const RESOURCE_OF: [RegExp, Resource][] = [
  [/^\/api\/organisations\/:id/, 'organisation'],
  [/^\/api\/persons\/:id/, 'person'],
  [/^\/api\/users\/:id/, 'user'],
  [/^\/api\/jobs\/:id/, 'job'],
  [/^\/api\/credentials\/:id/, 'credential'],
  [/^\/api\/employments\/:id/, 'employment'],
  // Batches of the target import (targets.import.ts) are fixtures of their own entity.
  [/^\/api\/imports\/indicator_targets\/batches\/:id/, 'targetImportBatch'],
  [/^\/api\/imports\/[a-z_]+\/batches\/:id/, 'importBatch'],
  [/^\/api\/reports\/:id/, 'report'],
  // 督导评估: a city's year (the city code is the object), its rectification items and evidence files.
  [/^\/api\/supervision\/years\/:year\/cities\/:city/, 'supervisionCity'],
  [/^\/api\/supervision\/rectifications\/:id/, 'rectification'],
  [/^\/api\/supervision\/evidence\/:id/, 'supervisionEvidence'],
];

/** Who may import each entity at all (beyond the import.run permission), by the rules of issue 3. */
const IMPORT_ROLES: Record<string, Role[]> = {
  persons: ['province_admin', 'city_admin', 'enterprise'],
  indicator_targets: ['province_admin'],
};
const importEntityOf = (url: string) => /^\/api\/imports\/([a-z_]+)/.exec(url)?.[1];

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

/** A skill certificate issued by `orgId` to `personId`, inserted as a fixture; its credential id. */
async function credentialFixture(t: TestApp, personId: string, orgId: string): Promise<string> {
  const r = await t.database.pool.query<{ credential_id: string }>(
    `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                             issued_on, recorded_at)
     values (gen_random_uuid(), $1, 'skill_cert', $2, $3, (select name from organisation where id = $3), '4-04-04-05', 'JUNIOR',
             '2025-01-01', now() - interval '1 day')
     returning credential_id`,
    [personId, 'M' + randomBytes(6).toString('hex'), orgId],
  );
  return r.rows[0]!.credential_id;
}

/** A rectification item (open) and an evidence file of the 2026 self-assessment of a city, inserted as fixtures. */
async function supervisionFixtures(t: TestApp, cityCode: string): Promise<{ rectification: string; evidence: string }> {
  const q = <T extends object>(text: string, values: unknown[]) => t.database.pool.query<T>(text, values);
  const rect = await q<{ id: string }>(
    `insert into supervision_rectification (year, city_code, description, deadline)
     values (2026, $1, '矩阵整改事项', '2026-12-31') returning id`,
    [cityCode],
  );
  const assessment = await q<{ id: string }>(
    `insert into supervision_assessment (year, city_code) values (2026, $1)
     on conflict (year, city_code) do update set year = excluded.year returning id`,
    [cityCode],
  );
  const evidence = await q<{ id: string }>(
    `insert into supervision_evidence (assessment_id, file_name, content_type, bytes, sha256, data)
     values ($1, '矩阵佐证.pdf', 'application/pdf', 5, 'x', $2) returning id`,
    [assessment.rows[0]!.id, Buffer.from('%PDF-')],
  );
  return { rectification: rect.rows[0]!.id, evidence: evidence.rows[0]!.id };
}

async function employmentOf(t: TestApp, personId: string): Promise<string> {
  const r = await t.database.pool.query<{ id: string }>('select id from employment where person_id = $1', [personId]);
  return r.rows[0]!.id;
}

async function buildWorld(t: TestApp): Promise<{ actors: Actor[]; allIds: Set<string> }> {
  const otherOrg = await buildOrg(t, { cityCode: OTHER_CITY });
  const otherPerson = await buildPerson(t, { cityCode: OTHER_CITY, employerOrgId: otherOrg.id });
  const otherCredential = await credentialFixture(t, otherPerson.id, otherOrg.id);
  const otherEmployment = await employmentOf(t, otherPerson.id);
  const otherUser = await buildUser(t, { roles: ['enterprise'], orgId: otherOrg.id });
  const actors: Actor[] = [];
  const allIds = new Set<string>([otherOrg.id, otherPerson.id, otherUser.id]);
  // Yearly reports (pending rows) of the actors' city and of the other city: read-only, shared.
  const reportOf = async (city: string) =>
    (
      await t.database.pool.query<{ id: string }>(
        `insert into report (year, city_code, as_of, known_at) values (2026, $1, '2026-11-30', now()) returning id`,
        [city],
      )
    ).rows[0]!.id;
  const reports = { sameCity: await reportOf(CITY), otherCity: await reportOf(OTHER_CITY) };
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
    // An uploaded import batch (not yet validated) of each user: only its owner reaches it.
    const batch = async (owner: string, entity = 'persons') =>
      (
        await t.database.pool.query<{ id: string }>(
          `insert into import_batch (entity, owner_user_id, file_name, file_format, file_bytes, file_sha256)
           values ($2, $1, 'matrix.xlsx', 'xlsx', 1, 'x') returning id`,
          [owner, entity],
        )
      ).rows[0]!.id;
    const importBatches = {
      self: await batch(user.id),
      ownOrg: await batch(ownUser.id),
      sameCity: await batch(sameUser.id),
      otherCity: await batch(otherUser.id),
    };
    const supSame = await supervisionFixtures(t, CITY);
    const supOther = await supervisionFixtures(t, OTHER_CITY);
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
        importBatch: importBatches,
        targetImportBatch: {
          self: await batch(user.id, 'indicator_targets'),
          ownOrg: await batch(ownUser.id, 'indicator_targets'),
          sameCity: await batch(sameUser.id, 'indicator_targets'),
          otherCity: await batch(otherUser.id, 'indicator_targets'),
        },
        report: reports,
        credential: {
          self: selfPerson ? await credentialFixture(t, selfPerson.id, sameOrg.id) : undefined,
          ownOrg: await credentialFixture(t, ownPerson.id, ownOrg.id),
          sameCity: await credentialFixture(t, samePerson.id, sameOrg.id),
          otherCity: otherCredential,
        },
        employment: {
          ownOrg: await employmentOf(t, ownPerson.id),
          sameCity: await employmentOf(t, samePerson.id),
          otherCity: otherEmployment,
        },
        supervisionCity: { sameCity: CITY, otherCity: OTHER_CITY },
        rectification: { sameCity: supSame.rectification, otherCity: supOther.rectification },
        supervisionEvidence: { sameCity: supSame.evidence, otherCity: supOther.evidence },
      },
    });
  }
  return { actors, allIds };
}

/** A credential each role may issue (the kind rule is not a scope rule). */
function credentialFor(role: Role) {
  const number = 'MX' + randomBytes(6).toString('hex');
  if (role === 'provider') return { kind: 'training_completion', number, digital: true, issuedOn: '2025-06-01' };
  if (role === 'city_admin')
    return {
      kind: 'competition_award',
      number,
      field: '技能兴鲁大赛三等奖',
      issuerName: '市人社局',
      issuedOn: '2025-06-01',
    };
  return {
    kind: 'skill_cert',
    number,
    occupationCode: '4-04-04-05',
    levelCode: 'JUNIOR',
    issuerName: '矩阵发证机构',
    issuedOn: '2025-06-01',
  };
}

/** Example request bodies: valid, so that an allowed call really succeeds (or meets a state rule). */
async function exampleBody(t: TestApp, role: Role, method: string, url: string): Promise<unknown> {
  const key = `${method} ${url}`;
  const fresh = () => syntheticIdNumber(rng, CITY, '1990-05-0' + rng.int(1, 9), 'M');
  if (key === 'POST /api/persons/:id/credentials') return credentialFor(role);
  if (key === 'POST /api/credentials') return { ...credentialFor(role), idNumber: fresh(), name: '矩阵人员' };
  if (key === 'POST /api/persons/:id/merge') return { duplicateId: (await buildPerson(t, { cityCode: CITY })).id };
  if (key === 'POST /api/employments')
    return { idNumber: fresh(), name: '矩阵员工', post: '操作工', isDigitalPost: false, fromDate: '2025-01-01' };
  const examples: Record<string, unknown> = {
    'POST /api/credentials/:id/corrections': { note: '矩阵测试更正' },
    'POST /api/credentials/:id/revocation': { revokedOn: '2026-01-01', reason: '矩阵测试撤销' },
    'POST /api/persons/:id/contributions': { kind: 'innovation', title: '矩阵技术革新', occurredOn: '2026-01-01' },
    'POST /api/employments/:id/end': { toDate: '2026-01-01' },
    'POST /api/imports/persons/batches/:id/commit': { mode: 'valid_only' },
    'POST /api/imports/indicator_targets/batches/:id/commit': { mode: 'valid_only' },
    'PUT /api/settings/:key': {},
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
    'PUT /api/targets/:indicator/:year': { cityCode: null, value: 280000 },
    'PUT /api/targets/:indicator': { changes: [{ year: 2026, cityCode: null, value: 280000 }] },
    // A year-end the rollups hold: answered without a job (the matrix runs no queue).
    'POST /api/targets/computations': { asOf: '2025-12-31' },
    'POST /api/reports': { year: 2026, knownAt: '2099-01-01T00:00:00+08:00' },
    'PUT /api/supervision/years/:year/cities/:city/self-assessment': {
      keyWork: '矩阵重点工作推进情况',
      policyImplementation: '矩阵政策落实情况',
    },
    'POST /api/supervision/years/:year/cities/:city/self-assessment/return': { reason: '矩阵退回原因' },
    'POST /api/supervision/years/:year/cities/:city/self-assessment/score': {
      items: [
        'leadership',
        'talent_cultivation',
        'policy_implementation',
        'platform_building',
        'target_completion',
      ].map((key) => ({ key, score: 10 })),
      comment: '矩阵评分',
    },
    'POST /api/supervision/years/:year/cities/:city/rectifications': {
      description: '矩阵整改事项',
      deadline: '2026-12-31',
    },
    'POST /api/supervision/rectifications/:id/report': { text: '矩阵整改情况' },
    'POST /api/supervision/rectifications/:id/reject': { reason: '矩阵不予销号原因' },
  };
  if (key in examples) return examples[key];
  return method === 'GET' ? undefined : {};
}

/** Separation of duties: no admin changes their own account's roles or status. */
const SELF_REFUSED = new Set(['POST /api/users/:id/status', 'PUT /api/users/:id/roles']);

/**
 * Uploads are multipart; the matrix runs no job queue, so the example is an empty file, which the
 * server refuses (400 文件为空) only after the caller's access was checked.
 */
const EXAMPLE_REFUSED = new Map([
  ['POST /api/imports/persons', '文件为空'],
  ['POST /api/imports/indicator_targets', '文件为空'],
  ['POST /api/supervision/years/:year/cities/:city/evidence', '文件为空'],
  ['POST /api/supervision/rectifications/:id/evidence', '文件为空'],
]);

/**
 * Requests that would start a job (the matrix runs no queue) carry a body the service refuses
 * (400 with this message) only after the caller's permission and scope were checked.
 */
const BODY_REFUSED = new Map([['POST /api/reports', '记录时点不能晚于现在']]);

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
          .replace(':token', 'x'.repeat(20))
          .replace(':key', 'registry.categories')
          .replace(':indicator', 'T1')
          .replace(':year', '2026')
          .replace(':format', 'docx');
        if (resource && target) url = url.replace(/:id|:city/, actor.targets[resource][target]!);
        const query = r.method === 'GET' && !resource ? '?pageSize=200' : '';
        let caller: { cookie: string } = actor.user;
        if (SESSION_ENDING.has(`${r.method} ${r.url}`))
          caller = { cookie: cookieOf(await login(t, actor.user.username, PASSWORD)) };
        const refusedExample = EXAMPLE_REFUSED.get(`${r.method} ${r.url}`);
        const res = refusedExample
          ? await (async () => {
              const m = multipart('matrix.xlsx', Buffer.alloc(0));
              return t.app.inject({
                method: 'POST',
                url,
                headers: { ...m.headers, cookie: caller.cookie },
                payload: m.payload,
              });
            })()
          : await as(t, caller, r.method, url + query, await exampleBody(t, actor.role, r.method, r.url));
        result.calls++;
        // Changing the password ends every session of the user: log the actor in again.
        if (caller !== actor.user) actor.user.cookie = cookieOf(await login(t, actor.user.username, PASSWORD));
        const name = `${actor.role} ${r.method} ${r.url} on ${target ?? '-'} → ${res.statusCode}`;
        const refusal = refusedExample ?? BODY_REFUSED.get(`${r.method} ${r.url}`);
        const refusedAsExpected = !!refusal && res.statusCode === 400 && res.body.includes(refusal);
        if (res.statusCode >= 500 || (res.statusCode === 400 && !refusedAsExpected)) {
          result.errors.push(`${name}: ${res.body.slice(0, 200)}`);
          continue;
        }
        const permitted = ROLE_PERMISSIONS[actor.role].includes(r.access!.permission);
        const importEntity = importEntityOf(r.url);
        const expected =
          permitted &&
          expectedReach(actor.role, r.access!.scope, target) &&
          (!importEntity || (IMPORT_ROLES[importEntity] ?? []).includes(actor.role)) &&
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
          String(res.headers['content-type']).includes('json') &&
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
