import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Handoff } from "../entities/handoff";
import { HandoffNote } from "../entities/handoff-note";
import { Session } from "../entities/session";
import { User } from "../entities/user";
import { HandoffStatus, Role } from "../schema/enums";
import { CompleteHandoffInput, HandoffConnection, HandoffFilter, RequestHandoffInput } from "../schema/types/conversation.types";
import type { Services } from "../services";
import { handoffNotesLoader, queuePositionLoader, sessionLoader } from "./conversation.loaders";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];

@Resolver(() => Handoff)
export class HandoffResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Query(() => [Handoff])
  handoffQueue(
    @Ctx() ctx: RequestContext,
    @Arg("teamId", () => ID, { nullable: true, description: "Só a fila desta equipe (agentes veem a fila geral e as das suas equipes)." }) teamId: string | null,
    @Arg("labelId", () => ID, { nullable: true }) labelId: string | null,
  ) {
    return this.services.handoffs.queue(ctx, { teamId, labelId });
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR])
  @Query(() => HandoffConnection)
  handoffs(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => HandoffFilter, { nullable: true }) filter: HandoffFilter | null,
  ) {
    return this.services.handoffs.list(ctx, { first, after }, filter);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR])
  @Mutation(() => Handoff)
  requestHandoff(@Ctx() ctx: RequestContext, @Arg("input", () => RequestHandoffInput) input: RequestHandoffInput) {
    return this.services.handoffs.request(ctx, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Handoff)
  claimHandoff(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.handoffs.claim(ctx, id);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Mutation(() => Handoff)
  assignHandoff(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("agentId", () => ID) agentId: string) {
    return this.services.handoffs.assign(ctx, id, agentId);
  }

  @Authorized(STAFF)
  @Mutation(() => HandoffNote)
  addHandoffNote(@Ctx() ctx: RequestContext, @Arg("handoffId", () => ID) handoffId: string, @Arg("text", () => String) text: string) {
    return this.services.handoffs.addNote(ctx, handoffId, text);
  }

  @Authorized(STAFF)
  @Mutation(() => Handoff)
  completeHandoff(@Ctx() ctx: RequestContext, @Arg("input", () => CompleteHandoffInput) input: CompleteHandoffInput) {
    return this.services.handoffs.complete(ctx, input);
  }

  @FieldResolver(() => Session)
  async session(@Root() h: Handoff, @Ctx() ctx: RequestContext): Promise<Session> {
    return (await sessionLoader(ctx).load(h.sessionId))!;
  }

  @FieldResolver(() => Int, { nullable: true })
  queuePosition(@Root() h: Handoff, @Ctx() ctx: RequestContext) {
    return h.status === HandoffStatus.PENDING ? queuePositionLoader(ctx).load(h) : null;
  }

  @FieldResolver(() => Int)
  waitingSeconds(@Root() h: Handoff): number {
    const end = h.assignedAt ?? (h.status === HandoffStatus.PENDING ? new Date() : h.completedAt ?? new Date());
    return Math.max(0, Math.floor((end.getTime() - h.createdAt.getTime()) / 1000));
  }

  @FieldResolver(() => User, { nullable: true })
  agent(@Root() h: Handoff, @Ctx() ctx: RequestContext) {
    return h.agentId ? ctx.loaders.user.load(h.agentId) : null;
  }

  // Internal notes are for staff only: integrators (and clients) never see them.
  @Authorized(STAFF)
  @FieldResolver(() => [HandoffNote])
  notes(@Root() h: Handoff, @Ctx() ctx: RequestContext) {
    return handoffNotesLoader(ctx).load(h.id);
  }
}

@Resolver(() => HandoffNote)
export class HandoffNoteResolver {
  @FieldResolver(() => User)
  async author(@Root() n: HandoffNote, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(n.authorId))!;
  }
}
