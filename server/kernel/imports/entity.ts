import type { Permission } from '../../../contracts/roles.js';
import type { Actor } from '../audit/audit.js';
import type { DbOrTx } from '../db/types.js';
import type { Cell, Parsed } from './normalize.js';

/**
 * One column of an import: its Chinese header, whether it must be filled, what the template
 * shows, and the parser that turns a cell into the value (or a Chinese reason).
 */
export interface ImportColumn<Raw, Ctx, K extends keyof Raw = keyof Raw> {
  key: K;
  /** The header exactly as in the template. */
  header: string;
  /** Other headers accepted on upload (older templates, common spellings). */
  aliases?: readonly string[];
  required: boolean;
  /** The template's example row. */
  example: string;
  /** One line of 填写说明. */
  note: string;
  width?: number;
  /** Format the template column as text (ID numbers, phones, codes: Excel must not turn them into numbers). */
  text?: boolean;
  /** Drop-down values in the template (a list, or read from reference data for the actor). */
  options?: readonly string[] | ((actor: Actor) => Promise<readonly string[]>);
  /** Called for non-blank cells only; blank optional cells give `undefined`. */
  parse(cell: Cell, ctx: Ctx): Parsed<Exclude<Raw[K], undefined>>;
}

/** Columns of an entity: each element's `parse` returns the type of its own field. */
export type ColumnsOf<Raw, Ctx> = { [K in keyof Raw]-?: ImportColumn<Raw, Ctx, K> }[keyof Raw][];

export interface RowProblem<Raw> {
  /** The column it concerns, or null for the row as a whole. */
  column: keyof Raw | null;
  message: string;
}
export type RowResult<Raw, Row> = { ok: true; row: Row } | { ok: false; problems: RowProblem<Raw>[] };

/**
 * What a module declares to make an entity importable (docs/adr/0006-imports.md). `Raw` is
 * the record of parsed column values, `Row` what gets staged and committed (JSON-serialisable),
 * `Ctx` what the entity loads once per run (reference data, look-ups).
 */
export interface ImportEntity<Raw, Row, Ctx> {
  /** URL segment and job queue: /api/imports/<key>, import.<key>. Lower case, [a-z_]. */
  key: string;
  /** Chinese name of what is imported (人员). */
  title: string;
  /** Name of the data sheet in the template. */
  sheetName: string;
  /** Declared on every route of this entity. */
  permission: Permission;
  /** Who may import it at all; throws FORBIDDEN with a Chinese message. */
  authorize(actor: Actor): void;
  columns: ColumnsOf<Raw, Ctx>;
  /** Extra lines for the 填写说明 sheet. */
  rules: readonly string[];
  /** Loaded once per validation run. */
  context(actor: Actor): Promise<Ctx>;
  /** Bulk look-ups for a chunk of rows (their parsed columns so far), before `validateRow`. */
  prefetch?(rows: Partial<Raw>[], ctx: Ctx): Promise<void>;
  /** Cross-column rules and the actor's scope: the row to stage, or its problems. */
  validateRow(raw: Raw, ctx: Ctx, actor: Actor): RowResult<Raw, Row>;
  /**
   * The identity of a row: a later row with the same key is a duplicate inside the file, and
   * the same key already stored makes a re-upload write nothing new.
   */
  duplicateKey: { column: keyof Raw; of(raw: Partial<Raw>): string | null };
  /**
   * Writes rows inside the caller's transaction (`tx` is a connection in an open transaction;
   * called once per staged chunk of up to 5,000 rows, all in ONE transaction). Must be
   * idempotent. Returns counts for the outcome and the audit record (never personal data).
   */
  commit(tx: DbOrTx, actor: Actor, rows: Row[]): Promise<Record<string, number>>;
  /**
   * Chunks never depend on each other's writes (rows of different chunks have different
   * duplicate keys): the next call may start — and do its CPU work, such as encryption — while
   * the previous call's statements are still running on the transaction. Calls still queue
   * their statements in order on the one connection.
   */
  pipelineCommit?: boolean;
}

/** An entity with its types erased, as the service holds them (each entity is checked where it is defined). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyImportEntity = ImportEntity<any, any, any>;

export function defineImportEntity<Raw, Row, Ctx>(e: ImportEntity<Raw, Row, Ctx>): ImportEntity<Raw, Row, Ctx> {
  if (!/^[a-z][a-z_]*$/.test(e.key)) throw new Error(`import entity key must be [a-z_]: ${e.key}`);
  return e;
}

/** 第 12 行「身份证号」：校验位错误 */
export function formatRowError(rowNo: number, column: string | null, message: string): string {
  return column ? `第 ${rowNo} 行「${column}」：${message}` : `第 ${rowNo} 行：${message}`;
}
