/**
 * T5 企业需求与人才适配度 (docs/adr/0011-fit-indicator.md): the share of open demand positions
 * (headcount still open) that distinct eligible talents can fill one to one with a score ≥ the
 * policy threshold — an exact maximum assignment over the index's candidate edges, run in a
 * worker thread, its certificate (a vertex cover of the same weight) checked on every run.
 *
 * The province figure is one assignment over every open position; a city's figure is its own
 * assignment of its positions against all eligible talents (all 16 are solved at once as one
 * disjoint union, each city with its own copy of the talents it can use). Each run is stored
 * (`match_fit_run`, per city, per demand with unfilled positions and why); the indicator and
 * the reads only ever show stored runs.
 */
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import { shanghaiDate } from '../../kernel/time.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import { T5_POOL_LABELS } from '../../../contracts/matching.js';
import type {
  FitRun,
  FitShortages,
  FitUnfilledPage,
  FitView,
  StartFitRun,
} from '../../../contracts/matching-events.js';
import { openRows, verifyCertificate, type AssignmentResult } from './assignment.js';
import { runAssignmentInWorker } from './assignment.worker.js';
import type { CandidateEdges, MatchIndex } from './index.js';
import type { MatchPolicy } from './score.js';
import type { DemandInput, TalentInput } from './vocab.js';
import type { MatchingService } from './matching.service.js';
import { demand } from './matching.schema.js';
import {
  matchFitCity,
  matchFitDemand,
  matchFitRun,
  type FitPolicyDb,
  type FitReasonDb,
} from './matching.events.schema.js';

export const FIT_JOB = 'matching.fit-run';
/** Province code under which a share indicator returns the province figure (targets PROVINCE_CODE). */
const PROVINCE = '370000';
/** Non-qualifying candidates read per unfilled demand to say which requirement had no supply. */
const REASON_CANDIDATES = 10;

export type FitRunDb = typeof matchFitRun.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const ratio = (filled: number, positions: number) =>
  positions > 0 ? Math.round((filled / positions) * 10_000) / 10_000 : null;

// ================================================================ the computation (no database)

export interface FitPool {
  all: boolean;
  openToWork: Set<string>;
  /** Each organisation's current employees (null: own employees do not count). */
  employeesOf: Map<string, Set<string>> | null;
}

/** T5's eligibility rule: the pool, plus the enterprise's own employees for its own demands. */
export function eligibility(pool: FitPool, orgOf: (demandId: string) => string | undefined) {
  return (d: DemandInput, t: TalentInput): boolean => {
    if (pool.all || pool.openToWork.has(t.id)) return true;
    if (!pool.employeesOf) return false;
    const org = orgOf(d.id);
    return org !== undefined && (pool.employeesOf.get(org)?.has(t.id) ?? false);
  };
}

/**
 * The same rule as `eligibility`, in the index's fast form: an id test per talent (once) and the
 * enterprise's own employees per demand, instead of a callback per candidate pair.
 */
export function poolOption(pool: FitPool, orgOf: (demandId: string) => string | undefined) {
  if (pool.all) return undefined;
  return {
    inPool: (id: string) => pool.openToWork.has(id),
    alsoFor: (d: DemandInput) => {
      const org = orgOf(d.id);
      return org === undefined ? undefined : pool.employeesOf?.get(org);
    },
  };
}

export interface FitComputation {
  edges: CandidateEdges;
  province: AssignmentResult;
  /** Per CSR row: positions filled in the row's city's own assignment. */
  filledCity: Int32Array;
  /** Per city code: positions and filled in its own assignment. */
  cities: Map<string, { positions: number; filled: number }>;
  /** Distinct talents with at least one listed candidate edge. */
  talents: number;
  certificateOk: boolean;
  /** Passes solved (1 = the first pass's certificate already covered the rows it cut short). */
  passes: number;
  /** Demands whose rows were completed after the first pass. */
  completedRows: number;
  /** Wall time of edges + both assignments + checks. */
  wallMs: number;
}

const cityCodeOf = (c: number) => String(c).padStart(6, '0');

/**
 * The rows of each city as one disjoint union: the city's rows in CSR order, each city's talents
 * renumbered into its own block, so one maximum assignment solves every city independently.
 */
