import { describe, expect, it } from "vitest";
import { TenantSettingsDocument, UpdateTenantSettingsDocument } from "./generated/graphql";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

run("tenant settings", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  it("starts with the documented defaults: always open, no auto-assignment, 90/15 days", async () => {
    const s = (await a.admin.client.ok(TenantSettingsDocument)).tenantSettings;
    expect(s).toMatchObject({ timezone: "America/Sao_Paulo", businessHours: [], holidays: [], autoAssign: false, retentionDays: 90, deletionGraceDays: 15, aiProvider: "rules", requireAiConsent: false });
    expect(s.outOfHoursMessage).toMatch(/horário/);
  });

  it("updates only what is sent, per tenant", async () => {
    const u = (await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { businessHours: [{ weekday: 1, opens: "08:00", closes: "18:00" }], holidays: ["2026-12-25"], handoffKeywords: [" Gerente ", "gerente"], deletionGraceDays: 0, autoAssign: true, agentCapacity: 2 } })).updateTenantSettings;
    expect(u).toMatchObject({ businessHours: [{ weekday: 1, opens: "08:00", closes: "18:00" }], holidays: ["2026-12-25"], handoffKeywords: ["gerente"], deletionGraceDays: 0, autoAssign: true, agentCapacity: 2, retentionDays: 90 });
    const again = (await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 30 } })).updateTenantSettings;
    expect(again).toMatchObject({ retentionDays: 30, deletionGraceDays: 0, autoAssign: true });
    expect((await b.admin.client.ok(TenantSettingsDocument)).tenantSettings).toMatchObject({ retentionDays: 90, autoAssign: false });
  });

  it.each([
    [{ timezone: "Marte/Olympus" }, "timezone"],
    [{ businessHours: [{ weekday: 7, opens: "08:00", closes: "18:00" }] }, "businessHours.0.weekday"],
    [{ businessHours: [{ weekday: 1, opens: "8h", closes: "18:00" }] }, "businessHours.0.opens"],
    [{ businessHours: [{ weekday: 1, opens: "18:00", closes: "08:00" }] }, "businessHours.0.closes"],
    [{ holidays: ["25/12/2026"] }, "holidays.0"],
    [{ aiProvider: "skynet" }, "aiProvider"],
    [{ aiProvider: "openai" }, "aiProvider"],
    [{ deletionGraceDays: -1 }, "deletionGraceDays"],
    [{ agentCapacity: 0 }, "agentCapacity"],
    [{ inactivityTimeoutMinutes: 0 }, "inactivityTimeoutMinutes"],
  ])("rejects %j naming %s", async (input, field) => {
    const err = await a.admin.client.fail(UpdateTenantSettingsDocument, { input: input as never });
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("is ADMIN-only to change", async () => {
    for (const c of [a.supervisor.client, a.agent.client, a.integrator]) {
      expect((await c.fail(UpdateTenantSettingsDocument, { input: { autoAssign: true } })).extensions?.code).toBe("FORBIDDEN");
    }
    expect((await a.agent.client.fail(TenantSettingsDocument)).extensions?.code).toBe("FORBIDDEN");
  });
});
