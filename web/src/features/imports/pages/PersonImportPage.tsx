import { PERSON_IMPORT } from '../labels';
import { ImportPage } from './ImportPage';

/** 人员批量导入 (/imports/persons and /imports/persons/:batchId). */
export function PersonImportPage() {
  return <ImportPage target={PERSON_IMPORT} />;
}
