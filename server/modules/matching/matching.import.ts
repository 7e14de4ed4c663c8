/**
 * Importing demands (需求导入): the matching module's entity for the kernel import framework
 * (docs/adr/0006-imports.md). An enterprise account imports its own demands as drafts (one row
 * per demand); a row whose 岗位名称 + 职业编码 + 工作城市 the enterprise already has as a draft
 * or open demand is skipped, so a re-upload writes nothing new.
 */
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { defineImportEntity, type RowProblem } from '../../kernel/imports/entity.js';
import {
  cellText,
  fail,
  ok,
  parseDay,
  parseOccupationCode,
  parseText,
  parseYesNo,
  type Cell,
  type Parsed,
} from '../../kernel/imports/normalize.js';
import { shanghaiDate } from '../../kernel/time.js';
import type { CreateDemand } from '../../../contracts/matching.js';
import type { MatchingService } from './matching.service.js';
import { orgCity } from './matching.repo.js';

export const DEMAND_IMPORT_ENTITY = 'demands';

export interface DemandRaw {
  title: string;
  occupation: string;
  minLevel: string;
  required: string[];
  preferred: string[];
  chain: string;
  city: string;
  headcount: number;
  salaryMin: number;
  salaryMax: number;
  deadline: string;
  digitalPost: boolean;
  description: string;
}
export type DemandImportRow = CreateDemand & { cityCode: string };

interface Ctx {
  occupations: Set<string>;
  levels: Map<string, string>;
  skills: Map<string, string>;
  chains: Map<string, string>;
  cities: Map<string, string>;
  today: string;
  /** The enterprise's own city: a blank 工作城市 (as the commit does). */
  home: string | undefined;
}

const splitList = (c: Cell) =>
  cellText(c)
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function skillList(c: Cell, ctx: Ctx): Parsed<string[]> {
  const out: string[] = [];
  for (const s of splitList(c)) {
    const code = ctx.skills.get(s);
    if (!code) return fail(`未知技能「${s}」，请填写技能目录中的代码或名称（如 AI-01）`);
    if (!out.includes(code)) out.push(code);
  }
  return out.length > 20 ? fail('最多 20 项') : ok(out);
}

function money(c: Cell): Parsed<number> {
  const n = typeof c === 'number' ? c : Number(cellText(c).replace(/[,，元\s]/g, ''));
  return Number.isInteger(n) && n >= 0 && n <= 1_000_000
    ? ok(n)
    : fail(`应为 0–1000000 之间的整数（元/月），实际为「${cellText(c)}」`);
}

