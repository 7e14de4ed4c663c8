import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, reaches } from '../../kernel/auth/scope.js';
import { maskIdNumber, maskPhone, type PiiCrypto } from '../../kernel/crypto/pii.js';
import { parseIdCard } from '../../kernel/validation/id-card.js';
import { normalizeText } from '../../kernel/validation/normalize.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { UsersService } from '../../kernel/auth/users.service.js';
import type { SmsChallenges } from '../../kernel/auth/sms-challenge.js';
import * as repo from './registry.repo.js';
import { CATEGORY_RULES_SETTING } from './registry.rules.js';
import type { SettingsService } from '../../kernel/settings/settings.service.js';
import { shanghaiDate } from '../../kernel/time.js';

export interface NewPerson {
  idNumber: string;
  name: string;
  phone?: string | null;
  education?: string | null;
  /** The city the person belongs to; defaults to the city of the ID number's address code. */
  cityCode?: string | null;
  tier?: string | null;
}

export interface PersonDto {
  id: string;
  name: string;
  gender: string;
  birthYear: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  education: string | null;
  cityCode: string;
  cityName: string | null;
  tier: string | null;
  employments: {
    id: string;
    orgId: string;
    orgName: string | null;
    post: string;
    isDigitalPost: boolean;
    fromDate: string;
    toDate: string | null;
  }[];
}

