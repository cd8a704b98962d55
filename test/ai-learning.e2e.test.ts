import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ClaimHandoffDocument, CloseSessionDocument, CompleteHandoffDocument, CorrectTriageDocument, CreateClientDocument, CreateTicketDocument, GetTicketDocument, GetTriageModelDocument,
} from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { pollUntil } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

/**
 * Messages of a school's parents: "guia" for the bill, "turma"/"turno" for the plan, "apostila"
 * and "kit de uniforme" for orders. The shipped model gets about half of them wrong.
 */
const STYLE = JSON.parse(fs.readFileSync(path.resolve(__dirname, "fixtures/triage/tenant-style.json"), "utf8")) as Array<{ split: "train" | "test"; text: string; intent: string }>;
const TRAIN = STYLE.filter((e) => e.split === "train");
const TEST = STYLE.filter((e) => e.split === "test");

run("learning from the team: corrections, retraining per tenant", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s), { env: { TRIAGE_RETRAIN_MIN_EXAMPLES: String(TRAIN.length), TRIAGE_RETRAIN_INTERVAL_SECONDS: "0" } });

  const newClient = async (t: TestTenant, name = "Responsável") => (await t.agent.client.ok(CreateClientDocument, { input: { name } })).createClient.id;
  const ticket = async (t: TestTenant, clientId: string, message: string) => (await t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WHATSAPP", message } })).createTicket;
  const model = async (t: TestTenant) => (await t.agent.client.ok(GetTriageModelDocument)).triageModel;

  it("corrects a ticket's intent: the ticket changes and the text becomes an example of that tenant only", async () => {
    const clientId = await newClient(b);
    const t = await ticket(b, clientId, "vocês vendem o kit escolar completo?");
    const corrected = (await b.agent.client.ok(CorrectTriageDocument, { input: { ticketId: t.id, intent: "order_status" } })).correctTriage;
    expect(corrected.intent).toBe("order_status");
    expect((await b.agent.client.ok(GetTicketDocument, { id: t.id })).ticket!.triage.intent).toBe("order_status");
    const rows = await server.app.ds.query(`SELECT tenant_id, intent, predicted_intent, text FROM triage_examples WHERE ticket_id = $1`, [t.id]);
    expect(rows).toEqual([{ tenant_id: b.id, intent: "order_status", predicted_intent: t.triage.intent, text: "vocês vendem o kit escolar completo?" }]);
    // Correcting again replaces the example.
    await b.agent.client.ok(CorrectTriageDocument, { input: { ticketId: t.id, intent: "product_info" } });
    expect(await server.app.ds.query(`SELECT intent FROM triage_examples WHERE ticket_id = $1`, [t.id])).toEqual([{ intent: "product_info" }]);
  });

  it("rejects bad input by field, other tenants' ids and integrators", async () => {
    const clientId = await newClient(b);
    const t = await ticket(b, clientId, "oi");
    expect((await b.agent.client.fail(CorrectTriageDocument, { input: { ticketId: t.id, intent: "inventada" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "intent" });
    expect((await b.agent.client.fail(CorrectTriageDocument, { input: { intent: "greeting" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ticketId" });
    expect((await a.agent.client.fail(CorrectTriageDocument, { input: { ticketId: t.id, intent: "greeting" } })).extensions!.code).toBe("NOT_FOUND");
    expect((await b.integrator.fail(CorrectTriageDocument, { input: { ticketId: t.id, intent: "greeting" } })).extensions!.code).toBe("FORBIDDEN");
  });

  it("takes the intent picked when a handoff is completed, for the message triage decided on", async () => {
    const { sessionId } = await openSession(b.agent.client, "Pai do Pedro");
    const r = await say(b.integrator, sessionId, "a guia do Pedro não veio, quero falar com alguém da secretaria");
    expect(r.handoff).toBeTruthy();
    await b.agent.client.ok(ClaimHandoffDocument, { id: r.handoff!.id });
    const bad = await b.agent.client.fail(CompleteHandoffDocument, { input: { handoffId: r.handoff!.id, resolution: "Guia reenviada", intent: "boleto" } });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "intent" });
    const done = (await b.agent.client.ok(CompleteHandoffDocument, { input: { handoffId: r.handoff!.id, resolution: "Guia reenviada", intent: "second_copy_invoice" } })).completeHandoff;
    expect(done.status).toBe("COMPLETED");
    const [ex] = await server.app.ds.query(`SELECT intent, text, session_id FROM triage_examples WHERE session_id = $1`, [sessionId]);
    expect(ex).toMatchObject({ intent: "second_copy_invoice", text: "a guia do Pedro não veio, quero falar com alguém da secretaria" });
    // Also by session, from the console after the fact.
    expect((await b.agent.client.ok(CorrectTriageDocument, { input: { sessionId, intent: "second_copy_invoice" } })).correctTriage.intent).toBe("second_copy_invoice");
  });

  it("retrains the tenant's model from its corrections: accuracy on new messages of that style rises; the other tenant's model is unchanged", async () => {
    const shippedA = await model(a);
    expect(shippedA).toMatchObject({ version: 0, trainedAt: null, examples: 0 });
    const clientA = await newClient(a);
    const clientB = await newClient(b);
    const accuracy = async (t: TestTenant, clientId: string) => {
      const got = [];
      for (const e of TEST) got.push((await ticket(t, clientId, e.text)).triage.intent);
      return { intents: got, accuracy: got.filter((g, i) => g === TEST[i]!.intent).length / TEST.length };
    };
    const before = await accuracy(a, clientA);
    const beforeB = await accuracy(b, clientB);
    expect(before.intents).toEqual(beforeB.intents); // same shipped model

    // The team corrects what the shipped model got wrong (and confirms what it got right).
    for (const e of TRAIN) {
      const t = await ticket(a, clientA, e.text);
      await a.agent.client.ok(CorrectTriageDocument, { input: { ticketId: t.id, intent: e.intent } });
    }
    const trained = await pollUntil(async () => {
      const m = await model(a);
      return m.version >= 1 ? m : null;
    }, 120_000, 250);
    expect(trained).toMatchObject({ examples: TRAIN.length, pendingExamples: 0 });
    expect(trained.trainedAt).toBeTruthy();
    expect(trained.accuracy).toBeGreaterThan(0.5);
    expect(trained.needsHumanRecall).toBe(1);

    const after = await accuracy(a, clientA);
    const afterB = await accuracy(b, clientB);
    console.info(`learning curve: shipped ${before.accuracy.toFixed(3)} → after ${TRAIN.length} corrections ${after.accuracy.toFixed(3)} (CV on the tenant's examples ${trained.accuracy.toFixed(3)})`);
    expect(after.accuracy).toBeGreaterThanOrEqual(before.accuracy + 0.2);
    expect(afterB.intents).toEqual(beforeB.intents);
    expect((await model(b)).version).toBe(0);
  }, 300_000);

  it("erases a client's examples with the client, and drops them when the conversation expires", async () => {
    const clientId = await newClient(b, "Apagável");
    const t = await ticket(b, clientId, "preciso da guia de agosto da Júlia");
    await b.agent.client.ok(CorrectTriageDocument, { input: { ticketId: t.id, intent: "second_copy_invoice" } });
    const exported = await server.app.services.personalData.exportersInOrder().find((e) => e.name === "triageExamples")!.export(server.app.ds.manager, b.id, clientId);
    expect(JSON.stringify(exported)).toContain("guia de agosto da Júlia");
    const eraser = server.app.services.personalData.erasersInOrder().find((e) => e.name === "triageExamples")!;
    await eraser.erase(server.app.ds.manager, b.id, clientId, { tenantId: b.id, clientId, requestId: "r", afterErase: [] });
    expect(await server.app.ds.query(`SELECT 1 FROM triage_examples WHERE client_id = $1`, [clientId])).toHaveLength(0);

    const { sessionId } = await openSession(b.agent.client, "Retenção");
    await say(b.integrator, sessionId, "a apostila do Caio não chegou");
    await b.agent.client.ok(CorrectTriageDocument, { input: { sessionId, intent: "order_status" } });
    await b.agent.client.ok(CloseSessionDocument, { id: sessionId });
    await server.app.services.retention.run(new Date(Date.now() + 120 * 86_400_000));
    expect(await server.app.ds.query(`SELECT 1 FROM triage_examples WHERE session_id = $1`, [sessionId])).toHaveLength(0);
  });
});
