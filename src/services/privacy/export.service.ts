import type { DataSource } from "typeorm";
import { requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { findOwned } from "../scoped";
import type { AccessLogService } from "./access-log.service";
import type { PersonalDataRegistry } from "./registry";

export const EXPORT_FORMAT = "atende.lgpd-export/v1";

export interface ClientDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  clientId: string;
  /** One section per registered area (client, consents, tickets, dataSubjectRequests, ...). */
  data: Record<string, Record<string, unknown>>;
}

/**
 * Everything held about one client, as one machine-readable document (LGPD Art. 18
 * II and V: access and portability). Sections come from the registry, so an area
 * added later is exported without changes here.
 */
export class DataExportService {
  constructor(private readonly ds: DataSource, private readonly registry: PersonalDataRegistry, private readonly accessLog: AccessLogService) {}

  async export(ctx: RequestContext, clientId: string, justification?: string | null): Promise<ClientDataExport> {
    const p = requirePrincipal(ctx);
    const client = await findOwned(ctx, Client, clientId, "Cliente");
    await this.accessLog.requireJustification(ctx, justification);
    await this.accessLog.record(ctx, { clientId: client.id, action: "client.export", resource: `Client:${client.id}`, justification });
    // One snapshot: sections agree with each other even while the client keeps writing.
    const data = await this.ds.transaction("REPEATABLE READ", async (em) => {
      const out: Record<string, Record<string, unknown>> = {};
      for (const area of this.registry.exportersInOrder()) out[area.name] = await area.export(em, p.tenantId, client.id);
      return out;
    });
    return { format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), clientId: client.id, data };
  }
}
