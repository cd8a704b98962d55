import { afterAll, describe, expect, it } from "vitest";
import {
  AddTicketCommentDocument, ClaimHandoffDocument, CreateRoutingRuleDocument, CreateTeamDocument, CreateTicketDocument, CreateClientDocument, HelpdeskHandoffsDocument,
  OnSlaUpdatedDocument, TransferHandoffDocument, SendAgentMessageDocument, SetSlaPolicyDocument, SlaPoliciesDocument, UpdateTenantSettingsDocument, WorkTicketsDocument,
} from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import { createTenant, type TestTenant } from "./support/tenant";
import { openSocket } from "./support/ws";
import type { TestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;
const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
const TZ = "America/Sao_Paulo"; // UTC-3 all year (no daylight saving since 2019)

const localDate = (d: Date) => d.toLocaleDateString("en-CA", { timeZone: TZ });
const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
const nextWeekday = (date: string) => {
  let d = nextDay(date);
  while (!isWeekday(d)) d = nextDay(d);
  return d;
};

/**
 * A calendar that makes today's due dates cross a holiday and a weekend whatever day the
 * suite runs: Monday–Friday 09–18, closed today and on the next three weekdays (four
 * consecutive working days always span a weekend). D1 is the first open day, D2 the next.
 */
function calendar() {
  const today = localDate(new Date());
  const holidays = [today];
  while (holidays.length < 4) holidays.push(nextWeekday(holidays.at(-1)!));
  const d1 = nextWeekday(holidays.at(-1)!);
  return { holidays, d1, d2: nextWeekday(d1), businessHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "18:00" })) };
}

type SlaEv = { slaUpdated: { kind: string; target: string; dueAt: string; handoff: { id: string; firstResponseBreachedAt: string | null; resolutionBreachedAt: string | null } | null; ticket: { id: string } | null } };

