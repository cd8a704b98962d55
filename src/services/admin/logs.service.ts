import type { SelectQueryBuilder } from "typeorm";
import { AuditLog } from "../../entities/audit-log";
import { DataAccessLog } from "../../entities/data-access-log";
import { requirePrincipal, type RequestContext } from "../../context";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import { findOwned, isUuid } from "../scoped";
import { Client } from "../../entities/client";

export interface LogFilter {
  actorId?: string | null;
  /** Audit: the event (e.g. `user.deactivated`); access log: the action (e.g. `client.read`). */
  action?: string | null;
  severity?: string | null;
  from?: Date | null;
  to?: Date | null;
  clientId?: string | null;
}

const SEVERITIES = ["info", "warning", "critical"];

/** The audit trail and the data access log for admins: filtered, newest first, keyset pages. */
export class AdminLogsService {
  audit(ctx: RequestContext, args: PageArgs, filter?: LogFilter | null): Promise<Connection<AuditLog>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(AuditLog, "a").where("a.tenant_id = :tenantId", { tenantId: p.tenantId });
    this.common(qb, "a", filter, "a.event");
    if (filter?.severity) {
      if (!SEVERITIES.includes(filter.severity)) throw Errors.badInput("filter.severity", `Gravidade inválida: use ${SEVERITIES.join(", ")}.`);
      qb.andWhere("a.severity = :severity", { severity: filter.severity });
    }
    // Audit details hold ids only; a client appears as detail.clientId.
    if (filter?.clientId) qb.andWhere(isUuid(filter.clientId) ? "a.detail ->> 'clientId' = :clientId" : "false", { clientId: filter.clientId });
    return paginate(qb, args, { sortColumn: "a.created_at", idColumn: "a.id", sortValue: (r) => r.createdAt });
  }

  async dataAccess(ctx: RequestContext, args: PageArgs, filter?: LogFilter | null): Promise<Connection<DataAccessLog>> {
    const p = requirePrincipal(ctx);
    // Another tenant's client is NOT_FOUND (anonymised clients included: their history is what may be asked for).
    if (filter?.clientId) await findOwned(ctx, Client, filter.clientId, "Cliente");
    const qb = ctx.em.createQueryBuilder(DataAccessLog, "l").where("l.tenant_id = :tenantId", { tenantId: p.tenantId });
    this.common(qb, "l", filter, "l.action");
    if (filter?.clientId) qb.andWhere(isUuid(filter.clientId) ? "l.client_id = :clientId" : "false", { clientId: filter.clientId });
    return paginate(qb, args, { sortColumn: "l.created_at", idColumn: "l.id", sortValue: (r) => r.createdAt });
  }

  private common<T extends object>(qb: SelectQueryBuilder<T>, alias: string, filter: LogFilter | null | undefined, actionColumn: string): void {
    if (!filter) return;
    if (filter.actorId) qb.andWhere(isUuid(filter.actorId) ? `${alias}.actor_id = :actorId` : "false", { actorId: filter.actorId });
    if (filter.action) qb.andWhere(`${actionColumn} = :action`, { action: filter.action.trim() });
    if (filter.from && filter.to && filter.from > filter.to) throw Errors.badInput("filter.to", "O fim do período deve ser depois do início.");
    if (filter.from) qb.andWhere(`${alias}.created_at >= :from`, { from: filter.from });
    if (filter.to) qb.andWhere(`${alias}.created_at < :to`, { to: filter.to });
  }
}
