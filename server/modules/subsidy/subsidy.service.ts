import { createHash } from 'node:crypto';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, assertReach, scopeFilter } from '../../kernel/auth/scope.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { SettingDef, SettingsService } from '../../kernel/settings/settings.service.js';
import { shanghaiDate, shanghaiDateTime } from '../../kernel/time.js';
import { permissionsOf, type Role } from '../../../contracts/roles.js';
import {
  CLAIM_STATUS_LABELS,
  DEFAULT_SUBSIDY_POLICY,
  LEDGER_ACCOUNT_LABELS,
  SUBSIDY_CREDENTIAL_KIND,
  SUBSIDY_KIND_LABELS,
  SUBSIDY_POLICY_SETTING_KEY,
  SUBSIDY_RULE_LABELS,
  SubsidyPolicy,
  type Claim,
  type ClaimStatus,
  type Eligibility,
  type Objection,
  type SubmitClaim,
  type SubsidyKind,
  type SubsidyRule,
} from '../../../contracts/subsidy.js';
import * as repo from './subsidy.repo.js';
import * as ledger from './subsidy.ledger.js';
import { reconcileRows, type ReconLine } from './subsidy.reconcile.js';
import { paymentFileXlsx } from './subsidy.payfile.js';
import type { CredentialSource, SubsidyCredential } from './subsidy.credentials.js';
import type { Completion } from '../training/training.service.js';
import { subsidyLedgerTxn } from './subsidy.schema.js';
import {
  centsToYuan,
  claimRefusal,
  evaluate,
  maskAccount,
  maskName,
  noticeEnd,
  parseBankReturn,
  yuanToCents,
  type ClaimAction,
  type CredentialFacts,
  type Decision,
  type PriorClaim,
} from './subsidy.rules.js';

/** The subsidy policy: a setting the province admin edits (PUT /api/settings/subsidy.policy), audited. */
export const POLICY_SETTING: SettingDef<SubsidyPolicy> = {
  key: SUBSIDY_POLICY_SETTING_KEY,
  title: '补贴政策（培训补贴、技能提升补贴：标准、版本、申请期限、每年次数、拨付对象、公示期）',
  schema: SubsidyPolicy,
  defaults: DEFAULT_SUBSIDY_POLICY,
};

const KIND_OF_CREDENTIAL: Record<string, SubsidyKind> = {
  training_completion: 'training',
  skill_cert: 'skill_upgrade',
};

function refuseTransition(action: ClaimAction, status: ClaimStatus) {
  const why = claimRefusal(action, status);
  if (why) throw new AppError('INVALID_TRANSITION', why, { status });
}
const ruleError = (rule: SubsidyRule, message: string) =>
  new AppError('CONFLICT', message.includes('（') ? message : `${message}（${SUBSIDY_RULE_LABELS[rule]}）`, { rule });

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A stable hash of a request body (keys sorted), for Idempotency-Key replays. */
function requestHash(route: string, body: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(route + '\n' + JSON.stringify(canon(body ?? null)))
    .digest('hex');
}

export interface Labels {
  cities: Map<string, string>;
  occ: Map<string, string>;
  levels: Map<string, { name: string; ordinal: number }>;
}

