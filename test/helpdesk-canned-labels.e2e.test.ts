import { describe, expect, it } from "vitest";
import {
  AddLabelsDocument, CannedRepliesDocument, ClaimHandoffDocument, CreateCannedReplyDocument, CreateClientDocument, CreateLabelDocument, CreateRoutingRuleDocument,
  CreateTeamDocument, CreateTicketDocument, DeleteCannedReplyDocument, HelpdeskHandoffsDocument, LabelledClientsDocument, LabelledSessionsDocument, LabelsDocument,
  RemoveLabelsDocument, RequestHandoffDocument, UpdateLabelDocument, DeleteLabelDocument, SendAgentMessageDocument, StartSessionDocument, TeamQueueDocument, UpdateCannedReplyDocument, WorkTicketsDocument,
} from "./generated/graphql";
import { openSession } from "./support/conversation";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import { countQueries } from "./support/query-counter";
import type { TestTenant } from "./support/tenant";
import type { TestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;

run("help desk: canned replies and labels", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  /** A conversation of a named client, handed to a person and claimed by A's agent. */
  async function claimedConversation(name: string) {
    const clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name } })).createClient.id;
    const sessionId = (await a.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } })).startSession.id;
    const handoff = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "dúvida" } })).requestHandoff.id;
    await a.agent.client.ok(ClaimHandoffDocument, { id: handoff });
    return { clientId, sessionId, handoff };
  }

  it("keeps tenant-wide and personal canned replies, searchable by shortcut and text, with only known variables", async () => {
    const body = "Olá {{cliente.nome}}, aqui é {{ atendente.nome }} da {{empresa.nome}}. Seu protocolo é {{protocolo}}. Segue a segunda via do boleto.";
    const boleto = (await a.supervisor.client.ok(CreateCannedReplyDocument, { input: { shortcut: "/Boleto", title: "Segunda via", body } })).createCannedReply;
    expect(boleto).toMatchObject({ shortcut: "/boleto", personal: false });
    const mine = (await a.agent.client.ok(CreateCannedReplyDocument, { input: { shortcut: "pix", title: "Chave Pix", body: "Nossa chave Pix é o CNPJ.", personal: true } })).createCannedReply;
    expect(mine).toMatchObject({ shortcut: "/pix", personal: true });

    // Agents write only their own; unknown variables and repeated shortcuts are refused.
    expect((await a.agent.client.fail(CreateCannedReplyDocument, { input: { shortcut: "/x", title: "x", body: "x" } })).extensions?.code).toBe("FORBIDDEN");
    const unknown = await a.supervisor.client.fail(CreateCannedReplyDocument, { input: { shortcut: "/y", title: "y", body: "Oi {{cliente.cpf}}" } });
    expect(unknown.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "body" });
    expect(unknown.message).toContain("{{cliente.cpf}}");
    expect((await a.supervisor.client.fail(CreateCannedReplyDocument, { input: { shortcut: "/boleto", title: "z", body: "z" } })).extensions).toMatchObject({ code: "CONFLICT", field: "shortcut" });
    expect((await a.supervisor.client.fail(CreateCannedReplyDocument, { input: { shortcut: "/com espaço", title: "z", body: "z" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "shortcut" });

    const search = async (client: TestTenant["agent"]["client"], s?: string) => (await client.ok(CannedRepliesDocument, { search: s })).cannedReplies.map((c) => c.shortcut);
    expect(await search(a.agent.client)).toEqual(["/boleto", "/pix"]);
    expect(await search(a.agent.client, "/bol")).toEqual(["/boleto"]);
    expect(await search(a.agent.client, "segunda via")).toEqual(["/boleto"]);
    expect(await search(a.agent.client, "chave")).toEqual(["/pix"]);
    expect(await search(a.agent2.client)).toEqual(["/boleto"]);
    expect(await search(b.agent.client)).toEqual([]);

    // Personal replies are their owner's; tenant-wide ones are the supervisors'.
    expect((await a.agent2.client.fail(UpdateCannedReplyDocument, { id: mine.id, input: { shortcut: "/pix", title: "t", body: "b", personal: true } })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.agent.client.fail(DeleteCannedReplyDocument, { id: boleto.id })).extensions?.code).toBe("FORBIDDEN");
    expect((await b.supervisor.client.fail(DeleteCannedReplyDocument, { id: boleto.id })).extensions?.code).toBe("NOT_FOUND");
    const edited = (await a.agent.client.ok(UpdateCannedReplyDocument, { id: mine.id, input: { shortcut: "/pix", title: "Chave Pix", body: "A chave Pix da {{empresa.nome}} é o nosso CNPJ.", personal: true } })).updateCannedReply;
    expect(edited.body).toContain("{{empresa.nome}}");
  });

  it("renders a canned reply server-side with the conversation's variables when sent", async () => {
    const reply = (await a.supervisor.client.ok(CreateCannedReplyDocument, { input: { shortcut: "/ola", title: "Saudação", body: "Olá {{cliente.nome}}, aqui é {{atendente.nome}} da {{empresa.nome}}. Protocolo {{protocolo}}." } })).createCannedReply;
    const { sessionId } = await claimedConversation("Maria Silva");
    const sent = (await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId, cannedReplyId: reply.id } })).sendAgentMessage;
    expect(sent.text).toMatch(new RegExp(`^Olá Maria Silva, aqui é Alex Agente da ${a.name}\\. Protocolo \\d{8}-[0-9A-F]{8}\\.$`));
    expect(sent.text).toContain(sessionId.slice(0, 8).toUpperCase());
    expect(sent).toMatchObject({ sender: "AGENT", direction: "OUTBOUND" });
    // Either text or a canned reply; another tenant's (or unknown) reply is not found.
    expect((await a.agent.client.fail(SendAgentMessageDocument, { input: { sessionId, text: "oi", cannedReplyId: reply.id } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    const bReply = (await b.supervisor.client.ok(CreateCannedReplyDocument, { input: { shortcut: "/ola", title: "B", body: "Olá da B" } })).createCannedReply;
    expect((await a.agent.client.fail(SendAgentMessageDocument, { input: { sessionId, cannedReplyId: bReply.id } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "cannedReplyId" });
    // Another agent's personal reply cannot be sent either.
    const personal = (await a.agent2.client.ok(CreateCannedReplyDocument, { input: { shortcut: "/meu", title: "meu", body: "só meu", personal: true } })).createCannedReply;
    expect((await a.agent.client.fail(SendAgentMessageDocument, { input: { sessionId, cannedReplyId: personal.id } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "cannedReplyId" });
  });

  it("labels conversations, tickets and clients; lists filter by label; labels are loaded in batches", async () => {
    const vip = (await a.supervisor.client.ok(CreateLabelDocument, { input: { name: "VIP", color: "#FFAA00" } })).createLabel;
    expect(vip.color).toBe("#ffaa00");
    const late = (await a.supervisor.client.ok(CreateLabelDocument, { input: { name: "Atrasado" } })).createLabel;
    expect((await a.agent.client.fail(CreateLabelDocument, { input: { name: "X" } })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.supervisor.client.fail(CreateLabelDocument, { input: { name: "VIP" } })).extensions).toMatchObject({ code: "CONFLICT", field: "name" });
    expect((await a.supervisor.client.fail(CreateLabelDocument, { input: { name: "Y", color: "red" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "color" });

    const conv = await claimedConversation("Vitória VIP");
    const plain = await openSession(a.agent.client);
    const ticket = (await a.agent.client.ok(CreateTicketDocument, { input: { clientId: conv.clientId, channel: "WEB", message: "minha entrega atrasou" } })).createTicket.id;
    expect((await a.agent.client.ok(AddLabelsDocument, { input: { sessionId: conv.sessionId, labelIds: [vip.id, late.id] } })).addLabels.map((l) => l.name)).toEqual(["Atrasado", "VIP"]);
    await a.agent.client.ok(AddLabelsDocument, { input: { sessionId: conv.sessionId, labelIds: [vip.id] } }); // idempotent
    await a.agent.client.ok(AddLabelsDocument, { input: { ticketId: ticket, labelIds: [late.id] } });
    await a.integrator.ok(AddLabelsDocument, { input: { clientId: conv.clientId, labelIds: [vip.id] } });
    expect((await a.agent.client.fail(AddLabelsDocument, { input: { sessionId: conv.sessionId, clientId: conv.clientId, labelIds: [vip.id] } })).extensions?.code).toBe("BAD_USER_INPUT");

    const sessions = (await a.supervisor.client.ok(LabelledSessionsDocument, { filter: { labelId: vip.id } })).sessions;
    expect(sessions.edges.map((e) => e.node.id)).toEqual([conv.sessionId]);
    expect(sessions.edges[0]!.node.labels.map((l) => l.name)).toEqual(["Atrasado", "VIP"]);
    expect((await a.supervisor.client.ok(LabelledClientsDocument, { filter: { labelId: vip.id } })).clients.edges.map((e) => e.node.id)).toEqual([conv.clientId]);
    expect((await a.supervisor.client.ok(WorkTicketsDocument, { filter: { labelId: late.id } })).tickets.edges.map((e) => e.node.id)).toEqual([ticket]);
    const handoffs = (await a.supervisor.client.ok(HelpdeskHandoffsDocument, { filter: { labelId: vip.id } })).handoffs.edges.map((e) => e.node);
    expect(handoffs.map((h) => h.id)).toEqual([conv.handoff]);
    expect(handoffs[0]!.labels.map((l) => l.name)).toEqual(["Atrasado", "VIP"]);

    // Removing takes it off the lists.
    expect((await a.agent.client.ok(RemoveLabelsDocument, { input: { sessionId: conv.sessionId, labelIds: [vip.id] } })).removeLabels.map((l) => l.name)).toEqual(["Atrasado"]);
    expect((await a.supervisor.client.ok(LabelledSessionsDocument, { filter: { labelId: vip.id } })).sessions.totalCount).toBe(0);

    // Every session's labels in one query, however many sessions are listed.
    await a.agent.client.ok(AddLabelsDocument, { input: { sessionId: plain.sessionId, labelIds: [late.id] } });
    const counted = await countQueries(server.app.ds, () => a.supervisor.client.ok(LabelledSessionsDocument, {}));
    const labelQueries = counted.queries.filter((q) => q.includes("label_links"));
    expect(labelQueries.length).toBe(1);

    // Renamed and deleted: a deleted label comes off everything it was on.
    expect((await a.supervisor.client.ok(UpdateLabelDocument, { id: late.id, input: { name: "Em atraso", color: "#123456" } })).updateLabel).toMatchObject({ name: "Em atraso", color: "#123456" });
    expect((await b.supervisor.client.fail(DeleteLabelDocument, { id: late.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.supervisor.client.ok(DeleteLabelDocument, { id: late.id })).deleteLabel).toBe(true);
    expect((await a.supervisor.client.ok(WorkTicketsDocument, { filter: { clientId: conv.clientId } })).tickets.edges[0]!.node.labels).toEqual([]);
    expect(Number((await server.app.ds.query(`SELECT count(*) AS n FROM label_links WHERE label_id = $1`, [late.id]))[0].n)).toBe(0);

    // LGPD: a person's labels are exported with their data and erased with them.
    const area = server.app.services.personalData;
    const exported = await area.exportersInOrder().find((e) => e.name === "labels")!.export(server.app.ds.manager, a.id, conv.clientId);
    expect((exported.labels as Array<{ name: string; targetType: string }>).map((l) => `${l.targetType}:${l.name}`).sort()).toEqual(["CLIENT:VIP"]);
    await a.agent.client.ok(AddLabelsDocument, { input: { sessionId: conv.sessionId, labelIds: [vip.id] } });
    await area.erasersInOrder().find((e) => e.name === "labels")!.erase(server.app.ds.manager, b.id, conv.clientId, { tenantId: b.id, clientId: conv.clientId, requestId: "x", afterErase: [] });
    expect((await a.supervisor.client.ok(LabelledSessionsDocument, { filter: { labelId: vip.id } })).sessions.totalCount).toBe(1); // another tenant's erasure touches nothing
    await area.erasersInOrder().find((e) => e.name === "labels")!.erase(server.app.ds.manager, a.id, conv.clientId, { tenantId: a.id, clientId: conv.clientId, requestId: "x", afterErase: [] });
    expect((await a.supervisor.client.ok(LabelledSessionsDocument, { filter: { labelId: vip.id } })).sessions.totalCount).toBe(0);
    expect((await a.supervisor.client.ok(LabelledClientsDocument, { filter: { labelId: vip.id } })).clients.totalCount).toBe(0);

    // Tenant B sees none of it and cannot use A's ids.
    expect((await b.supervisor.client.ok(LabelsDocument)).labels).toEqual([]);
    expect((await b.agent.client.fail(AddLabelsDocument, { input: { sessionId: conv.sessionId, labelIds: [] } })).extensions?.code).toBe("NOT_FOUND");
    const bClient = (await b.agent.client.ok(CreateClientDocument, { input: { name: "Bia" } })).createClient.id;
    expect((await b.agent.client.fail(AddLabelsDocument, { input: { clientId: bClient, labelIds: [vip.id] } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "labelIds.0" });
    expect((await b.supervisor.client.ok(LabelledClientsDocument, { filter: { labelId: vip.id } })).clients.totalCount).toBe(0);
  });

  it("routes by label: a VIP client's conversation goes to the VIP team's queue", async () => {
    const label = (await a.supervisor.client.ok(CreateLabelDocument, { input: { name: "Premium" } })).createLabel.id;
    const team = (await a.supervisor.client.ok(CreateTeamDocument, { input: { name: "Premium" } })).createTeam.id;
    await a.supervisor.client.ok(CreateRoutingRuleDocument, { input: { match: { labelIds: [label] }, teamId: team } });
    const clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Paula Premium" } })).createClient.id;
    await a.agent.client.ok(AddLabelsDocument, { input: { clientId, labelIds: [label] } });
    const sessionId = (await a.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } })).startSession.id;
    const handoff = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "cliente premium" } })).requestHandoff.id;
    expect((await a.supervisor.client.ok(TeamQueueDocument, { teamId: team })).handoffQueue.map((h) => h.id)).toEqual([handoff]);
    // Agents outside the team do not see it in their queue.
    expect((await a.agent.client.ok(TeamQueueDocument, {})).handoffQueue.map((h) => h.id)).not.toContain(handoff);
    expect((await a.supervisor.client.ok(TeamQueueDocument, { labelId: label })).handoffQueue).toEqual([]);
  });
});
