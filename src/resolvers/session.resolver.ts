import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { Handoff } from "../entities/handoff";
import { Message } from "../entities/message";
import { Session } from "../entities/session";
import { User } from "../entities/user";
import { Inbox } from "../entities/inbox";
import { byIdLoader } from "../services/loaders";
import { Role } from "../schema/enums";
import { AgentMessageInput, Attachment, ClientMessageInput, ProactiveMessageInput, ClientMessageResult, MessageConnection, SessionConnection, SessionFilter, SharedContact, StartSessionInput, TemplateMessageInput } from "../schema/types/conversation.types";
import { windowClosesAt } from "../services/channels/reply-window";
import type { Services } from "../services";
import { sessionHandoffLoader, sessionLoader } from "./conversation.loaders";
import { clientLoader } from "./ticket.loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];
const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];

@Resolver(() => Session)
export class SessionResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => SessionConnection)
  sessions(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
  ) {
    return this.services.sessions.list(ctx, { first, after }, filter);
  }

  @Authorized(ALL)
  @Query(() => Session, { nullable: true })
  async session(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    const session = await this.services.sessions.get(ctx, id);
    await this.services.accessLog.record(ctx, { clientId: session.clientId, action: "session.read", resource: `Session:${session.id}` });
    return session;
  }

  @Authorized(ALL)
  @Mutation(() => Session)
  startSession(@Ctx() ctx: RequestContext, @Arg("input", () => StartSessionInput) input: StartSessionInput) {
    return this.services.sessions.start(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => ClientMessageResult)
  submitClientMessage(@Ctx() ctx: RequestContext, @Arg("input", () => ClientMessageInput) input: ClientMessageInput) {
    return this.services.conversations.submitClientMessage(ctx, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Message)
  sendAgentMessage(@Ctx() ctx: RequestContext, @Arg("input", () => AgentMessageInput) input: AgentMessageInput) {
    return this.services.conversations.sendAgentMessage(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => Message, { description: "Mensagem iniciada pela empresa (acompanhamento, campanha): exige o consentimento do cliente." })
  sendProactiveMessage(@Ctx() ctx: RequestContext, @Arg("input", () => ProactiveMessageInput) input: ProactiveMessageInput) {
    return this.services.proactive.send(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => Message, { description: "Modelo de mensagem aprovado (API oficial do WhatsApp), inclusive fora da janela de 24 horas; modelos de marketing exigem consentimento MARKETING." })
  sendTemplateMessage(@Ctx() ctx: RequestContext, @Arg("input", () => TemplateMessageInput) input: TemplateMessageInput) {
    return this.services.templates.send(ctx, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Session, { description: "Marca como lidas no WhatsApp as mensagens do cliente ainda não lidas (uma vez por mensagem)." })
  markSessionRead(@Ctx() ctx: RequestContext, @Arg("sessionId", () => ID) sessionId: string) {
    return this.services.presence.markRead(ctx, sessionId);
  }

  @Authorized(STAFF)
  @Mutation(() => Boolean, { description: "O agente está digitando: aparece no chat do site e, no WhatsApp, como \"digitando…\" (no máximo a cada 5 s por conversa; false quando ignorado)." })
  sendTyping(@Ctx() ctx: RequestContext, @Arg("sessionId", () => ID) sessionId: string) {
    return this.services.presence.typing(ctx, sessionId);
  }

  @Authorized(ALL)
  @Mutation(() => Session)
  closeSession(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.sessions.close(ctx, id);
  }

  @FieldResolver(() => Client)
  async client(@Root() session: Session, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await clientLoader(ctx).load(session.clientId))!;
  }

  @FieldResolver(() => MessageConnection)
  async messages(
    @Root() session: Session,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("newestFirst", () => Boolean, { nullable: true, defaultValue: false, description: "Mais recentes primeiro: a página seguinte (after) traz as anteriores (console rolando o histórico para cima)." }) newestFirst: boolean,
  ) {
    await this.services.accessLog.record(ctx, { clientId: session.clientId, action: "session.messages.read", resource: `Session:${session.id}` });
    return this.services.messages.list(ctx, session.id, { first, after }, newestFirst);
  }

  @FieldResolver(() => Inbox, { nullable: true })
  inbox(@Root() session: Session, @Ctx() ctx: RequestContext) {
    return session.inboxId ? ctx.loaders.get("inbox", () => byIdLoader(ctx.em, Inbox, session.tenantId)).load(session.inboxId) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Fim da janela de 24 h do WhatsApp (API oficial) para mensagens livres; no passado: fechada, só modelos. Null: o canal não tem janela." })
  async windowClosesAt(@Root() session: Session, @Ctx() ctx: RequestContext): Promise<Date | null> {
    if (!session.inboxId) return null;
    const inbox = await ctx.loaders.get("inbox", () => byIdLoader(ctx.em, Inbox, session.tenantId)).load(session.inboxId);
    return windowClosesAt(session, inbox ?? null);
  }

  @FieldResolver(() => Handoff, { nullable: true })
  handoff(@Root() session: Session, @Ctx() ctx: RequestContext) {
    return sessionHandoffLoader(ctx).load(session.id);
  }
}

@Resolver(() => Message)
export class MessageResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [Attachment])
  attachments(@Root() message: Message): Attachment[] {
    const m = message.media;
    if (!m?.storageKey || !m.mimeType) return [];
    return [{ id: message.id, fileName: m.fileName ?? null, mimeType: m.mimeType, size: m.size ?? null, url: this.services.mediaUrls.url(message.id), voice: Boolean(m.voice) }];
  }

  @FieldResolver(() => Message, { nullable: true, description: "A mensagem citada (ou, numa reação, a mensagem reagida)." })
  replyTo(@Root() message: Message, @Ctx() ctx: RequestContext) {
    return message.replyToMessageId ? ctx.loaders.get("message", () => byIdLoader(ctx.em, Message, message.tenantId)).load(message.replyToMessageId) : null;
  }

  @FieldResolver(() => [SharedContact])
  sharedContacts(@Root() message: Message): SharedContact[] {
    return message.contacts ?? [];
  }

  @FieldResolver(() => String, { nullable: true, description: "Nome do modelo de mensagem, quando enviada como modelo." })
  templateName(@Root() message: Message): string | null {
    return message.template?.name ?? null;
  }

  @FieldResolver(() => Session)
  async session(@Root() message: Message, @Ctx() ctx: RequestContext): Promise<Session> {
    return (await sessionLoader(ctx).load(message.sessionId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  author(@Root() message: Message, @Ctx() ctx: RequestContext) {
    return message.authorId ? ctx.loaders.user.load(message.authorId) : null;
  }
}
