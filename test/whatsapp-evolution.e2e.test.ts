import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConnectInboxDocument, CreateInboxDocument, DisableInboxDocument, EnableInboxDocument, InboxUrlsDocument, LogoutInboxDocument, MarkSessionReadDocument, OnInboxUpdatedDocument,
  RestartInboxDocument, RotateWebhookSecretDocument, SendAgentMediaDocument, SendTypingDocument, UpdateInboxDocument, WaSessionDocument, WaSessionDocumentsDocument, WaSessionsDocument,
} from "./generated/graphql";
import { CreateClientDocument, GrantConsentDocument, SendProactiveDocument, UploadDocumentDocument } from "./generated/graphql";
import { evolutionUpsert, startFakeEvolution, type FakeEvolution } from "./support/fake-whatsapp";
import { Subscription, wsClient } from "./support/gql";
import { gqlUpload, SAMPLE } from "./support/multipart";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const PUBLIC_URL = "https://atende.lojaexemplo.com.br";
const BILL = fs.readFileSync(path.resolve(process.cwd(), "../shared/fixtures/documents/dev/utility_bill-02.png"));
const BILL_TRUTH = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), "../shared/fixtures/documents/dev/utility_bill-02.json"), "utf8")).fields;

run("WhatsApp through Evolution: media, quotes, receipts, instance management (fake Evolution)", () => {
  let server: TestServer;
  let evo: FakeEvolution;
  let t: TestTenant;
  let inboxId: string;
  let hookUrl: string;
  let secret: string;
  let sessionId: string;
  let seq = 0;

  const evoInput = (extra: Record<string, unknown> = {}) => ({ baseUrl: evo.url, instance: evo.instance, apiKey: evo.apiKey, ...extra });
  const deliver = (message: Record<string, unknown>, id = `IN${++seq}${Date.now()}`, token = secret) => post(hookUrl, evolutionUpsert(evo.instance, id, message), { "x-webhook-token": token }).then((r) => ({ ...r, id }));
  const session = async () => (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!;
  const messages = async () => (await session()).messages.edges.map((e) => e.node);
  const byProvider = async (id: string) => (await messages()).find((m) => m.providerMessageId === id);
  const send = (input: Record<string, unknown>, files: Array<{ data: Buffer; name: string; type?: string }> = []) =>
    gqlUpload(server.url, t.supervisor.token, SendAgentMediaDocument, { input: { sessionId, ...input, ...(files.length ? { attachments: files.map(() => null) } : {}) } }, files.map((f, i) => ({ path: `variables.input.attachments.${i}`, ...f })));

  beforeAll(async () => {
    evo = await startFakeEvolution();
    server = await startTestServer({ env: { PUBLIC_URL, WEBHOOK_SECRET_GRACE_SECONDS: "3" } });
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("refuses wrong credentials with a clear message naming the field, storing nothing", async () => {
    const wrongKey = await t.admin.client.fail(CreateInboxDocument, { input: { name: "X", provider: "EVOLUTION", evolution: evoInput({ apiKey: "chave-errada" }) } });
    expect(wrongKey.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "evolution.apiKey" });
    expect(wrongKey.message).toMatch(/recusou a chave/);
    const noInstance = await t.admin.client.fail(CreateInboxDocument, { input: { name: "X", provider: "EVOLUTION", evolution: evoInput({ instance: "nao-existe" }) } });
    expect(noInstance.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "evolution.instance" });
    expect((await t.admin.client.ok(InboxUrlsDocument)).inboxes).toHaveLength(0);
    expect(evo.webhooks).toHaveLength(0);
  });

  it("configures the instance's webhook on creation: our public URL, the events we handle, our header token", async () => {
    const created = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: evoInput() } })).createInbox;
    inboxId = created.inbox.id;
    secret = created.webhookSecret;
    hookUrl = `${server.url}${created.inbox.webhookPath}`;
    expect(evo.webhooks).toHaveLength(1);
    const hook = evo.webhooks[0]!;
    expect(hook.url).toBe(`${PUBLIC_URL}${created.inbox.webhookPath}`);
    expect(hook.events).toEqual(expect.arrayContaining(["MESSAGES_UPSERT", "MESSAGES_UPDATE", "SEND_MESSAGE", "CONNECTION_UPDATE"]));
    expect(hook.headers).toEqual({ "x-webhook-token": secret });
    expect(hook).toMatchObject({ enabled: true, base64: true, byEvents: false });
    expect((await t.admin.client.ok(InboxUrlsDocument)).inboxes[0]!.webhookUrl).toBe(hook.url);
  });

  it("returns the QR code to connect the instance, and inboxUpdated fires when the connection opens", async () => {
    const qr = (await t.admin.client.ok(ConnectInboxDocument, { id: inboxId })).connectInbox;
    expect(qr.state).toBe("CONNECTING");
    expect(Buffer.from(qr.qrCodeBase64!, "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(qr.pairingCode).toBeNull();
    const paired = (await t.admin.client.ok(ConnectInboxDocument, { id: inboxId, phoneNumber: "+55 11 98765-4321" })).connectInbox;
    expect(paired.pairingCode).toBe("WZYEH1YY");
    expect(evo.calls("/instance/connect").at(-1)!.path).toContain("number=5511987654321");

    const ws = wsClient(server.url, { authorization: `Bearer ${t.admin.token}` });
    const sub = new Subscription(ws, OnInboxUpdatedDocument);
    await sub.ready;
    const open = await post(hookUrl, JSON.stringify({ event: "connection.update", instance: evo.instance, data: { instance: evo.instance, state: "open", statusReason: 200 }, date_time: new Date().toISOString() }), { "x-webhook-token": secret });
    expect(open.status).toBe(200);
    expect((await sub.next(15_000)).inboxUpdated).toMatchObject({ id: inboxId, connectionState: "CONNECTED" });
    sub.close();
    await ws.dispose();
  });

  it("an agent sends a PDF with its name and caption, an image and a voice note: the right calls with the right bytes", async () => {
    const inbound = await deliver({ conversation: "Oi, preciso da segunda via do boleto" });
    expect(inbound.status).toBe(200);
    await waitFor(async () => (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges[0]?.node.id, 15_000, "session");
    sessionId = (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges[0]!.node.id;
    await waitFor(() => byProvider(inbound.id), 15_000, "inbound stored");

    const before = evo.sent.length;
    const pdf = await send({ text: "Segue o boleto de março" }, [{ data: SAMPLE.pdf, name: "boleto-marco.pdf", type: "application/pdf" }]);
    expect(pdf.errors).toBeUndefined();
    expect(pdf.data!.sendAgentMessage).toMatchObject({ type: "DOCUMENT", text: "Segue o boleto de março", attachments: [{ fileName: "boleto-marco.pdf", mimeType: "application/pdf", size: SAMPLE.pdf.length }] });
    const img = await send({}, [{ data: SAMPLE.jpeg, name: "foto.jpg", type: "image/jpeg" }]);
    const voice = await send({}, [{ data: SAMPLE.opus, name: "audio.ogg", type: "audio/ogg" }]);
    expect(voice.errors).toBeUndefined();
    expect(voice.data!.sendAgentMessage).toMatchObject({ type: "AUDIO", attachments: [{ voice: true, mimeType: "audio/ogg" }] });

    await waitFor(async () => evo.sent.length >= before + 3, 15_000, "three sends");
    const doc = evo.sent.find((s) => s.path === "/message/sendMedia" && s.body.mediatype === "document")!;
    expect(doc.body).toMatchObject({ number: "5511987654321", mediatype: "document", mimetype: "application/pdf", fileName: "boleto-marco.pdf", caption: "Segue o boleto de março" });
    expect(doc.bytes).toEqual(SAMPLE.pdf);
    const image = evo.sent.find((s) => s.path === "/message/sendMedia" && s.body.mediatype === "image")!;
    expect(image.body).toMatchObject({ mimetype: "image/jpeg" });
    expect(image.bytes).toEqual(SAMPLE.jpeg);
    const audio = evo.sent.find((s) => s.path === "/message/sendWhatsAppAudio")!;
    expect(audio.bytes).toEqual(SAMPLE.opus);

    // The stored messages keep type, file, mime type and the provider id; delivery works as for text.
    const stored = await waitFor(async () => {
      const m = (await messages()).find((x) => x.id === img.data!.sendAgentMessage.id);
      return m?.deliveryStatus === "SENT" ? m : null;
    }, 15_000, "image SENT");
    expect(stored.providerMessageId).toBe(image.id);
    expect(stored.type).toBe("IMAGE");
    const read = JSON.stringify({ event: "messages.update", instance: evo.instance, data: { keyId: image.id, remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, status: "READ", instanceId: "i1" } });
    expect((await post(hookUrl, read, { "x-webhook-token": secret })).status).toBe(200);
    await waitFor(async () => (await byProvider(image.id))?.deliveryStatus === "READ", 15_000, "image READ");
  });

  it("serves attachments only through signed, expiring links", async () => {
    const msg = (await messages()).find((m) => m.type === "DOCUMENT" && m.direction === "OUTBOUND")!;
    const url = msg.attachments[0]!.url;
    expect(url.startsWith(`${PUBLIC_URL}/media/messages/${msg.id}?`)).toBe(true);
    const local = url.replace(PUBLIC_URL, server.url);
    const res = await fetch(local);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("boleto-marco.pdf");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(SAMPLE.pdf);
    expect((await fetch(local.replace(/sig=[^&]+/, "sig=forjada"))).status).toBe(404);
    const expired = new URL(local);
    expired.searchParams.set("exp", String(Math.floor(Date.now() / 1000) - 1));
    expect((await fetch(expired)).status).toBe(404);
  });

  it("refuses a file WhatsApp cannot carry, naming the field, and sends nothing", async () => {
    const before = evo.sent.length;
    const r = await send({ text: "veja" }, [{ data: SAMPLE.exe, name: "boleto.pdf", type: "application/pdf" }]);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attachments[0]" });
    expect(r.errors?.[0]?.message).toMatch(/não suportado/);
    const empty = await t.supervisor.client.fail(SendAgentMediaDocument, { input: { sessionId } });
    expect(empty.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect(evo.sent.length).toBe(before);
  });

  it("quotes the customer's message in a reply, and keeps the reference of an inbound quote", async () => {
    const asked = await deliver({ conversation: "Qual o prazo de entrega?" });
    const question = await waitFor(() => byProvider(asked.id), 15_000, "question");
    const r = await t.supervisor.client.ok(SendAgentMediaDocument, { input: { sessionId, text: "Chega até sexta!", replyToMessageId: question.id } });
    expect(r.sendAgentMessage.replyTo).toMatchObject({ id: question.id, providerMessageId: asked.id });
    const sent = await waitFor(async () => evo.sent.find((s) => s.body.text === "Chega até sexta!"), 15_000, "quoted send");
    expect(sent.body.quoted).toEqual({ key: { id: asked.id }, message: { conversation: "Qual o prazo de entrega?" } });

    const reply = await deliver({ extendedTextMessage: { text: "Ótimo, obrigada", contextInfo: { stanzaId: sent.id, participant: "551130045678@s.whatsapp.net", quotedMessage: { conversation: "Chega até sexta!" } } } });
    const inbound = await waitFor(() => byProvider(reply.id), 15_000, "inbound quote");
    expect(inbound.replyTo).toMatchObject({ providerMessageId: sent.id, text: "Chega até sexta!" });
  });

  it("stores reactions and shared contact cards as messages", async () => {
    const target = (await messages()).find((m) => m.text === "Chega até sexta!")!;
    const reaction = await deliver({ reactionMessage: { key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id: target.providerMessageId }, text: "❤️", senderTimestampMs: String(Date.now()) } });
    const stored = await waitFor(() => byProvider(reaction.id), 15_000, "reaction");
    expect(stored).toMatchObject({ type: "REACTION", text: "❤️", direction: "INBOUND", replyTo: { id: target.id } });
    const card = await deliver({ contactMessage: { displayName: "Ana Lima", vcard: "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nTEL;type=CELL;waid=5521998877665:+55 21 99887-7665\nEND:VCARD" } });
    const contact = await waitFor(() => byProvider(card.id), 15_000, "contact");
    expect(contact).toMatchObject({ type: "CONTACT", sharedContacts: [{ name: "Ana Lima", phones: ["+5521998877665"] }] });
  });

  it("marks the customer's unread messages as read on Evolution once, and throttles typing", async () => {
    const r1 = await t.supervisor.client.ok(MarkSessionReadDocument, { sessionId });
    expect(r1.markSessionRead.id).toBe(sessionId);
    expect(evo.reads).toHaveLength(1);
    const ids = (evo.reads[0]!.readMessages as Array<{ id: string; remoteJid: string }>).map((m) => m.id);
    const inboundIds = (await messages()).filter((m) => m.direction === "INBOUND" && m.type !== "REACTION").map((m) => m.providerMessageId);
    expect(ids.sort()).toEqual(inboundIds.sort());
    expect((evo.reads[0]!.readMessages as Array<{ remoteJid: string }>)[0]!.remoteJid).toBe("5511987654321@s.whatsapp.net");
    await t.supervisor.client.ok(MarkSessionReadDocument, { sessionId });
    expect(evo.reads).toHaveLength(1); // once

    const newer = await deliver({ conversation: "Mais uma dúvida" });
    await waitFor(() => byProvider(newer.id), 15_000, "newer");
    await t.supervisor.client.ok(MarkSessionReadDocument, { sessionId });
    expect(evo.reads).toHaveLength(2);
    expect((evo.reads[1]!.readMessages as unknown[]).length).toBe(1);

    expect((await t.supervisor.client.ok(SendTypingDocument, { sessionId })).sendTyping).toBe(true);
    expect((await t.supervisor.client.ok(SendTypingDocument, { sessionId })).sendTyping).toBe(false);
    expect(evo.presences).toHaveLength(1);
    expect(evo.presences[0]).toMatchObject({ number: "5511987654321", presence: "composing" });
  });

  it("proactive messages carry stored documents too, under the consent rules, never another client's", async () => {
    const clientId = (await session()).client.id;
    const mine = await gqlUpload(server.url, t.agent.token, UploadDocumentDocument, { file: null, input: { kind: "OTHER", clientId } }, [{ path: "variables.file", data: SAMPLE.pdf, name: "contrato.pdf", type: "application/pdf" }]);
    const other = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Outro Cliente" } })).createClient.id;
    const theirs = await gqlUpload(server.url, t.agent.token, UploadDocumentDocument, { file: null, input: { kind: "OTHER", clientId: other } }, [{ path: "variables.file", data: SAMPLE.pdf, name: "deles.pdf", type: "application/pdf" }]);
    const input = { clientId, inboxId, text: "Segue o contrato assinado", documentIds: [mine.data!.uploadDocument.id] };
    const before = evo.sent.length;
    expect((await t.agent.client.fail(SendProactiveDocument, { input })).extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED" });
    await t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "whatsapp", text: "Aceito contato pelo WhatsApp", textVersion: "v1" } });
    const leak = await t.supervisor.client.fail(SendProactiveDocument, { input: { ...input, documentIds: [theirs.data!.uploadDocument.id] } });
    expect(leak.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "documentIds[0]" });
    const sent = (await t.supervisor.client.ok(SendProactiveDocument, { input })).sendProactiveMessage;
    expect(sent).toMatchObject({ type: "DOCUMENT", text: "Segue o contrato assinado", attachments: [{ fileName: "contrato.pdf" }] });
    const call = await waitFor(async () => evo.sent.slice(before).find((x) => x.body.fileName === "contrato.pdf"), 15_000, "proactive document");
    expect(call.bytes).toEqual(SAMPLE.pdf);
    expect(call.body.caption).toBe("Segue o contrato assinado");
  });

  it("a photo without a helpful file name gets the bill's fields from its text", async () => {
    await deliver({ conversation: "segue a conta de luz" });
    const photo = `FOTO${Date.now()}`;
    evo.media.set(photo, { mimetype: "image/png", data: BILL });
    // Without webhook base64 the platform downloads it (getBase64FromMediaMessage).
    const r = await deliver({ imageMessage: { mimetype: "image/png", fileLength: String(BILL.length), height: 1000, width: 1000 } }, photo);
    expect(r.status).toBe(200);
    const doc = await waitFor(async () => {
      const nodes = (await t.supervisor.client.ok(WaSessionDocumentsDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
      const m = nodes.find((n) => n.document && n.type === "IMAGE");
      return m?.document?.ocrStatus === "DONE" ? m.document : null;
    }, 180_000, "photo read");
    expect(doc.kind).toBe("UTILITY_BILL");
    expect(doc.fields).toMatchObject({ totalAmount: BILL_TRUTH.totalAmount, dueDate: BILL_TRUTH.dueDate });
  }, 200_000);

  it("updates the inbox (credentials re-entered and checked), and logs out / restarts the instance", async () => {
    const wrong = await t.admin.client.fail(UpdateInboxDocument, { id: inboxId, input: { evolution: evoInput({ apiKey: "outra-chave" }) } });
    expect(wrong.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "evolution.apiKey" });
    const hooks = evo.webhooks.length;
    const renamed = await t.admin.client.ok(UpdateInboxDocument, { id: inboxId, input: { name: "WhatsApp Vendas", evolution: evoInput({ requireSignedHeaders: true }) } });
    expect(renamed.updateInbox.name).toBe("WhatsApp Vendas");
    expect(evo.webhooks.length).toBe(hooks + 1); // registered again with the same URL and token
    expect(evo.webhooks.at(-1)!.headers).toEqual({ "x-webhook-token": secret });
    expect((await post(hookUrl, evolutionUpsert(evo.instance, `UNSIGNED${Date.now()}`, { conversation: "x" }))).status).toBe(401);
    expect((await t.agent.client.fail(UpdateInboxDocument, { id: inboxId, input: { name: "x" } })).extensions?.code).toBe("FORBIDDEN");

    expect((await t.admin.client.ok(LogoutInboxDocument, { id: inboxId })).logoutInbox.connectionState).toBe("DISCONNECTED");
    expect(evo.calls("/instance/logout")[0]!.method).toBe("DELETE");
    expect((await t.admin.client.ok(RestartInboxDocument, { id: inboxId })).restartInbox.connectionState).toBe("CONNECTING");
    expect(evo.calls("/instance/restart")).toHaveLength(1);
  });

  it("rotates the webhook secret: shown once, Evolution reconfigured, the old one works for the grace period and then stops", async () => {
    const rotated = (await t.admin.client.ok(RotateWebhookSecretDocument, { id: inboxId })).rotateWebhookSecret;
    expect(rotated.webhookSecret).not.toBe(secret);
    expect(evo.webhooks.at(-1)!.headers).toEqual({ "x-webhook-token": rotated.webhookSecret });
    const until = new Date(rotated.inbox.previousSecretExpiresAt!).getTime();
    expect((await deliver({ conversation: "com o segredo novo" }, undefined, rotated.webhookSecret)).status).toBe(200);
    expect((await deliver({ conversation: "com o antigo, ainda na carência" }, undefined, secret)).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now()) + 200));
    expect((await deliver({ conversation: "com o antigo, depois" }, undefined, secret)).status).toBe(401);
    secret = rotated.webhookSecret;
  });

  it("a disabled inbox answers its webhooks with 404 and sends nothing; enabled again it works", async () => {
    const msg = await t.supervisor.client.ok(SendAgentMediaDocument, { input: { sessionId, text: "antes de desativar" } });
    await waitFor(async () => (await messages()).find((m) => m.id === msg.sendAgentMessage.id)?.deliveryStatus === "SENT", 15_000, "sent");
    expect((await t.admin.client.ok(DisableInboxDocument, { id: inboxId })).disableInbox.disabledAt).toBeTruthy();
    const before = evo.sent.length;
    expect((await deliver({ conversation: "alguém aí?" })).status).toBe(404);
    const refused = await t.supervisor.client.fail(SendAgentMediaDocument, { input: { sessionId, text: "não deve sair" } });
    expect(refused.extensions?.code).toBe("CONFLICT");
    expect((await t.admin.client.fail(ConnectInboxDocument, { id: inboxId })).extensions?.code).toBe("CONFLICT");
    expect((await t.supervisor.client.ok(SendTypingDocument, { sessionId })).sendTyping).toBe(false);
    expect(evo.sent.length).toBe(before);
    await t.admin.client.ok(EnableInboxDocument, { id: inboxId });
    expect((await deliver({ conversation: "voltou?" })).status).toBe(200);
  });

  it("keeps inboxes inside their tenant", async () => {
    const other = await createTenant(server);
    for (const doc of [ConnectInboxDocument, DisableInboxDocument, RotateWebhookSecretDocument, LogoutInboxDocument]) {
      expect((await other.admin.client.fail(doc, { id: inboxId })).extensions?.code).toBe("NOT_FOUND");
    }
    expect((await other.admin.client.fail(MarkSessionReadDocument, { sessionId })).extensions?.code).toBe("NOT_FOUND");
    // The webhook path holds the secret key: not for agents or integrators, even through Session.inbox.
    const leak = await t.integrator.raw(`query($id: ID!) { session(id: $id) { inbox { id webhookPath } } }`, { id: sessionId });
    expect(leak.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
