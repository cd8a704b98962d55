import type { DataSource } from "typeorm";
import { Handoff } from "../../entities/handoff";
import { HandoffNote } from "../../entities/handoff-note";
import { Session } from "../../entities/session";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { HandoffStatus, QueueEventKind, Role, SessionStatus } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { Events } from "../events";
import type { MessagesService } from "../conversations/messages.service";
import { findOwned, isUuid } from "../scoped";
import type { TeamsService } from "../teams/teams.service";
import { optionalText } from "../validation/input";
import type { HandoffsService } from "./handoffs.service";

export interface TransferInput { handoffId: string; toAgentId?: string | null; toTeamId?: string | null; note?: string | null }

/**
 * Hands an open handoff to another team (back to that team's queue) and/or another agent,
 * with an internal note; both queues hear of it live and the transfer is audited.
 */
export class HandoffTransfers {
  constructor(
    private readonly ds: DataSource,
    private readonly events: Events,
    private readonly handoffs: HandoffsService,
    private readonly messages: MessagesService,
    private readonly teams: TeamsService,
    private readonly audit: AuditService,
  ) {}

  async transfer(ctx: RequestContext, input: TransferInput): Promise<Handoff> {
    const p = requirePrincipal(ctx);
    if (!input.toAgentId && !input.toTeamId) throw Errors.badInput("toTeamId", "Informe a equipe (toTeamId) ou o agente (toAgentId) de destino.");
    const note = optionalText("note", input.note, 2000, "A nota");
    const done = await inTransaction(this.ds, ctx, async (tx) => {
      const h = await findOwned(tx, Handoff, input.handoffId, "Atendimento", { lock: true });
      if (h.status !== HandoffStatus.PENDING && h.status !== HandoffStatus.ASSIGNED) throw Errors.conflict("Este atendimento já foi encerrado.");
      this.handoffs.assertHandles(tx, h);
      const team = input.toTeamId ? await this.teams.requireTeam(tx, "toTeamId", input.toTeamId) : null;
      const agent = input.toAgentId ? await this.requireAgent(tx, input.toAgentId) : null;
      if (agent && agent.id === h.agentId && (!team || team.id === h.teamId)) throw Errors.badInput("toAgentId", "O atendimento já está com este agente.");
      const from = { teamId: h.teamId, agentId: h.agentId };
      Object.assign(h, {
        teamId: team?.id ?? h.teamId,
        transferCount: h.transferCount + 1,
        ...(agent ? { status: HandoffStatus.ASSIGNED, agentId: agent.id, assignedAt: new Date() } : { status: HandoffStatus.PENDING, agentId: null, assignedAt: null }),
      });
      if (h.teamId !== from.teamId) await this.handoffs.sla?.refreshHandoff(tx, h);
      await tx.em.save(h);
      await tx.em.update(Session, { id: h.sessionId }, agent ? { status: SessionStatus.WITH_AGENT, assignedAgentId: agent.id } : { status: SessionStatus.WAITING_HUMAN, assignedAgentId: null });
      const where = [team ? `equipe ${team.name}` : null, agent ? agent.name : null].filter(Boolean).join(" / ");
      if (p.userId) await tx.em.insert(HandoffNote, { tenantId: h.tenantId, handoffId: h.id, authorId: p.userId, text: `Transferido para ${where}.${note ? ` ${note}` : ""}` });
      if (agent) await this.messages.system(tx, h.sessionId, `${agent.name} entrou na conversa e vai continuar o seu atendimento.`);
      await this.audit.log(tx, "handoff.transferred", { handoffId: h.id, fromTeamId: from.teamId, toTeamId: h.teamId, fromAgentId: from.agentId, toAgentId: h.agentId });
      await this.events.queue(tx, h.tenantId, QueueEventKind.TRANSFERRED, h, from.teamId);
      if (agent) await this.events.handoffAssigned(tx, h.tenantId, h.id, agent.id);
      await this.events.session(tx, h.tenantId, h.sessionId, h.agentId);
      return h;
    });
    if (done.status === HandoffStatus.PENDING) await this.handoffs.autoAssign(ctx, done.tenantId);
    return ctx.em.findOneOrFail(Handoff, { where: { id: done.id } });
  }

  private async requireAgent(ctx: RequestContext, id: string): Promise<User> {
    const agent = isUuid(id) ? await ctx.em.findOne(User, { where: { id, tenantId: requirePrincipal(ctx).tenantId } }) : null;
    if (!agent || agent.deactivatedAt || agent.role === Role.INTEGRATOR) throw Errors.badInput("toAgentId", "Agente não encontrado.");
    return agent;
  }
}
