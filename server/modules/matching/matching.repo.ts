import { and, asc, count, desc, eq, gt, ilike, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { scopeFilter } from '../../kernel/auth/scope.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import type { ApplicationStatus, DemandStatus } from '../../../contracts/matching.js';
import { demand, matchApplication, matchingChange, talentIntention } from './matching.schema.js';

export type DemandDb = typeof demand.$inferSelect;
export type DemandInsert = typeof demand.$inferInsert;
export type DemandRow = DemandDb & { orgName: string };
export type IntentionDb = typeof talentIntention.$inferSelect;
export type ApplicationDb = typeof matchApplication.$inferSelect;

const D = demand;
const A = matchApplication;
const I = talentIntention;
const C = matchingChange;

const withOrg = { d: D, orgName: organisation.name };
const toRow = (r: { d: DemandDb; orgName: string | null }): DemandRow => ({ ...r.d, orgName: r.orgName ?? '' });

// ---------------------------------------------------------------- demands

export async function getDemand(db: DbOrTx, id: string, lock = false): Promise<DemandRow | undefined> {
  const q = db.select(withOrg).from(D).leftJoin(organisation, eq(organisation.id, D.orgId)).where(eq(D.id, id));
  const [row] = lock ? await q.for('update', { of: D }) : await q;
  return row && toRow(row);
}

export async function demandsByIds(db: DbOrTx, ids: string[]): Promise<DemandRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(withOrg)
    .from(D)
    .leftJoin(organisation, eq(organisation.id, D.orgId))
    .where(inArray(D.id, ids));
  return rows.map(toRow);
}

export async function insertDemand(tx: DbOrTx, v: DemandInsert): Promise<DemandDb> {
  const [row] = await tx.insert(D).values(v).returning();
  return row!;
}

/** Bulk load (the demo generator): demands and intentions in chunks, no per-row round trip. */
export async function bulkInsert(
  tx: DbOrTx,
  demands: DemandInsert[],
  intentions: (typeof talentIntention.$inferInsert)[],
): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < demands.length; i += CHUNK) await tx.insert(D).values(demands.slice(i, i + CHUNK));
  for (let i = 0; i < intentions.length; i += CHUNK)
    await tx
      .insert(I)
      .values(intentions.slice(i, i + CHUNK))
      .onConflictDoNothing();
}

export async function updateDemand(tx: DbOrTx, id: string, patch: Partial<DemandInsert>): Promise<DemandDb> {
  const [row] = await tx.update(D).set(patch).where(eq(D.id, id)).returning();
  return row!;
}

/** Moves a demand only if it is still in one of the expected states (the transition re-checked in the transaction). */
export async function moveDemand(
  tx: DbOrTx,
  id: string,
  from: readonly DemandStatus[],
  patch: Partial<DemandInsert>,
): Promise<DemandDb | undefined> {
  const [row] = await tx
    .update(D)
    .set(patch)
    .where(and(eq(D.id, id), inArray(D.status, [...from])))
    .returning();
  return row;
}

export interface DemandFilters {
  city?: string;
  chain?: string;
  occupation?: string;
  status?: DemandStatus;
  q?: string;
  limit: number;
  offset: number;
}

