import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateInboxDocument, InboxesDocument, OnInboxUpdatedDocument, WhatsAppSessionsDocument } from "./generated/graphql";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const OUR_REPLY_ID = "3EB0A1F2C3D4E5F6071829"; // the id messages-update-read and send-message-api-echo refer to
const AUDIO = Buffer.from("OggS-fake-opus-audio");

run("Evolution API webhooks (fake Evolution server)", () => {
  let server: TestServer;
  let evo: FakeServer;
  let t: TestTenant;
  let url: string;
  let secret: string;
  let sends = 0;

  const sessions = async () => (await t.supervisor.client.ok(WhatsAppSessionsDocument)).sessions.edges.map((e) => e.node);
  const allMessages = async () => (await sessions()).flatMap((s) => s.messages.edges.map((e) => e.node));
  const byProviderId = async (id: string) => (await allMessages()).find((m) => m.providerMessageId === id);

  beforeAll(async () => {
    evo = await startFakeServer((req, res) => {
      if (req.headers.apikey !== "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E") return sendJson(res, 401, { error: "unauthorized" });
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      if (req.path === "/message/sendText/atendimento-loja01") {
        sends++;
        return sendJson(res, 201, { key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id: sends === 1 ? OUR_REPLY_ID : `REPLY${sends}` }, status: "PENDING" });
      }
      if (req.path === "/chat/getBase64FromMediaMessage/atendimento-loja01") return sendJson(res, 201, { mediaType: "audioMessage", mimetype: "audio/ogg; codecs=opus", base64: AUDIO.toString("base64") });
      sendJson(res, 404, {});
    });
    server = await startTestServer({ env: { WEBHOOK_BODY_LIMIT: "200kb" } });
    t = await createTenant(server);
    const created = await t.admin.client.ok(CreateInboxDocument, {
      input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E" } },
    });
    url = `${server.url}${created.createInbox.inbox.webhookPath}`;
    secret = created.createInbox.webhookSecret;
    expect(created.createInbox.inbox.webhookPath).toMatch(/^\/webhooks\/evolution\/[\w-]{20,}$/);
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("never exposes the provider secrets through GraphQL", async () => {
    const r = await t.admin.client.raw(InboxesDocument);
    expect(JSON.stringify(r)).not.toContain("E3B1C4D2");
    expect(JSON.stringify(r)).not.toContain(secret);
    expect((await t.agent.client.fail(InboxesDocument)).extensions?.code).toBe("FORBIDDEN");
  });

  it("turns a text into client, session and message, answers through sendText, and ignores the duplicate", async () => {
    expect((await post(url, evolutionFixture("messages-upsert-text"))).status).toBe(200);
    const dup = await post(`${url}/messages-upsert`, evolutionFixture("messages-upsert-text-duplicate")); // by-events route
    expect(dup).toMatchObject({ status: 200, body: { status: "duplicate" } });
    const inbound = await waitFor(() => byProviderId("3A5F0B9C2E7D41A8B6C3"), 15_000, "inbound text");
    expect(inbound).toMatchObject({ direction: "INBOUND", sender: "CLIENT", type: "TEXT" });
    expect(inbound.text).toMatch(/pedido #48213/);
    const [s] = await sessions();
    expect(s!.client).toMatchObject({ name: "Maria Souza", phone: "+5511987654321" });
    // The reply goes out through Evolution and gets its provider id.
    const reply = await waitFor(async () => (await allMessages()).find((m) => m.direction === "OUTBOUND" && m.providerMessageId === OUR_REPLY_ID), 15_000, "reply sent");
    expect(reply.deliveryStatus).toBe("SENT");
    const sent = evo.requests.find((r) => r.path.startsWith("/message/sendText"))!.json() as { number: string; text: string };
    expect(sent.number).toBe("5511987654321");
    expect(sent.text).toBe(reply.text);
    expect((await allMessages()).filter((m) => m.providerMessageId === "3A5F0B9C2E7D41A8B6C3")).toHaveLength(1);
  });

  it("reconciles our echo and moves delivery forward only", async () => {
    expect((await post(url, evolutionFixture("send-message-api-echo"))).status).toBe(200);
    expect((await post(url, evolutionFixture("messages-update-read"))).status).toBe(200);
    await waitFor(async () => (await byProviderId(OUR_REPLY_ID))?.deliveryStatus === "READ", 15_000, "READ");
    // A late DELIVERY_ACK must not move READ back.
    const late = JSON.parse(evolutionFixture("messages-update-read").toString());
    late.data.status = "DELIVERY_ACK";
    expect((await post(url, JSON.stringify(late))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    expect((await byProviderId(OUR_REPLY_ID))!.deliveryStatus).toBe("READ");
    expect((await allMessages()).filter((m) => m.providerMessageId === OUR_REPLY_ID)).toHaveLength(1);
  });

  it("normalises every message kind of the fixtures", async () => {
    for (const f of ["messages-upsert-extended-text-reply", "messages-upsert-extended-text-legacy-v1", "messages-upsert-image-caption", "messages-upsert-audio-ptt", "messages-upsert-document-pdf", "messages-upsert-location"]) {
      const r = await post(url, evolutionFixture(f));
      expect(r.status, f).toBe(200);
    }
    const kinds = await waitFor(async () => {
      const m = await allMessages();
      const ids = ["A1C94E0B7F3D52E8916B0C4D2A7F8E31", "3A8D21C6F04B9E7A5D13", "3A0C7E9B14D2F85A6C31", "5D2B8E41F09A37C6E1B4D8F2A60C9E73", "3A91F4C07B2E6D58A3E0", "3A62D0E9C4F1B87A2E5D"];
      const found = ids.map((id) => m.find((x) => x.providerMessageId === id));
      return found.every(Boolean) ? found : null;
    }, 20_000, "all kinds");
    expect(kinds.map((m) => m!.type)).toEqual(["TEXT", "TEXT", "IMAGE", "AUDIO", "DOCUMENT", "LOCATION"]);
    expect(kinds[0]!.text).toMatch(/tênis tamanho 38/);
    expect(kinds[1]!.text).toBeTruthy();
    expect(kinds[2]!.text).toBeTruthy(); // caption
    expect(kinds.every((m) => m!.sender === "CLIENT")).toBe(true);
    // The voice note was fetched from Evolution and stored.
    await waitFor(() => Promise.resolve(evo.requests.some((r) => r.path.startsWith("/chat/getBase64FromMediaMessage"))), 10_000, "media fetch");
    const stored: Array<{ media: { storageKey?: string } }> = await server.app.ds.query(`SELECT media FROM messages WHERE provider_message_id = '5D2B8E41F09A37C6E1B4D8F2A60C9E73'`);
    await waitFor(async () => (await server.app.ds.query(`SELECT media FROM messages WHERE provider_message_id = '5D2B8E41F09A37C6E1B4D8F2A60C9E73'`))[0].media?.storageKey, 10_000, "stored media");
    expect(stored).toHaveLength(1);
    expect((await server.app.services.infra.storage.get((await server.app.ds.query(`SELECT media FROM messages WHERE provider_message_id = '5D2B8E41F09A37C6E1B4D8F2A60C9E73'`))[0].media.storageKey)).equals(AUDIO)).toBe(true);
  });

  it("hands a voice note without text to a person, who can listen to it, and tells the client", async () => {
    const body = JSON.parse(evolutionFixture("messages-upsert-audio-ptt").toString());
    body.data.key = { remoteJid: "5521998877665@s.whatsapp.net", fromMe: false, id: "5D2B8E41F09A37C6E1B4D8F2A60CAAAA", addressingMode: "pn" };
    body.data.pushName = "Carlos Andrade";
    expect((await post(url, JSON.stringify(body))).status).toBe(200);
    const session = await waitFor(async () => (await sessions()).find((s) => s.client.phone === "+5521998877665" && s.status === "WAITING_HUMAN"), 15_000, "handoff");
    const kinds = session.messages.edges.map((e) => [e.node.sender, e.node.type]);
    expect(kinds[0]).toEqual(["CLIENT", "AUDIO"]);
    expect(kinds.some(([sender]) => sender === "SYSTEM")).toBe(true); // "um atendente vai continuar"
    const [handoff] = await server.app.ds.query(`SELECT reason, source, status FROM handoffs WHERE session_id = $1`, [session.id]);
    expect(handoff).toEqual({ reason: "Mensagem sem texto (áudio)", source: "media", status: "PENDING" });
  });

  it("does not treat fromMe, group or broadcast messages as client input", async () => {
    const before = (await allMessages()).filter((m) => m.sender === "CLIENT").length;
    expect((await post(url, evolutionFixture("messages-upsert-from-me"))).status).toBe(200);
    expect((await post(url, evolutionFixture("messages-upsert-group"))).status).toBe(200);
    const fromMe = await waitFor(() => byProviderId("B7E20C94A1D35F68C02E4B9A7D1F3C85"), 20_000, "from-me logged");
    expect(fromMe).toMatchObject({ direction: "OUTBOUND", sender: "AGENT" });
    expect((await allMessages()).filter((m) => m.sender === "CLIENT").length).toBe(before);
    expect(await byProviderId("3A4E7B2D9C1F08A65E3B")).toBeUndefined();
  });

  it("marks the inbox disconnected on connection.update and tells supervisors", async () => {
    const console = wsClient(server.url, { Authorization: `Bearer ${t.supervisor.token}` });
    const sub = new Subscription(console, OnInboxUpdatedDocument);
    await sub.ready;
    expect((await post(url, evolutionFixture("connection-update-close"))).status).toBe(200);
    expect((await sub.next(10_000)).inboxUpdated.connectionState).toBe("DISCONNECTED");
    expect((await t.admin.client.ok(InboxesDocument)).inboxes[0]!.connectionState).toBe("DISCONNECTED");
    sub.close();
    await console.dispose();
  });

  it("rejects bad input clearly and loses nothing valid", async () => {
    expect((await post(url, evolutionFixture("messages-upsert-malformed-missing-key-id"))).status).toBe(422);
    expect((await post(url, "{ não é json")).status).toBe(400);
    expect((await post(`${server.url}/webhooks/evolution/chave-que-nao-existe-123456`, evolutionFixture("messages-upsert-text"))).status).toBe(404);
    const other = JSON.parse(evolutionFixture("messages-upsert-text").toString());
    other.instance = "outra-instancia";
    expect((await post(url, JSON.stringify(other))).status).toBe(403);
    expect((await post(url, evolutionFixture("messages-upsert-text"), { "x-webhook-token": "errado" })).status).toBe(401);
    const big = JSON.stringify({ event: "messages.upsert", data: { blob: "x".repeat(300_000) } });
    expect((await post(url, big)).status).toBe(413);
  });

  it("accepts Evolution's JWT or static token when the inbox requires them", async () => {
    const created = await t.admin.client.ok(CreateInboxDocument, {
      input: { name: "Assinada", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E", requireSignedHeaders: true } },
    });
    const signedUrl = `${server.url}${created.createInbox.inbox.webhookPath}`;
    const key = created.createInbox.webhookSecret;
    const body = evolutionFixture("qrcode-updated");
    expect((await post(signedUrl, body)).status).toBe(401);
    const jwt = await new SignJWT({ app: "evolution", action: "webhook" }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuedAt().setExpirationTime("10m").sign(new TextEncoder().encode(key));
    expect((await post(signedUrl, body, { authorization: `Bearer ${jwt}` })).status).toBe(200);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${enc({ alg: "none" })}.${enc({ app: "evolution", action: "webhook", exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect((await post(signedUrl, body, { authorization: `Bearer ${none}` })).status).toBe(401);
    expect((await post(signedUrl, body, { "x-webhook-token": key })).status).toBe(200);
  });

  it("stores the same message id posted 50 times concurrently exactly once", async () => {
    const msg = JSON.parse(evolutionFixture("messages-upsert-text").toString());
    msg.data.key.id = "CONCORRENTE0000000001";
    msg.data.message.conversation = "obrigada!";
    const results = await Promise.all(Array.from({ length: 50 }, () => post(url, JSON.stringify(msg))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.status === "accepted")).toHaveLength(1);
    await waitFor(() => byProviderId("CONCORRENTE0000000001"), 15_000, "stored");
    await new Promise((r) => setTimeout(r, 500));
    expect((await allMessages()).filter((m) => m.providerMessageId === "CONCORRENTE0000000001")).toHaveLength(1);
  });
});

run("opt-out over WhatsApp (LGPD)", () => {
  it("a client answering PARAR revokes MARKETING and gets a confirmation", async () => {
    const evo = await startFakeServer((req, res) => (req.path.startsWith("/instance/connectionState/") ? sendJson(res, 200, { instance: { state: "open" } }) : sendJson(res, 201, { key: { id: `R${Math.random()}` } })));
    const server = await startTestServer();
    try {
      const t = await createTenant(server);
      const created = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Optout", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "k" } } });
      const url = `${server.url}${created.createInbox.inbox.webhookPath}`;
      const first = JSON.parse(evolutionFixture("messages-upsert-text").toString());
      expect((await post(url, JSON.stringify(first))).status).toBe(200);
      const clientId = await waitFor(async () => (await server.app.ds.query(`SELECT id FROM clients WHERE phone = '+5511987654321'`))[0]?.id as string | undefined, 15_000, "client");
      await t.agent.client.ok(`mutation($c: ID!) { grantConsent(input: { clientId: $c, purpose: MARKETING, text: "Aceito receber ofertas", textVersion: "v1", source: "whatsapp" }) { id } }`, { c: clientId });
      const stop = JSON.parse(evolutionFixture("messages-upsert-text").toString());
      stop.data.key.id = "PARAR000000000000001";
      stop.data.message.conversation = "PARAR";
      expect((await post(url, JSON.stringify(stop))).status).toBe(200);
      await waitFor(async () => (await t.agent.client.ok(`query($c: ID!) { hasConsent(clientId: $c, purpose: MARKETING) }`, { c: clientId })).hasConsent === false, 15_000, "revoked");
      const texts = await waitFor(async () => {
        const rows: Array<{ text: string }> = await server.app.ds.query(`SELECT text FROM messages WHERE sender = 'SYSTEM' ORDER BY created_at`);
        return rows.length ? rows.map((r) => r.text) : null;
      }, 10_000, "confirmation");
      expect(texts.join(" ")).toMatch(/não|removid|descadastr|marketing|mensagens/i);
    } finally {
      await server.close();
      await evo.close();
    }
  });
});
