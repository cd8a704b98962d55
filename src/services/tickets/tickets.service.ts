import { runMeasures, type RawResult } from "../analytics/measures";
import crypto from "node:crypto";
import type { IntegrationEmit } from "../integrations/types";
import { IsNull, type DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { Ticket, type TriageRecord } from "../../entities/ticket";
import { TicketComment } from "../../entities/ticket-comment";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import { ChannelType, Priority, Role, TicketStatus } from "../../schema/enums";
import { labelFilterSql } from "../labels/labels.service";
import type { SlaService } from "../sla/sla.service";
import type { AuditService } from "../audit.service";
import { findOwned, findOwnedOrNull, isUuid } from "../scoped";
import type { TriageService } from "../triage/triage.service";
import type { TriageOrigin } from "../triage/gate";
import { optionalText, requiredText } from "../validation/input";

/** Allowed status changes; CLOSED is final, RESOLVED may be reopened. */
const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  OPEN: [TicketStatus.ESCALATED, TicketStatus.RESOLVED, TicketStatus.CLOSED],
  ESCALATED: [TicketStatus.OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED],
  RESOLVED: [TicketStatus.OPEN, TicketStatus.CLOSED],
  CLOSED: [],
};

export interface TicketFilter {
  status?: TicketStatus | null; channel?: ChannelType | null; priority?: Priority | null; clientId?: string | null; assigneeId?: string | null;
  teamId?: string | null; category?: string | null; dueBefore?: Date | null; dueAfter?: Date | null; overdue?: boolean | null; labelId?: string | null;
}

export class TicketsService {
  /** Integrator webhooks (ticket.created, ticket.updated), inside the change's transaction. */
  integrations: IntegrationEmit | null = null;
  /** SLA due dates of new tickets (wired in services/index.ts). */
  sla: Pick<SlaService, "dueDates"> | null = null;

  constructor(private readonly ds: DataSource, private readonly triage: TriageService, private readonly audit: AuditService) {}

  get(ctx: RequestContext, id: string): Promise<Ticket> {
    return findOwned(ctx, Ticket, id, "Chamado");
  }

