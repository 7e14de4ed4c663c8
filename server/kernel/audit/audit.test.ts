import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { freshDatabase } from '../../test/db.js';
import { applyMigrations } from '../db/client.js';
import { audit, systemActor } from './audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const rid = () => 'test-' + randomBytes(6).toString('hex');

async function auditRows(requestId: string) {
  const { rows } = await t.database.pool.query('select action from audit_log where request_id = $1', [requestId]);
  return rows;
}

describe('the audit log is append-only', () => {
  beforeAll(async () => {
    await audit(t.database.db, systemActor(rid()), { action: 'test.row', entity: 'test' });
  });

  it('refuses UPDATE', async () => {
    await expect(t.database.pool.query(`update audit_log set action = 'tampered'`)).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    const { rowCount } = await t.database.pool.query(`select 1 from audit_log where action = 'tampered'`);
    expect(rowCount).toBe(0);
  });

  it('refuses DELETE', async () => {
    const before = await t.database.pool.query('select count(*)::int as n from audit_log');
    await expect(t.database.pool.query('delete from audit_log')).rejects.toThrow(/append-only \(DELETE refused\)/);
    const after = await t.database.pool.query('select count(*)::int as n from audit_log');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(after.rows[0].n).toBeGreaterThan(0);
  });

  it('refuses TRUNCATE', async () => {
    await expect(t.database.pool.query('truncate audit_log')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    const { rows } = await t.database.pool.query('select count(*)::int as n from audit_log');
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe('audit in the same transaction as the change', () => {
  const insertOrg = (name: string) =>
    sql`insert into organisation (kind, name, uscc, city_code) values ('enterprise', ${name}, ${name}, '370100')`;
  const orgExists = async (name: string) =>
    (await t.database.pool.query('select 1 from organisation where name = $1', [name])).rowCount === 1;

  it('a rolled-back transaction takes its audit row with it', async () => {
    const requestId = rid();
    const name = 'rb-' + randomBytes(6).toString('hex');
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.execute(insertOrg(name));
        await audit(tx, systemActor(requestId), { action: 'org.create', entity: 'organisation', after: { name } });
        throw new Error('something later in the use case failed');
      }),
    ).rejects.toThrow(/something later/);
    expect(await orgExists(name)).toBe(false);
    expect(await auditRows(requestId)).toEqual([]);
  });

  it('a committed transaction keeps both', async () => {
    const requestId = rid();
    const name = 'ok-' + randomBytes(6).toString('hex');
    await t.database.db.transaction(async (tx) => {
      await tx.execute(insertOrg(name));
      await audit(tx, systemActor(requestId), { action: 'org.create', entity: 'organisation', after: { name } });
    });
    expect(await orgExists(name)).toBe(true);
    expect(await auditRows(requestId)).toEqual([{ action: 'org.create' }]);
  });
});

describe('a separate application role', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });

  it('may insert audit rows but never update or delete them, even without the trigger', async () => {
    const role = 'jx_app_' + randomBytes(5).toString('hex');
    const password = randomBytes(12).toString('hex');
    const owner = database.pool;
    await owner.query(`create role ${role} login password '${password}'`);
    const appUrl = new URL(database.url);
    appUrl.username = role;
    appUrl.password = password;
    const app = new pg.Client({ connectionString: appUrl.toString() });
    try {
      await applyMigrations(database.url, appUrl.toString());
      await app.connect();
      expect((await app.query('select current_user as u')).rows[0].u).toBe(role);

      await app.query(`insert into audit_log (action, entity, request_id) values ('app.write', 'test', 'app-role')`);
      expect((await app.query(`select action from audit_log where request_id = 'app-role'`)).rows).toEqual([
        { action: 'app.write' },
      ]);
      // It does have ordinary write rights elsewhere: the refusal below is specific to audit_log.
      await app.query(`update organisation set name = name where false`);

      const denied = /permission denied for table audit_log/;
      await expect(app.query(`update audit_log set action = 'tampered'`)).rejects.toThrow(denied);

      // The owner drops the trigger: the missing grant alone still protects the log.
      await owner.query('drop trigger audit_log_no_update on audit_log');
      await owner.query('drop trigger audit_log_no_truncate on audit_log');
      await expect(app.query(`update audit_log set action = 'tampered'`)).rejects.toThrow(denied);
      await expect(app.query('delete from audit_log')).rejects.toThrow(denied);
      await expect(app.query('truncate audit_log')).rejects.toThrow(denied);
      expect((await owner.query(`select action from audit_log where request_id = 'app-role'`)).rows).toEqual([
        { action: 'app.write' },
      ]);
    } finally {
      await app.end().catch(() => {});
      await owner.query(`drop owned by ${role}`);
      await owner.query(`drop role ${role}`);
    }
  });
});
