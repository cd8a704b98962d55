import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Inbox } from "../entities/inbox";
import { Role } from "../schema/enums";
import { CreatedInbox, CreateInboxInput } from "../schema/types/inbox.types";
import type { Services } from "../services";

@Resolver(() => Inbox)
export class InboxResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => [Inbox])
  inboxes(@Ctx() ctx: RequestContext) {
    return this.services.inboxes.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => CreatedInbox)
  createInbox(@Ctx() ctx: RequestContext, @Arg("input", () => CreateInboxInput) input: CreateInboxInput) {
    return this.services.inboxes.create(ctx, input);
  }

  /** Contains the secret path key: only admins and supervisors read inboxes. */
  @FieldResolver(() => String)
  webhookPath(@Root() inbox: Inbox): string {
    return this.services.inboxes.webhookPath(inbox);
  }
}
