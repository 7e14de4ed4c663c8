import path from 'node:path';
import type { Config } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded.js';
import { applyMigrations, connect, type Database } from './client.js';
import { createPiiCrypto, loadOrCreateKeys, type PiiCrypto } from '../crypto/pii.js';

export interface StartedDatabase extends Database {
  url: string;
  embedded: boolean;
  crypto: PiiCrypto;
  /** Stops the pool and, in embedded mode, the PostgreSQL server (data kept). */
  shutdown(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server (PostgreSQL ≥ 15), start nothing.
 * Unset: start the embedded PostgreSQL with its data in <DATA_DIR>/pg.
 * Either way the committed migrations are applied before anything else runs.
 */
export async function startDatabase(config: Config, log: (m: string) => void = () => {}): Promise<StartedDatabase> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const e = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'pg'), { log });
    url = e.url;
    stopEmbedded = e.stop;
    log(`embedded PostgreSQL on 127.0.0.1:${e.port} (data in ${path.resolve(config.DATA_DIR, 'pg')})`);
  }
  try {
    const version = await checkVersion(url);
    if (version < 150000) throw new Error(`PostgreSQL ${version} is too old: Jiangxin needs PostgreSQL 15 or newer`);
    await applyMigrations(config.DATABASE_MIGRATION_URL ?? url, config.DATABASE_MIGRATION_URL ? url : undefined);
  } catch (e) {
    await stopEmbedded?.();
    throw e;
  }
  const keys = loadOrCreateKeys({
    dataKey: config.JX_DATA_KEY,
    indexKey: config.JX_INDEX_KEY,
    dataDir: config.DATA_DIR,
    allowGenerate: !config.DATABASE_URL,
  });
  const database = connect(url, 20);
  return {
    ...database,
    url,
    embedded: !config.DATABASE_URL,
    crypto: createPiiCrypto(keys),
    async shutdown() {
      await database.close().catch(() => {});
      await stopEmbedded?.();
    },
  };
}

async function checkVersion(url: string): Promise<number> {
  const d = connect(url, 1);
  try {
    const r = await d.pool.query<{ server_version_num: string }>('show server_version_num');
    return Number(r.rows[0]!.server_version_num);
  } finally {
    await d.close();
  }
}
