import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import { employment, person } from './registry.schema.js';

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

export async function listPersons(
  db: DbOrTx,
  scope: SQL,
  f: { cityCode?: string; q?: string; limit: number; offset: number },
) {
  const where = and(
    scope,
    f.cityCode ? eq(person.cityCode, f.cityCode) : undefined,
    f.q ? sql`${person.name} like ${f.q.replace(/[%_\\]/g, (m) => '\\' + m) + '%'}` : undefined,
  );
  const [items, total] = await Promise.all([
    db.select().from(person).where(where).orderBy(person.name, person.id).limit(f.limit).offset(f.offset),
    db
      .select({ n: count() })
      .from(person)
      .where(where)
      .then((r) => r[0]?.n ?? 0),
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
