import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, assertReach, reaches } from '../../kernel/auth/scope.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { SettingDef, SettingsService } from '../../kernel/settings/settings.service.js';
import { maskIdNumber } from '../../kernel/crypto/pii.js';
import { parseIdCard } from '../../kernel/validation/id-card.js';
import { normalizeText } from '../../kernel/validation/normalize.js';
import { shanghaiDate } from '../../kernel/time.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CredentialService } from '../registry/registry.credentials.js';
import {
  CHECKIN_SETTING_KEY,
  CLASS_STATUS_LABELS,
  COMPLETION_SETTING_KEY,
  CheckinRule,
  CompletionRule,
  DEFAULT_CHECKIN_RULE,
  DEFAULT_COMPLETION_RULE,
  DEFAULT_EDUCATION_FUND_RULE,
  EDUCATION_FUND_SETTING_KEY,
  ENROLMENT_STATUS_LABELS,
  EducationFundRule,
  PROGRAMME_PURPOSE_LABELS,
  PROGRAMME_TYPE_LABELS,
  REPORT_STATUS_LABELS,
  type AssessmentInput,
  type AttendanceInput,
  type CheckinCode,
  type CheckInResult,
  type ClassDetail,
  type CloudCourse,
  type CompletionOutcome,
  type CreateClass,
  type CreateProgramme,
  type Enrol,
  type Enrolment,
  type EnrolmentCreated,
  type EnterpriseReport,
  type EnterpriseReportList,
  type Lesson,
  type LessonOpened,
  type LinkLesson,
  type MyEnrolment,
  type ProgrammeDetail,
  type ProgrammeSummary,
  type ProgrammeType,
  type ProgressResult,
  type RuleResult,
  type SaveEnterpriseReport,
  type SessionInput,
} from '../../../contracts/training.js';
import * as repo from './training.repo.js';
import {
  certificateNumber,
  checkinCode,
  checkinOpen,
  classCompletion,
  classRefusal,
  cloudCompletion,
  enrolmentRefusal,
  frontlineFundCheck,
  judgeCode,
  reportProblem,
  reportRefusal,
  windowOf,
  checkLessonFile,
  type ClassAction,
  type EnrolmentAction,
  type ReportAction,
} from './training.rules.js';

export const COMPLETION_SETTING: SettingDef<CompletionRule> = {
  key: COMPLETION_SETTING_KEY,
  title: '培训结业规则（出勤率下限、考核合格）',
  schema: CompletionRule,
  defaults: DEFAULT_COMPLETION_RULE,
};
export const CHECKIN_SETTING: SettingDef<CheckinRule> = {
  key: CHECKIN_SETTING_KEY,
  title: '培训签到码（轮换分钟数、签到开放时段）',
  schema: CheckinRule,
  defaults: DEFAULT_CHECKIN_RULE,
};
export const EDUCATION_FUND_SETTING: SettingDef<EducationFundRule> = {
  key: EDUCATION_FUND_SETTING_KEY,
  title: '职工教育经费用于一线职工比例要求（C1）',
  schema: EducationFundRule,
  defaults: DEFAULT_EDUCATION_FUND_RULE,
};

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** A completed enrolment, as other modules see it (subsidy claims are built from completions). */
export interface Completion {
  enrolmentId: string;
  personId: string;
  classId: string;
  programmeId: string;
  programmeTitle: string;
  programmeType: ProgrammeType;
  /** The provider: the organisation that ran the programme. */
  orgId: string;
  orgName: string | null;
  cityCode: string;
  occupationCode: string | null;
  levelCode: string | null;
  digitalDomain: string | null;
  digital: boolean;
  hours: number;
  completedOn: string;
  /** The 实践应用结业证书 number in the registry (kind training_completion, issuer = orgName). */
  credentialNumber: string;
}

