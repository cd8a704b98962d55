import type { EntityManager } from "typeorm";
import { AuditLog } from "../entities/audit-log";
import { requirePrincipal, type RequestContext } from "../context";
import { pageSize } from "../schema/connection";

export type AuditSeverity = "info" | "warning" | "critical";

export interface AuditEntry {
  tenantId: string | null;
  actorId: string | null;
  event: string;
  severity?: AuditSeverity;
  /** Ids and codes only: audit records outlive LGPD deletions, so no personal data here. */
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export class AuditService {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.insert(AuditLog, {
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      event: entry.event,
      severity: entry.severity ?? "info",
      detail: (entry.detail ?? null) as never,
      ip: entry.ip ?? null,
    });
  }

  /** Records an action of the caller in the current unit of work. */
  async log(ctx: RequestContext, event: string, detail?: Record<string, unknown>, severity: AuditSeverity = "info"): Promise<void> {
    await this.record(ctx.em, {
      tenantId: ctx.principal?.tenantId ?? null,
      actorId: ctx.principal?.userId ?? null,
      event,
      severity,
      detail,
      ip: ctx.ip,
    });
  }

  /** The tenant's audit trail, newest first (`first`: default 20, at most 100). */
  async list(ctx: RequestContext, first?: number | null): Promise<AuditLog[]> {
    const p = requirePrincipal(ctx);
    const take = pageSize(first);
    if (!take) return [];
    return ctx.em.find(AuditLog, { where: { tenantId: p.tenantId }, order: { createdAt: "DESC", id: "DESC" }, take });
  }
}
