import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { Role, STAFF_ROLES } from "../schema/enums";
import { ClientConnection, ClientFilter, CreateClientInput, TicketConnection, UpdateClientInput } from "../schema/types/client.types";
import type { Services } from "../services";
import { SessionConnection } from "../schema/types/conversation.types";
import { clientTicketsLoader } from "./ticket.loaders";
import { clientSessionsLoader } from "./conversation.loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

@Resolver(() => Client)
export class ClientResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => ClientConnection)
  clients(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => ClientFilter, { nullable: true }) filter: ClientFilter | null,
  ) {
    return this.services.clients.list(ctx, { first, after }, filter);
  }

  @Authorized(ALL)
  @Query(() => Client, { nullable: true })
  client(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.clients.get(ctx, id);
  }

  @Authorized(ALL)
  @Mutation(() => Client)
  createClient(@Ctx() ctx: RequestContext, @Arg("input", () => CreateClientInput) input: CreateClientInput) {
    return this.services.clients.create(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => Client)
  updateClient(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => UpdateClientInput) input: UpdateClientInput) {
    return this.services.clients.update(ctx, id, input);
  }

  @FieldResolver(() => SessionConnection)
  sessions(
    @Root() client: Client,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    if (after) return this.services.sessions.list(ctx, { first, after }, { clientId: client.id });
    return clientSessionsLoader(ctx, first).load(client.id);
  }

  @FieldResolver(() => TicketConnection)
  tickets(
    @Root() client: Client,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    if (after) return this.services.tickets.list(ctx, { first, after }, { clientId: client.id });
    return clientTicketsLoader(ctx, first).load(client.id);
  }

  // Personal data. Every read is written to the data access log (once per client and
  // request, in one batch); email, phone and document are for staff only (contract).
  @FieldResolver(() => String)
  async name(@Root() client: Client, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, client);
    return client.name;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async email(@Root() client: Client, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, client);
    return client.email;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async phone(@Root() client: Client, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, client);
    return client.phone;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async document(@Root() client: Client, @Ctx() ctx: RequestContext) {
    if (client.document) await this.services.accessLog.requireJustification(ctx);
    await this.logRead(ctx, client);
    return client.document;
  }

  private logRead(ctx: RequestContext, client: Client): Promise<void> {
    return this.services.accessLog.record(ctx, { clientId: client.id, action: "client.read", resource: `Client:${client.id}` });
  }
}
