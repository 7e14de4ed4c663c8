import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { buildPerson, buildUser, cookieOf, login, PASSWORD, type TestUser } from '../../test/factories.js';
import {
  BANK,
  TEST_POLICY,
  approvedClaim,
  buildWorld,
  call,
  credential,
  setBudget,
  setPolicy,
  type World,
} from './subsidy.testing.js';

let t: TestApp;
let w: World;
const q = <T extends object>(text: string, values: unknown[] = []) =>
  t.database.pool.query<T>(text, values).then((r) => r.rows);

async function ledgerBalanced() {
  const rows = await q<{
    id: string;
  }>(`select t.id from subsidy_ledger_txn t join subsidy_ledger_line l on l.txn_id = t.id
                                        group by t.id having sum(l.amount_cents) <> 0`);
  return rows.length === 0;
}

async function relogin(u: TestUser) {
  u.cookie = cookieOf(await login(t, u.username, PASSWORD));
}

beforeAll(async () => {
  t = await testApp();
  w = await buildWorld(t, { talents: 4 });
  await setBudget(t, w.p1, { amountYuan: 1_000_000 });
}, 60_000);

describe('a claim from 申领 to 对账', () => {
  it('goes submit → review (公示) → approve → batch → pay → reconcile, with the ledger on each step', async () => {
    const talent = w.talents[0]!;
    const cred = await credential(t, { personId: talent.person.id, orgId: w.providerOrg.id });
    const el = await call(t, talent.user, 'POST', '/api/subsidy/eligible', {});
    expect(el.statusCode).toBe(200);
    const item = el.json().items.find((i: { credentialId: string }) => i.credentialId === cred);
    expect(item).toMatchObject({ eligible: true, amountYuan: 800, kind: 'training', policyVersion: '测试版 2026' });

    const s = await call(t, talent.user, 'POST', '/api/subsidy/claims', {
      credentialId: cred,
      kind: 'training',
      ...BANK,
    });
    expect(s.statusCode).toBe(201);
    const claim = s.json();
    expect(claim).toMatchObject({ status: 'submitted', amountYuan: 800, payeeName: '测试人员', budgetYear: 2026 });
    expect(claim.bankAccount).toBe('**** **** **** 5678');
    expect(s.body).not.toContain('0216');
    const [row] = await q<{ bank_account_enc: string }>('select bank_account_enc from subsidy_claim where id = $1', [
      claim.id,
    ]);
    expect(row!.bank_account_enc).toMatch(/^v1:/);
    expect(row!.bank_account_enc).not.toContain('5678');

    // the provider that issued the completion follows the claim; another city's admin does not see it
    expect((await call(t, w.provider, 'GET', `/api/subsidy/claims/${claim.id}`)).statusCode).toBe(200);
    expect((await call(t, w.otherCity, 'GET', `/api/subsidy/claims/${claim.id}`)).statusCode).toBe(404);
    expect((await call(t, w.talents[1]!.user, 'GET', `/api/subsidy/claims/${claim.id}`)).statusCode).toBe(404);

    const r = await call(t, w.city, 'POST', `/api/subsidy/claims/${claim.id}/review`, { decision: 'pass' });
    expect(r.json()).toMatchObject({ status: 'in_notice', noticeStartsOn: '2026-11-30', noticeEndsOn: '2026-11-30' });
    const notices = await call(t, null, 'GET', '/api/subsidy/notices');
    expect(notices.json().items.find((n: { id: string }) => n.id === claim.id)).toMatchObject({ personName: '测***' });

    const a = await call(t, w.p1, 'POST', `/api/subsidy/claims/${claim.id}/approve`);
    expect(a.statusCode).toBe(200);
    expect(a.json().status).toBe('approved');

    const b = await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: [claim.id] });
    expect(b.statusCode).toBe(201);
    const batchId = b.json().id;
    const p = await call(t, w.p1, 'POST', `/api/subsidy/batches/${batchId}/pay`);
    expect(p.statusCode).toBe(200);
    expect(p.json().payments[0]).toMatchObject({ status: 'sent', amountYuan: 800 });
    expect((await call(t, w.p1, 'GET', `/api/subsidy/claims/${claim.id}`)).json().status).toBe('paid');
    const listed = (await call(t, w.p1, 'GET', '/api/subsidy/batches')).json().items;
    expect(listed.find((x: { id: string }) => x.id === batchId)).toMatchObject({
      count: 1,
      totalYuan: 800,
      status: 'paid',
    });

    const csv = `申领编号,收款人,账号,金额,结果,银行流水号\n${claim.id},测试人员,6222********5678,800.00,成功,B0001\n`;
    const rec = await call(t, w.p1, 'POST', `/api/subsidy/batches/${batchId}/reconciliations`, {
      fileName: '回盘.csv',
      csv,
    });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().counts).toEqual({ matched: 1 });
    expect((await call(t, w.p1, 'GET', `/api/subsidy/claims/${claim.id}`)).json().status).toBe('reconciled');

    const ledger = (await call(t, w.p1, 'GET', '/api/subsidy/ledger?year=2026')).json();
    expect(ledger.balanced).toBe(true);
    const bal = (acc: string) =>
      ledger.balances.find(
        (x: { account: string; cityCode: string; kind: string }) =>
          x.account === acc && x.cityCode === '370100' && x.kind === 'training',
      )?.balanceYuan;
    expect(bal('paid')).toBeGreaterThanOrEqual(800);
    expect(bal('fund')! + bal('budget')! + (bal('payable') ?? 0) + bal('paid')!).toBe(0);
    // each step is in the audit log
    const actions = (
      await q<{ action: string }>(`select action from audit_log where entity_id = $1 order by id`, [claim.id])
    ).map((x) => x.action);
    expect(actions).toEqual(['subsidy.submit', 'subsidy.review_pass', 'subsidy.approve']);
  });

  it('the city sees its queue; a provider sees only its organisation; a talent only themself', async () => {
    const list = await call(t, w.city, 'GET', '/api/subsidy/claims?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    expect((await call(t, w.otherCity, 'GET', '/api/subsidy/claims')).json().total).toBe(0);
    const mine = (await call(t, w.talents[1]!.user, 'GET', '/api/subsidy/claims')).json();
    expect(mine.items.every((c: { personId: string }) => c.personId === w.talents[1]!.person.id)).toBe(true);
  });
});

