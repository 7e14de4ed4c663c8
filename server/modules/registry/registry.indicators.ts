import type { DbOrTx } from '../../kernel/db/types.js';
import type { IndicatorComputeOptions, IndicatorDefinition } from '../targets/targets.service.js';
import type { CredentialService } from './registry.credentials.js';
import type { RegistryService } from './registry.service.js';

/**
 * The registry's indicators of the plan (T1–T4), registered with targets. Their query is the
 * registry's own (categoryFlagsSql through the credential service); targets only orchestrates
 * and stores the results (ADR 0008). The four share one aggregate per day and record time.
 */
export function registryIndicators(deps: {
  credentials: Pick<CredentialService, 'categoryCounts'>;
  registry: Pick<RegistryService, 'list'>;
}): IndicatorDefinition[] {
  const counts = (db: DbOrTx, o: IndicatorComputeOptions) => {
    const run = () => deps.credentials.categoryCounts(o.asOf, o.knownAt, db);
    if (!o.cache) return run();
    const key = `registry.categories|${o.asOf}|${o.knownAt?.toISOString() ?? 'now'}`;
    if (!o.cache.has(key)) o.cache.set(key, run());
    return o.cache.get(key) as ReturnType<typeof run>;
  };
  const category = (id: string, title: string, column: 't1' | 't2' | 't3' | 't4'): IndicatorDefinition => ({
    id,
    title,
    unit: '人',
    kind: 'cumulative',
    compute: async (db, o) => new Map((await counts(db, o)).map((r) => [r.cityCode, r[column]])),
    // Today's holders (person_category), in the actor's scope: the list behind the 'now' figure.
    persons: (actor, q) => deps.registry.list(actor, { ...q, category: column }),
    exportPath: `/api/persons/export?category=${column}`,
  });
  return [
    category('T1', '数字技能人才规模', 't1'),
    category('T2', '高技能领军人才', 't2'),
    category('T3', '数字化解决方案设计师', 't3'),
    category('T4', '数字技术工程师', 't4'),
  ];
}
