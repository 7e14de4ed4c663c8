/**
 * All SQL of matching events (对接活动), expert visits (助企行) and the A7/A8 counts. Every
 * function takes db | tx. Person names and organisations are read through joins for display only.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { scopeFilter } from '../../kernel/auth/scope.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import type { EventStatus } from '../../../contracts/matching-events.js';
import { matchEvent, matchEventEnterprise, matchEventTalent, matchVisit } from './matching.events.schema.js';
import { demand } from './matching.schema.js';

export type EventDb = typeof matchEvent.$inferSelect;
export type EventEnterpriseDb = typeof matchEventEnterprise.$inferSelect;
export type EventTalentDb = typeof matchEventTalent.$inferSelect;
export type VisitDb = typeof matchVisit.$inferSelect;

const E = matchEvent;
const EE = matchEventEnterprise;
const ET = matchEventTalent;
const V = matchVisit;

const yearRange = (col: AnyPgColumn, year: number | undefined) =>
  year === undefined ? undefined : sql`${col} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`;

// ---------------------------------------------------------------- events

export async function getEvent(db: DbOrTx, id: string, lock = false): Promise<EventDb | undefined> {
  const q = db.select().from(E).where(eq(E.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertEvent(tx: DbOrTx, v: typeof matchEvent.$inferInsert): Promise<EventDb> {
  const [row] = await tx.insert(E).values(v).returning();
  return row!;
}

export async function updateEvent(tx: DbOrTx, id: string, patch: Partial<typeof matchEvent.$inferInsert>) {
  const [row] = await tx.update(E).set(patch).where(eq(E.id, id)).returning();
  return row!;
}

/** Moves an event only if it is still in one of the expected states. */
export async function moveEvent(
  tx: DbOrTx,
  id: string,
  from: readonly EventStatus[],
  patch: Partial<typeof matchEvent.$inferInsert>,
): Promise<EventDb | undefined> {
  const [row] = await tx
    .update(E)
    .set(patch)
    .where(and(eq(E.id, id), inArray(E.status, [...from])))
    .returning();
  return row;
}

/**
 * Events in the actor's reach: the province all, a city admin their city's, an enterprise those it
 * is on (invited or checked in).
 */
function eventScope(actor: Actor): SQL {
  const inEvent = sql`exists (select 1 from ${EE} where ${EE.eventId} = ${E.id} and ${EE.orgId} = ${actor.orgId ?? null}::uuid)`;
  if (actor.roles.includes('enterprise') && actor.orgId)
    return sql`(${scopeFilter(actor, { city: E.cityCode })} or ${inEvent})`;
  return scopeFilter(actor, { city: E.cityCode });
}

