import { decodeBytes, isObject, num, str, type JsonObject } from "../encoding";
import type { InboundContact, InboundLocation, InboundMedia, InboundMessageType } from "../types";
import { contactsText, parseVcard } from "../vcard";

// Turns the Baileys `message` object (as re-shaped by Evolution) into our
// content fields. Kept apart from the envelope logic in evolution.ts.

export interface EvolutionContent {
  type: InboundMessageType;
  text: string | null;
  media?: InboundMedia;
  location?: InboundLocation;
  interactive?: { id: string; title: string };
  contacts?: InboundContact[];
  /** Quoted message id found inside the content (legacy, un-flattened shapes). */
  contextStanzaId: string | null;
}

export type ContentResult = { ok: true; content: EvolutionContent } | { ok: false; reason: string };

// Containers that wrap the real message one level down. Evolution 2.2+
// flattens documentWithCaptionMessage, older versions and some clients don't.
const WRAPPERS = [
  "ephemeralMessage",
  "viewOnceMessage",
  "viewOnceMessageV2",
  "viewOnceMessageV2Extension",
  "documentWithCaptionMessage",
  "deviceSentMessage",
] as const;

// Sibling keys Evolution adds next to the content; never a message type.
const NON_CONTENT_KEYS = new Set(["messageContextInfo", "base64", "mediaUrl", "contextInfo"]);

export function unwrapMessage(message: JsonObject): JsonObject {
  let current = message;
  for (let depth = 0; depth < 5; depth++) {
    const wrapper = WRAPPERS.find((w) => isObject(current[w]) && isObject((current[w] as JsonObject).message));
    if (!wrapper) break;
    const inner = (current[wrapper] as JsonObject).message as JsonObject;
    // Keep the outer base64/mediaUrl: Evolution attaches them at the top level.
    current = { ...inner, base64: current.base64 ?? inner.base64, mediaUrl: current.mediaUrl ?? inner.mediaUrl };
  }
  return current;
}

function stanzaOf(content: JsonObject): string | null {
  return isObject(content.contextInfo) ? str(content.contextInfo.stanzaId) : null;
}

function hex(value: unknown): string | null {
  const bytes = decodeBytes(value);
  return bytes && bytes.length > 0 ? bytes.toString("hex") : null;
}

function media(message: JsonObject, content: JsonObject, data: JsonObject, audio = false): InboundMedia {
  const result: InboundMedia = {
    mimeType: str(content.mimetype),
    fileName: str(content.fileName) ?? str(content.title),
    caption: str(content.caption),
    inlineBase64: str(message.base64),
    // content.url is the encrypted mmg.whatsapp.net blob; only the S3 copy is fetchable.
    url: str(message.mediaUrl),
    sha256: hex(content.fileSha256),
    seconds: num(content.seconds),
    raw: data,
  };
  if (audio) result.voice = content.ptt === true;
  return result;
}

function mediaContent(
  type: InboundMessageType,
  message: JsonObject,
  content: JsonObject,
  data: JsonObject,
): EvolutionContent {
  const m = media(message, content, data, type === "AUDIO");
  return { type, text: m.caption, media: m, contextStanzaId: stanzaOf(content) };
}

function interactive(id: string | null, title: string | null, content: JsonObject): ContentResult {
  const resolvedId = id ?? title;
  if (!resolvedId) return { ok: false, reason: "interactive reply without id" };
  const t = title ?? resolvedId;
  return {
    ok: true,
    content: { type: "INTERACTIVE", text: t, interactive: { id: resolvedId, title: t }, contextStanzaId: stanzaOf(content) },
  };
}

function nativeFlowId(content: JsonObject): string | null {
  const flow = content.nativeFlowResponseMessage;
  if (!isObject(flow) || typeof flow.paramsJson !== "string") return null;
  try {
    const params: unknown = JSON.parse(flow.paramsJson);
    return isObject(params) ? (str(params.id) ?? null) : null;
  } catch {
    return null;
  }
}

