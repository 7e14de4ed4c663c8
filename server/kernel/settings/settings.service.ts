import { and, desc, eq, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../db/types.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError } from '../errors/app-error.js';
import { assertPermission } from '../auth/scope.js';
import { platformSetting, platformSettingVersion } from './settings.schema.js';

/**
 * A policy setting: a key, a zod schema and a default. Modules define theirs; the province
 * admin changes them (audited); code reads the current value, never a constant.
 */
export interface SettingDef<T> {
  key: string;
  title: string;
  schema: z.ZodType<T>;
  defaults: T;
}

export function createSettingsService(deps: { db: Db; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const defs = new Map<string, SettingDef<unknown>>();
  return {
    define<T>(def: SettingDef<T>): SettingDef<T> {
      defs.set(def.key, def as SettingDef<unknown>);
      return def;
    },

    async get<T>(def: SettingDef<T>, db: DbOrTx = deps.db): Promise<T> {
      const [row] = await db.select().from(platformSetting).where(eq(platformSetting.key, def.key));
      return row ? valueOf(def, row.value) : def.defaults;
    },

    /** The value as known at a record time: the last one recorded by then (the default before any). */
    async getKnownAt<T>(def: SettingDef<T>, knownAt: Date, db: DbOrTx = deps.db): Promise<T> {
      const [row] = await db
        .select({ value: platformSettingVersion.value })
        .from(platformSettingVersion)
        .where(and(eq(platformSettingVersion.key, def.key), lte(platformSettingVersion.recordedAt, knownAt)))
        .orderBy(desc(platformSettingVersion.recordedAt), desc(platformSettingVersion.id))
        .limit(1);
      return row ? valueOf(def, row.value) : def.defaults;
    },

    list(): { key: string; title: string }[] {
      return [...defs.values()].map((d) => ({ key: d.key, title: d.title }));
    },

    async getByKey(actor: Actor, key: string): Promise<unknown> {
      assertPermission(actor, 'settings.edit');
      const def = defs.get(key);
      if (!def) throw new AppError('NOT_FOUND', '没有这项设置');
      return this.get(def);
    },

    async put(actor: Actor, key: string, value: unknown): Promise<unknown> {
      assertPermission(actor, 'settings.edit');
      const def = defs.get(key);
      if (!def) throw new AppError('NOT_FOUND', '没有这项设置');
      const parsed = def.schema.safeParse(value);
      if (!parsed.success)
        throw new AppError('VALIDATION', '设置值不符合要求', { issues: parsed.error.issues.map((i) => i.message) });
      return deps.db.transaction(async (tx) => {
        const before = await this.get(def, tx);
        const at = clock();
        await tx
          .insert(platformSetting)
          .values({ key, value: parsed.data as object, updatedBy: actor.userId, updatedAt: at })
          .onConflictDoUpdate({
            target: platformSetting.key,
            set: { value: parsed.data as object, updatedBy: actor.userId, updatedAt: at },
          });
        await tx
          .insert(platformSettingVersion)
          .values({ key, value: parsed.data as object, recordedBy: actor.userId, recordedAt: at });
        await audit(tx, actor, {
          action: 'setting.update',
          entity: 'setting',
          entityId: key,
          before,
          after: parsed.data,
        });
        return parsed.data;
      });
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;

/** A stored value over the defaults (a setting that gained fields keeps working); the defaults if it no longer parses. */
function valueOf<T>(def: SettingDef<T>, stored: unknown): T {
  const parsed = def.schema.safeParse({ ...(def.defaults as object), ...(stored as object) });
  return parsed.success ? parsed.data : def.defaults;
}
