import type { Request, Response } from "express";
import type { Client } from "../entities/client";
import type { Inbox } from "../entities/inbox";
import type { Message } from "../entities/message";
import type { CircuitBreaker, FetchLike } from "../infra/providers";
import type { Logger } from "../infra/logger";
import type { ChannelType, InboxProvider } from "../schema/enums";
import type { InboundMedia, IntakeItem } from "./types";

/**
 * One messaging provider (Evolution, WhatsApp Cloud API, generic webhook…): how an
 * inbox of it is configured, how its webhooks are verified, parsed and keyed, and
 * how a reply goes out. The platform (intake, inbound processing, outbound sends)
 * works only through this interface, so a new channel adds a folder here and a
 * line in `./index.ts`, not branches in shared code.
 *
 * Channels sit below the services: they never import services; what they need of
 * the platform comes in through `ChannelRuntime` and `WebhookKit`.
 */
export interface Channel<C extends object = object> {
  readonly provider: InboxProvider;
  /** Path segment of its webhooks: `/webhooks/<slug>/:inboxKey…`. */
  readonly slug: string;
  readonly channelType: ChannelType;
  /** Validates this provider's section of `CreateInboxInput` into the config that is sealed with the inbox. */
  configure(input: Record<string, unknown>, tools: ConfigureTools): Promise<ConfiguredInbox<C>>;
  readonly webhooks: ReadonlyArray<WebhookRoute<C>>;
  /**
   * Sends one outbound message (idempotency is the caller's: it never sends a message that has a
   * provider id). The message carries its file (`attachment`), the message it quotes and, for
   * WhatsApp templates, the template to use.
   */
  send(rt: ChannelRuntime<C>, to: Recipient, message: OutgoingMessage, context?: SendContext): Promise<SendResult>;
  /** Threads its replies (e-mail): the platform passes the conversation's thread in `SendContext`. */
  readonly threaded?: boolean;
  /** The inbox secret's format, when the channel needs a particular one (Standard Webhooks `whsec_…`). */
  newSecret?(): string;
  /** Downloads an inbound message's media from the provider; null when the provider has none to give. */
  fetchMedia?(rt: ChannelRuntime<C>, media: InboundMedia): Promise<FetchedMedia | null>;

  // ---- Optional capabilities: a channel that cannot do it leaves it out (the platform says so).

  /** What files this channel sends, checked before anything is stored or sent; absent: text only. */
  readonly mediaLimits?: MediaLimits;
  /** Hours after the client's last message during which free-form messages may go out (WhatsApp Cloud: 24). */
  readonly replyWindowHours?: number;
  /** Checks the credentials against the provider; throws a `CredentialsError` naming the input field. */
  verifyCredentials?(rt: ChannelRuntime<C>): Promise<void>;
  /** Points the provider's webhook at us (Evolution `/webhook/set`); called on create, update and secret rotation. */
  registerWebhook?(rt: ChannelRuntime<C>, hook: { url: string; secret: string }): Promise<void>;
  /** Starts pairing a device: QR code and/or pairing code (Evolution `/instance/connect`). */
  connect?(rt: ChannelRuntime<C>, opts: { phoneNumber?: string | null }): Promise<ConnectResult>;
  logout?(rt: ChannelRuntime<C>): Promise<void>;
  restart?(rt: ChannelRuntime<C>): Promise<void>;
  /** Marks the client's messages as read on the provider (blue ticks). */
  markRead?(rt: ChannelRuntime<C>, to: Recipient, providerMessageIds: string[]): Promise<void>;
  /** Shows "typing…" to the client; `lastInboundId` is the client's last message (the Cloud API needs it). */
  sendTyping?(rt: ChannelRuntime<C>, to: Recipient, lastInboundId: string | null): Promise<boolean>;
  /** Message templates approved (or not) for this inbox, from the provider. */
  listTemplates?(rt: ChannelRuntime<C>): Promise<ProviderTemplate[]>;
}

export type MediaKind = "image" | "audio" | "video" | "document";

/** Per kind: the largest file and the MIME types the provider takes. */
export type MediaLimits = Partial<Record<MediaKind, { maxBytes: number; mimeTypes: readonly string[] }>>;

