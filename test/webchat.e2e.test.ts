import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ChannelInboxesDocument, ClaimHandoffDocument, CloseSessionDocument, ConsentHistoryDocument, ConversationDetailDocument, OnMessageAddedDocument, SendAgentMessageDocument,
  SendTypingDocument, SendVisitorMessageDocument, SendVisitorTypingDocument, StartVisitorSessionDocument, TypingUpdatedDocument, VisitorMessagesDocument, VisitorSessionDocument,
  VisitorTypingDocument, WebChatSettingsDocument, type VisitorMessagesSubscription,
} from "./generated/graphql";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { waitFor } from "./support/webhooks";
import { createWebChat, fromSite, sendWithFiles, SITE, startVisitor, visitorWs } from "./support/visitor";

const run = hasPostgres() ? describe : describe.skip;
const PAYSLIP = fs.readFileSync(path.resolve(process.cwd(), "../shared/fixtures/documents/dev/payslip-01.png"));

run("web chat: visitors, origin allow-list, live replies, isolation", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let chat: { id: string; publicKey: string };
  withTwoTenants(
    (s) => ({ server, a, b } = s),
    { env: { WEB_CHAT_MESSAGES_PER_MINUTE: "6", WEB_CHAT_SESSIONS_PER_IP_PER_HOUR: "12", WEB_CHAT_MAX_TEXT: "500" } },
  );
  beforeAll(async () => {
    chat = await createWebChat(a);
  });

  it("creates a WEB_CHAT inbox with a public key and its settings; the widget reads them only from an allowed site", async () => {
    expect(chat.publicKey).toMatch(/^wc_[\w-]{20,}$/);
    const listed = (await a.admin.client.ok(ChannelInboxesDocument)).inboxes.find((i) => i.id === chat.id)!;
    expect(listed).toMatchObject({ provider: "WEB_CHAT", channel: "WEB", publicKey: chat.publicKey, webChat: { allowedOrigins: [SITE], color: "#7a1fa2", privacyNoticeVersion: "2024-05" } });
    const s = (await fromSite(server).ok(WebChatSettingsDocument, { publicKey: chat.publicKey })).webChatSettings;
    expect(s).toMatchObject({ name: a.name, color: "#7a1fa2", welcomeText: "Olá! Como podemos ajudar?", maxTextLength: 500 });
    expect(s.privacyNoticeText).toContain("versão 2024-05");
    expect((await fromSite(server, undefined, "https://pirata.example").fail(WebChatSettingsDocument, { publicKey: chat.publicKey })).extensions?.code).toBe("FORBIDDEN");
    expect((await server.client().fail(WebChatSettingsDocument, { publicKey: chat.publicKey })).extensions?.code).toBe("FORBIDDEN");
    expect((await fromSite(server).fail(WebChatSettingsDocument, { publicKey: "wc_naoexiste" })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "publicKey" });
    const bad = await a.admin.client.fail(`mutation { createInbox(input: { name: "x", provider: WEB_CHAT, webChat: { allowedOrigins: ["https://loja.com.br/pagina"] } }) { inbox { id } } }`);
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "webChat.allowedOrigins" });
    // Answers carry CORS for the site (the widget runs there).
    const pre = await fetch(`${server.url}/graphql`, { method: "OPTIONS", headers: { origin: SITE, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("starts only after the privacy notice is accepted, and records the consent with the notice version", async () => {
    const site = fromSite(server);
    const refused = await site.fail(StartVisitorSessionDocument, { input: { publicKey: chat.publicKey, acceptedPrivacyNotice: false } });
    expect(refused.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "acceptedPrivacyNotice" });
    expect((await site.fail(StartVisitorSessionDocument, { input: { publicKey: chat.publicKey, acceptedPrivacyNotice: true, email: "não-é-email" } })).extensions).toMatchObject({ field: "email" });
    expect((await fromSite(server, undefined, "https://pirata.example").fail(StartVisitorSessionDocument, { input: { publicKey: chat.publicKey, acceptedPrivacyNotice: true } })).extensions?.code).toBe("FORBIDDEN");

    const v = await startVisitor(server, chat.publicKey, { name: "Marina Costa", email: "marina@exemplo.com.br", phone: "(11) 98888-7777" });
    expect(v.token).toMatch(/^atv_/);
    const detail = (await a.supervisor.client.ok(ConversationDetailDocument, { id: v.sessionId })).session!;
    expect(detail).toMatchObject({ channel: "WEB", client: { name: "Marina Costa", email: "marina@exemplo.com.br", phone: "+5511988887777" } });
    const history = (await a.admin.client.ok(ConsentHistoryDocument, { clientId: detail.client.id })).consentHistory;
    expect(history).toEqual([expect.objectContaining({ purpose: "WEB_CHAT_CONTACT", granted: true, textVersion: "2024-05" })]);
    expect(history[0]!.text).toContain("https://www.loja-exemplo.com.br/privacidade");

    // The same e-mail typed by someone else never joins Marina's record (or her history).
    const other = await startVisitor(server, chat.publicKey, { name: "Impostor", email: "marina@exemplo.com.br" });
    const otherDetail = (await a.supervisor.client.ok(ConversationDetailDocument, { id: other.sessionId })).session!;
    expect(otherDetail.client.id).not.toBe(detail.client.id);
    expect(otherDetail.client.email).toBeNull();
  });

  it("answers through the WhatsApp path: AI reply live, handoff, the agent's reply live, typing both ways", async () => {
    const v = await startVisitor(server, chat.publicKey, { name: "Paulo" });
    const socket = visitorWs(server, v.token);
    const live = new Subscription<VisitorMessagesSubscription>(socket, VisitorMessagesDocument);
    const agentTyping = new Subscription(socket, VisitorTypingDocument);
    await live.ready;

    const sent = (await v.client.ok(SendVisitorMessageDocument, { text: "oi, preciso da segunda via do boleto" })).sendVisitorMessage;
    expect(sent).toMatchObject({ direction: "INBOUND", sender: "CLIENT" });
    const echoed = await live.next(10_000);
    expect(echoed.visitorMessages.id).toBe(sent.id);
    const ai = await live.next(15_000);
    expect(ai.visitorMessages).toMatchObject({ direction: "OUTBOUND", sender: "AI" });

    await v.client.ok(SendVisitorMessageDocument, { text: "quero falar com um atendente" });
    await live.next(10_000); // the visitor's own message
    const notice = await live.next(15_000);
    expect(notice.visitorMessages.sender).toBe("SYSTEM");

    const detail = await waitFor(async () => (await a.agent.client.ok(ConversationDetailDocument, { id: v.sessionId })).session?.handoff, 10_000, "handoff");
    await a.agent.client.ok(ClaimHandoffDocument, { id: detail.id });
    expect((await live.next(10_000)).visitorMessages.text).toContain("entrou na conversa");

    const staff = new Subscription(wsClient(server.url, { Authorization: `Bearer ${a.agent.token}` }), TypingUpdatedDocument, { sessionId: v.sessionId });
    await staff.ready;
    expect((await v.client.ok(SendVisitorTypingDocument, { typing: true })).sendVisitorTyping).toBe(true);
    expect((await staff.next(5_000)).typingUpdated).toMatchObject({ sessionId: v.sessionId, sender: "CLIENT", typing: true });
    await a.agent.client.ok(SendTypingDocument, { sessionId: v.sessionId });
    expect((await agentTyping.next(5_000)).visitorTyping).toMatchObject({ sender: "AGENT", typing: true });

    await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: v.sessionId, text: "Olá Paulo, sou o Alex. Vou te ajudar." } });
    const human = await live.next(10_000);
    expect(human.visitorMessages).toMatchObject({ sender: "AGENT", text: "Olá Paulo, sou o Alex. Vou te ajudar." });
    staff.close();
    live.close();
    agentTyping.close();

    // A reload: the same token reads the whole conversation back.
    const again = (await v.client.ok(VisitorSessionDocument)).visitorSession;
    expect(again.id).toBe(v.sessionId);
    expect(again.messages.edges.map((e) => e.node.sender)).toEqual(["CLIENT", "AI", "CLIENT", "SYSTEM", "SYSTEM", "AGENT"]);
  });

  it("answers a visitor's message whose answer job was lost (the sweep re-runs it, once)", async () => {
    const v = await startVisitor(server, chat.publicKey, { name: "Lia" });
    await v.client.ok(SendVisitorMessageDocument, { text: "qual o horário de funcionamento da loja?" });
    const outbound = async () => (await server.app.ds.query(`SELECT id FROM messages WHERE session_id = $1 AND direction = 'OUTBOUND'`, [v.sessionId])) as Array<{ id: string }>;
    await waitFor(async () => (await outbound()).length === 1, 15_000, "first answer");
    // As if the process had died before answering: the answer is gone, the job with it.
    await server.app.ds.query(`DELETE FROM messages WHERE session_id = $1 AND direction = 'OUTBOUND'`, [v.sessionId]);
    expect(await server.app.services.webChat.requeueStale(0)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await outbound()).length === 1, 15_000, "answer after the sweep");
    // Answered now: another sweep finds nothing to do for this conversation.
    await server.app.services.webChat.requeueStale(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await outbound()).toHaveLength(1);
  });

  it("keeps a visitor inside their own session, over HTTP and WebSocket", async () => {
    const first = await startVisitor(server, chat.publicKey, { name: "Primeira" });
    const second = await startVisitor(server, chat.publicKey, { name: "Segunda" });
    await first.client.ok(SendVisitorMessageDocument, { text: "meu pedido 4471 não chegou" });

    const own = (await second.client.ok(VisitorSessionDocument)).visitorSession;
    expect(own.id).toBe(second.sessionId);
    expect(own.messages.edges).toHaveLength(0);
    // No staff operation, no other session, no field beyond the conversation itself.
    for (const q of [`{ session(id: "${first.sessionId}") { id } }`, `{ sessions(first: 5) { edges { node { id } } } }`, `{ me { id } }`, `{ clients(first: 1) { edges { node { id } } } }`]) {
      expect((await second.client.fail(q)).extensions?.code).toBe("FORBIDDEN");
    }
    for (const q of [`{ visitorSession { client { name email } } }`, `{ visitorSession { handoff { id } } }`, `{ visitorSession { inbox { webhookPath } } }`, `{ visitorSession { costBrl } }`]) {
      expect((await second.client.fail(q)).extensions?.code).toBe("FORBIDDEN");
    }
    for (const q of [`{ visitorSession { messages(first: 5) { edges { node { session { client { email } } } } } } }`, `{ visitorSession { messages(first: 5) { edges { node { document { id } } } } } }`]) {
      expect((await first.client.fail(q)).extensions?.code).toBe("FORBIDDEN");
    }
    expect((await second.client.fail(`mutation($s: ID!) { submitClientMessage(input: { sessionId: $s, text: "intruso" }) { message { id } } }`, { s: first.sessionId })).extensions?.code).toBe("FORBIDDEN");
    // The token only works from the chat's own site.
    expect((await fromSite(server, second.token, "https://pirata.example").fail(VisitorSessionDocument)).extensions?.code).toBe("FORBIDDEN");

    // WebSocket: the second visitor hears nothing of the first's conversation, and cannot subscribe to staff streams.
    const ws = visitorWs(server, second.token);
    const mine = new Subscription(ws, VisitorMessagesDocument);
    const staffStream = new Subscription(ws, OnMessageAddedDocument, { sessionId: first.sessionId });
    await mine.ready;
    await first.client.ok(SendVisitorMessageDocument, { text: "é o pedido 4471, em nome da Primeira" });
    expect(await mine.none(1500)).toEqual([]);
    expect(JSON.stringify(staffStream.errors)).toContain("Você não tem permissão");
    mine.close();
    staffStream.close();
    // From another site, the socket is refused at connection_init.
    const foreign = new Subscription(visitorWs(server, second.token, "https://pirata.example"), VisitorMessagesDocument);
    await waitFor(async () => foreign.errors.length > 0, 5_000, "socket refused");
    expect((foreign.errors[0] as { code?: number }).code).toBe(4403);
    // Another tenant cannot see the visitor's conversation.
    expect((await b.admin.client.fail(ConversationDetailDocument, { id: first.sessionId })).extensions?.code).toBe("NOT_FOUND");
  });

  it("takes attachments through the document checks (real type, size) and reads them", async () => {
    const v = await startVisitor(server, chat.publicKey);
    const ok = await sendWithFiles(server, v.token, "segue meu holerite", [{ data: PAYSLIP, name: "holerite.png", type: "image/png" }]);
    expect(ok.errors).toBeUndefined();
    const messages = await waitFor(async () => {
      const d = (await a.supervisor.client.ok(ConversationDetailDocument, { id: v.sessionId })).session!.messages.edges.map((e) => e.node);
      return d.find((m) => m.type === "IMAGE" && m.extractedText) ? d : null;
    }, 120_000, "attachment read by OCR");
    expect(messages.find((m) => m.type === "IMAGE")!.extractedText).toMatch(/\d/);
    const exe = await sendWithFiles(server, v.token, "", [{ data: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64)]), name: "foto.png", type: "image/png" }]);
    expect(exe.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attachments.0" });
  });

  it("limits abuse: message size, messages per visitor, closed conversations, new conversations per IP", async () => {
    const v = await startVisitor(server, chat.publicKey);
    expect((await v.client.fail(SendVisitorMessageDocument, { text: "x".repeat(501) })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect((await v.client.fail(SendVisitorMessageDocument, { text: "   " })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    let limited = null;
    for (let i = 0; i < 8 && !limited; i++) {
      const r = await v.client.raw(SendVisitorMessageDocument, { text: `mensagem ${i}` });
      if (r.errors) limited = r.errors[0]!;
    }
    expect(limited?.extensions).toMatchObject({ code: "RATE_LIMITED" });

    const closed = await startVisitor(server, chat.publicKey);
    await a.supervisor.client.ok(CloseSessionDocument, { id: closed.sessionId });
    expect((await closed.client.fail(SendVisitorMessageDocument, { text: "ainda aí?" })).extensions?.code).toBe("CONFLICT");
    expect((await closed.client.ok(VisitorSessionDocument)).visitorSession.status).toBe("CLOSED");

    let tooMany = null;
    for (let i = 0; i < 15 && !tooMany; i++) {
      const r = await fromSite(server).raw(StartVisitorSessionDocument, { input: { publicKey: chat.publicKey, acceptedPrivacyNotice: true } });
      if (r.errors) tooMany = r.errors[0]!;
    }
    expect(tooMany?.extensions).toMatchObject({ code: "RATE_LIMITED" });
  });
});
