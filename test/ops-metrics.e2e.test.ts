import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateInboxDocument, MeDocument, OnMessageAddedDocument } from "./generated/graphql";
import { answerCredentialChecks, sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { Subscription, wsClient } from "./support/gql";
import { sample, scrape } from "./support/metrics";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const TOKEN = "metrics-token-de-teste-0123456789";

run("/metrics", () => {
  let server: TestServer;
  let evo: FakeServer;
  let t: TestTenant;
  let webhookUrl: string;

  beforeAll(async () => {
    evo = await startFakeServer((req, res) => {
      if (answerCredentialChecks(req, res)) return;
      if (req.path === "/message/sendText/atendimento-loja01") return sendJson(res, 201, { key: { id: `R${Math.random().toString(36).slice(2)}` } });
      sendJson(res, 404, {});
    });
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
    t = await createTenant(server);
    const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "k" } } });
    webhookUrl = `${server.url}${inbox.createInbox.inbox.webhookPath}`;
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("is refused without the token and served with it, in the Prometheus text format", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer errado" } })).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE atende_http_request_duration_seconds histogram$/m);
    // Every metric of ours follows the conventions.
    for (const [, name, type] of text.matchAll(/^# TYPE (atende_\w+) (\w+)$/gm)) {
      if (type === "counter") expect(name).toMatch(/_total$/);
      if (type === "histogram") expect(name).toMatch(/_(seconds|bytes|tokens)$/);
    }
  });

  it("moves for a webhook, a GraphQL operation, a subscription and the job behind them", async () => {
    const before = await scrape(`${server.url}/metrics`, TOKEN);
    const n = (text: string, name: string, labels: Record<string, string> = {}) => {
      const v = sample(text, name, labels);
      return Number.isNaN(v) ? 0 : v;
    };

    const ws = wsClient(server.url, { Authorization: `Bearer ${t.supervisor.token}` });
    const sub = new Subscription(ws, OnMessageAddedDocument);
    await sub.ready;
    await waitFor(async () => n(await scrape(`${server.url}/metrics`, TOKEN), "atende_graphql_subscriptions", { field: "messageAdded" }) >= 1, 10_000, "subscription counted");
    await t.agent.client.ok(MeDocument);
    expect((await post(webhookUrl, evolutionFixture("messages-upsert-text"))).status).toBe(200);
    await sub.next(20_000);

    const after = await waitFor(async () => {
      const text = await scrape(`${server.url}/metrics`, TOKEN);
      return n(text, "atende_job_duration_seconds_count", { job: "inbound.process", outcome: "success" }) > n(before, "atende_job_duration_seconds_count", { job: "inbound.process", outcome: "success" }) ? text : null;
    }, 20_000, "inbound job observed");

    const moved = (name: string, labels: Record<string, string> = {}) => expect(n(after, name, labels), `${name} ${JSON.stringify(labels)}`).toBeGreaterThan(n(before, name, labels));
    moved("atende_webhook_request_duration_seconds_count", { provider: "evolution", outcome: "accepted" });
    moved("atende_inbound_events_total", { provider: "EVOLUTION", result: "accepted" });
    moved("atende_http_request_duration_seconds_count", { route: "/webhooks/evolution/:inboxKey", status: "200" });
    moved("atende_http_request_duration_seconds_count", { route: "/graphql", method: "POST", status: "200" });
    moved("atende_graphql_operation_duration_seconds_count", { operation: "Me", type: "query", outcome: "success", transport: "http" });
    moved("atende_graphql_operation_duration_seconds_count", { operation: "OnMessageAdded", type: "subscription", transport: "ws" });
    moved("atende_events_published_total", { kind: "message" });
    moved("atende_events_delivered_total", { field: "messageAdded" });
    moved("atende_job_duration_seconds_count", { job: "inbound.process", outcome: "success" });
    expect(n(after, "atende_websocket_connections")).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^atende_jobs_waiting\{job="inbound.process"\} \d+$/m);

    sub.close();
    await ws.dispose();
    await waitFor(async () => n(await scrape(`${server.url}/metrics`, TOKEN), "atende_graphql_subscriptions", { field: "messageAdded" }) === 0, 10_000, "subscription released");
  }, 90_000);

  it("counts GraphQL errors by code, and a failed login", async () => {
    const before = await scrape(`${server.url}/metrics`, TOKEN);
    await t.anonymous.raw(MeDocument);
    const bad = await t.anonymous.raw(`mutation { logIn(input: { email: "${t.agent.email}", password: "senha-errada-123" }) { accessToken } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const after = await scrape(`${server.url}/metrics`, TOKEN);
    expect(sample(after, "atende_graphql_errors_total", { operation: "Me", code: "UNAUTHENTICATED" })).toBeGreaterThan(sample(before, "atende_graphql_errors_total", { operation: "Me", code: "UNAUTHENTICATED" }) || 0);
    expect(sample(after, "atende_login_failures_total", { reason: "password" })).toBeGreaterThan(sample(before, "atende_login_failures_total", { reason: "password" }) || 0);
  });
});

run("/metrics exposure", () => {
  it("does not exist on the main port without METRICS_TOKEN", async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("is served on METRICS_PORT, bound to 127.0.0.1 only", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const server = await startTestServer({ env: { METRICS_PORT: String(port) } });
    try {
      const text = await scrape(`http://127.0.0.1:${port}/metrics`);
      expect(text).toContain("atende_http_request_duration_seconds");
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      // Not on the other interfaces: a connection to a non-loopback address of this host is refused.
      const external = Object.values((await import("node:os")).networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
      if (external) await expect(fetch(`http://${external.address}:${port}/metrics`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});