function cityUnion(ix: MatchIndex, e: CandidateEdges) {
  const byCity = new Map<number, number[]>();
  e.demandIds.forEach((id, r) => {
    const c = ix.getDemand(id)!.city;
    const l = byCity.get(c) ?? [];
    l.push(r);
    byCity.set(c, l);
  });
  const cities = [...byCity.keys()].sort((a, b) => a - b);
  const nRows = e.demandIds.length;
  const offsets = new Int32Array(nRows + 1);
  const talents = new Int32Array(e.edges);
  const capacities = new Int32Array(nRows);
  const rowOf = new Int32Array(nRows); // union row → province row
  const local = new Int32Array(e.nTalents).fill(-1);
  const stamp = new Int32Array(e.nTalents).fill(-1);
  let u = 0;
  let n = 0;
  let next = 0;
  cities.forEach((c, ci) => {
    for (const r of byCity.get(c)!) {
      rowOf[u] = r;
      capacities[u] = e.capacities[r]!;
      for (let k = e.offsets[r]!; k < e.offsets[r + 1]!; k++) {
        const t = e.talents[k]!;
        if (stamp[t] !== ci) {
          stamp[t] = ci;
          local[t] = next++;
        }
        talents[n++] = local[t]!;
      }
      offsets[++u] = n;
    }
  });
  const truncated = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) truncated[i] = e.truncated[rowOf[i]!]!;
  return { g: { offsets, talents, capacities, nTalents: next, truncated }, rowOf };
}

/** `e` with the rows of `full` (complete rows of some of its demands) in place of its own. */
function withRows(e: CandidateEdges, full: CandidateEdges, only: ReadonlySet<string>): CandidateEdges {
  // Both from the same index, held still (MatchingStore.withIndex): the same demands, the same slots.
  if (full.nTalents !== e.nTalents || full.demandIds.length !== only.size)
    throw new Error('the index changed between the passes of T5');
  const fullRow = new Map(full.demandIds.map((id, r) => [id, r]));
  const nRows = e.demandIds.length;
  // Each row's source: the completed row when there is one, else its own.
  const rowOf = (r: number) => {
    const f = fullRow.get(e.demandIds[r]!);
    return f === undefined ? { g: e, i: r } : { g: full, i: f };
  };
  const offsets = new Int32Array(nRows + 1);
  for (let r = 0; r < nRows; r++) {
    const { g, i } = rowOf(r);
    offsets[r + 1] = offsets[r]! + g.offsets[i + 1]! - g.offsets[i]!;
  }
  const edges = offsets[nRows]!;
  const talents = new Int32Array(edges);
  const truncated = new Uint8Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const { g, i } = rowOf(r);
    if (g === full && full.truncated[i]) throw new Error('a completed row is cut short');
    talents.set(g.talents.subarray(g.offsets[i]!, g.offsets[i + 1]!), offsets[r]!);
    truncated[r] = g.truncated[i]!;
  }
  return { ...e, offsets, talents, truncated, edges };
}

/**
 * Qualifying talents listed per demand in T5's first pass: plenty for the demand's positions. A
 * demand whose row was cut short is completed only when the certificate needs it (computeFit).
 */
export const FIRST_PASS_ROW = (d: DemandInput) => 16 + 4 * d.headcount;

/**
 * Candidate edges, the province and city assignments in worker threads, each certificate checked
 * here again.
 *
 * The edges come in passes: first each demand lists at most FIRST_PASS_ROW qualifying talents
 * (rows cut short are marked); both assignments are solved on those. A demand cut short that a
 * certificate leaves outside its cover (it has spare positions, or reaches one through an
 * alternating path) might gain from its unlisted talents: such rows are completed and both
 * assignments solved again, until every row cut short is in both covers. A demand in the cover
 * covers all its edges, listed or not, so the final certificates prove both assignments maximum
 * over all qualifying pairs — and `verifyCertificate` checks exactly that (ADR 0011).
 */
