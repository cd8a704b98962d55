// Provider-neutral inbound events. Both the Evolution and Cloud API parsers
// produce these so the ticketing pipeline never sees provider payloads.

export type InboundMessageType =
  | "TEXT"
  | "IMAGE"
  | "AUDIO"
  | "VIDEO"
  | "DOCUMENT"
  | "LOCATION"
  | "INTERACTIVE"
  | "REACTION"
  | "CONTACT";

/** A contact card shared by the client (vCard / Cloud API `contacts`). */
export interface InboundContact {
  name: string;
  phones: string[];
}

export type DeliveryStatus = "PENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED";

export type ConnectionState = "CONNECTED" | "DISCONNECTED" | "UNKNOWN";

export interface InboundSender {
  /** E.164 ("+5511987654321") built from exactly the digits the provider sent. */
  phone: string | null;
  /** Provider identity to reply to, exactly as received (never "fixed"). */
  waId: string | null;
  /** Cloud API business-scoped user id (BSUID) or Evolution LID JID. */
  userId?: string | null;
  /** E-mail channel: the sender's address (lowercase). */
  email?: string | null;
  name: string | null;
}

/** E-mail headers of an inbound mail (threading) and its text before stripping. */
export interface InboundEmail {
  subject: string | null;
  /** The From header as written ("Nome <a@b.com>"). */
  from: string | null;
  to: string[];
  cc: string[];
  /** Message-ID without angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Conversation token found in a recipient address (`+token@`) or the subject (`[#token]`). */
  token: string | null;
  /** The text before quoted history and signature were stripped. */
  originalText: string | null;
  /** Set on an attachment's own event: the Message-ID of the mail it came with (no reply of its own). */
  attachmentOf?: string | null;
}

export interface InboundMedia {
  mimeType: string | null;
  fileName: string | null;
  caption: string | null;
  /** Evolution with `webhook.base64: true`: the decrypted file, base64. */
  inlineBase64?: string | null;
  /** Cloud API media id (GET /{media-id}). */
  providerMediaId?: string | null;
  url?: string | null;
  voice?: boolean;
  seconds?: number | null;
  /** Hex for Evolution (decoded from bytes); as received for Cloud API. */
  sha256?: string | null;
  /** Evolution: the whole webhook `data`, needed by getBase64FromMediaMessage. */
  raw?: unknown;
}

export interface InboundLocation {
  latitude: number;
  longitude: number;
  name?: string | null;
  address?: string | null;
}

export interface InboundMessageEvent {
  kind: "message";
  providerMessageId: string;
  from: InboundSender;
  timestamp: Date;
  type: InboundMessageType;
  /** Body text; for media the caption; for interactive replies the title. */
  text: string | null;
  media?: InboundMedia;
  location?: InboundLocation;
  interactive?: { id: string; title: string };
  contacts?: InboundContact[];
  /** The message this one quotes or, for a REACTION, the message reacted to. */
  replyToProviderId?: string | null;
  /** Set at intake when `text` was longer than INBOUND_TEXT_MAX_CHARS and was cut: its original length. */
  originalLength?: number | null;
  /** E-mail channel: headers and original text. */
  email?: InboundEmail;
}

export interface InboundEchoEvent {
  kind: "echo";
  providerMessageId: string;
  to: string | null;
  text: string | null;
  timestamp: Date;
}

export interface InboundStatusEvent {
  kind: "status";
  providerMessageId: string;
  status: DeliveryStatus;
  timestamp: Date;
  error?: { code: string; title: string; detail?: string } | null;
}

export interface InboundConnectionEvent {
  kind: "connection";
  state: ConnectionState;
  reason?: string | null;
}

export interface InboundIgnoredEvent {
  kind: "ignored";
  reason: string;
}

export type InboundEvent =
  | InboundMessageEvent
  | InboundEchoEvent
  | InboundStatusEvent
  | InboundConnectionEvent
  | InboundIgnoredEvent;

/** The body will never be acceptable: answer 4xx (Evolution does not retry 400/422). */
export class InvalidPayloadError extends Error {
  readonly statusCode = 422;
  override readonly name = "InvalidPayloadError";
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** One provider event ready to be stored: `key` is unique per inbox (redeliveries are no-ops). */
export interface IntakeItem {
  key: string;
  event: InboundEvent | null;
  /** Dead letters: stored for a person to look at, never processed. */
  dead?: string;
}
