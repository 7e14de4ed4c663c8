import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { buildPerson, buildUser } from '../../test/factories.js';
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

/** Regression tests of the subsidy review findings (payee, training completions, bank return, ID numbers). */

let t: TestApp;
let w: World;
const q = <T extends object>(text: string, values: unknown[] = []) =>
  t.database.pool.query<T>(text, values).then((r) => r.rows);

async function talent() {
  const person = await buildPerson(t, { cityCode: '370100' });
  const user = await buildUser(t, { roles: ['talent'], personId: person.id, cityCode: '370100' });
  return { person, user };
}

beforeAll(async () => {
  t = await testApp();
  w = await buildWorld(t, { talents: 0 });
  await setBudget(t, w.p1, { amountYuan: 1_000_000 });
}, 60_000);

describe('the payee rule: who may submit', () => {
  it('a person-paid subsidy: the provider may not submit it (nor choose the account); the person may', async () => {
    const p = await talent();
    const cred = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id });
    const byProvider = await call(t, w.provider, 'POST', '/api/subsidy/claims', {
      credentialId: cred,
      kind: 'training',
      ...BANK,
    });
    expect(byProvider.statusCode).toBe(403);
    expect(byProvider.json().error.message).toContain('拨付对象规则');
    expect(byProvider.json().error.message).toContain('只能由本人');
    expect(await q(`select 1 from subsidy_claim where credential_id = $1`, [cred])).toHaveLength(0);
    // the provider's lookup says so instead of offering the claim
    const el = await call(t, w.provider, 'POST', '/api/subsidy/eligible', { personId: p.person.id });
    expect(el.json().items.find((i: { credentialId: string }) => i.credentialId === cred)).toMatchObject({
      eligible: false,
      rule: 'credential_kind',
    });
    const byPerson = await call(t, p.user, 'POST', '/api/subsidy/claims', {
      credentialId: cred,
      kind: 'training',
      ...BANK,
    });
    expect(byPerson.statusCode).toBe(201);
    expect(byPerson.json()).toMatchObject({ payeeType: 'person', payeeName: '测试人员' });
  });

  it('a provider-paid subsidy: only the provider submits it, paid to the provider', async () => {
    await setPolicy(t, w.p1, { ...TEST_POLICY, training: { ...TEST_POLICY.training, payee: 'provider' } });
    try {
      const p = await talent();
      const cred = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id });
      const byPerson = await call(t, p.user, 'POST', '/api/subsidy/claims', {
        credentialId: cred,
        kind: 'training',
        ...BANK,
      });
      expect(byPerson.statusCode).toBe(403);
      expect(byPerson.json().error.message).toContain('拨付对象规则');
      const byProvider = await call(t, w.provider, 'POST', '/api/subsidy/claims', {
        credentialId: cred,
        kind: 'training',
        ...BANK,
      });
      expect(byProvider.statusCode).toBe(201);
      expect(byProvider.json().payeeType).toBe('provider');
      expect(byProvider.json().payeeName).not.toBe('测试人员');
    } finally {
      await setPolicy(t, w.p1, TEST_POLICY);
    }
  });
});

