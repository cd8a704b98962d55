import { In, Not, type DataSource } from "typeorm";
import { Handoff } from "../../entities/handoff";
import { HandoffNote } from "../../entities/handoff-note";
import { TeamMember } from "../../entities/team";
import { Session } from "../../entities/session";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import { AgentAvailability, HandoffStatus, Priority, PRIORITY_RANK, QueueEventKind, Role, SessionStatus } from "../../schema/enums";
import type { Events } from "../events";
import { findOwned, isUuid } from "../scoped";
import type { SettingsService } from "../settings/settings.service";
import { requiredText } from "../validation/input";
import type { MessagesService } from "../conversations/messages.service";
import { activeLoad, pendingQueue, type QueueScope } from "./queue";
import type { RoutingFacts, RoutingService } from "../teams/routing.service";
import type { SlaService } from "../sla/sla.service";
import { teamIdsOf } from "../teams/teams.service";
import { labelFilterSql } from "../labels/labels.service";
import type { Visibility } from "../visibility";

const SUPERVISING = [Role.ADMIN, Role.SUPERVISOR];

/** Where the intent an agent picks on completion goes (the triage learning area). */
export interface IntentFeedback {
  /** Validates the picked intent (BAD_USER_INPUT naming the field) and returns it normalised. */
  validIntent(field: string, value: string): string;
  /** Stores the correction inside the completion's transaction. */
  correctSessionInTx(tx: RequestContext, sessionId: string, intent: string): Promise<void>;
  /** After the commit (e.g. schedules retraining). */
  afterCorrection(ctx: RequestContext, tenantId: string): Promise<void>;
}

