import { ImportPage } from '../../imports/pages/ImportPage';
import type { ImportTarget } from '../../imports/labels';

/** 企业需求导入: the import framework's entity `demands` (permission demand.manage); rows become draft demands. */
export const DEMAND_IMPORT: ImportTarget = {
  entity: 'demands',
  path: '/matching/demands/import',
  permission: 'demand.manage',
  title: 'matching.import.title',
  intro: 'matching.import.intro',
  list: { path: '/matching/demands', label: 'matching.import.toList' },
  affects: ['matching'],
};

/** /matching/demands/import and /matching/demands/import/:batchId: the generic import page for demands. */
export function DemandImportPage() {
  return <ImportPage target={DEMAND_IMPORT} />;
}
