import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam } from '../../kernel/http/schemas.js';
import {
  Application,
  ApplicationActionInput,
  APPLICATION_ACTIONS,
  APPLICATION_ACTION_LABELS,
  ApplicationListQuery,
  ApplicationPage,
  ApplyInput,
  CandidateList,
  CandidatesQuery,
  CreateDemand,
  Demand,
  DemandListQuery,
  DemandPage,
  DemandStatusInput,
  Intention,
  IntentionInput,
  InviteInput,
  MatchingPolicyView,
  RecommendationList,
  UpdateDemand,
} from '../../../contracts/matching.js';
import type { MatchingService } from './matching.service.js';

/** 人才供需对接: demands, intentions, candidates / recommendations, the application flow. */
export const matchingRoutes =
  (matching: MatchingService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['matching'];

    app.get(
      '/api/matching/policy',
      {
        config: { access: { permission: 'demand.read', scope: 'province' } },
        schema: { tags, summary: '匹配规则（各项分值、阈值、必要条件）', response: { 200: MatchingPolicyView } },
      },
      async (req) => matching.getPolicy(req.actor),
    );

    // ---------------------------------------------------------------- demands
    app.get(
      '/api/demands',
      {
        config: { access: { permission: 'demand.read', scope: 'org' } },
        schema: {
          tags,
          summary: '需求列表（省级全部，市级本市，企业本单位）',
          querystring: DemandListQuery,
          response: { 200: DemandPage },
        },
      },
      async (req) => matching.listDemands(req.actor, req.query),
    );
    app.post(
      '/api/demands',
      {
        config: { access: { permission: 'demand.manage', scope: 'org' } },
        schema: { tags, summary: '发布需求（草稿）', body: CreateDemand, response: { 201: Demand } },
      },
      async (req, reply) => reply.status(201).send(await matching.createDemand(req.actor, req.body)),
    );
    app.get(
      '/api/demands/:id',
      {
        config: { access: { permission: 'demand.read', scope: 'org' } },
        schema: { tags, summary: '需求详情', params: IdParam, response: { 200: Demand } },
      },
      async (req) => matching.getDemand(req.actor, req.params.id),
    );
    app.patch(
      '/api/demands/:id',
      {
        config: { access: { permission: 'demand.manage', scope: 'org' } },
        schema: {
          tags,
          summary: '修改需求（草稿或招聘中）',
          params: IdParam,
          body: UpdateDemand,
          response: { 200: Demand },
        },
      },
      async (req) => matching.updateDemand(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/demands/:id/status',
      {
        config: { access: { permission: 'demand.manage', scope: 'org' } },
        schema: {
          tags,
          summary: '发布、标记招满或关闭需求',
          params: IdParam,
          body: DemandStatusInput,
          response: { 200: Demand },
        },
      },
      async (req) => matching.setDemandStatus(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/demands/:id/candidates',
      {
        config: { access: { permission: 'match.read', scope: 'org' } },
        schema: {
          tags,
          summary: '需求的推荐人才（按匹配分排序，含各项得分与缺失条件；接受联系前为脱敏信息）',
          params: IdParam,
          querystring: CandidatesQuery,
          response: { 200: CandidateList },
        },
      },
      async (req) => matching.candidates(req.actor, req.params.id, req.query.limit),
    );

    // ---------------------------------------------------------------- talent side
    app.get(
      '/api/me/intention',
      {
        config: { access: { permission: 'intention.manage', scope: 'self' } },
        schema: { tags, summary: '我的求职意向', response: { 200: Intention } },
      },
      async (req) => matching.getIntention(req.actor),
    );
    app.put(
      '/api/me/intention',
      {
        config: { access: { permission: 'intention.manage', scope: 'self' } },
        schema: { tags, summary: '保存求职意向', body: IntentionInput, response: { 200: Intention } },
      },
      async (req) => matching.putIntention(req.actor, req.body),
    );
    app.get(
      '/api/me/recommendations',
      {
        config: { access: { permission: 'intention.manage', scope: 'self' } },
        schema: {
          tags,
          summary: '为我推荐的岗位（含各项得分与缺失条件）',
          querystring: CandidatesQuery,
          response: { 200: RecommendationList },
        },
      },
      async (req) => matching.recommendations(req.actor, req.query.limit),
    );

    // ---------------------------------------------------------------- the flow
    app.post(
      '/api/demands/:id/invitations',
      {
        config: { access: { permission: 'application.manage', scope: 'org' } },
        schema: {
          tags,
          summary: '企业邀请人才',
          params: IdParam,
          body: InviteInput,
          response: { 201: Application },
        },
      },
      async (req, reply) => reply.status(201).send(await matching.invite(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/demands/:id/applications',
      {
        config: { access: { permission: 'application.manage', scope: 'province' } },
        schema: {
          tags,
          summary: '人才投递（即同意企业联系）',
          params: IdParam,
          body: ApplyInput,
          response: { 201: Application },
        },
      },
      async (req, reply) => reply.status(201).send(await matching.apply(req.actor, req.params.id, req.body)),
    );
    app.get(
      '/api/applications',
      {
        config: { access: { permission: 'match.read', scope: 'org' } },
        schema: {
          tags,
          summary: '对接记录（省级全部，市级本市需求的，企业本单位需求的）',
          querystring: ApplicationListQuery,
          response: { 200: ApplicationPage },
        },
      },
      async (req) => matching.listApplications(req.actor, req.query),
    );
    app.get(
      '/api/me/applications',
      {
        config: { access: { permission: 'intention.manage', scope: 'self' } },
        schema: {
          tags,
          summary: '我的对接记录',
          querystring: ApplicationListQuery,
          response: { 200: ApplicationPage },
        },
      },
      async (req) => matching.myApplications(req.actor, req.query),
    );
    for (const action of APPLICATION_ACTIONS)
      app.post(
        `/api/applications/:id/${action}`,
        {
          config: { access: { permission: 'application.manage', scope: 'org' } },
          schema: {
            tags,
            summary: `对接流程：${APPLICATION_ACTION_LABELS[action]}`,
            params: IdParam,
            body: ApplicationActionInput.optional(),
            response: { 200: Application },
          },
        },
        async (req) => matching.act(req.actor, req.params.id, action, req.body ?? {}),
      );
  };
