import { describe, expect, it } from "vitest";
import {
  AddTicketCommentDocument, CreateClientDocument, CreateTicketDocument, GetClientDocument, GetTicketDocument, ListTicketsDocument,
  TicketStatsDocument, UpdateTicketStatusDocument,
} from "./generated/graphql";
import { countQueries } from "./support/query-counter";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

run("tickets and triage", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let clientId: string;
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Maria Souza", phone: "(11) 98765-4321" } })).createClient.id;
  });

  const open = (t: TestTenant, message: string, channel: "WHATSAPP" | "EMAIL" | "WEB" | "PHONE" = "WHATSAPP", cid = clientId) =>
    t.agent.client.ok(CreateTicketDocument, { input: { clientId: cid, channel, message } }).then((r) => r.createTicket);

  it.each([
    ["preciso da segunda via do boleto deste mês", "second_copy_invoice"],
    ["oi, bom dia!", "greeting"],
    ["qual o status do meu pedido? ainda não chegou", "order_status"],
  ])("auto-resolves %j (%s) with the answer as a system comment", async (message, intent) => {
    const t = await open(a, message);
    expect(t.triage).toMatchObject({ intent, needsHuman: false, autoResolved: true, provider: "rules" });
    expect(t.status).toBe("RESOLVED");
    expect(t.comments).toHaveLength(1);
    expect(t.comments[0]).toMatchObject({ system: true, text: t.triage.response, author: null });
  });

  it.each([
    ["quero cancelar minha assinatura agora", "cancellation"],
    ["vou abrir reclamação no procon, péssimo atendimento", "complaint"],
    ["quero que apaguem todos os meus dados, LGPD", "privacy_request"],
    ["quero falar com um atendente humano", "human_request"],
    ["minha internet caiu e não volta desde ontem", "technical_issue"],
  ])("escalates %j (%s) with its priority and no automatic answer", async (message, intent) => {
    const t = await open(a, message, "EMAIL");
    expect(t.triage).toMatchObject({ intent, needsHuman: true, autoResolved: false });
    expect(t.status).toBe("ESCALATED");
    expect(t.priority).toBe(t.triage.priority);
    expect(t.comments).toHaveLength(0);
  });

  it("validates ticket input naming the field", async () => {
    const empty = await a.agent.client.fail(CreateTicketDocument, { input: { clientId, channel: "WEB", message: "   " } });
    expect(empty.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "message" });
    const otherTenantClient = (await b.agent.client.ok(CreateClientDocument, { input: { name: "Cliente de B" } })).createClient.id;
    const foreign = await a.agent.client.fail(CreateTicketDocument, { input: { clientId: otherTenantClient, channel: "WEB", message: "oi" } });
    expect(foreign.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
  });

  it("allows only valid status transitions and records each one", async () => {
    const t = await open(a, "meu roteador está com a luz vermelha piscando");
    expect(t.status).toBe("ESCALATED");
    const resolved = await a.agent.client.ok(UpdateTicketStatusDocument, { id: t.id, status: "RESOLVED" });
    expect(resolved.updateTicketStatus.status).toBe("RESOLVED");
    expect(resolved.updateTicketStatus.comments.at(-1)).toMatchObject({ system: true, text: "Status alterado de ESCALATED para RESOLVED." });
    await a.agent.client.ok(UpdateTicketStatusDocument, { id: t.id, status: "OPEN" }); // reopen
    await a.agent.client.ok(UpdateTicketStatusDocument, { id: t.id, status: "CLOSED" });
    for (const status of ["OPEN", "RESOLVED", "ESCALATED"] as const) {
      const err = await a.agent.client.fail(UpdateTicketStatusDocument, { id: t.id, status });
      expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    }
    const comment = await a.agent.client.fail(AddTicketCommentDocument, { ticketId: t.id, text: "mais uma" });
    expect(comment.extensions?.code).toBe("CONFLICT");
    // Integrators may open tickets but not change their status.
    expect((await a.integrator.fail(UpdateTicketStatusDocument, { id: t.id, status: "OPEN" })).extensions?.code).toBe("FORBIDDEN");
  });

  it("adds human comments with their author", async () => {
    const t = await open(a, "o técnico não apareceu na visita agendada");
    const c = await a.supervisor.client.ok(AddTicketCommentDocument, { ticketId: t.id, text: "Liguei para o cliente." });
    expect(c.addTicketComment).toMatchObject({ system: false, author: { id: a.supervisor.id } });
    const read = await a.agent.client.ok(GetTicketDocument, { id: t.id });
    expect(read.ticket!.comments.map((x) => x.text)).toContain("Liguei para o cliente.");
  });

  it("filters tickets and pages through them with stable cursors", async () => {
    const t = await createTenant(server);
    const c1 = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Um" } })).createClient.id;
    const c2 = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Dois" } })).createClient.id;
    for (let i = 0; i < 6; i++) await open(t, "segunda via da fatura por favor", "EMAIL", c1);
    for (let i = 0; i < 3; i++) await open(t, "quero cancelar o plano", "WHATSAPP", c2);
    const list = async (filter: object, first = 100) => (await t.agent.client.ok(ListTicketsDocument, { filter, first })).tickets;
    expect((await list({ clientId: c1 })).totalCount).toBe(6);
    expect((await list({ status: "ESCALATED" })).totalCount).toBe(3);
    expect((await list({ channel: "EMAIL", status: "RESOLVED" })).totalCount).toBe(6);
    expect((await list({ priority: "HIGH" })).edges.every((e) => e.node.priority === "HIGH")).toBe(true);
    expect((await list({ clientId: "not-a-uuid" })).totalCount).toBe(0);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page: Awaited<ReturnType<typeof list>> = (await t.agent.client.ok(ListTicketsDocument, { first: 4, after })).tickets;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const client = await t.agent.client.ok(GetClientDocument, { id: c2 });
    expect(client.client!.tickets.totalCount).toBe(3);
  });

  it("reports ticketStats for a period", async () => {
    const t = await createTenant(server);
    const c = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Stats" } })).createClient.id;
    await open(t, "boa tarde", "WEB", c);
    await open(t, "manda o boleto", "WHATSAPP", c);
    await open(t, "quero cancelar", "WHATSAPP", c);
    await open(t, "péssimo serviço, vou no procon", "EMAIL", c);
    const s = (await t.supervisor.client.ok(TicketStatsDocument, {})).ticketStats;
    expect(s).toMatchObject({ total: 4, autoResolved: 2, escalated: 2, autoResolutionRate: 0.5 });
    expect(s.byChannel).toEqual([{ key: "WHATSAPP", count: 2 }, { key: "EMAIL", count: 1 }, { key: "WEB", count: 1 }]);
    expect(s.byStatus).toEqual([{ key: "ESCALATED", count: 2 }, { key: "RESOLVED", count: 2 }]);
    const past = (await t.supervisor.client.ok(TicketStatsDocument, { period: { from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z" } })).ticketStats;
    expect(past).toMatchObject({ total: 0, autoResolutionRate: 0 });
    expect((await t.agent.client.fail(TicketStatsDocument, {})).extensions?.code).toBe("FORBIDDEN");
  });

  it("isolates tenants", async () => {
    const t = await open(a, "oi");
    const read = await b.admin.client.raw(GetTicketDocument, { id: t.id });
    expect(read.data?.ticket).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(UpdateTicketStatusDocument, { id: t.id, status: "CLOSED" })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(AddTicketCommentDocument, { ticketId: t.id, text: "x" })).extensions?.code).toBe("NOT_FOUND");
    const list = await b.admin.client.ok(ListTicketsDocument, { filter: { clientId } });
    expect(list.tickets.totalCount).toBe(0);
    const stats = await b.admin.client.ok(TicketStatsDocument, {});
    expect(stats.ticketStats.total).toBe(0);
  });

  it("lists 100 tickets with their clients, comments and client tickets in a constant number of queries", async () => {
    const t = await createTenant(server);
    const clients: string[] = [];
    for (let i = 0; i < 10; i++) clients.push((await t.agent.client.ok(CreateClientDocument, { input: { name: `C${i}` } })).createClient.id);
    for (let i = 0; i < 100; i++) await open(t, i % 2 ? "manda a segunda via" : "quero cancelar", "WEB", clients[i % 10]);
    const query = `{ tickets(first: 100) { totalCount edges { node { id client { id name tickets(first: 3) { totalCount edges { node { id } } } } comments { id text author { id } } assignee { id } } } } }`;
    const { result, count } = await countQueries(server.app.ds, () => t.agent.client.ok(query));
    expect(result.tickets.edges).toHaveLength(100);
    expect(result.tickets.edges[0].node.client.tickets.totalCount).toBe(10);
    // auth (1) + count + page + clients + comments + client tickets (ranked, rows, counts): independent of 100.
    expect(count).toBeLessThanOrEqual(10);
    const { count: count10 } = await countQueries(server.app.ds, () => t.agent.client.ok(query.replace("first: 100", "first: 10")));
    expect(count10).toBe(count);
  });
});
