import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { Lead, LeadEvent, type QualificationSource, type QualificationValue } from "../../entities/lead";
import { Pipeline, type PipelineStage } from "../../entities/pipeline";
import { User } from "../../entities/user";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { LeadEventKind, LeadSource, StageKind } from "../../schema/crm-enums";
import { ChannelType, Role } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { findOwned, findOwnedOrNull, isUuid } from "../scoped";
import type { ClientsService } from "../clients/clients.service";
import { optionalText, requiredText } from "../validation/input";
import type { LeadEvents } from "./events";
import { coerceValue, criteriaHold } from "./pipeline-config";
import type { PipelineService, PipelineView } from "./pipeline.service";

export interface LeadInput {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  document?: string | null;
  companyName?: string | null;
  source?: LeadSource | null;
  campaign?: string | null;
  ownerId?: string | null;
  stageId?: string | null;
  value?: number | null;
  qualification?: unknown;
  notes?: string | null;
  nextActionAt?: Date | null;
  clientId?: string | null;
}

export interface LeadFilter { stageId?: string | null; ownerId?: string | null; source?: LeadSource | null; search?: string | null; converted?: boolean | null; qualified?: boolean | null; nextActionBefore?: Date | null }

/** A value found by automation (conversation, document, model) for one field. */
export interface FoundValue { value: QualificationValue; source: QualificationSource["source"]; messageId?: string; documentId?: string }

const PRIORITY: Record<QualificationSource["source"], number> = { message: 1, llm: 1, document: 2, manual: 3 };
const CHANNEL_SOURCE: Partial<Record<ChannelType, LeadSource>> = { [ChannelType.WHATSAPP]: LeadSource.WHATSAPP, [ChannelType.WEB]: LeadSource.WEB_CHAT, [ChannelType.EMAIL]: LeadSource.EMAIL };

/**
 * Leads and their history. Every change records a LeadEvent (field names only) and
 * publishes leadUpdated after commit; qualification answers that meet the tenant's
 * criteria move the lead to the "qualificado" stage.
 */
export class LeadsService {
  constructor(private readonly ds: DataSource, private readonly pipelines: PipelineService, private readonly events: LeadEvents, private readonly clients: ClientsService) {}

  async get(ctx: RequestContext, id: string): Promise<Lead> {
    const lead = await findOwned(ctx, Lead, id, "Lead");
    if (lead.anonymizedAt) throw Errors.notFound("Lead");
    return lead;
  }