  list(ctx: RequestContext, args: PageArgs, filter?: TicketFilter | null): Promise<Connection<Ticket>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Ticket, "t").where("t.tenant_id = :tenantId", { tenantId: p.tenantId });
    if (filter?.status) qb.andWhere("t.status = :status", { status: filter.status });
    if (filter?.channel) qb.andWhere("t.channel = :channel", { channel: filter.channel });
    if (filter?.priority) qb.andWhere("t.priority = :priority", { priority: filter.priority });
    // An id of another tenant (or not a uuid) simply matches nothing.
    if (filter?.clientId) qb.andWhere(isUuid(filter.clientId) ? "t.client_id = :clientId" : "false", { clientId: filter.clientId });
    if (filter?.assigneeId) qb.andWhere(isUuid(filter.assigneeId) ? "t.assignee_id = :assigneeId" : "false", { assigneeId: filter.assigneeId });
    if (filter?.teamId) qb.andWhere(isUuid(filter.teamId) ? "t.team_id = :teamId" : "false", { teamId: filter.teamId });
    if (filter?.category) qb.andWhere("t.category = :category", { category: filter.category });
    if (filter?.dueBefore) qb.andWhere("t.due_at < :dueBefore", { dueBefore: filter.dueBefore });
    if (filter?.dueAfter) qb.andWhere("t.due_at >= :dueAfter", { dueAfter: filter.dueAfter });
    // Overdue: past its due date and still being worked on.
    if (filter?.overdue != null) qb.andWhere(filter.overdue ? "t.due_at < now() AND t.status IN ('OPEN', 'ESCALATED')" : "NOT (t.due_at IS NOT NULL AND t.due_at < now() AND t.status IN ('OPEN', 'ESCALATED'))");
    if (filter?.labelId) {
      const l = labelFilterSql("TICKET", "t.id", p.tenantId, filter.labelId);
      qb.andWhere(l.sql, l.params);
    }
    return paginate(qb, args, { sortColumn: "t.created_at", idColumn: "t.id", sortValue: (t) => t.createdAt });
  }

  /**
   * Opens a ticket and triages it at once: auto-resolved (answer as a system comment) or escalated.
   * `origin: "ai_tool"` (the assistant's abrir_chamado) is never auto-resolved by its own triage.
   */
  async create(ctx: RequestContext, input: { clientId: string; channel: ChannelType; message: string; subject?: string | null; sessionId?: string | null }, opts: { origin?: TriageOrigin } = {}): Promise<Ticket> {
    const p = requirePrincipal(ctx);
    const message = requiredText("message", input.message, 10_000, "A mensagem");
    const subject = optionalText("subject", input.subject, 200, "O assunto");
    const client = await findOwnedOrNull(ctx, Client, input.clientId);
    if (!client || client.anonymizedAt) throw Errors.badInput("clientId", "Cliente não encontrado.");
    // Triage runs before the transaction: an LLM call must not hold a connection. The id is
    // chosen first so the AI calls it costs point at the ticket.
    const id = crypto.randomUUID();
    const result = await this.triage.triage(ctx, { text: subject ? `${subject}\n${message}` : message, channel: input.channel }, {
      tenantId: p.tenantId, clientId: client.id, sessionId: input.sessionId ?? null, ticketId: id, origin: opts.origin ?? "ticket",
    });
    const triage: TriageRecord = {
      intent: result.intent,
      priority: result.priority as Priority,
      needsHuman: result.needsHuman,
      autoResolved: result.autoResolved,
      confidence: result.confidence,
      response: result.response,
      provider: result.provider,
      reasons: result.reasons ?? [],
      ...(result.usage ? { usage: result.usage } : {}),
    };
    const now = new Date();
    const due = !triage.autoResolved && this.sla ? await this.sla.dueDates(ctx, p.tenantId, triage.priority, null, now) : {};
    return inTransaction(this.ds, ctx, async (tx) => {
      const ticket = await tx.em.save(
        tx.em.create(Ticket, {
          id,
          createdAt: now,
          ...due,
          tenantId: p.tenantId,
          clientId: client.id,
          channel: input.channel,
          subject,
          message,
          status: triage.autoResolved ? TicketStatus.RESOLVED : TicketStatus.ESCALATED,
          priority: triage.priority,
          intent: triage.intent,
          triage,
          sessionId: input.sessionId ?? null,
          resolvedAt: triage.autoResolved ? new Date() : null,
        }),
      );
      if (triage.autoResolved && triage.response) {
        await tx.em.insert(TicketComment, { tenantId: p.tenantId, ticketId: ticket.id, text: triage.response, system: true });
      }
      await this.integrations?.(tx, p.tenantId, "ticket.created", { ticketId: ticket.id, clientId: ticket.clientId, sessionId: ticket.sessionId, channel: ticket.channel, status: ticket.status, priority: ticket.priority, intent: ticket.intent });
      return ticket;
    });
  }

  async updateStatus(ctx: RequestContext, id: string, status: TicketStatus): Promise<Ticket> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const ticket = await findOwned(tx, Ticket, id, "Chamado", { lock: true });
      if (ticket.status === status) return ticket;
      if (!TRANSITIONS[ticket.status].includes(status)) {
        throw Errors.badInput("status", `Não é possível mudar o chamado de ${ticket.status} para ${status}.`);
      }
      const from = ticket.status;
      ticket.status = status;
      // When it was resolved (analytics' resolution time); reopening clears it, closing keeps the first.
      if (status === TicketStatus.RESOLVED || status === TicketStatus.CLOSED) ticket.resolvedAt ??= new Date();
      else ticket.resolvedAt = null;
      await tx.em.save(ticket);
      await tx.em.insert(TicketComment, { tenantId: ticket.tenantId, ticketId: ticket.id, authorId: tx.principal?.userId ?? null, text: `Status alterado de ${from} para ${status}.`, system: true });
      await this.integrations?.(tx, ticket.tenantId, "ticket.updated", { ticketId: ticket.id, changes: { status: { from, to: status } } });
      return ticket;
    });
  }

  async addComment(ctx: RequestContext, ticketId: string, text: string): Promise<TicketComment> {
    const p = requirePrincipal(ctx);
    const body = requiredText("text", text, 10_000, "O comentário");
    return inTransaction(this.ds, ctx, async (tx) => {
      const ticket = await findOwned(tx, Ticket, ticketId, "Chamado");
      if (ticket.status === TicketStatus.CLOSED) throw Errors.conflict("O chamado está encerrado.");
      // The first comment of the team is the ticket's first response (SLA).
      if (p.userId && p.role !== Role.INTEGRATOR) await tx.em.update(Ticket, { id: ticket.id, firstResponseAt: IsNull() }, { firstResponseAt: new Date() });
      return tx.em.save(tx.em.create(TicketComment, { tenantId: p.tenantId, ticketId: ticket.id, authorId: p.userId, text: body, system: false }));
    });
  }

  /** Ticket counts of a period (all time without one), from the analytics aggregates. */
  async stats(ctx: RequestContext, period?: { from: Date; to: Date } | null) {
    const p = requirePrincipal(ctx);
    if (period && period.from > period.to) throw Errors.badInput("period", "O início do período deve ser anterior ao fim.");
    const q = { tenantId: p.tenantId, timezone: "UTC", from: period?.from ?? ALL_TIME.from, to: period?.to ?? ALL_TIME.to, granularity: null, filter: {}, facts: ["tickets"] };
    const [byChannel, byStatus] = [await runMeasures(ctx.em, { ...q, groupBy: ["CHANNEL"] }), await runMeasures(ctx.em, { ...q, groupBy: ["STATUS"] })];
    const counts = (r: RawResult) => r.groups.map((g) => ({ key: g.group[0] ?? "", count: g.values.tickets ?? 0 })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const totals = byChannel.totals;
    const total = totals.tickets ?? 0;
    return {
      total,
      autoResolved: totals.ticketsAutoResolved ?? 0,
      escalated: totals.ticketsEscalated ?? 0,
      autoResolutionRate: total ? Math.round(((totals.ticketsAutoResolved ?? 0) / total) * 10_000) / 10_000 : 0,
      byChannel: counts(byChannel),
      byStatus: counts(byStatus),
    };
  }
}

const ALL_TIME = { from: new Date("0001-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") };
