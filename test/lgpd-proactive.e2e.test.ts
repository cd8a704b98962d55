import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClaimHandoffDocument, CreateClientDocument, CreateInboxDocument, GrantConsentDocument, RequestHandoffDocument, RevokeConsentDocument, SendProactiveMessageDocument,
} from "./generated/graphql";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { JOBS } from "../src/modules";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const API_KEY = "9F0C2A71-5B3E-4D8A-A1C6-7E2F4B9D0C35";

/** LGPD: a message the business starts goes out only with the client's consent for that purpose. */
run("proactive messages need consent (fake Evolution server)", () => {
  let server: TestServer;
  let evo: FakeServer;
  let a: TestTenant;
  let b: TestTenant;
  let inboxId: string;
  let sends = 0;

  const sent = () => evo.requests.filter((r) => r.path.startsWith("/message/sendText")).map((r) => r.json() as { number: string; text: string });
  let phones = 0;
  /** A client with a distinct mobile number ((11) 98765-4301, -4302, …) or, with `withPhone` false, none. */
  const newClient = async (t: TestTenant, withPhone = true) => {
    const phone = `(11) 98765-${String(4300 + ++phones)}`;
    return (await t.agent.client.ok(CreateClientDocument, { input: { name: "Joana Lima", ...(withPhone ? { phone } : {}) } })).createClient.id;
  };
  const grant = (t: TestTenant, clientId: string, purpose: "MARKETING" | "WHATSAPP_CONTACT") =>
    t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose, text: "Aceito receber mensagens pelo WhatsApp.", textVersion: "v1", source: "web ip:189.40.10.20" } });
  const send = (t: TestTenant, clientId: string, text: string, purpose?: "MARKETING" | "WHATSAPP_CONTACT" | "AI_PROCESSING", inbox = inboxId) =>
    t.agent.client.raw(SendProactiveMessageDocument, { input: { clientId, inboxId: inbox, text, ...(purpose ? { purpose } : {}) } });
  const stored = async (clientId: string) => ({
    sessions: Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM sessions WHERE client_id = $1`, [clientId]))[0].n),
    messages: Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.client_id = $1`, [clientId]))[0].n),
  });

  beforeAll(async () => {
    evo = await startFakeServer((req, res) => {
      if (req.headers.apikey !== API_KEY) return sendJson(res, 401, { error: "unauthorized" });
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      if (req.path === "/message/sendText/loja-proativa") {
        sends++;
        return sendJson(res, 201, { key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id: `PROATIVA${sends}` }, status: "PENDING" });
      }
      sendJson(res, 404, {});
    });
    server = await startTestServer();
    [a, b] = await Promise.all([createTenant(server), createTenant(server)]);
    const created = await a.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "loja-proativa", apiKey: API_KEY } } });
    inboxId = created.createInbox.inbox.id;
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("refuses without WHATSAPP_CONTACT consent and neither stores nor sends anything", async () => {
    const clientId = await newClient(a);
    const r = await send(a, clientId, "Olá Joana, seu pedido foi enviado!");
    expect(r.data).toBeNull();
    expect(r.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED", purpose: "WHATSAPP_CONTACT" });
    expect(r.errors![0]!.message).toMatch(/consentimento/);
    await new Promise((res) => setTimeout(res, 300));
    expect(await stored(clientId)).toEqual({ sessions: 0, messages: 0 });
    expect(sent()).toHaveLength(0);
  });

  it("sends through the provider once the client consents, and stops again after revocation", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const r = await send(a, clientId, "Olá Joana, seu pedido #4821 saiu para entrega.");
    expect(r.errors).toBeUndefined();
    const message = r.data!.sendProactiveMessage;
    expect(message).toMatchObject({ direction: "OUTBOUND", sender: "AGENT", text: "Olá Joana, seu pedido #4821 saiu para entrega.", author: { id: a.agent.id } });
    await waitFor(() => Promise.resolve(sent().some((s) => s.text === message.text)), 15_000, "sendText");
    expect(sent().find((s) => s.text === message.text)!.number).toMatch(/^551198765\d{4}$/);
    await waitFor(async () => (await server.app.ds.query(`SELECT delivery_status FROM messages WHERE id = $1`, [message.id]))[0].delivery_status === "SENT", 10_000, "SENT");
    const [row] = await server.app.ds.query(`SELECT provider_message_id FROM messages WHERE id = $1`, [message.id]);
    expect(row.provider_message_id).toMatch(/^PROATIVA\d+$/);

    await a.agent.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT" } });
    const before = sent().length;
    const again = await send(a, clientId, "Mais uma mensagem");
    expect(again.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED" });
    expect(await stored(clientId)).toMatchObject({ messages: 1 });
    await new Promise((res) => setTimeout(res, 300));
    expect(sent()).toHaveLength(before);
  });

  it("campaigns need MARKETING: contact consent alone is not enough", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const denied = await send(a, clientId, "Promoção de Black Friday: 30% off!", "MARKETING");
    expect(denied.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED", purpose: "MARKETING" });
    await grant(a, clientId, "MARKETING");
    const ok = await send(a, clientId, "Promoção de Black Friday: 30% off!", "MARKETING");
    expect(ok.errors).toBeUndefined();
    await waitFor(() => Promise.resolve(sent().some((s) => s.text === "Promoção de Black Friday: 30% off!")), 15_000, "campaign sent");
  });

  it("validates the input and names the field", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    expect((await send(a, clientId, "   ")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect((await send(a, clientId, "oi", "AI_PROCESSING")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "purpose" });
    expect((await send(a, clientId, "oi", undefined, "00000000-0000-4000-8000-000000000000")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inboxId" });
    const noPhone = await newClient(a, false);
    await grant(a, noPhone, "WHATSAPP_CONTACT");
    expect((await send(a, noPhone, "oi")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    expect(await stored(clientId)).toEqual({ sessions: 0, messages: 0 });
  });

  it("another tenant can neither message the client nor use the inbox", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const before = sent().length;
    expect((await send(b, clientId, "oi de outra empresa")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    const own = await newClient(b);
    await grant(b, own, "WHATSAPP_CONTACT");
    expect((await send(b, own, "oi pela caixa alheia")).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inboxId" });
    expect(await stored(clientId)).toEqual({ sessions: 0, messages: 0 });
    await new Promise((res) => setTimeout(res, 300));
    expect(sent()).toHaveLength(before);
  });

  it("re-sends an outbound message whose job was lost, and fails one a day old instead of sending it", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const first = (await a.agent.client.ok(SendProactiveMessageDocument, { input: { clientId, inboxId, text: "Primeira mensagem" } })).sendProactiveMessage;
    await waitFor(() => Promise.resolve(sent().some((s) => s.text === "Primeira mensagem")), 15_000, "first sent");
    const sessionId = first.session.id;
    // As a crashed in-process runner leaves them: PENDING, no provider id, nobody holding the job.
    const lost = async (text: string, age: string) =>
      (await server.app.ds.query(
        `INSERT INTO messages (tenant_id, session_id, direction, sender, text, delivery_status, created_at) VALUES ($1, $2, 'OUTBOUND', 'AGENT', $3, 'PENDING', now() - $4::interval) RETURNING id`,
        [a.id, sessionId, text, age],
      ))[0].id as string;
    const recent = await lost("Mensagem que ficou para trás", "5 minutes");
    const ancient = await lost("Mensagem de anteontem", "2 days");
    await server.app.jobs.enqueue(JOBS.requeueLost, {}); // the scheduled sweep
    await waitFor(() => Promise.resolve(sent().some((s) => s.text === "Mensagem que ficou para trás")), 15_000, "lost message re-sent");
    await waitFor(async () => (await server.app.ds.query(`SELECT delivery_status FROM messages WHERE id = $1`, [recent]))[0].delivery_status === "SENT", 10_000, "SENT");
    const [old] = await server.app.ds.query(`SELECT delivery_status, delivery_error FROM messages WHERE id = $1`, [ancient]);
    expect(old).toEqual({ delivery_status: "FAILED", delivery_error: "Não enviada: o envio não foi concluído em 24 horas." });
    expect(sent().some((s) => s.text === "Mensagem de anteontem")).toBe(false);
    expect(sent().filter((s) => s.text === "Mensagem que ficou para trás")).toHaveLength(1);
    // Nothing left for the next sweep.
    expect(await server.app.services.outbound.requeueStale()).toEqual({ requeued: 0, failed: 0 });
  });

  it("does not let an agent write into a conversation another agent holds", async () => {
    const clientId = await newClient(a);
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const first = (await a.agent.client.ok(SendProactiveMessageDocument, { input: { clientId, inboxId, text: "Seu pedido chegou?" } })).sendProactiveMessage;
    const handoff = (await a.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId: first.session.id, reason: "cliente respondeu" } })).requestHandoff;
    await a.agent2.client.ok(ClaimHandoffDocument, { id: handoff.id });
    const before = await stored(clientId);
    expect((await send(a, clientId, "Outra mensagem")).errors![0]!.extensions?.code).toBe("FORBIDDEN");
    expect(await stored(clientId)).toEqual(before);
    const byHolder = await a.agent2.client.ok(SendProactiveMessageDocument, { input: { clientId, inboxId, text: "Aqui é a Carla, sigo com você." } });
    expect(byHolder.sendProactiveMessage.session.id).toBe(first.session.id); // same open conversation
    expect(await stored(clientId)).toEqual({ sessions: 1, messages: before.messages + 1 });
  });

  it("an integration (API key) sends follow-ups as the system, under the same consent rule", async () => {
    const clientId = await newClient(a);
    const denied = await a.integrator.raw(SendProactiveMessageDocument, { input: { clientId, inboxId, text: "Sua fatura vence amanhã." } });
    expect(denied.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED" });
    await grant(a, clientId, "WHATSAPP_CONTACT");
    const r = await a.integrator.ok(SendProactiveMessageDocument, { input: { clientId, inboxId, text: "Sua fatura vence amanhã." } });
    expect(r.sendProactiveMessage).toMatchObject({ direction: "OUTBOUND", sender: "SYSTEM", author: null });
    await waitFor(() => Promise.resolve(sent().some((s) => s.text === "Sua fatura vence amanhã.")), 15_000, "follow-up sent");
  });
});
