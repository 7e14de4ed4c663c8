import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbeddedPostgres } from '../kernel/db/embedded.js';
import { applyMigrations, connect } from '../kernel/db/client.js';
import { createReferenceService } from '../kernel/reference/reference.service.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export const TEMPLATE_DB = 'jx_template';

/**
 * One PostgreSQL per test run: the embedded one, or the server at DATABASE_URL_TEST
 * (CI runs the suite against Debian's PostgreSQL 15 this way). A migrated template
 * database with reference data is cloned for each test file (see ./db.ts).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL_TEST;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'jx-test-pg-'));
    chmodSync(dir, 0o755); // the embedded server runs as the 'postgres' user when we are root
    const e = await startEmbeddedPostgres(path.join(dir, 'pg'), { database: 'postgres' });
    adminUrl = e.url;
    stop = e.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await applyMigrations(templateUrl);
  const d = connect(templateUrl, 2);
  await createReferenceService({ db: d.db, clock: () => new Date() }).seedIfEmpty();
  await d.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE_DB);
  return async () => {
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}
