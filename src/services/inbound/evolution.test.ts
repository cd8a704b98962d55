import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBytes, eventKey, InvalidPayloadError, parseEvolutionWebhook, type InboundEvent } from "./evolution";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
const DIR = path.join(FIXTURES, "evolution");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const load = (name: string): Json => JSON.parse(readFileSync(path.join(DIR, name), "utf8"));
const clone = <T>(v: T): T => structuredClone(v);
const at = (seconds: number) => new Date(seconds * 1000);

function parse(body: unknown): InboundEvent {
  return parseEvolutionWebhook(body, { now: new Date("2030-01-01T00:00:00Z") });
}
function asMessage(event: InboundEvent) {
  if (event.kind !== "message") throw new Error(`expected message, got ${JSON.stringify(event)}`);
  return event;
}

const MARIA = { phone: "+5511987654321", waId: "5511987654321", userId: "178263540912345@lid", name: "Maria Souza" };

/** Converts a 2.3.6+ body to the ≤2.3.5 encoding (base64 bytes, decimal-string int64). */
function toLegacyEncoding(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toLegacyEncoding);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("low" in o && "high" in o && "unsigned" in o) return String((BigInt(o.high as number) << 32n) | BigInt((o.low as number) >>> 0));
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k, i) => k === String(i))) return decodeBytes(o)!.toString("base64");
    return Object.fromEntries(keys.map((k) => [k, toLegacyEncoding(o[k])]));
  }
  return value;
}

