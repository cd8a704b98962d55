import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCloudWebhook, routingPhoneNumberId, type CloudEvent } from "./parse";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
const DIR = path.join(FIXTURES, "cloud-api");
const NOW = new Date("2030-01-01T00:00:00Z");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const load = (name: string): Json => JSON.parse(readFileSync(path.join(DIR, name), "utf8"));
const clone = <T>(v: T): T => structuredClone(v);
const at = (seconds: number) => new Date(seconds * 1000);
const parse = (body: unknown) => parseCloudWebhook(body, { now: NOW });

function single(body: unknown): CloudEvent {
  const events = parse(body);
  expect(events).toHaveLength(1);
  expect(events[0]!.phoneNumberId).toBe("109876543210987");
  return events[0]!;
}
function message(body: unknown) {
  const ev = single(body);
  if (ev.kind !== "message") throw new Error(`expected message, got ${JSON.stringify(ev)}`);
  return ev;
}

const MARIA = { phone: "+5511987654321", waId: "5511987654321", userId: "BR.8830142257719034", name: "Maria Souza" };

const EXPECTATIONS: Record<string, (body: Json) => void> = {
  "text.json": (body) => {
    const ev = message(body);
    expect(ev.providerMessageId).toBe("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDIwOUYyMDY1OUM3NDVBMzZEOUQ5AA==");
    expect(ev.from).toEqual(MARIA);
    expect(ev).toMatchObject({ type: "TEXT", text: "Olá, boa tarde! Meu pedido #48213 ainda não chegou. Vocês conseguem verificar, por favor?" });
    expect(ev.timestamp).toEqual(at(1795023125));
    expect(ev.replyToProviderId).toBeNull();
    expect(ev.dedupeKey).toBe(`msg:${ev.providerMessageId}`);
  },
  "image.json": (body) => {
    const ev = message(body);
    expect(ev.type).toBe("IMAGE");
    expect(ev.text).toBe("A caixa chegou assim, toda amassada 😕");
    expect(ev.media).toEqual({
      mimeType: "image/jpeg",
      fileName: null,
      caption: "A caixa chegou assim, toda amassada 😕",
      providerMediaId: "9028334158148891",
      url: body.entry[0].changes[0].value.messages[0].image.url,
      sha256: "b3a2b16d9dc2b839fe33fd4627558ec12c7e5ae6326224f8c63d43095cf09d7f",
    });
  },
  "audio.json": (body) => {
    const ev = message(body);
    expect(ev.type).toBe("AUDIO");
    expect(ev.media).toMatchObject({ mimeType: "audio/ogg; codecs=opus", voice: true, providerMediaId: "5445321123388368", caption: null });
    expect(ev.text).toBeNull();
  },
  "document.json": (body) => {
    const ev = message(body);
    expect(ev.type).toBe("DOCUMENT");
    expect(ev.text).toBe("Segue o comprovante do Pix");
    expect(ev.media).toMatchObject({
      mimeType: "application/pdf",
      fileName: "comprovante-pix-pedido-48213.pdf",
      caption: "Segue o comprovante do Pix",
      providerMediaId: "4516318598078446",
    });
  },
  "location.json": (body) => {
    const ev = message(body);
    expect(ev.type).toBe("LOCATION");
    expect(ev.location).toEqual({
      latitude: -23.5614397,
      longitude: -46.6558816,
      name: "Edifício Conjunto Nacional",
      address: "Av. Paulista, 2073 - Bela Vista, São Paulo - SP, 01311-940",
    });
    expect(ev.timestamp).toEqual(at(1795025024));
  },
  "status-delivered.json": (body) => {
    const ev = single(body);
    expect(ev).toMatchObject({
      kind: "status",
      providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYFjNFQjBBMUYyQzNENEU1RjYwNzE4MjkA",
      status: "DELIVERED",
      timestamp: at(1795023382),
      error: null,
    });
    expect(ev.dedupeKey).toBe("status:wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYFjNFQjBBMUYyQzNENEU1RjYwNzE4MjkA:DELIVERED");
  },
  "status-failed.json": (body) => {
    const ev = single(body);
    expect(ev).toMatchObject({ kind: "status", status: "FAILED", timestamp: at(1795176760) });
    if (ev.kind !== "status") throw new Error("expected status");
    expect(ev.error).toEqual({
      code: "131047",
      title: "Re-engagement message",
      detail: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    });
  },
  "malformed-missing-message-id.json": (body) => {
    const ev = single(body);
    expect(ev.kind).toBe("invalid");
    if (ev.kind !== "invalid") return;
    expect(ev.reason).toBe("message without id");
    expect(ev.dedupeKey).toMatch(/^invalid:[0-9a-f]{24}$/);
  },
};

