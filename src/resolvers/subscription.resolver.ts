import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { RequestContext } from "../context";
import { Handoff } from "../entities/handoff";
import { Message } from "../entities/message";
import { Session } from "../entities/session";
import { Inbox } from "../entities/inbox";
import { Errors } from "../schema/errors";
import { Role } from "../schema/enums";
import { QueueEvent } from "../schema/types/conversation.types";
import { EventResolutionCache, filterEvents, Topics, type HandoffAssignedPayload, type InboxEventPayload, type MessageEventPayload, type QueueEventPayload, type SessionEventPayload } from "../services/events";
import { findOwnedOrNull } from "../services/scoped";
import { queueLength } from "../services/handoffs/queue";
import { teamIdsOf } from "../services/teams/teams.service";
import type { Services } from "../services";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];

/** One load per event per process, shared by every subscriber. */
const resolved = new EventResolutionCache();

function caller(ctx: RequestContext, roles: Role[]) {
  if (!ctx.principal) throw Errors.unauthenticated();
  if (!roles.includes(ctx.principal.role)) throw Errors.forbidden();
  return ctx.principal;
}

/**
 * Agents receive events of their own sessions; with a sessionId they may also follow
 * a session nobody has taken yet. Supervisors, admins and integrators see the tenant.
 */
export async function sessionScoped<T extends { sessionId: string; agentId: string | null }>({ context: ctx, args }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>, topic: (tenantId: string) => string) {
  const p = caller(ctx, [...STAFF, Role.INTEGRATOR]);
  const sessionId = (args as { sessionId?: string | null }).sessionId ?? null;
  if (sessionId) {
    const session = await findOwnedOrNull(ctx, Session, sessionId);
    if (!session || (p.role === Role.AGENT && session.assignedAgentId && session.assignedAgentId !== p.userId)) throw Errors.notFound("Conversa");
  }
  return filterEvents(ctx.pubsub.subscribe<T>(topic(p.tenantId)), (e) => {
    if (e.sessionId !== (sessionId ?? e.sessionId)) return false;
    if (p.role !== Role.AGENT) return true;
    return sessionId ? !e.agentId || e.agentId === p.userId : e.agentId === p.userId;
  });
}

@Resolver()
export class SubscriptionResolver {
  constructor(private readonly services: Services) {}

  /** A message pushed to a console is a read of the client's data (LGPD access log), once per subscriber and event. */
  private async logLiveMessage(ctx: RequestContext, e: MessageEventPayload): Promise<void> {
    const clientId = await resolved.resolve(`${e.eventId}:client`, async () => (await ctx.em.findOne(Session, { where: { id: e.sessionId, tenantId: e.tenantId } }))?.clientId ?? null);
    if (clientId) await this.services.accessLog.record(ctx, { clientId, action: "message.live", resource: `Message:${e.messageId}` });
  }

  @Subscription(() => QueueEvent, {
    description: "Toda mudança na fila de atendimento do tenant: supervisores e administradores veem todas as equipes; agentes, a fila geral, as das suas equipes e o que é seu.",
    subscribe: ({ context, args }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      const p = caller(context, STAFF);
      const only = (args as { teamId?: string | null }).teamId ?? null;
      const source = context.pubsub.subscribe<QueueEventPayload>(Topics.queue(p.tenantId));
      const concerns = (e: QueueEventPayload, teamId: string) => e.teamId === teamId || e.previousTeamId === teamId;
      if (p.role !== Role.AGENT) return only ? filterEvents(source, (e) => concerns(e, only)) : source;
      // Team membership is read per event: a change of teams applies to open consoles at once.
      return filterEvents(source, async (e) => {
        if (only && !concerns(e, only)) return false;
        if (e.agentId && e.agentId === p.userId) return true;
        const mine = await teamIdsOf(context.em, p.tenantId, p.userId);
        const sees = (teamId: string | null | undefined) => !teamId || mine.includes(teamId);
        return sees(e.teamId) || (e.previousTeamId !== undefined && sees(e.previousTeamId));
      });
    },
  })
  queueUpdated(
    @Root() e: QueueEventPayload,
    @Ctx() ctx: RequestContext,
    @Arg("teamId", () => ID, { nullable: true, description: "Só eventos da fila desta equipe (inclusive o que sai dela numa transferência)." }) _teamId: string | null,
  ): Promise<QueueEvent> {
    return resolved.resolve(e.eventId, async () => ({
      kind: e.kind,
      handoff: await ctx.em.findOneOrFail(Handoff, { where: { id: e.handoffId, tenantId: e.tenantId } }),
      queueLength: await queueLength(ctx.em, e.tenantId),
    }));
  }

  @Subscription(() => Message, { subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => sessionScoped<MessageEventPayload>(data, Topics.message) })
  async messageAdded(@Root() e: MessageEventPayload, @Ctx() ctx: RequestContext, @Arg("sessionId", () => ID, { nullable: true }) _sessionId: string | null): Promise<Message> {
    const message = await resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Message, { where: { id: e.messageId, tenantId: e.tenantId } }));
    await this.logLiveMessage(ctx, e);
    return message;
  }

  @Subscription(() => Message, {
    description: "Mudanças de entrega de mensagens (recibos, falhas do provedor), com a mesma visibilidade de messageAdded.",
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => sessionScoped<MessageEventPayload>(data, Topics.messageUpdated),
  })
  async messageUpdated(@Root() e: MessageEventPayload, @Ctx() ctx: RequestContext, @Arg("sessionId", () => ID, { nullable: true }) _sessionId: string | null): Promise<Message> {
    const message = await resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Message, { where: { id: e.messageId, tenantId: e.tenantId } }));
    await this.logLiveMessage(ctx, e);
    return message;
  }

  @Subscription(() => Inbox, {
    description: "Mudanças de conexão das caixas de entrada (supervisores e administradores).",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => context.pubsub.subscribe(Topics.inbox(caller(context, [Role.ADMIN, Role.SUPERVISOR]).tenantId)),
  })
  inboxUpdated(@Root() e: InboxEventPayload, @Ctx() ctx: RequestContext): Promise<Inbox> {
    return resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Inbox, { where: { id: e.inboxId, tenantId: e.tenantId } }));
  }

  @Subscription(() => Session, { subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => sessionScoped<SessionEventPayload>(data, Topics.session) })
  sessionUpdated(@Root() e: SessionEventPayload, @Ctx() ctx: RequestContext, @Arg("sessionId", () => ID, { nullable: true }) _sessionId: string | null): Promise<Session> {
    return resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Session, { where: { id: e.sessionId, tenantId: e.tenantId } }));
  }

  @Subscription(() => Handoff, {
    description: "Atendimentos atribuídos a quem assina.",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      const p = caller(context, STAFF);
      if (!p.userId) throw Errors.forbidden();
      return context.pubsub.subscribe(Topics.handoffAssigned(p.tenantId, p.userId));
    },
  })
  handoffAssigned(@Root() e: HandoffAssignedPayload, @Ctx() ctx: RequestContext): Promise<Handoff> {
    return resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Handoff, { where: { id: e.handoffId, tenantId: e.tenantId } }));
  }
}
