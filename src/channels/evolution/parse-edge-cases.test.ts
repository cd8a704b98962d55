import { describe, expect, it } from "vitest";
import { eventKey, InvalidPayloadError } from "./parse";
import { asMessage, clone, load, MARIA, parse } from "./parse.test-support";

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

describe("Evolution reactions and contact cards", () => {
  const text = load("messages-upsert-text.json");
  it("stores a reaction as a REACTION quoting the message reacted to", () => {
    const body = clone(text);
    body.data.message = { reactionMessage: { key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id: "3EB0A1F2C3D4E5F6071829" }, text: "👍", senderTimestampMs: "1795023999000" } };
    expect(asMessage(parse(body))).toMatchObject({ type: "REACTION", text: "👍", replyToProviderId: "3EB0A1F2C3D4E5F6071829" });
  });
  it("reads one or several shared contact cards from their vCards", () => {
    const body = clone(text);
    const vcard = "BEGIN:VCARD\nVERSION:3.0\nN:Lima;Ana;;;\nFN:Ana Lima\nitem1.TEL;waid=5521998877665:+55 21 99887-7665\nitem1.X-ABLabel:Celular\nEND:VCARD";
    body.data.message = { contactMessage: { displayName: "Ana Lima", vcard } };
    expect(asMessage(parse(body))).toMatchObject({ type: "CONTACT", text: "Contato: Ana Lima (+5521998877665)", contacts: [{ name: "Ana Lima", phones: ["+5521998877665"] }] });
    body.data.message = { contactsArrayMessage: { displayName: "2 contatos", contacts: [{ displayName: "Ana", vcard }, { displayName: "Loja", vcard: "BEGIN:VCARD\nN:;Loja Centro;;;\nTEL;type=WORK:(11) 3222-1100\nEND:VCARD" }] } };
    expect(asMessage(parse(body)).contacts).toEqual([{ name: "Ana Lima", phones: ["+5521998877665"] }, { name: "Loja Centro", phones: ["+1132221100"] }]);
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
    body.data.message = { pollCreationMessage: { name: "?" }, messageContextInfo: {} };
    expect(parse(body)).toEqual({ kind: "ignored", reason: "unsupported message type: pollCreationMessage" });
    body.data.message = { reactionMessage: { key: { id: "3EB0A1" }, text: "" } };
    expect(parse(body)).toEqual({ kind: "ignored", reason: "reaction removed" });
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
