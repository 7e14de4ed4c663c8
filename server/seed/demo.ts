import { seedMatchingDemo } from './matching-demo.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../kernel/db/types.js';
import { systemActor } from '../kernel/audit/audit.js';
import type { AppServices } from '../app.js';
import type { OrgKind } from '../kernel/auth/org.service.js';
import type { Role } from '../../contracts/roles.js';
import { seedTrainingDemo } from './training-demo.js';
import { seedSubsidyDemo } from './subsidy-demo.js';
import {
  createRng,
  syntheticChineseName,
  syntheticCollegeName,
  syntheticCompanyName,
  syntheticEvaluationOrgName,
  syntheticIdNumber,
  syntheticPhone,
  syntheticTrainingSchoolName,
  syntheticUscc,
  type Rng,
} from './synthetic.js';

export const SCALES = {
  small: { persons: 20_000, enterprisesPerCity: 60, employedShare: 0.85, positions: 2_000, intentionShare: 0.3 },
  province: {
    persons: 300_000,
    enterprisesPerCity: 1_200,
    employedShare: 0.85,
    positions: 30_000,
    intentionShare: 0.8,
  },
} as const;
export type Scale = keyof typeof SCALES;

export const DEMO_PASSWORD = 'Jiangxin@2026';
const SEED = 20260101;

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  scope: string;
}

export interface DemoResult {
  accounts: DemoAccount[];
  persons: number;
  organisations: number;
  credentials: number;
  /** Clear ID numbers and phones of a sample of generated persons (tests grep a dump for them). */
  sample: { idNumbers: string[]; phones: string[] };
}

const SIZE_CLASSES = ['micro', 'small', 'small', 'medium', 'medium', 'large'] as const;
const EDUCATION = ['初中', '高中/中专/技校', '大专', '大专', '本科', '本科', '硕士研究生'];
const POSTS: [string, boolean][] = [
  ['数控设备操作工', false],
  ['工业机器人操作员', true],
  ['设备维护工程师', false],
  ['数据分析员', true],
  ['生产线班组长', false],
  ['智能制造系统运维员', true],
  ['工艺工程师', false],
  ['数字化项目经理', true],
];
const TIERS = ['FRONTLINE', 'FRONTLINE', 'FRONTLINE', 'BACKBONE', 'BACKBONE', 'MANAGER'];