export async function listDemands(db: DbOrTx, actor: Actor, f: DemandFilters) {
  const where = and(
    scopeFilter(actor, { city: D.cityCode, org: D.orgId }),
    f.city ? eq(D.cityCode, f.city) : undefined,
    f.chain ? eq(D.chain, f.chain) : undefined,
    f.occupation ? sql`${D.occupationCode} like ${f.occupation.replace(/[%_\\]/g, '\\$&') + '%'}` : undefined,
    f.status ? eq(D.status, f.status) : undefined,
    f.q ? ilike(D.title, `%${f.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(withOrg)
      .from(D)
      .leftJoin(organisation, eq(organisation.id, D.orgId))
      .where(where)
      .orderBy(desc(D.createdAt), asc(D.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(D).where(where),
  ]);
  return { items: rows.map(toRow), total: total?.n ?? 0 };
}

/** Draft and open demands (what the index holds), or these ids. */
export function indexedDemands(db: DbOrTx, ids?: string[]): Promise<DemandDb[]> {
  return db
    .select()
    .from(D)
    .where(ids ? inArray(D.id, ids) : inArray(D.status, ['draft', 'open']))
    .orderBy(asc(D.id));
}

/** Demands open at the end of the Asia/Shanghai day `asOf` (opened by then, not yet filled or closed). */
export function demandsOpenAt(db: DbOrTx, asOf: string, cityCode?: string | null): Promise<DemandDb[]> {
  const end = sql`(${asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  return db
    .select()
    .from(D)
    .where(
      and(
        sql`${D.openedAt} < ${end}`,
        sql`(${D.endedAt} is null or ${D.endedAt} >= ${end})`,
        cityCode ? eq(D.cityCode, cityCode) : undefined,
      ),
    )
    .orderBy(asc(D.id));
}

/** Existing draft/open demand of an organisation with the same title, occupation and city (import idempotency). */
export async function sameDemandKeys(tx: DbOrTx, orgId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ title: D.title, occ: D.occupationCode, city: D.cityCode })
    .from(D)
    .where(and(eq(D.orgId, orgId), inArray(D.status, ['draft', 'open'])));
  return new Set(rows.map((r) => demandKey(r.title, r.occ, r.city)));
}
export const demandKey = (title: string, occ: string, city: string) => `${title}\u0000${occ}\u0000${city}`;

/** Positions of demands open at some time up to the end of `asOf` in its year, and hires in the same demands. */
export async function placement(db: DbOrTx, from: string, asOf: string, cityCode: string | null) {
  const start = sql`${from}::timestamp at time zone 'Asia/Shanghai'`;
  const end = sql`(${asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  const r = await db.execute<{ positions: number; hires: number }>(sql`
    select coalesce(sum(d.headcount), 0)::int as positions,
           coalesce(sum((select count(*) from match_application a
                         where a.demand_id = d.id and a.status = 'hired' and a.hired_at < ${end})), 0)::int as hires
    from demand d
    where d.opened_at < ${end} and (d.ended_at is null or d.ended_at >= ${start})
      ${cityCode ? sql`and d.city_code = ${cityCode}` : sql``}`);
  return r.rows[0] ?? { positions: 0, hires: 0 };
}

// ---------------------------------------------------------------- intentions

export async function getIntention(db: DbOrTx, personId: string): Promise<IntentionDb | undefined> {
  const [row] = await db.select().from(I).where(eq(I.personId, personId));
  return row;
}

export async function intentionsOf(db: DbOrTx, ids: string[] | null): Promise<IntentionDb[]> {
  if (ids && ids.length === 0) return [];
  return db
    .select()
    .from(I)
    .where(ids ? inArray(I.personId, ids) : undefined);
}

export async function upsertIntention(tx: DbOrTx, v: typeof talentIntention.$inferInsert): Promise<IntentionDb> {
  const [row] = await tx
    .insert(I)
    .values(v)
    .onConflictDoUpdate({ target: I.personId, set: { ...v } })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- applications

export async function getApplication(db: DbOrTx, id: string, lock = false): Promise<ApplicationDb | undefined> {
  const q = db.select().from(A).where(eq(A.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findApplication(db: DbOrTx, demandId: string, personId: string) {
  const [row] = await db
    .select()
    .from(A)
    .where(and(eq(A.demandId, demandId), eq(A.personId, personId)));
  return row;
}

export async function insertApplication(
  tx: DbOrTx,
  v: typeof matchApplication.$inferInsert,
): Promise<ApplicationDb | undefined> {
  const [row] = await tx
    .insert(A)
    .values(v)
    .onConflictDoNothing({ target: [A.demandId, A.personId] })
    .returning();
  return row;
}

export async function moveApplication(
  tx: DbOrTx,
  id: string,
  from: readonly ApplicationStatus[],
  patch: Partial<typeof matchApplication.$inferInsert>,
): Promise<ApplicationDb | undefined> {
  const [row] = await tx
    .update(A)
    .set(patch)
    .where(and(eq(A.id, id), inArray(A.status, [...from])))
    .returning();
  return row;
}

export function applicationsOfDemand(db: DbOrTx, demandId: string, personIds: string[]): Promise<ApplicationDb[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(A)
    .where(and(eq(A.demandId, demandId), inArray(A.personId, personIds)));
}

export function applicationsOfPerson(db: DbOrTx, personId: string, demandIds: string[]): Promise<ApplicationDb[]> {
  if (demandIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(A)
    .where(and(eq(A.personId, personId), inArray(A.demandId, demandIds)));
}

export async function listApplications(
  db: DbOrTx,
  who: { actor: Actor } | { personId: string },
  f: { demandId?: string; status?: ApplicationStatus; limit: number; offset: number },
) {
  const where = and(
    'actor' in who ? scopeFilter(who.actor, { city: A.cityCode, org: A.orgId }) : eq(A.personId, who.personId),
    f.demandId ? eq(A.demandId, f.demandId) : undefined,
    f.status ? eq(A.status, f.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(A).where(where).orderBy(desc(A.updatedAt), asc(A.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(A).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------- the change log (ADR 0010)

export async function appendChanges(tx: DbOrTx, kind: 'talent' | 'demand' | 'all', ids: (string | null)[]) {
  if (ids.length === 0) return;
  await tx.insert(C).values(ids.map((refId) => ({ kind, refId })));
}

export async function lastChange(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ seq: sql<string | null>`max(${C.seq})::text` }).from(C);
  return Number(row?.seq ?? 0);
}

/** Deletes changes recorded before `before`, always keeping the newest `keep` rows. */
export async function pruneChanges(db: DbOrTx, before: Date, keep: number): Promise<number> {
  const r = await db.execute(sql`
    delete from matching_change
    where at < ${before.toISOString()}::timestamptz
      and seq <= (select coalesce(max(seq), 0) - ${keep} from matching_change)`);
  return r.rowCount ?? 0;
}

export function changesAfter(db: DbOrTx, seq: number, limit: number) {
  return db
    .select({ seq: C.seq, kind: C.kind, refId: C.refId })
    .from(C)
    .where(gt(C.seq, seq))
    .orderBy(asc(C.seq))
    .limit(limit);
}

/** The city of an organisation (kernel identity table, joined for display and defaults). */
export async function orgCity(db: DbOrTx, orgId: string): Promise<string | undefined> {
  const [row] = await db.select({ city: organisation.cityCode }).from(organisation).where(eq(organisation.id, orgId));
  return row?.city;
}
