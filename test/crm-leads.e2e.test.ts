import { describe, expect, it } from "vitest";
import {
  ApproveDataSubjectRequestDocument, ConvertLeadDocument, CreateClientDocument, CreateLeadDocument, DataAccessLogsDocument, DataSubjectRequestsDocument, ExportClientDataDocument,
  GetLeadDocument, LeadsDocument, MoveLeadDocument, OnLeadUpdatedDocument, PipelineAnalyticsDocument, PipelineDocument, RequestDataSubjectActionDocument, SetPipelineDocument,
  SendVisitorMessageDocument, UpdateLeadDocument, UpdateTenantSettingsDocument, type LeadInput, type PipelineInput,
} from "./generated/graphql";
import { createWebChat, startVisitor } from "./support/visitor";
import { waitFor } from "./support/webhooks";
import { Subscription, wsClient } from "./support/gql";
import { pollUntil } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

/** A solar company's pipeline: qualified when the bill is R$ 300 or more and the city is known. */
const SOLAR: PipelineInput = {
  qualificationFields: [
    { key: "contaMensal", label: "Valor da conta de energia", type: "MONEY", keywords: ["conta de luz", "conta de energia"], documentField: "UTILITY_BILL.totalAmount" },
    { key: "cidade", label: "Cidade", type: "CITY" },
    { key: "tipoImovel", label: "Tipo de imóvel", type: "CHOICE", options: ["casa", "apartamento", "comercial"] },
  ],
  criteria: [{ field: "contaMensal", op: "GTE", value: 300 }, { field: "cidade", op: "PRESENT" }],
};