run("help desk: SLA policies, due dates in business minutes, warnings and breaches", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  const cal = calendar();
  const sockets: Array<{ dispose(): void | Promise<void> }> = [];
  const live = (token: string) => {
    const c = wsClient(server.url, { Authorization: `Bearer ${token}` });
    sockets.push(c);
    return new Subscription<SlaEv>(c, OnSlaUpdatedDocument);
  };
  /** Events of `sub` until one about `id` with `kind`/`target` arrives. */
  const eventFor = async (sub: Subscription<SlaEv>, id: string, kind: string, target: string) => {
    for (;;) {
      const e = (await sub.next()).slaUpdated;
      if ((e.handoff?.id === id || e.ticket?.id === id) && e.kind === kind && e.target === target) return e;
    }
  };

  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { timezone: TZ, businessHours: cal.businessHours, holidays: cal.holidays } });
    for (const priority of PRIORITIES) await a.supervisor.client.ok(SetSlaPolicyDocument, { input: { priority, firstResponseMinutes: 60, resolutionMinutes: 600, warnBeforeMinutes: 15 } });
  });
  afterAll(async () => {
    for (const c of sockets) await c.dispose();
  });

  it("sets policies per priority (one per priority and team, replaced on set) and validates them", async () => {
    const again = (await a.supervisor.client.ok(SetSlaPolicyDocument, { input: { priority: "LOW", firstResponseMinutes: 60, resolutionMinutes: 600 } })).setSlaPolicy;
    const list = (await a.agent.client.ok(SlaPoliciesDocument)).slaPolicies;
    expect(list.filter((p) => p.priority === "LOW")).toEqual([{ id: again.id, priority: "LOW", firstResponseMinutes: 60, resolutionMinutes: 600, team: null }]);
    expect((await a.supervisor.client.fail(SetSlaPolicyDocument, { input: { priority: "LOW", firstResponseMinutes: 120, resolutionMinutes: 60 } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "resolutionMinutes" });
    expect((await a.supervisor.client.fail(SetSlaPolicyDocument, { input: { priority: "LOW", firstResponseMinutes: 0, resolutionMinutes: 60 } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "firstResponseMinutes" });
    expect((await a.agent.client.fail(SetSlaPolicyDocument, { input: { priority: "LOW", firstResponseMinutes: 1, resolutionMinutes: 2 } })).extensions?.code).toBe("FORBIDDEN");
    expect((await b.supervisor.client.ok(SlaPoliciesDocument)).slaPolicies).toEqual([]);
  });

  it("gives handoffs and tickets due dates that skip closed hours, the weekend and holidays; a team's policy wins", async () => {
    const { sessionId } = await openSession(a.agent.client);
    const h = (await say(a.integrator, sessionId, "quero falar com um atendente")).handoff!;
    const handoff = (await a.supervisor.client.ok(HelpdeskHandoffsDocument, {})).handoffs.edges.find((e) => e.node.id === h.id)!.node;
    // 60 business minutes from a closed day: D1 09:00 + 60 = 10:00 local (13:00 UTC).
    expect(handoff.firstResponseDueAt).toBe(`${cal.d1}T13:00:00.000Z`);
    // 600: the whole of D1 (540) and 60 of D2.
    expect(handoff.resolutionDueAt).toBe(`${cal.d2}T13:00:00.000Z`);

    const client = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Talita Prazo" } })).createClient.id;
    const ticket = (await a.agent.client.ok(CreateTicketDocument, { input: { clientId: client, channel: "EMAIL", message: "quero falar com um atendente humano" } })).createTicket;
    expect(ticket.status).toBe("ESCALATED");
    const t = (await a.agent.client.ok(WorkTicketsDocument, { filter: { clientId: client } })).tickets.edges[0]!.node;
    expect(t).toMatchObject({ firstResponseDueAt: `${cal.d1}T13:00:00.000Z`, resolutionDueAt: `${cal.d2}T13:00:00.000Z`, firstResponseAt: null });
    // The first comment of an agent is the ticket's first response.
    await a.agent.client.ok(AddTicketCommentDocument, { ticketId: t.id, text: "Olá, já estamos vendo." });
    expect((await a.agent.client.ok(WorkTicketsDocument, { filter: { clientId: client } })).tickets.edges[0]!.node.firstResponseAt).not.toBeNull();

    const team = (await a.supervisor.client.ok(CreateTeamDocument, { input: { name: "Estornos" } })).createTeam.id;
    await a.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { keywords: ["estorno"] }, teamId: team } });
    await a.supervisor.client.ok(SetSlaPolicyDocument, { input: { priority: "MEDIUM", teamId: team, firstResponseMinutes: 30, resolutionMinutes: 60 } });
    const other = await openSession(a.agent.client);
    const ht = (await say(a.integrator, other.sessionId, "quero falar com um atendente sobre o estorno")).handoff!;
    const routed = (await a.supervisor.client.ok(HelpdeskHandoffsDocument, { filter: { teamId: team } })).handoffs.edges[0]!.node;
    expect(routed).toMatchObject({ id: ht.id, priority: "MEDIUM", firstResponseDueAt: `${cal.d1}T12:30:00.000Z`, resolutionDueAt: `${cal.d1}T13:00:00.000Z` });
    // Transferred to the team, a handoff takes the team's targets (counted from its opening).
    const moved = (await a.supervisor.client.ok(TransferHandoffDocument, { input: { handoffId: h.id, toTeamId: team } })).transferHandoff;
    expect(moved).toMatchObject({ firstResponseDueAt: `${cal.d1}T12:30:00.000Z`, resolutionDueAt: `${cal.d1}T13:00:00.000Z` });
  });

  it("raises a warning before the target and a breach after it over slaUpdated (supervisors only, per tenant); answered handoffs do not breach", async () => {
    const agentSocket = await openSocket(server.url);
    await agentSocket.init(a.agent.token);
    const refused = await agentSocket.op(`subscription { slaUpdated { kind } }`);
    expect(refused.payload.errors?.[0]?.extensions?.code ?? refused.payload[0]?.extensions?.code).toBe("FORBIDDEN");
    agentSocket.close();

    const supervisor = live(a.supervisor.token);
    const otherTenant = live(b.supervisor.token);
    await Promise.all([supervisor.ready, otherTenant.ready]);
    const late = await openSession(a.agent.client);
    const h = (await say(a.integrator, late.sessionId, "quero falar com um atendente")).handoff!;
    const answered = await openSession(a.agent.client);
    const h2 = (await say(a.integrator, answered.sessionId, "quero falar com um atendente")).handoff!;
    await a.agent.client.ok(ClaimHandoffDocument, { id: h2.id });
    await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: answered.sessionId, text: "Oi! Sou o Alex, vou te ajudar." } });

    const client = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Túlio Atraso" } })).createClient.id;
    const ticket = (await a.agent.client.ok(CreateTicketDocument, { input: { clientId: client, channel: "EMAIL", message: "quero falar com um atendente humano" } })).createTicket.id;

    const due = Date.parse(`${cal.d1}T13:00:00.000Z`);
    // The clock is injected: ten minutes before the first-response target…
    const warn = await server.app.services.sla.sweep(new Date(due - 10 * 60_000));
    expect(warn.warnings).toBeGreaterThanOrEqual(1);
    expect(await eventFor(supervisor, h.id, "WARNING", "FIRST_RESPONSE")).toMatchObject({ dueAt: new Date(due).toISOString(), handoff: { firstResponseBreachedAt: null } });
    // …and one minute after it.
    await server.app.services.sla.sweep(new Date(due + 60_000));
    const breach = await eventFor(supervisor, h.id, "BREACH", "FIRST_RESPONSE");
    expect(breach.handoff!.firstResponseBreachedAt).toBe(new Date(due).toISOString());
    expect(await eventFor(supervisor, ticket, "BREACH", "FIRST_RESPONSE")).toMatchObject({ handoff: null, ticket: { id: ticket } });
    const breachedTicket = await server.app.ds.query(`SELECT first_response_breached_at, first_response_warned_at FROM tickets WHERE id = $1`, [ticket]);
    expect(new Date(breachedTicket[0].first_response_breached_at).toISOString()).toBe(new Date(due).toISOString());
    expect(breachedTicket[0].first_response_warned_at).not.toBeNull();
    // Marks are set once: the same sweep again raises nothing.
    expect(await server.app.services.sla.sweep(new Date(due + 60_000))).toEqual({ warnings: 0, breaches: 0 });

    const rows = (await a.supervisor.client.ok(HelpdeskHandoffsDocument, {})).handoffs.edges.map((e) => e.node);
    expect(rows.find((x) => x.id === h2.id)).toMatchObject({ firstResponseBreachedAt: null });
    expect(rows.find((x) => x.id === h2.id)!.firstResponseAt).not.toBeNull();
    // Resolution: breached after D2 10:00 local.
    await server.app.services.sla.sweep(new Date(Date.parse(`${cal.d2}T13:01:00.000Z`)));
    expect((await eventFor(supervisor, h.id, "BREACH", "RESOLUTION")).handoff!.resolutionBreachedAt).toBe(`${cal.d2}T13:00:00.000Z`);
    const seen = (await otherTenant.none(200)).map((e) => e.slaUpdated.handoff?.id ?? e.slaUpdated.ticket?.id);
    expect(seen).toEqual([]);
    supervisor.close();
    otherTenant.close();
  });

  it("pauses the resolution clock while the customer is awaited and pushes it by the time waited", async () => {
    const t = await createTenant(server);
    // No business hours: every minute counts, so the push equals the wait.
    await t.supervisor.client.ok(SetSlaPolicyDocument, { input: { priority: "MEDIUM", firstResponseMinutes: 60, resolutionMinutes: 120, pauseWhileWaitingCustomer: true } });
    const supervisor = live(t.supervisor.token);
    await supervisor.ready;
    const { sessionId } = await openSession(t.agent.client);
    const h = (await say(t.integrator, sessionId, "quero falar com um atendente")).handoff!;
    await t.agent.client.ok(ClaimHandoffDocument, { id: h.id });
    await t.agent.client.ok(SendAgentMessageDocument, { input: { sessionId, text: "Pode me mandar o número do pedido?" } });
    const read = async () => (await server.app.ds.query(`SELECT resolution_due_at, sla_paused_at, first_response_at FROM handoffs WHERE id = $1`, [h.id]))[0];
    const paused = await read();
    expect(paused.sla_paused_at).not.toBeNull();
    expect(paused.first_response_at).not.toBeNull();
    const due = new Date(paused.resolution_due_at).getTime();

    // While paused, even a sweep past the target breaches nothing.
    await server.app.services.sla.sweep(new Date(due + 60_000));
    expect((await read()).resolution_due_at).toEqual(paused.resolution_due_at);
    expect((await server.app.ds.query(`SELECT resolution_breached_at FROM handoffs WHERE id = $1`, [h.id]))[0].resolution_breached_at).toBeNull();

    // The customer was awaited for an hour, then answers: the target moves an hour later.
    await server.app.ds.query(`UPDATE handoffs SET sla_paused_at = sla_paused_at - interval '60 minutes' WHERE id = $1`, [h.id]);
    await say(t.integrator, sessionId, "o pedido é 12345");
    const resumed = await read();
    expect(resumed.sla_paused_at).toBeNull();
    const pushedMinutes = (new Date(resumed.resolution_due_at).getTime() - due) / 60_000;
    expect(pushedMinutes).toBeGreaterThanOrEqual(60);
    expect(pushedMinutes).toBeLessThan(61);
    await server.app.services.sla.sweep(new Date(new Date(resumed.resolution_due_at).getTime() + 60_000));
    expect(await eventFor(supervisor, h.id, "BREACH", "RESOLUTION")).toMatchObject({ dueAt: new Date(resumed.resolution_due_at).toISOString() });
    supervisor.close();
  });
});
