import { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, assertReach, reaches } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { SettingDef, SettingsService } from '../../kernel/settings/settings.service.js';
import { maskPhone, type PiiCrypto } from '../../kernel/crypto/pii.js';
import { shanghaiDate } from '../../kernel/time.js';
import { permissionsOf, type Role } from '../../../contracts/roles.js';
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_TRANSITIONS,
  CONTACT_STATUSES,
  DEMAND_EDITABLE,
  DEMAND_STATUS_LABELS,
  DEMAND_TRANSITIONS,
  MATCH_GATE_KEYS,
  MATCH_PART_KEYS,
  MATCH_PART_LABELS,
  MATCH_POLICY_SETTING_KEY,
  MatchingPolicy,
  T5_POOL_LABELS,
  type Application,
  type ApplicationAction,
  type ApplicationActionInput,
  type ApplicationSide,
  type ApplicationStatus,
  type CreateDemand,
  type Demand,
  type DemandListQuery,
  type DemandStatusInput,
  type Intention,
  type IntentionInput,
  type MatchingPolicyView,
  type PlacementFit,
  type TalentProfile,
  type UpdateDemand,
} from '../../../contracts/matching.js';
import type { RegistryService } from '../registry/registry.service.js';
import { DEFAULT_MATCH_POLICY, PART_KEYS, validatePolicy, type MatchExplanation, type MatchPolicy } from './score.js';
import { qualLevel, qualOcc, qualVerified, skillOf, skillVerified, type DemandRecord } from './vocab.js';
import type { MatchIndex } from './index.js';
import * as repo from './matching.repo.js';
import * as reg from '../registry/registry.matching.js';
import { demandRecord, type MatchingStore } from './matching.store.js';

/** The policy setting: the score core's checks (validatePolicy) run when the province admin saves it. */
export const MATCH_POLICY_DEFAULTS: MatchingPolicy = {
  weights: { ...DEFAULT_MATCH_POLICY.weights },
  occupation: { ...DEFAULT_MATCH_POLICY.occupation },
  levelOneBelow: DEFAULT_MATCH_POLICY.levelOneBelow,
  cityWillingToMove: DEFAULT_MATCH_POLICY.cityWillingToMove,
  threshold: DEFAULT_MATCH_POLICY.threshold,
  gates: [...DEFAULT_MATCH_POLICY.gates],
  t5: { pool: 'open_to_work', ownEmployees: true },
};

