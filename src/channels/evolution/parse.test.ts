import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBytes, eventKey, InvalidPayloadError, type InboundEvent } from "./parse";
import { asMessage, at, DIR, load, MARIA, parse, type Json } from "./parse.test-support";


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
