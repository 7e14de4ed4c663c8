import type { DbOrTx } from '../../kernel/db/types.js';
import type { SettingDef, SettingsService } from '../../kernel/settings/settings.service.js';
import type { IndicatorDefinition } from '../targets/targets.service.js';
import { PROVINCE_CODE } from '../targets/targets.rules.js';
import type { EducationFundRule } from '../../../contracts/training.js';
import * as repo from './training.repo.js';
import { frontlineFundCheck } from './training.rules.js';

/**
 * The training module's indicators of the plan (docs/adr/0013-training-indicators.md),
 * registered with targets; the queries are this module's own, targets only orchestrates:
 *
 * - A1 开展数字技能内训的企业: organisations with a digital (digital domain set) enterprise
 *   in-house programme that held a session in the year up to the day, in the programme's city;
 * - A2 企业内训人次: completed enrolments of digital enterprise in-house programmes in the year;
 * - A3 社会化数字技能培训人次: completed enrolments of digital social training and cloud courses;
 * - C1 职工教育经费用于一线职工比例: the share of enterprises whose submitted report of the
 *   year meets the setting (≥ 60 % by default) among those reporting funds; per city, and the
 *   province under 370000. A city without a report has no figure (never 0).
 *
 * A person-time is one completed enrolment, counted where it counts (the class's city; for the
 * cloud classroom the learner's city at enrolment).
 */
export function trainingIndicators(deps: {
  settings: Pick<SettingsService, 'get' | 'getKnownAt'>;
  fundDef: SettingDef<EducationFundRule>;
}): IndicatorDefinition[] {
  const yearOf = (asOf: string) => ({ from: `${asOf.slice(0, 4)}-01-01`, to: asOf });
  const toMap = (rows: { city_code: string; n: number }[]) => new Map(rows.map((r) => [r.city_code, Number(r.n)]));
  return [
    {
      id: 'A1',
      title: '开展数字技能内训的企业',
      unit: '家',
      kind: 'yearly',
      compute: async (db: DbOrTx, o) => {
        const { from, to } = yearOf(o.asOf);
        return toMap(await repo.inhouseEnterprisesByCity(db, from, to, o.knownAt));
      },
    },
    {
      id: 'A2',
      title: '企业内训人次',
      unit: '人次',
      kind: 'yearly',
      compute: async (db, o) => {
        const { from, to } = yearOf(o.asOf);
        return toMap(await repo.completionsByCity(db, ['enterprise_inhouse'], from, to, o.knownAt));
      },
    },
    {
      id: 'A3',
      title: '社会化数字技能培训人次',
      unit: '人次',
      kind: 'yearly',
      compute: async (db, o) => {
        const { from, to } = yearOf(o.asOf);
        return toMap(await repo.completionsByCity(db, ['social', 'cloud'], from, to, o.knownAt));
      },
    },
    {
      id: 'C1',
      title: '职工教育经费用于一线职工比例',
      unit: '比例',
      kind: 'share',
      compute: async (db, o) => {
        // As known at a record time, the rule too (a report generated again keeps its figure).
        const rule = o.knownAt
          ? await deps.settings.getKnownAt(deps.fundDef, o.knownAt, db)
          : await deps.settings.get(deps.fundDef, db);
        const rows = await repo.submittedReports(db, Number(o.asOf.slice(0, 4)), o.knownAt);
        const tally = new Map<string, { n: number; ok: number }>();
        const add = (k: string, ok: boolean) => {
          const t = tally.get(k) ?? { n: 0, ok: 0 };
          t.n++;
          if (ok) t.ok++;
          tally.set(k, t);
        };
        for (const r of rows) {
          const c = frontlineFundCheck(r, rule);
          if (c.meets === null) continue; // no funds: nothing to check
          add(r.cityCode, c.meets);
          add(PROVINCE_CODE, c.meets);
        }
        return new Map([...tally].map(([k, t]) => [k, Math.round((t.ok / t.n) * 10_000) / 10_000]));
      },
    },
  ];
}