describe('maker ≠ checker', () => {
  it('the submitter cannot approve, nor can the reviewer (by user id), even holding the permission', async () => {
    const person = await buildPerson(t, { cityCode: '370100' });
    const both = await buildUser(t, { roles: ['province_admin', 'talent'], personId: person.id, cityCode: '370100' });
    const cred = await credential(t, { personId: person.id, orgId: w.providerOrg.id, occupationCode: '2-02-38-01' });
    const s = await call(t, both, 'POST', '/api/subsidy/claims', { credentialId: cred, kind: 'training', ...BANK });
    expect(s.statusCode).toBe(201);
    const id = s.json().id;
    const reviewer = await buildUser(t, { roles: ['city_admin', 'province_admin'], cityCode: '370100' });
    expect((await call(t, reviewer, 'POST', `/api/subsidy/claims/${id}/review`, { decision: 'pass' })).statusCode).toBe(
      200,
    );
    const bySubmitter = await call(t, both, 'POST', `/api/subsidy/claims/${id}/approve`);
    expect(bySubmitter.statusCode).toBe(403);
    expect(bySubmitter.json().error.message).toContain('审批人不得为申领人或审核人');
    expect((await call(t, reviewer, 'POST', `/api/subsidy/claims/${id}/approve`)).statusCode).toBe(403);
    expect((await call(t, w.p2, 'POST', `/api/subsidy/claims/${id}/approve`)).statusCode).toBe(200);
    // and the database refuses it too
    await expect(q(`update subsidy_claim set approved_by = submitted_by where id = $1`, [id])).rejects.toThrow(
      /subsidy_claim_maker_checker/,
    );
  });
});

