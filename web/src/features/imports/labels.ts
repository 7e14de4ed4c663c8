import type { Permission } from '../../../../contracts/roles';
import type { MessageKey } from '../../i18n';
import type { ImportStatus } from './api';

/** What the web app imports: one server entity (/api/imports/<entity>) and where its page lives. */
export interface ImportTarget {
  /** The server's import entity key (registry.import.ts: persons). */
  entity: string;
  /** The page; a batch is at `${path}/<batchId>`. */
  path: string;
  /** The entity's permission (declared on all its routes; the entity may still refuse some roles). */
  permission: Permission;
  title: MessageKey;
  intro: MessageKey;
  /** Where the imported records are listed (the outcome links there). */
  list: { path: string; label: MessageKey };
  /** Query key roots that an import changes (invalidated once a batch is committed). */
  affects: readonly string[];
}

/** 人员批量导入: server/modules/registry/registry.import.ts (key persons, title 人员, permission import.run). */
export const PERSON_IMPORT: ImportTarget = {
  entity: 'persons',
  path: '/imports/persons',
  permission: 'import.run',
  title: 'import.persons.title',
  intro: 'import.persons.intro',
  list: { path: '/persons', label: 'import.outcome.toList' },
  affects: ['persons', 'registry', 'home'],
};

/** Tag colours of the batch statuses (the text is the server's statusLabel). */
export const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'gold',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  rejected: 'error',
};

/** Labels of the commit's counts (ImportBatch.outcome); an unknown key is shown as it is. */
export const OUTCOME_LABELS: Record<string, MessageKey> = {
  rows: 'import.outcome.rows',
  personsInserted: 'import.outcome.personsInserted',
  personsExisting: 'import.outcome.personsExisting',
  employmentsInserted: 'import.outcome.employmentsInserted',
  employmentsExisting: 'import.outcome.employmentsExisting',
  targetsChanged: 'import.outcome.targetsChanged',
  targetsUnchanged: 'import.outcome.targetsUnchanged',
};

/**
 * The errors route words each message with its row and column (第 5 行「身份证号」：…, as in the
 * result file); the table has columns for those, so the cell shows the reason alone.
 */
export function errorReason(e: { row: number; column: string | null; message: string }): string {
  const prefix = e.column ? `第 ${e.row} 行「${e.column}」：` : `第 ${e.row} 行：`;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

/** Date and time in Shandong's zone, as the rest of the app shows them. */
export { formatTime } from '../../lib/time';
