import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Inbox } from "../entities/inbox";
import { InboxProvider, Role } from "../schema/enums";
import { CreatedInbox, CreateInboxInput, EmailInboxSettings, WebChatInboxSettings } from "../schema/types/inbox.types";
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

  @FieldResolver(() => String, { nullable: true, description: "Chat do site: a chave pública do widget (data-inbox); não é segredo." })
  publicKey(@Root() inbox: Inbox): string | null {
    return inbox.provider === InboxProvider.WEB_CHAT ? inbox.externalId : null;
  }

  @FieldResolver(() => WebChatInboxSettings, { nullable: true })
  webChat(@Root() inbox: Inbox): WebChatInboxSettings | null {
    return this.services.inboxViews.webChat(inbox);
  }

  @FieldResolver(() => EmailInboxSettings, { nullable: true })
  email(@Root() inbox: Inbox): Promise<EmailInboxSettings | null> {
    return this.services.inboxViews.email(inbox);
  }

  @FieldResolver(() => String, { nullable: true, description: "Webhook genérico: para onde as respostas são enviadas." })
  callbackUrl(@Root() inbox: Inbox): string | null {
    return this.services.inboxViews.callbackUrl(inbox);
  }
}