export async function computeFit(
  ix: MatchIndex,
  policy: MatchPolicy,
  pool: FitPool,
  orgOf: (id: string) => string | undefined,
  opts: { rowLimit?: (d: DemandInput) => number } = {},
): Promise<FitComputation> {
  const t0 = performance.now();
  const poolOpt = poolOption(pool, orgOf);
  const rowLimit = opts.rowLimit ?? FIRST_PASS_ROW;
  let edges = ix.candidateEdges(policy.threshold, policy, { pool: poolOpt, rowLimit });
  let passes = 0;
  let completedRows = 0;
  let province: AssignmentResult;
  let union: ReturnType<typeof cityUnion>;
  let perCity: AssignmentResult;
  for (;;) {
    passes++;
    province = await runAssignmentInWorker(edges, edges.capacities, edges.nTalents, { copy: true });
    union = cityUnion(ix, edges);
    perCity = await runAssignmentInWorker(union.g, union.g.capacities, union.g.nTalents, { copy: true });
    const open = new Set(openRows(edges, province));
    for (const u of openRows(union.g, perCity)) open.add(union.rowOf[u]!);
    if (open.size === 0) break;
    // Each completion can pull another row cut short out of a cover (a chain of them): after two
    // rounds, complete every row still cut short, so there are at most three passes.
    if (passes >= 2) edges.truncated.forEach((x, r) => x === 1 && open.add(r));
    completedRows += open.size;
    const only = new Set([...open].map((r) => edges.demandIds[r]!));
    edges = withRows(edges, ix.candidateEdges(policy.threshold, policy, { pool: poolOpt, only }), only);
  }
  const provinceCheck = verifyCertificate(edges, province);
  const cityCheck = verifyCertificate(union.g, perCity);
  const filledCity = new Int32Array(edges.demandIds.length);
  for (let u = 0; u < union.rowOf.length; u++) filledCity[union.rowOf[u]!] = perCity.filled[u]!;
  const cities = new Map<string, { positions: number; filled: number }>();
  edges.demandIds.forEach((id, r) => {
    const code = cityCodeOf(ix.getDemand(id)!.city);
    const c = cities.get(code) ?? { positions: 0, filled: 0 };
    c.positions += edges.capacities[r]!;
    c.filled += filledCity[r]!;
    cities.set(code, c);
  });
  const seen = new Uint8Array(edges.nTalents);
  let talents = 0;
  for (let k = 0; k < edges.edges; k++)
    if (!seen[edges.talents[k]!]) {
      seen[edges.talents[k]!] = 1;
      talents++;
    }
  return {
    edges,
    province,
    filledCity,
    cities,
    talents,
    certificateOk: provinceCheck.ok && cityCheck.ok,
    passes,
    completedRows,
    wallMs: performance.now() - t0,
  };
}

/** Chinese label of a reason key. */
function reasonLabel(key: string, skillName: (code: string) => string | undefined): string {
  if (key.startsWith('required_skill:')) {
    const code = key.slice('required_skill:'.length);
    return `缺必备技能：${skillName(code) ?? code}`;
  }
  const labels: Record<string, string> = {
    occupation: '无该职业或相关职业',
    level: '技能等级低于最低要求',
    chain: '无该产业链经历',
    city: '不在该市且无到该市工作的意向',
    pool: '不在求职中（未计入适配度）',
    score: '综合得分低于匹配阈值',
    taken: '达标人才均已安排到其他岗位',
    no_candidate: '索引中没有该职业或相关职业的人才',
  };
  return labels[key] ?? key;
}

/**
 * Why a demand has positions left: its qualifying candidates are all taken elsewhere (`taken`),
 * and what its best non-qualifying candidates miss (read with the gates relaxed to occupation,
 * so a talent of another city still shows that the city was the missing requirement); with no
 * candidate at all, `no_candidate`.
 */
export function unfilledReasons(
  ix: MatchIndex,
  policy: MatchPolicy,
  eligible: (d: DemandInput, t: TalentInput) => boolean,
  demandId: string,
  qualifying: number,
  skillName: (code: string) => string | undefined,
): FitReasonDb[] {
  const d = ix.getDemand(demandId)!;
  const relaxed: MatchPolicy = { ...policy, gates: policy.gates.filter((g) => g === 'occupation') };
  const counts = new Map<string, number>();
  let seen = 0;
  for (const c of ix.topTalents(demandId, qualifying + REASON_CANDIDATES * 2, relaxed)) {
    if (seen >= REASON_CANDIDATES) break;
    const ex = ix.explain(demandId, c.id, policy);
    const inPool = eligible(d, ix.getTalent(c.id)!);
    if (ex.qualifies && inPool) continue; // a qualifying candidate (an edge)
    seen++;
    const keys = ex.qualifies ? ['pool'] : ex.missing.length ? ex.missing : ['score'];
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: FitReasonDb[] = [];
  if (qualifying > 0) out.push({ key: 'taken', label: reasonLabel('taken', skillName), count: qualifying });
  if (qualifying === 0 && seen === 0)
    out.push({ key: 'no_candidate', label: reasonLabel('no_candidate', skillName), count: 0 });
  const rest = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, count]) => ({ key, label: reasonLabel(key, skillName), count }));
  return [...out, ...rest];
}

