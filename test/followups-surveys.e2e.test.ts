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

  /** The customer (+55 11 98765-4321) writes on WhatsApp; resolves with the session once the message is stored. */
  const customerSays = async (text: string) => {
    const id = `SV${++seq}${Date.now()}`;
    expect((await post(hookUrl, evolutionUpsert(evo.instance, id, { conversation: text }), { "x-webhook-token": secret })).status).toBe(200);
    const sessionId = await waitFor(async () => (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges[0]?.node.id, 15_000, "session");
    const stored = await waitFor(async () => (await messages(sessionId)).find((m) => m.providerMessageId === id), 15_000, `stored "${text}"`);
    return { sessionId, messageId: stored.id };
  };
  const messages = async (sessionId: string) => (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
  const sentTexts = () => evo.sent.filter((s) => s.path === "/message/sendText").map((s) => String(s.body.text));
  const surveys = async (filter: Record<string, unknown> = {}) => (await t.supervisor.client.ok(SurveyResponsesDocument, { filter, first: 50 })).surveyResponses;
  /** Everything the platform answers after `messageId`, once the processing of that message is done. */
  const repliesAfter = async (sessionId: string, messageId: string) => {
    const all = await messages(sessionId);
    return all.slice(all.findIndex((m) => m.id === messageId) + 1).filter((m) => m.direction === "OUTBOUND");
  };
  /** A handoff opened by the customer, taken and completed by the supervisor (agent-typed satisfaction 2). */
  const handoffCycle = async (sessionId: string) => {
    const h = (await t.integrator.ok(RequestHandoffDocument, { input: { sessionId, reason: "Cliente quer falar com uma pessoa" } })).requestHandoff;
    await t.supervisor.client.ok(ClaimHandoffDocument, { id: h.id });
    await t.supervisor.client.ok(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "Boleto reenviado", satisfaction: 2 } });
    return h.id;
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
    const { sessionId } = await customerSays("Oi, bom dia");
    const handoffId = await handoffCycle(sessionId);

    // The question goes out through the provider, like any reply, and is recorded SENT with who handled it.
    await waitFor(async () => sentTexts().some((s) => CSAT.test(s)), 15_000, "CSAT question sent");
    const [sent] = (await surveys({ kind: "CSAT" })).edges.map((e) => e.node);
    expect(sent).toMatchObject({ kind: "CSAT", status: "SENT", handoffId, sessionId, agentId: t.supervisor.id, channel: "WHATSAPP", score: null });
    expect(sent!.inboxId).toBeTruthy();

    // Not an answer: it is triaged and answered like any other message; the survey keeps waiting.
    const other = await customerSays("oi, preciso da segunda via do boleto");
    const replies = await waitFor(async () => {
      const r = await repliesAfter(sessionId, other.messageId);
      return r.length ? r : null;
    }, 15_000, "normal reply");
    expect(replies.map((m) => m.text)).not.toContain(THANKS);
    expect((await surveys({ kind: "CSAT" })).edges[0]!.node.status).toBe("SENT");

    // The answer, with a comment: recorded as the customer's score, thanked, never triaged.
    const answer = await customerSays("5, adorei o atendimento");
    const thanked = await waitFor(async () => (await repliesAfter(sessionId, answer.messageId)).find((m) => m.text === THANKS), 15_000, "thanks");
    expect(thanked.sender).toBe("SYSTEM");
    const csat = (await surveys({ kind: "CSAT" })).edges[0]!.node;
    expect(csat).toMatchObject({ status: "ANSWERED", score: 5, comment: "adorei o atendimento" });
    expect(csat.answeredAt).toBeTruthy();
    // The agent-typed satisfaction stays what the agent typed.
    const stored = await server.app.ds.query(`SELECT satisfaction FROM handoffs WHERE id = $1`, [handoffId]);
    expect(stored[0].satisfaction).toBe(2);
    await waitFor(async () => sentTexts().includes(THANKS), 15_000, "thanks sent on WhatsApp");
  });

  it("NPS follows the CSAT only with consent, at most once per client per period", async () => {
    const sessionId = (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges[0]!.node.id;
    const clientId = (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!.client.id;
    // Without consent for proactive contact: no NPS after this CSAT.
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys({ kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "second CSAT");
    const a1 = await customerSays("4");
    await waitFor(async () => (await repliesAfter(sessionId, a1.messageId)).some((m) => m.text === THANKS), 15_000, "thanks");
    expect((await surveys({ kind: "NPS" })).totalCount).toBe(0);

    await t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "whatsapp", text: "Aceito contato pelo WhatsApp", textVersion: "v1" } });
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys({ kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "third CSAT");
    const a2 = await customerSays("⭐⭐⭐");
    await waitFor(async () => sentTexts().some((s) => NPS.test(s)), 15_000, "NPS question sent");
    expect((await surveys({ kind: "CSAT" })).edges.map((e) => e.node.score)).toContain(3);
    const nps = (await surveys({ kind: "NPS" })).edges.map((e) => e.node);
    expect(nps).toHaveLength(1);
    expect(nps[0]).toMatchObject({ status: "SENT", clientId, channel: "WHATSAPP" });
    expect((await repliesAfter(sessionId, a2.messageId)).map((m) => m.text)).toEqual(expect.arrayContaining([THANKS, expect.stringMatching(NPS)]));

    const a3 = await customerSays("nota 9");
    await waitFor(async () => (await surveys({ kind: "NPS", status: "ANSWERED" })).totalCount === 1, 15_000, "NPS answered");
    expect((await surveys({ kind: "NPS" })).edges[0]!.node.score).toBe(9);
    await waitFor(async () => (await repliesAfter(sessionId, a3.messageId)).some((m) => m.text === THANKS), 15_000, "thanks for NPS");

    // Within npsIntervalDays: the next cycle asks CSAT again but no second NPS.
    await handoffCycle(sessionId);
    await waitFor(async () => (await surveys({ kind: "CSAT", status: "SENT" })).totalCount === 1, 15_000, "fourth CSAT");
    const a4 = await customerSays("😀");
    await waitFor(async () => (await repliesAfter(sessionId, a4.messageId)).some((m) => m.text === THANKS), 15_000, "thanks");
    expect((await surveys({ kind: "CSAT", status: "ANSWERED" })).edges.map((e) => e.node.score).sort()).toEqual([3, 4, 5, 5]);
    expect((await surveys({ kind: "NPS" })).totalCount).toBe(1);
    expect(sentTexts().filter((s) => NPS.test(s))).toHaveLength(1);
  });

  it("survey results are for supervisors and admins, paginated and scoped to the tenant", async () => {
    const page = (await t.admin.client.ok(SurveyResponsesDocument, { first: 2 })).surveyResponses;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await t.admin.client.ok(SurveyResponsesDocument, { first: 10, after: page.pageInfo.endCursor })).surveyResponses;
    expect(next.edges.map((e) => e.node.id)).not.toContain(page.edges[0]!.node.id);
    expect(page.totalCount).toBe(5);
    expect((await t.agent.client.fail(SurveyResponsesDocument, {})).extensions?.code).toBe("FORBIDDEN");
    const other = await createTenant(server);
    expect((await other.admin.client.ok(SurveyResponsesDocument, {})).surveyResponses.totalCount).toBe(0);
  });
});
