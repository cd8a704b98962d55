import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClaimHandoffDocument, CompleteHandoffDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;
const DASHBOARD = `query($p: PeriodInput!) { dashboard(period: $p) { totalSessions totalMessages aiResolutionRate handoffRate avgSessionMinutes avgFirstResponseSeconds avgQueueWaitSeconds totalCostBrl csatAverage nps } }`;

run("dashboard and client sessions", () => {
  let server: TestServer;
  let t: TestTenant;
  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenant(server);
  });
  afterAll(async () => server?.close());

  it("computes the service indicators of a period", async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const ai = await openSession(t.agent.client);
    await say(t.integrator, ai.sessionId, "bom dia, quero a segunda via do boleto");
    for (const score of [5, 2]) {
      const s = await openSession(t.agent.client);
      const r = await say(t.integrator, s.sessionId, "quero falar com um atendente");
      await t.agent.client.ok(ClaimHandoffDocument, { id: r.handoff!.id });
      await t.agent.client.ok(CompleteHandoffDocument, { input: { handoffId: r.handoff!.id, resolution: "ok", satisfaction: score } });
    }
    const d = (await t.supervisor.client.ok(DASHBOARD, { p: { from, to: new Date(Date.now() + 60_000).toISOString() } })).dashboard;
    expect(d).toMatchObject({ totalSessions: 3, aiResolutionRate: 0.3333, handoffRate: 0.6667, csatAverage: 3.5, nps: 0 });
    expect(d.totalMessages).toBeGreaterThanOrEqual(8);
    expect(d.avgFirstResponseSeconds).toBeGreaterThanOrEqual(0);
    expect(d.avgQueueWaitSeconds).toBeGreaterThanOrEqual(0);
    const empty = (await t.supervisor.client.ok(DASHBOARD, { p: { from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z" } })).dashboard;
    expect(empty).toMatchObject({ totalSessions: 0, aiResolutionRate: 0, csatAverage: null, nps: null });
    expect((await t.agent.client.fail(DASHBOARD, { p: { from, to: from } })).extensions?.code).toBe("FORBIDDEN");
    expect((await t.admin.client.fail(DASHBOARD, { p: { from, to: from } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "period" });
    const client = await t.agent.client.ok(`query($id: ID!) { client(id: $id) { sessions(first: 5) { totalCount edges { node { id } } } } }`, { id: ai.clientId });
    expect(client.client.sessions.totalCount).toBe(1);
  });
});
