import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription, UseMiddleware, type SubscribeResolverData } from "type-graphql";
import { GraphQLUpload } from "graphql-upload-minimal";
import type { RequestContext } from "../context";
import { Message } from "../entities/message";
import { Session } from "../entities/session";
import { Role } from "../schema/enums";
import { Errors } from "../schema/errors";
import { TypingIndicator, VisitorSession, VisitorSessionInput, WebChatSettings } from "../schema/types/webchat.types";
import type { Services } from "../services";
import type { FileUploadLike } from "../services/documents/documents.service";
import { EventResolutionCache, filterEvents, Topics, type MessageEventPayload, type TypingEventPayload } from "../services/events";
import { uploadArgumentErrors } from "./document.resolver";
import { sessionScoped } from "./subscription.resolver";


/** One load per event per process, shared by every subscriber. */
const resolved = new EventResolutionCache();

/** The visitor of a subscription (token in connection_init); everything is filtered to their session. */
function visitorOf(ctx: RequestContext): { tenantId: string; sessionId: string } {
  const p = ctx.principal;
  if (!p) throw Errors.unauthenticated();
  if (p.kind !== "visitor" || !p.sessionId) throw Errors.forbidden();
  return { tenantId: p.tenantId, sessionId: p.sessionId };
}

const typingOf = (e: TypingEventPayload): TypingIndicator => ({ sessionId: e.sessionId, sender: e.sender as TypingIndicator["sender"], typing: e.typing, at: new Date(e.at) });

/**
 * Web chat: the public settings and the visitor operations (no @Authorized: they
 * take the visitor's token, checked by the service, and the request's Origin).
 */
@Resolver()
export class WebChatResolver {
  constructor(private readonly services: Services) {}

  @Query(() => WebChatSettings, { description: "Aparência e aviso de privacidade do chat (público; só para os sites permitidos)." })
  webChatSettings(@Ctx() ctx: RequestContext, @Arg("publicKey", () => String) publicKey: string) {
    return this.services.webChat.settings(ctx, publicKey);
  }

  @Mutation(() => VisitorSession, { description: "Inicia a conversa de um visitante do site (depois de aceitar o aviso de privacidade)." })
  startVisitorSession(@Ctx() ctx: RequestContext, @Arg("input", () => VisitorSessionInput) input: VisitorSessionInput) {
    return this.services.webChat.start(ctx, input);
  }

  @Query(() => Session, { description: "A conversa do visitante (token de visitante)." })
  visitorSession(@Ctx() ctx: RequestContext) {
    return this.services.webChat.session(ctx);
  }

  @UseMiddleware(uploadArgumentErrors)
  @Mutation(() => Message, { description: "Mensagem do visitante (token de visitante); anexos passam pelas mesmas verificações dos documentos." })
  sendVisitorMessage(
    @Ctx() ctx: RequestContext,
    @Arg("text", () => String) text: string,
    @Arg("attachments", () => [GraphQLUpload], { nullable: true }) attachments: Array<FileUploadLike | Promise<FileUploadLike>> | null,
  ) {
    return this.services.webChat.send(ctx, text, attachments);
  }

  @Mutation(() => Boolean, { description: "O visitante está digitando (ou parou): aparece no console do agente." })
  sendVisitorTyping(@Ctx() ctx: RequestContext, @Arg("typing", () => Boolean, { nullable: true, defaultValue: true }) typing: boolean) {
    return this.services.webChat.visitorTyping(ctx, typing);
  }

  @Subscription(() => Message, {
    description: "Mensagens da conversa do visitante (token de visitante no connection_init).",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      const v = visitorOf(context);
      return filterEvents(context.pubsub.subscribe<MessageEventPayload>(Topics.message(v.tenantId)), (e) => e.sessionId === v.sessionId);
    },
  })
  visitorMessages(@Root() e: MessageEventPayload, @Ctx() ctx: RequestContext): Promise<Message> {
    return resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Message, { where: { id: e.messageId, tenantId: e.tenantId } }));
  }

  @Subscription(() => TypingIndicator, {
    description: "O atendente está digitando na conversa do visitante.",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      const v = visitorOf(context);
      return filterEvents(context.pubsub.subscribe<TypingEventPayload>(Topics.typing(v.tenantId)), (e) => e.sessionId === v.sessionId && e.sender === "AGENT");
    },
  })
  visitorTyping(@Root() e: TypingEventPayload): TypingIndicator {
    return typingOf(e);
  }

  @Subscription(() => TypingIndicator, {
    description: "Quem está digitando nas conversas (mesma visibilidade de messageAdded).",
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => sessionScoped<TypingEventPayload>(data, Topics.typing),
  })
  typingUpdated(@Root() e: TypingEventPayload, @Arg("sessionId", () => ID, { nullable: true }) _sessionId: string | null): TypingIndicator {
    return typingOf(e);
  }
}