export interface OutgoingAttachment {
  kind: MediaKind;
  data: Buffer;
  mimeType: string;
  fileName: string | null;
  /** Audio sent as a voice note (push-to-talk) rather than a file. */
  voice: boolean;
}

/** A stored outbound message with what its channel needs to deliver it. */
export type OutgoingMessage = Message & {
  attachment?: OutgoingAttachment | null;
  /** The message being answered, as the provider knows it. */
  quoted?: { providerMessageId: string; text: string | null; fromClient: boolean } | null;
};

export interface ConnectResult {
  state: "CONNECTED" | "DISCONNECTED" | "CONNECTING";
  qrCodeBase64: string | null;
  pairingCode: string | null;
}

export interface ProviderTemplate {
  providerId: string | null;
  name: string;
  language: string;
  category: string;
  status: string;
  bodyText: string | null;
  parameterCount: number;
}

/** Credentials the provider refused (or could not be checked): shown to the admin, naming the field. */
export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export interface ConfiguredInbox<C> {
  config: C;
  /** Provider-side routing id (Cloud API phone_number_id, Evolution instance). Not secret. */
  externalId: string | null;
}

export interface ConfigureTools {
  /** Normalises and checks a tenant-given URL (SSRF guard); throws BAD_USER_INPUT naming `field`. */
  checkUrl(field: string, value: string): Promise<string>;
  /** Checks a tenant-given host name for a TCP service (SMTP, IMAP) the same way; returns it normalised. */
  checkHost(field: string, host: string): Promise<string>;
}

/** What a channel may use of one inbox at run time. */
export interface ChannelRuntime<C> {
  inbox: Inbox;
  config: C;
  /** The inbox's webhook secret (HMAC key, header token, JWT key). */
  secret(): string;
  /** Every secret a webhook may be signed with now: the current one and, during the grace period after a rotation, the previous one. */
  acceptedSecrets(): string[];
  /** Per-inbox circuit breaker for calls to the provider. */
  breaker: CircuitBreaker;
  /** fetch through the SSRF guard: every call to a tenant-given URL uses it. */
  fetch: FetchLike;
  /** Resolves a tenant-given host and refuses private addresses (SSRF) unless allowed: connect to the address returned. */
  resolveHost(host: string): Promise<string>;
}

export type Recipient = Pick<Client, "waId" | "phone" | "email" | "name">;

export interface SendResult {
  providerMessageId: string | null;
}

/** What a reply may need of its conversation beyond the message itself. */
export interface SendContext {
  /** Channels that thread (e-mail): what the reply answers and refers to. */
  thread?: ThreadRef | null;
}

export interface ThreadRef {
  /** The conversation's subject as the client wrote it (the channel adds "Re:"). */
  subject: string | null;
  /** Provider id of the message being answered (e-mail: its Message-ID). */
  inReplyTo: string | null;
  /** Provider ids of the conversation so far, oldest first (e-mail: References). */
  references: string[];
}

export interface FetchedMedia {
  data: Buffer;
  mimeType: string | null;
}

/** What the platform lends a webhook handler. */
export interface WebhookKit<C> {
  /** The enabled inbox of this channel that `:inboxKey` names; answers 404 and returns null otherwise. */
  inbox(req: Request, res: Response): Promise<ChannelRuntime<C> | null>;
  /** Stores the events durably (committed before the answer) and enqueues their processing. */
  store(inbox: Inbox, items: IntakeItem[], rawText: string | null): Promise<{ accepted: number; duplicates: number }>;
  log: Logger;
}

export interface WebhookRoute<C> {
  method: "get" | "post";
  /** Appended to `/webhooks/<slug>/:inboxKey`. */
  path: string;
  /** Needs the raw body (signatures are computed over the exact bytes). */
  rawBody: boolean;
  handle(req: Request, res: Response, kit: WebhookKit<C>): Promise<void>;
}

/** Parses a raw JSON body; answers 400 and returns undefined when it is not JSON. */
export function readJson(req: Request, res: Response): unknown | undefined {
  try {
    return JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
  } catch {
    res.status(400).json({ error: "json_invalido" });
    return undefined;
  }
}

export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
