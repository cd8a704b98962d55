import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApproveDsrDocument, CreateInboxDocument, DsrNoticesDocument, GetClientDocument, ListClientsDocument, RejectDsrDocument, RequestDsrWithCorrectionsDocument,
  UpdateTenantSettingsDocument,
} from "./generated/graphql";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const API_KEY = "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E";

run("LGPD: the data subject is told of every step of their request (fake Evolution)", () => {
  let server: TestServer;
  let evo: FakeServer;
  let t: TestTenant;
  let clientId: string;
  let sends = 0;

  /** Texts Evolution was asked to send to the subject's number, in order. */
  const sentToSubject = () =>
    evo.requests.filter((r) => r.path === "/message/sendText/atendimento-loja01").map((r) => r.json() as { number: string; text: string }).filter((b) => b.number === "5511987654321").map((b) => b.text);
  const requests = async () => (await t.admin.client.ok(DsrNoticesDocument, {})).dataSubjectRequests;

  beforeAll(async () => {
    evo = await startFakeServer((req, res) => {
      if (req.headers.apikey !== API_KEY) return sendJson(res, 401, { error: "unauthorized" });
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      if (req.path === "/message/sendText/atendimento-loja01") return sendJson(res, 201, { key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id: `NOTICE${++sends}` }, status: "PENDING" });
      sendJson(res, 404, {});
    });
    server = await startTestServer();
    t = await createTenant(server);
    const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: API_KEY } } });
    // The subject first wrote on WhatsApp: that is their channel.
    expect((await post(`${server.url}${inbox.createInbox.inbox.webhookPath}`, evolutionFixture("messages-upsert-text"))).status).toBe(200);
    clientId = await waitFor(async () => (await t.agent.client.ok(ListClientsDocument, { first: 5, filter: { search: "98765-4321" } })).clients.edges[0]?.node.id, 15_000, "client from WhatsApp");
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("refuses corrections that could never be applied, naming the field", async () => {
    const bad = async (type: "RECTIFICATION" | "DELETION", corrections: unknown) => (await t.agent.client.fail(RequestDsrWithCorrectionsDocument, { input: { clientId, type, corrections } })).extensions;
    expect(await bad("RECTIFICATION", { email: "isso-nao-e-email" })).toMatchObject({ code: "BAD_USER_INPUT", field: "corrections.email" });
    expect(await bad("RECTIFICATION", { document: "111.111.111-11" })).toMatchObject({ code: "BAD_USER_INPUT", field: "corrections.document" });
    expect(await bad("RECTIFICATION", { salario: "10000" })).toMatchObject({ code: "BAD_USER_INPUT", field: "corrections.salario" });
    expect(await bad("RECTIFICATION", {})).toMatchObject({ code: "BAD_USER_INPUT", field: "corrections" });
    expect(await bad("DELETION", { name: "Outro Nome" })).toMatchObject({ code: "BAD_USER_INPUT", field: "corrections" });
    expect((await requests()).filter((r) => r.type === "RECTIFICATION")).toHaveLength(0);
  });

  it("rectification: received, then approved and applied in one step, the subject told of both", async () => {
    const before = sentToSubject().length;
    const r = (await t.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId, type: "RECTIFICATION", reason: "meu e-mail mudou", corrections: { email: " Maria.Nova@Exemplo.com.br ", name: "Maria Souza Lima", phone: "(11) 98765-4321" } } })).requestDataSubjectAction;
    expect(r).toMatchObject({ status: "PENDING", corrections: { email: "maria.nova@exemplo.com.br", name: "Maria Souza Lima", phone: "+5511987654321" }, rectifiedFields: null });
    expect(r.notifications).toEqual([expect.objectContaining({ event: "RECEIVED", channel: "WHATSAPP" })]);
    const protocol = r.id.slice(0, 8).toUpperCase();
    await waitFor(async () => sentToSubject().slice(before).some((s) => s.includes("Recebemos") && s.includes(protocol)), 10_000, "received notice");

    const approved = (await t.admin.client.ok(ApproveDsrDocument, { id: r.id })).approveDataSubjectRequest;
    // Applied in the approval itself; the phone was already right, so it did not change.
    expect(approved).toMatchObject({ status: "COMPLETED", rectifiedFields: ["name", "email"] });
    expect((await t.agent.client.ok(GetClientDocument, { id: clientId })).client).toMatchObject({ name: "Maria Souza Lima", email: "maria.nova@exemplo.com.br", phone: "+5511987654321" });
    expect(approved.notifications.map((n) => n.event)).toEqual(["RECEIVED", "COMPLETED"]);
    await waitFor(async () => sentToSubject().slice(before).some((s) => s.includes(protocol) && /atualizamos nome, e-mail/.test(s)), 10_000, "completed notice");
    // The notices are recorded on the request with the provider's delivery state.
    const done = await waitFor(async () => (await requests()).find((x) => x.id === r.id && x.notifications.every((n) => n.status === "SENT")), 10_000, "notices SENT");
    expect(done.notifications.every((n) => n.messageId && n.error === null)).toBe(true);
  });

  it("a rectification whose new value was taken since the request fails whole (CONFLICT) and changes nothing", async () => {
    const other = (await t.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId, type: "RECTIFICATION", corrections: { email: "ocupado@exemplo.com.br", name: "Nome Que Não Fica" } } })).requestDataSubjectAction;
    await t.agent.client.ok(`mutation { createClient(input: { name: "Outra Pessoa", email: "ocupado@exemplo.com.br" }) { id } }`);
    const err = await t.admin.client.fail(ApproveDsrDocument, { id: other.id });
    expect(err.extensions).toMatchObject({ code: "CONFLICT", field: "corrections.email" });
    expect((await t.agent.client.ok(GetClientDocument, { id: clientId })).client?.name).toBe("Maria Souza Lima");
    expect((await requests()).find((x) => x.id === other.id)).toMatchObject({ status: "PENDING", rectifiedFields: null });
    await t.admin.client.ok(RejectDsrDocument, { id: other.id, reason: "O e-mail informado pertence a outro cadastro; confirme o endereço correto." });
  });

  it("rejection: the subject receives the legal ground", async () => {
    const before = sentToSubject().length;
    const r = (await t.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId, type: "DELETION", reason: "quero sair" } })).requestDataSubjectAction;
    const reason = "Dados mantidos para cumprimento de obrigação legal (LGPD Art. 16, I): notas fiscais por 5 anos.";
    const rejected = (await t.admin.client.ok(RejectDsrDocument, { id: r.id, reason })).rejectDataSubjectRequest;
    expect(rejected.notifications.map((n) => n.event)).toEqual(["RECEIVED", "REJECTED"]);
    await waitFor(async () => sentToSubject().slice(before).some((s) => s.includes("Não foi possível atender") && s.includes(reason)), 10_000, "rejection notice");
  });

  it("deletion: received, approved and completed notices reach the subject before the data is erased", async () => {
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 0 } });
    const before = sentToSubject().length;
    const r = (await t.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId, type: "DELETION" } })).requestDataSubjectAction;
    const approved = (await t.admin.client.ok(ApproveDsrDocument, { id: r.id })).approveDataSubjectRequest;
    expect(approved.status).toBe("APPROVED");
    const done = await waitFor(async () => (await requests()).find((x) => x.id === r.id && x.status === "COMPLETED"), 20_000, "erasure");
    expect(done.notifications.map((n) => [n.event, n.channel])).toEqual([["RECEIVED", "WHATSAPP"], ["APPROVED", "WHATSAPP"], ["COMPLETED", "WHATSAPP"]]);
    // The erasure waited for its notice: it left through Evolution, to the subject's number, before the number was erased.
    expect(done.notifications.map((n) => n.status)).toEqual(["SENT", "SENT", "SENT"]);
    const texts = sentToSubject().slice(before);
    expect(texts.filter((s) => s.includes(r.id.slice(0, 8).toUpperCase()))).toEqual([
      expect.stringContaining("Recebemos"),
      expect.stringContaining("aprovado"),
      expect.stringContaining("estamos eliminando agora"),
    ]);
    expect((await t.agent.client.fail(GetClientDocument, { id: clientId })).extensions?.code).toBe("NOT_FOUND");
    // The texts themselves went with the conversation; the record of what was told stays.
    const [row] = await server.app.ds.query(`SELECT m.text FROM messages m JOIN subject_notifications n ON n.message_id = m.id WHERE n.request_id = $1 AND n.event = 'COMPLETED'`, [r.id]);
    expect(row.text).toBe("[removido]");
  });

  it("a subject without any channel: the notice is recorded as SKIPPED with the reason", async () => {
    const { createClient } = await t.agent.client.ok(`mutation { createClient(input: { name: "Sem Contato" }) { id } }`);
    const r = (await t.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId: createClient.id, type: "ACCESS" } })).requestDataSubjectAction;
    expect(r.notifications).toEqual([expect.objectContaining({ event: "COMPLETED", status: "SKIPPED", channel: null, messageId: null, error: expect.stringMatching(/canal de contato/) })]);
  });
});
