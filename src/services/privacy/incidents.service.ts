import { In, type DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { ApiKey } from "../../entities/api-key";
import { Client } from "../../entities/client";
import { SecurityIncident, SecurityIncidentSubject } from "../../entities/security-incident";
import { Tenant } from "../../entities/tenant";
import { User } from "../../entities/user";
import { Errors } from "../../schema/errors";
import { IncidentSeverity, IncidentStatus } from "../../schema/privacy-enums";
import type { AuditService } from "../audit.service";
import { findOwned, isUuid } from "../scoped";
import type { SettingsService } from "../settings/settings.service";
import { optionalText, requiredText } from "../validation/input";
import type { AccessLogService } from "./access-log.service";
import { businessDeadline } from "./business-days";

/** ANPD Resolution CD/ANPD 15/2024, Art. 6: notify the ANPD and the subjects within 3 business days. */
export const NOTIFICATION_BUSINESS_DAYS = 3;
const MAX_IDS = 500;
const CLOCK_SKEW_MS = 5 * 60_000;

export interface IncidentInput {
  title: string;
  description: string;
  awareAt: Date;
  occurredAt?: Date | null;
  containedAt?: Date | null;
  status?: IncidentStatus | null;
  severity?: IncidentSeverity | null;
  dataCategories?: string[] | null;
  sensitiveData?: boolean | null;
  measures?: string | null;
  risks?: string | null;
  delayReason?: string | null;
  accessFrom?: Date | null;
  accessTo?: Date | null;
  actorIds?: string[] | null;
  apiKeyIds?: string[] | null;
  clientIds?: string[] | null;
  anpdNotifiedAt?: Date | null;
  subjectsNotifiedAt?: Date | null;
}

/** What each access-log action means as data touched, for the notification. */
const ACTION_DATA: Array<[RegExp, string]> = [
  [/^client\.export$/, "todos os dados do titular (exportação)"],
  [/^client\./, "dados cadastrais (nome, contato, CPF/CNPJ)"],
  [/^document\./, "documentos enviados (imagens, PDFs e texto extraído)"],
  [/^(message|session)\./, "conversas"],
  [/^consent\./, "histórico de consentimentos"],
  [/^lead\./, "dados de leads (contato e qualificação)"],
];

export function dataTouched(actions: readonly string[]): string[] {
  return [...new Set(actions.map((a) => ACTION_DATA.find(([re]) => re.test(a))?.[1] ?? a))];
}

/**
 * The incident register (LGPD Art. 48). Every record and update recomputes the
 * notification deadline and the affected subjects: those whose personal data the
 * compromised users or API keys read in the incident window (data access logs),
 * plus those listed by hand. ADMIN only (resolver).
 */
export class IncidentsService {
  constructor(private readonly ds: DataSource, private readonly settings: SettingsService, private readonly audit: AuditService, private readonly accessLog: AccessLogService) {}

  list(ctx: RequestContext): Promise<SecurityIncident[]> {
    return ctx.em.find(SecurityIncident, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { awareAt: "DESC", id: "DESC" } });
  }

  get(ctx: RequestContext, id: string): Promise<SecurityIncident> {
    return findOwned(ctx, SecurityIncident, id, "Incidente");
  }

  record(ctx: RequestContext, input: IncidentInput): Promise<SecurityIncident> {
    return this.save(ctx, null, input);
  }

  update(ctx: RequestContext, id: string, input: IncidentInput): Promise<SecurityIncident> {
    return this.save(ctx, id, input);
  }

  subjects(ctx: RequestContext, incidentId: string): Promise<SecurityIncidentSubject[]> {
    return ctx.em.find(SecurityIncidentSubject, { where: { tenantId: requirePrincipal(ctx).tenantId, incidentId }, order: { lastAccessAt: { direction: "DESC", nulls: "LAST" }, clientId: "ASC" } });
  }

  private async save(ctx: RequestContext, id: string | null, input: IncidentInput): Promise<SecurityIncident> {
    const p = requirePrincipal(ctx);
    const values = this.validate(input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const incident = id ? await findOwned(tx, SecurityIncident, id, "Incidente", { lock: true }) : tx.em.create(SecurityIncident, { tenantId: p.tenantId, createdBy: p.userId });
      await this.assertOwned(tx, User, values.actorIds, "actorIds");
      await this.assertOwned(tx, ApiKey, values.apiKeyIds, "apiKeyIds");
      await this.assertOwned(tx, Client, values.clientIds, "clientIds");
      const { timezone, holidays } = await this.settings.get(tx, p.tenantId);
      Object.assign(incident, values, { notificationDueAt: businessDeadline(values.awareAt, NOTIFICATION_BUSINESS_DAYS, { timeZone: timezone, holidays }) });
      const saved = await tx.em.save(incident);
      saved.affectedSubjectCount = await this.refreshSubjects(tx, saved);
      await tx.em.update(SecurityIncident, { id: saved.id }, { affectedSubjectCount: saved.affectedSubjectCount });
      await this.audit.log(tx, id ? "lgpd.incident_updated" : "lgpd.incident_recorded", { incidentId: saved.id, status: saved.status, severity: saved.severity, subjects: saved.affectedSubjectCount }, "critical");
      return saved;
    });
  }

  /** Replaces the incident's subject list from the access logs (window × compromised actors) and the hand-listed clients. */
  private async refreshSubjects(tx: RequestContext, incident: SecurityIncident): Promise<number> {
    await tx.em.delete(SecurityIncidentSubject, { incidentId: incident.id });
    const from = incident.accessFrom ?? incident.occurredAt ?? incident.awareAt;
    const to = incident.accessTo ?? incident.containedAt ?? new Date();
    const found: Array<{ clientId: string; accesses: number; actions: string[]; firstAccessAt: Date; lastAccessAt: Date }> =
      incident.actorIds.length || incident.apiKeyIds.length
        ? await tx.em.query(
            `SELECT client_id AS "clientId", count(*)::int AS accesses, array_agg(DISTINCT action ORDER BY action) AS actions,
                    min(created_at) AS "firstAccessAt", max(created_at) AS "lastAccessAt"
             FROM data_access_logs
             WHERE tenant_id = $1 AND client_id IS NOT NULL AND created_at >= $2 AND created_at <= $3
               AND (actor_id = ANY($4::uuid[]) OR api_key_id = ANY($5::uuid[]))
             GROUP BY client_id`,
            [incident.tenantId, from, to, incident.actorIds, incident.apiKeyIds],
          )
        : [];
    const rows = found.map((f) => tx.em.create(SecurityIncidentSubject, { tenantId: incident.tenantId, incidentId: incident.id, source: "ACCESS_LOG", ...f }));
    const seen = new Set(found.map((f) => f.clientId));
    for (const clientId of incident.clientIds) {
      if (!seen.has(clientId)) rows.push(tx.em.create(SecurityIncidentSubject, { tenantId: incident.tenantId, incidentId: incident.id, clientId, source: "MANUAL", accesses: 0, actions: [], firstAccessAt: null, lastAccessAt: null }));
    }
    for (let i = 0; i < rows.length; i += 500) await tx.em.insert(SecurityIncidentSubject, rows.slice(i, i + 500));
    return rows.length;
  }

  /**
   * What the ANPD's incident communication asks for, as one document (and what the
   * subjects must be told). Contains the subjects' contact data, so reading it is
   * access-logged per subject.
   */
  async report(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
    const p = requirePrincipal(ctx);
    const incident = await this.get(ctx, id);
    const subjects = await this.subjects(ctx, incident.id);
    const clients = subjects.length ? await ctx.em.find(Client, { where: { tenantId: p.tenantId, id: In(subjects.map((s) => s.clientId)) } }) : [];
    const byId = new Map(clients.map((c) => [c.id, c]));
    for (const s of subjects) await this.accessLog.record(ctx, { clientId: s.clientId, action: "incident.export", resource: `SecurityIncident:${incident.id}`, justification: `Notificação do incidente ${incident.id}` });
    const tenant = await ctx.em.findOneByOrFail(Tenant, { id: p.tenantId });
    const notifiedAt = incident.anpdNotifiedAt;
    return {
      format: "atende.lgpd-incident/v1",
      generatedAt: new Date().toISOString(),
      controller: { name: tenant.name },
      incident: {
        id: incident.id, title: incident.title, description: incident.description, status: incident.status, severity: incident.severity,
        occurredAt: incident.occurredAt, awareAt: incident.awareAt, containedAt: incident.containedAt,
      },
      deadline: {
        rule: `${NOTIFICATION_BUSINESS_DAYS} dias úteis a partir da ciência do incidente (Resolução CD/ANPD nº 15/2024, art. 6º)`,
        notificationDueAt: incident.notificationDueAt,
        anpdNotifiedAt: notifiedAt,
        subjectsNotifiedAt: incident.subjectsNotifiedAt,
        withinDeadline: notifiedAt ? notifiedAt <= incident.notificationDueAt : new Date() <= incident.notificationDueAt,
        delayReason: incident.delayReason,
      },
      data: {
        categories: incident.dataCategories,
        sensitiveData: incident.sensitiveData,
        touched: dataTouched(subjects.flatMap((s) => s.actions)),
      },
      subjects: {
        count: subjects.length,
        list: subjects.map((s) => {
          const c = byId.get(s.clientId);
          const erased = !c || Boolean(c.anonymizedAt);
          return {
            clientId: s.clientId, name: erased ? null : c!.name, phone: erased ? null : c!.phone, email: erased ? null : c!.email, erased,
            source: s.source, accesses: s.accesses, data: dataTouched(s.actions), firstAccessAt: s.firstAccessAt, lastAccessAt: s.lastAccessAt,
          };
        }),
      },
      measures: incident.measures,
      risks: incident.risks,
    };
  }

  private validate(input: IncidentInput): Omit<IncidentInput, "status" | "severity" | "dataCategories" | "sensitiveData" | "actorIds" | "apiKeyIds" | "clientIds"> & Pick<SecurityIncident, "status" | "severity" | "dataCategories" | "sensitiveData" | "actorIds" | "apiKeyIds" | "clientIds"> {
    const date = (field: keyof IncidentInput, v: Date | null | undefined) => {
      if (v == null) return null;
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw Errors.badInput(field, "Data inválida.");
      if (v.getTime() > Date.now() + CLOCK_SKEW_MS) throw Errors.badInput(field, "A data não pode estar no futuro.");
      return v;
    };
    const awareAt = date("awareAt", input.awareAt);
    if (!awareAt) throw Errors.badInput("awareAt", "Informe quando a empresa tomou ciência do incidente.");
    const occurredAt = date("occurredAt", input.occurredAt);
    const containedAt = date("containedAt", input.containedAt);
    const accessFrom = input.accessFrom ?? null;
    const accessTo = input.accessTo ?? null;
    if (occurredAt && occurredAt > awareAt) throw Errors.badInput("occurredAt", "O incidente não pode ter ocorrido depois da ciência.");
    if (containedAt && occurredAt && containedAt < occurredAt) throw Errors.badInput("containedAt", "A contenção não pode ser anterior à ocorrência.");
    if (accessFrom && accessTo && accessFrom > accessTo) throw Errors.badInput("accessTo", "O fim da janela deve ser depois do início.");
    const ids = (field: string, list: string[] | null | undefined) => {
      const out = [...new Set(list ?? [])];
      if (out.length > MAX_IDS) throw Errors.badInput(field, `Informe até ${MAX_IDS} itens.`);
      out.forEach((v, i) => { if (!isUuid(v)) throw Errors.badInput(`${field}.${i}`, "Identificador inválido."); });
      return out;
    };
    const categories = [...new Set((input.dataCategories ?? []).map((c) => c.trim()).filter(Boolean))];
    if (categories.length > 50 || categories.some((c) => c.length > 200)) throw Errors.badInput("dataCategories", "Use até 50 categorias de até 200 caracteres.");
    return {
      title: requiredText("title", input.title, 200, "O título"),
      description: requiredText("description", input.description, 10_000, "A descrição"),
      awareAt, occurredAt, containedAt, accessFrom, accessTo,
      status: input.status ?? IncidentStatus.OPEN,
      severity: input.severity ?? IncidentSeverity.MEDIUM,
      dataCategories: categories,
      sensitiveData: input.sensitiveData ?? false,
      measures: optionalText("measures", input.measures, 10_000, "As medidas"),
      risks: optionalText("risks", input.risks, 10_000, "Os riscos"),
      delayReason: optionalText("delayReason", input.delayReason, 5_000, "A justificativa do atraso"),
      actorIds: ids("actorIds", input.actorIds),
      apiKeyIds: ids("apiKeyIds", input.apiKeyIds),
      clientIds: ids("clientIds", input.clientIds),
      anpdNotifiedAt: date("anpdNotifiedAt", input.anpdNotifiedAt),
      subjectsNotifiedAt: date("subjectsNotifiedAt", input.subjectsNotifiedAt),
    };
  }

  private async assertOwned(tx: RequestContext, entity: typeof User | typeof ApiKey | typeof Client, ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const tenantId = requirePrincipal(tx).tenantId;
    const found = new Set((await tx.em.find(entity as typeof User, { where: { tenantId, id: In(ids) }, select: { id: true } })).map((r) => r.id));
    const i = ids.findIndex((v) => !found.has(v));
    if (i >= 0) throw Errors.badInput(`${field}.${i}`, "Não encontrado nesta empresa.");
  }
}
