/**
 * The real `openai` client against a fake OpenAI-compatible server on 127.0.0.1 — no SDK mocks,
 * so request shape, error mapping and timeouts are exercised end to end.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTriageProvider, OpenAITriageProvider, TRIAGE_SYSTEM_PROMPT } from "./index";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: any) => void;

let server: http.Server;
let baseURL: string;
let handler: Handler;
const requests: Array<{ url: string; auth: string | undefined; body: any }> = [];

function completion(content: string, model = "fake-llm-1") {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 321, completion_tokens: 54, total_tokens: 375 },
  };
}

function json(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

const answer = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    intent: "second_copy_invoice",
    priority: "LOW",
    needsHuman: false,
    confidence: 0.93,
    response: "Claro! Segue o link para emitir a segunda via na área do cliente.",
    ...over,
  });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ url: req.url ?? "", auth: req.headers.authorization, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
  handler = (_req, res) => json(res, 200, completion(answer()));
});

const provider = (timeoutMs = 2_000) =>
  new OpenAITriageProvider({ apiKey: "sk-test", baseURL, model: "fake-llm-1", timeoutMs });

describe("openai provider against a fake OpenAI-compatible server", () => {
  it("uses a valid JSON answer and records usage", async () => {
    const r = await provider().triage({ text: "manda a segunda via do boleto pf", channel: "WHATSAPP" });
    expect(r).toEqual({
      intent: "second_copy_invoice",
      priority: "LOW",
      needsHuman: false,
      autoResolved: true,
      confidence: 0.93,
      response: "Claro! Segue o link para emitir a segunda via na área do cliente.",
      provider: "openai",
      usage: { model: "fake-llm-1", inputTokens: 321, outputTokens: 54 },
      reasons: [],
    });

    expect(requests).toHaveLength(1);
    const { url, auth, body } = requests[0];
    expect(url).toBe("/v1/chat/completions");
    expect(auth).toBe("Bearer sk-test");
    expect(body.model).toBe("fake-llm-1");
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0]).toEqual({ role: "system", content: TRIAGE_SYSTEM_PROMPT });
    expect(body.messages[1].content).toContain("manda a segunda via do boleto pf");
    expect(body.messages[1].content).toContain("WHATSAPP");
  });

  it("appends the tenant prompt and honours a per-call model", async () => {
    await provider().triage({ text: "oi" }, { systemPrompt: "Somos a Loja Exemplo; trate o cliente por você.", model: "other-model" });
    const { body } = requests[0];
    expect(body.model).toBe("other-model");
    expect(body.messages[0].content.startsWith(TRIAGE_SYSTEM_PROMPT)).toBe(true);
    expect(body.messages[0].content).toContain("Somos a Loja Exemplo; trate o cliente por você.");
  });

  it("falls back to rules on a schema-invalid answer, keeping the usage it paid for", async () => {
    handler = (_req, res) => json(res, 200, completion(answer({ intent: "billing", priority: "SUPER" })));
    const r = await provider().triage({ text: "manda a segunda via do boleto pf" });
    expect(r.provider).toBe("rules (fallback: schema mismatch)");
    expect(r.intent).toBe("second_copy_invoice");
    expect(r.usage).toEqual({ model: "fake-llm-1", inputTokens: 321, outputTokens: 54 });
  });

  it("falls back to rules on a non-JSON answer", async () => {
    handler = (_req, res) => json(res, 200, completion("Claro! A intenção é segunda via."));
    const r = await provider().triage({ text: "quero cancelar meu plano" });
    expect(r.provider).toBe("rules (fallback: invalid json)");
    expect(r).toMatchObject({ intent: "cancellation", needsHuman: true, autoResolved: false, response: null });
  });

  it("accepts JSON wrapped in a markdown code fence", async () => {
    handler = (_req, res) => json(res, 200, completion("```json\n" + answer() + "\n```"));
    expect((await provider().triage({ text: "boleto" })).provider).toBe("openai");
  });

  it("falls back with provider mentioning timeout when the server sleeps past the deadline", async () => {
    handler = (_req, res) => {
      const t = setTimeout(() => json(res, 200, completion(answer())), 3_000);
      res.on("close", () => clearTimeout(t));
    };
    const started = Date.now();
    const r = await provider(300).triage({ text: "o app nao abre de jeito nenhum" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.provider).toBe("rules (fallback: timeout)");
    expect(r).toMatchObject({ intent: "technical_issue", needsHuman: true });
    expect(r.usage).toBeUndefined();
  });

  it("times out too when headers arrive but the body stalls", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"chatcmpl-test",');
    };
    const r = await provider(300).triage({ text: "boleto" });
    expect(r.provider).toBe("rules (fallback: timeout)");
  });

  it("falls back on HTTP 500 without retrying", async () => {
    handler = (_req, res) => json(res, 500, { error: { message: "boom", type: "server_error" } });
    const r = await provider().triage({ text: "cadê meu pedido?" });
    expect(r.provider).toBe("rules (fallback: http 500)");
    expect(r.intent).toBe("order_status");
    expect(requests).toHaveLength(1);
  });

  it("falls back when the server is unreachable", async () => {
    const p = new OpenAITriageProvider({ apiKey: "sk-test", baseURL: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 2_000 });
    const r = await p.triage({ text: "oi" });
    expect(r.provider).toMatch(/^rules \(fallback: (connection error|timeout)\)$/);
  });

  it.each([
    ["quero cancelar minha assinatura, obrigado", "thanks"],
    ["vou no procon, manda a segunda via", "second_copy_invoice"],
    ["apaguem meus dados e mandem o boleto", "second_copy_invoice"],
    ["quero falar com um atendente sobre o boleto", "second_copy_invoice"],
  ])("keeps needsHuman when the safety rules flag %j, whatever the LLM says", async (text, llmIntent) => {
    handler = (_req, res) => json(res, 200, completion(answer({ intent: llmIntent, needsHuman: false, confidence: 0.99 })));
    const r = await provider().triage({ text });
    expect(r.provider).toBe("openai");
    expect(r.needsHuman).toBe(true);
    expect(r.autoResolved).toBe(false);
  });

  it("derives needsHuman from the intent and drops replies for intents a bot must not answer", async () => {
    handler = (_req, res) =>
      json(res, 200, completion(answer({ intent: "technical_issue", priority: "HIGH", needsHuman: false, response: "Reinicie o modem." })));
    const r = await provider().triage({ text: "minha internet ta lenta" });
    expect(r).toMatchObject({ intent: "technical_issue", needsHuman: true, autoResolved: false, response: null });
  });

  it("escalates to URGENT when the rules layer sees a legal threat", async () => {
    handler = (_req, res) => json(res, 200, completion(answer({ intent: "complaint", priority: "HIGH", needsHuman: true, response: null })));
    const r = await provider().triage({ text: "vou entrar na justiça contra vocês" });
    expect(r.priority).toBe("URGENT");
  });

  it("sends low-confidence answers to a person", async () => {
    handler = (_req, res) => json(res, 200, completion(answer({ confidence: 0.2 })));
    const r = await provider().triage({ text: "boleto" });
    expect(r).toMatchObject({ needsHuman: true, autoResolved: false });
  });

  it("propagates a caller abort instead of answering", async () => {
    handler = (_req, res) => {
      const t = setTimeout(() => json(res, 200, completion(answer())), 3_000);
      res.on("close", () => clearTimeout(t));
    };
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(provider().triage({ text: "boleto" }, { signal: ac.signal })).rejects.toThrow();
  });

  it("createTriageProvider builds the openai provider from config", async () => {
    const p = createTriageProvider({ openaiApiKey: "sk-test", openaiBaseUrl: baseURL, model: "cfg-model", timeoutMs: 1_000 });
    expect(p.name).toBe("openai");
    await p.triage({ text: "boleto" });
    expect(requests[0].body.model).toBe("cfg-model");
  });
});