// One expectation per fixture file; the coverage test below fails when a new
// fixture is added without one.
const EXPECTATIONS: Record<string, (body: Json) => void> = {
  "messages-upsert-text.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.providerMessageId).toBe("3A5F0B9C2E7D41A8B6C3");
    expect(ev.from).toEqual(MARIA);
    expect(ev.type).toBe("TEXT");
    expect(ev.text).toBe("Olá, boa tarde! Meu pedido #48213 ainda não chegou. Vocês conseguem verificar, por favor?");
    // messageTimestamp (17:32:05Z), not the mislabelled date_time (14:32:06 "Z").
    expect(ev.timestamp.toISOString()).toBe("2026-11-18T17:32:05.000Z");
    expect(ev.replyToProviderId).toBeNull();
    expect(ev.media).toBeUndefined();
    expect(eventKey(body)).toBe("msg:3A5F0B9C2E7D41A8B6C3");
  },
  "messages-upsert-text-duplicate.json": (body) => {
    const original = load("messages-upsert-text.json");
    expect(body.date_time).not.toBe(original.date_time);
    expect(eventKey(body)).toBe(eventKey(original));
    expect(parse(body)).toEqual(parse(original));
  },
  "messages-upsert-extended-text-reply.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.type).toBe("TEXT");
    expect(ev.text).toBe("Isso, é o pedido com o tênis tamanho 38. O código de rastreio não atualiza desde sexta.");
    expect(ev.replyToProviderId).toBe("3EB0A1F2C3D4E5F6071829");
    expect(ev.from.phone).toBe("+5511987654321");
    expect(ev.timestamp).toEqual(at(1795023712));
    expect(eventKey(body)).toBe("msg:A1C94E0B7F3D52E8916B0C4D2A7F8E31");
  },
  "messages-upsert-extended-text-legacy-v1.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.providerMessageId).toBe("3A8D21C6F04B9E7A5D13");
    expect(ev.type).toBe("TEXT");
    expect(ev.text).toBe("Comprei este modelo aqui, chega até sexta? https://www.lojaexemplo.com.br/p/tenis-corrida-azul-38");
    expect(ev.from).toEqual({ phone: "+5511987654321", waId: "5511987654321", userId: null, name: "Maria Souza" });
    expect(ev.timestamp).toEqual(at(1795004140));
  },
  "messages-upsert-image-caption.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.providerMessageId).toBe("3A0C7E9B14D2F85A6C31");
    expect(ev.type).toBe("IMAGE");
    expect(ev.from).toEqual(MARIA);
    expect(ev.text).toBe("A caixa chegou assim, toda amassada 😕");
    expect(ev.media?.caption).toBe("A caixa chegou assim, toda amassada 😕");
    expect(ev.media?.mimeType).toBe("image/jpeg");
    expect(ev.media?.inlineBase64).toBe(body.data.message.base64);
    expect(Buffer.from(ev.media!.inlineBase64!, "base64").subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(ev.media?.sha256).toBe(Buffer.from(Object.values(body.data.message.imageMessage.fileSha256) as number[]).toString("hex"));
    expect(ev.media?.sha256).toHaveLength(64);
    expect(ev.media?.url).toBeNull(); // the mmg.whatsapp.net URL is encrypted: not exposed
    expect(ev.media?.raw).toBe(body.data);
    expect(ev.timestamp).toEqual(at(1795023910));
  },
  "messages-upsert-audio-ptt.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.type).toBe("AUDIO");
    expect(ev.media).toMatchObject({ mimeType: "audio/ogg; codecs=opus", voice: true, seconds: 14, inlineBase64: null, caption: null });
    expect(ev.text).toBeNull();
    expect(ev.providerMessageId).toBe("5D2B8E41F09A37C6E1B4D8F2A60C9E73");
  },
  "messages-upsert-document-pdf.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.type).toBe("DOCUMENT");
    expect(ev.media).toMatchObject({ mimeType: "application/pdf", fileName: "comprovante-pix-pedido-48213.pdf", caption: null });
    expect(ev.timestamp).toEqual(at(1795024321));
  },
  "messages-upsert-location.json": (body) => {
    const ev = asMessage(parse(body));
    expect(ev.type).toBe("LOCATION");
    expect(ev.location).toEqual({
      latitude: -23.5614397,
      longitude: -46.6558816,
      name: "Edifício Conjunto Nacional",
      address: "Av. Paulista, 2073 - Bela Vista, São Paulo - SP, 01311-940",
    });
  },
  "messages-upsert-from-me.json": (body) => {
    expect(parse(body)).toEqual({
      kind: "echo",
      providerMessageId: "B7E20C94A1D35F68C02E4B9A7D1F3C85",
      to: "+5511987654321",
      text: "Maria, já abri a reclamação com a transportadora. Te aviso até amanhã.",
      timestamp: at(1795025402),
    });
  },
  "messages-upsert-group.json": (body) => {
    expect(parse(body)).toEqual({ kind: "ignored", reason: "group chat" });
    expect(eventKey(body)).toBe("msg:3A4E7B2D9C1F08A65E3B");
  },
  "messages-update-read.json": (body) => {
    const ev = parse(body);
    expect(ev).toMatchObject({ kind: "status", providerMessageId: "3EB0A1F2C3D4E5F6071829", status: "READ", error: null });
    // Matches the key id of our own send (send-message-api-echo.json).
    expect(eventKey(body)).toBe("status:3EB0A1F2C3D4E5F6071829:READ");
  },
  "connection-update-close.json": (body) => {
    expect(parse(body)).toEqual({ kind: "connection", state: "DISCONNECTED", reason: "401" });
    expect(eventKey(body)).toMatch(/^conn:DISCONNECTED:[0-9a-f]{24}$/);
  },
  "messages-upsert-malformed-missing-key-id.json": (body) => {
    expect(() => parse(body)).toThrow(InvalidPayloadError);
    expect(() => eventKey(body)).toThrow(InvalidPayloadError);
    try {
      parse(body);
    } catch (e) {
      expect((e as InvalidPayloadError).statusCode).toBe(422);
      expect((e as InvalidPayloadError).path).toBe("data.key.id");
    }
  },
  "send-message-api-echo.json": (body) => {
    expect(parse(body)).toEqual({
      kind: "echo",
      providerMessageId: "3EB0A1F2C3D4E5F6071829",
      to: "+5511987654321",
      text: "Oi Maria! Pode me confirmar qual produto está no pedido #48213?",
      timestamp: at(1795023380),
    });
    expect(eventKey(body)).toBe("msg:3EB0A1F2C3D4E5F6071829");
  },
  "qrcode-updated.json": (body) => {
    expect(parse(body)).toEqual({ kind: "ignored", reason: "unhandled event qrcode.updated" });
    expect(eventKey(body)).toMatch(/^evt:qrcode\.updated:/);
  },
};

