import { randomBytes } from 'node:crypto';
import { ROLES, ROLE_PERMISSIONS, type Role } from '../../contracts/roles.js';
import type { DeclaredRoute } from '../kernel/http/access.js';
import type { TestApp } from './app.js';
import { buildOrg, buildPerson, buildUser, login, PASSWORD, cookieOf, type TestUser } from './factories.js';
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
  | 'supervisionEvidence'
  | 'subsidyClaim'
  | 'subsidyObjection'
  | 'subsidyBatch'
  | 'demand'
  | 'application'
  | 'demandImportBatch'
  | 'matchEvent'
  | 'programme'
  | 'trainingClass'
  | 'trainingSession'
  | 'enrolment'
  | 'cloudCourse'
  | 'lesson'
  | 'attendanceImportBatch';
const RESOURCE_OF: [RegExp, Resource][] = [
  [/^\/api\/organisations\/:id/, 'organisation'],
  [/^\/api\/persons\/:id/, 'person'],
  [/^\/api\/users\/:id/, 'user'],
  [/^\/api\/jobs\/:id/, 'job'],
  [/^\/api\/credentials\/:id/, 'credential'],
  [/^\/api\/employments\/:id/, 'employment'],
  // Batches of the target import (targets.import.ts) are fixtures of their own entity.
  [/^\/api\/imports\/indicator_targets\/batches\/:id/, 'targetImportBatch'],
  [/^\/api\/imports\/demands\/batches\/:id/, 'demandImportBatch'],
  [/^\/api\/imports\/attendance\/batches\/:id/, 'attendanceImportBatch'],
  [/^\/api\/imports\/[a-z_]+\/batches\/:id/, 'importBatch'],
  [/^\/api\/reports\/:id/, 'report'],
  // 督导评估: a city's year (the city code is the object), its rectification items and evidence files.
  [/^\/api\/supervision\/years\/:year\/cities\/:city/, 'supervisionCity'],
  [/^\/api\/supervision\/rectifications\/:id/, 'rectification'],
  [/^\/api\/supervision\/evidence\/:id/, 'supervisionEvidence'],
  // 补贴: a claim of the talent themself, of the own organisation, of the same city, of the other city; an
  // objection on each; payment batches (province-wide).
  [/^\/api\/subsidy\/claims\/:id/, 'subsidyClaim'],
  [/^\/api\/subsidy\/objections\/:id/, 'subsidyObjection'],
  [/^\/api\/subsidy\/batches\/:id/, 'subsidyBatch'],
  // 人才供需对接: a demand of the own organisation, of another organisation in the city, of another city;
  // an application (对接记录) on each of them (the talent's own for 'self').
  [/^\/api\/demands\/:id/, 'demand'],
  [/^\/api\/applications\/:id/, 'application'],
  // 对接活动: an event of the own city with the own organisation on its list, one without it, one of the other city.
  [/^\/api\/matching\/events\/:id/, 'matchEvent'],
  // 培训: a programme, class, session and enrolment of the own organisation, of another in the city, of another city;
  // 云课堂: courses anyone may enrol in, and lessons (a talent reaches those of courses they are enrolled in).
  [/^\/api\/training\/programmes\/:id/, 'programme'],
  [/^\/api\/training\/classes\/:id/, 'trainingClass'],
  [/^\/api\/training\/sessions\/:id/, 'trainingSession'],
  [/^\/api\/training\/enrolments\/:id/, 'enrolment'],
  [/^\/api\/learning\/courses\/:id/, 'cloudCourse'],
  [/^\/api\/learning\/lessons\/:id/, 'lesson'],
];

/**
 * Routes only one side of the matching flow may call, beyond the permission (a maker rule, 403):
 * a talent applies, accepts, declines or accepts an offer; the enterprise interviews, offers, hires or rejects.
 */
const ROLE_ONLY: Record<string, Role[]> = {
  'POST /api/demands/:id/applications': ['talent'],
  'POST /api/applications/:id/accept': ['talent'],
  'POST /api/applications/:id/decline': ['talent'],
  'POST /api/applications/:id/interview': ['enterprise'],
  'POST /api/applications/:id/offer': ['enterprise'],
  'POST /api/applications/:id/accept_offer': ['talent'],
  'POST /api/applications/:id/hire': ['enterprise'],
  'POST /api/applications/:id/reject': ['enterprise'],
};