export class HandoffsService {
  intentFeedback: IntentFeedback | null = null;
  /** After a completion commits (customer surveys plug in here); they must not throw. */
  readonly completedHooks: Array<(ctx: RequestContext, handoff: Handoff) => Promise<void>> = [];
  /** Team routing and SLA clocks (wired in services/index.ts). */
  routing: RoutingService | null = null;
  sla: SlaService | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly events: Events,
    private readonly settings: SettingsService,
    private readonly messages: MessagesService,
    private readonly visibility: Visibility,
  ) {}

  get(ctx: RequestContext, id: string): Promise<Handoff> {
    return findOwned(ctx, Handoff, id, "Atendimento");
  }

  /**
   * The PENDING queue the caller works from: an agent sees the general queue (no team) and
   * the queues of their teams; supervisors and admins see all, optionally one team's.
   */
  async queue(ctx: RequestContext, filter?: { teamId?: string | null; labelId?: string | null } | null): Promise<Handoff[]> {
    const p = requirePrincipal(ctx);
    return pendingQueue(ctx.em, p.tenantId, { ...(await this.queueScope(ctx)), teamId: filter?.teamId ?? null, labelId: filter?.labelId ?? null });
  }

  /** Which teams' queues the caller may see (null: all). */
  async queueScope(ctx: RequestContext): Promise<QueueScope> {
    const p = requirePrincipal(ctx);
    if (p.role !== Role.AGENT) return { teams: null };
    return { teams: await teamIdsOf(ctx.em, p.tenantId, p.userId) };
  }

  list(ctx: RequestContext, args: PageArgs, filter?: { status?: HandoffStatus | null; agentId?: string | null; priority?: Priority | null; teamId?: string | null; labelId?: string | null } | null): Promise<Connection<Handoff>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Handoff, "h").where("h.tenant_id = :tenantId", { tenantId: p.tenantId });
    const visible = this.visibility.viaSessionSql(p, "h.session_id");
    if (visible) qb.andWhere(visible.sql, visible.params);
    if (filter?.teamId) qb.andWhere(isUuid(filter.teamId) ? "h.team_id = :teamId" : "false", { teamId: filter.teamId });
    if (filter?.labelId) {
      const l = labelFilterSql("SESSION", "h.session_id", p.tenantId, filter.labelId);
      qb.andWhere(l.sql, l.params);
    }
    if (filter?.status) qb.andWhere("h.status = :status", { status: filter.status });
    if (filter?.priority) qb.andWhere("h.priority = :priority", { priority: filter.priority });
    if (filter?.agentId) qb.andWhere(isUuid(filter.agentId) ? "h.agent_id = :agentId" : "false", { agentId: filter.agentId });
    return paginate(qb, args, { sortColumn: "h.created_at", idColumn: "h.id", sortValue: (h) => h.createdAt });
  }

  /** The open handoff of a session, if any. */
  open(ctx: RequestContext, sessionId: string): Promise<Handoff | null> {
    return ctx.em.findOne(Handoff, { where: { sessionId, status: In([HandoffStatus.PENDING, HandoffStatus.ASSIGNED]) } });
  }

  /**
   * Opens a handoff for a session (at most one open per session: an existing one is
   * returned with `created: false`). Used by triage, keywords, the AI tool and requestHandoff.
   */
  async openFor(ctx: RequestContext, session: Session, reason: string, priority: Priority, source: string, facts: RoutingFacts = {}): Promise<{ handoff: Handoff; created: boolean }> {
    const result = await inTransaction(this.ds, ctx, async (tx) => {
      const locked = await tx.em.findOneOrFail(Session, { where: { id: session.id }, lock: { mode: "pessimistic_write" } });
      const existing = await this.open(tx, locked.id);
      if (existing) return { handoff: existing, created: false };
      if (locked.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada.");
      // The first matching routing rule picks the team (and may raise or lower the priority).
      const rule = this.routing ? await this.routing.route(tx, locked, facts) : null;
      const effective = rule?.priority ?? priority;
      const teamId = rule?.teamId ?? null;
      const now = new Date();
      const due = this.sla ? await this.sla.dueDates(tx, locked.tenantId, effective, teamId, now) : {};
      const handoff = await tx.em.save(
        tx.em.create(Handoff, { tenantId: locked.tenantId, sessionId: locked.id, reason: reason.slice(0, 500), priority: effective, priorityRank: PRIORITY_RANK[effective], status: HandoffStatus.PENDING, source, teamId, createdAt: now, ...due }),
      );
      await tx.em.update(Session, { id: locked.id }, { status: SessionStatus.WAITING_HUMAN, assignedAgentId: null });
      await this.events.queue(tx, locked.tenantId, QueueEventKind.CREATED, handoff);
      await this.events.session(tx, locked.tenantId, locked.id, null);
      return { handoff, created: true };
    });
    if (result.created) await this.autoAssign(ctx, session.tenantId);
    return { handoff: await ctx.em.findOneOrFail(Handoff, { where: { id: result.handoff.id } }), created: result.created };
  }

  async request(ctx: RequestContext, input: { sessionId: string; reason: string; priority?: Priority | null }): Promise<Handoff> {
    const reason = requiredText("reason", input.reason, 500, "O motivo");
    const session = await findOwned(ctx, Session, input.sessionId, "Conversa");
    if (session.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada.");
    const { handoff, created } = await this.openFor(ctx, session, reason, input.priority ?? Priority.MEDIUM, "manual");
    if (!created) throw Errors.conflict("Esta conversa já tem um atendimento humano aberto.");
    return handoff;
  }

  /** Atomic: of two agents claiming at once exactly one wins; the other gets CONFLICT. */
  async claim(ctx: RequestContext, id: string): Promise<Handoff> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Só usuários podem assumir atendimentos.");
    const handoff = await this.get(ctx, id);
    const scope = await this.queueScope(ctx);
    if (handoff.teamId && scope.teams && !scope.teams.includes(handoff.teamId)) throw Errors.forbidden("Este atendimento é da fila de outra equipe.");
    return this.assignTo(ctx, id, p.userId, { onlyPending: true });
  }

  async assign(ctx: RequestContext, id: string, agentId: string): Promise<Handoff> {
    const p = requirePrincipal(ctx);
    await this.get(ctx, id);
    const agent = isUuid(agentId) ? await ctx.em.findOne(User, { where: { id: agentId, tenantId: p.tenantId } }) : null;
    if (!agent || agent.deactivatedAt || agent.role === Role.INTEGRATOR) throw Errors.badInput("agentId", "Agente não encontrado.");
    return this.assignTo(ctx, id, agent.id, { onlyPending: false });
  }

  private async assignTo(ctx: RequestContext, id: string, agentId: string, opts: { onlyPending: boolean }): Promise<Handoff> {
    const p = requirePrincipal(ctx);
    const handoff = await inTransaction(this.ds, ctx, async (tx) => {
      const allowed = opts.onlyPending ? [HandoffStatus.PENDING] : [HandoffStatus.PENDING, HandoffStatus.ASSIGNED];
      const res = await tx.em
        .createQueryBuilder()
        .update(Handoff)
        .set({ status: HandoffStatus.ASSIGNED, agentId, assignedAt: () => "now()" })
        .where("id = :id AND tenant_id = :tenantId AND status IN (:...allowed)", { id, tenantId: p.tenantId, allowed })
        .execute();
      if (!res.affected) throw Errors.conflict(opts.onlyPending ? "Este atendimento já foi assumido por outra pessoa." : "Este atendimento já foi encerrado.");
      const h = await tx.em.findOneOrFail(Handoff, { where: { id } });
      await tx.em.update(Session, { id: h.sessionId }, { status: SessionStatus.WITH_AGENT, assignedAgentId: agentId });
      const agent = await tx.em.findOneOrFail(User, { where: { id: agentId } });
      await this.messages.system(tx, h.sessionId, `${agent.name} entrou na conversa e vai continuar o seu atendimento.`);
      await this.events.queue(tx, h.tenantId, QueueEventKind.ASSIGNED, h);
      await this.events.handoffAssigned(tx, h.tenantId, h.id, agentId);
      await this.events.session(tx, h.tenantId, h.sessionId, agentId);
      return h;
    });
    return handoff;
  }

  async addNote(ctx: RequestContext, handoffId: string, text: string): Promise<HandoffNote> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Só usuários podem escrever notas.");
    const body = requiredText("text", text, 5000, "A nota");
    const handoff = await this.get(ctx, handoffId);
    this.assertHandles(ctx, handoff);
    return ctx.em.save(ctx.em.create(HandoffNote, { tenantId: p.tenantId, handoffId: handoff.id, authorId: p.userId, text: body }));
  }

  async complete(ctx: RequestContext, input: { handoffId: string; resolution: string; satisfaction?: number | null; intent?: string | null }): Promise<Handoff> {
    const resolution = requiredText("resolution", input.resolution, 2000, "A resolução");
    const intent = input.intent?.trim() && this.intentFeedback ? this.intentFeedback.validIntent("intent", input.intent) : null;
    if (input.satisfaction != null && (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5)) {
      throw Errors.badInput("satisfaction", "A satisfação deve ser um número de 1 a 5.");
    }
    const done = await inTransaction(this.ds, ctx, async (tx) => {
      const handoff = await findOwned(tx, Handoff, input.handoffId, "Atendimento", { lock: true });
      if (handoff.status !== HandoffStatus.ASSIGNED && handoff.status !== HandoffStatus.PENDING) throw Errors.conflict("Este atendimento já foi encerrado.");
      this.assertHandles(tx, handoff);
      Object.assign(handoff, { status: HandoffStatus.COMPLETED, resolution, satisfaction: input.satisfaction ?? null, completedAt: new Date() });
      await tx.em.save(handoff);
      // The agent confirmed or corrected what the conversation was about: a labelled example.
      if (intent) await this.intentFeedback!.correctSessionInTx(tx, handoff.sessionId, intent);
      // The conversation goes back to the assistant; the client may keep writing.
      await tx.em.update(Session, { id: handoff.sessionId, status: Not(SessionStatus.CLOSED) }, { status: SessionStatus.ACTIVE, assignedAgentId: null });
      await this.events.queue(tx, handoff.tenantId, QueueEventKind.COMPLETED, handoff);
      await this.events.session(tx, handoff.tenantId, handoff.sessionId, null);
      return handoff;
    });
    if (intent) await this.intentFeedback!.afterCorrection(ctx, done.tenantId);
    await this.autoAssign(ctx, done.tenantId);
    for (const hook of this.completedHooks) await hook(ctx, done);
    return done;
  }

  /** Cancels the open handoff of a session being closed (inside the caller's transaction). */
  async cancelOpen(tx: RequestContext, sessionId: string): Promise<void> {
    const open = await this.open(tx, sessionId);
    if (!open) return;
    await tx.em.update(Handoff, { id: open.id }, { status: HandoffStatus.CANCELLED, completedAt: new Date() });
    await this.events.queue(tx, open.tenantId, QueueEventKind.CANCELLED, { ...open, agentId: null });
  }

  /** An agent going OFFLINE returns its unfinished handoffs to the queue (same age, same priority). */
  async returnToQueue(ctx: RequestContext, agentId: string): Promise<number> {
    const returned = await inTransaction(this.ds, ctx, async (tx) => {
      const mine = await tx.em.find(Handoff, { where: { agentId, status: HandoffStatus.ASSIGNED }, lock: { mode: "pessimistic_write" } });
      for (const h of mine) {
        await tx.em.update(Handoff, { id: h.id }, { status: HandoffStatus.PENDING, agentId: null, assignedAt: null });
        await tx.em.update(Session, { id: h.sessionId }, { status: SessionStatus.WAITING_HUMAN, assignedAgentId: null });
        await this.events.queue(tx, h.tenantId, QueueEventKind.REORDERED, { ...h, agentId: null });
        await this.events.session(tx, h.tenantId, h.sessionId, null);
      }
      return mine;
    });
    if (returned.length) await this.autoAssign(ctx, returned[0]!.tenantId);
    return returned.length;
  }

  /**
   * When the tenant enables it, gives PENDING handoffs (queue order) to the least
   * loaded ONLINE agent below capacity. Serialised per tenant by an advisory lock so
   * concurrent triggers never over-assign.
   */
  async autoAssign(ctx: RequestContext, tenantId: string): Promise<number> {
    const settings = await this.settings.get(ctx, tenantId);
    if (!settings.autoAssign) return 0;
    const base = { ...ctx, principal: ctx.principal ?? { kind: "user" as const, id: "system", userId: null, tenantId, role: Role.ADMIN } };
    return inTransaction(this.ds, base, async (tx) => {
      await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`assign:${tenantId}`]);
      const agents = await tx.em.find(User, { where: { tenantId, role: Role.AGENT, availability: AgentAvailability.ONLINE }, order: { createdAt: "ASC" } });
      const live = agents.filter((a) => !a.deactivatedAt);
      if (!live.length) return 0;
      const load = await activeLoad(tx.em, live.map((a) => a.id));
      const memberships = await tx.em.find(TeamMember, { where: { tenantId, userId: In(live.map((a) => a.id)) } });
      const teamsOf = new Map(live.map((a) => [a.id, memberships.filter((m) => m.userId === a.id).map((m) => m.teamId)]));
      let assigned = 0;
      for (const h of await pendingQueue(tx.em, tenantId)) {
        // A team's handoff goes to one of its members; the general queue to anyone.
        const candidate = live
          .filter((a) => (load.get(a.id) ?? 0) < settings.agentCapacity && (!h.teamId || teamsOf.get(a.id)!.includes(h.teamId)))
          .sort((x, y) => (load.get(x.id) ?? 0) - (load.get(y.id) ?? 0))[0];
        if (!candidate) continue;
        await this.assignTo(tx, h.id, candidate.id, { onlyPending: true });
        load.set(candidate.id, (load.get(candidate.id) ?? 0) + 1);
        assigned++;
      }
      return assigned;
    });
  }

  /** The assigned agent or a supervisor/admin may act on a handoff. */
  assertHandles(ctx: RequestContext, handoff: Handoff): void {
    const p = requirePrincipal(ctx);
    if (SUPERVISING.includes(p.role)) return;
    if (handoff.agentId && handoff.agentId === p.userId) return;
    throw Errors.forbidden("Só o agente responsável ou um supervisor pode fazer isso.");
  }
}

