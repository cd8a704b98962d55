import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signGeneric } from "../src/channels/generic/verify";
import { verifyWebhook } from "../src/infra/standard-webhooks";
import { ChannelInboxesDocument, ChannelSessionsDocument, ConversationDetailDocument, CreateInboxDocument } from "./generated/graphql";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

run("generic webhook: replies POSTed to the callback URL (Standard Webhooks)", () => {
  let server: TestServer;
  let receiver: FakeServer;
  let t: TestTenant;
  let failuresLeft = 1;
  const verified: boolean[] = [];

  const inbound = async (path: string, secret: string, id: string, text: string, phone: string) => {
    const body = JSON.stringify({ messageId: id, from: { phone, name: "Cliente Integração" }, text });
    const sig = signGeneric(body, secret);
    return post(`${server.url}${path}`, body, { "x-signature": sig.signature, "x-timestamp": sig.timestamp });
  };
  const messagesOf = async (phone: string) => {
    const sessions = (await t.supervisor.client.ok(ChannelSessionsDocument, { channel: "WEB" })).sessions.edges.map((e) => e.node);
    const mine = sessions.find((s) => s.client.name === "Cliente Integração" && s.id && s);
    if (!mine) return [];
    const detail = await t.supervisor.client.ok(ConversationDetailDocument, { id: mine.id });
    return detail.session!.client.phone === phone ? detail.session!.messages.edges.map((e) => e.node) : [];
  };

  let secret = "";
  beforeAll(async () => {
    receiver = await startFakeServer((req, res) => {
      verified.push(verifyWebhook(secret, req.headers as Record<string, string>, req.body.toString("utf8")));
      if (failuresLeft-- > 0) return sendJson(res, 500, { error: "temporário" });
      sendJson(res, 200, { ok: true });
    });
    server = await startTestServer();
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it("delivers the AI reply signed, retries after a 500, and records SENT", async () => {
    const created = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Integração", provider: "GENERIC_WEBHOOK", genericWebhook: { callbackUrl: `${receiver.url}/atende/respostas` } } });
    secret = created.createInbox.webhookSecret;
    expect(secret).toMatch(/^whsec_/);
    const listed = (await t.admin.client.ok(ChannelInboxesDocument)).inboxes.find((i) => i.id === created.createInbox.inbox.id)!;
    expect(listed.callbackUrl).toBe(`${receiver.url}/atende/respostas`);

    expect((await inbound(created.createInbox.inbox.webhookPath, secret, "ext-1", "oi, preciso da segunda via do boleto", "+5511912340001")).status).toBe(200);
    const reply = await waitFor(async () => (await messagesOf("+5511912340001")).find((m) => m.direction === "OUTBOUND" && m.deliveryStatus === "SENT"), 20_000, "reply delivered");

    expect(receiver.requests).toHaveLength(2);
    expect(verified).toEqual([true, true]);
    const [first, second] = receiver.requests;
    expect(first!.path).toBe("/atende/respostas");
    // One event, one id: the receiver can de-duplicate retries.
    expect(first!.headers["webhook-id"]).toBe(`msg_${reply.id}`);
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(second!.json()).toMatchObject({ type: "message.created", data: { messageId: reply.id, text: reply.text, sender: "AI", to: { phone: "+5511912340001" } } });
    expect(reply.providerMessageId).toBe(`msg_${reply.id}`);
    expect(reply.deliveryError).toBeNull();
    // A forged or stale signature does not verify.
    expect(verifyWebhook("whsec_" + Buffer.from("outro-segredo").toString("base64"), second!.headers as Record<string, string>, second!.body.toString("utf8"))).toBe(false);
  });

  it("without a callback URL the reply is stored as not delivered, never as SENT", async () => {
    const created = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Sem retorno", provider: "GENERIC_WEBHOOK" } });
    const before = receiver.requests.length;
    await inbound(created.createInbox.inbox.webhookPath, created.createInbox.webhookSecret, "ext-2", "oi, preciso da segunda via do boleto", "+5511912340002");
    const sessions = async () => {
      const all = (await t.supervisor.client.ok(ChannelSessionsDocument, { channel: "WEB" })).sessions.edges.map((e) => e.node);
      for (const s of all) {
        const d = await t.supervisor.client.ok(ConversationDetailDocument, { id: s.id });
        if (d.session!.client.phone === "+5511912340002") return d.session!.messages.edges.map((e) => e.node);
      }
      return [];
    };
    const reply = await waitFor(async () => (await sessions()).find((m) => m.direction === "OUTBOUND" && m.deliveryStatus !== "PENDING"), 20_000, "reply settled");
    expect(reply.deliveryStatus).toBe("FAILED");
    expect(reply.deliveryError).toMatch(/URL de retorno/);
    expect(receiver.requests.length).toBe(before);
  });

  it("refuses a callback URL on a private address (SSRF guard)", async () => {
    const strict = await startTestServer({ env: { ALLOW_PRIVATE_URLS: "false" } });
    try {
      const admin = (await createTenant(strict)).admin.client;
      const err = await admin.fail(CreateInboxDocument, { input: { name: "Interno", provider: "GENERIC_WEBHOOK", genericWebhook: { callbackUrl: "http://127.0.0.1:9/x" } } });
      expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "genericWebhook.callbackUrl" });
    } finally {
      await strict.close();
    }
  });
});