export function createRegistryService(deps: {
  db: Db;
  clock: () => Date;
  crypto: PiiCrypto;
  reference: Pick<ReferenceService, 'cities' | 'assertActiveCity'>;
  users: Pick<UsersService, 'createTalentAccount' | 'checkNewAccount' | 'personHasAccount'>;
  settings: Pick<SettingsService, 'get'>;
  sms: Pick<SmsChallenges, 'verify' | 'issue'>;
}) {
  const { db, crypto } = deps;

  /** Validates and encrypts a person; the clear ID number and phone never reach the database. */
  function prepare(input: NewPerson): repo.PersonInsert {
    const id = parseIdCard(input.idNumber, deps.clock());
    if (!id.ok) throw new AppError('VALIDATION', `身份证号无效：${id.reason}`, { field: 'idNumber' });
    const phone = input.phone ? normalizeText(input.phone) : null;
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) throw new AppError('VALIDATION', '手机号格式不正确', { field: 'phone' });
    return {
      idNumberHash: crypto.blindIndex('id', id.value),
      idNumberEnc: crypto.encrypt(id.value),
      idNumberTail: id.value.slice(0, 6) + id.value.slice(-4),
      name: normalizeText(input.name),
      gender: id.gender,
      birthDate: id.birthDate,
      phoneEnc: phone ? crypto.encrypt(phone) : null,
      phoneHash: phone ? crypto.blindIndex('phone', phone) : null,
      phoneTail: phone ? phone.slice(-4) : null,
      education: input.education ?? null,
      cityCode: input.cityCode ?? id.cityCode,
      tier: input.tier ?? null,
    };
  }

  async function toDtos(rows: repo.PersonRow[]): Promise<PersonDto[]> {
    const [cities, emps] = await Promise.all([
      deps.reference.cities(),
      repo.employmentsOf(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((p) => ({
      id: p.id,
      name: p.name,
      gender: p.gender,
      birthYear: Number(p.birthDate.slice(0, 4)),
      idNumberMasked: maskIdNumber(p.idNumberTail.slice(0, 6), p.idNumberTail.slice(6)),
      phoneMasked: maskPhone(p.phoneTail),
      education: p.education,
      cityCode: p.cityCode,
      cityName: cities.get(p.cityCode)?.name ?? null,
      tier: p.tier,
      employments: emps
        .filter((e) => e.e.personId === p.id)
        .map((e) => ({
          id: e.e.id,
          orgId: e.e.orgId,
          orgName: e.orgName,
          post: e.e.post,
          isDigitalPost: e.e.isDigitalPost,
          fromDate: e.e.fromDate,
          toDate: e.e.toDate,
        })),
    }));
  }

  async function reachable(actor: Actor, p: repo.PersonRow | undefined): Promise<repo.PersonRow> {
    if (!p || p.mergedInto) throw notFound('人员');
    if (reaches(actor, { cityCode: p.cityCode, orgId: null, personId: p.id })) return p;
    if (
      actor.orgId &&
      (await repo.currentEmployerIds(db, p.id)).includes(actor.orgId) &&
      reaches(actor, { cityCode: null, orgId: actor.orgId })
    )
      return p;
    throw notFound('人员');
  }

  /**
   * For a list filtered by category (and at most a city) whose caller reaches a whole city or the
   * province: the city to list (null = province), false when the asked city is out of reach;
   * undefined when the general list applies (other filters, organisation or own-record scopes).
   */
  function categoryOnlyScope(actor: Actor, f: repo.PersonFilters): string | null | false | undefined {
    if (!f.category || f.q || f.tier || f.orgId || f.chain || f.occupation || f.level) return undefined;
    if (actor.roles.includes('province_admin')) return f.cityCode ?? null;
    const onlyCity =
      actor.roles.includes('city_admin') &&
      actor.cityCode &&
      !actor.personId &&
      !actor.roles.some((r) => r === 'enterprise' || r === 'provider' || r === 'evaluator');
    if (!onlyCity) return undefined;
    if (f.cityCode && f.cityCode !== actor.cityCode) return false;
    return actor.cityCode;
  }

  const personListeners: ((tx: DbOrTx, personIds: string[] | undefined) => Promise<void>)[] = [];

  const service = {
    /**
     * Recompute the categories of these persons (or everyone) as of today into person_category,
     * inside the caller's transaction: lists and "now" counts never lag a change.
     */
    async refreshCategories(tx: DbOrTx, personIds?: string[]): Promise<number> {
      const now = deps.clock();
      const n = await repo.refreshPersonCategories(
        tx,
        shanghaiDate(now),
        now,
        await deps.settings.get(CATEGORY_RULES_SETTING),
        personIds,
      );
      for (const l of personListeners) await l(tx, personIds);
      return n;
    },

    /**
     * Other modules' caches of person facts (the matching index) learn of every change here: each
     * registry write refreshes its persons' categories in its transaction, and the listener is
     * called in that same transaction (undefined = everyone, the nightly refresh).
     */
    onPersonsChanged(listener: (tx: DbOrTx, personIds: string[] | undefined) => Promise<void>): void {
      personListeners.push(listener);
    },

    /** The person if the actor reaches them (province, their city, their current employer, themself), else 404. */
    async reach(actor: Actor, personId: string, db2: DbOrTx = db): Promise<repo.PersonRow> {
      return reachable(actor, await repo.getPerson(db2, personId));
    },

    /** Find or create the one person of an ID number (by its blind index), inside the caller's transaction. */
    /** `name` is the registry's (an existing person's name is not replaced by the caller's). */
    async ensurePerson(
      tx: DbOrTx,
      actor: Actor,
      input: NewPerson,
      opts: { nameMustMatch?: boolean } = {},
    ): Promise<{ id: string; name: string; created: boolean }> {
      const row = prepare(input);
      const existing = await repo.findByIdHash(tx, row.idNumberHash);
      // Whoever knows an ID number must also know the name on it: a record is never reached, or
      // written to, under another name (the same answer whether or not the number is registered).
      if (existing && opts.nameMustMatch && existing.name !== row.name)
        throw new AppError('VALIDATION', '身份证号与姓名不匹配', { field: 'name' });
      if (existing) return { id: existing.id, name: existing.name, created: false };
      const p = await repo.insertPerson(tx, row);
      await repo.insertPersonCities(tx, [p.id]);
      await audit(tx, actor, {
        action: 'person.create',
        entity: 'person',
        entityId: p.id,
        after: {
          name: p.name,
          cityCode: p.cityCode,
          idNumber: maskIdNumber(p.idNumberTail.slice(0, 6), p.idNumberTail.slice(6)),
        },
      });
      return { id: p.id, name: p.name, created: true };
    },

    sendSignupCode(phone: string): Promise<void> {
      return deps.sms.issue(normalizeText(phone));
    },

    /** A talent signs up with ID number and phone (verified by SMS code); one account per person. */
    async signupTalent(
      actor: Actor,
      input: { username: string; idNumber: string; name: string; phone: string; smsCode: string; password: string },
    ): Promise<{ userId: string; personId: string }> {
      const phone = normalizeText(input.phone);
      // Everything the user can correct is checked before the one-time code is spent.
      const row = prepare({ idNumber: input.idNumber, name: input.name, phone });
      await deps.users.checkNewAccount(input.username, input.password);
      await deps.sms.verify(phone, input.smsCode);
      return db.transaction(async (tx) => {
        const existing = await repo.findByIdHash(tx, row.idNumberHash);
        if (existing) {
          // Binding an existing record needs the phone on file and the same name: an ID number and a
          // name are not secrets. One message for every refusal, so the registry's content does not leak.
          if (
            existing.phoneHash !== row.phoneHash ||
            existing.name !== row.name ||
            (await deps.users.personHasAccount(tx, existing.id))
          )
            throw new AppError(
              'CONFLICT',
              '无法自助注册：信息与登记记录不一致或已注册，请联系所在单位或当地人社部门核实',
            );
        }
        const p = existing
          ? { id: existing.id }
          : await service.ensurePerson(tx, actor, { idNumber: input.idNumber, name: input.name, phone });
        const person = existing ?? (await repo.getPerson(tx, p.id))!;
        const userId = await deps.users.createTalentAccount(tx, actor, {
          username: input.username,
          displayName: person.name,
          password: input.password,
          personId: p.id,
          cityCode: person.cityCode,
        });
        return { userId, personId: p.id };
      });
    },

    findIdByIdNumber(idNumber: string): Promise<string | undefined> {
      const id = parseIdCard(idNumber, deps.clock());
      if (!id.ok) return Promise.resolve(undefined);
      return repo.findByIdHash(db, crypto.blindIndex('id', id.value)).then((p) => p?.id);
    },

    async list(actor: Actor, f: repo.PersonFilters & { page: number; pageSize: number }) {
      assertPermission(actor, 'person.read');
      const now = deps.clock();
      // A category's holders in the province or a city (the drill-down behind a figure): the fast path.
      const byCity = categoryOnlyScope(actor, f);
      if (byCity !== undefined) {
        if (byCity === false) return { items: [], total: 0 };
        const { items, total } = await repo.listByCategory(db, {
          category: f.category!,
          cityCode: byCity ?? undefined,
          sort: f.sort,
          order: f.order,
          limit: f.pageSize,
          offset: (f.page - 1) * f.pageSize,
        });
        return { items: await toDtos(items), total };
      }
      const { items, total } = await repo.listPersons(db, repo.personScope(actor), {
        ...f,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
        today: shanghaiDate(now),
        now,
        rules: await deps.settings.get(CATEGORY_RULES_SETTING),
      });
      return { items: await toDtos(items), total };
    },

    /** An enterprise adds its employee (found by ID number, registered if new) with post and start date. */
    async addEmployee(
      actor: Actor,
      input: NewPerson & { post: string; isDigitalPost: boolean; fromDate: string; occupationCode?: string | null },
    ) {
      assertPermission(actor, 'employment.manage');
      if (!actor.orgId) throw new AppError('FORBIDDEN', '只有机构账号可以登记本单位员工');
      if (input.fromDate > shanghaiDate(deps.clock())) throw new AppError('VALIDATION', '入职日期不能晚于今天');
      return db.transaction(async (tx) => {
        const p = await service.ensurePerson(tx, actor, input, { nameMustMatch: true });
        const current = await repo.currentEmployerIds(tx, p.id);
        if (current.includes(actor.orgId!)) throw new AppError('DUPLICATE', '该人员已是本单位在职员工');
        const e = await repo.insertEmployment(tx, {
          personId: p.id,
          orgId: actor.orgId!,
          post: input.post,
          isDigitalPost: input.isDigitalPost,
          occupationCode: input.occupationCode ?? null,
          fromDate: input.fromDate,
        });
        await audit(tx, actor, { action: 'employment.add', entity: 'employment', entityId: e.id, after: e });
        await service.refreshCategories(tx, [p.id]);
        return { employmentId: e.id, personId: p.id, personCreated: p.created };
      });
    },

    /** The employer ends an employment (leaving date); it stays in the person's history. */
    async endEmployment(actor: Actor, employmentId: string, toDate: string) {
      assertPermission(actor, 'employment.manage');
      return db.transaction(async (tx) => {
        const e = await repo.getEmployment(tx, employmentId);
        if (!e || !reaches(actor, { cityCode: null, orgId: e.orgId })) throw notFound('任职记录');
        if (toDate < e.fromDate) throw new AppError('VALIDATION', '离职日期不能早于入职日期');
        const after = await repo.endEmployment(tx, employmentId, toDate);
        if (!after) throw new AppError('INVALID_TRANSITION', '该任职记录已结束');
        await audit(tx, actor, { action: 'employment.end', entity: 'employment', entityId: e.id, before: e, after });
        await service.refreshCategories(tx, [e.personId]);
        return { employmentId: e.id, toDate };
      });
    },

    /** Where an employment lives (for scope checks). */
    async locateEmployment(id: string) {
      const e = await repo.getEmployment(db, id);
      return e && { orgId: e.orgId, personId: e.personId };
    },

    /** Merging two records of the same person: an audited operation; the duplicate points at the survivor. */
    async merge(actor: Actor, survivorId: string, duplicateId: string) {
      assertPermission(actor, 'person.merge');
      if (survivorId === duplicateId) throw new AppError('VALIDATION', '不能与自身合并');
      return db.transaction(async (tx) => {
        const a = await repo.getPerson(tx, survivorId);
        const b = await repo.getPerson(tx, duplicateId);
        if (!a || !b || a.mergedInto || b.mergedInto) throw notFound('人员');
        if (await deps.users.personHasAccount(tx, b.id))
          throw new AppError('CONFLICT', '被合并的记录已绑定个人账号，请先由系统管理员处理该账号');
        const moved = await repo.mergePersons(tx, a.id, b.id);
        await service.refreshCategories(tx, [a.id, b.id]);
        await audit(tx, actor, {
          action: 'person.merge',
          entity: 'person',
          entityId: a.id,
          after: { duplicateId: b.id, moved },
        });
        return { survivorId: a.id, duplicateId: b.id, moved };
      });
    },

    /** A person moves to another city from a date (T1–T4 count them there from that day). */
    async moveCity(actor: Actor, personId: string, cityCode: string, from: string) {
      assertPermission(actor, 'person.merge');
      await deps.reference.assertActiveCity(cityCode);
      return db.transaction(async (tx) => {
        const p = await reachable(actor, await repo.getPerson(tx, personId));
        await repo.moveCity(tx, p.id, cityCode, from);
        await service.refreshCategories(tx, [p.id]);
        await audit(tx, actor, {
          action: 'person.move_city',
          entity: 'person',
          entityId: p.id,
          before: { cityCode: p.cityCode },
          after: { cityCode, from },
        });
        return { personId: p.id, cityCode, from };
      });
    },

    async count(actor: Actor): Promise<number> {
      return repo.countPersons(db, repo.personScope(actor));
    },

    async get(actor: Actor, id: string): Promise<PersonDto> {
      assertPermission(actor, 'person.read');
      const p = await reachable(actor, await repo.getPerson(db, id));
      return (await toDtos([p]))[0]!;
    },

    /** The full ID number and phone: only for roles with the right, and every view is audited. */
    async identity(
      actor: Actor,
      id: string,
    ): Promise<{ id: string; idNumber: string; birthDate: string; phone: string | null }> {
      assertPermission(actor, 'person.pii.read');
      const p = await reachable(actor, await repo.getPerson(db, id));
      await audit(db, actor, { action: 'person.pii_view', entity: 'person', entityId: p.id });
      return {
        id: p.id,
        idNumber: crypto.decrypt(p.idNumberEnc),
        birthDate: p.birthDate,
        phone: p.phoneEnc ? crypto.decrypt(p.phoneEnc) : null,
      };
    },

    /**
     * Bulk load for the demo generator and imports: validated and encrypted per row,
     * inserted with unnest in batches (well under the bind-parameter limit).
     */
    async bulkInsert(
      tx: DbOrTx,
      actor: Actor,
      people: (NewPerson & {
        employment?: { orgId: string; post: string; isDigitalPost: boolean; fromDate: string };
      })[],
    ): Promise<{ ids: (string | null)[]; inserted: number; skipped: number }> {
      // ids[i] is the new person's id, or null where the ID number was already registered (skipped).
      const ids: (string | null)[] = [];
      const BATCH = 5000;
      for (let i = 0; i < people.length; i += BATCH) {
        const chunk = people.slice(i, i + BATCH).map((p) => ({ id: randomUUID(), row: prepare(p), emp: p.employment }));
        const col = <K extends keyof repo.PersonInsert>(k: K) => chunk.map((c) => c.row[k] ?? null);
        const res = await tx.execute<{ id: string }>(sql`
          insert into person (id, id_number_hash, id_number_enc, id_number_tail, name, gender, birth_date,
                              phone_enc, phone_hash, phone_tail, education, city_code, tier)
          select * from unnest(${sql.param(chunk.map((c) => c.id))}::uuid[], ${sql.param(col('idNumberHash'))}::text[],
            ${sql.param(col('idNumberEnc'))}::text[], ${sql.param(col('idNumberTail'))}::text[], ${sql.param(col('name'))}::text[],
            ${sql.param(col('gender'))}::text[], ${sql.param(col('birthDate'))}::date[], ${sql.param(col('phoneEnc'))}::text[],
            ${sql.param(col('phoneHash'))}::text[], ${sql.param(col('phoneTail'))}::text[], ${sql.param(col('education'))}::text[],
            ${sql.param(col('cityCode'))}::text[], ${sql.param(col('tier'))}::text[])
          on conflict (id_number_hash) do nothing
          returning id`);
        const inserted = new Set(res.rows.map((r) => r.id));
        // Their city history starts with the record's city (written straight from the batch, no look-up).
        const fresh = chunk.filter((c) => inserted.has(c.id));
        if (fresh.length)
          await tx.execute(sql`
            insert into person_city (person_id, city_code, valid_from)
            select id, city, date '1900-01-01'
            from unnest(${sql.param(fresh.map((c) => c.id))}::uuid[], ${sql.param(fresh.map((c) => c.row.cityCode))}::text[]) as t(id, city)`);
        const emps = chunk.filter((c) => c.emp && inserted.has(c.id));
        if (emps.length) {
          await tx.execute(sql`
            insert into employment (person_id, org_id, post, is_digital_post, from_date)
            select * from unnest(${sql.param(emps.map((c) => c.id))}::uuid[], ${sql.param(emps.map((c) => c.emp!.orgId))}::uuid[],
              ${sql.param(emps.map((c) => c.emp!.post))}::text[], ${sql.param(emps.map((c) => c.emp!.isDigitalPost))}::boolean[],
              ${sql.param(emps.map((c) => c.emp!.fromDate))}::date[])`);
        }
        ids.push(...chunk.map((c) => (inserted.has(c.id) ? c.id : null)));
      }
      const inserted = ids.filter(Boolean).length;
      await audit(tx, actor, {
        action: 'person.bulk_create',
        entity: 'person',
        after: { inserted, skipped: ids.length - inserted },
      });
      return { ids, inserted, skipped: ids.length - inserted };
    },
  };
  return service;
}

export type RegistryService = ReturnType<typeof createRegistryService>;
