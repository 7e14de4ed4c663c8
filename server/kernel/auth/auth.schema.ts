import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(), // enterprise | college | training | evaluation | service | government | host
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    cityCode: text('city_code').notNull(),
    sizeClass: text('size_class'), // large | medium | small | micro (SME size class)
    industryChains: text('industry_chains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pilotFlags: text('pilot_flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status').notNull().default('pending'), // pending | approved | rejected
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live registration per USCC; a rejected one frees the code for the real organisation.
    uniqueIndex('organisation_uscc_live_uq')
      .on(t.uscc)
      .where(sql`${t.status} <> 'rejected'`),
    index('organisation_city_idx').on(t.cityCode, t.kind),
    check('organisation_status_chk', sql`${t.status} in ('pending','approved','rejected')`),
    check(
      'organisation_kind_chk',
      sql`${t.kind} in ('enterprise','college','training','evaluation','service','government','host')`,
    ),
  ],
);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Granted roles. Empty until the security admin grants what the system admin requested. */
    roles: text('roles').array().notNull(),
    requestedRoles: text('requested_roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** admin: opened by the system admin or the deployment CLI; self: self-registration, invitation or sign-up. */
    origin: text('origin').notNull().default('self'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    orgId: uuid('org_id').references(() => organisation.id),
    /** An organisation's admin may invite staff. */
    isOrgAdmin: boolean('is_org_admin').notNull().default(false),
    cityCode: text('city_code'),
    personId: uuid('person_id'),
    status: text('status').notNull().default('active'), // active | disabled
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('app_user_org_idx').on(t.orgId),
    // One account per person.
    uniqueIndex('app_user_person_uq')
      .on(t.personId)
      .where(sql`${t.personId} is not null`),
    // 三员分立: at most one of the three admin roles, never together with any other role.
    check(
      'app_user_separation_chk',
      sql`not (${t.roles} && array['system_admin','security_admin','audit_admin']) or cardinality(${t.roles}) = 1`,
    ),
    check('app_user_origin_chk', sql`${t.origin} in ('admin','self')`),
    check('app_user_status_chk', sql`${t.status} in ('active','disabled')`),
  ],
);

export const session = pgTable(
  'session',
  {
    /** sha-256 of the cookie token; the token itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const invitation = pgTable('invitation', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisation.id),
  role: text('role').notNull(),
  note: text('note'),
  invitedBy: uuid('invited_by').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedUserId: uuid('accepted_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const smsChallenge = pgTable('sms_challenge', {
  id: uuid('id').primaryKey().defaultRandom(),
  phoneHash: text('phone_hash').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Security settings (password rule, lockout, idle timeout) are editable by the security admin. */
export const securitySetting = pgTable('security_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