describe("Evolution fixtures", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

  it("has an expectation for every fixture file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !EXPECTATIONS[f])).toEqual([]);
  });

  it.each(files)("%s", (file) => {
    EXPECTATIONS[file]!(load(file));
  });

  it.each(files.filter((f) => !f.includes("malformed")))("%s parses identically in the ≤2.3.5 encoding", (file) => {
    const body = load(file);
    const legacy = toLegacyEncoding(body);
    const strip = (ev: InboundEvent) => (ev.kind === "message" && ev.media ? { ...ev, media: { ...ev.media, raw: undefined } } : ev);
    expect(strip(parse(legacy))).toEqual(strip(parse(body)));
    if (file.startsWith("messages")) expect(eventKey(legacy)).toBe(eventKey(body));
  });

  it("decodes the legacy base64 byte fields", () => {
    const legacy = load("messages-upsert-extended-text-legacy-v1.json");
    expect(decodeBytes(legacy.data.message.messageContextInfo.deviceListMetadata.senderKeyHash)).toHaveLength(10);
  });
});

describe("Evolution identity (LID)", () => {
  const image = load("messages-upsert-image-caption.json");

  it("resolves a 2.3.6-style @lid remoteJid to the phone in remoteJidAlt", () => {
    const body = clone(image);
    body.data.key = { ...body.data.key, remoteJid: "178263540912345@lid", remoteJidAlt: "5511987654321@s.whatsapp.net", addressingMode: "lid" };
    const ev = asMessage(parse(body));
    expect(ev.from).toEqual(MARIA);
    expect(ev.type).toBe("IMAGE");
  });

  it("falls back to senderPn, then to the LID alone", () => {
    const body = clone(image);
    body.data.key = { remoteJid: "178263540912345@lid", fromMe: false, id: "X1", senderPn: "5511987654321@s.whatsapp.net" };
    expect(asMessage(parse(body)).from.phone).toBe("+5511987654321");
    body.data.key = { remoteJid: "178263540912345@lid", fromMe: false, id: "X1" };
    expect(asMessage(parse(body)).from).toEqual({ phone: null, waId: null, userId: "178263540912345@lid", name: "Maria Souza" });
  });

  it("strips the device part and keeps a 12-digit number as received", () => {
    const body = clone(load("messages-upsert-text.json"));
    body.data.key.remoteJid = "552187766554:7@s.whatsapp.net";
    expect(asMessage(parse(body)).from).toMatchObject({ phone: "+552187766554", waId: "552187766554" });
  });
});

