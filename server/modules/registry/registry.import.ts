/**
 * Importing persons with their employment (人员导入): the registry's entity for the kernel
 * import framework (docs/adr/0006-imports.md). One row per person; the ID number is the
 * row's identity, so a re-upload registers nobody twice and adds no employment twice.
 */
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { Actor } from '../../kernel/audit/audit.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { idCardCheckChar } from '../../kernel/validation/id-card.js';
import { shanghaiDate } from '../../kernel/time.js';
import { defineImportEntity, type RowProblem } from '../../kernel/imports/entity.js';
import {
  cellText,
  createLookup,
  fail,
  notFuture,
  occupationLookup,
  ok,
  parseChoice,
  parseDay,
  parseIdNumber,
  parseMobile,
  parseOccupationCode,
  parseText,
  parseUsccCell,
  parseYesNo,
  type Parsed,
} from '../../kernel/imports/normalize.js';
import type { RegistryService } from './registry.service.js';
import { person } from './registry.schema.js';

export const TIERS = { 一线操作人员: 'FRONTLINE', 技术骨干: 'BACKBONE', 管理人才: 'MANAGER' } as const;
export const EDUCATION = ['初中', '高中/中专/技校', '大专', '本科', '硕士研究生', '博士研究生'] as const;
const EDUCATION_ALIASES: Record<string, string> = {
  小学: '初中',
  初中及以下: '初中',
  高中: '高中/中专/技校',
  中专: '高中/中专/技校',
  技校: '高中/中专/技校',
  职高: '高中/中专/技校',
  专科: '大专',
  大学专科: '大专',
  高职: '大专',
  大学本科: '本科',
  硕士: '硕士研究生',
  研究生: '硕士研究生',
  博士: '博士研究生',
};

const EXAMPLE_ID = '37019019900307123' + idCardCheckChar('37019019900307123'); // district 90: no real person

interface Org {
  id: string;
  name: string;
  cityCode: string;
  status: string;
}

/** The parsed columns of one row. */
export interface PersonRaw {
  name: string;
  idNumber: { value: string; birthDate: string; cityCode: string };
  phone?: string;
  education?: string;
  cityCode?: string;
  tier?: string;
  uscc?: string;
  post?: string;
  occupation?: string;
  digital?: boolean;
  fromDate?: string;
}

/** What is staged and committed. */
export interface PersonImportRow {
  idNumber: string;
  name: string;
  phone: string | null;
  education: string | null;
  cityCode: string;
  tier: string | null;
  employment: {
    orgId: string;
    post: string;
    occupationCode: string | null;
    isDigitalPost: boolean;
    fromDate: string;
  } | null;
}

interface Ctx {
  now: Date;
  /** Today in China, 'YYYY-MM-DD'. */
  today: string;
  /** Active cities by code and by name / short name / code. */
  cityNames: Map<string, string>;
  cityByText: Map<string, string>;
  abolished: Map<string, string>;
  orgs: ReturnType<typeof createLookup<string, Org>>;
  occupations: ReturnType<typeof occupationLookup>;
}

/**
 * New employments of existing or new persons, skipping any the registry already holds for the
 * same person, organisation and start day (what makes a re-upload add nothing). Returns the
 * persons whose employment was added.
 */
export async function addEmployments(
  tx: DbOrTx,
  rows: {
    personId: string;
    orgId: string;
    post: string;
    occupationCode: string | null;
    isDigitalPost: boolean;
    fromDate: string;
  }[],
  /** Persons created in this transaction: they have no employment yet, so theirs need no check. */
  newPersons: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const insert = async (list: typeof rows, check: boolean) => {
    if (!list.length) return [];
    const r = await tx.execute<{ person_id: string }>(sql`
      insert into employment (person_id, org_id, post, occupation_code, is_digital_post, from_date)
      select v.person_id, v.org_id, v.post, v.occupation_code, v.is_digital_post, v.from_date
      from unnest(${sql.param(list.map((x) => x.personId))}::uuid[], ${sql.param(list.map((x) => x.orgId))}::uuid[],
        ${sql.param(list.map((x) => x.post))}::text[], ${sql.param(list.map((x) => x.occupationCode))}::text[],
        ${sql.param(list.map((x) => x.isDigitalPost))}::boolean[], ${sql.param(list.map((x) => x.fromDate))}::date[])
        as v(person_id, org_id, post, occupation_code, is_digital_post, from_date)
      ${check ? sql`where not exists (select 1 from employment e where e.person_id = v.person_id and e.org_id = v.org_id and e.from_date = v.from_date)` : sql``}
      returning person_id`);
    return r.rows.map((x) => x.person_id);
  };
  return [
    ...(await insert(
      rows.filter((r) => newPersons.has(r.personId)),
      false,
    )),
    ...(await insert(
      rows.filter((r) => !newPersons.has(r.personId)),
      true,
    )),
  ];
}

