import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClaimHandoffDocument, CompleteHandoffDocument, CreateClientDocument, CreateTicketDocument, CreateWebhookSubscriptionDocument, RedeliverWebhookDocument,
  RequestDataSubjectActionDocument, SetSurveySettingsDocument, UpdateTicketStatusDocument, UpdateWebhookSubscriptionDocument, WebhookAuditLogsDocument, WebhookDeliveriesDocument,
  WebhookSubscriptionsDocument,
} from "./generated/graphql";
import { verifyWebhook } from "../src/infra/standard-webhooks";
import { openSession, say } from "./support/conversation";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const ALL_EVENTS = ["ticket.created", "ticket.updated", "handoff.created", "handoff.assigned", "handoff.completed", "message.created", "client.created", "survey.answered", "dsr.completed"];

interface Received { webhookId: string; verified: boolean; type: string; data: Record<string, unknown>; body: string }

/**
 * An integrator's endpoint: a real HTTP server on 127.0.0.1 that verifies each delivery's
 * Standard Webhooks signature with the subscription's secret and answers `status()`.
 */
class Receiver {
  secret = "";
  status: () => number = () => 200;
  readonly received: Received[] = [];
  private constructor(readonly server: FakeServer) {}

  static async start(): Promise<Receiver> {
    const r = new Receiver(await startFakeServer());
    r.server.handle((req, res) => {
      const body = req.body.toString("utf8");
      const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
      r.received.push({ webhookId: String(req.headers["webhook-id"]), verified: verifyWebhook(r.secret, req.headers, body), type: parsed.type, data: parsed.data, body });
      sendJson(res, r.status(), { ok: true });
    });
    return r;
  }
  get url() {
    return `${this.server.url}/hooks/atende`;
  }
  of(type: string) {
    return this.received.filter((e) => e.type === type);
  }
}