export function extractContent(rawMessage: unknown, data: JsonObject): ContentResult {
  if (!isObject(rawMessage)) return { ok: false, reason: "message without content" };
  const message = unwrapMessage(rawMessage);
  const get = (key: string): JsonObject | null => (isObject(message[key]) ? (message[key] as JsonObject) : null);

  if (typeof message.conversation === "string") {
    return { ok: true, content: { type: "TEXT", text: message.conversation, contextStanzaId: null } };
  }
  const ext = get("extendedTextMessage");
  if (ext && typeof ext.text === "string") {
    return { ok: true, content: { type: "TEXT", text: ext.text, contextStanzaId: stanzaOf(ext) } };
  }

  const image = get("imageMessage") ?? get("stickerMessage");
  if (image) return { ok: true, content: mediaContent("IMAGE", message, image, data) };
  const video = get("videoMessage") ?? get("ptvMessage");
  if (video) return { ok: true, content: mediaContent("VIDEO", message, video, data) };
  const audio = get("audioMessage");
  if (audio) return { ok: true, content: mediaContent("AUDIO", message, audio, data) };
  const doc = get("documentMessage");
  if (doc) return { ok: true, content: mediaContent("DOCUMENT", message, doc, data) };

  const loc = get("locationMessage") ?? get("liveLocationMessage");
  if (loc) {
    const latitude = num(loc.degreesLatitude);
    const longitude = num(loc.degreesLongitude);
    if (latitude === null || longitude === null) return { ok: false, reason: "location without coordinates" };
    const name = str(loc.name);
    const address = str(loc.address);
    return {
      ok: true,
      content: {
        type: "LOCATION",
        text: str(loc.caption) ?? name,
        location: { latitude, longitude, name, address },
        contextStanzaId: stanzaOf(loc),
      },
    };
  }

  const reaction = get("reactionMessage");
  if (reaction) {
    const target = isObject(reaction.key) ? str(reaction.key.id) : null;
    const emoji = str(reaction.text);
    // An empty text is the client taking the reaction back.
    if (!target || !emoji) return { ok: false, reason: "reaction removed" };
    return { ok: true, content: { type: "REACTION", text: emoji, contextStanzaId: target } };
  }
  const cards = [get("contactMessage"), ...(Array.isArray(get("contactsArrayMessage")?.contacts) ? (get("contactsArrayMessage")!.contacts as unknown[]) : [])]
    .filter(isObject)
    .map((c) => (typeof c.vcard === "string" ? parseVcard(c.vcard, str(c.displayName)) : str(c.displayName) ? { name: str(c.displayName)!, phones: [] } : null))
    .filter((c): c is InboundContact => c !== null);
  if (cards.length) return { ok: true, content: { type: "CONTACT", text: contactsText(cards), contacts: cards, contextStanzaId: stanzaOf(get("contactMessage") ?? get("contactsArrayMessage")!) } };

  const buttons = get("buttonsResponseMessage");
  if (buttons) return interactive(str(buttons.selectedButtonId), str(buttons.selectedDisplayText), buttons);
  const list = get("listResponseMessage");
  if (list) {
    const row = isObject(list.singleSelectReply) ? str(list.singleSelectReply.selectedRowId) : null;
    return interactive(row, str(list.title), list);
  }
  const template = get("templateButtonReplyMessage");
  if (template) return interactive(str(template.selectedId), str(template.selectedDisplayText), template);
  const flow = get("interactiveResponseMessage");
  if (flow) {
    const body = isObject(flow.body) ? str(flow.body.text) : null;
    return interactive(nativeFlowId(flow), body, flow);
  }

  const kinds = Object.keys(message).filter((k) => !NON_CONTENT_KEYS.has(k));
  return { ok: false, reason: `unsupported message type: ${kinds[0] ?? "empty"}` };
}