const addYears = (day: string, years: number) =>
  String(Number(day.slice(0, 4)) + years).padStart(4, '0') + day.slice(4);

export function createPersonImport(deps: {
  crypto: PiiCrypto;
  clock: () => Date;
  orgs: Pick<OrgService, 'findByUscc'>;
  reference: Pick<ReferenceService, 'cities' | 'resolveOccupation'>;
  registry: Pick<RegistryService, 'bulkInsert' | 'refreshCategories'>;
}) {
  const cityOptions = async (actor: Actor) => {
    const cities = [...(await deps.reference.cities()).values()].filter((c) => c.attrs.status === 'active');
    const mine = actor.roles.includes('province_admin') ? null : actor.cityCode;
    return cities.filter((c) => !mine || !actor.roles.includes('city_admin') || c.code === mine).map((c) => c.name);
  };

  return defineImportEntity<PersonRaw, PersonImportRow, Ctx>({
    key: 'persons',
    title: '人员',
    sheetName: '人员',
    permission: 'import.run',
    authorize(actor) {
      if (!['province_admin', 'city_admin', 'enterprise'].some((r) => actor.roles.includes(r)))
        throw forbidden('只有省、市管理员和企业可以导入人员');
      if (actor.roles.includes('city_admin') && !actor.roles.includes('province_admin') && !actor.cityCode)
        throw forbidden('账号未设置所属城市，不能导入人员');
      if (actor.roles.includes('enterprise') && !actor.orgId) throw forbidden('账号未关联单位，不能导入人员');
    },
    columns: [
      {
        key: 'name',
        header: '姓名',
        required: true,
        example: '张三',
        note: '与身份证一致，不超过 50 个字',
        parse: (c) => {
          const r = parseText(c, 50);
          return r.ok && /\d/.test(r.value) ? fail('姓名不能含数字') : r;
        },
      },
      {
        key: 'idNumber',
        header: '身份证号',
        aliases: ['身份证号码', '公民身份号码', '居民身份证号码'],
        required: true,
        example: EXAMPLE_ID,
        note: '18 位居民身份证号码，末位 X 大小写均可；请设为文本格式',
        text: true,
        width: 22,
        parse: (c, ctx) => {
          if (typeof c === 'string' && /^\d(\.\d+)?E\+\d+$/i.test(cellText(c)))
            return fail('身份证号被存成了科学计数法（末几位已丢失），请把该列设为“文本”格式后重新填写');
          return parseIdNumber(c, ctx.now);
        },
      },
      {
        key: 'phone',
        header: '手机号',
        aliases: ['手机号码', '联系电话'],
        required: false,
        example: '13900001234',
        note: '11 位手机号',
        text: true,
        width: 14,
        parse: (c) => parseMobile(c),
      },
      {
        key: 'education',
        header: '学历',
        required: false,
        example: '本科',
        note: `从下拉列表选择：${EDUCATION.join('、')}`,
        options: EDUCATION,
        parse: (c) => parseChoice(c, Object.fromEntries(EDUCATION.map((e) => [e, e])), EDUCATION_ALIASES),
      },
      {
        key: 'cityCode',
        header: '所在城市',
        aliases: ['城市', '所属城市'],
        required: false,
        example: '济南市',
        note: '地级市名称（济南市）或代码（370100）；不填时按身份证号的地址码确定。以本列为准（如 3712 开头的原莱芜市号码，所在城市填济南市）',
        options: cityOptions,
        parse: (c, ctx): Parsed<string> => {
          const s = cellText(c).replace(/\s+/g, '');
          const code = ctx.cityByText.get(s);
          if (code) return ok(code);
          const gone = ctx.abolished.get(s);
          if (gone) return fail(`「${s}」已撤销，请填写现行的地级市（${gone}）`);
          return fail(`未知城市「${s}」，应为山东省 16 个地级市之一（如 济南市 或 370100）`);
        },
      },
      {
        key: 'tier',
        header: '人员层级',
        required: false,
        example: '一线操作人员',
        note: '一线操作人员、技术骨干 或 管理人才',
        options: Object.keys(TIERS),
        parse: (c) => parseChoice<string>(c, TIERS, { 一线: '一线操作人员', 骨干: '技术骨干', 管理: '管理人才' }),
      },
      {
        key: 'uscc',
        header: '工作单位统一社会信用代码',
        aliases: ['统一社会信用代码', '单位统一社会信用代码'],
        required: false,
        example: '91370100MA3C00011J',
        note: '18 位统一社会信用代码，单位须已在平台登记并通过审核；企业只能填本单位。不填则不登记就业信息',
        text: true,
        width: 26,
        parse: (c) => parseUsccCell(c),
      },
      {
        key: 'post',
        header: '岗位',
        required: false,
        example: '数控车工',
        note: '填写工作单位时必填，不超过 50 个字',
        parse: (c) => parseText(c, 50),
      },
      {
        key: 'occupation',
        header: '职业编码',
        aliases: ['岗位职业编码'],
        required: false,
        example: '6-31-07-03',
        note: '岗位对应的《职业分类大典》编码（如 6-31-07-03）；旧版编码会自动换成现行编码',
        text: true,
        parse: (c) => parseOccupationCode(c),
      },
      {
        key: 'digital',
        header: '是否数字岗位',
        required: false,
        example: '是',
        note: '是 或 否，不填视为否',
        options: ['是', '否'],
        parse: (c) => parseYesNo(c),
      },
      {
        key: 'fromDate',
        header: '入职日期',
        aliases: ['入职时间'],
        required: false,
        example: '2023-05-01',
        note: '填写工作单位时必填；如 2023-05-01、2023/5/1、2023年5月1日，不能晚于今天',
        width: 14,
        parse: (c, ctx) => {
          const d = parseDay(c);
          return d.ok ? notFuture(d.value, ctx.today) : d;
        },
      },
    ],
    rules: [
      '同一文件中同一身份证号只能出现一次；已登记的人员不会重复登记（其信息不被改写），只补充新的就业信息。',
      '市级管理员只能导入本市人员；企业只能导入本单位员工（工作单位统一社会信用代码必须是本单位）。',
    ],

    async context() {
      const cities = await deps.reference.cities();
      const cityNames = new Map<string, string>();
      const cityByText = new Map<string, string>();
      const abolished = new Map<string, string>();
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
      const now = deps.clock();
      return {
        now,
        today: shanghaiDate(now),
        cityNames,
        cityByText,
        abolished,
        orgs: createLookup<string, Org>((usccs) => deps.orgs.findByUscc(usccs)),
        occupations: occupationLookup(deps.reference),
      };
    },

    async prefetch(rows, ctx) {
      await ctx.orgs.prefetch(rows.flatMap((r) => (r.uscc ? [r.uscc] : [])));
      await ctx.occupations.prefetch(rows.flatMap((r) => (r.occupation ? [r.occupation] : [])));
    },

    validateRow(raw, ctx, actor) {
      const problems: RowProblem<PersonRaw>[] = [];
      const cityCode = raw.cityCode ?? raw.idNumber.cityCode;
      if (!raw.cityCode && !ctx.cityNames.has(cityCode))
        problems.push({
          column: 'cityCode',
          message: '未填写，且身份证号的地址码不属于山东省现行地级市，请填写所在城市',
        });
      const province = actor.roles.includes('province_admin');
      if (!province && actor.roles.includes('city_admin') && cityCode !== actor.cityCode)
        problems.push({
          column: 'cityCode',
          message: `市级管理员只能导入本市（${ctx.cityNames.get(actor.cityCode ?? '') ?? actor.cityCode}）的人员`,
        });

      const enterprise = !province && !actor.roles.includes('city_admin') && actor.roles.includes('enterprise');
      const employed =
        raw.uscc !== undefined ||
        raw.post !== undefined ||
        raw.fromDate !== undefined ||
        raw.occupation !== undefined ||
        raw.digital !== undefined;
      let employment: PersonImportRow['employment'] = null;
      if (employed || enterprise) {
        const need = enterprise ? '企业导入时必填' : '填写了就业信息时必填';
        if (!raw.uscc) problems.push({ column: 'uscc', message: `${need}（工作单位统一社会信用代码）` });
        if (!raw.post) problems.push({ column: 'post', message: need });
        if (!raw.fromDate) problems.push({ column: 'fromDate', message: need });
        const org = raw.uscc ? ctx.orgs.get(raw.uscc) : undefined;
        if (raw.uscc && !org)
          problems.push({ column: 'uscc', message: `单位 ${raw.uscc} 未在平台登记，请先由单位注册并通过审核` });
        else if (org && org.status !== 'approved')
          problems.push({ column: 'uscc', message: `单位「${org.name}」尚未通过审核` });
        else if (org && enterprise && org.id !== actor.orgId)
          problems.push({ column: 'uscc', message: '企业只能导入本单位员工，请填写本单位的统一社会信用代码' });
        const occupation = raw.occupation ? ctx.occupations.get(raw.occupation) : undefined;
        if (raw.occupation && !occupation)
          problems.push({ column: 'occupation', message: `未知的职业编码「${raw.occupation}」` });
        if (raw.fromDate) {
          const birth = raw.idNumber.birthDate;
          if (raw.fromDate < birth) problems.push({ column: 'fromDate', message: '入职日期早于出生日期' });
          else if (raw.fromDate < addYears(birth, 16))
            problems.push({ column: 'fromDate', message: '入职时未满 16 周岁，请核对入职日期' });
        }
        if (org && raw.post && raw.fromDate)
          employment = {
            orgId: org.id,
            post: raw.post,
            occupationCode: occupation?.code ?? null,
            isDigitalPost: raw.digital ?? false,
            fromDate: raw.fromDate,
          };
      }
      if (problems.length) return { ok: false, problems };
      return {
        ok: true,
        row: {
          idNumber: raw.idNumber.value,
          name: raw.name,
          phone: raw.phone ?? null,
          education: raw.education ?? null,
          cityCode,
          tier: raw.tier ?? null,
          employment,
        },
      };
    },

    duplicateKey: { column: 'idNumber', of: (raw) => raw.idNumber?.value ?? null },
    pipelineCommit: true,

    async commit(tx: DbOrTx, actor: Actor, rows: PersonImportRow[]) {
      const res = await deps.registry.bulkInsert(
        tx,
        actor,
        rows.map((r) => ({
          idNumber: r.idNumber,
          name: r.name,
          phone: r.phone,
          education: r.education,
          cityCode: r.cityCode,
          tier: r.tier,
        })),
      );
      // Already registered persons (skipped above): their employment still counts; a merged record leads to its survivor.
      const hashes = rows.flatMap((r, i) => (res.ids[i] ? [] : [deps.crypto.blindIndex('id', r.idNumber)]));
      const existing = new Map<string, string>();
      if (hashes.length)
        for (const p of await tx
          .select({ id: person.id, hash: person.idNumberHash, mergedInto: person.mergedInto })
          .from(person)
          .where(inArray(person.idNumberHash, hashes)))
          existing.set(p.hash, p.mergedInto ?? p.id);
      const employments = rows.flatMap((r, i) => {
        const personId = res.ids[i] ?? existing.get(deps.crypto.blindIndex('id', r.idNumber));
        return r.employment && personId ? [{ personId, ...r.employment }] : [];
      });
      const fresh = new Set(res.ids.filter((id): id is string => !!id));
      const added = await addEmployments(tx, employments, fresh);
      // A new post can change what an already registered person counts as (复合型): recompute them.
      const touched = [...new Set(added.filter((id) => !fresh.has(id)))];
      if (touched.length) await deps.registry.refreshCategories(tx, touched);
      return {
        personsInserted: res.inserted,
        personsExisting: res.skipped,
        employmentsInserted: added.length,
        employmentsExisting: employments.length - added.length,
      };
    },
  });
}
