import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { AppError, invalid, notFound } from '../../kernel/errors/app-error.js';
import { assertPermission, assertReach } from '../../kernel/auth/scope.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { SettingDef, SettingsService } from '../../kernel/settings/settings.service.js';
import { shanghaiDate } from '../../kernel/time.js';
import {
  ASSESSMENT_STATUS_LABELS,
  DEFAULT_RUBRIC,
  RECTIFICATION_STATUS_LABELS,
  RUBRIC_SETTING_KEY,
  Rubric,
  type CreateRectification,
  type EvidenceFile,
  type Rectification,
  type ReportRectification,
  type RejectRectification,
  type ReturnInput,
  type SaveSelfAssessment,
  type ScoreInput,
  type SelfAssessment,
  type SupervisionDetail,
  type SupervisionOverview,
  type SupervisionSection,
} from '../../../contracts/supervision.js';
import * as repo from './supervision.repo.js';
import {
  EVIDENCE_MAX_FILES,
  assessmentRefusal,
  checkEvidence,
  isOverdue,
  rectificationRefusal,
  rubricMax,
  scoreAgainst,
  type AssessmentAction,
  type RectificationAction,
} from './supervision.rules.js';

/** The scoring rubric of 督导评估: a policy setting the province admin edits (PUT /api/settings/supervision.rubric). */
export const RUBRIC_SETTING: SettingDef<Rubric> = {
  key: RUBRIC_SETTING_KEY,
  title: '督导评估评分细则（评分项与分值）',
  schema: Rubric,
  defaults: DEFAULT_RUBRIC,
};

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

function refuseAssessment(action: AssessmentAction, status: repo.AssessmentDb['status']) {
  const why = assessmentRefusal(action, status);
  if (why) throw new AppError('INVALID_TRANSITION', why, { status });
}
function refuseRectification(action: RectificationAction, status: repo.RectificationDb['status']) {
  const why = rectificationRefusal(action, status);
  if (why) throw new AppError('INVALID_TRANSITION', why, { status });
}

const evidenceDto = (e: repo.EvidenceMetaDb): EvidenceFile => ({
  id: e.id,
  fileName: e.fileName,
  contentType: e.contentType,
  bytes: e.bytes,
  sha256: e.sha256,
  uploadedAt: e.uploadedAt.toISOString(),
});
const evidenceAudit = (e: repo.EvidenceMetaDb) => ({
  fileName: e.fileName,
  contentType: e.contentType,
  bytes: e.bytes,
  sha256: e.sha256,
  assessmentId: e.assessmentId,
  rectificationId: e.rectificationId,
});

const assessmentAudit = (a: repo.AssessmentDb) => ({
  year: a.year,
  cityCode: a.cityCode,
  status: a.status,
  keyWork: a.keyWork,
  policyImplementation: a.policyImplementation,
  problemsAndPlans: a.problemsAndPlans,
  returnReason: a.returnReason,
  scoreItems: a.scoreItems,
  scoreTotal: a.scoreTotal,
  scoreComment: a.scoreComment,
});
const rectificationAudit = (r: repo.RectificationDb) => ({
  year: r.year,
  cityCode: r.cityCode,
  description: r.description,
  deadline: r.deadline,
  status: r.status,
  reportText: r.reportText,
  rejectReason: r.rejectReason,
});

function scoreOf(a: repo.AssessmentDb | undefined) {
  if (!a || a.status !== 'scored' || !a.scoreItems || a.scoreTotal === null || !a.scoredAt) return null;
  return {
    items: a.scoreItems,
    total: a.scoreTotal,
    maxTotal: a.scoreMax ?? a.scoreItems.reduce((s, i) => s + i.maxPoints, 0),
    comment: a.scoreComment,
    scoredAt: a.scoredAt.toISOString(),
  };
}

