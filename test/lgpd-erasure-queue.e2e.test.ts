import { describe, expect, it } from "vitest";
import {
  ApproveDsrDocument, CreateClientDocument, DsrNoticesDocument, ExportClientDataDocument, GetClientDocument, GetSessionDocument, HandoffQueueDocument, ListHandoffsDocument,
  GetDocumentDocument, OnQueueUpdatedDocument, RequestDsrWithCorrectionsDocument, SetAccessPolicyDocument, SetAvailabilityDocument, UpdateTenantSettingsDocument, AccessLogsWithAgentDocument,
} from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

run("LGPD: erasure empties the queue first; access justification policy", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  it("an erased client's handoff leaves the queue (queueUpdated) and is never auto-assigned", async () => {
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 0, autoAssign: true, handoffKeywords: ["atendente"] } });
    // Nobody ONLINE: the handoff waits in the queue.
    const { clientId, sessionId } = await openSession(a.agent.client, "Carla Apagada");
    const { handoff } = await say(a.agent.client, sessionId, "quero falar com um atendente, por favor");
    expect(handoff?.status).toBe("PENDING");
    const keeper = await openSession(a.agent.client, "Fica na Fila");
    const kept = (await say(a.agent.client, keeper.sessionId, "preciso de um atendente")).handoff!;
    expect((await a.supervisor.client.ok(HandoffQueueDocument)).handoffQueue.map((h) => h.id)).toEqual([handoff!.id, kept.id]);

    const ws = wsClient(server.url, { Authorization: `Bearer ${a.supervisor.token}` });
    const queue = new Subscription(ws, OnQueueUpdatedDocument);
    const wsB = wsClient(server.url, { Authorization: `Bearer ${b.supervisor.token}` });
    const queueB = new Subscription(wsB, OnQueueUpdatedDocument);
    try {
      await Promise.all([queue.ready, queueB.ready]);
      const r = (await a.agent.client.ok(RequestDsrWithCorrectionsDocument, { input: { clientId, type: "DELETION" } })).requestDataSubjectAction;
      await a.admin.client.ok(ApproveDsrDocument, { id: r.id });
      const event = await queue.next(15_000);
      expect(event.queueUpdated).toMatchObject({ kind: "CANCELLED", queueLength: 1, handoff: { id: handoff!.id, status: "CANCELLED" } });
      await waitFor(async () => (await a.admin.client.ok(DsrNoticesDocument, { status: "COMPLETED" })).dataSubjectRequests.some((x) => x.id === r.id), 15_000, "erasure");
      expect(await queueB.none(300)).toEqual([]);
    } finally {
      queue.close();
      queueB.close();
      await ws.dispose();
      await wsB.dispose();
    }
    expect((await a.supervisor.client.ok(HandoffQueueDocument)).handoffQueue.map((h) => h.id)).toEqual([kept.id]);
    expect((await a.supervisor.client.ok(GetSessionDocument, { id: sessionId })).session).toMatchObject({ status: "CLOSED", handoff: { id: handoff!.id, status: "CANCELLED" } });

    // An agent comes ONLINE: auto-assignment takes the waiting handoff, never the erased client's.
    await a.agent.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    try {
      const all = (await a.supervisor.client.ok(ListHandoffsDocument, {})).handoffs.edges.map((e) => e.node);
      expect(all.find((h) => h.id === handoff!.id)).toMatchObject({ status: "CANCELLED", agent: null });
      expect(all.find((h) => h.id === kept.id)).toMatchObject({ status: "ASSIGNED", agent: { id: a.agent.id } });
    } finally {
      await a.agent.client.ok(SetAvailabilityDocument, { availability: "OFFLINE" });
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 15, autoAssign: false } });
    }
  });

  it("with requireAccessJustification, CPF/CNPJ, documents and exports need x-access-justification; the access log keeps reason, IP and user agent", async () => {
    const id = (await a.admin.client.ok(CreateClientDocument, { input: { name: "Lúcia Sigilo", document: "529.982.247-25" } })).createClient.id;
    const other = (await b.admin.client.ok(CreateClientDocument, { input: { name: "Outro Tenant", document: "390.533.447-05" } })).createClient.id;
    await a.admin.client.ok(SetAccessPolicyDocument, { on: true });
    try {
      // The name alone is not sensitive: consoles keep working without a header.
      expect((await a.agent.client.ok(`query($id: ID!) { client(id: $id) { name } }`, { id })).client.name).toBe("Lúcia Sigilo");
      for (const caller of [a.agent.client, a.supervisor.client, a.admin.client]) {
        const err = await caller.fail(GetClientDocument, { id });
        expect(err.extensions).toMatchObject({ code: "FORBIDDEN", reason: "JUSTIFICATION_REQUIRED", header: "x-access-justification" });
        expect(err.message).toMatch(/justificativa/);
      }
      expect((await a.agent.client.fail(GetClientDocument, { id }, { "x-access-justification": "ok" })).extensions?.reason).toBe("JUSTIFICATION_REQUIRED");
      expect((await a.supervisor.client.fail(ExportClientDataDocument, { clientId: id })).extensions?.reason).toBe("JUSTIFICATION_REQUIRED");
      expect((await a.supervisor.client.ok(ExportClientDataDocument, { clientId: id, justification: "pedido de portabilidade 2024-77" })).exportClientData.clientId).toBe(id);

      // A client's document (OCR text and fields) too.
      const [doc] = await server.app.ds.query(
        `INSERT INTO documents (tenant_id, client_id, filename, mime_type, size, kind, ocr_status, ocr_text, storage_key) VALUES ($1, $2, 'rg.png', 'image/png', 10, 'OTHER', 'DONE', 'RG 12.345.678-9', 'x') RETURNING id`,
        [a.id, id],
      );
      expect((await a.agent.client.fail(GetDocumentDocument, { id: doc.id })).extensions?.reason).toBe("JUSTIFICATION_REQUIRED");
      expect((await a.agent.client.ok(GetDocumentDocument, { id: doc.id }, { "x-access-justification": "análise de crédito do pedido 77" })).document?.ocrText).toBe("RG 12.345.678-9");

      const headers = { "x-access-justification": "conferência de cadastro, protocolo 991", "user-agent": "ConsoleAtende/2.1 (Linux)", "x-forwarded-for": "177.20.30.40" };
      expect((await a.agent.client.ok(GetClientDocument, { id }, headers)).client?.document).toBe("52998224725");
      const logs = (await a.admin.client.ok(AccessLogsWithAgentDocument, { clientId: id })).dataAccessLogs;
      expect(logs[0]).toMatchObject({ action: "client.read", justification: "conferência de cadastro, protocolo 991", ip: "177.20.30.40", userAgent: "ConsoleAtende/2.1 (Linux)", actor: { id: a.agent.id } });
      expect(logs.find((l) => l.action === "client.export")).toMatchObject({ justification: "pedido de portabilidade 2024-77" });

      // Another tenant's policy is its own.
      expect((await b.agent.client.ok(GetClientDocument, { id: other })).client?.document).toBe("39053344705");
    } finally {
      await a.admin.client.ok(SetAccessPolicyDocument, { on: false });
    }
    expect((await a.agent.client.ok(GetClientDocument, { id })).client?.document).toBe("52998224725");
  });
});
