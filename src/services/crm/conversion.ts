import type { DataSource } from "typeorm";
import { inTransaction, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { Lead } from "../../entities/lead";
import { LeadEventKind, StageKind } from "../../schema/crm-enums";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import { clientSearchText, type ClientsService } from "../clients/clients.service";
import type { LeadEvents } from "./events";
import type { LeadsService } from "./leads.service";
import type { PipelineService } from "./pipeline.service";

/**
 * Turns a lead into a client: the lead's own client (a conversation contact), else a
 * client already holding its CPF/CNPJ, e-mail or phone, else a new one. The lead stays,
 * converted and in the won stage, with its history, answers and notes; contacts the
 * client lacks are filled from the lead.
 */
export class LeadConversion {
  constructor(
    private readonly ds: DataSource,
    private readonly leads: LeadsService,
    private readonly pipelines: PipelineService,
    private readonly clients: ClientsService,
    private readonly events: LeadEvents,
    private readonly audit: AuditService,
  ) {}

  async convert(ctx: RequestContext, id: string): Promise<Client> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const lead = await this.leads.lock(tx, id);
      if (lead.convertedAt) throw Errors.conflict("Este lead já foi convertido em cliente.", "id");
      const view = await this.pipelines.get(tx, lead.tenantId);
      const won = this.pipelines.wonStage(view);
      if (!won) throw Errors.conflict("O funil não tem um estágio de ganho (WON) para os leads convertidos.");
      let client = await this.existing(tx, lead);
      const created = !client;
      if (client) await this.fillMissing(tx, client, lead);
      else {
        const company = lead.document?.length === 14 && lead.companyName;
        client = await this.clients.create(tx, { name: company ? lead.companyName! : lead.name, email: lead.email, phone: lead.phone, document: lead.document });
      }
      lead.clientId = client.id;
      lead.convertedAt = new Date();
      await tx.em.update(Lead, { id: lead.id }, { clientId: client.id, convertedAt: lead.convertedAt });
      if (view.stages.find((s) => s.id === lead.stageId)?.kind !== StageKind.WON) await this.leads.moveTo(tx, lead, won, view);
      await this.leads.record(tx, lead, LeadEventKind.CONVERTED, { detail: { clientId: client.id, createdClient: created } });
      await this.audit.log(tx, "crm.lead_converted", { leadId: lead.id, clientId: client.id, createdClient: created });
      await this.events.updated(tx, lead.tenantId, lead.id);
      return client;
    });
  }

  private async existing(tx: RequestContext, lead: Lead): Promise<Client | null> {
    if (lead.clientId) {
      const own = await tx.em.findOne(Client, { where: { id: lead.clientId, tenantId: lead.tenantId } });
      if (own && !own.anonymizedAt) return own;
    }
    for (const field of ["document", "email", "phone"] as const) {
      const value = lead[field];
      if (!value) continue;
      const match = await tx.em.findOne(Client, { where: { tenantId: lead.tenantId, [field]: value } });
      if (match && !match.anonymizedAt) return match;
    }
    return null;
  }

  private async fillMissing(tx: RequestContext, client: Client, lead: Lead): Promise<void> {
    let changed = false;
    for (const field of ["email", "phone", "document"] as const) {
      const value = lead[field];
      if (client[field] || !value) continue;
      const taken = await tx.em.findOne(Client, { where: { tenantId: client.tenantId, [field]: value }, select: { id: true } });
      if (taken) continue;
      client[field] = value;
      if (field === "document") client.documentType = (value.length === 14 ? "CNPJ" : "CPF") as Client["documentType"];
      changed = true;
    }
    if (!changed) return;
    client.searchText = clientSearchText(client);
    await tx.em.save(client);
  }
}