export function createSupervisionService(deps: {
  db: Db;
  clock: () => Date;
  reference: Pick<ReferenceService, 'cities'>;
  settings: Pick<SettingsService, 'define' | 'get'>;
}) {
  const { db, clock } = deps;
  const rubricDef = deps.settings.define(RUBRIC_SETTING);
  const today = () => shanghaiDate(clock());
  const rubric = (tx: DbOrTx = db) => deps.settings.get(rubricDef, tx);

  async function activeCities(): Promise<{ code: string; name: string }[]> {
    return [...(await deps.reference.cities()).values()]
      .filter((c) => c.attrs.status === 'active')
      .map((c) => ({ code: c.code, name: c.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The city in the actor's reach (404 otherwise: another city's supervision does not exist for a city admin). */
  async function reachCity(actor: Actor, cityCode: string): Promise<{ code: string; name: string }> {
    const city = (await activeCities()).find((c) => c.code === cityCode);
    assertReach(actor, city ? { cityCode: city.code, orgId: null } : null, '该城市的督导评估');
    return city!;
  }

  async function cityName(code: string): Promise<string> {
    return (await deps.reference.cities()).get(code)?.name ?? code;
  }

  function assessmentDto(
    a: repo.AssessmentDb | undefined,
    year: number,
    city: { code: string; name: string },
    evidence: repo.EvidenceMetaDb[],
  ): z.infer<typeof SelfAssessment> {
    const status = a?.status ?? 'draft';
    return {
      id: a?.id ?? null,
      year,
      cityCode: city.code,
      cityName: city.name,
      status,
      statusLabel: ASSESSMENT_STATUS_LABELS[status],
      keyWork: a?.keyWork ?? '',
      policyImplementation: a?.policyImplementation ?? '',
      problemsAndPlans: a?.problemsAndPlans ?? null,
      submittedAt: iso(a?.submittedAt),
      returnReason: status === 'returned' ? (a?.returnReason ?? null) : null,
      returnedAt: iso(a?.returnedAt),
      updatedAt: iso(a?.updatedAt),
      editable: assessmentRefusal('save', status) === null,
      evidence: a ? evidence.filter((e) => e.assessmentId === a.id).map(evidenceDto) : [],
      score: scoreOf(a),
    };
  }

  function rectificationDto(
    r: repo.RectificationDb,
    name: string,
    evidence: repo.EvidenceMetaDb[],
    day: string,
  ): z.infer<typeof Rectification> {
    return {
      id: r.id,
      year: r.year,
      cityCode: r.cityCode,
      cityName: name,
      description: r.description,
      deadline: r.deadline,
      status: r.status,
      statusLabel: RECTIFICATION_STATUS_LABELS[r.status],
      overdue: isOverdue(r.deadline, r.status, day),
      reportText: r.reportText,
      reportedAt: iso(r.reportedAt),
      rejectReason: r.status === 'open' ? r.rejectReason : null,
      closedAt: iso(r.closedAt),
      createdAt: r.createdAt.toISOString(),
      evidence: evidence.filter((e) => e.rectificationId === r.id).map(evidenceDto),
    };
  }

  async function rectificationOut(r: repo.RectificationDb, tx: DbOrTx = db) {
    const evidence = await repo.evidenceOf(tx, { rectificationIds: [r.id] });
    return rectificationDto(r, await cityName(r.cityCode), evidence, today());
  }

  async function assessmentOut(a: repo.AssessmentDb, tx: DbOrTx = db) {
    const evidence = await repo.evidenceOf(tx, { assessmentIds: [a.id] });
    return assessmentDto(a, a.year, { code: a.cityCode, name: await cityName(a.cityCode) }, evidence);
  }

  /** A rectification item in the actor's reach (404 otherwise). */
  async function reachRectification(actor: Actor, id: string, tx: DbOrTx = db, lock = false) {
    const r = await repo.getRectification(tx, id, lock);
    assertReach(actor, r ? { cityCode: r.cityCode, orgId: null } : null, '整改事项');
    return r!;
  }

  async function storeEvidence(
    tx: DbOrTx,
    actor: Actor,
    owner: { assessmentId: string } | { rectificationId: string },
    file: UploadedFile,
  ) {
    const checked = checkEvidence(file.fileName, file.data);
    if (!checked.ok) throw invalid(checked.message);
    if ((await repo.countEvidence(tx, owner)) >= EVIDENCE_MAX_FILES)
      throw new AppError('CONFLICT', `每项最多上传 ${EVIDENCE_MAX_FILES} 个佐证材料，请先删除不需要的文件`);
    const row = await repo.insertEvidence(tx, {
      ...owner,
      fileName: checked.fileName,
      contentType: checked.contentType,
      bytes: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
      uploadedBy: actor.userId,
      uploadedAt: clock(),
    });
    await audit(tx, actor, {
      action: 'supervision.evidence_add',
      entity: 'supervision_evidence',
      entityId: row.id,
      after: evidenceAudit(row),
    });
    return evidenceDto(row);
  }

  const service = {
    /** The cities of a year with status, score and open rectifications (a city admin: their own city). */
    async overview(actor: Actor, year: number): Promise<z.infer<typeof SupervisionOverview>> {
      assertPermission(actor, 'supervision.read');
      const [cities, assessments, rects, rb] = await Promise.all([
        activeCities(),
        repo.assessmentsOfYear(db, year, actor),
        repo.rectificationsOf(db, year, { actor }),
        rubric(),
      ]);
      const day = today();
      const visible = cities.filter((c) => actor.roles.includes('province_admin') || c.code === actor.cityCode);
      return {
        year,
        today: day,
        rubric: rb.items,
        items: visible.map((c) => {
          const a = assessments.find((x) => x.cityCode === c.code);
          const rs = rects.filter((r) => r.cityCode === c.code);
          const score = scoreOf(a);
          const status = a?.status ?? 'draft';
          return {
            cityCode: c.code,
            cityName: c.name,
            status,
            statusLabel: ASSESSMENT_STATUS_LABELS[status],
            submittedAt: iso(a?.submittedAt),
            total: score?.total ?? null,
            maxTotal: score?.maxTotal ?? null,
            rectifications: rs.length,
            openRectifications: rs.filter((r) => r.status !== 'closed').length,
            overdueRectifications: rs.filter((r) => isOverdue(r.deadline, r.status, day)).length,
          };
        }),
      };
    },

    /** One city-year: self-assessment with evidence and score, rectification items, the current rubric. */
    async detail(actor: Actor, year: number, cityCode: string): Promise<z.infer<typeof SupervisionDetail>> {
      assertPermission(actor, 'supervision.read');
      const city = await reachCity(actor, cityCode);
      const [a, rects, rb] = await Promise.all([
        repo.getAssessment(db, year, city.code),
        repo.rectificationsOf(db, year, { cityCode: city.code }),
        rubric(),
      ]);
      const evidence = await repo.evidenceOf(db, {
        assessmentIds: a ? [a.id] : [],
        rectificationIds: rects.map((r) => r.id),
      });
      const day = today();
      return {
        year,
        cityCode: city.code,
        cityName: city.name,
        today: day,
        rubric: rb.items,
        assessment: assessmentDto(a, year, city, evidence),
        rectifications: rects.map((r) => rectificationDto(r, city.name, evidence, day)),
      };
    },

    /** The city admin saves the self-assessment texts (draft or returned). */
    async save(
      actor: Actor,
      year: number,
      cityCode: string,
      input: z.infer<typeof SaveSelfAssessment>,
    ): Promise<z.infer<typeof SelfAssessment>> {
      assertPermission(actor, 'supervision.submit');
      const city = await reachCity(actor, cityCode);
      return db.transaction(async (tx) => {
        const before = await repo.lockAssessment(tx, year, city.code, clock());
        refuseAssessment('save', before.status);
        const after = await repo.updateAssessment(tx, before.id, {
          keyWork: input.keyWork,
          policyImplementation: input.policyImplementation,
          problemsAndPlans: input.problemsAndPlans?.trim() ? input.problemsAndPlans : null,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.save',
          entity: 'supervision_assessment',
          entityId: after.id,
          before: assessmentAudit(before),
          after: assessmentAudit(after),
        });
        return assessmentOut(after, tx);
      });
    },

    /** The city admin submits the self-assessment (draft or returned → submitted). */
    async submit(actor: Actor, year: number, cityCode: string): Promise<z.infer<typeof SelfAssessment>> {
      assertPermission(actor, 'supervision.submit');
      const city = await reachCity(actor, cityCode);
      return db.transaction(async (tx) => {
        const before = await repo.lockAssessment(tx, year, city.code, clock());
        refuseAssessment('submit', before.status);
        if (!before.keyWork.trim() || !before.policyImplementation.trim())
          throw invalid('请先填写并保存「重点工作推进情况」和「政策落实情况」再提交');
        const after = await repo.updateAssessment(tx, before.id, {
          status: 'submitted',
          submittedAt: clock(),
          submittedBy: actor.userId,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.submit',
          entity: 'supervision_assessment',
          entityId: after.id,
          before: { status: before.status },
          after: assessmentAudit(after),
        });
        return assessmentOut(after, tx);
      });
    },

    /** The city admin adds an evidence file to the self-assessment (draft or returned). */
    async addEvidence(actor: Actor, year: number, cityCode: string, file: UploadedFile): Promise<EvidenceFile> {
      assertPermission(actor, 'supervision.submit');
      const city = await reachCity(actor, cityCode);
      return db.transaction(async (tx) => {
        const a = await repo.lockAssessment(tx, year, city.code, clock());
        refuseAssessment('evidence', a.status);
        return storeEvidence(tx, actor, { assessmentId: a.id }, file);
      });
    },

    /** The city admin adds an evidence file to a rectification item (open). */
    async addRectificationEvidence(actor: Actor, id: string, file: UploadedFile): Promise<EvidenceFile> {
      assertPermission(actor, 'supervision.submit');
      return db.transaction(async (tx) => {
        const r = await reachRectification(actor, id, tx, true);
        refuseRectification('evidence', r.status);
        return storeEvidence(tx, actor, { rectificationId: r.id }, file);
      });
    },

    /** The city admin removes an evidence file while its owner is still editable. */
    async removeEvidence(actor: Actor, id: string): Promise<{ id: string }> {
      assertPermission(actor, 'supervision.submit');
      const e = await repo.getEvidence(db, id);
      assertReach(actor, e ? { cityCode: e.cityCode, orgId: null } : null, '佐证材料');
      return db.transaction(async (tx) => {
        if (e!.assessmentId) {
          const a = await repo.lockAssessment(tx, e!.year, e!.cityCode, clock());
          refuseAssessment('evidence', a.status);
        } else {
          const r = await repo.getRectification(tx, e!.rectificationId!, true);
          refuseRectification('evidence', r!.status);
        }
        await repo.deleteEvidence(tx, id);
        await audit(tx, actor, {
          action: 'supervision.evidence_remove',
          entity: 'supervision_evidence',
          entityId: id,
          before: evidenceAudit(e!),
        });
        return { id };
      });
    },

    /** An evidence file's bytes, for whoever reaches its city. */
    async downloadEvidence(
      actor: Actor,
      id: string,
    ): Promise<{ fileName: string; contentType: string; sha256: string; data: Buffer }> {
      assertPermission(actor, 'supervision.read');
      const e = await repo.getEvidence(db, id);
      assertReach(actor, e ? { cityCode: e.cityCode, orgId: null } : null, '佐证材料');
      const data = await repo.evidenceData(db, id);
      if (!data) throw notFound('佐证材料');
      return { fileName: e!.fileName, contentType: e!.contentType, sha256: e!.sha256, data };
    },

    /** The province admin returns a submitted self-assessment for revision, with a reason. */
    async returnForRevision(
      actor: Actor,
      year: number,
      cityCode: string,
      input: z.infer<typeof ReturnInput>,
    ): Promise<z.infer<typeof SelfAssessment>> {
      assertPermission(actor, 'supervision.review');
      const city = await reachCity(actor, cityCode);
      return db.transaction(async (tx) => {
        const before = await repo.lockAssessment(tx, year, city.code, clock());
        refuseAssessment('return', before.status);
        const after = await repo.updateAssessment(tx, before.id, {
          status: 'returned',
          returnReason: input.reason,
          returnedAt: clock(),
          returnedBy: actor.userId,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.return',
          entity: 'supervision_assessment',
          entityId: after.id,
          before: { status: before.status },
          after: { status: after.status, returnReason: after.returnReason },
        });
        return assessmentOut(after, tx);
      });
    },

    /** The province admin scores a submitted self-assessment against the current rubric. */
    async score(
      actor: Actor,
      year: number,
      cityCode: string,
      input: z.infer<typeof ScoreInput>,
    ): Promise<z.infer<typeof SelfAssessment>> {
      assertPermission(actor, 'supervision.review');
      const city = await reachCity(actor, cityCode);
      return db.transaction(async (tx) => {
        const before = await repo.lockAssessment(tx, year, city.code, clock());
        refuseAssessment('score', before.status);
        const scored = scoreAgainst(await rubric(tx), input.items);
        if (!scored.ok) throw invalid(scored.message, { field: 'items' });
        const after = await repo.updateAssessment(tx, before.id, {
          status: 'scored',
          scoreItems: scored.items,
          scoreTotal: scored.total,
          scoreMax: scored.max,
          scoreComment: input.comment?.trim() ? input.comment : null,
          scoredAt: clock(),
          scoredBy: actor.userId,
          updatedAt: clock(),
          updatedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.score',
          entity: 'supervision_assessment',
          entityId: after.id,
          before: { status: before.status },
          after: {
            status: after.status,
            scoreItems: scored.items,
            scoreTotal: scored.total,
            scoreMax: scored.max,
            scoreComment: after.scoreComment,
          },
        });
        return assessmentOut(after, tx);
      });
    },

    /** The province admin creates a rectification item for a city-year (deadline: today or later). */
    async createRectification(
      actor: Actor,
      year: number,
      cityCode: string,
      input: z.infer<typeof CreateRectification>,
    ): Promise<z.infer<typeof Rectification>> {
      assertPermission(actor, 'supervision.review');
      const city = await reachCity(actor, cityCode);
      if (input.deadline < today()) throw invalid('整改期限不能早于今天', { field: 'deadline' });
      return db.transaction(async (tx) => {
        const r = await repo.insertRectification(tx, {
          year,
          cityCode: city.code,
          description: input.description,
          deadline: input.deadline,
          createdBy: actor.userId,
          createdAt: clock(),
        });
        await audit(tx, actor, {
          action: 'supervision.rectification_create',
          entity: 'supervision_rectification',
          entityId: r.id,
          after: rectificationAudit(r),
        });
        return rectificationOut(r, tx);
      });
    },

    /** The city admin reports the rectification (open → reported). */
    async reportRectification(
      actor: Actor,
      id: string,
      input: z.infer<typeof ReportRectification>,
    ): Promise<z.infer<typeof Rectification>> {
      assertPermission(actor, 'supervision.submit');
      return db.transaction(async (tx) => {
        const before = await reachRectification(actor, id, tx, true);
        refuseRectification('report', before.status);
        const after = await repo.updateRectification(tx, id, {
          status: 'reported',
          reportText: input.text,
          reportedAt: clock(),
          reportedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.rectification_report',
          entity: 'supervision_rectification',
          entityId: id,
          before: rectificationAudit(before),
          after: rectificationAudit(after),
        });
        return rectificationOut(after, tx);
      });
    },

    /** The province admin accepts a reported rectification: the item is closed (销号). */
    async acceptRectification(actor: Actor, id: string): Promise<z.infer<typeof Rectification>> {
      assertPermission(actor, 'supervision.review');
      return db.transaction(async (tx) => {
        const before = await reachRectification(actor, id, tx, true);
        refuseRectification('accept', before.status);
        const after = await repo.updateRectification(tx, id, {
          status: 'closed',
          closedAt: clock(),
          closedBy: actor.userId,
        });
        await audit(tx, actor, {
          action: 'supervision.rectification_accept',
          entity: 'supervision_rectification',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status },
        });
        return rectificationOut(after, tx);
      });
    },

    /** The province admin rejects a reported rectification: open again, with the reason. */
    async rejectRectification(
      actor: Actor,
      id: string,
      input: z.infer<typeof RejectRectification>,
    ): Promise<z.infer<typeof Rectification>> {
      assertPermission(actor, 'supervision.review');
      return db.transaction(async (tx) => {
        const before = await reachRectification(actor, id, tx, true);
        refuseRectification('reject', before.status);
        const after = await repo.updateRectification(tx, id, {
          status: 'open',
          rejectReason: input.reason,
          rejectedAt: clock(),
        });
        await audit(tx, actor, {
          action: 'supervision.rectification_reject',
          entity: 'supervision_rectification',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status, rejectReason: after.rejectReason },
        });
        return rectificationOut(after, tx);
      });
    },

    /**
     * The supervision part of the yearly report, for the province (cityCode null: every active
     * city) or one city. Actor-free: the reports module checks the caller's permission and
     * scope. Overdue is judged on `asOf` (default: today, Asia/Shanghai).
     */
    async reportSection(
      year: number,
      cityCode: string | null,
      opts: { asOf?: string } = {},
    ): Promise<SupervisionSection> {
      const asOf = opts.asOf ?? today();
      const all = await activeCities();
      const cities = cityCode === null ? all : all.filter((c) => c.code === cityCode);
      if (cityCode !== null && cities.length === 0) throw notFound('城市');
      const [assessments, rects, rb] = await Promise.all([
        repo.assessmentsOfYear(db, year),
        repo.rectificationsOf(db, year, cityCode ? { cityCode } : {}),
        rubric(),
      ]);
      const own = assessments.filter((a) => cities.some((c) => c.code === a.cityCode));
      const evidence = await repo.evidenceOf(db, {
        assessmentIds: own.map((a) => a.id),
        rectificationIds: rects.map((r) => r.id),
      });
      const files = (pred: (e: repo.EvidenceMetaDb) => boolean) =>
        evidence.filter(pred).map((e) => ({ fileName: e.fileName, sha256: e.sha256, bytes: e.bytes }));
      const out = cities.map((c) => {
        const a = own.find((x) => x.cityCode === c.code);
        const status = a?.status ?? 'draft';
        const shown = status === 'submitted' || status === 'scored';
        return {
          cityCode: c.code,
          cityName: c.name,
          selfAssessment: {
            status,
            statusLabel: ASSESSMENT_STATUS_LABELS[status],
            submittedAt: iso(a?.submittedAt),
            keyWork: shown ? a!.keyWork : null,
            policyImplementation: shown ? a!.policyImplementation : null,
            problemsAndPlans: shown ? a!.problemsAndPlans : null,
            evidenceFiles: a && shown ? files((e) => e.assessmentId === a.id) : [],
          },
          score: scoreOf(a),
          rectifications: rects
            .filter((r) => r.cityCode === c.code)
            .map((r) => ({
              description: r.description,
              deadline: r.deadline,
              status: r.status,
              statusLabel: RECTIFICATION_STATUS_LABELS[r.status],
              overdue: isOverdue(r.deadline, r.status, asOf),
              reportText: r.reportText,
              reportedAt: iso(r.reportedAt),
              closedAt: iso(r.closedAt),
              evidenceFiles: files((e) => e.rectificationId === r.id),
            })),
        };
      });
      const scored = out.filter((c) => c.score !== null);
      const items = out.flatMap((c) => c.rectifications);
      return {
        year,
        cityCode,
        asOf,
        rubric: rb.items,
        cities: out,
        summary: {
          cities: out.length,
          submitted: out.filter((c) => c.selfAssessment.status === 'submitted' || c.selfAssessment.status === 'scored')
            .length,
          scored: scored.length,
          averageTotal: scored.length ? round1(scored.reduce((s, c) => s + c.score!.total, 0) / scored.length) : null,
          rectifications: items.length,
          closed: items.filter((r) => r.status === 'closed').length,
          open: items.filter((r) => r.status !== 'closed').length,
          overdue: items.filter((r) => r.overdue).length,
        },
      };
    },

    /** The current rubric and its total (for screens that only need it). */
    async rubric(actor: Actor): Promise<{ items: Rubric['items']; maxTotal: number }> {
      assertPermission(actor, 'supervision.read');
      const rb = await rubric();
      return { items: rb.items, maxTotal: rubricMax(rb) };
    },
  };
  return service;
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
