/**
 * Importing targets (指标目标导入): the targets module's entity for the kernel import framework
 * (docs/adr/0006-imports.md). One row per indicator × year × city (全省 for the province
 * total); the commit upserts the settings in one transaction, each change audited, so a
 * re-upload of the same file changes nothing. Only the province admin (target.edit) imports.
 */
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { defineImportEntity, type RowProblem } from '../../kernel/imports/entity.js';
import { cellText, fail, ok, type Parsed } from '../../kernel/imports/normalize.js';
import {
  PLAN_FIRST_YEAR,
  PLAN_LAST_YEAR,
  PROVINCE_LABEL,
  TARGET_IMPORT_ENTITY,
  type IndicatorKind,
} from '../../../contracts/targets.js';
import { PLAN_YEARS, PROVINCE_CODE, targetKey, valueProblem, type TargetSetting } from './targets.rules.js';
import type { TargetsService } from './targets.service.js';

export const TARGET_SHEET = '目标';

/** A 目标值 cell: the number written, and whether it was written as a percentage (85%). */
interface ValueCell {
  n: number;
  percent: boolean;
}

export interface TargetRaw {
  indicator: string;
  year: number;
  /** 370000 (PROVINCE_CODE) for 全省. */
  city: string;
  value: ValueCell;
}

export interface TargetImportRow {
  indicatorId: string;
  year: number;
  cityCode: string | null;
  value: number;
}

interface Ctx {
  kinds: Map<string, { kind: IndicatorKind; title: string }>;
  known: Set<string>;
  cityByText: Map<string, string>;
  abolished: Map<string, string>;
  cityNames: Map<string, string>;
  /** The file's rows so far (first of each key, complete and valid on their own), per indicator. */
  file: Map<string, Map<string, TargetSetting>>;
  /** indicator:year → the split problem of that year, with the whole file and what is stored. */
  split: Map<string, string>;
}

const YEARS = `${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR}`;

/** The 目标值 of a row as stored: shares as a fraction (85 or 85% or 0.85 → 0.85), counts as written. */
function valueOf(kind: IndicatorKind, v: ValueCell): Parsed<number> {
  if (kind !== 'share') {
    if (v.percent) return fail('数量类指标的目标值应为整数，不能填百分数');
    const m = valueProblem(kind, v.n);
    return m ? fail(m) : ok(v.n);
  }
  const pct = v.percent || v.n > 1 ? v.n : v.n * 100;
  if (pct > 100) return fail(`比例类指标的目标值不能超过 100%（实际为 ${pct}%）`);
  return ok(Math.round(pct * 100) / 10_000);
}

/** The row's own checks (beyond each cell's): indicator kind and value. Null when a cell already failed. */
function settingOf(raw: Partial<TargetRaw>, ctx: Ctx): Parsed<TargetImportRow> | null {
  if (!raw.indicator || raw.year === undefined || !raw.city || !raw.value) return null;
  const info = ctx.kinds.get(raw.indicator)!;
  const v = valueOf(info.kind, raw.value);
  if (!v.ok) return v;
  return ok({
    indicatorId: raw.indicator,
    year: raw.year,
    cityCode: raw.city === PROVINCE_CODE ? null : raw.city,
    value: v.value,
  });
}

