import { ImportPage } from '../../imports/pages/ImportPage';
import type { ImportTarget } from '../../imports/labels';

/** 指标目标导入: server/modules/targets/targets.import.ts (key indicator_targets, permission target.edit, province admin only). */
export const TARGET_IMPORT: ImportTarget = {
  entity: 'indicator_targets',
  path: '/targets/import',
  permission: 'target.edit',
  title: 'targets.import.title',
  intro: 'targets.import.intro',
  list: { path: '/targets/plan', label: 'targets.import.toPlan' },
  affects: ['targets'],
};

/** /targets/import and /targets/import/:batchId: the generic import page for targets. */
export function TargetImportPage() {
  return <ImportPage target={TARGET_IMPORT} />;
}
