import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InProcessJobQueue } from "../src/infra/jobs";
import { ScheduledReports } from "../src/services/analytics/scheduled-reports";
import { CreateInboxDocument } from "./generated/graphql";
import { startFakeEvolution, type FakeEvolution } from "./support/fake-whatsapp";
import { startSmtpSink, type SmtpSink } from "./support/mail-servers";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;
const SET = `mutation($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }`;
const GET = `{ scheduledReport { id frequency time email whatsappTo lastSentAt lastError } }`;

run("scheduled reports by e-mail and WhatsApp", () => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  let tenantSmtp: SmtpSink;
  let platformSmtp: SmtpSink;
  let evo: FakeEvolution;
  const jobs = () => server.app.services.infra.jobs as InProcessJobQueue;

  beforeAll(async () => {
    [tenantSmtp, platformSmtp, evo] = [await startSmtpSink(), await startSmtpSink(), await startFakeEvolution()];
    evo.state = "open";
    server = await startTestServer({ env: { PLATFORM_SMTP_URL: `smtp://127.0.0.1:${platformSmtp.port}`, REPORTS_MAIL_FROM: "relatorios@atende.exemplo.com.br" } });
    t = await createTenant(server, "Loja Relatório");
    other = await createTenant(server, "Outra Loja");
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([tenantSmtp?.close(), platformSmtp?.close(), evo?.close()]);
  });

  it("computes the period of a daily and a weekly report in the tenant's time zone", () => {
    const weekly = { frequency: "WEEKLY" as const, weekday: 1, time: "08:00" };
    expect(ScheduledReports.period(weekly, "America/Sao_Paulo", new Date("2026-03-09T11:30:00Z"))).toEqual({
      occurrence: new Date("2026-03-09T11:00:00Z"), start: new Date("2026-03-02T03:00:00Z"), end: new Date("2026-03-09T03:00:00Z"), previousStart: new Date("2026-02-23T03:00:00Z"),
    });
    // Monday 07:30 in São Paulo: this week's has not come yet, last week's is the latest.
    expect(ScheduledReports.period(weekly, "America/Sao_Paulo", new Date("2026-03-09T10:30:00Z")).occurrence).toEqual(new Date("2026-03-02T11:00:00Z"));
    const daily = ScheduledReports.period({ frequency: "DAILY", weekday: null, time: "07:00" }, "America/Sao_Paulo", new Date("2026-03-08T02:00:00Z")); // Sat 23:00 local
    expect(daily).toEqual({ occurrence: new Date("2026-03-07T10:00:00Z"), start: new Date("2026-03-06T03:00:00Z"), end: new Date("2026-03-07T03:00:00Z"), previousStart: new Date("2026-03-05T03:00:00Z") });
  });

  it("validates the settings and lets only admins set them", async () => {
    expect((await t.supervisor.client.fail(SET, { input: { frequency: "DAILY", time: "08:00", email: "dono@loja.com.br" } })).extensions?.code).toBe("FORBIDDEN");
    expect((await t.agent.client.fail(GET)).extensions?.code).toBe("FORBIDDEN");
    expect((await t.admin.client.fail(SET, { input: { frequency: "DAILY", time: "25:00", email: "dono@loja.com.br" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "time" });
    expect((await t.admin.client.fail(SET, { input: { frequency: "DAILY", time: "08:00" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
    expect((await t.admin.client.fail(SET, { input: { frequency: "DAILY", time: "08:00", whatsappTo: "5511999998888" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inboxId" });
    expect((await t.admin.client.fail(SET, { input: { frequency: "WEEKLY", weekday: 9, time: "08:00", email: "dono@loja.com.br" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "weekday" });
  });

  it("sends the last day's measures against the day before, once, by the tenant's e-mail inbox and WhatsApp", async () => {
    await t.admin.client.ok(CreateInboxDocument, { input: { name: "Atendimento", provider: "EMAIL", email: { address: "atendimento@loja-relatorio.com.br", smtp: { host: "127.0.0.1", port: tenantSmtp.port } } } });
    const wa = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: evo.instance, apiKey: evo.apiKey } } })).createInbox.inbox;
    const set = (await t.admin.client.ok(SET, { input: { frequency: "DAILY", time: "00:00", email: "dono@loja.com.br", whatsappTo: "+55 11 99999-8888".replace(/\D/g, ""), inboxId: wa.id } })).setScheduledReport;
    expect(set).toMatchObject({ frequency: "DAILY", weekday: null, time: "00:00", email: "dono@loja.com.br", whatsappTo: "5511999998888", inboxId: wa.id, enabled: true, lastSentAt: null });
    expect((await t.supervisor.client.ok(GET)).scheduledReport.id).toBe(set.id);

    // Yesterday (São Paulo) had 3 conversations, the day before 1.
    const p = ScheduledReports.period({ frequency: "DAILY", weekday: null, time: "00:00" }, "America/Sao_Paulo", new Date());
    const [{ id: clientId }] = await server.app.ds.query(`INSERT INTO clients (tenant_id, name) VALUES ($1, 'Cliente') RETURNING id`, [t.id]);
    const noon = (start: Date) => new Date(start.getTime() + 12 * 3600_000);
    for (const [i, when] of [noon(p.start), noon(p.start), noon(p.start), noon(p.previousStart)].entries()) {
      await server.app.ds.query(`INSERT INTO sessions (tenant_id, client_id, channel, status, inbox_key, created_at, updated_at) VALUES ($1, $2, 'WEB', 'CLOSED', $3, $4, $4)`, [t.id, clientId, `r${i}`, when]);
    }
    // Set up "before" this occurrence, as if it had been there for a while.
    await server.app.ds.query(`UPDATE scheduled_reports SET created_at = now() - interval '3 days' WHERE id = $1`, [set.id]);

    expect(await server.app.services.scheduledReports.sweep()).toBe(1);
    await jobs().idle();
    expect(tenantSmtp.mails).toHaveLength(1);
    const mail = tenantSmtp.mails[0]!;
    expect(mail.envelopeTo).toEqual(["dono@loja.com.br"]);
    expect(mail.from?.value[0]?.address).toBe("atendimento@loja-relatorio.com.br");
    expect(mail.subject).toMatch(/^Relatório diário de atendimento — \d{2}\/\d{2}\/\d{4}$/);
    expect(mail.text).toContain("Relatório diário — Loja Relatório");
    expect(mail.text).toContain("Conversas: 3 (▲ 200% vs 1)");
    const sent = evo.sent.filter((s) => s.number === "5511999998888");
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.text)).toContain("Conversas: 3 (▲ 200% vs 1)");
    expect((await t.admin.client.ok(GET)).scheduledReport).toMatchObject({ lastError: null, lastSentAt: expect.any(String) });

    // The same period is never sent twice.
    expect(await server.app.services.scheduledReports.sweep()).toBe(0);
    await server.app.services.scheduledReports.send({ reportId: set.id, start: p.start.toISOString(), end: p.end.toISOString(), previousStart: p.previousStart.toISOString() }, 1);
    await jobs().idle();
    expect(tenantSmtp.mails).toHaveLength(1);
    expect(evo.sent.filter((s) => s.number === "5511999998888")).toHaveLength(1);
  });

  it("uses the platform's SMTP for a tenant without an e-mail inbox, and only that tenant's numbers", async () => {
    const set = (await other.admin.client.ok(SET, { input: { frequency: "WEEKLY", weekday: 1, time: "08:00", email: "gerente@outra.com.br" } })).setScheduledReport;
    await server.app.ds.query(`UPDATE scheduled_reports SET created_at = now() - interval '30 days' WHERE id = $1`, [set.id]);
    await server.app.services.scheduledReports.sweep();
    await jobs().idle();
    expect(platformSmtp.mails).toHaveLength(1);
    expect(platformSmtp.mails[0]!.from?.value[0]?.address).toBe("relatorios@atende.exemplo.com.br");
    expect(platformSmtp.mails[0]!.text).toContain("Relatório semanal — Outra Loja");
    expect(platformSmtp.mails[0]!.text).toContain("Conversas: 0 (antes: 0)");
    expect(tenantSmtp.mails).toHaveLength(1);
  });
});
