import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import { contribution, credential, employment, person } from './registry.schema.js';
import type { CategoryRules } from './registry.rules.js';

export type PersonRow = typeof person.$inferSelect;
export type PersonInsert = typeof person.$inferInsert;

export function findByIdHash(db: DbOrTx, idNumberHash: string) {
  return db
    .select()
    .from(person)
    .where(eq(person.idNumberHash, idNumberHash))
    .then((r) => r[0]);
}

export function getPerson(db: DbOrTx, id: string) {
  return db
    .select()
    .from(person)
    .where(eq(person.id, id))
    .then((r) => r[0]);
}

export function insertPerson(db: DbOrTx, v: PersonInsert) {
  return db
    .insert(person)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function employmentsOf(db: DbOrTx, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .select({ e: employment, orgName: organisation.name })
    .from(employment)
    .leftJoin(organisation, eq(organisation.id, employment.orgId))
    .where(inArray(employment.personId, personIds))
    .orderBy(desc(employment.fromDate));
}

/** Organisations that currently employ the person (for an organisation's scope). */
export function currentEmployerIds(db: DbOrTx, personId: string) {
  return db
    .select({ orgId: employment.orgId })
    .from(employment)
    .where(and(eq(employment.personId, personId), isNull(employment.toDate)))
    .then((r) => r.map((x) => x.orgId));
}

/** Scope for persons: city admins by the person's city, organisations by current employment. */
export function personScope(actor: {
  roles: string[];
  cityCode: string | null;
  orgId: string | null;
  personId: string | null;
}): SQL {
  if (actor.roles.includes('province_admin')) return sql`true`;
  const parts: SQL[] = [];
  if (actor.roles.includes('city_admin') && actor.cityCode) parts.push(sql`${person.cityCode} = ${actor.cityCode}`);
  if (actor.orgId && actor.roles.some((r) => r === 'enterprise' || r === 'provider' || r === 'evaluator'))
    parts.push(
      sql`exists (select 1 from ${employment} e where e.person_id = ${person.id} and e.org_id = ${actor.orgId} and e.to_date is null)`,
    );
  if (actor.personId) parts.push(sql`${person.id} = ${actor.personId}`);
  return parts.length ? sql.join(parts, sql` or `) : sql`false`;
}

const CATEGORY_COLUMNS = { t1: 't1', t2: 't2', t3: 't3', t4: 't4', composite: 'composite' } as const;

export interface PersonFilters {
  cityCode?: string;
  q?: string;
  tier?: string;
  /** current employer */
  orgId?: string;
  /** an industry chain of the current employer */
  chain?: string;
  /** holds a valid credential in this occupation (today) */
  occupation?: string;
  /** …at this level */
  level?: string;
  /** one of the plan's categories today: t1 … t4, composite */
  category?: 't1' | 't2' | 't3' | 't4' | 'composite';
  sort?: 'name' | 'birthDate' | 'city';
  order?: 'asc' | 'desc';
}

export async function listPersons(
  db: DbOrTx,
  scope: SQL,
  f: PersonFilters & { limit: number; offset: number; today: string; rules: CategoryRules; now: Date },
) {
  const validToday = sql`c.superseded_at is null and c.issued_on <= ${f.today}::date
    and (c.revoked_on is null or c.revoked_on > ${f.today}::date) and (c.expires_on is null or c.expires_on >= ${f.today}::date)`;
  const where = and(
    scope,
    isNull(person.mergedInto),
    f.cityCode ? eq(person.cityCode, f.cityCode) : undefined,
    f.q ? sql`${person.name} like ${f.q.replace(/[%_\\]/g, (m) => '\\' + m) + '%'}` : undefined,
    f.tier ? eq(person.tier, f.tier) : undefined,
    f.orgId
      ? sql`exists (select 1 from ${employment} e where e.person_id = ${person.id} and e.org_id = ${f.orgId} and e.to_date is null)`
      : undefined,
    f.chain
      ? sql`exists (select 1 from ${employment} e join organisation o on o.id = e.org_id
               where e.person_id = ${person.id} and e.to_date is null and ${f.chain} = any(o.industry_chains))`
      : undefined,
    f.occupation || f.level
      ? sql`exists (select 1 from ${credential} c where c.person_id = ${person.id} and ${validToday}
               ${f.occupation ? sql`and c.occupation_code = ${f.occupation}` : sql``}
               ${f.level ? sql`and c.level_code = ${f.level}` : sql``})`
      : undefined,
    // Categories today come from the person_category table (kept current on every change).
    f.category
      ? sql`exists (select 1 from person_category pc where pc.person_id = ${person.id} and pc.${sql.raw(CATEGORY_COLUMNS[f.category])})`
      : undefined,
  );
  const dir = f.order === 'desc' ? sql`desc` : sql`asc`;
  const sortCol = f.sort === 'birthDate' ? person.birthDate : f.sort === 'city' ? person.cityCode : person.name;
  const [items, total] = await Promise.all([
    db
      .select()
      .from(person)
      .where(where)
      .orderBy(sql`${sortCol} ${dir}`, sql`${person.name} ${dir}`, person.id)
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(person)
      .where(where)
      .then((r) => r[0]?.n ?? 0),
  ]);
  return { items, total };
}

/**
 * The holders of one category today, in a city or the province, driven by person_category (which
 * holds exactly the unmerged persons, each with their city today): the list behind a "now" figure.
 * Its total is a count over person_category alone — no join with person — so a drill-down page
 * answers in milliseconds at province scale. Items and total use the same city column, so they agree.
 */
export async function listByCategory(
  db: DbOrTx,
  f: {
    category: NonNullable<PersonFilters['category']>;
    cityCode?: string;
    sort?: PersonFilters['sort'];
    order?: PersonFilters['order'];
    limit: number;
    offset: number;
  },
) {
  const col = sql.raw(`pc.${CATEGORY_COLUMNS[f.category]}`);
  const city = f.cityCode ? sql`and pc.city_code = ${f.cityCode}` : sql``;
  const dir = f.order === 'desc' ? sql`desc` : sql`asc`;
  const sortCol = f.sort === 'birthDate' ? person.birthDate : f.sort === 'city' ? person.cityCode : person.name;
  const [items, total] = await Promise.all([
    db
      .select()
      .from(person)
      .where(
        sql`exists (select 1 from person_category pc where pc.person_id = ${person.id} and ${col} ${city}) and ${person.mergedInto} is null`,
      )
      .orderBy(sql`${sortCol} ${dir}`, sql`${person.name} ${dir}`, person.id)
      .limit(f.limit)
      .offset(f.offset),
    db
      .execute<{ n: number }>(sql`select count(*)::int as n from person_category pc where ${col} ${city}`)
      .then((r) => r.rows[0]?.n ?? 0),
  ]);
  return { items, total };
}

export function countPersons(db: DbOrTx, scope: SQL) {
  return db
    .select({ n: count() })
    .from(person)
    .where(scope)
    .then((r) => r[0]?.n ?? 0);
}

// ---------------------------------------------------------------- credentials (bitemporal)

export type CredentialRow = typeof credential.$inferSelect;

/** Versions valid on `asOf` as recorded at `knownAt` (both optional: today / now). */
export function credentialsKnownAt(knownAt: Date) {
  return sql`${credential.recordedAt} <= ${knownAt.toISOString()}::timestamptz and (${credential.supersededAt} is null or ${credential.supersededAt} > ${knownAt.toISOString()}::timestamptz)`;
}

export function currentCredential(db: DbOrTx, credentialId: string) {
  return db
    .select()
    .from(credential)
    .where(and(eq(credential.credentialId, credentialId), isNull(credential.supersededAt)))
    .then((r) => r[0]);
}

export function findCurrentByNumber(db: DbOrTx, kind: string, issuerName: string, number: string) {
  return db
    .select()
    .from(credential)
    .where(
      and(
        eq(credential.kind, kind),
        eq(credential.issuerName, issuerName),
        eq(credential.number, number),
        isNull(credential.supersededAt),
      ),
    )
    .then((r) => r[0]);
}

export function insertCredentialVersion(db: DbOrTx, v: typeof credential.$inferInsert) {
  return db
    .insert(credential)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

/** Close the current version (record time); the state is re-checked: only a current version closes. */
export function supersede(db: DbOrTx, versionId: number, at: Date) {
  return db
    .update(credential)
    .set({ supersededAt: at })
    .where(and(eq(credential.versionId, versionId), isNull(credential.supersededAt)))
    .returning({ versionId: credential.versionId })
    .then((r) => r[0]);
}

/** All versions of a person's credentials (for the profile timeline and as-of views). */
export function credentialVersionsOf(db: DbOrTx, personId: string) {
  return db
    .select()
    .from(credential)
    .where(eq(credential.personId, personId))
    .orderBy(credential.issuedOn, credential.versionId);
}

export function contributionsOf(db: DbOrTx, personId: string) {
  return db.select().from(contribution).where(eq(contribution.personId, personId)).orderBy(contribution.occurredOn);
}

export function insertContribution(db: DbOrTx, v: typeof contribution.$inferInsert) {
  return db
    .insert(contribution)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export interface CategoryCounts {
  cityCode: string;
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  composite: number;
}

/**
 * The plan's categories per person on calendar day `asOf`, as recorded at `knownAt`:
 * T1 digital-skills talent, T2 leaders among T1, T3 solution designers, T4 digital engineers,
 * and 复合型 数字+制造 (a digital credential with a manufacturing occupation credential or post).
 * "Digital" reads the occupation's flag as the reference data stood on `asOf`.
 */
export function categoryFlagsSql(asOf: string, knownAt: Date, rules: CategoryRules, personIds?: string[]) {
  const only = (col: SQL) => (personIds ? sql`and ${col} = any(${sql.param(personIds)}::uuid[])` : sql``);
  const manufacturing = sql.join(
    rules.manufacturingPrefixes.map((p) => sql`c.occupation_code like ${p + '%'}`),
    sql` or `,
  );
  const manufacturingPost = sql.join(
    rules.manufacturingPrefixes.map((p) => sql`e.occupation_code like ${p + '%'}`),
    sql` or `,
  );
  return sql`
    with occ as (
      select code, coalesce((attrs->>'digital')::boolean, false) as digital
      from reference_item
      where kind = 'occupation' and valid_from <= ${asOf}::date and (valid_to is null or valid_to > ${asOf}::date)
    ),
    cur as (
      select c.*, coalesce(occ.digital, false) as occ_digital
      from credential c left join occ on occ.code = c.occupation_code
      where c.recorded_at <= ${knownAt.toISOString()}::timestamptz
        and (c.superseded_at is null or c.superseded_at > ${knownAt.toISOString()}::timestamptz)
        and c.issued_on <= ${asOf}::date
        and (c.revoked_on is null or c.revoked_on > ${asOf}::date)
        and (c.expires_on is null or c.expires_on >= ${asOf}::date)
        ${only(sql`c.person_id`)}
    ),
    flags as (
      select c.person_id,
        bool_or(c.kind = 'digital_engineer'
             or (c.kind = 'skill_cert' and c.occ_digital)
             or (c.kind = 'training_completion' and (c.digital or c.occ_digital))) as t1,
        bool_or(c.kind = 'designation' and c.field = ${rules.leaderDesignation}) as leader,
        bool_or(c.kind = 'skill_cert' and c.occupation_code = ${rules.solutionDesignerOccupation}) as t3,
        bool_or(c.kind = 'digital_engineer') as t4,
        bool_or(c.kind in ('skill_cert', 'training_completion') and (${manufacturing})) as mfg_cert,
        bool_or(c.kind = 'skill_cert' and c.level_code in (
          select code from reference_item where kind = 'skill_level' and valid_to is null and attrs->>'highSkill' = 'true')) as high_skill
      from cur c group by c.person_id
    ),
    city as (
      select distinct on (pc.person_id) pc.person_id, pc.city_code
      from person_city pc
      where pc.valid_from <= ${asOf}::date and (pc.valid_to is null or pc.valid_to > ${asOf}::date)
        ${only(sql`pc.person_id`)}
      order by pc.person_id, pc.valid_from desc
    )
    select f.person_id, city.city_code,
      coalesce(f.t1, false) as t1, coalesce(f.t1 and f.leader, false) as t2, coalesce(f.t3, false) as t3,
      coalesce(f.t4, false) as t4, coalesce(f.high_skill, false) as high_skill,
      coalesce(f.t1 and (coalesce(f.mfg_cert, false) or exists (
         select 1 from employment e where e.person_id = f.person_id and (${manufacturingPost})
           and e.from_date <= ${asOf}::date and (e.to_date is null or e.to_date >= ${asOf}::date))), false) as composite
    from flags f
    join city on city.person_id = f.person_id
    join person p on p.id = f.person_id and p.merged_into is null`;
}

export async function categoryCountsByCity(
  db: DbOrTx,
  asOf: string,
  knownAt: Date,
  rules: CategoryRules,
): Promise<CategoryCounts[]> {
  const r = await db.execute<{
    city_code: string;
    t1: number;
    t2: number;
    t3: number;
    t4: number;
    composite: number;
  }>(sql`
    select city_code, count(*) filter (where t1)::int as t1, count(*) filter (where t2)::int as t2,
           count(*) filter (where t3)::int as t3, count(*) filter (where t4)::int as t4,
           count(*) filter (where composite)::int as composite
    from (${categoryFlagsSql(asOf, knownAt, rules)}) x
    group by city_code order by city_code`);
  return r.rows.map((x) => ({ cityCode: x.city_code, t1: x.t1, t2: x.t2, t3: x.t3, t4: x.t4, composite: x.composite }));
}

export async function categoriesOfPerson(
  db: DbOrTx,
  personId: string,
  asOf: string,
  knownAt: Date,
  rules: CategoryRules,
) {
  const r = await db.execute<{ t1: boolean; t2: boolean; t3: boolean; t4: boolean; composite: boolean }>(
    categoryFlagsSql(asOf, knownAt, rules, [personId]),
  );
  const f = r.rows[0];
  return { t1: !!f?.t1, t2: !!f?.t2, t3: !!f?.t3, t4: !!f?.t4, composite: !!f?.composite };
}

/** Every new person belongs to their record's city from the start of records. */
export function insertPersonCities(db: DbOrTx, personIds: string[]) {
  if (!personIds.length) return Promise.resolve();
  return db.execute(sql`
    insert into person_city (person_id, city_code, valid_from)
    select id, city_code, date '1900-01-01' from person where id = any(${sql.param(personIds)}::uuid[])`);
}

/** A move: the old city ends the day before `from`, the new one starts on it. */
export async function moveCity(db: DbOrTx, personId: string, cityCode: string, from: string) {
  await db.execute(sql`
    update person_city set valid_to = ${from}::date
    where person_id = ${personId} and valid_to is null and valid_from < ${from}::date`);
  await db.execute(sql`delete from person_city where person_id = ${personId} and valid_from >= ${from}::date`);
  await db.execute(
    sql`insert into person_city (person_id, city_code, valid_from) values (${personId}, ${cityCode}, ${from}::date)`,
  );
  await db.update(person).set({ cityCode }).where(eq(person.id, personId));
}

export function insertEmployment(db: DbOrTx, v: typeof employment.$inferInsert) {
  return db
    .insert(employment)
    .values(v)
    .returning()
    .then((r) => r[0]!);
}

export function getEmployment(db: DbOrTx, id: string) {
  return db
    .select()
    .from(employment)
    .where(eq(employment.id, id))
    .then((r) => r[0]);
}

export function endEmployment(db: DbOrTx, id: string, toDate: string) {
  return db
    .update(employment)
    .set({ toDate })
    .where(and(eq(employment.id, id), isNull(employment.toDate)))
    .returning()
    .then((r) => r[0]);
}

/** Merge: every record of the duplicate moves to the survivor; the duplicate stays, pointing at it. */
export async function mergePersons(db: DbOrTx, survivorId: string, duplicateId: string) {
  const move = async (table: typeof credential | typeof employment | typeof contribution) =>
    (await db.execute(sql`update ${table} set person_id = ${survivorId} where person_id = ${duplicateId}`)).rowCount ??
    0;
  const moved = {
    credentials: await move(credential),
    employments: await move(employment),
    contributions: await move(contribution),
  };
  await db.update(person).set({ mergedInto: survivorId }).where(eq(person.id, duplicateId));
  return moved;
}

/**
 * person_category holds each person's categories *today*: recomputed for the persons a change
 * touches (in the change's transaction) and for everyone by the daily job (dates move on:
 * certificates start and expire). Lists filter by it and "now" counts read it.
 */
export async function refreshPersonCategories(
  db: DbOrTx,
  today: string,
  now: Date,
  rules: CategoryRules,
  personIds?: string[],
) {
  if (personIds && personIds.length === 0) return 0;
  if (personIds)
    await db.execute(sql`delete from person_category where person_id = any(${sql.param(personIds)}::uuid[])`);
  else await db.execute(sql`delete from person_category`);
  const r = await db.execute(sql`
    insert into person_category (person_id, city_code, t1, t2, t3, t4, composite, high_skill, as_of, computed_at)
    select person_id, city_code, t1, t2, t3, t4, composite, coalesce(high_skill, false), ${today}::date, ${now.toISOString()}::timestamptz
    from (${categoryFlagsSql(today, now, rules, personIds)}) f`);
  return r.rowCount ?? 0;
}

export async function categoryCountsNow(db: DbOrTx) {
  const r = await db.execute<{
    city_code: string;
    t1: number;
    t2: number;
    t3: number;
    t4: number;
    composite: number;
  }>(sql`
    select city_code, count(*) filter (where t1)::int as t1, count(*) filter (where t2)::int as t2,
           count(*) filter (where t3)::int as t3, count(*) filter (where t4)::int as t4,
           count(*) filter (where composite)::int as composite
    from person_category group by city_code order by city_code`);
  return r.rows.map((x) => ({ cityCode: x.city_code, t1: x.t1, t2: x.t2, t3: x.t3, t4: x.t4, composite: x.composite }));
}
