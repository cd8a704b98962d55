import type { EntityManager } from "typeorm";
import { Client } from "../../entities/client";
import { Consent } from "../../entities/consent";
import { DataSubjectRequest } from "../../entities/data-subject-request";
import { Ticket } from "../../entities/ticket";
import { TicketComment } from "../../entities/ticket-comment";
import type { PersonalDataRegistry } from "./registry";

/** What replaces erased free text. */
export const REMOVED = "[removido]";
/** What an erased client is called (the row stays so foreign keys and the request's proof survive). */
export const ANONYMOUS_NAME = "Titular removido";

/**
 * Personal data of the areas that exist in this module set: the client record,
 * consents, tickets and the data-subject requests themselves.
 *
 * Deliberately not erased:
 * - data_access_logs: ids, actor, IP of the *staff* and a justification; kept at
 *   least 6 months (Marco Civil Art. 15) and protected by a trigger.
 * - audit_logs: never hold personal data (ids and codes only, see AuditService).
 */
export function registerCorePersonalData(registry: PersonalDataRegistry): void {
  registry.register("client", { order: 100, erase: eraseClient, export: exportClient });
  registry.register("consents", { erase: eraseConsents, export: exportConsents });
  registry.register("tickets", { erase: eraseTickets, export: exportTickets });
  registry.register("dataSubjectRequests", { erase: eraseRequests, export: exportRequests });
}

async function eraseClient(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em
    .createQueryBuilder()
    .update(Client)
    .set({ name: ANONYMOUS_NAME, email: null, phone: null, document: null, documentType: null, waId: null, searchText: "", anonymizedAt: () => "coalesce(anonymized_at, now())" })
    .where("id = :clientId AND tenant_id = :tenantId", { clientId, tenantId })
    .execute();
}

async function exportClient(em: EntityManager, tenantId: string, clientId: string) {
  const c = await em.findOneOrFail(Client, { where: { id: clientId, tenantId } });
  return {
    profile: {
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      whatsappId: c.waId,
      document: c.document,
      documentType: c.documentType,
      preferredChannel: c.preferredChannel,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      anonymizedAt: c.anonymizedAt,
    },
  };
}

// Only `source` and `reason` may change, and only in the erasure transaction (consents trigger).
async function eraseConsents(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em.query(
    `UPDATE consents SET source = $3, reason = NULL WHERE tenant_id = $1 AND client_id = $2 AND (source <> $3 OR reason IS NOT NULL)`,
    [tenantId, clientId, REMOVED],
  );
}

async function exportConsents(em: EntityManager, tenantId: string, clientId: string) {
  const rows = await em.find(Consent, { where: { tenantId, clientId }, order: { seq: "ASC" } });
  return {
    history: rows.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      granted: c.granted,
      text: c.text,
      textVersion: c.textVersion,
      source: c.source,
      reason: c.reason,
      createdAt: c.createdAt,
      revokedAt: c.revokedAt,
    })),
  };
}

async function eraseTickets(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em.query(
    `UPDATE ticket_comments SET text = $3
      WHERE tenant_id = $1 AND text <> $3 AND ticket_id IN (SELECT id FROM tickets WHERE tenant_id = $1 AND client_id = $2)`,
    [tenantId, clientId, REMOVED],
  );
  // The triage answer may quote the client; intent, priority and cost figures are not personal.
  await em.query(
    `UPDATE tickets SET message = $3, subject = CASE WHEN subject IS NULL THEN NULL ELSE $3 END,
            triage = (triage - 'response') || '{"response": null}'::jsonb
      WHERE tenant_id = $1 AND client_id = $2`,
    [tenantId, clientId, REMOVED],
  );
}

async function exportTickets(em: EntityManager, tenantId: string, clientId: string) {
  const tickets = await em.find(Ticket, { where: { tenantId, clientId }, order: { createdAt: "ASC", id: "ASC" } });
  const comments = tickets.length
    ? await em
        .createQueryBuilder(TicketComment, "c")
        .where("c.tenant_id = :tenantId AND c.ticket_id IN (:...ids)", { tenantId, ids: tickets.map((t) => t.id) })
        .orderBy("c.created_at", "ASC")
        .addOrderBy("c.id", "ASC")
        .getMany()
    : [];
  return {
    tickets: tickets.map((t) => ({
      id: t.id,
      channel: t.channel,
      subject: t.subject,
      message: t.message,
      status: t.status,
      priority: t.priority,
      triage: { intent: t.triage.intent, priority: t.triage.priority, response: t.triage.response, autoResolved: t.triage.autoResolved },
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      // Staff identities are not the data subject's data: only who wrote it, by kind.
      comments: comments.filter((c) => c.ticketId === t.id).map((c) => ({ id: c.id, text: c.text, author: c.system ? "sistema" : "atendente", createdAt: c.createdAt })),
    })),
  };
}

async function eraseRequests(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  // The request's own words may name the person; type, dates and the decision are the proof we keep.
  await em.query(`UPDATE data_subject_requests SET reason = $3 WHERE tenant_id = $1 AND client_id = $2 AND reason IS NOT NULL AND reason <> $3`, [tenantId, clientId, REMOVED]);
  // Rectifications hold the new values asked for; which fields changed is kept as proof.
  await em.query(`UPDATE data_subject_requests SET corrections = NULL WHERE tenant_id = $1 AND client_id = $2 AND corrections IS NOT NULL`, [tenantId, clientId]);
}

async function exportRequests(em: EntityManager, tenantId: string, clientId: string) {
  const rows = await em.find(DataSubjectRequest, { where: { tenantId, clientId }, order: { createdAt: "ASC", id: "ASC" } });
  return {
    requests: rows.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      reason: r.reason,
      decisionReason: r.decisionReason,
      corrections: r.corrections,
      rectifiedFields: r.rectifiedFields,
      createdAt: r.createdAt,
      dueAt: r.dueAt,
      executeAfter: r.executeAfter,
      completedAt: r.completedAt,
    })),
  };
}