run("CRM: pipeline and leads", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    await a.admin.client.ok(SetPipelineDocument, { input: SOLAR });
  });

  const stageId = async (t: TestTenant, name: string) => (await t.agent.client.ok(PipelineDocument)).pipeline.stages.find((s) => s.name === name)!.id;

  it("starts every tenant with novo → qualificado → proposta → ganho/perdido, and validates the configuration", async () => {
    const p = (await b.agent.client.ok(PipelineDocument)).pipeline;
    expect(p.stages.map((s) => [s.name, s.kind])).toEqual([["Novo", "OPEN"], ["Qualificado", "OPEN"], ["Proposta", "OPEN"], ["Ganho", "WON"], ["Perdido", "LOST"]]);
    expect(p).toMatchObject({ qualifiedStage: { name: "Qualificado" }, qualificationFields: [], criteria: [], leadsFromConversations: false });
    const bad = async (input: PipelineInput) => (await a.admin.client.fail(SetPipelineDocument, { input })).extensions;
    expect(await bad({ qualificationFields: [{ key: "Conta Mensal", label: "x", type: "MONEY" }] })).toMatchObject({ code: "BAD_USER_INPUT", field: "qualificationFields.0.key" });
    expect(await bad({ qualificationFields: [{ key: "tipo", label: "Tipo", type: "CHOICE" }] })).toMatchObject({ field: "qualificationFields.0.options" });
    expect(await bad({ qualificationFields: [{ key: "x", label: "X", type: "MONEY", documentField: "UTILITY_BILL.salario" }] })).toMatchObject({ field: "qualificationFields.0.documentField" });
    expect(await bad({ criteria: [{ field: "renda", op: "GTE", value: 1 }] })).toMatchObject({ field: "criteria.0.field" });
    expect(await bad({ criteria: [{ field: "cidade", op: "GTE", value: 1 }] })).toMatchObject({ field: "criteria.0.op" });
    expect(await bad({ stages: [{ name: "Novo" }, { name: "novo" }, { name: "Ganho", kind: "WON" }] })).toMatchObject({ field: "stages.1.name" });
    expect(await bad({ stages: [{ name: "Novo" }] })).toMatchObject({ field: "stages" });
    expect((await a.agent.client.fail(SetPipelineDocument, { input: SOLAR })).extensions?.code).toBe("FORBIDDEN");
  });

  it("qualifies a lead when its answers meet the criteria, keeps its history, and converts it into a new client", async () => {
    const ws = wsClient(server.url, { Authorization: `Bearer ${a.agent.token}` });
    const wsB = wsClient(server.url, { Authorization: `Bearer ${b.agent.token}` });
    const sub = new Subscription(ws, OnLeadUpdatedDocument);
    const subB = new Subscription(wsB, OnLeadUpdatedDocument);
    try {
      await Promise.all([sub.ready, subB.ready]);
      const lead = (await a.agent.client.ok(CreateLeadDocument, { input: { name: "Marcos Solar", phone: "(19) 99876-1234", email: "marcos@exemplo.com.br", source: "CAMPAIGN", campaign: "Feira 2025", value: 28_000, ownerId: a.agent.id, qualification: { contaMensal: "250,00" } } })).createLead;
      expect(lead).toMatchObject({ stage: { name: "Novo" }, phone: "+5519998761234", qualification: { contaMensal: 250 }, qualifiedAt: null, owner: { id: a.agent.id }, source: "CAMPAIGN" });
      expect((await sub.next(5_000)).leadUpdated).toMatchObject({ id: lead.id, stage: { name: "Novo" } });

      // A higher bill and the city: the criteria hold, the lead moves on its own.
      const q = (await a.agent.client.ok(UpdateLeadDocument, { id: lead.id, input: { qualification: { contaMensal: 480, cidade: "Campinas/SP", tipoImovel: "Casa" }, notes: "Quer visita na sexta.\nTem telhado novo." } })).updateLead;
      expect(q).toMatchObject({ stage: { name: "Qualificado" }, qualification: { contaMensal: 480, cidade: "Campinas/SP", tipoImovel: "casa" }, notes: "Quer visita na sexta.\nTem telhado novo." });
      expect(q.qualifiedAt).not.toBeNull();
      expect(q.qualificationSources.contaMensal.source).toBe("manual");
      expect((await sub.next(5_000)).leadUpdated).toMatchObject({ id: lead.id, stage: { name: "Qualificado" } });

      await a.agent.client.ok(MoveLeadDocument, { id: lead.id, stageId: await stageId(a, "Proposta") });
      const client = (await a.agent.client.ok(ConvertLeadDocument, { id: lead.id })).convertLead;
      expect(client).toMatchObject({ name: "Marcos Solar", email: "marcos@exemplo.com.br", phone: "+5519998761234" });
      const after = (await a.agent.client.ok(GetLeadDocument, { id: lead.id })).lead;
      expect(after).toMatchObject({ stage: { name: "Ganho" }, client: { id: client.id }, qualification: { contaMensal: 480 }, notes: "Quer visita na sexta.\nTem telhado novo." });
      expect(after.convertedAt).not.toBeNull();
      expect(after.history.map((h) => [h.kind, h.toStage?.name ?? null])).toEqual([
        ["CREATED", "Novo"], ["UPDATED", null], ["QUALIFIED", null], ["STAGE_CHANGED", "Qualificado"], ["STAGE_CHANGED", "Proposta"], ["STAGE_CHANGED", "Ganho"], ["CONVERTED", null],
      ]);
      expect(after.history.every((h) => h.actor?.id === a.agent.id)).toBe(true);
      expect(after.history.find((h) => h.kind === "CONVERTED")!.detail).toEqual({ clientId: client.id, createdClient: true });
      expect(JSON.stringify(after.history)).not.toContain("Campinas");
      expect((await a.agent.client.fail(ConvertLeadDocument, { id: lead.id })).extensions?.code).toBe("CONFLICT");
      // Tenant B's console saw nothing.
      expect(await subB.none(300)).toEqual([]);
    } finally {
      sub.close();
      subB.close();
      await ws.dispose();
      await wsB.dispose();
    }
  });

  it("converting links the client that already has the lead's e-mail instead of duplicating it, filling what it lacks", async () => {
    const existing = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Joana Já Cliente", email: "joana@exemplo.com.br" } })).createClient;
    const lead = (await a.agent.client.ok(CreateLeadDocument, { input: { name: "Joana", email: "JOANA@exemplo.com.br", phone: "(11) 95555-0001" } })).createLead;
    const client = (await a.agent.client.ok(ConvertLeadDocument, { id: lead.id })).convertLead;
    expect(client).toMatchObject({ id: existing.id, name: "Joana Já Cliente", phone: "+5511955550001" });
  });

  it("validates leads and keeps tenants apart", async () => {
    const bad = async (input: LeadInput) => (await a.agent.client.fail(CreateLeadDocument, { input })).extensions;
    expect(await bad({ notes: "sem nome" })).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(await bad({ name: "X", qualification: { renda: 1 } })).toMatchObject({ field: "qualification.renda" });
    expect(await bad({ name: "X", qualification: { tipoImovel: "castelo" } })).toMatchObject({ field: "qualification.tipoImovel" });
    expect(await bad({ name: "X", phone: "123" })).toMatchObject({ field: "phone" });
    expect(await bad({ name: "X", ownerId: b.agent.id })).toMatchObject({ field: "ownerId" });
    expect(await bad({ name: "X", stageId: await stageId(b, "Novo") })).toMatchObject({ field: "stageId" });
    expect(await bad({ name: "X", value: -5 })).toMatchObject({ field: "value" });
    const lead = (await a.agent.client.ok(CreateLeadDocument, { input: { name: "Isolada" } })).createLead;
    for (const op of [() => b.agent.client.fail(GetLeadDocument, { id: lead.id }), () => b.agent.client.fail(UpdateLeadDocument, { id: lead.id, input: { notes: "x" } }), () => b.agent.client.fail(ConvertLeadDocument, { id: lead.id }), () => b.agent.client.fail(MoveLeadDocument, { id: lead.id, stageId: lead.stage.id })]) {
      expect((await op()).extensions?.code).toBe("NOT_FOUND");
    }
    expect((await b.agent.client.ok(LeadsDocument, {})).leads.edges.map((e) => e.node.id)).not.toContain(lead.id);
    // Reading a lead's personal data is in the access log.
    await a.supervisor.client.ok(GetLeadDocument, { id: lead.id });
    const logs = (await a.admin.client.ok(DataAccessLogsDocument, { first: 20 })).dataAccessLogs;
    expect(logs.find((l) => l.resource === `Lead:${lead.id}`)).toMatchObject({ action: "lead.read", actor: { id: a.supervisor.id } });
  });

  it("lists leads by keyset pages and filters; reports count, value, conversion and time by stage", async () => {
    const t = b;
    await t.admin.client.ok(SetPipelineDocument, { input: SOLAR });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.agent.client.ok(CreateLeadDocument, { input: { name: `Lead ${i}`, value: 1000 * (i + 1), qualification: i < 2 ? { contaMensal: 500, cidade: "Recife/PE" } : {} } })).createLead.id);
    await t.agent.client.ok(MoveLeadDocument, { id: ids[4]!, stageId: await stageId(t, "Perdido") });
    await t.agent.client.ok(ConvertLeadDocument, { id: ids[0]! });
    const page1 = (await t.agent.client.ok(LeadsDocument, { first: 2 })).leads;
    expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const page2 = (await t.agent.client.ok(LeadsDocument, { first: 2, after: page1.pageInfo.endCursor })).leads;
    const page3 = (await t.agent.client.ok(LeadsDocument, { first: 2, after: page2.pageInfo.endCursor })).leads;
    expect([...page1.edges, ...page2.edges, ...page3.edges].map((e) => e.node.id)).toEqual([...ids].reverse());
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect((await t.agent.client.ok(LeadsDocument, { filter: { qualified: true } })).leads.totalCount).toBe(2);
    expect((await t.agent.client.ok(LeadsDocument, { filter: { stageId: await stageId(t, "Novo") } })).leads.edges.map((e) => e.node.name).sort()).toEqual(["Lead 2", "Lead 3"]);
    expect((await t.agent.client.ok(LeadsDocument, { filter: { search: "lead 3" } })).leads.edges.map((e) => e.node.id)).toEqual([ids[3]]);
    expect((await t.agent.client.ok(LeadsDocument, { filter: { converted: true } })).leads.edges.map((e) => e.node.id)).toEqual([ids[0]]);

    const an = (await t.supervisor.client.ok(PipelineAnalyticsDocument, {})).pipelineAnalytics;
    expect(an).toMatchObject({ total: 5, converted: 1, conversionRate: 0.2, won: 1, lost: 1, winRate: 0.5 });
    const by = Object.fromEntries(an.byStage.map((s) => [s.stage.name, s]));
    expect(by.Novo).toMatchObject({ count: 2, value: 7000 });
    expect(by.Qualificado).toMatchObject({ count: 1, value: 2000 });
    expect(by.Ganho).toMatchObject({ count: 1, value: 1000 });
    expect(by.Perdido).toMatchObject({ count: 1, value: 5000 });
    expect(by.Proposta).toMatchObject({ count: 0, avgHoursInStage: null });
    expect(by.Novo!.avgHoursInStage).toBeGreaterThanOrEqual(0);
    const empty = (await t.supervisor.client.ok(PipelineAnalyticsDocument, { period: { from: "2020-01-01T00:00:00Z", to: "2020-12-31T00:00:00Z" } })).pipelineAnalytics;
    expect(empty).toMatchObject({ total: 0, conversionRate: 0 });
    // A stage that still has leads cannot be removed.
    const p = (await t.admin.client.ok(PipelineDocument)).pipeline;
    const err = await t.admin.client.fail(SetPipelineDocument, { input: { stages: p.stages.filter((s) => s.name !== "Perdido").map((s) => ({ id: s.id, name: s.name, kind: s.kind })) } });
    expect(err.extensions).toMatchObject({ code: "CONFLICT", field: "stages" });
  });

  it("a web chat visitor starts as a lead (tenant setting) and what they write qualifies it", async () => {
    await a.admin.client.ok(SetPipelineDocument, { input: { leadsFromConversations: true } });
    try {
      const chat = await createWebChat(a);
      const visitor = await startVisitor(server, chat.publicKey, { name: "Visitante do Site", email: "visitante@exemplo.com.br" });
      const lead = await waitFor(async () => (await a.agent.client.ok(LeadsDocument, { filter: { source: "WEB_CHAT", search: "Visitante do Site" } })).leads.edges[0]?.node, 15_000, "web chat lead");
      expect(lead.stage.name).toBe("Novo");
      await visitor.client.ok(SendVisitorMessageDocument, { text: "Moro em Recife e minha conta de luz vem R$ 620 por mês." });
      const q = await waitFor(async () => {
        const l = (await a.agent.client.ok(GetLeadDocument, { id: lead.id })).lead;
        return l.qualifiedAt ? l : null;
      }, 15_000, "qualified from the web chat");
      expect(q).toMatchObject({ stage: { name: "Qualificado" }, qualification: { contaMensal: 620, cidade: "Recife/PE" }, email: "visitante@exemplo.com.br" });
      expect(q.client).not.toBeNull();
    } finally {
      await a.admin.client.ok(SetPipelineDocument, { input: { leadsFromConversations: false } });
    }
  });

  it("a client's leads are exported and anonymised with the client (LGPD)", async () => {
    const clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Apagável Lead", phone: "(21) 97777-0000" } })).createClient.id;
    const lead = (await a.agent.client.ok(CreateLeadDocument, { input: { name: "Apagável Lead", phone: "(21) 97777-0000", clientId, notes: "mora na Rua Sigilosa 10", qualification: { cidade: "Niterói/RJ" } } })).createLead;
    const exported = (await a.admin.client.ok(ExportClientDataDocument, { clientId })).exportClientData;
    expect(exported.data.crm.leads).toEqual([expect.objectContaining({ id: lead.id, notes: "mora na Rua Sigilosa 10", qualification: { cidade: "Niterói/RJ" } })]);
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 0 } });
    try {
      const r = (await a.agent.client.ok(RequestDataSubjectActionDocument, { input: { clientId, type: "DELETION" } })).requestDataSubjectAction;
      await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: r.id });
      await pollUntil(async () => (await a.admin.client.ok(DataSubjectRequestsDocument, { status: "COMPLETED" })).dataSubjectRequests.some((x) => x.id === r.id), 15_000);
    } finally {
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 15 } });
    }
    const [row] = await server.app.ds.query(`SELECT name, phone, notes, qualification, anonymized_at FROM leads WHERE id = $1`, [lead.id]);
    expect(row).toMatchObject({ name: "Titular removido", phone: null, notes: null, qualification: {} });
    expect(row.anonymized_at).not.toBeNull();
    expect((await a.agent.client.fail(GetLeadDocument, { id: lead.id })).extensions?.code).toBe("NOT_FOUND");
  });
});