export const MATCH_POLICY_SETTING: SettingDef<MatchingPolicy> = {
  key: MATCH_POLICY_SETTING_KEY,
  title: '人才供需匹配规则（各项分值、匹配阈值、必要条件、适配度计入范围）',
  schema: MatchingPolicy.superRefine((p, ctx) => {
    for (const message of validatePolicy(p)) ctx.addIssue({ code: 'custom', message });
  }) as unknown as z.ZodType<MatchingPolicy>,
  defaults: MATCH_POLICY_DEFAULTS,
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const maskName = (name: string) => ([...name][0] ?? '') + '*';
const GATE_LABELS: Record<(typeof MATCH_GATE_KEYS)[number], string> = {
  occupation: '职业相关',
  level: '达到最低等级',
  required_skills: '具备全部必备技能',
  chain: '有该产业链经历',
  city: '同城或愿意到该城市工作',
};

/** A phone shown in full, masked (last four digits), or not at all. */
type PhoneView = 'full' | 'masked' | 'none';

export interface Lookups {
  occ: Map<string, string>;
  skill: Map<string, string>;
  chain: Map<string, string>;
  level: Map<string, string>;
  city: Map<string, string>;
}

export function createMatchingService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'list' | 'cities'>;
  settings: Pick<SettingsService, 'define' | 'get'>;
  registry: Pick<RegistryService, 'refreshCategories'>;
  crypto: Pick<PiiCrypto, 'decrypt'>;
  store: MatchingStore;
}) {
  const { db, clock, store } = deps;
  const policyDef = deps.settings.define(MATCH_POLICY_SETTING);
  const today = () => shanghaiDate(clock());

  async function lookups(): Promise<Lookups> {
    const [occ, skill, chain, level, cities] = await Promise.all([
      deps.reference.list('occupation'),
      deps.reference.list('skill'),
      deps.reference.list('industry_chain'),
      deps.reference.list('skill_level'),
      deps.reference.cities(),
    ]);
    const m = (xs: { code: string; name: string }[]) => new Map(xs.map((x) => [x.code, x.name]));
    return {
      occ: m(occ),
      skill: m(skill),
      chain: m(chain),
      level: m(level),
      city: new Map([...cities.values()].map((c) => [c.code, c.name])),
    };
  }

  function demandDto(d: repo.DemandRow, L: Lookups): Demand {
    const named = (codes: string[]) => codes.map((code) => ({ code, name: L.skill.get(code) ?? code }));
    return {
      id: d.id,
      orgId: d.orgId,
      orgName: d.orgName,
      title: d.title,
      occupationCode: d.occupationCode,
      occupationName: L.occ.get(d.occupationCode) ?? null,
      minLevel: d.minLevel,
      minLevelName: d.minLevel ? (L.level.get(d.minLevel) ?? d.minLevel) : null,
      requiredSkills: named(d.requiredSkills),
      preferredSkills: named(d.preferredSkills),
      chain: d.chain,
      chainName: d.chain ? (L.chain.get(d.chain) ?? d.chain) : null,
      cityCode: d.cityCode,
      cityName: L.city.get(d.cityCode) ?? d.cityCode,
      headcount: d.headcount,
      hired: d.hired,
      salaryMin: d.salaryMin,
      salaryMax: d.salaryMax,
      deadline: d.deadline,
      digitalPost: d.digitalPost,
      description: d.description,
      status: d.status,
      statusLabel: DEMAND_STATUS_LABELS[d.status],
      editable: DEMAND_EDITABLE.includes(d.status),
      openedAt: iso(d.openedAt),
      endedAt: iso(d.endedAt),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    };
  }

  const demandAudit = (d: repo.DemandDb) => ({
    title: d.title,
    occupationCode: d.occupationCode,
    minLevel: d.minLevel,
    requiredSkills: d.requiredSkills,
    preferredSkills: d.preferredSkills,
    chain: d.chain,
    cityCode: d.cityCode,
    headcount: d.headcount,
    hired: d.hired,
    salaryMin: d.salaryMin,
    salaryMax: d.salaryMax,
    deadline: d.deadline,
    digitalPost: d.digitalPost,
    status: d.status,
  });

  /** Reference checks of a demand's codes; Chinese messages. */
  function checkDemandCodes(
    L: Lookups,
    d: {
      occupationCode?: string;
      minLevel?: string | null;
      requiredSkills?: string[];
      preferredSkills?: string[];
      chain?: string | null;
      cityCode?: string;
    },
  ) {
    if (d.occupationCode !== undefined && !L.occ.has(d.occupationCode))
      throw invalid(`职业代码 ${d.occupationCode} 不在职业目录中`);
    if (d.minLevel && !L.level.has(d.minLevel)) throw invalid(`最低等级 ${d.minLevel} 不在等级目录中`);
    for (const s of [...(d.requiredSkills ?? []), ...(d.preferredSkills ?? [])])
      if (!L.skill.has(s)) throw invalid(`技能 ${s} 不在技能目录中`);
    if (d.chain && !L.chain.has(d.chain)) throw invalid(`产业链 ${d.chain} 不在产业链目录中`);
    if (d.cityCode !== undefined && !L.city.has(d.cityCode)) throw invalid(`城市代码 ${d.cityCode} 不存在`);
  }

  /** A demand in the actor's reach (province; city admin its city; enterprise its own), else 404. */
  async function reachDemand(actor: Actor, id: string, tx: DbOrTx = db, lock = false) {
    const d = await repo.getDemand(tx, id, lock);
    assertReach(actor, d ? { cityCode: d.cityCode, orgId: d.orgId } : null, '需求');
    return d!;
  }

  function ownDemand(actor: Actor, d: repo.DemandRow) {
    if (!actor.orgId || d.orgId !== actor.orgId || !actor.roles.includes('enterprise'))
      throw forbidden('只有发布需求的企业可以修改该需求');
  }

  async function corePolicy(tx: DbOrTx = db): Promise<MatchPolicy & { t5: MatchingPolicy['t5'] }> {
    return deps.settings.get(policyDef, tx);
  }

  function missingLabel(key: string, L: Lookups) {
    if (key.startsWith('required_skill:')) {
      const code = key.slice('required_skill:'.length);
      return { key, label: `必备技能：${L.skill.get(code) ?? code}` };
    }
    const labels: Record<string, string> = {
      occupation: '职业不符',
      level: '技能等级未达到最低要求',
      chain: '无该产业链经历',
      city: '不在该城市且无到该城市工作的意向',
    };
    return { key, label: labels[key] ?? key };
  }

  function scoreDto(e: MatchExplanation, L: Lookups) {
    return {
      score: e.total,
      max: e.max,
      threshold: e.threshold,
      eligible: e.eligible,
      qualifies: e.qualifies,
      parts: e.parts.map((p) => ({ ...p })),
      missing: e.missing.map((k) => missingLabel(k, L)),
    };
  }

  function sideOf(actor: Actor, a: { orgId: string; personId: string }): ApplicationSide | null {
    if (actor.roles.includes('enterprise') && actor.orgId && actor.orgId === a.orgId) return 'enterprise';
    if (actor.roles.includes('talent') && actor.personId && actor.personId === a.personId) return 'talent';
    return null;
  }

  function actionsFor(actor: Actor, a: { orgId: string; personId: string; status: ApplicationStatus }) {
    const side = sideOf(actor, a);
    if (!side || !permissionsOf(actor.roles as Role[]).has('application.manage')) return [];
    return [
      ...new Set(
        APPLICATION_TRANSITIONS.filter((t) => t.by === side && t.from.includes(a.status)).map((t) => t.action),
      ),
    ];
  }

  const contactOpen = (a: repo.ApplicationDb | undefined) =>
    !!a && !!a.contactAcceptedAt && CONTACT_STATUSES.includes(a.status);

  function profileOf(
    ix: MatchIndex,
    personId: string,
    brief: reg.PersonBrief | undefined,
    L: Lookups,
    o: { unmasked: boolean; ownEmployee: boolean; phone: PhoneView },
  ): TalentProfile {
    const t = ix.getTalent(personId);
    const v = ix.vocab;
    const name = brief?.name ?? '';
    return {
      personId,
      name: o.unmasked ? name : maskName(name),
      masked: !o.unmasked,
      phone:
        o.phone === 'full' && brief?.phoneEnc
          ? deps.crypto.decrypt(brief.phoneEnc)
          : o.phone === 'masked'
            ? maskPhone(brief?.phoneTail ?? null)
            : null,
      gender: brief?.gender ?? null,
      birthYear: brief?.birthYear ?? null,
      cityCode: brief?.cityCode ?? String(t?.city ?? ''),
      cityName: L.city.get(brief?.cityCode ?? String(t?.city ?? '')) ?? null,
      openToWork: store.side(personId)?.openToWork ?? false,
      qualifications: (t?.quals ?? []).map((q) => {
        const code = v.occupationCode(qualOcc(q));
        const level = v.levelCode(qualLevel(q));
        return {
          occupationCode: code,
          occupationName: L.occ.get(code) ?? null,
          levelCode: level,
          levelName: level ? (L.level.get(level) ?? v.levelName(qualLevel(q))) : null,
          verified: qualVerified(q),
        };
      }),
      skills: (t?.skills ?? []).map((s) => {
        const code = v.skillCode(skillOf(s));
        return { code, name: L.skill.get(code) ?? code, verified: skillVerified(s) };
      }),
      chains: (t?.chains ?? []).map((c) => v.chainCode(c)),
      ownEmployee: o.ownEmployee,
    };
  }

  /**
   * How the viewer sees a talent's phone on an application: the talent their own in full; the
   * demand's enterprise in full only once contact is open (each such view audited); admins masked.
   */
  function phoneView(actor: Actor, a: repo.ApplicationDb | undefined, personId: string): PhoneView {
    if (actor.personId === personId) return 'full';
    if (actor.roles.includes('enterprise')) return a && actor.orgId === a.orgId && contactOpen(a) ? 'full' : 'none';
    return 'masked';
  }

  /** Audits each full-phone view of the enterprise side, one entry per demand (as the candidates list does). */
  async function auditContactViews(actor: Actor, rows: repo.ApplicationDb[]) {
    const byDemand = new Map<string, string[]>();
    for (const a of rows)
      if (actor.personId !== a.personId && phoneView(actor, a, a.personId) === 'full')
        byDemand.set(a.demandId, [...(byDemand.get(a.demandId) ?? []), a.personId]);
    for (const [demandId, personIds] of byDemand)
      await audit(db, actor, {
        action: 'matching.contact_view',
        entity: 'demand',
        entityId: demandId,
        after: { personIds: [...new Set(personIds)] },
      });
  }

  function brief(a: repo.ApplicationDb, actor: Actor) {
    return {
      id: a.id,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      actions: actionsFor(actor, a),
    };
  }

  async function applicationDtos(actor: Actor, rows: repo.ApplicationDb[]): Promise<Application[]> {
    if (rows.length === 0) return [];
    const [ix, L, demands, briefs] = await Promise.all([
      store.current(),
      lookups(),
      repo.demandsByIds(db, [...new Set(rows.map((r) => r.demandId))]),
      reg.personBriefs(db, [...new Set(rows.map((r) => r.personId))]),
    ]);
    for (const r of rows) if (!ix.getTalent(r.personId)) await store.ensureTalent(r.personId);
    await auditContactViews(actor, rows);
    const dmap = new Map(demands.map((d) => [d.id, demandDto(d, L)]));
    return rows.map((a) => {
      const talentSide = actor.personId === a.personId;
      return {
        id: a.id,
        demand: dmap.get(a.demandId)!,
        talent: profileOf(ix, a.personId, briefs.get(a.personId), L, {
          unmasked: talentSide || contactOpen(a) || !actor.roles.includes('enterprise'),
          ownEmployee: false,
          phone: phoneView(actor, a, a.personId),
        }),
        origin: a.origin,
        status: a.status,
        statusLabel: APPLICATION_STATUS_LABELS[a.status],
        actions: actionsFor(actor, a),
        scoreAtStart: a.scoreAtStart,
        message: a.message,
        note: a.note,
        contactAcceptedAt: iso(a.contactAcceptedAt),
        hiredAt: iso(a.hiredAt),
        employmentId: a.employmentId,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      };
    });
  }

  /** List scope of applications for admins and enterprises (never by person: talents use myApplications). */
  const scopeFilterOf = (actor: Actor) => ({ actor });

  /** The person behind a talent actor. */
  function talentOf(actor: Actor): string {
    if (!actor.personId) throw forbidden('只有人才本人可以操作');
    return actor.personId;
  }

  /** Talents that count for a demand under the policy (the candidate list and T5 use the same rule). */
  function counts(p: MatchingPolicy['t5'], personId: string, ownEmployees: Set<string>): boolean {
    return (
      p.pool === 'all' || store.side(personId)?.openToWork === true || (p.ownEmployees && ownEmployees.has(personId))
    );
  }

  async function explainNow(demandId: string, personId: string, p: MatchPolicy): Promise<MatchExplanation | null> {
    if (!(await store.ensureDemand(demandId)) || !(await store.ensureTalent(personId))) return null;
    return (await store.current()).explain(demandId, personId, p);
  }

  const service = {
    // ------------------------------------------------------------ for the T5 / events engineer

    /** The live index (current with every committed change). */
    index: (): Promise<MatchIndex> => store.current(),
    /** `fn` on the live index, held still until it is done (MatchingStore.withIndex). */
    withIndex: <T>(fn: (ix: MatchIndex) => Promise<T>): Promise<T> => store.withIndex(fn),
    /** The policy as the score core reads it, plus T5's pool rule. */
    policy: (tx?: DbOrTx) => corePolicy(tx),
    /** Demands open at the end of an Asia/Shanghai day, as records for a MatchIndex (capacity = headcount − hires). */
    async demandsOpenAt(asOf: string, cityCode?: string | null): Promise<(DemandRecord & { orgId: string })[]> {
      const rows = await repo.demandsOpenAt(db, asOf, cityCode);
      return rows.map((d) => ({ ...demandRecord(d), open: true, orgId: d.orgId }));
    },
    /** Who counts for T5 per the policy: open-to-work ids and each organisation's current employees. */
    async t5Pool(): Promise<{ all: boolean; openToWork: Set<string>; employeesOf: Map<string, Set<string>> | null }> {
      const p = (await corePolicy()).t5;
      await store.current();
      const employeesOf = p.ownEmployees ? new Map<string, Set<string>>() : null;
      if (employeesOf)
        for (const e of await reg.currentEmployments(db)) {
          const s = employeesOf.get(e.orgId) ?? new Set<string>();
          s.add(e.personId);
          employeesOf.set(e.orgId, s);
        }
      return { all: p.pool === 'all', openToWork: store.openToWork(), employeesOf };
    },
    /** After a registry change the index cannot see (employment, city move, merge): reload these persons everywhere. */
    refreshTalents: (ids: string[], tx?: DbOrTx) => store.refreshTalents(ids, tx),
    /** The daily prune of the index's change log (kept a day; see the store). */
    pruneChanges: () => store.pruneChanges(clock()),
    refreshTalent: (id: string, tx?: DbOrTx) => store.refreshTalents([id], tx),
    /** Every process rebuilds its index on next use (e.g. after the nightly category refresh). */
    invalidateIndex: (tx?: DbOrTx) => store.invalidateAll(tx),

    /** Realised placement fit: hires through the flow / positions of demands open during the year up to asOf. */
    async placementFit(asOf: string, cityCode: string | null = null): Promise<PlacementFit> {
      const r = await repo.placement(db, `${asOf.slice(0, 4)}-01-01`, asOf, cityCode);
      return {
        asOf,
        cityCode,
        positions: r.positions,
        hires: r.hires,
        share: r.positions > 0 ? Math.round((r.hires / r.positions) * 10_000) / 10_000 : null,
      };
    },

    /**
     * Bulk load for the demo generator (rows already valid): demands and intentions in the
     * caller's transaction, audited once; every process rebuilds its index on next use.
     */
    async bulkLoad(
      tx: DbOrTx,
      actor: Actor,
      data: { demands: repo.DemandInsert[]; intentions: Parameters<typeof repo.upsertIntention>[1][] },
    ): Promise<{ demands: number; intentions: number }> {
      await repo.bulkInsert(tx, data.demands, data.intentions);
      await store.invalidateAll(tx);
      await audit(tx, actor, {
        action: 'matching.bulk_load',
        entity: 'demand',
        after: { demands: data.demands.length, intentions: data.intentions.length },
      });
      return { demands: data.demands.length, intentions: data.intentions.length };
    },

    /** The demand import's commit (inside the import's transaction): drafts of the actor's organisation, idempotent. */
    async commitImport(
      tx: DbOrTx,
      actor: Actor,
      rows: (CreateDemand & { cityCode: string })[],
    ): Promise<Record<string, number>> {
      if (!actor.orgId) throw forbidden('只有企业账号可以导入用工需求');
      const home = await orgCity(tx, actor.orgId);
      const existing = await repo.sameDemandKeys(tx, actor.orgId);
      const ids: string[] = [];
      let skipped = 0;
      const now = clock();
      for (const r of rows) {
        const cityCode = r.cityCode || home;
        const key = repo.demandKey(r.title, r.occupationCode, cityCode);
        if (existing.has(key)) {
          skipped++;
          continue;
        }
        existing.add(key);
        const d = await repo.insertDemand(tx, {
          ...r,
          orgId: actor.orgId,
          cityCode,
          minLevel: r.minLevel ?? null,
          chain: r.chain ?? null,
          salaryMin: r.salaryMin ?? null,
          salaryMax: r.salaryMax ?? null,
          deadline: r.deadline ?? null,
          description: r.description ?? null,
          status: 'draft',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        ids.push(d.id);
      }
      await audit(tx, actor, {
        action: 'demand.import',
        entity: 'demand',
        after: { created: ids.length, skipped, ids },
      });
      await store.refreshDemands(ids, tx);
      return { created: ids.length, skipped };
    },

    // ------------------------------------------------------------ policy

    async getPolicy(actor: Actor): Promise<z.infer<typeof MatchingPolicyView>> {
      const perms = permissionsOf(actor.roles as Role[]);
      if (!perms.has('demand.read') && !perms.has('fit.read')) throw forbidden();
      const p = await corePolicy();
      return {
        policy: { ...p, gates: [...p.gates] },
        parts: MATCH_PART_KEYS.map((key) => ({ key, label: MATCH_PART_LABELS[key], max: p.weights[key] })),
        gates: p.gates.map((key) => ({ key, label: GATE_LABELS[key] })),
        threshold: p.threshold,
        t5Label:
          `T5 计入：${T5_POOL_LABELS[p.t5.pool]}` +
          (p.t5.ownEmployees ? '；另计企业本单位在职员工（仅限本单位需求）' : ''),
        settingKey: MATCH_POLICY_SETTING_KEY,
      };
    },

    // ------------------------------------------------------------ demands

    async listDemands(actor: Actor, q: z.infer<typeof DemandListQuery>) {
      assertPermission(actor, 'demand.read');
      const [{ items, total }, L] = await Promise.all([
        repo.listDemands(db, actor, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        lookups(),
      ]);
      return { items: items.map((d) => demandDto(d, L)), total };
    },

    async getDemand(actor: Actor, id: string): Promise<Demand> {
      assertPermission(actor, 'demand.read');
      return demandDto(await reachDemand(actor, id), await lookups());
    },

    /** An enterprise drafts a demand (city defaults to the enterprise's city). */
    async createDemand(actor: Actor, input: CreateDemand, tx0?: DbOrTx): Promise<Demand> {
      assertPermission(actor, 'demand.manage');
      if (!actor.orgId || !actor.roles.includes('enterprise')) throw forbidden('只有企业账号可以发布需求');
      const L = await lookups();
      const run = async (tx: DbOrTx) => {
        const cityCode = input.cityCode ?? (await orgCity(tx, actor.orgId!));
        checkDemandCodes(L, { ...input, cityCode });
        const now = clock();
        const d = await repo.insertDemand(tx, {
          orgId: actor.orgId!,
          title: input.title,
          occupationCode: input.occupationCode,
          minLevel: input.minLevel ?? null,
          requiredSkills: [...new Set(input.requiredSkills)],
          preferredSkills: [...new Set(input.preferredSkills)].filter((s) => !input.requiredSkills.includes(s)),
          chain: input.chain ?? null,
          cityCode,
          headcount: input.headcount,
          salaryMin: input.salaryMin ?? null,
          salaryMax: input.salaryMax ?? null,
          deadline: input.deadline ?? null,
          digitalPost: input.digitalPost,
          description: input.description ?? null,
          status: 'draft',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await audit(tx, actor, { action: 'demand.create', entity: 'demand', entityId: d.id, after: demandAudit(d) });
        await store.refreshDemands([d.id], tx);
        return demandDto((await repo.getDemand(tx, d.id))!, L);
      };
      return tx0 ? run(tx0) : db.transaction(run);
    },

    async updateDemand(actor: Actor, id: string, patch: UpdateDemand): Promise<Demand> {
      assertPermission(actor, 'demand.manage');
      const L = await lookups();
      checkDemandCodes(L, patch);
      return db.transaction(async (tx) => {
        const before = await reachDemand(actor, id, tx, true);
        ownDemand(actor, before);
        if (!DEMAND_EDITABLE.includes(before.status))
          throw new AppError('INVALID_TRANSITION', `需求${DEMAND_STATUS_LABELS[before.status]}，不能再修改`, {
            status: before.status,
          });
        const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
        if (next.salaryMin != null && next.salaryMax != null && next.salaryMin > next.salaryMax)
          throw invalid('最低薪资不能高于最高薪资');
        if (next.headcount < before.hired) throw invalid(`招聘人数不能少于已录用人数（${before.hired}）`);
        const required = patch.requiredSkills ?? before.requiredSkills;
        const after = await repo.moveDemand(tx, id, DEMAND_EDITABLE, {
          title: next.title,
          occupationCode: next.occupationCode,
          minLevel: next.minLevel ?? null,
          requiredSkills: [...new Set(required)],
          preferredSkills: [...new Set(patch.preferredSkills ?? before.preferredSkills)].filter(
            (s) => !required.includes(s),
          ),
          chain: next.chain ?? null,
          cityCode: next.cityCode,
          headcount: next.headcount,
          salaryMin: next.salaryMin ?? null,
          salaryMax: next.salaryMax ?? null,
          deadline: next.deadline ?? null,
          digitalPost: next.digitalPost,
          description: next.description ?? null,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('INVALID_TRANSITION', '需求状态已变化，请刷新后重试');
        await audit(tx, actor, {
          action: 'demand.update',
          entity: 'demand',
          entityId: id,
          before: demandAudit(before),
          after: demandAudit(after),
        });
        await store.refreshDemands([id], tx);
        return demandDto({ ...after, orgName: before.orgName }, L);
      });
    },

    /** open | filled | closed, along DEMAND_TRANSITIONS, re-checked in the transaction. */
    async setDemandStatus(actor: Actor, id: string, input: z.infer<typeof DemandStatusInput>): Promise<Demand> {
      assertPermission(actor, 'demand.manage');
      const L = await lookups();
      return db.transaction(async (tx) => {
        const before = await reachDemand(actor, id, tx, true);
        ownDemand(actor, before);
        const from = DEMAND_TRANSITIONS[input.status];
        if (!from.includes(before.status))
          throw new AppError(
            'INVALID_TRANSITION',
            before.status === input.status
              ? `需求已是「${DEMAND_STATUS_LABELS[before.status]}」状态`
              : `需求当前为「${DEMAND_STATUS_LABELS[before.status]}」，不能改为「${DEMAND_STATUS_LABELS[input.status]}」`,
            { status: before.status },
          );
        if (input.status === 'open' && before.deadline && before.deadline < today())
          throw invalid('截止日期已过，请先修改截止日期再发布');
        const now = clock();
        const after = await repo.moveDemand(tx, id, from, {
          status: input.status,
          ...(input.status === 'open' ? { openedAt: now } : { endedAt: before.openedAt ? now : null }),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('INVALID_TRANSITION', '需求状态已变化，请刷新后重试');
        await audit(tx, actor, {
          action: `demand.${input.status}`,
          entity: 'demand',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status },
        });
        await store.refreshDemands([id], tx);
        return demandDto({ ...after, orgName: before.orgName }, L);
      });
    },

    // ------------------------------------------------------------ intentions

    async getIntention(actor: Actor): Promise<Intention> {
      assertPermission(actor, 'intention.manage');
      const personId = talentOf(actor);
      const [i, briefs, L] = await Promise.all([
        repo.getIntention(db, personId),
        reg.personBriefs(db, [personId]),
        lookups(),
      ]);
      const home = briefs.get(personId)?.cityCode ?? actor.cityCode ?? '';
      return intentionDto(personId, home, i, L);
    },

    async putIntention(actor: Actor, input: IntentionInput): Promise<Intention> {
      assertPermission(actor, 'intention.manage');
      const personId = talentOf(actor);
      const L = await lookups();
      for (const c of input.cities) if (!L.city.has(c)) throw invalid(`城市代码 ${c} 不存在`);
      for (const c of input.chains) if (!L.chain.has(c)) throw invalid(`产业链 ${c} 不在产业链目录中`);
      for (const s of input.skills) if (!L.skill.has(s)) throw invalid(`技能 ${s} 不在技能目录中`);
      return db.transaction(async (tx) => {
        const briefs = await reg.personBriefs(tx, [personId]);
        const home = briefs.get(personId)?.cityCode;
        if (!home) throw notFound('人员');
        const before = await repo.getIntention(tx, personId);
        const after = await repo.upsertIntention(tx, {
          personId,
          openToWork: input.openToWork,
          cities: [...new Set(input.cities)].filter((c) => c !== home),
          anyCity: input.anyCity,
          chains: [...new Set(input.chains)],
          salaryMin: input.salaryMin ?? null,
          availableFrom: input.availableFrom ?? null,
          skills: [...new Set(input.skills)],
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        const strip = (x: repo.IntentionDb | undefined) => x && { ...x, updatedAt: undefined, updatedBy: undefined };
        await audit(tx, actor, {
          action: 'intention.save',
          entity: 'talent_intention',
          entityId: personId,
          before: strip(before) ?? null,
          after: strip(after),
        });
        await store.refreshTalents([personId], tx);
        return intentionDto(personId, home, after, L);
      });
    },

    // ------------------------------------------------------------ candidates and recommendations

    /** The best talents for a demand (counted per the policy's pool), explained; masked until contact is accepted. */
    async candidates(actor: Actor, demandId: string, limit: number) {
      assertPermission(actor, 'match.read');
      const d = await reachDemand(actor, demandId);
      if (d.status === 'draft') throw new AppError('INVALID_TRANSITION', '需求发布后才能查看推荐人才');
      const [p, L] = await Promise.all([corePolicy(), lookups()]);
      if (d.status !== 'open' || !(await store.ensureDemand(d.id)))
        return { demandId: d.id, threshold: p.threshold, items: [] };
      const ix = await store.current();
      const employees = new Set(
        (await reg.currentEmployments(db)).filter((e) => e.orgId === d.orgId).map((e) => e.personId),
      );
      // The index ranks everyone; the pool filter may drop some, so widen until enough remain.
      let k = limit;
      let ranked: { id: string; score: number }[] = [];
      for (;;) {
        const top = ix.topTalents(d.id, k, p);
        ranked = top.filter((r) => counts(p.t5, r.id, employees));
        if (ranked.length >= limit || top.length < k || k >= 20_000) break;
        k *= 4;
      }
      ranked = ranked.slice(0, limit);
      const ids = ranked.map((r) => r.id);
      const [apps, briefs] = await Promise.all([repo.applicationsOfDemand(db, d.id, ids), reg.personBriefs(db, ids)]);
      const appOf = new Map(apps.map((a) => [a.personId, a]));
      const unmasked = ids.filter((id) => contactOpen(appOf.get(id)));
      if (unmasked.length)
        await audit(db, actor, {
          action: 'matching.contact_view',
          entity: 'demand',
          entityId: d.id,
          after: { personIds: unmasked },
        });
      return {
        demandId: d.id,
        threshold: p.threshold,
        items: ranked.map((r, i) => {
          const a = appOf.get(r.id);
          return {
            rank: i + 1,
            ...scoreDto(ix.explain(d.id, r.id, p), L),
            profile: profileOf(ix, r.id, briefs.get(r.id), L, {
              unmasked: contactOpen(a),
              ownEmployee: employees.has(r.id),
              phone: contactOpen(a) ? phoneView(actor, a, r.id) : 'none',
            }),
            application: a ? brief(a, actor) : null,
          };
        }),
      };
    },

    /** The talent's best open demands, explained. */
    async recommendations(actor: Actor, limit: number) {
      assertPermission(actor, 'intention.manage');
      const personId = talentOf(actor);
      const [p, L] = await Promise.all([corePolicy(), lookups()]);
      if (!(await store.ensureTalent(personId))) return { threshold: p.threshold, items: [] };
      const ix = await store.current();
      const top = ix.topDemands(personId, limit, p);
      const [demands, apps] = await Promise.all([
        repo.demandsByIds(
          db,
          top.map((r) => r.id),
        ),
        repo.applicationsOfPerson(
          db,
          personId,
          top.map((r) => r.id),
        ),
      ]);
      const dmap = new Map(demands.map((d) => [d.id, d]));
      const appOf = new Map(apps.map((a) => [a.demandId, a]));
      return {
        threshold: p.threshold,
        items: top
          .filter((r) => dmap.get(r.id)?.status === 'open')
          .map((r, i) => {
            const a = appOf.get(r.id);
            return {
              rank: i + 1,
              ...scoreDto(ix.explain(r.id, personId, p), L),
              demand: demandDto(dmap.get(r.id)!, L),
              application: a ? brief(a, actor) : null,
            };
          }),
      };
    },

    // ------------------------------------------------------------ applications

    /** The enterprise invites a talent to its open demand. */
    async invite(actor: Actor, demandId: string, input: { personId: string; message?: string | null }) {
      assertPermission(actor, 'application.manage');
      const d = await reachDemand(actor, demandId);
      if (!actor.roles.includes('enterprise') || actor.orgId !== d.orgId)
        throw forbidden('只有发布需求的企业可以邀请人才');
      if (d.status !== 'open') throw new AppError('INVALID_TRANSITION', '需求不在招聘中，不能邀请人才');
      const p = await corePolicy();
      const e = await explainNow(d.id, input.personId, p);
      if (!e) throw notFound('人才');
      // Only talents of the policy's pool (open to work, or the enterprise's own employee) may be invited.
      const own = p.t5.ownEmployees && (await reg.isCurrentEmployee(db, d.orgId, input.personId));
      if (!counts(p.t5, input.personId, new Set(own ? [input.personId] : [])))
        throw new AppError('INVALID_TRANSITION', '该人才未开放求职意向，不能邀请（本单位在职员工除外）');
      const a = await db.transaction(async (tx) => {
        const row = await repo.insertApplication(tx, {
          demandId: d.id,
          personId: input.personId,
          orgId: d.orgId,
          cityCode: d.cityCode,
          origin: 'invited',
          status: 'invited',
          scoreAtStart: e.total,
          message: input.message ?? null,
          createdBy: actor.userId,
          createdAt: clock(),
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError('DUPLICATE', '该人才与此需求已有对接记录');
        await audit(tx, actor, {
          action: 'application.invite',
          entity: 'match_application',
          entityId: row.id,
          after: { demandId: d.id, personId: input.personId, score: e.total },
        });
        return row;
      });
      return (await applicationDtos(actor, [a]))[0]!;
    },

    /** A talent applies to an open demand (applying accepts contact for it). */
    async apply(actor: Actor, demandId: string, input: { message?: string | null }) {
      assertPermission(actor, 'application.manage');
      const personId = talentOf(actor);
      const d = await repo.getDemand(db, demandId);
      if (!d || d.status === 'draft') throw notFound('需求');
      if (d.status !== 'open')
        throw new AppError('INVALID_TRANSITION', `需求${DEMAND_STATUS_LABELS[d.status]}，不能投递`);
      const p = await corePolicy();
      const e = await explainNow(d.id, personId, p);
      const a = await db.transaction(async (tx) => {
        const now = clock();
        const row = await repo.insertApplication(tx, {
          demandId: d.id,
          personId,
          orgId: d.orgId,
          cityCode: d.cityCode,
          origin: 'applied',
          status: 'applied',
          scoreAtStart: e?.total ?? null,
          message: input.message ?? null,
          contactAcceptedAt: now,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError('DUPLICATE', '您与此需求已有对接记录');
        await audit(tx, actor, {
          action: 'application.apply',
          entity: 'match_application',
          entityId: row.id,
          after: { demandId: d.id, personId, score: e?.total ?? null },
        });
        return row;
      });
      return (await applicationDtos(actor, [a]))[0]!;
    },

    /** Applications in reach: province all, a city admin its city's demands', an enterprise its own demands'. */
    async listApplications(
      actor: Actor,
      q: { demandId?: string; status?: ApplicationStatus; page: number; pageSize: number },
    ) {
      assertPermission(actor, 'match.read');
      const { items, total } = await repo.listApplications(db, scopeFilterOf(actor), {
        ...q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: await applicationDtos(actor, items), total };
    },

    /** The talent's own applications. */
    async myApplications(
      actor: Actor,
      q: { demandId?: string; status?: ApplicationStatus; page: number; pageSize: number },
    ) {
      assertPermission(actor, 'intention.manage');
      const personId = talentOf(actor);
      const { items, total } = await repo.listApplications(
        db,
        { personId },
        { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: await applicationDtos(actor, items), total };
    },

    /** One step of the flow, along APPLICATION_TRANSITIONS; `hire` writes the employment in the same transaction. */
    async act(actor: Actor, id: string, action: ApplicationAction, input: z.infer<typeof ApplicationActionInput>) {
      assertPermission(actor, 'application.manage');
      const found = await repo.getApplication(db, id);
      if (!found || !reaches(actor, { cityCode: null, orgId: found.orgId, personId: found.personId }))
        throw notFound('对接记录');
      const side = sideOf(actor, found);
      if (!side) throw notFound('对接记录');
      const rule = APPLICATION_TRANSITIONS.find((t) => t.action === action && t.by === side);
      if (!rule)
        throw forbidden(side === 'talent' ? '该操作只能由企业进行' : '该操作只能由人才本人进行（企业不能代为操作）');
      const row = await db.transaction(async (tx) => {
        const before = (await repo.getApplication(tx, id, true))!;
        if (action === 'hire' && before.status === 'offered')
          throw new AppError('INVALID_TRANSITION', '人才尚未接受录用，不能确认录用', { status: before.status });
        if (!rule.from.includes(before.status))
          throw new AppError(
            'INVALID_TRANSITION',
            `对接记录当前为「${APPLICATION_STATUS_LABELS[before.status]}」，不能${actionLabel(action)}`,
            { status: before.status },
          );
        const now = clock();
        const patch: Partial<repo.ApplicationDb> = {
          status: rule.to,
          note: input.note ?? before.note,
          updatedAt: now,
          updatedBy: actor.userId,
        };
        if (action === 'accept') patch.contactAcceptedAt = now;
        if (action === 'hire') Object.assign(patch, await hire(tx, actor, before, input, now));
        const after = await repo.moveApplication(tx, id, rule.from, patch);
        if (!after) throw new AppError('INVALID_TRANSITION', '对接状态已变化，请刷新后重试');
        await audit(tx, actor, {
          action: `application.${action}`,
          entity: 'match_application',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status, note: after.note, employmentId: after.employmentId },
        });
        return after;
      });
      return (await applicationDtos(actor, [row]))[0]!;
    },
  };

  /** The hire: employment in the registry, the demand's count (filled at headcount), all in the caller's transaction. */
  async function hire(
    tx: DbOrTx,
    actor: Actor,
    a: repo.ApplicationDb,
    input: z.infer<typeof ApplicationActionInput>,
    now: Date,
  ): Promise<Partial<repo.ApplicationDb>> {
    const d = (await repo.getDemand(tx, a.demandId, true))!;
    if (d.status !== 'open')
      throw new AppError('INVALID_TRANSITION', `需求${DEMAND_STATUS_LABELS[d.status]}，不能再录用`);
    if (d.hired >= d.headcount) throw new AppError('INVALID_TRANSITION', '需求已招满');
    const fromDate = input.fromDate ?? today();
    if (fromDate > today()) throw invalid('入职日期不能晚于今天');
    if (fromDate < shanghaiDate(a.createdAt)) throw invalid('入职日期不能早于对接记录的创建日期');
    if (await reg.isCurrentEmployee(tx, d.orgId, a.personId))
      throw new AppError('DUPLICATE', '该人员已是本单位在职员工');
    const e = await reg.insertHireEmployment(tx, {
      personId: a.personId,
      orgId: d.orgId,
      post: input.post ?? d.title,
      isDigitalPost: d.digitalPost,
      occupationCode: d.occupationCode,
      fromDate,
    });
    await audit(tx, actor, {
      action: 'employment.add',
      entity: 'employment',
      entityId: e.id,
      after: { personId: a.personId, orgId: d.orgId, post: input.post ?? d.title, fromDate, via: 'matching.hire' },
    });
    await deps.registry.refreshCategories(tx, [a.personId]);
    const hired = d.hired + 1;
    const filled = hired >= d.headcount;
    await repo.updateDemand(tx, d.id, {
      hired,
      ...(filled ? { status: 'filled' as const, endedAt: now } : {}),
      updatedAt: now,
      updatedBy: actor.userId,
    });
    if (filled)
      await audit(tx, actor, {
        action: 'demand.filled',
        entity: 'demand',
        entityId: d.id,
        before: { status: 'open' },
        after: { status: 'filled', hired },
      });
    await store.refreshDemands([d.id], tx);
    await store.refreshTalents([a.personId], tx);
    return { hiredAt: now, employmentId: e.id };
  }

  function intentionDto(personId: string, home: string, i: repo.IntentionDb | undefined, L: Lookups): Intention {
    return {
      personId,
      saved: !!i,
      openToWork: i?.openToWork ?? false,
      homeCityCode: home,
      cities: i?.cities ?? [],
      anyCity: i?.anyCity ?? false,
      chains: i?.chains ?? [],
      salaryMin: i?.salaryMin ?? null,
      availableFrom: i?.availableFrom ?? null,
      skills: (i?.skills ?? []).map((code) => ({ code, name: L.skill.get(code) ?? code })),
      updatedAt: iso(i?.updatedAt),
    };
  }

  async function orgCity(tx: DbOrTx, orgId: string): Promise<string> {
    const c = await repo.orgCity(tx, orgId);
    if (!c) throw notFound('机构');
    return c;
  }

  return service;
}

const actionLabel = (a: ApplicationAction) =>
  ({
    accept: '接受联系',
    decline: '婉拒',
    interview: '安排面试',
    offer: '发录用通知',
    accept_offer: '接受录用',
    hire: '录用',
    reject: '不予录用',
    withdraw: '撤回',
  })[a];

/** The score core and the contract name the same parts. */
export const PARTS_AGREE = PART_KEYS.every((k, i) => MATCH_PART_KEYS[i] === k);

export type MatchingService = ReturnType<typeof createMatchingService>;
