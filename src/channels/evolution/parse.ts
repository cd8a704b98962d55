import { extractContent } from "./content";
import { decodeEpochSeconds, decodeLong, isObject, shortHash, str, type JsonObject } from "../encoding";
import {
  InvalidPayloadError,
  type ConnectionState,
  type DeliveryStatus,
  type InboundEvent,
  type InboundSender,
} from "../types";

export { decodeBytes, decodeLong } from "../encoding";
export { InvalidPayloadError } from "../types";
export type { InboundEvent } from "../types";

export interface ParseOptions {
  /** Fallback timestamp when the payload carries none (status/edit updates). */
  now?: Date;
}

// ---------------------------------------------------------------- envelope

interface Envelope {
  event: string;
  body: JsonObject;
}

// v2 sends "messages.upsert"; configuration keys are "MESSAGES_UPSERT".
// Accept both so a proxy that rewrites the event name doesn't break us.
function normalizeEventName(event: string): string {
  return event.trim().toLowerCase().replace(/_/g, ".");
}

function envelope(body: unknown): Envelope {
  if (!isObject(body)) throw new InvalidPayloadError("Evolution webhook body must be a JSON object");
  const event = str(body.event);
  if (!event) throw new InvalidPayloadError("Evolution webhook body has no `event`", "event");
  return { event: normalizeEventName(event), body };
}

function requireData(env: Envelope): JsonObject {
  if (!isObject(env.body.data)) throw new InvalidPayloadError(`${env.event} without a \`data\` object`, "data");
  return env.body.data;
}

function requireMessageKey(data: JsonObject): { key: JsonObject; id: string } {
  const key = data.key;
  if (!isObject(key)) throw new InvalidPayloadError("message without `data.key`", "data.key");
  const id = str(key.id);
  if (!id) throw new InvalidPayloadError("message without `data.key.id`", "data.key.id");
  return { key, id };
}

function statusKeyId(data: JsonObject): string {
  const id = str(data.keyId) ?? (isObject(data.key) ? str(data.key.id) : null);
  if (!id) throw new InvalidPayloadError("messages.update without `data.keyId`", "data.keyId");
  return id;
}

// ---------------------------------------------------------------- identity

interface Jid {
  user: string;
  server: string;
}

function parseJid(value: unknown): Jid | null {
  const s = str(value);
  if (!s) return null;
  const at = s.indexOf("@");
  if (at <= 0) return null;
  // The device suffix ("5511...:12@s.whatsapp.net") identifies a linked device, not a person.
  return { user: s.slice(0, at).split(":")[0]!, server: s.slice(at + 1).toLowerCase() };
}

const PHONE_SERVERS = new Set(["s.whatsapp.net", "c.us"]);

function chatIgnoreReason(jid: Jid): string | null {
  if (jid.server === "g.us") return "group chat";
  if (jid.server === "broadcast") return jid.user === "status" ? "status broadcast" : "broadcast list";
  if (jid.server === "newsletter") return "newsletter channel";
  return null;
}

/**
 * 2.3.6 keeps `@lid` in remoteJid with the phone JID in remoteJidAlt; 2.3.7
 * swaps them before emitting. Taking the first phone-server JID among all the
 * candidates handles both without caring about the version.
 */
function resolveSender(key: JsonObject, data: JsonObject): Omit<InboundSender, "name"> {
  const candidates = [key.remoteJid, key.remoteJidAlt, key.senderPn, data.senderPn].map(parseJid);
  const phoneJid = candidates.find((j) => j && PHONE_SERVERS.has(j.server) && /^\d{6,15}$/.test(j.user));
  const lidJid = candidates.find((j) => j && j.server === "lid");
  const digits = phoneJid?.user ?? null;
  return {
    phone: digits && digits.length >= 8 ? `+${digits}` : null,
    waId: digits,
    userId: lidJid ? `${lidJid.user}@lid` : null,
  };
}

// ---------------------------------------------------------------- statuses

// renderStatus.ts order: 0 ERROR, 1 PENDING, 2 SERVER_ACK, 3 DELIVERY_ACK, 4 READ, 5 PLAYED.
const STATUS_BY_NAME: Record<string, DeliveryStatus> = {
  ERROR: "FAILED",
  PENDING: "PENDING",
  SERVER_ACK: "SENT",
  DELIVERY_ACK: "DELIVERED",
  READ: "READ",
  PLAYED: "READ",
};
const STATUS_NAMES = ["ERROR", "PENDING", "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED"];

function rawStatus(data: JsonObject): unknown {
  return data.status ?? (isObject(data.update) ? data.update.status : undefined);
}

function mapStatus(raw: unknown): DeliveryStatus | null {
  if (typeof raw === "number") return STATUS_BY_NAME[STATUS_NAMES[raw] ?? ""] ?? null;
  if (typeof raw === "string") return STATUS_BY_NAME[raw.trim().toUpperCase()] ?? null;
  return null;
}

function connectionState(raw: string): ConnectionState {
  switch (raw.toLowerCase()) {
    case "open":
      return "CONNECTED";
    case "close":
    case "refused":
      return "DISCONNECTED";
    default:
      return "UNKNOWN";
  }
}

