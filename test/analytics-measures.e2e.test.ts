import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { PERIOD, seedAnalytics, seedNoise, type AnalyticsSeed } from "./support/analytics-seed";

const run = hasPostgres() ? describe : describe.skip;
const MEASURES = `conversations messagesIn messagesOut tickets ticketsResolved autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds waitMaxSeconds
  firstResponseP50Seconds resolutionP50Seconds transfers slaCompliance slaBreaches csatAverage csatResponses nps npsResponses agentSatisfactionAverage aiCostBrl aiTokensInput aiTokensOutput aiCalls aiFallbacks`;
const ANALYTICS = `query($input: AnalyticsInput!) { analytics(input: $input) { timezone granularity
  series { bucket bucketLabel group { dimension key name } measures { ${MEASURES} } }
  groups { group { dimension key name } measures { ${MEASURES} } }
  totals { ${MEASURES} } } }`;

run("analytics measures against a seeded data set with known answers", () => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  let seed: AnalyticsSeed;
  const analytics = async (input: Record<string, unknown>, who = () => t.supervisor.client) => (await who().ok(ANALYTICS, { input: { ...PERIOD, ...input } })).analytics;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTenant(server);
    other = await createTenant(server);
    seed = await seedAnalytics(server.app.ds, t.id, { a: t.agent.id, b: t.agent2.id });
    await seedNoise(server.app.ds, other.id);
  });
  afterAll(async () => server?.close());

  it("computes every measure of the period, by day in São Paulo (midnight edges, the weekend, an empty Monday)", async () => {
    const r = await analytics({ granularity: "DAY" });
    expect(r.timezone).toBe("America/Sao_Paulo");
    expect(r.totals).toEqual({
      conversations: 4, messagesIn: 5, messagesOut: 3, tickets: 2, ticketsResolved: 1, autoResolved: 1, handedOff: 2, botResolutionRate: 0.25, handoffRate: 0.5,
      waitP50Seconds: 360, waitP90Seconds: 552, waitMaxSeconds: 600, firstResponseP50Seconds: 30, resolutionP50Seconds: 2150, transfers: 1,
      slaCompliance: 0.5, slaBreaches: 2, csatAverage: 4, csatResponses: 2, nps: 33.3, npsResponses: 3, agentSatisfactionAverage: 3.5,
      aiCostBrl: 0.035, aiTokensInput: 350, aiTokensOutput: 80, aiCalls: 3, aiFallbacks: 1,
    });
    expect(r.series.map((p: { bucketLabel: string; bucket: string }) => [p.bucketLabel, p.bucket])).toEqual([
      ["2026-03-06T00:00", "2026-03-06T03:00:00.000Z"],
      ["2026-03-07T00:00", "2026-03-07T03:00:00.000Z"],
      ["2026-03-08T00:00", "2026-03-08T03:00:00.000Z"],
      ["2026-03-09T00:00", "2026-03-09T03:00:00.000Z"],
    ]);
    const [fri, sat, sun, mon] = r.series.map((p: { measures: Record<string, unknown> }) => p.measures);
    // S2 started at 23:30 on Friday in São Paulo (Saturday in UTC); its agent's reply came at 00:10 on Saturday.
    expect(fri).toMatchObject({ conversations: 2, messagesIn: 2, messagesOut: 1, tickets: 1, handedOff: 1, autoResolved: 1, waitP50Seconds: 120, nps: 100, csatAverage: null, aiCostBrl: 0.03 });
    expect(sat).toMatchObject({ conversations: 1, messagesIn: 1, messagesOut: 2, tickets: 0, handedOff: 1, waitP50Seconds: 600, csatAverage: 5, nps: 100, aiCostBrl: 0.005, aiFallbacks: 1 });
    expect(sun).toMatchObject({ conversations: 1, messagesIn: 2, messagesOut: 0, tickets: 1, csatAverage: 3, nps: -100, slaCompliance: 0, aiCostBrl: 0 });
    expect(mon).toMatchObject({ conversations: 0, messagesIn: 0, tickets: 0, botResolutionRate: null, waitP50Seconds: null, csatAverage: null, aiCostBrl: 0 });

    // Tickets still open at the end of each day: the Friday one was resolved, Sunday's is open.
    const backlog = (await t.supervisor.client.ok(`query($input: AnalyticsInput!) { analytics(input: $input) { series { measures { ticketBacklog } } totals { ticketBacklog } } }`, { input: { ...PERIOD, granularity: "DAY" } })).analytics;
    expect(backlog.series.map((p: { measures: { ticketBacklog: number } }) => p.measures.ticketBacklog)).toEqual([0, 0, 1, 1]);
    expect(backlog.totals.ticketBacklog).toBe(1);
    expect((await t.supervisor.client.ok(`query($input: AnalyticsInput!) { analytics(input: $input) { totals { ticketBacklog } } }`, { input: { ...PERIOD, filter: { channels: ["WHATSAPP"] } } })).analytics.totals.ticketBacklog).toBe(0);

    const weeks = await analytics({ granularity: "WEEK" });
    expect(weeks.series.map((p: { bucketLabel: string; measures: { conversations: number } }) => [p.bucketLabel, p.measures.conversations])).toEqual([["2026-03-02T00:00", 4], ["2026-03-09T00:00", 0]]);
    const hours = await analytics({ granularity: "HOUR", from: "2026-03-07T02:00:00.000Z", to: "2026-03-07T04:00:00.000Z" });
    expect(hours.series.map((p: { bucketLabel: string; measures: { conversations: number; messagesOut: number } }) => [p.bucketLabel, p.measures.conversations, p.measures.messagesOut]))
      .toEqual([["2026-03-06T23:00", 1, 0], ["2026-03-07T00:00", 1, 2]]);
  });

  it("filters by channel, agent, team, intent and label, and groups by them", async () => {
    expect((await analytics({ filter: { channels: ["WHATSAPP"] } })).totals).toMatchObject({ conversations: 2, messagesIn: 2, messagesOut: 2, tickets: 1, waitP50Seconds: 120, csatAverage: 5, nps: 100, aiCostBrl: 0.03 });
    expect((await analytics({ filter: { agentIds: [t.agent.id] } })).totals).toMatchObject({ conversations: 1, messagesIn: 1, messagesOut: 1, tickets: 0, waitP50Seconds: 120, csatAverage: 5, aiCostBrl: 0 });
    expect((await analytics({ filter: { teamIds: [seed.teamB] } })).totals).toMatchObject({ conversations: 1, tickets: 1, waitP50Seconds: 600, csatAverage: 3, aiCostBrl: 0.005 });
    expect((await analytics({ filter: { intents: ["suporte"] } })).totals).toMatchObject({ conversations: 2, handedOff: 2, tickets: 0 });
    expect((await analytics({ filter: { labelIds: [seed.labelL1] } })).totals).toMatchObject({ conversations: 2, messagesIn: 3, messagesOut: 1, tickets: 0, waitP50Seconds: 120 });
    expect((await analytics({ filter: { inboxIds: [seed.inboxId], channels: ["WHATSAPP", "WEB"] } })).totals).toMatchObject({ conversations: 2, csatAverage: 5 });

    const byChannel = await analytics({ groupBy: ["CHANNEL"] });
    const conv = (groups: Array<{ group: Array<{ key: string | null }>; measures: { conversations: number; tickets: number } }>) =>
      Object.fromEntries(groups.map((g) => [g.group.map((v) => v.key ?? "-").join("/"), [g.measures.conversations, g.measures.tickets]]));
    expect(conv(byChannel.groups)).toEqual({ WHATSAPP: [2, 1], WEB: [1, 1], EMAIL: [1, 0] });
    expect(byChannel.totals.conversations).toBe(4);
    expect(byChannel.series.find((p: { bucketLabel: string; group: Array<{ key: string }> }) => p.bucketLabel === "2026-03-06T00:00" && p.group[0]!.key === "WHATSAPP").measures.conversations).toBe(2);

    const byLabel = await analytics({ groupBy: ["LABEL"] });
    expect(conv(byLabel.groups)).toEqual({ [seed.labelL1]: [2, 0], [seed.labelL2]: [0, 1], "-": [2, 1] });
    expect(byLabel.groups.find((g: { group: Array<{ key: string }> }) => g.group[0]!.key === seed.labelL1).group[0].name).toBe("VIP");

    const byAgent = await analytics({ groupBy: ["AGENT", "INBOX"] });
    const a = byAgent.groups.find((g: { group: Array<{ key: string }> }) => g.group[0]!.key === t.agent.id);
    expect(a.group).toEqual([{ dimension: "AGENT", key: t.agent.id, name: "Alex Agente" }, { dimension: "INBOX", key: seed.inboxId, name: "WhatsApp Vendas" }]);
    expect(a.measures).toMatchObject({ conversations: 1, waitP50Seconds: 120, csatAverage: 5 });
    const byTeam = await analytics({ groupBy: ["TEAM"] });
    expect(byTeam.groups.find((g: { group: Array<{ key: string }> }) => g.group[0]!.key === seed.teamA).group[0].name).toBe("Financeiro");
  });

  it("keeps tenants apart and refuses agents and bad input", async () => {
    const mine = await analytics({});
    expect(mine.totals.conversations).toBe(4);
    const theirs = await analytics({}, () => other.supervisor.client);
    expect(theirs.totals).toMatchObject({ conversations: 1, messagesIn: 1, aiCostBrl: 5 });
    // Another tenant's ids in a filter match nothing.
    expect((await analytics({ filter: { inboxIds: [seed.inboxId] } }, () => other.admin.client)).totals.conversations).toBe(0);
    expect((await t.agent.client.fail(ANALYTICS, { input: PERIOD })).extensions?.code).toBe("FORBIDDEN");
    expect((await t.supervisor.client.fail(ANALYTICS, { input: { from: PERIOD.to, to: PERIOD.from } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
    expect((await t.supervisor.client.fail(ANALYTICS, { input: { ...PERIOD, filter: { teamIds: ["x"] } } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.teamIds" });
    expect((await t.supervisor.client.fail(ANALYTICS, { input: { from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: "HOUR" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });

  it("reports agents' performance, AI costs with the month's projection, and LGPD compliance", async () => {
    // Availability changes: A online 2 h on Friday, then from Sunday 23:00 to the end (25 h); B online since before the period until 01:00 Friday; the supervisor 1 h on Sunday.
    await server.app.ds.query(
      `INSERT INTO agent_availability_log (tenant_id, user_id, availability, created_at) VALUES
         ($1, $2, 'ONLINE', '2026-03-06T13:00:00Z'), ($1, $2, 'AWAY', '2026-03-06T15:00:00Z'), ($1, $2, 'ONLINE', '2026-03-09T02:00:00Z'),
         ($1, $3, 'ONLINE', '2026-03-05T00:00:00Z'), ($1, $3, 'OFFLINE', '2026-03-06T04:00:00Z'), ($1, $3, 'ONLINE', '2026-03-20T00:00:00Z'),
         ($1, $4, 'ONLINE', '2026-03-08T00:00:00Z'), ($1, $4, 'OFFLINE', '2026-03-08T01:00:00Z')`,
      [t.id, t.agent.id, t.agent2.id, t.supervisor.id],
    );
    const perf = (await t.supervisor.client.ok(`query($input: AnalyticsInput!) { agentPerformance(input: $input) { agentId name conversations completed handleTimeAvgSeconds waitP50Seconds firstResponseP50Seconds transfers slaBreaches messagesSent onlineSeconds csatAverage csatResponses agentSatisfactionAverage } }`, { input: PERIOD })).agentPerformance;
    expect(perf).toEqual([
      { agentId: t.agent.id, name: "Alex Agente", conversations: 1, completed: 1, handleTimeAvgSeconds: 3480, waitP50Seconds: 120, firstResponseP50Seconds: 30, transfers: 1, slaBreaches: 0, messagesSent: 1, onlineSeconds: 97200, csatAverage: 5, csatResponses: 1, agentSatisfactionAverage: 5 },
      { agentId: t.agent2.id, name: "Bruno Agente", conversations: 1, completed: 0, handleTimeAvgSeconds: null, waitP50Seconds: 600, firstResponseP50Seconds: 30, transfers: 0, slaBreaches: 1, messagesSent: 0, onlineSeconds: 3600, csatAverage: 3, csatResponses: 1, agentSatisfactionAverage: 2 },
      { agentId: t.supervisor.id, name: "Sofia Supervisora", conversations: 0, completed: 0, handleTimeAvgSeconds: null, waitP50Seconds: null, firstResponseP50Seconds: null, transfers: 0, slaBreaches: 0, messagesSent: 0, onlineSeconds: 3600, csatAverage: null, csatResponses: 0, agentSatisfactionAverage: null },
    ]);
    // Changing availability through the API is what fills the log.
    await t.agent2.client.ok(`mutation { setAvailability(availability: ONLINE) { id } }`);
    expect(await server.app.ds.query(`SELECT availability::text FROM agent_availability_log WHERE user_id = $1 AND created_at > now() - interval '1 minute'`, [t.agent2.id])).toEqual([{ availability: "ONLINE" }]);

    // This month: 3 BRL spent an hour ago.
    await server.app.ds.query(`INSERT INTO ai_calls (tenant_id, provider_kind, model, purpose, cost_brl, outcome, created_at) VALUES ($1, 'OPENAI', 'gpt-4o', 'reply', 3, 'ok', now() - interval '1 hour')`, [t.id]);
    const costs = (await t.admin.client.ok(`query($input: AnalyticsInput!) { aiCosts(input: $input) { totalCostBrl tokensInput tokensOutput perConversation perResolvedConversation monthToDate projectedMonth
      byProvider { provider calls fallbacks costBrl } byModel { provider model calls tokensInput tokensOutput costBrl } byPurpose { model calls costBrl } } }`, { input: PERIOD })).aiCosts;
    expect(costs).toMatchObject({
      totalCostBrl: 0.035, tokensInput: 350, tokensOutput: 80, perConversation: 0.00875, perResolvedConversation: 0.0175, monthToDate: 3,
      byProvider: [{ provider: "OPENAI", calls: 2, fallbacks: 0, costBrl: 0.03 }, { provider: "GROQ", calls: 1, fallbacks: 1, costBrl: 0.005 }],
      byModel: [{ provider: "OPENAI", model: "gpt-4o-mini", calls: 2, tokensInput: 300, tokensOutput: 70, costBrl: 0.03 }, { provider: "GROQ", model: "llama-3.1-8b", calls: 1, tokensInput: 50, tokensOutput: 10, costBrl: 0.005 }],
      byPurpose: [{ model: "reply", calls: 1, costBrl: 0.02 }, { model: "triage", calls: 2, costBrl: 0.015 }],
    });
    expect(costs.projectedMonth).toBeGreaterThanOrEqual(3);
    const now = new Date();
    const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    expect(costs.projectedMonth).toBeLessThanOrEqual(3 * daysInMonth * 24 + 0.01);

    const [c1] = seed.clientIds;
    const day = 86_400_000;
    await server.app.ds.query(
      `INSERT INTO data_subject_requests (tenant_id, client_id, type, status, due_at, created_at) VALUES
         ($1, $2, 'ACCESS', 'PENDING', $3, '2026-03-06T12:00:00Z'), ($1, $2, 'DELETION', 'COMPLETED', '2026-03-20T12:00:00Z', '2026-03-07T12:00:00Z'),
         ($1, $2, 'EXPORT', 'APPROVED', $4, '2026-03-08T12:00:00Z'), ($1, $2, 'ACCESS', 'PENDING', $3, '2026-02-01T12:00:00Z')`,
      [t.id, c1, new Date(now.getTime() + 10 * day - 60_000), new Date(now.getTime() - 3 * day)],
    );
    await server.app.ds.query(
      `INSERT INTO consents (tenant_id, client_id, purpose, granted, text, text_version, source, created_at) VALUES
         ($1, $2, 'MARKETING', true, 't', 'v1', 'teste', '2026-03-06T12:00:00Z'), ($1, $2, 'MARKETING', true, 't', 'v1', 'teste', '2026-03-07T12:00:00Z'),
         ($1, $2, 'MARKETING', false, 't', 'v1', 'teste', '2026-03-08T12:00:00Z'), ($1, $2, 'AI_PROCESSING', true, 't', 'v1', 'teste', '2026-03-07T12:00:00Z'),
         ($1, $2, 'AI_PROCESSING', true, 't', 'v1', 'teste', '2026-04-07T12:00:00Z')`,
      [t.id, c1],
    );
    await server.app.ds.query(
      `INSERT INTO data_access_logs (tenant_id, actor_id, client_id, action, resource, created_at) VALUES
         ($1, $2, $4, 'client.read', 'Client:x', '2026-03-06T12:00:00Z'), ($1, $2, $4, 'client.read', 'Client:x', '2026-03-07T12:00:00Z'),
         ($1, $3, $4, 'client.export', 'Client:x', '2026-03-07T12:00:00Z'), ($1, $3, $4, 'client.read', 'Client:x', '2026-05-07T12:00:00Z')`,
      [t.id, t.admin.id, t.supervisor.id, c1],
    );
    const report = (await t.admin.client.ok(`query($input: AnalyticsInput!) { complianceReport(input: $input) { requestsByTypeAndStatus { key secondary count } overdueRequests
      openRequests { type status daysToDeadline overdue } consentsByPurpose { purpose granted revoked } accessLogByUser { userId userName action count } } }`, { input: PERIOD })).complianceReport;
    expect(report.requestsByTypeAndStatus).toEqual([{ key: "ACCESS", secondary: "PENDING", count: 1 }, { key: "EXPORT", secondary: "APPROVED", count: 1 }, { key: "DELETION", secondary: "COMPLETED", count: 1 }].sort((x, y) => x.key.localeCompare(y.key)));
    expect(report.openRequests).toEqual([
      { type: "EXPORT", status: "APPROVED", daysToDeadline: -3, overdue: true },
      { type: "ACCESS", status: "PENDING", daysToDeadline: 10, overdue: false },
      { type: "ACCESS", status: "PENDING", daysToDeadline: 10, overdue: false },
    ]);
    expect(report.overdueRequests).toBe(1);
    expect(report.consentsByPurpose).toEqual([{ purpose: "AI_PROCESSING", granted: 1, revoked: 0 }, { purpose: "MARKETING", granted: 2, revoked: 1 }]);
    expect(report.accessLogByUser).toEqual([
      { userId: t.admin.id, userName: "Ana Admin", action: "client.read", count: 2 },
      { userId: t.supervisor.id, userName: "Sofia Supervisora", action: "client.export", count: 1 },
    ]);
    expect((await t.agent.client.fail(`query($input: AnalyticsInput!) { aiCosts(input: $input) { totalCostBrl } }`, { input: PERIOD })).extensions?.code).toBe("FORBIDDEN");
  });

  it("keeps the dashboard's contract on the same aggregates", async () => {
    const d = (await t.supervisor.client.ok(`query($p: PeriodInput!) { dashboard(period: $p) { totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds totalCostBrl csatAverage nps } }`, { p: PERIOD })).dashboard;
    expect(d).toEqual({ totalSessions: 4, totalMessages: 8, aiResolutionRate: 0.25, handoffRate: 0.5, avgFirstResponseSeconds: 36.67, avgQueueWaitSeconds: 360, totalCostBrl: 0.03, csatAverage: 3.5, nps: 0 });
  });
});
