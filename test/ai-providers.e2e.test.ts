import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiUsageDocument, CreateClientDocument, CreateTicketDocument, GetAiProviderDocument, GetSessionDocument, UpdateAiProviderDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { completion, startFakeOpenAi, type OpenAiHandler } from "./support/fake-openai";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

/** An OpenAI-compatible answer naming the model it was asked for. */
const triageAnswer = (model: string, intent = "order_status", tokens = { prompt_tokens: 100, completion_tokens: 20 }) =>
  completion({ content: JSON.stringify({ intent, priority: "MEDIUM", needsHuman: false, confidence: 0.95, response: "Seu pedido está em separação; acompanhe pelo rastreio." }) }, tokens, model);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

run("tenants on their own AI providers (two fake OpenAI-compatible servers at once)", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let fakeA: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let fakeB: Awaited<ReturnType<typeof startFakeOpenAi>>;
  const answerA: OpenAiHandler = (body) => {
    if (body.tools) return completion({ content: "Olá! Como posso ajudar?" }, { prompt_tokens: 200, completion_tokens: 40 }, body.model);
    return triageAnswer(body.model, /pedido/.test(String(body.messages.at(-1)?.content)) ? "order_status" : "greeting");
  };
  const answerB: OpenAiHandler = (body) => triageAnswer(body.model, "order_status", { prompt_tokens: 1000, completion_tokens: 100 });

  beforeAll(async () => {
    fakeA = await startFakeOpenAi(answerA);
    fakeB = await startFakeOpenAi(answerB);
  });
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    await a.admin.client.ok(UpdateAiProviderDocument, {
      input: { kind: "OPENAI_COMPATIBLE", baseUrl: fakeA.baseUrl, apiKey: "sk-tenant-a", triageModel: "llama3.1:8b", replyModel: "qwen2.5:14b", inputPriceBrlPerMillion: 2, outputPriceBrlPerMillion: 8, timeoutMs: 2000 },
    });
    await b.admin.client.ok(UpdateAiProviderDocument, { input: { kind: "GROQ", baseUrl: fakeB.baseUrl, apiKey: "gsk-tenant-b", triageModel: "llama-3.1-8b-instant", timeoutMs: 700 } });
  });
  afterAll(async () => {
    await fakeA?.close();
    await fakeB?.close();
  });

  const ticket = async (t: TestTenant, message: string) => {
    const clientId = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Cliente IA" } })).createClient.id;
    return (await t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WHATSAPP", message } })).createTicket;
  };
  const usage = async (t: TestTenant) => (await t.admin.client.ok(AiUsageDocument, {})).aiUsage;

  it("stores the key sealed and never returns it; validates the settings by field", async () => {
    const got = (await a.supervisor.client.ok(GetAiProviderDocument)).aiProvider;
    expect(got).toMatchObject({ kind: "OPENAI_COMPATIBLE", usesServerDefault: false, apiKeySet: true, triageModel: "llama3.1:8b", replyModel: "qwen2.5:14b", inputPriceBrlPerMillion: 2 });
    expect(JSON.stringify(got)).not.toContain("sk-tenant-a");
    const [row] = await server.app.ds.query(`SELECT api_key_sealed FROM ai_provider_settings WHERE tenant_id = $1`, [a.id]);
    expect(row.api_key_sealed).toMatch(/^v1\./);
    expect(row.api_key_sealed).not.toContain("sk-tenant-a");

    expect((await a.admin.client.fail(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "baseUrl" });
    expect((await a.admin.client.fail(UpdateAiProviderDocument, { input: { kind: "GEMINI" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "apiKey" });
    expect((await a.admin.client.fail(UpdateAiProviderDocument, { input: { kind: "OPENAI", apiKey: "sk", inputPriceBrlPerMillion: -1 } })).extensions).toMatchObject({ field: "inputPriceBrlPerMillion" });
    expect((await a.admin.client.fail(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE", baseUrl: "ftp://x" } })).extensions).toMatchObject({ field: "baseUrl" });
    expect((await a.agent.client.fail(UpdateAiProviderDocument, { input: { kind: "RULES" } })).extensions!.code).toBe("FORBIDDEN");
  });

  it("triages each tenant's messages on its own provider, key and model, at the same time", async () => {
    const before = { a: fakeA.requests.length, b: fakeB.requests.length };
    const [ta, tb] = await Promise.all([ticket(a, "cadê meu pedido 4471?"), ticket(b, "meu pedido 9923 não chegou ainda")]);
    expect(ta.triage).toMatchObject({ provider: "openai_compatible", intent: "order_status" });
    expect(tb.triage).toMatchObject({ provider: "groq", intent: "order_status" });
    const reqA = fakeA.requests.slice(before.a);
    const reqB = fakeB.requests.slice(before.b);
    expect(reqA).toHaveLength(1);
    expect(reqB).toHaveLength(1);
    expect(reqA[0]!.headers.authorization).toBe("Bearer sk-tenant-a");
    expect((reqA[0]!.json() as { model: string }).model).toBe("llama3.1:8b");
    expect(String((reqA[0]!.json() as { messages: Array<{ content: string }> }).messages.at(-1)!.content)).toContain("4471");
    expect(reqB[0]!.headers.authorization).toBe("Bearer gsk-tenant-b");
    expect(String((reqB[0]!.json() as { messages: Array<{ content: string }> }).messages.at(-1)!.content)).toContain("9923");
  });

  it("records tokens and BRL cost per call by provider and model (tenant prices, or the server's table)", async () => {
    const ua = (await usage(a)).find((u) => u.purpose === "triage")!;
    expect(ua).toMatchObject({ providerKind: "OPENAI_COMPATIBLE", model: "llama3.1:8b", calls: 1, fallbacks: 0, inputTokens: 100, outputTokens: 20 });
    expect(ua.costBrl).toBeCloseTo((100 * 2 + 20 * 8) / 1e6, 9);
    const ub = (await usage(b)).find((u) => u.purpose === "triage")!;
    // No price configured for this Groq model: recorded with tokens, cost 0 until prices are set.
    expect(ub).toMatchObject({ providerKind: "GROQ", model: "llama-3.1-8b-instant", calls: 1, inputTokens: 1000, outputTokens: 100, costBrl: 0 });
    const [row] = await server.app.ds.query(`SELECT purpose, outcome, latency_ms, ticket_id FROM ai_calls WHERE tenant_id = $1`, [b.id]);
    expect(row).toMatchObject({ purpose: "triage", outcome: "ok" });
    expect(row.ticket_id).toBeTruthy();
  });

  it("answers a conversation on the tenant's reply model; the session accrues tokens and cost", async () => {
    const { sessionId } = await openSession(a.agent.client, "Conversa IA");
    const r = await say(a.integrator, sessionId, "olá, boa tarde!");
    expect(r.reply).toMatchObject({ sender: "AI", text: "Olá! Como posso ajudar?" });
    const chat = fakeA.requests.at(-1)!.json() as { model: string; tools: unknown[] };
    expect(chat.model).toBe("qwen2.5:14b");
    const s = (await a.agent.client.ok(GetSessionDocument, { id: sessionId })).session!;
    expect(s).toMatchObject({ tokensInput: 100 + 200, tokensOutput: 20 + 40, aiProvider: "openai_compatible", aiModel: "qwen2.5:14b" });
    expect(s.costBrl).toBeCloseTo((300 * 2 + 60 * 8) / 1e6, 9);
    expect((await usage(a)).find((u) => u.purpose === "reply")).toMatchObject({ model: "qwen2.5:14b", calls: 1 });
  });

  it("falls back to the rules when a provider is slow, and counts it", async () => {
    fakeB.setHandler(async (body) => {
      await sleep(2500);
      return triageAnswer(body.model);
    });
    const t = await ticket(b, "quero a segunda via do boleto");
    expect(t.triage.provider).toBe("rules (fallback: timeout)");
    expect(t.triage.intent).toBe("second_copy_invoice");
    // The other tenant's provider is unaffected meanwhile.
    expect((await ticket(a, "cadê meu pedido?")).triage.provider).toBe("openai_compatible");
    const ub = (await usage(b)).find((u) => u.purpose === "triage")!;
    expect(ub).toMatchObject({ calls: 2, fallbacks: 1 });
  });

  it("falls back to the rules when a provider errors, and counts it", async () => {
    fakeB.setHandler((_body, _req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "overloaded" } }));
      return undefined;
    });
    const t = await ticket(b, "quero cancelar minha assinatura");
    expect(t.triage.provider).toBe("rules (fallback: http 503)");
    expect(t.status).toBe("ESCALATED");
    expect((await usage(b)).find((u) => u.purpose === "triage")).toMatchObject({ calls: 3, fallbacks: 2 });
    const rows = await server.app.ds.query(`SELECT error FROM ai_calls WHERE tenant_id = $1 AND outcome = 'fallback' ORDER BY created_at`, [b.id]);
    expect(rows.map((r: { error: string }) => r.error)).toEqual(["timeout", "http 503"]);
    fakeB.setHandler(answerB);
  });

  it("drops the saved key when the provider or its address changes, and goes offline with RULES", async () => {
    const moved = (await b.admin.client.ok(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE", baseUrl: `${fakeA.baseUrl}/outro`, triageModel: "x" } })).updateAiProvider;
    expect(moved.apiKeySet).toBe(false);
    await b.admin.client.ok(UpdateAiProviderDocument, { input: { kind: "RULES" } });
    const before = fakeA.requests.length + fakeB.requests.length;
    expect((await ticket(b, "cadê meu pedido?")).triage.provider).toBe("rules");
    expect(fakeA.requests.length + fakeB.requests.length).toBe(before);
    // Tenant isolation of the usage report.
    expect((await usage(b)).every((u) => u.providerKind !== "OPENAI_COMPATIBLE")).toBe(true);
  });
});
