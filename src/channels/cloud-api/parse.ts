import { decodeEpochSeconds, isObject, num, shortHash, str, type JsonObject } from "../encoding";
import type { DeliveryStatus, InboundContact, InboundEvent, InboundMedia, InboundMessageType, InboundSender } from "../types";
import { contactsText } from "../vcard";

export type { InboundEvent } from "../types";

/** A message/status that can never be processed: dead-letter it, still answer 200. */
export interface CloudInvalidEvent {
  kind: "invalid";
  reason: string;
  raw?: unknown;
}

/** Every element carries its own dedupe key and the phone number it was sent to. */
export type CloudEvent = (InboundEvent | CloudInvalidEvent) & {
  dedupeKey: string;
  phoneNumberId: string | null;
};

export interface CloudParseOptions {
  /** Fallback when a message/status has no usable timestamp. */
  now?: Date;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function obj(value: unknown): JsonObject | null {
  return isObject(value) ? value : null;
}

/** The phone_number_id of the first change: which inbox this body belongs to. */
export function routingPhoneNumberId(body: unknown): string | null {
  if (!isObject(body)) return null;
  for (const entry of arr(body.entry)) {
    for (const change of arr(obj(entry)?.changes)) {
      const id = obj(obj(obj(change)?.value)?.metadata)?.phone_number_id;
      // The dashboard "Test" button may send numbers as JSON numbers.
      if (typeof id === "string" && id) return id;
      if (typeof id === "number") return String(id);
    }
  }
  return null;
}

/** Dedupe key per event: wamid for messages/echoes, (id, status) for receipts. */
export function cloudEventKey(event: InboundEvent | CloudInvalidEvent): string {
  switch (event.kind) {
    case "message":
    case "echo":
      return `msg:${event.providerMessageId}`;
    case "status":
      return `status:${event.providerMessageId}:${event.status}`;
    case "invalid":
      return `invalid:${shortHash(event.raw ?? event.reason)}`;
    default:
      return `${event.kind}:${shortHash(event)}`;
  }
}

// ---------------------------------------------------------------- messages

const STATUS_MAP: Record<string, DeliveryStatus> = {
  sent: "SENT",
  delivered: "DELIVERED",
  read: "READ",
  played: "READ", // voice notes, since March 2026
  failed: "FAILED",
};

const MEDIA_TYPES: Record<string, InboundMessageType> = {
  image: "IMAGE",
  sticker: "IMAGE",
  video: "VIDEO",
  audio: "AUDIO",
  document: "DOCUMENT",
};

type Parsed = InboundEvent | CloudInvalidEvent;

function invalid(reason: string, raw: unknown): CloudInvalidEvent {
  return { kind: "invalid", reason, raw };
}

function findContact(contacts: unknown[], waId: string | null, userId: string | null): JsonObject | null {
  // Meta documents contacts[] as parallel to messages[], but batched bodies
  // don't guarantee the order, so match on identity only.
  for (const c of contacts) {
    const contact = obj(c);
    if (!contact) continue;
    if (waId && str(contact.wa_id) === waId) return contact;
    if (userId && str(contact.user_id) === userId) return contact;
  }
  return null;
}

function sender(message: JsonObject, contacts: unknown[]): InboundSender | null {
  const from = str(message.from);
  const fromUserId = str(message.from_user_id);
  if (!from && !fromUserId) return null;
  const contact = findContact(contacts, from, fromUserId);
  // wa_id is kept verbatim: pre-9th-digit Brazilian accounts (12 digits) must be
  // answered on exactly that id.
  const waId = from ?? str(contact?.wa_id);
  return {
    phone: waId && /^\d{8,15}$/.test(waId) ? `+${waId}` : null,
    waId,
    userId: fromUserId ?? str(contact?.user_id),
    name: str(obj(contact?.profile)?.name),
  };
}

type Content = Pick<Extract<InboundEvent, { kind: "message" }>, "type" | "text" | "media" | "location" | "interactive" | "contacts" | "replyToProviderId">;

function contactCards(value: unknown): InboundContact[] {
  return arr(value)
    .map((c) => {
      const card = obj(c);
      const phones = arr(card?.phones).map((p) => {
        const ph = obj(p);
        const digits = (str(ph?.wa_id) ?? str(ph?.phone) ?? "").replace(/\D/g, "");
        return digits.length >= 6 ? `+${digits}` : null;
      }).filter((p): p is string => p !== null);
      const name = str(obj(card?.name)?.formatted_name) ?? str(obj(card?.name)?.first_name) ?? phones[0] ?? null;
      return name ? { name, phones: [...new Set(phones)] } : null;
    })
    .filter((c): c is InboundContact => c !== null);
}

function content(message: JsonObject, type: string): Content | string {
  const payload = obj(message[type]);
  const mediaType = MEDIA_TYPES[type];
  if (mediaType) {
    if (!payload || !str(payload.id)) return `${type} without media id`;
    const media: InboundMedia = {
      mimeType: str(payload.mime_type),
      fileName: str(payload.filename),
      caption: str(payload.caption),
      providerMediaId: str(payload.id),
      url: str(payload.url),
      sha256: str(payload.sha256),
    };
    if (type === "audio") media.voice = payload.voice === true;
    return { type: mediaType, text: media.caption, media };
  }
  switch (type) {
    case "text": {
      const body = typeof payload?.body === "string" ? payload.body : null;
      return body === null ? "text without body" : { type: "TEXT", text: body };
    }
    case "location": {
      const latitude = num(payload?.latitude);
      const longitude = num(payload?.longitude);
      if (latitude === null || longitude === null) return "location without coordinates";
      const name = str(payload?.name);
      return { type: "LOCATION", text: name, location: { latitude, longitude, name, address: str(payload?.address) } };
    }
    case "interactive": {
      const reply = obj(payload?.button_reply) ?? obj(payload?.list_reply);
      const id = str(reply?.id);
      if (!id) return `unsupported interactive type: ${String(payload?.type)}`;
      const title = str(reply?.title) ?? id;
      return { type: "INTERACTIVE", text: title, interactive: { id, title } };
    }
    case "reaction": {
      const target = str(payload?.message_id);
      const emoji = str(payload?.emoji);
      if (!target) return "reaction without message_id";
      // No emoji: the client took the reaction back.
      if (!emoji) return "unsupported reaction removal";
      return { type: "REACTION", text: emoji, replyToProviderId: target };
    }
    case "contacts": {
      const cards = contactCards(message.contacts);
      return cards.length ? { type: "CONTACT", text: contactsText(cards), contacts: cards } : "contacts without a usable card";
    }
    case "button": {
      // Quick-reply button on a template message.
      const id = str(payload?.payload) ?? str(payload?.text);
      if (!id) return "button without payload";
      const title = str(payload?.text) ?? id;
      return { type: "INTERACTIVE", text: title, interactive: { id, title } };
    }
    default:
      return `unsupported message type: ${type}`;
  }
}

function parseMessage(message: unknown, contacts: unknown[], now: Date): Parsed {
  const m = obj(message);
  if (!m) return invalid("message is not an object", message);
  const id = str(m.id);
  if (!id) return invalid("message without id", m);
  const from = sender(m, contacts);
  if (!from) return invalid("message without sender (from/from_user_id)", m);
  const type = str(m.type) ?? "unknown";
  const c = content(m, type);
  if (typeof c === "string") {
    // Well-formed but not something we handle (reaction, order, system…).
    return c.startsWith("unsupported") ? { kind: "ignored", reason: c } : invalid(c, m);
  }
  return {
    kind: "message",
    providerMessageId: id,
    from,
    timestamp: decodeEpochSeconds(m.timestamp) ?? now,
    ...c,
    replyToProviderId: c.replyToProviderId ?? str(obj(m.context)?.id),
  };
}

function parseStatus(status: unknown, now: Date): Parsed {
  const s = obj(status);
  if (!s) return invalid("status is not an object", status);
  const id = str(s.id);
  if (!id) return invalid("status without id", s);
  const raw = str(s.status)?.toLowerCase() ?? "";
  const mapped = STATUS_MAP[raw];
  if (!mapped) return { kind: "ignored", reason: `unknown status ${raw || "(none)"}` };
  const first = obj(arr(s.errors)[0]);
  const detail = str(obj(first?.error_data)?.details) ?? str(first?.message);
  return {
    kind: "status",
    providerMessageId: id,
    status: mapped,
    timestamp: decodeEpochSeconds(s.timestamp) ?? now,
    error: first
      ? {
          code: first.code === undefined || first.code === null ? "UNKNOWN" : String(first.code),
          title: str(first.title) ?? str(first.message) ?? "Unknown error",
          ...(detail ? { detail } : {}),
        }
      : null,
  };
}

/** Coexistence: messages the business typed in the WhatsApp Business app. */
function parseEcho(echo: unknown, now: Date): Parsed {
  const e = obj(echo);
  const id = str(e?.id);
  if (!e || !id) return invalid("message echo without id", echo);
  const type = str(e.type) ?? "unknown";
  const c = content(e, type);
  return {
    kind: "echo",
    providerMessageId: id,
    to: str(e.to),
    text: typeof c === "string" ? null : c.text,
    timestamp: decodeEpochSeconds(e.timestamp) ?? now,
  };
}

function parseValue(field: string, value: JsonObject, now: Date): Parsed[] {
  if (field === "smb_message_echoes") return arr(value.message_echoes).map((e) => parseEcho(e, now));
  const contacts = arr(value.contacts);
  const out: Parsed[] = [
    ...arr(value.messages).map((m) => parseMessage(m, contacts, now)),
    ...arr(value.statuses).map((s) => parseStatus(s, now)),
  ];
  if (out.length === 0) out.push({ kind: "ignored", reason: "messages change without messages or statuses" });
  return out;
}

/**
 * Flattens a Cloud API notification into events. Never throws: a signed body
 * Meta will keep retrying for 7 days must be answered 200, so anything
 * unusable becomes an `invalid` element for the dead-letter queue.
 */
export function parseCloudWebhook(body: unknown, options: CloudParseOptions = {}): CloudEvent[] {
  const now = options.now ?? new Date();
  const tag = (event: Parsed, phoneNumberId: string | null): CloudEvent => ({
    ...event,
    dedupeKey: cloudEventKey(event),
    phoneNumberId,
  });
  if (!isObject(body) || !Array.isArray(body.entry)) {
    return [tag(invalid("body is not a WhatsApp Business notification", body), null)];
  }
  if (body.object !== undefined && body.object !== "whatsapp_business_account") {
    return [tag({ kind: "ignored", reason: `object ${String(body.object)}` }, null)];
  }
  const events: CloudEvent[] = [];
  for (const entry of body.entry) {
    for (const change of arr(obj(entry)?.changes)) {
      const c = obj(change);
      const field = str(c?.field) ?? "";
      const value = obj(c?.value);
      const phoneNumberIdRaw = obj(value?.metadata)?.phone_number_id;
      const phoneNumberId = phoneNumberIdRaw == null ? null : String(phoneNumberIdRaw);
      if (field !== "messages" && field !== "smb_message_echoes") {
        events.push(tag({ kind: "ignored", reason: `field ${field || "(none)"}` }, phoneNumberId));
        continue;
      }
      if (!value) {
        events.push(tag(invalid(`${field} change without value`, change), phoneNumberId));
        continue;
      }
      for (const event of parseValue(field, value, now)) events.push(tag(event, phoneNumberId));
    }
  }
  return events;
}
