import type { IntegrationEmit } from "../integrations/types";
import type { DataSource } from "typeorm";
import { Ticket } from "../../entities/ticket";
import { TicketComment } from "../../entities/ticket-comment";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { Role, TicketStatus } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { LabelsService } from "../labels/labels.service";
import { findOwned, isUuid } from "../scoped";
import type { SettingsService } from "../settings/settings.service";
import type { SlaService } from "../sla/sla.service";
import type { TeamsService } from "../teams/teams.service";

export interface UpdateTicketData { category?: string | null; dueAt?: Date | null; labels?: string[] | null }

/** Tickets as work items: who and which team works on them, their category, due date and labels. */
export class TicketWorkItems {
  /** Integrator webhooks (ticket.updated), inside the change's transaction. */
  integrations: IntegrationEmit | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly teams: TeamsService,
    private readonly labels: LabelsService,
    private readonly settings: SettingsService,
    private readonly sla: SlaService,
    private readonly audit: AuditService,
  ) {}

  /** Sets the assignee and the team (a null argument clears it); a new team's SLA policy applies from the ticket's creation. */
  async assign(ctx: RequestContext, ticketId: string, agentId: string | null, teamId: string | null): Promise<Ticket> {
    const p = requirePrincipal(ctx);
    const team = teamId ? await this.teams.requireTeam(ctx, "teamId", teamId) : null;
    const agent = agentId && isUuid(agentId) ? await ctx.em.findOne(User, { where: { id: agentId, tenantId: p.tenantId } }) : null;
    if (agentId && (!agent || agent.deactivatedAt || agent.role === Role.INTEGRATOR)) throw Errors.badInput("agentId", "Agente não encontrado.");
    return inTransaction(this.ds, ctx, async (tx) => {
      const ticket = await findOwned(tx, Ticket, ticketId, "Chamado", { lock: true });
      if (ticket.status === TicketStatus.CLOSED) throw Errors.conflict("O chamado está encerrado.");
      const teamChanged = ticket.teamId !== (team?.id ?? null);
      Object.assign(ticket, { assigneeId: agent?.id ?? null, teamId: team?.id ?? null });
      await tx.em.save(ticket);
      if (teamChanged) await this.sla.refreshTicket(tx, ticket);
      const who = [agent?.name, team ? `equipe ${team.name}` : null].filter(Boolean).join(" / ") || "ninguém";
      await tx.em.insert(TicketComment, { tenantId: ticket.tenantId, ticketId: ticket.id, authorId: p.userId, text: `Atribuído a ${who}.`, system: true });
      await this.audit.log(tx, "ticket.assigned", { ticketId: ticket.id, agentId: ticket.assigneeId, teamId: ticket.teamId });
      await this.integrations?.(tx, ticket.tenantId, "ticket.updated", { ticketId: ticket.id, changes: { assigneeId: ticket.assigneeId, teamId: ticket.teamId } });
      return ticket;
    });
  }

  /** Category (one of the tenant's), due date and labels; an absent field is left as is, null clears it. */
  async update(ctx: RequestContext, id: string, input: UpdateTicketData): Promise<Ticket> {
    const p = requirePrincipal(ctx);
    const changes: Partial<Ticket> = {};
    if (input.category !== undefined) {
      const category = input.category?.trim() || null;
      if (category) {
        const { ticketCategories } = await this.settings.get(ctx, p.tenantId);
        if (!ticketCategories.includes(category)) {
          throw Errors.badInput("category", ticketCategories.length ? `Categoria desconhecida: use ${ticketCategories.join(", ")}.` : "Cadastre as categorias de chamado nas configurações (ticketCategories) antes de usá-las.");
        }
      }
      changes.category = category;
    }
    if (input.dueAt !== undefined) {
      if (input.dueAt && Number.isNaN(input.dueAt.getTime())) throw Errors.badInput("dueAt", "Data inválida.");
      changes.dueAt = input.dueAt ?? null;
    }
    return inTransaction(this.ds, ctx, async (tx) => {
      const ticket = await findOwned(tx, Ticket, id, "Chamado", { lock: true });
      if (Object.keys(changes).length) await tx.em.save(Object.assign(ticket, changes));
      if (input.labels != null) await this.labels.set(tx, "TICKET", ticket.id, input.labels);
      const fields = [...Object.keys(changes), ...(input.labels != null ? ["labels"] : [])];
      await this.audit.log(tx, "ticket.updated", { ticketId: ticket.id, fields });
      // Which fields changed, not their values (a category or due date is no one's personal data, but stays minimal).
      if (fields.length) await this.integrations?.(tx, ticket.tenantId, "ticket.updated", { ticketId: ticket.id, fields });
      return ticket;
    });
  }
}