describe('a training claim rests on a completion of the training module', () => {
  it('refuses a training_completion a provider registered by hand (no training behind it)', async () => {
    const p = await talent();
    const cred = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id, fromTraining: false });
    const s = await call(t, p.user, 'POST', '/api/subsidy/claims', { credentialId: cred, kind: 'training', ...BANK });
    expect(s.statusCode).toBe(409);
    expect(s.json().error.message).toContain('该结业证书不是平台培训班颁发，不能申领培训补贴');
    const el = await call(t, p.user, 'POST', '/api/subsidy/eligible', {});
    expect(el.json().items.find((i: { credentialId: string }) => i.credentialId === cred)).toMatchObject({
      eligible: false,
      amountYuan: null,
    });
  });

  it('refuses a hand-made record that copies a real certificate number but not the enrolment behind it', async () => {
    const p = await talent();
    const real = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id });
    const [{ number }] = (await q<{ number: string }>(`select number from credential where credential_id = $1`, [
      real,
    ])) as [{ number: string }];
    // a record by hand with the same number (another issuer name passes the registry's uniqueness)
    const fake = (
      await q<{ credential_id: string }>(
        `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                                 digital, issued_on, recorded_at, evidence)
         values (gen_random_uuid(), $1, 'training_completion', $2, $3, '手工登记', '2-02-38-01', 'JUNIOR', true, '2026-06-01',
                 now() - interval '1 day', 'training_enrolment:00000000-0000-4000-8000-000000000000')
         returning credential_id`,
        [p.person.id, number, w.providerOrg.id],
      )
    )[0]!.credential_id;
    const s = await call(t, p.user, 'POST', '/api/subsidy/claims', { credentialId: fake, kind: 'training', ...BANK });
    expect(s.statusCode).toBe(409);
    expect(s.json().error.message).toContain('不是平台培训班颁发');
  });

  it('takes the programme type from the completion, not from the credential field', async () => {
    const version = TEST_POLICY.training.versions[0]!;
    await setPolicy(t, w.p1, {
      ...TEST_POLICY,
      training: {
        ...TEST_POLICY.training,
        versions: [
          {
            ...version,
            amounts: [
              { levelCode: '*', programmeType: '*', amountYuan: 800 },
              { levelCode: '*', programmeType: 'order_class', amountYuan: 1500 },
            ],
          },
        ],
      },
    });
    try {
      const p = await talent();
      // the registry's field claims an order class; the training module says a social class
      const social = await credential(t, {
        personId: p.person.id,
        orgId: w.providerOrg.id,
        programmeType: 'social',
        field: 'order_class',
      });
      const order = await credential(t, {
        personId: p.person.id,
        orgId: w.providerOrg.id,
        programmeType: 'order_class',
        occupationCode: '2-02-38-01',
      });
      const items = (await call(t, p.user, 'POST', '/api/subsidy/eligible', {})).json().items as {
        credentialId: string;
        amountYuan: number;
      }[];
      expect(items.find((i) => i.credentialId === social)?.amountYuan).toBe(800);
      expect(items.find((i) => i.credentialId === order)?.amountYuan).toBe(1500);
      const s = await call(t, p.user, 'POST', '/api/subsidy/claims', {
        credentialId: social,
        kind: 'training',
        ...BANK,
      });
      expect(s.json().amountYuan).toBe(800);
      const [row] = await q<{ programme_type: string | null }>(
        `select programme_type from subsidy_claim where id = $1`,
        [s.json().id],
      );
      expect(row!.programme_type).toBe('social');
    } finally {
      await setPolicy(t, w.p1, TEST_POLICY);
    }
  });
});