/** Attendance rows for the import (one session, one enrolment, present or not). */
export interface AttendanceRow {
  classId: string;
  sessionId: string;
  enrolmentId: string;
  present: boolean;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function refuse(why: string | null, status: string) {
  if (why) throw new AppError('INVALID_TRANSITION', why, { status });
}
const refuseClass = (a: ClassAction, c: repo.ClassDb) => refuse(classRefusal(a, c.status), c.status);
const refuseEnrolment = (a: EnrolmentAction, e: repo.EnrolmentDb) => refuse(enrolmentRefusal(a, e.status), e.status);
const refuseReport = (a: ReportAction, r: repo.ReportDb) => refuse(reportRefusal(a, r.status), r.status);

const programmeDto = (row: repo.ProgrammeRow): ProgrammeSummary => {
  const p = row.p;
  return {
    id: p.id,
    title: p.title,
    type: p.type,
    typeLabel: PROGRAMME_TYPE_LABELS[p.type],
    purpose: p.purpose,
    purposeLabel: PROGRAMME_PURPOSE_LABELS[p.purpose],
    orgId: p.orgId,
    orgName: row.orgName,
    cityCode: p.cityCode,
    partnerOrgId: p.partnerOrgId,
    partnerName: p.partnerName,
    occupationCode: p.occupationCode,
    digitalDomain: p.digitalDomain,
    digital: p.digitalDomain !== null,
    tier: p.tier,
    levelCode: p.levelCode,
    hours: p.hours,
    assessmentRequired: p.assessmentRequired,
    description: p.description,
    classes: row.classes,
    createdAt: p.createdAt.toISOString(),
  };
};

const classSummary = (r: repo.ClassRow) => ({
  id: r.c.id,
  programmeId: r.c.programmeId,
  name: r.c.name,
  capacity: r.c.capacity,
  status: r.c.status,
  statusLabel: CLASS_STATUS_LABELS[r.c.status],
  enrolled: r.enrolled,
  sessions: r.sessions,
  completedAt: iso(r.c.completedAt),
});

const lessonDto = (l: repo.LessonMetaDb): z.infer<typeof Lesson> => ({
  id: l.id,
  seq: l.seq,
  title: l.title,
  minutes: l.minutes,
  kind: l.url ? 'link' : 'file',
  url: l.url,
  fileName: l.fileName,
  contentType: l.contentType,
  bytes: l.bytes,
  sha256: l.sha256,
});

export function createTrainingService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'resolveOccupation' | 'list'>;
  orgs: Pick<OrgService, 'locate'>;
  registry: Pick<RegistryService, 'reach' | 'ensurePerson' | 'findIdByIdNumber'>;
  credentials: Pick<CredentialService, 'bulkInsert'>;
  settings: Pick<SettingsService, 'define' | 'get'>;
}) {
  const { db, clock } = deps;
  const completionDef = deps.settings.define(COMPLETION_SETTING);
  const checkinDef = deps.settings.define(CHECKIN_SETTING);
  const fundDef = deps.settings.define(EDUCATION_FUND_SETTING);
  const today = () => shanghaiDate(clock());

  /** The programme if the actor reaches it (its organisation, its city, the province), else 404. */
  async function reachProgramme(actor: Actor, id: string, tx: DbOrTx = db): Promise<repo.ProgrammeRow> {
    const row = await repo.getProgramme(tx, id);
    assertReach(actor, row ? { cityCode: row.p.cityCode, orgId: row.p.orgId } : null, '培训项目');
    return row!;
  }

  async function reachClass(actor: Actor, id: string, tx: DbOrTx = db, lock = false): Promise<repo.ClassDb> {
    const c = await repo.getClass(tx, id, lock);
    assertReach(actor, c ? { cityCode: c.cityCode, orgId: c.orgId } : null, '培训班级');
    return c!;
  }

  async function reachSession(actor: Actor, id: string, tx: DbOrTx = db) {
    const s = await repo.getSession(tx, id);
    const c = s ? await repo.getClass(tx, s.classId) : undefined;
    assertReach(actor, c ? { cityCode: c.cityCode, orgId: c.orgId } : null, '课次');
    return { session: s!, cls: c! };
  }

  // ------------------------------------------------------------ rule evaluation

  async function ruleOfClassEnrolments(tx: DbOrTx, cls: repo.ClassDb, programme: repo.ProgrammeDb) {
    const [sessions, enrolments, rule] = await Promise.all([
      repo.sessionsOf(tx, [cls.id]),
      repo.enrolmentsOf(tx, cls.id),
      deps.settings.get(completionDef, tx),
    ]);
    const ids = enrolments.map((e) => e.id);
    const [attendance, progress, lessons] = await Promise.all([
      repo.attendanceOf(tx, ids),
      programme.type === 'cloud' ? repo.progressOf(tx, ids) : Promise.resolve([]),
      programme.type === 'cloud' ? repo.lessonsOf(tx, [programme.id]) : Promise.resolve([]),
    ]);
    const results = enrolments.map((e) => {
      const attended = attendance.filter((a) => a.enrolmentId === e.id).map((a) => a.sessionId);
      const rr =
        programme.type === 'cloud'
          ? cloudCompletion(
              {
                lessons: lessons.length,
                done: progress.filter((p) => p.enrolmentId === e.id).length,
                assessmentRequired: programme.assessmentRequired,
                assessment: e.assessmentResult,
              },
              rule,
            )
          : classCompletion(
              {
                sessions: sessions.length,
                attended: attended.length,
                assessmentRequired: programme.assessmentRequired,
                assessment: e.assessmentResult,
              },
              rule,
            );
      return { enrolment: e, attended, rule: rr };
    });
    return { sessions, results, rule, lessons, progress };
  }

  /**
   * Completes one enrolment and issues its 实践应用结业证书 into the registry, inside `tx`: the
   * credential service's bulkInsert takes the caller's transaction, so the completion, the
   * credential (and the person's categories, T1) and both audit records commit together.
   */
  async function completeInTx(
    tx: DbOrTx,
    actor: Actor,
    e: repo.EnrolmentDb,
    programme: repo.ProgrammeRow,
  ): Promise<string | null> {
    const number = certificateNumber(e.id);
    const day = today();
    const done = await repo.updateEnrolment(
      tx,
      e.id,
      { status: 'completed', completedOn: day, credentialNumber: number },
      'enrolled',
    );
    if (!done) return null; // completed meanwhile: re-checked in the transaction
    await deps.credentials.bulkInsert(tx, actor, [
      {
        personId: e.personId,
        kind: 'training_completion',
        number,
        issuerOrgId: programme.p.orgId,
        issuerName: programme.orgName ?? '培训机构',
        occupationCode: programme.p.occupationCode,
        levelCode: null,
        field: programme.p.digitalDomain,
        digital: programme.p.digitalDomain !== null,
        issuedOn: day,
        evidence: `training_enrolment:${e.id}`,
        note: `${PROGRAMME_TYPE_LABELS[programme.p.type]}：${programme.p.title}`,
      },
    ]);
    await audit(tx, actor, {
      action: 'training.enrolment_complete',
      entity: 'training_enrolment',
      entityId: e.id,
      before: { status: e.status },
      after: { status: 'completed', completedOn: day, credentialNumber: number, classId: e.classId },
    });
    return number;
  }

  /** A lesson of a cloud course the actor (a talent) is enrolled in, else 404. */
  async function learnerLesson(actor: Actor, lessonId: string) {
    const lesson = await repo.getLesson(db, lessonId);
    const cls = lesson ? (await repo.classesOf(db, lesson.programmeId))[0] : undefined;
    const enrolment = cls && actor.personId ? await repo.enrolmentOfPerson(db, cls.c.id, actor.personId) : undefined;
    if (!lesson || !cls || !enrolment) throw notFound('课时');
    return { lesson, cls, enrolment };
  }

  function enrolmentDto(e: repo.EnrolmentDb, attended: string[], rule: RuleResult): Enrolment {
    return {
      id: e.id,
      classId: e.classId,
      personId: e.personId,
      personName: e.personName,
      idNumberMasked: e.idNumberMasked,
      status: e.status,
      statusLabel: ENROLMENT_STATUS_LABELS[e.status],
      assessmentResult: e.assessmentResult,
      assessmentScore: e.assessmentScore,
      attended,
      completedOn: e.completedOn,
      credentialNumber: e.credentialNumber,
      rule,
      enrolledAt: e.enrolledAt.toISOString(),
    };
  }

  async function classDetail(cls: repo.ClassDb, tx: DbOrTx = db): Promise<z.infer<typeof ClassDetail>> {
    const programme = (await repo.getProgramme(tx, cls.programmeId))!;
    const row = (await repo.classRow(tx, cls.id))!;
    const { sessions, results, rule } = await ruleOfClassEnrolments(tx, cls, programme.p);
    return {
      ...classSummary(row),
      programme: programmeDto(programme),
      completionRule: rule,
      sessionList: sessions.map((s) => ({
        id: s.id,
        seq: s.seq,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        topic: s.topic,
        present: results.filter((r) => r.attended.includes(s.id)).length,
      })),
      enrolments: results.map((r) => enrolmentDto(r.enrolment, r.attended, r.rule)),
    };
  }

  function sessionRows(classId: string, list: z.infer<typeof SessionInput>[], firstSeq: number) {
    return list.map((s, i) => {
      const startsAt = new Date(s.startsAt);
      const endsAt = new Date(s.endsAt);
      if (!(endsAt > startsAt)) throw invalid(`第 ${i + 1} 个课次的结束时间应晚于开始时间`);
      return {
        classId,
        seq: firstSeq + i,
        startsAt,
        endsAt,
        topic: s.topic?.trim() ? s.topic : null,
        checkinSecret: randomBytes(32).toString('hex'),
      };
    });
  }

  /** Enrols a person found or created in the registry, with the class locked: capacity re-checked, once per class. */
  async function enrolInTx(
    tx: DbOrTx,
    actor: Actor,
    classId: string,
    who: { personId: string; name: string; masked: string; cityCode: string | null },
  ): Promise<repo.EnrolmentDb> {
    const cls = (await repo.getClass(tx, classId, true))!;
    refuseClass('enrol', cls);
    if (await repo.enrolmentOfPerson(tx, cls.id, who.personId))
      throw new AppError('DUPLICATE', `${who.name} 已报名该班级，不能重复报名`);
    if (cls.capacity !== null && (await repo.countEnrolments(tx, cls.id)) >= cls.capacity)
      throw new AppError('CONFLICT', `班级已满（容量 ${cls.capacity} 人）`);
    const e = await repo.insertEnrolment(tx, {
      classId: cls.id,
      personId: who.personId,
      personName: who.name,
      idNumberMasked: who.masked,
      cityCode: who.cityCode ?? cls.cityCode,
      enrolledAt: clock(),
      enrolledBy: actor.userId,
    });
    if (!e) throw new AppError('DUPLICATE', `${who.name} 已报名该班级，不能重复报名`);
    await audit(tx, actor, {
      action: 'training.enrol',
      entity: 'training_enrolment',
      entityId: e.id,
      after: { classId: cls.id, personId: who.personId, idNumber: who.masked },
    });
    return e;
  }

  async function validateProgramme(actor: Actor, input: CreateProgramme) {
    let occupationCode = input.occupationCode?.trim() || null;
    if (occupationCode) {
      const occ = await deps.reference.resolveOccupation(occupationCode);
      if (!occ) throw invalid(`职业编码 ${occupationCode} 不在职业分类大典中`, { field: 'occupationCode' });
      occupationCode = occ.code;
    }
    const domain = input.digitalDomain?.trim() || null;
    if (domain && !(await deps.reference.list('digital_domain')).some((d) => d.code === domain))
      throw invalid(`数字技术领域 ${domain} 不存在`, { field: 'digitalDomain' });
    const level = input.levelCode?.trim() || null;
    if (level && !(await deps.reference.list('skill_level')).some((d) => d.code === level))
      throw invalid(`等级 ${level} 不存在`, { field: 'levelCode' });
    if (input.type === 'enterprise_inhouse' && !actor.roles.includes('enterprise'))
      throw invalid('企业内训项目由企业自行登记', { field: 'type' });
    let partnerName = input.partnerName?.trim() || null;
    if (input.partnerOrgId) {
      const partner = await deps.orgs.locate(input.partnerOrgId);
      if (!partner) throw invalid('合作单位不存在', { field: 'partnerOrgId' });
      partnerName = partner.name;
    }
    return { occupationCode, domain, level, partnerName };
  }

  const service = {
    completionDef,
    checkinDef,
    fundDef,

    // ---------------------------------------------------------- programmes and classes

    async listProgrammes(
      actor: Actor,
      q: { type?: ProgrammeType; page: number; pageSize: number },
    ): Promise<{ items: ProgrammeSummary[]; total: number }> {
      assertPermission(actor, 'training.read');
      const { items, total } = await repo.listProgrammes(db, actor, {
        type: q.type,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: items.map(programmeDto), total };
    },

    /** A provider or enterprise registers a programme of its own organisation (a cloud course gets its one online class). */
    async createProgramme(actor: Actor, input: CreateProgramme): Promise<z.infer<typeof ProgrammeDetail>> {
      assertPermission(actor, 'training.manage');
      if (!actor.orgId) throw forbidden('只有机构账号可以登记培训项目');
      const org = await deps.orgs.locate(actor.orgId);
      if (!org) throw forbidden('只有机构账号可以登记培训项目');
      const v = await validateProgramme(actor, input);
      const id = await db.transaction(async (tx) => {
        const p = await repo.insertProgramme(tx, {
          orgId: org.id,
          cityCode: org.cityCode,
          title: input.title,
          type: input.type,
          purpose: input.purpose,
          partnerOrgId: input.partnerOrgId ?? null,
          partnerName: v.partnerName,
          occupationCode: v.occupationCode,
          digitalDomain: v.domain,
          tier: input.tier ?? null,
          levelCode: v.level,
          hours: input.hours,
          assessmentRequired: input.assessmentRequired,
          description: input.description?.trim() ? input.description : null,
          createdBy: actor.userId,
          createdAt: clock(),
        });
        if (p.type === 'cloud')
          await repo.insertClass(tx, {
            programmeId: p.id,
            orgId: p.orgId,
            cityCode: p.cityCode,
            name: '在线学习',
            capacity: null,
            createdAt: clock(),
          });
        await audit(tx, actor, {
          action: 'training.programme_create',
          entity: 'training_programme',
          entityId: p.id,
          after: p,
        });
        return p.id;
      });
      return service.getProgramme(actor, id);
    },

    async getProgramme(actor: Actor, id: string): Promise<z.infer<typeof ProgrammeDetail>> {
      assertPermission(actor, 'training.read');
      const row = await reachProgramme(actor, id);
      const [classes, lessons] = await Promise.all([repo.classesOf(db, id), repo.lessonsOf(db, [id])]);
      return { ...programmeDto(row), classList: classes.map(classSummary), lessons: lessons.map(lessonDto) };
    },

    async createClass(
      actor: Actor,
      programmeId: string,
      input: z.infer<typeof CreateClass>,
    ): Promise<z.infer<typeof ClassDetail>> {
      assertPermission(actor, 'training.manage');
      const programme = await reachProgramme(actor, programmeId);
      if (programme.p.type === 'cloud')
        throw new AppError('INVALID_TRANSITION', '云课堂课程自带在线学习班，不能另建班级');
      return db.transaction(async (tx) => {
        const c = await repo.insertClass(tx, {
          programmeId,
          orgId: programme.p.orgId,
          cityCode: programme.p.cityCode,
          name: input.name,
          capacity: input.capacity ?? null,
          createdAt: clock(),
        });
        const sessions = await repo.insertSessions(tx, sessionRows(c.id, input.sessions, 1));
        await audit(tx, actor, {
          action: 'training.class_create',
          entity: 'training_class',
          entityId: c.id,
          after: { ...c, sessions: sessions.map((s) => ({ seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt })) },
        });
        return classDetail(c, tx);
      });
    },

    async getClass(actor: Actor, id: string): Promise<z.infer<typeof ClassDetail>> {
      assertPermission(actor, 'training.read');
      return classDetail(await reachClass(actor, id));
    },

    async addSession(
      actor: Actor,
      classId: string,
      input: z.infer<typeof SessionInput>,
    ): Promise<z.infer<typeof ClassDetail>> {
      assertPermission(actor, 'training.manage');
      await reachClass(actor, classId);
      return db.transaction(async (tx) => {
        const cls = (await repo.getClass(tx, classId, true))!;
        refuseClass('schedule', cls);
        const programme = (await repo.getProgramme(tx, cls.programmeId))!;
        if (programme.p.type === 'cloud') throw new AppError('INVALID_TRANSITION', '云课堂课程按课时学习，不排课次');
        const [s] = await repo.insertSessions(tx, sessionRows(cls.id, [input], await repo.nextSessionSeq(tx, cls.id)));
        await audit(tx, actor, {
          action: 'training.session_add',
          entity: 'training_session',
          entityId: s!.id,
          after: { classId: cls.id, seq: s!.seq, startsAt: s!.startsAt, endsAt: s!.endsAt },
        });
        return classDetail(cls, tx);
      });
    },

    /** Enrol a person by ID number and name (registered in the registry if new), or one the actor reaches. */
    async enrol(actor: Actor, classId: string, input: z.infer<typeof Enrol>): Promise<EnrolmentCreated> {
      assertPermission(actor, 'training.manage');
      await reachClass(actor, classId);
      const e = await db.transaction(async (tx) => {
        if ('personId' in input) {
          const p = await deps.registry.reach(actor, input.personId, tx);
          return enrolInTx(tx, actor, classId, {
            personId: p.id,
            name: p.name,
            masked: maskIdNumber(p.idNumberTail.slice(0, 6), p.idNumberTail.slice(6)),
            cityCode: null,
          });
        }
        const id = parseIdCard(input.idNumber, clock());
        if (!id.ok) throw invalid(`身份证号无效：${id.reason}`, { field: 'idNumber' });
        // An ID number and a name are not secrets: a person already in the registry is enrolled only
        // under the registry's name, and the refusal does not say whose number it is.
        const p = await deps.registry.ensurePerson(tx, actor, { idNumber: id.value, name: input.name });
        if (!p.created && normalizeText(p.name) !== normalizeText(input.name))
          throw invalid('身份证号与姓名不匹配', { field: 'name' });
        return enrolInTx(tx, actor, classId, {
          personId: p.id,
          name: p.name,
          masked: maskIdNumber(id.value.slice(0, 6), id.value.slice(-4)),
          cityCode: null,
        });
      });
      // Without the registry's person id (the enrolment id is the handle).
      const { personId: _personId, ...created } = enrolmentDto(e, [], {
        eligible: false,
        attendancePercent: null,
        lessonsDone: null,
        lessonsTotal: null,
        reasons: [],
      });
      return created;
    },

    /** Marks who was present at a session (present: true adds, false removes); the class must be open. */
    async recordAttendance(
      actor: Actor,
      sessionId: string,
      input: z.infer<typeof AttendanceInput>,
    ): Promise<z.infer<typeof ClassDetail>> {
      assertPermission(actor, 'training.manage');
      const { cls } = await reachSession(actor, sessionId);
      return db.transaction(async (tx) => {
        const locked = (await repo.getClass(tx, cls.id, true))!;
        refuseClass('attendance', locked);
        const enrolments = await repo.enrolmentsOf(tx, cls.id);
        const byPerson = new Map(enrolments.map((e) => [e.personId, e]));
        const add: string[] = [];
        const remove: string[] = [];
        for (const r of input.records) {
          const e = byPerson.get(r.personId);
          if (!e) throw invalid('考勤名单中有未报名该班级的人员', { personId: r.personId });
          refuseEnrolment('attend', e);
          (r.present ? add : remove).push(e.id);
        }
        const at = clock();
        const added = await repo.markPresent(
          tx,
          add.map((enrolmentId) => ({
            sessionId,
            enrolmentId,
            method: 'mark' as const,
            recordedAt: at,
            recordedBy: actor.userId,
          })),
        );
        const removed = await repo.markAbsent(tx, sessionId, remove);
        await audit(tx, actor, {
          action: 'training.attendance',
          entity: 'training_session',
          entityId: sessionId,
          after: { classId: cls.id, present: add, absent: remove, added, removed },
        });
        return classDetail(locked, tx);
      });
    },

    /** The session's current check-in code (rotates every N minutes, the setting), for the organiser to show. */
    async checkinCode(actor: Actor, sessionId: string): Promise<z.infer<typeof CheckinCode>> {
      assertPermission(actor, 'training.manage');
      const { session } = await reachSession(actor, sessionId);
      const rule = await deps.settings.get(checkinDef);
      const now = clock();
      const w = windowOf(now, rule);
      return {
        sessionId,
        code: checkinCode(session.checkinSecret, session.id, w),
        windowMinutes: rule.windowMinutes,
        rotatesAt: new Date((w + 1) * rule.windowMinutes * 60_000).toISOString(),
        open: checkinOpen(session, now, rule),
      };
    },

    /** A talent enters the code shown in class: present at the one open session of their classes it belongs to. */
    async checkIn(actor: Actor, code: string): Promise<z.infer<typeof CheckInResult>> {
      assertPermission(actor, 'learning.self');
      if (!actor.personId) throw forbidden('只有人才账号可以签到');
      const personId = actor.personId;
      const rule = await deps.settings.get(checkinDef);
      const now = clock();
      const mine = (await repo.enrolmentsOfPerson(db, personId)).filter((e) => e.status === 'enrolled');
      const sessions = (await repo.sessionsOf(db, [...new Set(mine.map((e) => e.classId))])).filter((s) =>
        checkinOpen(s, now, rule),
      );
      if (!sessions.length) throw invalid('当前没有可签到的课程（签到只在课次开始前后开放）');
      let expired = false;
      for (const s of sessions) {
        const verdict = judgeCode(s.checkinSecret, s.id, code, now, rule);
        if (verdict === 'expired') expired = true;
        if (verdict !== 'valid') continue;
        const e = mine.find((x) => x.classId === s.classId)!;
        return db.transaction(async (tx) => {
          const cls = (await repo.getClass(tx, s.classId, true))!;
          refuseClass('attendance', cls);
          const current = (await repo.getEnrolment(tx, e.id, true))!;
          refuseEnrolment('attend', current);
          const added = await repo.markPresent(tx, [
            { sessionId: s.id, enrolmentId: e.id, method: 'code', recordedAt: now, recordedBy: actor.userId },
          ]);
          if (added)
            await audit(tx, actor, {
              action: 'training.check_in',
              entity: 'training_session',
              entityId: s.id,
              after: { classId: cls.id, enrolmentId: e.id },
            });
          return { sessionId: s.id, classId: cls.id, className: cls.name, seq: s.seq, alreadyPresent: added === 0 };
        });
      }
      throw invalid(expired ? '签到码已过期，请输入当前显示的签到码' : '签到码不正确');
    },

    async recordAssessment(
      actor: Actor,
      enrolmentId: string,
      input: z.infer<typeof AssessmentInput>,
    ): Promise<Enrolment> {
      assertPermission(actor, 'training.manage');
      const e0 = await repo.getEnrolment(db, enrolmentId);
      const c0 = e0 ? await repo.getClass(db, e0.classId) : undefined;
      assertReach(actor, c0 ? { cityCode: c0.cityCode, orgId: c0.orgId } : null, '报名记录');
      return db.transaction(async (tx) => {
        const cls = (await repo.getClass(tx, c0!.id, true))!;
        refuseClass('assess', cls);
        const before = (await repo.getEnrolment(tx, enrolmentId, true))!;
        refuseEnrolment('assess', before);
        const after = (await repo.updateEnrolment(tx, enrolmentId, {
          assessmentResult: input.result,
          assessmentScore: input.score ?? null,
        }))!;
        await audit(tx, actor, {
          action: 'training.assessment',
          entity: 'training_enrolment',
          entityId: enrolmentId,
          before: { assessmentResult: before.assessmentResult, assessmentScore: before.assessmentScore },
          after: { assessmentResult: after.assessmentResult, assessmentScore: after.assessmentScore },
        });
        const programme = (await repo.getProgramme(tx, cls.programmeId))!;
        const { results } = await ruleOfClassEnrolments(tx, cls, programme.p);
        const mine = results.find((r) => r.enrolment.id === enrolmentId)!;
        // The cloud classroom completes each learner as soon as the rule holds.
        if (programme.p.type === 'cloud' && mine.rule.eligible) {
          await completeInTx(tx, actor, after, programme);
          const done = (await repo.getEnrolment(tx, enrolmentId))!;
          return enrolmentDto(done, mine.attended, mine.rule);
        }
        return enrolmentDto(after, mine.attended, mine.rule);
      });
    },

    /**
     * 结业: applies the completion rule to every enrolled person of the class (open → completed,
     * re-checked under the class lock); those who meet it complete and receive the
     * 实践应用结业证书 in the registry, the others are marked 未达结业条件. One transaction.
     */
    async completeClass(actor: Actor, classId: string): Promise<z.infer<typeof CompletionOutcome>> {
      assertPermission(actor, 'training.manage');
      await reachClass(actor, classId);
      return db.transaction(async (tx) => {
        const cls = (await repo.getClass(tx, classId, true))!;
        refuseClass('complete', cls);
        const programme = (await repo.getProgramme(tx, cls.programmeId))!;
        if (programme.p.type === 'cloud')
          throw new AppError('INVALID_TRANSITION', '云课堂按学员逐个结业（学完全部课时并考核合格即结业）');
        const { results, sessions } = await ruleOfClassEnrolments(tx, cls, programme.p);
        if (!sessions.length) throw new AppError('INVALID_TRANSITION', '班级没有排课，不能结业');
        const out: z.infer<typeof CompletionOutcome>['results'] = [];
        for (const r of results) {
          const e = r.enrolment;
          if (e.status !== 'enrolled') {
            out.push({
              enrolmentId: e.id,
              personId: e.personId,
              personName: e.personName,
              status: e.status,
              rule: r.rule,
              credentialNumber: e.credentialNumber,
            });
            continue;
          }
          if (r.rule.eligible) {
            const number = await completeInTx(tx, actor, e, programme);
            out.push({
              enrolmentId: e.id,
              personId: e.personId,
              personName: e.personName,
              status: 'completed',
              rule: r.rule,
              credentialNumber: number,
            });
          } else {
            await repo.updateEnrolment(tx, e.id, { status: 'not_completed' }, 'enrolled');
            out.push({
              enrolmentId: e.id,
              personId: e.personId,
              personName: e.personName,
              status: 'not_completed',
              rule: r.rule,
              credentialNumber: null,
            });
          }
        }
        await repo.updateClass(tx, cls.id, { status: 'completed', completedAt: clock(), completedBy: actor.userId });
        const completed = out.filter((o) => o.status === 'completed').length;
        await audit(tx, actor, {
          action: 'training.class_complete',
          entity: 'training_class',
          entityId: cls.id,
          before: { status: cls.status },
          after: {
            status: 'completed',
            completed,
            notCompleted: out.length - completed,
            results: out.map((o) => ({ enrolmentId: o.enrolmentId, status: o.status, reasons: o.rule.reasons })),
          },
        });
        return { classId: cls.id, status: 'completed', completed, notCompleted: out.length - completed, results: out };
      });
    },

    // ---------------------------------------------------------- cloud classroom

    async addLinkLesson(actor: Actor, programmeId: string, input: z.infer<typeof LinkLesson>) {
      assertPermission(actor, 'training.manage');
      const programme = await reachProgramme(actor, programmeId);
      if (programme.p.type !== 'cloud') throw new AppError('INVALID_TRANSITION', '只有云课堂课程可以添加课时');
      return db.transaction(async (tx) => {
        const l = await repo.insertLesson(tx, {
          programmeId,
          title: input.title,
          minutes: input.minutes,
          url: input.url,
          createdAt: clock(),
        });
        await audit(tx, actor, { action: 'training.lesson_add', entity: 'training_lesson', entityId: l.id, after: l });
        return lessonDto(l);
      });
    },

    async addFileLesson(
      actor: Actor,
      programmeId: string,
      meta: { title?: string; minutes: number },
      file: UploadedFile,
    ) {
      assertPermission(actor, 'training.manage');
      const programme = await reachProgramme(actor, programmeId);
      const checked = checkLessonFile(file.fileName, file.data);
      if (!checked.ok) throw invalid(checked.message);
      if (programme.p.type !== 'cloud') throw new AppError('INVALID_TRANSITION', '只有云课堂课程可以添加课时');
      return db.transaction(async (tx) => {
        const l = await repo.insertLesson(tx, {
          programmeId,
          title: meta.title?.trim() || checked.fileName.replace(/\.[^.]+$/, ''),
          minutes: meta.minutes,
          fileName: checked.fileName,
          contentType: checked.contentType,
          bytes: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
          data: file.data,
          createdAt: clock(),
        });
        await audit(tx, actor, {
          action: 'training.lesson_add',
          entity: 'training_lesson',
          entityId: l.id,
          after: {
            programmeId: l.programmeId,
            title: l.title,
            fileName: l.fileName,
            contentType: l.contentType,
            bytes: l.bytes,
            sha256: l.sha256,
            minutes: l.minutes,
          },
        });
        return lessonDto(l);
      });
    },

    /** 云课堂 catalogue, with the talent's own enrolment. */
    async catalogue(actor: Actor): Promise<z.infer<typeof CloudCourse>[]> {
      assertPermission(actor, 'learning.self');
      const rows = await repo.cloudCatalogue(db, actor.personId);
      return rows.map((r) => ({
        ...programmeDto(r),
        lessonCount: r.lessonCount,
        minutes: r.minutes,
        enrolmentId: r.enrolmentId,
      }));
    },

    /** A talent enrols in a cloud course themself. */
    async enrolCloud(actor: Actor, programmeId: string): Promise<z.infer<typeof MyEnrolment>> {
      assertPermission(actor, 'learning.self');
      if (!actor.personId) throw forbidden('只有人才账号可以报名云课堂');
      const programme = await repo.getProgramme(db, programmeId);
      if (!programme || programme.p.type !== 'cloud') throw notFound('云课堂课程');
      const [cls] = await repo.classesOf(db, programmeId);
      if (!cls) throw notFound('云课堂课程');
      const p = await deps.registry.reach(actor, actor.personId);
      const e = await db.transaction((tx) =>
        enrolInTx(tx, actor, cls.c.id, {
          personId: p.id,
          name: p.name,
          masked: maskIdNumber(p.idNumberTail.slice(0, 6), p.idNumberTail.slice(6)),
          cityCode: p.cityCode,
        }),
      );
      return (await service.myEnrolments(actor)).find((m) => m.id === e.id)!;
    },

    /** 我的课程: the talent's classes and cloud courses with sessions, lessons, hours and the rule's result. */
    async myEnrolments(actor: Actor): Promise<z.infer<typeof MyEnrolment>[]> {
      assertPermission(actor, 'learning.self');
      if (!actor.personId) return [];
      const mine = await repo.enrolmentsOfPerson(db, actor.personId);
      const out: z.infer<typeof MyEnrolment>[] = [];
      for (const e of mine) {
        const cls = (await repo.getClass(db, e.classId))!;
        const programme = (await repo.getProgramme(db, cls.programmeId))!;
        const { sessions, results, lessons, progress } = await ruleOfClassEnrolments(db, cls, programme.p);
        const r = results.find((x) => x.enrolment.id === e.id)!;
        const done = new Set(progress.filter((p) => p.enrolmentId === e.id).map((p) => p.lessonId));
        const opened = new Map((await repo.lessonOpensOf(db, e.id)).map((o) => [o.lessonId, o.openedAt]));
        const attendedMs = sessions
          .filter((s) => r.attended.includes(s.id))
          .reduce((a, s) => a + (s.endsAt.getTime() - s.startsAt.getTime()), 0);
        const lessonMinutes = progress.filter((p) => p.enrolmentId === e.id).reduce((a, p) => a + p.minutes, 0);
        out.push({
          id: e.id,
          classId: cls.id,
          className: cls.name,
          programme: programmeDto(programme),
          status: e.status,
          statusLabel: ENROLMENT_STATUS_LABELS[e.status],
          assessmentResult: e.assessmentResult,
          sessions: sessions.map((s) => ({
            id: s.id,
            seq: s.seq,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            present: r.attended.includes(s.id),
          })),
          lessons: lessons.map((l) => ({
            ...lessonDto(l),
            done: done.has(l.id),
            openedAt: opened.get(l.id)?.toISOString() ?? null,
          })),
          learnedHours: Math.round(((attendedMs / 60_000 + lessonMinutes) / 60) * 10) / 10,
          rule: r.rule,
          completedOn: e.completedOn,
          credentialNumber: e.credentialNumber,
        });
      }
      return out;
    },

    /** The learner opens a lesson: the first opening (server time) starts its minutes. */
    async openLesson(actor: Actor, lessonId: string): Promise<z.infer<typeof LessonOpened>> {
      assertPermission(actor, 'learning.self');
      const { lesson, enrolment } = await learnerLesson(actor, lessonId);
      return db.transaction(async (tx) => {
        const e = (await repo.getEnrolment(tx, enrolment.id, true))!;
        refuseEnrolment('progress', e);
        const openedAt = await repo.openLesson(tx, { enrolmentId: e.id, lessonId, openedAt: clock() });
        return {
          lessonId,
          openedAt: openedAt.toISOString(),
          doneFrom: new Date(openedAt.getTime() + lesson.minutes * 60_000).toISOString(),
        };
      });
    },

    /**
     * A lesson done (once), when at least its minutes of server time have passed since the learner
     * opened it; the hours learned are the lesson's. When every lesson is done and the assessment
     * (if any) passed, the course completes.
     */
    async lessonDone(actor: Actor, lessonId: string): Promise<z.infer<typeof ProgressResult>> {
      assertPermission(actor, 'learning.self');
      const { lesson, cls, enrolment } = await learnerLesson(actor, lessonId);
      return db.transaction(async (tx) => {
        const e = (await repo.getEnrolment(tx, enrolment.id, true))!;
        refuseEnrolment('progress', e);
        const now = clock();
        const already = (await repo.progressOf(tx, [e.id])).some((p) => p.lessonId === lessonId);
        if (!already) {
          const openedAt = await repo.lessonOpenedAt(tx, e.id, lessonId);
          if (!openedAt || now.getTime() - openedAt.getTime() < lesson.minutes * 60_000)
            throw invalid('学习时长不足，请完成本节学习后再提交', { field: 'lessonId' });
          await repo.insertProgress(tx, {
            enrolmentId: e.id,
            lessonId,
            minutes: lesson.minutes,
            completedAt: now,
          });
          await audit(tx, actor, {
            action: 'training.lesson_done',
            entity: 'training_lesson',
            entityId: lessonId,
            after: { enrolmentId: e.id, minutes: lesson.minutes, openedAt: openedAt.toISOString() },
          });
        }
        const programme = (await repo.getProgramme(tx, lesson.programmeId))!;
        const { results } = await ruleOfClassEnrolments(tx, cls.c, programme.p);
        const mine = results.find((r) => r.enrolment.id === e.id)!;
        const number = mine.rule.eligible ? await completeInTx(tx, actor, e, programme) : null;
        return {
          enrolmentId: e.id,
          lessonId,
          status: number ? 'completed' : e.status,
          rule: mine.rule,
          credentialNumber: number,
        };
      });
    },

    /** A lesson's file, for a learner enrolled in its course. */
    async lessonFile(actor: Actor, lessonId: string) {
      assertPermission(actor, 'learning.self');
      const lesson = await repo.getLesson(db, lessonId);
      const cls = lesson ? (await repo.classesOf(db, lesson.programmeId))[0] : undefined;
      const e = cls && actor.personId ? await repo.enrolmentOfPerson(db, cls.c.id, actor.personId) : undefined;
      if (!lesson || !e) throw notFound('课时');
      const data = await repo.lessonData(db, lessonId);
      if (!data) throw new AppError('NOT_FOUND', '该课时是链接，没有文件');
      return { fileName: lesson.fileName!, contentType: lesson.contentType!, sha256: lesson.sha256!, data };
    },

    // ---------------------------------------------------------- attendance import (kernel import framework)

    /** For the import's validation: classes the actor manages, with sessions and enrolments (by person). */
    async importContext(actor: Actor, classIds: string[]) {
      const out = new Map<
        string,
        { cls: repo.ClassDb; sessions: Map<number, string>; byPerson: Map<string, repo.EnrolmentDb> }
      >();
      for (const id of classIds) {
        const c = await repo.getClass(db, id);
        if (!c || !reaches(actor, { cityCode: c.cityCode, orgId: c.orgId })) continue;
        const [sessions, enrolments] = await Promise.all([repo.sessionsOf(db, [id]), repo.enrolmentsOf(db, id)]);
        out.set(id, {
          cls: c,
          sessions: new Map(sessions.map((s) => [s.seq, s.id])),
          byPerson: new Map(enrolments.map((e) => [e.personId, e])),
        });
      }
      return out;
    },

    findPersonId: (idNumber: string) => deps.registry.findIdByIdNumber(idNumber),

    /** The import's commit: inside the caller's transaction, classes re-checked (open) under their lock. */
    async commitAttendance(tx: DbOrTx, actor: Actor, rows: AttendanceRow[]): Promise<Record<string, number>> {
      let present = 0;
      let absent = 0;
      for (const classId of [...new Set(rows.map((r) => r.classId))]) {
        const cls = await repo.getClass(tx, classId, true);
        if (!cls || !reaches(actor, { cityCode: cls.cityCode, orgId: cls.orgId })) throw notFound('培训班级');
        refuseClass('attendance', cls);
        const mine = rows.filter((r) => r.classId === classId);
        const at = clock();
        present += await repo.markPresent(
          tx,
          mine
            .filter((r) => r.present)
            .map((r) => ({
              sessionId: r.sessionId,
              enrolmentId: r.enrolmentId,
              method: 'import' as const,
              recordedAt: at,
              recordedBy: actor.userId,
            })),
        );
        for (const sessionId of [...new Set(mine.map((r) => r.sessionId))])
          absent += await repo.markAbsent(
            tx,
            sessionId,
            mine.filter((r) => r.sessionId === sessionId && !r.present).map((r) => r.enrolmentId),
          );
      }
      await audit(tx, actor, {
        action: 'training.attendance_import',
        entity: 'training_attendance',
        after: { rows: rows.length, present, absent },
      });
      return { rows: rows.length, present, absent };
    },

    // ---------------------------------------------------------- enterprise yearly reports

    async report(actor: Actor, year: number): Promise<EnterpriseReport> {
      assertPermission(actor, 'enterprise.report');
      const org = actor.orgId ? await deps.orgs.locate(actor.orgId) : undefined;
      if (!org) throw forbidden('只有企业账号可以填报年度培训报告');
      const r = await repo.getReport(db, org.id, year);
      return reportDto(r, org, year);
    },

    async saveReport(
      actor: Actor,
      year: number,
      input: z.infer<typeof SaveEnterpriseReport>,
    ): Promise<EnterpriseReport> {
      assertPermission(actor, 'enterprise.report');
      const org = actor.orgId ? await deps.orgs.locate(actor.orgId) : undefined;
      if (!org) throw forbidden('只有企业账号可以填报年度培训报告');
      const problem = reportProblem(input);
      if (problem) throw invalid(problem);
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training.report:${org.id}:${year}`}))`);
        const before = await repo.getReport(tx, org.id, year, true);
        if (before) refuseReport('save', before);
        const after = await repo.upsertReport(tx, {
          orgId: org.id,
          cityCode: org.cityCode,
          year,
          sessions: input.sessions,
          personTimes: input.personTimes,
          frontlinePersonTimes: input.frontlinePersonTimes,
          fundsExtracted: input.fundsExtracted,
          fundsUsed: input.fundsUsed,
          fundsFrontline: input.fundsFrontline,
          note: input.note?.trim() ? input.note : null,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'training.report_save',
          entity: 'enterprise_training_report',
          entityId: after.id,
          before: before ?? null,
          after,
        });
        return reportDto(after, org, year, tx);
      });
    },

    async submitReport(actor: Actor, year: number): Promise<EnterpriseReport> {
      assertPermission(actor, 'enterprise.report');
      const org = actor.orgId ? await deps.orgs.locate(actor.orgId) : undefined;
      if (!org) throw forbidden('只有企业账号可以填报年度培训报告');
      return db.transaction(async (tx) => {
        const before = await repo.getReport(tx, org.id, year, true);
        if (!before) throw invalid('请先填写并保存年度培训报告再提交');
        refuseReport('submit', before);
        const after = await repo.updateReport(tx, before.id, {
          status: 'submitted',
          submittedAt: clock(),
          submittedBy: actor.userId,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'training.report_submit',
          entity: 'enterprise_training_report',
          entityId: after.id,
          before: { status: before.status },
          after: { status: after.status },
        });
        return reportDto(after, org, year, tx);
      });
    },

    /** Reports of a year in the actor's reach (province all, a city its own), with the C1 check per enterprise. */
    async reports(actor: Actor, yearIn?: number): Promise<z.infer<typeof EnterpriseReportList>> {
      assertPermission(actor, 'training.read');
      const year = yearIn ?? Number(today().slice(0, 4));
      const rows = await repo.reportsOfYear(db, year, actor);
      const rule = await deps.settings.get(fundDef);
      const items: EnterpriseReport[] = [];
      for (const x of rows)
        items.push(
          await reportDto(x.r, { id: x.r.orgId, name: x.orgName ?? '', cityCode: x.r.cityCode }, year, db, rule),
        );
      const submitted = items.filter((i) => i.status === 'submitted' && i.meetsFrontlineRule !== null);
      const meeting = submitted.filter((i) => i.meetsFrontlineRule).length;
      return {
        year,
        rule,
        items,
        summary: {
          reporting: submitted.length,
          meeting,
          share: submitted.length ? Math.round((meeting / submitted.length) * 10_000) / 10_000 : null,
        },
      };
    },

    // ---------------------------------------------------------- for other modules (actor-free)

    /** A person's completed enrolments (subsidy claims are built from these). */
    async completionsOf(personId: string, tx: DbOrTx = db): Promise<Completion[]> {
      return (await repo.completionsOfPerson(tx, personId)).map(completionDto);
    },

    /** One completed enrolment, or undefined (not found or not completed). */
    async completion(enrolmentId: string, tx: DbOrTx = db): Promise<Completion | undefined> {
      const row = await repo.completionOf(tx, enrolmentId);
      return row && row.e.status === 'completed' ? completionDto(row) : undefined;
    },

    /** Where a class lives (scope checks of other modules' routes, e.g. a claim built from a class). */
    async locateClass(classId: string) {
      const c = await repo.getClass(db, classId);
      return c && { orgId: c.orgId, cityCode: c.cityCode, status: c.status, programmeId: c.programmeId };
    },
  };

  async function reportDto(
    r: repo.ReportDb | undefined,
    org: { id: string; name: string; cityCode: string },
    year: number,
    tx: DbOrTx = db,
    ruleIn?: EducationFundRule,
  ): Promise<EnterpriseReport> {
    const rule = ruleIn ?? (await deps.settings.get(fundDef, tx));
    const recorded = await repo.recordedInhouse(tx, org.id, `${year}-01-01`, `${year}-12-31`);
    const v = r ?? {
      sessions: 0,
      personTimes: 0,
      frontlinePersonTimes: 0,
      fundsExtracted: 0,
      fundsUsed: 0,
      fundsFrontline: 0,
    };
    const check = frontlineFundCheck(v, rule);
    return {
      id: r?.id ?? null,
      orgId: org.id,
      orgName: org.name,
      cityCode: r?.cityCode ?? org.cityCode,
      year,
      status: r?.status ?? 'draft',
      statusLabel: REPORT_STATUS_LABELS[r?.status ?? 'draft'],
      sessions: v.sessions,
      personTimes: v.personTimes,
      frontlinePersonTimes: v.frontlinePersonTimes,
      frontlinePersonShare:
        v.personTimes > 0 ? Math.round((v.frontlinePersonTimes / v.personTimes) * 10_000) / 10_000 : null,
      fundsExtracted: v.fundsExtracted,
      fundsUsed: v.fundsUsed,
      fundsFrontline: v.fundsFrontline,
      frontlineFundShare: check.share,
      meetsFrontlineRule: check.meets,
      warning: check.warning,
      rule,
      recorded,
      note: r?.note ?? null,
      submittedAt: iso(r?.submittedAt),
      updatedAt: iso(r?.updatedAt),
    };
  }

  return service;
}

function completionDto(row: NonNullable<Awaited<ReturnType<typeof repo.completionOf>>>): Completion {
  return {
    enrolmentId: row.e.id,
    personId: row.e.personId,
    classId: row.c.id,
    programmeId: row.p.id,
    programmeTitle: row.p.title,
    programmeType: row.p.type,
    orgId: row.p.orgId,
    orgName: row.orgName,
    cityCode: row.e.cityCode,
    occupationCode: row.p.occupationCode,
    levelCode: row.p.levelCode,
    digitalDomain: row.p.digitalDomain,
    digital: row.p.digitalDomain !== null,
    hours: row.p.hours,
    completedOn: row.e.completedOn!,
    credentialNumber: row.e.credentialNumber!,
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
