import type { DbOrTx } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { RECON_OUTCOME_LABELS, type RECON_OUTCOMES } from '../../../contracts/subsidy.js';
import * as repo from './subsidy.repo.js';
import * as ledger from './subsidy.ledger.js';
import { accountTail, maskAccount, yuanToCents, type BankReturnRow } from './subsidy.rules.js';

export type ReconOutcome = (typeof RECON_OUTCOMES)[number];

export interface ReconLine {
  lineNo: number;
  claimId: string;
  payee: string;
  account: string;
  amountYuan: number | null;
  result: string;
  bankSerial: string;
  outcome: ReconOutcome;
  outcomeLabel: string;
  note: string | null;
}

/**
 * One bank return file against a paid batch, line by line, inside the caller's transaction (the
 * batch and its claims are locked by the caller). The claim's state moves with each line, so a
 * second line for the same claim finds it no longer awaiting reconciliation.
 */
export async function reconcileRows(
  tx: DbOrTx,
  o: {
    rows: BankReturnRow[];
    payments: repo.PaymentDb[];
    claims: repo.ClaimDb[];
    actor: Actor;
    at: Date;
    batchId: string;
  },
): Promise<ReconLine[]> {
  const payments = new Map(o.payments.map((p) => [p.claimId, { ...p }]));
  const claims = new Map(o.claims.map((c) => [c.id, { ...c }]));
  const out: ReconLine[] = [];
  const serials = new Set<string>();
  for (const r of o.rows) {
    const line = (outcome: ReconOutcome, note: string | null = null): ReconLine => ({
      lineNo: r.lineNo,
      claimId: r.claimId,
      payee: r.payee,
      // Never the full account: only the masked last four digits are stored and returned.
      account: maskAccount(accountTail(r.account)),
      amountYuan: r.amountYuan,
      result: r.result,
      bankSerial: r.bankSerial,
      outcome,
      outcomeLabel: RECON_OUTCOME_LABELS[outcome],
      note,
    });
    const p = payments.get(r.claimId);
    const c = claims.get(r.claimId);
    if (!p || !c) {
      out.push(line('unknown_claim', '本批次没有这个申领编号'));
      continue;
    }
    if (c.status !== 'paid' || p.status !== 'sent') {
      out.push(line('not_awaiting', `申领当前不在待对账状态（${c.status}）`));
      continue;
    }
    if (r.success === null) {
      out.push(line('not_awaiting', `无法识别的结果「${r.result}」，应为 成功 或 失败；该申领仍待对账`));
      continue;
    }
    // A success or a failure alike must be the bank's answer to this very payment: amount, payee
    // and account tail as paid (a forged 失败 line would otherwise send the money a second time).
    if (r.amountYuan === null || yuanToCents(r.amountYuan) !== p.amountCents) {
      out.push(line('amount_mismatch', `应付 ${p.amountCents / 100} 元，银行回盘 ${r.amountYuan ?? '（空）'} 元`));
      continue;
    }
    if (r.payee !== c.payeeName || accountTail(r.account) !== c.bankAccountTail) {
      out.push(line('payee_mismatch', `应为 ${c.payeeName}（账号尾号 ${c.bankAccountTail}）`));
      continue;
    }
    // A bank serial number answers one payment attempt, once: never reused across payments.
    const serial = r.bankSerial.trim();
    if (!serial) {
      out.push(line('serial_invalid', '缺少银行流水号，该申领仍待对账'));
      continue;
    }
    if (serials.has(serial) || (await repo.serialUsed(tx, serial))) {
      out.push(line('serial_invalid', `银行流水号 ${serial} 已用于另一笔拨付结果，不能重复使用；该申领仍待对账`));
      continue;
    }
    // One outcome per payment attempt (the database refuses a second one, too).
    if (await repo.attemptAnswered(tx, p.id, p.attempts)) {
      out.push(line('not_awaiting', `该笔拨付（第 ${p.attempts} 次）已有银行结果，不能再次对账`));
      continue;
    }
    serials.add(serial);
    await repo.insertOutcome(tx, {
      paymentId: p.id,
      attempt: p.attempts,
      outcome: r.success ? 'settled' : 'failed',
      bankSerial: serial,
      batchId: o.batchId,
      recordedAt: o.at,
    });
    if (r.success === false) {
      // Back to approved-unpaid: a reversing transfer paid → payable; the payment row is kept (failed).
      await ledger.transfer(
        tx,
        {
          kind: c.kind,
          cityCode: c.cityCode,
          year: c.budgetYear,
          memo: `银行退回 申领 ${c.id}（流水号 ${serial}）`,
          claimId: c.id,
          batchId: o.batchId,
          by: o.actor.userId,
          at: o.at,
        },
        'paid',
        'payable',
        p.amountCents,
      );
      await repo.setPayment(tx, p.id, { status: 'failed', bankSerial: serial, updatedAt: o.at });
      const after = await repo.updateClaim(tx, c.id, 'paid', { status: 'approved', paidAt: null, updatedAt: o.at });
      await audit(tx, o.actor, {
        action: 'subsidy.payment_failed',
        entity: 'subsidy_claim',
        entityId: c.id,
        before: { status: 'paid' },
        after: { status: after!.status, bankSerial: serial, result: r.result, attempt: p.attempts },
      });
      p.status = 'failed';
      c.status = 'approved';
      out.push(line('failed', '已退回待拨付，可列入新的拨付批次'));
      continue;
    }
    await repo.setPayment(tx, p.id, { status: 'settled', bankSerial: serial, updatedAt: o.at });
    await repo.updateClaim(tx, c.id, 'paid', { status: 'reconciled', reconciledAt: o.at, updatedAt: o.at });
    p.status = 'settled';
    c.status = 'reconciled';
    out.push(line('matched'));
  }
  return out;
}
