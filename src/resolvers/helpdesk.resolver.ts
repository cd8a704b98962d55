import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { RequestContext } from "../context";
import { Handoff } from "../entities/handoff";
import { Label } from "../entities/label";
import { RoutingRule } from "../entities/routing-rule";
import { SlaPolicy } from "../entities/sla-policy";
import { Team } from "../entities/team";
import { Ticket } from "../entities/ticket";
import { User } from "../entities/user";
import { Errors } from "../schema/errors";
import { Role } from "../schema/enums";
import { RoutingMatch, RoutingRuleInput, SlaEvent, SlaEventKind, SlaPolicyInput, SlaTarget, TeamInput, TransferHandoffInput, UpdateTicketInput } from "../schema/types/helpdesk.types";
import type { Services } from "../services";
import { EventResolutionCache, Topics, type SlaEventPayload } from "../services/events";
import { labelsLoader } from "../services/labels/labels.service";
import { byIdLoader } from "../services/loaders";
import { teamMembersLoader } from "../services/teams/teams.service";
import { requirePrincipal } from "../context";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];
const SUPERVISING = [Role.ADMIN, Role.SUPERVISOR];
const ALL = [...STAFF, Role.INTEGRATOR];

const teamLoader = (ctx: RequestContext) => ctx.loaders.get("team", () => byIdLoader(ctx.em, Team, requirePrincipal(ctx).tenantId));
const resolved = new EventResolutionCache();

@Resolver(() => Team)
export class TeamResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => [Team])
  teams(@Ctx() ctx: RequestContext) {
    return this.services.teams.list(ctx);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => Team)
  createTeam(@Ctx() ctx: RequestContext, @Arg("input", () => TeamInput) input: TeamInput) {
    return this.services.teams.create(ctx, input);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => Team)
  updateTeam(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => TeamInput) input: TeamInput) {
    return this.services.teams.update(ctx, id, input);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => Team, { description: "Substitui os membros da equipe." })
  setTeamMembers(@Ctx() ctx: RequestContext, @Arg("teamId", () => ID) teamId: string, @Arg("userIds", () => [ID]) userIds: string[]) {
    return this.services.teams.setMembers(ctx, teamId, userIds);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => Boolean, { description: "Exclui a equipe (membros, regras e políticas dela); seus atendimentos e chamados voltam para a fila geral." })
  deleteTeam(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.teams.delete(ctx, id);
  }

  @FieldResolver(() => [User])
  async members(@Root() team: Team, @Ctx() ctx: RequestContext): Promise<User[]> {
    return (await teamMembersLoader(ctx).load(team.id)).map((m) => m.user);
  }
}

@Resolver(() => RoutingRule)
export class RoutingRuleResolver {
  constructor(private readonly services: Services) {}

