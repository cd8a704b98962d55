import type { EntityManager } from "typeorm";
import { AuditLog } from "../entities/audit-log";
import { requirePrincipal, type RequestContext } from "../context";
import { pageSize } from "../schema/connection";
import { counter } from "../infra/metrics";

const loginFailures = counter("atende_login_failures_total", "Refused logins by reason (password, unknown_account, totp, blocked)", ["reason"]);

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
    // Every refused login is audited, so this is where they are counted, whichever path refused it.
    if (entry.event === "auth.login_failed") loginFailures.inc({ reason: String(entry.detail?.reason ?? "other").slice(0, 30) });
    else if (entry.event === "auth.login_blocked") loginFailures.inc({ reason: "blocked" });
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
