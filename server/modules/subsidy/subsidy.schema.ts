import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CLAIM_STATUSES, SUBSIDY_KINDS } from '../../../contracts/subsidy.js';

/**
 * 补贴申领: one per person × kind × occupation × level while active (a partial unique index);
 * built from a registry credential (read through the credentials service, copied here as it was
 * when claimed). The bank account is AES-256-GCM ciphertext + blind index + the last four digits.
 */
export const subsidyClaim = pgTable(
  'subsidy_claim',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: SUBSIDY_KINDS }).notNull(),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('submitted'),
    credentialId: uuid('credential_id').notNull(),
    credentialNumber: text('credential_number').notNull(),
    credentialIssuedOn: date('credential_issued_on').notNull(),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    cityCode: text('city_code').notNull(),
    /** The provider (submitter's organisation, or the issuer of a training completion). */
    orgId: uuid('org_id'),
    /** '' when the credential has none (the unique index needs a value). */
    occupationCode: text('occupation_code').notNull().default(''),
    levelCode: text('level_code').notNull().default(''),
    programmeType: text('programme_type'),
    policyVersion: text('policy_version').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    /** 申领年度: the Asia/Shanghai year of submission — the per-year limit and the budget year. */
    budgetYear: integer('budget_year').notNull(),
    payeeType: text('payee_type', { enum: ['person', 'provider'] }).notNull(),
    payeeName: text('payee_name').notNull(),
    bankName: text('bank_name').notNull(),
    bankAccountEnc: text('bank_account_enc').notNull(),
    bankAccountHash: text('bank_account_hash').notNull(),
    bankAccountTail: text('bank_account_tail').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    noticeStartsOn: date('notice_starts_on'),
    noticeEndsOn: date('notice_ends_on'),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    rejectRule: text('reject_rule'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    reconciledAt: timestamp('reconciled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subsidy_claim_active_uq')
      .on(t.personId, t.kind, t.occupationCode, t.levelCode)
      .where(sql`${t.status} <> 'rejected'`),
    index('subsidy_claim_city_idx').on(t.cityCode, t.status),
    index('subsidy_claim_org_idx').on(t.orgId),
    index('subsidy_claim_person_idx').on(t.personId),
    check(
      'subsidy_claim_status_check',
      sql`${t.status} in ('submitted','in_notice','approved','in_batch','paid','reconciled','rejected')`,
    ),
    check('subsidy_claim_amount_check', sql`${t.amountCents} > 0`),
    // maker ≠ checker, in the database too: the approver is neither the submitter nor the reviewer.
    check(
      'subsidy_claim_maker_checker',
      sql`${t.approvedBy} is null or (${t.approvedBy} <> ${t.submittedBy} and ${t.approvedBy} is distinct from ${t.reviewedBy})`,
    ),
    check('subsidy_claim_reviewer_check', sql`${t.reviewedBy} is null or ${t.reviewedBy} <> ${t.submittedBy}`),
  ],
);

/** 异议: received during the notice, recorded by the city, upheld (claim rejected) or dismissed. */
export const subsidyObjection = pgTable(
  'subsidy_objection',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaim.id),
    text: text('text').notNull(),
    status: text('status', { enum: ['open', 'upheld', 'dismissed'] })
      .notNull()
      .default('open'),
    receivedBy: uuid('received_by'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('subsidy_objection_claim_idx').on(t.claimId),
    check('subsidy_objection_status_check', sql`${t.status} in ('open','upheld','dismissed')`),
  ],
);

/** 年度预算 per kind × city × year: the row approvals lock; committed never exceeds the amount. */
export const subsidyBudget = pgTable(
  'subsidy_budget',
  {
    kind: text('kind', { enum: SUBSIDY_KINDS }).notNull(),
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull().default(0),
    committedCents: bigint('committed_cents', { mode: 'number' }).notNull().default(0),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.cityCode, t.year] }),
    check('subsidy_budget_within', sql`${t.committedCents} >= 0 and ${t.committedCents} <= ${t.amountCents}`),
  ],
);