run("Webhooks for integrators: signed deliveries, retries, disabling, redelivery, tenant isolation", () => {
  let server: TestServer;
  const receivers: Receiver[] = [];
  const receiver = async () => {
    const r = await Receiver.start();
    receivers.push(r);
    return r;
  };
  const subscribe = async (t: TestTenant, r: Receiver, events: string[]) => {
    const created = (await t.admin.client.ok(CreateWebhookSubscriptionDocument, { input: { url: r.url, events, description: "ERP" } })).createWebhookSubscription;
    r.secret = created.secret;
    return created.subscription;
  };
  const deliveries = async (t: TestTenant, subscriptionId: string) =>
    (await t.admin.client.ok(WebhookDeliveriesDocument, { subscriptionId, first: 100 })).webhookDeliveries.edges.map((e) => e.node);

  beforeAll(async () => {
    server = await startTestServer({ env: { WEBHOOK_RETRY_DELAYS_MS: "300,300", WEBHOOK_DISABLE_AFTER_FAILURES: "2", SCHEDULED_SWEEP_MS: "500" } });
  });
  afterAll(async () => {
    await server?.close();
    for (const r of receivers) await r.server.close();
  });

  it("only admins manage subscriptions; the secret is shown once and kept sealed; events are checked", async () => {
    const t = await createTenant(server);
    const r = await receiver();
    const input = { url: r.url, events: ["client.created"] };
    expect((await t.supervisor.client.fail(CreateWebhookSubscriptionDocument, { input })).extensions?.code).toBe("FORBIDDEN");
    expect((await t.agent.client.fail(WebhookSubscriptionsDocument)).extensions?.code).toBe("FORBIDDEN");
    expect((await t.integrator.fail(CreateWebhookSubscriptionDocument, { input })).extensions?.code).toBe("FORBIDDEN");
    const bad = await t.admin.client.fail(CreateWebhookSubscriptionDocument, { input: { url: r.url, events: ["client.created", "pedido.pago"] } });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "events" });
    expect((await t.admin.client.fail(CreateWebhookSubscriptionDocument, { input: { url: "ftp://exemplo.com/x", events: ["client.created"] } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });

    const created = (await t.admin.client.ok(CreateWebhookSubscriptionDocument, { input })).createWebhookSubscription;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(created.subscription).toMatchObject({ url: r.url, events: ["client.created"], enabled: true, consecutiveFailures: 0 });
    // Never readable again: not a field, and sealed at rest.
    expect((await t.admin.client.raw(`{ webhookSubscriptions { id secret } }`)).errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const [row] = await server.app.ds.query(`SELECT secret_sealed FROM webhook_subscriptions WHERE id = $1`, [created.subscription.id]);
    expect(row.secret_sealed).not.toContain(created.secret.slice(6));
    expect((await t.admin.client.ok(WebhookSubscriptionsDocument)).webhookSubscriptions.map((s) => s.id)).toEqual([created.subscription.id]);
    const audit = (await t.admin.client.ok(WebhookAuditLogsDocument, { filter: { action: "webhook.subscription_created" } })).auditLogs;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it("delivers every event type signed (verified by the receiver) with ids only, and never across tenants", async () => {
    const a = await createTenant(server);
    const b = await createTenant(server);
    const ra = await receiver();
    const rb = await receiver();
    const subA = await subscribe(a, ra, ALL_EVENTS);
    await subscribe(b, rb, ["client.created", "ticket.created", "message.created", "handoff.created"]);
    await a.admin.client.ok(SetSurveySettingsDocument, { input: { csatSurvey: true } });

    const client = (await a.admin.client.ok(CreateClientDocument, { input: { name: "Maria Integração", email: "maria.integracao@exemplo.com.br", phone: "+55 11 91234-5678" } })).createClient;
    const ticket = (await a.integrator.ok(CreateTicketDocument, { input: { clientId: client.id, channel: "EMAIL", subject: "Pedido 123", message: "Meu pedido não chegou, quero falar com um atendente" } })).createTicket;
    await a.supervisor.client.ok(`mutation($t: ID!, $a: ID) { assignTicket(ticketId: $t, agentId: $a) { id } }`, { t: ticket.id, a: a.agent.id });
    await a.supervisor.client.ok(UpdateTicketStatusDocument, { id: ticket.id, status: "CLOSED" });
    const { sessionId } = await openSession(a.admin.client, "Joana Conversa");
    const r = await say(a.integrator, sessionId, "quero falar com um atendente");
    const handoffId = r.handoff!.id;
    await a.supervisor.client.ok(ClaimHandoffDocument, { id: handoffId });
    await a.supervisor.client.ok(CompleteHandoffDocument, { input: { handoffId, resolution: "Resolvido" } });
    await say(a.integrator, sessionId, "5, muito bom");
    await a.admin.client.ok(RequestDataSubjectActionDocument, { input: { clientId: client.id, type: "ACCESS" } });

    await waitFor(async () => ALL_EVENTS.every((type) => ra.of(type).length > 0), 20_000, `every event type (got ${[...new Set(ra.received.map((e) => e.type))].join(", ")})`);
    expect(ra.received.every((e) => e.verified)).toBe(true);
    expect(ra.of("client.created").map((e) => e.data)).toContainEqual({ clientId: client.id, channel: "WHATSAPP", source: "api" });
    expect(ra.of("ticket.created")[0]!.data).toMatchObject({ ticketId: ticket.id, clientId: client.id, channel: "EMAIL" });
    await waitFor(async () => ra.of("ticket.updated").length >= 2, 20_000, "both ticket updates");
    expect(ra.of("ticket.updated").map((e) => e.data)).toContainEqual(expect.objectContaining({ ticketId: ticket.id, changes: { status: { from: ticket.status, to: "CLOSED" } } }));
    expect(ra.of("ticket.updated").map((e) => e.data)).toContainEqual(expect.objectContaining({ ticketId: ticket.id, changes: { assigneeId: a.agent.id, teamId: null } }));
    expect(ra.of("handoff.created")[0]!.data).toMatchObject({ handoffId, sessionId, status: "PENDING" });
    expect(ra.of("handoff.assigned")[0]!.data).toMatchObject({ handoffId, agentId: a.supervisor.id, status: "ASSIGNED" });
    expect(ra.of("handoff.completed")[0]!.data).toMatchObject({ handoffId, status: "COMPLETED" });
    expect(ra.of("survey.answered")[0]!.data).toMatchObject({ kind: "CSAT", score: 5, hasComment: true, sessionId, handoffId, agentId: a.supervisor.id });
    expect(ra.of("dsr.completed")[0]!.data).toMatchObject({ clientId: client.id, type: "ACCESS" });
    const msg = ra.of("message.created").find((e) => e.data.sessionId === sessionId && e.data.sender === "CLIENT")!;
    expect(msg.data).toMatchObject({ direction: "INBOUND", type: "TEXT" });
    // Ids and what changed: no names, contacts, message texts or survey comments.
    for (const e of ra.received) {
      for (const personal of ["Maria", "maria.integracao", "91234", "Joana", "atendente", "muito bom", "Pedido 123"]) expect(e.body).not.toContain(personal);
    }
    // The delivery log: one successful attempt each, answered 200.
    const log = await deliveries(a, subA.id);
    expect(log.length).toBe(ra.received.length);
    expect(log.every((d) => d.status === "SUCCEEDED" && d.attempts === 1 && d.responseStatus === 200)).toBe(true);

    // Tenant B's subscription saw none of A's events; B's own event reaches only B.
    expect(rb.received).toHaveLength(0);
    const bClient = (await b.admin.client.ok(CreateClientDocument, { input: { name: "Cliente B" } })).createClient;
    await waitFor(async () => rb.of("client.created").length === 1, 15_000, "B's event");
    expect(rb.received.map((e) => e.data.clientId)).toEqual([bClient.id]);
    expect(rb.received[0]!.verified).toBe(true);
    expect(ra.received.some((e) => e.data.clientId === bClient.id)).toBe(false);
    expect((await b.admin.client.fail(WebhookDeliveriesDocument, { subscriptionId: subA.id })).extensions?.code).toBe("NOT_FOUND");
  });

  it("retries after 500s with the same webhook-id until the receiver accepts", async () => {
    const t = await createTenant(server);
    const r = await receiver();
    let calls = 0;
    r.status = () => (++calls <= 2 ? 500 : 200);
    const sub = await subscribe(t, r, ["client.created"]);
    const client = (await t.admin.client.ok(CreateClientDocument, { input: { name: "Cliente Retentativa" } })).createClient;
    const done = await waitFor(async () => (await deliveries(t, sub.id)).find((d) => d.status === "SUCCEEDED"), 20_000, "delivered after retries");
    expect(done).toMatchObject({ attempts: 3, responseStatus: 200, eventType: "client.created", lastError: null });
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((e) => e.webhookId))).toEqual(new Set([done.webhookId]));
    expect(r.received.every((e) => e.verified && e.data.clientId === client.id)).toBe(true);
    expect((await t.admin.client.ok(WebhookSubscriptionsDocument)).webhookSubscriptions[0]).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it("disables a subscription after persistent failure (audited); redelivery after re-enabling", async () => {
    const t = await createTenant(server);
    const r = await receiver();
    r.status = () => 500;
    const sub = await subscribe(t, r, ["client.created"]);
    await t.admin.client.ok(CreateClientDocument, { input: { name: "Cliente Falha 1" } });
    await t.admin.client.ok(CreateClientDocument, { input: { name: "Cliente Falha 2" } });
    const failed = await waitFor(async () => {
      const d = await deliveries(t, sub.id);
      return d.length === 2 && d.every((x) => x.status === "FAILED") ? d : null;
    }, 20_000, "both given up");
    expect(failed.every((d) => d.attempts === 3 && d.responseStatus === 500 && d.lastError === "HTTP 500")).toBe(true);
    const disabled = await waitFor(async () => (await t.admin.client.ok(WebhookSubscriptionsDocument)).webhookSubscriptions.find((s) => !s.enabled), 15_000, "disabled");
    expect(disabled).toMatchObject({ id: sub.id, consecutiveFailures: 2 });
    expect(disabled.disabledReason).toMatch(/Desativada automaticamente/);
    const audit = (await t.admin.client.ok(WebhookAuditLogsDocument, { filter: { action: "webhook.subscription_disabled" } })).auditLogs;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ subscriptionId: sub.id, consecutiveFailures: 2 });

    // Disabled: new events are not queued for it, and redelivery asks to re-enable first.
    await t.admin.client.ok(CreateClientDocument, { input: { name: "Cliente Depois" } });
    expect(await deliveries(t, sub.id)).toHaveLength(2);
    expect((await t.admin.client.fail(RedeliverWebhookDocument, { deliveryId: failed[0]!.id })).extensions?.code).toBe("CONFLICT");

    r.status = () => 204;
    const enabled = (await t.admin.client.ok(UpdateWebhookSubscriptionDocument, { id: sub.id, input: { url: r.url, events: ["client.created"], enabled: true } })).updateWebhookSubscription;
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const again = (await t.admin.client.ok(RedeliverWebhookDocument, { deliveryId: failed[0]!.id })).redeliverWebhook;
    expect(again).toMatchObject({ status: "PENDING", webhookId: failed[0]!.webhookId, attempts: 0 });
    const ok = await waitFor(async () => (await deliveries(t, sub.id)).find((d) => d.id === again.id && d.status === "SUCCEEDED"), 15_000, "redelivered");
    expect(ok).toMatchObject({ attempts: 1, responseStatus: 204 });
    const last = r.received.at(-1)!;
    expect(last).toMatchObject({ webhookId: failed[0]!.webhookId, verified: true, type: "client.created" });
    expect(r.received.filter((e) => e.webhookId === failed[0]!.webhookId)).toHaveLength(4);
  });
});

run("Webhook URLs go through the SSRF guard", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ALLOW_PRIVATE_URLS: "false" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses loopback, private and link-local addresses outside tests", async () => {
    const t = await createTenant(server);
    for (const url of ["http://127.0.0.1:8080/hook", "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://localhost/hook"]) {
      const err = await t.admin.client.fail(CreateWebhookSubscriptionDocument, { input: { url, events: ["client.created"] } });
      expect(err.extensions, url).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    }
    expect((await t.admin.client.ok(WebhookSubscriptionsDocument)).webhookSubscriptions).toHaveLength(0);
  });
});
