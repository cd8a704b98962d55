import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateClientDocument, UploadDocumentDocument } from "./generated/graphql";
import { evolutionUpsert, startFakeEvolution } from "./support/fake-whatsapp";
import { gqlUpload, SAMPLE } from "./support/multipart";
import { CreateInboxDocument, CreateTicketDocument, GetSessionDocument, OnHandoffAssignedDocument, ClaimHandoffDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { completion, startFakeOpenAi } from "./support/fake-openai";
import { sendJson, startFakeServer } from "./support/fake-http-server";
import { evolutionFixture, post, waitFor } from "./support/webhooks";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

const triageAnswer = (intent: string, needsHuman = false) =>
  completion({ content: JSON.stringify({ intent, priority: "MEDIUM", needsHuman, confidence: 0.9, response: null }) }, { prompt_tokens: 50, completion_tokens: 10 });

run("AI replies with tool calling (fake OpenAI-compatible server)", () => {
  let server: TestServer;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let t: TestTenant;
  beforeAll(async () => {
    fake = await startFakeOpenAi(() => triageAnswer("greeting"));
    server = await startTestServer({ env: { OPENAI_API_KEY: "sk-teste", OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: "gpt-4o-mini", OPENAI_TIMEOUT_MS: "2000" } });
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("calls a tool, feeds back its result and answers only with what it returned; tokens and cost accrue", async () => {
    const { clientId, sessionId } = await openSession(t.agent.client, "Maria Tool");
    fake.setHandler(() => triageAnswer("technical_issue", true));
    const ticket = (await t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", message: "meu modem não liga" } })).createTicket;
    const seenToolResults: string[] = [];
    fake.setHandler((body) => {
      if (!body.tools) return triageAnswer("order_status");
      const toolMessages = body.messages.filter((m) => m.role === "tool");
      if (!toolMessages.length) {
        expect(body.messages[0]!.role).toBe("system");
        expect(body.messages.at(-1)).toMatchObject({ role: "user", content: "tem algum chamado meu em aberto?" });
        return completion({ tool_calls: [{ id: "call_1", type: "function", function: { name: "listar_chamados_abertos", arguments: "{}" } }] }, { prompt_tokens: 200, completion_tokens: 20 });
      }
      seenToolResults.push(String(toolMessages[0]!.content));
      const listed = JSON.parse(String(toolMessages[0]!.content)) as { tickets: Array<{ id: string; status: string }> };
      return completion({ content: `Você tem ${listed.tickets.length} chamado em aberto (${listed.tickets[0]!.id}), com status ${listed.tickets[0]!.status}.` }, { prompt_tokens: 300, completion_tokens: 40 });
    });
    const r = await say(t.integrator, sessionId, "tem algum chamado meu em aberto?");
    expect(seenToolResults).toHaveLength(1);
    expect(seenToolResults[0]).toContain(ticket.id);
    expect(r.reply).toMatchObject({ sender: "AI" });
    expect(r.reply!.text).toContain(ticket.id);
    expect(r.handoff).toBeNull();
    const s = (await t.agent.client.ok(GetSessionDocument, { id: sessionId })).session!;
    expect(s).toMatchObject({ tokensInput: 50 + 200 + 300, tokensOutput: 10 + 20 + 40, aiProvider: "openai", aiModel: "gpt-4o-mini" });
    expect(s.costBrl).toBeGreaterThan(0);
  });

  it("never shows a tool another client's ticket", async () => {
    const other = await openSession(t.agent.client, "Outro Cliente");
    const foreign = (await t.agent.client.ok(CreateTicketDocument, { input: { clientId: other.clientId, channel: "WEB", message: "meu pedido" } })).createTicket;
    const { sessionId } = await openSession(t.agent.client, "Curioso");
    let toolResult = "";
    fake.setHandler((body) => {
      if (!body.tools) return triageAnswer("order_status");
      const tool = body.messages.find((m) => m.role === "tool");
      if (!tool) return completion({ tool_calls: [{ id: "c", type: "function", function: { name: "consultar_chamado", arguments: JSON.stringify({ ticketId: foreign.id }) } }] });
      toolResult = String(tool.content);
      return completion({ content: "Não encontrei esse chamado no seu cadastro." });
    });
    await say(t.integrator, sessionId, `qual o status do chamado ${foreign.id}?`);
    expect(toolResult).toMatch(/não encontrado/);
    expect(toolResult).not.toContain("meu pedido");
  });

  it("hands over when the model calls transferir_para_humano, and the assigned agent is told", async () => {
    const { sessionId } = await openSession(t.agent.client, "Quer gente");
    fake.setHandler((body) => {
      if (!body.tools) return triageAnswer("product_info");
      if (!body.messages.some((m) => m.role === "tool")) {
        return completion({ tool_calls: [{ id: "h", type: "function", function: { name: "transferir_para_humano", arguments: JSON.stringify({ reason: "Dúvida comercial complexa", priority: "HIGH" }) } }] });
      }
      return completion({ content: "Certo! Vou chamar uma pessoa da equipe comercial." });
    });
    const r = await say(t.integrator, sessionId, "quero um orçamento para 300 linhas corporativas");
    expect(r.handoff).toMatchObject({ status: "PENDING", priority: "HIGH", reason: "Dúvida comercial complexa" });
    expect(r.reply!.text).toMatch(/pessoa da equipe/);
    const console = wsClient(server.url, { Authorization: `Bearer ${t.agent.token}` });
    const sub = new Subscription(console, OnHandoffAssignedDocument);
    await sub.ready;
    await t.agent.client.ok(ClaimHandoffDocument, { id: r.handoff!.id });
    expect((await sub.next()).handoffAssigned).toMatchObject({ id: r.handoff!.id, status: "ASSIGNED", agent: { id: t.agent.id } });
    sub.close();
    await console.dispose();
  });

  it("falls back to the template answer when the model errors", async () => {
    const { sessionId } = await openSession(t.agent.client);
    fake.setHandler((body, _req, res) => {
      if (!body.tools) return triageAnswer("greeting");
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "boom" } }));
      return undefined;
    });
    const r = await say(t.integrator, sessionId, "olá, boa tarde!");
    expect(r.reply).toMatchObject({ sender: "AI" });
    expect(r.reply!.text).toMatch(/Olá|olá|ajudar/);
  });

  it("transcribes a WhatsApp voice note and answers it like text; without a transcript a person takes it", async () => {
    const AUDIO = Buffer.from("OggS-nota-de-voz");
    const evo = await startFakeServer((req, res) => {
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      if (req.path === "/chat/getBase64FromMediaMessage/voz") return sendJson(res, 201, { mediaType: "audioMessage", mimetype: "audio/ogg; codecs=opus", base64: AUDIO.toString("base64") });
      if (req.path === "/message/sendText/voz") return sendJson(res, 201, { key: { remoteJid: "x@s.whatsapp.net", fromMe: true, id: `R${Date.now()}${Math.random()}` }, status: "PENDING" });
      sendJson(res, 404, {});
    });
    try {
      const inbox = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "Voz", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "voz", apiKey: "k" } } })).createInbox.inbox;
      const voiceNote = (jid: string, id: string) => {
        const body = JSON.parse(evolutionFixture("messages-upsert-audio-ptt").toString());
        body.data.key = { remoteJid: jid, fromMe: false, id, addressingMode: "pn" };
        Object.assign(body, { instance: "voz", apikey: "k" }); // as this inbox's Evolution instance sends it
        return JSON.stringify(body);
      };
      const sessionOf = async (phone: string) => (await server.app.ds.query(
        `SELECT s.id, s.status FROM sessions s JOIN clients c ON c.id = s.client_id WHERE c.tenant_id = $1 AND c.phone = $2`, [t.id, phone]))[0] as { id: string; status: string } | undefined;

      fake.setTranscript("oi, queria saber se meu pedido 4821 já saiu para entrega");
      fake.setHandler((body) => (body.tools ? completion({ content: "Seu pedido 4821 está em separação e sai amanhã." }) : triageAnswer("order_status")));
      expect((await post(`${server.url}${inbox.webhookPath}`, voiceNote("5531991112222@s.whatsapp.net", "VOZ00000000000000000000000000001"))).status).toBe(200);
      const answered = await waitFor(async () => {
        const s = await sessionOf("+5531991112222");
        const rows = s ? await server.app.ds.query(`SELECT sender, type, extracted_text FROM messages WHERE session_id = $1 ORDER BY created_at`, [s.id]) : [];
        return rows.some((r: { sender: string }) => r.sender === "AI") ? { s: s!, rows } : null;
      }, 15_000, "AI answer to the voice note");
      expect(answered.rows[0]).toEqual({ sender: "CLIENT", type: "AUDIO", extracted_text: "oi, queria saber se meu pedido 4821 já saiu para entrega" });
      expect(answered.s.status).toBe("ACTIVE"); // no handoff: the AI understood it
      const stt = fake.requests.find((r) => r.path.endsWith("/audio/transcriptions"))!;
      expect(stt.body.toString("latin1")).toContain("OggS-nota-de-voz"); // the stored file went to the speech-to-text endpoint
      expect(stt.body.toString("latin1")).toMatch(/name="language"\r\n\r\npt/);

      fake.setTranscript(null); // the provider fails: nobody is left without an answer
      expect((await post(`${server.url}${inbox.webhookPath}`, voiceNote("5531993334444@s.whatsapp.net", "VOZ00000000000000000000000000002"))).status).toBe(200);
      await waitFor(async () => (await sessionOf("+5531993334444"))?.status === "WAITING_HUMAN", 15_000, "handoff");
    } finally {
      await evo.close();
    }
  });

  it("sends the client one of their stored files over WhatsApp through a tool", async () => {
    const evo = await startFakeEvolution({ instance: "docs", apiKey: "k" });
    try {
      const inbox = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "Docs", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "docs", apiKey: "k" } } })).createInbox.inbox;
      const clientId = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Paula Boleto", phone: "+5541998765432" } })).createClient.id;
      const up = await gqlUpload(server.url, t.agent.token, UploadDocumentDocument, { file: null, input: { kind: "OTHER", clientId } }, [{ path: "variables.file", data: SAMPLE.pdf, name: "boleto-maio.pdf", type: "application/pdf" }]);
      const docId = up.data!.uploadDocument.id;
      fake.setHandler((body) => {
        if (!body.tools) return triageAnswer("billing");
        const results = body.messages.filter((m) => m.role === "tool");
        if (results.length === 0) return completion({ tool_calls: [{ id: "c1", type: "function", function: { name: "listar_documentos_do_cliente", arguments: "{}" } }] });
        if (results.length === 1) {
          const listed = JSON.parse(String(results[0]!.content)) as { documentos: Array<{ id: string; nome: string }> };
          expect(listed.documentos.map((d) => d.nome)).toEqual(["boleto-maio.pdf"]);
          return completion({ tool_calls: [{ id: "c2", type: "function", function: { name: "enviar_documento", arguments: JSON.stringify({ documentId: listed.documentos[0]!.id, legenda: "Seu boleto de maio" }) } }] });
        }
        return completion({ content: "Enviei o boleto de maio aqui na conversa." });
      });
      expect((await post(`${server.url}${inbox.webhookPath}`, evolutionUpsert("docs", "BOLETO0000000000000001", { conversation: "me manda o boleto de maio?" }, "5541998765432"))).status).toBe(200);
      const call = await waitFor(async () => evo.sent.find((x) => x.path === "/message/sendMedia"), 15_000, "document sent by the AI");
      expect(call.body).toMatchObject({ number: "5541998765432", mediatype: "document", fileName: "boleto-maio.pdf", caption: "Seu boleto de maio" });
      expect(call.bytes).toEqual(SAMPLE.pdf);
      const row = await waitFor(async () => (await server.app.ds.query(`SELECT sender, type, document_id FROM messages WHERE provider_message_id = $1`, [call.id]))[0], 15_000, "stored");
      expect(row).toMatchObject({ sender: "AI", type: "DOCUMENT" });
      expect(docId).toBeTruthy();
    } finally {
      await evo.close();
    }
  });
});
