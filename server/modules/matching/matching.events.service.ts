/**
 * Matching events (对接活动) and expert service visits (劳模工匠助企行): use cases with permission,
 * scope (a city admin its city's, the province all; objects out of reach are 404), the state
 * rules re-checked inside the transaction, and an audit row in the same transaction.
 */
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, invalid } from '../../kernel/errors/app-error.js';
import { assertPermission, assertReach } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { shanghaiDate } from '../../kernel/time.js';
import {
  EVENT_STATUS_LABELS,
  EVENT_TRANSITIONS,
  type CheckinInput,
  type CreateEvent,
  type CreateVisit,
  type EventListQuery,
  type EventOutcomesInput,
  type EventStatus,
  type MatchEvent,
  type MatchEventDetail,
  type VisitListQuery,
  type VisitPage,
} from '../../../contracts/matching-events.js';
import type { MatchingService } from './matching.service.js';
import * as repo from './matching.events.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const maskName = (name: string) => (name ? name.slice(0, 1) + '*'.repeat(Math.max(1, [...name].length - 1)) : '*');

/** Why a transition is refused (null = allowed). */
export function eventRefusal(
  action: 'held' | 'closed' | 'invitations' | 'checkin' | 'outcomes',
  ev: { status: EventStatus; eventDate: string },
  today: string,
): string | null {
  const label = EVENT_STATUS_LABELS[ev.status];
  switch (action) {
    case 'held':
      if (!EVENT_TRANSITIONS.held.includes(ev.status)) return `活动${label}，不能再标记为已举办`;
      if (ev.eventDate > today) return `活动日期（${ev.eventDate}）未到，不能标记为已举办`;
      return null;
    case 'closed':
      return EVENT_TRANSITIONS.closed.includes(ev.status) ? null : `活动${label}，只有已举办的活动可以结束`;
    case 'invitations':
      return ev.status === 'planned' ? null : `活动${label}，邀请名单只能在筹备中生成`;
    case 'checkin':
      if (ev.status === 'closed') return '活动已结束，不能再签到';
      if (ev.eventDate > today) return `活动日期（${ev.eventDate}）未到，不能签到`;
      return null;
    case 'outcomes':
      return ev.status === 'held' ? null : `活动${label}，只有已举办（未结束）的活动可以登记成效`;
  }
}

export interface PreMatchOptions {
  perDemand: number;
}