// ================================================================ storage and reads

function runDto(r: FitRunDb): z.infer<typeof FitRun> {
  return {
    id: r.id,
    status: r.status,
    asOf: r.asOf,
    jobId: r.jobId,
    createdAt: r.createdAt.toISOString(),
    computedAt: iso(r.computedAt),
    threshold: r.policy?.threshold ?? null,
    pool: r.policy?.poolLabel ?? null,
    edges: r.edges,
    demands: r.demands,
    talents: r.talents,
    wallMs: r.wallMs,
    certificateOk: r.certificateOk,
    error: r.error,
  };
}

function poolLabel(t5: { pool: keyof typeof T5_POOL_LABELS; ownEmployees: boolean }) {
  return T5_POOL_LABELS[t5.pool] + (t5.ownEmployees ? '；另计企业本单位在职员工（仅限本单位需求）' : '');
}

/** The latest finished run standing for a day on or before asOf (as known at knownAt). */
export async function runFor(db: DbOrTx, asOf: string, knownAt?: Date): Promise<FitRunDb | undefined> {
  const [row] = await db
    .select()
    .from(matchFitRun)
    .where(
      and(
        eq(matchFitRun.status, 'done'),
        lte(matchFitRun.asOf, asOf),
        knownAt ? lte(matchFitRun.computedAt, knownAt) : undefined,
      ),
    )
    .orderBy(desc(matchFitRun.asOf), desc(matchFitRun.computedAt))
    .limit(1);
  return row;
}

/** T5 for a day: the province under 370000 and each city with positions, from the stored run (empty: none). */
export async function t5Figures(db: DbOrTx, asOf: string, knownAt?: Date): Promise<Map<string, number>> {
  const run = await runFor(db, asOf, knownAt);
  const out = new Map<string, number>();
  if (!run) return out;
  const share = ratio(run.filled!, run.positions!);
  if (share !== null) out.set(PROVINCE, share);
  const cities = await db.select().from(matchFitCity).where(eq(matchFitCity.runId, run.id));
  for (const c of cities) {
    const s = ratio(c.filled, c.positions);
    if (s !== null) out.set(c.cityCode, s);
  }
  return out;
}

