/**
 * Attendance import (考勤导入): the training module's entity for the kernel import framework
 * (docs/adr/0006-imports.md). One row per class × session × person; the commit records present
 * or absent in one transaction with each class re-checked (open) under its lock, so a re-upload
 * of the same file changes nothing. Organisations that run training (training.manage) import
 * the attendance of their own classes.
 */
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { defineImportEntity, type RowProblem } from '../../kernel/imports/entity.js';
import { cellText, fail, ok, parseIdNumber, parseYesNo, type Parsed } from '../../kernel/imports/normalize.js';
import { ATTENDANCE_IMPORT_ENTITY } from '../../../contracts/training.js';
import type { AttendanceRow, TrainingService } from './training.service.js';

export interface AttendanceRaw {
  classId: string;
  seq: number;
  idNumber: string;
  name?: string;
  present?: boolean;
}

interface Ctx {
  actor: Actor;
  classes: Awaited<ReturnType<TrainingService['importContext']>>;
  persons: Map<string, string | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAttendanceImport(deps: {
  training: Pick<TrainingService, 'importContext' | 'findPersonId' | 'commitAttendance'>;
  clock: () => Date;
}) {
  return defineImportEntity<AttendanceRaw, AttendanceRow, Ctx>({
    key: ATTENDANCE_IMPORT_ENTITY,
    title: '培训考勤',
    sheetName: '考勤',
    permission: 'training.manage',
    authorize(actor) {
      if (!actor.orgId || !actor.roles.some((r) => r === 'enterprise' || r === 'provider'))
        throw forbidden('只有开展培训的企业或培训机构可以导入考勤');
    },
    columns: [
      {
        key: 'classId',
        header: '班级编号',
        required: true,
        example: '00000000-0000-0000-0000-000000000000',
        note: '班级页面显示的班级编号',
        text: true,
        width: 40,
        parse: (c): Parsed<string> => {
          const s = cellText(c).toLowerCase();
          return UUID.test(s) ? ok(s) : fail('班级编号格式不正确，请从班级页面复制');
        },
      },
      {
        key: 'seq',
        header: '课次',
        aliases: ['第几次课', '课次序号'],
        required: true,
        example: '1',
        note: '课次序号（1、2、3……）',
        width: 8,
        parse: (c): Parsed<number> => {
          const s = cellText(c).replace(/^第|次$/g, '');
          const n = /^\d+$/.test(s) ? Number(s) : NaN;
          return Number.isInteger(n) && n >= 1 && n <= 500
            ? ok(n)
            : fail(`课次应为 1–500 的整数，实际为「${cellText(c)}」`);
        },
      },
      {
        key: 'idNumber',
        header: '身份证号',
        aliases: ['公民身份号码', '身份证号码'],
        required: true,
        example: '370102199001011234',
        note: '学员的 18 位居民身份证号（该列请设为文本格式）',
        text: true,
        width: 22,
        parse: (c, _ctx): Parsed<string> => {
          const r = parseIdNumber(c, deps.clock());
          return r.ok ? ok(r.value.value) : r;
        },
      },
      {
        key: 'name',
        header: '姓名',
        required: false,
        example: '张三',
        note: '选填，便于核对',
        width: 12,
        parse: (c): Parsed<string> => ok(cellText(c)),
      },
      {
        key: 'present',
        header: '出勤',
        aliases: ['是否出勤'],
        required: false,
        example: '是',
        note: '是 / 否；不填视为“是”',
        options: ['是', '否'],
        width: 8,
        parse: (c): Parsed<boolean> => parseYesNo(c),
      },
    ],
    rules: [
      '每行一名学员在一个课次的出勤：同一班级、课次、身份证号只能出现一次。',
      '只能导入本机构、尚未结业的班级；学员须已报名该班级。',
      '“出勤”为“否”的行会撤销该课次已有的出勤记录。',
    ],

    async context(actor) {
      return { actor, classes: new Map(), persons: new Map() };
    },

    async prefetch(rows, ctx) {
      const ids = [...new Set(rows.map((r) => r.classId).filter((x): x is string => !!x))].filter(
        (id) => !ctx.classes.has(id),
      );
      if (ids.length) {
        const found = await deps.training.importContext(ctx.actor, ids);
        for (const [k, v] of found) ctx.classes.set(k, v);
      }
      for (const r of rows)
        if (r.idNumber && !ctx.persons.has(r.idNumber))
          ctx.persons.set(r.idNumber, await deps.training.findPersonId(r.idNumber));
    },

    validateRow(raw, ctx) {
      const problems: RowProblem<AttendanceRaw>[] = [];
      const cls = ctx.classes.get(raw.classId);
      if (!cls) return { ok: false, problems: [{ column: 'classId', message: '班级不存在或不是本机构的班级' }] };
      if (cls.cls.status !== 'open') problems.push({ column: 'classId', message: '班级已结业，不能再导入考勤' });
      const sessionId = cls.sessions.get(raw.seq);
      if (!sessionId) problems.push({ column: 'seq', message: `班级没有第 ${raw.seq} 次课` });
      const personId = ctx.persons.get(raw.idNumber);
      const e = personId ? cls.byPerson.get(personId) : undefined;
      if (!e) problems.push({ column: 'idNumber', message: '该学员未报名此班级' });
      else if (e.status !== 'enrolled') problems.push({ column: 'idNumber', message: '该学员已结业或已判定未结业' });
      if (problems.length) return { ok: false, problems };
      return {
        ok: true,
        row: { classId: raw.classId, sessionId: sessionId!, enrolmentId: e!.id, present: raw.present ?? true },
      };
    },

    duplicateKey: {
      column: 'idNumber',
      of: (raw) =>
        raw.classId && raw.seq !== undefined && raw.idNumber ? `${raw.classId}:${raw.seq}:${raw.idNumber}` : null,
    },

    async commit(tx: DbOrTx, actor: Actor, rows: AttendanceRow[]) {
      return deps.training.commitAttendance(tx, actor, rows);
    },
  });
}