describe('Idempotency-Key', () => {
  it('replays the same response for the same key and body, 409 for another body, 400 without a key', async () => {
    const talent = w.talents[3]!;
    const cred = await credential(t, { personId: talent.person.id, orgId: w.providerOrg.id, levelCode: 'SENIOR' });
    const key = randomUUID();
    const body = { credentialId: cred, kind: 'training', ...BANK };
    const first = await call(t, talent.user, 'POST', '/api/subsidy/claims', body, key);
    const again = await call(t, talent.user, 'POST', '/api/subsidy/claims', body, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await call(t, talent.user, 'POST', '/api/subsidy/claims', { ...body, bankName: '另一家银行' }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.message).toContain('Idempotency-Key');
    const none = await call(t, talent.user, 'POST', '/api/subsidy/claims', body, null);
    expect(none.statusCode).toBe(400);
    const [n] = await q<{ n: number }>(`select count(*)::int n from subsidy_claim where credential_id = $1`, [cred]);
    expect(n!.n).toBe(1);
  });
});

describe('concurrency against real PostgreSQL', () => {
  it('50 concurrent submissions of the same claim give exactly one claim', async () => {
    const p = await buildPerson(t, { cityCode: '370100' });
    const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
    const cred = await credential(t, { personId: p.id, orgId: w.providerOrg.id });
    const res = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(t, user, 'POST', '/api/subsidy/claims', { credentialId: cred, kind: 'training', ...BANK }),
      ),
    );
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(res.find((r) => r.statusCode === 409)!.json().error.message).toContain('只能享受一次');
    const [n] = await q<{ n: number }>(`select count(*)::int n from subsidy_claim where credential_id = $1`, [cred]);
    expect(n!.n).toBe(1);
  }, 60_000);

  it('50 concurrent approvals of one claim, then 50 batches and 50 pays, give one approval and one payment', async () => {
    const p = await buildPerson(t, { cityCode: '370100' });
    const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
    const cred = await credential(t, { personId: p.id, orgId: w.providerOrg.id });
    const s = await call(t, user, 'POST', '/api/subsidy/claims', { credentialId: cred, kind: 'training', ...BANK });
    const id = s.json().id;
    await call(t, w.city, 'POST', `/api/subsidy/claims/${id}/review`, { decision: 'pass' });
    const approvers = [w.p1, w.p2];
    const approvals = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(t, approvers[i % 2]!, 'POST', `/api/subsidy/claims/${id}/approve`)),
    );
    expect(approvals.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(approvals.filter((r) => r.statusCode === 409)).toHaveLength(49);
    const approveTxns = await q(`select 1 from subsidy_ledger_txn where claim_id = $1`, [id]);
    expect(approveTxns).toHaveLength(1);

    const batches = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: [id] }),
      ),
    );
    const made = batches.filter((r) => r.statusCode === 201);
    expect(made).toHaveLength(1);
    const batchId = made[0]!.json().id;
    const pays = await Promise.all(
      Array.from({ length: 50 }, () => call(t, w.p1, 'POST', `/api/subsidy/batches/${batchId}/pay`)),
    );
    expect(pays.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const payments = await q(`select 1 from subsidy_payment where claim_id = $1`, [id]);
    expect(payments).toHaveLength(1);
    const paidTxns = await q(`select 1 from subsidy_ledger_txn where claim_id = $1`, [id]);
    expect(paidTxns).toHaveLength(2);
    expect(await ledgerBalanced()).toBe(true);
    // a second payment row of the same claim is impossible in the database itself
    await expect(
      q(`insert into subsidy_payment (claim_id, batch_id, amount_cents, updated_at) values ($1, $2, 80000, now())`, [
        id,
        batchId,
      ]),
    ).rejects.toThrow(/subsidy_payment_claim_uq/);
  }, 120_000);
});