function birthDate(rng: Rng): string {
  const y = rng.int(1966, 2005);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The demo province, deterministic (fixed seed): 16 cities' government units, enterprises
 * across chains and sizes, colleges, training institutions, evaluation organisations,
 * and persons with synthetic ID numbers (district codes 90–99, which do not exist).
 */
export async function seedDemo(
  db: Db,
  s: AppServices,
  opts: { scale: Scale; withAccounts: boolean; log?: (m: string) => void },
): Promise<DemoResult> {
  const log = opts.log ?? (() => {});
  const size = SCALES[opts.scale];
  const rng = createRng(SEED);
  const actor = systemActor('seed');
  const cities = [...(await s.reference.cities()).values()].filter((c) => c.attrs.status === 'active');
  const chains = await s.reference.list('industry_chain');
  const usccs = new Set<string>();
  const uscc = (city: string, kind: OrgKind) => {
    for (;;) {
      const u = syntheticUscc(rng, city, kind);
      if (!usccs.has(u)) {
        usccs.add(u);
        return u;
      }
    }
  };

  type OrgRow = Parameters<AppServices['orgs']['bulkInsertApproved']>[1][number];
  const orgs: OrgRow[] = [
    {
      kind: 'government',
      name: '山东省工业和信息化厅',
      uscc: uscc('370000', 'government'),
      cityCode: '370100',
      sizeClass: null,
      industryChains: [],
    },
  ];
  for (const c of cities) {
    const short = String(c.attrs.shortName ?? c.name);
    orgs.push({
      kind: 'government',
      name: `${c.name}工业和信息化局`,
      uscc: uscc(c.code, 'government'),
      cityCode: c.code,
      sizeClass: null,
      industryChains: [],
    });
    for (let i = 0; i < size.enterprisesPerCity; i++) {
      const chain = rng.pick(chains);
      orgs.push({
        kind: rng.chance(0.05) ? 'service' : 'enterprise',
        name: syntheticCompanyName(rng, short, chain.name),
        uscc: '',
        cityCode: c.code,
        sizeClass: rng.pick(SIZE_CLASSES),
        industryChains: rng.chance(0.3) ? [chain.code, rng.pick(chains).code] : [chain.code],
      });
      const last = orgs[orgs.length - 1]!;
      last.uscc = uscc(c.code, last.kind);
    }
    for (let i = 0; i < 2; i++)
      orgs.push({
        kind: 'college',
        name: syntheticCollegeName(rng, short),
        uscc: uscc(c.code, 'college'),
        cityCode: c.code,
        sizeClass: null,
        industryChains: [],
      });
    for (let i = 0; i < 4; i++)
      orgs.push({
        kind: 'training',
        name: syntheticTrainingSchoolName(rng, short),
        uscc: uscc(c.code, 'training'),
        cityCode: c.code,
        sizeClass: null,
        industryChains: [],
      });
    for (let i = 0; i < 2; i++)
      orgs.push({
        kind: 'evaluation',
        name: syntheticEvaluationOrgName(rng, short),
        uscc: uscc(c.code, 'evaluation'),
        cityCode: c.code,
        sizeClass: null,
        industryChains: [],
      });
  }
  // Names are generated, so a few repeat: make them unique as registered names are.
  const seenNames = new Map<string, number>();
  for (const o of orgs) {
    const n = seenNames.get(o.name) ?? 0;
    seenNames.set(o.name, n + 1);
    if (n > 0) o.name = o.name.replace(/(有限公司|学院|学校|中心)$/, `（${n + 1}）$1`);
  }
  const orgIds = await s.orgs.bulkInsertApproved(actor, orgs);
  log(`organisations: ${orgIds.length}`);
  const enterprisesByCity = new Map<string, string[]>();
  orgs.forEach((o, i) => {
    if (o.kind !== 'enterprise') return;
    const list = enterprisesByCity.get(o.cityCode) ?? [];
    list.push(orgIds[i]!);
    enterprisesByCity.set(o.cityCode, list);
  });

  const seenIds = new Set<string>();
  const people: Parameters<AppServices['registry']['bulkInsert']>[2] = [];
  for (let i = 0; i < size.persons; i++) {
    const city = rng.pick(cities).code;
    const gender = rng.chance(0.62) ? 'M' : 'F';
    let idNumber: string;
    do idNumber = syntheticIdNumber(rng, city, birthDate(rng), gender);
    while (seenIds.has(idNumber));
    seenIds.add(idNumber);
    const employed = rng.chance(size.employedShare);
    const post = rng.pick(POSTS);
    people.push({
      idNumber,
      name: syntheticChineseName(rng, gender),
      phone: syntheticPhone(rng),
      education: rng.pick(EDUCATION),
      cityCode: city,
      tier: rng.pick(TIERS),
      employment: employed
        ? {
            orgId: rng.pick(enterprisesByCity.get(city)!),
            post: post[0],
            isDigitalPost: post[1],
            fromDate: `${rng.int(2010, 2025)}-0${rng.int(1, 9)}-01`,
          }
        : undefined,
    });
  }
  const loaded = await db.transaction(async (tx) => s.registry.bulkInsert(tx, actor, people));
  const personIds = loaded.ids as string[]; // unique synthetic numbers into an empty registry: none skipped
  log(`persons: ${personIds.length}`);

  const credentialCount = await seedCredentials(db, s, actor, rng, {
    people,
    personIds,
    orgs,
    orgIds,
  });
  log(`credentials: ${credentialCount}`);

  const accounts: DemoAccount[] = [];
  let demoTalent: string | undefined;
  if (opts.withAccounts) {
    const jinan = '370100';
    const firstOf = (kind: OrgKind, city: string) =>
      orgIds[orgs.findIndex((o) => o.kind === kind && o.cityCode === city)]!;
    const entId = firstOf('enterprise', jinan);
    // The demo talent: a certified person in 济南 employed elsewhere, so the demo enterprise can
    // recruit them in the matching zone (the first such person in generation order: deterministic).
    const certified = await db.execute<{ id: string }>(sql`
      select distinct c.person_id as id from credential c join employment e on e.person_id = c.person_id and e.to_date is null
      join person p on p.id = c.person_id
      where c.kind = 'skill_cert' and c.superseded_at is null and c.revoked_on is null and c.occupation_code is not null
        and p.city_code = ${jinan} and e.org_id <> ${entId}`);
    const certifiedIds = new Set(certified.rows.map((r) => r.id));
    const talentIdx = personIds.findIndex((id) => certifiedIds.has(id));
    demoTalent = personIds[talentIdx];
    const plan: {
      username: string;
      role: Role;
      displayName: string;
      scope: string;
      orgId?: string;
      cityCode?: string;
      personId?: string;
    }[] = [
      { username: 'province', role: 'province_admin', displayName: '省工信厅管理员', scope: '山东省' },
      { username: 'jinan', role: 'city_admin', displayName: '济南市工信局管理员', scope: '济南市', cityCode: jinan },
      {
        username: 'qingdao',
        role: 'city_admin',
        displayName: '青岛市工信局管理员',
        scope: '青岛市',
        cityCode: '370200',
      },
      {
        username: 'enterprise',
        role: 'enterprise',
        displayName: '企业管理员',
        scope: orgs[orgIds.indexOf(entId)]!.name,
        orgId: entId,
      },
      {
        username: 'provider',
        role: 'provider',
        displayName: '培训机构管理员',
        scope: '',
        orgId: firstOf('training', jinan),
      },
      {
        username: 'evaluator',
        role: 'evaluator',
        displayName: '评价机构管理员',
        scope: '',
        orgId: firstOf('evaluation', jinan),
      },
      {
        username: 'talent',
        role: 'talent',
        displayName: people[talentIdx]!.name,
        scope: '本人',
        personId: personIds[talentIdx]!,
        cityCode: people[talentIdx]!.cityCode!,
      },
      { username: 'sysadmin', role: 'system_admin', displayName: '系统管理员', scope: '账号与运维' },
      { username: 'secadmin', role: 'security_admin', displayName: '安全管理员', scope: '角色与安全策略' },
      { username: 'auditor', role: 'audit_admin', displayName: '安全审计员', scope: '审计日志' },
    ];
    const hash = await s.auth.hashPassword(DEMO_PASSWORD);
    await s.users.insertSeedAccounts(
      actor,
      plan.map((p) => ({
        username: p.username,
        displayName: p.displayName,
        passwordHash: hash,
        roles: [p.role],
        origin: p.orgId || p.personId ? ('self' as const) : ('admin' as const),
        orgId: p.orgId ?? null,
        isOrgAdmin: !!p.orgId,
        cityCode: p.cityCode ?? (p.orgId ? orgs[orgIds.indexOf(p.orgId)]!.cityCode : null),
        personId: p.personId ?? null,
      })),
    );
    for (const p of plan) {
      const scope = p.scope || (p.orgId ? orgs[orgIds.indexOf(p.orgId)]!.name : '');
      accounts.push({ username: p.username, role: p.role, displayName: p.displayName, scope });
    }
    // Training (issue 6): a class of the demo provider with the demo talent and five others of 济南 enrolled.
    const others = people.filter((p, i) => i !== talentIdx && p.cityCode === jinan).slice(0, 5);
    await seedTrainingDemo(s, {
      providerOrgId: firstOf('training', jinan),
      providerCityCode: jinan,
      enrolees: [people[talentIdx]!, ...others].map((p) => ({ idNumber: p.idNumber, name: p.name })),
    });
    // Subsidies (issue 6): demo policy values (公示 0 days) and 2026 budgets of every city.
    await seedSubsidyDemo(s);
  }
  // The matching zone: demands of the enterprises (the demo enterprise's among them), intentions of talents.
  const matching = await seedMatchingDemo(db, s, actor, {
    rng,
    positions: size.positions,
    intentionShare: size.intentionShare,
    orgs: orgs.map((o, i) => ({
      id: orgIds[i]!,
      kind: o.kind,
      cityCode: o.cityCode,
      industryChains: o.industryChains,
    })),
    persons: people.map((p, i) => ({ id: personIds[i]!, cityCode: p.cityCode! })),
    demoEnterpriseId: opts.withAccounts
      ? orgIds[orgs.findIndex((o) => o.kind === 'enterprise' && o.cityCode === '370100')]
      : undefined,
    demoTalentPersonId: demoTalent,
  });
  log(`matching: ${matching.demands} demands, ${matching.intentions} intentions`);
  // Fresh statistics and visibility map after a bulk load: the planner and index-only counts need them.
  await db.execute(
    sql`vacuum analyze person, person_city, employment, organisation, credential, demand, talent_intention`,
  );
  const sampleIdx = Array.from({ length: 50 }, (_, k) => Math.floor((k * people.length) / 50));
  return {
    accounts,
    persons: personIds.length,
    credentials: credentialCount,
    organisations: orgIds.length,
    sample: { idNumbers: sampleIdx.map((k) => people[k]!.idNumber), phones: sampleIdx.map((k) => people[k]!.phone!) },
  };
}

const DIGITAL_OCCUPATIONS = [
  '4-04-05-05',
  '4-04-04-02',
  '6-31-07-03',
  '6-31-07-01',
  '6-31-07-04',
  '4-04-05-01',
  '4-04-05-12',
  '4-04-05-14',
  '4-07-02-05',
  '2-06-07-13',
  '6-18-01-13',
];
const MANUFACTURING_OCCUPATIONS = ['6-18-01-07', '6-25-04-05'];
const ENGINEER_OCCUPATIONS = ['2-02-38-01', '2-02-38-02', '2-02-38-03', '2-02-38-04', '2-02-38-05', '2-02-38-06'];
const SKILL_LEVELS = [
  'JUNIOR',
  'JUNIOR',
  'INTERMEDIATE',
  'INTERMEDIATE',
  'SENIOR',
  'SENIOR',
  'TECHNICIAN',
  'SENIOR_TECHNICIAN',
];
const PT_LEVELS = ['PT_JUNIOR', 'PT_JUNIOR', 'PT_INTERMEDIATE', 'PT_SENIOR'];

/**
 * Credentials for the demo persons (about 3.3 a person: ~66,000 at small scale, ~1,000,000 at
 * province scale): skill certificates in digital and manufacturing occupations, digital training
 * completions, 数字技术工程师, solution designers, leader designations, a few revoked or expired —
 * dated from 2015 to 2026 so that yearly and cumulative figures both have something to count.
 */
async function seedCredentials(
  db: Db,
  s: AppServices,
  actor: ReturnType<typeof systemActor>,
  rng: Rng,
  w: {
    people: { cityCode?: string | null }[];
    personIds: string[];
    orgs: { kind: string; cityCode: string; name: string }[];
    orgIds: string[];
  },
): Promise<number> {
  const byCity = (kind: string) => {
    const m = new Map<string, { id: string; name: string }[]>();
    w.orgs.forEach((o, i) => {
      if (o.kind !== kind) return;
      const list = m.get(o.cityCode) ?? [];
      list.push({ id: w.orgIds[i]!, name: o.name });
      m.set(o.cityCode, list);
    });
    return m;
  };
  const evaluators = byCity('evaluation');
  const trainers = byCity('training');
  const day = () =>
    `${rng.int(2015, 2026)}-${String(rng.int(1, 10)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  let serial = 0;
  const number = (prefix: string) => `${prefix}${String(++serial).padStart(9, '0')}`;
  type Row = Parameters<AppServices['credentials']['bulkInsert']>[2][number];
  const rows: Row[] = [];
  w.personIds.forEach((personId, i) => {
    const city = w.people[i]!.cityCode!;
    const evaluator = rng.pick(evaluators.get(city)!);
    const trainer = rng.pick(trainers.get(city)!);
    const skill = (occupationCode: string): Row => {
      const issuedOn = day();
      const revoked = rng.chance(0.005);
      return {
        personId,
        kind: 'skill_cert',
        number: number('S'),
        issuerOrgId: evaluator.id,
        issuerName: evaluator.name,
        occupationCode,
        levelCode: rng.pick(SKILL_LEVELS),
        issuedOn,
        revokedOn: revoked ? '2026-06-01' : null,
        revokeReason: revoked ? '证书信息核查不实' : null,
      };
    };
    const digital = rng.chance(0.55);
    if (digital) {
      rows.push(skill(rng.pick(DIGITAL_OCCUPATIONS)));
      if (rng.chance(0.5)) rows.push(skill(rng.pick(DIGITAL_OCCUPATIONS)));
    }
    if (rng.chance(0.45)) rows.push(skill(rng.pick(MANUFACTURING_OCCUPATIONS)));
    if (rng.chance(0.3)) rows.push(skill(rng.pick(MANUFACTURING_OCCUPATIONS)));
    const trainings = rng.int(0, 3);
    for (let k = 0; k < trainings; k++)
      rows.push({
        personId,
        kind: 'training_completion',
        number: number('T'),
        issuerOrgId: trainer.id,
        issuerName: trainer.name,
        occupationCode: rng.chance(0.6) ? rng.pick(DIGITAL_OCCUPATIONS) : null,
        digital: rng.chance(0.7),
        issuedOn: day(),
        expiresOn: null,
      });
    if (rng.chance(0.025))
      rows.push({
        personId,
        kind: 'digital_engineer',
        number: number('E'),
        issuerName: '人力资源和社会保障部',
        occupationCode: rng.pick(ENGINEER_OCCUPATIONS),
        levelCode: rng.pick(PT_LEVELS),
        issuedOn: `${rng.int(2022, 2026)}-0${rng.int(1, 9)}-15`,
      });
    if (rng.chance(0.02)) rows.push(skill('4-04-04-05'));
    if (digital && rng.chance(0.035))
      rows.push({
        personId,
        kind: 'designation',
        number: number('L'),
        issuerName: '山东省人力资源和社会保障厅',
        field: 'LEADER',
        issuedOn: `${rng.int(2020, 2026)}-09-01`,
      });
  });
  const r = await db.transaction((tx) => s.credentials.bulkInsert(tx, actor, rows));
  return r.inserted;
}