export function createDemandImport(deps: {
  db: DbOrTx;
  reference: Pick<ReferenceService, 'list' | 'cities'>;
  matching: Pick<MatchingService, 'commitImport'>;
  clock: () => Date;
}) {
  return defineImportEntity<DemandRaw, DemandImportRow, Ctx>({
    key: DEMAND_IMPORT_ENTITY,
    title: '用工需求',
    sheetName: '需求',
    permission: 'demand.manage',
    authorize(actor) {
      if (!actor.roles.includes('enterprise') || !actor.orgId) throw forbidden('只有企业账号可以导入用工需求');
    },
    columns: [
      {
        key: 'title',
        header: '岗位名称',
        required: true,
        example: '工业机器人运维工程师',
        note: '不超过 100 字',
        width: 24,
        parse: (c) => {
          const t = parseText(c, 100);
          return t;
        },
      },
      {
        key: 'occupation',
        header: '职业编码',
        aliases: ['职业代码'],
        required: true,
        text: true,
        example: '6-31-07-03',
        note: '职业分类大典编码，如 6-31-07-03',
        width: 14,
        parse: (c, ctx) => {
          const p = parseOccupationCode(c);
          if (!p.ok) return p;
          return ctx.occupations.has(p.value) ? p : fail(`职业编码 ${p.value} 不在职业目录中`);
        },
      },
      {
        key: 'minLevel',
        header: '最低等级',
        required: false,
        example: '高级工',
        note: '新八级工等级名称，如 中级工、高级工、技师；不限可不填',
        width: 12,
        parse: (c, ctx) => {
          const s = cellText(c);
          const code = ctx.levels.get(s);
          return code
            ? ok(code)
            : fail(
                `未知等级「${s}」，应为 ${[...new Set(ctx.levels.keys())].filter((k) => /[\u4e00-\u9fa5]/.test(k)).join('、')} 之一`,
              );
        },
      },
      {
        key: 'required',
        header: '必备技能',
        required: false,
        example: 'AI-03、IM-01',
        note: '技能目录中的代码或名称，多个用顿号分隔',
        width: 20,
        parse: skillList,
      },
      {
        key: 'preferred',
        header: '优先技能',
        required: false,
        example: 'BD-01',
        note: '同上',
        width: 16,
        parse: skillList,
      },
      {
        key: 'chain',
        header: '产业链',
        required: false,
        example: 'IC02',
        note: '产业链代码或名称；不限可不填',
        width: 14,
        parse: (c, ctx) => {
          const s = cellText(c);
          const code = ctx.chains.get(s);
          return code ? ok(code) : fail(`未知产业链「${s}」`);
        },
      },
      {
        key: 'city',
        header: '工作城市',
        required: false,
        example: '济南市',
        note: '地级市名称或代码；不填为本单位所在城市',
        width: 12,
        parse: (c, ctx) => {
          const s = cellText(c);
          const code = ctx.cities.get(s);
          return code ? ok(code) : fail(`未知城市「${s}」，应为山东省 16 个地级市之一`);
        },
      },
      {
        key: 'headcount',
        header: '招聘人数',
        required: true,
        example: '3',
        note: '1–10000 的整数',
        width: 10,
        parse: (c) => {
          const n = typeof c === 'number' ? c : Number(cellText(c).replace(/人$/, ''));
          return Number.isInteger(n) && n >= 1 && n <= 10_000
            ? ok(n)
            : fail(`招聘人数应为 1–10000 的整数，实际为「${cellText(c)}」`);
        },
      },
      {
        key: 'salaryMin',
        header: '最低月薪',
        required: false,
        example: '6000',
        note: '元/月，整数',
        width: 10,
        parse: money,
      },
      {
        key: 'salaryMax',
        header: '最高月薪',
        required: false,
        example: '9000',
        note: '元/月，整数，不低于最低月薪',
        width: 10,
        parse: money,
      },
      {
        key: 'deadline',
        header: '截止日期',
        required: false,
        example: '2027-03-31',
        note: '不早于今天，如 2027-03-31',
        width: 12,
        parse: (c, ctx) => {
          const d = parseDay(c);
          if (!d.ok) return d;
          return d.value < ctx.today ? fail('截止日期不能早于今天') : d;
        },
      },
      {
        key: 'digitalPost',
        header: '数字化岗位',
        required: false,
        example: '是',
        note: '是 / 否，不填为否',
        options: ['是', '否'],
        width: 10,
        parse: parseYesNo,
      },
      {
        key: 'description',
        header: '岗位描述',
        required: false,
        example: '负责产线机器人日常运维',
        note: '不超过 5000 字',
        width: 30,
        parse: (c) => parseText(c, 5_000),
      },
    ],
    rules: [
      '每行一个需求，导入后为“草稿”，在需求列表中检查后发布。',
      '同一文件中岗位名称、职业编码、工作城市相同的行只能出现一次；本单位已有相同的草稿或招聘中需求的行不再导入。',
      '只有企业账号可以导入，需求属于本单位。',
    ],

    async context(actor) {
      const [occ, levels, skills, chains, cities] = await Promise.all([
        deps.reference.list('occupation'),
        deps.reference.list('skill_level'),
        deps.reference.list('skill'),
        deps.reference.list('industry_chain'),
        deps.reference.cities(),
      ]);
      const both = (xs: { code: string; name: string }[]) =>
        new Map(
          xs.flatMap(
            (x) =>
              [
                [x.code, x.code],
                [x.name, x.code],
              ] as [string, string][],
          ),
        );
      const cityMap = new Map<string, string>();
      for (const c of cities.values())
        if (c.attrs.status === 'active')
          for (const k of [c.code, c.name, String(c.attrs.shortName ?? c.name)]) cityMap.set(k, c.code);
      return {
        occupations: new Set(occ.map((o) => o.code)),
        levels: both(levels),
        skills: both(skills),
        chains: both(chains),
        cities: cityMap,
        today: shanghaiDate(deps.clock()),
        home: actor.orgId ? await orgCity(deps.db, actor.orgId) : undefined,
      };
    },

    // A blank 工作城市 is the enterprise's city: filled in before the duplicate check, so that a
    // blank row and the same row naming that city are duplicates in the file, as at the commit.
    async prefetch(rows, ctx) {
      for (const r of rows) r.city ??= ctx.home;
    },

    validateRow(raw) {
      const problems: RowProblem<DemandRaw>[] = [];
      if (raw.salaryMin !== undefined && raw.salaryMax !== undefined && raw.salaryMin > raw.salaryMax)
        problems.push({ column: 'salaryMax', message: '最高月薪不能低于最低月薪' });
      if (problems.length) return { ok: false, problems };
      return {
        ok: true,
        row: {
          title: raw.title,
          occupationCode: raw.occupation,
          minLevel: raw.minLevel ?? null,
          requiredSkills: raw.required ?? [],
          preferredSkills: (raw.preferred ?? []).filter((s) => !(raw.required ?? []).includes(s)),
          chain: raw.chain ?? null,
          cityCode: raw.city ?? '',
          headcount: raw.headcount,
          salaryMin: raw.salaryMin ?? null,
          salaryMax: raw.salaryMax ?? null,
          deadline: raw.deadline ?? null,
          digitalPost: raw.digitalPost ?? false,
          description: raw.description ?? null,
        },
      };
    },

    duplicateKey: {
      column: 'title',
      of: (raw) => (raw.title && raw.occupation ? `${raw.title}\u0000${raw.occupation}\u0000${raw.city ?? ''}` : null),
    },

    async commit(tx: DbOrTx, actor: Actor, rows: DemandImportRow[]) {
      return deps.matching.commitImport(tx, actor, rows);
    },
  });
}
