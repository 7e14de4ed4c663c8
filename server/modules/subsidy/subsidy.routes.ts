import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam } from '../../kernel/http/schemas.js';
import { contentDisposition } from '../../kernel/http/files.js';
import { XLSX_MIME } from '../../kernel/imports/imports.routes.js';
import {
  AddObjection,
  Batch,
  BatchList,
  Budget,
  BudgetList,
  Claim,
  ClaimPage,
  ClaimQuery,
  CreateBatch,
  EligibilityList,
  EligibilityQuery,
  Ledger,
  PublicNotice,
  Reconciliation,
  RejectClaim,
  ResolveObjection,
  ReviewClaim,
  SetBudget,
  SubmitClaim,
  SubsidyPolicy,
  UploadBankReturn,
  YearQuery,
} from '../../../contracts/subsidy.js';
import type { SubsidyService } from './subsidy.service.js';

const keyOf = (req: FastifyRequest) => {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
};
const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().max(200).optional().describe('幂等键：同一请求重试时带同一个键'),
});

/** 补贴: policy, 申领, 审核, 公示 and 异议, 审批, budgets and the ledger, 拨付 batches, 对账. */
export const subsidyRoutes =
  (subsidy: SubsidyService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['subsidy'];

    app.get(
      '/api/subsidy/policy',
      {
        config: { access: { permission: 'subsidy.read', scope: 'province' } },
        schema: {
          tags,
          summary: '补贴政策（标准、版本、期限、次数、拨付对象、公示期）',
          response: { 200: SubsidyPolicy },
        },
      },
      async (req) => subsidy.policy(req.actor),
    );
    // POST, not GET: the 居民身份证号 travels in the body, never in a URL (access logs, history, Referer).
    app.post(
      '/api/subsidy/eligible',
      {
        config: { access: { permission: 'subsidy.submit', scope: 'org' } },
        schema: {
          tags,
          summary: '可申领的证书：人才本人的证书；培训机构按身份证号（请求体）查询学员本机构发放的结业证书',
          body: EligibilityQuery,
          response: { 200: EligibilityList },
        },
      },
      async (req) => subsidy.eligible(req.actor, req.body ?? {}),
    );
    app.post(
      '/api/subsidy/claims',
      {
        config: { access: { permission: 'subsidy.submit', scope: 'org' } },
        schema: {
          tags,
          summary: '申领补贴（须带 Idempotency-Key）',
          headers: IdempotencyHeaders,
          body: SubmitClaim,
          response: { 200: Claim, 201: Claim },
        },
      },
      async (req, reply) => {
        const r = await subsidy.submit(req.actor, req.body, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/api/subsidy/claims',
      {
        config: { access: { permission: 'subsidy.read', scope: 'org' } },
        schema: { tags, summary: '补贴申领列表（按范围）', querystring: ClaimQuery, response: { 200: ClaimPage } },
      },
      async (req) => subsidy.list(req.actor, req.query),
    );
    app.get(
      '/api/subsidy/claims/:id',
      {
        config: { access: { permission: 'subsidy.read', scope: 'org' } },
        schema: { tags, summary: '一条补贴申领（含异议、进度）', params: IdParam, response: { 200: Claim } },
      },
      async (req) => subsidy.get(req.actor, req.params.id),
    );
    app.post(
      '/api/subsidy/claims/:id/review',
      {
        config: { access: { permission: 'subsidy.review', scope: 'city' } },
        schema: {
          tags,
          summary: '市级审核：通过（进入公示）或不通过',
          params: IdParam,
          body: ReviewClaim,
          response: { 200: Claim },
        },
      },
      async (req) => subsidy.review(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/subsidy/claims/:id/objections',
      {
        config: { access: { permission: 'subsidy.review', scope: 'city' } },
        schema: { tags, summary: '登记公示异议', params: IdParam, body: AddObjection, response: { 200: Claim } },
      },
      async (req) => subsidy.addObjection(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/subsidy/objections/:id/resolve',
      {
        config: { access: { permission: 'subsidy.review', scope: 'city' } },
        schema: {
          tags,
          summary: '处理异议：成立（申领不通过）或不成立',
          params: IdParam,
          body: ResolveObjection,
          response: { 200: Claim },
        },
      },
      async (req) => subsidy.resolveObjection(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/subsidy/claims/:id/approve',
      {
        config: { access: { permission: 'subsidy.approve', scope: 'city' } },
        schema: {
          tags,
          summary: '省级审批（公示期满、无未处理异议、审批人不是申领人或审核人、预算充足；须带 Idempotency-Key）',
          params: IdParam,
          headers: IdempotencyHeaders,
          response: { 200: Claim },
        },
      },
      async (req, reply) => {
        const r = await subsidy.approve(req.actor, req.params.id, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.post(
      '/api/subsidy/claims/:id/reject',
      {
        config: { access: { permission: 'subsidy.approve', scope: 'city' } },
        schema: { tags, summary: '省级不予审批', params: IdParam, body: RejectClaim, response: { 200: Claim } },
      },
      async (req) => subsidy.reject(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/subsidy/notices',
      {
        config: { access: { permission: 'public', scope: 'public' } },
        schema: { tags, summary: '补贴公示（姓名脱敏）', response: { 200: PublicNotice } },
      },
      async () => subsidy.notices(),
    );
    app.get(
      '/api/subsidy/budgets',
      {
        config: { access: { permission: 'subsidy.read', scope: 'city' } },
        schema: { tags, summary: '年度预算（按城市）', querystring: YearQuery, response: { 200: BudgetList } },
      },
      async (req) => subsidy.budgets(req.actor, req.query.year),
    );
    app.put(
      '/api/subsidy/budgets',
      {
        config: { access: { permission: 'subsidy.approve', scope: 'province' } },
        schema: {
          tags,
          summary: '下达或调整城市年度预算（须带 Idempotency-Key）',
          headers: IdempotencyHeaders,
          body: SetBudget,
          response: { 200: Budget },
        },
      },
      async (req, reply) => {
        const r = await subsidy.setBudget(req.actor, req.body, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/api/subsidy/ledger',
      {
        config: { access: { permission: 'subsidy.read', scope: 'city' } },
        schema: {
          tags,
          summary: '补贴台账：各账户余额（按城市、年度）与分录',
          querystring: YearQuery,
          response: { 200: Ledger },
        },
      },
      async (req) => subsidy.ledger(req.actor, req.query.year),
    );
    app.get(
      '/api/subsidy/batches',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: { tags, summary: '拨付批次', response: { 200: BatchList } },
      },
      async (req) => subsidy.batches(req.actor),
    );
    app.post(
      '/api/subsidy/batches',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: {
          tags,
          summary: '生成拨付批次（已审批待拨付的申领；须带 Idempotency-Key）',
          headers: IdempotencyHeaders,
          body: CreateBatch,
          response: { 200: Batch, 201: Batch },
        },
      },
      async (req, reply) => {
        const r = await subsidy.createBatch(req.actor, req.body, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/api/subsidy/batches/:id',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: { tags, summary: '一个拨付批次（支付明细、对账结果）', params: IdParam, response: { 200: Batch } },
      },
      async (req) => subsidy.batch(req.actor, req.params.id),
    );
    app.get(
      '/api/subsidy/batches/:id/payment-file',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: {
          tags,
          summary: '下载代发明细（.xlsx，含收款人完整账号，供银行代发；每次下载均记入审计）',
          params: IdParam,
          response: { 200: z.any().describe('.xlsx 文件') },
        },
      },
      async (req, reply) => {
        const f = await subsidy.paymentFile(req.actor, req.params.id);
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', contentDisposition(f.fileName))
          .header('cache-control', 'no-store')
          .send(f.data);
      },
    );
    app.post(
      '/api/subsidy/batches/:id/pay',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: {
          tags,
          summary: '确认拨付（须带 Idempotency-Key）',
          params: IdParam,
          headers: IdempotencyHeaders,
          response: { 200: Batch },
        },
      },
      async (req, reply) => {
        const r = await subsidy.payBatch(req.actor, req.params.id, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.post(
      '/api/subsidy/batches/:id/reconciliations',
      {
        config: { access: { permission: 'subsidy.pay', scope: 'province' } },
        schema: {
          tags,
          summary: '上传银行回盘文件对账（CSV：申领编号、收款人、账号、金额、结果、银行流水号；须带 Idempotency-Key）',
          params: IdParam,
          headers: IdempotencyHeaders,
          body: UploadBankReturn,
          response: { 200: Reconciliation, 201: Reconciliation },
        },
      },
      async (req, reply) => {
        const r = await subsidy.reconcile(req.actor, req.params.id, req.body, keyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
  };