/** Who may import each entity at all (beyond the import.run permission), by the rules of issue 3. */
const IMPORT_ROLES: Record<string, Role[]> = {
  persons: ['province_admin', 'city_admin', 'enterprise'],
  indicator_targets: ['province_admin'],
  demands: ['enterprise'],
  attendance: ['enterprise', 'provider'],
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

/** An open demand of the organisation (occupation 6-31-07-03, which no fixture talent holds). */
async function demandFixture(t: TestApp, orgId: string, cityCode: string): Promise<string> {
  const r = await t.database.pool.query<{ id: string }>(
    `insert into demand (org_id, title, occupation_code, city_code, headcount, status, opened_at)
     values ($1, '矩阵需求', '6-31-07-03', $2, 2, 'open', now()) returning id`,
    [orgId, cityCode],
  );
  return r.rows[0]!.id;
}

/** An invitation (对接记录) of a person to a demand. */
async function applicationFixture(t: TestApp, demandId: string, personId: string): Promise<string> {
  const r = await t.database.pool.query<{ id: string }>(
    `insert into match_application (demand_id, person_id, org_id, city_code, origin, status)
     select id, $2, org_id, city_code, 'invited', 'invited' from demand where id = $1 returning id`,
    [demandId, personId],
  );
  return r.rows[0]!.id;
}

/** A planned matching event (dated before today) of a city, optionally with an organisation on its invite list. */
async function eventFixture(t: TestApp, cityCode: string, orgId?: string): Promise<string> {
  const r = await t.database.pool.query<{ id: string }>(
    `insert into match_event (city_code, event_date, title, chains) values ($1, '2026-11-20', '矩阵对接活动', '{IC01}')
     returning id`,
    [cityCode],
  );
  const id = r.rows[0]!.id;
  if (orgId)
    await t.database.pool.query(
      `insert into match_event_enterprise (event_id, org_id, source) values ($1, $2, 'prematch')`,
      [id, orgId],
    );
  return id;
}

/** A digital social-training programme of the organisation with a class, a session (today) and an enrolment. */
async function trainingFixture(t: TestApp, orgId: string, cityCode: string, personId: string) {
  const q = async (text: string, values: unknown[]) =>
    (await t.database.pool.query<{ id: string }>(text, values)).rows[0]!.id;
  const programme = await q(
    `insert into training_programme (org_id, city_code, title, type, purpose, digital_domain, hours)
     values ($1, $2, '矩阵培训项目', 'social', 'on_job', 'DD01', 16) returning id`,
    [orgId, cityCode],
  );
  const cls = await q(
    `insert into training_class (programme_id, org_id, city_code, name, capacity) values ($1, $2, $3, '矩阵班', 30) returning id`,
    [programme, orgId, cityCode],
  );
  const session = await q(
    `insert into training_session (class_id, seq, starts_at, ends_at, checkin_secret)
     values ($1, 1, '2026-11-30T01:00:00Z', '2026-11-30T03:00:00Z', repeat('ab', 32)) returning id`,
    [cls],
  );
  const enrolment = await q(
    `insert into training_enrolment (class_id, person_id, person_name, id_number_masked, city_code)
     values ($1, $2, '矩阵学员', '370102********1234', $3) returning id`,
    [cls, personId, cityCode],
  );
  return { programme, class: cls, session, enrolment };
}

/** A cloud course of a fresh provider (no actor's organisation) with its online class and one file lesson; the person enrolled if given. */
async function cloudFixture(t: TestApp, cityCode: string, personId?: string) {
  const org = await buildOrg(t, { cityCode, kind: 'training' });
  const q = async (text: string, values: unknown[]) =>
    (await t.database.pool.query<{ id: string }>(text, values)).rows[0]!.id;
  const course = await q(
    `insert into training_programme (org_id, city_code, title, type, purpose, digital_domain, hours)
     values ($1, $2, '矩阵云课堂', 'cloud', 'on_job', 'DD02', 2) returning id`,
    [org.id, cityCode],
  );
  const cls = await q(
    `insert into training_class (programme_id, org_id, city_code, name) values ($1, $2, $3, '在线学习') returning id`,
    [course, org.id, cityCode],
  );
  const lesson = await q(
    `insert into training_lesson (programme_id, seq, title, minutes, file_name, content_type, bytes, sha256, data)
     values ($1, 1, '矩阵课时', 30, '矩阵课时.pdf', 'application/pdf', 5, 'x', $2) returning id`,
    [course, Buffer.from('%PDF-')],
  );
  if (personId)
    await q(
      `insert into training_enrolment (class_id, person_id, person_name, id_number_masked, city_code)
       values ($1, $2, '矩阵学员', '370102********1234', $3) returning id`,
      [cls, personId, cityCode],
    );
  return { course, lesson };
}

/** A submitted 培训补贴 claim (with an open objection) of a person, and an open payment batch. */
async function subsidyFixture(
  t: TestApp,
  o: { personId: string; orgId: string | null; cityCode: string; submittedBy: string },
): Promise<{ claim: string; objection: string; batch: string }> {
  const q = async (text: string, values: unknown[]) =>
    (await t.database.pool.query<{ id: string }>(text, values)).rows[0]!.id;
  const claim = await q(
    `insert into subsidy_claim (kind, credential_id, credential_number, credential_issued_on, person_id, person_name, city_code,
       org_id, occupation_code, level_code, policy_version, amount_cents, budget_year, payee_type, payee_name, bank_name,
       bank_account_enc, bank_account_hash, bank_account_tail, submitted_by, submitted_at)
     values ('training', gen_random_uuid(), 'M' || md5(random()::text), '2026-06-01', $1, '矩阵学员', $2, $3,
       'M' || md5(random()::text), 'JUNIOR', '矩阵版', 80000, 2026, 'person', '矩阵学员', '矩阵银行', 'v1:x', 'x', '5678', $4, now())
     returning id`,
    [o.personId, o.cityCode, o.orgId, o.submittedBy],
  );
  const objection = await q(
    `insert into subsidy_objection (claim_id, text, received_at) values ($1, '矩阵异议', now()) returning id`,
    [claim],
  );
  const batch = await q(`insert into subsidy_batch (kind, created_at) values ('training', now()) returning id`, []);
  return { claim, objection, batch };
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
  const otherDemand = await demandFixture(t, otherOrg.id, OTHER_CITY);
  const otherApplication = await applicationFixture(t, otherDemand, otherPerson.id);
  const otherTraining = await trainingFixture(t, otherOrg.id, OTHER_CITY, otherPerson.id);
  const otherCloud = await cloudFixture(t, OTHER_CITY);
  // A course nobody enrols in (the matrix's talent enrols in otherCloud through the course routes).
  const unenrolledCloud = await cloudFixture(t, OTHER_CITY);
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
    const ownDemand = await demandFixture(t, ownOrg.id, CITY);
    const ownTraining = await trainingFixture(t, ownOrg.id, CITY, ownPerson.id);
    const sameTraining = await trainingFixture(t, sameOrg.id, CITY, samePerson.id);
    const cloud = await cloudFixture(t, CITY, selfPerson?.id);
    const sameDemand = await demandFixture(t, sameOrg.id, CITY);
    const supSame = await supervisionFixtures(t, CITY);
    const supOther = await supervisionFixtures(t, OTHER_CITY);
    const subsidy = {
      self: selfPerson
        ? await subsidyFixture(t, { personId: selfPerson.id, orgId: null, cityCode: CITY, submittedBy: user.id })
        : undefined,
      ownOrg: await subsidyFixture(t, {
        personId: ownPerson.id,
        orgId: ownOrg.id,
        cityCode: CITY,
        submittedBy: ownUser.id,
      }),
      sameCity: await subsidyFixture(t, {
        personId: samePerson.id,
        orgId: sameOrg.id,
        cityCode: CITY,
        submittedBy: sameUser.id,
      }),
      otherCity: await subsidyFixture(t, {
        personId: otherPerson.id,
        orgId: otherOrg.id,
        cityCode: OTHER_CITY,
        submittedBy: otherUser.id,
      }),
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
        subsidyClaim: {
          self: subsidy.self?.claim,
          ownOrg: subsidy.ownOrg.claim,
          sameCity: subsidy.sameCity.claim,
          otherCity: subsidy.otherCity.claim,
        },
        subsidyObjection: {
          self: subsidy.self?.objection,
          ownOrg: subsidy.ownOrg.objection,
          sameCity: subsidy.sameCity.objection,
          otherCity: subsidy.otherCity.objection,
        },
        subsidyBatch: { sameCity: subsidy.sameCity.batch, otherCity: subsidy.otherCity.batch },
        matchEvent: {
          ownOrg: await eventFixture(t, CITY, ownOrg.id),
          sameCity: await eventFixture(t, CITY),
          otherCity: await eventFixture(t, OTHER_CITY),
        },
        demand: { ownOrg: ownDemand, sameCity: sameDemand, otherCity: otherDemand },
        application: {
          self: selfPerson ? await applicationFixture(t, ownDemand, selfPerson.id) : undefined,
          ownOrg: await applicationFixture(t, ownDemand, ownPerson.id),
          sameCity: await applicationFixture(t, sameDemand, samePerson.id),
          otherCity: otherApplication,
        },
        programme: {
          ownOrg: ownTraining.programme,
          sameCity: sameTraining.programme,
          otherCity: otherTraining.programme,
        },
        trainingClass: { ownOrg: ownTraining.class, sameCity: sameTraining.class, otherCity: otherTraining.class },
        trainingSession: {
          ownOrg: ownTraining.session,
          sameCity: sameTraining.session,
          otherCity: otherTraining.session,
        },
        enrolment: {
          ownOrg: ownTraining.enrolment,
          sameCity: sameTraining.enrolment,
          otherCity: otherTraining.enrolment,
        },
        cloudCourse: { sameCity: cloud.course, otherCity: otherCloud.course },
        lesson: { self: selfPerson ? cloud.lesson : undefined, otherCity: unenrolledCloud.lesson },
        attendanceImportBatch: {
          self: await batch(user.id, 'attendance'),
          ownOrg: await batch(ownUser.id, 'attendance'),
          sameCity: await batch(sameUser.id, 'attendance'),
          otherCity: await batch(otherUser.id, 'attendance'),
        },
        demandImportBatch: {
          self: await batch(user.id, 'demands'),
          ownOrg: await batch(ownUser.id, 'demands'),
          sameCity: await batch(sameUser.id, 'demands'),
          otherCity: await batch(otherUser.id, 'demands'),
        },
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
  if (key === 'POST /api/demands/:id/invitations') return { personId: (await buildPerson(t, { cityCode: CITY })).id };
  if (key === 'POST /api/matching/events/:id/checkins') return { orgId: (await buildOrg(t, { cityCode: CITY })).id };
  if (key === 'POST /api/matching/visits')
    return {
      expertPersonId: (await buildPerson(t, { cityCode: CITY })).id,
      orgId: (await buildOrg(t, { cityCode: CITY })).id,
      date: '2026-11-20',
      topic: '矩阵助企服务',
      outcome: '矩阵服务成效',
    };
  if (key === 'POST /api/training/classes/:id/enrolments') return { idNumber: fresh(), name: '矩阵学员' };
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
    // 补贴: the ID number of a trainee goes in the body (nobody has it: an empty list).
    'POST /api/subsidy/eligible': { idNumber: '11010119900307001X' },
    // 补贴: a credential that does not exist is refused (400) after the access check.
    'POST /api/subsidy/claims': {
      credentialId: '00000000-0000-4000-8000-000000000000',
      kind: 'training',
      bankName: '矩阵银行',
      bankAccount: '6222021600012345678',
    },
    'POST /api/subsidy/claims/:id/review': { decision: 'pass' },
    'POST /api/subsidy/claims/:id/objections': { text: '矩阵异议' },
    'POST /api/subsidy/claims/:id/reject': { reason: '矩阵不予审批' },
    'POST /api/subsidy/objections/:id/resolve': { decision: 'dismissed', note: '矩阵处理意见' },
    'PUT /api/subsidy/budgets': { kind: 'training', year: 2026, cityCode: CITY, amountYuan: 100000 },
    'POST /api/subsidy/batches': { kind: 'training', claimIds: ['00000000-0000-4000-8000-000000000000'] },
    'POST /api/subsidy/batches/:id/reconciliations': {
      fileName: '矩阵回盘.csv',
      csv: '申领编号,收款人,账号,金额,结果,银行流水号\n',
    },
    'POST /api/matching/events': { cityCode: CITY, date: '2026-12-15', title: '矩阵对接活动', chains: ['IC01'] },
    'POST /api/matching/events/:id/invitations': { perDemand: 3 },
    'PUT /api/matching/events/:id/outcomes': { interviews: 2, offers: 1, hires: 1 },
    'POST /api/matching/events/:id/status': { status: 'held' },
    // Only today can be computed: a later day is refused after the access check (the matrix runs no queue).
    'POST /api/matching/fit/runs': { asOf: '2099-12-31' },
    'POST /api/imports/demands/batches/:id/commit': { mode: 'valid_only' },
    'POST /api/demands': { title: '矩阵岗位', occupationCode: '4-04-04-05', headcount: 1 },
    'PATCH /api/demands/:id': { title: '矩阵岗位（修改）' },
    'POST /api/demands/:id/status': { status: 'open' },
    'PUT /api/me/intention': { openToWork: true, cities: ['370200'] },
    'POST /api/training/programmes': {
      title: '矩阵培训项目',
      type: 'social',
      purpose: 'on_job',
      hours: 16,
      digitalDomain: 'DD01',
    },
    'POST /api/training/programmes/:id/classes': {
      name: '矩阵班',
      capacity: 30,
      sessions: [{ startsAt: '2026-11-30T01:00:00Z', endsAt: '2026-11-30T03:00:00Z' }],
    },
    'POST /api/training/programmes/:id/lessons': { title: '矩阵课时', minutes: 30, url: 'https://example.org/lesson' },
    'POST /api/training/classes/:id/sessions': { startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T03:00:00Z' },
    'PUT /api/training/sessions/:id/attendance': { records: [] },
    'PUT /api/training/enrolments/:id/assessment': { result: 'passed', score: 90 },
    'PUT /api/enterprise-reports/:year': {
      sessions: 2,
      personTimes: 10,
      frontlinePersonTimes: 7,
      fundsExtracted: 1000,
      fundsUsed: 800,
      fundsFrontline: 500,
    },
    'POST /api/learning/check-in': { code: '123456' },
    'POST /api/imports/attendance/batches/:id/commit': { mode: 'valid_only' },
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
  ['POST /api/imports/demands', '文件为空'],
  ['POST /api/imports/attendance', '文件为空'],
  ['POST /api/training/programmes/:id/lessons/file', '文件为空'],
  ['POST /api/supervision/years/:year/cities/:city/evidence', '文件为空'],
  ['POST /api/supervision/rectifications/:id/evidence', '文件为空'],
]);

/**
 * Requests that would start a job (the matrix runs no queue) carry a body the service refuses
 * (400 with this message) only after the caller's permission and scope were checked.
 */
const BODY_REFUSED = new Map([
  ['POST /api/reports', '记录时点不能晚于现在'],
  ['POST /api/subsidy/claims', '证书不存在'],
  ['POST /api/matching/fit/runs', '统计日期不能晚于今天'],
  // The matrix's talent has no session open for check-in: refused after the access check.
  ['POST /api/learning/check-in', '当前没有可签到的课程'],
  // A lesson is done only after its minutes since it was opened (server time): refused after the access check.
  ['POST /api/learning/lessons/:id/progress', '学习时长不足，请完成本节学习后再提交'],
]);

/** Every call carries a fresh Idempotency-Key (money requests refuse a call without one with 400). */
function asWithKey(t: TestApp, user: { cookie: string }, method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: user.cookie, 'idempotency-key': randomBytes(12).toString('hex') },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

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
          : await asWithKey(t, caller, r.method, url + query, await exampleBody(t, actor.role, r.method, r.url));
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
          !(target === 'self' && SELF_REFUSED.has(`${r.method} ${r.url}`)) &&
          (ROLE_ONLY[`${r.method} ${r.url}`] ?? [actor.role]).includes(actor.role);
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
