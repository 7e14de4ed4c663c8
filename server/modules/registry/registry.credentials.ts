import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, forbidden, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, reaches } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { SettingsService, SettingDef } from '../../kernel/settings/settings.service.js';
import { shanghaiDate } from '../../kernel/time.js';
import * as repo from './registry.repo.js';
import type { RegistryService } from './registry.service.js';
import {
  CATEGORY_RULES_SETTING,
  mayIssue,
  normaliseKind,
  statusOn,
  type CategoryRules as Rules,
} from './registry.rules.js';
import type { CredentialKind } from './registry.schema.js';
import { credential } from './registry.schema.js';
import { sql } from 'drizzle-orm';
import { CONTRIBUTION_KINDS } from './registry.schema.js';

export interface CredentialInput {
  kind: CredentialKind;
  number: string;
  /** Defaults to the actor's organisation name (evaluators, providers, enterprises issue their own). */
  issuerName?: string;
  occupationCode?: string | null;
  levelCode?: string | null;
  field?: string | null;
  digital?: boolean;
  issuedOn: string;
  expiresOn?: string | null;
  evidence?: string | null;
  note?: string | null;
}

export interface CredentialDto {
  credentialId: string;
  versionId: number;
  personId: string;
  kind: string;
  number: string;
  issuerName: string;
  issuerOrgId: string | null;
  occupationCode: string | null;
  occupationName: string | null;
  levelCode: string | null;
  levelName: string | null;
  field: string | null;
  digital: boolean;
  issuedOn: string;
  expiresOn: string | null;
  revokedOn: string | null;
  revokeReason: string | null;
  evidence: string | null;
  status: string;
  recordedAt: string;
  supersededAt: string | null;
  note: string | null;
  /** On issue: false when the same certificate (kind, issuer, number) was already recorded. */
  created?: boolean;
}

