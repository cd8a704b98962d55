import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConvertLeadDocument, CreateClientDocument, CreateInboxDocument, CreateLeadDocument, GetClientDocument, GetLeadDocument, LeadsDocument, OnLeadUpdatedDocument, SetPipelineDocument,
  type PipelineInput,
} from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { completion, startFakeOpenAi } from "./support/fake-openai";
import { Subscription, wsClient } from "./support/gql";
import { textPdf } from "./support/minimal-pdf";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const API_KEY = "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E";

const SOLAR: PipelineInput = {
  leadsFromConversations: true,
  qualificationFields: [
    { key: "contaMensal", label: "Valor da conta de energia", type: "MONEY", keywords: ["conta de luz", "conta de energia"], documentField: "UTILITY_BILL.totalAmount" },
    { key: "consumoKwh", label: "Consumo mensal (kWh)", type: "NUMBER", keywords: ["kwh", "consumo"], documentField: "UTILITY_BILL.consumptionKwh" },
    { key: "cidade", label: "Cidade", type: "CITY" },
    { key: "tipoImovel", label: "Tipo de imóvel", type: "CHOICE", options: ["casa", "apartamento", "comercial"] },
  ],
  criteria: [{ field: "contaMensal", op: "GTE", value: 300 }, { field: "cidade", op: "PRESENT" }],
};

/** A digital electricity bill (PDF with a text layer), as the client would forward it. */
const billPdf = () =>
  textPdf([
    { text: "Distribuidora de Energia Serra Azul S.A.", x: 40, top: 40, size: 12 },
    { text: "Nome do Cliente: CARLOS EDUARDO PRADO", x: 40, top: 70 },
    { text: "Conta do Mês: 10/2025 Emissão: 10/10/2025", x: 40, top: 90 },
    { text: "Vencimento: 03/11/2025", x: 40, top: 110 },
    { text: "Leitura Anterior: 06/09/2025 - 42313   Leitura Atual: 08/10/2025 - 42725", x: 40, top: 130 },
    { text: "Consumo do Mês: 412 kWh Dias: 32", x: 40, top: 150 },
    { text: "Valor Total a Pagar R$ 487,35", x: 40, top: 170 },
  ]);

/** An Evolution messages.upsert from `phone`, built on the real fixture. */
function inbound(id: string, phone: string, name: string, message: Record<string, unknown>): string {
  const body = JSON.parse(evolutionFixture("messages-upsert-text").toString());
  body.data.key = { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id, addressingMode: "pn" };
  body.data.pushName = name;
  body.data.message = message;
  body.data.messageType = Object.keys(message)[0];
  return JSON.stringify(body);
}