describe('the bank return file cannot fake a failure', () => {
  async function paidBatch(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = await talent();
      const cred = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id });
      ids.push(await approvedClaim(t, w, cred, p));
    }
    const batch = (await call(t, w.p1, 'POST', '/api/subsidy/batches', { kind: 'training', claimIds: ids })).json();
    expect((await call(t, w.p1, 'POST', `/api/subsidy/batches/${batch.id}/pay`)).statusCode).toBe(200);
    return { ids, batchId: batch.id as string };
  }
  const reconcile = (batchId: string, lines: string[]) =>
    call(t, w.p1, 'POST', `/api/subsidy/batches/${batchId}/reconciliations`, {
      fileName: 'r.csv',
      csv: ['申领编号,收款人,账号,金额,结果,银行流水号', ...lines].join('\n'),
    });
  const status = async (id: string) => (await call(t, w.p1, 'GET', `/api/subsidy/claims/${id}`)).json().status;

  it('a 失败 line with another account, payee or amount does not send the claim back to be paid again', async () => {
    const { ids, batchId } = await paidBatch(3);
    const [a, b, c] = ids as [string, string, string];
    const r = await reconcile(batchId, [
      `${a},测试人员,****9999,800,失败,F1`,
      `${b},冒名者,****5678,800,失败,F2`,
      `${c},测试人员,****5678,1.00,失败,F3`,
    ]);
    expect(r.statusCode).toBe(201);
    expect(r.json().counts).toEqual({ payee_mismatch: 2, amount_mismatch: 1 });
    for (const id of ids) expect(await status(id)).toBe('paid');
  });

  it('a bank serial number is used once across payments; a payment attempt gets one outcome', async () => {
    const first = await paidBatch(1);
    const second = await paidBatch(1);
    const ok = await reconcile(first.batchId, [`${first.ids[0]},测试人员,****5678,800,成功,SER-1`]);
    expect(ok.json().counts).toEqual({ matched: 1 });
    // a 失败 line reusing that serial for another payment is refused
    const reused = await reconcile(second.batchId, [`${second.ids[0]},测试人员,****5678,800,失败,SER-1`]);
    expect(reused.json().counts).toEqual({ serial_invalid: 1 });
    expect(reused.json().lines[0].note).toContain('SER-1');
    expect(await status(second.ids[0]!)).toBe('paid');
    // without a serial: refused too
    const none = await reconcile(second.batchId, [`${second.ids[0]},测试人员,****5678,800,失败,`]);
    expect(none.json().counts).toEqual({ serial_invalid: 1 });
    // the same serial twice in one file: the second is refused
    const third = await paidBatch(2);
    const twice = await reconcile(third.batchId, [
      `${third.ids[0]},测试人员,****5678,800,成功,SER-2`,
      `${third.ids[1]},测试人员,****5678,800,失败,SER-2`,
    ]);
    expect(twice.json().counts).toEqual({ matched: 1, serial_invalid: 1 });
    expect(await status(third.ids[1]!)).toBe('paid');

    // a true failure, then a second outcome for that same attempt (a later 成功 line of the old file) is refused
    const failed = await reconcile(second.batchId, [`${second.ids[0]},测试人员,****5678,800,失败,SER-3`]);
    expect(failed.json().counts).toEqual({ failed: 1 });
    const again = await reconcile(second.batchId, [`${second.ids[0]},测试人员,****5678,800,失败,SER-4`]);
    expect(again.json().counts).toEqual({ not_awaiting: 1 });
    const [pay] = await q<{ id: string; attempts: number }>(
      `select id, attempts from subsidy_payment where claim_id = $1`,
      [second.ids[0]],
    );
    // …and the database itself refuses a second outcome of the attempt, or a reused serial
    await expect(
      q(
        `insert into subsidy_payment_outcome (payment_id, attempt, outcome, bank_serial, batch_id, recorded_at)
         values ($1, $2, 'failed', 'SER-X', $3, now())`,
        [pay!.id, pay!.attempts, second.batchId],
      ),
    ).rejects.toThrow(/subsidy_payment_outcome_attempt_uq/);
    await expect(
      q(
        `insert into subsidy_payment_outcome (payment_id, attempt, outcome, bank_serial, batch_id, recorded_at)
         values ($1, $2, 'failed', 'SER-1', $3, now())`,
        [pay!.id, pay!.attempts + 1, second.batchId],
      ),
    ).rejects.toThrow(/subsidy_payment_outcome_serial_uq/);
  });

  it('stores and returns only the masked account tail of a reconciliation line', async () => {
    const { ids, batchId } = await paidBatch(1);
    const r = await reconcile(batchId, [`${ids[0]},测试人员,6222-0216-0001-2345-678,800,成功,MASK-1`]);
    expect(r.json().counts).toEqual({ matched: 1 });
    expect(r.json().lines[0].account).toBe('**** **** **** 5678');
    expect(r.body).not.toContain('0216');
    const [row] = await q<{ lines: string }>(`select lines::text from subsidy_reconciliation where id = $1`, [
      r.json().id,
    ]);
    expect(row!.lines).not.toContain('0216');
    expect(row!.lines).toContain('**** **** **** 5678');
  });
});

describe('an ID number never goes into a URL', () => {
  it('POST /api/subsidy/eligible takes the ID number in the body; the GET route is gone', async () => {
    const p = await talent();
    const cred = await credential(t, { personId: p.person.id, orgId: w.providerOrg.id });
    const r = await call(t, w.provider, 'POST', '/api/subsidy/eligible', { idNumber: p.person.idNumber });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((i: { credentialId: string }) => i.credentialId)).toContain(cred);
    const old = await call(
      t,
      w.provider,
      'GET',
      `/api/subsidy/eligible?idNumber=${p.person.idNumber}`,
      undefined,
      null,
    );
    expect(old.statusCode).toBeGreaterThanOrEqual(400);
    expect(old.body).not.toContain(cred);
  });
});