describe("Evolution edge cases", () => {
  const text = load("messages-upsert-text.json");

  it.each([null, 42, "x", [], [text]])("rejects a non-object body %#", (body) => {
    expect(() => parse(body)).toThrow(InvalidPayloadError);
    expect(() => eventKey(body)).toThrow(InvalidPayloadError);
  });

  it("rejects bodies without event, data, key or remoteJid", () => {
    expect(() => parse({ ...text, event: undefined })).toThrow(InvalidPayloadError);
    expect(() => parse({ ...text, data: "x" })).toThrow(InvalidPayloadError);
    expect(() => parse({ ...text, data: { ...text.data, key: undefined } })).toThrow(InvalidPayloadError);
    expect(() => parse({ ...text, data: { ...text.data, key: { id: "A" } } })).toThrow(InvalidPayloadError);
    expect(() => parse({ event: "messages.update", data: { status: "READ" } })).toThrow(InvalidPayloadError);
    expect(() => parse({ event: "connection.update", data: {} })).toThrow(InvalidPayloadError);
  });

  it("ignores WhatsApp Status, broadcast lists and newsletters", () => {
    for (const [jid, reason] of [
      ["status@broadcast", "status broadcast"],
      ["12345@broadcast", "broadcast list"],
      ["120363000000000000@newsletter", "newsletter channel"],
    ]) {
      const body = clone(text);
      body.data.key.remoteJid = jid;
      body.data.key.participant = "5511987654321@s.whatsapp.net";
      expect(parse(body)).toEqual({ kind: "ignored", reason });
    }
  });

  it("accepts the event name in config spelling and a long-encoded timestamp", () => {
    const body = clone(text);
    body.event = "MESSAGES_UPSERT";
    body.data.messageTimestamp = { low: 1795023125, high: 0, unsigned: true };
    expect(asMessage(parse(body)).timestamp.toISOString()).toBe("2026-11-18T17:32:05.000Z");
    body.data.messageTimestamp = "1795023125";
    expect(asMessage(parse(body)).timestamp.toISOString()).toBe("2026-11-18T17:32:05.000Z");
  });

  it("unwraps documentWithCaptionMessage, ephemeral and view-once wrappers", () => {
    const body = clone(load("messages-upsert-document-pdf.json"));
    const doc = { ...body.data.message.documentMessage, caption: "Segue o comprovante" };
    body.data.message = { documentWithCaptionMessage: { message: { documentMessage: doc } } };
    const ev = asMessage(parse(body));
    expect(ev).toMatchObject({ type: "DOCUMENT", text: "Segue o comprovante" });
    expect(ev.media).toMatchObject({ caption: "Segue o comprovante", fileName: "comprovante-pix-pedido-48213.pdf" });

    body.data.message = { ephemeralMessage: { message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: "image/png" } } } } }, base64: "AAAA" };
    expect(asMessage(parse(body)).media).toMatchObject({ mimeType: "image/png", inlineBase64: "AAAA" });
  });

  it("maps video, sticker and interactive replies", () => {
    const body = clone(text);
    body.data.message = { videoMessage: { mimetype: "video/mp4", caption: "olha", seconds: { low: 9, high: 0, unsigned: true } }, mediaUrl: "https://s3.example/v.mp4" };
    expect(asMessage(parse(body))).toMatchObject({ type: "VIDEO", text: "olha", media: { seconds: 9, url: "https://s3.example/v.mp4" } });
    body.data.message = { stickerMessage: { mimetype: "image/webp" } };
    expect(asMessage(parse(body)).type).toBe("IMAGE");
    body.data.message = { buttonsResponseMessage: { selectedButtonId: "btn-1", selectedDisplayText: "Sim" } };
    expect(asMessage(parse(body))).toMatchObject({ type: "INTERACTIVE", interactive: { id: "btn-1", title: "Sim" } });
    body.data.message = { listResponseMessage: { title: "Trocar", singleSelectReply: { selectedRowId: "row-2" } } };
    expect(asMessage(parse(body)).interactive).toEqual({ id: "row-2", title: "Trocar" });
  });

  it("ignores unsupported content and stub messages", () => {
    const body = clone(text);
    body.data.message = { reactionMessage: { text: "👍" }, messageContextInfo: {} };
    expect(parse(body)).toEqual({ kind: "ignored", reason: "unsupported message type: reactionMessage" });
    body.data.message = null;
    expect(parse(body)).toEqual({ kind: "ignored", reason: "message without content" });
    body.data.key.fromMe = true;
    body.data.message = { protocolMessage: { type: 0 } };
    expect(parse(body)).toMatchObject({ kind: "ignored" });
  });

  it.each([
    ["ERROR", "FAILED"],
    ["PENDING", "PENDING"],
    ["SERVER_ACK", "SENT"],
    ["DELIVERY_ACK", "DELIVERED"],
    ["READ", "READ"],
    ["PLAYED", "READ"],
    [0, "FAILED"],
    [3, "DELIVERED"],
    [5, "READ"],
  ])("maps messages.update status %s → %s", (raw, expected) => {
    const body = clone(load("messages-update-read.json"));
    body.data.status = raw;
    expect(parse(body)).toMatchObject({ kind: "status", status: expected });
    expect(eventKey(body)).toBe(`status:3EB0A1F2C3D4E5F6071829:${expected}`);
  });

  it("ignores unknown statuses and edits, and reads v1 `update.status`", () => {
    const body = clone(load("messages-update-read.json"));
    body.data.status = "DELETED";
    expect(parse(body)).toEqual({ kind: "ignored", reason: "unknown status DELETED" });
    delete body.data.status;
    body.data.message = { conversation: "editado" };
    expect(parse(body)).toEqual({ kind: "ignored", reason: "message edit" });
    expect(eventKey(body)).toMatch(/^update:3EB0A1F2C3D4E5F6071829:/);
    expect(parse({ event: "messages.update", data: { key: { id: "K" }, update: { status: 4 } } })).toMatchObject({ status: "READ", providerMessageId: "K" });
  });

  it.each([
    ["open", "CONNECTED"],
    ["close", "DISCONNECTED"],
    ["connecting", "UNKNOWN"],
    ["refused", "DISCONNECTED"],
  ])("maps connection state %s → %s", (state, expected) => {
    const body = clone(load("connection-update-close.json"));
    body.data = { instance: "x", state };
    expect(parse(body)).toMatchObject({ kind: "connection", state: expected });
  });

  it("gives distinct connection events distinct keys but byte-identical retries the same", () => {
    const a = load("connection-update-close.json");
    const b = { ...clone(a), date_time: "2026-11-19T10:00:00.000Z" };
    expect(eventKey(clone(a))).toBe(eventKey(a));
    expect(eventKey(b)).not.toBe(eventKey(a));
  });
});
