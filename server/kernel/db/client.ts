import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.js';

// Dates (not timestamps) come back as 'YYYY-MM-DD' strings: calendar days, no time zone shift.
pg.types.setTypeParser(1082, (v) => v);
// bigint counts fit in a JS number at our sizes.
pg.types.setTypeParser(20, (v) => Number(v));

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, options: '-c timezone=Asia/Shanghai' });
  pool.on('error', () => {}); // an idle client lost (e.g. database stopped): the next query reports it
  const db = drizzle(pool) as unknown as Db;
  return { pool, db, close: () => pool.end() };
}

/**
 * Applies the committed SQL migrations. With a separate migration (owner) connection, the
 * application role is then granted what it needs and nothing more: it can never UPDATE or
 * DELETE audit rows, even if the trigger were dropped.
 */
export async function applyMigrations(url: string, appUrl?: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const c = await pool.connect();
    try {
      // One migrator at a time across processes.
      await c.query('select pg_advisory_lock(727100)');
      await migrate(drizzle(c), { migrationsFolder: MIGRATIONS_DIR });
      if (appUrl && appUrl !== url) {
        const appRole = decodeURIComponent(new URL(appUrl).username);
        const ident = '"' + appRole.replace(/"/g, '""') + '"';
        await c.query(`grant usage on schema public to ${ident}`);
        await c.query(`grant select, insert, update, delete on all tables in schema public to ${ident}`);
        await c.query(`grant usage, select on all sequences in schema public to ${ident}`);
        await c.query(`revoke update, delete, truncate on audit_log from ${ident}`);
        // The append-only histories: the triggers refuse changes; the app role is not even granted them.
        await c.query(
          `revoke update, delete, truncate on indicator_target_version, platform_setting_version from ${ident}`,
        );
      }
      await c.query('select pg_advisory_unlock(727100)');
    } finally {
      c.release();
    }
  } finally {
    await pool.end();
  }
}