export function createEventsService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'cities'>;
  matching: Pick<MatchingService, 'index' | 'policy' | 't5Pool'>;
}) {
  const { db, clock } = deps;
  const today = () => shanghaiDate(clock());

  async function cityNames(): Promise<Map<string, string>> {
    return new Map([...(await deps.reference.cities()).values()].map((c) => [c.code, c.name]));
  }

  async function activeCity(code: string): Promise<boolean> {
    return (await deps.reference.cities()).get(code)?.attrs.status === 'active';
  }

  const isEnterprise = (actor: Actor) =>
    actor.roles.includes('enterprise') &&
    !actor.roles.includes('province_admin') &&
    !actor.roles.includes('city_admin');

  /** An event in the actor's reach (404 otherwise): its city for admins, being on its list for an enterprise. */
  async function reachEvent(actor: Actor, id: string, tx: DbOrTx = db, lock = false): Promise<repo.EventDb> {
    const ev = await repo.getEvent(tx, id, lock);
    const onList = ev && actor.orgId && isEnterprise(actor) ? await repo.isOnEvent(tx, ev.id, actor.orgId) : false;
    assertReach(actor, ev ? { cityCode: ev.cityCode, orgId: onList ? actor.orgId : null } : null, '对接活动');
    return ev!;
  }

  function eventDto(ev: repo.EventDb, names: Map<string, string>, c: repo.EventCounts): MatchEvent {
    return {
      id: ev.id,
      cityCode: ev.cityCode,
      cityName: names.get(ev.cityCode) ?? ev.cityCode,
      date: ev.eventDate,
      title: ev.title,
      chains: ev.chains,
      venue: ev.venue,
      description: ev.description,
      status: ev.status,
      statusLabel: EVENT_STATUS_LABELS[ev.status],
      ...c,
      invitationsBuiltAt: iso(ev.invitationsBuiltAt),
      heldAt: iso(ev.heldAt),
      closedAt: iso(ev.closedAt),
      createdAt: ev.createdAt.toISOString(),
    };
  }

  const eventAudit = (ev: repo.EventDb) => ({
    cityCode: ev.cityCode,
    date: ev.eventDate,
    title: ev.title,
    chains: ev.chains,
    venue: ev.venue,
    status: ev.status,
    counted: { interviews: ev.countedInterviews, offers: ev.countedOffers, hires: ev.countedHires },
    outcomeNote: ev.outcomeNote,
  });

  async function detail(actor: Actor, ev: repo.EventDb, tx: DbOrTx = db): Promise<MatchEventDetail> {
    const only = isEnterprise(actor) ? (actor.orgId ?? undefined) : undefined;
    // One after the other: inside a transaction the queries share one connection.
    const names = await cityNames();
    const counts = await repo.countsOf(tx, [ev.id]);
    const ents = await repo.enterprisesOf(tx, ev.id, only);
    const tals = await repo.talentsOf(tx, ev.id, only);
    const linked = await repo.linkedOutcomes(tx, ev);
    const demandIds = [
      ...new Set([...ents.flatMap((e) => e.e.demandIds), ...tals.flatMap((t) => (t.t.demandId ? [t.t.demandId] : []))]),
    ];
    const demands = await repo.demandTitles(tx, demandIds);
    const counted = { interviews: ev.countedInterviews, offers: ev.countedOffers, hires: ev.countedHires };
    const day = today();
    return {
      ...eventDto(ev, names, counts.get(ev.id)!),
      next: (['held', 'closed'] as const).filter((s) => eventRefusal(s, ev, day) === null),
      enterprises: ents.map(({ e, orgName }) => ({
        orgId: e.orgId,
        orgName: orgName ?? '',
        source: e.source,
        demands: e.demandIds.map((id) => ({
          id,
          title: demands.get(id)?.title ?? '',
          headcount: demands.get(id)?.headcount ?? 0,
        })),
        checkedInAt: iso(e.checkedInAt),
      })),
      talents: tals.map(({ t, name }) => ({
        personId: t.personId,
        name: only ? maskName(name ?? '') : (name ?? ''),
        source: t.source,
        demandId: t.demandId,
        demandTitle: t.demandId ? (demands.get(t.demandId)?.title ?? null) : null,
        orgId: t.orgId,
        score: t.score,
        checkedInAt: iso(t.checkedInAt),
      })),
      outcomes: {
        linked,
        counted,
        total: {
          interviews: linked.interviews + counted.interviews,
          offers: linked.offers + counted.offers,
          hires: linked.hires + counted.hires,
        },
        note: ev.outcomeNote,
      },
    };
  }

  function refuse(action: Parameters<typeof eventRefusal>[0], ev: repo.EventDb) {
    const why = eventRefusal(action, ev, today());
    if (why) throw new AppError('INVALID_TRANSITION', why, { status: ev.status });
  }

  /**
   * The pre-matched invite list of an event: every open demand in its city (and chains) with its
   * best qualifying candidates from the live index (score ≥ the threshold, talents of the T5 pool:
   * open to work, or everyone when the policy says so). A talent on several demands' lists is
   * invited once, for the demand it scores best on (ties: demand id).
   */
  async function preMatch(ev: repo.EventDb, o: PreMatchOptions) {
    const [index, policy, pool, demands] = await Promise.all([
      deps.matching.index(),
      deps.matching.policy(),
      deps.matching.t5Pool(),
      repo.openDemandsFor(db, ev.cityCode, ev.chains),
    ]);
    const enterprises = new Map<string, string[]>();
    const best = new Map<string, { personId: string; demandId: string; orgId: string; score: number }>();
    for (const d of demands) {
      if (!index.getDemand(d.id)) continue;
      const list = enterprises.get(d.orgId) ?? [];
      list.push(d.id);
      enterprises.set(d.orgId, list);
      // Over-fetch: talents outside the pool are skipped.
      const top = index.topTalents(d.id, o.perDemand * 4, policy, { minScore: policy.threshold });
      let taken = 0;
      for (const c of top) {
        if (taken >= o.perDemand) break;
        if (!pool.all && !pool.openToWork.has(c.id)) continue;
        taken++;
        const prev = best.get(c.id);
        if (!prev || c.score > prev.score || (c.score === prev.score && d.id < prev.demandId))
          best.set(c.id, { personId: c.id, demandId: d.id, orgId: d.orgId, score: c.score });
      }
    }
    return {
      enterprises: [...enterprises].map(([orgId, demandIds]) => ({ orgId, demandIds })),
      talents: [...best.values()].sort((a, b) => (a.personId < b.personId ? -1 : 1)),
    };
  }

  const service = {
    async listEvents(actor: Actor, q: z.infer<typeof EventListQuery>) {
      assertPermission(actor, 'event.read');
      const { items, total } = await repo.listEvents(db, actor, {
        city: q.city,
        year: q.year,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const [names, counts] = await Promise.all([
        cityNames(),
        repo.countsOf(
          db,
          items.map((e) => e.id),
        ),
      ]);
      return { items: items.map((e) => eventDto(e, names, counts.get(e.id)!)), total };
    },

    async getEvent(actor: Actor, id: string): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.read');
      return detail(actor, await reachEvent(actor, id));
    },

    /** A city admin plans an event in their city; the province in any city. */
    async createEvent(actor: Actor, input: z.infer<typeof CreateEvent>): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.manage');
      if (!(await activeCity(input.cityCode)))
        throw invalid(`城市代码 ${input.cityCode} 不是山东省现行的地级市`, { field: 'cityCode' });
      assertReach(actor, { cityCode: input.cityCode, orgId: null }, '城市');
      return db.transaction(async (tx) => {
        const ev = await repo.insertEvent(tx, {
          cityCode: input.cityCode,
          eventDate: input.date,
          title: input.title,
          chains: [...new Set(input.chains)],
          venue: input.venue ?? null,
          description: input.description ?? null,
          createdBy: actor.userId,
          createdAt: clock(),
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'event.create',
          entity: 'match_event',
          entityId: ev.id,
          after: eventAudit(ev),
        });
        return detail(actor, ev, tx);
      });
    },

    /** Builds (again) the invite list from pre-matching; checked-in and walk-in rows are kept. */
    async buildInvitations(actor: Actor, id: string, o: PreMatchOptions): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.manage');
      const ev0 = await reachEvent(actor, id);
      refuse('invitations', ev0);
      const list = await preMatch(ev0, o);
      return db.transaction(async (tx) => {
        const ev = await reachEvent(actor, id, tx, true);
        refuse('invitations', ev);
        const at = clock();
        await repo.replaceInvitations(tx, ev.id, list.enterprises, list.talents, at);
        const after = await repo.updateEvent(tx, ev.id, {
          invitationsBuiltAt: at,
          updatedAt: at,
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'event.invitations',
          entity: 'match_event',
          entityId: ev.id,
          after: {
            perDemand: o.perDemand,
            enterprises: list.enterprises.length,
            talents: list.talents.length,
            orgIds: list.enterprises.map((e) => e.orgId),
          },
        });
        return detail(actor, after, tx);
      });
    },

    /** Checks an enterprise or a talent in (a walk-in when not invited); on or after the event's day, until it is closed. */
    async checkIn(actor: Actor, id: string, input: CheckinInput): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.manage');
      const event = await reachEvent(actor, id);
      if (input.orgId) {
        const org = await repo.orgBrief(db, input.orgId);
        if (!org || org.kind !== 'enterprise' || org.status === 'rejected')
          throw invalid('签到的企业不存在', { field: 'orgId' });
      } else if (!(await repo.personWithin(db, input.personId!, event.cityCode, true)))
        // Only a talent of the event's city or with an intention for it; anyone else answers as unknown.
        throw invalid('签到的人才不存在', { field: 'personId' });
      return db.transaction(async (tx) => {
        const ev = await reachEvent(actor, id, tx, true);
        refuse('checkin', ev);
        const at = clock();
        const r = input.orgId
          ? await repo.checkInEnterprise(tx, ev.id, input.orgId, at)
          : await repo.checkInTalent(tx, ev.id, input.personId!, at);
        if (!r.before?.checkedInAt)
          await audit(tx, actor, {
            action: 'event.checkin',
            entity: 'match_event',
            entityId: ev.id,
            before: r.before ? { source: r.before.source, checkedInAt: null } : null,
            after: {
              ...(input.orgId ? { orgId: input.orgId } : { personId: input.personId }),
              source: r.after.source,
              checkedInAt: at.toISOString(),
            },
          });
        return detail(actor, ev, tx);
      });
    },

    /** Outcomes outside the platform (counted by the organiser) of a held event. */
    async setOutcomes(actor: Actor, id: string, input: z.infer<typeof EventOutcomesInput>): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.manage');
      await reachEvent(actor, id);
      if (input.offers < input.hires || input.interviews < 0)
        throw invalid('录用人数不能多于发出录用通知的人数', { field: 'hires' });
      return db.transaction(async (tx) => {
        const before = await reachEvent(actor, id, tx, true);
        refuse('outcomes', before);
        const after = await repo.updateEvent(tx, before.id, {
          countedInterviews: input.interviews,
          countedOffers: input.offers,
          countedHires: input.hires,
          outcomeNote: input.note?.trim() ? input.note : null,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'event.outcomes',
          entity: 'match_event',
          entityId: before.id,
          before: eventAudit(before),
          after: eventAudit(after),
        });
        return detail(actor, after, tx);
      });
    },

    /** planned → held (on or after its day) → closed. */
    async setStatus(actor: Actor, id: string, to: 'held' | 'closed'): Promise<MatchEventDetail> {
      assertPermission(actor, 'event.manage');
      await reachEvent(actor, id);
      return db.transaction(async (tx) => {
        const before = await reachEvent(actor, id, tx, true);
        refuse(to, before);
        const at = clock();
        const after = await repo.moveEvent(tx, before.id, EVENT_TRANSITIONS[to], {
          status: to,
          ...(to === 'held' ? { heldAt: at } : { closedAt: at }),
          updatedAt: at,
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('INVALID_TRANSITION', '活动状态已变化，请刷新后重试');
        await audit(tx, actor, {
          action: `event.${to}`,
          entity: 'match_event',
          entityId: before.id,
          before: { status: before.status },
          after: { status: after.status },
        });
        return detail(actor, after, tx);
      });
    },

    // ------------------------------------------------------------ expert visits (劳模工匠助企行)

    async listVisits(actor: Actor, q: z.infer<typeof VisitListQuery>): Promise<z.infer<typeof VisitPage>> {
      assertPermission(actor, 'event.read');
      const { items, total } = await repo.listVisits(db, actor, {
        city: q.city,
        year: q.year,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const names = await cityNames();
      const expertInReach = (city: string | null) =>
        !actor.roles.includes('city_admin') || actor.roles.includes('province_admin') || city === actor.cityCode;
      return {
        items: items.map(({ v, orgName, expertName, expertCity }) => ({
          id: v.id,
          expertPersonId: v.expertPersonId,
          // An expert outside the city admin's reach (e.g. recorded by the province) is shown masked.
          expertName: expertInReach(expertCity) ? (expertName ?? '') : maskName(expertName ?? ''),
          orgId: v.orgId,
          orgName: orgName ?? '',
          cityCode: v.cityCode,
          cityName: names.get(v.cityCode) ?? v.cityCode,
          date: v.visitDate,
          topic: v.topic,
          outcome: v.outcome,
          createdAt: v.createdAt.toISOString(),
        })),
        total,
      };
    },

    /** Records a visit to an enterprise of the actor's city (the province: any); the expert is a person of the registry. */
    async createVisit(actor: Actor, input: CreateVisit) {
      assertPermission(actor, 'visit.manage');
      const org = await repo.orgBrief(db, input.orgId);
      if (!org || org.kind !== 'enterprise') throw invalid('服务的企业不存在', { field: 'orgId' });
      assertReach(actor, { cityCode: org.cityCode, orgId: null }, '企业');
      // A city admin names an expert of their city only; anyone else answers as unknown (the province: any).
      const expert =
        actor.roles.includes('province_admin') || !actor.cityCode
          ? await repo.personName(db, input.expertPersonId)
          : await repo.personWithin(db, input.expertPersonId, actor.cityCode, false);
      if (!expert) throw invalid('专家不在人才库中', { field: 'expertPersonId' });
      if (input.date > today()) throw invalid('服务日期不能晚于今天', { field: 'date' });
      return db.transaction(async (tx) => {
        const v = await repo.insertVisit(tx, {
          expertPersonId: expert.id,
          orgId: org.id,
          cityCode: org.cityCode,
          visitDate: input.date,
          topic: input.topic,
          outcome: input.outcome,
          createdBy: actor.userId,
          createdAt: clock(),
        });
        await audit(tx, actor, {
          action: 'visit.create',
          entity: 'match_visit',
          entityId: v.id,
          after: {
            expertPersonId: v.expertPersonId,
            orgId: v.orgId,
            cityCode: v.cityCode,
            date: v.visitDate,
            topic: v.topic,
          },
        });
        return {
          id: v.id,
          expertPersonId: v.expertPersonId,
          expertName: expert.name,
          orgId: v.orgId,
          orgName: org.name,
          cityCode: v.cityCode,
          cityName: (await cityNames()).get(v.cityCode) ?? v.cityCode,
          date: v.visitDate,
          topic: v.topic,
          outcome: v.outcome,
          createdAt: v.createdAt.toISOString(),
        };
      });
    },

    // ------------------------------------------------------------ indicator queries (A7, A8)

    eventsHeld: (dbx: DbOrTx, asOf: string, knownAt?: Date) => repo.eventsHeld(dbx, asOf, knownAt),
    enterprisesServed: (dbx: DbOrTx, asOf: string, knownAt?: Date) => repo.enterprisesServed(dbx, asOf, knownAt),
  };
  return service;
}

export type EventsService = ReturnType<typeof createEventsService>;
