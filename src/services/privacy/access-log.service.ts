import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { DataAccessLog } from "../../entities/data-access-log";
import { pageSize } from "../../schema/connection";
import { DomainError } from "../../schema/errors";
import { findOwned } from "../scoped";
import type { SettingsService } from "../settings/settings.service";

export interface AccessLogEntry {
  /** Whose personal data was read; null only for data not tied to a client. */
  clientId: string | null;
  /** What was done, e.g. `client.read`, `client.export`, `session.messages.read`. */
  action: string;
  /** What was read, e.g. `Client:<id>`; the first one of a request is kept when deduplicated. */
  resource: string;
  /** Overrides the `x-access-justification` header of the request. */
  justification?: string | null;
}

const MAX_JUSTIFICATION = 500;
/** Shorter than this is not a reason ("ok", "x"). */
const MIN_JUSTIFICATION = 5;
export const JUSTIFICATION_HEADER = "x-access-justification";

/**
 * The data access log (LGPD Art. 37): every read of a client's personal data
 * through the API. One entry per client and action per request, however many
 * times the data appears in the response, and the entries of one request are
 * written by a single INSERT.
 */
export class AccessLogService {
  constructor(private readonly ds: DataSource, private readonly settings: SettingsService) {}

  /**
   * Tenant policy `requireAccessJustification`: sensitive personal data (a client's
   * documents, CPF/CNPJ, full exports) is read only with a stated reason. The
   * platform's own work (jobs, webhooks) has no user and is exempt.
   */
  async requireJustification(ctx: RequestContext, override?: string | null): Promise<void> {
    const p = requirePrincipal(ctx);
    if (p.id === "system") return;
    const reason = (override?.trim() || ctx.justification?.trim() || "");
    if (reason.length >= MIN_JUSTIFICATION) return;
    const policy = ctx.loaders.get("accessJustificationPolicy", () => new DataLoader<string, boolean>(async (ids) => Promise.all(ids.map(async (id) => (await this.settings.get(ctx, id)).requireAccessJustification))));
    if (!(await policy.load(p.tenantId))) return;
    throw new DomainError(
      "FORBIDDEN",
      `A política de privacidade da empresa exige uma justificativa para acessar dados pessoais sensíveis: informe o motivo no cabeçalho ${JUSTIFICATION_HEADER} (pelo menos ${MIN_JUSTIFICATION} caracteres).`,
      { reason: "JUSTIFICATION_REQUIRED", header: JUSTIFICATION_HEADER },
    );
  }

  /**
   * Records a read. Await it before returning the data: if the log cannot be
   * written the read fails (no unlogged access). Uses its own connection, so a
   * rolled-back mutation does not erase the record of what it read.
   */
  record(ctx: RequestContext, entry: AccessLogEntry): Promise<void> {
    return this.loader(ctx).load(entry);
  }

  async list(ctx: RequestContext, args: { clientId?: string | null; first?: number | null }): Promise<DataAccessLog[]> {
    const p = requirePrincipal(ctx);
    const take = pageSize(args.first);
    if (!take) return [];
    // Anonymised clients included: their access history is exactly what may be asked for.
    if (args.clientId) await findOwned(ctx, Client, args.clientId, "Cliente");
    return ctx.em.find(DataAccessLog, {
      where: { tenantId: p.tenantId, ...(args.clientId ? { clientId: args.clientId } : {}) },
      order: { createdAt: "DESC", id: "DESC" },
      take,
    });
  }

  /**
   * One INSERT for a request's entries, whatever their number: what is common to the
   * request (tenant, actor, key, IP, user agent) is sent once, the entries as four
   * arrays. Raw SQL: TypeORM's insert builder spent more than the query itself.
   */
  private async insert(who: { tenantId: string; actorId: string | null; apiKeyId: string | null; ip: string | null; userAgent: string | null }, entries: Array<AccessLogEntry & { justification: string | null }>): Promise<void> {
    await this.ds.query(
      `INSERT INTO "data_access_logs" (tenant_id, actor_id, api_key_id, ip, user_agent, client_id, action, resource, justification)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, e.client_id, e.action, e.resource, e.justification
       FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS e(client_id, action, resource, justification)`,
      [who.tenantId, who.actorId, who.apiKeyId, who.ip, who.userAgent, entries.map((e) => e.clientId), entries.map((e) => e.action), entries.map((e) => e.resource), entries.map((e) => e.justification)],
    );
  }

  private loader(ctx: RequestContext): DataLoader<AccessLogEntry, void, string> {
    return ctx.loaders.get("dataAccessLog", () => {
      const p = requirePrincipal(ctx);
      const header = ctx.justification;
      return new DataLoader<AccessLogEntry, void, string>(
        async (entries) => {
          await this.insert(
            { tenantId: p.tenantId, actorId: p.userId, apiKeyId: p.kind === "apiKey" ? p.id : null, ip: ctx.ip, userAgent: ctx.userAgent ?? null },
            entries.map((e) => ({ ...e, justification: (e.justification?.trim() || header?.trim() || null)?.slice(0, MAX_JUSTIFICATION) ?? null })),
          );
          return entries.map(() => undefined);
        },
        { cacheKeyFn: (e) => `${e.clientId ?? e.resource}\u0000${e.action}`, maxBatchSize: 500 },
      );
    });
  }
}
