import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import type { Actor } from './audit.js';
import { auditLog } from './audit.schema.js';
import { assertPermission } from '../auth/scope.js';

/** Read-only access to the audit log, for the audit admin alone. */
export function createAuditService(deps: { db: Db }) {
  return {
    async list(
      actor: Actor,
      f: {
        page: number;
        pageSize: number;
        entity?: string;
        entityId?: string;
        action?: string;
        from?: string;
        to?: string;
      },
    ) {
      assertPermission(actor, 'audit.read');
      const where = and(
        f.entity ? eq(auditLog.entity, f.entity) : undefined,
        f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
        f.action ? eq(auditLog.action, f.action) : undefined,
        f.from ? gte(auditLog.at, new Date(f.from + 'T00:00:00+08:00')) : undefined,
        f.to ? lte(auditLog.at, new Date(f.to + 'T23:59:59.999+08:00')) : undefined,
      );
      const [items, total] = await Promise.all([
        deps.db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize),
        deps.db
          .select({ n: count() })
          .from(auditLog)
          .where(where)
          .then((r) => r[0]?.n ?? 0),
      ]);
      return {
        items: items.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUsername: r.actorUsername,
          actorRole: r.actorRole,
          ip: r.ip,
          requestId: r.requestId,
          action: r.action,
          entity: r.entity,
          entityId: r.entityId,
          before: r.before,
          after: r.after,
        })),
        total,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
