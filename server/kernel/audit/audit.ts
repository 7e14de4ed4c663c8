import { auditLog } from './audit.schema.js';
import type { DbOrTx } from '../db/types.js';

/** Who did it and from where: resolved once per request, passed into every use case. */
export interface Actor {
  userId: string | null;
  username: string | null;
  roles: string[];
  orgId: string | null;
  cityCode: string | null;
  personId: string | null;
  ip: string | null;
  requestId: string;
}

export const systemActor = (requestId = 'system'): Actor => ({
  userId: null,
  username: 'system',
  roles: [],
  orgId: null,
  cityCode: null,
  personId: null,
  ip: null,
  requestId,
});

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Write one audit row inside the caller's transaction: the change and its record commit together. */
export async function audit(tx: DbOrTx, actor: Actor, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorRole: actor.roles.join(',') || null,
    ip: actor.ip,
    requestId: actor.requestId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}
