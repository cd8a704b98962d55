import { MoreThan, type DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { InboundEvent } from "../../entities/inbound-event";
import { Inbox } from "../../entities/inbox";
import { Message, type MessageEmail, type MessageMedia } from "../../entities/message";
import { Session } from "../../entities/session";
import type { RequestContext } from "../../context";
import { inTransaction } from "../../context";
import type { Logger } from "../../infra/logger";
import { newStorageKey, type Storage } from "../../infra/storage";
import { DELIVERY_RANK, DeliveryStatus, InboxConnectionState, MessageDirection, MessageSender, MessageType, type InboxProvider } from "../../schema/enums";
import type { ClientsService } from "../clients/clients.service";
import type { ConsentsService } from "../consents/consents.service";
import type { ConversationService } from "../conversations/conversation.service";
import type { MessagesService } from "../conversations/messages.service";
import type { SessionsService } from "../conversations/sessions.service";
import type { Events } from "../events";
import type { InboundEmail, InboundEvent as Normalized } from "../../channels/types";
import { channelFor } from "../../channels";
import { normalizePhone } from "../validation/br";
import type { InboxesService } from "./inboxes.service";
import { WINDOW_CLOSED, windowClosedMessage } from "./reply-window";
import { MAX_ATTEMPTS } from "./intake.service";

/** Thrown to retry later (e.g. a receipt that arrived before the message it is about). */
class NotYet extends Error {}

/**
 * Finds (or opens) the conversation of a message whose sender is not a phone number
 * (e-mail: by address and thread headers); the channel's service plugs in here.
 */
export type ConversationResolver = (ctx: RequestContext, inbox: Inbox, e: Extract<Normalized, { kind: "message" }>) => Promise<{ client: Client; session: Session } | null>;

/** Hook for media that can be read (OCR): the documents area plugs in here. */
export type MediaIngest = (ctx: RequestContext, input: { tenantId: string; clientId: string; messageId: string; data: Buffer; storageKey: string; mimeType: string; fileName: string | null }) => Promise<unknown>;

const TYPE: Record<string, MessageType> = { TEXT: MessageType.TEXT, IMAGE: MessageType.IMAGE, AUDIO: MessageType.AUDIO, VIDEO: MessageType.VIDEO, DOCUMENT: MessageType.DOCUMENT, LOCATION: MessageType.LOCATION, INTERACTIVE: MessageType.INTERACTIVE, REACTION: MessageType.REACTION, CONTACT: MessageType.CONTACT };

/**
 * Applies one stored provider event to the conversation model. Runs in a job and
 * may run more than once: every step checks what is already there.
 */
export class InboundProcessor {
  mediaIngest: MediaIngest | null = null;
  readonly conversationResolvers: Partial<Record<InboxProvider, ConversationResolver>> = {};

  constructor(
    private readonly ds: DataSource,
    private readonly deps: {
      systemContext: (tenantId: string) => RequestContext;
      inboxes: InboxesService;
      clients: ClientsService;
      sessions: SessionsService;
      messages: MessagesService;
      conversations: ConversationService;
      consents: ConsentsService;
      events: Events;
      storage: Storage;
      logger: Logger;
    },
  ) {}

  async process(eventId: string, attempt: number): Promise<void> {
    const row = await this.ds.manager.findOne(InboundEvent, { where: { id: eventId } });
    if (!row || row.status !== "PENDING") return;
    const inbox = await this.ds.manager.findOneOrFail(Inbox, { where: { id: row.inboxId } });
    const ctx = this.deps.systemContext(row.tenantId);
    const event = (row.payload as { event?: Normalized } | null)?.event;
    try {
      let outcome: "PROCESSED" | "IGNORED" = "PROCESSED";
      if (!event) outcome = "IGNORED";
      else if (event.kind === "message") outcome = await this.message(ctx, inbox, event);
      else if (event.kind === "echo") await this.echo(ctx, inbox, event, attempt);
      else if (event.kind === "status") outcome = await this.status(ctx, event, attempt);
      else if (event.kind === "connection") await this.deps.inboxes.setConnectionState(ctx, inbox, event.state as InboxConnectionState, event.reason);
      else outcome = "IGNORED";
      // The content now lives in messages: the raw copy is dropped (less personal data at rest).
      await this.ds.manager.update(InboundEvent, { id: row.id }, { status: outcome, processedAt: new Date(), attempts: (row.attempts ?? 0) + 1, error: null, payload: (outcome === "PROCESSED" ? null : row.payload) as never });
    } catch (err) {
      // Attempts add up over every job of the event (a sweep re-enqueues with the job counter at 1).
      const total = (row.attempts ?? 0) + 1;
      const notYetDone = err instanceof NotYet && attempt >= 4;
      const givenUp = !notYetDone && total >= MAX_ATTEMPTS;
      const ending = notYetDone ? { status: "IGNORED" as const, processedAt: new Date() } : givenUp ? { status: "FAILED" as const, processedAt: new Date() } : {};
      await this.ds.manager.update(InboundEvent, { id: row.id }, { attempts: total, error: String((err as Error).message ?? err).slice(0, 500), ...ending });
      if (givenUp) this.deps.logger.error({ err, eventId: row.id }, "inbound event failed for good");
      if (!notYetDone && !givenUp) throw err;
    }
  }

  private async message(ctx: RequestContext, inbox: Inbox, e: Extract<Normalized, { kind: "message" }>): Promise<"PROCESSED" | "IGNORED"> {
    const target = await this.conversationFor(ctx, inbox, e);
    if (!target) return "IGNORED";
    const { client, session } = target;
    let message = await ctx.em.findOne(Message, { where: { tenantId: inbox.tenantId, providerMessageId: e.providerMessageId } });
    const resumed = Boolean(message);
    if (!message) {
      const media: MessageMedia | null = e.media
        ? { mimeType: e.media.mimeType ?? null, fileName: e.media.fileName ?? null, caption: e.media.caption ?? null, providerMediaId: e.media.providerMediaId ?? null, voice: e.media.voice, seconds: e.media.seconds ?? null }
        : null;
      const replyToId = await this.localId(inbox.tenantId, e.replyToProviderId);
      try {
        message = await inTransaction(this.ds, ctx, (tx) =>
          this.deps.messages.append(tx, session.id, {
            direction: MessageDirection.INBOUND,
            sender: MessageSender.CLIENT,
            type: TYPE[e.type] ?? MessageType.TEXT,
            text: e.text ?? (e.location ? [e.location.name, e.location.address].filter(Boolean).join(" — ") || null : null),
            media,
            location: e.location ?? null,
            contacts: e.contacts ?? null,
            providerMessageId: e.providerMessageId,
            replyToProviderId: e.replyToProviderId ?? null,
            replyToMessageId: replyToId,
            originalLength: e.originalLength ?? null,
            email: e.email && !e.email.attachmentOf ? messageEmail(e.email) : null,
            deliveryStatus: DeliveryStatus.DELIVERED,
          }),
        );
      } catch {
        // The same message processed concurrently: the unique index kept one.
        message = await ctx.em.findOneOrFail(Message, { where: { tenantId: inbox.tenantId, providerMessageId: e.providerMessageId } });
      }
    }
    if (e.media && !message.media?.storageKey) await this.fetchMedia(ctx, inbox, client, message, e);
    // A reaction is shown on the message it reacts to; nobody needs to answer it.
    if (message.type === MessageType.REACTION) return "PROCESSED";
    // An e-mail's attachment is answered with the mail's text, not on its own.
    if (e.email?.attachmentOf) return "PROCESSED";
    if (resumed && (await ctx.em.exists(Message, { where: { sessionId: session.id, direction: MessageDirection.OUTBOUND, createdAt: MoreThan(message.createdAt) } }))) {
      return "PROCESSED"; // answered before the interruption
    }
    if (message.text) {
      const confirmation = await this.deps.consents.revokeByClientMessage(ctx, client.id, message.text, e.providerMessageId);
      if (confirmation) {
        await inTransaction(this.ds, ctx, (tx) => this.deps.messages.system(tx, session.id, confirmation));
        return "PROCESSED";
      }
    }
    await this.deps.conversations.respond(ctx, session.id, message);
    return "PROCESSED";
  }

  /** Our message a provider id refers to (quoted or reacted to), when we have it. */
  private async localId(tenantId: string, providerId: string | null | undefined): Promise<string | null> {
    if (!providerId) return null;
    const row = await this.ds.manager.findOne(Message, { where: { tenantId, providerMessageId: providerId }, select: { id: true } });
    return row?.id ?? null;
  }

  private async conversationFor(ctx: RequestContext, inbox: Inbox, e: Extract<Normalized, { kind: "message" }>): Promise<{ client: Client; session: Session } | null> {
    const resolver = this.conversationResolvers[inbox.provider];
    if (resolver) return resolver(ctx, inbox, e);
    const phone = e.from.phone ?? (e.from.waId ? `+${e.from.waId}` : null);
    if (!phone) return null;
    const client = await this.deps.clients.findOrCreateByPhone(ctx, normalizePhone(phone) ?? phone, { name: e.from.name, waId: e.from.waId ?? phone.replace(/\D/g, ""), channel: inbox.channel });
    return { client, session: await this.deps.sessions.start(ctx, { clientId: client.id, channel: inbox.channel, inboxId: inbox.id }) };
  }

  private async fetchMedia(ctx: RequestContext, inbox: Inbox, client: Client, message: Message, e: Extract<Normalized, { kind: "message" }>): Promise<void> {
    const m = e.media!;
    try {
      let data: Buffer;
      let mimeType = m.mimeType ?? "application/octet-stream";
      if (m.inlineBase64) data = Buffer.from(m.inlineBase64, "base64");
      else {
        const got = await channelFor(inbox.provider).fetchMedia?.(this.deps.inboxes.runtime(inbox), m);
        if (!got) return;
        data = got.data;
        mimeType = got.mimeType ?? mimeType;
      }
      const storageKey = newStorageKey(inbox.tenantId, "media", mimeType);
      await this.deps.storage.put(storageKey, data, mimeType);
      const media = { ...(message.media ?? {}), storageKey, mimeType, size: data.length };
      await ctx.em.update(Message, { id: message.id }, { media: media as never });
      message.media = media;
      // messageAdded went out before the file was here: consoles showing the message now get its attachment.
      const session = await ctx.em.findOneByOrFail(Session, { id: message.sessionId });
      await this.deps.events.messageUpdated(ctx, inbox.tenantId, message.id, message.sessionId, session.assignedAgentId);
      if (this.mediaIngest && (e.type === "IMAGE" || e.type === "DOCUMENT")) {
        await this.mediaIngest(ctx, { tenantId: inbox.tenantId, clientId: client.id, messageId: message.id, data, storageKey, mimeType, fileName: m.fileName ?? null });
      }
    } catch (err) {
      // The message stays; a missing attachment must not lose the conversation.
      this.deps.logger.warn({ err, messageId: message.id }, "media could not be fetched");
    }
  }

  /** Our own outbound coming back (fromMe / send.message): reconcile, never client input. */
  private async echo(ctx: RequestContext, inbox: Inbox, e: Extract<Normalized, { kind: "echo" }>, attempt: number): Promise<void> {
    const mine = await ctx.em.findOne(Message, { where: { tenantId: inbox.tenantId, providerMessageId: e.providerMessageId } });
    if (mine) {
      if (mine.deliveryStatus === DeliveryStatus.PENDING) await ctx.em.update(Message, { id: mine.id }, { deliveryStatus: DeliveryStatus.SENT });
      return;
    }
    // Our send may still be recording the provider id: look again before deciding it came from the phone.
    if (attempt < 3) throw new NotYet("eco antes do registro do envio");
    const phone = e.to ? normalizePhone(e.to) : null;
    const client = phone ? await ctx.em.findOne(Client, { where: { tenantId: inbox.tenantId, phone } }) : null;
    if (!client) return;
    const session = await this.deps.sessions.start(ctx, { clientId: client.id, channel: inbox.channel, inboxId: inbox.id });
    // Typed on the paired phone: logged as an agent message sent outside the platform.
    await inTransaction(this.ds, ctx, (tx) =>
      this.deps.messages.append(tx, session.id, { direction: MessageDirection.OUTBOUND, sender: MessageSender.AGENT, text: e.text, providerMessageId: e.providerMessageId, deliveryStatus: DeliveryStatus.SENT }),
    ).catch(() => undefined);
  }

  /** Receipts only move a message forward; a failure is stored and shown to the agent. */
  private async status(ctx: RequestContext, e: Extract<Normalized, { kind: "status" }>, attempt: number): Promise<"PROCESSED" | "IGNORED"> {
    const tenantId = ctx.principal!.tenantId;
    const message = await ctx.em.findOne(Message, { where: { tenantId, providerMessageId: e.providerMessageId } });
    if (!message) {
      if (attempt < 4) throw new NotYet("recibo antes da mensagem");
      return "IGNORED";
    }
    const next = e.status as DeliveryStatus;
    const failed = next === DeliveryStatus.FAILED;
    if (failed ? message.deliveryStatus === DeliveryStatus.READ || message.deliveryStatus === DeliveryStatus.FAILED : DELIVERY_RANK[next] <= DELIVERY_RANK[message.deliveryStatus]) return "PROCESSED";
    const error = failed && e.error ? describeFailure(e.error) : null;
    const errorCode = failed && e.error ? (e.error.code === "131047" ? WINDOW_CLOSED : e.error.code) : null;
    // Compare-and-set on the rank so concurrent receipts cannot move it backwards.
    const res = await ctx.em
      .createQueryBuilder()
      .update(Message)
      .set({ deliveryStatus: next, ...(error ? { deliveryError: error, deliveryErrorCode: errorCode } : {}) })
      .where("id = :id AND delivery_status = :current", { id: message.id, current: message.deliveryStatus })
      .execute();
    if (!res.affected) throw new Error("status changed concurrently; retry");
    const session = await ctx.em.findOneByOrFail(Session, { id: message.sessionId });
    await this.deps.events.messageUpdated(ctx, tenantId, message.id, message.sessionId, session.assignedAgentId);
    return "PROCESSED";
  }
}

function messageEmail(e: InboundEmail): MessageEmail {
  return { subject: e.subject, from: e.from, to: e.to, cc: e.cc, messageId: e.messageId, inReplyTo: e.inReplyTo, references: e.references, originalText: e.originalText };
}

function describeFailure(err: { code: string; title: string; detail?: string }): string {
  if (err.code === "131047") return `131047: ${windowClosedMessage(null)}`;
  return `${err.code}: ${err.detail || err.title}.`.slice(0, 500);
}