export async function listEvents(
  db: DbOrTx,
  actor: Actor,
  f: { city?: string; year?: number; status?: EventStatus; limit: number; offset: number },
) {
  const where = and(
    eventScope(actor),
    f.city ? eq(E.cityCode, f.city) : undefined,
    yearRange(E.eventDate, f.year),
    f.status ? eq(E.status, f.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(E).where(where).orderBy(desc(E.eventDate), asc(E.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(E).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function isOnEvent(db: DbOrTx, eventId: string, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(EE)
    .where(and(eq(EE.eventId, eventId), eq(EE.orgId, orgId)));
  return (row?.n ?? 0) > 0;
}

export interface EventCounts {
  enterprisesInvited: number;
  talentsInvited: number;
  enterprisesCheckedIn: number;
  talentsCheckedIn: number;
}

export async function countsOf(db: DbOrTx, ids: string[]): Promise<Map<string, EventCounts>> {
  const out = new Map<string, EventCounts>();
  for (const id of ids)
    out.set(id, { enterprisesInvited: 0, talentsInvited: 0, enterprisesCheckedIn: 0, talentsCheckedIn: 0 });
  if (ids.length === 0) return out;
  const ents = await db
    .select({
      id: EE.eventId,
      invited: sql<number>`count(*) filter (where ${EE.source} = 'prematch')::int`,
      checked: sql<number>`count(${EE.checkedInAt})::int`,
    })
    .from(EE)
    .where(inArray(EE.eventId, ids))
    .groupBy(EE.eventId);
  const tals = await db
    .select({
      id: ET.eventId,
      invited: sql<number>`count(*) filter (where ${ET.source} = 'prematch')::int`,
      checked: sql<number>`count(${ET.checkedInAt})::int`,
    })
    .from(ET)
    .where(inArray(ET.eventId, ids))
    .groupBy(ET.eventId);
  for (const r of ents)
    Object.assign(out.get(r.id)!, { enterprisesInvited: r.invited, enterprisesCheckedIn: r.checked });
  for (const r of tals) Object.assign(out.get(r.id)!, { talentsInvited: r.invited, talentsCheckedIn: r.checked });
  return out;
}

export async function enterprisesOf(db: DbOrTx, eventId: string, orgId?: string) {
  return db
    .select({ e: EE, orgName: organisation.name })
    .from(EE)
    .leftJoin(organisation, eq(organisation.id, EE.orgId))
    .where(and(eq(EE.eventId, eventId), orgId ? eq(EE.orgId, orgId) : undefined))
    .orderBy(asc(organisation.name), asc(EE.orgId));
}

export async function talentsOf(db: DbOrTx, eventId: string, orgId?: string) {
  return db
    .select({ t: ET, name: sql<string | null>`(select name from person p where p.id = ${ET.personId})` })
    .from(ET)
    .where(and(eq(ET.eventId, eventId), orgId ? eq(ET.orgId, orgId) : undefined))
    .orderBy(desc(sql`coalesce(${ET.score}, -1)`), asc(ET.personId));
}

export async function demandTitles(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { title: string; headcount: number }>();
  const rows = await db
    .select({ id: demand.id, title: demand.title, headcount: demand.headcount })
    .from(demand)
    .where(inArray(demand.id, ids));
  return new Map(rows.map((r) => [r.id, { title: r.title, headcount: r.headcount }]));
}

/** Open demands in a city (optionally of these chains), with their enterprise, for the pre-matched invite list. */
export function openDemandsFor(db: DbOrTx, cityCode: string, chains: string[]) {
  return db
    .select({ id: demand.id, orgId: demand.orgId, title: demand.title, headcount: demand.headcount })
    .from(demand)
    .where(
      and(
        eq(demand.status, 'open'),
        eq(demand.cityCode, cityCode),
        chains.length ? inArray(demand.chain, chains) : undefined,
      ),
    )
    .orderBy(asc(demand.orgId), asc(demand.id));
}

/** Replaces the pre-matched rows that were not checked in; checked-in and walk-in rows stay. */
export async function replaceInvitations(
  tx: DbOrTx,
  eventId: string,
  enterprises: { orgId: string; demandIds: string[] }[],
  talents: { personId: string; demandId: string; orgId: string; score: number }[],
  at: Date,
) {
  await tx.delete(EE).where(and(eq(EE.eventId, eventId), eq(EE.source, 'prematch'), sql`${EE.checkedInAt} is null`));
  await tx.delete(ET).where(and(eq(ET.eventId, eventId), eq(ET.source, 'prematch'), sql`${ET.checkedInAt} is null`));
  const chunk = 1_000;
  for (let i = 0; i < enterprises.length; i += chunk)
    await tx
      .insert(EE)
      .values(
        enterprises.slice(i, i + chunk).map((e) => ({
          eventId,
          orgId: e.orgId,
          source: 'prematch' as const,
          demandIds: e.demandIds,
          createdAt: at,
        })),
      )
      .onConflictDoUpdate({ target: [EE.eventId, EE.orgId], set: { demandIds: sql`excluded.demand_ids` } });
  for (let i = 0; i < talents.length; i += chunk)
    await tx
      .insert(ET)
      .values(talents.slice(i, i + chunk).map((t) => ({ eventId, ...t, source: 'prematch' as const, createdAt: at })))
      .onConflictDoUpdate({
        target: [ET.eventId, ET.personId],
        set: { demandId: sql`excluded.demand_id`, orgId: sql`excluded.org_id`, score: sql`excluded.score` },
      });
}

/** Checks an enterprise in (a walk-in row when it was not invited); the row before and after. */
export async function checkInEnterprise(tx: DbOrTx, eventId: string, orgId: string, at: Date) {
  const [before] = await tx
    .select()
    .from(EE)
    .where(and(eq(EE.eventId, eventId), eq(EE.orgId, orgId)));
  if (before?.checkedInAt) return { before, after: before };
  const [after] = before
    ? await tx
        .update(EE)
        .set({ checkedInAt: at })
        .where(and(eq(EE.eventId, eventId), eq(EE.orgId, orgId)))
        .returning()
    : await tx.insert(EE).values({ eventId, orgId, source: 'walk_in', checkedInAt: at, createdAt: at }).returning();
  return { before, after: after! };
}

export async function checkInTalent(tx: DbOrTx, eventId: string, personId: string, at: Date) {
  const [before] = await tx
    .select()
    .from(ET)
    .where(and(eq(ET.eventId, eventId), eq(ET.personId, personId)));
  if (before?.checkedInAt) return { before, after: before };
  const [after] = before
    ? await tx
        .update(ET)
        .set({ checkedInAt: at })
        .where(and(eq(ET.eventId, eventId), eq(ET.personId, personId)))
        .returning()
    : await tx.insert(ET).values({ eventId, personId, source: 'walk_in', checkedInAt: at, createdAt: at }).returning();
  return { before, after: after! };
}

/**
 * Outcomes of the flow linked to an event: applications created since the event was set up,
 * either for a pre-matched pair (demand × talent of the list) or between an enterprise and a
 * talent that both checked in. Interviews count applications that reached an interview or
 * later, offers those offered or hired.
 */
export async function linkedOutcomes(db: DbOrTx, ev: EventDb) {
  const r = await db.execute<{ interviews: number; offers: number; hires: number }>(sql`
    with linked as (
      select distinct a.id, a.status from match_application a
      where a.created_at >= ${ev.createdAt}
        and (exists (select 1 from match_event_talent t
                     where t.event_id = ${ev.id} and t.demand_id = a.demand_id and t.person_id = a.person_id)
             or (exists (select 1 from match_event_enterprise e
                         where e.event_id = ${ev.id} and e.org_id = a.org_id and e.checked_in_at is not null)
                 and exists (select 1 from match_event_talent t
                             where t.event_id = ${ev.id} and t.person_id = a.person_id and t.checked_in_at is not null))))
    select count(*) filter (where status in ('interviewing', 'offered', 'offer_accepted', 'hired'))::int as interviews,
           count(*) filter (where status in ('offered', 'offer_accepted', 'hired'))::int as offers,
           count(*) filter (where status = 'hired')::int as hires
    from linked`);
  return r.rows[0] ?? { interviews: 0, offers: 0, hires: 0 };
}

// ---------------------------------------------------------------- organisations and persons (display, checks)

export async function orgBrief(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: organisation.id,
      name: organisation.name,
      cityCode: organisation.cityCode,
      kind: organisation.kind,
      status: organisation.status,
    })
    .from(organisation)
    .where(eq(organisation.id, id));
  return row;
}

export async function personName(db: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
  const r = await db.execute<{ id: string; name: string }>(
    sql`select id, name from person where id = ${id} and merged_into is null`,
  );
  return r.rows[0];
}

/**
 * The person if within a city's reach: living in the city or (withIntention) with a job-seeking
 * intention for it (the city among the intention's cities, or any city). Otherwise undefined, as
 * for a person that does not exist (no existence or name leaks across cities).
 */
export async function personWithin(
  db: DbOrTx,
  id: string,
  cityCode: string,
  withIntention: boolean,
): Promise<{ id: string; name: string } | undefined> {
  const r = await db.execute<{ id: string; name: string }>(
    sql`select p.id, p.name from person p
        where p.id = ${id} and p.merged_into is null
          and (p.city_code = ${cityCode}
               or (${withIntention} and exists (select 1 from talent_intention i
                                                where i.person_id = p.id
                                                  and (i.any_city or ${cityCode} = any(i.cities)))))`,
  );
  return r.rows[0];
}

// ---------------------------------------------------------------- visits

export async function insertVisit(tx: DbOrTx, v: typeof matchVisit.$inferInsert): Promise<VisitDb> {
  const [row] = await tx.insert(V).values(v).returning();
  return row!;
}

export async function listVisits(
  db: DbOrTx,
  actor: Actor,
  f: { city?: string; year?: number; limit: number; offset: number },
) {
  const where = and(
    scopeFilter(actor, { city: V.cityCode, org: V.orgId }),
    f.city ? eq(V.cityCode, f.city) : undefined,
    yearRange(V.visitDate, f.year),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        v: V,
        orgName: organisation.name,
        expertName: sql<string | null>`(select name from person p where p.id = ${V.expertPersonId})`,
        expertCity: sql<string | null>`(select city_code from person p where p.id = ${V.expertPersonId})`,
      })
      .from(V)
      .leftJoin(organisation, eq(organisation.id, V.orgId))
      .where(where)
      .orderBy(desc(V.visitDate), desc(V.createdAt), asc(V.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(V).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------- A7 / A8

/** Events held (held or closed) per city with a date in asOf's year up to asOf; as known at knownAt. */
export async function eventsHeld(db: DbOrTx, asOf: string, knownAt?: Date) {
  const r = await db.execute<{ city_code: string; n: number }>(sql`
    select city_code, count(*)::int as n from match_event
    where event_date between date_trunc('year', ${asOf}::date)::date and ${asOf}::date
      and held_at is not null ${knownAt ? sql`and held_at <= ${knownAt}` : sql``}
    group by city_code`);
  return new Map(r.rows.map((x) => [x.city_code, x.n]));
}

/**
 * Distinct enterprises served in asOf's year up to asOf: checked in at a held event, or visited
 * by an expert. Each enterprise counts once, in its own city (so the province is the sum).
 */
export async function enterprisesServed(db: DbOrTx, asOf: string, knownAt?: Date) {
  const r = await db.execute<{ city_code: string; n: number }>(sql`
    with served as (
      select e.org_id from match_event_enterprise e join match_event ev on ev.id = e.event_id
      where e.checked_in_at is not null and ev.held_at is not null
        and ev.event_date between date_trunc('year', ${asOf}::date)::date and ${asOf}::date
        ${knownAt ? sql`and ev.held_at <= ${knownAt} and e.checked_in_at <= ${knownAt}` : sql``}
      union
      select v.org_id from match_visit v
      where v.visit_date between date_trunc('year', ${asOf}::date)::date and ${asOf}::date
        ${knownAt ? sql`and v.created_at <= ${knownAt}` : sql``}
    )
    select o.city_code, count(distinct s.org_id)::int as n
    from served s join organisation o on o.id = s.org_id
    group by o.city_code`);
  return new Map(r.rows.map((x) => [x.city_code, x.n]));
}
