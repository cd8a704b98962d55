import { afterAll, describe, expect, it } from "vitest";
import {
  AssignTicketDocument, ClaimHandoffDocument, CreateRoutingRuleDocument, CreateTeamDocument, CreateTicketDocument, CreateClientDocument, CreateLabelDocument,
  DeleteRoutingRuleDocument, HelpdeskHandoffsDocument, OnTeamQueueUpdatedDocument, RoutingRulesDocument, SetAvailabilityDocument, SetTeamMembersDocument,
  TeamQueueDocument, TeamsDocument, TransferHandoffDocument, UpdateTeamDocument, UpdateTenantSettingsDocument, UpdateTicketDocument, WorkTicketsDocument,
  AddLabelsDocument, UpdateTicketStatusDocument, DeleteTeamDocument, OnOneTeamQueueUpdatedDocument,
} from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import { createTenant, type TestTenant } from "./support/tenant";
import type { TestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;

/** A message the rules classifier reads as payment_status; "pix" is made a handoff keyword so it reaches a person. */
const PAYMENT = "fiz o pix agora, confirma pra mim?";

run("help desk: teams, routing, team queues, transfers, tickets as work items", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let financeiro: string;
  let suporte: string;
  const sockets: Array<{ dispose(): void | Promise<void> }> = [];
  const live = <T>(token: string, doc: ConstructorParameters<typeof Subscription<T>>[1]) => {
    const c = wsClient(server.url, { Authorization: `Bearer ${token}` });
    sockets.push(c);
    return new Subscription<T>(c, doc);
  };
  type QueueEv = { queueUpdated: { kind: string; handoff: { id: string; status: string; team: { id: string } | null; agent: { id: string } | null } } };
  /** The next event about `handoffId` (others in the tenant may interleave). */
  const eventFor = async (sub: Subscription<QueueEv>, handoffId: string) => {
    for (;;) {
      const e = await sub.next();
      if (e.queueUpdated.handoff.id === handoffId) return e.queueUpdated;
    }
  };

  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { handoffKeywords: ["pix"] } });
    financeiro = (await a.supervisor.client.ok(CreateTeamDocument, { input: { name: "Financeiro", description: "Boletos e pagamentos" } })).createTeam.id;
    suporte = (await a.supervisor.client.ok(CreateTeamDocument, { input: { name: "Suporte" } })).createTeam.id;
    await a.supervisor.client.ok(SetTeamMembersDocument, { teamId: financeiro, userIds: [a.agent.id] });
    await a.supervisor.client.ok(SetTeamMembersDocument, { teamId: suporte, userIds: [a.agent2.id] });
    await a.supervisor.client.ok(CreateRoutingRuleDocument, { input: { name: "Pagamentos", match: { intents: ["payment_status"] }, teamId: financeiro, order: 10 } });
  });
  afterAll(async () => {
    for (const c of sockets) await c.dispose();
  });

  it("manages teams and their members; names are unique per tenant; other tenants see nothing", async () => {
    const teams = (await a.agent.client.ok(TeamsDocument)).teams;
    expect(teams.map((t) => t.name)).toEqual(["Financeiro", "Suporte"]);
    expect(teams.find((t) => t.id === financeiro)!.members.map((m) => m.id)).toEqual([a.agent.id]);
    const dup = await a.supervisor.client.fail(CreateTeamDocument, { input: { name: "Financeiro" } });
    expect(dup.extensions).toMatchObject({ code: "CONFLICT", field: "name" });
    expect((await a.agent.client.fail(CreateTeamDocument, { input: { name: "Outra" } })).extensions?.code).toBe("FORBIDDEN");
    const renamed = await a.supervisor.client.ok(UpdateTeamDocument, { id: suporte, input: { name: "Suporte", description: "Técnico" } });
    expect(renamed.updateTeam.description).toBe("Técnico");
    // Tenant B: none of A's teams, A's ids are not found, A's users cannot join B's teams.
    expect((await b.supervisor.client.ok(TeamsDocument)).teams).toEqual([]);
    expect((await b.supervisor.client.fail(SetTeamMembersDocument, { teamId: financeiro, userIds: [] })).extensions?.code).toBe("NOT_FOUND");
    const bTeam = (await b.supervisor.client.ok(CreateTeamDocument, { input: { name: "Financeiro" } })).createTeam.id;
    expect((await b.supervisor.client.fail(SetTeamMembersDocument, { teamId: bTeam, userIds: [a.agent.id] })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userIds.0" });
    expect((await b.supervisor.client.fail(CreateRoutingRuleDocument, { input: { match: { intents: ["x"] }, teamId: financeiro } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "teamId" });
    expect((await b.supervisor.client.fail(CreateRoutingRuleDocument, { input: { match: { intents: ["payment_status", "pagamento"] }, teamId: bTeam } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "match.intents.1" });
    expect((await b.supervisor.client.ok(RoutingRulesDocument)).routingRules).toEqual([]);
  });

  it("routes a payment_status conversation to Financeiro: only that team's agents (and supervisors) see it, in the queue and live", async () => {
    const financeAgent = live<QueueEv>(a.agent.token, OnTeamQueueUpdatedDocument);
    const supportAgent = live<QueueEv>(a.agent2.token, OnTeamQueueUpdatedDocument);
    const supervisor = live<QueueEv>(a.supervisor.token, OnTeamQueueUpdatedDocument);
    const otherTenant = live<QueueEv>(b.supervisor.token, OnTeamQueueUpdatedDocument);
    await Promise.all([financeAgent.ready, supportAgent.ready, supervisor.ready, otherTenant.ready]);

    const { sessionId } = await openSession(a.agent.client);
    const r = await say(a.integrator, sessionId, PAYMENT);
    const id = r.handoff!.id;
    expect((await eventFor(financeAgent, id))).toMatchObject({ kind: "CREATED", handoff: { team: { id: financeiro } } });
    expect((await eventFor(supervisor, id)).kind).toBe("CREATED");

    // A conversation no rule matches stays in the general queue: every agent sees it.
    const general = await openSession(a.agent.client);
    const g = (await say(a.integrator, general.sessionId, "quero falar com um atendente")).handoff!.id;
    expect((await eventFor(supportAgent, g)).handoff.team).toBeNull();
    expect((await eventFor(financeAgent, g)).kind).toBe("CREATED");
    // The Suporte agent never heard of the Financeiro handoff; tenant B heard of nothing.
    expect((await supportAgent.none(300)).map((e) => e.queueUpdated.handoff.id)).not.toContain(id);
    expect(await otherTenant.none(100)).toEqual([]);

    const queueOf = async (t: { client: TestTenant["agent"]["client"] }, vars: { teamId?: string } = {}) => (await t.client.ok(TeamQueueDocument, vars)).handoffQueue.map((h) => h.id);
    expect(await queueOf(a.agent)).toEqual(expect.arrayContaining([id, g]));
    expect(await queueOf(a.agent2)).toContain(g);
    expect(await queueOf(a.agent2)).not.toContain(id);
    expect(await queueOf(a.supervisor)).toEqual(expect.arrayContaining([id, g]));
    expect(await queueOf(a.supervisor, { teamId: financeiro })).toEqual([id]);
    expect(await queueOf(a.supervisor, { teamId: suporte })).toEqual([]);
    expect((await a.supervisor.client.ok(HelpdeskHandoffsDocument, { filter: { teamId: financeiro } })).handoffs.edges.map((e) => e.node.id)).toEqual([id]);
    // Another team's agent cannot take it from outside the queue.
    expect((await a.agent2.client.fail(ClaimHandoffDocument, { id })).extensions?.code).toBe("FORBIDDEN");
    await a.agent.client.ok(ClaimHandoffDocument, { id });
    for (const s of [financeAgent, supportAgent, supervisor, otherTenant]) s.close();
  });

  it("transfers to another team with a note: both teams' consoles update live, the count and the audit trail record it", async () => {
    const financeAgent = live<QueueEv>(a.agent.token, OnTeamQueueUpdatedDocument);
    const supportAgent = live<QueueEv>(a.agent2.token, OnTeamQueueUpdatedDocument);
    // A supervisor watching Suporte's queue only.
    const supportBoard = new Subscription<QueueEv>((() => {
      const c = wsClient(server.url, { Authorization: `Bearer ${a.supervisor.token}` });
      sockets.push(c);
      return c;
    })(), OnOneTeamQueueUpdatedDocument, { teamId: suporte });
    await Promise.all([financeAgent.ready, supportAgent.ready, supportBoard.ready]);
    const { sessionId } = await openSession(a.agent.client);
    const id = (await say(a.integrator, sessionId, PAYMENT)).handoff!.id;
    await eventFor(financeAgent, id);
    await a.agent.client.ok(ClaimHandoffDocument, { id });
    expect((await eventFor(financeAgent, id)).kind).toBe("ASSIGNED");

    // Only the agent holding it (or a supervisor) may transfer it.
    expect((await a.agent2.client.fail(TransferHandoffDocument, { input: { handoffId: id, toTeamId: suporte } })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.agent.client.fail(TransferHandoffDocument, { input: { handoffId: id } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "toTeamId" });
    const moved = (await a.agent.client.ok(TransferHandoffDocument, { input: { handoffId: id, toTeamId: suporte, note: "Problema técnico no app, não é pagamento." } })).transferHandoff;
    expect(moved).toMatchObject({ status: "PENDING", agent: null, team: { id: suporte }, transferCount: 1 });
    expect(moved.notes.map((n) => n.text)).toEqual(["Transferido para equipe Suporte. Problema técnico no app, não é pagamento."]);
    // Live: it arrives in Suporte's queue and leaves Financeiro's.
    expect(await eventFor(supportAgent, id)).toMatchObject({ kind: "TRANSFERRED", handoff: { status: "PENDING", team: { id: suporte } } });
    expect(await eventFor(financeAgent, id)).toMatchObject({ kind: "TRANSFERRED", handoff: { team: { id: suporte } } });
    // The Suporte board heard nothing of it while it was Financeiro's: its first event is the transfer.
    expect((await eventFor(supportBoard, id)).kind).toBe("TRANSFERRED");
    expect((await a.agent2.client.ok(TeamQueueDocument, {})).handoffQueue.map((h) => h.id)).toContain(id);
    expect((await a.agent.client.ok(TeamQueueDocument, {})).handoffQueue.map((h) => h.id)).not.toContain(id);

    // A supervisor hands it straight to an agent.
    const direct = (await a.supervisor.client.ok(TransferHandoffDocument, { input: { handoffId: id, toAgentId: a.agent2.id } })).transferHandoff;
    expect(direct).toMatchObject({ status: "ASSIGNED", agent: { id: a.agent2.id }, team: { id: suporte }, transferCount: 2 });
    expect((await eventFor(supportAgent, id)).handoff.agent).toEqual({ id: a.agent2.id });
    const audit = await server.app.ds.query(`SELECT detail FROM audit_logs WHERE tenant_id = $1 AND event = 'handoff.transferred' AND detail->>'handoffId' = $2 ORDER BY created_at`, [a.id, id]);
    expect(audit.map((r: { detail: Record<string, unknown> }) => r.detail)).toEqual([
      { handoffId: id, fromTeamId: financeiro, toTeamId: suporte, fromAgentId: a.agent.id, toAgentId: null },
      { handoffId: id, fromTeamId: suporte, toTeamId: suporte, fromAgentId: null, toAgentId: a.agent2.id },
    ]);
    // Tenant B cannot touch it.
    expect((await b.supervisor.client.fail(TransferHandoffDocument, { input: { handoffId: id, toAgentId: b.agent.id } })).extensions?.code).toBe("NOT_FOUND");
    financeAgent.close();
    supportAgent.close();
    supportBoard.close();
  });

  it("auto-assigns a team's handoff only to that team's online agents", async () => {
    const t = await createTenant(server);
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { handoffKeywords: ["pix"], autoAssign: true } });
    const fin = (await t.supervisor.client.ok(CreateTeamDocument, { input: { name: "Financeiro" } })).createTeam.id;
    await t.supervisor.client.ok(SetTeamMembersDocument, { teamId: fin, userIds: [t.agent2.id] });
    await t.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { intents: ["payment_status"] }, teamId: fin } });
    // agent (no team) comes online first and is least loaded, yet the Financeiro handoff waits for agent2.
    await t.agent.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    const first = await openSession(t.agent.client);
    const h = (await say(t.integrator, first.sessionId, PAYMENT)).handoff!;
    expect(h).toMatchObject({ status: "PENDING", agent: null });
    await t.agent2.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    const after = (await t.supervisor.client.ok(HelpdeskHandoffsDocument, { filter: { teamId: fin } })).handoffs.edges[0]!.node;
    expect(after).toMatchObject({ id: h.id, status: "ASSIGNED", agent: { id: t.agent2.id } });
    // The general queue still goes to anyone.
    const other = await openSession(t.agent.client);
    expect((await say(t.integrator, other.sessionId, "quero falar com um atendente")).handoff).toMatchObject({ status: "ASSIGNED", agent: { id: t.agent.id } });
  });

  it("deleting a team sends its open handoffs back to the general queue, live; its rules go with it", async () => {
    const t = await createTenant(server);
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { handoffKeywords: ["pix"] } });
    const fin = (await t.supervisor.client.ok(CreateTeamDocument, { input: { name: "Financeiro" } })).createTeam.id;
    await t.supervisor.client.ok(SetTeamMembersDocument, { teamId: fin, userIds: [t.agent.id] });
    await t.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { intents: ["payment_status"] }, teamId: fin } });
    const outsider = live<QueueEv>(t.agent2.token, OnTeamQueueUpdatedDocument);
    await outsider.ready;
    const { sessionId } = await openSession(t.agent.client);
    const id = (await say(t.integrator, sessionId, PAYMENT)).handoff!.id;
    expect((await t.agent2.client.ok(TeamQueueDocument, {})).handoffQueue.map((h) => h.id)).not.toContain(id);
    expect((await t.agent.client.fail(DeleteTeamDocument, { id: fin })).extensions?.code).toBe("FORBIDDEN");
    expect((await b.supervisor.client.fail(DeleteTeamDocument, { id: fin })).extensions?.code).toBe("NOT_FOUND");
    expect((await t.supervisor.client.ok(DeleteTeamDocument, { id: fin })).deleteTeam).toBe(true);
    // The agent outside the team hears of it now that it is in the general queue.
    expect(await eventFor(outsider, id)).toMatchObject({ kind: "REORDERED", handoff: { team: null } });
    expect((await t.agent2.client.ok(TeamQueueDocument, {})).handoffQueue.map((h) => h.id)).toContain(id);
    expect((await t.supervisor.client.ok(RoutingRulesDocument)).routingRules).toEqual([]);
    expect((await t.supervisor.client.ok(TeamsDocument)).teams).toEqual([]);
    outsider.close();
  });

  it("rules are evaluated by order; a deleted rule routes nothing", async () => {
    const t = await createTenant(server);
    const x = (await t.supervisor.client.ok(CreateTeamDocument, { input: { name: "X" } })).createTeam.id;
    const y = (await t.supervisor.client.ok(CreateTeamDocument, { input: { name: "Y" } })).createTeam.id;
    const late = (await t.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { channels: ["WEB"] }, teamId: x, order: 20 } })).createRoutingRule;
    const early = (await t.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { keywords: ["Cartão"] }, teamId: y, order: 5, priority: "HIGH" } })).createRoutingRule;
    expect(early.match.keywords).toEqual(["cartao"]);
    expect((await t.supervisor.client.ok(RoutingRulesDocument)).routingRules.map((r) => r.id)).toEqual([early.id, late.id]);
    expect((await t.supervisor.client.fail(CreateRoutingRuleDocument, { input: { match: {}, teamId: x } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "match" });

    const s1 = await openSession(t.agent.client);
    const byKeyword = (await say(t.integrator, s1.sessionId, "meu cartao foi recusado, quero falar com um atendente")).handoff!;
    const s2 = await openSession(t.agent.client);
    const byChannel = (await say(t.integrator, s2.sessionId, "quero falar com um atendente")).handoff!;
    const all = (await t.supervisor.client.ok(HelpdeskHandoffsDocument, {})).handoffs.edges.map((e) => e.node);
    expect(all.find((h) => h.id === byKeyword.id)).toMatchObject({ team: { id: y }, priority: "HIGH" });
    expect(all.find((h) => h.id === byChannel.id)).toMatchObject({ team: { id: x } });
    await t.supervisor.client.ok(DeleteRoutingRuleDocument, { id: late.id });
    const s3 = await openSession(t.agent.client);
    const none = (await say(t.integrator, s3.sessionId, "quero falar com um atendente")).handoff!;
    expect((await t.supervisor.client.ok(HelpdeskHandoffsDocument, {})).handoffs.edges.find((e) => e.node.id === none.id)!.node.team).toBeNull();
  });

  it("assigns tickets to an agent and a team, with category, due date and labels; lists filter by each", async () => {
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { ticketCategories: ["Cobrança", "Técnico"] } });
    const client = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Carla Chamados" } })).createClient.id;
    const mk = async (message: string) => (await a.agent.client.ok(CreateTicketDocument, { input: { clientId: client, channel: "EMAIL", message } })).createTicket.id;
    const [t1, t2, t3] = [await mk("meu boleto veio com valor errado, preciso de ajuda"), await mk("o aplicativo fecha sozinho ao abrir, ja reinstalei"), await mk("quero cancelar o contrato agora")];
    // Whatever triage decided, all three are being worked on.
    for (const id of [t1, t2, t3]) await a.agent.client.ok(UpdateTicketStatusDocument, { id, status: "OPEN" });
    const vip = (await a.supervisor.client.ok(CreateLabelDocument, { input: { name: "Cliente VIP", color: "#AA0000" } })).createLabel.id;

    const assigned = (await a.supervisor.client.ok(AssignTicketDocument, { ticketId: t1, agentId: a.agent.id, teamId: financeiro })).assignTicket;
    expect(assigned).toMatchObject({ assignee: { id: a.agent.id }, team: { id: financeiro, name: "Financeiro" } });
    await a.agent.client.ok(AssignTicketDocument, { ticketId: t2, teamId: suporte });
    const past = new Date(Date.now() - 3600_000).toISOString();
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const upd = (await a.agent.client.ok(UpdateTicketDocument, { id: t1, input: { category: "Cobrança", dueAt: past, labels: [vip] } })).updateTicket;
    expect(upd).toMatchObject({ category: "Cobrança", dueAt: past, labels: [{ id: vip, name: "Cliente VIP" }] });
    await a.agent.client.ok(UpdateTicketDocument, { id: t2, input: { category: "Técnico", dueAt: future } });
    expect((await a.agent.client.fail(UpdateTicketDocument, { id: t3, input: { category: "Vendas" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "category" });
    expect((await a.agent.client.fail(AssignTicketDocument, { ticketId: t3, agentId: b.agent.id })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "agentId" });

    const ids = async (filter: Record<string, unknown>) => (await a.supervisor.client.ok(WorkTicketsDocument, { filter: { clientId: client, ...filter } })).tickets.edges.map((e) => e.node.id).sort();
    expect(await ids({ assigneeId: a.agent.id })).toEqual([t1]);
    expect(await ids({ teamId: suporte })).toEqual([t2]);
    expect(await ids({ category: "Técnico" })).toEqual([t2]);
    expect(await ids({ overdue: true })).toEqual([t1]);
    expect(await ids({ dueAfter: new Date().toISOString() })).toEqual([t2]);
    expect(await ids({ dueBefore: new Date().toISOString() })).toEqual([t1]);
    expect(await ids({ labelId: vip })).toEqual([t1]);
    expect(await ids({ overdue: false })).toEqual([t2, t3].sort());
    // Clearing: a null category and an empty label list; an assignment without arguments unassigns.
    const cleared = (await a.agent.client.ok(UpdateTicketDocument, { id: t1, input: { category: null, labels: [] } })).updateTicket;
    expect(cleared).toMatchObject({ category: null, labels: [], dueAt: past });
    expect((await a.supervisor.client.ok(AssignTicketDocument, { ticketId: t1 })).assignTicket).toMatchObject({ assignee: null, team: null });

    // Tenant B: A's tickets are not found; A's team and label ids filter to nothing.
    expect((await b.supervisor.client.fail(AssignTicketDocument, { ticketId: t2, agentId: b.agent.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.supervisor.client.fail(UpdateTicketDocument, { id: t2, input: { dueAt: future } })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.supervisor.client.ok(WorkTicketsDocument, { filter: { teamId: suporte } })).tickets.totalCount).toBe(0);
    expect((await b.supervisor.client.ok(WorkTicketsDocument, { filter: { labelId: vip } })).tickets.totalCount).toBe(0);
    const bClient = (await b.agent.client.ok(CreateClientDocument, { input: { name: "Beto" } })).createClient.id;
    const bTicket = (await b.agent.client.ok(CreateTicketDocument, { input: { clientId: bClient, channel: "EMAIL", message: "preciso de ajuda com a fatura" } })).createTicket.id;
    expect((await b.supervisor.client.fail(AssignTicketDocument, { ticketId: bTicket, teamId: financeiro })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "teamId" });
    expect((await b.supervisor.client.fail(AddLabelsDocument, { input: { ticketId: bTicket, labelIds: [vip] } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "labelIds.0" });
  });
});
