import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import type { SubsidyKind } from '../../../contracts/subsidy.js';
import { subsidyLedgerLine, subsidyLedgerTxn } from './subsidy.schema.js';

/**
 * The double-entry ledger of subsidies, per kind × city × year, on four accounts:
 *   fund (资金来源, negative: what was allocated) → budget (可用预算) → payable (应付未付) → paid (已拨付).
 * A transfer moves an amount from one account to another: the source's line is negative, the
 * target's positive, so every transaction sums to zero — the database refuses any other at commit
 * (deferred constraint trigger `subsidy_ledger_line_balanced`). Lines are append-only: a bank
 * failure is a reversing transfer paid → payable, never an edit.
 */
export type Account = 'fund' | 'budget' | 'payable' | 'paid';

export interface LedgerScope {
  kind: SubsidyKind;
  cityCode: string;
  year: number;
}

export interface Posting extends LedgerScope {
  memo: string;
  claimId?: string | null;
  batchId?: string | null;
  by: string | null;
  at: Date;
  lines: { account: Account; cents: number }[];
}

/** Post one balanced transaction (refused here first, and by the database at commit). */
export async function post(tx: DbOrTx, p: Posting): Promise<number> {
  const lines = p.lines.filter((l) => l.cents !== 0);
  if (lines.length < 2 || lines.reduce((s, l) => s + l.cents, 0) !== 0)
    throw new Error('unbalanced ledger posting: ' + JSON.stringify(p.lines));
  const [t] = await tx
    .insert(subsidyLedgerTxn)
    .values({
      kind: p.kind,
      cityCode: p.cityCode,
      year: p.year,
      memo: p.memo,
      claimId: p.claimId ?? null,
      batchId: p.batchId ?? null,
      createdBy: p.by,
      createdAt: p.at,
    })
    .returning({ id: subsidyLedgerTxn.id });
  await tx
    .insert(subsidyLedgerLine)
    .values(lines.map((l) => ({ txnId: t!.id, account: l.account, amountCents: l.cents })));
  return t!.id;
}

/** A transfer of `cents` from one account to another. */
export function transfer(
  tx: DbOrTx,
  s: LedgerScope & { memo: string; claimId?: string | null; batchId?: string | null; by: string | null; at: Date },
  from: Account,
  to: Account,
  cents: number,
): Promise<number> {
  return post(tx, {
    ...s,
    lines: [
      { account: from, cents: -cents },
      { account: to, cents },
    ],
  });
}

export interface Balance extends LedgerScope {
  account: Account;
  cents: number;
}

/** Balances by kind × city × year × account; `where` limits the transactions (scope, year). */
export async function balances(db: DbOrTx, where?: SQL): Promise<Balance[]> {
  const T = subsidyLedgerTxn;
  const L = subsidyLedgerLine;
  const rows = await db
    .select({
      kind: T.kind,
      cityCode: T.cityCode,
      year: T.year,
      account: L.account,
      cents: sql<string>`sum(${L.amountCents})`,
    })
    .from(L)
    .innerJoin(T, eq(T.id, L.txnId))
    .where(where)
    .groupBy(T.kind, T.cityCode, T.year, L.account)
    .orderBy(T.year, T.cityCode, T.kind, L.account);
  return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
}

/** One scope's balance of one account (0 when nothing was posted). */
export async function balanceOf(db: DbOrTx, s: LedgerScope, account: Account): Promise<number> {
  const [r] = await db
    .select({ cents: sql<string>`coalesce(sum(${subsidyLedgerLine.amountCents}), 0)` })
    .from(subsidyLedgerLine)
    .innerJoin(subsidyLedgerTxn, eq(subsidyLedgerTxn.id, subsidyLedgerLine.txnId))
    .where(
      and(
        eq(subsidyLedgerTxn.kind, s.kind),
        eq(subsidyLedgerTxn.cityCode, s.cityCode),
        eq(subsidyLedgerTxn.year, s.year),
        eq(subsidyLedgerLine.account, account),
      ),
    );
  return Number(r?.cents ?? 0);
}

/** Transactions that do not sum to zero (always empty: the trigger makes sure). */
export async function unbalancedTxns(db: DbOrTx): Promise<number[]> {
  const r = await db.execute<{ id: string }>(sql`
    select t.id from subsidy_ledger_txn t left join subsidy_ledger_line l on l.txn_id = t.id
    group by t.id having coalesce(sum(l.amount_cents), 0) <> 0 or count(l.id) < 2`);
  return r.rows.map((x) => Number(x.id));
}

/** Recent transactions with their lines. */
export async function entries(db: DbOrTx, where: SQL | undefined, limit: number) {
  const T = subsidyLedgerTxn;
  const txns = await db.select().from(T).where(where).orderBy(desc(T.id)).limit(limit);
  if (txns.length === 0) return [];
  const lines = await db
    .select()
    .from(subsidyLedgerLine)
    .where(
      inArray(
        subsidyLedgerLine.txnId,
        txns.map((t) => t.id),
      ),
    )
    .orderBy(subsidyLedgerLine.id);
  return txns.map((t) => ({ ...t, lines: lines.filter((l) => l.txnId === t.id) }));
}