export function createSubsidyService(deps: {
  db: Db;
  clock: () => Date;
  crypto: Pick<PiiCrypto, 'encrypt' | 'blindIndex' | 'decrypt'>;
  reference: Pick<ReferenceService, 'list'>;
  settings: Pick<SettingsService, 'define' | 'get'>;
  orgs: Pick<OrgService, 'locate'>;
  credentials: CredentialSource;
  /** The training module's completions (actor-free): a training claim must rest on one. */
  training: {
    completionsOf(personId: string, tx?: DbOrTx): Promise<Completion[]>;
  };
}) {
  const { db, clock } = deps;
  const policyDef = deps.settings.define(POLICY_SETTING);
  const today = () => shanghaiDate(clock());
  const policy = (tx: DbOrTx = db) => deps.settings.get(policyDef, tx);

  /** Labels read before a transaction opens (nothing inside a transaction uses another connection). */
  async function labels(): Promise<Labels> {
    const [cities, occ, levels] = await Promise.all([
      deps.reference.list('city'),
      deps.reference.list('occupation'),
      deps.reference.list('skill_level'),
    ]);
    return {
      cities: new Map(cities.map((c) => [c.code, c.name])),
      occ: new Map(occ.map((o) => [o.code, o.name])),
      levels: new Map(levels.map((l) => [l.code, { name: l.name, ordinal: Number(l.attrs.ordinal) || 0 }])),
    };
  }
  const ordinals = (L: Labels) => new Map([...L.levels].map(([k, v]) => [k, v.ordinal]));

  const has = (actor: Actor, p: Parameters<typeof assertPermission>[1]) => permissionsOf(actor.roles as Role[]).has(p);
  const target = (c: repo.ClaimDb) => ({ cityCode: c.cityCode, orgId: c.orgId, personId: c.personId });

  /** Objections are received while the notice runs: from its first day until the day before it ends. */
  const noticeOpen = (c: repo.ClaimDb, day: string) =>
    c.status === 'in_notice' && !!c.noticeEndsOn && day < c.noticeEndsOn;

  function approveBlock(actor: Actor, c: repo.ClaimDb, open: number, day: string): string | null {
    if (c.status !== 'in_notice') return claimRefusal('approve', c.status);
    if (actor.userId === c.submittedBy || actor.userId === c.reviewedBy)
      return `您是该申领的申领人或审核人，不能审批（${SUBSIDY_RULE_LABELS.maker_checker}）`;
    if (c.noticeEndsOn && day < c.noticeEndsOn)
      return `公示期至 ${c.noticeEndsOn} 前结束，公示期满后才能审批（${SUBSIDY_RULE_LABELS.notice_period}）`;
    if (open > 0) return `有 ${open} 条异议尚未处理，处理后才能审批（${SUBSIDY_RULE_LABELS.objection_open}）`;
    return null;
  }

  function objectionDto(o: repo.ObjectionDb): Objection {
    return {
      id: o.id,
      claimId: o.claimId,
      text: o.text,
      status: o.status,
      statusLabel: { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' }[o.status],
      receivedAt: o.receivedAt.toISOString(),
      resolution: o.resolution,
      resolvedAt: iso(o.resolvedAt),
    };
  }

  function claimDto(c: repo.ClaimDb, objections: repo.ObjectionDb[], actor: Actor, L: Labels, day: string): Claim {
    const mine = objections.filter((o) => o.claimId === c.id);
    const open = mine.filter((o) => o.status === 'open').length;
    const block = has(actor, 'subsidy.approve') ? approveBlock(actor, c, open, day) : '无审批权限';
    const steps: Claim['steps'] = [{ action: 'submit', label: '申领', by: null, at: c.submittedAt.toISOString() }];
    if (c.reviewedAt)
      steps.push({ action: 'review', label: '审核通过，进入公示', by: null, at: c.reviewedAt.toISOString() });
    if (c.approvedAt) steps.push({ action: 'approve', label: '审批通过', by: null, at: c.approvedAt.toISOString() });
    if (c.paidAt) steps.push({ action: 'pay', label: '拨付', by: null, at: c.paidAt.toISOString() });
    if (c.reconciledAt)
      steps.push({ action: 'reconcile', label: '对账相符', by: null, at: c.reconciledAt.toISOString() });
    if (c.rejectedAt) steps.push({ action: 'reject', label: '未通过', by: null, at: c.rejectedAt.toISOString() });
    return {
      id: c.id,
      kind: c.kind,
      kindLabel: SUBSIDY_KIND_LABELS[c.kind],
      status: c.status,
      statusLabel: CLAIM_STATUS_LABELS[c.status],
      personId: c.personId,
      personName: c.personName,
      cityCode: c.cityCode,
      cityName: L.cities.get(c.cityCode) ?? c.cityCode,
      orgId: c.orgId,
      credentialId: c.credentialId,
      credentialNumber: c.credentialNumber,
      occupationCode: c.occupationCode || null,
      occupationName: c.occupationCode ? (L.occ.get(c.occupationCode) ?? null) : null,
      levelCode: c.levelCode || null,
      levelName: c.levelCode ? (L.levels.get(c.levelCode)?.name ?? null) : null,
      credentialIssuedOn: c.credentialIssuedOn,
      policyVersion: c.policyVersion,
      amountYuan: centsToYuan(c.amountCents),
      budgetYear: c.budgetYear,
      payeeType: c.payeeType,
      payeeName: c.payeeName,
      bankName: c.bankName,
      bankAccount: maskAccount(c.bankAccountTail),
      noticeStartsOn: c.noticeStartsOn,
      noticeEndsOn: c.noticeEndsOn,
      rejectReason: c.rejectReason,
      rejectRule: c.rejectRule,
      submittedAt: c.submittedAt.toISOString(),
      can: {
        review: has(actor, 'subsidy.review') && c.status === 'submitted',
        approve: block === null,
        object: has(actor, 'subsidy.review') && c.status === 'in_notice' && noticeOpen(c, day),
      },
      approveBlocked: block,
      objections: mine.map(objectionDto),
      steps,
    };
  }

  const claimAudit = (c: repo.ClaimDb) => ({
    kind: c.kind,
    status: c.status,
    personId: c.personId,
    cityCode: c.cityCode,
    orgId: c.orgId,
    credentialId: c.credentialId,
    occupationCode: c.occupationCode,
    levelCode: c.levelCode,
    policyVersion: c.policyVersion,
    amountCents: c.amountCents,
    budgetYear: c.budgetYear,
    payeeType: c.payeeType,
    payeeName: c.payeeName,
    bankAccount: maskAccount(c.bankAccountTail),
  });

  async function claimOut(tx: DbOrTx, c: repo.ClaimDb, actor: Actor, L: Labels) {
    return claimDto(c, await repo.objectionsOf(tx, [c.id]), actor, L, today());
  }

  /**
   * Run a money request once per Idempotency-Key: the key is taken inside the request's own
   * transaction (a concurrent twin waits on it, then replays the stored response); the same key
   * with another body is a 409.
   */
  async function idempotent<T, S extends 200 | 201>(
    actor: Actor,
    key: string | undefined,
    route: string,
    body: unknown,
    status: S,
    run: (tx: DbOrTx) => Promise<T>,
  ): Promise<{ status: S; body: T; replayed: boolean }> {
    if (!key || !key.trim()) throw invalid('请求头缺少 Idempotency-Key（涉及资金的请求必须带幂等键，防止重复提交）');
    if (key.length > 200) throw invalid('Idempotency-Key 不能超过 200 个字符');
    // A system actor (the demo seed) keeps its keys under the nil id.
    const userId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
    const hash = requestHash(route, body);
    return db.transaction(async (tx) => {
      if (!(await repo.takeKey(tx, { userId, key, route, requestHash: hash }))) {
        const row = await repo.getKey(tx, userId, key);
        if (!row || row.requestHash !== hash)
          throw new AppError('CONFLICT', '该 Idempotency-Key 已用于另一个请求，请为新的请求生成新的幂等键');
        return { status: (row.statusCode ?? status) as S, body: row.response as T, replayed: true };
      }
      const out = await run(tx);
      await repo.storeKey(tx, userId, key, status, out);
      return { status, body: out, replayed: false };
    });
  }

  /** A claim in the actor's reach (404 otherwise). */
  async function reachClaim(actor: Actor, id: string, tx: DbOrTx = db, lock = false) {
    const c = await repo.getClaim(tx, id, lock);
    assertReach(actor, c ? target(c) : null, '补贴申领');
    return c!;
  }

  /**
   * The programme type comes from the training module's completion behind the credential (never
   * from the credential's free `field`); other kinds have none.
   */
  function facts(c: SubsidyCredential, completion?: Completion | null): CredentialFacts {
    return {
      credentialId: c.credentialId,
      kind: c.kind,
      digital: c.digital,
      occupationCode: c.occupationCode,
      levelCode: c.levelCode,
      programmeType: completion?.programmeType ?? null,
      issuedOn: c.issuedOn,
      status: c.status,
    };
  }

  /**
   * The training module's completion behind a 结业证书: same person, same certificate number, the
   * programme's organisation as issuer, and the registry record pointing at that enrolment (the
   * training module records `training_enrolment:<id>` as evidence when it issues the certificate).
   * A training_completion a provider registered by hand has none.
   */
  function completionBehind(c: SubsidyCredential, completions: Completion[]): Completion | null {
    return (
      completions.find(
        (x) =>
          x.personId === c.personId &&
          x.credentialNumber === c.number &&
          x.orgId === c.issuerOrgId &&
          c.evidence === `training_enrolment:${x.enrolmentId}`,
      ) ?? null
    );
  }
  const NOT_FROM_TRAINING = `该结业证书不是平台培训班颁发，不能申领培训补贴（培训补贴须以平台培训班的结业记录为准，${SUBSIDY_RULE_LABELS.credential_kind}）`;

  /**
   * Who may submit (the payee rule): a subsidy paid to the person is claimed by that person only
   * (their own account, so nobody else chooses the bank account); one paid to the provider, by
   * the provider only. Returns the refusal, or null.
   */
  function payeeRefusal(actor: Actor, kind: SubsidyKind, payee: 'person' | 'provider', personId: string) {
    if (payee === 'person') {
      if (actor.roles.includes('talent') && actor.personId && actor.personId === personId) return null;
      return `${SUBSIDY_KIND_LABELS[kind]}拨付给本人，只能由本人登录后申领并填写本人银行账户，培训机构不能代为申领（拨付对象规则）`;
    }
    if (actor.roles.includes('provider') && actor.orgId) return null;
    return `${SUBSIDY_KIND_LABELS[kind]}按规定拨付给培训机构，请由培训机构申领（拨付对象规则）`;
  }

  const prior = (rows: repo.ClaimDb[]): PriorClaim[] =>
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      credentialId: r.credentialId,
      occupationCode: r.occupationCode || null,
      levelCode: r.levelCode || null,
      status: r.status,
      budgetYear: r.budgetYear,
    }));

  /** May this actor claim for this credential? Talents: their own; providers: what their organisation issued. */
  function mayClaimFor(actor: Actor, c: { personId: string; issuerOrgId: string | null }): boolean {
    if (actor.roles.includes('talent') && actor.personId && c.personId === actor.personId) return true;
    if (actor.roles.includes('provider') && actor.orgId && c.issuerOrgId === actor.orgId) return true;
    return false;
  }

  const service = {
    async policy(actor: Actor) {
      assertPermission(actor, 'subsidy.read');
      return policy();
    },

    /** The credentials this actor may claim for (a talent's own; a provider's trainee by ID number), each with the amount or the refusing rule. */
    async eligible(
      actor: Actor,
      q: { idNumber?: string; personId?: string },
    ): Promise<{ items: Eligibility[]; today: string }> {
      assertPermission(actor, 'subsidy.submit');
      const day = today();
      let personId: string | undefined;
      if (actor.roles.includes('talent') && actor.personId) personId = actor.personId;
      else if (q.personId) personId = q.personId;
      else if (q.idNumber) personId = await deps.credentials.personByIdNumber(q.idNumber);
      if (!personId) return { items: [], today: day };
      const found = await deps.credentials.ofPerson(personId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return undefined;
        throw e;
      });
      if (!found) return { items: [], today: day };
      const [src, pol, L, claims, completions] = await Promise.all([
        found,
        policy(),
        labels(),
        repo.claimsOfPerson(db, personId),
        deps.training.completionsOf(personId),
      ]);
      const items: Eligibility[] = [];
      for (const c of src.credentials) {
        const kind = KIND_OF_CREDENTIAL[c.kind];
        if (!kind || !mayClaimFor(actor, c)) continue;
        const completion = kind === 'training' ? completionBehind(c, completions) : null;
        const evaluated = evaluate({
          kind,
          policy: pol[kind],
          credential: facts(c, completion),
          prior: prior(claims),
          today: day,
          levelOrdinal: ordinals(L),
        });
        const who = payeeRefusal(actor, kind, pol[kind].payee, src.person.id);
        const refusal = kind === 'training' && !completion ? NOT_FROM_TRAINING : evaluated.ok ? who : null;
        const d: Decision = refusal
          ? {
              ok: false,
              rule: 'credential_kind',
              message: refusal,
              lastDay: evaluated.lastDay,
              version: evaluated.version,
            }
          : evaluated;
        const active = claims.find((x) => x.credentialId === c.credentialId && x.status !== 'rejected');
        items.push({
          credentialId: c.credentialId,
          kind,
          kindLabel: SUBSIDY_KIND_LABELS[kind],
          personId: src.person.id,
          personName: src.person.name,
          credentialNumber: c.number,
          credentialKind: c.kind,
          issuerName: c.issuerName,
          occupationCode: c.occupationCode,
          occupationName: c.occupationName,
          levelCode: c.levelCode,
          levelName: c.levelName,
          issuedOn: c.issuedOn,
          eligible: d.ok,
          amountYuan: d.ok ? d.amountYuan : null,
          policyVersion: d.version?.version ?? null,
          payee: pol[kind].payee,
          lastDay: d.lastDay,
          rule: d.ok ? null : d.rule,
          ruleLabel: d.ok ? null : SUBSIDY_RULE_LABELS[d.rule],
          reason: d.ok ? null : d.message,
          claimId: active?.id ?? null,
        });
      }
      return { items, today: day };
    },

    /** 申领: the provider or the talent submits a claim built from a registry credential. */
    async submit(actor: Actor, input: SubmitClaim, key: string | undefined) {
      assertPermission(actor, 'subsidy.submit');
      const where = await deps.credentials.locate(input.credentialId);
      if (!where || !mayClaimFor(actor, where))
        throw invalid('证书不存在，或不是本人的证书、不是本机构发放的证书，不能申领', { field: 'credentialId' });
      const [src, pol, L] = await Promise.all([deps.credentials.ofPerson(where.personId), policy(), labels()]);
      const cred = src.credentials.find((c) => c.credentialId === input.credentialId);
      if (!cred) throw invalid('证书不存在或已更正，请刷新后重试', { field: 'credentialId' });
      const kindPolicy = pol[input.kind];
      // The payee rule: a subsidy paid to the person is claimed by that person (their own account).
      const who = payeeRefusal(actor, input.kind, kindPolicy.payee, src.person.id);
      if (who) throw forbidden(who);
      // A training claim rests on a completion recorded by the training module, not on any
      // training_completion a provider registered; the programme type is taken from it.
      let completion: Completion | null = null;
      if (input.kind === 'training') {
        completion = completionBehind(cred, await deps.training.completionsOf(src.person.id));
        if (!completion) throw ruleError('credential_kind', NOT_FROM_TRAINING);
      }
      const orgId =
        kindPolicy.payee === 'provider'
          ? actor.orgId
          : SUBSIDY_CREDENTIAL_KIND[input.kind] === 'training_completion'
            ? cred.issuerOrgId
            : null;
      let payeeName = src.person.name;
      if (kindPolicy.payee === 'provider') payeeName = (await deps.orgs.locate(actor.orgId!))?.name ?? '';
      const day = today();
      const year = Number(day.slice(0, 4));
      const route = 'POST /api/subsidy/claims';
      const r = await idempotent(actor, key, route, input, 201, async (tx) => {
        await repo.lockPersonKind(tx, src.person.id, input.kind);
        const d = evaluate({
          kind: input.kind,
          policy: kindPolicy,
          credential: facts(cred, completion),
          prior: prior(await repo.claimsOfPerson(tx, src.person.id)),
          today: day,
          levelOrdinal: ordinals(L),
        });
        if (!d.ok) throw new AppError('CONFLICT', d.message, { rule: d.rule });
        const c = await repo.insertClaim(tx, {
          kind: input.kind,
          credentialId: cred.credentialId,
          credentialNumber: cred.number,
          credentialIssuedOn: cred.issuedOn,
          personId: src.person.id,
          personName: src.person.name,
          cityCode: src.person.cityCode,
          orgId,
          occupationCode: cred.occupationCode ?? '',
          levelCode: cred.levelCode ?? '',
          programmeType: completion?.programmeType ?? null,
          policyVersion: d.version.version,
          amountCents: yuanToCents(d.amountYuan),
          budgetYear: year,
          payeeType: kindPolicy.payee,
          payeeName,
          bankName: input.bankName,
          bankAccountEnc: deps.crypto.encrypt(input.bankAccount),
          bankAccountHash: deps.crypto.blindIndex('bank', input.bankAccount),
          bankAccountTail: input.bankAccount.slice(-4),
          submittedBy: actor.userId!,
          submittedAt: clock(),
          updatedAt: clock(),
        });
        await audit(tx, actor, {
          action: 'subsidy.submit',
          entity: 'subsidy_claim',
          entityId: c.id,
          after: claimAudit(c),
        });
        return claimDto(c, [], actor, L, day);
      });
      return r;
    },

    async list(actor: Actor, q: { status?: ClaimStatus; kind?: SubsidyKind; page: number; pageSize: number }) {
      assertPermission(actor, 'subsidy.read');
      const [{ rows, total }, L] = await Promise.all([
        repo.listClaims(db, actor, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        labels(),
      ]);
      const objections = await repo.objectionsOf(
        db,
        rows.map((r) => r.id),
      );
      const day = today();
      return { items: rows.map((c) => claimDto(c, objections, actor, L, day)), total };
    },

    async get(actor: Actor, id: string): Promise<Claim> {
      assertPermission(actor, 'subsidy.read');
      const c = await reachClaim(actor, id);
      return claimOut(db, c, actor, await labels());
    },

    /** 公示: claims in their notice period, names masked (public). */
    async notices() {
      const [rows, L] = await Promise.all([repo.claimsInNotice(db), labels()]);
      return {
        items: rows.map((c) => ({
          id: c.id,
          kindLabel: SUBSIDY_KIND_LABELS[c.kind],
          personName: maskName(c.personName),
          cityName: L.cities.get(c.cityCode) ?? c.cityCode,
          occupationName: c.occupationCode ? (L.occ.get(c.occupationCode) ?? null) : null,
          levelName: c.levelCode ? (L.levels.get(c.levelCode)?.name ?? null) : null,
          amountYuan: centsToYuan(c.amountCents),
          noticeStartsOn: c.noticeStartsOn!,
          noticeEndsOn: c.noticeEndsOn!,
        })),
      };
    },

    /** 审核 by the city: pass (the notice starts) or reject. */
    async review(actor: Actor, id: string, input: { decision: 'pass' | 'reject'; note?: string }): Promise<Claim> {
      assertPermission(actor, 'subsidy.review');
      await reachClaim(actor, id);
      const [pol, L] = await Promise.all([policy(), labels()]);
      return db.transaction(async (tx) => {
        const before = await reachClaim(actor, id, tx, true);
        const action = input.decision === 'pass' ? 'review_pass' : 'review_reject';
        refuseTransition(action, before.status);
        if (actor.userId === before.submittedBy) throw forbidden('审核人不能是申领人');
        const day = today();
        const after =
          input.decision === 'pass'
            ? await repo.updateClaim(tx, id, 'submitted', {
                status: 'in_notice',
                reviewedBy: actor.userId,
                reviewedAt: clock(),
                reviewNote: input.note ?? null,
                noticeStartsOn: day,
                noticeEndsOn: noticeEnd(day, pol.noticeDays),
                updatedAt: clock(),
              })
            : await repo.updateClaim(tx, id, 'submitted', {
                status: 'rejected',
                reviewedBy: actor.userId,
                reviewedAt: clock(),
                reviewNote: input.note ?? null,
                rejectedBy: actor.userId,
                rejectedAt: clock(),
                rejectReason: input.note?.trim() || '市级审核不通过',
                updatedAt: clock(),
              });
        await audit(tx, actor, {
          action: input.decision === 'pass' ? 'subsidy.review_pass' : 'subsidy.review_reject',
          entity: 'subsidy_claim',
          entityId: id,
          before: { status: before.status },
          after: { status: after!.status, note: input.note ?? null, noticeEndsOn: after!.noticeEndsOn },
        });
        return claimOut(tx, after!, actor, L);
      });
    },

    /** 异议: recorded by the city during the notice. */
    async addObjection(actor: Actor, id: string, input: { text: string }): Promise<Claim> {
      assertPermission(actor, 'subsidy.review');
      await reachClaim(actor, id);
      const L = await labels();
      return db.transaction(async (tx) => {
        const c = await reachClaim(actor, id, tx, true);
        refuseTransition('object', c.status);
        if (!noticeOpen(c, today()))
          throw ruleError('notice_period', `公示期已于 ${c.noticeEndsOn} 前结束，不再受理异议`);
        const o = await repo.insertObjection(tx, {
          claimId: id,
          text: input.text,
          receivedBy: actor.userId,
          receivedAt: clock(),
        });
        await audit(tx, actor, {
          action: 'subsidy.objection_add',
          entity: 'subsidy_objection',
          entityId: o.id,
          after: { claimId: id, text: o.text },
        });
        return claimOut(tx, c, actor, L);
      });
    },

    /** The city resolves an objection: upheld (the claim is rejected) or dismissed. */
    async resolveObjection(
      actor: Actor,
      objectionId: string,
      input: { decision: 'upheld' | 'dismissed'; note: string },
    ): Promise<Claim> {
      assertPermission(actor, 'subsidy.review');
      const o = await repo.getObjection(db, objectionId);
      const c0 = o ? await repo.getClaim(db, o.claimId) : undefined;
      assertReach(actor, c0 ? target(c0) : null, '异议');
      const L = await labels();
      return db.transaction(async (tx) => {
        const c = (await repo.getClaim(tx, c0!.id, true))!;
        refuseTransition(input.decision === 'upheld' ? 'uphold_objection' : 'dismiss_objection', c.status);
        const done = await repo.resolveObjection(tx, objectionId, {
          status: input.decision,
          resolution: input.note,
          resolvedBy: actor.userId,
          resolvedAt: clock(),
        });
        if (!done) throw new AppError('INVALID_TRANSITION', '该异议已处理');
        let after = c;
        if (input.decision === 'upheld')
          after = (await repo.updateClaim(tx, c.id, 'in_notice', {
            status: 'rejected',
            rejectedBy: actor.userId,
            rejectedAt: clock(),
            rejectReason: `公示异议成立：${input.note}`,
            rejectRule: 'objection_open',
            updatedAt: clock(),
          }))!;
        await audit(tx, actor, {
          action: `subsidy.objection_${input.decision}`,
          entity: 'subsidy_objection',
          entityId: objectionId,
          before: { status: 'open', claimStatus: c.status },
          after: { status: input.decision, resolution: input.note, claimStatus: after.status },
        });
        return claimOut(tx, after, actor, L);
      });
    },

    /**
     * 审批 by the province: the notice has ended, no open objection, the approver is neither the
     * submitter nor the reviewer, and the city's budget of the year holds the amount (checked under
     * a lock on the budget row). Ledger: budget → payable.
     */
    async approve(actor: Actor, id: string, key: string | undefined) {
      assertPermission(actor, 'subsidy.approve');
      await reachClaim(actor, id);
      const L = await labels();
      return idempotent(actor, key, `POST /api/subsidy/claims/${id}/approve`, {}, 200, async (tx) => {
        const c = await reachClaim(actor, id, tx, true);
        refuseTransition('approve', c.status);
        const day = today();
        const block = approveBlock(actor, c, await repo.openObjections(tx, id), day);
        if (block) {
          if (actor.userId === c.submittedBy || actor.userId === c.reviewedBy) throw forbidden(block);
          throw new AppError('CONFLICT', block);
        }
        const b = await repo.lockBudget(tx, c.kind, c.cityCode, c.budgetYear);
        if (b.committedCents + c.amountCents > b.amountCents)
          throw ruleError(
            'budget',
            `${L.cities.get(c.cityCode) ?? c.cityCode} ${c.budgetYear} 年${SUBSIDY_KIND_LABELS[c.kind]}预算可用 ${centsToYuan(b.amountCents - b.committedCents)} 元，不足 ${centsToYuan(c.amountCents)} 元`,
          );
        await repo.updateBudget(tx, b, { committedCents: b.committedCents + c.amountCents, updatedAt: clock() });
        await ledger.transfer(
          tx,
          {
            kind: c.kind,
            cityCode: c.cityCode,
            year: c.budgetYear,
            memo: `审批申领 ${c.id}`,
            claimId: c.id,
            by: actor.userId,
            at: clock(),
          },
          'budget',
          'payable',
          c.amountCents,
        );
        const after = (await repo.updateClaim(tx, id, 'in_notice', {
          status: 'approved',
          approvedBy: actor.userId,
          approvedAt: clock(),
          updatedAt: clock(),
        }))!;
        await audit(tx, actor, {
          action: 'subsidy.approve',
          entity: 'subsidy_claim',
          entityId: id,
          before: { status: c.status },
          after: { status: after.status, amountCents: c.amountCents, budgetYear: c.budgetYear },
        });
        return claimOut(tx, after, actor, L);
      });
    },

    /** The province does not approve (in notice): the claim is rejected with the reason. */
    async reject(actor: Actor, id: string, input: { reason: string }): Promise<Claim> {
      assertPermission(actor, 'subsidy.approve');
      await reachClaim(actor, id);
      const L = await labels();
      return db.transaction(async (tx) => {
        const c = await reachClaim(actor, id, tx, true);
        refuseTransition('reject', c.status);
        const after = (await repo.updateClaim(tx, id, 'in_notice', {
          status: 'rejected',
          rejectedBy: actor.userId,
          rejectedAt: clock(),
          rejectReason: input.reason,
          updatedAt: clock(),
        }))!;
        await audit(tx, actor, {
          action: 'subsidy.reject',
          entity: 'subsidy_claim',
          entityId: id,
          before: { status: c.status },
          after: { status: after.status, reason: input.reason },
        });
        return claimOut(tx, after, actor, L);
      });
    },

    // ------------------------------------------------------------ budgets and the ledger

    async budgets(actor: Actor, year?: number) {
      assertPermission(actor, 'subsidy.read');
      const [rows, L] = await Promise.all([repo.budgets(db, actor, year), labels()]);
      return {
        items: rows.map((b) => ({
          kind: b.kind,
          kindLabel: SUBSIDY_KIND_LABELS[b.kind],
          year: b.year,
          cityCode: b.cityCode,
          cityName: L.cities.get(b.cityCode) ?? b.cityCode,
          amountYuan: centsToYuan(b.amountCents),
          committedYuan: centsToYuan(b.committedCents),
          availableYuan: centsToYuan(b.amountCents - b.committedCents),
        })),
      };
    },

    /** The province sets a city's yearly budget (never below what is already approved). Ledger: fund ⇄ budget. */
    async setBudget(
      actor: Actor,
      input: { kind: SubsidyKind; year: number; cityCode: string; amountYuan: number },
      key: string | undefined,
    ) {
      assertPermission(actor, 'subsidy.approve');
      const L = await labels();
      if (!L.cities.has(input.cityCode)) throw invalid('没有这个城市', { field: 'cityCode' });
      return idempotent(actor, key, 'PUT /api/subsidy/budgets', input, 200, async (tx) => {
        const b = await repo.lockBudget(tx, input.kind, input.cityCode, input.year);
        const cents = yuanToCents(input.amountYuan);
        if (cents < b.committedCents)
          throw ruleError('budget', `预算不能低于已审批金额 ${centsToYuan(b.committedCents)} 元`);
        const delta = cents - b.amountCents;
        if (delta !== 0)
          await ledger.transfer(
            tx,
            {
              kind: input.kind,
              cityCode: input.cityCode,
              year: input.year,
              memo: delta > 0 ? '下达预算' : '调减预算',
              by: actor.userId,
              at: clock(),
            },
            delta > 0 ? 'fund' : 'budget',
            delta > 0 ? 'budget' : 'fund',
            Math.abs(delta),
          );
        const after = await repo.updateBudget(tx, b, {
          amountCents: cents,
          updatedBy: actor.userId,
          updatedAt: clock(),
        });
        await audit(tx, actor, {
          action: 'subsidy.budget_set',
          entity: 'subsidy_budget',
          entityId: `${input.kind}:${input.cityCode}:${input.year}`,
          before: { amountCents: b.amountCents },
          after: { amountCents: after.amountCents, committedCents: after.committedCents },
        });
        return {
          kind: after.kind,
          kindLabel: SUBSIDY_KIND_LABELS[after.kind],
          year: after.year,
          cityCode: after.cityCode,
          cityName: L.cities.get(after.cityCode) ?? after.cityCode,
          amountYuan: centsToYuan(after.amountCents),
          committedYuan: centsToYuan(after.committedCents),
          availableYuan: centsToYuan(after.amountCents - after.committedCents),
        };
      });
    },

    async ledger(actor: Actor, year?: number) {
      assertPermission(actor, 'subsidy.read');
      const T = subsidyLedgerTxn;
      const where: SQL | undefined = and(scopeFilter(actor, { city: T.cityCode }), year ? eq(T.year, year) : undefined);
      const [bal, ent, L, unbalanced] = await Promise.all([
        ledger.balances(db, where),
        ledger.entries(db, where, 100),
        labels(),
        ledger.unbalancedTxns(db),
      ]);
      return {
        balances: bal.map((b) => ({
          kind: b.kind,
          kindLabel: SUBSIDY_KIND_LABELS[b.kind],
          year: b.year,
          cityCode: b.cityCode,
          cityName: L.cities.get(b.cityCode) ?? b.cityCode,
          account: b.account,
          accountLabel: LEDGER_ACCOUNT_LABELS[b.account],
          balanceYuan: centsToYuan(b.cents),
        })),
        entries: ent.map((e) => ({
          id: e.id,
          kind: e.kind,
          year: e.year,
          cityCode: e.cityCode,
          memo: e.memo,
          claimId: e.claimId,
          at: e.createdAt.toISOString(),
          lines: e.lines.map((l) => ({ account: l.account, amountYuan: centsToYuan(l.amountCents) })),
        })),
        balanced: unbalanced.length === 0,
      };
    },

    // ------------------------------------------------------------ batches, payment, reconciliation

    async batches(actor: Actor) {
      assertPermission(actor, 'subsidy.pay');
      const rows = await repo.listBatches(db);
      return {
        items: rows.map((r) => ({
          id: r.batch.id,
          kind: r.batch.kind,
          kindLabel: SUBSIDY_KIND_LABELS[r.batch.kind],
          status: r.batch.status,
          statusLabel: r.batch.status === 'open' ? '待拨付' : '已拨付',
          count: Number(r.count),
          totalYuan: centsToYuan(Number(r.total)),
          createdAt: r.batch.createdAt.toISOString(),
          paidAt: iso(r.batch.paidAt),
        })),
      };
    },

    async batch(actor: Actor, id: string, tx: DbOrTx = db) {
      assertPermission(actor, 'subsidy.pay');
      const b = await repo.getBatch(tx, id);
      if (!b) throw notFound('拨付批次');
      const [payments, recs] = await Promise.all([repo.paymentsOfBatch(tx, id), repo.reconciliationsOf(tx, id)]);
      const claims = await repo.claimsByIds(
        tx,
        payments.map((p) => p.claimId),
      );
      const byId = new Map(claims.map((c) => [c.id, c]));
      return {
        id: b.id,
        kind: b.kind,
        kindLabel: SUBSIDY_KIND_LABELS[b.kind],
        status: b.status,
        statusLabel: b.status === 'open' ? '待拨付' : '已拨付',
        count: payments.length,
        totalYuan: centsToYuan(payments.reduce((s, p) => s + p.amountCents, 0)),
        createdAt: b.createdAt.toISOString(),
        paidAt: iso(b.paidAt),
        payments: payments.map((p) => {
          const c = byId.get(p.claimId)!;
          return {
            id: p.id,
            claimId: p.claimId,
            personName: c.personName,
            payeeName: c.payeeName,
            bankAccount: maskAccount(c.bankAccountTail),
            amountYuan: centsToYuan(p.amountCents),
            status: p.status,
            attempts: p.attempts,
            bankSerial: p.bankSerial,
          };
        }),
        reconciliations: recs.map((r) => ({
          id: r.id,
          batchId: r.batchId,
          fileName: r.fileName,
          uploadedAt: r.uploadedAt.toISOString(),
          counts: r.counts as Record<string, number>,
          lines: r.lines as ReconLine[],
        })),
      };
    },

    /**
     * 代发明细 of a batch for the bank, with the payees' full accounts: the province's payer only
     * (subsidy.pay), and every download audited in the same transaction as it is read.
     */
    async paymentFile(actor: Actor, id: string) {
      assertPermission(actor, 'subsidy.pay');
      return db.transaction(async (tx) => {
        const b = await repo.getBatch(tx, id);
        if (!b) throw notFound('拨付批次');
        const payments = await repo.paymentsOfBatch(tx, id);
        const claims = new Map(
          (
            await repo.claimsByIds(
              tx,
              payments.map((p) => p.claimId),
            )
          ).map((c) => [c.id, c]),
        );
        const lines = payments.map((p) => {
          const c = claims.get(p.claimId)!;
          return {
            claimId: c.id,
            payeeName: c.payeeName,
            account: deps.crypto.decrypt(c.bankAccountEnc),
            amountCents: p.amountCents,
            bankName: c.bankName,
          };
        });
        const at = clock();
        await audit(tx, actor, {
          action: 'subsidy.payment_file',
          entity: 'subsidy_batch',
          entityId: id,
          after: { lines: lines.length, totalCents: lines.reduce((s, l) => s + l.amountCents, 0) },
        });
        const data = await paymentFileXlsx(
          {
            id: b.id,
            kindLabel: SUBSIDY_KIND_LABELS[b.kind],
            statusLabel: b.status === 'open' ? '待拨付' : '已拨付',
            createdAt: shanghaiDateTime(b.createdAt),
            paidAt: b.paidAt ? shanghaiDateTime(b.paidAt) : null,
            generatedAt: shanghaiDateTime(at),
          },
          lines,
        );
        return {
          fileName: `代发明细_${SUBSIDY_KIND_LABELS[b.kind]}_${shanghaiDate(b.createdAt)}_${b.id.slice(0, 8)}.xlsx`,
          data,
        };
      });
    },

    /** A payment batch of approved claims: one payment row per claim (unique), the claims move to in_batch. */
    async createBatch(actor: Actor, input: { kind: SubsidyKind; claimIds: string[] }, key: string | undefined) {
      assertPermission(actor, 'subsidy.pay');
      const ids = [...new Set(input.claimIds)].sort();
      return idempotent(
        actor,
        key,
        'POST /api/subsidy/batches',
        { kind: input.kind, claimIds: ids },
        201,
        async (tx) => {
          const claims = await repo.lockClaims(tx, ids);
          const problems: string[] = [];
          for (const id of ids) {
            const c = claims.find((x) => x.id === id);
            if (!c) problems.push(`申领 ${id} 不存在`);
            else if (c.kind !== input.kind) problems.push(`申领 ${id} 不是${SUBSIDY_KIND_LABELS[input.kind]}`);
            else {
              const why = claimRefusal('batch', c.status);
              if (why) problems.push(`申领 ${id}：${why}`);
            }
          }
          if (problems.length) throw new AppError('INVALID_TRANSITION', problems.slice(0, 5).join('；'), { problems });
          const b = await repo.insertBatch(tx, { kind: input.kind, createdBy: actor.userId, createdAt: clock() });
          for (const c of claims) {
            const p = await repo.upsertPayment(tx, {
              claimId: c.id,
              batchId: b.id,
              amountCents: c.amountCents,
              at: clock(),
            });
            if (!p) throw new AppError('CONFLICT', `申领 ${c.id} 已有拨付记录，不能重复拨付`);
            await repo.updateClaim(tx, c.id, 'approved', { status: 'in_batch', updatedAt: clock() });
          }
          await audit(tx, actor, {
            action: 'subsidy.batch_create',
            entity: 'subsidy_batch',
            entityId: b.id,
            after: { kind: b.kind, claimIds: ids, totalCents: claims.reduce((s, c) => s + c.amountCents, 0) },
          });
          return service.batch(actor, b.id, tx);
        },
      );
    },

    /** 拨付: the batch is sent; each claim paid once. Ledger: payable → paid per claim. */
    async payBatch(actor: Actor, id: string, key: string | undefined) {
      assertPermission(actor, 'subsidy.pay');
      if (!(await repo.getBatch(db, id))) throw notFound('拨付批次');
      return idempotent(actor, key, `POST /api/subsidy/batches/${id}/pay`, {}, 200, async (tx) => {
        const b = (await repo.getBatch(tx, id, true))!;
        if (b.status !== 'open') throw new AppError('INVALID_TRANSITION', '该批次已拨付，不能重复拨付');
        const payments = (await repo.paymentsOfBatch(tx, id)).filter((p) => p.status === 'pending');
        const claims = await repo.lockClaims(
          tx,
          payments.map((p) => p.claimId),
        );
        for (const p of payments) {
          const c = claims.find((x) => x.id === p.claimId)!;
          refuseTransition('pay', c.status);
          await ledger.transfer(
            tx,
            {
              kind: c.kind,
              cityCode: c.cityCode,
              year: c.budgetYear,
              memo: `拨付申领 ${c.id}`,
              claimId: c.id,
              batchId: id,
              by: actor.userId,
              at: clock(),
            },
            'payable',
            'paid',
            p.amountCents,
          );
          await repo.updateClaim(tx, c.id, 'in_batch', { status: 'paid', paidAt: clock(), updatedAt: clock() });
          await repo.setPayment(tx, p.id, { status: 'sent', updatedAt: clock() });
        }
        await repo.setBatch(tx, id, { status: 'paid', paidBy: actor.userId, paidAt: clock() });
        await audit(tx, actor, {
          action: 'subsidy.batch_pay',
          entity: 'subsidy_batch',
          entityId: id,
          after: { payments: payments.length, totalCents: payments.reduce((s, p) => s + p.amountCents, 0) },
        });
        return service.batch(actor, id, tx);
      });
    },

    /**
     * 对账 against the bank return file: matched (claim reconciled), amount or payee mismatch
     * (listed, claim stays paid), failed (claim back to approved-unpaid, ledger reversal
     * paid → payable; the same payment row is taken by the next batch), unknown claim.
     */
    async reconcile(actor: Actor, id: string, input: { fileName: string; csv: string }, key: string | undefined) {
      assertPermission(actor, 'subsidy.pay');
      if (!(await repo.getBatch(db, id))) throw notFound('拨付批次');
      const parsed = parseBankReturn(input.csv);
      if (!parsed.ok) throw invalid(parsed.message);
      return idempotent(actor, key, `POST /api/subsidy/batches/${id}/reconciliations`, input, 201, async (tx) => {
        const b = (await repo.getBatch(tx, id, true))!;
        if (b.status !== 'paid') throw new AppError('INVALID_TRANSITION', '该批次尚未拨付，不能对账');
        const payments = await repo.paymentsOfBatch(tx, id);
        const claims = await repo.lockClaims(
          tx,
          payments.map((p) => p.claimId),
        );
        const lines = await reconcileRows(tx, {
          rows: parsed.rows,
          payments,
          claims,
          actor,
          at: clock(),
          batchId: id,
        });
        const counts: Record<string, number> = {};
        for (const l of lines) counts[l.outcome] = (counts[l.outcome] ?? 0) + 1;
        const rec = await repo.insertReconciliation(tx, {
          batchId: id,
          fileName: input.fileName,
          sha256: createHash('sha256').update(input.csv).digest('hex'),
          lines,
          counts,
          uploadedBy: actor.userId,
          uploadedAt: clock(),
        });
        await audit(tx, actor, {
          action: 'subsidy.reconcile',
          entity: 'subsidy_batch',
          entityId: id,
          after: { reconciliationId: rec.id, fileName: input.fileName, counts },
        });
        return {
          id: rec.id,
          batchId: id,
          fileName: rec.fileName,
          uploadedAt: rec.uploadedAt.toISOString(),
          counts,
          lines,
        };
      });
    },

    /** For tests and checks: claims that have more than one payment row (always none: unique). */
    async paymentCounts() {
      return repo.paymentCounts(db);
    },
  };
  return service;
}

export type SubsidyService = ReturnType<typeof createSubsidyService>;
