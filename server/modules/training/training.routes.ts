import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import type { Db } from '../../kernel/db/types.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { Jobs } from '../../kernel/jobs/jobs.js';
import { readUpload } from '../../kernel/http/files.js';
import { IdParam, page } from '../../kernel/http/schemas.js';
import { createImportService, registerImportJobs } from '../../kernel/imports/imports.service.js';
import { importRoutes } from '../../kernel/imports/imports.routes.js';
import {
  AddSession,
  AssessmentInput,
  AttendanceInput,
  CheckInInput,
  CheckInResult,
  CheckinCode,
  ClassDetail,
  CloudCourse,
  CompletionOutcome,
  CreateClass,
  CreateProgramme,
  Enrol,
  Enrolment,
  EnrolmentCreated,
  EnterpriseReport,
  EnterpriseReportList,
  FileLessonQuery,
  Lesson,
  LinkLesson,
  MyEnrolment,
  ProgrammeDetail,
  ProgrammeQuery,
  ProgrammeSummary,
  LessonOpened,
  ProgressInput,
  ProgressResult,
  ReportListQuery,
  SaveEnterpriseReport,
  YearParam,
} from '../../../contracts/training.js';
import { LESSON_MAX_BYTES, contentDisposition } from './training.rules.js';
import type { TrainingService } from './training.service.js';
import { createAttendanceImport } from './training.import.js';

const BinaryFile = z.any().describe('课时文件');
const MB = LESSON_MAX_BYTES / 1024 / 1024;