run("CRM: a lead born in a WhatsApp conversation, qualified by what the client says and the bill they send, converted to a client", () => {
  let server: TestServer;
  let evo: FakeServer;
  let t: TestTenant;
  let url: string;

  beforeAll(async () => {
    const pdf = billPdf();
    evo = await startFakeServer((req, res) => {
      if (req.headers.apikey !== API_KEY) return sendJson(res, 401, {});
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      if (req.path.startsWith("/message/sendText/")) return sendJson(res, 201, { key: { id: `OUT${evo.requests.length}`, fromMe: true }, status: "PENDING" });
      if (req.path.startsWith("/chat/getBase64FromMediaMessage/")) return sendJson(res, 201, { mediaType: "documentMessage", mimetype: "application/pdf", base64: pdf.toString("base64") });
      sendJson(res, 404, {});
    });
    server = await startTestServer();
    t = await createTenant(server);
    const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Solar", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: API_KEY } } });
    url = `${server.url}${inbox.createInbox.inbox.webhookPath}`;
    await t.admin.client.ok(SetPipelineDocument, { input: SOLAR });
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("qualifies the lead from the conversation and the OCR of the bill, and converts it to the contact's client", async () => {
    const ws = wsClient(server.url, { Authorization: `Bearer ${t.agent.token}` });
    const sub = new Subscription(ws, OnLeadUpdatedDocument);
    try {
      await sub.ready;
      const phone = "5519991112222";
      expect((await post(url, inbound("LEAD00001", phone, "Carlos Prado", { conversation: "Oi! Quero um orçamento de energia solar pra minha casa." }))).status).toBe(200);
      const created = await waitFor(async () => (await t.agent.client.ok(LeadsDocument, { filter: { source: "WHATSAPP" } })).leads.edges[0]?.node, 20_000, "lead from WhatsApp");
      let lead = (await t.agent.client.ok(GetLeadDocument, { id: created.id })).lead;
      expect(lead).toMatchObject({ name: "Carlos Prado", phone: "+5519991112222", source: "WHATSAPP", stage: { name: "Novo" }, qualifiedAt: null });
      expect(lead.client).not.toBeNull();
      expect((await sub.next(10_000)).leadUpdated).toMatchObject({ id: lead.id, stage: { name: "Novo" } });
      lead = await waitFor(async () => {
        const l = (await t.agent.client.ok(GetLeadDocument, { id: created.id })).lead;
        return l.qualification.tipoImovel ? l : null;
      }, 15_000, "tipoImovel from the first message");
      expect(lead.qualification).toEqual({ tipoImovel: "casa" });
      expect(lead.sessionId).not.toBeNull();

      expect((await post(url, inbound("LEAD00002", phone, "Carlos Prado", { conversation: "Moro em Campinas, no bairro Cambuí." }))).status).toBe(200);
      await waitFor(async () => (await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead.qualification.cidade === "Campinas/SP", 15_000, "city");
      // Not qualified yet: the bill is unknown.
      expect((await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead).toMatchObject({ stage: { name: "Novo" }, qualifiedAt: null });

      const doc = JSON.parse(evolutionFixture("messages-upsert-document-pdf").toString());
      doc.data.key = { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: "LEAD00003", addressingMode: "pn" };
      doc.data.pushName = "Carlos Prado";
      doc.data.message.documentMessage.fileName = "conta de luz outubro.pdf";
      doc.data.message.documentMessage.title = "conta de luz outubro.pdf";
      expect((await post(url, JSON.stringify(doc))).status).toBe(200);
      const qualified = await waitFor(async () => {
        const l = (await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead;
        return l.stage.name === "Qualificado" ? l : null;
      }, 90_000, "qualified from the bill");
      expect(qualified.qualification).toEqual({ tipoImovel: "casa", cidade: "Campinas/SP", contaMensal: 487.35, consumoKwh: 412 });
      expect(qualified.qualificationSources).toMatchObject({ contaMensal: { source: "document" }, cidade: { source: "message" } });
      expect(qualified.qualifiedAt).not.toBeNull();
      const events: Array<{ leadUpdated: { stage: { name: string } } }> = [];
      await waitFor(async () => {
        events.push(...(await sub.none(100)) as never[]);
        return events.some((e) => e.leadUpdated.stage.name === "Qualificado");
      }, 10_000, "leadUpdated Qualificado");

      const client = (await t.agent.client.ok(ConvertLeadDocument, { id: lead.id })).convertLead;
      // The conversation's own client is linked, not duplicated.
      expect(client).toMatchObject({ id: lead.client!.id, name: "Carlos Prado", phone: "+5519991112222" });
      const done = (await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead;
      expect(done).toMatchObject({ stage: { name: "Ganho" }, client: { id: client.id } });
      expect(done.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["CREATED", "FIELDS_FILLED", "QUALIFIED", "STAGE_CHANGED", "CONVERTED"]));
      expect(done.history.find((h) => h.kind === "CONVERTED")!.detail).toEqual({ clientId: client.id, createdClient: false });
      expect((await t.agent.client.ok(GetClientDocument, { id: client.id })).client?.name).toBe("Carlos Prado");
    } finally {
      sub.close();
      await ws.dispose();
    }
  });

  it("a known contact writing does not become a lead", async () => {
    await t.agent.client.ok(CreateClientDocument, { input: { name: "Cliente Antiga", phone: "(21) 98888-7777" } });
    const before = (await t.agent.client.ok(LeadsDocument, {})).leads.totalCount;
    expect((await post(url, inbound("KNOWN0001", "5521988887777", "Cliente Antiga", { conversation: "Oi, tudo bem?" }))).status).toBe(200);
    await waitFor(async () => (await server.app.ds.query(`SELECT 1 FROM messages WHERE provider_message_id = 'KNOWN0001'`)).length === 1, 15_000, "message stored");
    expect((await t.agent.client.ok(LeadsDocument, {})).leads.totalCount).toBe(before);
  });
});

run("CRM: qualification by the tenant's language model (fake OpenAI-compatible server)", () => {
  let server: TestServer;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let t: TestTenant;
  const extractionCalls: Array<{ system: string; user: string }> = [];
  let extraction: () => unknown = () => ({ contaMensal: 450, cidade: "Sorocaba/SP", tipoImovel: null });

  beforeAll(async () => {
    fake = await startFakeOpenAi((body, _req, res) => {
      const system = String(body.messages[0]?.content ?? "");
      if (system.includes("dados de qualificação")) {
        extractionCalls.push({ system, user: String(body.messages.at(-1)?.content ?? "") });
        const out = extraction();
        if (out === "fail") return sendJson(res, 500, { error: { message: "overloaded" } });
        return completion({ content: JSON.stringify(out) }, { prompt_tokens: 90, completion_tokens: 12 });
      }
      if (body.tools) return completion({ content: "Perfeito, anotei!" });
      return completion({ content: JSON.stringify({ intent: "greeting", priority: "LOW", needsHuman: false, confidence: 0.9, response: null }) });
    });
    server = await startTestServer({ env: { OPENAI_API_KEY: "sk-teste", OPENAI_BASE_URL: fake.baseUrl, OPENAI_TIMEOUT_MS: "2000" } });
    t = await createTenant(server);
    await t.admin.client.ok(SetPipelineDocument, { input: { ...SOLAR, leadsFromConversations: false } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("reads answers the rules cannot (numbers in words) and falls back to the rules when the model fails", async () => {
    const { clientId, sessionId } = await openSession(t.agent.client, "Paula Web");
    const lead = (await t.agent.client.ok(CreateLeadDocument, { input: { name: "Paula Web", clientId, source: "WEB_CHAT" } })).createLead;
    await say(t.agent.client, sessionId, "a conta vem uns quatrocentos e cinquenta reais, aqui em Sorocaba");
    const l = await waitFor(async () => {
      const x = (await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead;
      return x.stage.name === "Qualificado" ? x : null;
    }, 15_000, "qualified by the model");
    expect(l.qualification).toEqual({ contaMensal: 450, cidade: "Sorocaba/SP" });
    expect(l.qualificationSources.contaMensal.source).toBe("llm");
    expect(extractionCalls[0]!.system).toContain('"contaMensal"');
    expect(extractionCalls[0]!.user).toContain("cliente: a conta vem uns quatrocentos e cinquenta reais");

    extraction = () => "fail";
    await say(t.agent.client, sessionId, "e é um apartamento");
    await waitFor(async () => (await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead.qualification.tipoImovel === "apartamento", 15_000, "rules after the model failed");
    expect((await t.agent.client.ok(GetLeadDocument, { id: lead.id })).lead.qualificationSources.tipoImovel.source).toBe("message");
  });
});
