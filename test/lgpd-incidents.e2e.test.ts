import { describe, expect, it } from "vitest";
import {
  AccessLogsWithAgentDocument, ApiKeysDocument, CreateClientDocument, CreateInboxDocument, ExportProcessingActivitiesDocument, ProcessingActivitiesDocument, RecordIncidentDocument,
  SecurityIncidentDocument, SecurityIncidentReportDocument, SecurityIncidentsDocument, UpdateIncidentDocument, UpdateProcessingActivityDocument, UpdateTenantSettingsDocument,
  type IncidentInput,
} from "./generated/graphql";
import { startFakeEvolution } from "./support/fake-whatsapp";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

run("LGPD: security incidents (Art. 48) and the record of processing (Art. 37)", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  const client = async (t: TestTenant, name: string, phone?: string) => (await t.admin.client.ok(CreateClientDocument, { input: { name, phone } })).createClient.id;
  const read = (t: TestTenant["agent"]["client"], id: string) => t.ok(`query($id: ID!) { client(id: $id) { name phone } }`, { id });

  it("computes the ANPD deadline across a weekend and lists the subjects the compromised accounts read", async () => {
    const windowFrom = new Date(Date.now() - 60_000).toISOString();
    const [c1, c2, c3, c4] = [await client(a, "Ana Vazada", "(11) 91234-0001"), await client(a, "Beto Vazado", "(11) 91234-0002"), await client(a, "Caio Listado"), await client(a, "Duda Intocada")];
    // The compromised agent reads c1 and c2 (c2 twice); the integrator key reads c2; the supervisor reads c4 (not compromised).
    await read(a.agent.client, c1);
    await read(a.agent.client, c2);
    await a.agent.client.ok(`query($id: ID!) { client(id: $id) { document } }`, { id: c2 });
    await a.integrator.ok(`query($id: ID!) { client(id: $id) { name } }`, { id: c2 });
    await read(a.supervisor.client, c4);
    const keyId = (await a.admin.client.ok(ApiKeysDocument)).apiKeys.find((k) => k.name === "ERP")!.id;

    // Aware on Friday 2025-03-14, 16:30 in São Paulo: due at the end of Wednesday 19 (3 business days).
    const input: IncidentInput = {
      title: "Credenciais de agente vazadas", description: "Senha do agente encontrada em um paste público; sessões revogadas.",
      awareAt: "2025-03-14T19:30:00Z", occurredAt: "2025-03-13T10:00:00Z", severity: "HIGH", dataCategories: ["nome", "telefone"],
      actorIds: [a.agent.id], clientIds: [c3], accessFrom: windowFrom, measures: "Senha trocada, 2FA obrigatório.",
    };
    const rec = (await a.admin.client.ok(RecordIncidentDocument, { input })).recordIncident;
    expect(rec).toMatchObject({ status: "OPEN", severity: "HIGH", notificationDueAt: "2025-03-20T02:59:59.999Z", overdue: true, affectedSubjectCount: 3 });
    const bySubject = Object.fromEntries(rec.affectedSubjects.map((s) => [s.clientId, s]));
    expect(bySubject[c1]).toMatchObject({ source: "ACCESS_LOG", accesses: 1, actions: ["client.read"], client: { name: "Ana Vazada" } });
    expect(bySubject[c2]).toMatchObject({ source: "ACCESS_LOG", accesses: 2, actions: ["client.read"] });
    expect(bySubject[c3]).toMatchObject({ source: "MANUAL", accesses: 0, actions: [] });
    expect(bySubject[c4]).toBeUndefined();

    // The key is compromised too, and the tenant was closed on Monday 17: the deadline moves to Thursday 20.
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { holidays: ["2025-03-17"] } });
    try {
      const upd = (await a.admin.client.ok(UpdateIncidentDocument, { id: rec.id, input: { ...input, apiKeyIds: [keyId], status: "NOTIFIED", anpdNotifiedAt: "2025-03-20T15:00:00Z" } })).updateIncident;
      expect(upd).toMatchObject({ status: "NOTIFIED", notificationDueAt: "2025-03-21T02:59:59.999Z", overdue: false, affectedSubjectCount: 3 });
      expect(upd.affectedSubjects.find((s) => s.clientId === c2)).toMatchObject({ accesses: 3 });
    } finally {
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { holidays: [] } });
    }

    const report = (await a.admin.client.ok(SecurityIncidentReportDocument, { id: rec.id })).securityIncidentReport;
    expect(report).toMatchObject({
      format: "atende.lgpd-incident/v1",
      controller: { name: a.name },
      deadline: { notificationDueAt: "2025-03-21T02:59:59.999Z", anpdNotifiedAt: "2025-03-20T15:00:00.000Z", withinDeadline: true },
      data: { categories: ["nome", "telefone"], touched: ["dados cadastrais (nome, contato, CPF/CNPJ)"] },
      subjects: { count: 3 },
    });
    expect(report.subjects.list.find((s: { clientId: string }) => s.clientId === c1)).toMatchObject({ name: "Ana Vazada", phone: "+5511912340001", erased: false });
    // The report holds the subjects' contacts: reading it is in the access log.
    const logs = (await a.admin.client.ok(AccessLogsWithAgentDocument, { clientId: c1 })).dataAccessLogs;
    expect(logs[0]).toMatchObject({ action: "incident.export", actor: { id: a.admin.id } });

    expect((await a.admin.client.ok(SecurityIncidentsDocument)).securityIncidents.map((i) => i.id)).toContain(rec.id);
    expect((await b.admin.client.ok(SecurityIncidentsDocument)).securityIncidents).toEqual([]);
    expect((await b.admin.client.fail(SecurityIncidentDocument, { id: rec.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(UpdateIncidentDocument, { id: rec.id, input })).extensions?.code).toBe("NOT_FOUND");
    for (const c of [a.supervisor.client, a.agent.client, a.integrator]) expect((await c.fail(SecurityIncidentsDocument)).extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses inconsistent incidents, naming the field", async () => {
    const base: IncidentInput = { title: "Teste", description: "Descrição", awareAt: "2025-03-14T19:30:00Z" };
    const bad = async (input: IncidentInput) => (await a.admin.client.fail(RecordIncidentDocument, { input })).extensions;
    expect(await bad({ ...base, occurredAt: "2025-03-15T00:00:00Z" })).toMatchObject({ code: "BAD_USER_INPUT", field: "occurredAt" });
    expect(await bad({ ...base, awareAt: new Date(Date.now() + 86_400_000).toISOString() })).toMatchObject({ code: "BAD_USER_INPUT", field: "awareAt" });
    expect(await bad({ ...base, actorIds: [b.agent.id] })).toMatchObject({ code: "BAD_USER_INPUT", field: "actorIds.0" });
    expect(await bad({ ...base, clientIds: ["nao-e-uuid"] })).toMatchObject({ code: "BAD_USER_INPUT", field: "clientIds.0" });
    expect(await bad({ ...base, title: "  " })).toMatchObject({ code: "BAD_USER_INPUT", field: "title" });
  });

  it("prefills the record of processing from what the platform does, follows it until edited, and exports JSON and HTML", async () => {
    const list = async (t: TestTenant = a) => (await t.admin.client.ok(ProcessingActivitiesDocument)).processingActivities;
    const first = await list();
    expect(first.map((x) => x.key)).toEqual(["support_conversations", "ai_processing", "document_ocr", "marketing", "crm_leads", "cnpj_lookup", "data_subject_rights", "access_logs"]);
    const ai = first.find((x) => x.key === "ai_processing")!;
    // No AI key on this server: the local rules classifier, nothing sent to third parties.
    expect(ai).toMatchObject({ recipients: [], internationalTransfer: null, customized: false });
    expect(ai.retention).toMatch(/localmente/);
    expect(first.find((x) => x.key === "marketing")!.legalBasis).toMatch(/Consentimento/);
    expect(first.find((x) => x.key === "support_conversations")!.recipients).toEqual([]);

    // Connecting WhatsApp and changing the retention show up in the rows the tenant never edited.
    // createInbox checks the credentials against the Evolution server.
    const evo = await startFakeEvolution({ instance: "x", apiKey: "k" });
    await a.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "x", apiKey: "k" } } }).finally(() => evo.close());
    const marketing = first.find((x) => x.key === "marketing")!;
    const edited = (await a.admin.client.ok(UpdateProcessingActivityDocument, { id: marketing.id, input: { retention: "Até 2 anos após a última compra <b>ou</b> a revogação.", recipients: ["Agência <Parceira> & Cia"] } })).updateProcessingActivity;
    expect(edited).toMatchObject({ customized: true, recipients: ["Agência <Parceira> & Cia"] });
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 45 } });
    try {
      const now = await list();
      const support = now.find((x) => x.key === "support_conversations")!;
      expect(support.recipients).toEqual([expect.stringMatching(/WhatsApp \(Meta Platforms\).*Evolution API/)]);
      expect(support.internationalTransfer).toMatch(/Meta Platforms/);
      expect(support.retention).toMatch(/45 dias/);
      expect(now.find((x) => x.key === "marketing")).toMatchObject({ retention: "Até 2 anos após a última compra <b>ou</b> a revogação.", customized: true });

      const json = (await a.supervisor.client.ok(ExportProcessingActivitiesDocument, { format: "JSON" })).exportProcessingActivities;
      expect(json).toMatchObject({ format: "JSON", contentType: "application/json" });
      expect(json.filename).toMatch(/^registro-de-tratamento-.+\.json$/);
      const doc = JSON.parse(json.content);
      expect(doc).toMatchObject({ format: "atende.lgpd-ropa/v1", controller: { name: a.name } });
      expect(doc.activities).toHaveLength(8);

      const html = (await a.admin.client.ok(ExportProcessingActivitiesDocument, { format: "HTML" })).exportProcessingActivities;
      expect(html.contentType).toBe("text/html; charset=utf-8");
      expect(html.content).toMatch(/^<!doctype html>/);
      expect(html.content).toContain("Registro das operações de tratamento");
      expect(html.content).toContain("Agência &lt;Parceira&gt; &amp; Cia");
      expect(html.content).toContain("&lt;b&gt;ou&lt;/b&gt;");
      expect(html.content).not.toContain("<Parceira>");
      // Deactivated activities leave the export.
      await a.admin.client.ok(UpdateProcessingActivityDocument, { id: marketing.id, input: { active: false } });
      expect(JSON.parse((await a.admin.client.ok(ExportProcessingActivitiesDocument, { format: "JSON" })).exportProcessingActivities.content).activities).toHaveLength(7);
    } finally {
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 90 } });
    }

    expect((await a.admin.client.fail(UpdateProcessingActivityDocument, { id: marketing.id, input: { purpose: "" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "purpose" });
    expect((await a.supervisor.client.fail(UpdateProcessingActivityDocument, { id: marketing.id, input: { name: "x" } })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.agent.client.fail(ProcessingActivitiesDocument)).extensions?.code).toBe("FORBIDDEN");
    expect((await b.admin.client.fail(UpdateProcessingActivityDocument, { id: marketing.id, input: { name: "x" } })).extensions?.code).toBe("NOT_FOUND");
    // Tenant B has its own record, untouched by A's edits.
    expect((await list(b)).find((x) => x.key === "marketing")).toMatchObject({ customized: false, active: true });
  });
});