describe("Cloud API fixtures", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

  it("has an expectation for every fixture file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !EXPECTATIONS[f])).toEqual([]);
  });

  it.each(files)("%s", (file) => {
    const body = load(file);
    EXPECTATIONS[file]!(body);
    expect(routingPhoneNumberId(body)).toBe("109876543210987");
  });
});

describe("Cloud API structure", () => {
  const text = load("text.json");

  it("keeps a 12-digit Brazilian wa_id exactly as received", () => {
    const body = clone(text);
    const value = body.entry[0].changes[0].value;
    value.contacts[0].wa_id = "552187766554";
    value.messages[0].from = "552187766554";
    const ev = message(body);
    expect(ev.from.waId).toBe("552187766554");
    expect(ev.from.phone).toBe("+552187766554");
  });

  it("matches contacts by wa_id / user_id, not by index", () => {
    const body = clone(text);
    const value = body.entry[0].changes[0].value;
    const m1 = value.messages[0];
    value.messages = [
      { ...m1, id: "wamid.A", from: "5521999990000", from_user_id: "BR.1" },
      { ...m1, id: "wamid.B" },
      { ...m1, id: "wamid.C", from: undefined, from_user_id: "BR.3" }, // username user without wa_id
    ];
    value.contacts = [
      value.contacts[0],
      { profile: { name: "Username User" }, user_id: "BR.3" },
      { profile: { name: "João" }, wa_id: "5521999990000", user_id: "BR.1" },
    ];
    const events = parse(body);
    expect(events.map((e) => (e.kind === "message" ? [e.providerMessageId, e.from.name, e.from.waId, e.from.userId] : e.kind))).toEqual([
      ["wamid.A", "João", "5521999990000", "BR.1"],
      ["wamid.B", "Maria Souza", "5511987654321", "BR.8830142257719034"],
      ["wamid.C", "Username User", null, "BR.3"],
    ]);
    const c = events[2]!;
    if (c.kind === "message") expect(c.from.phone).toBeNull();
  });

  it("loops over every entry and change, with per-entry routing ids", () => {
    const status = load("status-failed.json").entry[0];
    const other = clone(text.entry[0]);
    other.changes[0].value.metadata.phone_number_id = "200000000000001";
    const body = {
      object: "whatsapp_business_account",
      entry: [text.entry[0], { ...other, changes: [...other.changes, { field: "account_update", value: { event: "X" } }] }, status],
    };
    const events = parse(body);
    expect(events.map((e) => [e.kind, e.phoneNumberId])).toEqual([
      ["message", "109876543210987"],
      ["message", "200000000000001"],
      ["ignored", null],
      ["status", "109876543210987"],
    ]);
    expect(events[0]!.dedupeKey).toBe(events[1]!.dedupeKey); // same wamid twice → same key
    expect(routingPhoneNumberId(body)).toBe("109876543210987");
  });

  it("ignores unknown fields without crashing", () => {
    const body = { object: "whatsapp_business_account", entry: [{ id: "0", changes: [{ field: "message_template_status_update", value: { event: "APPROVED" } }] }] };
    expect(parse(body)).toEqual([expect.objectContaining({ kind: "ignored", reason: "field message_template_status_update" })]);
    expect(routingPhoneNumberId(body)).toBeNull();
  });

  it("turns garbage into a dead-letter element instead of throwing", () => {
    for (const body of [null, "x", 42, {}, { entry: "x" }]) {
      const events = parse(body);
      expect(events).toHaveLength(1);
      expect(events[0]!.kind).toBe("invalid");
    }
    const body = clone(text);
    delete body.entry[0].changes[0].value.messages[0].from;
    delete body.entry[0].changes[0].value.messages[0].from_user_id;
    expect(single(body)).toMatchObject({ kind: "invalid", reason: "message without sender (from/from_user_id)" });
  });

  it("maps sticker, video, interactive, button, context, reactions and contact cards", () => {
    const body = clone(text);
    const value = body.entry[0].changes[0].value;
    const base = { from: "5511987654321", timestamp: "1795023125" };
    value.messages = [
      { ...base, id: "w1", type: "sticker", sticker: { mime_type: "image/webp", id: "m1", sha256: "x", animated: false } },
      { ...base, id: "w2", type: "video", video: { mime_type: "video/mp4", id: "m2", caption: "vídeo" } },
      { ...base, id: "w3", type: "interactive", interactive: { type: "button_reply", button_reply: { id: "sim", title: "Sim" } }, context: { from: "551130045678", id: "wamid.ctx" } },
      { ...base, id: "w4", type: "interactive", interactive: { type: "list_reply", list_reply: { id: "r2", title: "Trocar", description: "d" } } },
      { ...base, id: "w5", type: "button", button: { payload: "PAY", text: "Confirmar" } },
      { ...base, id: "w6", type: "reaction", reaction: { message_id: "wamid.x", emoji: "👍" } },
      { ...base, id: "w7", type: "text", text: {} },
      { ...base, id: "w8", type: "reaction", reaction: { message_id: "wamid.x" } },
      { ...base, id: "w9", type: "contacts", contacts: [{ name: { formatted_name: "Ana Lima", first_name: "Ana" }, phones: [{ phone: "+55 21 99887-7665", wa_id: "5521998877665", type: "CELL" }] }] },
      { ...base, id: "w10", type: "order", order: {} },
    ];
    const events = parse(body);
    expect(events[0]).toMatchObject({ type: "IMAGE", media: { mimeType: "image/webp", providerMediaId: "m1" } });
    expect(events[1]).toMatchObject({ type: "VIDEO", text: "vídeo" });
    expect(events[2]).toMatchObject({ type: "INTERACTIVE", interactive: { id: "sim", title: "Sim" }, replyToProviderId: "wamid.ctx" });
    expect(events[3]).toMatchObject({ type: "INTERACTIVE", interactive: { id: "r2", title: "Trocar" } });
    expect(events[4]).toMatchObject({ type: "INTERACTIVE", interactive: { id: "PAY", title: "Confirmar" } });
    expect(events[5]).toMatchObject({ kind: "message", type: "REACTION", text: "👍", replyToProviderId: "wamid.x" });
    expect(events[6]).toMatchObject({ kind: "invalid", reason: "text without body" });
    expect(events[7]).toMatchObject({ kind: "ignored", reason: "unsupported reaction removal" });
    expect(events[8]).toMatchObject({ kind: "message", type: "CONTACT", text: "Contato: Ana Lima (+5521998877665)", contacts: [{ name: "Ana Lima", phones: ["+5521998877665"] }] });
    expect(events[9]).toMatchObject({ kind: "ignored", reason: "unsupported message type: order" });
  });

  it.each([
    ["sent", "SENT"],
    ["delivered", "DELIVERED"],
    ["read", "READ"],
    ["played", "READ"],
    ["failed", "FAILED"],
  ])("maps status %s → %s", (raw, expected) => {
    const body = clone(load("status-delivered.json"));
    body.entry[0].changes[0].value.statuses[0].status = raw;
    expect(single(body)).toMatchObject({ kind: "status", status: expected });
  });

  it("ignores unknown statuses and dead-letters statuses without id", () => {
    const body = clone(load("status-delivered.json"));
    const statuses = body.entry[0].changes[0].value.statuses;
    statuses.push({ ...statuses[0], status: "deleted" }, { ...statuses[0], id: undefined });
    const events = parse(body);
    expect(events.map((e) => e.kind)).toEqual(["status", "ignored", "invalid"]);
  });

  it("reports Coexistence echoes of messages typed in the business app", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "smb_message_echoes", value: { metadata: { phone_number_id: "109876543210987" }, message_echoes: [{ from: "551130045678", to: "5511987654321", id: "wamid.E", timestamp: "1795023125", type: "text", text: { body: "oi" } }] } }] }],
    };
    expect(single(body)).toMatchObject({ kind: "echo", providerMessageId: "wamid.E", to: "5511987654321", text: "oi", dedupeKey: "msg:wamid.E" });
  });
});