describe('the 公示 period, objections and the budget', () => {
  it('a notice of 7 days: approval waits until the 8th day; an open objection blocks it; upheld rejects', async () => {
    await setPolicy(t, w.p1, { ...TEST_POLICY, noticeDays: 7 });
    try {
      const p = await buildPerson(t, { cityCode: '370100' });
      const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
      const c1 = await credential(t, { personId: p.id, orgId: w.providerOrg.id, levelCode: 'JUNIOR' });
      const c2 = await credential(t, { personId: p.id, orgId: w.providerOrg.id, occupationCode: '2-02-38-01' });
      const id1 = (
        await call(t, user, 'POST', '/api/subsidy/claims', { credentialId: c1, kind: 'training', ...BANK })
      ).json().id;
      const id2 = (
        await call(t, user, 'POST', '/api/subsidy/claims', { credentialId: c2, kind: 'training', ...BANK })
      ).json().id;
      const r1 = await call(t, w.city, 'POST', `/api/subsidy/claims/${id1}/review`, { decision: 'pass' });
      expect(r1.json().noticeEndsOn).toBe('2026-12-07');
      await call(t, w.city, 'POST', `/api/subsidy/claims/${id2}/review`, { decision: 'pass' });
      const early = await call(t, w.p1, 'POST', `/api/subsidy/claims/${id1}/approve`);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('公示期规则');

      const obj = await call(t, w.city, 'POST', `/api/subsidy/claims/${id1}/objections`, {
        text: '有群众反映未参加培训',
      });
      expect(obj.json().objections).toHaveLength(1);
      await call(t, w.city, 'POST', `/api/subsidy/claims/${id2}/objections`, { text: '证书存疑' });
      t.clock.advance(7 * 86_400_000);
      // sessions went idle over the week: log in again
      for (const u of [w.p1, w.p2, w.city, w.otherCity, w.provider, user, ...w.talents.map((x) => x.user)])
        await relogin(u);
      const blocked = await call(t, w.p1, 'POST', `/api/subsidy/claims/${id1}/approve`);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().error.message).toContain('公示异议规则');
      // the notice has ended: no new objection
      expect(
        (await call(t, w.city, 'POST', `/api/subsidy/claims/${id1}/objections`, { text: '晚到的异议' })).statusCode,
      ).toBe(409);

      const o1 = obj.json().objections[0].id;
      const dismissed = await call(t, w.city, 'POST', `/api/subsidy/objections/${o1}/resolve`, {
        decision: 'dismissed',
        note: '经核实参加了培训',
      });
      expect(dismissed.statusCode).toBe(200);
      expect((await call(t, w.p1, 'POST', `/api/subsidy/claims/${id1}/approve`)).statusCode).toBe(200);

      const claim2 = (await call(t, w.city, 'GET', `/api/subsidy/claims/${id2}`)).json();
      const upheld = await call(t, w.city, 'POST', `/api/subsidy/objections/${claim2.objections[0].id}/resolve`, {
        decision: 'upheld',
        note: '证书核查不实',
      });
      expect(upheld.json()).toMatchObject({ status: 'rejected', rejectRule: 'objection_open' });
      // a rejected claim frees its slot: the person may claim that credential again
      expect(
        (await call(t, user, 'POST', '/api/subsidy/claims', { credentialId: c2, kind: 'training', ...BANK }))
          .statusCode,
      ).toBe(201);
    } finally {
      await setPolicy(t, w.p1, TEST_POLICY);
    }
  });

  it('the budget is never exceeded: the approval that would pass it is refused by the budget rule', async () => {
    const cityCode = '370300';
    const admin = await buildUser(t, { roles: ['city_admin'], cityCode });
    await setBudget(t, w.p1, { cityCode, amountYuan: 1000 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await buildPerson(t, { cityCode });
      const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode });
      const cred = await credential(t, { personId: p.id, orgId: w.providerOrg.id });
      const id = (
        await call(t, user, 'POST', '/api/subsidy/claims', { credentialId: cred, kind: 'training', ...BANK })
      ).json().id;
      await call(t, admin, 'POST', `/api/subsidy/claims/${id}/review`, { decision: 'pass' });
      ids.push(id);
    }
    const [a, b] = await Promise.all(ids.map((id) => call(t, w.p1, 'POST', `/api/subsidy/claims/${id}/approve`)));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r!.statusCode === 409)!.json().error.message).toContain('年度预算规则');
    const budget = (await call(t, w.p1, 'GET', '/api/subsidy/budgets?year=2026'))
      .json()
      .items.find((x: { cityCode: string; kind: string }) => x.cityCode === cityCode && x.kind === 'training');
    expect(budget).toMatchObject({ amountYuan: 1000, committedYuan: 800, availableYuan: 200 });
    // lowering the budget under what is approved is refused
    const low = await call(t, w.p1, 'PUT', '/api/subsidy/budgets', {
      kind: 'training',
      year: 2026,
      cityCode,
      amountYuan: 500,
    });
    expect(low.statusCode).toBe(409);
    expect(await ledgerBalanced()).toBe(true);
  });
});

