import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateInboxDocument, RotateWebhookSecretDocument, OnMessageUpdatedDocument, SendAgentMessageDocument, WhatsAppSessionsDocument, ClaimHandoffDocument, RequestHandoffDocument } from "./generated/graphql";
import { signGeneric } from "../src/channels/generic/verify";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { CLOUD_APP_SECRET, CLOUD_PHONE_NUMBER_ID, cloudFixture, cloudSignature, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const DELIVERED_ID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYFjNFQjBBMUYyQzNENEU1RjYwNzE4MjkA";
const FAILED_ID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYFDVBNUY1QTlCOUJDOEY4NzdFNTlCAA==";
const IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

run("WhatsApp Cloud API and generic webhooks (fake Graph API)", () => {
  let server: TestServer;
  let graph: FakeServer;
  let t: TestTenant;
  let url: string;
  const nextIds = [DELIVERED_ID, FAILED_ID];

  const messages = async () => (await t.supervisor.client.ok(WhatsAppSessionsDocument)).sessions.edges.flatMap((e) => e.node.messages.edges.map((m) => ({ ...m.node, sessionId: e.node.id })));
  const byProviderId = async (id: string) => (await messages()).find((m) => m.providerMessageId === id);
  const signed = (name: string) => post(url, cloudFixture(name), { "x-hub-signature-256": cloudSignature(name) });

  beforeAll(async () => {
    graph = await startFakeServer((req, res) => {
      if (req.headers.authorization !== "Bearer token-de-teste") return sendJson(res, 401, { error: { message: "bad token" } });
      if (req.method === "POST" && req.path === `/v24.0/${CLOUD_PHONE_NUMBER_ID}/messages`) {
        return sendJson(res, 200, { messaging_product: "whatsapp", contacts: [{ input: "5511987654321", wa_id: "5511987654321" }], messages: [{ id: nextIds.shift() ?? `wamid.${crypto.randomUUID()}` }] });
      }
      if (req.method === "GET" && req.path.startsWith(`/v24.0/${CLOUD_PHONE_NUMBER_ID}?`)) return sendJson(res, 200, { id: CLOUD_PHONE_NUMBER_ID, display_phone_number: "+55 11 3004-5678", verified_name: "Loja" }); // credentials check
      if (req.method === "GET" && req.path.startsWith("/v24.0/media/")) {
        res.writeHead(200, { "content-type": "image/jpeg" });
        res.end(IMAGE);
        return;
      }
      if (req.method === "GET" && /^\/v24\.0\/\d+$/.test(req.path)) {
        return sendJson(res, 200, { url: `${graph.url}/v24.0/media/${req.path.split("/").pop()}`, mime_type: "image/jpeg", sha256: "x", file_size: IMAGE.length, id: req.path.split("/").pop() });
      }
      sendJson(res, 404, { error: { message: "not found" } });
    });
    server = await startTestServer();
    t = await createTenant(server);
    const inbox = await t.admin.client.ok(CreateInboxDocument, {
      input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: { phoneNumberId: CLOUD_PHONE_NUMBER_ID, accessToken: "token-de-teste", appSecret: CLOUD_APP_SECRET, verifyToken: "verifica-123", graphApiUrl: `${graph.url}/v24.0` } },
    });
    url = `${server.url}${inbox.createInbox.inbox.webhookPath}`;
    expect(inbox.createInbox.inbox.webhookPath).toMatch(/^\/webhooks\/whatsapp\//);
  });
  afterAll(async () => {
    await server?.close();
    await graph?.close();
  });

  it("answers the verification handshake with the challenge, and 403 on a wrong token", async () => {
    const ok = await fetch(`${url}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verifica-123`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await fetch(`${url}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=errado`)).status).toBe(403);
  });

  it("turns a signed text into a conversation and replies through the Graph API", async () => {
    expect((await signed("text")).status).toBe(200);
    const inbound = await waitFor(() => byProviderId("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDIwOUYyMDY1OUM3NDVBMzZEOUQ5AA=="), 15_000, "text");
    expect(inbound).toMatchObject({ sender: "CLIENT", type: "TEXT" });
    const reply = await waitFor(() => byProviderId(DELIVERED_ID), 15_000, "reply");
    expect(reply.deliveryStatus).toBe("SENT");
    const send = graph.requests.find((r) => r.method === "POST")!.json() as { to: string; type: string; text: { body: string } };
    expect(send).toMatchObject({ to: "5511987654321", type: "text", text: { body: reply.text } });
    expect((await signed("status-delivered")).status).toBe(200);
    await waitFor(async () => (await byProviderId(DELIVERED_ID))?.deliveryStatus === "DELIVERED", 15_000, "delivered");
  });

  it("normalises image (downloading the media), audio, document and location", async () => {
    for (const f of ["image", "audio", "document", "location"]) expect((await signed(f)).status, f).toBe(200);
    const types = await waitFor(async () => {
      const m = (await messages()).filter((x) => x.sender === "CLIENT").map((x) => x.type);
      return ["IMAGE", "AUDIO", "DOCUMENT", "LOCATION"].every((k) => m.includes(k as never)) ? m : null;
    }, 20_000, "media kinds");
    expect(types).toContain("LOCATION");
    await waitFor(() => Promise.resolve(graph.requests.some((r) => r.path.startsWith("/v24.0/media/"))), 10_000, "media download");
  });

  it("stores a failed status with its error and pushes it to the agent's console", async () => {
    const [s] = (await t.supervisor.client.ok(WhatsAppSessionsDocument)).sessions.edges.map((e) => e.node);
    const h = await t.supervisor.client.raw(RequestHandoffDocument, { input: { sessionId: s!.id, reason: "falha" } });
    // The media messages may already have opened one (triage): claim whichever is open.
    const handoffId = h.data?.requestHandoff.id ?? (await server.app.ds.query(`SELECT id FROM handoffs WHERE session_id = $1 AND status IN ('PENDING','ASSIGNED')`, [s!.id]))[0].id;
    await t.agent.client.raw(ClaimHandoffDocument, { id: handoffId });
    const console = wsClient(server.url, { Authorization: `Bearer ${t.agent.token}` });
    const sub = new Subscription(console, OnMessageUpdatedDocument, { sessionId: s!.id });
    await sub.ready;
    nextIds.length = 0;
    nextIds.push(FAILED_ID);
    await t.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: s!.id, text: "Conseguimos resolver?" } });
    await waitFor(() => byProviderId(FAILED_ID), 15_000, "agent message sent");
    expect((await signed("status-failed")).status).toBe(200);
    let event = await sub.next(10_000);
    while (event.messageUpdated.deliveryStatus !== "FAILED") event = await sub.next(10_000);
    expect(event.messageUpdated.deliveryError).toMatch(/131047/);
    const failed = await byProviderId(FAILED_ID);
    expect(failed).toMatchObject({ deliveryStatus: "FAILED" });
    sub.close();
    await console.dispose();
  });

  it("keeps a signed unparseable body as a dead letter with 200 and creates nothing", async () => {
    const before = (await messages()).length;
    expect((await signed("malformed-missing-message-id")).status).toBe(200);
    const garbage = Buffer.from("{ isto não é json");
    const sig = `sha256=${crypto.createHmac("sha256", CLOUD_APP_SECRET).update(garbage).digest("hex")}`;
    expect((await post(url, garbage, { "x-hub-signature-256": sig })).status).toBe(200);
    const dead = await server.app.ds.query(`SELECT status, raw_text FROM inbound_events WHERE status = 'DEAD'`);
    expect(dead.length).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 500));
    expect((await messages()).length).toBe(before);
  });

  it("rejects missing, wrong, short and re-serialised signatures and a flipped byte", async () => {
    const raw = cloudFixture("text");
    const good = cloudSignature("text");
    const flipped = Buffer.from(raw);
    flipped[40] = flipped[40]! ^ 1;
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    for (const [body, header] of [[raw, undefined], [raw, "sha256=00"], [raw, "sha256=" + "0".repeat(64)], [raw, good.slice(0, 20)], [flipped, good], [reserialised, good]] as const) {
      const r = await post(url, body, header ? { "x-hub-signature-256": header } : {});
      expect(r.status).toBe(401);
    }
  });

  it("accepts signed generic webhooks and rejects stale or forged ones", async () => {
    const created = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Site", provider: "GENERIC_WEBHOOK" } });
    const gUrl = `${server.url}${created.createInbox.inbox.webhookPath}`;
    const secret = created.createInbox.webhookSecret;
    const body = Buffer.from(JSON.stringify({ messageId: "web-1", from: { phone: "(21) 99876-5432", name: "João" }, text: "bom dia!" }));
    const sig = signGeneric(body, secret);
    const headers = { "x-signature": sig.signature, "x-timestamp": String(sig.timestamp) };
    expect((await post(gUrl, body, headers)).status).toBe(200);
    expect((await post(gUrl, body, headers)).body.status).toBe("duplicate");
    const stale = signGeneric(body, secret, Date.now() - 301_000);
    expect((await post(gUrl, body, { "x-signature": stale.signature, "x-timestamp": String(stale.timestamp) })).status).toBe(401);
    expect((await post(gUrl, body, { ...headers, "x-signature": "sha256=" + "a".repeat(64) })).status).toBe(401);
    expect((await post(gUrl, Buffer.concat([body, Buffer.from(" ")]), headers)).status).toBe(401);
    const wrongShape = Buffer.from(JSON.stringify({ text: "sem id" }));
    const s2 = signGeneric(wrongShape, secret);
    expect((await post(gUrl, wrongShape, { "x-signature": s2.signature, "x-timestamp": String(s2.timestamp) })).status).toBe(422);
    await waitFor(async () => (await server.app.ds.query(`SELECT 1 FROM messages WHERE provider_message_id = 'generic:web-1'`)).length === 1, 10_000, "generic message");

    // A rotated secret: the new one signs, and so does the old one during its grace period.
    const rotated = (await t.admin.client.ok(RotateWebhookSecretDocument, { id: created.createInbox.inbox.id })).rotateWebhookSecret;
    expect(rotated.webhookSecret).not.toBe(secret);
    expect(new Date(rotated.inbox.previousSecretExpiresAt!).getTime()).toBeGreaterThan(Date.now());
    for (const [n, key] of [[2, rotated.webhookSecret], [3, secret]] as const) {
      const b = Buffer.from(JSON.stringify({ messageId: `web-${n}`, from: { phone: "(21) 99876-5432" }, text: "depois da troca" }));
      const sg = signGeneric(b, key);
      expect((await post(gUrl, b, { "x-signature": sg.signature, "x-timestamp": String(sg.timestamp) })).status).toBe(200);
    }
    const forged = Buffer.from(JSON.stringify({ messageId: "web-4", from: { phone: "(21) 99876-5432" }, text: "x" }));
    const bad = signGeneric(forged, "outro-segredo-qualquer");
    expect((await post(gUrl, forged, { "x-signature": bad.signature, "x-timestamp": String(bad.timestamp) })).status).toBe(401);
  });
});
