import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExportUrls } from "../src/services/analytics/export-urls";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import type { GqlClient } from "./support/gql";
import { PERIOD, seedAnalytics } from "./support/analytics-seed";

const run = hasPostgres() ? describe : describe.skip;
const START = `mutation($input: ExportInput!) { startExport(input: $input) { id status kind format personalData rows url } }`;
const GET = `query($id: ID!) { analyticsExport(id: $id) { id status rows url urlExpiresAt personalData error } }`;
const ENCRYPTION_KEY = crypto.randomBytes(32).toString("hex");

run("analytics exports: streamed files, personal data by role, signed expiring links", () => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    server = await startTestServer({ env: { ENCRYPTION_KEY, EXPORT_URL_TTL_SECONDS: "120" } });
    t = await createTenant(server);
    other = await createTenant(server);
    await seedAnalytics(server.app.ds, t.id, { a: t.agent.id, b: t.agent2.id });
  });
  afterAll(async () => server?.close());

  async function exported(client: GqlClient, input: Record<string, unknown>) {
    const started = (await client.ok(START, { input: { ...PERIOD, ...input } })).startExport;
    expect(started.status).toMatch(/PENDING|RUNNING|DONE/);
    for (let i = 0; i < 200; i++) {
      const e = (await client.ok(GET, { id: started.id })).analyticsExport;
      if (e.status === "DONE" || e.status === "FAILED") return e;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("export did not finish");
  }
  const download = async (url: string) => {
    const res = await fetch(`${server.url}${url}`);
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };

  it("exports conversations as CSV with the client's contact for supervisors, and without it for integrators", async () => {
    const e = await exported(t.supervisor.client, { kind: "CONVERSATIONS", format: "CSV" });
    expect(e).toMatchObject({ status: "DONE", rows: 4, personalData: true, error: null });
    expect(new Date(e.urlExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(121_000);
    const file = await download(e.url);
    expect(file.status).toBe(200);
    expect(file.type).toContain("text/csv");
    const lines = file.body.trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain("client_phone");
    expect(file.body).toContain("+5511987654321");
    expect(file.body).toContain("maria@cliente.com.br");

    const i = await exported(t.integrator, { kind: "CONVERSATIONS", format: "CSV" });
    expect(i).toMatchObject({ status: "DONE", rows: 4, personalData: false });
    const plain = await download(i.url);
    expect(plain.body.split("\r\n")[0]).not.toMatch(/client_(name|phone|email)/);
    expect(plain.body).not.toContain("+5511987654321");
    expect(plain.body).not.toContain("Maria");

    // Every export is in the data access log.
    const logged = await server.app.ds.query(`SELECT action, resource FROM data_access_logs WHERE tenant_id = $1 AND resource LIKE 'Export:%' ORDER BY created_at`, [t.id]);
    expect(logged).toEqual([
      { action: "analytics.export.personal", resource: `Export:${e.id}:CONVERSATIONS` },
      { action: "analytics.export", resource: `Export:${i.id}:CONVERSATIONS` },
    ]);
  });

  it("refuses agents, and keeps exports to their tenant", async () => {
    expect((await t.agent.client.fail(START, { input: { ...PERIOD, kind: "TICKETS", format: "CSV" } })).extensions?.code).toBe("FORBIDDEN");
    const e = await exported(t.admin.client, { kind: "TICKETS", format: "JSON", filter: { channels: ["WEB"] } });
    expect(e.rows).toBe(1);
    expect((await other.admin.client.fail(GET, { id: e.id })).extensions?.code).toBe("NOT_FOUND");
    const theirs = (await other.admin.client.ok(`{ exports(first: 10) { totalCount edges { node { id } } } }`)).exports;
    expect(theirs.totalCount).toBe(0);
    const mine = (await t.admin.client.ok(`{ exports(first: 10) { totalCount edges { node { id kind status } } } }`)).exports;
    expect(mine.edges.map((x: { node: { id: string } }) => x.node.id)).toContain(e.id);
    // A supervisor lists only their own.
    const sup = (await t.supervisor.client.ok(`{ exports(first: 10) { edges { node { id } } } }`)).exports;
    expect(sup.edges.map((x: { node: { id: string } }) => x.node.id)).not.toContain(e.id);
  });

  it("exports messages' metadata, surveys and the measures as JSON and CSV", async () => {
    const m = await exported(t.supervisor.client, { kind: "MESSAGES", format: "JSON" });
    const rows = JSON.parse((await download(m.url)).body);
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0])).not.toContain("text");
    expect(rows[0]).toMatchObject({ direction: "INBOUND", sender: "CLIENT" });

    const s = await exported(t.supervisor.client, { kind: "SURVEYS", format: "JSON", filter: { channels: ["WEB"] } });
    expect(JSON.parse((await download(s.url)).body).map((r: { kind: string; score: number | null }) => [r.kind, r.score])).toEqual([["CSAT", null], ["CSAT", 3]]);

    const measures = await exported(t.integrator, { kind: "MEASURES", format: "CSV", granularity: "DAY" });
    const lines = (await download(measures.url)).body.trim().split("\r\n");
    expect(lines[0]!.startsWith("bucket,bucket_local,conversations,messagesIn")).toBe(true);
    expect(lines.slice(1).map((l) => l.split(",").slice(1, 3))).toEqual([["2026-03-06T00:00", "2"], ["2026-03-07T00:00", "1"], ["2026-03-08T00:00", "1"], ["2026-03-09T00:00", "0"]]);
  });

  it("pages through thousands of rows without losing or repeating one", async () => {
    const [{ id: sessionId }] = await server.app.ds.query(`SELECT id FROM sessions WHERE tenant_id = $1 LIMIT 1`, [t.id]);
    await server.app.ds.query(
      `INSERT INTO messages (tenant_id, session_id, direction, sender, text, created_at, updated_at)
       SELECT $1, $2, 'INBOUND', 'CLIENT', 'x', '2026-05-01T00:00:00Z'::timestamptz + (g / 3) * interval '1 second', now() FROM generate_series(1, 4500) g`,
      [t.id, sessionId],
    );
    const e = await exported(t.integrator, { kind: "MESSAGES", format: "CSV", from: "2026-05-01T00:00:00Z", to: "2026-05-02T00:00:00Z" });
    expect(e.rows).toBe(4500);
    const ids = (await download(e.url)).body.trim().split("\r\n").slice(1).map((l) => l.split(",")[0]);
    expect(new Set(ids).size).toBe(4500);
  });

  it("serves a file only through an unexpired, untampered link of its tenant", async () => {
    const e = await exported(t.supervisor.client, { kind: "TICKETS", format: "CSV" });
    const url = new URL(e.url, server.url);
    expect((await download(e.url)).status).toBe(200);
    const sig = url.searchParams.get("sig")!;
    const exp = Number(url.searchParams.get("exp"));
    const tampered = [
      `/exports/${e.id}?exp=${exp + 1000}&sig=${sig}`,
      `/exports/${e.id}?exp=${exp}&sig=${sig.slice(0, -2)}${sig.endsWith("A") ? "BB" : "AA"}`,
      `/exports/${e.id}?exp=${exp}`,
      `/exports/${crypto.randomUUID()}?exp=${exp}&sig=${sig}`,
    ];
    for (const path of tampered) expect((await download(path)).status).toBe(404);
    // A link signed with the server's key but already expired.
    const urls = new ExportUrls(Buffer.from(ENCRYPTION_KEY, "hex"), null, 120);
    expect((await download(urls.url(e.id, t.id, Date.now() - 3600_000).url)).status).toBe(404);
    expect((await download(urls.url(e.id, t.id).url)).status).toBe(200);
    // Signed for another tenant: refused.
    expect((await download(urls.url(e.id, other.id).url)).status).toBe(404);
  });
});