/** Epoch seconds or, for v1 `datetime`, milliseconds. */
function eventTime(value: unknown, fallback: Date): Date {
  const n = decodeLong(value);
  if (n !== null && n > 1e11) return new Date(n);
  return decodeEpochSeconds(value) ?? fallback;
}

// ---------------------------------------------------------------- parsers

function parseMessage(data: JsonObject, forceEcho: boolean, now: Date): InboundEvent {
  const { key, id } = requireMessageKey(data);
  // Some builds only fill remoteJidAlt when the chat is addressed by LID.
  const chat = parseJid(key.remoteJid) ?? parseJid(key.remoteJidAlt);
  if (!chat) throw new InvalidPayloadError("message without a valid `data.key.remoteJid`", "data.key.remoteJid");
  const ignore = chatIgnoreReason(chat);
  if (ignore) return { kind: "ignored", reason: ignore };

  // Never `date_time`: it is São Paulo wall-clock time mislabelled as UTC.
  const timestamp = decodeEpochSeconds(data.messageTimestamp) ?? now;
  const sender = resolveSender(key, data);
  const parsed = extractContent(data.message, data);
  const reactedTo = parsed.ok && parsed.content.type === "REACTION" ? parsed.content.contextStanzaId : null;
  const replyTo = reactedTo ?? (isObject(data.contextInfo) ? str(data.contextInfo.stanzaId) : null) ?? (parsed.ok ? parsed.content.contextStanzaId : null);

  if (forceEcho || key.fromMe === true) {
    // Reactions, revokes etc. sent from the phone are not messages to log.
    if (!parsed.ok) return { kind: "ignored", reason: `own ${parsed.reason}` };
    return {
      kind: "echo",
      providerMessageId: id,
      to: sender.phone ?? sender.userId ?? null,
      text: parsed.content.text,
      timestamp,
    };
  }
  if (!parsed.ok) return { kind: "ignored", reason: parsed.reason };

  const { contextStanzaId: _unused, ...content } = parsed.content;
  return {
    kind: "message",
    providerMessageId: id,
    from: { ...sender, name: str(data.pushName)?.trim() || null },
    timestamp,
    ...content,
    replyToProviderId: replyTo,
  };
}

function parseStatus(data: JsonObject, now: Date): InboundEvent {
  const keyId = statusKeyId(data);
  const raw = rawStatus(data);
  if (raw === undefined || raw === null) {
    // Edits also arrive as messages.update, with `message` and no status.
    return { kind: "ignored", reason: isObject(data.message) ? "message edit" : "update without status" };
  }
  const status = mapStatus(raw);
  if (!status) return { kind: "ignored", reason: `unknown status ${String(raw)}` };
  return {
    kind: "status",
    providerMessageId: keyId,
    status,
    timestamp: eventTime(data.messageTimestamp ?? data.timestamp ?? data.datetime, now),
    error: status === "FAILED" ? { code: "ERROR", title: "WhatsApp reported the message as failed" } : null,
  };
}

function parseConnection(data: JsonObject): InboundEvent {
  const state = str(data.state);
  if (!state) throw new InvalidPayloadError("connection.update without `data.state`", "data.state");
  const reason = data.statusReason ?? (state.toLowerCase() === "refused" ? "refused" : null);
  return {
    kind: "connection",
    state: connectionState(state),
    reason: reason === null || reason === undefined ? null : String(reason),
  };
}

/**
 * Normalises one Evolution webhook body. Throws InvalidPayloadError for bodies
 * that will never be acceptable (answer 422, which Evolution doesn't retry).
 */
export function parseEvolutionWebhook(body: unknown, options: ParseOptions = {}): InboundEvent {
  const now = options.now ?? new Date();
  const env = envelope(body);
  switch (env.event) {
    case "messages.upsert":
      return parseMessage(requireData(env), false, now);
    case "send.message":
      return parseMessage(requireData(env), true, now);
    case "messages.update":
      return parseStatus(requireData(env), now);
    case "connection.update":
      return parseConnection(requireData(env));
    default:
      return { kind: "ignored", reason: `unhandled event ${env.event}` };
  }
}

/**
 * Dedupe key for a raw body. Messages and echoes share `msg:<key.id>` (the
 * same WhatsApp message either way); retried connection events are
 * byte-identical, so hashing the body dedupes retries but not new events.
 * Scope the key by inbox/instance when storing it.
 */
export function eventKey(body: unknown): string {
  const env = envelope(body);
  switch (env.event) {
    case "messages.upsert":
    case "send.message":
      return `msg:${requireMessageKey(requireData(env)).id}`;
    case "messages.update": {
      const data = requireData(env);
      const keyId = statusKeyId(data);
      const raw = rawStatus(data);
      if (raw === undefined || raw === null) return `update:${keyId}:${shortHash(data)}`;
      return `status:${keyId}:${mapStatus(raw) ?? String(raw)}`;
    }
    case "connection.update": {
      const data = requireData(env);
      const state = str(data.state);
      return `conn:${state ? connectionState(state) : "UNKNOWN"}:${shortHash(env.body)}`;
    }
    default:
      return `evt:${env.event}:${shortHash(env.body)}`;
  }
}
