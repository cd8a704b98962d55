import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Inbox } from "../entities/inbox";
import { MessageTemplate } from "../entities/message-template";
import { InboxProvider, Role } from "../schema/enums";
import { CreatedInbox, CreateInboxInput, EmailInboxSettings, InboxConnection, UpdateInboxInput, WebChatInboxSettings } from "../schema/types/inbox.types";
import type { Services } from "../services";

const ADMINS = [Role.ADMIN];
const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];

@Resolver(() => Inbox)
export class InboxResolver {
  constructor(private readonly services: Services) {}

  @Authorized(MANAGERS)
  @Query(() => [Inbox])
  inboxes(@Ctx() ctx: RequestContext) {
    return this.services.inboxes.list(ctx);
  }

  @Authorized(ADMINS)
  @Mutation(() => CreatedInbox, { description: "Confere as credenciais no provedor e, no Evolution, registra o webhook (PUBLIC_URL)." })
  createInbox(@Ctx() ctx: RequestContext, @Arg("input", () => CreateInboxInput) input: CreateInboxInput) {
    return this.services.inboxes.create(ctx, input);
  }

  @Authorized(ADMINS)
  @Mutation(() => Inbox, { description: "Nome e/ou configurações do provedor (credenciais digitadas de novo e conferidas)." })
  updateInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => UpdateInboxInput) input: UpdateInboxInput) {
    return this.services.inboxes.update(ctx, id, { ...input });
  }

  @Authorized(ADMINS)
  @Mutation(() => Inbox, { description: "Webhooks passam a responder 404 e nada é enviado por ela." })
  disableInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.inboxes.setDisabled(ctx, id, true);
  }

  @Authorized(ADMINS)
  @Mutation(() => Inbox)
  enableInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.inboxes.setDisabled(ctx, id, false);
  }

  @Authorized(ADMINS)
  @Mutation(() => CreatedInbox, { description: "Novo segredo do webhook (mostrado uma vez); o anterior vale ainda por WEBHOOK_SECRET_GRACE_SECONDS (24 h)." })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.inboxes.rotateSecret(ctx, id);
  }

  @Authorized(MANAGERS)
  @Mutation(() => InboxConnection, { description: "QR code (ou código de pareamento, com phoneNumber) para conectar o WhatsApp da instância; inboxUpdated avisa quando conectar." })
  connectInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("phoneNumber", () => String, { nullable: true }) phoneNumber: string | null) {
    return this.services.inboxConnections.connect(ctx, id, phoneNumber);
  }

  @Authorized(ADMINS)
  @Mutation(() => Inbox, { description: "Desconecta o WhatsApp da instância (será preciso ler o QR code de novo)." })
  logoutInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.inboxConnections.logout(ctx, id);
  }

  @Authorized(MANAGERS)
  @Mutation(() => Inbox)
  restartInbox(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.inboxConnections.restart(ctx, id);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR])
  @Query(() => [MessageTemplate], { description: "Modelos de mensagem da caixa (API oficial do WhatsApp), como sincronizados por último." })
  messageTemplates(@Ctx() ctx: RequestContext, @Arg("inboxId", () => ID) inboxId: string) {
    return this.services.templates.list(ctx, inboxId);
  }

  @Authorized(MANAGERS)
  @Mutation(() => [MessageTemplate], { description: "Busca os modelos na Graph API (GET /{waba-id}/message_templates); também roda uma vez por dia." })
  syncMessageTemplates(@Ctx() ctx: RequestContext, @Arg("inboxId", () => ID) inboxId: string) {
    return this.services.templates.sync(ctx, inboxId);
  }

  /** Contains the secret path key: only admins and supervisors (an inbox is also reachable through Session.inbox). */
  @Authorized(MANAGERS)
  @FieldResolver(() => String)
  webhookPath(@Root() inbox: Inbox): string {
    return this.services.inboxes.webhookPath(inbox);
  }

  @Authorized(MANAGERS)
  @FieldResolver(() => String, { nullable: true, description: "URL completa do webhook (com PUBLIC_URL configurada)." })
  webhookUrl(@Root() inbox: Inbox): string | null {
    return this.services.inboxes.webhookUrl(inbox);
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
