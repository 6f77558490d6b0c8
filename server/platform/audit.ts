// The append-only, hash-chained audit trail (保密制度): who did what to which record, from where, why.
import type { FastifyRequest } from 'fastify';
import type { DbOrTrx } from './db';
import { insertAudit, type AuditWrite } from './audit.repository';

export type AuditEvent = Omit<AuditWrite, 'actorUserId' | 'actorUsername' | 'actorName' | 'ip' | 'requestId'>;
export type Actor = Pick<AuditWrite, 'actorUserId' | 'actorUsername' | 'actorName' | 'ip' | 'requestId'>;

export function actorOf(req: FastifyRequest, fallbackUsername: string | null = null): Actor {
  const p = req.principal;
  return {
    actorUserId: p?.userId ?? null,
    actorUsername: p?.username ?? fallbackUsername,
    actorName: p?.name ?? null,
    ip: req.ip ?? null,
    requestId: req.id ?? null,
  };
}

export const systemActor = (name = 'system'): Actor => ({ actorUserId: null, actorUsername: name, actorName: null, ip: null, requestId: null });

/** Write inside the caller's transaction, so the record and its audit row commit together. */
export async function audit(db: DbOrTrx, actor: Actor, e: AuditEvent): Promise<void> {
  await insertAudit(db, { ...actor, ...e });
}
