import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateClientDocument, CreateTicketDocument } from "./generated/graphql";
import { completion, startFakeOpenAi } from "./support/fake-openai";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

run("ticket triage through an OpenAI-compatible API", () => {
  let server: TestServer;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let t: TestTenant;
  let clientId: string;
  beforeAll(async () => {
    fake = await startFakeOpenAi(() => completion({ content: JSON.stringify({ intent: "order_status", priority: "MEDIUM", needsHuman: false, confidence: 0.93, response: "Seu pedido está a caminho; acompanhe pelo link de rastreio enviado por e-mail." }) }));
    server = await startTestServer({ env: { OPENAI_API_KEY: "sk-teste", OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: "modelo-teste", OPENAI_TIMEOUT_MS: "700" } });
    t = await createTenant(server);
    clientId = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Cliente IA" } })).createClient.id;
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  const open = (message: string) => t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", message } }).then((r) => r.createTicket);

  it("uses the model's structured answer and sends the configured model and key", async () => {
    const ticket = await open("cadê meu pedido?");
    expect(ticket.triage).toMatchObject({ intent: "order_status", provider: "openai", autoResolved: true });
    expect(ticket.status).toBe("RESOLVED");
    const req = fake.requests.at(-1)!;
    expect(req.headers.authorization).toBe("Bearer sk-teste");
    expect((req.json() as { model: string }).model).toBe("modelo-teste");
  });

  it("falls back to the rules classifier on timeout and says so", async () => {
    fake.setHandler(() => new Promise((r) => setTimeout(() => r(completion({ content: "{}" })), 3000)));
    const ticket = await open("quero a segunda via do boleto");
    expect(ticket.triage.provider).toMatch(/^rules \(fallback: timeout\)/);
    expect(ticket.triage.intent).toBe("second_copy_invoice");
  });

  it("falls back on an answer outside the intent set", async () => {
    fake.setHandler(() => completion({ content: JSON.stringify({ intent: "inventado", priority: "LOW", needsHuman: false, confidence: 1 }) }));
    const ticket = await open("quero cancelar meu plano");
    expect(ticket.triage.provider).toMatch(/^rules \(fallback: schema/);
    expect(ticket.status).toBe("ESCALATED");
  });

  it("never lets the model auto-resolve a cancellation", async () => {
    fake.setHandler(() => completion({ content: JSON.stringify({ intent: "greeting", priority: "LOW", needsHuman: false, confidence: 0.99, response: "Olá!" }) }));
    const ticket = await open("quero cancelar tudo hoje");
    expect(ticket.triage.needsHuman).toBe(true);
    expect(ticket.status).toBe("ESCALATED");
  });
});
