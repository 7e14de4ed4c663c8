import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connect, type Database } from '../kernel/db/client.js';

/** A fresh database for this test file, cloned from the migrated template (≈0.2 s). */
export async function freshDatabase(): Promise<Database & { url: string; name: string }> {
  const adminUrl = inject('pgAdminUrl');
  const name = 'jx_t_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  const d = connect(u.toString(), 5);
  afterAll(async () => {
    await d.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  return { ...d, url: u.toString(), name };
}