export function createTargetImport(deps: {
  targets: Pick<
    TargetsService,
    'targetIndicators' | 'indicatorIds' | 'activeCities' | 'importProblems' | 'commitImport'
  >;
  reference: Pick<ReferenceService, 'cities'>;
}) {
  const indicatorOptions = () => deps.targets.targetIndicators().map((e) => e.id);
  const indicatorNote = () =>
    deps.targets
      .targetIndicators()
      .map((e) => `${e.id} ${e.title}`)
      .join('；');

  return defineImportEntity<TargetRaw, TargetImportRow, Ctx>({
    key: TARGET_IMPORT_ENTITY,
    title: '指标目标',
    sheetName: TARGET_SHEET,
    permission: 'target.edit',
    authorize(actor) {
      if (!actor.roles.includes('province_admin')) throw forbidden('只有省级管理员可以导入指标目标');
    },
    columns: [
      {
        key: 'indicator',
        header: '指标编号',
        aliases: ['指标'],
        required: true,
        example: 'T1',
        note: `从下拉列表选择：${indicatorNote()}`,
        options: indicatorOptions(),
        width: 12,
        parse: (c, ctx): Parsed<string> => {
          const s = cellText(c).toUpperCase();
          const id = /^([A-Z]\d{1,2})(\s|$)/.exec(s)?.[1] ?? s;
          if (ctx.kinds.has(id)) return ok(id);
          if (ctx.known.has(id)) return fail(`指标 ${id} 不设目标，不能导入`);
          return fail(`未知的指标编号「${cellText(c)}」，应为 ${[...ctx.kinds.keys()].join('、')} 之一`);
        },
      },
      {
        key: 'year',
        header: '年份',
        aliases: ['年度'],
        required: true,
        example: '2027',
        note: `${YEARS} 之间的年份，如 2027`,
        options: PLAN_YEARS.map(String),
        width: 10,
        parse: (c): Parsed<number> => {
          const s = cellText(c).replace(/年$/, '');
          const y = /^\d+$/.test(s) ? Number(s) : NaN;
          return Number.isInteger(y) && y >= PLAN_FIRST_YEAR && y <= PLAN_LAST_YEAR
            ? ok(y)
            : fail(`年份应为 ${YEARS} 之间的整数，实际为「${cellText(c)}」`);
        },
      },
      {
        key: 'city',
        header: '城市',
        aliases: ['城市（名称或代码）', '城市(名称或代码)', '地市'],
        required: true,
        example: '济南市',
        note: `全省目标填“${PROVINCE_LABEL}”；分解到地级市填名称（济南市）或代码（370100）`,
        options: async () => [PROVINCE_LABEL, ...(await deps.targets.activeCities()).map((c) => c.name)],
        width: 14,
        parse: (c, ctx): Parsed<string> => {
          const s = cellText(c).replace(/\s+/g, '');
          if (s === PROVINCE_LABEL || s === '山东省' || s === PROVINCE_CODE) return ok(PROVINCE_CODE);
          const code = ctx.cityByText.get(s);
          if (code) return ok(code);
          const gone = ctx.abolished.get(s);
          if (gone) return fail(`「${s}」已撤销，请填写现行的地级市（${gone}）`);
          return fail(`未知城市「${s}」，应为“${PROVINCE_LABEL}”或山东省 16 个地级市之一（如 济南市 或 370100）`);
        },
      },
      {
        key: 'value',
        header: '目标值',
        required: true,
        example: '20000',
        note: '数量类指标填非负整数；比例类指标（T5、C1、C2）填百分数，如 85% 或 85（0–100），不大于 1 的小数视为比例（0.85 即 85%）',
        width: 12,
        parse: (c): Parsed<ValueCell> => {
          let n: number;
          let percent = false;
          if (typeof c === 'number') n = c;
          else {
            const s = cellText(c).replace(/[,，\s]/g, '');
            const m = /^([+-]?\d+(?:\.\d+)?)([%％])?$/.exec(s);
            if (!m) return fail(`目标值应为数字，实际为「${cellText(c)}」`);
            n = Number(m[1]);
            percent = !!m[2];
          }
          if (!Number.isFinite(n)) return fail('目标值应为数字');
          if (n < 0) return fail('目标值不能为负数');
          if (n > 1e9) return fail('目标值过大');
          return ok({ n, percent });
        },
      },
    ],
    rules: [
      '每行一个目标：同一文件中同一指标、年份、城市只能出现一次。',
      '导入会把文件中的目标设为“已设定”（已设定的值被改写）；文件中没有的目标保持不变。要恢复默认值，请在目标设置页面操作。',
      `各市分解之和不能超过全省当年目标（文件中的全省目标、已设定的全省目标，或默认值 / 轨迹值）；超过时该指标该年份的所有行都会被拒绝。`,
      '只有省级管理员可以导入；每个被修改的目标都记入审计日志。',
    ],

    async context() {
      const kinds = new Map(deps.targets.targetIndicators().map((e) => [e.id, { kind: e.kind, title: e.title }]));
      const cities = await deps.reference.cities();
      const cityByText = new Map<string, string>();
      const abolished = new Map<string, string>();
      const cityNames = new Map<string, string>();
      for (const c of cities.values()) {
        const short = typeof c.attrs.shortName === 'string' ? c.attrs.shortName : null;
        const keys = [c.code, c.name, ...(short ? [short] : [])];
        if (c.attrs.status === 'active') {
          cityNames.set(c.code, c.name);
          for (const k of keys) cityByText.set(k, c.code);
        } else {
          const successor = cities.get(String(c.attrs.successorCode ?? ''))?.name ?? '济南市';
          for (const k of keys) abolished.set(k, successor);
        }
      }
      return {
        kinds,
        known: new Set(deps.targets.indicatorIds()),
        cityByText,
        abolished,
        cityNames,
        file: new Map(),
        split: new Map(),
      };
    },

    /**
     * The whole-file rule: per indicator and year, the cities' split (file rows over what is
     * stored) must not exceed the province total. Every target file fits in one chunk of rows
     * (15 indicators × 5 years × 17 = 1,275 keys); the commit checks again under its lock.
     */
    async prefetch(rows, ctx) {
      const touched = new Set<string>();
      for (const raw of rows) {
        const s = settingOf(raw, ctx);
        if (!s?.ok) continue;
        const list = ctx.file.get(s.value.indicatorId) ?? new Map<string, TargetSetting>();
        const k = targetKey(s.value.year, s.value.cityCode);
        if (list.has(k)) continue; // a duplicate: refused, the first row counts
        list.set(k, { year: s.value.year, cityCode: s.value.cityCode, value: s.value.value });
        ctx.file.set(s.value.indicatorId, list);
        touched.add(s.value.indicatorId);
      }
      for (const id of touched) {
        for (const y of PLAN_YEARS) ctx.split.delete(`${id}:${y}`);
        for (const p of await deps.targets.importProblems(id, [...ctx.file.get(id)!.values()]))
          if (p.code === 'CONFLICT') ctx.split.set(`${id}:${p.year}`, p.message);
      }
    },

    validateRow(raw, ctx) {
      const problems: RowProblem<TargetRaw>[] = [];
      const s = settingOf(raw, ctx)!;
      if (!s.ok) return { ok: false, problems: [{ column: 'value', message: s.error }] };
      const split = ctx.split.get(`${raw.indicator}:${raw.year}`);
      if (split) problems.push({ column: 'value', message: split });
      return problems.length ? { ok: false, problems } : { ok: true, row: s.value };
    },

    duplicateKey: {
      column: 'city',
      of: (raw) =>
        raw.indicator && raw.year !== undefined && raw.city ? `${raw.indicator}:${raw.year}:${raw.city}` : null,
    },

    async commit(tx: DbOrTx, actor: Actor, rows: TargetImportRow[]) {
      return deps.targets.commitImport(tx, actor, rows);
    },
  });
}
