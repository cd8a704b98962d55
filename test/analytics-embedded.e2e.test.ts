import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { PERIOD, seedAnalytics } from "./support/analytics-seed";

/** The embedded default (PGlite, in-process jobs, local files): the same SQL and the same export path. */
describe("analytics on the embedded database", () => {
  let server: TestServer;
  let t: TestTenant;
  beforeAll(async () => {
    server = await startTestServer({ database: "pglite" });
    t = await createTenant(server);
    await seedAnalytics(server.app.ds, t.id, { a: t.agent.id, b: t.agent2.id });
  }, 120_000);
  afterAll(async () => server?.close());

  it("computes the same measures and streams an export", async () => {
    const r = (await t.supervisor.client.ok(`query($i: AnalyticsInput!) { analytics(input: $i) { series { bucketLabel measures { conversations } } totals { conversations messagesIn messagesOut waitP90Seconds slaCompliance nps aiCostBrl } } }`, { i: { ...PERIOD, granularity: "DAY" } })).analytics;
    expect(r.totals).toEqual({ conversations: 4, messagesIn: 5, messagesOut: 3, waitP90Seconds: 552, slaCompliance: 0.5, nps: 33.3, aiCostBrl: 0.035 });
    expect(r.series.map((p: { measures: { conversations: number } }) => p.measures.conversations)).toEqual([2, 1, 1, 0]);
    const started = (await t.supervisor.client.ok(`mutation($i: ExportInput!) { startExport(input: $i) { id } }`, { i: { ...PERIOD, kind: "CONVERSATIONS", format: "JSON" } })).startExport;
    let e: { status: string; url: string; rows: number } | null = null;
    for (let i = 0; i < 200 && e?.status !== "DONE"; i++) {
      await new Promise((res) => setTimeout(res, 50));
      e = (await t.supervisor.client.ok(`query($id: ID!) { analyticsExport(id: $id) { status url rows } }`, { id: started.id })).analyticsExport;
    }
    expect(e).toMatchObject({ status: "DONE", rows: 4 });
    const body = (await (await fetch(`${server.url}${e!.url}`)).json()) as Array<{ client_phone: string }>;
    expect(body).toHaveLength(4);
    expect(body[0].client_phone).toMatch(/^\+55/);
  }, 60_000);
});