/**
 * Double-entry ledger: a transaction and its lines (signed cents; + debit, − credit) on the
 * accounts fund → budget → payable → paid of a kind × city × year. A deferred constraint trigger
 * refuses any transaction whose lines do not sum to zero; both tables are append-only.
 */
export const subsidyLedgerTxn = pgTable(
  'subsidy_ledger_txn',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: SUBSIDY_KINDS }).notNull(),
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    memo: text('memo').notNull(),
    claimId: uuid('claim_id'),
    batchId: uuid('batch_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('subsidy_ledger_txn_scope_idx').on(t.kind, t.cityCode, t.year)],
);

export const subsidyLedgerLine = pgTable(
  'subsidy_ledger_line',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txnId: bigint('txn_id', { mode: 'number' })
      .notNull()
      .references(() => subsidyLedgerTxn.id),
    account: text('account', { enum: ['fund', 'budget', 'payable', 'paid'] }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('subsidy_ledger_line_txn_idx').on(t.txnId),
    check('subsidy_ledger_line_account_check', sql`${t.account} in ('fund','budget','payable','paid')`),
    check('subsidy_ledger_line_nonzero', sql`${t.amountCents} <> 0`),
  ],
);

/** 拨付批次. */
export const subsidyBatch = pgTable(
  'subsidy_batch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: SUBSIDY_KINDS }).notNull(),
    status: text('status', { enum: ['open', 'paid'] })
      .notNull()
      .default('open'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidBy: uuid('paid_by'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [check('subsidy_batch_status_check', sql`${t.status} in ('open','paid')`)],
);

/**
 * The payment of a claim: exactly one row per claim, ever (unique claim_id). A bank failure
 * marks it failed; the next batch takes the same row again (attempts + 1), never a second one.
 */
export const subsidyPayment = pgTable(
  'subsidy_payment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaim.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => subsidyBatch.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'settled', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(1),
    bankSerial: text('bank_serial'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('subsidy_payment_claim_uq').on(t.claimId),
    index('subsidy_payment_batch_idx').on(t.batchId),
    check('subsidy_payment_status_check', sql`${t.status} in ('pending','sent','settled','failed')`),
    check('subsidy_payment_amount_check', sql`${t.amountCents} > 0`),
  ],
);

/**
 * The bank's outcome of one payment attempt (成功 settled / 失败 failed), as reconciled: at most
 * one outcome per attempt (unique payment × attempt), and a bank serial number names one outcome
 * only, across all payments (unique) — a forged 失败 line cannot reuse a serial nor answer an
 * attempt twice.
 */
export const subsidyPaymentOutcome = pgTable(
  'subsidy_payment_outcome',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => subsidyPayment.id),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome', { enum: ['settled', 'failed'] }).notNull(),
    bankSerial: text('bank_serial').notNull(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => subsidyBatch.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('subsidy_payment_outcome_attempt_uq').on(t.paymentId, t.attempt),
    unique('subsidy_payment_outcome_serial_uq').on(t.bankSerial),
    check('subsidy_payment_outcome_check', sql`${t.outcome} in ('settled','failed')`),
    check('subsidy_payment_outcome_serial_check', sql`length(${t.bankSerial}) > 0`),
  ],
);

/** 对账: one uploaded bank return file of a batch, and its outcome per line. */
export const subsidyReconciliation = pgTable('subsidy_reconciliation', {
  id: uuid('id').primaryKey().defaultRandom(),
  batchId: uuid('batch_id')
    .notNull()
    .references(() => subsidyBatch.id),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  lines: jsonb('lines').notNull(),
  counts: jsonb('counts').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});

/** Idempotency-Key of money requests: the response is stored with the key; same key + other body → 409. */
export const subsidyIdempotency = pgTable(
  'subsidy_idempotency',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
