import { describe, expect, it } from "vitest";
import {
  ApproveDataSubjectRequestDocument, AuditLogsDocument, CreateClientDocument, DataSubjectRequestsDocument, GetClientDocument, RejectDataSubjectRequestDocument,
  RequestDataSubjectActionDocument, UpdateTenantSettingsDocument, type DataSubjectRequestType,
} from "./generated/graphql";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;
const DAY = 86_400_000;
const ART_16 = "Recusa parcial: dados mantidos para cumprimento de obrigação legal (LGPD Art. 16, I) — notas fiscais por 5 anos.";

run("LGPD data-subject requests", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  const newClient = async (t: TestTenant, name = "Titular") => (await t.agent.client.ok(CreateClientDocument, { input: { name } })).createClient.id;
  const request = (t: TestTenant, clientId: string, type: DataSubjectRequestType, reason: string | null = "pedido feito pelo titular no chat") =>
    t.agent.client.ok(RequestDataSubjectActionDocument, { input: { clientId, type, reason } }).then((r) => r.requestDataSubjectAction);

  it("answers ACCESS and EXPORT at once, with the 15-day due date of Art. 19", async () => {
    const clientId = await newClient(a);
    for (const type of ["ACCESS", "EXPORT"] as const) {
      const r = await request(a, clientId, type);
      expect(r).toMatchObject({ type, status: "COMPLETED", client: { id: clientId }, executeAfter: null });
      expect(Date.parse(r.dueAt) - Date.parse(r.createdAt)).toBe(15 * DAY);
      expect(r.completedAt).not.toBeNull();
    }
  });

  it("keeps DELETION pending until an ADMIN approves; other roles are FORBIDDEN", async () => {
    const clientId = await newClient(a);
    const r = await request(a, clientId, "DELETION");
    expect(r).toMatchObject({ status: "PENDING", executeAfter: null, completedAt: null, reason: "pedido feito pelo titular no chat" });
    expect(Date.parse(r.dueAt) - Date.parse(r.createdAt)).toBe(15 * DAY);
    for (const caller of [a.agent.client, a.supervisor.client, a.integrator]) {
      expect((await caller.fail(ApproveDataSubjectRequestDocument, { id: r.id })).extensions?.code).toBe("FORBIDDEN");
      expect((await caller.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: ART_16 })).extensions?.code).toBe("FORBIDDEN");
    }
    // A second deletion request for the same client while one is open.
    expect((await a.agent.client.fail(RequestDataSubjectActionDocument, { input: { clientId, type: "DELETION" } })).extensions?.code).toBe("CONFLICT");

    const before = Date.now();
    const approved = (await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: r.id })).approveDataSubjectRequest;
    // Default grace period: 15 days; nothing runs before that.
    expect(approved.status).toBe("APPROVED");
    const executeAfter = Date.parse(approved.executeAfter!);
    expect(executeAfter).toBeGreaterThanOrEqual(before + 15 * DAY - 1000);
    expect(executeAfter).toBeLessThanOrEqual(Date.now() + 15 * DAY + 1000);
    expect((await a.admin.client.fail(ApproveDataSubjectRequestDocument, { id: r.id })).extensions?.code).toBe("CONFLICT");
    expect((await a.admin.client.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: ART_16 })).extensions?.code).toBe("CONFLICT");
  });

  it("with a grace period does not erase early, and the sweep erases once the time has come", async () => {
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 2 } });
    try {
      const clientId = await newClient(a, "Ainda Aqui");
      const r = await request(a, clientId, "DELETION");
      const approved = (await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: r.id })).approveDataSubjectRequest;
      expect(Date.parse(approved.executeAfter!) - Date.now()).toBeGreaterThan(2 * DAY - 60_000);
      const { erasure } = server.app.services;
      expect(await erasure.execute(r.id)).toBe("skipped");
      expect(await erasure.sweep()).toBe(0);
      expect((await a.agent.client.ok(GetClientDocument, { id: clientId })).client?.name).toBe("Ainda Aqui");
      const stillApproved = (await a.admin.client.ok(DataSubjectRequestsDocument, { status: "APPROVED" })).dataSubjectRequests.find((x) => x.id === r.id);
      expect(stillApproved?.completedAt).toBeNull();

      // Two days later (simulated clock), the minute sweep picks it up.
      expect(await erasure.sweep(new Date(Date.parse(approved.executeAfter!) + 1000))).toBeGreaterThanOrEqual(1);
      const done = (await a.admin.client.ok(DataSubjectRequestsDocument, { status: "COMPLETED" })).dataSubjectRequests.find((x) => x.id === r.id);
      expect(done).toMatchObject({ status: "COMPLETED", client: null });
      expect((await a.agent.client.fail(GetClientDocument, { id: clientId })).extensions?.code).toBe("NOT_FOUND");
    } finally {
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 15 } });
    }
  });

  it("completes RECTIFICATION on approval", async () => {
    const clientId = await newClient(a);
    const r = await request(a, clientId, "RECTIFICATION", "e-mail errado");
    const approved = (await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: r.id })).approveDataSubjectRequest;
    expect(approved).toMatchObject({ status: "COMPLETED", executeAfter: null });
    expect(approved.completedAt).not.toBeNull();
  });

  it("rejects only with a legal reason, once", async () => {
    const clientId = await newClient(a);
    const r = await request(a, clientId, "DELETION");
    const empty = await a.admin.client.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: "   " });
    expect(empty.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    expect((await a.admin.client.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: "não" })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const rejected = (await a.admin.client.ok(RejectDataSubjectRequestDocument, { id: r.id, reason: ART_16 })).rejectDataSubjectRequest;
    expect(rejected).toMatchObject({ status: "REJECTED", decisionReason: ART_16, executeAfter: null });
    expect((await a.admin.client.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: ART_16 })).extensions?.code).toBe("CONFLICT");
    expect((await a.admin.client.fail(ApproveDataSubjectRequestDocument, { id: r.id })).extensions?.code).toBe("CONFLICT");
    // Rejected, so a new deletion request may be made.
    expect((await request(a, clientId, "DELETION")).status).toBe("PENDING");
  });

  it("audits requests, approvals and rejections without personal data", async () => {
    const clientId = await newClient(a, "Auditada Silva");
    const del = await request(a, clientId, "DELETION", "Sou Auditada Silva, apaguem tudo");
    const rect = await request(a, clientId, "RECTIFICATION");
    await a.admin.client.ok(RejectDataSubjectRequestDocument, { id: del.id, reason: ART_16 });
    await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: rect.id });
    const audit = (await a.admin.client.ok(AuditLogsDocument, { first: 100 })).auditLogs;
    const about = (id: string) => audit.filter((e) => e.detail?.requestId === id).map((e) => [e.event, e.severity]);
    expect(about(del.id)).toEqual(expect.arrayContaining([["lgpd.request_created", "warning"], ["lgpd.request_rejected", "warning"]]));
    expect(about(rect.id)).toEqual(expect.arrayContaining([["lgpd.request_created", "info"], ["lgpd.request_approved", "warning"]]));
    const approval = audit.find((e) => e.event === "lgpd.request_approved" && e.detail?.requestId === rect.id);
    expect(approval?.actor?.id).toBe(a.admin.id);
    expect(JSON.stringify(audit)).not.toMatch(/Auditada|Silva/);
  });

  it("lists by status and isolates tenants", async () => {
    const clientId = await newClient(a);
    const r = await request(a, clientId, "DELETION");
    const pending = (await a.supervisor.client.ok(DataSubjectRequestsDocument, { status: "PENDING" })).dataSubjectRequests;
    expect(pending.every((x) => x.status === "PENDING")).toBe(true);
    expect(pending.map((x) => x.id)).toContain(r.id);
    const all = (await a.integrator.ok(DataSubjectRequestsDocument, {})).dataSubjectRequests;
    expect(all.map((x) => x.id)).toContain(r.id);

    expect((await b.admin.client.ok(DataSubjectRequestsDocument, {})).dataSubjectRequests).toEqual([]);
    expect((await b.admin.client.fail(ApproveDataSubjectRequestDocument, { id: r.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(RejectDataSubjectRequestDocument, { id: r.id, reason: ART_16 })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.agent.client.fail(RequestDataSubjectActionDocument, { input: { clientId, type: "ACCESS" } })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(ApproveDataSubjectRequestDocument, { id: "nope" })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.ok(AuditLogsDocument, {})).auditLogs.some((e) => e.detail?.requestId === r.id)).toBe(false);
  });
});
