/**
 * npm run create-admin -- --username NAME --name 显示名 [--role system_admin|security_admin|audit_admin|province_admin]
 * With DATABASE_URL no demo account exists: this creates the first administrator.
 * The password is read from JX_ADMIN_PASSWORD (so it never appears in the shell history).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../kernel/config/config.js';
import { startDatabase } from '../kernel/db/start.js';
import { buildApp } from '../app.js';
import { createLogSmsSender } from '../kernel/auth/sms.js';
import { systemActor } from '../kernel/audit/audit.js';
import { ROLES, type Role } from '../../contracts/roles.js';
import { AppError } from '../kernel/errors/app-error.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'system_admin' },
  },
});
const password = process.env.JX_ADMIN_PASSWORD;
if (!values.username || !password || !(ROLES as readonly string[]).includes(values.role!)) {
  console.error('usage: JX_ADMIN_PASSWORD=… npm run create-admin -- --username NAME [--name 显示名] [--role ROLE]');
  process.exit(2);
}
const config = loadConfig();
const db = await startDatabase(config, console.log);
try {
  const app = await buildApp({
    db: db.db,
    crypto: db.crypto,
    sms: createLogSmsSender(console.log),
    logLevel: 'silent',
  });
  await app.services.reference.seedIfEmpty();
  const u = await app.services.users.createFirstAdmin(systemActor('cli'), {
    username: values.username,
    displayName: values.name ?? values.username,
    password,
    role: values.role as Role,
  });
  console.log(`created ${u.username} (${u.roles.join(',')})`);
  await app.close();
} catch (e) {
  console.error(e instanceof AppError ? e.message : e);
  process.exitCode = 1;
} finally {
  await db.shutdown();
}
