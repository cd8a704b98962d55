import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAiToolDocument, DeleteAiToolDocument, GetTicketDocument, ListAiToolsDocument, SessionToolCallsDocument, UpdateAiProviderDocument, UpdateAiToolDocument } from "./generated/graphql";
import { verifyWebhook } from "../src/infra/standard-webhooks";
import { openSession, say, sleep } from "./support/conversation";
import { completion, startFakeOpenAi, type OpenAiHandler } from "./support/fake-openai";
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from "./support/fake-http-server";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

const PEDIDO_SCHEMA = { type: "object", properties: { numero: { type: "string", pattern: "^[0-9]{3,10}$", description: "Número do pedido" } }, required: ["numero"], additionalProperties: false };

type Body = Parameters<OpenAiHandler>[0];
const toolMessages = (body: Body) => body.messages.filter((m) => m.role === "tool");
const triage = (intent: string) => completion({ content: JSON.stringify({ intent, priority: "MEDIUM", needsHuman: false, confidence: 0.95, response: null }) });
const callTool = (name: string, args: unknown) => completion({ tool_calls: [{ id: `call_${name}`, type: "function", function: { name, arguments: JSON.stringify(args) } }] });

run("tenant HTTP tools called by the assistant", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let erp: FakeServer;
  let erpHandler: (req: RecordedRequest) => Promise<unknown> | unknown;
  let secret = "";
  let toolId = "";

  beforeAll(async () => {
    fake = await startFakeOpenAi(() => triage("order_status"));
    erp = await startFakeServer(async (req, res) => {
      const out = await erpHandler(req);
      if (!res.headersSent) sendJson(res, 200, out);
    });
  });
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    await a.admin.client.ok(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE", baseUrl: fake.baseUrl, triageModel: "m", timeoutMs: 5000 } });
    const created = (await a.admin.client.ok(CreateAiToolDocument, {
      input: { name: "consultar_pedido", description: "Consulta o status de um pedido da loja pelo número.", parametersSchema: PEDIDO_SCHEMA, url: `${erp.url}/api/pedidos`, timeoutMs: 2000 },
    })).createAiTool;
    secret = created.secret!;
    toolId = created.id;
  });
  afterAll(async () => {
    await fake?.close();
    await erp?.close();
  });

  /** The model calls `name` with `args` once, then answers with what the tool returned. */
  const modelCalls = (name: string, args: unknown, answer: (toolResult: string) => string) => {
    fake.setHandler((body) => {
      if (!body.tools) return triage("order_status");
      const done = toolMessages(body);
      if (!done.length) return callTool(name, args);
      return completion({ content: answer(String(done[0]!.content)) });
    });
  };

  it("creates tools with a secret shown once, validating every field", async () => {
    expect(secret).toMatch(/^whsec_/);
    const listed = (await a.supervisor.client.ok(ListAiToolsDocument)).aiTools;
    expect(listed).toEqual([expect.objectContaining({ name: "consultar_pedido", method: "POST", timeoutMs: 2000, maxResponseBytes: 65536, enabled: true, secret: null, parametersSchema: PEDIDO_SCHEMA })]);
    const [row] = await server.app.ds.query(`SELECT secret_sealed FROM ai_tools WHERE id = $1`, [toolId]);
    expect(row.secret_sealed).not.toContain(secret.slice(6));

    const base = { name: "segunda_via_boleto", description: "Gera a segunda via do boleto.", parametersSchema: { type: "object", properties: {} } as Record<string, unknown>, url: `${erp.url}/boletos` };
    const field = async (input: typeof base & Record<string, unknown>) => (await a.admin.client.fail(CreateAiToolDocument, { input })).extensions;
    expect(await field({ ...base, name: "Segunda Via" })).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(await field({ ...base, name: "abrir_chamado" })).toMatchObject({ field: "name" });
    expect(await field({ ...base, name: "consultar_pedido" })).toMatchObject({ field: "name" });
    expect(await field({ ...base, parametersSchema: { type: "string" } })).toMatchObject({ field: "parametersSchema" });
    expect(await field({ ...base, parametersSchema: { type: "object", properties: { x: { type: "banana" } } } })).toMatchObject({ field: "parametersSchema" });
    expect(await field({ ...base, method: "DELETE" })).toMatchObject({ field: "method" });
    expect(await field({ ...base, timeoutMs: 60_000 })).toMatchObject({ field: "timeoutMs" });
    expect(await field({ ...base, url: "file:///etc/passwd" })).toMatchObject({ field: "url" });
    expect((await a.agent.client.fail(CreateAiToolDocument, { input: base })).extensions!.code).toBe("FORBIDDEN");
    expect((await b.admin.client.fail(UpdateAiToolDocument, { id: toolId, input: base })).extensions!.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(DeleteAiToolDocument, { id: toolId })).extensions!.code).toBe("NOT_FOUND");
    // Updating keeps the secret (and never shows it).
    const updated = (await a.admin.client.ok(UpdateAiToolDocument, { id: toolId, input: { name: "consultar_pedido", description: "Consulta um pedido pelo número.", parametersSchema: PEDIDO_SCHEMA, url: `${erp.url}/api/pedidos`, timeoutMs: 2000 } })).updateAiTool;
    expect(updated).toMatchObject({ description: "Consulta um pedido pelo número.", secret: null });
  });

  it("calls the tool with the arguments and the conversation's client, signed; the result reaches the model and the agent's history", async () => {
    const received: RecordedRequest[] = [];
    erpHandler = (req) => {
      received.push(req);
      return { numero: "4821", status: "em separação", previsao: "05/12" };
    };
    let offered: string[] = [];
    fake.setHandler((body) => {
      if (!body.tools) return triage("order_status");
      offered = (body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
      const done = toolMessages(body);
      if (!done.length) return callTool("consultar_pedido", { numero: "4821" });
      const r = JSON.parse(String(done[0]!.content)) as { status: string; previsao: string };
      return completion({ content: `Seu pedido 4821 está ${r.status}, com previsão para ${r.previsao}.` });
    });
    const { clientId, sessionId } = await openSession(a.agent.client, "Cliente do pedido");
    const r = await say(a.integrator, sessionId, "qual o status do pedido 4821?");
    expect(offered).toEqual(expect.arrayContaining(["consultar_pedido", "abrir_chamado", "transferir_para_humano"]));
    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/api/pedidos");
    expect(req.json()).toEqual({ tool: "consultar_pedido", arguments: { numero: "4821" }, clientId, sessionId });
    expect(verifyWebhook(secret, req.headers as Record<string, string>, req.body.toString("utf8"))).toBe(true);
    expect(verifyWebhook("whsec_" + Buffer.from("outro").toString("base64"), req.headers as Record<string, string>, req.body.toString("utf8"))).toBe(false);
    expect(r.reply!.text).toBe("Seu pedido 4821 está em separação, com previsão para 05/12.");
    expect(r.handoff).toBeNull();

    const history = (await a.agent.client.ok(SessionToolCallsDocument, { id: sessionId })).session!.aiToolCalls;
    expect(history).toEqual([expect.objectContaining({ name: "consultar_pedido", external: true, arguments: { numero: "4821" }, result: { numero: "4821", status: "em separação", previsao: "05/12" }, outcome: "ok" })]);
    // Integrators do not read the assistant's tool history.
    expect((await a.integrator.raw(SessionToolCallsDocument, { id: sessionId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses arguments that break the schema without calling the endpoint", async () => {
    let calls = 0;
    erpHandler = () => ({ calls: ++calls });
    let seen = "";
    modelCalls("consultar_pedido", { numero: "abc" }, (result) => ((seen = result), "Pode me confirmar o número do pedido?"));
    const { sessionId } = await openSession(a.agent.client, "Args errados");
    const r = await say(a.integrator, sessionId, "qual o status do meu pedido?");
    expect(calls).toBe(0);
    expect(seen).toMatch(/argumentos inválidos/);
    expect(r.reply!.text).toBe("Pode me confirmar o número do pedido?");
    expect((await a.agent.client.ok(SessionToolCallsDocument, { id: sessionId })).session!.aiToolCalls[0]).toMatchObject({ outcome: "invalid_arguments" });
  });

  it("times out a slow tool cleanly and caps the response size", async () => {
    await a.admin.client.ok(UpdateAiToolDocument, { id: toolId, input: { name: "consultar_pedido", description: "Consulta um pedido.", parametersSchema: PEDIDO_SCHEMA, url: `${erp.url}/api/pedidos`, timeoutMs: 300, maxResponseBytes: 512 } });
    erpHandler = async () => {
      await sleep(2000);
      return { status: "tarde demais" };
    };
    let seen = "";
    modelCalls("consultar_pedido", { numero: "777" }, (result) => ((seen = result), "Não consegui consultar agora; vou verificar."));
    const { sessionId } = await openSession(a.agent.client, "Ferramenta lenta");
    const r = await say(a.integrator, sessionId, "e o pedido 777?");
    expect(seen).toMatch(/não respondeu em 300 ms/);
    expect(r.reply!.text).toBe("Não consegui consultar agora; vou verificar.");
    const [call] = (await a.agent.client.ok(SessionToolCallsDocument, { id: sessionId })).session!.aiToolCalls;
    expect(call).toMatchObject({ outcome: "timeout" });
    const [metered] = await server.app.ds.query(`SELECT provider_kind, model, purpose, outcome, error FROM ai_calls WHERE session_id = $1 AND purpose = 'tool'`, [sessionId]);
    expect(metered).toMatchObject({ provider_kind: "TOOL", model: "consultar_pedido", outcome: "error", error: "timeout" });

    erpHandler = () => ({ dump: "x".repeat(5000) });
    modelCalls("consultar_pedido", { numero: "888" }, (result) => ((seen = result), "Vou verificar."));
    const s2 = await openSession(a.agent.client, "Resposta grande");
    await say(a.integrator, s2.sessionId, "e o pedido 888?");
    expect(seen).toMatch(/limite de 512 bytes/);
  });

  it("sends GET tools' arguments in the query string, signed", async () => {
    const created = (await a.admin.client.ok(CreateAiToolDocument, {
      input: { name: "consultar_estoque", description: "Consulta o estoque de um produto.", parametersSchema: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] }, url: `${erp.url}/estoque?loja=1`, method: "GET" },
    })).createAiTool;
    const received: RecordedRequest[] = [];
    erpHandler = (req) => (received.push(req), { sku: "CAM-P", quantidade: 3 });
    const { clientId, sessionId } = await openSession(a.agent.client, "Estoque");
    fake.setHandler((body) => {
      if (!body.tools) return triage("product_info");
      return toolMessages(body).length ? completion({ content: "Temos 3 unidades." }) : callTool("consultar_estoque", { sku: "CAM-P" });
    });
    const r = await say(a.integrator, sessionId, "tem a camiseta P?");
    expect(r.reply!.text).toBe("Temos 3 unidades.");
    const url = new URL(received[0]!.path, erp.url);
    expect(received[0]!.method).toBe("GET");
    expect(Object.fromEntries(url.searchParams)).toEqual({ loja: "1", sku: "CAM-P", clientId, sessionId });
    expect(verifyWebhook(created.secret!, received[0]!.headers as Record<string, string>, url.search.slice(1))).toBe(true);
  });

  it("never auto-resolves the ticket the assistant opens with abrir_chamado", async () => {
    let ticket: { id: string; status: string } | null = null;
    fake.setHandler((body) => {
      // The ticket's own triage (no tools) says "answerable"; the gate must still escalate it.
      if (!body.tools) return triage("order_status");
      const done = toolMessages(body);
      if (!done.length) return callTool("abrir_chamado", { subject: "Entrega", message: "pedido 123 não chegou" });
      ticket = JSON.parse(String(done[0]!.content));
      return completion({ content: `Abri o chamado ${ticket!.id} para a nossa equipe.` });
    });
    const { sessionId } = await openSession(a.agent.client, "Pedido atrasado");
    await say(a.integrator, sessionId, "meu pedido 123 não chegou, abre um chamado pra mim");
    expect(ticket).not.toBeNull();
    const t = (await a.agent.client.ok(GetTicketDocument, { id: ticket!.id })).ticket!;
    expect(t.status).toBe("ESCALATED");
    expect(t.triage).toMatchObject({ autoResolved: false, needsHuman: true });
    expect(t.triage.reasons).toContain("ai_tool_ticket");
    expect(t.comments).toHaveLength(0);
  });
});