  list(ctx: RequestContext, args: PageArgs, filter?: LeadFilter | null): Promise<Connection<Lead>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Lead, "l").where("l.tenant_id = :tenantId AND l.anonymized_at IS NULL", { tenantId: p.tenantId });
    const id = (field: string, v: string, sql: string) => qb.andWhere(isUuid(v) ? sql : "false", { [field]: v });
    if (filter?.stageId) id("stageId", filter.stageId, "l.stage_id = :stageId");
    if (filter?.ownerId) id("ownerId", filter.ownerId, "l.owner_id = :ownerId");
    if (filter?.source) qb.andWhere("l.source = :source", { source: filter.source });
    if (filter?.converted != null) qb.andWhere(filter.converted ? "l.converted_at IS NOT NULL" : "l.converted_at IS NULL");
    if (filter?.qualified != null) qb.andWhere(filter.qualified ? "l.qualified_at IS NOT NULL" : "l.qualified_at IS NULL");
    if (filter?.nextActionBefore) qb.andWhere("l.next_action_at <= :before", { before: filter.nextActionBefore });
    const term = filter?.search?.trim();
    if (term) {
      const digits = term.replace(/\D/g, "");
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(l.name ILIKE :like OR l.company_name ILIKE :like OR l.email ILIKE :like${digits.length >= 4 ? " OR l.phone LIKE :digits OR l.document LIKE :digits" : ""})`, { like, digits: `%${digits}%` });
    }
    return paginate(qb, args, { sortColumn: "l.created_at", idColumn: "l.id", sortValue: (l) => l.createdAt });
  }

  history(ctx: RequestContext, leadId: string): Promise<LeadEvent[]> {
    return ctx.em.find(LeadEvent, { where: { tenantId: requirePrincipal(ctx).tenantId, leadId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  async create(ctx: RequestContext, input: LeadInput): Promise<Lead> {
    const p = requirePrincipal(ctx);
    return inTransaction(this.ds, ctx, async (tx) => {
      const view = await this.pipelines.get(tx, p.tenantId);
      const values = await this.validate(tx, view, input, null);
      const stage = values.stageId ? view.stages.find((s) => s.id === values.stageId)! : this.pipelines.entryStage(view);
      const lead = tx.em.create(Lead, { tenantId: p.tenantId, source: LeadSource.MANUAL, qualification: {}, qualificationSources: {}, ...values, stageId: stage.id, stageEnteredAt: new Date() });
      await tx.em.save(lead);
      await this.record(tx, lead, LeadEventKind.CREATED, { toStageId: stage.id, detail: { source: lead.source } });
      await this.autoQualify(tx, lead, view);
      await this.events.updated(tx, p.tenantId, lead.id);
      return lead;
    });
  }

  async update(ctx: RequestContext, id: string, input: LeadInput): Promise<Lead> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const lead = await this.lock(tx, id);
      const view = await this.pipelines.get(tx, lead.tenantId);
      const validated = await this.validate(tx, view, input, lead);
      const stageId = validated.stageId;
      delete validated.stageId;
      const values = validated;
      const changed = (Object.keys(values) as Array<keyof Lead>).filter((k) => JSON.stringify(values[k]) !== JSON.stringify(lead[k]));
      Object.assign(lead, values);
      await tx.em.save(lead);
      if (changed.length) await this.record(tx, lead, LeadEventKind.UPDATED, { detail: { fields: changed } });
      if (stageId && stageId !== lead.stageId) await this.moveTo(tx, lead, view.stages.find((s) => s.id === stageId)!, view);
      await this.autoQualify(tx, lead, view);
      await this.events.updated(tx, lead.tenantId, lead.id);
      return lead;
    });
  }

  async move(ctx: RequestContext, id: string, stageId: string): Promise<Lead> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const lead = await this.lock(tx, id);
      const stage = await this.pipelines.stage(tx, stageId);
      if (stage.id === lead.stageId) return lead;
      await this.moveTo(tx, lead, stage, await this.pipelines.get(tx, lead.tenantId));
      await this.events.updated(tx, lead.tenantId, lead.id);
      return lead;
    });
  }

  /**
   * Values found by automation: a value fills a field unless one of higher standing is
   * there (manual > document > conversation); then the criteria are checked.
   */
  async applyFound(tx: RequestContext, lead: Lead, view: PipelineView, found: Record<string, FoundValue>): Promise<string[]> {
    const at = new Date().toISOString();
    const filled: string[] = [];
    for (const [key, f] of Object.entries(found)) {
      const field = view.qualificationFields.find((x) => x.key === key);
      if (!field || f.value === null || f.value === undefined) continue;
      const current = lead.qualificationSources[key];
      if (current && PRIORITY[current.source] > PRIORITY[f.source]) continue;
      if (lead.qualification[key] === f.value) continue;
      lead.qualification = { ...lead.qualification, [key]: f.value };
      lead.qualificationSources = { ...lead.qualificationSources, [key]: { source: f.source, at, ...(f.messageId ? { messageId: f.messageId } : {}), ...(f.documentId ? { documentId: f.documentId } : {}) } };
      filled.push(key);
    }
    if (!filled.length) return filled;
    await tx.em.update(Lead, { id: lead.id }, { qualification: lead.qualification as never, qualificationSources: lead.qualificationSources as never });
    const sources = [...new Set(filled.map((k) => lead.qualificationSources[k]!.source))];
    await this.record(tx, lead, LeadEventKind.FIELDS_FILLED, { detail: { fields: filled, sources } });
    await this.autoQualify(tx, lead, view);
    await this.events.updated(tx, lead.tenantId, lead.id);
    return filled;
  }

  /** Creates the lead of a contact the platform has just met in a conversation (tenant setting). Inside the caller's transaction. */
  async fromNewContact(tx: RequestContext, client: Client, channel: ChannelType): Promise<Lead | null> {
    const pipeline = await tx.em.findOne(Pipeline, { where: { tenantId: client.tenantId } });
    if (!pipeline?.leadsFromConversations) return null;
    const view = await this.pipelines.get(tx, client.tenantId);
    const stage = this.pipelines.entryStage(view);
    const lead = await tx.em.save(tx.em.create(Lead, {
      tenantId: client.tenantId, name: client.name, phone: client.phone, email: client.email, clientId: client.id, source: CHANNEL_SOURCE[channel] ?? LeadSource.API,
      stageId: stage.id, stageEnteredAt: new Date(), qualification: {}, qualificationSources: {},
    }));
    await this.record(tx, lead, LeadEventKind.CREATED, { toStageId: stage.id, detail: { source: lead.source, channel } });
    await this.events.updated(tx, client.tenantId, lead.id);
    return lead;
  }

  /** The open (not converted) lead of a client, if any. */
  openLeadOf(ctx: RequestContext, tenantId: string, clientId: string): Promise<Lead | null> {
    return ctx.em.createQueryBuilder(Lead, "l").where("l.tenant_id = :tenantId AND l.client_id = :clientId AND l.converted_at IS NULL AND l.anonymized_at IS NULL", { tenantId, clientId }).getOne();
  }

  async moveTo(tx: RequestContext, lead: Lead, stage: PipelineStage, view: PipelineView): Promise<void> {
    const from = lead.stageId;
    lead.stageId = stage.id;
    lead.stageEnteredAt = new Date();
    if (stage.id === view.qualifiedStage?.id && !lead.qualifiedAt) lead.qualifiedAt = new Date();
    await tx.em.update(Lead, { id: lead.id }, { stageId: lead.stageId, stageEnteredAt: lead.stageEnteredAt, qualifiedAt: lead.qualifiedAt });
    await this.record(tx, lead, LeadEventKind.STAGE_CHANGED, { fromStageId: from, toStageId: stage.id });
  }

  record(tx: RequestContext, lead: Lead, kind: LeadEventKind, e: { fromStageId?: string | null; toStageId?: string | null; detail?: Record<string, unknown> } = {}): Promise<unknown> {
    // clock_timestamp, not now(): events of one transaction keep their order (history, time in stage).
    return tx.em.insert(LeadEvent, { tenantId: lead.tenantId, leadId: lead.id, kind, actorId: tx.principal?.userId ?? null, fromStageId: e.fromStageId ?? null, toStageId: e.toStageId ?? null, detail: (e.detail ?? null) as never, createdAt: () => "clock_timestamp()" });
  }

  async lock(tx: RequestContext, id: string): Promise<Lead> {
    const lead = await findOwned(tx, Lead, id, "Lead", { lock: true });
    if (lead.anonymizedAt) throw Errors.notFound("Lead");
    return lead;
  }

  /** Criteria met: marked qualified and, if it is still before it, moved to the qualified stage. */
  private async autoQualify(tx: RequestContext, lead: Lead, view: PipelineView): Promise<void> {
    const target = view.qualifiedStage;
    if (!target || lead.convertedAt || !criteriaHold(view.criteria, view.qualificationFields, lead.qualification)) return;
    if (!lead.qualifiedAt) {
      lead.qualifiedAt = new Date();
      await tx.em.update(Lead, { id: lead.id }, { qualifiedAt: lead.qualifiedAt });
      await this.record(tx, lead, LeadEventKind.QUALIFIED, { detail: { criteria: view.criteria.map((c) => c.field) } });
    }
    const stage = view.stages.find((s) => s.id === lead.stageId);
    if (stage && stage.kind === StageKind.OPEN && stage.position < target.position) await this.moveTo(tx, lead, target, view);
  }

  private async validate(tx: RequestContext, view: PipelineView, input: LeadInput, lead: Lead | null): Promise<Partial<Lead>> {
    const out: Partial<Lead> = {};
    if (!lead || input.name !== undefined) out.name = requiredText("name", input.name ?? "", 200, "O nome");
    // Contacts are validated exactly as a client's: a lead converts into one.
    const contact = this.clients.validate({ email: input.email, phone: input.phone, document: input.document }, false);
    for (const f of ["email", "phone", "document"] as const) if (input[f] !== undefined) out[f] = contact[f] ?? null;
    if (input.companyName !== undefined) out.companyName = optionalText("companyName", input.companyName, 200, "A empresa");
    if (input.campaign !== undefined) out.campaign = optionalText("campaign", input.campaign, 120, "A campanha");
    if (input.source != null) out.source = input.source;
    if (input.value !== undefined) {
      if (input.value !== null && (!Number.isFinite(input.value) || input.value < 0 || input.value > 1e12)) throw Errors.badInput("value", "O valor deve ser um número positivo.");
      out.value = input.value === null ? null : Math.round(input.value * 100) / 100;
    }
    if (input.notes !== undefined) {
      const notes = input.notes?.trim() || null;
      if (notes && notes.length > 10_000) throw Errors.badInput("notes", "As anotações podem ter no máximo 10000 caracteres.");
      out.notes = notes;
    }
    if (input.nextActionAt !== undefined) out.nextActionAt = input.nextActionAt;
    if (input.ownerId !== undefined) out.ownerId = input.ownerId ? await this.owner(tx, input.ownerId) : null;
    if (input.stageId != null) out.stageId = (await this.pipelines.stage(tx, input.stageId)).id;
    if (input.clientId !== undefined) out.clientId = input.clientId ? await this.client(tx, input.clientId, lead) : null;
    if (input.qualification !== undefined && input.qualification !== null) {
      if (typeof input.qualification !== "object" || Array.isArray(input.qualification)) throw Errors.badInput("qualification", "Informe as respostas como um objeto {campo: valor}.");
      const at = new Date().toISOString();
      const values = { ...(lead?.qualification ?? {}) };
      const sources = { ...(lead?.qualificationSources ?? {}) };
      for (const [key, raw] of Object.entries(input.qualification as Record<string, unknown>)) {
        const field = view.qualificationFields.find((f) => f.key === key);
        if (!field) throw Errors.badInput(`qualification.${key}`, `Campo de qualificação inexistente: ${key}.`);
        const v = coerceValue(field, raw);
        if (v === null) {
          delete values[key];
          delete sources[key];
        } else {
          values[key] = v;
          sources[key] = { source: "manual", at };
        }
      }
      out.qualification = values;
      out.qualificationSources = sources;
    }
    return out;
  }

  private async owner(tx: RequestContext, ownerId: string): Promise<string> {
    const user = isUuid(ownerId) ? await tx.em.findOne(User, { where: { id: ownerId, tenantId: requirePrincipal(tx).tenantId } }) : null;
    if (!user || user.deactivatedAt || user.role === Role.INTEGRATOR) throw Errors.badInput("ownerId", "Responsável não encontrado.");
    return user.id;
  }

  private async client(tx: RequestContext, clientId: string, lead: Lead | null): Promise<string> {
    const client = await findOwnedOrNull(tx, Client, clientId);
    if (!client || client.anonymizedAt) throw Errors.badInput("clientId", "Cliente não encontrado.");
    const open = await this.openLeadOf(tx, client.tenantId, client.id);
    if (open && open.id !== lead?.id) throw Errors.conflict("Este cliente já tem um lead em aberto.", "clientId");
    return client.id;
  }
}