/** 培训: programmes, classes, enrolment, attendance, assessment, completion; 云课堂; 企业年度培训报告. */
export const trainingRoutes =
  (training: TrainingService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: LESSON_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    const tags = ['training'];
    const read = { access: { permission: 'training.read', scope: 'org' } } as const;
    const manage = { access: { permission: 'training.manage', scope: 'org' } } as const;
    const learn = { access: { permission: 'learning.self', scope: 'self' } } as const;
    const report = { access: { permission: 'enterprise.report', scope: 'org' } } as const;

    // ---------------------------------------------------------------- programmes and classes
    app.get(
      '/api/training/programmes',
      {
        config: read,
        schema: {
          tags,
          summary: '培训项目列表（本机构 / 本市 / 全省）',
          querystring: ProgrammeQuery,
          response: { 200: page(ProgrammeSummary) },
        },
      },
      async (req) => training.listProgrammes(req.actor, req.query),
    );
    app.post(
      '/api/training/programmes',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记培训项目（云课堂课程自带在线学习班）',
          body: CreateProgramme,
          response: { 201: ProgrammeDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await training.createProgramme(req.actor, req.body)),
    );
    app.get(
      '/api/training/programmes/:id',
      {
        config: read,
        schema: { tags, summary: '培训项目：班级与课时', params: IdParam, response: { 200: ProgrammeDetail } },
      },
      async (req) => training.getProgramme(req.actor, req.params.id),
    );
    app.post(
      '/api/training/programmes/:id/classes',
      {
        config: manage,
        schema: {
          tags,
          summary: '开设班级（含课次安排、容量）',
          params: IdParam,
          body: CreateClass,
          response: { 201: ClassDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await training.createClass(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/training/programmes/:id/lessons',
      {
        config: manage,
        schema: {
          tags,
          summary: '添加云课堂课时（链接）',
          params: IdParam,
          body: LinkLesson,
          response: { 201: Lesson },
        },
      },
      async (req, reply) => reply.status(201).send(await training.addLinkLesson(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/training/programmes/:id/lessons/file',
      {
        config: manage,
        schema: {
          tags,
          summary: `上传云课堂课时文件（multipart，字段 file：pdf/pptx/docx/mp4/jpg/png，不超过 ${MB} MB）`,
          consumes: ['multipart/form-data'],
          params: IdParam,
          querystring: FileLessonQuery,
          response: { 201: Lesson },
        },
      },
      async (req, reply) => {
        const file = await readUpload(req, LESSON_MAX_BYTES);
        return reply.status(201).send(await training.addFileLesson(req.actor, req.params.id, req.query, file));
      },
    );
    app.get(
      '/api/training/classes/:id',
      {
        config: read,
        schema: {
          tags,
          summary: '班级：课次、学员、考勤、考核、结业规则结果',
          params: IdParam,
          response: { 200: ClassDetail },
        },
      },
      async (req) => training.getClass(req.actor, req.params.id),
    );
    app.post(
      '/api/training/classes/:id/sessions',
      {
        config: manage,
        schema: { tags, summary: '增加课次', params: IdParam, body: AddSession, response: { 201: ClassDetail } },
      },
      async (req, reply) => reply.status(201).send(await training.addSession(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/training/classes/:id/enrolments',
      {
        config: manage,
        schema: {
          tags,
          summary: '报名（身份证号 + 姓名，人才库中没有的人员会登记入库；同一人同一班级只能报名一次）',
          params: IdParam,
          body: Enrol,
          response: { 201: EnrolmentCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await training.enrol(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/training/classes/:id/complete',
      {
        config: manage,
        schema: {
          tags,
          summary: '结业：按结业规则判定每名学员，合格者获实践应用结业证书',
          params: IdParam,
          response: { 200: CompletionOutcome },
        },
      },
      async (req) => training.completeClass(req.actor, req.params.id),
    );
    app.put(
      '/api/training/sessions/:id/attendance',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记课次考勤',
          params: IdParam,
          body: AttendanceInput,
          response: { 200: ClassDetail },
        },
      },
      async (req) => training.recordAttendance(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/training/sessions/:id/checkin-code',
      {
        config: manage,
        schema: { tags, summary: '课次当前签到码（定时轮换）', params: IdParam, response: { 200: CheckinCode } },
      },
      async (req) => training.checkinCode(req.actor, req.params.id),
    );
    app.put(
      '/api/training/enrolments/:id/assessment',
      {
        config: manage,
        schema: { tags, summary: '录入考核结果', params: IdParam, body: AssessmentInput, response: { 200: Enrolment } },
      },
      async (req) => training.recordAssessment(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/training/enterprise-reports',
      {
        config: { access: { permission: 'training.read', scope: 'city' } },
        schema: {
          tags,
          summary: '企业年度培训报告汇总（含职工教育经费一线比例核查）',
          querystring: ReportListQuery,
          response: { 200: EnterpriseReportList },
        },
      },
      async (req) => training.reports(req.actor, req.query.year),
    );

    // ---------------------------------------------------------------- 企业年度培训报告
    app.get(
      '/api/enterprise-reports/:year',
      {
        config: report,
        schema: { tags, summary: '本企业年度培训报告', params: YearParam, response: { 200: EnterpriseReport } },
      },
      async (req) => training.report(req.actor, req.params.year),
    );
    app.put(
      '/api/enterprise-reports/:year',
      {
        config: report,
        schema: {
          tags,
          summary: '保存年度培训报告',
          params: YearParam,
          body: SaveEnterpriseReport,
          response: { 200: EnterpriseReport },
        },
      },
      async (req) => training.saveReport(req.actor, req.params.year, req.body),
    );
    app.post(
      '/api/enterprise-reports/:year/submit',
      {
        config: report,
        schema: { tags, summary: '提交年度培训报告', params: YearParam, response: { 200: EnterpriseReport } },
      },
      async (req) => training.submitReport(req.actor, req.params.year),
    );

    // ---------------------------------------------------------------- 云课堂 and 我的课程 (talent)
    app.get(
      '/api/learning/courses',
      {
        config: { access: { permission: 'learning.self', scope: 'province' } },
        schema: { tags, summary: '云课堂课程目录', response: { 200: z.object({ items: z.array(CloudCourse) }) } },
      },
      async (req) => ({ items: await training.catalogue(req.actor) }),
    );
    app.post(
      '/api/learning/courses/:id/enrol',
      {
        config: { access: { permission: 'learning.self', scope: 'province' } },
        schema: { tags, summary: '报名云课堂课程', params: IdParam, response: { 201: MyEnrolment } },
      },
      async (req, reply) => reply.status(201).send(await training.enrolCloud(req.actor, req.params.id)),
    );
    app.get(
      '/api/learning/enrolments',
      {
        config: learn,
        schema: {
          tags,
          summary: '我的课程：班级、云课堂、学时与结业进度',
          response: { 200: z.object({ items: z.array(MyEnrolment) }) },
        },
      },
      async (req) => ({ items: await training.myEnrolments(req.actor) }),
    );
    app.post(
      '/api/learning/lessons/:id/open',
      {
        config: learn,
        schema: {
          tags,
          summary: '打开一个课时（首次打开的服务器时间起计学习时长）',
          params: IdParam,
          response: { 200: LessonOpened },
        },
      },
      async (req) => training.openLesson(req.actor, req.params.id),
    );
    app.post(
      '/api/learning/lessons/:id/progress',
      {
        config: learn,
        schema: {
          tags,
          summary: '完成一个课时（自打开起满该课时时长方可完成；全部完成且考核合格即结业）',
          params: IdParam,
          body: ProgressInput,
          response: { 200: ProgressResult },
        },
      },
      async (req) => training.lessonDone(req.actor, req.params.id),
    );
    app.get(
      '/api/learning/lessons/:id/file',
      { config: learn, schema: { tags, summary: '下载课时文件', params: IdParam, response: { 200: BinaryFile } } },
      async (req, reply) => {
        const f = await training.lessonFile(req.actor, req.params.id);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', contentDisposition(f.fileName))
          .header('x-content-sha256', f.sha256)
          .header('cache-control', 'private, no-store')
          .send(f.data);
      },
    );
    app.post(
      '/api/learning/check-in',
      {
        config: learn,
        schema: { tags, summary: '输入签到码签到', body: CheckInInput, response: { 200: CheckInResult } },
      },
      async (req) => training.checkIn(req.actor, req.body.code),
    );
  };

/** Attendance import routes (/api/imports/attendance/…) and their jobs. */
export const trainingImportRoutes =
  (deps: {
    db: Db;
    clock: () => Date;
    crypto: PiiCrypto;
    jobs: Pick<Jobs, 'enqueue' | 'register'> | null;
    training: TrainingService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const entity = createAttendanceImport({ training: deps.training, clock: deps.clock });
    const imports = createImportService({
      db: deps.db,
      crypto: deps.crypto,
      clock: deps.clock,
      jobs: deps.jobs,
      entities: [entity],
    });
    if (deps.jobs) registerImportJobs(deps.jobs, imports);
    await app.register(importRoutes(imports, entity));
  };