export function createCredentialService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'resolveOccupation' | 'list'>;
  orgs: Pick<OrgService, 'locate'>;
  registry: Pick<RegistryService, 'reach' | 'ensurePerson' | 'refreshCategories'>;
  settings: SettingsService;
}) {
  const { db, clock } = deps;
  const rulesDef: SettingDef<Rules> = deps.settings.define(CATEGORY_RULES_SETTING);
  const rules = () => deps.settings.get(rulesDef);

  async function labels() {
    const [occ, levels] = await Promise.all([deps.reference.list('occupation'), deps.reference.list('skill_level')]);
    return {
      occ: new Map(occ.map((o) => [o.code, o.name])),
      levels: new Map(
        levels.map((l) => [
          l.code,
          { name: l.name, ordinal: Number(l.attrs.ordinal), ladder: String(l.attrs.ladder), high: !!l.attrs.highSkill },
        ]),
      ),
    };
  }

  function toDto(c: repo.CredentialRow, l: Awaited<ReturnType<typeof labels>>, day: string): CredentialDto {
    return {
      credentialId: c.credentialId,
      versionId: c.versionId,
      personId: c.personId,
      kind: c.kind,
      number: c.number,
      issuerName: c.issuerName,
      issuerOrgId: c.issuerOrgId,
      occupationCode: c.occupationCode,
      occupationName: c.occupationCode ? (l.occ.get(c.occupationCode) ?? null) : null,
      levelCode: c.levelCode,
      levelName: c.levelCode ? (l.levels.get(c.levelCode)?.name ?? null) : null,
      field: c.field,
      digital: c.digital,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      revokedOn: c.revokedOn,
      revokeReason: c.revokeReason,
      evidence: c.evidence,
      status: statusOn(c, day),
      recordedAt: c.recordedAt.toISOString(),
      supersededAt: c.supersededAt?.toISOString() ?? null,
      note: c.note,
    };
  }

  /** The issuing organisation: the actor's own (evaluators, providers, enterprises), else a name given by an admin. */
  async function issuerOf(actor: Actor, input: { kind: CredentialKind; issuerName?: string }) {
    if (!mayIssue(actor.roles, input.kind)) throw forbidden('您的机构不能登记此类证书');
    const org = actor.orgId ? await deps.orgs.locate(actor.orgId) : undefined;
    const name = org?.name ?? input.issuerName?.trim();
    if (!name) throw new AppError('VALIDATION', '请填写发证机构');
    return { id: org?.id ?? null, name };
  }

  /** Validates and normalises one credential (former occupation codes, the 2-02-38 rule). */
  async function prepare(issuer: { id: string | null; name: string }, input: CredentialInput, r: Rules) {
    let occupationCode = input.occupationCode ?? null;
    if (occupationCode) {
      const occ = await deps.reference.resolveOccupation(occupationCode.trim());
      if (!occ)
        throw new AppError('VALIDATION', `职业编码 ${occupationCode} 不在职业分类大典中`, { field: 'occupationCode' });
      occupationCode = occ.code;
    }
    if ((input.kind === 'skill_cert' || input.kind === 'digital_engineer') && (!occupationCode || !input.levelCode))
      throw new AppError('VALIDATION', '职业技能等级证书和数字技术工程师证书须填写职业和等级');
    if (input.levelCode) {
      const levels = await deps.reference.list('skill_level');
      if (!levels.some((l) => l.code === input.levelCode))
        throw new AppError('VALIDATION', `等级 ${input.levelCode} 不存在`, { field: 'levelCode' });
    }
    if (input.kind === 'designation') {
      const types = await deps.reference.list('designation_type');
      if (!types.some((t) => t.code === input.field))
        throw new AppError('VALIDATION', `人才称号 ${input.field ?? ''} 未在基础数据中定义`, { field: 'field' });
    }
    if (input.expiresOn && input.expiresOn < input.issuedOn)
      throw new AppError('VALIDATION', '有效期截止日不能早于发证日期');
    if (input.issuedOn > shanghaiDate(clock())) throw new AppError('VALIDATION', '发证日期不能晚于今天');
    return {
      kind: normaliseKind(input.kind, occupationCode, input.levelCode, r),
      number: input.number.trim(),
      issuerOrgId: issuer.id,
      issuerName: issuer.name,
      occupationCode,
      levelCode: input.levelCode ?? null,
      field: input.field ?? null,
      digital: input.digital ?? false,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn ?? null,
      evidence: input.evidence ?? null,
      note: input.note ?? null,
    };
  }

  /**
   * Who may correct or revoke: the issuing organisation; the city admin for persons of their
   * city (the 人社 supervision of certificates); the province admin.
   */
  function assertIssuerOf(actor: Actor, c: repo.CredentialRow, personCity: string) {
    if (actor.roles.includes('province_admin')) return;
    if (actor.orgId && c.issuerOrgId === actor.orgId) return;
    if (actor.roles.includes('city_admin') && reaches(actor, { cityCode: personCity, orgId: null })) return;
    throw notFound('证书');
  }

  async function record(tx: DbOrTx, actor: Actor, personId: string, prepared: Awaited<ReturnType<typeof prepare>>) {
    const existing = await repo.findCurrentByNumber(tx, prepared.kind, prepared.issuerName, prepared.number);
    if (existing) {
      if (existing.personId !== personId)
        throw new AppError('DUPLICATE', `证书编号 ${prepared.number} 已登记在另一人名下`);
      return { credential: existing, created: false };
    }
    const c = await repo.insertCredentialVersion(tx, {
      ...prepared,
      credentialId: randomUUID(),
      personId,
      recordedAt: clock(),
      recordedBy: actor.userId,
    });
    await audit(tx, actor, { action: 'credential.issue', entity: 'credential', entityId: c.credentialId, after: c });
    await deps.registry.refreshCategories(tx, [personId]);
    return { credential: c, created: true };
  }

  /**
   * T1–T4 and 复合型 per city on a calendar day as known at a time, without an actor: the
   * source of the registry's indicators (targets rollups). Today as known now reads the
   * person_category table (kept current on change and daily); any other day aggregates.
   */
  async function categoryCounts(asOf: string, knownAt?: Date, db2: DbOrTx = db): Promise<repo.CategoryCounts[]> {
    if (asOf === shanghaiDate(clock()) && !knownAt) return repo.categoryCountsNow(db2);
    // As known at a record time, the category rules too (a rule changed later does not rewrite a report).
    const rules = knownAt
      ? await deps.settings.getKnownAt(rulesDef, knownAt, db2)
      : await deps.settings.get(rulesDef, db2);
    return repo.categoryCountsByCity(db2, asOf, knownAt ?? clock(), rules);
  }

  return {
    rulesDef,
    rules,

    /** An issuer records a credential for a person found by ID number (created if new to the registry). */
    async issueByIdNumber(actor: Actor, input: CredentialInput & { idNumber: string; name: string }) {
      assertPermission(actor, 'credential.issue');
      const prepared = await prepare(await issuerOf(actor, input), input, await rules());
      const l = await labels();
      return db.transaction(async (tx) => {
        const p = await deps.registry.ensurePerson(
          tx,
          actor,
          { idNumber: input.idNumber, name: input.name },
          { nameMustMatch: true },
        );
        const out = await record(tx, actor, p.id, prepared);
        return { ...toDto(out.credential, l, shanghaiDate(clock())), created: out.created, personCreated: p.created };
      });
    },

    /** Record for a person the actor reaches (province, city, the employer). */
    async issueForPerson(actor: Actor, personId: string, input: CredentialInput) {
      assertPermission(actor, 'credential.issue');
      await deps.registry.reach(actor, personId);
      const prepared = await prepare(await issuerOf(actor, input), input, await rules());
      const l = await labels();
      return db.transaction(async (tx) =>
        toDto((await record(tx, actor, personId, prepared)).credential, l, shanghaiDate(clock())),
      );
    },

    /**
     * A correction never overwrites: the current version is superseded (record time) and a new
     * version recorded. What was known before stays answerable ("as known then").
     */
    async correct(
      actor: Actor,
      credentialId: string,
      patch: Partial<Omit<CredentialInput, 'kind'>> & { note: string },
    ) {
      assertPermission(actor, 'credential.issue');
      const l = await labels();
      const r = await rules();
      return db.transaction(async (tx) => {
        const cur = await repo.currentCredential(tx, credentialId);
        if (!cur) throw notFound('证书');
        const p = (await repo.getPerson(tx, cur.personId))!;
        assertIssuerOf(actor, cur, p.cityCode);
        const merged: CredentialInput = {
          kind: cur.kind as CredentialKind,
          number: patch.number ?? cur.number,
          issuerName: cur.issuerName,
          occupationCode: patch.occupationCode !== undefined ? patch.occupationCode : cur.occupationCode,
          levelCode: patch.levelCode !== undefined ? patch.levelCode : cur.levelCode,
          field: patch.field !== undefined ? patch.field : cur.field,
          digital: patch.digital ?? cur.digital,
          issuedOn: patch.issuedOn ?? cur.issuedOn,
          expiresOn: patch.expiresOn !== undefined ? patch.expiresOn : cur.expiresOn,
          evidence: patch.evidence !== undefined ? patch.evidence : cur.evidence,
          note: patch.note,
        };
        // The issuer stays the original one, whoever corrects.
        const prepared = await prepare({ id: cur.issuerOrgId, name: cur.issuerName }, merged, r);
        const now = clock();
        if (!(await repo.supersede(tx, cur.versionId, now)))
          throw new AppError('CONFLICT', '证书已被他人修改，请刷新后重试');
        const next = await repo.insertCredentialVersion(tx, {
          ...prepared,
          revokedOn: cur.revokedOn,
          revokeReason: cur.revokeReason,
          credentialId,
          personId: cur.personId,
          recordedAt: now,
          recordedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'credential.correct',
          entity: 'credential',
          entityId: credentialId,
          before: cur,
          after: next,
        });
        await deps.registry.refreshCategories(tx, [cur.personId]);
        return toDto(next, l, shanghaiDate(now));
      });
    },

    /** Revocation is a new version with revoked_on (valid time) — the old version stays. */
    async revoke(actor: Actor, credentialId: string, input: { revokedOn: string; reason: string }) {
      assertPermission(actor, 'credential.issue');
      const l = await labels();
      return db.transaction(async (tx) => {
        const cur = await repo.currentCredential(tx, credentialId);
        if (!cur) throw notFound('证书');
        const p = (await repo.getPerson(tx, cur.personId))!;
        assertIssuerOf(actor, cur, p.cityCode);
        if (cur.revokedOn) throw new AppError('INVALID_TRANSITION', '证书已撤销');
        if (input.revokedOn < cur.issuedOn) throw new AppError('VALIDATION', '撤销日期不能早于发证日期');
        const now = clock();
        if (!(await repo.supersede(tx, cur.versionId, now)))
          throw new AppError('CONFLICT', '证书已被他人修改，请刷新后重试');
        const { versionId: _v, supersededAt: _s, ...rest } = cur;
        const next = await repo.insertCredentialVersion(tx, {
          ...rest,
          revokedOn: input.revokedOn,
          revokeReason: input.reason,
          note: null, // the reason is revokeReason; an earlier correction's note stays on its own version
          recordedAt: now,
          recordedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'credential.revoke',
          entity: 'credential',
          entityId: credentialId,
          before: cur,
          after: next,
        });
        await deps.registry.refreshCategories(tx, [cur.personId]);
        return toDto(next, l, shanghaiDate(now));
      });
    },

    /**
     * Bulk load (demo generator, imports of certificate lists): rows already validated by the
     * caller; inserted with unnest in batches; an existing certificate number is skipped.
     */
    async bulkInsert(
      tx: DbOrTx,
      actor: Actor,
      rows: (Omit<typeof credential.$inferInsert, 'versionId' | 'credentialId' | 'recordedAt'> & {
        recordedAt?: Date;
      })[],
    ): Promise<{ inserted: number; skipped: number }> {
      let inserted = 0;
      const now = clock();
      const BATCH = 5000;
      for (let i = 0; i < rows.length; i += BATCH) {
        const chunk = rows.slice(i, i + BATCH);
        const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((c) => c[k] ?? null);
        const res = await tx.execute(sql`
          insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code,
                                  level_code, field, digital, issued_on, expires_on, revoked_on, revoke_reason, evidence, recorded_at, recorded_by)
          select gen_random_uuid(), * from unnest(
            ${sql.param(col('personId'))}::uuid[], ${sql.param(col('kind'))}::text[], ${sql.param(col('number'))}::text[],
            ${sql.param(col('issuerOrgId'))}::uuid[], ${sql.param(col('issuerName'))}::text[], ${sql.param(col('occupationCode'))}::text[],
            ${sql.param(col('levelCode'))}::text[], ${sql.param(col('field'))}::text[], ${sql.param(chunk.map((c) => c.digital ?? false))}::boolean[],
            ${sql.param(col('issuedOn'))}::date[], ${sql.param(col('expiresOn'))}::date[], ${sql.param(col('revokedOn'))}::date[],
            ${sql.param(col('revokeReason'))}::text[], ${sql.param(col('evidence'))}::text[],
            ${sql.param(chunk.map((c) => (c.recordedAt ?? now).toISOString()))}::timestamptz[],
            ${sql.param(chunk.map(() => actor.userId))}::uuid[])
          on conflict do nothing`);
        inserted += res.rowCount ?? 0;
      }
      await audit(tx, actor, {
        action: 'credential.bulk_issue',
        entity: 'credential',
        after: { inserted, skipped: rows.length - inserted },
      });
      const persons = [...new Set(rows.map((r) => r.personId))];
      // A large load recomputes everyone at once (one pass); a small one only its persons.
      await deps.registry.refreshCategories(tx, persons.length > 10_000 ? undefined : persons);
      return { inserted, skipped: rows.length - inserted };
    },

    /** Where a credential lives (for scope checks of other routes and the matrix). */
    async locate(credentialId: string) {
      const c = await repo.currentCredential(db, credentialId);
      return c && { personId: c.personId, issuerOrgId: c.issuerOrgId };
    },

    /**
     * The profile: credentials as valid on `asOf` and known at `knownAt` (default today/now),
     * every version for the timeline, current level per occupation, the plan's categories.
     */
    async profile(actor: Actor, personId: string, opts: { asOf?: string; knownAt?: string } = {}) {
      assertPermission(actor, 'credential.read');
      const p = await deps.registry.reach(actor, personId);
      const asOf = opts.asOf ?? shanghaiDate(clock());
      const knownAt = opts.knownAt ? new Date(opts.knownAt) : clock();
      const [versions, contributions, l, r] = await Promise.all([
        repo.credentialVersionsOf(db, p.id),
        repo.contributionsOf(db, p.id),
        labels(),
        opts.knownAt ? deps.settings.getKnownAt(rulesDef, knownAt) : rules(),
      ]);
      const known = versions.filter((v) => v.recordedAt <= knownAt && (!v.supersededAt || v.supersededAt > knownAt));
      const validNow = known.filter((v) => statusOn(v, asOf) === 'valid');
      // Current level per occupation: the highest valid skill certificate on the 新八级工 ladder.
      const levels = new Map<string, repo.CredentialRow>();
      for (const c of validNow.filter((v) => v.kind === 'skill_cert' && v.occupationCode && v.levelCode)) {
        const prev = levels.get(c.occupationCode!);
        if (!prev || (l.levels.get(c.levelCode!)?.ordinal ?? 0) > (l.levels.get(prev.levelCode!)?.ordinal ?? 0))
          levels.set(c.occupationCode!, c);
      }
      const categories = await repo.categoriesOfPerson(db, p.id, asOf, knownAt, r);
      return {
        personId: p.id,
        asOf,
        knownAt: knownAt.toISOString(),
        categories: {
          ...categories,
          highSkill: [...levels.values()].some((c) => l.levels.get(c.levelCode!)?.high),
        },
        levels: [...levels.values()].map((c) => ({
          occupationCode: c.occupationCode!,
          occupationName: l.occ.get(c.occupationCode!) ?? null,
          levelCode: c.levelCode!,
          levelName: l.levels.get(c.levelCode!)?.name ?? null,
        })),
        credentials: known.map((c) => toDto(c, l, asOf)),
        history: versions.map((c) => toDto(c, l, asOf)),
        contributions: await Promise.all(
          contributions.map(async (c) => ({
            orgName: (await deps.orgs.locate(c.orgId))?.name ?? null,
            id: c.id,
            kind: c.kind,
            title: c.title,
            description: c.description,
            occurredOn: c.occurredOn,
            orgId: c.orgId,
          })),
        ),
      };
    },

    /** 技术革新, 工艺优化, 成果转化, patents, 传帮带: attested by the person's current employer. */
    async attestContribution(
      actor: Actor,
      personId: string,
      input: { kind: (typeof CONTRIBUTION_KINDS)[number]; title: string; description?: string; occurredOn: string },
    ) {
      assertPermission(actor, 'contribution.attest');
      const p = await deps.registry.reach(actor, personId);
      if (!actor.orgId) throw forbidden();
      return db.transaction(async (tx) => {
        const c = await repo.insertContribution(tx, {
          personId: p.id,
          orgId: actor.orgId!,
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          occurredOn: input.occurredOn,
          attestedBy: actor.userId!,
          attestedAt: clock(),
        });
        await audit(tx, actor, { action: 'contribution.attest', entity: 'contribution', entityId: c.id, after: c });
        return {
          id: c.id,
          kind: c.kind,
          title: c.title,
          description: c.description,
          occurredOn: c.occurredOn,
          orgId: c.orgId,
          orgName: (await deps.orgs.locate(c.orgId))?.name ?? null,
        };
      });
    },

    categoryCounts,

    /** T1–T4 and 复合型 by city, on a calendar day, as known at a time. */
    async countsByCity(actor: Actor, opts: { asOf?: string; knownAt?: string } = {}) {
      assertPermission(actor, 'indicator.read');
      const rows = await categoryCounts(
        opts.asOf ?? shanghaiDate(clock()),
        opts.knownAt ? new Date(opts.knownAt) : undefined,
      );
      return actor.roles.includes('province_admin') ? rows : rows.filter((x) => x.cityCode === actor.cityCode);
    },
  };
}
export type CredentialService = ReturnType<typeof createCredentialService>;
