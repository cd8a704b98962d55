import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClaimHandoffDocument, CloseSessionDocument, CompleteHandoffDocument, StartSessionDocument } from "./generated/graphql";
import { countQueries } from "./support/query-counter";
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
    // The conversation takes its first triaged message's intent (analytics filters and groups by it).
    const [{ intent }] = await server.app.ds.query(`SELECT intent FROM sessions WHERE id = $1`, [ai.sessionId]);
    expect(intent).toEqual(expect.any(String));
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

  it("lists clients with their sessions in a constant number of queries, with the agent's visibility", async () => {
    const u = await createTenant(server);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { clientId, sessionId } = await openSession(u.agent.client);
      ids.push(clientId);
      await u.agent.client.ok(CloseSessionDocument, { id: sessionId });
      await u.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } }); // a second one, open
    }
    // One client's open session is taken by another agent: our agent no longer sees it.
    const { handoff } = await say(u.integrator, (await u.supervisor.client.ok(`query($id: ID!) { client(id: $id) { sessions(first: 1) { edges { node { id } } } } }`, { id: ids[0] })).client.sessions.edges[0].node.id, "quero falar com um atendente");
    await u.agent2.client.ok(ClaimHandoffDocument, { id: handoff!.id });

    const query = `{ clients(first: 12) { edges { node { id sessions(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id status } } } } } } }`;
    const { result, queries } = await countQueries(server.app.ds, () => u.supervisor.client.ok(query));
    const byClient = new Map(result.clients.edges.map((e: { node: { id: string; sessions: unknown } }) => [e.node.id, e.node.sessions]));
    for (const id of ids) expect(byClient.get(id)).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { status: expect.not.stringMatching(/CLOSED/) } }] });
    // auth + count + page + access log + sessions (ranked, rows, counts): not one per client.
    expect(queries.length).toBeLessThanOrEqual(10);
    const { queries: fewer } = await countQueries(server.app.ds, () => u.supervisor.client.ok(query.replace("clients(first: 12)", "clients(first: 3)")));
    expect(fewer.length).toBe(queries.length);

    const asAgent = (await u.agent.client.ok(query)).clients.edges.find((e: { node: { id: string } }) => e.node.id === ids[0]).node.sessions;
    expect(asAgent.totalCount).toBe(1); // the closed, unassigned one only
    const page2 = await u.agent.client.ok(`query($id: ID!) { client(id: $id) { sessions(first: 5) { totalCount edges { node { id } } } } }`, { id: ids[0] });
    expect(page2.client.sessions.totalCount).toBe(1);
  });
});
