import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../db/types.js';

/**
 * One transaction on one connection whose statements may be issued concurrently (the commit
 * pipeline prepares the next chunk while the last one's statements run): they are sent one
 * after another, each when the previous has finished, which node-postgres otherwise only
 * does through a queue it deprecates.
 */
export async function serialTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let last: Promise<unknown> = Promise.resolve();
  let open = true;
  const serial = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver);
      return (...args: unknown[]) => {
        if (!open) return Promise.reject(new Error('transaction already ended'));
        const run = last.then(() => query(...args));
        last = run.catch(() => undefined);
        return run;
      };
    },
  });
  const tx = drizzle(serial) as unknown as Db;
  try {
    await client.query('begin');
    const result = await fn(tx);
    await last;
    await client.query('commit');
    return result;
  } catch (e) {
    await last;
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    open = false;
    client.release();
  }
}
