import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam } from '../../kernel/http/schemas.js';
import {
  BuildInvitations,
  CheckinInput,
  CreateEvent,
  CreateVisit,
  EventListQuery,
  EventOutcomesInput,
  EventStatusInput,
  MatchEventDetail,
  MatchEventPage,
  Visit,
  VisitListQuery,
  VisitPage,
} from '../../../contracts/matching-events.js';
import type { EventsService } from './matching.events.service.js';

/** 对接活动 and 劳模工匠助企行: events with pre-matched invite lists, check-in, outcomes; expert visits. */
export const matchingEventsRoutes =
  (events: EventsService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['matching-events'];
    const base = '/api/matching/events';

    app.get(
      base,
      {
        config: { access: { permission: 'event.read', scope: 'city' } },
        schema: {
          tags,
          summary: '对接活动列表（市级管理员见本市，企业见受邀或签到的活动）',
          querystring: EventListQuery,
          response: { 200: MatchEventPage },
        },
      },
      async (req) => events.listEvents(req.actor, req.query),
    );
    app.post(
      base,
      {
        config: { access: { permission: 'event.manage', scope: 'city' } },
        schema: { tags, summary: '创建对接活动', body: CreateEvent, response: { 201: MatchEventDetail } },
      },
      async (req, reply) => reply.status(201).send(await events.createEvent(req.actor, req.body)),
    );
    app.get(
      `${base}/:id`,
      {
        config: { access: { permission: 'event.read', scope: 'city' } },
        schema: {
          tags,
          summary: '对接活动详情：邀请名单、签到、成效（企业只见本企业及其候选人，姓名脱敏）',
          params: IdParam,
          response: { 200: MatchEventDetail },
        },
      },
      async (req) => events.getEvent(req.actor, req.params.id),
    );
    app.post(
      `${base}/:id/invitations`,
      {
        config: { access: { permission: 'event.manage', scope: 'city' } },
        schema: {
          tags,
          summary: '按预匹配生成邀请名单（本市开放需求的企业及其达标候选人；筹备中可重新生成）',
          params: IdParam,
          body: BuildInvitations,
          response: { 200: MatchEventDetail },
        },
      },
      async (req) => events.buildInvitations(req.actor, req.params.id, req.body),
    );
    app.post(
      `${base}/:id/checkins`,
      {
        config: { access: { permission: 'event.manage', scope: 'city' } },
        schema: {
          tags,
          summary: '企业或人才签到（未受邀的记为现场报名）',
          params: IdParam,
          body: CheckinInput,
          response: { 200: MatchEventDetail },
        },
      },
      async (req) => events.checkIn(req.actor, req.params.id, req.body),
    );
    app.put(
      `${base}/:id/outcomes`,
      {
        config: { access: { permission: 'event.manage', scope: 'city' } },
        schema: {
          tags,
          summary: '登记平台外的活动成效（面试、录用通知、录用人数；平台内的对接记录自动计入）',
          params: IdParam,
          body: EventOutcomesInput,
          response: { 200: MatchEventDetail },
        },
      },
      async (req) => events.setOutcomes(req.actor, req.params.id, req.body),
    );
    app.post(
      `${base}/:id/status`,
      {
        config: { access: { permission: 'event.manage', scope: 'city' } },
        schema: {
          tags,
          summary: '活动状态：筹备中 → 已举办（活动当天或之后）→ 已结束',
          params: IdParam,
          body: EventStatusInput,
          response: { 200: MatchEventDetail },
        },
      },
      async (req) => events.setStatus(req.actor, req.params.id, req.body.status),
    );

    app.get(
      '/api/matching/visits',
      {
        config: { access: { permission: 'event.read', scope: 'city' } },
        schema: {
          tags,
          summary: '劳模工匠助企行服务记录（市级管理员见本市企业，企业见本企业）',
          querystring: VisitListQuery,
          response: { 200: VisitPage },
        },
      },
      async (req) => events.listVisits(req.actor, req.query),
    );
    app.post(
      '/api/matching/visits',
      {
        config: { access: { permission: 'visit.manage', scope: 'city' } },
        schema: { tags, summary: '登记劳模工匠助企行服务', body: CreateVisit, response: { 201: Visit } },
      },
      async (req, reply) => reply.status(201).send(await events.createVisit(req.actor, req.body)),
    );
  };
