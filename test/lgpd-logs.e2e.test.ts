import { describe, expect, it } from "vitest";
import {
  AuditLogsDocument, ConsentHistoryDocument, CreateClientDocument, DataAccessLogsDocument, ExportClientDataDocument, UpdateTenantSettingsDocument,
} from "./generated/graphql";
import { pollUntil, withPg } from "./support/lgpd";
import { countQueries } from "./support/query-counter";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";
import { RETENTION_JOB } from "../src/services/privacy/jobs";

const run = hasPostgres() ? describe : describe.skip;
const DAY = 86_400_000;

run("LGPD access log, audit log and retention", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  const newClient = async (t: TestTenant, name: string, phone?: string) => (await t.admin.client.ok(CreateClientDocument, { input: { name, phone } })).createClient.id;
  const logsOf = async (clientId: string) => (await a.admin.client.ok(DataAccessLogsDocument, { clientId, first: 100 })).dataAccessLogs;

  it("records who read a client's personal data, from where and why, once per request", async () => {
    const clientId = await newClient(a, "Lida Pereira", "(11) 91111-2222");
    const before = (await logsOf(clientId)).length;
    const headers = { "x-access-justification": "cliente ligou: protocolo 555", "x-forwarded-for": "189.40.1.2" };
    const r = await a.agent.client.ok(
      `query($id: ID!) { client(id: $id) { id name email phone document } again: client(id: $id) { name phone } clients(first: 100) { edges { node { id name } } } }`,
      { id: clientId },
      headers,
    );
    expect(r.client.name).toBe("Lida Pereira");
    const logs = await logsOf(clientId);
    expect(logs).toHaveLength(before + 1);
    expect(logs[0]).toMatchObject({ actor: { id: a.agent.id }, apiKeyId: null, clientId, action: "client.read", resource: `Client:${clientId}`, justification: "cliente ligou: protocolo 555", ip: "189.40.1.2" });

    // Only ids: nothing personal was read, nothing is logged.
    await a.agent.client.ok(`query($id: ID!) { client(id: $id) { id createdAt } }`, { id: clientId });
    expect(await logsOf(clientId)).toHaveLength(before + 1);

    // An integrator (API key) reading the name is logged with its key and no user.
    await a.integrator.ok(`query($id: ID!) { client(id: $id) { name } }`, { id: clientId });
    const byKey = (await logsOf(clientId))[0]!;
    expect(byKey).toMatchObject({ actor: null, action: "client.read", justification: null });
    expect(byKey.apiKeyId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes the entries of a 100-client list with a single INSERT", async () => {
    const t = await createTenant(server);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await t.agent.client.ok(CreateClientDocument, { input: { name: `Cliente ${i}` } })).createClient.id);
    const { result, queries } = await countQueries(server.app.ds, () => t.supervisor.client.ok(`{ clients(first: 100) { edges { node { id name email phone } } } }`));
    expect(result.clients.edges).toHaveLength(100);
    const inserts = queries.filter((q) => /INSERT INTO "data_access_logs"/.test(q));
    expect(inserts).toHaveLength(1);
    const logs = (await t.admin.client.ok(DataAccessLogsDocument, { first: 100 })).dataAccessLogs;
    const fromList = logs.filter((l) => l.actor?.id === t.supervisor.id);
    expect(fromList).toHaveLength(100);
    expect(new Set(fromList.map((l) => l.clientId))).toEqual(new Set(ids));
  });

  it("records exports (justification argument) and consent reads", async () => {
    const clientId = await newClient(a, "Exportável");
    await a.admin.client.ok(ExportClientDataDocument, { clientId, justification: "pedido de portabilidade #42" }, { "x-forwarded-for": "200.1.1.1" });
    await a.supervisor.client.ok(ExportClientDataDocument, { clientId }, { "x-access-justification": "auditoria interna" });
    await a.agent.client.ok(ConsentHistoryDocument, { clientId });
    const logs = await logsOf(clientId);
    expect(logs.map((l) => [l.action, l.justification])).toEqual(
      expect.arrayContaining([["client.export", "pedido de portabilidade #42"], ["client.export", "auditoria interna"], ["consent.read", null]]),
    );
    expect(logs.find((l) => l.justification === "pedido de portabilidade #42")).toMatchObject({ ip: "200.1.1.1", actor: { id: a.admin.id }, resource: `Client:${clientId}` });
  });

  it("dataAccessLogs: ADMIN only, bounded, scoped to the tenant", async () => {
    const clientId = await newClient(a, "Escopo");
    await a.agent.client.ok(`query($id: ID!) { client(id: $id) { name } }`, { id: clientId });
    for (const c of [a.supervisor.client, a.agent.client, a.integrator]) expect((await c.fail(DataAccessLogsDocument, { clientId })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.admin.client.fail(DataAccessLogsDocument, { first: 101 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect((await a.admin.client.ok(DataAccessLogsDocument, { first: 2 })).dataAccessLogs).toHaveLength(2);
    expect((await b.admin.client.fail(DataAccessLogsDocument, { clientId })).extensions?.code).toBe("NOT_FOUND");
    const bLogs = (await b.admin.client.ok(DataAccessLogsDocument, { first: 100 })).dataAccessLogs;
    expect(bLogs.some((l) => l.clientId === clientId)).toBe(false);
  });

  it("auditLogs: ADMIN only, newest first, bounded, with the actor", async () => {
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { agentCapacity: 4 } });
    const logs = (await a.admin.client.ok(AuditLogsDocument, {})).auditLogs;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.length).toBeLessThanOrEqual(20);
    expect(logs[0]).toMatchObject({ event: "settings.updated", severity: "info", actor: { id: a.admin.id } });
    const times = logs.map((l) => Date.parse(l.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(logs.some((l) => l.event === "tenant.created")).toBe(true);
    expect((await a.admin.client.fail(AuditLogsDocument, { first: 101 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    for (const c of [a.supervisor.client, a.agent.client, a.integrator]) expect((await c.fail(AuditLogsDocument, {})).extensions?.code).toBe("FORBIDDEN");
    const bLogs = (await b.admin.client.ok(AuditLogsDocument, { first: 100 })).auditLogs;
    expect(bLogs.some((l) => l.event === "settings.updated" && l.actor?.id === a.admin.id)).toBe(false);
  });

  it("the database keeps access log entries immutable and refuses to delete any younger than 6 months", async () => {
    const clientId = await newClient(a, "Marco Civil");
    await a.agent.client.ok(`query($id: ID!) { client(id: $id) { name } }`, { id: clientId });
    await withPg(server, async (pg) => {
      const count = async () => (await pg.query(`SELECT count(*)::int AS n FROM data_access_logs WHERE client_id = $1`, [clientId])).rows[0].n as number;
      const n = await count();
      expect(n).toBeGreaterThan(0);
      await expect(pg.query(`DELETE FROM data_access_logs WHERE client_id = $1`, [clientId])).rejects.toThrow(/at least 6 months/);
      await expect(pg.query(`UPDATE data_access_logs SET ip = NULL WHERE client_id = $1`, [clientId])).rejects.toThrow(/at least 6 months/);
      await expect(pg.query(`TRUNCATE data_access_logs`)).rejects.toThrow(/at least 6 months/);
      // Older than 6 months may go (a purge may be added one day).
      await pg.query(`INSERT INTO data_access_logs (tenant_id, client_id, action, resource, created_at) VALUES ($1, $2, 'client.read', 'old', now() - interval '7 months')`, [a.id, clientId]);
      expect((await pg.query(`DELETE FROM data_access_logs WHERE resource = 'old'`)).rowCount).toBe(1);
      expect(await count()).toBe(n);
    });
  });

  it("runs registered retention handlers per tenant with the tenant's cut-off, through the scheduled job", async () => {
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 30 } });
    const calls: Array<{ tenantId: string; olderThan: Date }> = [];
    const registry = server.app.services.personalData;
    registry.registerRetention("testSessions", async (em, tenantId, olderThan) => {
      calls.push({ tenantId, olderThan });
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM clients WHERE tenant_id = $1 AND created_at < $2`, [tenantId, olderThan]);
      return n;
    });
    // A careless handler cannot take young access logs with it; it fails alone.
    registry.registerRetention("testCareless", async (em, tenantId) => {
      await em.query(`DELETE FROM data_access_logs WHERE tenant_id = $1`, [tenantId]);
      return 1;
    });
    try {
      const countLogs = () => withPg(server, async (pg) => (await pg.query(`SELECT count(*)::int AS n FROM data_access_logs WHERE tenant_id = $1`, [a.id])).rows[0].n as number);
      const logsBefore = await countLogs();
      expect(logsBefore).toBeGreaterThan(0);

      const started = Date.now();
      const report = await server.app.services.retention.run();
      expect(report.affected.testSessions).toBe(0);
      expect(report.failures).toBeGreaterThanOrEqual(2); // testCareless, for a and b at least
      const forA = calls.find((c) => c.tenantId === a.id)!;
      const forB = calls.find((c) => c.tenantId === b.id)!;
      expect(Math.abs(forA.olderThan.getTime() - (started - 30 * DAY))).toBeLessThan(10_000);
      expect(Math.abs(forB.olderThan.getTime() - (started - 90 * DAY))).toBeLessThan(10_000);
      expect(await countLogs()).toBe(logsBefore);

      // The same through the job queue, as the hourly schedule runs it.
      calls.length = 0;
      await server.app.jobs.enqueue(RETENTION_JOB, {});
      await pollUntil(async () => calls.some((c) => c.tenantId === a.id));
      expect(await countLogs()).toBe(logsBefore);
    } finally {
      registry.unregister("testSessions");
      registry.unregister("testCareless");
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 90 } });
    }
  });
});
