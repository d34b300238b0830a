import { auditLog } from './audit.tables.js';
import type { DbOrTx } from '../db/index.js';

export interface AuditEntry {
  actorUserId?: number | null;
  actorLabel?: string | null;
  action: string;
  entityType?: string;
  entityId?: string | number;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail on the given handle (pass the transaction doing the change). */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}

export { auditLog };