export function createFitService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'cities' | 'list'>;
  matching: Pick<MatchingService, 'withIndex' | 'policy' | 't5Pool'>;
  jobs: Pick<Jobs, 'enqueue'> | null;
  /** Called after a run is stored (the app refreshes the T5 rollups). */
  afterRun?: () => Promise<unknown>;
}) {
  const { db, clock } = deps;
  const today = () => shanghaiDate(clock());

  async function cityNames() {
    return new Map([...(await deps.reference.cities()).values()].map((c) => [c.code, c.name]));
  }

  /** A city admin reads their own city; the province any (or all). */
  function cityScope(actor: Actor, requested: string | undefined): string | null {
    if (actor.roles.includes('province_admin')) return requested ?? null;
    if (actor.roles.includes('city_admin') && actor.cityCode) {
      if (requested && requested !== actor.cityCode) throw notFound('城市');
      return actor.cityCode;
    }
    throw notFound('城市');
  }

  async function latestDone(): Promise<FitRunDb | undefined> {
    const [row] = await db
      .select()
      .from(matchFitRun)
      .where(eq(matchFitRun.status, 'done'))
      .orderBy(desc(matchFitRun.computedAt))
      .limit(1);
    return row;
  }

  async function insertRun(tx: DbOrTx, requestedBy: string | null) {
    const [row] = await tx.insert(matchFitRun).values({ asOf: today(), requestedBy, createdAt: clock() }).returning();
    return row!;
  }

  const service = {
    /** The province admin starts a run (a job); 202 with the pending run. */
    async start(actor: Actor, input: z.infer<typeof StartFitRun>): Promise<z.infer<typeof FitRun>> {
      assertPermission(actor, 'fit.run');
      const day = today();
      if (input.asOf && input.asOf > day) throw invalid('统计日期不能晚于今天', { field: 'asOf' });
      if (input.asOf && input.asOf < day)
        throw invalid(`适配度按当前的需求与人才计算，只能计算今天（${day}）；往日的数值请查看当日保存的计算结果`, {
          field: 'asOf',
        });
      if (!deps.jobs) throw new AppError('UNAVAILABLE', '后台任务未启用，暂时不能计算');
      const busy = await db
        .select({ id: matchFitRun.id })
        .from(matchFitRun)
        .where(
          and(
            inArray(matchFitRun.status, ['pending', 'running']),
            sql`${matchFitRun.createdAt} > ${new Date(clock().getTime() - 3600_000)}`,
          ),
        )
        .limit(1);
      if (busy.length) throw new AppError('CONFLICT', '已有适配度计算任务在进行中，请稍后查看结果');
      const run = await db.transaction(async (tx) => {
        const r = await insertRun(tx, actor.userId);
        await audit(tx, actor, {
          action: 'fit.run_request',
          entity: 'match_fit_run',
          entityId: r.id,
          after: { asOf: r.asOf },
        });
        return r;
      });
      const jobId = await deps.jobs.enqueue(FIT_JOB, actor.userId, { runId: run.id });
      const [row] = await db.update(matchFitRun).set({ jobId }).where(eq(matchFitRun.id, run.id)).returning();
      return runDto(row!);
    },

    /** A run without a request (the schedule): its row. */
    async createScheduledRun(): Promise<string> {
      return (await insertRun(db, null)).id;
    },

    /** The job body: computes, checks and stores one run; a failure is stored on the run and rethrown. */
    async execute(runId: string, progress: (done: number, total: number, message: string) => Promise<void>) {
      const [claimed] = await db
        .update(matchFitRun)
        .set({ status: 'running' })
        .where(and(eq(matchFitRun.id, runId), eq(matchFitRun.status, 'pending')))
        .returning();
      if (!claimed) throw new Error(`fit run ${runId} is not pending`);
      try {
        await progress(0, 3, '正在读取需求与人才');
        const [policy, pool, skills] = await Promise.all([
          deps.matching.policy(),
          deps.matching.t5Pool(),
          deps.reference.list('skill'),
        ]);
        const open = await db
          .select({
            id: demand.id,
            orgId: demand.orgId,
            cityCode: demand.cityCode,
            occupationCode: demand.occupationCode,
            title: demand.title,
          })
          .from(demand)
          .where(eq(demand.status, 'open'));
        const meta = new Map(open.map((d) => [d.id, d]));
        const orgOf = (id: string) => meta.get(id)?.orgId;
        await progress(1, 3, '正在计算最大一对一匹配');
        const skillNames = new Map(skills.map((s) => [s.code, s.name]));
        const eligible = eligibility(pool, orgOf);
        const demandRows: (typeof matchFitDemand.$inferInsert)[] = [];
        // The index stands still from the first pass to the last reason (its slots must not move).
        const fit = await deps.matching.withIndex(async (ix) => {
          const fit = await computeFit(ix, policy, pool, orgOf);
          if (!fit.certificateOk) throw new Error('assignment certificate did not verify');
          await progress(2, 3, '正在分析未满足岗位的原因');
          const e = fit.edges;
          e.demandIds.forEach((id, r) => {
            const cap = e.capacities[r]!;
            const fp = fit.province.filled[r]!;
            const fc = fit.filledCity[r]!;
            if (fp >= cap && fc >= cap) return;
            const m = meta.get(id);
            const d = ix.getDemand(id)!;
            demandRows.push({
              runId,
              demandId: id,
              orgId: m?.orgId ?? '00000000-0000-0000-0000-000000000000',
              cityCode: m?.cityCode ?? cityCodeOf(d.city),
              occupationCode: m?.occupationCode ?? ix.vocab.occupationCode(d.occupation),
              title: m?.title ?? '',
              positions: cap,
              candidates: e.offsets[r + 1]! - e.offsets[r]!,
              filledProvince: fp,
              filledCity: fc,
              reasons: unfilledReasons(ix, policy, eligible, id, e.offsets[r + 1]! - e.offsets[r]!, (c) =>
                skillNames.get(c),
              ),
            });
          });
          return fit;
        });
        const e = fit.edges;
        const t5 = policy.t5;
        const policyDb: FitPolicyDb = {
          threshold: policy.threshold,
          gates: [...policy.gates],
          pool: t5.pool,
          ownEmployees: t5.ownEmployees,
          poolLabel: poolLabel(t5),
        };
        await db.transaction(async (tx) => {
          const chunk = 1_000;
          const cityRows = [...fit.cities].map(([cityCode, c]) => ({ runId, cityCode, ...c }));
          if (cityRows.length) await tx.insert(matchFitCity).values(cityRows);
          for (let i = 0; i < demandRows.length; i += chunk)
            await tx.insert(matchFitDemand).values(demandRows.slice(i, i + chunk));
          await tx
            .update(matchFitRun)
            .set({
              status: 'done',
              computedAt: clock(),
              policy: policyDb,
              positions: fit.province.positions,
              filled: fit.province.matched,
              demands: e.demandIds.length,
              talents: fit.talents,
              edges: e.edges,
              wallMs: Math.round(fit.wallMs),
              certificateOk: true,
            })
            .where(eq(matchFitRun.id, runId));
        });
        await progress(3, 3, '适配度已计算');
        if (deps.afterRun) await deps.afterRun();
        return {
          runId,
          positions: fit.province.positions,
          filled: fit.province.matched,
          share: ratio(fit.province.matched, fit.province.positions),
          edges: e.edges,
          wallMs: Math.round(fit.wallMs),
          certificateOk: true,
        };
      } catch (err) {
        await db
          .update(matchFitRun)
          .set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err) })
          .where(eq(matchFitRun.id, runId));
        throw err;
      }
    },

    /** The latest finished run: province and cities (a city admin: own city), and a run still in progress. */
    async view(actor: Actor): Promise<z.infer<typeof FitView>> {
      assertPermission(actor, 'fit.read');
      const own = cityScope(actor, undefined);
      const [done, [latest], names] = await Promise.all([
        latestDone(),
        db.select().from(matchFitRun).orderBy(desc(matchFitRun.createdAt)).limit(1),
        cityNames(),
      ]);
      const pending =
        latest && latest.status !== 'done' && (!done || latest.createdAt > done.createdAt) ? latest : null;
      if (!done) return { run: null, pending: pending ? runDto(pending) : null, province: null, cities: [] };
      const cities = await db
        .select()
        .from(matchFitCity)
        .where(and(eq(matchFitCity.runId, done.id), own ? eq(matchFitCity.cityCode, own) : undefined))
        .orderBy(asc(matchFitCity.cityCode));
      return {
        run: runDto(done),
        pending: pending ? runDto(pending) : null,
        province: { positions: done.positions!, filled: done.filled!, share: ratio(done.filled!, done.positions!) },
        cities: cities.map((c) => ({
          cityCode: c.cityCode,
          cityName: names.get(c.cityCode) ?? c.cityCode,
          positions: c.positions,
          filled: c.filled,
          share: ratio(c.filled, c.positions),
        })),
      };
    },

    /**
     * Unfilled positions of the latest run with their reasons: the province assignment, or with a
     * city (a city admin: always their own) the city's own assignment, most unfilled first.
     */
    async unfilled(
      actor: Actor,
      q: { city?: string; page: number; pageSize: number },
    ): Promise<z.infer<typeof FitUnfilledPage>> {
      assertPermission(actor, 'fit.read');
      const city = cityScope(actor, q.city);
      const run = await latestDone();
      const assignment = city ? 'city' : 'province';
      if (!run) return { runId: null, asOf: null, assignment, items: [], total: 0 };
      const D = matchFitDemand;
      const filled = city ? D.filledCity : D.filledProvince;
      const where = and(eq(D.runId, run.id), city ? eq(D.cityCode, city) : undefined, sql`${D.positions} > ${filled}`);
      const [rows, [total], names, occs] = await Promise.all([
        db
          .select({ d: D, orgName: organisation.name })
          .from(D)
          .leftJoin(organisation, eq(organisation.id, D.orgId))
          .where(where)
          .orderBy(desc(sql`${D.positions} - ${filled}`), asc(D.demandId))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(D)
          .where(where),
        cityNames(),
        deps.reference.list('occupation'),
      ]);
      const occName = new Map(occs.map((o) => [o.code, o.name]));
      return {
        runId: run.id,
        asOf: run.asOf,
        assignment,
        total: total?.n ?? 0,
        items: rows.map(({ d, orgName }) => {
          const f = city ? d.filledCity : d.filledProvince;
          return {
            demandId: d.demandId,
            title: d.title,
            orgId: d.orgId,
            orgName: orgName ?? '',
            cityCode: d.cityCode,
            cityName: names.get(d.cityCode) ?? d.cityCode,
            occupationCode: d.occupationCode,
            occupationName: occName.get(d.occupationCode) ?? null,
            positions: d.positions,
            filled: f,
            unfilled: d.positions - f,
            candidates: d.candidates,
            reasons: d.reasons,
          };
        }),
      };
    },

    /** The shortage list of the latest run (province assignment) by occupation × city, largest first: feeds training planning. */
    async shortages(actor: Actor, q: { city?: string }): Promise<z.infer<typeof FitShortages>> {
      assertPermission(actor, 'fit.read');
      const city = cityScope(actor, q.city);
      const run = await latestDone();
      if (!run) return { runId: null, asOf: null, items: [] };
      const D = matchFitDemand;
      const [rows, names, occs] = await Promise.all([
        db
          .select({
            occupationCode: D.occupationCode,
            cityCode: D.cityCode,
            unfilled: sql<number>`${D.positions} - ${D.filledProvince}`,
            reasons: D.reasons,
          })
          .from(D)
          .where(
            and(
              eq(D.runId, run.id),
              city ? eq(D.cityCode, city) : undefined,
              sql`${D.positions} > ${D.filledProvince}`,
            ),
          ),
        cityNames(),
        deps.reference.list('occupation'),
      ]);
      const occName = new Map(occs.map((o) => [o.code, o.name]));
      const groups = new Map<
        string,
        {
          occupationCode: string;
          cityCode: string;
          demands: number;
          unfilled: number;
          reasons: Map<string, FitReasonDb>;
        }
      >();
      for (const r of rows) {
        const k = `${r.occupationCode}|${r.cityCode}`;
        const g = groups.get(k) ?? {
          occupationCode: r.occupationCode,
          cityCode: r.cityCode,
          demands: 0,
          unfilled: 0,
          reasons: new Map(),
        };
        g.demands++;
        g.unfilled += Number(r.unfilled);
        // A reason counts the demands of the group that have it.
        for (const x of r.reasons) {
          const cur = g.reasons.get(x.key) ?? { key: x.key, label: x.label, count: 0 };
          cur.count++;
          g.reasons.set(x.key, cur);
        }
        groups.set(k, g);
      }
      const items = [...groups.values()]
        .sort(
          (a, b) =>
            b.unfilled - a.unfilled ||
            a.occupationCode.localeCompare(b.occupationCode) ||
            a.cityCode.localeCompare(b.cityCode),
        )
        .map((g) => ({
          occupationCode: g.occupationCode,
          occupationName: occName.get(g.occupationCode) ?? null,
          cityCode: g.cityCode,
          cityName: names.get(g.cityCode) ?? g.cityCode,
          demands: g.demands,
          unfilled: g.unfilled,
          reasons: [...g.reasons.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
        }));
      return { runId: run.id, asOf: run.asOf, items };
    },
  };
  return service;
}

export type FitService = ReturnType<typeof createFitService>;

/** The queue handler of T5 runs (requested, or from a schedule without data). */
export function registerFitJobs(jobs: Pick<Jobs, 'register'>, fit: FitService): void {
  jobs.register<{ runId: string } | null>(FIT_JOB, async (data, ctx) => {
    const runId = data?.runId ?? (await fit.createScheduledRun());
    return fit.execute(runId, (done, total, message) => ctx.progress(done, total, message));
  });
}

/**
 * The schedule (wired in server/main.ts): every evening at 23:30 (Asia/Shanghai), so each day
 * has a run standing for its end and 31 December's run is the year-end figure.
 */
export function scheduleFitJobs(jobs: Pick<Jobs, 'schedule'>): void {
  jobs.schedule(FIT_JOB, '30 23 * * *');
}