describe('reconciliation against the bank return file', () => {
  it('matched, amount mismatch, failed (back to approved with a reversal, paid again by a new batch), unknown claim', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await buildPerson(t, { cityCode: '370100' });
      const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
      const cred = await credential(t, { personId: p.id, orgId: w.providerOrg.id });
      ids.push(await approvedClaim(t, w, cred, { person: p, user }));
    }
    const batch = (await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: ids })).json();
    expect(batch.count).toBe(3);
    expect((await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/pay`)).statusCode).toBe(200);
    const [ok, mismatch, failed] = ids;
    const unknown = randomUUID();
    const csv = [
      '申领编号,收款人,账号,金额,结果,银行流水号',
      `${ok},测试人员,****5678,800,成功,S1`,
      `${mismatch},测试人员,****5678,799.00,成功,S2`,
      `${failed},测试人员,****5678,800,失败,S3`,
      `${unknown},某人,****1111,800,成功,S4`,
    ].join('\r\n');
    const rec = await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/reconciliations`, {
      fileName: 'r.csv',
      csv,
    });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().counts).toEqual({ matched: 1, amount_mismatch: 1, failed: 1, unknown_claim: 1 });
    const status = async (id: string) => (await call(t, w.p1, 'GET', `/api/subsidy/claims/${id}`)).json().status;
    expect(await status(ok!)).toBe('reconciled');
    expect(await status(mismatch!)).toBe('paid');
    expect(await status(failed!)).toBe('approved');
    const txns = await q<{ memo: string }>(`select memo from subsidy_ledger_txn where claim_id = $1 order by id`, [
      failed,
    ]);
    expect(txns.map((x) => x.memo.slice(0, 4))).toEqual(['审批申领', '拨付申领', '银行退回']);

    // the failed claim goes into a new batch: the same payment row, a second attempt, never a second row
    const again = await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: [failed] });
    expect(again.statusCode).toBe(201);
    expect(again.json().payments[0]).toMatchObject({ attempts: 2, status: 'pending' });
    expect(await q(`select 1 from subsidy_payment where claim_id = $1`, [failed])).toHaveLength(1);
    // the reconciled claim cannot go into a batch again
    expect((await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: [ok] })).statusCode).toBe(
      409,
    );
    // a bad file is a 400 with the columns named
    const bad = await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/reconciliations`, {
      fileName: 'x.csv',
      csv: 'a,b\n1,2',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('申领编号');
    expect(await ledgerBalanced()).toBe(true);
  });
});

describe('代发明细 (the payment file for the bank)', () => {
  it('lists each payment with the full account, the total on the batch sheet, is audited, and its first columns reconcile as the bank return', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await buildPerson(t, { cityCode: '370100' });
      const user = await buildUser(t, { roles: ['talent'], personId: p.id, cityCode: '370100' });
      const cred = await credential(t, { personId: p.id, orgId: w.providerOrg.id });
      ids.push(await approvedClaim(t, w, cred, { person: p, user }));
    }
    const batch = (await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: ids })).json();
    const url = `/api/subsidy/batches/${batch.id}/payment-file`;
    const res = await call(t, w.p1, 'GET', url, undefined, null);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('代发明细_培训补贴_');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('代发明细')!;
    const rows = ws.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1, 5)).toEqual(['申领编号', '收款人', '账号', '金额']);
    const lines = rows.slice(1, 3).map((r) => r.slice(1, 6));
    expect(lines.map((l) => l[0]).sort()).toEqual([...ids].sort());
    for (const l of lines) expect(l.slice(2)).toEqual([BANK.bankAccount.replace(/\s/g, ''), 800, BANK.bankName]);
    expect(rows).toHaveLength(3); // the header and the two payments, no 合计 line
    const info = wb.getWorksheet('批次信息')!.getSheetValues().slice(1) as unknown[][];
    expect(info.map((r) => r.slice(1, 3))).toEqual(
      expect.arrayContaining([
        ['笔数', '2'],
        ['合计金额（元）', '1600.00'],
      ]),
    );
    const audited = await q<{ action: string }>(
      `select action from audit_log where entity_id = $1 and action = 'subsidy.payment_file'`,
      [batch.id],
    );
    expect(audited).toHaveLength(1);
    // only the payer; another batch id is 404
    expect((await call(t, w.city, 'GET', url, undefined, null)).statusCode).toBe(403);
    expect(
      (await call(t, w.p1, 'GET', `/api/subsidy/batches/${randomUUID()}/payment-file`, undefined, null)).statusCode,
    ).toBe(404);
    // the bank answers on the same lines: its first four columns, plus 结果 and 银行流水号
    expect((await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/pay`)).statusCode).toBe(200);
    const csv = ['申领编号,收款人,账号,金额,结果,银行流水号']
      .concat(lines.map((l, i) => `${l[0]},${l[1]},${l[2]},${l[3]},成功,PF${i}${batch.id.slice(0, 6)}`))
      .join('\n');
    const rec = await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/reconciliations`, {
      fileName: '回盘.csv',
      csv,
    });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json().counts).toEqual({ matched: 2 });
  });
});

describe('the ledger in the database', () => {
  it('refuses an unbalanced transaction at commit, and any edit of a posted line', async () => {
    const client = await t.database.pool.connect();
    try {
      await client.query('begin');
      const r = await client.query<{ id: string }>(
        `insert into subsidy_ledger_txn (kind, city_code, year, memo, created_at) values ('training', '370100', 2026, '不平', now()) returning id`,
      );
      await client.query(
        `insert into subsidy_ledger_line (txn_id, account, amount_cents) values ($1, 'budget', -100), ($1, 'payable', 99)`,
        [r.rows[0]!.id],
      );
      await expect(client.query('commit')).rejects.toThrow(/does not balance/);
    } finally {
      client.release();
    }
    await expect(q(`update subsidy_ledger_line set amount_cents = amount_cents + 1`)).rejects.toThrow(/append-only/);
    await expect(q(`delete from subsidy_ledger_txn`)).rejects.toThrow(/append-only/);
  });
});
