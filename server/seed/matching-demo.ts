import type { Db } from '../kernel/db/types.js';
import type { Actor } from '../kernel/audit/audit.js';
import type { AppServices } from '../app.js';
import type { Rng } from './synthetic.js';

/** The occupations demands ask for: those the demo's certificates are issued in (demo.ts), so candidates exist. */
const DEMAND_OCCUPATIONS: [code: string, title: string, digital: boolean][] = [
  ['4-04-05-05', '人工智能训练师', true],
  ['4-04-04-02', '物联网安装调试员', true],
  ['6-31-07-03', '工业机器人系统运维员', true],
  ['6-31-07-01', '智能制造设备操作员', true],
  ['6-31-07-04', '工业视觉系统运维员', true],
  ['4-04-05-01', '数据分析处理员', true],
  ['4-04-05-12', '数字化解决方案实施员', true],
  ['2-02-38-01', '人工智能工程技术人员', true],
  ['2-02-38-03', '大数据工程技术人员', true],
  ['4-04-04-05', '数字化解决方案设计师', true],
  ['6-18-01-07', '多工序数控机床操作调整工', false],
];
const LEVELS = [null, 'JUNIOR', 'INTERMEDIATE', 'INTERMEDIATE', 'SENIOR', 'SENIOR', 'TECHNICIAN'];

export interface MatchingDemoInput {
  rng: Rng;
  /** Positions to open across the enterprises (headcounts sum to about this). */
  positions: number;
  /** Share of persons with an intention (open to work or not). */
  intentionShare: number;
  orgs: { id: string; kind: string; cityCode: string; industryChains: string[] }[];
  persons: { id: string; cityCode: string }[];
  /** The demo accounts: the `enterprise` organisation gets open demands, the `talent` person an intention. */
  demoEnterpriseId?: string;
  demoTalentPersonId?: string;
}

/**
 * Demands (用工需求) of the demo enterprises and talent intentions (求职意向), deterministic
 * (the caller's generator): the matching zone has something to show and the benchmark its
 * province-scale data (about 30,000 positions, intentions for most of 300,000 talents).
 */
export async function seedMatchingDemo(db: Db, s: AppServices, actor: Actor, o: MatchingDemoInput) {
  const { rng } = o;
  const skills = await s.reference.list('skill');
  const skillsOf = new Map<string, string[]>();
  for (const k of skills)
    for (const occ of Array.isArray(k.attrs.occupations) ? (k.attrs.occupations as string[]) : [])
      skillsOf.set(occ, [...(skillsOf.get(occ) ?? []), k.code]);
  const allSkills = skills.map((k) => k.code);
  const pickSome = (xs: string[], n: number) => {
    const out = new Set<string>();
    for (let i = 0; i < n * 3 && out.size < Math.min(n, xs.length); i++) out.add(rng.pick(xs));
    return [...out];
  };

  const enterprises = o.orgs.filter((x) => x.kind === 'enterprise');
  const now = new Date();
  const demands: Parameters<AppServices['matching']['bulkLoad']>[2]['demands'] = [];
  const add = (
    org: (typeof enterprises)[number],
    status: 'open' | 'draft',
    pick?: (typeof DEMAND_OCCUPATIONS)[number],
  ) => {
    const [occ, title, digital] = pick ?? rng.pick(DEMAND_OCCUPATIONS);
    const own = skillsOf.get(occ) ?? [];
    const headcount = rng.int(1, 8);
    const salaryMin = rng.int(4, 12) * 1000;
    demands.push({
      orgId: org.id,
      title,
      occupationCode: occ,
      minLevel: rng.pick(LEVELS),
      requiredSkills: pickSome(own.length ? own : allSkills, rng.int(0, 2)),
      preferredSkills: pickSome(allSkills, rng.int(0, 2)),
      chain: org.industryChains[0] ?? null,
      cityCode: org.cityCode,
      headcount,
      salaryMin,
      salaryMax: salaryMin + rng.int(1, 6) * 1000,
      deadline: `2027-0${rng.int(1, 9)}-${String(rng.int(10, 28))}`,
      digitalPost: digital,
      description: `${title}：负责相关岗位工作，要求具备相应职业技能等级证书。`,
      status,
      openedAt: status === 'open' ? now : null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      updatedBy: actor.userId,
    });
    return headcount;
  };

  // The demo enterprise: three open demands and a draft.
  const demoOrg = enterprises.find((x) => x.id === o.demoEnterpriseId);
  let positions = 0;
  if (demoOrg) {
    for (const k of [0, 5, 8]) positions += add(demoOrg, 'open', DEMAND_OCCUPATIONS[k]);
    add(demoOrg, 'draft', DEMAND_OCCUPATIONS[2]);
  }
  while (positions < o.positions && enterprises.length) {
    const org = rng.pick(enterprises);
    positions += add(org, rng.chance(0.92) ? 'open' : 'draft');
  }

  const cities = [...new Set(o.persons.map((p) => p.cityCode))];
  const chains = [...new Set(o.orgs.flatMap((x) => x.industryChains))];
  const intentions: Parameters<AppServices['matching']['bulkLoad']>[2]['intentions'] = [];
  for (const p of o.persons) {
    const demo = p.id === o.demoTalentPersonId;
    if (!demo && !rng.chance(o.intentionShare)) continue;
    intentions.push({
      personId: p.id,
      openToWork: demo || rng.chance(0.6),
      cities: rng.chance(0.3) ? pickSome(cities, rng.int(1, 3)).filter((c) => c !== p.cityCode) : [],
      anyCity: rng.chance(0.05),
      chains: rng.chance(0.5) && chains.length ? pickSome(chains, rng.int(1, 2)) : [],
      salaryMin: rng.int(4, 15) * 1000,
      availableFrom: null,
      skills: pickSome(allSkills, rng.int(0, 3)),
      updatedAt: now,
      updatedBy: actor.userId,
    });
  }
  return db.transaction((tx) => s.matching.bulkLoad(tx, actor, { demands, intentions }));
}
