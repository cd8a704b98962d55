import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateInboxDocument, DisableInboxDocument, EnableInboxDocument, GrantConsentDocument, MarkSessionReadDocument, RotateWebhookSecretDocument, SendAgentMediaDocument, SendTemplateDocument,
  SendTypingDocument, SyncTemplatesDocument, TemplatesDocument, UpdateInboxDocument, WaSessionDocument, WaSessionDocumentsDocument, WaSessionsDocument,
} from "./generated/graphql";
import { cloudNotification, metaSignature, startFakeGraph, type FakeGraph } from "./support/fake-whatsapp";
import { gqlUpload, SAMPLE } from "./support/multipart";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { CLOUD_APP_SECRET, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const WA_ID = "5511987654321";
const DOCS = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");
const PAYSLIP = fs.readFileSync(path.join(DOCS, "payslip-05.png"));
const PAYSLIP_TRUTH = JSON.parse(fs.readFileSync(path.join(DOCS, "payslip-05.json"), "utf8")).fields;

const TEMPLATES = [
  { id: "901", name: "segunda_via_boleto", language: "pt_BR", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Olá {{1}}, a segunda via do boleto de {{2}} está disponível." }] },
  { id: "902", name: "promo_black_friday", language: "pt_BR", category: "MARKETING", status: "APPROVED", components: [{ type: "HEADER", format: "TEXT", text: "Black Friday" }, { type: "BODY", text: "{{1}}, ofertas de até 50% só hoje!" }] },
  { id: "903", name: "pedido_enviado", language: "en_US", category: "UTILITY", status: "PENDING", components: [{ type: "BODY", text: "Your order shipped" }] },
];

run("WhatsApp Cloud API: media, templates, the 24-hour window, receipts, inbox management (fake Graph API)", () => {
  let server: TestServer;
  let graph: FakeGraph;
  let t: TestTenant;
  let inboxId: string;
  let hookUrl: string;
  let sessionId: string;
  let clientId: string;
  let seq = 0;

  const cloudInput = (extra: Record<string, unknown> = {}) => ({ phoneNumberId: graph.phoneNumberId, accessToken: graph.token, appSecret: CLOUD_APP_SECRET, verifyToken: "verifica-123", graphApiUrl: graph.base, wabaId: graph.wabaId, ...extra });
  const deliver = async (message: Record<string, unknown>) => {
    const id = `wamid.IN${++seq}${Date.now()}`;
    const body = cloudNotification(graph.phoneNumberId, [{ from: WA_ID, id, timestamp: String(Math.floor(Date.now() / 1000)), ...message }]);
    const r = await post(hookUrl, body, { "x-hub-signature-256": metaSignature(body, CLOUD_APP_SECRET) });
    return { ...r, id };
  };
  const session = async () => (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!;
  const messages = async () => (await session()).messages.edges.map((e) => e.node);
  const byProvider = async (id: string) => (await messages()).find((m) => m.providerMessageId === id);
  const send = (input: Record<string, unknown>, files: Array<{ data: Buffer; name: string; type?: string }> = []) =>
    gqlUpload(server.url, t.supervisor.token, SendAgentMediaDocument, { input: { sessionId, ...input, ...(files.length ? { attachments: files.map(() => null) } : {}) } }, files.map((f, i) => ({ path: `variables.input.attachments.${i}`, ...f })));
  const consent = (purpose: string) =>
    t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: purpose as never, source: "whatsapp", text: "Aceito receber mensagens da Loja Exemplo", textVersion: "v1" } });

  beforeAll(async () => {
    graph = await startFakeGraph();
    graph.templates.push(...TEMPLATES);
    server = await startTestServer();
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await graph?.close();
  });

  it("checks the credentials on creation (GET /{phone-number-id}) and refuses wrong ones naming the field", async () => {
    const token = await t.admin.client.fail(CreateInboxDocument, { input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: cloudInput({ accessToken: "token-vencido" }) } });
    expect(token.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "whatsappCloud.accessToken" });
    const phone = await t.admin.client.fail(CreateInboxDocument, { input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: cloudInput({ phoneNumberId: "123456789" }) } });
    expect(phone.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "whatsappCloud.phoneNumberId" });
    const created = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: cloudInput() } })).createInbox;
    inboxId = created.inbox.id;
    hookUrl = `${server.url}${created.inbox.webhookPath}`;
    expect(graph.requests.filter((r) => r.path.startsWith(`/v24.0/${graph.phoneNumberId}?`))).toHaveLength(2);
  });

  it("an agent sends a PDF, an image and a voice note: uploaded with the right bytes, then sent by media id", async () => {
    const hello = await deliver({ type: "text", text: { body: "Oi, podem me mandar a segunda via?" } });
    expect(hello.status).toBe(200);
    sessionId = await waitFor(async () => (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges[0]?.node.id, 15_000, "session");
    clientId = (await session()).client.id;
    await waitFor(() => byProvider(hello.id), 15_000, "inbound");
    const closes = new Date((await session()).windowClosesAt!).getTime();
    expect(closes).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const sentBefore = graph.messages.length;
    const pdf = await send({ text: "Segue a segunda via" }, [{ data: SAMPLE.pdf, name: "segunda-via.pdf", type: "application/pdf" }]);
    expect(pdf.errors).toBeUndefined();
    await send({}, [{ data: SAMPLE.jpeg, name: "foto.jpg" }]);
    const voice = await send({}, [{ data: SAMPLE.opus, name: "nota.ogg" }]);
    expect(voice.errors).toBeUndefined();
    await waitFor(async () => graph.messages.length >= sentBefore + 3, 15_000, "three messages");

    const doc = graph.messages.find((m) => m.type === "document") as { to: string; document: { id: string; caption: string; filename: string } };
    expect(doc.to).toBe(WA_ID);
    expect(doc.document).toMatchObject({ caption: "Segue a segunda via", filename: "segunda-via.pdf" });
    expect(graph.uploads.get(doc.document.id)).toMatchObject({ type: "application/pdf", fileName: "segunda-via.pdf", data: SAMPLE.pdf });
    const image = graph.messages.find((m) => m.type === "image") as { image: { id: string; caption?: string } };
    expect(image.image.caption).toBeUndefined();
    expect(graph.uploads.get(image.image.id)).toMatchObject({ type: "image/jpeg", data: SAMPLE.jpeg });
    const audio = graph.messages.find((m) => m.type === "audio") as { audio: { id: string; voice?: boolean } };
    expect(audio.audio.voice).toBe(true);
    expect(graph.uploads.get(audio.audio.id)).toMatchObject({ type: "audio/ogg", data: SAMPLE.opus });

    const stored = await waitFor(async () => {
      const m = (await messages()).find((x) => x.id === pdf.data!.sendAgentMessage.id);
      return m?.deliveryStatus === "SENT" ? m : null;
    }, 15_000, "pdf SENT");
    expect(stored).toMatchObject({ type: "DOCUMENT", attachments: [{ fileName: "segunda-via.pdf", mimeType: "application/pdf" }] });
    expect(stored.providerMessageId).toMatch(/^wamid\./);
  });

  it("checks the Cloud API limits before sending: an image over 5 MB is refused naming the field", async () => {
    const big = Buffer.concat([SAMPLE.jpeg.subarray(0, 11), Buffer.alloc(6 * 1024 * 1024, 1)]);
    const uploads = graph.uploads.size;
    const r = await send({ text: "foto grande" }, [{ data: big, name: "grande.jpg" }]);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attachments[0]" });
    expect(r.errors?.[0]?.message).toMatch(/5 MB/);
    expect(graph.uploads.size).toBe(uploads);
  });

  it("quotes the customer's message with context.message_id", async () => {
    const q = await deliver({ type: "text", text: { body: "Qual o valor?" } });
    const question = await waitFor(() => byProvider(q.id), 15_000, "question");
    await t.supervisor.client.ok(SendAgentMediaDocument, { input: { sessionId, text: "R$ 189,90", replyToMessageId: question.id } });
    const sent = await waitFor(async () => graph.messages.find((m) => (m.text as { body?: string } | undefined)?.body === "R$ 189,90"), 15_000, "quoted");
    expect(sent.context).toEqual({ message_id: q.id });
  });

  it("stores reactions and shared contact cards", async () => {
    const target = (await messages()).find((m) => m.text === "R$ 189,90" && m.providerMessageId)!;
    const reaction = await deliver({ type: "reaction", reaction: { message_id: target.providerMessageId, emoji: "👍" } });
    expect(await waitFor(() => byProvider(reaction.id), 15_000, "reaction")).toMatchObject({ type: "REACTION", text: "👍", replyTo: { id: target.id } });
    const card = await deliver({ type: "contacts", contacts: [{ name: { formatted_name: "João Pereira", first_name: "João" }, phones: [{ phone: "+55 31 99876-5432", wa_id: "5531998765432", type: "CELL" }] }] });
    expect(await waitFor(() => byProvider(card.id), 15_000, "card")).toMatchObject({ type: "CONTACT", sharedContacts: [{ name: "João Pereira", phones: ["+5531998765432"] }] });
  });

  it("marks read once (status: read on the latest message) and sends the typing indicator, throttled", async () => {
    const inbound = (await messages()).filter((m) => m.direction === "INBOUND" && m.type !== "REACTION");
    await t.supervisor.client.ok(MarkSessionReadDocument, { sessionId });
    const reads = () => graph.statuses.filter((s) => !s.typing_indicator);
    expect(reads()).toHaveLength(1);
    expect(reads()[0]).toMatchObject({ messaging_product: "whatsapp", status: "read", message_id: inbound.at(-1)!.providerMessageId });
    await t.supervisor.client.ok(MarkSessionReadDocument, { sessionId });
    expect(reads()).toHaveLength(1);

    expect((await t.supervisor.client.ok(SendTypingDocument, { sessionId })).sendTyping).toBe(true);
    expect((await t.supervisor.client.ok(SendTypingDocument, { sessionId })).sendTyping).toBe(false);
    const typing = graph.statuses.filter((s) => s.typing_indicator);
    expect(typing).toHaveLength(1);
    expect(typing[0]).toMatchObject({ status: "read", typing_indicator: { type: "text" } });
  });

  it("syncs the templates from the Graph API (all pages) and lists them", async () => {
    const synced = (await t.supervisor.client.ok(SyncTemplatesDocument, { inboxId })).syncMessageTemplates;
    expect(synced.map((x) => `${x.name}/${x.language}`).sort()).toEqual(["pedido_enviado/en_US", "promo_black_friday/pt_BR", "segunda_via_boleto/pt_BR"]);
    expect(graph.requests.filter((r) => r.path.startsWith(`/v24.0/${graph.wabaId}/message_templates`)).length).toBe(2);
    expect(synced.find((x) => x.name === "segunda_via_boleto")).toMatchObject({ category: "UTILITY", status: "APPROVED", parameterCount: 2 });
    expect(synced.find((x) => x.name === "promo_black_friday")).toMatchObject({ category: "MARKETING", parameterCount: 1 });
    // A template deleted at Meta disappears here on the next sync.
    graph.templates.splice(2, 1);
    await t.supervisor.client.ok(SyncTemplatesDocument, { inboxId });
    expect((await t.agent.client.ok(TemplatesDocument, { inboxId })).messageTemplates).toHaveLength(2);
    const other = await createTenant(server);
    expect((await other.admin.client.fail(TemplatesDocument, { inboxId })).extensions?.code).toBe("NOT_FOUND");
  });

  it("sends templates under the consent rules: refused without consent, marketing needs MARKETING", async () => {
    const before = graph.messages.length;
    const utility = { clientId, inboxId, template: "segunda_via_boleto", language: "pt_BR", parameters: ["Maria", "março"] };
    const noConsent = await t.agent.client.fail(SendTemplateDocument, { input: utility });
    expect(noConsent.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED", purpose: "WHATSAPP_CONTACT" });
    await consent("WHATSAPP_CONTACT");
    const marketing = await t.agent.client.fail(SendTemplateDocument, { input: { clientId, inboxId, template: "promo_black_friday", language: "pt_BR", parameters: ["Maria"] } });
    expect(marketing.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED", purpose: "MARKETING" });
    expect(graph.messages.length).toBe(before);

    expect((await t.agent.client.fail(SendTemplateDocument, { input: { ...utility, parameters: ["Maria"] } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "parameters" });
    expect((await t.agent.client.fail(SendTemplateDocument, { input: { ...utility, template: "nao_existe" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "template" });

    const sent = (await t.agent.client.ok(SendTemplateDocument, { input: utility })).sendTemplateMessage;
    expect(sent).toMatchObject({ text: "Olá Maria, a segunda via do boleto de março está disponível.", templateName: "segunda_via_boleto" });
    const call = await waitFor(async () => graph.messages.find((m) => m.type === "template"), 15_000, "template sent");
    expect(call.template).toEqual({ name: "segunda_via_boleto", language: { code: "pt_BR" }, components: [{ type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "março" }] }] });

    await consent("MARKETING");
    await t.agent.client.ok(SendTemplateDocument, { input: { clientId, inboxId, template: "promo_black_friday", language: "pt_BR", parameters: ["Maria"] } });
    await waitFor(async () => graph.messages.find((m) => (m.template as { name?: string } | undefined)?.name === "promo_black_friday"), 15_000, "marketing template");
  });

  it("the 24-hour window: refused when the platform knows it is closed, and the 131047 answer from the provider", async () => {
    // The client's last message was 25 hours ago.
    await server.app.ds.query(`UPDATE sessions SET last_client_message_at = now() - interval '25 hours' WHERE id = $1`, [sessionId]);
    expect(new Date((await session()).windowClosesAt!).getTime()).toBeLessThan(Date.now());
    const before = graph.messages.length;
    const closed = await t.supervisor.client.fail(SendAgentMediaDocument, { input: { sessionId, text: "Olá, ainda precisa de ajuda?" } });
    expect(closed.extensions).toMatchObject({ code: "CONFLICT", reason: "WINDOW_CLOSED" });
    expect(closed.message).toMatch(/24 horas/);
    expect(closed.message).toMatch(/modelo/);
    expect(graph.messages.length).toBe(before);
    // A template still goes out.
    await t.agent.client.ok(SendTemplateDocument, { input: { clientId, inboxId, template: "segunda_via_boleto", language: "pt_BR", parameters: ["Maria", "abril"] } });
    await waitFor(async () => graph.messages.length === before + 1, 15_000, "template after the window");

    // The platform thinks the window is open but WhatsApp says it is not (131047).
    await server.app.ds.query(`UPDATE sessions SET last_client_message_at = now() WHERE id = $1`, [sessionId]);
    graph.windowClosedFor.add(WA_ID);
    const msg = (await t.supervisor.client.ok(SendAgentMediaDocument, { input: { sessionId, text: "Conseguiu pagar?" } })).sendAgentMessage;
    const failed = await waitFor(async () => {
      const m = (await messages()).find((x) => x.id === msg.id);
      return m?.deliveryStatus === "FAILED" ? m : null;
    }, 15_000, "131047");
    expect(failed.deliveryErrorCode).toBe("WINDOW_CLOSED");
    expect(failed.deliveryError).toMatch(/131047.*24 horas/);
    graph.windowClosedFor.clear();
  });

  it("a photo without a helpful file name gets the payslip's fields from its text", async () => {
    graph.inboundMedia.set("777000111", { mime: "image/png", data: PAYSLIP });
    const r = await deliver({ type: "image", image: { mime_type: "image/png", sha256: "x", id: "777000111" } });
    expect(r.status).toBe(200);
    const doc = await waitFor(async () => {
      const nodes = (await t.supervisor.client.ok(WaSessionDocumentsDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
      const m = nodes.find((n) => n.type === "IMAGE" && n.document);
      return m?.document?.ocrStatus === "DONE" ? m.document : null;
    }, 180_000, "photo read");
    expect(doc.kind).toBe("PAYSLIP");
    expect(doc.fields).toMatchObject({ netPay: PAYSLIP_TRUTH.netPay, cpf: PAYSLIP_TRUTH.cpf });
  }, 200_000);

  it("update (credentials checked), secret rotation and disabling", async () => {
    const wrong = await t.admin.client.fail(UpdateInboxDocument, { id: inboxId, input: { whatsappCloud: cloudInput({ accessToken: "outro" }) } });
    expect(wrong.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "whatsappCloud.accessToken" });
    expect((await t.admin.client.ok(UpdateInboxDocument, { id: inboxId, input: { name: "Cloud Vendas" } })).updateInbox.name).toBe("Cloud Vendas");
    const rotated = (await t.admin.client.ok(RotateWebhookSecretDocument, { id: inboxId })).rotateWebhookSecret;
    expect(rotated.webhookSecret).toHaveLength(43);
    expect(new Date(rotated.inbox.previousSecretExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    await t.admin.client.ok(DisableInboxDocument, { id: inboxId });
    expect((await deliver({ type: "text", text: { body: "oi?" } })).status).toBe(404);
    expect((await fetch(`${hookUrl}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=verifica-123`)).status).toBe(404);
    const before = graph.messages.length;
    expect((await t.supervisor.client.fail(SendAgentMediaDocument, { input: { sessionId, text: "x" } })).extensions?.code).toBe("CONFLICT");
    expect((await t.agent.client.fail(SendTemplateDocument, { input: { clientId, inboxId, template: "segunda_via_boleto", language: "pt_BR", parameters: ["a", "b"] } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inboxId" });
    expect(graph.messages.length).toBe(before);
    await t.admin.client.ok(EnableInboxDocument, { id: inboxId });
    expect((await deliver({ type: "text", text: { body: "voltei" } })).status).toBe(200);
  });
});
