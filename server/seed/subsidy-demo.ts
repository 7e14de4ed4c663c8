import { systemActor, type Actor } from '../kernel/audit/audit.js';
import type { AppServices } from '../app.js';
import { DEFAULT_SUBSIDY_POLICY, SUBSIDY_POLICY_SETTING_KEY, type SubsidyPolicy } from '../../contracts/subsidy.js';

/**
 * Demo subsidies (issue 6), deterministic. The demo province is synthetic, and so are these
 * numbers: the 培训补贴 amount (600 元) and the per-year limits are demo values, not policy — in
 * production they stay "未设定" until the province admin sets them. The notice (公示) period is
 * 0 days here so that a journey can take a claim from 申领 to 拨付 in one sitting without faking
 * the server's clock; the default (a setting) is 7 days. Budgets: every city, 2026–2030, both kinds.
 */
export const DEMO_SUBSIDY_POLICY: SubsidyPolicy = {
  training: {
    payee: 'person',
    versions: [
      {
        ...DEFAULT_SUBSIDY_POLICY.training.versions[0]!,
        version: '演示数据（非政策标准）',
        amounts: [{ levelCode: '*', programmeType: '*', amountYuan: 600 }],
        perPersonPerYear: 3,
      },
    ],
  },
  skill_upgrade: {
    ...DEFAULT_SUBSIDY_POLICY.skill_upgrade,
    versions: DEFAULT_SUBSIDY_POLICY.skill_upgrade.versions.map((v) => ({ ...v, perPersonPerYear: 3 })),
  },
  noticeDays: 0,
};

export async function seedSubsidyDemo(s: Pick<AppServices, 'settings' | 'subsidy' | 'reference'>): Promise<void> {
  const actor: Actor = { ...systemActor('seed'), roles: ['province_admin'] };
  await s.settings.put(actor, SUBSIDY_POLICY_SETTING_KEY, DEMO_SUBSIDY_POLICY);
  const cities = [...(await s.reference.cities()).values()].filter((c) => c.attrs.status === 'active');
  for (const year of [2026, 2027, 2028, 2029, 2030])
    for (const c of cities)
      for (const kind of ['training', 'skill_upgrade'] as const)
        await s.subsidy.setBudget(
          actor,
          { kind, year, cityCode: c.code, amountYuan: 2_000_000 },
          `seed-budget-${kind}-${c.code}-${year}`,
        );
}
