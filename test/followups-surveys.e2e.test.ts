import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClaimHandoffDocument, CompleteHandoffDocument, CreateInboxDocument, GrantConsentDocument, RequestHandoffDocument, SetSurveySettingsDocument, SurveyResponsesDocument,
  WaSessionDocument, WaSessionsDocument,
} from "./generated/graphql";
import { evolutionUpsert, startFakeEvolution, type FakeEvolution } from "./support/fake-whatsapp";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const CSAT = /^De 1 a 5, como você avalia/;
const NPS = /^De 0 a 10, quanto você recomendaria/;
const THANKS = "Obrigado pela sua avaliação! 😊";

run("Customer surveys on WhatsApp: CSAT after a handoff, NPS once per period (fake Evolution)", () => {
  let server: TestServer;
  let evo: FakeEvolution;
  let t: TestTenant;
  let hookUrl: string;
  let secret: string;
  let seq = 0;

  /** A customer of their own for each test (a phone number nobody else uses). */
  const newPhone = () => `55119${String(Date.now() % 1e4).padStart(4, "0")}${String(++seq).padStart(4, "0")}`;
  /** The customer writes on WhatsApp; resolves with their session, client and the stored message. */
  const customerSays = async (from: string, text: string) => {
    const id = `SV${++seq}${Date.now()}`;
    expect((await post(hookUrl, evolutionUpsert(evo.instance, id, { conversation: text }, from), { "x-webhook-token": secret })).status).toBe(200);
    return waitFor(async () => {
      for (const { node } of (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges) {
        if (node.client.phone !== `+${from}`) continue;
        const stored = (await messages(node.id)).find((m) => m.providerMessageId === id);
        if (stored) return { sessionId: node.id, clientId: node.client.id, messageId: stored.id };
      }
      return null;
    }, 15_000, `stored "${text}"`);
  };
  const messages = async (sessionId: string) => (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
  const sentTo = (from: string) => evo.sent.filter((s) => s.path === "/message/sendText" && s.number === from).map((s) => String(s.body.text));
  const surveys = async (clientId: string, filter: Record<string, unknown> = {}) => (await t.supervisor.client.ok(SurveyResponsesDocument, { filter: { clientId, ...filter }, first: 50 })).surveyResponses;
  /** Everything the platform answers after `messageId`. */
  const repliesAfter = async (sessionId: string, messageId: string) => {
    const all = await messages(sessionId);
    return all.slice(all.findIndex((m) => m.id === messageId) + 1).filter((m) => m.direction === "OUTBOUND");
  };
  /** A handoff opened for the customer, taken and completed by the supervisor (agent-typed satisfaction 2). */
  const handoffCycle = async (sessionId: string) => {
    const h = (await t.integrator.ok(RequestHandoffDocument, { input: { sessionId, reason: "Cliente quer falar com uma pessoa" } })).requestHandoff;
    await t.supervisor.client.ok(ClaimHandoffDocument, { id: h.id });
    await t.supervisor.client.ok(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "Boleto reenviado", satisfaction: 2 } });
    return h.id;
  };
  /** The customer answers and is thanked. */
  const answers = async (from: string, text: string) => {
    const a = await customerSays(from, text);
    await waitFor(async () => (await repliesAfter(a.sessionId, a.messageId)).some((m) => m.text === THANKS), 15_000, `thanks for "${text}"`);
    return a;
  };

  beforeAll(async () => {
    evo = await startFakeEvolution();
    server = await startTestServer({ env: { SCHEDULED_SWEEP_MS: "500" } });
    t = await createTenant(server);
    const created = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: evo.instance, apiKey: evo.apiKey } } })).createInbox;
    secret = created.webhookSecret;
    hookUrl = `${server.url}${created.inbox.webhookPath}`;
    const settings = (await t.admin.client.ok(SetSurveySettingsDocument, { input: { csatSurvey: true, npsSurvey: true, npsIntervalDays: 30 } })).updateTenantSettings;
    expect(settings).toMatchObject({ csatSurvey: true, npsSurvey: true, npsIntervalDays: 30 });
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("asks CSAT on WhatsApp when the handoff is completed; a non-answer goes on as a normal message; the answer is the customer's rating", async () => {
    const phone = newPhone();
    const { sessionId, clientId } = await customerSays(phone, "Oi, bom dia");
    const handoffId = await handoffCycle(sessionId);

    // The question goes out through the provider, like any reply, and is recorded SENT with who handled it.
    await waitFor(async () => sentTo(phone).some((s) => CSAT.test(s)), 15_000, "CSAT question sent");
    const [sent] = (await surveys(clientId)).edges.map((e) => e.node);
    expect(sent).toMatchObject({ kind: "CSAT", status: "SENT", handoffId, sessionId, clientId, agentId: t.supervisor.id, channel: "WHATSAPP", score: null });
    expect(sent!.inboxId).toBeTruthy();

    // Not an answer: it is triaged and answered like any other message; the survey keeps waiting.
    const other = await customerSays(phone, "oi, preciso da segunda via do boleto");
    const replies = await waitFor(async () => {
      const r = await repliesAfter(sessionId, other.messageId);
      return r.length ? r : null;
    }, 15_000, "normal reply");
    expect(replies.map((m) => m.text)).not.toContain(THANKS);
    expect((await surveys(clientId)).edges[0]!.node.status).toBe("SENT");

    // The answer, with a comment: recorded as the customer's score, thanked, never triaged.
    const answer = await customerSays(phone, "5, adorei o atendimento");
    const thanked = await waitFor(async () => (await repliesAfter(sessionId, answer.messageId)).find((m) => m.text === THANKS), 15_000, "thanks");
    expect(thanked.sender).toBe("SYSTEM");
    const csat = (await surveys(clientId)).edges[0]!.node;
    expect(csat).toMatchObject({ status: "ANSWERED", score: 5, comment: "adorei o atendimento" });
    expect(csat.answeredAt).toBeTruthy();
    // The agent-typed satisfaction stays what the agent typed.
    const stored = await server.app.ds.query(`SELECT satisfaction FROM handoffs WHERE id = $1`, [handoffId]);
    expect(stored[0].satisfaction).toBe(2);
    await waitFor(async () => sentTo(phone).includes(THANKS), 15_000, "thanks sent on WhatsApp");
  });

  it("NPS follows the CSAT only with consent, at most once per client per period", async () => {
    const phone = newPhone();
    const { sessionId, clientId } = await customerSays(phone, "Olá");
    // Without consent for proactive contact: no NPS after the CSAT.
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys(clientId, { kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "first CSAT");
    await answers(phone, "4");
    expect((await surveys(clientId, { kind: "NPS" })).totalCount).toBe(0);

    await t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "whatsapp", text: "Aceito contato pelo WhatsApp", textVersion: "v1" } });
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys(clientId, { kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "second CSAT");
    const a2 = await answers(phone, "⭐⭐⭐");
    await waitFor(async () => sentTo(phone).some((s) => NPS.test(s)), 15_000, "NPS question sent");
    const nps = (await surveys(clientId, { kind: "NPS" })).edges.map((e) => e.node);
    expect(nps).toHaveLength(1);
    expect(nps[0]).toMatchObject({ status: "SENT", clientId, channel: "WHATSAPP" });
    expect((await repliesAfter(sessionId, a2.messageId)).map((m) => m.text)).toEqual(expect.arrayContaining([THANKS, expect.stringMatching(NPS)]));

    await answers(phone, "nota 9");
    expect((await surveys(clientId, { kind: "NPS" })).edges[0]!.node).toMatchObject({ status: "ANSWERED", score: 9 });

    // Within npsIntervalDays: the next cycle asks CSAT again but no second NPS.
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys(clientId, { kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "third CSAT");
    await answers(phone, "😀");
    expect((await surveys(clientId, { kind: "CSAT", status: "ANSWERED" })).edges.map((e) => e.node.score).sort()).toEqual([3, 4, 5]);
    expect((await surveys(clientId, { kind: "NPS" })).totalCount).toBe(1);
    expect(sentTo(phone).filter((s) => NPS.test(s))).toHaveLength(1);
  });

  it("survey results are for supervisors and admins, paginated and scoped to the tenant", async () => {
    const phone = newPhone();
    const { sessionId, clientId } = await customerSays(phone, "Oi");
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys(clientId)).totalCount === 1, 15_000, "first CSAT");
    // A new question replaces the unanswered one (one open question per client).
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys(clientId)).totalCount === 2, 15_000, "second CSAT");
    expect((await surveys(clientId)).edges.map((e) => e.node.status).sort()).toEqual(["EXPIRED", "SENT"]);

    const page = (await t.admin.client.ok(SurveyResponsesDocument, { filter: { clientId }, first: 1 })).surveyResponses;
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await t.admin.client.ok(SurveyResponsesDocument, { filter: { clientId }, first: 10, after: page.pageInfo.endCursor })).surveyResponses;
    expect(next.edges).toHaveLength(1);
    expect(next.edges[0]!.node.id).not.toBe(page.edges[0]!.node.id);
    expect((await t.agent.client.fail(SurveyResponsesDocument, {})).extensions?.code).toBe("FORBIDDEN");
    const other = await createTenant(server);
    expect((await other.admin.client.ok(SurveyResponsesDocument, {})).surveyResponses.totalCount).toBe(0);
    expect((await other.admin.client.ok(SurveyResponsesDocument, { filter: { clientId } })).surveyResponses.totalCount).toBe(0);
  });
});