  @Authorized(SUPERVISING)
  @Query(() => [RoutingRule])
  routingRules(@Ctx() ctx: RequestContext) {
    return this.services.routing.list(ctx);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => RoutingRule)
  createRoutingRule(@Ctx() ctx: RequestContext, @Arg("input", () => RoutingRuleInput) input: RoutingRuleInput) {
    return this.services.routing.create(ctx, input);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => RoutingRule)
  updateRoutingRule(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => RoutingRuleInput) input: RoutingRuleInput) {
    return this.services.routing.update(ctx, id, input);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => Boolean)
  deleteRoutingRule(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.routing.delete(ctx, id);
  }

  @FieldResolver(() => Team)
  async team(@Root() rule: RoutingRule, @Ctx() ctx: RequestContext): Promise<Team> {
    return (await teamLoader(ctx).load(rule.teamId))!;
  }

  @FieldResolver(() => RoutingMatch)
  match(@Root() rule: RoutingRule): RoutingMatch {
    const m = rule.match;
    return { intents: m.intents ?? [], channels: m.channels ?? [], inboxIds: m.inboxIds ?? [], keywords: m.keywords ?? [], labelIds: m.labelIds ?? [] };
  }

  @FieldResolver(() => Int, { description: "Ordem de avaliação (crescente)." })
  order(@Root() rule: RoutingRule): number {
    return rule.position;
  }
}

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Query(() => [SlaPolicy])
  slaPolicies(@Ctx() ctx: RequestContext) {
    return this.services.sla.list(ctx);
  }

  @Authorized(SUPERVISING)
  @Mutation(() => SlaPolicy, { description: "Cria ou substitui a política da prioridade (e da equipe, se informada)." })
  setSlaPolicy(@Ctx() ctx: RequestContext, @Arg("input", () => SlaPolicyInput) input: SlaPolicyInput) {
    return this.services.sla.set(ctx, input);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() policy: SlaPolicy, @Ctx() ctx: RequestContext) {
    return policy.teamId ? teamLoader(ctx).load(policy.teamId) : null;
  }

  @Subscription(() => SlaEvent, {
    description: "Avisos (WARNING) e estouros (BREACH) de prazos de SLA do tenant (supervisores e administradores).",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      const p = context.principal;
      if (!p) throw Errors.unauthenticated();
      if (!SUPERVISING.includes(p.role)) throw Errors.forbidden();
      return context.pubsub.subscribe(Topics.sla(p.tenantId));
    },
  })
  slaUpdated(@Root() e: SlaEventPayload, @Ctx() ctx: RequestContext): Promise<SlaEvent> {
    return resolved.resolve(e.eventId, async () => ({
      kind: e.kind as SlaEventKind,
      target: e.target as SlaTarget,
      dueAt: new Date(e.dueAt),
      handoff: e.handoffId ? await ctx.em.findOne(Handoff, { where: { id: e.handoffId, tenantId: e.tenantId } }) : null,
      ticket: e.ticketId ? await ctx.em.findOne(Ticket, { where: { id: e.ticketId, tenantId: e.tenantId } }) : null,
    }));
  }
}

/** Help-desk fields and operations of handoffs. */
@Resolver(() => Handoff)
export class HandoffHelpdeskResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Mutation(() => Handoff, { description: "Transfere o atendimento para outra equipe (volta à fila dela) e/ou outro agente, com nota interna." })
  transferHandoff(@Ctx() ctx: RequestContext, @Arg("input", () => TransferHandoffInput) input: TransferHandoffInput) {
    return this.services.transfers.transfer(ctx, input);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() h: Handoff, @Ctx() ctx: RequestContext) {
    return h.teamId ? teamLoader(ctx).load(h.teamId) : null;
  }

  @FieldResolver(() => [Label], { description: "Etiquetas da conversa." })
  async labels(@Root() h: Handoff, @Ctx() ctx: RequestContext): Promise<Label[]> {
    return (await labelsLoader(ctx, "SESSION").load(h.sessionId)).map((l) => l.label);
  }
}

/** Tickets as work items. */
@Resolver(() => Ticket)
export class TicketHelpdeskResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Mutation(() => Ticket, { description: "Define o responsável e a equipe do chamado (argumento ausente ou nulo limpa)." })
  assignTicket(@Ctx() ctx: RequestContext, @Arg("ticketId", () => ID) ticketId: string, @Arg("agentId", () => ID, { nullable: true }) agentId: string | null, @Arg("teamId", () => ID, { nullable: true }) teamId: string | null) {
    return this.services.ticketWork.assign(ctx, ticketId, agentId ?? null, teamId ?? null);
  }

  @Authorized(STAFF)
  @Mutation(() => Ticket)
  updateTicket(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => UpdateTicketInput) input: UpdateTicketInput) {
    return this.services.ticketWork.update(ctx, id, input);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() t: Ticket, @Ctx() ctx: RequestContext) {
    return t.teamId ? teamLoader(ctx).load(t.teamId) : null;
  }

  @FieldResolver(() => [Label])
  async labels(@Root() t: Ticket, @Ctx() ctx: RequestContext): Promise<Label[]> {
    return (await labelsLoader(ctx, "TICKET").load(t.id)).map((l) => l.label);
  }
}
