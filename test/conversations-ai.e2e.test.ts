import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateTicketDocument, GetSessionDocument, OnHandoffAssignedDocument, ClaimHandoffDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { completion, startFakeOpenAi } from "./support/fake-openai";
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
});
