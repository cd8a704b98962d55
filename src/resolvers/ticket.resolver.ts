import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { Ticket } from "../entities/ticket";
import { TicketComment } from "../entities/ticket-comment";
import { User } from "../entities/user";
import { Role, TicketStatus } from "../schema/enums";
import { CreateTicketInput, PeriodInput, TicketConnection, TicketFilter, TicketStats, Triage } from "../schema/types/client.types";
import type { Services } from "../services";
import { clientLoader, ticketCommentsLoader } from "./ticket.loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

@Resolver(() => Ticket)
export class TicketResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => TicketConnection)
  tickets(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
  ) {
    return this.services.tickets.list(ctx, { first, after }, filter);
  }

  @Authorized(ALL)
  @Query(() => Ticket, { nullable: true })
  ticket(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.tickets.get(ctx, id);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.INTEGRATOR])
  @Query(() => TicketStats)
  ticketStats(@Ctx() ctx: RequestContext, @Arg("period", () => PeriodInput, { nullable: true }) period: PeriodInput | null) {
    return this.services.tickets.stats(ctx, period);
  }

  @Authorized(ALL)
  @Mutation(() => Ticket)
  createTicket(@Ctx() ctx: RequestContext, @Arg("input", () => CreateTicketInput) input: CreateTicketInput) {
    return this.services.tickets.create(ctx, input);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.AGENT])
  @Mutation(() => Ticket)
  updateTicketStatus(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("status", () => TicketStatus) status: TicketStatus) {
    return this.services.tickets.updateStatus(ctx, id, status);
  }

  @Authorized(ALL)
  @Mutation(() => TicketComment)
  addTicketComment(@Ctx() ctx: RequestContext, @Arg("ticketId", () => ID) ticketId: string, @Arg("text", () => String) text: string) {
    return this.services.tickets.addComment(ctx, ticketId, text);
  }

  @FieldResolver(() => Client)
  async client(@Root() ticket: Ticket, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await clientLoader(ctx).load(ticket.clientId))!;
  }

  @FieldResolver(() => Triage)
  triage(@Root() ticket: Ticket): Triage {
    return ticket.triage as Triage;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() ticket: Ticket, @Ctx() ctx: RequestContext) {
    return ticket.assigneeId ? ctx.loaders.user.load(ticket.assigneeId) : null;
  }

  @FieldResolver(() => [TicketComment])
  comments(@Root() ticket: Ticket, @Ctx() ctx: RequestContext) {
    return ticketCommentsLoader(ctx).load(ticket.id);
  }

  @FieldResolver(() => Date)
  updatedAt(@Root() ticket: Ticket): Date {
    return ticket.updatedAt;
  }
}

@Resolver(() => TicketComment)
export class TicketCommentResolver {
  @FieldResolver(() => User, { nullable: true })
  author(@Root() comment: TicketComment, @Ctx() ctx: RequestContext) {
    return comment.authorId ? ctx.loaders.user.load(comment.authorId) : null;
  }
}
